package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.cli.estate.AwsEstate.Place;
import dev.parapet.cli.estate.AwsEstate.Vpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.parapet.cli.estate.AwsEstate.configuration;
import static dev.parapet.cli.estate.AwsEstate.relate;
import static dev.parapet.cli.estate.AwsEstate.tagList;
import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/** VPCs, flow logs, security groups, instances and volumes, consistent with each other by id. */
final class AwsNetwork {
    private static final String ANYWHERE = "0.0.0.0/0";
    private static final String ANYWHERE_V6 = "::/0";

    private final AwsEstate aws;
    private final GenContext ctx;
    private final Rand rand;

    AwsNetwork(AwsEstate aws) {
        this.aws = aws;
        this.ctx = aws.ctx;
        this.rand = aws.ctx.rand;
    }

    /** The default VPC and its default security group; in the production account the VPC also has a flow log. */
    List<ObjectNode> defaultVpc(Place p) {
        List<ObjectNode> out = new ArrayList<>();
        Flaws flaws = p.prod() ? Flaws.NONE : new Flaws(Set.of("no-flow-log"));
        Vpc vpc = newVpc(p, "172.31");
        out.add(vpcItem(p, vpc, true, null, flaws));
        if (!flaws.has("no-flow-log")) {
            out.add(flowLog(p, vpc));
        }
        out.add(defaultSecurityGroup(p, vpc));
        return out;
    }

    /** A workload VPC, with a flow log unless that is its flaw. */
    List<ObjectNode> vpc(Place p) {
        Flaws flaws = ctx.flaws("no-flow-log");
        Vpc vpc = newVpc(p, "10." + rand.between(1, 250));
        String name = ctx.unique(p.alias() + "-" + ctx.team() + "-vpc");
        List<ObjectNode> out = new ArrayList<>();
        out.add(vpcItem(p, vpc, false, name, flaws));
        if (!flaws.has("no-flow-log")) {
            out.add(flowLog(p, vpc));
        }
        return out;
    }

    private Vpc newVpc(Place p, String cidrPrefix) {
        List<String> zones = List.of(p.region() + "a", p.region() + "b");
        Vpc vpc = new Vpc("vpc-" + rand.hex(17), cidrPrefix, List.of("subnet-" + rand.hex(17), "subnet-" + rand.hex(17)), zones);
        aws.vpcs(p).add(vpc);
        return vpc;
    }

    Vpc anyVpc(Place p) {
        List<Vpc> known = aws.vpcs(p);
        return known.isEmpty() ? newVpc(p, "172.31") : rand.pick(known);
    }

    private ObjectNode vpcItem(Place p, Vpc vpc, boolean isDefault, String name, Flaws flaws) {
        Map<String, String> tags = isDefault ? Map.of() : aws.tags(p, "platform", name);
        ObjectNode ci = aws.item(p, "AWS::EC2::VPC", vpc.id(), name, "arn:aws:ec2:" + p.region() + ":" + p.account()
                + ":vpc/" + vpc.id(), "Multiple Availability Zones", null, tags);
        configuration(ci).setAll(obj(
                "cidrBlock", vpc.cidrPrefix() + ".0.0/16",
                "dhcpOptionsId", "dopt-" + rand.hex(17),
                "state", "available",
                "vpcId", vpc.id(),
                "ownerId", p.account(),
                "instanceTenancy", "default",
                "ipv6CidrBlockAssociationSet", arr(),
                "cidrBlockAssociationSet", arr(obj("associationId", "vpc-cidr-assoc-" + rand.hex(17),
                        "cidrBlock", vpc.cidrPrefix() + ".0.0/16",
                        "cidrBlockState", obj("state", "associated", "statusMessage", null))),
                "isDefault", isDefault,
                "tags", tagList(tags)));
        return ctx.done(ci, flaws);
    }

