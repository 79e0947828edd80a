package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.AzureEstate.Place;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/** Network security groups, virtual machines with their managed disks, App Service sites and AKS clusters. */
final class AzureCompute {
    private final AzureEstate azure;
    private final GenContext ctx;
    private final Rand rand;

    AzureCompute(AzureEstate azure) {
        this.azure = azure;
        this.ctx = azure.ctx;
        this.rand = azure.ctx.rand;
    }

    ObjectNode networkSecurityGroup(Place p) {
        Flaws flaws = ctx.flaws("open-ssh", "open-rdp", "open-ranges", "open-all", "open-udp");
        String tier = rand.pick("web", "app", "data", "mgmt", "aks");
        String name = ctx.unique("nsg-" + p.env() + "-" + AzureEstate.team(p) + "-" + tier);
        ObjectNode r = azure.arm(p, "Microsoft.Network/networkSecurityGroups", name, azure.tags(p));
        String id = r.get("id").asText();
        r.put("etag", "W/\"" + rand.uuid() + "\"");
        ArrayNode rules = arr();
        int priority = 100;
        switch (tier) {
            case "web" -> {
                rules.add(rule(id, "allow-https-from-front-door", "Tcp", "443", "AzureFrontDoor.Backend", priority, "Inbound", "Allow"));
                rules.add(rule(id, "allow-health-probes", "Tcp", "443", "AzureLoadBalancer", priority += 10, "Inbound", "Allow"));
            }
            case "mgmt" -> rules.add(rule(id, "allow-ssh-from-bastion", "Tcp", "22", "10.20.0.0/27", priority, "Inbound", "Allow"));
            case "data" -> rules.add(rule(id, "allow-sql-from-app", "Tcp", "1433", "10.20.8.0/22", priority, "Inbound", "Allow"));
            default -> rules.add(rule(id, "allow-vnet-app", "Tcp", "8080", "VirtualNetwork", priority, "Inbound", "Allow"));
        }
        String internet = rand.pick("*", "Internet", "0.0.0.0/0");
        if (flaws.has("open-ssh")) {
            rules.add(rule(id, "ssh", "Tcp", "22", internet, priority += 10, "Inbound", "Allow"));
        }
        if (flaws.has("open-rdp")) {
            rules.add(rule(id, "rdp", "Tcp", "3389", internet, priority += 10, "Inbound", "Allow"));
        }
        if (flaws.has("open-ranges")) {
            ObjectNode both = rule(id, "admin-ports", "*", null, internet, priority += 10, "Inbound", "Allow");
            ((ObjectNode) both.get("properties")).set("destinationPortRanges", arr("22", "3389"));
            rules.add(both);
        }
        if (flaws.has("open-udp")) {
            rules.add(rule(id, "allow-udp-dns", "Udp", "53", internet, priority += 10, "Inbound", "Allow"));
        }
        if (flaws.has("open-all")) {
            rules.add(rule(id, "temp-allow-all", "*", "*", "*", priority += 10, "Inbound", "Allow"));
        }
        ArrayNode defaults = arr(
                rule(id, "AllowVnetInBound", "*", "*", "VirtualNetwork", 65000, "Inbound", "Allow"),
                rule(id, "AllowAzureLoadBalancerInBound", "*", "*", "AzureLoadBalancer", 65001, "Inbound", "Allow"),
                rule(id, "DenyAllInBound", "*", "*", "*", 65500, "Inbound", "Deny"),
                rule(id, "AllowVnetOutBound", "*", "*", "VirtualNetwork", 65000, "Outbound", "Allow"),
                rule(id, "AllowInternetOutBound", "*", "*", "*", 65001, "Outbound", "Allow"),
                rule(id, "DenyAllOutBound", "*", "*", "*", 65500, "Outbound", "Deny"));
        defaults.forEach(d -> ((ObjectNode) d).put("type", "Microsoft.Network/networkSecurityGroups/defaultSecurityRules")
                .put("id", id + "/defaultSecurityRules/" + d.get("name").asText()));
        String vnet = p.scope() + "/providers/Microsoft.Network/virtualNetworks/vnet-" + p.env() + "-" + AzureEstate.team(p);
        r.set("properties", obj("provisioningState", "Succeeded", "resourceGuid", rand.uuid(), "securityRules", rules,
                "defaultSecurityRules", defaults, "subnets", arr(obj("id", vnet + "/subnets/snet-" + tier)),
                "flushConnection", false));
        return ctx.done(r, flaws);
    }

