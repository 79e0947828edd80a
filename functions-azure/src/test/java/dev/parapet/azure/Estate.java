package dev.parapet.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The test estate as Resource Manager and Resource Graph serve it (bodies in src/test/resources/arm, in the shapes
 * Microsoft documents): two subscriptions, a storage account with blob soft delete off, an NSG open to RDP, a SQL
 * server whose ARM reads are denied (403 AuthorizationFailed), a key vault without diagnostic settings, PostgreSQL and
 * MySQL flexible servers, a web app allowing plain FTP, an activity log alert, Defender pricings, a custom owner role.
 */
public final class Estate {
    public static final String S1 = "3f2b8c1d-7a4e-4f6b-9c2d-1e5a7b9c0d4f";
    public static final String S2 = "9a1c2e3f-4b5d-4e6f-8a7b-0c1d2e3f4a5b";
    public static final String GRAPH_PATH = "/providers/Microsoft.ResourceGraph/resources";
    public static final String STORAGE = "/subscriptions/" + S1
            + "/resourceGroups/rg-prod-data/providers/Microsoft.Storage/storageAccounts/stacmeprodweu";
    public static final String STORAGE_DEV = "/subscriptions/" + S2
            + "/resourceGroups/rg-dev-data/providers/Microsoft.Storage/storageAccounts/stacmedevweu";
    public static final String SQL = "/subscriptions/" + S1 + "/resourceGroups/rg-prod-sql/providers/Microsoft.Sql/servers/sql-acme-weu";
    public static final String VAULT = "/subscriptions/" + S1
            + "/resourceGroups/rg-prod-security/providers/Microsoft.KeyVault/vaults/kv-acme-prod-weu";
    public static final String PG = "/subscriptions/" + S1
            + "/resourceGroups/rg-prod-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg-acme-weu";
    public static final String MYSQL = "/subscriptions/" + S1
            + "/resourceGroups/rg-prod-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-acme-weu";
    public static final String SITE = "/subscriptions/" + S1 + "/resourceGroups/rg-prod-web/providers/Microsoft.Web/sites/app-acme-web-weu";
    public static final String NSG = "/subscriptions/" + S1
            + "/resourceGroups/rg-prod-network/providers/Microsoft.Network/networkSecurityGroups/nsg-win-legacy";

    private Estate() {
    }

    /** Everything readable except the SQL server's and databases' child reads. */
    public static void register(WireMockServer s) {
        s.stubFor(get(urlPathEqualTo("/subscriptions")).willReturn(json("subscriptions.json")));
        graph(s);
        arm(s, STORAGE + "/blobServices/default", "2023-05-01", "s1-storage-blobservices.json");
        arm(s, STORAGE + "/fileServices/default", "2023-05-01", "s1-storage-fileservices.json");
        arm(s, STORAGE_DEV + "/blobServices/default", "2023-05-01", "s2-storage-blobservices.json");
        arm(s, STORAGE_DEV + "/fileServices/default", "2023-05-01", "s2-storage-fileservices.json");
        s.stubFor(get(urlPathEqualTo(SQL + "/auditingSettings/default")).willReturn(forbidden()));
        s.stubFor(get(urlPathEqualTo(SQL + "/firewallRules")).willReturn(forbidden()));
        s.stubFor(get(urlPathEqualTo(SQL + "/databases/appdb/transparentDataEncryption/current")).willReturn(forbidden()));
        arm(s, VAULT + "/keys", "2023-07-01", "s1-keyvault-keys.json");
        arm(s, VAULT + "/keys/cmk-sql-tde", "2023-07-01", "s1-keyvault-key.json");
        arm(s, VAULT + "/secrets", "2023-07-01", "s1-keyvault-secrets.json");
        arm(s, VAULT + "/providers/Microsoft.Insights/diagnosticSettings", "2021-05-01-preview", "empty-list.json");
        arm(s, SITE + "/config/web", "2023-12-01", "s1-site-config-web.json");
        arm(s, PG + "/configurations/require_secure_transport", "2024-08-01", "s1-pg-require-secure-transport.json");
        arm(s, PG + "/configurations/ssl_min_protocol_version", "2024-08-01", "s1-pg-ssl-min-protocol.json");
        arm(s, MYSQL + "/configurations/require_secure_transport", "2023-12-30", "s1-mysql-require-secure-transport.json");
        arm(s, MYSQL + "/configurations/tls_version", "2023-12-30", "s1-mysql-tls-version.json");
        for (String sub : new String[]{S1, S2}) {
            String prefix = sub.equals(S1) ? "s1" : "s2";
            arm(s, "/subscriptions/" + sub + "/providers/Microsoft.Security/pricings", "2024-01-01", prefix + "-pricings.json");
            arm(s, "/subscriptions/" + sub + "/providers/Microsoft.Insights/diagnosticSettings", "2021-05-01-preview",
                    sub.equals(S1) ? "s1-sub-diagnostics.json" : "empty-list.json");
            s.stubFor(get(urlPathEqualTo("/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions"))
                    .withQueryParam("api-version", equalTo("2022-04-01"))
                    .withQueryParam("$filter", equalTo("type eq 'CustomRole'"))
                    .willReturn(json(sub.equals(S1) ? "s1-roledefinitions.json" : "empty-list.json")));
        }
    }

    /** Resource Graph: the subscriptions query, and the resources query in two pages joined by a $skipToken. */
    public static void graph(WireMockServer s) {
        s.stubFor(graphQuery("resourcecontainers").willReturn(json("graph-subscriptions.json")));
        s.stubFor(graphQuery("resources | where type in~").atPriority(5)
                .willReturn(json("graph-resources-page1.json")
                        .withHeader("x-ms-user-quota-remaining", "14")
                        .withHeader("x-ms-user-quota-resets-after", "00:00:05")));
        s.stubFor(graphQuery("resources | where type in~").atPriority(1)
                .withRequestBody(matchingJsonPath("$.options['$skipToken']"))
                .willReturn(json("graph-resources-page2.json")
                        .withHeader("x-ms-user-quota-remaining", "13")
                        .withHeader("x-ms-user-quota-resets-after", "00:00:05")));
    }

    public static MappingBuilder graphQuery(String contains) {
        return post(urlPathEqualTo(GRAPH_PATH))
                .withQueryParam("api-version", equalTo("2021-03-01"))
                .withRequestBody(matchingJsonPath("$.query", containing(contains)));
    }

    /** Provider metadata (GET /subscriptions/{id}/providers/{namespace}), at whatever api-version the SDK asks for. */
    public static void provider(WireMockServer s, String namespace, String file) {
        s.stubFor(get(urlPathEqualTo("/subscriptions/" + S1 + "/providers/" + namespace)).willReturn(json(file)));
    }

    public static void arm(WireMockServer s, String path, String apiVersion, String file) {
        s.stubFor(get(urlPathEqualTo(path)).withQueryParam("api-version", equalTo(apiVersion)).willReturn(json(file)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-request-id", "6f1c2a8e-4b3d-4e21-9a7c-0d5e8f1b2c3a")
                .withBody(StubArm.resource("arm/" + file));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder forbidden() {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-failure-cause", "gateway")
                .withBody(StubArm.resource("arm/s1-sql-forbidden.json"));
    }
}
