package dev.parapet.azure.collect;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.parapet.azure.Estate;
import dev.parapet.azure.StubArm;
import dev.parapet.azure.TestSupport;
import dev.parapet.core.engine.Assessment;
import dev.parapet.core.engine.Engine;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The real SDK clients against the stub estate: inventory, paging, ARM reads, a denied provider. */
class AzureCollectorTest {
    static StubArm stub;
    static RuleSet rules;
    AzureCollector collector;
    final List<String> progress = new ArrayList<>();

    @BeforeEach
    void setUp() {
        stub = TestSupport.stub();
        rules = TestSupport.rules();
        AzureClients clients = AzureClients.create(stub.endpoint(), StubArm.credential(), StubArm.httpClient(), 2);
        collector = new AzureCollector(clients, new ResourceGraph(clients, ResourceGraph.Sleeper.REAL),
                rules.typesFor(Provider.AZURE), 4, Clock.systemUTC(), progress::add);
    }

    @Test
    void collectsEveryEnabledSubscriptionWithGraphPagingAndChildReads() {
        List<SubscriptionInventory> all = collector.collect(AzureScope.ALL_READABLE);

        assertThat(all).extracting(SubscriptionInventory::subscriptionId).containsExactly(Estate.S1, Estate.S2);
        SubscriptionInventory s1 = all.get(0);
        assertThat(s1.problems()).isEmpty();
        Map<String, Long> types = s1.resources().stream()
                .collect(Collectors.groupingBy(r -> r.type().toLowerCase(), Collectors.counting()));
        assertThat(types).containsEntry("microsoft.resources/subscriptions", 1L)
                .containsEntry("microsoft.storage/storageaccounts", 1L)
                .containsEntry("microsoft.storage/storageaccounts/blobservices", 1L)
                .containsEntry("microsoft.keyvault/vaults/keys", 1L)
                .containsEntry("microsoft.keyvault/vaults/secrets", 1L)
                .containsEntry("microsoft.security/pricings", 12L)
                .containsEntry("microsoft.dbforpostgresql/flexibleservers/configurations", 2L)
                .containsEntry("microsoft.web/sites/config", 1L)
                .containsEntry("microsoft.sql/servers/databases", 2L);
        // the second page (after $skipToken) holds the SQL server and the S2 account: both arrived
        assertThat(s1.resources()).anyMatch(r -> r.id().equalsIgnoreCase(Estate.SQL));
        assertThat(all.get(1).resources()).anyMatch(r -> r.id().equalsIgnoreCase(Estate.STORAGE_DEV));
        List<LoggedRequest> graphCalls = stub.server.findAll(postRequestedFor(urlPathEqualTo(Estate.GRAPH_PATH)));
        assertThat(graphCalls).hasSize(3);
        assertThat(graphCalls.get(2).getBodyAsString()).contains("$skipToken").contains("\"$top\":1000");
        assertThat(graphCalls.get(1).getBodyAsString()).contains(Estate.S1).contains(Estate.S2)
                .doesNotContain("0e9d8c7b"); // the disabled subscription is not queried
        // master is out of the TDE rule: its TDE is not read
        stub.server.verify(0, getRequestedFor(urlPathEqualTo(Estate.SQL + "/databases/master/transparentDataEncryption/current")));
    }

