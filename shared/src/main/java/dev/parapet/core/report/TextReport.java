package dev.parapet.core.report;

import dev.parapet.core.compliance.StandardResult;
import dev.parapet.core.model.Finding;
import dev.parapet.core.model.Status;
import dev.parapet.core.run.BatchResult;
import dev.parapet.core.score.ControlScore;
import dev.parapet.core.score.Recommendation;
import dev.parapet.core.score.ScopeScore;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Plain-text tables for a terminal: score by cloud, account and control, recommendations, failing findings. */
public final class TextReport {
    private TextReport() {
    }

    public static void writeSummary(BatchResult r, PrintStream out, int recommendations) {
        ScopeScore overall = r.score().overall();
        out.printf(Locale.ROOT, "Secure score: %s  (%d resources, %d findings: %d pass, %d fail, %d error)%n",
                percent(overall.percent()), r.assessment().resources().size(), overall.counts().total(),
                overall.counts().pass(), overall.counts().fail(), overall.counts().error());
        out.println();
        out.println("By cloud and account");
        Table scopes = new Table("scope", "score", "points", "fail", "critical", "high", "medium", "low");
        for (ScopeScore s : r.score().byProvider()) {
            addScope(scopes, s.id(), s);
            for (ScopeScore a : r.score().byAccount()) {
                if (a.id().startsWith(s.id() + ":")) {
                    addScope(scopes, "  " + a.id().substring(s.id().length() + 1), a);
                }
            }
        }
        scopes.print(out);
        out.println();
        out.println("By security control");
        Table controls = new Table("control", "score", "max", "healthy", "unhealthy", "undecided", "potential");
        for (ControlScore c : overall.controls()) {
            controls.row(c.title(), num(c.score()), num(c.maxScore()), String.valueOf(c.healthy()),
                    String.valueOf(c.unhealthy()), String.valueOf(c.undecided()), "+" + num(c.potentialIncrease()));
        }
        controls.print(out);
        List<Recommendation> recs = r.score().recommendations();
        if (!recs.isEmpty()) {
            out.println();
            out.printf("Top recommendations (%d of %d)%n", Math.min(recommendations, recs.size()), recs.size());
            Table t = new Table("#", "severity", "recommendation", "resources", "potential");
            int i = 1;
            for (Recommendation rec : recs.subList(0, Math.min(recommendations, recs.size()))) {
                t.row(String.valueOf(i++), rec.severity().name(), rec.title() + " [" + rec.ruleId() + "]",
                        String.valueOf(rec.unhealthyResources()),
                        String.format(Locale.ROOT, "+%.2f%%", rec.potentialIncreasePercent()));
            }
            t.print(out);
        }
        if (!r.compliance().isEmpty()) {
            out.println();
            out.println("Compliance (requirements)");
            Table t = new Table("standard", "passed", "failed", "not assessed");
            for (StandardResult s : r.compliance()) {
                t.row(s.id(), String.valueOf(s.passed()), String.valueOf(s.failed()), String.valueOf(s.notAssessed()));
            }
            t.print(out);
        }
    }

    /** Failing findings, most severe first; at most {@code limit} rows. */
    public static void writeFailures(BatchResult r, PrintStream out, int limit) {
        List<Finding> failing = r.assessment().findings().stream().filter(f -> f.status() == Status.FAIL)
                .sorted(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::ruleId)
                        .thenComparing(f -> f.resource().id()))
                .toList();
        if (failing.isEmpty()) {
            return;
        }
        out.println();
        out.printf("Failing findings (%d)%n", failing.size());
        Table t = new Table("severity", "rule", "resource", "account", "region");
        for (Finding f : failing.subList(0, Math.min(limit, failing.size()))) {
            t.row(f.severity().name(), f.ruleId(), f.resource().id(), f.resource().account(), f.resource().region());
        }
        t.print(out);
        if (failing.size() > limit) {
            out.printf("... and %d more (--format json lists every finding)%n", failing.size() - limit);
        }
    }

    private static void addScope(Table t, String label, ScopeScore s) {
        var c = s.counts();
        t.row(label, percent(s.percent()), num(s.score()) + "/" + num(s.maxScore()), String.valueOf(c.fail()),
                String.valueOf(c.critical()), String.valueOf(c.high()), String.valueOf(c.medium()), String.valueOf(c.low()));
    }

    static String percent(Double p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", p);
    }

    static String num(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
