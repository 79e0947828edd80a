package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.AzureEstate.Place;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/** Storage accounts (with their blob service), key vaults, SQL servers (with auditing and firewall rules), Cosmos DB. */
final class AzureData {
    private final AzureEstate azure;
    private final GenContext ctx;
    private final Rand rand;

    AzureData(AzureEstate azure) {
        this.azure = azure;
        this.ctx = azure.ctx;
        this.rand = azure.ctx.rand;
    }

    private static String shortName(String prefix, Place p, String suffix, int max, boolean dashes) {
        String team = AzureEstate.team(p);
        String name = dashes ? prefix + "-" + p.env() + "-" + team + "-" + suffix : prefix + p.env() + team + suffix;
        return name.length() <= max - 2 ? name : name.substring(0, max - 2);
    }

    /** A storage account and its blob service, whose soft-delete setting lives on the child. */
    List<ObjectNode> storageAccount(Place p) {
        Flaws flaws = ctx.flaws("public-blob", "old-tls", "http-allowed", "network-open", "shared-key", "public-network",
                "locally-redundant", "no-infrastructure-encryption");
        String name = ctx.unique(shortName("st", p, rand.lowerAlnum(4), 24, false), "");
        Instant created = ctx.past(30, 1400);
        String sku = flaws.has("locally-redundant") ? "Standard_LRS" : rand.pick("Standard_GRS", "Standard_RAGRS", "Standard_GZRS");
        ObjectNode r = azure.arm(p, "Microsoft.Storage/storageAccounts", name, azure.tags(p));
        String id = r.get("id").asText();
        boolean open = flaws.has("public-network");
        r.set("sku", obj("name", sku, "tier", "Standard"));
        r.put("kind", "StorageV2");
        r.set("systemData", azure.systemData(created));
        String encryptedSince = GenContext.iso(created);
        r.set("properties", obj(
                "keyCreationTime", obj("key1", encryptedSince, "key2", encryptedSince),
                "allowCrossTenantReplication", false,
                "privateEndpointConnections", open ? arr()
                        : arr(azure.privateEndpointConnection(p, id, name, "Microsoft.Storage/storageAccounts", "blob")),
                "minimumTlsVersion", flaws.has("old-tls") ? "TLS1_0" : "TLS1_2",
                "allowBlobPublicAccess", flaws.has("public-blob"),
                "allowSharedKeyAccess", flaws.has("shared-key"),
                "networkAcls", obj("bypass", "AzureServices", "virtualNetworkRules", arr(), "ipRules",
                        flaws.has("network-open") ? arr() : arr(obj("value", "198.51.100.0/24", "action", "Allow")),
                        "defaultAction", flaws.has("network-open") ? "Allow" : "Deny"),
                "supportsHttpsTrafficOnly", !flaws.has("http-allowed"),
                "encryption", obj("requireInfrastructureEncryption", !flaws.has("no-infrastructure-encryption"),
                        "services", obj("file", obj("keyType", "Account", "enabled", true, "lastEnabledTime", encryptedSince),
                                "blob", obj("keyType", "Account", "enabled", true, "lastEnabledTime", encryptedSince)),
                        "keySource", "Microsoft.Storage"),
                "accessTier", "Hot",
                "provisioningState", "Succeeded",
                "creationTime", encryptedSince,
                "primaryEndpoints", obj("dfs", "https://" + name + ".dfs.core.windows.net/",
                        "web", "https://" + name + ".z6.web.core.windows.net/",
                        "blob", "https://" + name + ".blob.core.windows.net/",
                        "queue", "https://" + name + ".queue.core.windows.net/",
                        "table", "https://" + name + ".table.core.windows.net/",
                        "file", "https://" + name + ".file.core.windows.net/"),
                "primaryLocation", p.location(),
                "statusOfPrimary", "available",
                "publicNetworkAccess", open ? "Enabled" : "Disabled"));
        List<ObjectNode> out = new ArrayList<>();
        out.add(ctx.done(r, flaws));
        out.add(blobService(id, sku));
        out.add(fileService(id, sku));
        return out;
    }

    private ObjectNode fileService(String accountId, String sku) {
        Flaws flaws = ctx.flaws("no-share-soft-delete", "old-smb");
        ObjectNode r = obj("sku", obj("name", sku, "tier", "Standard"));
        r.setAll(azure.arm(accountId + "/fileServices/default", "default", "Microsoft.Storage/storageAccounts/fileServices",
                null, null));
        // Without an explicit versions list every SMB dialect is accepted.
        ObjectNode smb = flaws.has("old-smb") ? obj("authenticationMethods", "NTLMv2;Kerberos;")
                : obj("versions", "SMB3.1.1;", "authenticationMethods", "Kerberos;", "kerberosTicketEncryption", "AES-256;",
                "channelEncryption", "AES-256-GCM;");
        r.set("properties", obj(
                "protocolSettings", obj("smb", smb),
                "cors", obj("corsRules", arr()),
                "shareDeleteRetentionPolicy", flaws.has("no-share-soft-delete") ? obj("enabled", false)
                        : obj("enabled", true, "days", rand.pick(7, 14, 30))));
        return ctx.done(r, flaws);
    }

