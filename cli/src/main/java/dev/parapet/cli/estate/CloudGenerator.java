package dev.parapet.cli.estate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fills a budget of documents for one cloud: first the fixed landing-zone resources every account has, then
 * resource groups drawn by weight until the budget is met exactly, and last the account documents, which
 * summarise what was made (IAM users in the credential report, service accounts in the project IAM policy).
 */
abstract class CloudGenerator {
    /**
     * A kind of resource group.
     *
     * @param maxDocs the most documents one group can hold; kinds larger than the remaining budget are skipped
     */
    record Kind(String name, int weight, int maxDocs, Supplier<List<ObjectNode>> make) {
    }

    protected final GenContext ctx;

    CloudGenerator(GenContext ctx) {
        this.ctx = ctx;
    }

    /** Landing-zone resources created before anything else (recorders, default networks, log buckets). */
    protected abstract List<ObjectNode> baseline();

    /** How many account documents {@link #accountDocuments()} returns. */
    protected abstract int accountCount();

    /** Account-level documents, built last. */
    protected abstract List<ObjectNode> accountDocuments();

    /** Weighted kinds; at least one must have maxDocs 1 so that any budget can be met exactly. */
    protected abstract List<Kind> kinds();

    final List<ObjectNode> generate(int budget) {
        List<ObjectNode> out = new ArrayList<>(budget);
        if (budget <= 0) {
            return out;
        }
        int room = Math.max(0, budget - accountCount());
        List<ObjectNode> base = baseline();
        if (base.size() > room) {
            base = base.subList(0, room);
        }
        List<ObjectNode> variable = new ArrayList<>();
        List<Kind> kinds = kinds();
        int target = room - base.size();
        while (variable.size() < target) {
            Kind kind = pick(kinds, target - variable.size());
            List<ObjectNode> group = kind.make().get();
            if (group.size() > target - variable.size()) {
                throw new IllegalStateException(kind.name() + " made " + group.size() + " documents, more than its maxDocs");
            }
            variable.addAll(group);
        }
        List<ObjectNode> accounts = accountDocuments();
        out.addAll(accounts.subList(0, Math.min(accounts.size(), budget)));
        out.addAll(base);
        out.addAll(variable);
        return out;
    }

    private Kind pick(List<Kind> kinds, int remaining) {
        List<Kind> fitting = kinds.stream().filter(k -> k.maxDocs() <= remaining).toList();
        if (fitting.isEmpty()) {
            throw new IllegalStateException("no resource kind fits a remaining budget of " + remaining);
        }
        int[] weights = fitting.stream().mapToInt(Kind::weight).toArray();
        return ctx.weighted(fitting, weights);
    }
}
