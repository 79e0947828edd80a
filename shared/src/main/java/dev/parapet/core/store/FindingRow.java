package dev.parapet.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.ResourceRef;
import dev.parapet.core.model.Severity;
import dev.parapet.core.model.Status;

import java.util.List;
import java.util.Map;

/**
 * One row of the findings table: the latest evaluation ({@link Content}) and its lifecycle ({@link Life}).
 * JSON fields are kept as text so that equal evaluations compare equal and an unchanged write can be skipped.
 */
record FindingRow(String key, Content content, Life life, long version) {
    // Built once: resolving the generic type on every row was a visible share of reading many findings.
    private static final ObjectReader COMPLIANCE = Json.MAPPER.readerFor(new TypeReference<Map<String, List<String>>>() { });
    private static final ObjectReader EVIDENCE = Json.MAPPER.readerFor(new TypeReference<Map<String, Object>>() { });

    /** Where the (rule, resource) pair stands: never failed, failing, or failed once and no longer failing. */
    enum Phase { PASSING, OPEN, RESOLVED }

    record Content(String ruleId, ResourceRef resource, String title, Severity severity, String control,
                   String compliance, String evidence, Status status, long observedAt) {

        static Content of(Finding f) {
            if (f.observedAt() == null) {
                throw new IllegalArgumentException("finding " + f.ruleId() + " on " + f.resource().id()
                        + " has no observation time; the store orders writes by it");
            }
            return new Content(f.ruleId(), f.resource(), f.title(), f.severity(), f.control(),
                    toJson(f.compliance() == null ? Map.of() : f.compliance()),
                    StoreLimits.evidenceJson(f.evidence()), f.status(), Sql.millis(f.observedAt()));
        }

        Finding toFinding(String key) {
            return new Finding(ruleId, title, severity, status, resource, control,
                    fromJson(compliance, COMPLIANCE, key), fromJson(evidence, EVIDENCE, key), Sql.instant(observedAt));
        }
    }

    /**
     * @param state           what readers see: the phase, or ERROR while an active pair's rule cannot decide
     * @param active          false once the resource is deleted or a complete scan no longer sees the pair
     * @param goneAt          when it became inactive (deletion time, or the start of the scan that missed it)
     * @param lastScanStarted start time of the latest scan that saw the pair (0: none); decides NOT_SEEN
     */
    record Life(Phase phase, String state, boolean active, long firstSeen, long lastSeen, Long resolvedAt,
                String resolution, Long goneAt, int reopenCount, String lastScanId, long lastScanStarted) {
    }

    StoredFinding toStored() {
        boolean resolved = StoredFinding.RESOLVED.equals(life.state());
        return new StoredFinding(key, content.toFinding(key), life.state(), Sql.instant(life.firstSeen()),
                Sql.instant(life.lastSeen()), resolved ? Sql.instant(life.resolvedAt()) : null,
                resolved ? life.resolution() : null, life.reopenCount(), life.lastScanId());
    }

    static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T fromJson(String text, ObjectReader reader, String key) {
        try {
            return reader.readValue(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored finding " + key + " holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
