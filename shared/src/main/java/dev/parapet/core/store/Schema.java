package dev.parapet.core.store;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Brings the schema to this build's migrations when a store opens. Flyway costs a classpath scan, its own connection
 * work and checksum validation on every open, a cold-start cost for functions; so by default (migrate=auto) one
 * query reads which versions the database has applied and Flyway runs only when a bundled one is missing.
 */
final class Schema {
    static final String LOCATION = "db/migration";
    private static final Pattern FILE = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");
    private static volatile List<String> bundled;

    private Schema() {
    }

    static SchemaCheck ensure(Tx tx, DataSource dataSource, StoreOptions.Migrate mode, String where) {
        List<String> versions = bundled();
        Set<String> applied = tx.read("read the schema version", Schema::applied);
        List<String> pending = versions.stream().filter(v -> !applied.contains(v)).toList();
        if (mode == StoreOptions.Migrate.ALWAYS || (mode == StoreOptions.Migrate.AUTO && !pending.isEmpty())) {
            tx.retrying("migrate the schema", () -> {
                FlywayRun.migrate(dataSource, where);
                return null;
            });
            return new SchemaCheck(mode, versions, pending, true);
        }
        if (!pending.isEmpty()) {
            throw new StoreException("store " + where + " lacks schema migrations " + pending + " that this build needs "
                    + "(opened with migrate=never): run `parapet store migrate --store URL` as a user allowed to "
                    + "change the schema, or open with migrate=auto");
        }
        return new SchemaCheck(mode, versions, pending, false);
    }

    /** Versions Flyway recorded as successfully applied; none when it never ran here. */
    static Set<String> applied(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            while (rs.next()) {
                if (rs.getString(1) != null && rs.getBoolean(2)) {
                    out.add(normalize(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            if (missingTable(e)) {
                return Set.of();
            }
            throw e;
        }
        return out;
    }

    private static boolean missingTable(SQLException e) {
        return "42P01".equals(e.getSQLState())
                || (e.getClass().getName().startsWith("org.sqlite.") && String.valueOf(e.getMessage()).contains("no such table"));
    }

    /** The versions of the V*__*.sql files of this build, oldest first. */
    static List<String> bundled() {
        List<String> known = bundled;
        if (known == null) {
            known = scan();
            bundled = known;
        }
        return known;
    }

    private static List<String> scan() {
        URL url = Schema.class.getClassLoader().getResource(LOCATION);
        if (url == null) {
            throw new StoreException("the schema migrations (" + LOCATION + ") are missing from this build");
        }
        List<String> versions = new ArrayList<>();
        try {
            if (url.openConnection() instanceof JarURLConnection jar) {
                // the JDK shares the jar's central directory with the class loader: no second read of a large jar
                String prefix = LOCATION + "/";
                jar.getJarFile().stream().map(JarEntry::getName)
                        .filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
                        .forEach(n -> addVersion(n.substring(prefix.length()), versions));
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.forEach(f -> addVersion(f.getFileName().toString(), versions));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new StoreException("cannot list the schema migrations in " + url + ": " + e.getMessage(), e);
        }
        versions.sort(Comparator.comparing(Schema::parts, Schema::compareParts));
        return List.copyOf(versions);
    }

    private static void addVersion(String fileName, List<String> versions) {
        Matcher m = FILE.matcher(fileName);
        if (m.matches()) {
            versions.add(normalize(m.group(1)));
        }
    }

    /** "01_1" and "1.1.0" both become "1.1", as Flyway compares versions. */
    static String normalize(String version) {
        List<BigInteger> parts = parts(version);
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return String.join(".", parts.subList(0, end).stream().map(BigInteger::toString).toList());
    }

    private static List<BigInteger> parts(String version) {
        return Stream.of(version.split("[._]")).map(BigInteger::new).toList();
    }

    private static int compareParts(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
