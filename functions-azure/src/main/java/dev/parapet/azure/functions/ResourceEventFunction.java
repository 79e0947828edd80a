package dev.parapet.azure.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.parapet.azure.app.AppContext;
import dev.parapet.azure.app.StructuredLog;

/**
 * Event Grid trigger: Resource Manager write and delete events of a subscription's system topic, in the Event Grid or
 * CloudEvents schema. An exception makes Event Grid retry the delivery, then dead-letter it.
 */
public class ResourceEventFunction {
    public static final String NAME = "resourceChanged";

    @FunctionName(NAME)
    public void run(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        StructuredLog log = new StructuredLog(context.getLogger());
        AppContext.get().eventHandler(log).handle(event);
    }
}
