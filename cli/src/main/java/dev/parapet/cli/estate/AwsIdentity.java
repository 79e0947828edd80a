package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.AwsEstate.Place;
import dev.parapet.core.engine.AccountResources;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.parapet.cli.estate.AwsEstate.configuration;
import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/**
 * IAM users and customer-managed policies as Config records them (policy documents URL-encoded, as Config
 * stores them), and the AWS::::Account document: the collector attaches GetAccountPasswordPolicy's PasswordPolicy
 * (null when the account has none), GetAccountSummary's SummaryMap and the credential report rows.
 */
final class AwsIdentity {
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final String NA = "N/A";
    private static final List<String> FIRST = List.of("alice", "bruno", "chen", "dana", "emil", "fatima", "gustav",
            "hana", "ivan", "julia", "kofi", "lena", "marco", "nadia", "omar", "priya", "quentin", "rosa", "sven", "tomas");
    private static final List<String> LAST = List.of("martin", "schmidt", "okafor", "rossi", "nakamura", "silva",
            "novak", "dubois", "larsen", "kaur", "meyer", "costa", "haddad", "berg", "moreau");

    record AccessKey(boolean active, Instant rotated, Instant lastUsed, String region, String service) {
    }

    record IamUser(String name, String arn, Instant created, boolean console, boolean mfa, Instant passwordChanged,
                   Instant passwordLastUsed, AccessKey key1, AccessKey key2) {
    }

    private final AwsEstate aws;
    private final GenContext ctx;
    private final Rand rand;
    private final Map<String, List<IamUser>> users = new LinkedHashMap<>();
    private final Map<String, Integer> policies = new LinkedHashMap<>();

    AwsIdentity(AwsEstate aws) {
        this.aws = aws;
        this.ctx = aws.ctx;
        this.rand = aws.ctx.rand;
    }