    private ObjectNode flowLog(Place p, Vpc vpc) {
        String id = "fl-" + rand.hex(17);
        boolean toS3 = rand.chance(0.5);
        ObjectNode ci = aws.item(p, "AWS::EC2::FlowLog", id, null, "arn:aws:ec2:" + p.region() + ":" + p.account()
                + ":vpc-flow-log/" + id, "Not Applicable", ctx.past(30, 900), Map.of());
        configuration(ci).setAll(obj(
                "creationTime", GenContext.iso(ctx.past(30, 900)),
                "deliverLogsErrorMessage", null,
                "deliverLogsPermissionArn", toS3 ? null : "arn:aws:iam::" + p.account() + ":role/vpc-flow-logs-delivery",
                "deliverLogsStatus", "SUCCESS",
                "flowLogId", id,
                "flowLogStatus", "ACTIVE",
                "logGroupName", toS3 ? null : "/aws/vpc/flow-logs/" + vpc.id(),
                "resourceId", vpc.id(),
                "trafficType", rand.pick("ALL", "ALL", "REJECT"),
                "logDestinationType", toS3 ? "s3" : "cloud-watch-logs",
                "logDestination", toS3 ? "arn:aws:s3:::" + p.alias() + "-vpc-flow-logs-" + p.account()
                        : "arn:aws:logs:" + p.region() + ":" + p.account() + ":log-group:/aws/vpc/flow-logs/" + vpc.id(),
                "logFormat", "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
                        + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                "tags", arr(),
                "maxAggregationInterval", 600,
                "destinationOptions", toS3 ? obj("fileFormat", "plain-text", "hiveCompatiblePartitions", false,
                        "perHourPartition", false) : null));
        relate(ci, "AWS::EC2::VPC", vpc.id(), "Is associated with Vpc");
        return ci;
    }

    /** The default security group: restricted (no rules) unless it kept the rules AWS creates it with. */
    private ObjectNode defaultSecurityGroup(Place p, Vpc vpc) {
        Flaws flaws = ctx.flaws(p.prod() ? 0.2 : 0.8, "default-sg-open");
        String id = "sg-" + rand.hex(17);
        ArrayNode in = arr();
        ArrayNode out = arr();
        if (flaws.any()) {
            in.add(permission("-1", null, null, List.of(), List.of(), List.of(id), p.account()));
            out.add(permission("-1", null, null, List.of(ANYWHERE), List.of(), List.of(), p.account()));
        }
        aws.securityGroups(p).add(id);
        return ctx.done(securityGroupItem(p, vpc, id, "default", "default VPC security group", in, out, Map.of()), flaws);
    }

    ObjectNode securityGroup(Place p) {
        Vpc vpc = anyVpc(p);
        String tier = rand.pick("web", "app", "db", "bastion", "lambda", "cache");
        String team = ctx.team();
        Flaws flaws = ctx.flaws("open-ssh", "open-rdp", "open-all", "open-ssh-v6", "open-db");
        String id = "sg-" + rand.hex(17);
        String name = ctx.unique(p.alias() + "-" + team + "-" + tier + "-" + rand.lowerAlnum(4));
        String peer = aws.securityGroups(p).isEmpty() ? id : rand.pick(aws.securityGroups(p));
        ArrayNode in = arr();
        switch (tier) {
            case "web" -> {
                in.add(permission("tcp", 443, 443, List.of(ANYWHERE), List.of(ANYWHERE_V6), List.of(), p.account()));
                in.add(permission("tcp", 80, 80, List.of(ANYWHERE), List.of(ANYWHERE_V6), List.of(), p.account()));
            }
            case "app" -> in.add(permission("tcp", 8080, 8080, List.of(), List.of(), List.of(peer), p.account()));
            case "db" -> in.add(permission("tcp", 5432, 5432, List.of(vpc.cidrPrefix() + ".0.0/16"), List.of(), List.of(peer), p.account()));
            case "bastion" -> in.add(permission("tcp", 22, 22, List.of("10.0.0.0/8"), List.of(), List.of(), p.account()));
            case "cache" -> in.add(permission("tcp", 6379, 6379, List.of(), List.of(), List.of(peer), p.account()));
            default -> {
                // lambda functions in a VPC only need egress
            }
        }
        if (flaws.has("open-ssh")) {
            in.add(permission("tcp", 22, 22, List.of(ANYWHERE), List.of(), List.of(), p.account()));
        }
        if (flaws.has("open-ssh-v6")) {
            in.add(permission("tcp", 22, 22, List.of(), List.of(ANYWHERE_V6), List.of(), p.account()));
        }
        if (flaws.has("open-rdp")) {
            in.add(permission("tcp", 3389, 3389, List.of(ANYWHERE), List.of(), List.of(), p.account()));
        }
        if (flaws.has("open-db")) {
            in.add(permission("tcp", 3306, 3306, List.of(ANYWHERE), List.of(), List.of(), p.account()));
        }
        if (flaws.has("open-all")) {
            in.add(permission("-1", null, null, List.of(ANYWHERE), List.of(), List.of(), p.account()));
        }
        ArrayNode out = arr(permission("-1", null, null, List.of(ANYWHERE), List.of(), List.of(), p.account()));
        aws.securityGroups(p).add(id);
        ObjectNode ci = securityGroupItem(p, vpc, id, name, tier + " tier of " + team, in, out, aws.tags(p, team, null));
        return ctx.done(ci, flaws);
    }

