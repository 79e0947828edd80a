package dev.parapet.azure.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.parapet.azure.app.AppContext;
import dev.parapet.azure.app.StructuredLog;

import java.util.Map;

/** Timer trigger: a complete scan of every subscription in scope, on the PARAPET_SCHEDULE CRON schedule. */
public class ScheduledScanFunction {
    public static final String NAME = "scheduledScan";

    @FunctionName(NAME)
    public void run(@TimerTrigger(name = "timer", schedule = "%PARAPET_SCHEDULE%") String timerInfo,
                    ExecutionContext context) {
        StructuredLog log = new StructuredLog(context.getLogger());
        log.info("scan.started", Map.of("invocationId", context.getInvocationId()));
        AppContext app = AppContext.get();
        var results = app.scanHandler(log).run(app.settings().scope());
        log.info("scan.finished", Map.of("invocationId", context.getInvocationId(), "subscriptions", results.size()));
    }
}
