package dev.parapet.aws.scan;

import dev.parapet.aws.collect.AwsCollector;
import dev.parapet.core.engine.AccountResources;
import dev.parapet.core.model.Provider;
import dev.parapet.core.rules.CompiledRule;
import dev.parapet.core.rules.RelatedSpec;
import dev.parapet.core.rules.RuleSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits the AWS types that rules judge or read into groups: one per service, merged where a rule reads another
 * service's type (IAM users read the account item; the account reads trails). A group is global when any of its
 * types is listed account-wide or read across regions.
 */
public final class TypeGroups {
    private TypeGroups() {
    }

    public static List<TypeGroup> plan(RuleSet rules, AwsCollector collector) {
        Set<String> types = new TreeSet<>(rules.typesFor(Provider.AWS));
        types.add(AccountResources.AWS_ACCOUNT); // the account item is always read: account rules and related data
        Map<String, String> parent = new HashMap<>();
        types.forEach(t -> parent.put(t, t));
        Map<String, String> byService = new HashMap<>();
        for (String t : types) {
            String first = byService.putIfAbsent(service(t), t);
            if (first != null) {
                union(parent, first, t);
            }
        }
        Set<String> crossRegion = new TreeSet<>();
        for (CompiledRule rule : rules.all()) {
            if (rule.rule().provider() != Provider.AWS) {
                continue;
            }
            for (String judged : rule.rule().resourceTypes()) {
                for (RelatedSpec spec : rule.rule().related()) {
                    if (types.contains(judged) && types.contains(spec.type())) {
                        union(parent, judged, spec.type());
                        if (spec.scope() == RelatedSpec.Scope.ACCOUNT) {
                            crossRegion.add(judged);
                        }
                    }
                }
            }
        }
        Map<String, Set<String>> members = new TreeMap<>();
        types.forEach(t -> members.computeIfAbsent(find(parent, t), k -> new TreeSet<>()).add(t));
        List<TypeGroup> out = new ArrayList<>();
        for (Set<String> group : members.values()) {
            boolean global = group.stream().anyMatch(t -> collector.isGlobal(t) || crossRegion.contains(t));
            Set<String> services = new TreeSet<>();
            group.forEach(t -> services.add(service(t)));
            out.add(new TypeGroup(String.join("+", services), group, global));
        }
        out.sort(java.util.Comparator.comparing(TypeGroup::name));
        return out;
    }

    /** AWS::EC2::VPC → EC2; AWS::::Account → Account. */
    static String service(String type) {
        String[] parts = type.split("::");
        if (parts.length >= 3 && !parts[1].isEmpty()) {
            return parts[1];
        }
        return parts[parts.length - 1];
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }
}
