package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.SdkJson;
import dev.parapet.core.engine.AccountResources;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ReportStateType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The synthetic AWS::::Account item that account-level rules judge (docs/resources-aws.md). Its configuration holds
 * API responses under their own member names: passwordPolicy, accountSummary, credentialReport,
 * publicAccessBlockConfiguration, trailStatus and trailEventSelectors (per trail ARN), and regions (per region:
 * EbsEncryptionByDefault, ConfigurationRecorders, ConfigurationRecordersStatus, analyzers). A part that could not
 * be read is left out, so the rules reading it report ERROR; a documented absence is written as null.
 */
public final class AccountCollector implements ServiceCollector {
    public static final String ACCOUNT = AccountResources.AWS_ACCOUNT;

    /** The parts of the account item, each re-readable on its own when an event touches it. */
    public enum Aspect {
        PASSWORD_POLICY, SUMMARY, CREDENTIAL_REPORT, SERVER_CERTIFICATES, PUBLIC_ACCESS_BLOCK, TRAILS, EBS_DEFAULT,
        RECORDERS, ANALYZERS, SECURITY_HUB, GUARDDUTY;

        /** Aspects read per region (an event re-reads them in its own region only). */
        public boolean regional() {
            return this == TRAILS || this == EBS_DEFAULT || this == RECORDERS || this == ANALYZERS
                    || this == SECURITY_HUB || this == GUARDDUTY;
        }
    }

    private final Duration reportWait;

    public AccountCollector(Duration reportWait) {
        this.reportWait = reportWait;
    }

    @Override
    public Set<String> types() {
        return Set.of(ACCOUNT);
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        ObjectNode configuration = Json.MAPPER.createObjectNode();
        configuration.putObject("regions");
        read(target, configuration, EnumSet.allOf(Aspect.class), target.regions(), out);
        emit(target, configuration, out);
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        collect(target, region, types(), out);
        return true;
    }

    /**
     * Re-reads some aspects into a copy of a stored account item's configuration (in {@code regions} only, for the
     * regional ones) and emits the result: what an event touched is current, the rest stays as stored.
     */
    public void refresh(Target target, JsonNode storedConfiguration, Set<Aspect> aspects, List<String> regions,
                        Collected out) {
        ObjectNode configuration = storedConfiguration instanceof ObjectNode o ? o.deepCopy() : Json.MAPPER.createObjectNode();
        if (!(configuration.get("regions") instanceof ObjectNode)) {
            configuration.putObject("regions");
        }
        read(target, configuration, aspects, regions, out);
        emit(target, configuration, out);
    }

    private void emit(Target target, ObjectNode configuration, Collected out) {
        ConfigItems.Key key = new ConfigItems.Key(target.account(), "global", ACCOUNT, target.account(), null,
                target.account());
        out.item(ConfigItems.item(key, out.now(), null, configuration, null, null), "account " + target.account());
    }

