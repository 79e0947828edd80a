package dev.parapet.core.report;

import dev.parapet.core.compliance.Standard;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Status;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RuleLoader;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.score.ScoreCalculator;
import dev.parapet.core.score.SecurityControls;
import dev.parapet.core.store.Scan;
import dev.parapet.core.store.ScanScope;
import dev.parapet.core.store.ScoreSnapshot;
import dev.parapet.core.store.StoredFinding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A three-cloud report built in memory from real rules (loaded and validated like the built-in catalog), with
 * hostile strings in resource names, ids, titles and remediation text.
 */
final class ReportFixture {
    static final Instant NOW = Instant.parse("2026-03-05T09:30:00Z");
    static final String HOSTILE_NAME = "<script>alert('name')</script>";
    static final String HOSTILE_ID = "arn:aws:s3:::evil\"><img src=x onerror=alert(1)>";
    static final String HOSTILE_TITLE = "Bucket <i>blocks</i> public access & \"more\"";

    static final String RULES = """
            rules:
              - id: aws-s3-public-access
                title: 'Bucket <i>blocks</i> public access & "more"'
                provider: aws
                resourceTypes: ["AWS::S3::Bucket"]
                severity: HIGH
                control: restrict-unauthorized-network-access
                mcsb: [NS-2]
                compliance:
                  CIS-AWS-7.0.0: ["3.1.4"]
                  AWS-FSBP: [S3.8]
                remediation: 'Run <code>aws s3api put-public-access-block</code> & check "all four" settings.'
                expression: "true"
              - id: aws-ec2-imdsv2
                title: EC2 instance requires IMDSv2
                provider: aws
                resourceTypes: ["AWS::EC2::Instance"]
                severity: MEDIUM
                control: remediate-security-configurations
                compliance:
                  AWS-FSBP: [EC2.8]
                remediation: Set HttpTokens to required.
                expression: "true"
              - id: aws-iam-user-mfa
                title: IAM user has MFA
                provider: aws
                resourceTypes: ["AWS::IAM::User"]
                severity: HIGH
                control: enable-mfa
                mcsb: [IM-6]
                remediation: Enable an MFA device for the user.
                expression: "true"
              - id: aws-cloudtrail-kms
                title: CloudTrail trail is encrypted with KMS
                provider: aws
                resourceTypes: ["AWS::CloudTrail::Trail"]
                severity: MEDIUM
                control: enable-encryption-at-rest
                compliance:
                  CIS-AWS-7.0.0: ["4.5"]
                remediation: Set a KMS key on the trail.
                expression: "true"
              - id: azure-storage-https
                title: Storage account accepts HTTPS only
                provider: azure
                resourceTypes: ["Microsoft.Storage/storageAccounts"]
                severity: HIGH
                control: encrypt-data-in-transit
                mcsb: [DP-3]
                compliance:
                  CIS-Azure-6.0.0: ["9.1.1"]
                remediation: Set supportsHttpsTrafficOnly to true.
                expression: "true"
              - id: gcp-sql-ssl
                title: Cloud SQL requires SSL
                provider: gcp
                resourceTypes: ["sqladmin.googleapis.com/Instance"]
                severity: CRITICAL
                control: encrypt-data-in-transit
                compliance:
                  CIS-GCP-5.0.0: ["6.2.4"]
                remediation: Require SSL connections.
                expression: "true"
            """;

    static RuleSet rules() {
        return rules(RULES, "report-fixture.yaml");
    }

