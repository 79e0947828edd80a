package dev.parapet.azure.functions;

import com.microsoft.azure.functions.ExecutionContext;
import dev.parapet.azure.Estate;
import dev.parapet.azure.StubArm;
import dev.parapet.azure.TestSupport;
import dev.parapet.azure.app.AppContext;
import dev.parapet.azure.app.AzureSettings;
import dev.parapet.azure.app.TicketForwarding;
import dev.parapet.azure.events.MalformedEventException;
import dev.parapet.core.store.FindingFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The function entry points as the Java worker calls them: a trigger payload and an ExecutionContext. */
class FunctionsTest {
    @TempDir
    Path dir;
    AppContext app;
    AppContext previous;
    final AtomicInteger forwarded = new AtomicInteger();
    final List<String> lines = new ArrayList<>();

    @BeforeEach
    void setUp() {
        StubArm stub = TestSupport.stub();
        app = AppContext.create(Map.of(AzureSettings.STORE_URL, "jdbc:sqlite:" + dir.resolve("f.db"),
                        AzureSettings.ARM_ENDPOINT, stub.endpoint(), AzureSettings.SUBSCRIPTIONS, Estate.S1),
                StubArm.credential(), StubArm.httpClient(), (store, log) -> forwarded.incrementAndGet(),
                TestSupport.loaded());
        previous = AppContext.install(app);
    }

    @AfterEach
    void tearDown() {
        AppContext.install(previous);
        app.close();
    }

    ExecutionContext context() {
        Logger logger = TestSupport.capturing(lines);
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return logger;
            }

            @Override
            public String getInvocationId() {
                return "3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1b";
            }

            @Override
            public String getFunctionName() {
                return "test";
            }
        };
    }

    @Test
    void timerScansTheConfiguredSubscriptionAndForwardsTickets() {
        new ScheduledScanFunction().run("{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":false}",
                context());

        assertThat(app.store().scans(5)).hasSize(1);
        assertThat(app.store().findings(FindingFilter.CURRENT)).isNotEmpty();
        assertThat(forwarded).hasValue(1);
        assertThat(lines).anyMatch(l -> l.contains("\"event\":\"scan.finished\"") && l.contains("3c5e7a9b"));
    }

    @Test
    void eventFunctionHandlesADeliveryAndFailsTheInvocationOnAMalformedOne() {
        new ScheduledScanFunction().run("{}", context());
        new ResourceEventFunction().run(StubArm.resource("events/eventgrid-storage-delete.json"), context());
        assertThat(forwarded).hasValue(2);

        assertThatThrownBy(() -> new ResourceEventFunction().run("{\"data\":", context()))
                .isInstanceOf(MalformedEventException.class);
    }
}
