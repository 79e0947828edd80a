package dev.parapet.azure.collect;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.parapet.azure.Estate;
import dev.parapet.azure.StubArm;
import dev.parapet.azure.TestSupport;
import dev.parapet.core.model.Provider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 429 with Retry-After, the Resource Graph user quota headers, ARM nextLink paging, as the real pipeline meets them. */
class ThrottlingAndPagingTest {
    StubArm stub;
    AzureClients clients;
    AzureCollector collector;

    @BeforeEach
    void setUp() {
        stub = TestSupport.stub();
        clients = AzureClients.create(stub.endpoint(), StubArm.credential(), StubArm.httpClient(), 3);
        collector = new AzureCollector(clients, new ResourceGraph(clients, ResourceGraph.Sleeper.REAL),
                TestSupport.rules().typesFor(Provider.AZURE), 2, Clock.systemUTC(), s -> { });
    }

    @Test
    void resourceGraph429IsRetriedAfterItsRetryAfter() {
        stub.server.stubFor(Estate.graphQuery("resources | where type in~").atPriority(0)
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"RateLimiting\",\"message\":\"Please provide below info when "
                                + "asking for support: timestamp = 2026-03-02T10:01:02.123Z, correlationId = "
                                + "0d5e8f1b-2c3a-4e21-9a7c-6f1c2a8e4b3d.\"}}")));

        List<SubscriptionInventory> out = collector.collect(new AzureScope(List.of(Estate.S1), List.of()));

        assertThat(out.get(0).resources()).anyMatch(r -> r.id().equalsIgnoreCase(Estate.STORAGE));
        List<LoggedRequest> calls = resourcesQueries();
        assertThat(calls).hasSize(3); // 429, then page 1, then page 2
        long waited = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(950);
    }

    @Test
    void anExhaustedUserQuotaPausesUntilTheWindowResets() {
        stub.server.stubFor(Estate.graphQuery("resources | where type in~").atPriority(2)
                .willReturn(Estate.json("graph-resources-page1.json")
                        .withHeader("x-ms-user-quota-remaining", "0")
                        .withHeader("x-ms-user-quota-resets-after", "00:00:01.2")));

        collector.collect(new AzureScope(List.of(Estate.S1), List.of()));

        List<LoggedRequest> calls = resourcesQueries();
        assertThat(calls).hasSize(2);
        long waited = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(1150);
    }

    @Test
    void resourceGraphThatKeepsFailingAbortsTheCollectionInsteadOfReturningAPartialInventory() {
        stub.server.stubFor(Estate.graphQuery("resources | where type in~").atPriority(0)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide below info when "
                                + "asking for support\",\"details\":[{\"code\":\"InvalidQuery\",\"message\":\"Query is invalid.\"}]}}")));

        assertThatThrownBy(() -> collector.collect(new AzureScope(List.of(Estate.S1), List.of())))
                .isInstanceOf(ResourceGraph.GraphException.class)
                .hasMessageContaining("Resource Graph query failed on page 1");
    }

    @Test
    void armListsFollowNextLinkOnTheSameEndpointOnly() {
        String path = Estate.SQL + "/firewallRules";
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("api-version", equalTo("2021-11-01"))
                .willReturn(Estate.json("s1-sql-firewall-rules.json").withBody(
                        StubArm.resource("arm/s1-sql-firewall-rules.json").replaceFirst("\\{\\s*\"value\"",
                                "{\"nextLink\": \"" + stub.endpoint() + path + "?api-version=2021-11-01&%24skiptoken=page2\", \"value\""))));
        stub.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("$skiptoken", equalTo("page2")).atPriority(1)
                .willReturn(Estate.json("s1-sql-firewall-rules-after-delete.json")));
        ArmReader arm = new ArmReader(clients);

        ArmReader.Result r = arm.list(Estate.S1, path, null, "2021-11-01", "Microsoft.Sql/servers/firewallRules");

        assertThat(r.ok()).isTrue();
        assertThat(r.documents()).hasSize(3);

    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowedWithOurToken() {
        String path = Estate.VAULT + "/secrets";
        stub.server.stubFor(get(urlPathEqualTo(path)).atPriority(0).willReturn(Estate.json("empty-list.json")
                .withBody("{\"value\": [], \"nextLink\": \"https://elsewhere.example" + path + "?page=2\"}")));

        ArmReader.Result r = new ArmReader(clients).list(Estate.S1, path, null, "2023-07-01",
                "Microsoft.KeyVault/vaults/secrets");

        assertThat(r.failure()).isNotNull();
        assertThat(r.failure().code()).isEqualTo("InvalidNextLink");
    }

    @Test
    void armReadsRetry429AndReport5xxAfterRetriesAsFailures() {
        String path = Estate.STORAGE + "/blobServices/default";
        stub.server.stubFor(get(urlPathEqualTo(path)).atPriority(0)
                .inScenario("arm").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        ArmReader arm = new ArmReader(clients);

        ArmReader.Result r = arm.get(Estate.S1, path, null, "2023-05-01", "Microsoft.Storage/storageAccounts/blobServices");
        assertThat(r.ok()).isTrue();
        assertThat(stub.server.findAll(getRequestedFor(urlPathEqualTo(path)))).hasSize(2);

        String broken = Estate.STORAGE + "/fileServices/default";
        stub.server.stubFor(get(urlPathEqualTo(broken)).atPriority(0).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "0").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"The service is unavailable.\"}}")));
        ArmReader.Result failed = arm.get(Estate.S1, broken, null, "2023-05-01", "Microsoft.Storage/storageAccounts/fileServices");
        assertThat(failed.failure()).isNotNull();
        assertThat(failed.failure().status()).isEqualTo(503);
        assertThat(failed.failure().code()).isEqualTo("ServiceUnavailable");
        assertThat(stub.server.findAll(getRequestedFor(urlPathEqualTo(broken)))).hasSize(4); // 1 + 3 retries
    }

    private List<LoggedRequest> resourcesQueries() {
        return stub.server.findAll(postRequestedFor(urlPathEqualTo(Estate.GRAPH_PATH))).stream()
                .filter(r -> r.getBodyAsString().contains("resources | where type in~"))
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }
}
