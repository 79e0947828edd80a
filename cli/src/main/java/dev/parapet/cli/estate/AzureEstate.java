package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.AccountResources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/**
 * ARM resources of two subscriptions in westeurope and eastus, as ARM GET returns them (canonical casing); the
 * writer turns some into Resource Graph rows. Subscription-level settings are the Defender plans
 * (Microsoft.Security/pricings), Defender's email contacts and integration settings, the subscription's role
 * assignments and the activity log's diagnostic setting.
 */
final class AzureEstate extends CloudGenerator {
    /** A subscription, resource group and location resources are created in. */
    record Place(String subscription, String alias, String env, String location, String resourceGroup) {
        boolean prod() {
            return env.equals("prod");
        }

        String scope() {
            return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup;
        }
    }

    static final String TENANT = "9c4e2a71-5b3d-4e8f-a1c6-7d2b0e9f4a35";
    static final List<String> SUBSCRIPTIONS = List.of("6b1f0d3a-2c4e-4f8a-9b7d-1e5c3a9f2d60",
            "c2a7e914-58d3-4b6f-8e21-97f0b4d3a6c5");
    static final List<String> LOCATIONS = List.of("westeurope", "eastus");
    /** Every plan the pricings list returns (deprecated plans left out). */
    static final List<String> DEFENDER_PLANS = List.of("VirtualMachines", "SqlServers", "AppServices", "StorageAccounts",
            "SqlServerVirtualMachines", "KeyVaults", "Arm", "OpenSourceRelationalDatabases", "CosmosDbs", "Containers",
            "CloudPosture", "Api");

    final AzureData data;
    final AzureCompute compute;
    /** Subscriptions whose subscription-level settings fall short (Defender plans, activity log, alerts). */
    private final Set<String> subscriptionFlaws = new HashSet<>();

    AzureEstate(GenContext ctx) {
        super(ctx);
        this.data = new AzureData(this);
        this.compute = new AzureCompute(this);
    }

    static String alias(String subscription) {
        return subscription.equals(SUBSCRIPTIONS.get(0)) ? "acme-prod" : "acme-dev";
    }

    Place randomPlace() {
        String subscription = ctx.rand.chance(0.6) ? SUBSCRIPTIONS.get(0) : SUBSCRIPTIONS.get(1);
        String location = ctx.rand.chance(0.65) ? LOCATIONS.get(0) : LOCATIONS.get(1);
        String env = subscription.equals(SUBSCRIPTIONS.get(0)) ? "prod" : "dev";
        String team = ctx.team();
        return new Place(subscription, alias(subscription), env, location,
                "rg-" + team + "-" + env + "-" + (location.equals("westeurope") ? "weu" : "eus"));
    }

    /** The team is the resource group's middle part, so tags and names agree with it. */
    static String team(Place p) {
        return p.resourceGroup().split("-")[1];
    }

    @Override
    protected List<ObjectNode> baseline() {
        List<ObjectNode> out = new ArrayList<>();
        for (String subscription : SUBSCRIPTIONS) {
            boolean prod = subscription.equals(SUBSCRIPTIONS.get(0));
            for (String plan : DEFENDER_PLANS) {
                out.add(pricing(subscription, plan, prod));
            }
            out.add(activityLogSetting(subscription, prod));
            out.addAll(activityLogAlerts(subscription, prod));
            out.add(securityContact(subscription, prod));
            out.addAll(securitySettings(subscription, prod));
            out.addAll(ownerAssignments(subscription, prod));
        }
        return out;
    }

    @Override
    protected int accountCount() {
        return SUBSCRIPTIONS.size();
    }

    @Override
    protected List<ObjectNode> accountDocuments() {
        List<ObjectNode> out = new ArrayList<>();
        for (String subscription : SUBSCRIPTIONS) {
            out.add(subscription(subscription));
        }
        return out;
    }

    @Override
    protected List<Kind> kinds() {
        return List.of(
                new Kind("storage-account", 12, 3, () -> data.storageAccount(randomPlace())),
                new Kind("network-security-group", 10, 1, () -> List.of(compute.networkSecurityGroup(randomPlace()))),
                new Kind("key-vault", 6, 2, () -> data.keyVault(randomPlace())),
                new Kind("sql-server", 5, 4, () -> data.sqlServer(randomPlace())),
                new Kind("cosmos-account", 4, 1, () -> List.of(data.cosmosAccount(randomPlace()))),
                new Kind("virtual-machine", 10, 5, () -> compute.virtualMachine(randomPlace())),
                new Kind("managed-disk", 3, 1, () -> List.of(compute.disk(randomPlace(), null, null, null))),
                new Kind("web-app", 8, 2, () -> compute.webApp(randomPlace())),
                new Kind("aks-cluster", 3, 1, () -> List.of(compute.cluster(randomPlace()))));
    }

