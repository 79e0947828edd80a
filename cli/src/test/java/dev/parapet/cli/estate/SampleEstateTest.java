package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleEstateTest {
    private static SampleEstate.Estate large;
    private static List<Resource> parsed;

    @BeforeAll
    static void generate() {
        large = SampleEstate.generate(3000, 11);
        parsed = new ArrayList<>();
        for (ObjectNode doc : large.all()) {
            ParseResult r = ResourceParser.parse(doc, "test", large.anchor());
            assertThat(r.problems()).as("problems parsing %s", doc.path("name")).isEmpty();
            assertThat(r.resources()).hasSize(1);
            parsed.addAll(r.resources());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5, 7, 31, 100, 451, 1000})
    void sizeIsExactAndBalancedAcrossClouds(int n) {
        SampleEstate.Estate e = SampleEstate.generate(n, 3);
        assertThat(e.size()).isEqualTo(n);
        List<Integer> sizes = List.of(e.aws().size(), e.azure().size(), e.gcp().size());
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)
                - sizes.stream().mapToInt(Integer::intValue).min().orElse(0)).isLessThanOrEqualTo(1);
    }

    @Test
    void negativeSizeIsRejected() {
        assertThatThrownBy(() -> SampleEstate.generate(-1, 1)).hasMessageContaining("resources must be 0 or more");
    }

    @Test
    void sameSeedGivesTheSameDocumentsAndAnotherSeedOthers() {
        assertThat(SampleEstate.generate(300, 7).all()).isEqualTo(SampleEstate.generate(300, 7).all());
        assertThat(SampleEstate.generate(300, 8).all()).isNotEqualTo(SampleEstate.generate(300, 7).all());
    }

    @Test
    void everyDocumentIsOneResourceOfItsCloudWithAUniqueId() {
        assertThat(parsed).hasSize(3000);
        assertThat(parsed.subList(0, large.aws().size())).allMatch(r -> r.provider() == Provider.AWS);
        assertThat(parsed.subList(large.aws().size(), large.aws().size() + large.azure().size()))
                .allMatch(r -> r.provider() == Provider.AZURE);
        assertThat(parsed.subList(large.size() - large.gcp().size(), large.size())).allMatch(r -> r.provider() == Provider.GCP);
        Set<String> ids = new HashSet<>();
        List<String> duplicates = parsed.stream().map(r -> r.provider() + " " + r.id()).filter(id -> !ids.add(id)).toList();
        assertThat(duplicates).isEmpty();
    }

    @Test
    void everyRequestedResourceTypeIsPresent() {
        Set<String> types = new HashSet<>();
        parsed.forEach(r -> types.add(r.type()));
        assertThat(types).contains("AWS::S3::Bucket", "AWS::EC2::SecurityGroup", "AWS::EC2::Instance", "AWS::EC2::Volume",
                "AWS::EC2::VPC", "AWS::EC2::FlowLog", "AWS::IAM::User", "AWS::IAM::Policy", "AWS::RDS::DBInstance",
                "AWS::KMS::Key", "AWS::CloudTrail::Trail", "AWS::Lambda::Function", "AWS::Config::ConfigurationRecorder",
                "AWS::::Account", "AWS::IAM::Role",
                "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices",
                "Microsoft.Network/networkSecurityGroups", "Microsoft.KeyVault/vaults", "Microsoft.Sql/servers",
                "Microsoft.Sql/servers/auditingSettings", "Microsoft.Sql/servers/firewallRules",
                "Microsoft.Compute/virtualMachines", "Microsoft.Compute/disks", "Microsoft.Web/sites",
                "Microsoft.ContainerService/managedClusters", "Microsoft.DocumentDB/databaseAccounts",
                "Microsoft.Resources/subscriptions", "Microsoft.Security/pricings", "Microsoft.Insights/diagnosticSettings",
                "Microsoft.Storage/storageAccounts/fileServices", "Microsoft.Compute/virtualMachines/extensions",
                "Microsoft.Insights/activityLogAlerts", "Microsoft.Web/sites/config",
                "storage.googleapis.com/Bucket", "compute.googleapis.com/Firewall", "compute.googleapis.com/Instance",
                "compute.googleapis.com/Network", "sqladmin.googleapis.com/Instance", "iam.googleapis.com/ServiceAccount",
                "iam.googleapis.com/ServiceAccountKey", "cloudresourcemanager.googleapis.com/Project",
                "container.googleapis.com/Cluster", "cloudkms.googleapis.com/CryptoKey", "bigquery.googleapis.com/Dataset",
                "logging.googleapis.com/LogSink", "dns.googleapis.com/ManagedZone", "compute.googleapis.com/Project",
                "logging.googleapis.com/LogMetric", "monitoring.googleapis.com/AlertPolicy");
    }

    @Test
    void roughlyAQuarterOfTheResourcesAreMisconfigured() {
        double share = (double) large.misconfigured() / large.size();
        assertThat(share).isBetween(0.20, 0.35);
    }

    @Test
    void someDocumentsCarryTheCommonMisconfigurations() {
        assertThat(count("AWS::EC2::SecurityGroup", d -> d.path("configuration").path("ipPermissions").toString()
                .contains("\"fromPort\":22,\"ipProtocol\":\"tcp\",\"ipv6Ranges\":[],\"prefixListIds\":[],\"toPort\":22,"
                        + "\"userIdGroupPairs\":[],\"ipv4Ranges\":[{\"cidrIp\":\"0.0.0.0/0\"}]"))).isPositive();
        assertThat(count("AWS::EC2::Volume", d -> !d.path("configuration").path("encrypted").asBoolean())).isPositive();
        assertThat(count("AWS::::Account", d -> d.path("configuration").path("credentialReport").toString()
                .contains("\"password_enabled\":\"true\",\"password_last_used\""))).isPositive();
        assertThat(count("storage.googleapis.com/Bucket", d -> d.path("iamPolicy").toString().contains("allUsers"))).isPositive();
        assertThat(count("Microsoft.Network/networkSecurityGroups", d -> d.path("properties").path("securityRules").toString()
                .contains("\"destinationPortRange\":\"22\",\"sourceAddressPrefix\":\"*\""))).isPositive();
        // and most documents of a type are healthy
        assertThat(count("AWS::EC2::Volume", d -> d.path("configuration").path("encrypted").asBoolean()))
                .isGreaterThan(count("AWS::EC2::Volume", d -> !d.path("configuration").path("encrypted").asBoolean()));
    }

    @Test
    void relatedIdsPointAtDocumentsOfTheEstate() {
        Set<String> instances = resourceIds("AWS::EC2::Instance");
        for (Resource v : of("AWS::EC2::Volume")) {
            for (JsonNode a : v.document().path("configuration").path("attachments")) {
                assertThat(instances).contains(a.path("instanceId").asText());
            }
        }
        Set<String> vpcs = resourceIds("AWS::EC2::VPC");
        for (Resource f : of("AWS::EC2::FlowLog")) {
            assertThat(vpcs).contains(f.document().path("configuration").path("resourceId").asText());
        }
        Set<String> buckets = ids("AWS::S3::Bucket");
        for (Resource t : of("AWS::CloudTrail::Trail")) {
            assertThat(buckets).contains("arn:aws:s3:::" + t.document().path("configuration").path("s3BucketName").asText());
        }
        Set<String> accounts = ids("Microsoft.Storage/storageAccounts");
        for (Resource b : of("Microsoft.Storage/storageAccounts/blobServices")) {
            assertThat(accounts).contains(b.id().substring(0, b.id().indexOf("/blobservices/")));
        }
        Set<String> servers = ids("Microsoft.Sql/servers");
        for (Resource a : of("Microsoft.Sql/servers/auditingSettings")) {
            assertThat(servers).contains(a.id().substring(0, a.id().indexOf("/auditingsettings/")));
        }
        Set<String> vms = ids("Microsoft.Compute/virtualMachines");
        Set<String> disks = ids("Microsoft.Compute/disks");
        for (Resource vm : of("Microsoft.Compute/virtualMachines")) {
            assertThat(disks).contains(vm.document().path("properties").path("storageProfile").path("osDisk")
                    .path("managedDisk").path("id").asText().toLowerCase(java.util.Locale.ROOT));
        }
        for (Resource d : of("Microsoft.Compute/disks")) {
            if (d.document().has("managedBy")) {
                assertThat(vms).contains(d.document().get("managedBy").asText().toLowerCase(java.util.Locale.ROOT));
            }
        }
        Set<String> serviceAccounts = ids("iam.googleapis.com/ServiceAccount");
        for (Resource k : of("iam.googleapis.com/ServiceAccountKey")) {
            assertThat(serviceAccounts).contains(k.id().substring(0, k.id().indexOf("/keys/")));
        }
    }

    @Test
    void accountDocumentsSummariseTheirAccounts() {
        Map<String, Set<String>> usersByAccount = new HashMap<>();
        of("AWS::IAM::User").forEach(u -> usersByAccount.computeIfAbsent(u.account(), a -> new HashSet<>()).add(u.name()));
        List<Resource> accounts = of("AWS::::Account");
        assertThat(accounts).hasSize(2);
        for (Resource a : accounts) {
            Set<String> reported = new HashSet<>();
            a.document().path("configuration").path("credentialReport").forEach(row -> reported.add(row.path("user").asText()));
            assertThat(reported).contains("<root_account>").containsAll(usersByAccount.get(a.account()));
            assertThat(a.document().path("configuration").path("accountSummary").path("Users").asInt())
                    .isEqualTo(usersByAccount.get(a.account()).size());
        }
        for (Resource project : of("cloudresourcemanager.googleapis.com/Project")) {
            String policy = project.document().path("iamPolicy").toString();
            of("iam.googleapis.com/ServiceAccount").stream().filter(sa -> sa.account().equals(project.account()))
                    .forEach(sa -> assertThat(policy).contains(sa.document().path("resource").path("data").path("email").asText()));
        }
    }

    private static List<Resource> of(String type) {
        return parsed.stream().filter(r -> r.type().equals(type)).toList();
    }

    private static Set<String> ids(String type) {
        Set<String> out = new HashSet<>();
        of(type).forEach(r -> out.add(r.id()));
        return out;
    }

    /** AWS Config resource ids (instance and VPC ids), where {@link Resource#id()} is the ARN. */
    private static Set<String> resourceIds(String type) {
        Set<String> out = new HashSet<>();
        of(type).forEach(r -> out.add(r.document().path("resourceId").asText()));
        return out;
    }

    private static long count(String type, Predicate<JsonNode> test) {
        return of(type).stream().map(Resource::document).filter(test).count();
    }
}