    private ObjectNode blobService(String accountId, String sku) {
        Flaws flaws = ctx.flaws("no-soft-delete", "no-versioning");
        ObjectNode r = obj("sku", obj("name", sku, "tier", "Standard"));
        r.setAll(azure.arm(accountId + "/blobServices/default", "default", "Microsoft.Storage/storageAccounts/blobServices",
                null, null));
        boolean softDelete = !flaws.has("no-soft-delete");
        r.set("properties", obj(
                "cors", obj("corsRules", arr()),
                "deleteRetentionPolicy", softDelete ? obj("allowPermanentDelete", false, "enabled", true, "days", rand.pick(7, 14, 30))
                        : obj("allowPermanentDelete", false, "enabled", false),
                "containerDeleteRetentionPolicy", softDelete ? obj("enabled", true, "days", 7) : obj("enabled", false),
                "isVersioningEnabled", !flaws.has("no-versioning"),
                "changeFeed", obj("enabled", false)));
        return ctx.done(r, flaws);
    }

    /** A key vault and, unless logging is its flaw, the diagnostic setting that sends its audit logs away. */
    List<ObjectNode> keyVault(Place p) {
        Flaws flaws = ctx.flaws("no-purge-protection", "access-policies", "public-network", "no-logging");
        String name = ctx.unique(shortName("kv", p, rand.lowerAlnum(3), 24, true));
        ObjectNode r = azure.arm(p, "Microsoft.KeyVault/vaults", name, azure.tags(p));
        r.set("systemData", azure.systemData(ctx.past(30, 1200)));
        boolean rbac = !flaws.has("access-policies");
        ObjectNode props = obj(
                "sku", obj("family", "A", "name", p.prod() ? "premium" : "standard"),
                "tenantId", AzureEstate.TENANT,
                "networkAcls", obj("bypass", "AzureServices", "defaultAction", flaws.has("public-network") ? "Allow" : "Deny",
                        "ipRules", arr(), "virtualNetworkRules", arr()),
                "accessPolicies", rbac ? arr() : arr(obj("tenantId", AzureEstate.TENANT, "objectId", rand.uuid(),
                        "permissions", obj("keys", arr("Get", "List", "Create", "Delete"), "secrets", arr("Get", "List", "Set", "Delete"),
                                "certificates", arr("Get", "List")))),
                "enabledForDeployment", false,
                "enabledForDiskEncryption", rand.chance(0.3),
                "enabledForTemplateDeployment", false,
                "enableSoftDelete", true,
                "softDeleteRetentionInDays", 90,
                "enableRbacAuthorization", rbac);
        // ARM omits enablePurgeProtection until it is turned on (it cannot be turned off again).
        if (!flaws.has("no-purge-protection")) {
            props.put("enablePurgeProtection", true);
        }
        props.set("privateEndpointConnections", flaws.has("public-network") ? arr()
                : arr(azure.privateEndpointConnection(p, r.get("id").asText(), name, "Microsoft.KeyVault/vaults", "vault")));
        props.put("vaultUri", "https://" + name + ".vault.azure.net/");
        props.put("provisioningState", "Succeeded");
        props.put("publicNetworkAccess", flaws.has("public-network") ? "Enabled" : "Disabled");
        r.set("properties", props);
        List<ObjectNode> out = new ArrayList<>();
        out.add(ctx.done(r, flaws));
        if (!flaws.has("no-logging")) {
            out.add(azure.diagnosticSetting(r.get("id").asText(), p.subscription(), List.of("audit", "allLogs"), true));
        }
        return out;
    }

