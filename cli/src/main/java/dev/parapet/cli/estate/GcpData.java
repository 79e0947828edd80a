package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.GcpEstate.Place;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.parapet.cli.estate.GcpEstate.binding;
import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/** Storage buckets, Cloud SQL, service accounts and keys, KMS keys, BigQuery datasets and DNS zones. */
final class GcpData {
    private final GcpEstate gcp;
    private final GenContext ctx;
    private final Rand rand;

    GcpData(GcpEstate gcp) {
        this.gcp = gcp;
        this.ctx = gcp.ctx;
        this.rand = gcp.ctx.rand;
    }

    ObjectNode bucket(Place p) {
        Flaws flaws = ctx.flaws("public-all-users", "public-all-authenticated", "no-ubla", "no-versioning");
        String team = ctx.team();
        String name = ctx.unique("acme-" + p.env() + "-" + team + "-" + rand.pick("assets", "exports", "backups", "ml-models",
                "uploads", "reports", "terraform-state") + "-" + rand.lowerAlnum(4));
        String location = rand.pick("EU", "EUROPE-WEST1", "US");
        boolean ubla = !flaws.has("no-ubla");
        Instant created = ctx.past(30, 1500);
        boolean publicMembers = flaws.has("public-all-users") || flaws.has("public-all-authenticated");
        ObjectNode iam = obj(
                "bucketPolicyOnly", ubla ? obj("enabled", true, "lockedTime", GenContext.iso(created.plusSeconds(90L * 86_400)))
                        : obj("enabled", false),
                "uniformBucketLevelAccess", ubla ? obj("enabled", true, "lockedTime", GenContext.iso(created.plusSeconds(90L * 86_400)))
                        : obj("enabled", false),
                "publicAccessPrevention", publicMembers ? "inherited" : "enforced");
        ObjectNode data = obj(
                "kind", "storage#bucket",
                "selfLink", "https://www.googleapis.com/storage/v1/b/" + name,
                "id", name,
                "name", name,
                "projectNumber", p.number(),
                "generation", rand.digits(16),
                "metageneration", String.valueOf(rand.between(1, 9)),
                "location", location,
                "storageClass", "STANDARD",
                "etag", "C" + rand.upperAlnum(3) + "=",
                "timeCreated", GenContext.iso(created),
                "updated", GenContext.iso(ctx.past(1, 30)),
                "softDeletePolicy", obj("retentionDurationSeconds", "604800", "effectiveTime", GenContext.iso(created)),
                "iamConfiguration", iam,
                "locationType", location.length() == 2 ? "multi-region" : "region",
                "rpo", "DEFAULT");
        data.set("versioning", obj("enabled", !flaws.has("no-versioning")));
        data.set("labels", J.node(GcpEstate.labels(p, team)));
        if (p.prod()) {
            data.set("logging", obj("logBucket", p.projectId() + "-access-logs", "logObjectPrefix", name));
        }
        ArrayNode bindings = arr(
                binding("roles/storage.legacyBucketOwner", "projectEditor:" + p.projectId(), "projectOwner:" + p.projectId()),
                binding("roles/storage.legacyBucketReader", "projectViewer:" + p.projectId()));
        if (flaws.has("public-all-users")) {
            bindings.add(binding("roles/storage.objectViewer", "allUsers"));
        }
        if (flaws.has("public-all-authenticated")) {
            bindings.add(binding("roles/storage.objectViewer", "allAuthenticatedUsers"));
        }
        ObjectNode asset = gcp.asset(p, "//storage.googleapis.com/" + name, "storage.googleapis.com/Bucket", "v1",
                "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest", p.parent(), location.toLowerCase(Locale.ROOT),
                data, gcp.policy(bindings));
        return ctx.done(asset, flaws);
    }

