package dev.parapet.cli;

import dev.parapet.core.compliance.Requirement;
import dev.parapet.core.compliance.Standard;
import dev.parapet.core.compliance.Standards;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Severity;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.Rule;
import dev.parapet.core.rules.RuleSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rule reference (docs/rules.md) as Markdown, generated from a catalog: counts, standard coverage, then one
 * table per provider and service. Deterministic, so a test can tell when the committed file is stale.
 */
final class RulesDoc {
    static final String FSBP = "AWS-FSBP";
    static final String CIS = "CIS-";
    /** Regenerates the committed file; said in the file and in the test that fails when it is stale. */
    static final String REGENERATE = "mvn -q -pl shared,cli package -DskipTests && "
            + "java -jar cli/target/parapet.jar rules docs --output docs/rules.md";

    private RulesDoc() {
    }

    static String render(RuleSet rules, Standards standards) {
        StringBuilder md = new StringBuilder();
        md.append("# Rule reference\n\n");
        md.append("Generated from the rule catalog by `parapet rules docs`: do not edit by hand. For the built-in catalog\n")
                .append("(docs/rules.md), regenerate with `").append(REGENERATE).append("`.\n");
        md.append("How to write your own rules: [writing-rules.md](writing-rules.md).\n\n");
        counts(md, rules.all());
        coverage(md, rules.all(), standards);
        for (Provider p : Provider.values()) {
            List<Rule> ofProvider = rules.all().stream().map(CompiledRule::rule).filter(r -> r.provider() == p).toList();
            if (!ofProvider.isEmpty()) {
                provider(md, p, ofProvider);
            }
        }
        return md.toString();
    }

