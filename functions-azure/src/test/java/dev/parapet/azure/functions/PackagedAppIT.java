package dev.parapet.azure.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.azure.app.AzureSettings;
import dev.parapet.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as the build packaged it (function.json files written by azure-functions-maven-plugin from the annotations,
 * host.json, lib/) against infra/azure: every function is wired, every setting a binding or the code needs is
 * defined, secrets come from Key Vault, and every role assignment is the least one for its job and scope.
 */
class PackagedAppIT {
    static Path staging;
    static Map<String, String> templates = new LinkedHashMap<>();
    static Map<String, JsonNode> functions = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        staging = Path.of(System.getProperty("parapet.staging", "target/azure-functions/parapet-azure"));
        Path infra = Path.of(System.getProperty("parapet.infra", "../infra/azure"));
        assertThat(staging.resolve("host.json")).as("run after the package phase").exists();
        try (Stream<Path> files = Files.walk(infra)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".bicep")).sorted().toList()) {
                templates.put(infra.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        try (Stream<Path> dirs = Files.list(staging)) {
            for (Path d : dirs.filter(d -> Files.exists(d.resolve("function.json"))).toList()) {
                functions.put(d.getFileName().toString(), Json.MAPPER.readTree(d.resolve("function.json").toFile()));
            }
        }
    }

    @Test
    void theBuildProducedBothFunctionsWithTheirBindings() throws Exception {
        assertThat(functions.keySet()).containsExactlyInAnyOrder(ScheduledScanFunction.NAME, ResourceEventFunction.NAME);

        JsonNode timer = functions.get(ScheduledScanFunction.NAME).get("bindings").get(0);
        assertThat(timer.get("type").asText()).isEqualTo("timerTrigger");
        assertThat(timer.get("direction").asText()).isEqualTo("in");
        assertThat(timer.get("schedule").asText()).isEqualTo("%" + AzureSettings.SCHEDULE + "%");
        JsonNode event = functions.get(ResourceEventFunction.NAME).get("bindings").get(0);
        assertThat(event.get("type").asText()).isEqualTo("eventGridTrigger");
        assertThat(event.get("direction").asText()).isEqualTo("in");

        for (Map.Entry<String, JsonNode> f : functions.entrySet()) {
            JsonNode fn = f.getValue();
            assertThat(fn.get("bindings")).as(f.getKey()).hasSize(1);
            Path jar = staging.resolve(f.getKey()).resolve(fn.get("scriptFile").asText()).normalize();
            assertThat(jar).as("scriptFile of " + f.getKey()).exists();
            String entry = fn.get("entryPoint").asText();
            Class<?> type = Class.forName(entry.substring(0, entry.lastIndexOf('.')));
            String method = entry.substring(entry.lastIndexOf('.') + 1);
            assertThat(Stream.of(type.getMethods()).map(java.lang.reflect.Method::getName)).contains(method);
        }
        JsonNode host = Json.MAPPER.readTree(staging.resolve("host.json").toFile());
        assertThat(host.get("version").asText()).isEqualTo("2.0");
        assertThat(host.path("extensionBundle").path("id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
        try (Stream<Path> lib = Files.list(staging.resolve("lib"))) {
            List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
            assertThat(jars).anyMatch(j -> j.startsWith("parapet-shared-"))
                    .anyMatch(j -> j.startsWith("azure-resourcemanager-resourcegraph-"))
                    .anyMatch(j -> j.startsWith("azure-core-http-jdk-httpclient-"))
                    .noneMatch(j -> j.contains("netty"));
        }
    }

    @Test
    void everyFunctionIsWiredInTheTemplate() {
        String main = templates.get("main.bicep");
        Set<String> settings = appSettings(main);
        for (Map.Entry<String, JsonNode> f : functions.entrySet()) {
            for (JsonNode binding : f.getValue().get("bindings")) {
                // %NAME% in a binding is resolved from app settings at start-up: a missing one stops the host
                Matcher m = Pattern.compile("%([A-Za-z0-9_]+)%").matcher(binding.toString());
                while (m.find()) {
                    assertThat(settings).as("app setting %s of %s", m.group(1), f.getKey()).contains(m.group(1));
                }
                if (binding.get("type").asText().equals("eventGridTrigger")) {
                    Matcher name = Pattern.compile("var eventFunction = '([^']+)'").matcher(main);
                    assertThat(name.find()).isTrue();
                    assertThat(name.group(1)).isEqualTo(f.getKey());
                    assertThat(main).contains("functionId: '${app.id}/functions/${eventFunction}'");
                    assertThat(templates.get("modules/resource-events.bicep"))
                            .contains("endpointType: 'AzureFunction'").contains("resourceId: functionId")
                            .contains("'Microsoft.Resources.ResourceWriteSuccess'")
                            .contains("'Microsoft.Resources.ResourceDeleteSuccess'")
                            .contains("deadLetterDestination");
                }
            }
        }
        assertThat(main).contains("runtime: { name: 'java', version: '17' }").contains("tier: 'FlexConsumption'")
                .contains("identity: { type: 'SystemAssigned' }");
        for (Matcher m = Pattern.compile("module \\w+ '([^']+)'").matcher(main); m.find(); ) {
            assertThat(templates).as("module file " + m.group(1)).containsKey(m.group(1));
        }
    }

    @Test
    void settingsTheCodeReadsAreDefinedAndTheStoreUrlIsAKeyVaultReference() throws Exception {
        String main = templates.get("main.bicep");
        Set<String> settings = appSettings(main);
        Set<String> read = new HashSet<>();
        for (Field f : AzureSettings.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                read.add((String) f.get(null));
            }
        }
        Set<String> optional = Set.of(AzureSettings.ARM_ENDPOINT, AzureSettings.PARALLELISM);
        for (String name : read) {
            if (!optional.contains(name)) {
                assertThat(settings).as("app setting " + name).contains(name);
            }
        }
        // the template sets no PARAPET_ setting the code would not read (a typo would be silently ignored)
        settings.stream().filter(s -> s.startsWith("PARAPET_")).forEach(s -> assertThat(read).contains(s));
        assertThat(main).containsPattern("name: 'PARAPET_STORE_URL', value: '@Microsoft\\.KeyVault\\(SecretUri=\\$\\{storeUrlSecret\\.properties\\.secretUri\\}\\)'");
        assertThat(main).contains("@secure()\n@description('Store URL");
        assertThat(main).doesNotContain("listKeys(").doesNotContain("AccountKey=");
    }

    /** Role definition ids and where they are granted, per file: exactly these, nothing broader. */
    @Test
    void everyRoleAssignmentIsLeastPrivilege() {
        String reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
        String securityReader = "39bc4728-0917-49c7-9d2c-d95b4e2d8e9d";
        Map<String, Set<String>> expected = Map.of(
                "main.bicep", Set.of("storage:b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner, own storage
                        "storeUrlSecret:4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User, one secret
                        "insights:3913510d-42f4-4e42-8a64-420c390055eb"), // Monitoring Metrics Publisher, own telemetry
                "modules/subscription-readers.bicep", Set.of("(deployment):" + reader, "(deployment):" + securityReader),
                "management-group-readers.bicep", Set.of("(deployment):" + reader, "(deployment):" + securityReader),
                "modules/resource-events.bicep", Set.of("deadLetterStorage:ba92f5b4-2d11-453d-a403-e96b0029c9fe"));
        Map<String, Set<String>> found = new HashMap<>();
        Pattern block = Pattern.compile("resource \\w+ 'Microsoft\\.Authorization/roleAssignments@[^']+' = \\{(.*?)\\n\\}",
                Pattern.DOTALL);
        for (Map.Entry<String, String> t : templates.entrySet()) {
            Matcher m = block.matcher(t.getValue());
            while (m.find()) {
                String body = m.group(1);
                Matcher scope = Pattern.compile("\\n  scope: (\\w+)").matcher(body);
                Matcher role = Pattern.compile("roleDefinitionId: \\w+\\('Microsoft\\.Authorization/roleDefinitions', '([0-9a-f-]{36})'\\)").matcher(body);
                assertThat(role.find()).as("literal role id in " + t.getKey()).isTrue();
                found.computeIfAbsent(t.getKey(), k -> new HashSet<>())
                        .add((scope.find() ? scope.group(1) : "(deployment)") + ":" + role.group(1));
            }
        }
        assertThat(found).isEqualTo(expected);
        assertThat(templates.get("modules/subscription-readers.bicep")).contains("targetScope = 'subscription'");
        assertThat(templates.get("management-group-readers.bicep")).contains("targetScope = 'managementGroup'");
        assertThat(templates.get("main.bicep")).contains("targetScope = 'resourceGroup'")
                .containsPattern("module readers 'modules/subscription-readers.bicep' = if \\(readerScope == 'subscription'\\) \\{\\n  name: '[^']+'\\n  scope: subscription\\(\\)");
        templates.values().forEach(text -> assertThat(text).doesNotContain("targetScope = 'tenant'")
                .doesNotContain("Microsoft.Authorization/roleDefinitions@")); // no custom roles
    }

    static Set<String> appSettings(String template) {
        Set<String> out = new HashSet<>();
        Matcher m = Pattern.compile("\\{ name: '([A-Za-z0-9_]+)', value: ").matcher(template);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
