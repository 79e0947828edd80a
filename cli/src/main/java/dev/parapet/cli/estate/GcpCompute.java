package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.GcpEstate.Place;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/** VPC networks, firewall rules, VM instances and GKE clusters (Compute Engine and GKE REST shapes). */
final class GcpCompute {
    private static final String COMPUTE = "https://www.googleapis.com/compute/v1/projects/";
    private static final String DISCOVERY = "https://www.googleapis.com/discovery/v1/apis/compute/v1/rest";
    private static final String ANYWHERE = "0.0.0.0/0";

    private final GcpEstate gcp;
    private final GenContext ctx;
    private final Rand rand;
    private final Map<String, List<String>> networks = new HashMap<>();

    GcpCompute(GcpEstate gcp) {
        this.gcp = gcp;
        this.ctx = gcp.ctx;
        this.rand = gcp.ctx.rand;
    }

    /**
     * The network a project starts with: production has a custom VPC with narrow rules; development still has the
     * auto-mode default network with its SSH and RDP rules open to the internet.
     */
    List<ObjectNode> landingNetwork(Place p) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(computeProject(p));
        if (p.prod()) {
            String net = p.projectId() + "-vpc";
            out.add(network(p, net));
            out.add(firewall(p, net, "allow-iap-ssh", List.of("35.235.240.0/20"), "tcp", List.of("22"), List.of(), Flaws.NONE));
            out.add(firewall(p, net, "allow-health-checks", List.of("130.211.0.0/22", "35.191.0.0/16"), "tcp",
                    List.of("80", "443"), List.of("web"), Flaws.NONE));
        } else {
            out.add(network(p, "default"));
            out.add(firewall(p, "default", "default-allow-ssh", List.of(ANYWHERE), "tcp", List.of("22"), List.of(),
                    new Flaws(Set.of("open-ssh"))));
            out.add(firewall(p, "default", "default-allow-rdp", List.of(ANYWHERE), "tcp", List.of("3389"), List.of(),
                    new Flaws(Set.of("open-rdp"))));
        }
        return out;
    }

    /** Compute Engine's view of the project: the common instance metadata every VM inherits. */
    private ObjectNode computeProject(Place p) {
        Flaws flaws = p.prod() ? Flaws.NONE : ctx.flaws(0.7, "no-project-os-login");
        ArrayNode items = arr();
        if (!flaws.has("no-project-os-login")) {
            items.add(obj("key", "enable-oslogin", "value", "TRUE"));
        }
        items.add(obj("key", "google-compute-default-region", "value", p.region()));
        ObjectNode data = obj(
                "kind", "compute#project",
                "id", gcp.numericId(),
                "creationTimestamp", GcpEstate.computeTime(ctx.past(1200, 2200)),
                "name", p.projectId(),
                "commonInstanceMetadata", obj("kind", "compute#metadata", "fingerprint", rand.lowerAlnum(11) + "=", "items", items),
                "selfLink", COMPUTE + p.projectId(),
                "defaultServiceAccount", p.number() + "-compute@developer.gserviceaccount.com",
                "xpnProjectStatus", "UNSPECIFIED_XPN_PROJECT_STATUS",
                "defaultNetworkTier", "PREMIUM",
                "vmDnsSetting", "ZONAL_ONLY");
        ObjectNode asset = gcp.asset(p, "//compute.googleapis.com/projects/" + p.projectId(), "compute.googleapis.com/Project",
                "v1", DISCOVERY, p.parent(), "global", data, null);
        return ctx.done(asset, flaws);
    }

    /** A DNS server policy with query logging for the network; development's policy only forwards, logging off. */
    ObjectNode dnsPolicy(Place p, String network) {
        Flaws flaws = p.prod() ? Flaws.NONE : ctx.flaws(0.8, "dns-logging-off");
        String name = network + "-dns-policy";
        ObjectNode data = obj("id", rand.digits(19), "name", name, "description", "DNS server policy for " + network,
                "enableInboundForwarding", false,
                "networks", arr(obj("networkUrl", COMPUTE + p.projectId() + "/global/networks/" + network, "kind", "dns#policyNetwork")),
                "kind", "dns#policy");
        if (!flaws.has("dns-logging-off")) {
            data.put("enableLogging", true);
        }
        ObjectNode asset = gcp.asset(p, "//dns.googleapis.com/projects/" + p.projectId() + "/policies/" + name,
                "dns.googleapis.com/Policy", "v1", "https://dns.googleapis.com/$discovery/rest?version=v1", p.parent(), "global",
                data, null);
        return ctx.done(asset, flaws);
    }

    /** A VPC network; {@code name} null makes a custom-mode workload network, "default" the auto-mode default. */
    ObjectNode network(Place p, String name) {
        boolean isDefault = "default".equals(name);
        String net = ctx.unique(name != null ? name : p.projectId() + "-" + ctx.team() + "-vpc");
        networks.computeIfAbsent(p.projectId(), k -> new ArrayList<>()).add(net);
        ArrayNode subnets = arr();
        for (String region : isDefault ? List.of("europe-west1", "us-central1", "us-east1", "asia-northeast1") : GcpEstate.REGIONS) {
            subnets.add(COMPUTE + p.projectId() + "/regions/" + region + "/subnetworks/" + (isDefault ? "default" : net + "-" + region));
        }
        ObjectNode data = obj(
                "id", gcp.numericId(),
                "creationTimestamp", GcpEstate.computeTime(ctx.past(200, 1800)),
                "name", net,
                "description", isDefault ? "Default network for the project" : "",
                "selfLink", COMPUTE + p.projectId() + "/global/networks/" + net,
                "selfLinkWithId", COMPUTE + p.projectId() + "/global/networks/" + rand.digits(19),
                "autoCreateSubnetworks", isDefault,
                "subnetworks", subnets,
                "routingConfig", obj("routingMode", "REGIONAL"),
                "networkFirewallPolicyEnforcementOrder", "AFTER_CLASSIC_FIREWALL",
                "kind", "compute#network");
        ObjectNode asset = gcp.asset(p, "//compute.googleapis.com/projects/" + p.projectId() + "/global/networks/" + net,
                "compute.googleapis.com/Network", "v1", DISCOVERY, p.parent(), "global", data, null);
        return ctx.done(asset, isDefault ? new Flaws(Set.of("default-network")) : Flaws.NONE);
    }

    private String anyNetwork(Place p) {
        List<String> known = networks.getOrDefault(p.projectId(), List.of());
        return known.isEmpty() ? (p.prod() ? p.projectId() + "-vpc" : "default") : rand.pick(known);
    }

    ObjectNode firewall(Place p) {
        Flaws flaws = ctx.flaws("open-ssh", "open-rdp", "open-all", "no-logging");
        String net = anyNetwork(p);
        String team = ctx.team();
        String purpose = rand.pick("https-lb", "internal", "app-8080", "iap-ssh", "monitoring");
        List<String> sources;
        String protocol = "tcp";
        List<String> ports;
        switch (purpose) {
            case "https-lb" -> {
                sources = List.of("130.211.0.0/22", "35.191.0.0/16");
                ports = List.of("443");
            }
            case "internal" -> {
                sources = List.of("10.128.0.0/9");
                ports = List.of("0-65535");
            }
            case "iap-ssh" -> {
                sources = List.of("35.235.240.0/20");
                ports = List.of("22");
            }
            case "monitoring" -> {
                sources = List.of("10.10.0.0/16");
                ports = List.of("9100", "9090");
            }
            default -> {
                sources = List.of("10.10.0.0/16");
                ports = List.of("8080");
            }
        }
        if (flaws.has("open-ssh")) {
            sources = List.of(ANYWHERE);
            ports = List.of("22");
        } else if (flaws.has("open-rdp")) {
            sources = List.of(ANYWHERE);
            ports = List.of("3389");
        } else if (flaws.has("open-all")) {
            sources = List.of(ANYWHERE);
            protocol = "all";
            ports = List.of();
        }
        String name = ctx.unique(p.projectId() + "/" + "allow-" + team + "-" + purpose + "-" + rand.lowerAlnum(3)).substring(p.projectId().length() + 1);
        return firewall(p, net, name, sources, protocol, ports, List.of(team), flaws);
    }

    private ObjectNode firewall(Place p, String net, String name, List<String> sources, String protocol, List<String> ports,
                                List<String> targetTags, Flaws flaws) {
        ObjectNode allowed = obj("IPProtocol", protocol);
        if (!ports.isEmpty()) {
            allowed.set("ports", J.node(ports));
        }
        ObjectNode data = obj(
                "id", gcp.numericId(),
                "creationTimestamp", GcpEstate.computeTime(ctx.past(20, 1500)),
                "name", name,
                "description", "",
                "network", COMPUTE + p.projectId() + "/global/networks/" + net,
                "priority", 1000,
                "sourceRanges", J.node(sources),
                "allowed", arr(allowed),
                "direction", "INGRESS",
                "logConfig", flaws.has("no-logging") || "default".equals(net) ? obj("enable", false)
                        : obj("enable", true, "metadata", "INCLUDE_ALL_METADATA"),
                "disabled", false,
                "selfLink", COMPUTE + p.projectId() + "/global/firewalls/" + name,
                "kind", "compute#firewall");
        if (!targetTags.isEmpty()) {
            data.set("targetTags", J.node(targetTags));
        }
        ObjectNode asset = gcp.asset(p, "//compute.googleapis.com/projects/" + p.projectId() + "/global/firewalls/" + name,
                "compute.googleapis.com/Firewall", "v1", DISCOVERY, p.parent(), "global", data, null);
        return ctx.done(asset, flaws);
    }

    ObjectNode instance(Place p) {
        Flaws flaws = ctx.flaws("default-sa-full-scope", "public-ip", "serial-port", "no-shielded-vm", "ip-forwarding",
                "no-os-login", "project-ssh-keys", "no-csek");
        String team = ctx.team();
        String zone = p.region() + "-" + rand.pick("b", "c", "d");
        String name = ctx.unique(team + "-" + rand.pick("api", "worker", "batch", "proxy", "runner") + "-" + rand.lowerAlnum(4));
        String net = anyNetwork(p);
        String subnet = "default".equals(net) ? "default" : net + "-" + p.region();
        boolean publicIp = flaws.has("public-ip");
        ArrayNode accessConfigs = arr();
        if (publicIp) {
            accessConfigs.add(obj("type", "ONE_TO_ONE_NAT", "name", "External NAT", "natIP", "203.0.113." + rand.between(1, 254),
                    "networkTier", "PREMIUM", "kind", "compute#accessConfig"));
        }
        ArrayNode metadata = arr();
        metadata.add(obj("key", "enable-oslogin", "value", flaws.has("no-os-login") ? "FALSE" : "TRUE"));
        if (!flaws.has("project-ssh-keys")) {
            metadata.add(obj("key", "block-project-ssh-keys", "value", "true"));
        }
        if (flaws.has("serial-port")) {
            metadata.add(obj("key", "serial-port-enable", "value", "true"));
        }
        boolean defaultSa = flaws.has("default-sa-full-scope");
        String sa = defaultSa ? p.number() + "-compute@developer.gserviceaccount.com"
                : "gce-" + team + "@" + p.projectId() + ".iam.gserviceaccount.com";
        Instant created = ctx.past(5, 800);
        boolean shielded = !flaws.has("no-shielded-vm");
        String disk = COMPUTE + p.projectId() + "/zones/" + zone + "/disks/" + name;
        String machine = rand.pick("e2-medium", "e2-standard-4", "n2-standard-2", "n2d-standard-4");
        ObjectNode bootDisk = obj("kind", "compute#attachedDisk", "type", "PERSISTENT", "mode", "READ_WRITE", "source", disk,
                "deviceName", "persistent-disk-0", "index", 0, "boot", true, "autoDelete", true,
                "licenses", arr("https://www.googleapis.com/compute/v1/projects/debian-cloud/global/licenses/debian-12-bookworm"),
                "interface", "SCSI", "guestOsFeatures", arr(obj("type", "UEFI_COMPATIBLE"), obj("type", "GVNIC")),
                "diskSizeGb", String.valueOf(rand.pick(10, 20, 50, 100)), "architecture", "X86_64");
        if (!flaws.has("no-csek")) {
            // a disk reports the SHA-256 of its customer-supplied key, never the key
            bootDisk.set("diskEncryptionKey", obj("sha256", rand.lowerAlnum(43) + "="));
        }
        ObjectNode data = obj(
                "id", gcp.numericId(),
                "creationTimestamp", GcpEstate.computeTime(created),
                "name", name,
                "tags", obj("items", arr(team), "fingerprint", rand.lowerAlnum(11) + "="),
                "machineType", COMPUTE + p.projectId() + "/zones/" + zone + "/machineTypes/" + machine,
                "status", "RUNNING",
                "zone", COMPUTE + p.projectId() + "/zones/" + zone,
                "canIpForward", flaws.has("ip-forwarding"),
                "networkInterfaces", arr(obj(
                        "kind", "compute#networkInterface",
                        "network", COMPUTE + p.projectId() + "/global/networks/" + net,
                        "subnetwork", COMPUTE + p.projectId() + "/regions/" + p.region() + "/subnetworks/" + subnet,
                        "networkIP", "10." + rand.between(128, 191) + "." + rand.between(0, 255) + "." + rand.between(2, 250),
                        "name", "nic0",
                        "accessConfigs", accessConfigs,
                        "fingerprint", rand.lowerAlnum(11) + "=",
                        "stackType", "IPV4_ONLY")),
                "disks", arr(bootDisk),
                "metadata", obj("kind", "compute#metadata", "fingerprint", rand.lowerAlnum(11) + "=", "items", metadata),
                "serviceAccounts", arr(obj("email", sa, "scopes", arr("https://www.googleapis.com/auth/cloud-platform"))),
                "selfLink", COMPUTE + p.projectId() + "/zones/" + zone + "/instances/" + name,
                "scheduling", obj("onHostMaintenance", "MIGRATE", "automaticRestart", true, "preemptible", false,
                        "provisioningModel", "STANDARD"),
                "cpuPlatform", "Intel Broadwell",
                "labels", J.node(GcpEstate.labels(p, team)),
                "labelFingerprint", rand.lowerAlnum(11) + "=",
                "startRestricted", false,
                "deletionProtection", p.prod() && rand.chance(0.5),
                "shieldedInstanceConfig", obj("enableSecureBoot", shielded, "enableVtpm", shielded, "enableIntegrityMonitoring", shielded),
                "shieldedInstanceIntegrityPolicy", obj("updateAutoLearnPolicy", true),
                "confidentialInstanceConfig", obj("enableConfidentialCompute", machine.startsWith("n2d-")),
                "fingerprint", rand.lowerAlnum(11) + "=",
                "lastStartTimestamp", GcpEstate.computeTime(created.plusSeconds(40)),
                "kind", "compute#instance");
        ObjectNode asset = gcp.asset(p, "//compute.googleapis.com/projects/" + p.projectId() + "/zones/" + zone + "/instances/" + name,
                "compute.googleapis.com/Instance", "v1", DISCOVERY, p.parent(), zone, data, null);
        return ctx.done(asset, flaws);
    }

    ObjectNode cluster(Place p) {
        Flaws flaws = ctx.flaws("legacy-abac", "public-endpoint", "no-network-policy", "no-workload-identity",
                "no-shielded-nodes", "logging-off", "auto-upgrade-off");
        String name = ctx.unique("gke-" + p.env() + "-" + ctx.team());
        String net = anyNetwork(p);
        String version = rand.pick("1.30.5-gke.1014001", "1.29.9-gke.1496000", "1.31.1-gke.1678000");
        String sa = "gke-nodes@" + p.projectId() + ".iam.gserviceaccount.com";
        Instant created = ctx.past(30, 700);
        ObjectNode nodeConfig = obj("machineType", "e2-standard-4", "diskSizeGb", 100,
                "oauthScopes", arr("https://www.googleapis.com/auth/cloud-platform"),
                "metadata", obj("disable-legacy-endpoints", "true"), "imageType", "COS_CONTAINERD", "serviceAccount", sa,
                "diskType", "pd-balanced",
                "shieldedInstanceConfig", obj("enableSecureBoot", true, "enableIntegrityMonitoring", true),
                "workloadMetadataConfig", obj("mode", flaws.has("no-workload-identity") ? "GCE_METADATA" : "GKE_METADATA"));
        String selfLink = "https://container.googleapis.com/v1/projects/" + p.projectId() + "/locations/" + p.region() + "/clusters/" + name;
        ObjectNode data = obj(
                "name", name,
                "nodeConfig", nodeConfig,
                "masterAuth", obj("clusterCaCertificate", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" + rand.lowerAlnum(40)),
                "loggingService", flaws.has("logging-off") ? "none" : "logging.googleapis.com/kubernetes",
                "monitoringService", "monitoring.googleapis.com/kubernetes",
                "network", net,
                "clusterIpv4Cidr", "10.4.0.0/14",
                "addonsConfig", obj("httpLoadBalancing", obj(), "horizontalPodAutoscaling", obj(),
                        "kubernetesDashboard", obj("disabled", true),
                        "networkPolicyConfig", flaws.has("no-network-policy") ? obj("disabled", true) : obj()),
                "subnetwork", "default".equals(net) ? "default" : net + "-" + p.region(),
                "nodePools", arr(obj("name", "default-pool", "config", nodeConfig.deepCopy(), "initialNodeCount", 1,
                        "autoscaling", obj("enabled", true, "minNodeCount", 1, "maxNodeCount", 5),
                        "management", flaws.has("auto-upgrade-off") ? obj("autoRepair", true) : obj("autoUpgrade", true, "autoRepair", true),
                        "maxPodsConstraint", obj("maxPodsPerNode", "110"), "podIpv4CidrSize", 24,
                        "locations", arr(p.region() + "-b", p.region() + "-c", p.region() + "-d"),
                        "selfLink", selfLink + "/nodePools/default-pool", "version", version, "status", "RUNNING",
                        "upgradeSettings", obj("maxSurge", 1, "strategy", "SURGE"))),
                "locations", arr(p.region() + "-b", p.region() + "-c", p.region() + "-d"),
                "labelFingerprint", rand.hex(8),
                // proto3 JSON leaves out false flags: legacyAbac and shieldedNodes stay empty objects when off
                "legacyAbac", flaws.has("legacy-abac") ? obj("enabled", true) : obj(),
                "ipAllocationPolicy", obj("useIpAliases", true, "clusterIpv4Cidr", "10.4.0.0/14", "servicesIpv4Cidr", "10.8.0.0/20",
                        "stackType", "IPV4"),
                "masterAuthorizedNetworksConfig", flaws.has("public-endpoint") ? obj()
                        : obj("enabled", true, "cidrBlocks", arr(obj("displayName", "office", "cidrBlock", "198.51.100.0/24"))),
                "maintenancePolicy", obj("window", obj("dailyMaintenanceWindow", obj("startTime", "03:00", "duration", "PT4H0M0S")),
                        "resourceVersion", rand.hex(8)),
                "networkConfig", obj("network", "projects/" + p.projectId() + "/global/networks/" + net,
                        "subnetwork", "projects/" + p.projectId() + "/regions/" + p.region() + "/subnetworks/"
                                + ("default".equals(net) ? "default" : net + "-" + p.region()),
                        "enableIntraNodeVisibility", true),
                "privateClusterConfig", flaws.has("public-endpoint") ? obj("publicEndpoint", "203.0.113." + rand.between(1, 254))
                        : obj("enablePrivateNodes", true, "masterIpv4CidrBlock", "172.16.0.0/28", "privateEndpoint", "172.16.0.2",
                        "publicEndpoint", "203.0.113." + rand.between(1, 254)),
                "databaseEncryption", p.prod() ? obj("state", "ENCRYPTED", "keyName", "projects/" + p.projectId() + "/locations/"
                        + p.region() + "/keyRings/gke/cryptoKeys/etcd") : obj("state", "DECRYPTED"),
                "shieldedNodes", flaws.has("no-shielded-nodes") ? obj() : obj("enabled", true),
                "releaseChannel", obj("channel", "REGULAR"),
                "selfLink", selfLink,
                "zone", p.region(),
                "endpoint", "203.0.113." + rand.between(1, 254),
                "initialClusterVersion", version,
                "currentMasterVersion", version,
                "currentNodeVersion", version,
                "createTime", GenContext.isoSeconds(created),
                "status", "RUNNING",
                "nodeIpv4CidrSize", 24,
                "servicesIpv4Cidr", "10.8.0.0/20",
                "location", p.region(),
                "id", rand.hex(32));
        if (!flaws.has("no-network-policy")) {
            data.set("networkPolicy", obj("provider", "CALICO", "enabled", true));
        }
        if (!flaws.has("no-workload-identity")) {
            data.set("workloadIdentityConfig", obj("workloadPool", p.projectId() + ".svc.id.goog"));
        }
        ObjectNode asset = gcp.asset(p, "//container.googleapis.com/projects/" + p.projectId() + "/locations/" + p.region()
                        + "/clusters/" + name, "container.googleapis.com/Cluster", "v1", "https://container.googleapis.com/$discovery/rest",
                p.parent(), p.region(), data, null);
        return ctx.done(asset, flaws);
    }
}