    private static void counts(StringBuilder md, List<CompiledRule> rules) {
        md.append("**").append(rules.size()).append(" rules**");
        Map<Provider, Long> byProvider = rules.stream()
                .collect(Collectors.groupingBy(r -> r.rule().provider(), TreeMap::new, Collectors.counting()));
        md.append(byProvider.isEmpty() ? "" : ": " + byProvider.entrySet().stream()
                .map(e -> name(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "))).append(".\n\n");
        List<Severity> severities = new ArrayList<>(List.of(Severity.values()));
        severities.sort(Comparator.reverseOrder());
        md.append("| provider | rules | ")
                .append(severities.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" | ")))
                .append(" |\n|---|---|").append("---|".repeat(severities.size())).append('\n');
        for (Provider p : byProvider.keySet()) {
            countRow(md, name(p), rules.stream().filter(r -> r.rule().provider() == p).toList(), severities);
        }
        countRow(md, "all", rules, severities);
        md.append('\n');
    }

    private static void countRow(StringBuilder md, String label, List<CompiledRule> rules, List<Severity> severities) {
        md.append("| ").append(label).append(" | ").append(rules.size());
        for (Severity s : severities) {
            md.append(" | ").append(rules.stream().filter(r -> r.rule().severity() == s).count());
        }
        md.append(" |\n");
    }

    /** Per standard: how many requirements some rule maps to, of those that can be assessed automatically. */
    private static void coverage(StringBuilder md, List<CompiledRule> rules, Standards standards) {
        md.append("| standard | requirements | automated | with a rule |\n|---|---|---|---|\n");
        for (Standard s : standards.all()) {
            Set<String> mapped = new HashSet<>();
            rules.forEach(r -> mapped.addAll(r.rule().compliance().getOrDefault(s.id(), List.of())));
            long automated = s.requirements().stream().filter(Requirement::automated).count();
            long withRule = s.requirements().stream().filter(q -> mapped.contains(q.id())).count();
            md.append("| ").append(s.id()).append(" (").append(cell(s.title())).append(' ').append(s.version())
                    .append(") | ").append(s.requirements().size()).append(" | ").append(automated).append(" | ")
                    .append(withRule).append(" |\n");
        }
        md.append('\n');
    }

    private static void provider(StringBuilder md, Provider p, List<Rule> rules) {
        md.append("## ").append(name(p)).append(" (").append(rules.size()).append(" rules)\n\n");
        Map<String, List<Rule>> byService = rules.stream().collect(Collectors.groupingBy(r -> service(r.resourceTypes().get(0)),
                () -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER), Collectors.toList()));
        boolean fsbp = rules.stream().anyMatch(r -> r.compliance().containsKey(FSBP));
        boolean other = rules.stream().anyMatch(r -> !others(r).isEmpty());
        Set<String> cis = new TreeSet<>();
        rules.forEach(r -> r.compliance().keySet().stream().filter(k -> k.startsWith(CIS)).forEach(cis::add));
        if (!cis.isEmpty()) {
            md.append("CIS ids refer to ").append(String.join(", ", cis)).append(".\n\n");
        }
        for (Map.Entry<String, List<Rule>> service : byService.entrySet()) {
            List<Rule> ofService = service.getValue().stream().sorted(Comparator.comparing(Rule::id)).toList();
            md.append("### ").append(service.getKey()).append(" (").append(ofService.size()).append(")\n\n");
            md.append("| id | title | severity | resource types | control | MCSB | CIS |");
            md.append(fsbp ? " FSBP |" : "").append(other ? " other |" : "").append('\n');
            md.append("|---|---|---|---|---|---|---|").append(fsbp ? "---|" : "").append(other ? "---|" : "").append('\n');
            for (Rule r : ofService) {
                md.append("| `").append(r.id()).append("` | ").append(cell(r.title())).append(" | ")
                        .append(r.severity().name()).append(" | ")
                        .append(r.resourceTypes().stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")))
                        .append(" | ").append(cell(r.control())).append(" | ").append(ids(r, Rule.MCSB)).append(" | ")
                        .append(cis(r)).append(" |");
                md.append(fsbp ? " " + ids(r, FSBP) + " |" : "").append(other ? " " + others(r) + " |" : "").append('\n');
            }
            md.append('\n');
        }
    }

    private static String ids(Rule r, String standard) {
        return cell(String.join(", ", r.compliance().getOrDefault(standard, List.of())));
    }

    /** The ids alone when the rule cites one CIS benchmark, each prefixed with its benchmark when it cites more. */
    private static String cis(Rule r) {
        List<String> cited = r.compliance().keySet().stream().filter(k -> k.startsWith(CIS)).toList();
        return cited.size() == 1 ? ids(r, cited.get(0)) : prefixed(r, cited);
    }

    private static String others(Rule r) {
        return prefixed(r, r.compliance().keySet().stream()
                .filter(k -> !k.equals(Rule.MCSB) && !k.equals(FSBP) && !k.startsWith(CIS)).toList());
    }

    private static String prefixed(Rule r, List<String> standards) {
        Function<String, String> one = s -> s + ": " + String.join(", ", r.compliance().get(s));
        return cell(standards.stream().map(one).collect(Collectors.joining("; ")));
    }

    /** The service a native type belongs to: AWS::S3::Bucket → S3, Microsoft.Storage/… → Storage, storage.googleapis.com/… → storage. */
    static String service(String type) {
        if (type.startsWith("AWS::")) {
            String[] parts = type.split("::", -1);
            return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "Account";
        }
        int slash = type.indexOf('/');
        String namespace = slash < 0 ? type : type.substring(0, slash);
        if (namespace.endsWith(".googleapis.com")) {
            return namespace.substring(0, namespace.length() - ".googleapis.com".length());
        }
        return namespace.regionMatches(true, 0, "Microsoft.", 0, 10) ? namespace.substring(10) : namespace;
    }

    private static String name(Provider p) {
        return switch (p) {
            case AWS -> "AWS";
            case AZURE -> "Azure";
            case GCP -> "Google Cloud";
        };
    }

    /** Table cells hold one line and no column separator. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip();
    }
}
