package dev.parapet.core.report;

import dev.parapet.core.store.ScoreSnapshot;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An inline SVG line chart of score percent per day, one line per scope; no script, no external resource. */
final class TrendChart {
    static final int WIDTH = 760;
    static final int HEIGHT = 280;
    private static final int LEFT = 44;
    private static final int RIGHT = 130;
    private static final int TOP = 14;
    private static final int BOTTOM = 40;
    private static final int TICKS = 6;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);
    private static final Map<String, String> COLORS = Map.of("overall", "#475569", "aws", "#c2410c",
            "azure", "#1d4ed8", "gcp", "#15803d");

    private TrendChart() {
    }

    static String svg(List<ScoreSeries> series) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg class=\"trend\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-label=\"Secure score per day per cloud\">");
        List<ScoreSeries> drawn = series.stream().filter(s -> s.points().stream().anyMatch(p -> p.percent() != null))
                .toList();
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = y(pct, plotH);
            b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    LEFT, y, LEFT + plotW, y));
            b.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>",
                    LEFT - 6, y + 4, pct));
        }
        if (drawn.isEmpty()) {
            b.append(String.format(Locale.ROOT, "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                    + "No score history yet: it grows with every complete scan.</text>", LEFT + plotW / 2, TOP + plotH / 2));
            return b.append("</svg>").toString();
        }
        LocalDate first = drawn.stream().flatMap(s -> s.points().stream()).map(TrendChart::day).min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate last = drawn.stream().flatMap(s -> s.points().stream()).map(TrendChart::day).max(LocalDate::compareTo)
                .orElseThrow();
        long span = ChronoUnit.DAYS.between(first, last);
        int ticks = (int) Math.min(TICKS, span);
        for (int i = 0; i <= ticks; i++) {
            LocalDate d = span == 0 ? first : first.plusDays(Math.round((double) i * span / ticks));
            b.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x(d, first, span, plotW), TOP + plotH + 18, DAY.format(d)));
        }
        int legendY = TOP + 10;
        for (ScoreSeries s : drawn) {
            String color = COLORS.getOrDefault(s.label(), "#6b7280");
            String dash = s.id().isEmpty() ? " stroke-dasharray=\"6 4\"" : "";
            for (List<ScoreSnapshot> segment : segments(s.points())) {
                b.append("<polyline class=\"series\" data-series=\"").append(Html.escape(s.label()))
                        .append("\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\"").append(dash)
                        .append(" points=\"");
                for (ScoreSnapshot p : segment) {
                    b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(day(p), first, span, plotW),
                            y(p.percent(), plotH)));
                }
                b.setLength(b.length() - 1);
                b.append("\"/>");
            }
            for (ScoreSnapshot p : s.points()) {
                if (p.percent() != null) {
                    b.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
                                    + "<title>%s %s: %s%%</title></circle>", x(day(p), first, span, plotW),
                            y(p.percent(), plotH), color, Html.escape(s.label()), day(p), Numbers.short2(p.percent())));
                }
            }
            Double latest = s.points().get(s.points().size() - 1).percent();
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                            + "stroke-width=\"2\"%s/><text class=\"legend\" x=\"%d\" y=\"%d\">%s %s</text>",
                    WIDTH - RIGHT + 12, legendY, WIDTH - RIGHT + 32, legendY, color, dash, WIDTH - RIGHT + 38,
                    legendY + 4, Html.escape(s.label()), latest == null ? "n/a" : Numbers.short2(latest) + "%"));
            legendY += 20;
        }
        return b.append("</svg>").toString();
    }

    /** Runs of consecutive points that have a percent: a day that assessed nothing breaks the line. */
    private static List<List<ScoreSnapshot>> segments(List<ScoreSnapshot> points) {
        List<List<ScoreSnapshot>> out = new ArrayList<>();
        List<ScoreSnapshot> run = new ArrayList<>();
        for (ScoreSnapshot p : points) {
            if (p.percent() == null) {
                if (run.size() > 1) {
                    out.add(run);
                }
                run = new ArrayList<>();
            } else {
                run.add(p);
            }
        }
        if (run.size() > 1) {
            out.add(run);
        }
        return out;
    }

    private static LocalDate day(ScoreSnapshot p) {
        return p.at().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static double x(LocalDate d, LocalDate first, long span, int plotW) {
        return span == 0 ? LEFT + plotW / 2.0 : LEFT + (double) ChronoUnit.DAYS.between(first, d) / span * plotW;
    }

    private static double y(double percent, int plotH) {
        return TOP + (100 - Math.max(0, Math.min(100, percent))) / 100 * plotH;
    }
}
