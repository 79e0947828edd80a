package dev.parapet.aws.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.aws.collect.AccountCollector;
import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.aws.collect.Collected;
import dev.parapet.aws.collect.CollectProblem;
import dev.parapet.aws.collect.ServiceCollector;
import dev.parapet.aws.collect.Target;
import dev.parapet.aws.scan.AfterWrite;
import dev.parapet.aws.scan.Member;
import dev.parapet.aws.scan.Targets;
import dev.parapet.core.engine.RelatedResources;
import dev.parapet.core.ingest.ParseResult;
import dev.parapet.core.ingest.ResourceParser;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;
import dev.parapet.core.run.ChangeAssessor;
import dev.parapet.core.store.ChangeSummary;
import dev.parapet.core.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One EventBridge event to an assessment of what it changed: "Config Configuration Item Change" (the item itself,
 * or, when oversized, the latest item from GetResourceConfigHistory) and "AWS API Call via CloudTrail" (the touched
 * resource re-read through its API). Deleted resources resolve their findings. Writes are idempotent and ordered
 * by observation time in the store, so duplicates and late deliveries change nothing.
 */
public final class EventProcessor {
    public static final String CONFIG_CHANGE = "Config Configuration Item Change";
    public static final String API_CALL = "AWS API Call via CloudTrail";

    private final AwsCollector collector;
    private final ChangeAssessor assessor;
    private final Targets targets;
    private final String ownAccount;
    private final Function<String, String> memberRole;
    private final Function<Member, List<String>> regionsOf;
    private final AfterWrite afterWrite;
    private final Clock clock;

    /**
     * @param memberRole account id to the role ARN to assume there (hub mode); throws when the account is not served
     * @param regionsOf  the enabled regions of an account, for a full account item when none is stored yet
     */
    public EventProcessor(AwsCollector collector, ChangeAssessor assessor, Targets targets, String ownAccount,
                          Function<String, String> memberRole, Function<Member, List<String>> regionsOf,
                          AfterWrite afterWrite, Clock clock) {
        this.collector = collector;
        this.assessor = assessor;
        this.targets = targets;
        this.ownAccount = ownAccount;
        this.memberRole = memberRole;
        this.regionsOf = regionsOf;
        this.afterWrite = afterWrite;
        this.clock = clock;
    }

    /** @param ignored why nothing was assessed (a read-only or failed call, an untracked API), else null */
    public record Result(String kind, List<Resource> assessed, ChangeSummary stored, List<CollectProblem> problems,
                         String ignored) {
    }