    /** One security rule; {@code port} null leaves the single-range field out (the rule then uses ranges). */
    private ObjectNode rule(String nsgId, String name, String protocol, String port, String source, int priority,
                            String direction, String access) {
        ObjectNode props = obj("provisioningState", "Succeeded", "protocol", protocol, "sourcePortRange", "*");
        if (port != null) {
            props.put("destinationPortRange", port);
        }
        props.put("sourceAddressPrefix", source);
        props.put("destinationAddressPrefix", "*");
        props.put("access", access);
        props.put("priority", priority);
        props.put("direction", direction);
        props.set("sourcePortRanges", arr());
        props.set("destinationPortRanges", arr());
        props.set("sourceAddressPrefixes", arr());
        props.set("destinationAddressPrefixes", arr());
        return obj("name", name, "id", nsgId + "/securityRules/" + name, "etag", "W/\"" + rand.uuid() + "\"",
                "type", "Microsoft.Network/networkSecurityGroups/securityRules", "properties", props);
    }

    /** A virtual machine with its OS disk and sometimes a data disk. */
    List<ObjectNode> virtualMachine(Place p) {
        boolean linux = rand.chance(0.75);
        Flaws flaws = linux ? ctx.flaws("password-auth", "no-trusted-launch", "manual-patching", "no-boot-diagnostics",
                "no-guest-configuration", "no-encryption-at-host")
                : ctx.flaws("no-trusted-launch", "manual-patching", "no-boot-diagnostics", "no-guest-configuration",
                "no-encryption-at-host");
        String role = rand.pick("api", "worker", "jump", "batch", "build", "web");
        String name = ctx.unique("vm-" + p.env() + "-" + AzureEstate.team(p) + "-" + role + String.format("%02d", rand.between(1, 12)));
        Instant created = ctx.past(10, 900);
        ObjectNode vm = azure.arm(p, "Microsoft.Compute/virtualMachines", name, azure.tags(p));
        String vmId = vm.get("id").asText();
        String osDiskName = name + "_OsDisk_1_" + rand.hex(32);
        String dataDiskName = rand.chance(0.3) ? name + "-data-01" : null;
        String diskScope = p.scope() + "/providers/Microsoft.Compute/disks/";
        boolean guestConfiguration = !flaws.has("no-guest-configuration");
        if (guestConfiguration || rand.chance(0.4)) {
            vm.set("identity", obj("type", "SystemAssigned", "principalId", rand.uuid(), "tenantId", AzureEstate.TENANT));
        }
        vm.set("systemData", azure.systemData(created));
        String patchMode = linux ? (flaws.has("manual-patching") ? "ImageDefault" : "AutomaticByPlatform")
                : (flaws.has("manual-patching") ? "Manual" : "AutomaticByPlatform");
        ObjectNode osProfile = obj("computerName", name, "adminUsername", "azureuser");
        if (linux) {
            ObjectNode linuxConfiguration = osProfile.putObject("linuxConfiguration");
            linuxConfiguration.put("disablePasswordAuthentication", !flaws.has("password-auth"));
            if (!flaws.has("password-auth")) {
                linuxConfiguration.set("ssh", obj("publicKeys", arr(obj("path", "/home/azureuser/.ssh/authorized_keys",
                        "keyData", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + rand.lowerAlnum(43) + " ops@acme.example"))));
            }
            linuxConfiguration.put("provisionVMAgent", true);
            linuxConfiguration.set("patchSettings", obj("patchMode", patchMode, "assessmentMode", "AutomaticByPlatform"));
            linuxConfiguration.put("enableVMAgentPlatformUpdates", false);
        } else {
            osProfile.set("windowsConfiguration", obj("provisionVMAgent", true, "enableAutomaticUpdates", !flaws.has("manual-patching"),
                    "patchSettings", obj("patchMode", patchMode, "assessmentMode", "AutomaticByPlatform", "enableHotpatching", false),
                    "enableVMAgentPlatformUpdates", false));
        }
        osProfile.set("secrets", arr());
        osProfile.put("allowExtensionOperations", true);
        osProfile.put("requireGuestProvisionSignal", true);
        ArrayNode dataDisks = arr();
        if (dataDiskName != null) {
            dataDisks.add(obj("lun", 0, "name", dataDiskName, "createOption", "Attach", "caching", "ReadOnly",
                    "managedDisk", obj("storageAccountType", "Premium_LRS", "id", diskScope + dataDiskName),
                    "deleteOption", "Detach", "diskSizeGB", 256, "toBeDetached", false));
        }
        ObjectNode props = obj(
                "vmId", rand.uuid(),
                "hardwareProfile", obj("vmSize", rand.pick("Standard_D2s_v5", "Standard_D4s_v5", "Standard_B2ms", "Standard_E4s_v5")),
                "storageProfile", obj(
                        "imageReference", linux
                                ? obj("publisher", "canonical", "offer", "0001-com-ubuntu-server-jammy", "sku", "22_04-lts-gen2",
                                "version", "latest", "exactVersion", "22.04.202410020")
                                : obj("publisher", "MicrosoftWindowsServer", "offer", "WindowsServer", "sku", "2022-datacenter-azure-edition",
                                "version", "latest", "exactVersion", "20348.2762.241006"),
                        "osDisk", obj("osType", linux ? "Linux" : "Windows", "name", osDiskName, "createOption", "FromImage",
                                "caching", "ReadWrite", "managedDisk", obj("storageAccountType", "Premium_LRS", "id", diskScope + osDiskName),
                                "deleteOption", "Delete", "diskSizeGB", linux ? 30 : 127),
                        "dataDisks", dataDisks,
                        "diskControllerType", "SCSI"),
                "osProfile", osProfile,
                "networkProfile", obj("networkInterfaces", arr(obj("id", p.scope() + "/providers/Microsoft.Network/networkInterfaces/"
                        + name + "-nic", "properties", obj("deleteOption", "Delete")))),
                "diagnosticsProfile", obj("bootDiagnostics", obj("enabled", !flaws.has("no-boot-diagnostics"))),
                "provisioningState", "Succeeded",
                "timeCreated", GenContext.iso(created));
        ObjectNode security = obj();
        if (!flaws.has("no-encryption-at-host")) {
            security.put("encryptionAtHost", true);
        }
        if (!flaws.has("no-trusted-launch")) {
            security.setAll(obj("uefiSettings", obj("secureBootEnabled", true, "vTpmEnabled", true), "securityType", "TrustedLaunch"));
        }
        if (!security.isEmpty()) {
            props.set("securityProfile", security);
        }
        vm.set("properties", props);
        List<ObjectNode> out = new ArrayList<>();
        out.add(ctx.done(vm, flaws));
        if (guestConfiguration) {
            out.add(extension(p, vmId, linux ? "AzurePolicyforLinux" : "AzurePolicyforWindows", "Microsoft.GuestConfiguration",
                    linux ? "ConfigurationForLinux" : "ConfigurationForWindows", "1.0"));
        }
        if (rand.chance(0.5)) {
            out.add(extension(p, vmId, linux ? "AzureMonitorLinuxAgent" : "AzureMonitorWindowsAgent", "Microsoft.Azure.Monitor",
                    linux ? "AzureMonitorLinuxAgent" : "AzureMonitorWindowsAgent", "1.33"));
        }
        out.add(disk(p, vmId, osDiskName, linux ? "Linux" : "Windows"));
        if (dataDiskName != null) {
            out.add(disk(p, vmId, dataDiskName, null));
        }
        return out;
    }

