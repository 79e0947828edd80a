package dev.parapet.core.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Severity;
import dev.parapet.core.util.ClasspathFolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads rule YAML files (one rule, a {@code rules:} list, or several YAML documents per file) and compiles their
 * CEL. A rule that does not parse, validate or compile becomes a {@link RuleProblem} naming file, rule id and error;
 * every other rule still loads.
 */
public final class RuleLoader {
    /** Classpath folder of the built-in catalog. */
    public static final String BUILTIN_ROOT = "parapet/rules";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{2,99}");
    private static final Set<String> KNOWN_FIELDS = Set.of("id", "title", "provider", "resourceTypes", "severity",
            "control", "mcsb", "compliance", "description", "remediation", "applies", "expression", "evidence",
            "related", "notes");

    private final Set<String> knownControls;
    private final Map<String, Set<String>> knownRequirements;
    private final boolean lazy;

    /** @param knownControls secure-score control ids a rule may name; a rule naming another is a problem */
    public RuleLoader(Set<String> knownControls) {
        this(knownControls, Map.of());
    }

    /**
     * @param knownRequirements standard id to its requirement ids; when not empty, a rule citing an unknown
     *                          standard or requirement is a problem (a typo would otherwise pass silently)
     */
    public RuleLoader(Set<String> knownControls, Map<String, Set<String>> knownRequirements) {
        this(knownControls, knownRequirements, false);
    }

    /**
     * @param lazy compile CEL on first use instead of at load (for the built-in catalog, which the build compiles
     *             and tests): YAML and metadata are still validated at load
     */
    public RuleLoader(Set<String> knownControls, Map<String, Set<String>> knownRequirements, boolean lazy) {
        this.knownControls = Set.copyOf(knownControls);
        this.knownRequirements = Map.copyOf(knownRequirements);
        this.lazy = lazy;
    }

    public record Result(List<CompiledRule> rules, List<RuleProblem> problems) {
    }

    /** The built-in catalog bundled in the jar (or the classes folder when run from a build). */
    public Result loadBuiltIn() {
        try {
            Path root = ClasspathFolder.of(BUILTIN_ROOT);
            if (root == null) {
                return new Result(List.of(), List.of(new RuleProblem(BUILTIN_ROOT, null, "built-in rules are missing from the classpath")));
            }
            return loadDirectory(root, "builtin:");
        } catch (IOException e) {
            return new Result(List.of(), List.of(new RuleProblem(BUILTIN_ROOT, null, "cannot read built-in rules: " + e.getMessage())));
        }
    }

    /** Every .yaml / .yml file below {@code dir}, in path order. */
    public Result loadDirectory(Path dir) {
        return loadDirectory(dir, "");
    }