    private void read(Target t, ObjectNode c, Set<Aspect> aspects, List<String> regions, Collected out) {
        IamClient iam = t.clients().iam();
        if (aspects.contains(Aspect.PASSWORD_POLICY)) {
            c.remove("passwordPolicy");
            Read<JsonNode> policy = Read.of(out, "global", "iam:GetAccountPasswordPolicy", ACCOUNT,
                    () -> SdkJson.object(iam.getAccountPasswordPolicy().passwordPolicy(), SdkJson.Style.API),
                    Read.codes("NoSuchEntity"));
            if (policy.ok()) {
                c.set("passwordPolicy", policy.value());
            } else if (policy.absent()) {
                c.putNull("passwordPolicy"); // the account has no password policy: IAM defaults apply
            }
        }
        if (aspects.contains(Aspect.SUMMARY)) {
            c.remove("accountSummary");
            Read<JsonNode> summary = Read.of(out, "global", "iam:GetAccountSummary", ACCOUNT,
                    () -> SdkJson.value(iam.getAccountSummary().summaryMapAsStrings(), SdkJson.Style.API), null);
            if (summary.ok()) {
                c.set("accountSummary", summary.value());
            }
        }
        if (aspects.contains(Aspect.CREDENTIAL_REPORT)) {
            c.remove("credentialReport");
            Read<ArrayNode> report = Read.of(out, "global", "iam:GetCredentialReport", ACCOUNT,
                    () -> credentialReport(iam), null);
            if (report.ok()) {
                c.set("credentialReport", report.value());
            }
        }
        if (aspects.contains(Aspect.SERVER_CERTIFICATES)) {
            c.remove("serverCertificates");
            Read<JsonNode> certs = Read.of(out, "global", "iam:ListServerCertificates", ACCOUNT,
                    () -> SdkJson.value(iam.listServerCertificatesPaginator(r -> { }).serverCertificateMetadataList()
                            .stream().toList(), SdkJson.Style.API), null);
            if (certs.ok()) {
                c.set("serverCertificates", certs.value());
            }
        }
        if (aspects.contains(Aspect.PUBLIC_ACCESS_BLOCK)) {
            c.remove("publicAccessBlockConfiguration");
            Read<JsonNode> pab = Read.of(out, "global", "s3:GetAccountPublicAccessBlock", ACCOUNT,
                    () -> SdkJson.object(t.clients().s3Control("us-east-1")
                            .getPublicAccessBlock(r -> r.accountId(t.account())).publicAccessBlockConfiguration(),
                            SdkJson.Style.API),
                    Read.codes("NoSuchPublicAccessBlockConfiguration"));
            if (pab.ok()) {
                c.set("publicAccessBlockConfiguration", pab.value());
            } else if (pab.absent()) {
                c.putNull("publicAccessBlockConfiguration");
            }
        }
        ObjectNode regionsNode = (ObjectNode) c.get("regions");
        ObjectNode status = c.get("trailStatus") instanceof ObjectNode s ? s : c.putObject("trailStatus");
        ObjectNode selectors = c.get("trailEventSelectors") instanceof ObjectNode s ? s : c.putObject("trailEventSelectors");
        for (String region : regions) {
            ObjectNode r = regionsNode.get(region) instanceof ObjectNode existing ? existing : regionsNode.putObject(region);
            if (aspects.contains(Aspect.EBS_DEFAULT)) {
                r.remove("EbsEncryptionByDefault");
                r.remove("SseType");
                Read<ObjectNode> ebs = Read.of(out, region, "ec2:GetEbsEncryptionByDefault", ACCOUNT,
                        () -> SdkJson.object(t.clients().ec2(region).getEbsEncryptionByDefault(x -> { }), SdkJson.Style.API), null);
                if (ebs.ok()) {
                    r.setAll(ebs.value());
                }
            }
            if (aspects.contains(Aspect.RECORDERS)) {
                r.remove("ConfigurationRecorders");
                r.remove("ConfigurationRecordersStatus");
                var config = t.clients().config(region);
                Read<JsonNode> recorders = Read.of(out, region, "config:DescribeConfigurationRecorders", ACCOUNT,
                        () -> SdkJson.value(config.describeConfigurationRecorders().configurationRecorders(), SdkJson.Style.API), null);
                Read<JsonNode> recorderStatus = Read.of(out, region, "config:DescribeConfigurationRecorderStatus", ACCOUNT,
                        () -> SdkJson.value(config.describeConfigurationRecorderStatus().configurationRecordersStatus(), SdkJson.Style.API), null);
                if (recorders.ok() && recorderStatus.ok()) {
                    r.set("ConfigurationRecorders", recorders.value());
                    r.set("ConfigurationRecordersStatus", recorderStatus.value());
                }
            }
            if (aspects.contains(Aspect.ANALYZERS)) {
                r.remove("analyzers");
                Read<JsonNode> analyzers = Read.of(out, region, "access-analyzer:ListAnalyzers", ACCOUNT,
                        () -> SdkJson.value(t.clients().accessAnalyzer(region).listAnalyzersPaginator(x -> { })
                                .analyzers().stream().toList(), SdkJson.Style.API), null);
                if (analyzers.ok()) {
                    r.set("analyzers", analyzers.value());
                }
            }
            if (aspects.contains(Aspect.TRAILS)) {
                trails(t, region, status, selectors, out);
            }
            if (aspects.contains(Aspect.SECURITY_HUB)) {
                securityHub(t, region, r, out);
            }
            if (aspects.contains(Aspect.GUARDDUTY)) {
                guardDuty(t, region, r, out);
            }
        }
    }

