package dev.parapet.azure.events;

import java.time.Instant;

/**
 * A Resource Manager event from a subscription's Event Grid system topic, in either delivery schema.
 *
 * @param schema        "EventGrid" or "CloudEvents"
 * @param resourceId    data.resourceUri (the subject where data has none)
 * @param principalId   object id of the caller (authorization.evidence.principalId or the oid claim), or null
 * @param appId         application id of the caller (appid / azp claim), or null
 */
public record ResourceEvent(String id, String schema, String eventType, String resourceId, String operationName,
                            String status, String subscriptionId, Instant eventTime, String principalId, String appId) {

    public static final String WRITE_SUCCESS = "Microsoft.Resources.ResourceWriteSuccess";
    public static final String DELETE_SUCCESS = "Microsoft.Resources.ResourceDeleteSuccess";

    public boolean isDelete() {
        return DELETE_SUCCESS.equalsIgnoreCase(eventType);
    }
}
