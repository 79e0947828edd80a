package dev.parapet.aws.collect;

import dev.parapet.aws.ConfigApiStub;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Config path against real-format Config API responses served by a local stub. */
class ConfigSourceTest {
    private static final String ACCOUNT = "111122223333";
    private static final String SG = "AWS::EC2::SecurityGroup";

    private static ConfigApiStub stub() throws Exception {
        return new ConfigApiStub(call -> switch (call.operation()) {
            case "DescribeConfigurationRecorders" -> ConfigApiStub.resource("DescribeConfigurationRecorders.json");
            case "DescribeConfigurationRecorderStatus" -> ConfigApiStub.resource("DescribeConfigurationRecorderStatus.json");
            case "ListDiscoveredResources" -> call.body().contains(SG)
                    ? ConfigApiStub.resource("ListDiscoveredResources-SecurityGroup.json") : "{\"resourceIdentifiers\":[]}";
            case "BatchGetResourceConfig" -> ConfigApiStub.resource("BatchGetResourceConfig.json");
            case "SelectResourceConfig", "SelectAggregateResourceConfig" -> ConfigApiStub.resource("SelectResourceConfig.json");
            default -> null;
        });
    }

    private static Collected collect(ConfigApiStub stub, ConfigSource source, AwsCollector.Mode mode) {
        try (AwsClients aws = AwsClients.create(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")),
                stub.endpoint())) {
            AwsCollector collector = new AwsCollector(List.of(new Ec2Collector()), source, mode);
            return collector.collect(new Target(ACCOUNT, aws, List.of("eu-west-1")), List.of("eu-west-1"), Set.of(SG),
                    Instant.parse("2025-11-28T10:00:00Z"));
        }
    }

    @Test
    void recordingRegionIsReadFromConfigWithBatchGet() throws Exception {
        try (ConfigApiStub stub = stub()) {
            Collected out = collect(stub, new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.AUTO);
            assertThat(out.problems()).isEmpty();
            assertThat(out.resources()).extracting(Resource::id).containsExactlyInAnyOrder(
                    "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0c4f1e8a9b2d3e5f6",
                    "arn:aws:ec2:eu-west-1:111122223333:security-group/sg-07a1b2c3d4e5f6a7b");
            Resource ssh = out.resources().stream().filter(r -> r.name().equals("bastion-ssh")).findFirst().orElseThrow();
            // configuration arrives as a JSON string and is decoded; capture time is the item's, not the collector's
            assertThat(ssh.document().at("/configuration/ipPermissions/0/fromPort").asInt()).isEqualTo(22);
            assertThat(ssh.observedAt()).isEqualTo(Instant.ofEpochSecond(1764320415));
            assertThat(ssh.account()).isEqualTo(ACCOUNT);
            // Config covered the type: no EC2 API call went out (the stub would have refused it)
            assertThat(stub.calls()).extracting(ConfigApiStub.Call::operation)
                    .containsOnly("DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus",
                            "ListDiscoveredResources", "BatchGetResourceConfig");
        }
    }

    @Test
    void selectQueriesOneRegion() throws Exception {
        try (ConfigApiStub stub = stub()) {
            Collected out = collect(stub, new ConfigSource(ConfigSource.Query.SELECT, null), AwsCollector.Mode.AUTO);
            assertThat(out.resources()).hasSize(2);
            assertThat(out.resources().get(0).tags()).containsEntry("team", "platform");
            ConfigApiStub.Call select = stub.calls().stream().filter(c -> c.operation().equals("SelectResourceConfig"))
                    .findFirst().orElseThrow();
            assertThat(select.body()).contains("WHERE resourceType IN ('AWS::EC2::SecurityGroup')");
        }
    }

    @Test
    void aggregatorQueryNamesAccountAndRegion() throws Exception {
        try (ConfigApiStub stub = stub()) {
            Collected out = collect(stub, new ConfigSource(ConfigSource.Query.BATCH, "org-aggregator"), AwsCollector.Mode.AUTO);
            assertThat(out.resources()).hasSize(2);
            ConfigApiStub.Call select = stub.calls().stream()
                    .filter(c -> c.operation().equals("SelectAggregateResourceConfig")).findFirst().orElseThrow();
            assertThat(select.body()).contains("org-aggregator").contains("accountId = '111122223333'")
                    .contains("awsRegion = 'eu-west-1'");
        }
    }

    @Test
    void notRecordingFallsBackToTheServiceApi() throws Exception {
        try (ConfigApiStub stub = new ConfigApiStub(call -> switch (call.operation()) {
            case "DescribeConfigurationRecorders" -> "{\"ConfigurationRecorders\":[]}";
            case "DescribeConfigurationRecorderStatus" -> "{\"ConfigurationRecordersStatus\":[]}";
            default -> null;
        })) {
            Collected out = collect(stub, new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.AUTO);
            // the EC2 call went to the stub too and failed: the type is marked unreadable, not silently empty
            assertThat(out.unreadable()).containsKey(SG);
            assertThat(out.problems()).anyMatch(p -> p.operation().equals("ec2:DescribeSecurityGroups"));
        }
    }

    @Test
    void configModeNeverCallsTheServiceApi() throws Exception {
        try (ConfigApiStub stub = new ConfigApiStub(call -> switch (call.operation()) {
            case "DescribeConfigurationRecorders" -> "{\"ConfigurationRecorders\":[]}";
            case "DescribeConfigurationRecorderStatus" -> "{\"ConfigurationRecordersStatus\":[]}";
            default -> null;
        })) {
            Collected out = collect(stub, new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.CONFIG);
            assertThat(out.problems()).anyMatch(p -> p.code().equals("NoSource") && p.subject().equals(SG));
            assertThat(stub.calls()).extracting(ConfigApiStub.Call::operation)
                    .containsOnly("DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus");
        }
    }

    @Test
    void unprocessedKeysAreAskedAgain() throws Exception {
        int[] batches = {0};
        try (ConfigApiStub stub = new ConfigApiStub(call -> switch (call.operation()) {
            case "DescribeConfigurationRecorders" -> ConfigApiStub.resource("DescribeConfigurationRecorders.json");
            case "DescribeConfigurationRecorderStatus" -> ConfigApiStub.resource("DescribeConfigurationRecorderStatus.json");
            case "ListDiscoveredResources" -> ConfigApiStub.resource("ListDiscoveredResources-SecurityGroup.json");
            case "BatchGetResourceConfig" -> batches[0]++ == 0
                    ? "{\"baseConfigurationItems\":[],\"unprocessedResourceKeys\":[{\"resourceType\":\"" + SG
                      + "\",\"resourceId\":\"sg-0c4f1e8a9b2d3e5f6\"}]}"
                    : ConfigApiStub.resource("BatchGetResourceConfig.json");
            default -> null;
        })) {
            Collected out = collect(stub, new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.AUTO);
            assertThat(batches[0]).isEqualTo(2);
            assertThat(out.resources()).isNotEmpty();
        }
    }
}
