package dev.parapet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the HTML report in a real headless Chromium: it loads nothing but itself, logs no error, runs no script
 * (the hostile fixture strings render as text), its chart renders, it fits a laptop screen and prints. The
 * screenshot and PDF are kept under target/report-browser/ as build artifacts.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "report-browser");
    private static HeadlessChromium chromium;
    private static String url;

    @BeforeAll
    static void open() throws Exception {
        Path binary = HeadlessChromium.binary();
        if (binary == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("chromium is missing on CI: .ci/run must apt-get install -y chromium");
            }
            assumeTrue(false, "chromium is not installed here (apt-get install -y chromium); CI installs it");
        }
        Files.createDirectories(OUT);
        Path html = OUT.resolve("report.html").toAbsolutePath();
        Files.write(html, ReportFixture.render(ReportFormat.HTML, ReportFixture.model()));
        url = html.toUri().toString();
        chromium = new HeadlessChromium(binary);
        chromium.openPage();
        chromium.call("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        chromium.navigate(url);
        Thread.sleep(300); // late console and log entries
    }

    @AfterAll
    static void close() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void loadsNothingButItself() {
        List<String> requested = new ArrayList<>();
        chromium.events("Network.requestWillBeSent").forEach(e -> requested.add(e.at("/params/request/url").asText()));
        assertThat(requested).containsExactly(url);
    }

    @Test
    void logsNoErrorAndRunsNoScript() throws Exception {
        assertThat(chromium.events("Runtime.exceptionThrown")).isEmpty();
        assertThat(chromium.events("Runtime.consoleAPICalled")).isEmpty();
        assertThat(chromium.events("Log.entryAdded")).extracting(e -> e.at("/params/entry/text").asText()).isEmpty();
        assertThat(chromium.events("Page.javascriptDialogOpening")).isEmpty();
        assertThat(chromium.evaluate("document.querySelectorAll('script, img, iframe, object, embed, [onerror], [onload]').length")
                .asInt()).isZero();
        String text = chromium.evaluate("document.body.textContent").asText();
        assertThat(text).contains(ReportFixture.HOSTILE_NAME).contains(ReportFixture.HOSTILE_TITLE)
                .contains(ReportFixture.HOSTILE_ID);
        assertThat(chromium.evaluate("document.title").asText()).startsWith("Parapet secure score report");
    }

    @Test
    void theTrendChartRendersOneLinePerCloud() throws Exception {
        JsonNode chart = chromium.evaluate("""
                (() => { const svg = document.querySelector('svg.trend'); const r = svg.getBoundingClientRect();
                  const lines = [...svg.querySelectorAll('polyline.series')];
                  return {width: r.width, height: r.height, series: lines.map(l => l.dataset.series),
                    shortest: Math.min(...lines.map(l => l.getTotalLength())),
                    points: svg.querySelectorAll('circle.point').length}; })()""");
        assertThat(chart.path("width").asDouble()).isGreaterThan(600);
        assertThat(chart.path("height").asDouble()).isGreaterThan(200);
        assertThat(chart.path("series").findValuesAsText("")).isEmpty();
        List<String> series = new ArrayList<>();
        chart.path("series").forEach(s -> series.add(s.asText()));
        assertThat(series).contains("aws", "azure", "gcp", "overall");
        assertThat(chart.path("shortest").asDouble()).isGreaterThan(50);
        assertThat(chart.path("points").asInt()).isEqualTo(4 + 5 + 5 + 3);
    }

    @Test
    void fitsALaptopScreenAndSavesAScreenshot() throws Exception {
        assertThat(chromium.evaluate("document.documentElement.scrollWidth").asInt()).isLessThanOrEqualTo(1280);
        int height = (int) Math.ceil(chromium.call("Page.getLayoutMetrics", Map.of()).at("/cssContentSize/height").asDouble());
        assertThat(height).isGreaterThan(1000);
        chromium.call("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", Math.min(height, 12000), "deviceScaleFactor", 1, "mobile", false));
        String png = chromium.call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        byte[] bytes = Base64.getDecoder().decode(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        Files.write(OUT.resolve("report.png"), bytes);
        chromium.call("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
    }

    @Test
    void printsWithoutNavigationAndWithRecommendationsOpen() throws Exception {
        chromium.call("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(chromium.evaluate("getComputedStyle(document.querySelector('nav')).display").asText()).isEqualTo("none");
            assertThat(chromium.evaluate("document.querySelector('details.print-open .rem').checkVisibility()")
                    .asBoolean()).isTrue();
            String pdf = chromium.call("Page.printToPDF", Map.of("printBackground", true)).path("data").asText();
            byte[] bytes = Base64.getDecoder().decode(pdf);
            assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            Files.write(OUT.resolve("report.pdf"), bytes);
        } finally {
            chromium.call("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        assertThat(chromium.evaluate("document.querySelector('details.print-open .rem').checkVisibility()")
                .asBoolean()).isFalse();
    }
}
