package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.aws.sdk.SdkJson;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

import java.util.List;
import java.util.Set;

/**
 * CloudTrail trails homed in the region (DescribeTrails without shadow trails), in Config's lower-camel shape.
 * Whether a trail is logging lives in the account item (trailStatus), as the account rules read it.
 */
public final class CloudTrailCollector implements ServiceCollector {
    public static final String TRAIL = "AWS::CloudTrail::Trail";

    @Override
    public Set<String> types() {
        return Set.of(TRAIL);
    }

    @Override
    public boolean global() {
        return false;
    }

    @Override
    public void collect(Target target, String region, Set<String> types, Collected out) {
        Listing.of(out, region, TRAIL, "cloudtrail:DescribeTrails",
                        () -> target.clients().cloudTrail(region).describeTrails(r -> r.includeShadowTrails(false)).trailList())
                .forEach(t -> trail(target, region, t, out));
    }

    @Override
    public boolean collectOne(Target target, String region, String type, String key, Collected out) {
        List<Trail> found = target.clients().cloudTrail(region)
                .describeTrails(r -> r.includeShadowTrails(false)).trailList().stream()
                .filter(t -> t.name().equals(key) || t.trailARN().equals(key)).toList();
        found.forEach(t -> trail(target, region, t, out));
        return !found.isEmpty();
    }

    private static void trail(Target t, String region, Trail trail, Collected out) {
        ObjectNode c = SdkJson.object(trail, SdkJson.Style.CONFIG);
        ConfigItems.Key key = new ConfigItems.Key(t.account(), region, TRAIL, trail.trailARN(), trail.trailARN(),
                trail.name());
        out.item(ConfigItems.item(key, out.now(), null, c, null, null), "cloudtrail trail " + trail.name());
    }
}
