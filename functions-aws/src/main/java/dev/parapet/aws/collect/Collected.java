package dev.parapet.aws.collect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.aws.sdk.AwsErrors;
import dev.parapet.core.ingest.InputProblem;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a collection produced: resources (configuration items run through the core's parser, so ids and shapes are
 * the same as for items Config delivers), problems, and the (type, region) pairs that could not be listed at all.
 * Not thread-safe: one per collection.
 */
public final class Collected {
    private final String account;
    private final Instant now;
    private final List<Resource> resources = new ArrayList<>();
    private final List<CollectProblem> problems = new ArrayList<>();
    private final Map<String, Set<String>> unreadable = new LinkedHashMap<>();
    private final Map<String, String> unreadableReasons = new LinkedHashMap<>();

    public Collected(String account, Instant now) {
        this.account = account;
        this.now = now;
    }

    public String account() {
        return account;
    }

    public Instant now() {
        return now;
    }

    /** Adds a configuration item in any shape the core parser reads. */
    public void item(JsonNode item, String source) {
        ParseResult parsed = ResourceParser.parse(item, source, now);
        resources.addAll(parsed.resources());
        for (InputProblem p : parsed.problems()) {
            problems.add(new CollectProblem(account, "", "parse", p.source(), "MalformedItem", p.reason(), false));
        }
    }

    public void resource(Resource r) {
        resources.add(r);
    }

    public void problem(String region, String operation, String subject, Throwable e) {
        problems.add(new CollectProblem(account, region, operation, subject, AwsErrors.code(e), AwsErrors.describe(e),
                AwsErrors.denied(e)));
    }

    public void problem(CollectProblem p) {
        problems.add(p);
    }

    /** The listing of {@code type} in {@code region} failed: the type's stored resources must not read as gone. */
    public void unreadable(String type, String region, String operation, Throwable e) {
        problem(region, operation, type, e);
        unreadable.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(region);
        unreadableReasons.put(type + "|" + region, operation + " failed: " + AwsErrors.describe(e));
    }

    /** Carries over an unreadable mark whose problem was already reported. */
    void markUnreadable(String type, String region, String reason) {
        unreadable.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(region);
        unreadableReasons.put(type + "|" + region, reason);
    }

    /** The type has no source in this region (Config does not record it and no direct collector reads it). */
    public void uncollectable(String type, String region, String why) {
        problems.add(new CollectProblem(account, region, "collect", type, "NoSource", why, false));
        unreadable.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(region);
        unreadableReasons.put(type + "|" + region, why);
    }

    public List<Resource> resources() {
        return Collections.unmodifiableList(resources);
    }

    public List<CollectProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Resource type to the regions where it could not be listed. */
    public Map<String, Set<String>> unreadable() {
        return Collections.unmodifiableMap(unreadable);
    }

    public String unreadableReason(String type, String region) {
        return unreadableReasons.get(type + "|" + region);
    }

    public void addAll(Collected other) {
        resources.addAll(other.resources);
        problems.addAll(other.problems);
        other.unreadable.forEach((t, r) -> unreadable.computeIfAbsent(t, k -> new LinkedHashSet<>()).addAll(r));
        unreadableReasons.putAll(other.unreadableReasons);
    }
}