    /** A SQL logical server with its auditing policy and firewall rules (children under the server id). */
    List<ObjectNode> sqlServer(Place p) {
        Flaws flaws = ctx.flaws("no-entra-admin", "old-tls", "public-network");
        String name = ctx.unique(shortName("sql", p, rand.lowerAlnum(4), 40, true));
        ObjectNode r = azure.arm(p, "Microsoft.Sql/servers", name, azure.tags(p));
        r.put("kind", "v12.0");
        ObjectNode props = obj(
                "administratorLogin", "sqladmin",
                "version", "12.0",
                "state", "Ready",
                "fullyQualifiedDomainName", name + ".database.windows.net",
                "privateEndpointConnections", flaws.has("public-network") ? arr()
                        : arr(azure.privateEndpointConnection(p, r.get("id").asText(), name, "Microsoft.Sql/servers", "sqlServer")),
                "minimalTlsVersion", flaws.has("old-tls") ? "1.0" : "1.2",
                "publicNetworkAccess", flaws.has("public-network") ? "Enabled" : "Disabled",
                "restrictOutboundNetworkAccess", "Disabled");
        if (!flaws.has("no-entra-admin")) {
            props.set("administrators", obj("administratorType", "ActiveDirectory", "principalType", "Group",
                    "login", "sql-admins-" + p.env(), "sid", rand.uuid(), "tenantId", AzureEstate.TENANT,
                    "azureADOnlyAuthentication", p.prod()));
        }
        r.set("properties", props);
        String id = r.get("id").asText();
        List<ObjectNode> out = new ArrayList<>();
        out.add(ctx.done(r, flaws));

        Flaws auditFlaws = ctx.flaws("auditing-off", "short-retention");
        ObjectNode audit = azure.arm(id + "/auditingSettings/Default", "Default", "Microsoft.Sql/servers/auditingSettings", null, null);
        audit.set("properties", obj(
                "retentionDays", auditFlaws.has("short-retention") ? 30 : 90,
                "auditActionsAndGroups", arr("SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP", "FAILED_DATABASE_AUTHENTICATION_GROUP",
                        "BATCH_COMPLETED_GROUP"),
                "isStorageSecondaryKeyInUse", false,
                "isAzureMonitorTargetEnabled", !auditFlaws.has("auditing-off"),
                "isManagedIdentityInUse", false,
                "state", auditFlaws.has("auditing-off") ? "Disabled" : "Enabled",
                "storageAccountSubscriptionId", "00000000-0000-0000-0000-000000000000"));
        out.add(ctx.done(audit, auditFlaws));

        out.add(firewallRule(id, "office-vpn", "198.51.100.0", "198.51.100.255", Flaws.NONE));
        Flaws open = ctx.flaws("open-firewall");
        if (open.any()) {
            boolean azureServices = rand.chance(0.5);
            out.add(firewallRule(id, azureServices ? "AllowAllWindowsAzureIps" : "AllowAll", "0.0.0.0",
                    azureServices ? "0.0.0.0" : "255.255.255.255", open));
        }
        return out;
    }

    private ObjectNode firewallRule(String serverId, String name, String start, String end, Flaws flaws) {
        ObjectNode r = azure.arm(serverId + "/firewallRules/" + name, name, "Microsoft.Sql/servers/firewallRules", null, null);
        r.set("properties", obj("startIpAddress", start, "endIpAddress", end));
        return ctx.done(r, flaws);
    }

    ObjectNode cosmosAccount(Place p) {
        Flaws flaws = ctx.flaws("public-network", "local-auth", "key-metadata-writes");
        String name = ctx.unique(shortName("cosmos", p, rand.lowerAlnum(4), 44, true));
        ObjectNode r = azure.arm(p, "Microsoft.DocumentDB/databaseAccounts", name, azure.tags(p));
        r.put("kind", "GlobalDocumentDB");
        r.set("identity", obj("type", "None"));
        r.set("systemData", azure.systemData(ctx.past(30, 900)));
        boolean open = flaws.has("public-network");
        String locationName = p.location().equals("westeurope") ? "West Europe" : "East US";
        ObjectNode location = obj("id", name + "-" + p.location(), "locationName", locationName,
                "documentEndpoint", "https://" + name + "-" + p.location() + ".documents.azure.com:443/",
                "provisioningState", "Succeeded", "failoverPriority", 0, "isZoneRedundant", p.prod());
        r.set("properties", obj(
                "provisioningState", "Succeeded",
                "documentEndpoint", "https://" + name + ".documents.azure.com:443/",
                "publicNetworkAccess", open ? "Enabled" : "Disabled",
                "enableAutomaticFailover", p.prod(),
                "enableMultipleWriteLocations", false,
                "enablePartitionKeyMonitor", false,
                "isVirtualNetworkFilterEnabled", !open,
                "virtualNetworkRules", arr(),
                "EnabledApiTypes", "Sql",
                "disableKeyBasedMetadataWriteAccess", !flaws.has("key-metadata-writes"),
                "enableFreeTier", false,
                "enableAnalyticalStorage", false,
                "databaseAccountOfferType", "Standard",
                "disableLocalAuth", !flaws.has("local-auth"),
                "consistencyPolicy", obj("defaultConsistencyLevel", "Session", "maxIntervalInSeconds", 5, "maxStalenessPrefix", 100),
                "locations", arr(location),
                "writeLocations", arr(location.deepCopy()),
                "readLocations", arr(location.deepCopy()),
                "failoverPolicies", arr(obj("id", name + "-" + p.location(), "locationName", locationName, "failoverPriority", 0)),
                "ipRules", arr(),
                "minimalTlsVersion", "Tls12",
                "backupPolicy", obj("type", "Periodic", "periodicModeProperties", obj("backupIntervalInMinutes", 240,
                        "backupRetentionIntervalInHours", 8, "backupStorageRedundancy", p.prod() ? "Geo" : "Local")),
                "networkAclBypass", "None",
                "networkAclBypassResourceIds", arr()));
        return ctx.done(r, flaws);
    }
}
