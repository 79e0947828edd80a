package dev.parapet.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS Config configuration items in every shape Config hands them out (inputs/aws/). */
class AwsConfigItemsTest {

    @Test
    void singleItemInSnapshotFormGivesEveryResourceField() {
        Resource r = Inputs.single("aws/configuration-item.json");

        assertThat(r.provider()).isEqualTo(Provider.AWS);
        assertThat(r.id()).isEqualTo("arn:aws:s3:::northwind-audit-logs");
        assertThat(r.type()).isEqualTo("AWS::S3::Bucket");
        assertThat(r.account()).isEqualTo("210987654321");
        assertThat(r.region()).isEqualTo("eu-central-1");
        assertThat(r.name()).isEqualTo("northwind-audit-logs");
        assertThat(r.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "platform", "data-class", "internal"));
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-14T08:21:45.118Z"));
        assertThat(r.deleted()).isFalse();
        assertThat(r.document().path("configuration").path("creationDate").asText()).isEqualTo("2025-06-11T09:30:12.000Z");
    }

    @Test
    void supplementaryValuesAreDecodedWhetherObjectsJsonStringsOrStringsEncodedTwice() {
        JsonNode sup = Inputs.single("aws/configuration-item.json").document().path("supplementaryConfiguration");

        // an object stays an object
        assertThat(sup.path("ServerSideEncryptionConfiguration").path("rules").get(0)
                .path("applyServerSideEncryptionByDefault").path("sseAlgorithm").asText()).isEqualTo("aws:kms");
        // a JSON string is decoded once
        assertThat(sup.path("AccessControlList").isObject()).isTrue();
        assertThat(sup.path("AccessControlList").path("grantList").get(0).path("permission").asText()).isEqualTo("FullControl");
        // a JSON string encoded twice is decoded twice
        JsonNode pab = sup.path("PublicAccessBlockConfiguration");
        assertThat(pab.isObject()).as("decoded: %s", pab).isTrue();
        assertThat(pab.path("restrictPublicBuckets").isBoolean()).isTrue();
        assertThat(pab.path("restrictPublicBuckets").booleanValue()).isTrue();
        assertThat(sup.path("IsRequesterPaysEnabled").isBoolean()).isTrue();
    }

    @Test
    void arrayOfItemsMarksDeletionsAndFallsBackToResourceIdWithoutArn() {
        ParseResult parsed = Inputs.read("aws/configuration-items-array.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::id).containsExactly(
                "arn:aws:ec2:eu-central-1:210987654321:security-group/sg-06a2f9c4e1b7d3580",
                "arn:aws:iam::210987654321:role/legacy-batch-runner",
                "arn:aws:ec2:eu-central-1:210987654321:network-interface/eni-0f3a9b2c7d1e64085",
                "i-0b5c1d7e9f2a34681");
        assertThat(parsed.resources()).extracting(Resource::deleted).containsExactly(false, true, true, false);

        Resource role = parsed.resources().get(1);
        assertThat(role.region()).isEqualTo("global");
        assertThat(role.document().get("configuration").isNull()).isTrue();

        Resource eni = parsed.resources().get(2);
        assertThat(eni.name()).as("no resourceName: the resourceId names it").isEqualTo("eni-0f3a9b2c7d1e64085");

        Resource inventory = parsed.resources().get(3);
        assertThat(inventory.type()).isEqualTo("AWS::SSM::ManagedInstanceInventory");
        assertThat(inventory.name()).isEqualTo("i-0b5c1d7e9f2a34681");
        assertThat(inventory.observedAt()).isEqualTo(Instant.parse("2026-02-14T07:59:00Z"));
    }

    @Test
    void snapshotFileListsItsConfigurationItems() {
        ParseResult parsed = Inputs.read("aws/config-snapshot-file.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::type)
                .containsExactly("AWS::S3::Bucket", "AWS::EC2::SecurityGroup");
    }

    @Test
    void eventBridgeItemChangeEventCarriesTheItemInDetail() {
        Resource r = Inputs.single("aws/eventbridge-item-change.json");
        assertThat(r.id()).isEqualTo("arn:aws:ec2:eu-central-1:210987654321:security-group/sg-06a2f9c4e1b7d3580");
        assertThat(r.type()).isEqualTo("AWS::EC2::SecurityGroup");
        assertThat(r.account()).isEqualTo("210987654321");
        assertThat(r.name()).isEqualTo("web-tier");
        assertThat(r.tags()).isEmpty();
        assertThat(r.observedAt()).as("the item's capture time, not the event time")
                .isEqualTo(Instant.parse("2026-02-15T13:40:27.771Z"));
        assertThat(r.deleted()).isFalse();
        assertThat(r.document().path("configuration").path("ipPermissions").get(0).path("fromPort").asInt()).isEqualTo(443);
        assertThat(r.document().has("detail")).as("the document is the item, not the event").isFalse();
    }

    @Test
    void snsChangeNotificationOfADeletionGivesADeletedResource() {
        Resource r = Inputs.single("aws/sns-item-change-notification.json");
        assertThat(r.id()).isEqualTo("arn:aws:iam::210987654321:role/legacy-batch-runner");
        assertThat(r.deleted()).isTrue();
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-14T09:05:40Z"));
    }

    @Test
    void oversizedNotificationsAreAProblemThatSaysToFetchTheItem() {
        for (String file : List.of("aws/eventbridge-oversized.json", "aws/sns-oversized-notification.json",
                "aws/rule-invocation-oversized.json")) {
            ParseResult parsed = Inputs.read(file);
            assertThat(parsed.resources()).as(file).isEmpty();
            assertThat(parsed.problems()).as(file).singleElement().satisfies(p -> {
                assertThat(p.source()).startsWith(Inputs.path(file).toString());
                assertThat(p.reason()).contains("oversized", "GetResourceConfigHistory", "AWS::IAM::Policy",
                        "ANPATZ4EXAMPLEW8HJ3QR");
            });
        }
    }

    @Test
    void ruleInvocationCarriesTheItemAsAJsonString() {
        Resource r = Inputs.single("aws/rule-invocation-change.json");
        assertThat(r.id()).isEqualTo("arn:aws:s3:::northwind-audit-logs");
        assertThat(r.account()).isEqualTo("210987654321");
        assertThat(r.region()).isEqualTo("eu-central-1");
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-14T08:21:45.118Z"));
        assertThat(r.document().path("supplementaryConfiguration").path("PublicAccessBlockConfiguration")
                .path("blockPublicPolicy").booleanValue()).isTrue();
        assertThat(r.document().has("ruleParameters")).isFalse();
    }

    @Test
    void scheduledRuleInvocationIsAClearProblem() {
        ParseResult parsed = Inputs.read("aws/rule-invocation-scheduled.json");
        assertThat(parsed.resources()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(Inputs.path("aws/rule-invocation-scheduled.json").toString());
            assertThat(p.reason()).contains("scheduled", "carries no configuration item");
        });
    }

    @Test
    void selectResourceConfigResultsAreJsonStringsWithTagsAsKeyValuePairs() {
        ParseResult parsed = Inputs.read("aws/select-resource-config.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).hasSize(2);

        Resource bucket = parsed.resources().get(0);
        assertThat(bucket.id()).isEqualTo("arn:aws:s3:::northwind-build-cache");
        assertThat(bucket.type()).isEqualTo("AWS::S3::Bucket");
        assertThat(bucket.account()).isEqualTo("210987654321");
        assertThat(bucket.region()).isEqualTo("eu-west-1");
        assertThat(bucket.name()).isEqualTo("northwind-build-cache");
        assertThat(bucket.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "build", "cost-center", "4410"));
        assertThat(bucket.observedAt()).isEqualTo(Instant.parse("2026-02-16T05:00:01Z"));
        assertThat(bucket.document().path("supplementaryConfiguration").path("PublicAccessBlockConfiguration")
                .path("ignorePublicAcls").booleanValue()).isTrue();

        Resource volume = parsed.resources().get(1);
        assertThat(volume.name()).isEqualTo("vol-0c4e8a2b6d1f93750");
        assertThat(volume.tags()).isEmpty();
        assertThat(volume.document().path("configuration").path("encrypted").isBoolean()).isTrue();
    }

    @Test
    void batchGetResourceConfigDecodesConfigurationAndReadsCliV2Timestamps() {
        Resource r = Inputs.single("aws/batch-get-resource-config.json");
        assertThat(r.id()).isEqualTo("arn:aws:s3:::northwind-audit-logs");
        assertThat(r.account()).as("the API calls it accountId").isEqualTo("210987654321");
        assertThat(r.region()).isEqualTo("eu-central-1");
        assertThat(r.tags()).as("base items carry no tags").isEmpty();
        assertThat(r.observedAt()).isEqualTo(Instant.parse("2026-02-14T08:21:45.118Z"));
        JsonNode doc = r.document();
        assertThat(doc.path("configuration").isObject()).isTrue();
        assertThat(doc.path("configuration").path("name").asText()).isEqualTo("northwind-audit-logs");
        JsonNode sup = doc.path("supplementaryConfiguration");
        assertThat(sup.path("PublicAccessBlockConfiguration").path("blockPublicAcls").booleanValue()).isTrue();
        assertThat(sup.path("IsRequesterPaysEnabled").isBoolean()).as("\"false\" decoded like the snapshot's false").isTrue();
        assertThat(sup.path("ServerSideEncryptionConfiguration").path("rules").isArray()).isTrue();
    }

    @Test
    void batchGetAsCliV1PrintsItReadsEpochSecondsAndMatchesTheSnapshotDocument() {
        Resource v1 = Inputs.single("aws/batch-get-resource-config-cli-v1.json");
        Resource v2 = Inputs.single("aws/batch-get-resource-config.json");
        Resource snapshot = Inputs.single("aws/configuration-item.json");
        assertThat(v1.observedAt()).isEqualTo(Instant.parse("2026-02-14T08:21:45.118Z"));
        assertThat(v1.document().path("configuration")).isEqualTo(v2.document().path("configuration"));
        // After decoding, the API form and the snapshot form read alike where they carry the same settings.
        for (String key : List.of("PublicAccessBlockConfiguration", "AccessControlList", "IsRequesterPaysEnabled",
                "ServerSideEncryptionConfiguration")) {
            assertThat(v2.document().path("supplementaryConfiguration").path(key)).as(key)
                    .isEqualTo(snapshot.document().path("supplementaryConfiguration").path(key));
        }
        assertThat(v2.document().path("configuration")).isEqualTo(snapshot.document().path("configuration"));
    }

    @Test
    void resourceConfigHistoryGivesEveryStateWithItsOwnTime() {
        ParseResult parsed = Inputs.read("aws/resource-config-history.json");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.resources()).extracting(Resource::observedAt).containsExactly(
                Instant.parse("2026-02-15T13:40:27.771Z"), Instant.parse("2026-02-14T08:22:03.402Z"));
        assertThat(parsed.resources()).allSatisfy(r -> {
            assertThat(r.id()).isEqualTo("arn:aws:ec2:eu-central-1:210987654321:security-group/sg-06a2f9c4e1b7d3580");
            assertThat(r.tags()).containsExactlyEntriesOf(Map.of("tier", "web"));
        });
        assertThat(parsed.resources().get(0).document().path("configuration").path("ipPermissions")).hasSize(2);
    }

    @Test
    void badElementsOfAListAreProblemsNamingTheirIndexWhileTheOthersParse() throws Exception {
        JsonNode page = Json.MAPPER.readTree("""
                {"Results": [
                  "{\\"resourceId\\":\\"vol-1\\",\\"resourceType\\":\\"AWS::EC2::Volume\\",\\"accountId\\":\\"210987654321\\"}",
                  "{\\"resourceId\\":\\"vol-2\\",",
                  "{\\"resourceId\\":\\"vol-3\\",\\"accountId\\":\\"210987654321\\"}",
                  "{\\"resourceId\\":\\"vol-4\\",\\"resourceType\\":\\"AWS::EC2::Volume\\",\\"configuration\\":\\"not json\\"}"
                ]}""");
        ParseResult parsed = ResourceParser.parse(page, "select.json", Inputs.NOW);
        assertThat(parsed.resources()).extracting(Resource::id).containsExactly("vol-1");
        assertThat(parsed.resources().get(0).observedAt()).as("no capture time selected: the read time").isEqualTo(Inputs.NOW);
        assertThat(parsed.problems()).extracting(InputProblem::source)
                .containsExactly("select.json Results[1]", "select.json Results[2]", "select.json Results[3]");
        assertThat(parsed.problems().get(0).reason()).contains("not valid JSON");
        assertThat(parsed.problems().get(1).reason()).contains("lacks resourceType");
        assertThat(parsed.problems().get(2).reason()).contains("vol-4", "not JSON");
    }

    @Test
    void otherConfigNotificationsAndEventsSayTheyCarryNoItem() throws Exception {
        ParseResult delivery = ResourceParser.parse(Json.MAPPER.readTree("""
                {"configSnapshotId":"0d3f","s3ObjectKey":"AWSLogs/210987654321/Config/x.json.gz","s3Bucket":"b",
                 "notificationCreationTime":"2026-02-15T00:10:00.000Z",
                 "messageType":"ConfigurationSnapshotDeliveryCompleted","recordVersion":"1.1"}"""), "n.json", Inputs.NOW);
        assertThat(delivery.problems()).singleElement().satisfies(p ->
                assertThat(p.reason()).contains("ConfigurationSnapshotDeliveryCompleted", "carries no configuration item"));

        ParseResult compliance = ResourceParser.parse(Json.MAPPER.readTree("""
                {"version":"0","id":"e1","detail-type":"Config Rules Compliance Change","source":"aws.config",
                 "account":"210987654321","time":"2026-02-15T00:10:00Z","region":"eu-central-1","resources":[],
                 "detail":{"resourceId":"sg-1","awsRegion":"eu-central-1","awsAccountId":"210987654321",
                   "configRuleName":"r","messageType":"ComplianceChangeNotification",
                   "notificationCreationTime":"2026-02-15T00:10:00.000Z","newEvaluationResult":{}}}"""), "e.json", Inputs.NOW);
        assertThat(compliance.problems()).singleElement().satisfies(p ->
                assertThat(p.reason()).contains("Config Rules Compliance Change", "carries no configuration item"));
    }

    @Test
    void unusableCaptureTimeKeepsTheItemAndSaysSo() throws Exception {
        ParseResult parsed = ResourceParser.parse(Json.MAPPER.readTree("""
                {"resourceType":"AWS::EC2::Volume","resourceId":"vol-9","awsAccountId":"210987654321",
                 "configurationItemStatus":"OK","configurationItemCaptureTime":"yesterday","configuration":{}}"""),
                "ci.json", Inputs.NOW);
        assertThat(parsed.resources()).singleElement().satisfies(r -> assertThat(r.observedAt()).isEqualTo(Inputs.NOW));
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("ci.json");
            assertThat(p.reason()).contains("configurationItemCaptureTime", "yesterday");
        });
    }

    @Test
    void decodingLeavesTextThatIsNotJsonAlone() {
        assertThat(AwsConfigItems.decodeJsonString(Json.MAPPER.getNodeFactory().textNode("Enabled")).asText()).isEqualTo("Enabled");
        assertThat(AwsConfigItems.decodeJsonString(Json.MAPPER.getNodeFactory().textNode("{\"a\":1} trailing")).isTextual()).isTrue();
        assertThat(AwsConfigItems.decodeJsonString(Json.MAPPER.getNodeFactory().textNode("\"\\\"x\\\"\"")).asText()).isEqualTo("x");
    }
}
