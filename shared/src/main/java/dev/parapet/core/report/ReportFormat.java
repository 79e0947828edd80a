package dev.parapet.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The formats a report is published in, each with its file name and content type. */
public enum ReportFormat {
    HTML("report.html", "text/html; charset=utf-8"),
    JSON("report.json", "application/json"),
    CSV("findings.csv", "text/csv; charset=utf-8; header=present"),
    OCSF("findings.ocsf.jsonl", "application/x-ndjson");

    private final String fileName;
    private final String contentType;

    ReportFormat(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public void write(ReportModel model, OutputStream out) throws IOException {
        switch (this) {
            case HTML -> HtmlReport.write(model, out);
            case JSON -> ReportJson.write(model, out);
            case CSV -> FindingsCsv.write(model, out);
            case OCSF -> OcsfReport.write(model, out, OcsfReport.Layout.JSON_LINES);
        }
    }

    /** Parses "html,json,csv,ocsf" (any case, any order); a name it does not know is an error naming it. */
    public static List<ReportFormat> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no report format given (expected some of html, json, csv, ocsf)");
        }
        Set<ReportFormat> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                out.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown report format '" + part.trim()
                        + "' (expected some of html, json, csv, ocsf)");
            }
        }
        return new ArrayList<>(out);
    }
}
