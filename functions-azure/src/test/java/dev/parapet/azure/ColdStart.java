package dev.parapet.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import dev.parapet.azure.app.AppContext;
import dev.parapet.azure.app.AzureRules;
import dev.parapet.azure.app.AzureSettings;
import dev.parapet.azure.app.StructuredLog;
import dev.parapet.azure.app.TicketForwarding;
import dev.parapet.azure.collect.AzureScope;
import reactor.core.publisher.Mono;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cold start of the function handlers, run by scripts/cold-start.sh (not a test) on the packaged app's class path:
 * "event" and "timer" are one fresh JVM each that builds the app context and handles one invocation against the stub
 * ({@link ColdStartStub}), then prints the phases in milliseconds since the JVM started. Nothing of WireMock is loaded.
 */
public final class ColdStart {
    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis() - jvmStart;
        String mode = args[0];
        String endpoint = args[1];
        String db = args[2];
        Logger quiet = Logger.getAnonymousLogger();
        quiet.setLevel(Level.WARNING);
        StructuredLog log = new StructuredLog(quiet);
        AzureRules.Loaded rules = AzureRules.load();
        long rulesAt = System.currentTimeMillis() - jvmStart;
        AppContext app = AppContext.create(Map.of(AzureSettings.STORE_URL, "jdbc:sqlite:" + db,
                AzureSettings.ARM_ENDPOINT, endpoint), credential(), StubTls.httpClient(Path.of(args[3])), TicketForwarding.NONE,
                rules);
        long contextAt = System.currentTimeMillis() - jvmStart;
        if (mode.equals("timer")) {
            app.scanHandler(log).run(new AzureScope(List.of(Estate.S1), List.of()));
        } else {
            app.eventHandler(log).handle(new String(ColdStart.class.getResourceAsStream(
                    "/events/eventgrid-storage-write.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        long firstAt = System.currentTimeMillis() - jvmStart;
        long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long t = System.nanoTime();
        if (mode.equals("event")) {
            app.eventHandler(log).handle(new String(ColdStart.class.getResourceAsStream(
                    "/events/cloudevents-storage-write.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        long secondMs = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("{\"mode\":\"%s\",\"jvmToMainMs\":%d,\"rulesLoadedMs\":%d,\"contextReadyMs\":%d,"
                        + "\"firstInvocationDoneMs\":%d,\"cpuMsToFirstDone\":%d,\"secondInvocationMs\":%d}%n", mode, mainAt,
                rulesAt, contextAt, firstAt, cpuMs, mode.equals("event") ? secondMs : -1);
        app.close();
        System.exit(0);
    }

    private static TokenCredential credential() {
        return request -> Mono.just(new AccessToken("eyJhbGciOiJub25lIn0.eyJvaWQiOiJjb2xkLXN0YXJ0In0.",
                OffsetDateTime.now().plusHours(1)));
    }
}
