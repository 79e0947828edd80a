package dev.parapet.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readers for what the report formats write: an RFC 4180 CSV parser and the HTML report's metrics. */
final class ReportParsing {
    private static final Pattern METRIC = Pattern.compile("<data data-k=\"([^\"]*)\" value=\"([^\"]*)\">");

    private ReportParsing() {
    }

    /** Strict RFC 4180: CRLF between records, quoted fields with doubled quotes; anything else fails the test. */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                    i++;
                    char next = i < text.length() ? text.charAt(i) : '\r';
                    if (next != ',' && next != '\r') {
                        throw new IllegalArgumentException("text after a closing quote at " + i);
                    }
                    continue;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                i++;
            } else if (c == '"') {
                throw new IllegalArgumentException("quote inside an unquoted field at " + i);
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    throw new IllegalArgumentException("CR without LF at " + i);
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                fieldStart = true;
                i += 2;
            } else if (c == '\n') {
                throw new IllegalArgumentException("bare LF outside quotes at " + i);
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (!record.isEmpty() || field.length() > 0) {
            throw new IllegalArgumentException("last record does not end with CRLF");
        }
        return records;
    }

    /** The HTML report's {@code <data data-k=… value=…>} metrics, keys unescaped. */
    static Map<String, String> metrics(String html) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = METRIC.matcher(html);
        while (m.find()) {
            String key = unescape(m.group(1));
            if (out.put(key, m.group(2)) != null) {
                throw new IllegalStateException("metric " + key + " appears twice");
            }
        }
        return out;
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
