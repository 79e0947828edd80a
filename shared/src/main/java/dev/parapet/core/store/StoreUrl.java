package dev.parapet.core.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed store location. Accepted forms: {@code sqlite:PATH}, a bare file path, {@code jdbc:sqlite:PATH},
 * {@code postgresql://user:password@host:port/db?params} (also {@code postgres://}) and
 * {@code jdbc:postgresql://host:port/db?params}. Credentials are taken out of the JDBC URL and handed to the pool
 * separately, so the URL the pool and its logs see carries no password.
 *
 * @param jdbcUrl    JDBC URL without credentials and without Parapet's own parameters
 * @param sqliteFile the database file for SQLite, else null
 * @param options    Parapet's own parameters ({@code migrate}, {@code retryBudget}), see {@link StoreOptions}
 */
public record StoreUrl(Kind kind, String jdbcUrl, String user, String password, Path sqliteFile, StoreOptions options) {

    public enum Kind { SQLITE, POSTGRESQL }

    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.:-]*://)([^@/?#]*)@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;#]*");
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");

    /** Text safe to log: the password in user info or a password parameter is replaced by ***. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        Matcher m = USERINFO.matcher(out);
        if (m.find() && m.group(2).contains(":")) {
            String user = m.group(2).substring(0, m.group(2).indexOf(':'));
            out = m.group(1) + user + ":***@" + out.substring(m.end());
        }
        return PASSWORD_PARAM.matcher(out).replaceAll("$1***");
    }

    public static StoreUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("store URL is empty (expected sqlite:PATH, a file path, jdbc:sqlite:PATH, "
                    + "postgresql://user@host:port/db or jdbc:postgresql://host:port/db)");
        }
        String text = url.trim();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(text.substring("jdbc:sqlite:".length()), url);
        }
        if (lower.startsWith("sqlite:")) {
            return sqlite(text.substring("sqlite:".length()), url);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return postgres(text.substring(text.indexOf("://") + 3), url);
        }
        if (lower.startsWith("jdbc:postgresql://")) {
            return postgres(text.substring("jdbc:postgresql://".length()), url);
        }
        Matcher scheme = SCHEME.matcher(text);
        // One letter before the colon is a Windows drive (C:\...), not a scheme.
        if (scheme.find() && scheme.group(1).length() > 1) {
            throw new IllegalArgumentException("unsupported store URL '" + mask(url) + "' (expected sqlite:PATH, a file "
                    + "path, jdbc:sqlite:PATH, postgresql://user@host:port/db or jdbc:postgresql://host:port/db)");
        }
        return sqlite(text, url);
    }

    private static StoreUrl sqlite(String rest, String original) {
        String path = rest;
        int query = path.indexOf('?');
        StoreOptions options = StoreOptions.DEFAULT;
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String param : path.substring(query + 1).split("&")) {
                int eq = param.indexOf('=');
                String name = eq >= 0 ? param.substring(0, eq) : param;
                if (StoreOptions.owns(name)) {
                    options = options.with(name, eq >= 0 ? decode(param.substring(eq + 1)) : "");
                } else if (!param.isEmpty()) {
                    kept.add(param);
                }
            }
        }
        String params = kept.isEmpty() ? "" : "?" + String.join("&", kept);
        path = query >= 0 ? path.substring(0, query) : path;
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("store URL '" + mask(original) + "' names no SQLite file");
        }
        if (path.equals(":memory:") || path.startsWith(":memory:")) {
            throw new IllegalArgumentException("store URL '" + mask(original) + "': an in-memory SQLite database is "
                    + "not supported (each pooled connection would see its own empty database); name a file");
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        return new StoreUrl(Kind.SQLITE, "jdbc:sqlite:" + file + params, null, null, file, options);
    }

    private static StoreUrl postgres(String rest, String original) {
        String user = null;
        String password = null;
        String hostAndRest = rest;
        int at = hostAndRest.indexOf('@');
        int slash = hostAndRest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            String userInfo = hostAndRest.substring(0, at);
            hostAndRest = hostAndRest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        int query = hostAndRest.indexOf('?');
        String base = query >= 0 ? hostAndRest.substring(0, query) : hostAndRest;
        List<String> kept = new ArrayList<>();
        StoreOptions options = StoreOptions.DEFAULT;
        if (query >= 0) {
            for (String param : hostAndRest.substring(query + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = (eq >= 0 ? param.substring(0, eq) : param).toLowerCase(Locale.ROOT);
                String value = eq >= 0 ? decode(param.substring(eq + 1)) : "";
                if (StoreOptions.owns(name)) {
                    options = options.with(name, value);
                    continue;
                }
                switch (name) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> kept.add(param);
                }
            }
        }
        if (base.isBlank() || base.startsWith("/") || base.startsWith(":")) {
            throw new IllegalArgumentException("store URL '" + mask(original) + "' names no PostgreSQL host "
                    + "(expected postgresql://user@host:port/db)");
        }
        if (!base.contains("/") || base.endsWith("/")) {
            throw new IllegalArgumentException("store URL '" + mask(original) + "' names no database "
                    + "(expected postgresql://user@host:port/db)");
        }
        String jdbc = "jdbc:postgresql://" + base + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new StoreUrl(Kind.POSTGRESQL, jdbc, user, password, null, options);
    }

    /** Percent-decoding only ('+' stays '+'); a malformed escape stays as written rather than failing loudly. */
    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    /** The location for messages and logs: JDBC URL and user, never the password. */
    public String describe() {
        return user == null ? jdbcUrl : jdbcUrl + " (user " + user + ")";
    }

    @Override
    public String toString() {
        return "StoreUrl[" + describe() + "]";
    }
}
