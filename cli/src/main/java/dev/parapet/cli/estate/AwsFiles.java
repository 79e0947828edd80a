package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.AccountResources;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/**
 * AWS as Config hands it out: the first account as configuration snapshots per region (global resources in the
 * region that records them) with two items instead delivered as EventBridge "Config Configuration Item Change"
 * events; the second account as SelectResourceConfig result pages (each result a JSON string); the account
 * documents as a plain array of items.
 */
final class AwsFiles {
    static final int SELECT_PAGE = 50;
    private static final List<String> EVENT_TYPES = List.of("AWS::EC2::SecurityGroup", "AWS::S3::Bucket");
    private static final List<String> SELECT_FIELDS = List.of("version", "accountId", "configurationItemCaptureTime",
            "configurationItemStatus", "configurationStateId", "arn", "resourceType", "resourceId", "resourceName",
            "awsRegion", "availabilityZone", "resourceCreationTime", "tags", "relationships", "configuration",
            "supplementaryConfiguration");

    private final EstateFiles files;
    private final Rand rand;

    AwsFiles(EstateFiles files, Rand rand) {
        this.files = files;
        this.rand = rand;
    }

    void write(List<ObjectNode> items) throws IOException {
        List<ObjectNode> accounts = new ArrayList<>();
        Map<String, List<ObjectNode>> snapshots = new LinkedHashMap<>();
        List<ObjectNode> events = new ArrayList<>();
        List<ObjectNode> selected = new ArrayList<>();
        String first = AwsEstate.ACCOUNTS.get(0);
        for (ObjectNode item : items) {
            String type = EstateFiles.text(item, "resourceType");
            if (AccountResources.AWS_ACCOUNT.equals(type)) {
                accounts.add(item);
            } else if (!first.equals(EstateFiles.text(item, "awsAccountId"))) {
                selected.add(item);
            } else if (events.size() < EVENT_TYPES.size() && EVENT_TYPES.get(events.size()).equals(type)) {
                events.add(item);
            } else {
                String region = EstateFiles.text(item, "awsRegion");
                String recordedIn = "global".equals(region) ? AwsEstate.GLOBAL_REGION : region;
                snapshots.computeIfAbsent(recordedIn, r -> new ArrayList<>()).add(item);
            }
        }
        if (!accounts.isEmpty()) {
            files.json("aws/account-settings.json", EstateFiles.array(accounts));
        }
        for (Map.Entry<String, List<ObjectNode>> e : snapshots.entrySet()) {
            // Config names snapshots ACCOUNT_Config_REGION_ConfigSnapshot_TIME_ID.json.gz; without the time and id
            // the names stay stable when the sample is regenerated.
            files.json("aws/" + first + "_Config_" + e.getKey() + "_ConfigSnapshot.json",
                    obj("fileVersion", "1.0", "configSnapshotId", rand.uuid(), "configurationItems", EstateFiles.array(e.getValue())));
        }
        for (int i = 0; i < events.size(); i++) {
            files.json("aws/events/config-item-change-" + (i + 1) + ".json", event(events.get(i)));
        }
        for (int page = 0; page * SELECT_PAGE < selected.size(); page++) {
            List<ObjectNode> slice = selected.subList(page * SELECT_PAGE, Math.min(selected.size(), (page + 1) * SELECT_PAGE));
            ArrayNode results = arr();
            for (ObjectNode item : slice) {
                results.add(J.json(selectResult(item)));
            }
            ObjectNode response = obj("Results", results, "QueryInfo", obj("SelectFields", selectFields()));
            if ((page + 1) * SELECT_PAGE < selected.size()) {
                response.put("NextToken", rand.lowerAlnum(64));
            }
            files.json("aws/" + AwsEstate.ACCOUNTS.get(1) + "_select-resource-config_page-" + (page + 1) + ".json", response);
        }
    }

    private ObjectNode event(ObjectNode item) {
        Instant captured = Instant.parse(item.get("configurationItemCaptureTime").asText());
        String notified = GenContext.iso(captured.plusSeconds(2));
        return obj(
                "version", "0",
                "id", rand.uuid(),
                "detail-type", "Config Configuration Item Change",
                "source", "aws.config",
                "account", item.get("awsAccountId").asText(),
                "time", captured.plusSeconds(3).truncatedTo(ChronoUnit.SECONDS).toString(),
                "region", item.get("awsRegion").asText(),
                "resources", arr(item.get("ARN").asText()),
                "detail", obj(
                        "recordVersion", "1.3",
                        "messageType", "ConfigurationItemChangeNotification",
                        "configurationItemDiff", obj("changedProperties", obj(), "changeType", "UPDATE"),
                        "notificationCreationTime", notified,
                        "configurationItem", item));
    }

    /** SELECT of the item's fields: the API spells some keys differently and lists tags as key/value pairs. */
    private static ObjectNode selectResult(ObjectNode item) {
        ObjectNode r = obj();
        for (String field : SELECT_FIELDS) {
            JsonNode value = switch (field) {
                case "version" -> item.get("configurationItemVersion");
                case "accountId" -> item.get("awsAccountId");
                case "arn" -> item.get("ARN");
                case "configurationStateId" -> J.node(item.get("configurationStateId").asText());
                case "tags" -> AwsEstate.tagList(tagMap(item.get("tags")));
                default -> item.get(field);
            };
            if (value != null && !value.isNull()) {
                r.set(field, value);
            }
        }
        return r;
    }

    private static Map<String, String> tagMap(JsonNode tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static ArrayNode selectFields() {
        ArrayNode fields = arr();
        SELECT_FIELDS.forEach(f -> fields.add(obj("Name", f)));
        return fields;
    }
}