    // ---- ARM envelope ----

    /** An ARM resource with id, name, type, location, tags and systemData; the caller adds properties. */
    ObjectNode arm(Place p, String type, String name, Map<String, String> tags) {
        return arm(p.scope() + "/providers/" + type + "/" + name, name, type, p.location(), tags);
    }

    ObjectNode arm(String id, String name, String type, String location, Map<String, String> tags) {
        ObjectNode r = obj("id", id, "name", name, "type", type);
        if (location != null) {
            r.put("location", location);
        }
        if (tags != null) {
            r.set("tags", J.node(tags));
        }
        return r;
    }

    /** systemData as resource providers return it: who created the resource and when it last changed. */
    ObjectNode systemData(Instant created) {
        String creator = ctx.rand.pick("ops@acme.example", "platform-pipeline", "terraform-sp");
        String type = creator.contains("@") ? "User" : "Application";
        return obj("createdBy", creator, "createdByType", type, "createdAt", GenContext.isoSeconds(created) ,
                "lastModifiedBy", creator, "lastModifiedByType", type, "lastModifiedAt", GenContext.iso(ctx.captured()));
    }

    Map<String, String> tags(Place p) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", team(p));
        tags.put("env", p.env());
        if (ctx.rand.chance(0.7)) {
            tags.put("costCenter", "cc-" + (1000 + GenContext.TEAMS.indexOf(team(p)) * 7));
        }
        return tags;
    }

    static String workspace(String subscription) {
        return "/subscriptions/" + subscription + "/resourceGroups/rg-platform-" + (subscription.equals(SUBSCRIPTIONS.get(0))
                ? "prod" : "dev") + "-weu/providers/Microsoft.OperationalInsights/workspaces/law-" + alias(subscription);
    }

    // ---- subscription-level documents ----

    /** The subscription as Resource Graph's resourcecontainers table returns it. */
    private ObjectNode subscription(String subscription) {
        boolean prod = subscription.equals(SUBSCRIPTIONS.get(0));
        ObjectNode s = arm("/subscriptions/" + subscription, alias(subscription), AccountResources.AZURE_SUBSCRIPTION, null,
                Map.of("env", prod ? "prod" : "dev"));
        s.put("subscriptionId", subscription);
        s.put("tenantId", TENANT);
        s.set("properties", obj("subscriptionPolicies", obj("locationPlacementId", "Public_2014-09-01",
                "quotaId", prod ? "EnterpriseAgreement_2014-09-01" : "MSDN_2014-09-01", "spendingLimit", prod ? "Off" : "On"),
                "managementGroupAncestorsChain", arr(obj("displayName", prod ? "Production" : "Sandbox",
                        "name", prod ? "mg-production" : "mg-sandbox"), obj("displayName", "Tenant Root Group", "name", TENANT)),
                "state", "Enabled"));
        return ctx.done(s, subscriptionFlaws.contains(subscription) ? new Flaws(Set.of("subscription-settings")) : Flaws.NONE);
    }

    /** A Defender for Cloud plan; the development subscription mostly stays on the free tier. */
    private ObjectNode pricing(String subscription, String plan, boolean prod) {
        Flaws flaws = ctx.flaws(prod ? 0.08 : 0.6, "free-tier");
        boolean standard = !flaws.has("free-tier");
        if (!standard) {
            subscriptionFlaws.add(subscription);
        }
        ObjectNode r = arm("/subscriptions/" + subscription + "/providers/Microsoft.Security/pricings/" + plan, plan,
                "Microsoft.Security/pricings", null, null);
        ObjectNode props = r.putObject("properties");
        props.put("pricingTier", standard ? "Standard" : "Free");
        switch (standard ? plan : "") {
            case "VirtualMachines" -> props.put("subPlan", "P2");
            case "StorageAccounts" -> props.put("subPlan", "DefenderForStorageV2");
            case "KeyVaults" -> props.put("subPlan", "PerKeyVault");
            case "Arm" -> props.put("subPlan", "PerSubscription");
            case "Api" -> props.put("subPlan", "P1");
            default -> {
                // the other plans have no sub-plans
            }
        }
        props.put("freeTrialRemainingTime", "PT0S");
        if (standard) {
            props.put("enablementTime", GenContext.isoSeconds(ctx.past(100, 700)));
        }
        return ctx.done(r, flaws);
    }

    /** The subscription activity log's diagnostic setting; a flawed one leaves categories off. */
    private ObjectNode activityLogSetting(String subscription, boolean prod) {
        Flaws flaws = ctx.flaws(prod ? 0.1 : 0.6, "categories-off");
        if (flaws.any()) {
            subscriptionFlaws.add(subscription);
        }
        ObjectNode r = arm("/subscriptions/" + subscription + "/providers/microsoft.insights/diagnosticSettings/activity-log-to-law",
                "activity-log-to-law", "Microsoft.Insights/diagnosticSettings", null, null);
        var logs = arr();
        for (String category : List.of("Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy",
                "Autoscale", "ResourceHealth")) {
            boolean on = !flaws.has("categories-off") || category.equals("Administrative") || category.equals("ServiceHealth");
            logs.add(obj("category", category, "enabled", on));
        }
        r.set("properties", obj("storageAccountId", null, "serviceBusRuleId", null, "workspaceId", workspace(subscription),
                "eventHubAuthorizationRuleId", null, "eventHubName", null, "logs", logs, "logAnalyticsDestinationType", null));
        return ctx.done(r, flaws);
    }

    /** Operations CIS wants an activity log alert for; the production subscription has them all. */
    private static final List<String> ALERTED_OPERATIONS = List.of(
            "Microsoft.Authorization/policyAssignments/write", "Microsoft.Authorization/policyAssignments/delete",
            "Microsoft.Network/networkSecurityGroups/write", "Microsoft.Network/networkSecurityGroups/delete",
            "Microsoft.Security/securitySolutions/write", "Microsoft.Security/securitySolutions/delete",
            "Microsoft.Sql/servers/firewallRules/write", "Microsoft.Sql/servers/firewallRules/delete",
            "Microsoft.Network/publicIPAddresses/write", "Microsoft.Network/publicIPAddresses/delete");

    /** Activity log alerts on security-relevant operations and service health; development has only a few. */
    private List<ObjectNode> activityLogAlerts(String subscription, boolean prod) {
        String group = "/subscriptions/" + subscription + "/resourceGroups/rg-platform-" + (prod ? "prod" : "dev") + "-weu";
        String actionGroup = group + "/providers/Microsoft.Insights/actionGroups/ag-secops";
        List<ObjectNode> out = new ArrayList<>();
        List<String> operations = new ArrayList<>(ALERTED_OPERATIONS);
        operations.add("ServiceHealth");
        for (String operation : operations) {
            if (!prod && ctx.rand.chance(0.6)) {
                continue;
            }
            boolean health = operation.equals("ServiceHealth");
            String[] parts = operation.split("/");
            String name = health ? "alert-service-health"
                    : "alert-" + parts[1].toLowerCase(Locale.ROOT) + "-" + parts[parts.length - 1];
            ObjectNode alert = arm(group + "/providers/Microsoft.Insights/activityLogAlerts/" + name, name,
                    "Microsoft.Insights/activityLogAlerts", "Global", Map.of());
            var conditions = health ? arr(obj("field", "category", "equals", "ServiceHealth"))
                    : arr(obj("field", "category", "equals", "Administrative"), obj("field", "operationName", "equals", operation));
            alert.set("properties", obj("scopes", arr("/subscriptions/" + subscription), "condition", obj("allOf", conditions),
                    "actions", obj("actionGroups", arr(obj("actionGroupId", actionGroup, "webhookProperties", obj()))),
                    "enabled", true, "description", ""));
            out.add(alert);
        }
        if (out.size() < operations.size()) {
            subscriptionFlaws.add(subscription);
        }
        return out;
    }

    /** Defender for Cloud's email notification settings (API 2023-12-01-preview shape). */
    private ObjectNode securityContact(String subscription, boolean prod) {
        Flaws flaws = ctx.flaws(prod ? 0.1 : 0.6, "no-owner-notifications", "no-attack-path-notifications");
        if (flaws.any()) {
            subscriptionFlaws.add(subscription);
        }
        ObjectNode r = arm("/subscriptions/" + subscription + "/providers/Microsoft.Security/securityContacts/default", "default",
                "Microsoft.Security/securityContacts", null, null);
        var sources = arr(obj("sourceType", "Alert", "minimalSeverity", prod ? "High" : "Medium"));
        if (!flaws.has("no-attack-path-notifications")) {
            sources.add(obj("sourceType", "AttackPath", "minimalRiskLevel", "Critical"));
        }
        r.set("properties", obj("isEnabled", true, "emails", "secops@acme.example;cloud-" + (prod ? "prod" : "dev") + "@acme.example",
                "phone", "", "notificationsByRole", obj("state", flaws.has("no-owner-notifications") ? "Off" : "On",
                        "roles", arr("Owner")), "notificationsSources", sources));
        return ctx.done(r, flaws);
    }

    /** The Defender for Cloud integration settings; development sometimes leaves Defender for Endpoint off. */
    private List<ObjectNode> securitySettings(String subscription, boolean prod) {
        Flaws flaws = ctx.flaws(prod ? 0.05 : 0.5, "endpoint-protection-off");
        if (flaws.any()) {
            subscriptionFlaws.add(subscription);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (String name : List.of("MCAS", "WDATP")) {
            ObjectNode r = arm("/subscriptions/" + subscription + "/providers/Microsoft.Security/settings/" + name, name,
                    "Microsoft.Security/settings", null, null);
            r.put("kind", "DataExportSettings");
            boolean enabled = !(name.equals("WDATP") && flaws.has("endpoint-protection-off"));
            r.set("properties", obj("enabled", enabled));
            out.add(name.equals("WDATP") ? ctx.done(r, flaws) : r);
        }
        return out;
    }

    private static final String OWNER_ROLE = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private static final String READER_ROLE = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    /** Role assignments at subscription scope: two owners, one sometimes extra, and a reader group. */
    private List<ObjectNode> ownerAssignments(String subscription, boolean prod) {
        Flaws flaws = ctx.flaws(prod ? 0.05 : 0.6, "too-many-owners");
        if (flaws.any()) {
            subscriptionFlaws.add(subscription);
        }
        List<ObjectNode> out = new ArrayList<>();
        out.add(roleAssignment(subscription, OWNER_ROLE, "Group", Flaws.NONE));
        out.add(roleAssignment(subscription, OWNER_ROLE, "User", Flaws.NONE));
        if (flaws.any()) {
            out.add(roleAssignment(subscription, OWNER_ROLE, "User", flaws));
            out.add(roleAssignment(subscription, OWNER_ROLE, "ServicePrincipal", flaws));
        }
        out.add(roleAssignment(subscription, READER_ROLE, "Group", Flaws.NONE));
        return out;
    }

    private ObjectNode roleAssignment(String subscription, String role, String principalType, Flaws flaws) {
        String name = ctx.rand.uuid();
        String scope = "/subscriptions/" + subscription;
        ObjectNode r = arm(scope + "/providers/Microsoft.Authorization/roleAssignments/" + name, name,
                "Microsoft.Authorization/roleAssignments", null, null);
        String created = GenContext.iso(ctx.past(60, 1200));
        r.set("properties", obj("roleDefinitionId", scope + "/providers/Microsoft.Authorization/roleDefinitions/" + role,
                "principalId", ctx.rand.uuid(), "principalType", principalType, "scope", scope,
                "condition", null, "conditionVersion", null, "createdOn", created, "updatedOn", created,
                "createdBy", ctx.rand.uuid(), "updatedBy", ctx.rand.uuid(), "delegatedManagedIdentityResourceId", null,
                "description", null));
        return ctx.done(r, flaws);
    }

    /**
     * A private endpoint connection as the resource lists it; vaults spell the state's action field
     * {@code actionsRequired}, storage {@code actionRequired}.
     */
    ObjectNode privateEndpointConnection(Place p, String resourceId, String resourceName, String type, String group) {
        String name = "pe-" + resourceName + "-" + group + "." + ctx.rand.uuid();
        ObjectNode state = obj("status", "Approved", "description", "Auto-Approved");
        state.put(type.startsWith("Microsoft.Storage") ? "actionRequired" : "actionsRequired", "None");
        return obj("id", resourceId + "/privateEndpointConnections/" + name, "name", name,
                "type", type + "/privateEndpointConnections",
                "properties", obj("provisioningState", "Succeeded",
                        "privateEndpoint", obj("id", p.scope() + "/providers/Microsoft.Network/privateEndpoints/pe-" + resourceName + "-" + group),
                        "privateLinkServiceConnectionState", state));
    }

    /** A resource's own diagnostic setting, an ARM child under {@code <resource id>/providers/...}. */
    ObjectNode diagnosticSetting(String resourceId, String subscription, List<String> categoryGroups, boolean metrics) {
        String name = "diag-to-law";
        ObjectNode r = arm(resourceId + "/providers/microsoft.insights/diagnosticSettings/" + name, name,
                "Microsoft.Insights/diagnosticSettings", null, null);
        var logs = arr();
        categoryGroups.forEach(g -> logs.add(obj("category", null, "categoryGroup", g, "enabled", true,
                "retentionPolicy", obj("enabled", false, "days", 0))));
        r.set("properties", obj("storageAccountId", null, "serviceBusRuleId", null, "workspaceId", workspace(subscription),
                "eventHubAuthorizationRuleId", null, "eventHubName", null,
                "metrics", metrics ? arr(obj("timeGrain", null, "category", "AllMetrics", "enabled", true,
                        "retentionPolicy", obj("enabled", false, "days", 0))) : arr(),
                "logs", logs, "logAnalyticsDestinationType", null));
        return r;
    }
}
