package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.aws.sdk.SdkJson;
import dev.parapet.core.json.Json;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.ConfigurationItem;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;
import software.amazon.awssdk.services.config.model.RecordingGroup;
import software.amazon.awssdk.services.config.model.ResourceIdentifier;
import software.amazon.awssdk.services.config.model.ResourceKey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration items from AWS Config itself, where a recorder records them: ListDiscoveredResources +
 * BatchGetResourceConfig (complete items, the default), SelectResourceConfig (one query per region), or an
 * aggregator's SelectAggregateResourceConfig for an organization.
 */
public final class ConfigSource {
    /** Types Config cannot give, or gives only in one region: always read through the service APIs. */
    public static final Set<String> ALWAYS_DIRECT = Set.of(AccountCollector.ACCOUNT, IamCollector.USER, IamCollector.POLICY,
            IamCollector.ROLE, IamCollector.GROUP);

    public enum Query { BATCH, SELECT }

    /** What a region's recorder records; {@code all} when it records every supported type. */
    public record Coverage(boolean recording, boolean all, Set<String> types, Set<String> excluded) {
        public static final Coverage NONE = new Coverage(false, false, Set.of(), Set.of());

        public boolean covers(String type) {
            if (!recording || ALWAYS_DIRECT.contains(type)) {
                return false;
            }
            return all ? !excluded.contains(type) : types.contains(type);
        }
    }

    private final Query query;
    private final String aggregator;

    /** @param aggregator a configuration aggregator's name (hub mode over an organization), or null */
    public ConfigSource(Query query, String aggregator) {
        this.query = query;
        this.aggregator = aggregator == null || aggregator.isBlank() ? null : aggregator;
    }

    public boolean aggregated() {
        return aggregator != null;
    }

    /** Reads the region's recorders; a failure to read them counts as not recording (the direct path takes over). */
    public Coverage coverage(Target target, String region, Collected out) {
        if (aggregator != null) {
            return new Coverage(true, true, Set.of(), Set.of()); // the aggregator's sources are expected to record all
        }
        ConfigClient config = target.clients().config(region);
        try {
            List<ConfigurationRecorder> recorders = config.describeConfigurationRecorders().configurationRecorders();
            Set<String> recordingNames = config.describeConfigurationRecorderStatus().configurationRecordersStatus()
                    .stream().filter(s -> Boolean.TRUE.equals(s.recording())).map(ConfigurationRecorderStatus::name)
                    .collect(Collectors.toSet());
            for (ConfigurationRecorder r : recorders) {
                if (!recordingNames.contains(r.name()) || r.recordingGroup() == null) {
                    continue;
                }
                RecordingGroup g = r.recordingGroup();
                String strategy = g.recordingStrategy() == null ? null : g.recordingStrategy().useOnlyAsString();
                if (Boolean.TRUE.equals(g.allSupported()) || "ALL_SUPPORTED_RESOURCE_TYPES".equals(strategy)) {
                    return new Coverage(true, true, Set.of(), Set.of());
                }
                if ("EXCLUSION_BY_RESOURCE_TYPES".equals(strategy) && g.exclusionByResourceTypes() != null) {
                    return new Coverage(true, true, Set.of(), Set.copyOf(g.exclusionByResourceTypes().resourceTypesAsStrings()));
                }
                return new Coverage(true, false, Set.copyOf(g.resourceTypesAsStrings()), Set.of());
            }
            return Coverage.NONE;
        } catch (RuntimeException e) {
            out.problem(region, "config:DescribeConfigurationRecorders", "recorder", e);
            return Coverage.NONE;
        }
    }

    public void collect(Target target, String region, Set<String> types, Collected out) {
        if (types.isEmpty()) {
            return;
        }
        if (aggregator != null || query == Query.SELECT) {
            select(target, region, types, out);
        } else {
            for (String type : types) {
                batch(target, region, type, out);
            }
        }
    }