    private ObjectNode securityGroupItem(Place p, Vpc vpc, String id, String name, String description,
                                         ArrayNode in, ArrayNode out, Map<String, String> tags) {
        ObjectNode ci = aws.item(p, "AWS::EC2::SecurityGroup", id, name, "arn:aws:ec2:" + p.region() + ":"
                + p.account() + ":security-group/" + id, "Not Applicable", null, tags);
        configuration(ci).setAll(obj(
                "description", description,
                "groupName", name,
                "ipPermissions", in,
                "ownerId", p.account(),
                "groupId", id,
                "ipPermissionsEgress", out,
                "tags", tagList(tags),
                "vpcId", vpc.id()));
        relate(ci, "AWS::EC2::VPC", vpc.id(), "Is contained in Vpc");
        return ci;
    }

    /** One rule as Config records it: ipv4Ranges objects plus the older flat ipRanges list; no ports for "-1". */
    private static ObjectNode permission(String protocol, Integer from, Integer to, List<String> v4, List<String> v6,
                                         List<String> groups, String account) {
        ObjectNode p = obj();
        if (from != null) {
            p.put("fromPort", from);
        }
        p.put("ipProtocol", protocol);
        ArrayNode v6Ranges = p.putArray("ipv6Ranges");
        v6.forEach(c -> v6Ranges.add(obj("cidrIpv6", c)));
        p.putArray("prefixListIds");
        if (to != null) {
            p.put("toPort", to);
        }
        ArrayNode pairs = p.putArray("userIdGroupPairs");
        groups.forEach(g -> pairs.add(obj("groupId", g, "userId", account)));
        ArrayNode v4Ranges = p.putArray("ipv4Ranges");
        v4.forEach(c -> v4Ranges.add(obj("cidrIp", c)));
        ArrayNode flat = p.putArray("ipRanges");
        v4.forEach(flat::add);
        return p;
    }