    ObjectNode sqlInstance(Place p) {
        String engine = rand.pick("POSTGRES_15", "POSTGRES_15", "MYSQL_8_0", "SQLSERVER_2019_STANDARD");
        String flagFlaw = engine.startsWith("POSTGRES") ? "log-flags-off" : engine.startsWith("MYSQL") ? "local-infile-on"
                : "contained-auth-on";
        Flaws flaws = ctx.flaws("public-any", "no-ssl", "no-backup", "public-ip", flagFlaw);
        String team = ctx.team();
        String name = ctx.unique(team + "-" + engine.substring(0, engine.indexOf('_')).toLowerCase(Locale.ROOT) + "-" + rand.lowerAlnum(3));
        String zone = p.region() + "-" + rand.pick("b", "c", "d");
        boolean publicIp = flaws.has("public-ip") || flaws.has("public-any");
        ArrayNode networks = arr();
        if (flaws.has("public-any")) {
            networks.add(obj("value", "0.0.0.0/0", "name", "anywhere", "kind", "sql#aclEntry"));
        } else if (publicIp) {
            networks.add(obj("value", "198.51.100.0/24", "name", "office", "kind", "sql#aclEntry"));
        }
        ObjectNode ip = obj("ipv4Enabled", publicIp, "authorizedNetworks", networks);
        ip.put("privateNetwork", "projects/" + p.projectId() + "/global/networks/" + (p.prod() ? p.projectId() + "-vpc" : "default"));
        boolean ssl = !flaws.has("no-ssl");
        ip.put("requireSsl", ssl);
        ip.put("sslMode", ssl ? "ENCRYPTED_ONLY" : "ALLOW_UNENCRYPTED_AND_ENCRYPTED");
        ArrayNode flags = arr();
        if (engine.startsWith("POSTGRES")) {
            String on = flaws.has("log-flags-off") ? "off" : "on";
            flags.add(obj("name", "log_connections", "value", on));
            flags.add(obj("name", "log_disconnections", "value", on));
            flags.add(obj("name", "log_min_duration_statement", "value", "-1"));
            flags.add(obj("name", "log_statement", "value", flaws.has("log-flags-off") ? "none" : "ddl"));
            flags.add(obj("name", "cloudsql.enable_pgaudit", "value", flaws.has("log-flags-off") ? "off" : "on"));
        } else if (engine.startsWith("MYSQL")) {
            flags.add(obj("name", "local_infile", "value", flaws.has("local-infile-on") ? "on" : "off"));
            flags.add(obj("name", "skip_show_database", "value", "on"));
        } else {
            flags.add(obj("name", "contained database authentication", "value", flaws.has("contained-auth-on") ? "on" : "off"));
            flags.add(obj("name", "cross db ownership chaining", "value", "off"));
            flags.add(obj("name", "external scripts enabled", "value", "off"));
            flags.add(obj("name", "remote access", "value", "off"));
            flags.add(obj("name", "3625", "value", "on"));
        }
        boolean backups = !flaws.has("no-backup");
        ObjectNode backup = obj("startTime", "02:00", "kind", "sql#backupConfiguration", "location", "eu",
                "backupTier", "STANDARD", "enabled", backups);
        if (engine.startsWith("MYSQL")) {
            backup.put("binaryLogEnabled", backups);
        } else if (engine.startsWith("POSTGRES")) {
            backup.put("pointInTimeRecoveryEnabled", backups);
        }
        backup.put("transactionLogRetentionDays", 7);
        backup.set("backupRetentionSettings", obj("retentionUnit", "COUNT", "retainedBackups", 7));
        ObjectNode settings = obj(
                "authorizedGaeApplications", arr(),
                "tier", rand.pick("db-custom-2-7680", "db-custom-4-15360", "db-g1-small"),
                "kind", "sql#settings",
                "availabilityType", p.prod() ? "REGIONAL" : "ZONAL",
                "pricingPlan", "PER_USE",
                "replicationType", "SYNCHRONOUS",
                "activationPolicy", "ALWAYS",
                "ipConfiguration", ip,
                "locationPreference", obj("zone", zone, "kind", "sql#locationPreference"),
                "databaseFlags", flags,
                "dataDiskType", "PD_SSD",
                "backupConfiguration", backup,
                "settingsVersion", String.valueOf(rand.between(2, 40)),
                "storageAutoResizeLimit", "0",
                "storageAutoResize", true,
                "dataDiskSizeGb", String.valueOf(rand.pick(20, 100, 250)),
                "deletionProtectionEnabled", p.prod(),
                "userLabels", J.node(GcpEstate.labels(p, team)),
                "edition", "ENTERPRISE");
        ArrayNode addresses = arr();
        if (publicIp) {
            addresses.add(obj("type", "PRIMARY", "ipAddress", "203.0.113." + rand.between(1, 254)));
        }
        addresses.add(obj("type", "PRIVATE", "ipAddress", "10.91." + rand.between(0, 255) + "." + rand.between(2, 250)));
        ObjectNode data = obj(
                "kind", "sql#instance",
                "state", "RUNNABLE",
                "databaseVersion", engine,
                "settings", settings,
                "etag", rand.hex(64),
                "ipAddresses", addresses,
                "instanceType", "CLOUD_SQL_INSTANCE",
                "project", p.projectId(),
                "serviceAccountEmailAddress", "p" + p.number() + "-" + rand.lowerAlnum(6) + "@gcp-sa-cloud-sql.iam.gserviceaccount.com",
                "backendType", "SECOND_GEN",
                "selfLink", "https://sqladmin.googleapis.com/sql/v1beta4/projects/" + p.projectId() + "/instances/" + name,
                "connectionName", p.projectId() + ":" + p.region() + ":" + name,
                "name", name,
                "region", p.region(),
                "gceZone", zone,
                "databaseInstalledVersion", engine.startsWith("POSTGRES") ? "POSTGRES_15_7" : engine.startsWith("MYSQL")
                        ? "MYSQL_8_0_37" : "SQLSERVER_2019_STANDARD_CU26",
                "createTime", GenContext.iso(ctx.past(30, 1000)));
        ObjectNode asset = gcp.asset(p, "//cloudsql.googleapis.com/projects/" + p.projectId() + "/instances/" + name,
                "sqladmin.googleapis.com/Instance", "v1beta4", "https://sqladmin.googleapis.com/$discovery/rest?version=v1beta4",
                p.parent(), p.region(), data, null);
        return ctx.done(asset, flaws);
    }

