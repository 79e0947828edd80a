package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.AccountResources;
import dev.parapet.core.model.Provider;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/**
 * Cloud Asset Inventory assets of two projects in the API's camelCase form (resource.data is each service's own
 * REST representation); the writer turns some into the export's snake_case lines.
 */
final class GcpEstate extends CloudGenerator {
    /** A project and region resources are created in. */
    record Place(String projectId, String number, String folder, String env, String region) {
        boolean prod() {
            return env.equals("prod");
        }

        String parent() {
            return "//cloudresourcemanager.googleapis.com/projects/" + number;
        }
    }

    /** A service account and the project role it was granted, for the project IAM policy. */
    record Grant(String member, String role) {
    }

    static final String ORGANIZATION = "684213097751";
    static final List<Place> PROJECTS = List.of(
            new Place("acme-prod-platform", "418093725561", "271830465519", "prod", "europe-west1"),
            new Place("acme-dev-sandbox", "902716453318", "839204716655", "dev", "europe-west1"));
    static final List<String> REGIONS = List.of("europe-west1", "us-central1");
    private static final DateTimeFormatter COMPUTE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneId.of("America/Los_Angeles"));

    final GcpCompute compute;
    final GcpData data;
    private final Map<String, List<Grant>> grants = new LinkedHashMap<>();
    /** Projects missing some of the log-based alerts CIS asks for. */
    private final Set<String> missingAlerts = new HashSet<>();

    GcpEstate(GenContext ctx) {
        super(ctx);
        this.compute = new GcpCompute(this);
        this.data = new GcpData(this);
    }

    Place randomPlace() {
        Place project = ctx.rand.chance(0.6) ? PROJECTS.get(0) : PROJECTS.get(1);
        String region = ctx.rand.chance(0.65) ? REGIONS.get(0) : REGIONS.get(1);
        return new Place(project.projectId(), project.number(), project.folder(), project.env(), region);
    }

    @Override
    protected List<ObjectNode> baseline() {
        List<ObjectNode> out = new ArrayList<>();
        for (Place p : PROJECTS) {
            out.addAll(compute.landingNetwork(p));
            out.add(compute.dnsPolicy(p, p.prod() ? p.projectId() + "-vpc" : "default"));
            out.addAll(sinks(p));
            out.addAll(logAlerts(p));
            out.addAll(services(p));
        }
        return out;
    }

    @Override
    protected int accountCount() {
        return PROJECTS.size();
    }

    @Override
    protected List<ObjectNode> accountDocuments() {
        List<ObjectNode> out = new ArrayList<>();
        for (Place p : PROJECTS) {
            out.add(project(p));
        }
        return out;
    }

    @Override
    protected List<Kind> kinds() {
        return List.of(
                new Kind("storage-bucket", 12, 1, () -> List.of(data.bucket(randomPlace()))),
                new Kind("firewall", 8, 1, () -> List.of(compute.firewall(randomPlace()))),
                new Kind("compute-instance", 12, 1, () -> List.of(compute.instance(randomPlace()))),
                new Kind("sql-instance", 6, 1, () -> List.of(data.sqlInstance(randomPlace()))),
                new Kind("service-account", 8, 3, () -> data.serviceAccount(randomPlace())),
                new Kind("gke-cluster", 3, 1, () -> List.of(compute.cluster(randomPlace()))),
                new Kind("kms-crypto-key", 6, 1, () -> List.of(data.cryptoKey(randomPlace()))),
                new Kind("bigquery-dataset", 6, 1, () -> List.of(data.dataset(randomPlace()))),
                new Kind("dns-zone", 4, 1, () -> List.of(data.managedZone(randomPlace()))),
                new Kind("vpc-network", 2, 1, () -> List.of(compute.network(randomPlace(), null))));
    }

    void grant(Place p, String member, String role) {
        grants.computeIfAbsent(p.projectId(), k -> new ArrayList<>()).add(new Grant(member, role));
    }

    // ---- the asset envelope ----

    /** An asset with its resource (version, discovery document, parent, data, location), ancestors and update time. */
    ObjectNode asset(Place p, String name, String assetType, String version, String discoveryUri, String parent,
                     String location, ObjectNode data, ObjectNode iamPolicy) {
        String discoveryName = assetType.substring(assetType.indexOf('/') + 1);
        ObjectNode asset = obj(
                "name", name,
                "assetType", assetType,
                "resource", obj("version", version, "discoveryDocumentUri", discoveryUri, "discoveryName", discoveryName,
                        "parent", parent, "data", data, "location", location));
        if (iamPolicy != null) {
            asset.set("iamPolicy", iamPolicy);
        }
        asset.set("ancestors", arr("projects/" + p.number(), "folders/" + p.folder(), "organizations/" + ORGANIZATION));
        asset.put("updateTime", GenContext.iso(ctx.captured()));
        return asset;
    }

    /** Compute Engine's timestamp form: RFC 3339 in Pacific time with milliseconds. */
    static String computeTime(Instant t) {
        return COMPUTE_TIME.format(t);
    }

    String numericId() {
        return ctx.rand.digits(19);
    }

    ObjectNode policy(ArrayNode bindings) {
        return obj("version", 1, "etag", "BwY" + ctx.rand.lowerAlnum(9) + "=", "bindings", bindings);
    }

    static ObjectNode binding(String role, String... members) {
        return obj("role", role, "members", arr((Object[]) members));
    }

    static Map<String, String> labels(Place p, String team) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", team);
        labels.put("env", p.env());
        return labels;
    }

    // ---- project-level documents ----

    /** The project with its IAM policy; service accounts made earlier appear in its bindings. */
    private ObjectNode project(Place p) {
        Flaws flaws = ctx.flaws(p.prod() ? 0.3 : 0.8, "personal-owner", "default-sa-editor", "sa-user-at-project",
                "no-data-access-logs", "audit-exemptions");
        if (missingAlerts.contains(p.projectId()) || !p.prod()) {
            Set<String> chosen = new HashSet<>(flaws.chosen());
            if (missingAlerts.contains(p.projectId())) {
                chosen.add("missing-log-alerts");
            }
            if (!p.prod()) {
                chosen.add("cloud-asset-api-off"); // see services()
            }
            flaws = new Flaws(chosen);
        }
        // One binding per role, as IAM returns it; grants to service accounts made earlier join them.
        Map<String, List<String>> byRole = new LinkedHashMap<>();
        byRole.computeIfAbsent("roles/owner", r -> new ArrayList<>()).add("group:platform-admins@acme.example");
        if (flaws.has("personal-owner")) {
            byRole.get("roles/owner").add("user:j.doe.dev@gmail.com");
        }
        byRole.computeIfAbsent("roles/viewer", r -> new ArrayList<>()).add("group:engineering@acme.example");
        byRole.computeIfAbsent("roles/compute.serviceAgent", r -> new ArrayList<>())
                .add("serviceAccount:service-" + p.number() + "@compute-system.iam.gserviceaccount.com");
        // Google grants Editor to the default service accounts; hardened projects have removed those grants.
        if (flaws.has("default-sa-editor")) {
            byRole.computeIfAbsent("roles/editor", r -> new ArrayList<>()).addAll(List.of(
                    "serviceAccount:" + p.number() + "-compute@developer.gserviceaccount.com",
                    "serviceAccount:" + p.number() + "@cloudservices.gserviceaccount.com"));
        }
        if (flaws.has("sa-user-at-project")) {
            byRole.computeIfAbsent("roles/iam.serviceAccountUser", r -> new ArrayList<>()).add("group:developers@acme.example");
        }
        for (Grant g : grants.getOrDefault(p.projectId(), List.of())) {
            byRole.computeIfAbsent(g.role(), r -> new ArrayList<>()).add(g.member());
        }
        ArrayNode bindings = arr();
        byRole.forEach((role, members) -> bindings.add(obj("role", role, "members", J.node(members))));
        ObjectNode policy = policy(bindings);
        if (!flaws.has("no-data-access-logs")) {
            ArrayNode logs = arr(obj("logType", "ADMIN_READ"), obj("logType", "DATA_READ"), obj("logType", "DATA_WRITE"));
            if (flaws.has("audit-exemptions")) {
                ((ObjectNode) logs.get(1)).set("exemptedMembers", arr("user:reporting-bot@acme.example"));
            }
            policy.set("auditConfigs", arr(obj("service", "allServices", "auditLogConfigs", logs)));
        }
        ObjectNode data = obj("projectNumber", p.number(), "projectId", p.projectId(), "lifecycleState", "ACTIVE",
                "name", p.projectId(), "labels", obj("env", p.env()), "createTime", GenContext.iso(ctx.past(1200, 2200)),
                "parent", obj("type", "folder", "id", p.folder()));
        ObjectNode asset = asset(p, AccountResources.idFor(Provider.GCP, p.number()),
                AccountResources.GCP_PROJECT, "v1", "https://cloudresourcemanager.googleapis.com/$discovery/rest?version=v1",
                "//cloudresourcemanager.googleapis.com/folders/" + p.folder(), "global", data, policy);
        asset.set("essentialContacts", essentialContacts());
        return ctx.done(asset, flaws);
    }

    /**
     * What the collector attaches from the Essential Contacts API (contacts:compute for the project): the contacts the
     * organization defines, which both projects inherit.
     */
    private ObjectNode essentialContacts() {
        String validated = GenContext.iso(ctx.past(30, 300));
        var contacts = arr();
        String[][] defined = {{"secops@acme.example", "SECURITY", "TECHNICAL_INCIDENTS"},
                {"cloud-platform@acme.example", "TECHNICAL", "SUSPENSION"}, {"legal-notices@acme.example", "LEGAL"}};
        for (int i = 0; i < defined.length; i++) {
            var categories = arr();
            for (int c = 1; c < defined[i].length; c++) {
                categories.add(defined[i][c]);
            }
            contacts.add(obj("name", "organizations/" + ORGANIZATION + "/contacts/" + (3120057310L + i), "email", defined[i][0],
                    "notificationCategorySubscriptions", categories, "languageTag", "en-US", "validationState", "VALID",
                    "validateTime", validated));
        }
        return obj("contacts", contacts);
    }

    /** APIs enabled in the project (Service Usage assets); development has not enabled the Cloud Asset API. */
    private List<ObjectNode> services(Place p) {
        List<ObjectNode> out = new ArrayList<>();
        Map<String, String> apis = new LinkedHashMap<>();
        apis.put("compute.googleapis.com", "Compute Engine API");
        apis.put("container.googleapis.com", "Kubernetes Engine API");
        apis.put("logging.googleapis.com", "Cloud Logging API");
        apis.put("storage.googleapis.com", "Cloud Storage API");
        if (p.prod()) {
            apis.put("cloudasset.googleapis.com", "Cloud Asset API");
        }
        for (Map.Entry<String, String> api : apis.entrySet()) {
            ObjectNode data = obj("name", "projects/" + p.number() + "/services/" + api.getKey(), "parent", "projects/" + p.number(),
                    "config", obj("name", api.getKey(), "title", api.getValue(),
                            "usage", obj("requirements", arr("serviceusage.googleapis.com/tos/cloud"))),
                    "state", "ENABLED");
            out.add(asset(p, "//serviceusage.googleapis.com/projects/" + p.number() + "/services/" + api.getKey(),
                    "serviceusage.googleapis.com/Service", "v1", "https://serviceusage.googleapis.com/$discovery/rest",
                    p.parent(), "global", data, null));
        }
        return out;
    }

    /** Log-based metrics with the CIS filters, each watched by an alert policy; development has only a few. */
    private static final Map<String, String> LOG_METRICS = new LinkedHashMap<>();

    static {
        LOG_METRICS.put("project-ownership-changes", "(protoPayload.serviceName=\"cloudresourcemanager.googleapis.com\") "
                + "AND (ProjectOwnership OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action=\"REMOVE\" "
                + "AND protoPayload.serviceData.policyDelta.bindingDeltas.role=\"roles/owner\") OR "
                + "(protoPayload.serviceData.policyDelta.bindingDeltas.action=\"ADD\" "
                + "AND protoPayload.serviceData.policyDelta.bindingDeltas.role=\"roles/owner\")");
        LOG_METRICS.put("audit-config-changes", "protoPayload.methodName=\"SetIamPolicy\" AND "
                + "protoPayload.serviceData.policyDelta.auditConfigDeltas:*");
        LOG_METRICS.put("custom-role-changes", "resource.type=\"iam_role\" AND (protoPayload.methodName=\"google.iam.admin.v1.CreateRole\" "
                + "OR protoPayload.methodName=\"google.iam.admin.v1.DeleteRole\" OR protoPayload.methodName=\"google.iam.admin.v1.UpdateRole\")");
        LOG_METRICS.put("firewall-changes", "resource.type=\"gce_firewall_rule\" AND (protoPayload.methodName:\"compute.firewalls.patch\" "
                + "OR protoPayload.methodName:\"compute.firewalls.insert\" OR protoPayload.methodName:\"compute.firewalls.delete\")");
        LOG_METRICS.put("route-changes", "resource.type=\"gce_route\" AND (protoPayload.methodName:\"compute.routes.delete\" "
                + "OR protoPayload.methodName:\"compute.routes.insert\")");
        LOG_METRICS.put("network-changes", "resource.type=\"gce_network\" AND (protoPayload.methodName:\"compute.networks.insert\" "
                + "OR protoPayload.methodName:\"compute.networks.patch\" OR protoPayload.methodName:\"compute.networks.delete\" "
                + "OR protoPayload.methodName:\"compute.networks.removePeering\" OR protoPayload.methodName:\"compute.networks.addPeering\")");
        LOG_METRICS.put("bucket-iam-changes", "resource.type=\"gcs_bucket\" AND protoPayload.methodName=\"storage.setIamPermissions\"");
        LOG_METRICS.put("sql-config-changes", "protoPayload.methodName=\"cloudsql.instances.update\"");
    }

    private List<ObjectNode> logAlerts(Place p) {
        List<ObjectNode> out = new ArrayList<>();
        String channel = "projects/" + p.projectId() + "/notificationChannels/" + ctx.rand.digits(19);
        for (Map.Entry<String, String> m : LOG_METRICS.entrySet()) {
            if (!p.prod() && ctx.rand.chance(0.7)) {
                missingAlerts.add(p.projectId());
                continue;
            }
            String name = m.getKey();
            Instant created = ctx.past(100, 900);
            String type = "logging.googleapis.com/user/" + name;
            ObjectNode metric = obj("name", name, "description", "CIS monitoring: " + name, "filter", m.getValue(),
                    "metricDescriptor", obj("name", "projects/" + p.projectId() + "/metricDescriptors/" + type, "metricKind", "DELTA",
                            "valueType", "INT64", "unit", "1", "description", "CIS monitoring: " + name, "type", type,
                            "monitoredResourceTypes", arr("global")),
                    "createTime", GenContext.iso(created), "updateTime", GenContext.iso(created));
            out.add(asset(p, "//logging.googleapis.com/projects/" + p.number() + "/metrics/" + name, "logging.googleapis.com/LogMetric",
                    "v2", "https://logging.googleapis.com/$discovery/rest", p.parent(), "global", metric, null));
            String policyId = ctx.rand.digits(17);
            String policyName = "projects/" + p.projectId() + "/alertPolicies/" + policyId;
            ObjectNode record = obj("mutateTime", GenContext.iso(created.plusSeconds(300)), "mutatedBy", "platform-admins@acme.example");
            ObjectNode policy = obj("name", policyName, "displayName", "CIS " + name, "combiner", "OR",
                    "creationRecord", record, "mutationRecord", record.deepCopy(),
                    "conditions", arr(obj("name", policyName + "/conditions/" + ctx.rand.digits(18),
                            "displayName", "logging/user/" + name + " > 0",
                            "conditionThreshold", obj("filter", "resource.type = \"global\" AND metric.type = \"" + type + "\"",
                                    "comparison", "COMPARISON_GT", "thresholdValue", 0, "duration", "0s", "trigger", obj("count", 1),
                                    "aggregations", arr(obj("alignmentPeriod", "60s", "perSeriesAligner", "ALIGN_COUNT"))))),
                    "notificationChannels", arr(channel),
                    "enabled", true);
            out.add(asset(p, "//monitoring.googleapis.com/projects/" + p.number() + "/alertPolicies/" + policyId,
                    "monitoring.googleapis.com/AlertPolicy", "v3", "https://monitoring.googleapis.com/$discovery/rest", p.parent(),
                    "global", policy, null));
        }
        return out;
    }

    /** The two sinks every project has, and the export of all logs that CIS asks for (too narrow when flawed). */
    private List<ObjectNode> sinks(Place p) {
        List<ObjectNode> out = new ArrayList<>();
        String required = "LOG_ID(\"cloudaudit.googleapis.com/activity\") OR LOG_ID(\"externalaudit.googleapis.com/activity\") "
                + "OR LOG_ID(\"cloudaudit.googleapis.com/system_event\") OR LOG_ID(\"externalaudit.googleapis.com/system_event\") "
                + "OR LOG_ID(\"cloudaudit.googleapis.com/access_transparency\") OR LOG_ID(\"externalaudit.googleapis.com/access_transparency\")";
        out.add(sink(p, "_Required", "logging.googleapis.com/projects/" + p.projectId() + "/locations/global/buckets/_Required",
                required, false, Flaws.NONE));
        out.add(sink(p, "_Default", "logging.googleapis.com/projects/" + p.projectId() + "/locations/global/buckets/_Default",
                "NOT LOG_ID(\"cloudaudit.googleapis.com/activity\") AND NOT LOG_ID(\"externalaudit.googleapis.com/activity\") "
                        + "AND NOT LOG_ID(\"cloudaudit.googleapis.com/system_event\") AND NOT LOG_ID(\"externalaudit.googleapis.com/system_event\") "
                        + "AND NOT LOG_ID(\"cloudaudit.googleapis.com/access_transparency\") AND NOT LOG_ID(\"externalaudit.googleapis.com/access_transparency\")",
                false, Flaws.NONE));
        Flaws flaws = ctx.flaws(p.prod() ? 0.1 : 0.6, "narrow-export");
        // The Logging API omits an empty filter: a sink without one exports every log entry.
        out.add(sink(p, "all-logs-to-gcs", "storage.googleapis.com/" + p.projectId() + "-audit-logs",
                flaws.has("narrow-export") ? "severity>=ERROR" : null, true, flaws));
        return out;
    }

    private ObjectNode sink(Place p, String name, String destination, String filter, boolean custom, Flaws flaws) {
        Instant created = ctx.past(300, 1500);
        ObjectNode data = obj("name", name, "destination", destination);
        if (filter != null) {
            data.put("filter", filter);
        }
        if (custom) {
            data.put("writerIdentity", "serviceAccount:service-" + p.number() + "@gcp-sa-logging.iam.gserviceaccount.com");
        }
        data.put("createTime", GenContext.iso(created));
        data.put("updateTime", GenContext.iso(created.plusSeconds(ctx.rand.between(0, 86_400 * 30))));
        ObjectNode asset = asset(p, "//logging.googleapis.com/projects/" + p.number() + "/sinks/" + name,
                "logging.googleapis.com/LogSink", "v2", "https://logging.googleapis.com/$discovery/rest", p.parent(), "global",
                data, null);
        return ctx.done(asset, flaws);
    }
}
