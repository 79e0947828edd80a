package dev.parapet.core.ingest;

import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ARM and Resource Graph documents (inputs/azure/). */
class AzureArmResourcesTest {
    private static final String SUB = "4d7a1f3e-92c5-4b08-a6e1-5f3c8b2d9e70";
    private static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-payments-prod";

    @Test
    void armGetGivesEveryResourceField() {
        Resource r = Inputs.single("azure/arm-get-storage-account.json");
        assertThat(r.provider()).isEqualTo(Provider.AZURE);
        assertThat(r.id()).isEqualTo((RG + "/providers/Microsoft.Storage/storageAccounts/stpaymentsprod01").toLowerCase(Locale.ROOT));
        assertThat(r.document().path("id").asText()).as("the document keeps ARM's case")
                .isEqualTo(RG + "/providers/Microsoft.Storage/storageAccounts/stpaymentsprod01");
        assertThat(r.type()).isEqualTo("Microsoft.Storage/storageAccounts");
        assertThat(r.account()).isEqualTo(SUB);
        assertThat(r.region()).isEqualTo("westeurope");
        assertThat(r.name()).isEqualTo("stpaymentsprod01");
        assertThat(r.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("env", "prod", "owner", "payments"));
        assertThat(r.observedAt()).as("systemData.lastModifiedAt").isEqualTo(Instant.parse("2026-01-20T16:05:33.1234567Z"));
        assertThat(r.deleted()).isFalse();
        assertThat(r.document().path("properties").path("minimumTlsVersion").asText()).isEqualTo("TLS1_2");
    }

    @Test
    void arrayOfArmObjectsWithoutSystemDataIsObservedAtTheReadTime() {
        ParseResult parsed = Inputs.read("azure/arm-array.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::type)
                .containsExactly("Microsoft.Network/networkSecurityGroups", "Microsoft.KeyVault/vaults");
        assertThat(parsed.resources()).allSatisfy(r -> {
            assertThat(r.observedAt()).isEqualTo(Inputs.NOW);
            assertThat(r.account()).isEqualTo(SUB);
        });
        assertThat(parsed.resources().get(0).tags()).isEmpty();
        assertThat(parsed.resources().get(1).tags()).containsExactlyEntriesOf(Map.of("env", "prod"));
    }

    @Test
    void listPageYieldsItsValueElements() {
        ParseResult parsed = Inputs.read("azure/arm-list-page.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::name).containsExactly("stpaymentsprod01", "stpaymentsprod02");
        assertThat(parsed.resources().get(1).tags()).isEmpty();
    }

    @Test
    void resourceGraphObjectArrayKeepsLowerCasedTypesAndTakesTheSubscriptionFromTheId() {
        ParseResult parsed = Inputs.read("azure/resource-graph-objectarray.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::type).containsExactly(
                "microsoft.sql/servers", "microsoft.resources/subscriptions", "microsoft.compute/disks");
        assertThat(parsed.resources()).allSatisfy(r -> assertThat(r.account()).isEqualTo("b2e9c4a1-6f3d-4e57-8a0c-7d1b5e9f2c36"));

        Resource sql = parsed.resources().get(0);
        assertThat(sql.region()).isEqualTo("northeurope");
        assertThat(sql.name()).isEqualTo("sql-analytics-eu");
        assertThat(sql.tags()).containsExactlyEntriesOf(Map.of("env", "prod"));
        assertThat(sql.id()).as("one identity whatever the case ARM or Resource Graph used").contains("/resourcegroups/rg-data/");
        assertThat(sql.document().path("id").asText()).contains("/resourceGroups/RG-DATA/");
        assertThat(sql.document().path("properties").path("minimalTlsVersion").asText()).isEqualTo("1.2");

        Resource subscription = parsed.resources().get(1);
        assertThat(subscription.region()).as("blank location").isEqualTo("global");
        Resource disk = parsed.resources().get(2);
        assertThat(disk.tags()).as("null tags").isEmpty();
    }

    @Test
    void resourceGraphTableFormIsTurnedIntoObjects() {
        ParseResult parsed = Inputs.read("azure/resource-graph-table.json");
        ParseResult objects = Inputs.read("azure/resource-graph-objectarray.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::id).containsExactly(
                objects.resources().get(0).id(), objects.resources().get(2).id());
        Resource sql = parsed.resources().get(0);
        assertThat(sql.type()).isEqualTo("microsoft.sql/servers");
        assertThat(sql.account()).isEqualTo("b2e9c4a1-6f3d-4e57-8a0c-7d1b5e9f2c36");
        assertThat(sql.region()).isEqualTo("northeurope");
        assertThat(sql.tags()).containsExactlyEntriesOf(Map.of("env", "prod"));
        assertThat(sql.document().path("properties")).isEqualTo(objects.resources().get(0).document().path("properties"));
        assertThat(sql.document().path("resourceGroup").asText()).isEqualTo("rg-data");
    }

    @Test
    void topLevelKeysInOtherCasesAreRewrittenToArmCasing() {
        Resource r = Inputs.single("azure/other-casing.json");
        assertThat(r.id()).isEqualTo((RG + "/providers/Microsoft.Web/sites/app-payments-api").toLowerCase(Locale.ROOT));
        assertThat(r.type()).isEqualTo("Microsoft.Web/sites");
        assertThat(r.region()).isEqualTo("westeurope");
        assertThat(r.name()).isEqualTo("app-payments-api");
        assertThat(r.tags()).containsExactlyEntriesOf(Map.of("env", "prod"));
        assertThat(r.document().fieldNames()).toIterable()
                .containsExactly("id", "name", "type", "kind", "location", "tags", "properties");
        assertThat(r.document().path("properties").path("siteConfig").path("minTlsVersion").asText())
                .as("nested keys are the service's own and stay").isEqualTo("1.2");
    }

    @Test
    void subscriptionGetWithoutTypeIsASubscription() {
        Resource r = Inputs.single("azure/subscription-get.json");
        assertThat(r.id()).isEqualTo("/subscriptions/" + SUB);
        assertThat(r.type()).isEqualTo("Microsoft.Resources/subscriptions");
        assertThat(r.document().path("type").asText()).isEqualTo("Microsoft.Resources/subscriptions");
        assertThat(r.account()).isEqualTo(SUB);
        assertThat(r.name()).isEqualTo(SUB);
        assertThat(r.region()).isEqualTo("global");
        assertThat(r.tags()).containsExactlyEntriesOf(Map.of("costcenter", "4410"));
    }

    @Test
    void upperCaseSubscriptionIdsAreLowerCasedForTheAccount() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree("""
                {"id":"/SUBSCRIPTIONS/4D7A1F3E-92C5-4B08-A6E1-5F3C8B2D9E70/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip",
                 "type":"Microsoft.Network/publicIPAddresses","location":"westeurope"}"""), "pip.json", Inputs.NOW);
        assertThat(parsed.resources()).singleElement().satisfies(r -> assertThat(r.account()).isEqualTo(SUB));
        assertThat(AzureArmResources.segmentAfter("/subscriptions/a/resourceGroups/b", "RESOURCEGROUPS")).isEqualTo("b");
    }