    private void batch(Target target, String region, String type, Collected out) {
        ConfigClient config = target.clients().config(region);
        List<ResourceKey> keys = new ArrayList<>();
        try {
            for (ResourceIdentifier id : config.listDiscoveredResourcesPaginator(r -> r.resourceType(type)).resourceIdentifiers()) {
                keys.add(ResourceKey.builder().resourceType(type).resourceId(id.resourceId()).build());
            }
            for (int from = 0; from < keys.size(); from += 100) {
                List<ResourceKey> chunk = keys.subList(from, Math.min(keys.size(), from + 100));
                List<ResourceKey> pending = chunk;
                // BatchGetResourceConfig may leave keys unprocessed under load: ask again for those
                for (int attempt = 0; !pending.isEmpty() && attempt < 5; attempt++) {
                    List<ResourceKey> ask = pending;
                    var response = config.batchGetResourceConfig(r -> r.resourceKeys(ask));
                    for (BaseConfigurationItem item : response.baseConfigurationItems()) {
                        out.item(SdkJson.object(item, SdkJson.Style.API), "config " + type + " " + item.resourceId());
                    }
                    pending = response.unprocessedResourceKeys();
                }
                if (!pending.isEmpty()) {
                    throw new IllegalStateException(pending.size() + " " + type + " items left unprocessed by BatchGetResourceConfig");
                }
            }
        } catch (RuntimeException e) {
            out.unreadable(type, region, "config:BatchGetResourceConfig", e);
        }
    }

    private void select(Target target, String region, Set<String> types, Collected out) {
        String typeList = types.stream().map(t -> "'" + t.replace("'", "") + "'").collect(Collectors.joining(", "));
        String expression = "SELECT resourceId, resourceName, resourceType, arn, accountId, awsRegion, availabilityZone, "
                + "resourceCreationTime, configurationItemCaptureTime, configurationItemStatus, tags, configuration, "
                + "supplementaryConfiguration WHERE resourceType IN (" + typeList + ")"
                + (aggregator != null ? " AND accountId = '" + target.account() + "' AND awsRegion = '" + region + "'" : "");
        ConfigClient config = target.clients().config(region);
        try {
            List<String> results = new ArrayList<>();
            if (aggregator != null) {
                config.selectAggregateResourceConfigPaginator(r -> r.expression(expression)
                        .configurationAggregatorName(aggregator)).forEach(p -> results.addAll(p.results()));
            } else {
                config.selectResourceConfigPaginator(r -> r.expression(expression)).forEach(p -> results.addAll(p.results()));
            }
            int i = 0;
            for (String result : results) {
                JsonNode item;
                try {
                    item = Json.MAPPER.readTree(result);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    out.problem(new CollectProblem(target.account(), region, "config:SelectResourceConfig", "result " + i,
                            "MalformedResult", "result is not JSON: " + e.getOriginalMessage(), false));
                    continue;
                }
                out.item(item, "config select " + region + " result " + i++);
            }
        } catch (RuntimeException e) {
            for (String type : types) {
                out.unreadable(type, region, aggregator != null ? "config:SelectAggregateResourceConfig"
                        : "config:SelectResourceConfig", e);
            }
        }
    }

    /**
     * The latest recorded item of one resource (for oversized change notifications, which carry none).
     * Empty when Config has no history for it.
     */
    public Optional<JsonNode> latest(Target target, String region, String type, String resourceId) {
        try {
            List<ConfigurationItem> items = target.clients().config(region)
                    .getResourceConfigHistory(r -> r.resourceType(type).resourceId(resourceId).limit(1))
                    .configurationItems();
            return items.isEmpty() ? Optional.empty() : Optional.of(SdkJson.object(items.get(0), SdkJson.Style.API));
        } catch (RuntimeException e) {
            if (AwsErrors.is(e, "ResourceNotDiscoveredException")) {
                return Optional.empty();
            }
            throw e;
        }
    }

}