    /** DescribeHub's top-level fields; HubArn null when the account is not subscribed in the region. */
    private static void securityHub(Target t, String region, ObjectNode r, Collected out) {
        for (String f : new String[]{"HubArn", "SubscribedAt", "AutoEnableControls", "ControlFindingGenerator"}) {
            r.remove(f);
        }
        Read<ObjectNode> hub = Read.of(out, region, "securityhub:DescribeHub", ACCOUNT,
                () -> SdkJson.object(t.clients().securityHub(region).describeHub(x -> { }), SdkJson.Style.API),
                Read.codes("InvalidAccessException"));
        if (hub.ok()) {
            r.setAll(hub.value());
        } else if (hub.absent()) {
            r.putNull("HubArn");
        }
    }

    /** ListDetectors' DetectorIds, and GetDetector per id under Detectors. */
    private static void guardDuty(Target t, String region, ObjectNode r, Collected out) {
        r.remove("DetectorIds");
        r.remove("Detectors");
        var guardDuty = t.clients().guardDuty(region);
        Read<List<String>> ids = Read.of(out, region, "guardduty:ListDetectors", ACCOUNT,
                () -> guardDuty.listDetectorsPaginator(x -> { }).detectorIds().stream().toList(), null);
        if (!ids.ok()) {
            return;
        }
        ObjectNode detectors = Json.MAPPER.createObjectNode();
        for (String id : ids.value()) {
            Read<ObjectNode> d = Read.of(out, region, "guardduty:GetDetector", id,
                    () -> SdkJson.object(guardDuty.getDetector(x -> x.detectorId(id)), SdkJson.Style.API), null);
            if (!d.ok()) {
                return; // a detector left unread: leave the whole block out, so rules cannot pass on a partial view
            }
            detectors.set(id, d.value());
        }
        ids.value().forEach(r.putArray("DetectorIds")::add);
        r.set("Detectors", detectors);
    }

    /** GetTrailStatus and GetEventSelectors of the trails whose home is {@code region}, keyed by trail ARN. */
    private static void trails(Target t, String region, ObjectNode status, ObjectNode selectors, Collected out) {
        var cloudTrail = t.clients().cloudTrail(region);
        Read<List<Trail>> trails = Read.of(out, region, "cloudtrail:DescribeTrails", ACCOUNT,
                () -> cloudTrail.describeTrails(r -> r.includeShadowTrails(false)).trailList(), null);
        if (!trails.ok()) {
            return;
        }
        for (Trail trail : trails.value()) {
            String arn = trail.trailARN();
            status.remove(arn);
            selectors.remove(arn);
            Read<JsonNode> s = Read.of(out, region, "cloudtrail:GetTrailStatus", arn,
                    () -> SdkJson.object(cloudTrail.getTrailStatus(r -> r.name(arn)), SdkJson.Style.API), null);
            if (s.ok()) {
                status.set(arn, s.value());
            }
            Read<JsonNode> e = Read.of(out, region, "cloudtrail:GetEventSelectors", arn,
                    () -> SdkJson.object(cloudTrail.getEventSelectors(r -> r.trailName(arn)), SdkJson.Style.API), null);
            if (e.ok()) {
                selectors.set(arn, e.value());
            }
        }
    }

    /** Generates the report if needed (waiting up to reportWait) and returns its rows with the CSV's column names. */
    private ArrayNode credentialReport(IamClient iam) {
        long deadline = System.nanoTime() + reportWait.toNanos();
        while (iam.generateCredentialReport().state() != ReportStateType.COMPLETE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("credential report not ready after " + reportWait.toSeconds() + " s");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the credential report", e);
            }
        }
        String csv = iam.getCredentialReport().content().asString(StandardCharsets.UTF_8);
        return csvRows(csv);
    }

    /** The credential report's CSV: one object per row, keyed by header, values as text. No field holds a comma. */
    static ArrayNode csvRows(String csv) {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        String[] lines = csv.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new IllegalArgumentException("credential report is empty (no header line)");
        }
        String[] header = lines[0].split(",", -1);
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException("credential report line " + (i + 1) + " has " + cells.length
                        + " fields, the header has " + header.length);
            }
            ObjectNode row = rows.addObject();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
        }
        return rows;
    }
}
