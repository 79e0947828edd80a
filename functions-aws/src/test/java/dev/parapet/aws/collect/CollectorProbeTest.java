package dev.parapet.aws.collect;

import dev.parapet.aws.Estate;
import dev.parapet.aws.Moto;
import dev.parapet.aws.sdk.AwsClients;
import dev.parapet.core.model.Resource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

class CollectorProbeTest {
    @Test
    void probe() {
        Moto.reset();
        try (AwsClients aws = Moto.clients()) {
            Estate.build(aws);
            AwsCollector c = AwsCollector.standard(new ConfigSource(ConfigSource.Query.BATCH, null), AwsCollector.Mode.AUTO, Duration.ofSeconds(10));
            Collected out = c.collect(new Target(Moto.ACCOUNT, aws, Estate.REGIONS), Estate.REGIONS, c.directTypes(), Instant.now());
            for (Resource r : out.resources()) System.out.println(r.type() + " " + r.id() + " " + r.region() + "\n   " + r.document());
            out.problems().forEach(p -> System.out.println("PROBLEM " + p));
            System.out.println(out.unreadable());
        }
    }
}