    private Result loadDirectory(Path dir, String label) {
        List<CompiledRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new RuleProblem(dir.toString(), null, "rule folder does not exist or is not a directory"));
            return new Result(rules, problems);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new RuleProblem(dir.toString(), null, "cannot list rule folder: " + e.getMessage()));
            return new Result(rules, problems);
        }
        // Compiling CEL dominates start-up (a cold function pays it): files compile in parallel, results keep file order.
        List<Result> perFile = files.parallelStream().map(file -> {
            String name = label.isEmpty() ? file.toString() : label + dir.relativize(file);
            try (InputStream in = Files.newInputStream(file)) {
                return load(in, name);
            } catch (IOException e) {
                return new Result(List.of(), List.of(new RuleProblem(name, null, "cannot read: " + e.getMessage())));
            }
        }).toList();
        for (Result r : perFile) {
            rules.addAll(r.rules());
            problems.addAll(r.problems());
        }
        return new Result(rules, problems);
    }

    /** Loads the rules of one YAML stream; {@code file} names it in problems and in {@link Rule#source()}. */
    public Result load(InputStream in, String file) {
        List<CompiledRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = Json.YAML.getFactory().createParser(in);
             MappingIterator<JsonNode> it = Json.YAML.readValues(parser, JsonNode.class)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (doc.isObject() && doc.has("rules") && doc.get("rules").isArray()) {
                    doc.get("rules").forEach(documents::add);
                } else if (doc.isArray()) {
                    doc.forEach(documents::add);
                } else {
                    documents.add(doc);
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(new RuleProblem(file, null, "not valid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()));
            return new Result(rules, problems);
        } catch (IOException | RuntimeException e) {
            problems.add(new RuleProblem(file, null, "not valid YAML: " + e.getMessage()));
            return new Result(rules, problems);
        }
        for (JsonNode doc : documents) {
            String id = doc.isObject() ? Json.text(doc, "id") : null;
            try {
                rules.add(compile(parse(doc, file)));
            } catch (RuleException e) {
                problems.add(new RuleProblem(file, id, e.getMessage()));
            }
        }
        return new Result(rules, problems);
    }

    private static final class RuleException extends Exception {
        RuleException(String message) {
            super(message);
        }
    }

    Rule parse(JsonNode n, String file) throws RuleException {
        if (!n.isObject()) {
            throw new RuleException("a rule must be a mapping, found " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!KNOWN_FIELDS.contains(field)) {
                throw new RuleException("unknown field '" + field + "' (known: " + String.join(", ", KNOWN_FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String id = required(n, "id");
        if (!ID.matcher(id).matches()) {
            throw new RuleException("id '" + id + "' must be 3-100 characters of a-z, 0-9, '.' and '-'");
        }
        Provider provider;
        Severity severity;
        try {
            provider = Provider.parse(required(n, "provider"));
            severity = Severity.parse(required(n, "severity"));
        } catch (IllegalArgumentException e) {
            throw new RuleException(e.getMessage());
        }
        List<String> types = stringList(n, "resourceTypes");
        if (types.isEmpty()) {
            throw new RuleException("resourceTypes must list at least one native resource type");
        }
        String control = required(n, "control");
        if (!knownControls.isEmpty() && !knownControls.contains(control)) {
            throw new RuleException("control '" + control + "' is not a secure-score control (known: "
                    + String.join(", ", knownControls.stream().sorted().toList()) + ")");
        }
        Map<String, List<String>> compliance = new LinkedHashMap<>();
        List<String> mcsb = stringList(n, "mcsb");
        if (!mcsb.isEmpty()) {
            compliance.put(Rule.MCSB, mcsb);
        }
        JsonNode refs = n.get("compliance");
        if (refs != null && !refs.isNull()) {
            if (!refs.isObject()) {
                throw new RuleException("compliance must map a standard id to a list of requirement ids");
            }
            Iterator<Map.Entry<String, JsonNode>> it = refs.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                compliance.put(e.getKey(), stringList(refs, e.getKey()));
            }
        }
        checkRequirements(compliance);
        Map<String, String> evidence = new LinkedHashMap<>();
        JsonNode ev = n.get("evidence");
        if (ev != null && !ev.isNull()) {
            if (!ev.isObject()) {
                throw new RuleException("evidence must map a name to a CEL expression");
            }
            ev.fields().forEachRemaining(e -> evidence.put(e.getKey(), e.getValue().asText()));
        }
        List<RelatedSpec> related = new ArrayList<>();
        JsonNode rel = n.get("related");
        if (rel != null && !rel.isNull()) {
            if (!rel.isObject()) {
                throw new RuleException("related must map a name to {type, scope}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = rel.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String type = Json.text(e.getValue(), "type");
                if (type == null) {
                    throw new RuleException("related." + e.getKey() + " needs a type");
                }
                try {
                    related.add(new RelatedSpec(e.getKey(), type, RelatedSpec.Scope.parse(Json.text(e.getValue(), "scope"))));
                } catch (IllegalArgumentException ex) {
                    throw new RuleException("related." + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        return new Rule(id, required(n, "title"), provider, types, severity, control, compliance,
                textOr(n, "description", ""), textOr(n, "remediation", ""), Json.text(n, "applies"),
                required(n, "expression"), evidence, related, file);
    }

    private void checkRequirements(Map<String, List<String>> compliance) throws RuleException {
        if (knownRequirements.isEmpty()) {
            return;
        }
        for (Map.Entry<String, List<String>> e : compliance.entrySet()) {
            Set<String> known = knownRequirements.get(e.getKey());
            if (known == null) {
                throw new RuleException("compliance names unknown standard '" + e.getKey() + "' (known: "
                        + String.join(", ", knownRequirements.keySet().stream().sorted().toList()) + ")");
            }
            for (String id : e.getValue()) {
                if (!known.contains(id)) {
                    throw new RuleException(e.getKey() + " has no requirement '" + id + "'");
                }
            }
        }
    }

    CompiledRule compile(Rule rule) throws RuleException {
        if (lazy) {
            return CompiledRule.lazy(rule);
        }
        try {
            return CompiledRule.eager(rule);
        } catch (RuleCompileException e) {
            throw new RuleException(e.getMessage());
        }
    }

    // YAML reads 2.10 as the number 2.1: requirement ids must be quoted to survive.
    private static String numberMessage(String field, JsonNode value) {
        return "'" + field + "' has the number " + value.asText() + ": quote requirement ids (\"" + value.asText()
                + "\"), YAML reads 2.10 as 2.1";
    }

    private static String required(JsonNode n, String field) throws RuleException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new RuleException("'" + field + "' is required");
        }
        return v.asText();
    }

    private static String textOr(JsonNode n, String field, String fallback) {
        String v = Json.text(n, field);
        return v == null ? fallback : v;
    }

    private static List<String> stringList(JsonNode n, String field) throws RuleException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isNumber()) {
            throw new RuleException(numberMessage(field, v));
        }
        if (v.isValueNode()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw new RuleException("'" + field + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (item.isNumber()) {
                throw new RuleException(numberMessage(field, item));
            }
            if (!item.isValueNode()) {
                throw new RuleException("'" + field + "' must be a list of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
