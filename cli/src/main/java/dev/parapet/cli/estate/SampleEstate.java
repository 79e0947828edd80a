package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic synthetic estate for {@code parapet demo} and {@code parapet bench}: native documents of the
 * three clouds exactly as they publish them (AWS Config configuration items, ARM resources, Cloud Asset assets),
 * with consistent ids across related resources and roughly a quarter of the resources misconfigured.
 * The same size and seed always give the same documents.
 */
public final class SampleEstate {
    /** The moment the sample estate is observed at; fixed so that regenerated files are byte-identical. */
    public static final Instant DEFAULT_ANCHOR = Instant.parse("2026-11-02T06:00:00Z");

    private SampleEstate() {
    }

    /**
     * @param aws           AWS Config configuration items (snapshot form)
     * @param azure         ARM resources as ARM GET returns them
     * @param gcp           Cloud Asset assets (API camelCase form)
     * @param misconfigured how many of the documents were given at least one misconfiguration
     */
    public record Estate(long seed, Instant anchor, List<ObjectNode> aws, List<ObjectNode> azure, List<ObjectNode> gcp,
                         int misconfigured) {
        public Estate {
            aws = List.copyOf(aws);
            azure = List.copyOf(azure);
            gcp = List.copyOf(gcp);
        }

        public int size() {
            return aws.size() + azure.size() + gcp.size();
        }

        public List<ObjectNode> all() {
            List<ObjectNode> all = new ArrayList<>(size());
            all.addAll(aws);
            all.addAll(azure);
            all.addAll(gcp);
            return all;
        }
    }

    public static Estate generate(int resources, long seed) {
        return generate(resources, seed, DEFAULT_ANCHOR);
    }

    /** Exactly {@code resources} documents, split as evenly as possible across AWS, Azure and Google Cloud. */
    public static Estate generate(int resources, long seed, Instant anchor) {
        if (resources < 0) {
            throw new IllegalArgumentException("resources must be 0 or more, got " + resources);
        }
        Rand root = new Rand(seed);
        GenContext awsCtx = new GenContext(root.split(), anchor);
        GenContext azureCtx = new GenContext(root.split(), anchor);
        GenContext gcpCtx = new GenContext(root.split(), anchor);
        int third = resources / 3;
        int remainder = resources % 3;
        List<ObjectNode> aws = new AwsEstate(awsCtx).generate(third + (remainder > 0 ? 1 : 0));
        List<ObjectNode> azure = new AzureEstate(azureCtx).generate(third + (remainder > 1 ? 1 : 0));
        List<ObjectNode> gcp = new GcpEstate(gcpCtx).generate(third);
        int misconfigured = awsCtx.countFlawed(aws) + azureCtx.countFlawed(azure) + gcpCtx.countFlawed(gcp);
        return new Estate(seed, anchor, aws, azure, gcp, misconfigured);
    }
}
