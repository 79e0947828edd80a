package dev.parapet.core.report;

import dev.parapet.core.model.Status;
import dev.parapet.core.rules.RuleSet;
import dev.parapet.core.store.StoredFinding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private static String html(ReportModel model) throws Exception {
        return new String(ReportFixture.render(ReportFormat.HTML, model), StandardCharsets.UTF_8);
    }

    @Test
    void stringsFromDocumentsAndRulesAreEscapedEverywhere() throws Exception {
        String html = html(ReportFixture.model());
        assertThat(html).doesNotContain(ReportFixture.HOSTILE_NAME).doesNotContain(ReportFixture.HOSTILE_ID)
                .doesNotContain("<i>blocks</i>").doesNotContain("<code>aws s3api");
        assertThat(html).contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;")
                .contains("arn:aws:s3:::evil&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("Bucket &lt;i&gt;blocks&lt;/i&gt; public access &amp; &quot;more&quot;")
                .contains("Run &lt;code&gt;aws s3api put-public-access-block&lt;/code&gt; &amp; check");
        assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe")
                .doesNotContain("javascript:");
        // Every "<" of the text is escaped, so each tag here is markup this code wrote: none has an event handler.
        assertThat(html).doesNotContainPattern("(?i)<[a-z][^>]*\\son[a-z]+\\s*=");
    }

    @Test
    void requestsNothingFromOutsideAndForbidsItToo() throws Exception {
        String html = html(ReportFixture.model());
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "style-src 'unsafe-inline'\">");
        Matcher urls = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+").matcher(html);
        List<String> found = new ArrayList<>();
        while (urls.find()) {
            found.add(urls.group());
        }
        // The SVG namespace is a name, not a request; resource ids like //cloudsql... are escaped text.
        assertThat(found).allMatch(u -> u.equals("http://www.w3.org") || u.startsWith("//cloudsql.googleapis.com"));
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:|//)").doesNotContain("@import")
                .doesNotContain("url(");
    }

    @Test
    void escapeCoversQuotesAmpersandsAndControlCharacters() {
        assertThat(Html.escape("a<b>&\"'c")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;c");
        assertThat(Html.escape("tab\tnl\nnul\0bell\u0007del\u007f")).isEqualTo("tab\tnl\nnul\uFFFDbell\uFFFDdel\uFFFD");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("plain")).isSameAs("plain");
    }

    @Test
    void longListsAreCutAndTheRestCounted() throws Exception {
        RuleSet rules = ReportFixture.rules();
        List<StoredFinding> findings = new ArrayList<>();
        int n = HtmlReport.LIST_LIMIT + 123;
        for (int i = 0; i < n; i++) {
            findings.add(ReportFixture.stored(rules, "aws-iam-user-mfa",
                    ReportFixture.aws("AWS::IAM::User", "AIDA-many-" + i, "user-" + i), Status.FAIL, Map.of(),
                    ReportFixture.LATEST.startedAt()));
        }
        ReportInputs in = new ReportInputs(ReportFixture.NOW, List.of(ReportFixture.LATEST), findings, 0, List.of(),
                Map.of(), new ReportDelta(List.of(), List.of(ReportFixture.LATEST.id()), findings, List.of(), List.of()));
        String html = html(ReportFixture.builder(rules).assemble(in));
        assertThat(html).contains("… and 123 more (findings.csv lists them all)")
                .contains("… and 123 more (report.json lists them all)");
        assertThat(ReportParsing.metrics(html)).containsEntry("rec.aws-iam-user-mfa.resources", String.valueOf(n))
                .containsEntry("delta.new", String.valueOf(n));
        assertThat(html).contains("AIDA-many-" + (HtmlReport.LIST_LIMIT - 1)).doesNotContain("AIDA-many-" + HtmlReport.LIST_LIMIT + "<");
        assertThat(html).contains("No earlier complete scan of these scopes");
    }

    @Test
    void anEmptyStoreStillMakesAReadableReport() throws Exception {
        ReportInputs empty = new ReportInputs(ReportFixture.NOW, List.of(), List.of(), 0, List.of(), Map.of(),
                ReportDelta.none());
        String html = html(ReportFixture.builder(ReportFixture.rules()).assemble(empty));
        assertThat(html).contains("The store holds no complete scan yet").contains("No score history yet")
                .contains("No failing findings: nothing to recommend.");
        assertThat(ReportParsing.metrics(html)).containsEntry("overall.percent", "").containsEntry("findings.total", "0")
                .containsEntry("overall.change", "");
    }

    @Test
    void theChartDrawsOneLinePerSeriesAndBreaksItWhereADayAssessedNothing() {
        String svg = TrendChart.svg(List.of(ReportFixture.series("provider", "aws", 30.0, 40.0),
                ReportFixture.series("overall", "", 40.0, null, 50.0, 60.0)));
        assertThat(Pattern.compile("data-series=\"aws\"").matcher(svg).results().count()).isEqualTo(1);
        // overall: the lone first point has no line; the last two make one
        assertThat(Pattern.compile("data-series=\"overall\"").matcher(svg).results().count()).isEqualTo(1);
        assertThat(Pattern.compile("<circle").matcher(svg).results().count()).isEqualTo(2 + 3);
        assertThat(svg).contains("stroke-dasharray").contains("<title>aws 2026-03-04: 40%</title>");
    }
}
