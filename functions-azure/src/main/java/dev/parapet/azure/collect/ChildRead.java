package dev.parapet.azure.collect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One ARM read a rule needs beyond Resource Graph, relative to a parent resource (docs/resources-azure.md lists
 * them per rule). The api-versions are the documented ones the rules' fixtures were written against.
 *
 * @param parentType  type of the resource the read hangs off (Microsoft.Resources/subscriptions for subscription reads)
 * @param path        path below the parent id
 * @param query       extra query string (unencoded), or null
 * @param resultType  type of the returned documents, as the rules name it
 * @param mode        GET one document, LIST a collection, or LIST then GET every item (lists that omit fields)
 * @param appliesTo   whether the parent has this child at all (a FileStorage account has no blob service)
 */
public record ChildRead(String parentType, String path, String query, String apiVersion, String resultType, Mode mode,
                        Predicate<JsonNode> appliesTo) {

    public enum Mode { GET, LIST, LIST_THEN_GET }

    private static final String SUBSCRIPTION = ArmId.SUBSCRIPTION_TYPE;
    private static final String DIAGNOSTICS = "Microsoft.Insights/diagnosticSettings";

    public static final List<ChildRead> ALL = List.of(
            new ChildRead("Microsoft.Storage/storageAccounts", "blobServices/default", null, "2023-05-01",
                    "Microsoft.Storage/storageAccounts/blobServices", Mode.GET, kindNotIn("FileStorage")),
            new ChildRead("Microsoft.Storage/storageAccounts", "fileServices/default", null, "2023-05-01",
                    "Microsoft.Storage/storageAccounts/fileServices", Mode.GET, kindIn("StorageV2", "Storage", "FileStorage")),
            new ChildRead("Microsoft.Sql/servers", "auditingSettings/default", null, "2021-11-01",
                    "Microsoft.Sql/servers/auditingSettings", Mode.GET, any()),
            new ChildRead("Microsoft.Sql/servers", "firewallRules", null, "2021-11-01",
                    "Microsoft.Sql/servers/firewallRules", Mode.LIST, any()),
            new ChildRead("Microsoft.Sql/servers/databases", "transparentDataEncryption/current", null, "2021-11-01",
                    "Microsoft.Sql/servers/databases/transparentDataEncryption", Mode.GET, nameNot("master")),
            new ChildRead("Microsoft.DBforPostgreSQL/flexibleServers", "configurations/require_secure_transport", null,
                    "2024-08-01", "Microsoft.DBforPostgreSQL/flexibleServers/configurations", Mode.GET, any()),
            new ChildRead("Microsoft.DBforPostgreSQL/flexibleServers", "configurations/ssl_min_protocol_version", null,
                    "2024-08-01", "Microsoft.DBforPostgreSQL/flexibleServers/configurations", Mode.GET, any()),
            new ChildRead("Microsoft.DBforMySQL/flexibleServers", "configurations/require_secure_transport", null,
                    "2023-12-30", "Microsoft.DBforMySQL/flexibleServers/configurations", Mode.GET, any()),
            new ChildRead("Microsoft.DBforMySQL/flexibleServers", "configurations/tls_version", null,
                    "2023-12-30", "Microsoft.DBforMySQL/flexibleServers/configurations", Mode.GET, any()),
            new ChildRead("Microsoft.KeyVault/vaults", "keys", null, "2023-07-01",
                    "Microsoft.KeyVault/vaults/keys", Mode.LIST_THEN_GET, any()),
            new ChildRead("Microsoft.KeyVault/vaults", "secrets", null, "2023-07-01",
                    "Microsoft.KeyVault/vaults/secrets", Mode.LIST, any()),
            new ChildRead("Microsoft.KeyVault/vaults", "providers/Microsoft.Insights/diagnosticSettings", null,
                    "2021-05-01-preview", DIAGNOSTICS, Mode.LIST, any()),
            new ChildRead("Microsoft.Web/sites", "config/web", null, "2023-12-01",
                    "Microsoft.Web/sites/config", Mode.GET, any()),
            new ChildRead(SUBSCRIPTION, "providers/Microsoft.Security/pricings", null, "2024-01-01",
                    "Microsoft.Security/pricings", Mode.LIST, any()),
            new ChildRead(SUBSCRIPTION, "providers/Microsoft.Insights/diagnosticSettings", null, "2021-05-01-preview",
                    DIAGNOSTICS, Mode.LIST, any()),
            new ChildRead(SUBSCRIPTION, "providers/Microsoft.Authorization/roleDefinitions",
                    "$filter=type eq 'CustomRole'", "2022-04-01", "Microsoft.Authorization/roleDefinitions", Mode.LIST,
                    any()));

    /** Reads that hang off resources of this type. */
    public static List<ChildRead> forParent(String type) {
        return ALL.stream().filter(r -> r.parentType.equalsIgnoreCase(type)).toList();
    }

    /** The read that returns documents of this type below a parent of that type, if any. */
    public static List<ChildRead> returning(String type) {
        return ALL.stream().filter(r -> r.resultType.equalsIgnoreCase(type)).toList();
    }

    public static Set<String> parentTypes() {
        return ALL.stream().map(r -> r.parentType.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    public String target(String parentId) {
        return parentId + "/" + path;
    }

    private static Predicate<JsonNode> any() {
        return d -> true;
    }

    private static Predicate<JsonNode> kindIn(String... kinds) {
        return d -> kind(d) == null || Set.of(kinds).contains(kind(d));
    }

    private static Predicate<JsonNode> kindNotIn(String... kinds) {
        return d -> kind(d) == null || !Set.of(kinds).contains(kind(d));
    }

    private static Predicate<JsonNode> nameNot(String name) {
        return d -> !name.equalsIgnoreCase(Json.text(d, "name"));
    }

    private static String kind(JsonNode d) {
        return Json.text(d, "kind");
    }
}