    /** An instance with its root volume and sometimes a data volume. */
    List<ObjectNode> instance(Place p) {
        Vpc vpc = anyVpc(p);
        String team = ctx.team();
        String role = rand.pick("api", "worker", "web", "batch", "bastion", "etl", "proxy");
        Flaws flaws = ctx.flaws("imdsv1", "public-ip", "no-profile");
        String id = "i-" + rand.hex(17);
        int subnetIndex = rand.between(0, 1);
        String zone = vpc.zones().get(subnetIndex);
        String privateIp = vpc.cidrPrefix() + "." + (subnetIndex * 16 + rand.between(0, 15)) + "." + rand.between(4, 250);
        boolean publicIp = flaws.has("public-ip");
        String publicAddress = publicIp ? rand.pick("203.0.113.", "198.51.100.", "192.0.2.") + rand.between(1, 254) : null;
        List<String> groups = aws.securityGroups(p).isEmpty() ? List.of("sg-" + rand.hex(17))
                : List.of(rand.pick(aws.securityGroups(p)));
        Instant launched = ctx.past(3, 700);
        String name = ctx.unique(p.alias() + "-" + team + "-" + role + "-" + rand.between(1, 9));
        Map<String, String> tags = aws.tags(p, team, name);

        List<ObjectNode> out = new ArrayList<>();
        String rootVolume = "vol-" + rand.hex(17);
        String dataVolume = rand.chance(0.3) ? "vol-" + rand.hex(17) : null;
        ObjectNode ci = aws.item(p, "AWS::EC2::Instance", id, name, "arn:aws:ec2:" + p.region() + ":" + p.account()
                + ":instance/" + id, zone, launched, tags);
        String privateDns = "ip-" + privateIp.replace('.', '-') + (p.region().equals("us-east-1") ? ".ec2.internal"
                : "." + p.region() + ".compute.internal");
        String publicDns = publicAddress == null ? "" : "ec2-" + publicAddress.replace('.', '-')
                + (p.region().equals("us-east-1") ? ".compute-1.amazonaws.com" : "." + p.region() + ".compute.amazonaws.com");
        ArrayNode groupRefs = arr();
        groups.forEach(g -> groupRefs.add(obj("groupName", p.alias() + "-" + team + "-" + role, "groupId", g)));
        ArrayNode mappings = arr(obj("deviceName", "/dev/xvda", "ebs", obj("attachTime", GenContext.iso(launched),
                "deleteOnTermination", true, "status", "attached", "volumeId", rootVolume)));
        if (dataVolume != null) {
            mappings.add(obj("deviceName", "/dev/sdf", "ebs", obj("attachTime", GenContext.iso(launched),
                    "deleteOnTermination", false, "status", "attached", "volumeId", dataVolume)));
        }
        ObjectNode association = publicAddress == null ? null : obj("carrierIp", null, "ipOwnerId", "amazon",
                "publicDnsName", publicDns, "publicIp", publicAddress);
        String eni = "eni-" + rand.hex(17);
        configuration(ci).setAll(obj(
                "amiLaunchIndex", 0,
                "imageId", "ami-" + rand.hex(17),
                "instanceId", id,
                "instanceType", rand.pick("t3.medium", "m6i.large", "m6i.xlarge", "c6i.large", "r6i.large", "t3.small"),
                "kernelId", null,
                "keyName", rand.chance(0.5) ? p.alias() + "-ops" : null,
                "launchTime", GenContext.iso(launched),
                "monitoring", obj("state", rand.pick("disabled", "enabled")),
                "placement", obj("availabilityZone", zone, "affinity", null, "groupName", "", "partitionNumber", null,
                        "hostId", null, "tenancy", "default", "spreadDomain", null, "hostResourceGroupArn", null),
                "platform", null,
                "privateDnsName", privateDns,
                "privateIpAddress", privateIp,
                "productCodes", arr(),
                "publicDnsName", publicDns,
                "publicIpAddress", publicAddress,
                "ramdiskId", null,
                "state", obj("code", 16, "name", "running"),
                "stateTransitionReason", "",
                "subnetId", vpc.subnets().get(subnetIndex),
                "vpcId", vpc.id(),
                "architecture", "x86_64",
                "blockDeviceMappings", mappings,
                "clientToken", "",
                "ebsOptimized", true,
                "enaSupport", true,
                "hypervisor", "xen",
                "iamInstanceProfile", flaws.has("no-profile") ? null : obj("arn", "arn:aws:iam::" + p.account()
                        + ":instance-profile/" + p.alias() + "-" + team + "-" + role, "id", "AIPA" + rand.upperAlnum(17)),
                "instanceLifecycle", null,
                "elasticGpuAssociations", arr(),
                "elasticInferenceAcceleratorAssociations", arr(),
                "networkInterfaces", arr(obj(
                        "association", association,
                        "attachment", obj("attachTime", GenContext.iso(launched), "attachmentId", "eni-attach-" + rand.hex(17),
                                "deleteOnTermination", true, "deviceIndex", 0, "status", "attached", "networkCardIndex", 0),
                        "description", "",
                        "groups", groupRefs.deepCopy(),
                        "ipv6Addresses", arr(),
                        "macAddress", rand.hex(2) + ":" + rand.hex(2) + ":" + rand.hex(2) + ":" + rand.hex(2) + ":"
                                + rand.hex(2) + ":" + rand.hex(2),
                        "networkInterfaceId", eni,
                        "ownerId", p.account(),
                        "privateDnsName", privateDns,
                        "privateIpAddress", privateIp,
                        "privateIpAddresses", arr(obj("association", association == null ? null : association.deepCopy(),
                                "primary", true, "privateDnsName", privateDns, "privateIpAddress", privateIp)),
                        "sourceDestCheck", true,
                        "status", "in-use",
                        "subnetId", vpc.subnets().get(subnetIndex),
                        "vpcId", vpc.id(),
                        "interfaceType", "interface")),
                "outpostArn", null,
                "rootDeviceName", "/dev/xvda",
                "rootDeviceType", "ebs",
                "securityGroups", groupRefs,
                "sourceDestCheck", true,
                "spotInstanceRequestId", null,
                "sriovNetSupport", null,
                "stateReason", null,
                "tags", tagList(tags),
                "virtualizationType", "hvm",
                "cpuOptions", obj("coreCount", 1, "threadsPerCore", 2),
                "capacityReservationId", null,
                "capacityReservationSpecification", obj("capacityReservationPreference", "open", "capacityReservationTarget", null),
                "hibernationOptions", obj("configured", false),
                "licenses", arr(),
                "metadataOptions", obj("state", "applied", "httpTokens", flaws.has("imdsv1") ? "optional" : "required",
                        "httpPutResponseHopLimit", flaws.has("imdsv1") ? 1 : 2, "httpEndpoint", "enabled",
                        "httpProtocolIpv6", "disabled", "instanceMetadataTags", "disabled"),
                "enclaveOptions", obj("enabled", false),
                "bootMode", null));
        relate(ci, "AWS::EC2::NetworkInterface", eni, "Contains NetworkInterface");
        groups.forEach(g -> relate(ci, "AWS::EC2::SecurityGroup", g, "Is associated with SecurityGroup"));
        relate(ci, "AWS::EC2::Subnet", vpc.subnets().get(subnetIndex), "Is contained in Subnet");
        relate(ci, "AWS::EC2::Volume", rootVolume, "Is attached to Volume");
        if (dataVolume != null) {
            relate(ci, "AWS::EC2::Volume", dataVolume, "Is attached to Volume");
        }
        relate(ci, "AWS::EC2::VPC", vpc.id(), "Is contained in Vpc");
        out.add(ctx.done(ci, flaws));
        out.add(volume(p, new Attachment(id, rootVolume, "/dev/xvda", zone, launched, true), team));
        if (dataVolume != null) {
            out.add(volume(p, new Attachment(id, dataVolume, "/dev/sdf", zone, launched, false), team));
        }
        return out;
    }

