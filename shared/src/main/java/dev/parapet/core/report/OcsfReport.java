package dev.parapet.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;
import dev.parapet.core.store.StoredFinding;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's findings as OCSF 1.3.0 Compliance Finding events (class_uid 2003, category Findings), with the
 * cloud profile: one event per finding, as JSON Lines or as one JSON array. docs/REPORTS.md maps each field.
 */
public final class OcsfReport {
    public static final String OCSF_VERSION = "1.3.0";
    public static final int CLASS_UID = 2003;
    public static final int CATEGORY_UID = 2;
    /** Used as the standard when a rule maps to no compliance standard: OCSF requires compliance.standards. */
    public static final String OWN_STANDARD = "Parapet secure score";

    public enum Layout { JSON_LINES, ARRAY }

    private OcsfReport() {
    }

    public static void write(ReportModel m, OutputStream out, Layout layout) throws IOException {
        Instant scansStarted = ScanSelection.earliestStart(m.scans()).orElse(null);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            if (layout == Layout.ARRAY) {
                g.writeStartArray();
            }
            for (StoredFinding f : m.findings()) {
                event(g, f, m, scansStarted);
            }
            if (layout == Layout.ARRAY) {
                g.writeEndArray();
            }
            if (layout == Layout.ARRAY || !m.findings().isEmpty()) {
                g.writeRaw('\n'); // JSON Lines: every line ends with a newline; no findings, no line
            }
        }
    }

    private static void event(JsonGenerator g, StoredFinding sf, ReportModel m, Instant scansStarted) throws IOException {
        Finding f = sf.finding();
        int activity = activity(sf, scansStarted);
        g.writeStartObject();
        g.writeNumberField("activity_id", activity);
        g.writeStringField("activity_name", activityName(activity));
        g.writeNumberField("category_uid", CATEGORY_UID);
        g.writeStringField("category_name", "Findings");
        g.writeNumberField("class_uid", CLASS_UID);
        g.writeStringField("class_name", "Compliance Finding");
        g.writeNumberField("type_uid", CLASS_UID * 100L + activity);
        g.writeStringField("type_name", "Compliance Finding: " + activityName(activity));
        g.writeNumberField("severity_id", severityId(f.severity()));
        g.writeStringField("severity", severityCaption(f.severity()));
        g.writeNumberField("time", m.generatedAt().toEpochMilli());
        g.writeStringField("message", f.title() + ": " + f.resource().id());
        boolean resolved = f.status() == Status.PASS;
        g.writeNumberField("status_id", resolved ? 4 : 1);
        g.writeStringField("status", resolved ? "Resolved" : "New");
        metadata(g, sf);
        findingInfo(g, sf);
        compliance(g, f);
        cloud(g, f.resource());
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("uid", f.resource().id());
        g.writeStringField("name", f.resource().name().isEmpty() ? f.resource().id() : f.resource().name());
        g.writeStringField("type", f.resource().type());
        g.writeStringField("region", f.resource().region());
        g.writeEndObject();
        g.writeEndArray();
        String remediation = f.status() == Status.PASS ? null : m.remediation().get(f.ruleId());
        if (remediation != null) {
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", remediation);
            g.writeEndObject();
        }
        unmapped(g, sf);
        g.writeEndObject();
    }

    private static void metadata(JsonGenerator g, StoredFinding sf) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeArrayFieldStart("profiles");
        g.writeString("cloud");
        g.writeEndArray();
        g.writeObjectFieldStart("product");
        g.writeStringField("name", "Parapet");
        g.writeStringField("vendor_name", "Parapet");
        g.writeStringField("uid", "parapet");
        String version = OcsfReport.class.getPackage().getImplementationVersion();
        if (version != null) {
            g.writeStringField("version", version);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void findingInfo(JsonGenerator g, StoredFinding sf) throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", sf.key());
        g.writeStringField("title", sf.finding().title());
        g.writeArrayFieldStart("types");
        g.writeString(sf.finding().ruleId());
        g.writeEndArray();
        writeMillis(g, "created_time", sf.firstSeen());
        writeMillis(g, "first_seen_time", sf.firstSeen());
        writeMillis(g, "last_seen_time", sf.lastSeen());
        g.writeEndObject();
    }

    private static void compliance(JsonGenerator g, Finding f) throws IOException {
        List<String> standards = new ArrayList<>(f.compliance().keySet());
        List<String> requirements = new ArrayList<>();
        f.compliance().forEach((standard, ids) -> ids.forEach(id -> requirements.add(standard + " " + id)));
        if (standards.isEmpty()) {
            standards.add(OWN_STANDARD);
            requirements.add(OWN_STANDARD + " " + f.control());
        }
        g.writeObjectFieldStart("compliance");
        writeStrings(g, "standards", standards);
        writeStrings(g, "requirements", requirements);
        g.writeStringField("control", f.ruleId());
        g.writeNumberField("status_id", switch (f.status()) {
            case PASS -> 1;
            case ERROR -> 2;
            case FAIL -> 3;
        });
        g.writeStringField("status", switch (f.status()) {
            case PASS -> "Pass";
            case ERROR -> "Warning";
            case FAIL -> "Fail";
        });
        Object detail = f.status() == Status.ERROR && f.evidence() != null ? f.evidence().get("error") : null;
        if (detail != null) {
            g.writeStringField("status_detail", String.valueOf(detail));
        }
        g.writeEndObject();
    }

    private static void cloud(JsonGenerator g, ResourceRef r) throws IOException {
        g.writeObjectFieldStart("cloud");
        g.writeStringField("provider", provider(r.provider()));
        g.writeStringField("region", r.region());
        g.writeObjectFieldStart("account");
        g.writeStringField("uid", r.account());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void unmapped(JsonGenerator g, StoredFinding sf) throws IOException {
        Finding f = sf.finding();
        g.writeObjectFieldStart("unmapped");
        g.writeObjectFieldStart("parapet");
        g.writeStringField("rule_id", f.ruleId());
        g.writeStringField("control", f.control());
        g.writeStringField("finding_status", f.status().name());
        g.writeStringField("state", sf.state());
        g.writeStringField("resolution", sf.resolution());
        g.writeNumberField("reopen_count", sf.reopenCount());
        g.writeFieldName("evidence");
        Json.MAPPER.writeValue(g, f.evidence() == null ? Map.of() : f.evidence());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Close once a failing finding was resolved, Create when first seen by these scans, else Update. */
    static int activity(StoredFinding f, Instant scansStarted) {
        if ("RESOLVED".equals(f.state())) {
            return 3;
        }
        return f.firstSeen() != null && scansStarted != null && f.firstSeen().isBefore(scansStarted) ? 2 : 1;
    }

    static String activityName(int activity) {
        return switch (activity) {
            case 1 -> "Create";
            case 2 -> "Update";
            case 3 -> "Close";
            default -> "Unknown";
        };
    }

    static int severityId(Severity s) {
        return switch (s) {
            case INFORMATIONAL -> 1;
            case LOW -> 2;
            case MEDIUM -> 3;
            case HIGH -> 4;
            case CRITICAL -> 5;
        };
    }

    private static String severityCaption(Severity s) {
        String n = s.name();
        return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String provider(Provider p) {
        return switch (p) {
            case AWS -> "AWS";
            case AZURE -> "Azure";
            case GCP -> "GCP";
        };
    }

    private static void writeMillis(JsonGenerator g, String field, Instant t) throws IOException {
        if (t != null) {
            g.writeNumberField(field, t.toEpochMilli());
        }
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