    /** A VM extension, an ARM child of the VM. */
    private ObjectNode extension(Place p, String vmId, String name, String publisher, String type, String version) {
        ObjectNode r = azure.arm(vmId + "/extensions/" + name, name, "Microsoft.Compute/virtualMachines/extensions", p.location(), null);
        r.set("properties", obj("autoUpgradeMinorVersion", true, "provisioningState", "Succeeded", "publisher", publisher,
                "type", type, "typeHandlerVersion", version, "enableAutomaticUpgrade", true, "settings", obj()));
        return r;
    }

    /**
     * A managed disk: the OS disk when {@code osType} is set, a data disk when only {@code vmId} is, an unattached
     * leftover when neither is.
     */
    ObjectNode disk(Place p, String vmId, String name, String osType) {
        Flaws flaws = vmId == null ? ctx.flaws(0.5, "network-open", "platform-key") : ctx.flaws("network-open", "platform-key");
        String diskName = name != null ? name : ctx.unique("disk-" + p.env() + "-" + AzureEstate.team(p) + "-" + rand.lowerAlnum(5));
        int size = osType != null ? (osType.equals("Linux") ? 30 : 127) : rand.pick(64, 128, 256, 512);
        ObjectNode r = azure.arm(p, "Microsoft.Compute/disks", diskName, azure.tags(p));
        if (vmId != null) {
            r.put("managedBy", vmId);
        }
        r.set("sku", obj("name", "Premium_LRS", "tier", "Premium"));
        Instant created = ctx.past(10, 900);
        ObjectNode props = obj();
        if (osType != null) {
            props.put("osType", osType);
            props.put("hyperVGeneration", "V2");
            props.set("creationData", obj("createOption", "FromImage", "imageReference", obj("id", "/Subscriptions/"
                    + p.subscription() + "/Providers/Microsoft.Compute/Locations/" + p.location() + "/Publishers/"
                    + (osType.equals("Linux") ? "canonical/ArtifactTypes/VMImage/Offers/0001-com-ubuntu-server-jammy/Skus/22_04-lts-gen2/Versions/22.04.202410020"
                    : "MicrosoftWindowsServer/ArtifactTypes/VMImage/Offers/WindowsServer/Skus/2022-datacenter-azure-edition/Versions/20348.2762.241006"))));
        } else {
            props.set("creationData", obj("createOption", "Empty"));
        }
        boolean open = flaws.has("network-open");
        props.setAll(obj(
                "diskSizeGB", size,
                "diskIOPSReadWrite", size <= 32 ? 120 : size <= 128 ? 500 : 1100,
                "diskMBpsReadWrite", size <= 32 ? 25 : size <= 128 ? 100 : 125,
                "encryption", flaws.has("platform-key") ? obj("type", "EncryptionAtRestWithPlatformKey")
                        : obj("diskEncryptionSetId", p.scope() + "/providers/Microsoft.Compute/diskEncryptionSets/des-" + p.env(),
                        "type", "EncryptionAtRestWithCustomerKey"),
                "networkAccessPolicy", open ? "AllowAll" : "DenyAll",
                "publicNetworkAccess", open ? "Enabled" : "Disabled",
                "timeCreated", GenContext.iso(created),
                "provisioningState", "Succeeded",
                "diskState", vmId != null ? "Attached" : "Unattached",
                "diskSizeBytes", (long) size * 1024 * 1024 * 1024,
                "uniqueId", rand.uuid(),
                "tier", size <= 32 ? "P4" : size <= 128 ? "P10" : size <= 256 ? "P15" : "P20"));
        r.set("properties", props);
        return ctx.done(r, flaws);
    }

