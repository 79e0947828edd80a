package dev.parapet.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * Streams HTML to a writer. Text goes through {@link #text} (escaped); {@link #raw} is only for markup this code
 * writes itself. Numbers a reader (or a test) checks are {@link #metric}s: a {@code <data>} element whose
 * {@code value} is the exact figure the JSON report carries.
 */
final class HtmlOut {
    private final Writer out;

    HtmlOut(Writer out) {
        this.out = out;
    }

    HtmlOut raw(String markup) {
        try {
            out.write(markup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    HtmlOut text(String text) {
        return raw(Html.escape(text));
    }

    /** {@code <tag class="cls">text</tag>}, text escaped. */
    HtmlOut el(String tag, String cls, String text) {
        raw("<").raw(tag);
        if (cls != null) {
            raw(" class=\"").text(cls).raw("\"");
        }
        return raw(">").text(text).raw("</").raw(tag).raw(">");
    }

    HtmlOut metric(String key, BigDecimal value, String display) {
        return raw("<data data-k=\"").text(key).raw("\" value=\"").raw(value.toPlainString()).raw("\">").text(display)
                .raw("</data>");
    }

    HtmlOut count(String key, long n) {
        return metric(key, BigDecimal.valueOf(n), Numbers.count(n));
    }

    /** A percent metric; "n/a" (value empty) when nothing was assessed. */
    HtmlOut percent(String key, Double percent) {
        if (percent == null) {
            return raw("<data data-k=\"").text(key).raw("\" value=\"\">n/a</data>");
        }
        return metric(key, Numbers.round2(percent), Numbers.short2(percent) + "%");
    }

    HtmlOut points(String key, double points) {
        return metric(key, Numbers.round2(points), Numbers.short2(points));
    }
}
