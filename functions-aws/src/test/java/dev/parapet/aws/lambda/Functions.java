package dev.parapet.aws.lambda;

import dev.parapet.aws.Moto;
import dev.parapet.aws.sdk.AwsClients;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The deployed functions' surroundings, on moto: the work queue, the progress table and a SQLite store file, and a
 * container configured through the same environment variables the SAM template sets.
 */
final class Functions {
    final AwsClients aws;
    final String queueUrl;
    Container container;
    final Path storeFile;
    private Map<String, String> env;

    Functions(Path dir, String regions) {
        this(dir, regions, Moto.clients(), Moto.endpoint().toString());
    }

    /** With other clients (a Config API stub) for what moto does not emulate faithfully. */
    Functions(Path dir, String regions, AwsClients clients, String endpoint) {
        aws = clients;
        if (!endpoint.equals(Moto.endpoint().toString())) {
            queueUrl = null;
            storeFile = dir.resolve("parapet.db");
            container = Container.of(Map.of("AWS_REGION", "us-east-1", "PARAPET_STORE_URL", "sqlite:" + storeFile,
                    "PARAPET_AWS_ENDPOINT", endpoint, "PARAPET_ACCOUNT_ID", Moto.ACCOUNT, "PARAPET_REGIONS", regions),
                    Clock.systemUTC(), aws);
            return;
        }
        queueUrl = aws.sqs("us-east-1").createQueue(r -> r.queueName("parapet-scan-parts")).queueUrl();
        aws.dynamoDb("us-east-1").createTable(r -> r.tableName("parapet-scan-progress")
                .keySchema(KeySchemaElement.builder().attributeName("scanId").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("scanId")
                        .attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        storeFile = dir.resolve("parapet.db");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("PARAPET_STORE_URL", "sqlite:" + storeFile);
        env.put("PARAPET_WORK_QUEUE_URL", queueUrl);
        env.put("PARAPET_PROGRESS_TABLE", "parapet-scan-progress");
        env.put("PARAPET_REGIONS", regions);
        env.put("PARAPET_AWS_ENDPOINT", Moto.endpoint().toString());
        env.put("PARAPET_ACCOUNT_ID", Moto.ACCOUNT);
        this.env = env;
        container = Container.of(env, Clock.systemUTC(), aws);
    }

    /** Scheduled scans publish their report to this bucket and prefix (set before the store is first used). */
    void publishReportsTo(String bucket, String prefix) {
        container.closeStore();
        env.put("PARAPET_REPORT_BUCKET", bucket);
        env.put("PARAPET_REPORT_PREFIX", prefix);
        container = Container.of(env, Clock.systemUTC(), aws);
    }

    static byte[] event(String name) {
        try (InputStream in = Functions.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test event " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String eventText(String name) {
        return new String(event(name), StandardCharsets.UTF_8);
    }

    static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new java.io.ByteArrayInputStream(event), out, new TestContext("parapet"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    void close() {
        container.closeStore();
        aws.close();
    }
}
