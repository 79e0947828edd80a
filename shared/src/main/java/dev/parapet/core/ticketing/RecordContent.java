package dev.parapet.core.ticketing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.FindingKey;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.store.StoredFinding;
import dev.parapet.core.store.TicketFinding;
import dev.parapet.core.ticketing.Governance.Assignment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The record fields and notes of a finding (docs/SERVICENOW.md, "Mapping"). */
final class RecordContent {
    static final String CORRELATION_PREFIX = "parapet-";
    /** incident.short_description holds 160 characters, correlation_display 100, description 4000. */
    private static final int SHORT = 160;
    private static final int DISPLAY = 100;
    private static final int LONG = 4000;
    private static final int VALUE = 500;
    private static final DateTimeFormatter GLIDE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final TicketConfig.Mapping mapping;
    private final RuleSet rules;

    /** @param rules for descriptions and remediation text; null to leave them out */
    RecordContent(TicketConfig.Mapping mapping, RuleSet rules) {
        this.mapping = mapping;
        this.rules = rules;
    }

    /** Stable per (rule, resource): the finding key (a hash of both), prefixed; 40 characters. */
    static String correlationId(String findingKey) {
        return CORRELATION_PREFIX + findingKey;
    }

    /** Changes when the evidence changes, whatever the order of its keys. */
    static String evidenceHash(Finding f) {
        try {
            String json = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(f.evidence() == null ? Map.of() : new TreeMap<>(f.evidence()));
            return FindingKey.of("evidence", json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence of " + f.ruleId() + " cannot be written as JSON", e);
        }
    }

    Map<String, String> create(TicketFinding tf, Assignment a, String previousNumber) {
        StoredFinding s = tf.stored();
        Map<String, String> fields = new LinkedHashMap<>(mapping.fields());
        fields.putAll(describe(tf, previousNumber));
        fields.put("correlation_id", correlationId(s.key()));
        fields.put("correlation_display", cut(mapping.correlationDisplay(), DISPLAY));
        if (mapping.category() != null) {
            fields.put("category", mapping.category());
        }
        if (mapping.subcategory() != null) {
            fields.put("subcategory", mapping.subcategory());
        }
        fields.putAll(governance(a));
        return fields;
    }

    /** Brings an adopted record up to date: text, urgency, impact and governance, no note. */
    Map<String, String> refresh(TicketFinding tf, Assignment a) {
        Map<String, String> fields = new LinkedHashMap<>(describe(tf, null));
        fields.putAll(governance(a));
        return fields;
    }

    Map<String, String> reopen(TicketFinding tf, Assignment a) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", mapping.states().reopen());
        fields.putAll(governance(a));
        fields.put("work_notes", "Parapet: failing again since " + time(tf.failingSince()) + ".\n" + evidence(tf.stored().finding()));
        return fields;
    }

    Map<String, String> evidenceNote(TicketFinding tf) {
        return Map.of("work_notes", "Parapet: the evidence changed (observed " + time(tf.stored().finding().observedAt())
                + ").\n" + evidence(tf.stored().finding()));
    }

    Map<String, String> resolve(TicketFinding tf) {
        StoredFinding s = tf.stored();
        String resolution = s.resolution() == null ? StoredFinding.PASSED : s.resolution();
        String why = switch (resolution) {
            case StoredFinding.DELETED -> "the resource was deleted";
            case StoredFinding.NOT_SEEN -> "a complete scan no longer found the resource";
            default -> "the resource passes the rule";
        };
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", mapping.states().resolved());
        fields.put("close_code", mapping.closeCodes().getOrDefault(resolution, mapping.closeCodes().get(StoredFinding.PASSED)));
        fields.put("close_notes", "Resolved by Parapet: " + why + " (" + time(s.resolvedAt()) + ", rule "
                + s.finding().ruleId() + ").");
        return fields;
    }

    private Map<String, String> describe(TicketFinding tf, String previousNumber) {
        Finding f = tf.stored().finding();
        ResourceRef r = f.resource();
        String name = r.name() == null || r.name().isBlank() ? r.id() : r.name();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("short_description", cut("[Parapet] " + f.title() + ": " + name, SHORT));
        StringBuilder d = new StringBuilder();
        d.append(f.title()).append("\n\n");
        d.append("Resource: ").append(r.id()).append('\n');
        d.append("Type: ").append(r.type()).append('\n');
        d.append("Cloud: ").append(r.provider().key()).append(", account ").append(r.account())
                .append(", region ").append(r.region()).append('\n');
        d.append("Rule: ").append(f.ruleId()).append(" (severity ").append(f.severity()).append(")\n");
        d.append("Failing since: ").append(time(tf.failingSince())).append('\n');
        if (f.compliance() != null && !f.compliance().isEmpty()) {
            d.append("Compliance: ");
            f.compliance().forEach((std, ids) -> d.append(std).append(' ').append(String.join(", ", ids)).append("; "));
            d.setLength(d.length() - 2);
            d.append('\n');
        }
        if (previousNumber != null) {
            d.append("Follows: ").append(previousNumber).append('\n');
        }
        d.append('\n').append(evidence(f));
        var rule = rules == null ? null : rules.byId(f.ruleId()).map(c -> c.rule()).orElse(null);
        if (rule != null && rule.remediation() != null && !rule.remediation().isBlank()) {
            d.append("\nRemediation:\n").append(rule.remediation().trim()).append('\n');
        }
        String link = link(tf.stored());
        if (link != null) {
            d.append("\nReport: ").append(link).append('\n');
        }
        fields.put("description", cut(d.toString(), LONG));
        fields.put("urgency", mapping.urgency().get(f.severity()));
        fields.put("impact", mapping.impact().get(f.severity()));
        return fields;
    }

    private static Map<String, String> governance(Assignment a) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (a.owner() != null) {
            fields.put("assigned_to", a.owner());
        }
        if (a.assignmentGroup() != null) {
            fields.put("assignment_group", a.assignmentGroup());
        }
        if (a.due() != null) {
            fields.put("due_date", GLIDE.format(a.due()));
        }
        return fields;
    }

    static String evidence(Finding f) {
        StringBuilder b = new StringBuilder("Evidence:\n");
        if (f.evidence() == null || f.evidence().isEmpty()) {
            return b.append("  (none)\n").toString();
        }
        new TreeMap<>(f.evidence()).forEach((k, v) -> b.append("  ").append(k).append(": ").append(cut(value(v), VALUE)).append('\n'));
        return b.toString();
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return s;
        }
        try {
            return Json.MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }

    private String link(StoredFinding s) {
        if (mapping.reportUrl() == null) {
            return null;
        }
        return mapping.reportUrl().replace("{key}", enc(s.key())).replace("{rule}", enc(s.finding().ruleId()))
                .replace("{resource}", enc(s.finding().resource().id()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String time(Instant t) {
        return t == null ? "unknown" : GLIDE.format(t) + " UTC";
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

}
