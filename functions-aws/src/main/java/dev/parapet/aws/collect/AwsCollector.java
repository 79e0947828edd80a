package dev.parapet.aws.collect;

import dev.parapet.core.model.Resource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects the configuration items of some types in some regions of one account: from AWS Config where a recorder
 * records the type there (mode AUTO or CONFIG), through the service APIs otherwise (AUTO or DIRECT). A type with
 * neither source is reported as uncollectable, so its stored resources are not taken for gone.
 */
public final class AwsCollector {
    public enum Mode { AUTO, CONFIG, DIRECT }

    private final List<ServiceCollector> direct;
    private final ConfigSource config;
    private final Mode mode;

    public AwsCollector(List<ServiceCollector> direct, ConfigSource config, Mode mode) {
        this.direct = List.copyOf(direct);
        this.config = config;
        this.mode = mode;
    }

    /** Every direct collector this module has. */
    public static AwsCollector standard(ConfigSource config, Mode mode, Duration credentialReportWait) {
        return new AwsCollector(List.of(new AccountCollector(credentialReportWait), new S3Collector(),
                new IamCollector(), new Ec2Collector(), new RdsCollector(), new KmsCollector(), new CloudTrailCollector(),
                new LambdaCollector()), config, mode);
    }

    public ConfigSource config() {
        return config;
    }

    /** The direct collector of a type, or null. */
    public ServiceCollector collectorFor(String type) {
        return direct.stream().filter(c -> c.types().contains(type)).findFirst().orElse(null);
    }

    /** Types some direct collector reads. */
    public Set<String> directTypes() {
        Set<String> out = new TreeSet<>();
        direct.forEach(c -> out.addAll(c.types()));
        return out;
    }

    /** True when the collector's listing covers every region at once. */
    public boolean isGlobal(String type) {
        ServiceCollector c = collectorFor(type);
        return c != null && c.global();
    }

    public Collected collect(Target target, List<String> regions, Set<String> types, Instant now) {
        Collected out = new Collected(target.account(), now);
        Map<String, ConfigSource.Coverage> coverage = new HashMap<>();
        boolean useConfig = mode != Mode.DIRECT && types.stream().anyMatch(t -> !ConfigSource.ALWAYS_DIRECT.contains(t));
        for (String region : regions) {
            ConfigSource.Coverage c = useConfig ? config.coverage(target, region, out) : ConfigSource.Coverage.NONE;
            coverage.put(region, c);
            Set<String> fromConfig = new LinkedHashSet<>();
            types.stream().filter(c::covers).forEach(fromConfig::add);
            config.collect(target, region, fromConfig, out);
        }
        Set<String> handled = new LinkedHashSet<>();
        for (ServiceCollector collector : direct) {
            Set<String> wanted = new TreeSet<>(types);
            wanted.retainAll(collector.types());
            if (mode == Mode.CONFIG) {
                wanted.retainAll(ConfigSource.ALWAYS_DIRECT);
            }
            if (wanted.isEmpty()) {
                continue;
            }
            handled.addAll(wanted);
            if (collector.global()) {
                boolean allFromConfig = regions.stream().allMatch(r -> wanted.stream().allMatch(coverage.get(r)::covers));
                if (allFromConfig) {
                    continue;
                }
                Collected listed = new Collected(target.account(), now);
                collector.collect(target, "global", wanted, listed);
                for (Resource r : listed.resources()) {
                    ConfigSource.Coverage c = coverage.get(r.region());
                    if (c == null || !c.covers(r.type())) { // Config already gave those of covered regions
                        out.resource(r);
                    }
                }
                listed.problems().forEach(out::problem);
                listed.unreadable().forEach((type, where) -> where.forEach(region ->
                        out.markUnreadable(type, region, listed.unreadableReason(type, region))));
            } else {
                for (String region : regions) {
                    Set<String> rest = new TreeSet<>(wanted);
                    rest.removeIf(coverage.get(region)::covers);
                    if (!rest.isEmpty()) {
                        collector.collect(target, region, rest, out);
                    }
                }
            }
        }
        for (String type : types) {
            if (handled.contains(type)) {
                continue;
            }
            for (String region : regions) {
                if (!coverage.get(region).covers(type)) {
                    out.uncollectable(type, region, mode == Mode.CONFIG
                            ? "Config does not record " + type + " in " + region + " (collection mode CONFIG)"
                            : "Config does not record " + type + " in " + region + " and no service API collector reads it");
                }
            }
        }
        return out;
    }
}
