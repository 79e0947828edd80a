package dev.parapet.core.score;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The secure-score controls, read from the bundled controls.yaml. */
public final class SecurityControls {
    private final Map<String, SecurityControl> byId;

    public SecurityControls(Map<String, SecurityControl> byId) {
        this.byId = new LinkedHashMap<>(byId);
    }

    public static SecurityControls builtIn() {
        try (InputStream in = SecurityControls.class.getClassLoader().getResourceAsStream("parapet/controls.yaml")) {
            if (in == null) {
                throw new IllegalStateException("parapet/controls.yaml is missing from the classpath");
            }
            JsonNode root = Json.YAML.readTree(in);
            Map<String, SecurityControl> controls = new LinkedHashMap<>();
            for (JsonNode c : root.path("controls")) {
                controls.put(c.path("id").asText(), new SecurityControl(c.path("id").asText(), c.path("title").asText(),
                        c.path("maxScore").asDouble()));
            }
            return new SecurityControls(controls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read parapet/controls.yaml", e);
        }
    }

    public Optional<SecurityControl> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public Iterable<SecurityControl> all() {
        return byId.values();
    }
}