    ObjectNode user(Place p) {
        boolean human = rand.chance(0.7);
        Flaws flaws = human ? ctx.flaws("no-mfa", "old-key", "unused-credentials", "admin-attached", "inline-admin", "direct-policy")
                : ctx.flaws("old-key", "two-active-keys", "inline-admin", "unused-credentials", "direct-policy");
        String name = uniqueName(p.account(), human ? rand.pick(FIRST) + "." + rand.pick(LAST)
                : "svc-" + rand.pick("ci-deploy", "backup", "reporting", "etl", "monitoring", "terraform", "legacy-ftp"));
        String arn = "arn:aws:iam::" + p.account() + ":user/" + name;
        Instant created = ctx.past(120, 1800);
        boolean stale = flaws.has("unused-credentials");
        AccessKey key1 = null;
        if (!human || rand.chance(0.4) || flaws.has("old-key")) {
            Instant rotated = flaws.has("old-key") ? ctx.past(120, 900) : ctx.past(3, 80);
            Instant used = stale ? ctx.past(100, 400) : ctx.past(0, 3);
            key1 = new AccessKey(true, rotated.isBefore(created) ? created : rotated, used, p.region(),
                    rand.pick("s3", "sts", "ec2", "dynamodb"));
        }
        AccessKey key2 = flaws.has("two-active-keys") ? new AccessKey(true, ctx.past(10, 60), ctx.past(0, 5), p.region(), "s3") : null;
        Instant changed = human ? ctx.past(5, 85) : null;
        Instant lastLogin = human ? (stale ? ctx.past(60, 300) : ctx.past(0, 10)) : null;
        IamUser user = new IamUser(name, arn, created, human, human && !flaws.has("no-mfa"), changed, lastLogin, key1, key2);
        users.computeIfAbsent(p.account(), a -> new ArrayList<>()).add(user);

        ArrayNode inline = arr();
        if (flaws.has("inline-admin")) {
            inline.add(obj("policyName", "temp-full-access", "policyDocument", urlEncoded(document(statement("Allow", "*", "*")))));
        } else if (!human && flaws.has("direct-policy")) {
            inline.add(obj("policyName", name + "-s3", "policyDocument", urlEncoded(document(statement("Allow",
                    arr("s3:GetObject", "s3:PutObject"), "arn:aws:s3:::" + p.alias() + "-*/*")))));
        }
        ArrayNode attached = arr();
        if (flaws.has("admin-attached")) {
            attached.add(obj("policyName", "AdministratorAccess", "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"));
        } else if (human && flaws.has("direct-policy")) {
            attached.add(obj("policyName", "ReadOnlyAccess", "policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        }
        ObjectNode ci = aws.item(p, "AWS::IAM::User", "AIDA" + rand.upperAlnum(17), name, arn, "Not Applicable", created, Map.of());
        String userId = ci.get("resourceId").asText();
        configuration(ci).setAll(obj(
                "path", "/",
                "userName", name,
                "userId", userId,
                "arn", arn,
                "createDate", GenContext.iso(created),
                "userPolicyList", inline,
                "groupList", arr(human ? rand.pick("developers", "operators", "analysts", "readonly") : "automation"),
                "attachedManagedPolicies", attached,
                "permissionsBoundary", null,
                "tags", arr()));
        return ctx.done(ci, flaws);
    }

    private String uniqueName(String account, String candidate) {
        String qualified = ctx.unique(account + "/" + candidate, "");
        return qualified.substring(account.length() + 1);
    }

    /** The role AWS Support cases are handled with (CIS asks for one with AWSSupportAccess). */
    ObjectNode supportRole(Place p) {
        String name = p.alias() + "-support";
        String arn = "arn:aws:iam::" + p.account() + ":role/" + name;
        Instant created = ctx.past(300, 1500);
        ObjectNode trust = obj("Version", "2012-10-17", "Statement", arr(obj("Effect", "Allow",
                "Principal", obj("AWS", "arn:aws:iam::" + p.account() + ":root"), "Action", "sts:AssumeRole",
                "Condition", obj("Bool", obj("aws:MultiFactorAuthPresent", "true")))));
        ObjectNode ci = aws.item(p, "AWS::IAM::Role", "AROA" + rand.upperAlnum(17), name, arn, "Not Applicable", created, Map.of());
        configuration(ci).setAll(obj(
                "path", "/",
                "roleName", name,
                "roleId", ci.get("resourceId").asText(),
                "arn", arn,
                "createDate", GenContext.iso(created),
                "assumeRolePolicyDocument", urlEncoded(trust),
                "instanceProfileList", arr(),
                "rolePolicyList", arr(),
                "attachedManagedPolicies", arr(obj("policyName", "AWSSupportAccess",
                        "policyArn", "arn:aws:iam::aws:policy/AWSSupportAccess")),
                "permissionsBoundary", null,
                "tags", arr(),
                "roleLastUsed", obj("lastUsedDate", GenContext.iso(ctx.past(2, 60)), "region", "us-east-1")));
        return ci;
    }

    ObjectNode policy(Place p) {
        Flaws flaws = ctx.flaws("full-admin", "passrole-any");
        String team = ctx.team();
        String purpose = rand.pick("s3-readonly", "deploy", "dynamodb-access", "logs-writer", "sqs-consumer", "support");
        String name = uniqueName(p.account(), p.alias() + "-" + team + "-" + purpose);
        String arn = "arn:aws:iam::" + p.account() + ":policy/" + name;
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(switch (purpose) {
            case "s3-readonly" -> statement("Allow", arr("s3:GetObject", "s3:ListBucket"), arr("arn:aws:s3:::" + p.alias() + "-" + team + "-*",
                    "arn:aws:s3:::" + p.alias() + "-" + team + "-*/*"));
            case "deploy" -> statement("Allow", arr("ecs:UpdateService", "ecs:DescribeServices", "ecr:GetAuthorizationToken"), "*");
            case "dynamodb-access" -> statement("Allow", arr("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"),
                    "arn:aws:dynamodb:" + rand.pick(AwsEstate.REGIONS) + ":" + p.account() + ":table/" + team + "-*");
            case "logs-writer" -> statement("Allow", arr("logs:CreateLogStream", "logs:PutLogEvents"), "arn:aws:logs:*:" + p.account() + ":*");
            case "sqs-consumer" -> statement("Allow", arr("sqs:ReceiveMessage", "sqs:DeleteMessage"), "arn:aws:sqs:*:" + p.account() + ":" + team + "-*");
            default -> statement("Allow", arr("support:*"), "*");
        });
        if (flaws.has("full-admin")) {
            statements.add(statement("Allow", "*", "*"));
        }
        if (flaws.has("passrole-any")) {
            statements.add(statement("Allow", "iam:PassRole", "*"));
        }
        Instant created = ctx.past(60, 1500);
        Instant updated = ctx.past(1, 59);
        int attachments = rand.between(0, 5);
        policies.merge(p.account(), 1, Integer::sum);
        ObjectNode ci = aws.item(p, "AWS::IAM::Policy", "ANPA" + rand.upperAlnum(17), name, arn, "Not Applicable", created, Map.of());
        configuration(ci).setAll(obj(
                "policyName", name,
                "policyId", ci.get("resourceId").asText(),
                "arn", arn,
                "path", "/",
                "defaultVersionId", "v2",
                "attachmentCount", attachments,
                "permissionsBoundaryUsageCount", 0,
                "isAttachable", true,
                "description", "Grants " + team + " " + purpose.replace('-', ' '),
                "createDate", GenContext.iso(created),
                "updateDate", GenContext.iso(updated),
                "policyVersionList", arr(obj("document", urlEncoded(obj("Version", "2012-10-17", "Statement", J.node(statements))),
                        "versionId", "v2", "isDefaultVersion", true, "createDate", GenContext.iso(updated)))));
        return ctx.done(ci, flaws);
    }

    /** The account document, summarising the IAM users made so far. */
    ObjectNode account(Place p) {
        Flaws flaws = ctx.flaws(p.prod() ? 0.3 : 0.8, "no-password-policy", "weak-password-policy", "root-no-mfa",
                "root-access-key", "no-account-public-access-block", "no-ebs-default-encryption", "no-access-analyzer",
                "expired-server-certificate", "no-security-hub", "no-guardduty", "guardduty-protections-off");
        List<IamUser> accountUsers = users.getOrDefault(p.account(), List.of());
        Instant opened = ctx.past(1500, 2500);
        ObjectNode ci = aws.item(p, AccountResources.AWS_ACCOUNT, p.account(), p.alias(), null, "Not Applicable", opened, Map.of());
        ObjectNode passwordPolicy = null;
        if (flaws.has("weak-password-policy")) {
            passwordPolicy = obj("MinimumPasswordLength", 8, "RequireSymbols", false, "RequireNumbers", true,
                    "RequireUppercaseCharacters", false, "RequireLowercaseCharacters", true, "AllowUsersToChangePassword", true,
                    "ExpirePasswords", false, "HardExpiry", false);
        } else if (!flaws.has("no-password-policy")) {
            passwordPolicy = obj("MinimumPasswordLength", 14, "RequireSymbols", true, "RequireNumbers", true,
                    "RequireUppercaseCharacters", true, "RequireLowercaseCharacters", true, "AllowUsersToChangePassword", true,
                    "ExpirePasswords", true, "MaxPasswordAge", 90, "PasswordReusePrevention", 24, "HardExpiry", false);
        }
        boolean expires = passwordPolicy != null && passwordPolicy.path("ExpirePasswords").asBoolean();
        boolean rootMfa = !flaws.has("root-no-mfa");
        boolean rootKey = flaws.has("root-access-key");
        ArrayNode report = arr();
        AccessKey rootAccessKey = rootKey ? new AccessKey(true, ctx.past(400, 1500), ctx.past(20, 200), "us-east-1", "s3") : null;
        report.add(row("<root_account>", "arn:aws:iam::" + p.account() + ":root", opened, false, rootMfa, null,
                ctx.past(5, 120), rootAccessKey, null, false));
        int mfaUsers = 0;
        for (IamUser u : accountUsers) {
            report.add(row(u.name(), u.arn(), u.created(), u.console(), u.mfa(), u.passwordChanged(), u.passwordLastUsed(),
                    u.key1(), u.key2(), expires));
            mfaUsers += u.mfa() ? 1 : 0;
        }
        int devices = mfaUsers + (rootMfa ? 1 : 0);
        ObjectNode summary = obj(
                "GroupPolicySizeQuota", 5120, "InstanceProfilesQuota", 1000, "Policies", policies.getOrDefault(p.account(), 0),
                "GroupsPerUserQuota", 10, "InstanceProfiles", rand.between(3, 30), "AttachedPoliciesPerUserQuota", 10,
                "Users", accountUsers.size(), "PoliciesQuota", 1500, "Providers", rand.between(0, 2),
                "AccountMFAEnabled", rootMfa ? 1 : 0, "AccessKeysPerUserQuota", 2, "AssumeRolePolicySizeQuota", 2048,
                "PolicyVersionsInUseQuota", 10000, "GlobalEndpointTokenVersion", 1, "VersionsPerPolicyQuota", 5,
                "AttachedPoliciesPerGroupQuota", 10, "PolicySizeQuota", 6144, "Groups", 4,
                "AccountSigningCertificatesPresent", 0, "UsersQuota", 5000, "ServerCertificatesQuota", 20,
                "MFADevices", devices, "UserPolicySizeQuota", 2048, "PolicyVersionsInUse", rand.between(20, 90),
                "ServerCertificates", 0, "Roles", rand.between(20, 120), "RolesQuota", 1000,
                "SigningCertificatesPerUserQuota", 2, "MFADevicesInUse", devices, "RolePolicySizeQuota", 10240,
                "AttachedPoliciesPerRoleQuota", 10, "AccountAccessKeysPresent", rootKey ? 1 : 0, "GroupsQuota", 300);
        configuration(ci).setAll(obj("passwordPolicy", passwordPolicy, "accountSummary", summary, "credentialReport", report));
        configuration(ci).set("publicAccessBlockConfiguration", flaws.has("no-account-public-access-block") ? null
                : obj("BlockPublicAcls", true, "IgnorePublicAcls", true, "BlockPublicPolicy", true, "RestrictPublicBuckets", true));
        ArrayNode certificates = arr();
        if (flaws.has("expired-server-certificate")) {
            Instant uploaded = ctx.past(500, 900);
            certificates.add(obj("Path", "/", "ServerCertificateName", "legacy-" + p.alias() + "-elb",
                    "ServerCertificateId", "ASCA" + rand.upperAlnum(17),
                    "Arn", "arn:aws:iam::" + p.account() + ":server-certificate/legacy-" + p.alias() + "-elb",
                    "UploadDate", GenContext.isoSeconds(uploaded), "Expiration", GenContext.isoSeconds(uploaded.plusSeconds(365L * 86_400))));
        }
        configuration(ci).set("serverCertificates", certificates);
        configuration(ci).set("trailStatus", aws.trailStatus(p.account()));
        configuration(ci).set("trailEventSelectors", aws.trailSelectors(p.account()));
        String lagging = rand.pick(AwsEstate.REGIONS);
        for (String region : AwsEstate.REGIONS) {
            boolean off = region.equals(lagging);
            ObjectNode settings = aws.regionSettings(p.account(), region);
            settings.put("EbsEncryptionByDefault", !(off && flaws.has("no-ebs-default-encryption")));
            settings.put("SseType", "sse-ebs");
            settings.set("analyzers", off && flaws.has("no-access-analyzer") ? arr() : arr(obj(
                    "arn", "arn:aws:access-analyzer:" + region + ":" + p.account() + ":analyzer/" + p.alias() + "-analyzer",
                    "name", p.alias() + "-analyzer", "type", "ACCOUNT", "createdAt", GenContext.iso(opened.plusSeconds(86_400L * 400)),
                    "lastResourceAnalyzed", "arn:aws:s3:::" + p.alias() + "-cloudtrail-" + p.account(),
                    "lastResourceAnalyzedAt", GenContext.iso(ctx.captured()), "status", "ACTIVE", "tags", obj())));
            boolean hub = !(off && flaws.has("no-security-hub"));
            settings.put("HubArn", hub ? "arn:aws:securityhub:" + region + ":" + p.account() + ":hub/default" : null);
            if (hub) {
                settings.put("SubscribedAt", GenContext.iso(opened.plusSeconds(86_400L * 500)));
                settings.put("AutoEnableControls", true);
                settings.put("ControlFindingGenerator", "SECURITY_CONTROL");
            }
            guardDuty(settings, p.account(), off && flaws.has("no-guardduty"), flaws.has("guardduty-protections-off"));
        }
        configuration(ci).set("regions", aws.regionSettings(p.account()));
        return ctx.done(ci, flaws);
    }

    /** ListDetectors' DetectorIds and, per detector, GetDetector's response (features as the console enables them). */
    private void guardDuty(ObjectNode settings, String account, boolean none, boolean protectionsOff) {
        if (none) {
            settings.set("DetectorIds", arr());
            settings.set("Detectors", obj());
            return;
        }
        String id = rand.hex(32);
        String on = protectionsOff ? "DISABLED" : "ENABLED";
        ObjectNode detector = obj(
                "CreatedAt", GenContext.iso(ctx.past(300, 1200)),
                "FindingPublishingFrequency", "SIX_HOURS",
                "ServiceRole", "arn:aws:iam::" + account + ":role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
                "Status", "ENABLED",
                "UpdatedAt", GenContext.iso(ctx.past(1, 60)),
                "DataSources", obj("CloudTrail", obj("Status", "ENABLED"), "DNSLogs", obj("Status", "ENABLED"),
                        "FlowLogs", obj("Status", "ENABLED"), "S3Logs", obj("Status", on)),
                "Features", arr(
                        obj("Name", "CLOUD_TRAIL", "Status", "ENABLED"), obj("Name", "DNS_LOGS", "Status", "ENABLED"),
                        obj("Name", "FLOW_LOGS", "Status", "ENABLED"), obj("Name", "S3_DATA_EVENTS", "Status", on),
                        obj("Name", "EKS_AUDIT_LOGS", "Status", on), obj("Name", "EBS_MALWARE_PROTECTION", "Status", on),
                        obj("Name", "RDS_LOGIN_EVENTS", "Status", on), obj("Name", "LAMBDA_NETWORK_LOGS", "Status", on)));
        settings.set("DetectorIds", arr(id));
        settings.set("Detectors", obj(id, detector));
    }

    /** One credential report row, every value a string exactly as the CSV report prints it. */
    private ObjectNode row(String user, String arn, Instant created, boolean console, boolean mfa, Instant changed,
                           Instant lastUsed, AccessKey key1, AccessKey key2, boolean expires) {
        boolean root = user.equals("<root_account>");
        ObjectNode r = obj("user", user, "arn", arn, "user_creation_time", time(created),
                "password_enabled", root ? "not_supported" : String.valueOf(console),
                "password_last_used", console || root ? (lastUsed == null ? "no_information" : time(lastUsed)) : NA,
                "password_last_changed", root ? "not_supported" : console ? time(changed) : NA,
                "password_next_rotation", root ? "not_supported" : console && expires ? time(changed.plusSeconds(90L * 86_400)) : NA,
                "mfa_active", String.valueOf(mfa));
        key(r, 1, key1);
        key(r, 2, key2);
        r.setAll(obj("cert_1_active", "false", "cert_1_last_rotated", NA, "cert_2_active", "false", "cert_2_last_rotated", NA));
        return r;
    }

    private static void key(ObjectNode row, int n, AccessKey k) {
        String prefix = "access_key_" + n + "_";
        row.put(prefix + "active", String.valueOf(k != null && k.active()));
        row.put(prefix + "last_rotated", k == null ? NA : time(k.rotated()));
        row.put(prefix + "last_used_date", k == null ? NA : time(k.lastUsed()));
        row.put(prefix + "last_used_region", k == null ? NA : k.region());
        row.put(prefix + "last_used_service", k == null ? NA : k.service());
    }

    private static String time(Instant t) {
        return REPORT_TIME.format(t);
    }

    private static ObjectNode statement(String effect, Object action, Object resource) {
        return obj("Effect", effect, "Action", action, "Resource", resource);
    }

    private static ObjectNode document(ObjectNode statement) {
        return obj("Version", "2012-10-17", "Statement", arr(statement));
    }

    /** Config stores IAM policy documents URL-encoded (%7B%22Version%22...), spaces as %20. */
    static String urlEncoded(ObjectNode policy) {
        return URLEncoder.encode(J.json(policy), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
