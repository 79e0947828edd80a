package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.engine.AccountResources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.parapet.cli.estate.J.arr;
import static dev.parapet.cli.estate.J.obj;

/**
 * AWS Config configuration items for two accounts in us-east-1 and eu-west-1, in the snapshot form Config
 * delivers (configuration as an object, supplementaryConfiguration partly JSON-encoded strings).
 */
final class AwsEstate extends CloudGenerator {
    /** An account and region resources are created in. */
    record Place(String account, String alias, String env, String region) {
        boolean prod() {
            return env.equals("prod");
        }
    }

    record Vpc(String id, String cidrPrefix, List<String> subnets, List<String> zones) {
    }

    static final List<String> ACCOUNTS = List.of("418295730164", "730526184903");
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    /** IAM is global: Config records it once, in the region that records global resources. */
    static final String GLOBAL_REGION = "us-east-1";

    final AwsNetwork network;
    final AwsServices services;
    final AwsIdentity identity;
    private final Map<Place, List<Vpc>> vpcs = new HashMap<>();
    private final Map<Place, List<String>> securityGroups = new HashMap<>();
    private final Map<Place, List<String>> keys = new HashMap<>();
    private final Map<String, String> canonicalOwners = new LinkedHashMap<>();
    /** Per account: what Config does not record and the account document reports (see docs/resources-aws.md). */
    private final Map<String, ObjectNode> regionSettings = new LinkedHashMap<>();
    private final Map<String, ObjectNode> trailStatus = new LinkedHashMap<>();
    private final Map<String, ObjectNode> trailSelectors = new LinkedHashMap<>();

    AwsEstate(GenContext ctx) {
        super(ctx);
        this.network = new AwsNetwork(this);
        this.services = new AwsServices(this);
        this.identity = new AwsIdentity(this);
    }

    static Place place(String account, String region) {
        boolean prod = account.equals(ACCOUNTS.get(0));
        return new Place(account, prod ? "acme-prod" : "acme-dev", prod ? "prod" : "dev", region);
    }

    Place randomPlace() {
        String account = ctx.rand.chance(0.6) ? ACCOUNTS.get(0) : ACCOUNTS.get(1);
        return place(account, ctx.rand.chance(0.6) ? REGIONS.get(0) : REGIONS.get(1));
    }

    Place randomAccountGlobal() {
        return place(ctx.rand.chance(0.6) ? ACCOUNTS.get(0) : ACCOUNTS.get(1), GLOBAL_REGION);
    }

    @Override
    protected List<ObjectNode> baseline() {
        List<ObjectNode> out = new ArrayList<>();
        for (String account : ACCOUNTS) {
            for (String region : REGIONS) {
                Place p = place(account, region);
                out.add(services.recorder(p));
                out.addAll(network.defaultVpc(p));
                out.add(services.bucket(p, p.alias() + "-s3-access-logs-" + account + "-" + region, "platform", true));
            }
            Place home = place(account, GLOBAL_REGION);
            out.addAll(services.trail(home));
            out.add(identity.supportRole(home));
        }
        return out;
    }

    @Override
    protected int accountCount() {
        return ACCOUNTS.size();
    }

    @Override
    protected List<ObjectNode> accountDocuments() {
        List<ObjectNode> out = new ArrayList<>();
        for (String account : ACCOUNTS) {
            out.add(identity.account(place(account, GLOBAL_REGION)));
        }
        return out;
    }

    @Override
    protected List<Kind> kinds() {
        return List.of(
                new Kind("s3-bucket", 14, 1, () -> List.of(services.bucket(randomPlace()))),
                new Kind("security-group", 11, 1, () -> List.of(network.securityGroup(randomPlace()))),
                new Kind("ec2-instance", 12, 3, () -> network.instance(randomPlace())),
                new Kind("ebs-volume", 4, 1, () -> List.of(network.volume(randomPlace(), null, null))),
                new Kind("vpc", 3, 2, () -> network.vpc(randomPlace())),
                new Kind("iam-user", 10, 1, () -> List.of(identity.user(randomAccountGlobal()))),
                new Kind("iam-policy", 4, 1, () -> List.of(identity.policy(randomAccountGlobal()))),
                new Kind("rds-instance", 6, 1, () -> List.of(services.database(randomPlace()))),
                new Kind("kms-key", 5, 1, () -> List.of(services.key(randomPlace(), null))),
                new Kind("lambda-function", 8, 1, () -> List.of(services.function(randomPlace()))));
    }

    // ---- shared state between the AWS builders ----

    List<Vpc> vpcs(Place p) {
        return vpcs.computeIfAbsent(p, k -> new ArrayList<>());
    }

