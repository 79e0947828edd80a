package dev.parapet.aws.scan;

import dev.parapet.aws.collect.Target;
import dev.parapet.aws.sdk.AwsClients;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients per member account: the function's own for its account, an assumed read-only role for the others,
 * created once per container and reused.
 */
public final class Targets {
    private final AwsClients own;
    private final String externalId;
    private final Map<String, AwsClients> assumed = new ConcurrentHashMap<>();

    public Targets(AwsClients own, String externalId) {
        this.own = own;
        this.externalId = externalId;
    }

    public AwsClients clients(String roleArn) {
        if (roleArn == null) {
            return own;
        }
        return assumed.computeIfAbsent(roleArn, arn -> own.assumeRole(arn, externalId, "parapet-collector"));
    }

    public Target target(Member member, List<String> regions) {
        return new Target(member.account(), clients(member.roleArn()), regions);
    }

    /**
     * The account's enabled regions: {@code configured} when given (comma-separated), else EC2 DescribeRegions
     * (regions that need no opt-in, and opted-in ones).
     */
    public List<String> regions(Member member, String configured, String homeRegion) {
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("[,\\s]+"));
        }
        return clients(member.roleArn()).ec2(homeRegion).describeRegions(r -> { }).regions().stream()
                .filter(r -> r.optInStatus() == null || !r.optInStatus().equals("not-opted-in"))
                .map(r -> r.regionName()).sorted().toList();
    }
}