    @Test
    void listPageWithABadElementParsesTheOthersAndNamesTheIndex() {
        ParseResult parsed = Inputs.read("malformed/arm-list-one-bad.json");
        assertThat(parsed.resources()).extracting(Resource::name).containsExactly("stpaymentsprod01", "stpaymentsprod02");
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(Inputs.path("malformed/arm-list-one-bad.json") + " value[1]");
            assertThat(p.reason()).contains("not an ARM resource");
        });
    }

    @Test
    void malformedResourceGraphTablesAreProblemsNotCrashes() throws Exception {
        ParseResult notArrays = ResourceParser.parse(Json.MAPPER.readTree(
                "{\"data\":{\"columns\":{\"name\":\"id\"},\"rows\":[]}}"), "t.json", Inputs.NOW);
        assertThat(notArrays.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("t.json data");
            assertThat(p.reason()).contains("columns array");
        });

        ParseResult badRow = ResourceParser.parse(Json.MAPPER.readTree("""
                {"data":{"columns":[{"name":"id","type":"string"},{"name":"type","type":"string"}],
                 "rows":[{"id":"x"},["/subscriptions/%s/resourceGroups/rg","microsoft.resources/resourcegroups"],["/subscriptions/%s/x"]]}}"""
                .formatted(SUB, SUB)), "t.json", Inputs.NOW);
        assertThat(badRow.resources()).extracting(Resource::type).containsExactly("microsoft.resources/resourcegroups");
        assertThat(badRow.problems()).extracting(InputProblem::source)
                .containsExactly("t.json data.rows[0]", "t.json data.rows[2]");
    }

    @Test
    void unusableLastModifiedAtKeepsTheResourceAndSaysSo() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree("""
                {"id":"/subscriptions/%s/resourceGroups/rg","type":"Microsoft.Resources/resourceGroups","name":"rg",
                 "systemData":{"lastModifiedAt":"last tuesday"}}""".formatted(SUB)), "rg.json", Inputs.NOW);
        assertThat(parsed.resources()).singleElement().satisfies(r -> assertThat(r.observedAt()).isEqualTo(Inputs.NOW));
        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("lastModifiedAt"));
    }

    @Test
    void idsOutsideSubscriptionsAreNotArmResourcesWeCanPlace() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree(
                "[{\"id\":\"/providers/Microsoft.Management/managementGroups/mg\",\"type\":\"Microsoft.Management/managementGroups\"}]"),
                "mg.json", Inputs.NOW);
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).extracting(InputProblem::source).containsExactly("mg.json[0]");
        assertThat(parsed.problems().get(0).reason()).contains("not a recognised format");
    }
}
