package dev.parapet.core.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.util.ClasspathFolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The compliance standards Parapet maps rules to, read from the bundled parapet/standards/*.yaml. */
public final class Standards {
    private final Map<String, Standard> byId;

    public Standards(List<Standard> standards) {
        Map<String, Standard> m = new LinkedHashMap<>();
        standards.forEach(s -> m.put(s.id(), s));
        this.byId = m;
    }

    public static Standards builtIn() {
        try {
            Path root = ClasspathFolder.of("parapet/standards");
            if (root == null) {
                throw new IllegalStateException("parapet/standards is missing from the classpath");
            }
            List<Standard> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(root)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(p)) {
                        out.add(parse(Json.YAML.readTree(in)));
                    }
                }
            }
            return new Standards(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled standards", e);
        }
    }

    static Standard parse(JsonNode n) {
        List<Requirement> reqs = new ArrayList<>();
        for (JsonNode r : n.path("requirements")) {
            JsonNode reason = r.path("notAssessable");
            if (!reason.isMissingNode() && !reason.isNull() && (!reason.isTextual() || reason.asText().isBlank())) {
                throw new IllegalArgumentException("standard " + n.path("id").asText() + ", requirement "
                        + r.path("id").asText() + ": notAssessable must be a non-empty reason text");
            }
            reqs.add(new Requirement(r.path("id").asText(), r.path("section").asText(),
                    !"manual".equalsIgnoreCase(r.path("assessment").asText()), r.path("profile").asText(""),
                    reason.isTextual() ? reason.asText() : ""));
        }
        return new Standard(n.path("id").asText(), n.path("title").asText(), n.path("version").asText(),
                n.path("provider").asText(), reqs);
    }

    public List<Standard> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Standard> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
