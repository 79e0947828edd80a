package dev.parapet.azure.events;

import dev.parapet.azure.Estate;
import dev.parapet.azure.StubArm;
import dev.parapet.azure.TestSupport;
import dev.parapet.azure.collect.ArmId;
import dev.parapet.core.model.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real-format Resource Manager events in both schemas, read and filtered. */
class EventParsingAndNoiseTest {
    static final Set<String> TYPES = TestSupport.rules().typesFor(Provider.AZURE);
    final NoiseFilter filter = new NoiseFilter(
            t -> TYPES.stream().anyMatch(x -> x.equalsIgnoreCase(t)) || t.equalsIgnoreCase(ArmId.SUBSCRIPTION_TYPE),
            () -> Set.of(StubArm.SELF_OBJECT_ID));

    static ResourceEvent only(String file) {
        List<ResourceEvent> events = EventParser.parse(StubArm.resource("events/" + file));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void bothSchemasGiveTheSameEvent() {
        ResourceEvent eg = only("eventgrid-storage-write.json");
        ResourceEvent ce = only("cloudevents-storage-write.json");

        assertThat(eg.schema()).isEqualTo("EventGrid");
        assertThat(ce.schema()).isEqualTo("CloudEvents");
        for (ResourceEvent e : List.of(eg, ce)) {
            assertThat(e.eventType()).isEqualTo(ResourceEvent.WRITE_SUCCESS);
            assertThat(e.resourceId()).isEqualTo(Estate.STORAGE);
            assertThat(e.operationName()).isEqualTo("Microsoft.Storage/storageAccounts/write");
            assertThat(e.status()).isEqualTo("Succeeded");
            assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-03-02T10:15:04.6117357Z"));
            assertThat(e.principalId()).isEqualTo("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
            assertThat(filter.skipReason(e)).isEmpty();
        }
        assertThat(only("eventgrid-storage-delete.json").isDelete()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "eventgrid-deployment-write.json|deployment history",
            "cloudevents-tags-write.json|Microsoft.Resources/tags does not change posture",
            "eventgrid-self-write.json|ignored principal",
            "eventgrid-container-write.json|child operation on Microsoft.Storage/storageAccounts/blobServices/containers",
            "cloudevents-appsettings-write.json|child appsettings of type Microsoft.Web/sites/config is not one the rules read",
            "eventgrid-unread-type-write.json|no rule reads Microsoft.Network/publicIPAddresses",
            "eventgrid-action.json|is not a successful write or delete",
            "cloudevents-mg-roledefinition-write.json|management group scope"})
    void noiseIsSkippedWithItsReason(String file, String reason) {
        Optional<String> skip = filter.skipReason(only(file));
        assertThat(skip).isPresent();
        assertThat(skip.get()).contains(reason);
    }

    @Test
    void childDocumentsTheRulesReadAreProcessed() {
        assertThat(filter.skipReason(only("eventgrid-blobservice-write.json"))).isEmpty();
        assertThat(filter.skipReason(only("cloudevents-firewall-delete.json"))).isEmpty();
    }

    @Test
    void aDiagnosticSettingOfAResourceNoRuleLooksAtIsSkipped() {
        ResourceEvent diag = new ResourceEvent("x", "EventGrid", ResourceEvent.WRITE_SUCCESS,
                Estate.STORAGE + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
                "Microsoft.Insights/diagnosticSettings/write", "Succeeded", Estate.S1, Instant.now(), null, null);
        ResourceEvent vaultDiag = new ResourceEvent("y", "EventGrid", ResourceEvent.WRITE_SUCCESS,
                Estate.VAULT + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
                "Microsoft.Insights/diagnosticSettings/write", "Succeeded", Estate.S1, Instant.now(), null, null);

        assertThat(filter.skipReason(diag)).hasValueSatisfying(r -> assertThat(r).contains("no rule reads it there"));
        assertThat(filter.skipReason(vaultDiag)).isEmpty();
    }

    @Test
    void malformedEventsNameTheEventAndTheField() {
        assertThatThrownBy(() -> EventParser.parse("{not json"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventParser.parse(StubArm.resource("events/malformed-no-time.json")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("9e0f1a2b-3c4d-4e5f-6a7b-8c9d0e1f2a3b").hasMessageContaining("eventTime is missing");
        assertThatThrownBy(() -> EventParser.parse("[{\"id\":\"a\"}]"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("event[0]")
                .hasMessageContaining("neither an Event Grid event");
        assertThatThrownBy(() -> EventParser.parse("{\"specversion\":\"1.0\",\"id\":\"b\",\"type\":\"t\",\"time\":\"yesterday\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not an ISO-8601");
        ResourceEvent badId = only("malformed-resource-id.json");
        assertThatThrownBy(() -> filter.skipReason(badId)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("0f1a2b3c-4d5e-4f6a-7b8c-9d0e1f2a3b4c").hasMessageContaining("is not an ARM id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/subscriptions/S|Microsoft.Resources/subscriptions|S|",
            "/subscriptions/S/resourceGroups/R|Microsoft.Resources/resourceGroups|R|/subscriptions/S",
            "/subscriptions/S/resourceGroups/R/providers/Microsoft.Sql/servers/a/databases/b|Microsoft.Sql/servers/databases|b|/subscriptions/S/resourceGroups/R/providers/Microsoft.Sql/servers/a",
            "/subscriptions/S/resourceGroups/R/providers/Microsoft.KeyVault/vaults/v/providers/Microsoft.Insights/diagnosticSettings/d|Microsoft.Insights/diagnosticSettings|d|/subscriptions/S/resourceGroups/R/providers/Microsoft.KeyVault/vaults/v",
            "/subscriptions/S/providers/Microsoft.Security/pricings/VirtualMachines|Microsoft.Security/pricings|VirtualMachines|/subscriptions/S"})
    void armIdsAreTakenApart(String id, String type, String name, String parent) {
        ArmId a = ArmId.parse(id);
        assertThat(a.type()).isEqualTo(type);
        assertThat(a.name()).isEqualTo(name);
        assertThat(a.parent()).isEqualTo(parent);
        assertThat(a.subscription().toLowerCase(Locale.ROOT)).isEqualTo("s");
    }

    @Test
    void principalsSettingIsCaseInsensitive() {
        assertThat(NoiseFilter.principals(" AAA, bbb ccc ")).containsExactlyInAnyOrder("aaa", "bbb", "ccc");
    }
}