    /** A service account with its Google-managed key and, when flawed, a user-managed key. */
    List<ObjectNode> serviceAccount(Place p) {
        Flaws flaws = ctx.flaws(0.1, "admin-role");
        String team = ctx.team();
        String purpose = rand.pick("api", "etl", "deployer", "reporting", "backup", "scheduler");
        String accountId = ctx.unique(team + "-" + purpose + "-" + rand.lowerAlnum(3));
        String email = accountId + "@" + p.projectId() + ".iam.gserviceaccount.com";
        String uniqueId = "1" + rand.digits(20);
        String name = "//iam.googleapis.com/projects/" + p.projectId() + "/serviceAccounts/" + uniqueId;
        ObjectNode data = obj("name", "projects/" + p.projectId() + "/serviceAccounts/" + email, "projectId", p.projectId(),
                "uniqueId", uniqueId, "email", email, "displayName", team + " " + purpose, "etag", "MDEwMjE5MjA=",
                "oauth2ClientId", uniqueId);
        gcp.grant(p, "serviceAccount:" + email, flaws.has("admin-role") ? "roles/editor"
                : rand.pick("roles/storage.objectViewer", "roles/cloudsql.client", "roles/bigquery.dataEditor", "roles/pubsub.publisher"));
        List<ObjectNode> out = new ArrayList<>();
        out.add(ctx.done(gcp.asset(p, name, "iam.googleapis.com/ServiceAccount", "v1", "https://iam.googleapis.com/$discovery/rest",
                p.parent(), "global", data, null), flaws));
        out.add(key(p, name, email, false));
        Flaws keyFlaws = ctx.flaws(0.35, "user-managed-key");
        if (keyFlaws.any()) {
            out.add(ctx.done(key(p, name, email, true), keyFlaws));
        }
        return out;
    }

