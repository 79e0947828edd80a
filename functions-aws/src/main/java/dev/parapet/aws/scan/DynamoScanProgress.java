package dev.parapet.aws.scan;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Scan progress in a DynamoDB table keyed by {@code scanId}: {@code expected} (number) and {@code done} (a string
 * set of part ids, so a redelivered part adds nothing). Items expire after {@code ttl} through the table's TTL
 * attribute {@code expiresAt}.
 */
public final class DynamoScanProgress implements ScanProgress {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration ttl;

    public DynamoScanProgress(DynamoDbClient dynamo, String table, Clock clock, Duration ttl) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void expect(String scanId, int parts) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("scanId", s(scanId), "expected", n(parts),
                            "expiresAt", n(clock.instant().plus(ttl).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(scanId)"));
        } catch (ConditionalCheckFailedException e) {
            // registered by an earlier delivery of the same schedule event
        }
    }

    @Override
    public boolean done(String scanId, String partId) {
        var response = dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of("scanId", s(scanId)))
                .updateExpression("ADD done :part")
                .conditionExpression("attribute_exists(scanId)")
                .expressionAttributeValues(Map.of(":part", AttributeValue.fromSs(java.util.List.of(partId))))
                .returnValues(ReturnValue.ALL_NEW));
        Map<String, AttributeValue> item = response.attributes();
        int expected = Integer.parseInt(item.get("expected").n());
        return item.get("done").ss().size() >= expected;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
