package dev.parapet.aws.bench;

import dev.parapet.aws.Moto;
import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.aws.collect.Collected;
import dev.parapet.aws.collect.ConfigSource;
import dev.parapet.aws.collect.Target;
import dev.parapet.core.model.Provider;
import dev.parapet.core.rules.RuleCatalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs every collector from the shaded (minimized) jar against a fresh moto (its default VPCs, security groups and
 * the account item; the test estate's write calls need SDK classes the jar rightly drops), to show that no class
 * the collectors reach was dropped: bench/jar-smoke.sh. Exits non-zero on a missing class or problem other than
 * moto's known gaps.
 */
public final class JarSmoke {
    public static void main(String[] args) {
        Moto.reset();
        try (var aws = Moto.clients()) {
            var rules = RuleCatalog.load(true, List.of()).rules();
            Collected out = AwsCollector.standard(new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.AUTO,
                    Duration.ofSeconds(10)).collect(new Target(Moto.ACCOUNT, aws, List.of("us-east-1", "eu-west-1")), List.of("us-east-1", "eu-west-1"),
                    rules.typesFor(Provider.AWS), Instant.now());
            var unexpected = out.problems().stream().filter(p -> !p.code().equals("NoSource")
                    && !p.operation().startsWith("access-analyzer") && !p.operation().startsWith("securityhub")
                    && !p.operation().startsWith("guardduty")).toList();
            System.out.println("resources=" + out.resources().size() + " problems=" + out.problems().size()
                    + " unexpected=" + unexpected);
            if (out.resources().size() < 5 || !unexpected.isEmpty()) {
                System.exit(1);
            }
        }
    }
}