    private ObjectNode key(Place p, String accountName, String email, boolean userManaged) {
        String keyId = rand.hex(40);
        Instant validAfter = userManaged ? ctx.past(20, 700) : ctx.past(1, 80);
        ObjectNode data = obj("name", "projects/" + p.projectId() + "/serviceAccounts/" + email + "/keys/" + keyId,
                "validAfterTime", GenContext.isoSeconds(validAfter),
                "validBeforeTime", userManaged ? "9999-12-31T23:59:59Z" : GenContext.isoSeconds(validAfter.plusSeconds(730L * 86_400)),
                "keyAlgorithm", "KEY_ALG_RSA_2048",
                "keyOrigin", "GOOGLE_PROVIDED",
                "keyType", userManaged ? "USER_MANAGED" : "SYSTEM_MANAGED");
        return gcp.asset(p, accountName + "/keys/" + keyId, "iam.googleapis.com/ServiceAccountKey", "v1",
                "https://iam.googleapis.com/$discovery/rest", accountName, "global", data, null);
    }

    ObjectNode cryptoKey(Place p) {
        Flaws flaws = ctx.flaws("no-rotation", "slow-rotation", "public-key");
        String ring = p.env() + "-" + ctx.team();
        String keyName = ctx.unique(p.region() + "/" + ring + "/" + rand.pick("data", "backups", "secrets", "tokens", "bigquery")
                + "-key").substring(p.region().length() + ring.length() + 2);
        String path = "projects/" + p.projectId() + "/locations/" + p.region() + "/keyRings/" + ring + "/cryptoKeys/" + keyName;
        Instant created = ctx.past(60, 1000);
        ObjectNode data = obj(
                "name", path,
                "primary", obj("name", path + "/cryptoKeyVersions/" + rand.between(1, 6), "state", "ENABLED",
                        "createTime", GenContext.iso(ctx.past(1, 85)), "protectionLevel", "SOFTWARE",
                        "algorithm", "GOOGLE_SYMMETRIC_ENCRYPTION", "generateTime", GenContext.iso(ctx.past(1, 85))),
                "purpose", "ENCRYPT_DECRYPT",
                "createTime", GenContext.iso(created));
        if (!flaws.has("no-rotation")) {
            data.put("nextRotationTime", GenContext.iso(ctx.anchor.plusSeconds(rand.between(1, 80) * 86_400L)));
            data.put("rotationPeriod", flaws.has("slow-rotation") ? "31536000s" : "7776000s");
        }
        data.set("versionTemplate", obj("protectionLevel", "SOFTWARE", "algorithm", "GOOGLE_SYMMETRIC_ENCRYPTION"));
        data.put("destroyScheduledDuration", "2592000s");
        ArrayNode bindings = arr(binding("roles/cloudkms.cryptoKeyEncrypterDecrypter",
                "serviceAccount:service-" + p.number() + "@gs-project-accounts.iam.gserviceaccount.com"));
        if (flaws.has("public-key")) {
            bindings.add(binding("roles/cloudkms.cryptoKeyEncrypterDecrypter", "allAuthenticatedUsers"));
        }
        ObjectNode asset = gcp.asset(p, "//cloudkms.googleapis.com/" + path, "cloudkms.googleapis.com/CryptoKey", "v1",
                "https://cloudkms.googleapis.com/$discovery/rest", "//cloudkms.googleapis.com/projects/" + p.projectId()
                        + "/locations/" + p.region() + "/keyRings/" + ring, p.region(), data, gcp.policy(bindings));
        return ctx.done(asset, flaws);
    }

