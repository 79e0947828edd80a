package dev.parapet.core.engine;

import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Resource;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleLoader;
import dev.parapet.core.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTest {
    private static final String RULES = """
            rules:
              - id: trail-multi-region
                title: A multi-region trail is logging
                provider: aws
                resourceTypes: ["AWS::::Account"]
                severity: HIGH
                control: auditing-and-logging
                related:
                  trails: {type: "AWS::CloudTrail::Trail", scope: account}
                expression: >
                  related.trails.exists(t, t.configuration.isMultiRegionTrail == true &&
                    t.supplementaryConfiguration.TrailStatus.isLogging == true)
                evidence:
                  trails: related.trails.map(t, t.resourceName)
              - id: sg-no-open-ssh
                title: No SSH from anywhere
                provider: aws
                resourceTypes: ["AWS::EC2::SecurityGroup"]
                severity: HIGH
                control: secure-management-ports
                applies: resource.configuration.groupName != "ignored"
                expression: >
                  !resource.configuration.ipPermissions.exists(p,
                    (p.ipProtocol == "-1" || (p.fromPort <= 22 && p.toPort >= 22)) &&
                    p.ipRanges.exists(r, r.cidrIp == "0.0.0.0/0"))
                evidence:
                  open: resource.configuration.ipPermissions.filter(p, p.ipRanges.exists(r, r.cidrIp == "0.0.0.0/0")).map(p, p.fromPort)
                  broken: resource.configuration.noSuchField
              - id: blob-soft-delete
                title: Blob soft delete is on
                provider: azure
                resourceTypes: ["Microsoft.Storage/storageAccounts"]
                severity: MEDIUM
                control: remediate-security-configurations
                related:
                  blob: {type: "Microsoft.Storage/storageAccounts/blobServices", scope: children}
                expression: related.blob.size() > 0 && related.blob.all(b, b.properties.deleteRetentionPolicy.enabled == true)
            """;

    private static RuleSet rules() {
        var loaded = new RuleLoader(Set.of()).load(new ByteArrayInputStream(RULES.getBytes(StandardCharsets.UTF_8)), "t.yaml");
        assertThat(loaded.problems()).isEmpty();
        return new RuleSet(loaded.rules());
    }

    private static List<Resource> parse(String json) throws Exception {
        ParseResult r = ResourceParser.parse(Json.MAPPER.readTree(json), "test", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(r.problems()).isEmpty();
        return r.resources();
    }

    private static String trail(String account, String name, boolean multiRegion, boolean logging) {
        return """
                {"configurationItemStatus":"OK","awsAccountId":"%s","resourceType":"AWS::CloudTrail::Trail",
                 "resourceId":"%s","resourceName":"%s","awsRegion":"us-east-1",
                 "ARN":"arn:aws:cloudtrail:us-east-1:%s:trail/%s",
                 "configurationItemCaptureTime":"2026-02-01T00:00:00Z",
                 "configuration":{"name":"%s","isMultiRegionTrail":%s},
                 "supplementaryConfiguration":{"TrailStatus":"{\\"isLogging\\":%s}"}}
                """.formatted(account, name, name, account, name, name, multiRegion, logging);
    }

    private static String group(String account, String id, String name, int port, String cidr) {
        return """
                {"configurationItemStatus":"OK","awsAccountId":"%s","resourceType":"AWS::EC2::SecurityGroup",
                 "resourceId":"%s","awsRegion":"eu-west-1","ARN":"arn:aws:ec2:eu-west-1:%s:security-group/%s",
                 "configuration":{"groupName":"%s","groupId":"%s","ipPermissions":[
                   {"ipProtocol":"tcp","fromPort":%d,"toPort":%d,"ipRanges":[{"cidrIp":"%s"}],"ipv6Ranges":[]}]}}
                """.formatted(account, id, account, id, name, id, port, port, cidr);
    }

    @Test
    void accountLevelRuleReadsRelatedResourcesOfItsOwnAccountOnly() throws Exception {
        List<Resource> batch = parse("[" + trail("111111111111", "org-trail", true, true) + ","
                + trail("222222222222", "local-trail", false, true) + ","
                + group("222222222222", "sg-1", "web", 443, "0.0.0.0/0") + "]");
        Assessment a = new Engine(rules()).assess(batch);
        List<Finding> account = a.findings().stream().filter(f -> f.ruleId().equals("trail-multi-region")).toList();
        // stand-in account documents are added for both accounts
        assertThat(account).extracting(f -> f.resource().id() + "=" + f.status())
                .containsExactly("111111111111=PASS", "222222222222=FAIL");
        assertThat(account.get(1).evidence()).containsEntry("trails", List.of("local-trail"));
    }

    @Test
    void singleChangedResourceIsAssessedWithRelatedResourcesFromAnInventory() throws Exception {
        Inventory inventory = new Inventory(parse("[" + trail("111111111111", "org-trail", true, false) + "]"));
        Resource account = AccountResources.standIn(dev.parapet.core.model.Provider.AWS, "111111111111", Instant.EPOCH);
        Assessment a = new Engine(rules()).assess(List.of(account), inventory);
        assertThat(a.findings()).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(Status.FAIL));
    }

    @Test
    void applicabilityEvidenceAndErrors() throws Exception {
        List<Resource> batch = parse("[" + group("1", "sg-open", "admin", 22, "0.0.0.0/0") + ","
                + group("1", "sg-ok", "admin", 22, "10.0.0.0/8") + ","
                + group("1", "sg-skip", "ignored", 22, "0.0.0.0/0") + ","
                + """
                {"configurationItemStatus":"OK","awsAccountId":"1","resourceType":"AWS::EC2::SecurityGroup",
                 "resourceId":"sg-bad","awsRegion":"eu-west-1","configuration":{"groupName":"x"}}
                """ + "]");
        Assessment a = new Engine(rules()).assess(batch);
        List<Finding> sg = a.findings().stream().filter(f -> f.ruleId().equals("sg-no-open-ssh")).toList();
        assertThat(sg).extracting(f -> f.resource().id() + "=" + f.status()).containsExactly(
                "arn:aws:ec2:eu-west-1:1:security-group/sg-ok=PASS",
                "arn:aws:ec2:eu-west-1:1:security-group/sg-open=FAIL",
                "sg-bad=ERROR");
        Finding open = sg.get(1);
        assertThat(open.evidence()).containsEntry("open", List.of(22L));
        assertThat((String) open.evidence().get("broken")).startsWith("unavailable:");
        assertThat((String) sg.get(2).evidence().get("error")).contains("ipPermissions");
    }

    @Test
    void azureChildResourcesAreRelatedByIdPrefixCaseInsensitively() throws Exception {
        String sa = "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/";
        List<Resource> batch = parse("""
                {"data":[
                 {"id":"%sacmelogs","name":"acmelogs","type":"microsoft.storage/storageaccounts","location":"westeurope","properties":{}},
                 {"id":"%sacmelogs/blobServices/default","name":"default","type":"Microsoft.Storage/storageAccounts/blobServices",
                  "properties":{"deleteRetentionPolicy":{"enabled":true,"days":7}}},
                 {"id":"%sACMEDATA","name":"acmedata","type":"Microsoft.Storage/storageAccounts","location":"westeurope","properties":{}},
                 {"id":"%sacmedata/blobServices/default","name":"default","type":"Microsoft.Storage/storageAccounts/blobServices",
                  "properties":{"deleteRetentionPolicy":{"enabled":false}}},
                 {"id":"%sacmebare","name":"acmebare","type":"Microsoft.Storage/storageAccounts","location":"westeurope","properties":{}}
                ]}""".formatted(sa, sa, sa, sa, sa));
        Assessment a = new Engine(rules()).assess(batch);
        assertThat(a.findings()).extracting(f -> f.resource().name() + "=" + f.status())
                .containsExactly("acmebare=FAIL", "acmedata=FAIL", "acmelogs=PASS");
    }

    @Test
    void orderIsDeterministicWhateverTheInputOrder() throws Exception {
        List<Resource> batch = new ArrayList<>(parse("[" + group("1", "sg-a", "a", 22, "0.0.0.0/0") + ","
                + group("1", "sg-b", "b", 22, "10.0.0.0/8") + "," + group("2", "sg-c", "c", 3389, "0.0.0.0/0") + ","
                + trail("1", "t", true, true) + "]"));
        Engine engine = new Engine(rules());
        List<Finding> first = engine.assess(batch).findings();
        Collections.reverse(batch);
        assertThat(engine.assess(batch).findings()).isEqualTo(first);
    }

    @Test
    void deletedResourcesYieldNoFindingsAndAreReported() throws Exception {
        List<Resource> batch = parse("""
                [{"configurationItemStatus":"ResourceDeleted","awsAccountId":"1","resourceType":"AWS::EC2::SecurityGroup",
                  "resourceId":"sg-gone","awsRegion":"eu-west-1","configurationItemCaptureTime":"2026-02-01T00:00:00Z",
                  "configuration":null}]""");
        Assessment a = new Engine(rules()).assess(batch);
        assertThat(a.findings()).isEmpty();
        assertThat(a.deleted()).extracting(Resource::id).containsExactly("sg-gone");
    }

    @Test
    void theNewestDocumentOfAResourceWinsWithinABatch() throws Exception {
        String older = group("1", "sg-x", "x", 22, "0.0.0.0/0").replace("\"configuration\":",
                "\"configurationItemCaptureTime\":\"2026-01-01T00:00:00Z\",\"configuration\":");
        String newer = group("1", "sg-x", "x", 22, "10.0.0.0/8").replace("\"configuration\":",
                "\"configurationItemCaptureTime\":\"2026-01-02T00:00:00Z\",\"configuration\":");
        Engine engine = new Engine(rules());
        assertThat(engine.assess(parse("[" + newer + "," + older + "]")).findings())
                .filteredOn(f -> f.ruleId().equals("sg-no-open-ssh")).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    }
}