    /** Rules from YAML text, with controls and compliance ids checked against the bundled data like the catalog. */
    static RuleSet rules(String yaml, String file) {
        Map<String, Set<String>> requirements = new LinkedHashMap<>();
        for (Standard s : Standards.builtIn().all()) {
            Set<String> ids = new HashSet<>();
            s.requirements().forEach(r -> ids.add(r.id()));
            requirements.put(s.id(), ids);
        }
        RuleLoader.Result loaded = new RuleLoader(SecurityControls.builtIn().ids(), requirements)
                .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), file);
        if (!loaded.problems().isEmpty()) {
            throw new IllegalStateException(file + " does not load: " + loaded.problems());
        }
        return new RuleSet(loaded.rules());
    }

    static ReportBuilder builder(RuleSet rules) {
        return new ReportBuilder(rules, new ScoreCalculator(SecurityControls.builtIn()), Standards.builtIn(),
                Clock.fixed(NOW, ZoneOffset.UTC), ReportBuilder.DEFAULT_HISTORY_DAYS);
    }

    static final ScanScope AWS_SCOPE = new ScanScope(Provider.AWS, "111122223333", null);
    static final ScanScope AZURE_SCOPE = new ScanScope(Provider.AZURE, "sub-1", null);
    static final ScanScope GCP_SCOPE = new ScanScope(Provider.GCP, "proj-1", null);
    static final Scan PREVIOUS = new Scan("scan-1", List.of(AWS_SCOPE, AZURE_SCOPE, GCP_SCOPE), "schedule",
            NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)).plusSeconds(60), "COMPLETE");
    static final Scan LATEST = new Scan("scan-2", List.of(AWS_SCOPE, AZURE_SCOPE, GCP_SCOPE), "schedule",
            NOW.minusSeconds(600), NOW.minusSeconds(540), "COMPLETE");

    /**
     * 13 findings: AWS 9 (5 fail, 3 pass, 1 error), Azure 2 (1 fail, 1 pass), GCP 2 (1 fail, 1 pass);
     * fail by severity: 1 critical, 5 high, 1 medium.
     */
    static List<StoredFinding> findings(RuleSet rules) {
        List<StoredFinding> out = new ArrayList<>();
        Instant old = NOW.minus(Duration.ofDays(10));
        out.add(stored(rules, "aws-s3-public-access", aws("AWS::S3::Bucket", HOSTILE_ID, HOSTILE_NAME), Status.FAIL,
                Map.of("publicAccessBlock", "not configured, \"none\"\nsecond line"), old));
        out.add(stored(rules, "aws-s3-public-access", aws("AWS::S3::Bucket", "arn:aws:s3:::logs", "logs"), Status.FAIL,
                Map.of("publicAccessBlock", "partial"), LATEST.startedAt()));
        out.add(stored(rules, "aws-s3-public-access", aws("AWS::S3::Bucket", "arn:aws:s3:::site", "site"), Status.PASS,
                Map.of(), old));
        out.add(stored(rules, "aws-ec2-imdsv2", aws("AWS::EC2::Instance", "i-0a1", "web-1"), Status.FAIL,
                Map.of("httpTokens", "optional"), old));
        out.add(stored(rules, "aws-ec2-imdsv2", aws("AWS::EC2::Instance", "i-0a2", "web-2"), Status.ERROR,
                Map.of("error", "no such key: metadataOptions"), old));
        out.add(stored(rules, "aws-iam-user-mfa", aws("AWS::IAM::User", "AIDA1", "alice"), Status.FAIL, Map.of(), old));
        out.add(stored(rules, "aws-iam-user-mfa", aws("AWS::IAM::User", "AIDA2", "bob"), Status.FAIL, Map.of(),
                LATEST.startedAt()));
        out.add(resolved(stored(rules, "aws-iam-user-mfa", aws("AWS::IAM::User", "AIDA3", "carol"), Status.PASS,
                Map.of(), old)));
        out.add(stored(rules, "aws-cloudtrail-kms", aws("AWS::CloudTrail::Trail",
                "arn:aws:cloudtrail:us-east-1:111122223333:trail/main", "main"), Status.PASS, Map.of(), old));
        ResourceRef storage = new ResourceRef(Provider.AZURE, "/subscriptions/sub-1/resourceGroups/rg/providers/"
                + "Microsoft.Storage/storageAccounts/st1", "Microsoft.Storage/storageAccounts", "sub-1", "westeurope", "st1");
        ResourceRef storage2 = new ResourceRef(Provider.AZURE, "/subscriptions/sub-1/resourceGroups/rg/providers/"
                + "Microsoft.Storage/storageAccounts/st2", "Microsoft.Storage/storageAccounts", "sub-1", "westeurope", "st2");
        out.add(stored(rules, "azure-storage-https", storage, Status.FAIL, Map.of("supportsHttpsTrafficOnly", false), old));
        out.add(stored(rules, "azure-storage-https", storage2, Status.PASS, Map.of(), old));
        ResourceRef sql = new ResourceRef(Provider.GCP, "//cloudsql.googleapis.com/projects/proj-1/instances/db1",
                "sqladmin.googleapis.com/Instance", "proj-1", "europe-west1", "db1");
        ResourceRef sql2 = new ResourceRef(Provider.GCP, "//cloudsql.googleapis.com/projects/proj-1/instances/db2",
                "sqladmin.googleapis.com/Instance", "proj-1", "europe-west1", "db2");
        out.add(stored(rules, "gcp-sql-ssl", sql, Status.FAIL, Map.of("requireSsl", false), old));
        out.add(stored(rules, "gcp-sql-ssl", sql2, Status.PASS, Map.of(), old));
        return out;
    }

    static ReportInputs inputs(RuleSet rules) {
        List<StoredFinding> findings = findings(rules);
        List<StoredFinding> newFailures = findings.stream()
                .filter(f -> f.firstSeen().equals(LATEST.startedAt())).toList();
        List<StoredFinding> fixed = findings.stream().filter(f -> "RESOLVED".equals(f.state())).toList();
        List<StoredFinding> still = findings.stream().filter(f -> "OPEN".equals(f.state()))
                .filter(f -> !newFailures.contains(f)).toList();
        List<ScoreSeries> history = List.of(
                series("overall", "", 40.0, 45.0, 50.0, null, 55.0),
                series("provider", "aws", 30.0, 35.0, 40.0, 42.0, 45.0),
                series("provider", "azure", 50.0, 50.0, 60.0, 65.0, 70.0),
                series("provider", "gcp", null, null, 20.0, 25.0, 50.0));
        Map<String, ScoreSnapshot> previous = new LinkedHashMap<>();
        for (ScoreSeries s : history) {
            ScoreSnapshot last = s.points().get(s.points().size() - 1);
            previous.put(ReportInputs.scopeKey(s.kind(), s.id()), last);
        }
        ReportDelta delta = new ReportDelta(List.of(PREVIOUS.id()), List.of(LATEST.id()), newFailures, fixed, still);
        return new ReportInputs(NOW, List.of(LATEST), findings, 2, history, previous, delta);
    }

    static ReportModel model() {
        RuleSet rules = rules();
        return builder(rules).assemble(inputs(rules));
    }

    /** Points one per day, the last one the day before NOW. */
    static ScoreSeries series(String kind, String id, Double... percents) {
        List<ScoreSnapshot> points = new ArrayList<>();
        for (int i = 0; i < percents.length; i++) {
            Instant at = NOW.minus(Duration.ofDays(percents.length - i)).minusSeconds(3600);
            Double p = percents[i];
            points.add(new ScoreSnapshot(kind, id, p == null ? 0 : p / 10, p == null ? 0 : 10, p, at));
        }
        return new ScoreSeries(kind, id, points);
    }

    static ResourceRef aws(String type, String id, String name) {
        return new ResourceRef(Provider.AWS, id, type, "111122223333", "us-east-1", name);
    }

    static StoredFinding stored(RuleSet rules, String ruleId, ResourceRef resource, Status status,
                                Map<String, Object> evidence, Instant firstSeen) {
        CompiledRule rule = rules.byId(ruleId).orElseThrow();
        Finding f = new Finding(ruleId, rule.rule().title(), rule.rule().severity(), status, resource,
                rule.rule().control(), rule.rule().compliance(), evidence, NOW.minusSeconds(900));
        String state = switch (status) {
            case PASS -> "PASSING";
            case FAIL -> "OPEN";
            case ERROR -> "ERROR";
        };
        return new StoredFinding(f.key(), f, state, firstSeen, LATEST.startedAt(), null, null, 0, LATEST.id());
    }

    static StoredFinding resolved(StoredFinding f) {
        return new StoredFinding(f.key(), f.finding(), "RESOLVED", f.firstSeen(), f.lastSeen(), LATEST.startedAt(),
                "PASSED", 0, f.lastScanId());
    }

    static byte[] render(ReportFormat format, ReportModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(model, out);
        return out.toByteArray();
    }

    private ReportFixture() {
    }
}