    @Test
    void aDeniedProviderIsReportedAndItsRulesSayErrorNeverPass() {
        SubscriptionInventory s1 = collector.collect(new AzureScope(List.of(Estate.S1), List.of())).get(0);

        assertThat(s1.failures()).extracting(ReadFailure::status).containsOnly(403);
        assertThat(s1.failures()).extracting(ReadFailure::code).containsOnly("AuthorizationFailed");
        assertThat(s1.failures()).extracting(ReadFailure::type).containsExactlyInAnyOrder(
                "Microsoft.Sql/servers/auditingSettings", "Microsoft.Sql/servers/firewallRules",
                "Microsoft.Sql/servers/databases/transparentDataEncryption");
        Map<String, Status> byRule = statuses(new Engine(rules).assess(s1.resources()));

        assertThat(byRule).containsEntry("azure-sql-server-auditing-enabled|" + Estate.SQL, Status.ERROR)
                .containsEntry("azure-sql-server-auditing-retention-90-days|" + Estate.SQL, Status.ERROR)
                .containsEntry("azure-sql-server-no-open-firewall|" + Estate.SQL, Status.ERROR)
                .containsEntry("azure-sql-database-tde-enabled|" + Estate.SQL + "/databases/appdb", Status.ERROR);
        // everything else was decided from real documents
        assertThat(byRule).containsEntry("azure-storage-blob-soft-delete|" + Estate.STORAGE, Status.FAIL)
                .containsEntry("azure-storage-file-share-soft-delete|" + Estate.STORAGE, Status.PASS)
                .containsEntry("azure-keyvault-diagnostic-logging|" + Estate.VAULT, Status.FAIL)
                .containsEntry("azure-keyvault-key-rotation|" + Estate.VAULT + "/keys/cmk-sql-tde", Status.PASS)
                .containsEntry("azure-keyvault-secret-expiry|" + Estate.VAULT + "/secrets/sql-admin-password", Status.FAIL)
                .containsEntry("azure-postgresql-flexible-tls-1-2|" + Estate.PG, Status.PASS)
                .containsEntry("azure-mysql-flexible-secure-transport|" + Estate.MYSQL, Status.FAIL)
                .containsEntry("azure-appservice-ftps-only|" + Estate.SITE, Status.FAIL)
                .containsEntry("azure-appservice-minimum-tls-1-2|" + Estate.SITE, Status.PASS)
                .containsEntry("azure-network-nsg-rdp-internet|" + Estate.NSG, Status.FAIL)
                .containsEntry("azure-defender-storage-on|/subscriptions/" + Estate.S1, Status.FAIL)
                .containsEntry("azure-defender-servers-on|/subscriptions/" + Estate.S1, Status.PASS)
                .containsEntry("azure-monitor-activity-log-exported|/subscriptions/" + Estate.S1, Status.PASS)
                .containsEntry("azure-monitor-alert-nsg-write|/subscriptions/" + Estate.S1, Status.PASS)
                .containsEntry("azure-iam-no-custom-subscription-owner-role|/subscriptions/" + Estate.S1
                        + "/providers/Microsoft.Authorization/roleDefinitions/2f0d8c1a-3b4e-4c5d-9e6f-7a8b9c0d1e2f", Status.FAIL);
    }

    @Test
    void everyChildReadDeniedMakesEveryRuleThatNeedsItErrorNotPassOrFail() {
        stub.server.resetAll();
        stub.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()).willReturn(Estate.forbidden()));
        Estate.graph(stub.server);

        SubscriptionInventory s1 = collector.collect(new AzureScope(List.of(Estate.S1), List.of())).get(0);
        Assessment assessment = new Engine(rules).assess(s1.resources());

        List<String> childTypes = ChildRead.ALL.stream().map(ChildRead::resultType).map(String::toLowerCase).toList();
        List<Finding> dependent = assessment.findings().stream()
                .filter(f -> rules.byId(f.ruleId()).orElseThrow().rule().related().stream()
                        .anyMatch(spec -> childTypes.contains(spec.type().toLowerCase()))
                        || childTypes.contains(f.resource().type().toLowerCase()))
                .toList();
        assertThat(dependent).hasSizeGreaterThan(25);
        assertThat(dependent).allSatisfy(f -> assertThat(f.status())
                .as(f.ruleId() + " on " + f.resource().id()).isEqualTo(Status.ERROR));
        assertThat(s1.failures()).hasSizeGreaterThanOrEqualTo(ChildRead.ALL.size() - 1);
    }

    @Test
    void managementGroupScopeListsItsSubscriptionsThroughResourceGraph() {
        List<String> subs = collector.subscriptions(new AzureScope(List.of(), List.of("mg-contoso")));

        assertThat(subs).containsExactly(Estate.S1, Estate.S2);
        assertThat(stub.server.findAll(postRequestedFor(urlPathEqualTo(Estate.GRAPH_PATH))).get(0).getBodyAsString())
                .contains("\"managementGroups\":[\"mg-contoso\"]");
    }

    /** Finding statuses by "rule|resource id", ids in lower case as the core keeps them. */
    static Map<String, Status> statuses(Assessment a) {
        Map<String, Status> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        a.findings().forEach(f -> out.put(f.ruleId() + "|" + f.resource().id(), f.status()));
        return out;
    }

    static List<Resource> ofType(List<Resource> rs, String type) {
        return rs.stream().filter(r -> r.type().equalsIgnoreCase(type)).toList();
    }
}