    List<String> securityGroups(Place p) {
        return securityGroups.computeIfAbsent(p, k -> new ArrayList<>());
    }

    void addKey(Place p, String arn) {
        keys.computeIfAbsent(p, k -> new ArrayList<>()).add(arn);
    }

    /** A customer-managed key of the place if one exists, else the AWS-managed key of the service. */
    String keyFor(Place p, String service) {
        List<String> own = keys.getOrDefault(p, List.of());
        if (!own.isEmpty() && ctx.rand.chance(0.7)) {
            return ctx.rand.pick(own);
        }
        return "arn:aws:kms:" + p.region() + ":" + p.account() + ":alias/aws/" + service;
    }

    /** The account's per-region settings ({@code regions} of the account document), created on first use. */
    ObjectNode regionSettings(String account, String region) {
        ObjectNode regions = regionSettings.computeIfAbsent(account, a -> obj());
        if (!regions.has(region)) {
            regions.set(region, obj());
        }
        return (ObjectNode) regions.get(region);
    }

    ObjectNode regionSettings(String account) {
        return regionSettings.computeIfAbsent(account, a -> obj());
    }

    /** GetTrailStatus and GetEventSelectors of a trail, keyed by trail ARN as the account document holds them. */
    void trailSettings(String account, String trailArn, ObjectNode status, ObjectNode selectors) {
        trailStatus.computeIfAbsent(account, a -> obj()).set(trailArn, status);
        trailSelectors.computeIfAbsent(account, a -> obj()).set(trailArn, selectors);
    }

    ObjectNode trailStatus(String account) {
        return trailStatus.getOrDefault(account, obj());
    }

    ObjectNode trailSelectors(String account) {
        return trailSelectors.getOrDefault(account, obj());
    }

    /** The canonical user id S3 shows as the owner of every bucket of the account. */
    String canonicalOwner(String account) {
        return canonicalOwners.computeIfAbsent(account, a -> ctx.rand.hex(64));
    }

    String zone(Place p) {
        return p.region() + ctx.rand.pick("a", "b", "c");
    }

    // ---- the configuration item envelope ----

    /**
     * A configuration item as Config snapshots and EventBridge events carry it, with an empty configuration and
     * supplementaryConfiguration for the caller to fill.
     */
    ObjectNode item(Place p, String type, String resourceId, String name, String arn, String availabilityZone,
                    Instant created, Map<String, String> tags) {
        Instant capture = ctx.captured();
        ObjectNode ci = obj(
                "configurationItemVersion", "1.3",
                "configurationItemCaptureTime", GenContext.iso(capture),
                "configurationStateId", capture.toEpochMilli(),
                "awsAccountId", p.account(),
                "configurationItemStatus", "OK",
                "resourceType", type,
                "resourceId", resourceId,
                "resourceName", name,
                "ARN", arn,
                "awsRegion", type.startsWith("AWS::IAM::") || type.equals(AccountResources.AWS_ACCOUNT) ? "global" : p.region(),
                "availabilityZone", availabilityZone,
                "resourceCreationTime", created == null ? null : GenContext.iso(created),
                "configurationStateMd5Hash", "",
                "tags", tags == null ? obj() : J.node(tags),
                "relatedEvents", arr(),
                "relationships", arr(),
                "configuration", obj(),
                "supplementaryConfiguration", obj());
        if (arn == null) {
            ci.remove("ARN");
        }
        return ci;
    }

    static ObjectNode configuration(ObjectNode ci) {
        return (ObjectNode) ci.get("configuration");
    }

    static ObjectNode supplementary(ObjectNode ci) {
        return (ObjectNode) ci.get("supplementaryConfiguration");
    }

    static void relate(ObjectNode ci, String type, String resourceId, String relationship) {
        ((ArrayNode) ci.get("relationships")).add(obj("resourceId", resourceId, "resourceName", null,
                "resourceType", type, "name", relationship));
    }

    /** Standard tags; the EC2 family repeats them inside configuration as a key/value list. */
    Map<String, String> tags(Place p, String team, String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (name != null) {
            tags.put("Name", name);
        }
        tags.put("team", team);
        tags.put("env", p.env());
        if (ctx.rand.chance(0.8)) {
            tags.put("cost-center", "cc-" + (1000 + GenContext.TEAMS.indexOf(team) * 7));
        }
        return tags;
    }

    static ArrayNode tagList(Map<String, String> tags) {
        ArrayNode list = arr();
        tags.forEach((k, v) -> list.add(obj("key", k, "value", v)));
        return list;
    }
}
