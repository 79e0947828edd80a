package dev.parapet.core.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.Rule;
import dev.parapet.core.rules.RuleProblem;
import dev.parapet.core.rules.RuleSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A user's own standards, loaded from folders: every .yaml / .yml file below them holds one standard in the shape of
 * the bundled ones (parapet/standards/*.yaml). A requirement may also list the rules that decide it under
 * {@code rules:}, so a standard can be made of rules that do not cite it themselves (built-in ones). A file that does
 * not parse or validate is a problem naming the file and what is wrong; the other files still load.
 */
public final class StandardFolder {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> PROVIDERS = Set.of("aws", "azure", "gcp", "all");
    private static final Set<String> ASSESSMENTS = Set.of("automated", "manual");

    private StandardFolder() {
    }

    /** A requirement's {@code rules:} entry: rule {@code ruleId} decides {@code requirement} of {@code standard}. */
    public record RuleMapping(String file, String standard, String requirement, String ruleId) {
    }

    /**
     * @param standards the built-in standards followed by the user's
     * @param problems  files that could not be loaded, as (file, no rule id, message), reported with rule problems
     */
    public record Loaded(Standards standards, List<RuleMapping> mappings, List<RuleProblem> problems) {

        /**
         * The rules with each {@code rules:} mapping added to the rule's compliance map, so that findings and the
         * compliance calculation see it.
         *
         * @param complete the rules are the whole catalog (built-in ones included): a mapping naming a rule that is
         *                 not loaded is then a problem (a typo); otherwise it is skipped, as its rule is not in this run
         */
        public Mapped mapRules(RuleSet rules, boolean complete) {
            Map<String, Map<String, List<String>>> added = new LinkedHashMap<>();
            List<RuleProblem> unknown = new ArrayList<>();
            for (RuleMapping m : mappings) {
                if (rules.byId(m.ruleId()).isEmpty()) {
                    if (!complete) {
                        continue;
                    }
                    unknown.add(new RuleProblem(m.file(), null, "requirement " + m.requirement() + " of " + m.standard()
                            + " names rule '" + m.ruleId() + "', which is not loaded"));
                    continue;
                }
                added.computeIfAbsent(m.ruleId(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m.standard(), k -> new ArrayList<>()).add(m.requirement());
            }
            if (added.isEmpty()) {
                return new Mapped(rules, unknown);
            }
            List<CompiledRule> out = new ArrayList<>();
            for (CompiledRule c : rules.all()) {
                Map<String, List<String>> extra = added.get(c.id());
                out.add(extra == null ? c : CompiledRule.lazy(withCompliance(c.rule(), extra)));
            }
            return new Mapped(new RuleSet(out), unknown);
        }
    }

    public record Mapped(RuleSet rules, List<RuleProblem> problems) {
    }

    public static Loaded load(Standards builtIn, List<Path> folders) {
        List<Standard> standards = new ArrayList<>(builtIn.all());
        Map<String, String> definedIn = new LinkedHashMap<>();
        builtIn.all().forEach(s -> definedIn.put(s.id(), "the built-in standards"));
        List<RuleMapping> mappings = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path folder : folders) {
            for (Path file : files(folder, problems)) {
                String name = file.toString();
                try {
                    JsonNode root = Json.YAML.readTree(file.toFile());
                    List<RuleMapping> found = new ArrayList<>();
                    String id = validate(root, name, found);
                    String earlier = definedIn.putIfAbsent(id, name);
                    if (earlier != null) {
                        throw new IllegalArgumentException("standard '" + id + "' is already defined by " + earlier);
                    }
                    standards.add(Standards.parse(root));
                    mappings.addAll(found);
                } catch (JsonProcessingException e) {
                    problems.add(new RuleProblem(name, null, "not valid YAML at line "
                            + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()));
                } catch (IOException e) {
                    problems.add(new RuleProblem(name, null, "cannot read: " + e.getMessage()));
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(name, null, e.getMessage()));
                }
            }
        }
        return new Loaded(new Standards(standards), List.copyOf(mappings), List.copyOf(problems));
    }

    private static List<Path> files(Path folder, List<RuleProblem> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(new RuleProblem(folder.toString(), null, "standards folder does not exist or is not a directory"));
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new RuleProblem(folder.toString(), null, "cannot list standards folder: " + e.getMessage()));
            return List.of();
        }
    }

    /** Checks what {@link Standards#parse} takes on trust, and collects the requirements' rule mappings. */
    private static String validate(JsonNode root, String file, List<RuleMapping> mappings) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a standard must be a mapping with id, title and requirements");
        }
        String id = text(root, "id", "the standard");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id '" + id + "' must be 1-100 characters of letters, digits, '.', '_' and '-'");
        }
        text(root, "title", "the standard");
        JsonNode provider = root.get("provider");
        if (provider != null && !PROVIDERS.contains(provider.asText())) {
            throw new IllegalArgumentException("provider '" + provider.asText() + "' is not one of aws, azure, gcp, all");
        }
        JsonNode reqs = root.get("requirements");
        if (reqs == null || !reqs.isArray() || reqs.isEmpty()) {
            throw new IllegalArgumentException("'requirements' must be a list of at least one {id, section, assessment}");
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (JsonNode r : reqs) {
            String where = "requirements[" + index++ + "]";
            if (!r.isObject()) {
                throw new IllegalArgumentException(where + " must be a mapping with an id");
            }
            String reqId = text(r, "id", where);
            where = "requirement " + reqId;
            if (!seen.add(reqId)) {
                throw new IllegalArgumentException(where + " is listed twice");
            }
            JsonNode assessment = r.get("assessment");
            if (assessment != null && !ASSESSMENTS.contains(assessment.asText())) {
                throw new IllegalArgumentException(where + ": assessment '" + assessment.asText()
                        + "' is not automated or manual");
            }
            for (String rule : strings(r.get("rules"), where + ": rules")) {
                mappings.add(new RuleMapping(file, id, reqId, rule));
            }
        }
        return id;
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v != null && v.isNumber()) {
            // YAML reads 2.10 as the number 2.1: the id would silently change
            throw new IllegalArgumentException(where + ": '" + field + "' is the number " + v.asText()
                    + ": quote it (\"" + v.asText() + "\"), YAML reads 2.10 as 2.1");
        }
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + " must be a list of rule ids");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException(where + " must be a list of rule ids");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static Rule withCompliance(Rule r, Map<String, List<String>> extra) {
        Map<String, List<String>> compliance = new LinkedHashMap<>(r.compliance());
        extra.forEach((standard, ids) -> {
            Set<String> merged = new LinkedHashSet<>(compliance.getOrDefault(standard, List.of()));
            merged.addAll(ids);
            compliance.put(standard, List.copyOf(merged));
        });
        return new Rule(r.id(), r.title(), r.provider(), r.resourceTypes(), r.severity(), r.control(), compliance,
                r.description(), r.remediation(), r.applies(), r.expression(), r.evidence(), r.related(), r.source());
    }
}
