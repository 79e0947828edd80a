package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.time.Instant;

import java.util.List;
import java.util.Set;

/**
 * EC2 security groups, instances, volumes, VPCs and flow logs in the shape Config records them: the Describe*
 * structures with lower-camel member names. Security group rules also get Config's two range spellings
 * (ipv4Ranges [{cidrIp}] and the older ipRanges [cidr]).
 */
public final class Ec2Collector implements ServiceCollector {
    public static final String SECURITY_GROUP = "AWS::EC2::SecurityGroup";
    public static final String INSTANCE = "AWS::EC2::Instance";
    public static final String VOLUME = "AWS::EC2::Volume";
    public static final String VPC = "AWS::EC2::VPC";
    public static final String FLOW_LOG = "AWS::EC2::FlowLog";

    @Override
    public Set<String> types() {
        return Set.of(SECURITY_GROUP, INSTANCE, VOLUME, VPC, FLOW_LOG);
    }

    @Override
    public boolean global() {
        return false;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        Ec2Client ec2 = target.clients().ec2(region);
        if (types.contains(SECURITY_GROUP)) {
            Listing.of(out, region, SECURITY_GROUP, "ec2:DescribeSecurityGroups",
                    () -> ec2.describeSecurityGroupsPaginator(r -> { }).securityGroups().stream().toList())
                    .forEach(g -> securityGroup(target, region, g, out));
        }
        if (types.contains(INSTANCE)) {
            Listing.of(out, region, INSTANCE, "ec2:DescribeInstances",
                    () -> ec2.describeInstancesPaginator(r -> { }).reservations().stream().toList())
                    .forEach(r -> r.instances().forEach(i -> instance(target, region, i, out)));
        }
        if (types.contains(VOLUME)) {
            Listing.of(out, region, VOLUME, "ec2:DescribeVolumes",
                    () -> ec2.describeVolumesPaginator(r -> { }).volumes().stream().toList())
                    .forEach(v -> volume(target, region, v, out));
        }
        if (types.contains(VPC)) {
            Listing.of(out, region, VPC, "ec2:DescribeVpcs",
                    () -> ec2.describeVpcsPaginator(r -> { }).vpcs().stream().toList())
                    .forEach(v -> vpc(target, region, v, out));
        }
        if (types.contains(FLOW_LOG)) {
            Listing.of(out, region, FLOW_LOG, "ec2:DescribeFlowLogs",
                    () -> ec2.describeFlowLogsPaginator(r -> { }).flowLogs().stream().toList())
                    .forEach(f -> flowLog(target, region, f, out));
        }
    }


    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        Ec2Client ec2 = target.clients().ec2(region);
        try {
            switch (type) {
                case SECURITY_GROUP -> {
                    List<SecurityGroup> found = ec2.describeSecurityGroups(r -> r.groupIds(key)).securityGroups();
                    found.forEach(g -> securityGroup(target, region, g, out));
                    return !found.isEmpty();
                }
                case INSTANCE -> {
                    List<Reservation> found = ec2.describeInstances(r -> r.instanceIds(key)).reservations();
                    found.forEach(r -> r.instances().forEach(i -> instance(target, region, i, out)));
                    return found.stream().anyMatch(r -> !r.instances().isEmpty());
                }
                case VOLUME -> {
                    List<Volume> found = ec2.describeVolumes(r -> r.volumeIds(key)).volumes();
                    found.forEach(v -> volume(target, region, v, out));
                    return !found.isEmpty();
                }
                case VPC -> {
                    List<Vpc> found = ec2.describeVpcs(r -> r.vpcIds(key)).vpcs();
                    found.forEach(v -> vpc(target, region, v, out));
                    return !found.isEmpty();
                }
                case FLOW_LOG -> {
                    List<FlowLog> found = ec2.describeFlowLogs(r -> r.flowLogIds(key)).flowLogs();
                    found.forEach(f -> flowLog(target, region, f, out));
                    return !found.isEmpty();
                }
                default -> throw new IllegalArgumentException("EC2 collector does not read " + type);
            }
        } catch (RuntimeException e) {
            if (AwsErrors.code(e).startsWith("InvalidGroup.NotFound") || AwsErrors.code(e).startsWith("InvalidInstanceID.NotFound")
                    || AwsErrors.code(e).startsWith("InvalidVolume.NotFound") || AwsErrors.code(e).startsWith("InvalidVpcID.NotFound")
                    || AwsErrors.code(e).startsWith("InvalidFlowLogId.NotFound")) {
                return false;
            }
            throw e;
        }
    }

    /** Flow logs of one VPC, so that a change to them re-reads what the VPC's rule reads. */
    public List<FlowLog> flowLogsOf(Target target, String region, String vpcId) {
        return target.clients().ec2(region)
                .describeFlowLogs(r -> r.filter(Filter.builder().name("resource-id").values(vpcId).build())).flowLogs();
    }

    private static String arn(Target t, String region, String kind, String id) {
        return "arn:aws:ec2:" + region + ":" + t.account() + ":" + kind + "/" + id;
    }

    private static ObjectNode config(SdkPojo pojo) {
        return SdkJson.object(pojo, SdkJson.Style.CONFIG);
    }

    private void securityGroup(Target t, String region, SecurityGroup g, Collected out) {
        ObjectNode c = config(g);
        configRanges(c.get("ipPermissions"));
        configRanges(c.get("ipPermissionsEgress"));
        add(t, region, SECURITY_GROUP, g.groupId(), arn(t, region, "security-group", g.groupId()), g.groupName(), null, c, out);
    }

    /** Config keeps both spellings of IPv4 ranges: ipv4Ranges [{cidrIp, description}] and ipRanges [cidr]. */
    static void configRanges(JsonNode permissions) {
        if (!(permissions instanceof ArrayNode list)) {
            return;
        }
        for (JsonNode p : list) {
            ObjectNode permission = (ObjectNode) p;
            JsonNode ranges = permission.get("ipRanges");
            ArrayNode plain = Json.MAPPER.createArrayNode();
            if (ranges instanceof ArrayNode r) {
                r.forEach(x -> plain.add(x.path("cidrIp").asText()));
                permission.set("ipv4Ranges", r);
            } else {
                permission.putArray("ipv4Ranges");
            }
            permission.set("ipRanges", plain);
        }
    }

    private void instance(Target t, String region, Instance i, Collected out) {
        add(t, region, INSTANCE, i.instanceId(), arn(t, region, "instance", i.instanceId()), i.instanceId(),
                i.launchTime(), config(i), out);
    }

    private void volume(Target t, String region, Volume v, Collected out) {
        add(t, region, VOLUME, v.volumeId(), arn(t, region, "volume", v.volumeId()), v.volumeId(), v.createTime(),
                config(v), out);
    }

    private void vpc(Target t, String region, Vpc v, Collected out) {
        add(t, region, VPC, v.vpcId(), arn(t, region, "vpc", v.vpcId()), v.vpcId(), null, config(v), out);
    }

    private void flowLog(Target t, String region, FlowLog f, Collected out) {
        add(t, region, FLOW_LOG, f.flowLogId(), arn(t, region, "vpc-flow-log", f.flowLogId()), f.flowLogId(),
                f.creationTime(), config(f), out);
    }

    private static void add(Target t, String region, String type, String id, String arn, String name, Instant created,
                            ObjectNode configuration, Collected out) {
        ConfigItems.Key key = new ConfigItems.Key(t.account(), region, type, id, arn, name);
        out.item(ConfigItems.item(key, out.now(), created, configuration, null,
                ConfigItems.tagMap(configuration.get("tags"))), type + " " + id);
    }

}