    public Result process(JsonNode event, String source, Store store) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException(source + ": event is not a JSON object");
        }
        String detailType = Json.text(event, "detail-type");
        JsonNode detail = event.get("detail");
        if (detailType == null || detail == null || !detail.isObject()) {
            throw new IllegalArgumentException(source + ": not an EventBridge event (needs detail-type and detail)");
        }
        return switch (detailType) {
            case CONFIG_CHANGE -> configChange(event, detail, source, store);
            case API_CALL -> apiCall(event, detail, source, store);
            default -> throw new IllegalArgumentException(source + ": unsupported detail-type '" + detailType
                    + "' (expected '" + CONFIG_CHANGE + "' or '" + API_CALL + "')");
        };
    }

    private Result configChange(JsonNode event, JsonNode detail, String source, Store store) {
        List<Resource> resources;
        if ("OversizedConfigurationItemChangeNotification".equals(Json.text(detail, "messageType"))) {
            JsonNode summary = detail.get("configurationItemSummary");
            if (summary == null || !summary.isObject()) {
                throw new IllegalArgumentException(source + ": oversized notification without configurationItemSummary");
            }
            String account = required(summary, "awsAccountId", source);
            String region = required(summary, "awsRegion", source);
            String type = required(summary, "resourceType", source);
            String id = required(summary, "resourceId", source);
            Target target = target(account, List.of(region));
            JsonNode item = collector.config().latest(target, region, type, id)
                    .orElseThrow(() -> new IllegalStateException(source + ": Config has no history for " + type + " " + id));
            resources = parse(item, source + " (GetResourceConfigHistory)");
        } else {
            resources = parse(event, source);
        }
        ChangeAssessor.Result result = assessor.assess(resources, store);
        afterWrite.run(store);
        return new Result(CONFIG_CHANGE, resources, result.stored(), List.of(), null);
    }

    private static List<Resource> parse(JsonNode item, String source) {
        ParseResult parsed = ResourceParser.parse(item, source, Instant.EPOCH);
        if (!parsed.problems().isEmpty()) {
            throw new IllegalArgumentException(parsed.problems().get(0).toString());
        }
        if (parsed.resources().isEmpty()) {
            throw new IllegalArgumentException(source + ": no configuration item in the event");
        }
        return parsed.resources();
    }

    private Result apiCall(JsonNode event, JsonNode detail, String source, Store store) {
        if (detail.path("readOnly").asBoolean(false)) {
            return ignored("read-only call");
        }
        if (detail.hasNonNull("errorCode")) {
            return ignored("the call failed (" + detail.get("errorCode").asText() + ")");
        }
        List<Touch> touches = CloudTrailTouches.of(detail);
        if (touches.isEmpty()) {
            return ignored("no tracked resource in " + detail.path("eventSource").asText() + " "
                    + detail.path("eventName").asText());
        }
        String account = detail.hasNonNull("recipientAccountId") ? detail.get("recipientAccountId").asText()
                : required(event, "account", source);
        String region = detail.hasNonNull("awsRegion") ? detail.get("awsRegion").asText() : required(event, "region", source);
        Instant eventTime = eventTime(detail, event, source);
        Instant now = clock.instant();
        RelatedResources stored = store.inventory();
        Target target = target(account, List.of(region));
        Collected collected = new Collected(account, now);
        Map<String, Resource> deleted = new LinkedHashMap<>();
        Set<AccountCollector.Aspect> aspects = EnumSet.noneOf(AccountCollector.Aspect.class);
        for (Touch t : touches) {
            aspects.addAll(t.aspects());
            if (t.type() == null) {
                continue;
            }
            ServiceCollector c = collector.collectorFor(t.type());
            String where = c.global() ? "global" : region;
            if ("*".equals(t.key())) {
                Collected all = new Collected(account, now);
                c.collect(target, region, Set.of(t.type()), all);
                all.resources().forEach(collected::resource);
                all.problems().forEach(collected::problem);
                Set<String> present = new java.util.HashSet<>();
                all.resources().forEach(r -> present.add(r.id()));
                if (all.unreadable().isEmpty()) {
                    for (Resource r : stored.find(Provider.AWS, account, region, t.type())) {
                        if (!present.contains(r.id())) {
                            deleted.put(r.id(), gone(r, eventTime));
                        }
                    }
                }
                continue;
            }
            boolean exists = !t.deletes() && c.collectOne(target, region, t.type(), t.key(), collected);
            if (!exists) {
                for (Resource r : stored.find(Provider.AWS, account, c.global() ? null : where, t.type())) {
                    if (matches(r, t.key())) {
                        deleted.put(r.id(), gone(r, eventTime));
                    }
                }
            }
        }
        if (!aspects.isEmpty()) {
            account(target, account, region, aspects, stored, collected);
        }
        List<Resource> changed = new ArrayList<>(collected.resources());
        changed.removeIf(r -> deleted.containsKey(r.id()));
        changed.addAll(deleted.values());
        if (changed.isEmpty()) {
            return new Result(API_CALL, List.of(), null, collected.problems(), "touched resources are unknown and gone");
        }
        ChangeAssessor.Result result = assessor.assess(changed, store);
        afterWrite.run(store);
        return new Result(API_CALL, changed, result.stored(), collected.problems(), null);
    }

    /** Re-reads the touched parts of the account item into the stored one (or reads it whole when none is stored). */
    private void account(Target target, String account, String region, Set<AccountCollector.Aspect> aspects,
                         RelatedResources stored, Collected out) {
        AccountCollector accounts = (AccountCollector) collector.collectorFor(AccountCollector.ACCOUNT);
        List<Resource> existing = stored.find(Provider.AWS, account, null, AccountCollector.ACCOUNT);
        if (existing.isEmpty()) {
            Member member = new Member(account, roleFor(account));
            List<String> regions = regionsOf.apply(member);
            accounts.collect(new Target(account, target.clients(), regions), "global", accounts.types(), out);
            return;
        }
        boolean regional = aspects.stream().anyMatch(AccountCollector.Aspect::regional);
        accounts.refresh(target, existing.get(0).document().path("configuration"), aspects,
                regional ? List.of(region) : List.of(), out);
    }

    private static boolean matches(Resource r, String key) {
        return r.id().equals(key) || r.name().equals(key) || r.id().endsWith("/" + key) || r.id().endsWith(":" + key)
                || key.equals(Json.text(r.document(), "resourceId"));
    }

    private static Resource gone(Resource r, Instant at) {
        return new Resource(r.provider(), r.id(), r.type(), r.account(), r.region(), r.name(), r.tags(), at, true,
                r.document());
    }

    private Target target(String account, List<String> regions) {
        return targets.target(new Member(account, roleFor(account)), regions);
    }

    private String roleFor(String account) {
        return account.equals(ownAccount) ? null : memberRole.apply(account);
    }

    private static Result ignored(String why) {
        return new Result(API_CALL, List.of(), null, List.of(), why);
    }

    private static String required(JsonNode n, String field, String source) {
        String v = Json.text(n, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(source + ": event lacks '" + field + "'");
        }
        return v;
    }

    private static Instant eventTime(JsonNode detail, JsonNode event, String source) {
        String text = detail.hasNonNull("eventTime") ? detail.get("eventTime").asText() : Json.text(event, "time");
        if (text == null) {
            throw new IllegalArgumentException(source + ": event has no eventTime or time");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(source + ": event time '" + text + "' is not ISO-8601");
        }
    }
}