    /** An App Service site and its web configuration (the config/web child holds TLS, FTPS and debugging). */
    List<ObjectNode> webApp(Place p) {
        Flaws flaws = ctx.flaws("http-allowed", "no-identity");
        boolean linux = rand.chance(0.7);
        String name = ctx.unique("app-" + p.env() + "-" + AzureEstate.team(p) + "-" + rand.lowerAlnum(4));
        String host = name + ".azurewebsites.net";
        ObjectNode site = azure.arm(p, "Microsoft.Web/sites", name, azure.tags(p));
        site.put("kind", linux ? "app,linux" : "app");
        String stack = linux ? rand.pick("NODE|20-lts", "PYTHON|3.12", "DOTNETCORE|8.0", "JAVA|17-java17") : "";
        site.set("properties", obj(
                "name", name,
                "state", "Running",
                "hostNames", arr(host),
                "repositorySiteName", name,
                "usageState", "Normal",
                "enabled", true,
                "enabledHostNames", arr(host, name + ".scm.azurewebsites.net"),
                "availabilityState", "Normal",
                "serverFarmId", p.scope() + "/providers/Microsoft.Web/serverfarms/asp-" + p.env() + "-" + AzureEstate.team(p),
                "reserved", linux,
                "isXenon", false,
                "hyperV", false,
                "lastModifiedTimeUtc", GenContext.iso(ctx.captured()),
                "siteConfig", obj("numberOfWorkers", 1, "linuxFxVersion", stack, "acrUseManagedIdentityCreds", false,
                        "alwaysOn", p.prod(), "http20Enabled", false, "functionAppScaleLimit", 0, "minimumElasticInstanceCount", 0),
                "clientAffinityEnabled", false,
                "clientCertEnabled", false,
                "clientCertMode", "Required",
                "hostNamesDisabled", false,
                "customDomainVerificationId", rand.hex(64).toUpperCase(Locale.ROOT),
                "outboundIpAddresses", "20.105.224.17,20.105.224.18,20.105.224.19",
                "httpsOnly", !flaws.has("http-allowed"),
                "redundancyMode", "None",
                "publicNetworkAccess", "Enabled",
                "keyVaultReferenceIdentity", "SystemAssigned",
                "defaultHostName", host));
        if (!flaws.has("no-identity")) {
            site.set("identity", obj("type", "SystemAssigned", "tenantId", AzureEstate.TENANT, "principalId", rand.uuid()));
        }
        List<ObjectNode> out = new ArrayList<>();
        out.add(ctx.done(site, flaws));

        Flaws configFlaws = ctx.flaws("old-tls", "ftp-allowed", "remote-debugging", "no-http2");
        ObjectNode config = azure.arm(site.get("id").asText() + "/config/web", "web", "Microsoft.Web/sites/config", p.location(), null);
        config.set("properties", obj(
                "numberOfWorkers", 1,
                "defaultDocuments", arr("index.html", "default.html"),
                "netFrameworkVersion", "v4.0",
                "linuxFxVersion", stack,
                "requestTracingEnabled", false,
                "remoteDebuggingEnabled", configFlaws.has("remote-debugging"),
                "remoteDebuggingVersion", configFlaws.has("remote-debugging") ? "VS2022" : null,
                "httpLoggingEnabled", true,
                "detailedErrorLoggingEnabled", false,
                "publishingUsername", "$" + name,
                "scmType", "None",
                "use32BitWorkerProcess", !linux,
                "webSocketsEnabled", false,
                "alwaysOn", p.prod(),
                "managedPipelineMode", "Integrated",
                "loadBalancing", "LeastRequests",
                "autoHealEnabled", false,
                "vnetRouteAllEnabled", false,
                "http20Enabled", !configFlaws.has("no-http2"),
                "minTlsVersion", configFlaws.has("old-tls") ? "1.0" : "1.2",
                "scmMinTlsVersion", "1.2",
                "ftpsState", configFlaws.has("ftp-allowed") ? "AllAllowed" : rand.pick("FtpsOnly", "Disabled"),
                "preWarmedInstanceCount", 0,
                "publicNetworkAccess", "Enabled",
                "ipSecurityRestrictions", arr(obj("ipAddress", "Any", "action", "Allow", "priority", 2147483647,
                        "name", "Allow all", "description", "Allow all access")),
                "scmIpSecurityRestrictionsUseMain", false));
        out.add(ctx.done(config, configFlaws));
        return out;
    }

