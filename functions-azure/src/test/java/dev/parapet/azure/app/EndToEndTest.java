package dev.parapet.azure.app;

import dev.parapet.azure.Estate;
import dev.parapet.azure.StubArm;
import dev.parapet.azure.TestSupport;
import dev.parapet.azure.collect.AzureScope;
import dev.parapet.azure.events.MalformedEventException;
import dev.parapet.azure.events.ResourceEventHandler;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Status;
import dev.parapet.core.store.FindingFilter;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.StoredFinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scheduled scan and the event handler, end to end: real SDK clients against the stub, the real rules, a real
 * store (SQLite file). Events in both schemas update, resolve and delete what the scan stored.
 */
class EndToEndTest {
    @TempDir
    Path dir;
    StubArm stub;
    AppContext app;
    final List<String> logLines = new ArrayList<>();
    StructuredLog log;

    @BeforeEach
    void setUp() {
        stub = TestSupport.stub();
        app = AppContext.create(Map.of(
                AzureSettings.STORE_URL, "jdbc:sqlite:" + dir.resolve("parapet.db"),
                AzureSettings.ARM_ENDPOINT, stub.endpoint(),
                AzureSettings.PARALLELISM, "4"), StubArm.credential(), StubArm.httpClient(), TicketForwarding.NONE, TestSupport.loaded());
        Logger logger = TestSupport.capturing(logLines);
        log = new StructuredLog(logger);
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    Optional<StoredFinding> finding(String ruleId, String resourceId) {
        return app.store().findings(new FindingFilter(Provider.AZURE, null, ruleId, null, true)).stream()
                .filter(f -> f.finding().resource().id().equalsIgnoreCase(resourceId)).findFirst();
    }

    @Test
    void theScheduledScanStoresOneCompleteScanPerSubscription() {
        List<ScheduledScanHandler.SubscriptionResult> results = app.scanHandler(log).run(AzureScope.ALL_READABLE);

        assertThat(results).extracting(ScheduledScanHandler.SubscriptionResult::subscription).containsExactly(Estate.S1, Estate.S2);
        assertThat(results).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(results.get(0).unreadable()).hasSize(3);
        List<Scan> scans = app.store().scans(10);
        assertThat(scans).hasSize(2).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo("COMPLETE");
            assertThat(s.trigger()).isEqualTo("schedule");
            assertThat(s.scopes()).hasSize(1);
        });
        assertThat(finding("azure-storage-blob-soft-delete", Estate.STORAGE)).get()
                .satisfies(f -> assertThat(f.finding().status()).isEqualTo(Status.FAIL));
        assertThat(finding("azure-storage-blob-soft-delete", Estate.STORAGE_DEV)).get()
                .satisfies(f -> assertThat(f.finding().status()).isEqualTo(Status.PASS));
        assertThat(finding("azure-sql-server-auditing-enabled", Estate.SQL)).get()
                .satisfies(f -> assertThat(f.finding().status()).isEqualTo(Status.ERROR));
        assertThat(logLines).anyMatch(l -> l.startsWith("{\"event\":\"scan.stored\"") && l.contains(Estate.S1));
        assertThat(logLines).anyMatch(l -> l.startsWith("{\"event\":\"scan.read_failed\"") && l.contains("AuthorizationFailed"));
        assertThat(String.join("\n", logLines)).doesNotContain("parapet.db").doesNotContain("jdbc:");
    }

    @Test
    void aWriteEventReassessesTheResourceWithAnApiVersionFromProviderMetadata() {
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));
        // the owner turns on soft delete; the account itself is read by id at the provider's newest stable version
        Estate.provider(stub.server, "Microsoft.Storage", "provider-storage.json");
        Estate.arm(stub.server, Estate.STORAGE, "2025-01-01", "s1-storage-account-arm.json");
        stub.server.stubFor(get(urlPathEqualTo(Estate.STORAGE + "/blobServices/default")).atPriority(1)
                .willReturn(Estate.json("s1-storage-blobservices-fixed.json")));

        List<ResourceEventHandler.Outcome> out = app.eventHandler(log).handle(StubArm.resource("events/eventgrid-storage-write.json"));
        app.eventHandler(log).handle(StubArm.resource("events/cloudevents-storage-write.json"));

        assertThat(out).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("processed"));
        assertThat(finding("azure-storage-blob-soft-delete", Estate.STORAGE)).get().satisfies(f -> {
            assertThat(f.finding().status()).isEqualTo(Status.PASS);
            assertThat(f.state()).isEqualTo("RESOLVED");
        });
        assertThat(finding("azure-storage-public-network-access-disabled", Estate.STORAGE)).get()
                .satisfies(f -> assertThat(f.finding().status()).isEqualTo(Status.PASS));
        // provider metadata is read once and cached; the account GET used its newest stable api-version
        stub.server.verify(1, getRequestedFor(urlPathEqualTo("/subscriptions/" + Estate.S1 + "/providers/Microsoft.Storage")));
        stub.server.verify(2, getRequestedFor(urlPathEqualTo(Estate.STORAGE)).withQueryParam("api-version", equalTo("2025-01-01")));
    }

    @Test
    void deletingAChildTheRulesReadReassessesItsParentAndForgetsTheChild() {
        // this time the SQL server's reads are allowed: AllowAll makes the firewall rule fail
        stub.server.stubFor(get(urlPathEqualTo(Estate.SQL + "/firewallRules")).atPriority(1)
                .inScenario("fw").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(Estate.json("s1-sql-firewall-rules.json")));
        stub.server.stubFor(get(urlPathEqualTo(Estate.SQL + "/auditingSettings/default")).atPriority(1)
                .willReturn(Estate.json("s1-sql-auditing.json")));
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));
        assertThat(finding("azure-sql-server-no-open-firewall", Estate.SQL)).get()
                .satisfies(f -> assertThat(f.finding().status()).isEqualTo(Status.FAIL));

        stub.server.stubFor(get(urlPathEqualTo(Estate.SQL + "/firewallRules")).atPriority(1)
                .inScenario("fw").whenScenarioStateIs("deleted")
                .willReturn(Estate.json("s1-sql-firewall-rules-after-delete.json")));
        stub.server.setScenarioState("fw", "deleted");
        Estate.provider(stub.server, "Microsoft.Sql", "provider-sql.json");
        Estate.arm(stub.server, Estate.SQL, "2023-08-01", "s1-sql-server-arm.json");

        List<ResourceEventHandler.Outcome> out = app.eventHandler(log).handle(StubArm.resource("events/cloudevents-firewall-delete.json"));

        assertThat(out).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("processed"));
        assertThat(finding("azure-sql-server-no-open-firewall", Estate.SQL)).get().satisfies(f -> {
            assertThat(f.finding().status()).isEqualTo(Status.PASS);
            assertThat(f.state()).isEqualTo("RESOLVED");
        });
        assertThat(app.store().inventory().children(Provider.AZURE, Estate.SQL, "Microsoft.Sql/servers/firewallRules"))
                .extracting(r -> r.name()).containsExactly("office");
    }

    @Test
    void deletingAResourceResolvesItsFindingsAndForgetsItsChildren() {
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));

        app.eventHandler(log).handle(StubArm.resource("events/eventgrid-storage-delete.json"));

        StoredFinding f = finding("azure-storage-blob-soft-delete", Estate.STORAGE).orElseThrow();
        assertThat(f.state()).isEqualTo("RESOLVED");
        assertThat(f.resolution()).isEqualTo("DELETED");
        assertThat(app.store().findings(FindingFilter.CURRENT)).noneMatch(x -> x.finding().resource().id().equalsIgnoreCase(Estate.STORAGE));
        assertThat(app.store().inventory().children(Provider.AZURE, Estate.STORAGE, "Microsoft.Storage/storageAccounts/blobServices")).isEmpty();
    }

    @Test
    void deletingAResourceGroupResolvesEverythingStoredInIt() {
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));

        app.eventHandler(log).handle(StubArm.resource("events/eventgrid-resourcegroup-delete.json"));

        // rg-prod-data held the storage account, the PostgreSQL and MySQL servers; the event spells it "resourcegroups"
        for (String id : List.of(Estate.STORAGE, Estate.PG, Estate.MYSQL)) {
            assertThat(app.store().findings(FindingFilter.CURRENT)).as(id)
                    .noneMatch(x -> x.finding().resource().id().equalsIgnoreCase(id));
        }
        assertThat(finding("azure-mysql-flexible-secure-transport", Estate.MYSQL).orElseThrow().resolution()).isEqualTo("DELETED");
        assertThat(app.store().findings(FindingFilter.CURRENT)).anyMatch(x -> x.finding().resource().id().equalsIgnoreCase(Estate.SQL));
    }

    @Test
    void noiseChangesNothingAndOwnWritesAreRecognisedFromTheToken() {
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));
        List<StoredFinding> before = app.store().findings(FindingFilter.CURRENT);
        int requests = stub.server.getAllServeEvents().size();

        for (String file : List.of("eventgrid-deployment-write.json", "cloudevents-tags-write.json", "eventgrid-self-write.json",
                "eventgrid-container-write.json", "cloudevents-appsettings-write.json", "eventgrid-unread-type-write.json")) {
            assertThat(app.eventHandler(log).handle(StubArm.resource("events/" + file)))
                    .singleElement().satisfies(o -> assertThat(o.action()).as(file).isEqualTo("skipped"));
        }

        assertThat(stub.server.getAllServeEvents()).hasSize(requests); // not one ARM read
        assertThat(app.store().findings(FindingFilter.CURRENT)).isEqualTo(before);
        assertThat(logLines).filteredOn(l -> l.startsWith("{\"event\":\"event.skipped\"")).hasSize(6);
    }

    @Test
    void malformedEventsFailLoudlySoThatEventGridRetriesAndDeadLettersThem() {
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));
        assertThatThrownBy(() -> app.eventHandler(log).handle(StubArm.resource("events/malformed-no-time.json")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("eventTime is missing");
        assertThat(logLines).anyMatch(l -> l.startsWith("{\"event\":\"event.malformed\""));

        // a good event next to a bad one is still processed, and the delivery still fails
        String good = StubArm.resource("events/eventgrid-storage-delete.json").trim();
        String bad = StubArm.resource("events/malformed-resource-id.json").trim();
        String batch = good.substring(0, good.length() - 1) + "," + bad + "]";
        assertThatThrownBy(() -> app.eventHandler(log).handle(batch))
                .isInstanceOf(ResourceEventHandler.EventFailedException.class).hasMessageContaining("1 of 2 event(s) failed");
        assertThat(finding("azure-storage-blob-soft-delete", Estate.STORAGE).orElseThrow().resolution()).isEqualTo("DELETED");
    }

    @Test
    void aResourceThatCannotBeReadReportsErrorsInsteadOfKeepingOldAnswers() {
        app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));
        Estate.provider(stub.server, "Microsoft.Storage", "provider-storage.json");
        stub.server.stubFor(get(urlPathEqualTo(Estate.STORAGE)).atPriority(1).willReturn(Estate.forbidden()));

        List<ResourceEventHandler.Outcome> out = app.eventHandler(log).handle(StubArm.resource("events/eventgrid-storage-write.json"));

        assertThat(out.get(0).unreadable()).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(403));
        assertThat(finding("azure-storage-minimum-tls-1-2", Estate.STORAGE)).get()
                .satisfies(f -> assertThat(f.finding().status()).isEqualTo(Status.ERROR));
    }
}