    ObjectNode dataset(Place p) {
        Flaws flaws = ctx.flaws("public-dataset", "no-cmek");
        String team = ctx.team();
        String id = ctx.unique(team + "_" + rand.pick("raw", "curated", "marts", "events", "finance", "ml_features") + "_" + rand.lowerAlnum(3), "_");
        Instant created = ctx.past(30, 1200);
        String location = rand.pick("EU", "europe-west1", "US");
        ArrayNode access = arr(
                obj("role", "WRITER", "specialGroup", "projectWriters"),
                obj("role", "OWNER", "specialGroup", "projectOwners"),
                obj("role", "OWNER", "userByEmail", "data-platform@" + p.projectId() + ".iam.gserviceaccount.com"),
                obj("role", "READER", "specialGroup", "projectReaders"));
        if (flaws.has("public-dataset")) {
            access.add(rand.chance(0.5) ? obj("role", "READER", "specialGroup", "allAuthenticatedUsers")
                    : obj("role", "READER", "iamMember", "allUsers"));
        }
        ObjectNode data = obj(
                "kind", "bigquery#dataset",
                "etag", rand.lowerAlnum(22) + "==",
                "id", p.projectId() + ":" + id,
                "selfLink", "https://bigquery.googleapis.com/bigquery/v2/projects/" + p.projectId() + "/datasets/" + id,
                "datasetReference", obj("datasetId", id, "projectId", p.projectId()),
                "labels", J.node(GcpEstate.labels(p, team)),
                "access", access,
                "creationTime", String.valueOf(created.toEpochMilli()),
                "lastModifiedTime", String.valueOf(ctx.past(1, 29).toEpochMilli()),
                "location", location,
                "type", "DEFAULT",
                "maxTimeTravelHours", "168",
                "storageBillingModel", "LOGICAL");
        if (!flaws.has("no-cmek")) {
            data.set("defaultEncryptionConfiguration", obj("kmsKeyName", "projects/" + p.projectId() + "/locations/"
                    + location.toLowerCase(Locale.ROOT) + "/keyRings/bigquery/cryptoKeys/" + team));
        }
        ObjectNode asset = gcp.asset(p, "//bigquery.googleapis.com/projects/" + p.projectId() + "/datasets/" + id,
                "bigquery.googleapis.com/Dataset", "v2", "https://bigquery.googleapis.com/$discovery/rest?version=v2",
                p.parent(), location.toLowerCase(Locale.ROOT), data, null);
        return ctx.done(asset, flaws);
    }

    ObjectNode managedZone(Place p) {
        boolean publicZone = rand.chance(0.6);
        Flaws flaws = publicZone ? ctx.flaws("dnssec-off", "rsasha1") : Flaws.NONE;
        String team = ctx.team();
        String zoneName = ctx.unique(team + (publicZone ? "-public-" : "-internal-") + rand.lowerAlnum(3));
        String dnsName = publicZone ? team + "-" + rand.lowerAlnum(3) + ".acme.example." : team + "." + p.env() + ".acme.internal.";
        ObjectNode data = obj(
                "name", zoneName,
                "dnsName", dnsName,
                "description", "",
                "id", rand.digits(19),
                "creationTime", GenContext.iso(ctx.past(60, 1500)),
                "visibility", publicZone ? "public" : "private",
                "cloudLoggingConfig", obj("kind", "dns#managedZoneCloudLoggingConfig"),
                "kind", "dns#managedZone");
        if (publicZone) {
            char shard = "abcde".charAt(rand.between(0, 4));
            data.set("nameServers", arr("ns-cloud-" + shard + "1.googledomains.com.", "ns-cloud-" + shard + "2.googledomains.com.",
                    "ns-cloud-" + shard + "3.googledomains.com.", "ns-cloud-" + shard + "4.googledomains.com."));
            String algorithm = flaws.has("rsasha1") ? "rsasha1" : "rsasha256";
            data.set("dnssecConfig", flaws.has("dnssec-off") ? obj("state", "off", "kind", "dns#managedZoneDnsSecConfig")
                    : obj("state", "on", "defaultKeySpecs", arr(
                            obj("keyType", "keySigning", "algorithm", algorithm, "keyLength", 2048, "kind", "dns#dnsKeySpec"),
                            obj("keyType", "zoneSigning", "algorithm", algorithm, "keyLength", 1024, "kind", "dns#dnsKeySpec")),
                    "nonExistence", "nsec3", "kind", "dns#managedZoneDnsSecConfig"));
        } else {
            data.set("privateVisibilityConfig", obj("networks", arr(obj("networkUrl", "https://www.googleapis.com/compute/v1/projects/"
                    + p.projectId() + "/global/networks/" + (p.prod() ? p.projectId() + "-vpc" : "default"),
                    "kind", "dns#managedZonePrivateVisibilityConfigNetwork")), "kind", "dns#managedZonePrivateVisibilityConfig"));
        }
        ObjectNode asset = gcp.asset(p, "//dns.googleapis.com/projects/" + p.projectId() + "/managedZones/" + data.get("id").asText(),
                "dns.googleapis.com/ManagedZone", "v1", "https://dns.googleapis.com/$discovery/rest?version=v1", p.parent(),
                "global", data, null);
        return ctx.done(asset, flaws);
    }
}