    ObjectNode cluster(Place p) {
        Flaws flaws = ctx.flaws("public-api", "no-network-policy", "local-accounts", "no-azure-policy");
        String name = ctx.unique("aks-" + p.env() + "-" + AzureEstate.team(p));
        String version = rand.pick("1.29.7", "1.30.4", "1.28.12");
        ObjectNode r = azure.arm(p, "Microsoft.ContainerService/managedClusters", name, azure.tags(p));
        r.set("sku", obj("name", "Base", "tier", p.prod() ? "Standard" : "Free"));
        r.set("identity", obj("type", "SystemAssigned", "principalId", rand.uuid(), "tenantId", AzureEstate.TENANT));
        r.set("systemData", azure.systemData(ctx.past(30, 600)));
        ObjectNode network = obj("networkPlugin", "azure", "loadBalancerSku", "Standard", "serviceCidr", "10.0.0.0/16",
                "dnsServiceIP", "10.0.0.10", "outboundType", "loadBalancer");
        if (!flaws.has("no-network-policy")) {
            network.put("networkPolicy", rand.pick("calico", "azure"));
        }
        String dnsPrefix = name + "-" + rand.hex(6);
        r.set("properties", obj(
                "provisioningState", "Succeeded",
                "powerState", obj("code", "Running"),
                "kubernetesVersion", version,
                "currentKubernetesVersion", version,
                "dnsPrefix", dnsPrefix,
                "fqdn", dnsPrefix + ".hcp." + p.location() + ".azmk8s.io",
                "azurePortalFQDN", dnsPrefix + ".portal.hcp." + p.location() + ".azmk8s.io",
                "agentPoolProfiles", arr(obj("name", "system", "count", 3, "vmSize", "Standard_D4s_v5", "osDiskSizeGB", 128,
                        "osDiskType", "Managed", "kubeletDiskType", "OS", "maxPods", 30, "type", "VirtualMachineScaleSets",
                        "enableAutoScaling", true, "minCount", 3, "maxCount", 6, "provisioningState", "Succeeded",
                        "powerState", obj("code", "Running"), "orchestratorVersion", version, "currentOrchestratorVersion", version,
                        "enableNodePublicIP", false, "mode", "System", "osType", "Linux", "osSKU", "Ubuntu",
                        "nodeImageVersion", "AKSUbuntu-2204gen2containerd-202410.09.0", "enableFIPS", false)),
                "servicePrincipalProfile", obj("clientId", "msi"),
                "addonProfiles", obj(
                        "azurepolicy", obj("enabled", !flaws.has("no-azure-policy"), "config", null),
                        "omsagent", obj("enabled", true, "config", obj("logAnalyticsWorkspaceResourceID",
                                AzureEstate.workspace(p.subscription())))),
                "nodeResourceGroup", "MC_" + p.resourceGroup() + "_" + name + "_" + p.location(),
                "enableRBAC", true,
                "supportPlan", "KubernetesOfficial",
                "networkProfile", network,
                "aadProfile", obj("managed", true, "enableAzureRBAC", true, "tenantID", AzureEstate.TENANT),
                "apiServerAccessProfile", flaws.has("public-api") ? obj("enablePrivateCluster", false)
                        : obj("authorizedIPRanges", arr("198.51.100.0/24"), "enablePrivateCluster", false),
                "disableLocalAccounts", !flaws.has("local-accounts"),
                "securityProfile", obj("defender", obj("logAnalyticsWorkspaceResourceId", AzureEstate.workspace(p.subscription()),
                        "securityMonitoring", obj("enabled", true))),
                "oidcIssuerProfile", obj("enabled", true)));
        return ctx.done(r, flaws);
    }
}