    record Attachment(String instanceId, String volumeId, String device, String zone, Instant attached, boolean root) {
    }

    /** An EBS volume, attached when {@code attachment} is given, else an unattached leftover. */
    ObjectNode volume(Place p, Attachment attachment, String team) {
        Flaws flaws = ctx.flaws("unencrypted");
        String id = attachment != null ? attachment.volumeId() : "vol-" + rand.hex(17);
        String zone = attachment != null ? attachment.zone() : aws.zone(p);
        String owner = team != null ? team : ctx.team();
        Instant created = attachment != null ? attachment.attached() : ctx.past(10, 900);
        boolean encrypted = !flaws.has("unencrypted");
        Map<String, String> tags = aws.tags(p, owner, null);
        ObjectNode ci = aws.item(p, "AWS::EC2::Volume", id, null, "arn:aws:ec2:" + p.region() + ":" + p.account()
                + ":volume/" + id, zone, created, tags);
        ArrayNode attachments = arr();
        if (attachment != null) {
            attachments.add(obj("attachTime", GenContext.iso(attachment.attached()), "device", attachment.device(),
                    "instanceId", attachment.instanceId(), "state", "attached", "volumeId", id,
                    "deleteOnTermination", attachment.root()));
        }
        String type = rand.pick("gp3", "gp3", "gp2", "io2");
        configuration(ci).setAll(obj(
                "attachments", attachments,
                "availabilityZone", zone,
                "createTime", GenContext.iso(created),
                "encrypted", encrypted,
                "kmsKeyId", encrypted ? aws.keyFor(p, "ebs") : null,
                "outpostArn", null,
                "size", attachment != null && attachment.root() ? rand.pick(8, 20, 30, 50) : rand.pick(100, 200, 500, 1000),
                "snapshotId", attachment != null && attachment.root() ? "snap-" + rand.hex(17) : "",
                "state", attachment != null ? "in-use" : "available",
                "volumeId", id,
                "iops", type.equals("io2") ? 10000 : 3000,
                "tags", tagList(tags),
                "volumeType", type,
                "fastRestored", null,
                "multiAttachEnabled", false,
                "throughput", type.equals("gp3") ? 125 : null));
        if (attachment != null) {
            relate(ci, "AWS::EC2::Instance", attachment.instanceId(), "Is attached to Instance");
        }
        return ctx.done(ci, flaws);
    }
}
