package dev.parapet.core.ticketing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Severity;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ServiceNow forwarding configuration (YAML, docs/SERVICENOW.md): where to send, how to authenticate (names of
 * secrets, never their values), how a finding maps onto a record, policies, severity threshold, governance rules and
 * the forwarding budget.
 */
public record TicketConfig(Target target, Mapping mapping, Policy policy, Threshold threshold, Governance governance,
                           Forwarding forwarding) {

    public static final String INCIDENT = "incident";
    public static final String SECURITY_INCIDENT = "sn_si_incident";

    /**
     * @param instance https URL of the instance (http only for loopback stand-ins in tests)
     * @param timeout  per request
     */
    public record Target(URI instance, String table, Auth auth, Duration timeout) {
        /** Names the target in pauses and reports (no credentials). */
        public String id() {
            return instance + "#" + table;
        }
    }

    /**
     * Credentials by reference. Secrets ({@code passwordFrom}, {@code clientSecretFrom}) are always names looked up
     * in a {@link SecretSource}; user and client id may be given as-is or by name.
     */
    public record Auth(AuthType type, Grant grant, String user, String userFrom, String passwordFrom,
                       String clientId, String clientIdFrom, String clientSecretFrom) {
    }

    public enum AuthType { BASIC, OAUTH }

    public enum Grant { PASSWORD, CLIENT_CREDENTIALS }

    /**
     * How a finding becomes a record.
     *
     * @param reportUrl      link to the finding's report; {@code {key}}, {@code {rule}} and {@code {resource}} are
     *                       replaced (URL-encoded)
     * @param fields         extra static fields written on creation
     * @param closeCodes     PASSED / DELETED / NOT_SEEN to the close code
     */
    public record Mapping(String category, String subcategory, String correlationDisplay, String reportUrl,
                          Map<String, String> fields, Map<Severity, String> urgency, Map<Severity, String> impact,
                          States states, Map<String, String> closeCodes) {
    }

    /**
     * State values of the table. {@code resolved} is what Parapet sets; {@code inactive} are the states in which a
     * record counts as closed (resolved, closed, canceled); {@code reopen} is set when a resolved record reopens.
     */
    public record States(String reopen, String resolved, Set<String> inactive) {
    }

    /** What happens when a finding fails again after its record was resolved, or when someone closed it. */
    public record Policy(FailingAgain failingAgain, ClosedInServiceNow closedInServiceNow) {
    }

    public enum FailingAgain { REOPEN, NEW }

    public enum ClosedInServiceNow { NEW, REOPEN, LEAVE }

    /**
     * @param budget     default time one invocation may spend forwarding
     * @param batch      outbox rows claimed at once
     * @param lease      how long a claim holds if its forwarder dies
     * @param backoff    first retry delay (doubled each attempt, with jitter)
     * @param maxBackoff longest delay between attempts of one row
     * @param authPause  pause after 401/403 (doubled on each repeat, at most a day)
     */
    public record Forwarding(Duration budget, int batch, Duration lease, Duration backoff, Duration maxBackoff,
                             Duration authPause) {
    }

    /**
     * A configuration given as a setting (an environment variable, a function's app setting): YAML text, or the path
     * of a YAML file.
     */
    public static TicketConfig fromSetting(String value, String name) {
        String trimmed = value.trim();
        if (trimmed.contains("\n") || trimmed.startsWith("servicenow:") || trimmed.startsWith("{")) {
            return parse(trimmed, name);
        }
        if (!Files.isRegularFile(Path.of(trimmed))) {
            throw new IllegalArgumentException(name + " is neither ticketing YAML nor the path of a file: " + trimmed);
        }
        return load(Path.of(trimmed));
    }

    public static TicketConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ticketing configuration " + file + ": " + e.getMessage(), e);
        }
    }

    public static TicketConfig parse(String yaml, String source) {
        ConfigNode root;
        try {
            root = ConfigNode.root(Json.YAML.readTree(yaml), source);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (!root.present()) {
            throw root.problem("is empty");
        }
        root.object("servicenow", "record", "policy", "threshold", "governance", "forwarding");
        Target target = target(root.get("servicenow"));
        return new TicketConfig(target, mapping(root.get("record"), target.table()), policy(root.get("policy")),
                Threshold.parse(root.get("threshold")), Governance.parse(root.get("governance")),
                forwarding(root.get("forwarding")));
    }

    private static Target target(ConfigNode n) {
        n.object("instance", "table", "auth", "timeout");
        if (!n.present()) {
            throw n.problem("is required (instance, table, auth)");
        }
        URI instance = instance(n.get("instance"));
        String table = n.get("table").text(INCIDENT);
        if (!table.matches("[a-z0-9_]+")) {
            throw n.get("table").problem("expected a table name such as incident or sn_si_incident, got '" + table + "'");
        }
        return new Target(instance, table, auth(n.get("auth")), n.get("timeout").duration(Duration.ofSeconds(15)));
    }

    private static URI instance(ConfigNode n) {
        String text = n.required();
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw n.problem("not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw n.problem("expected the instance URL alone, such as https://acme.service-now.com, got '" + text + "'");
        }
        boolean loopback = uri.getHost().equals("localhost") || uri.getHost().startsWith("127.")
                || uri.getHost().equals("[::1]");
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw n.problem("must be https (plain http is accepted for a loopback stand-in only), got '" + text + "'");
        }
        return uri;
    }

    private static Auth auth(ConfigNode n) {
        n.object("type", "grant", "user", "userFrom", "passwordFrom", "clientId", "clientIdFrom", "clientSecretFrom");
        if (!n.present()) {
            throw n.problem("is required (type basic or oauth, and the names of the secrets)");
        }
        AuthType type = choice(n.get("type"), AuthType.class, null);
        Grant grant = type == AuthType.OAUTH ? choice(n.get("grant"), Grant.class, Grant.CLIENT_CREDENTIALS) : null;
        Auth auth = new Auth(type, grant, n.get("user").text(null), n.get("userFrom").text(null),
                n.get("passwordFrom").text(null), n.get("clientId").text(null), n.get("clientIdFrom").text(null),
                n.get("clientSecretFrom").text(null));
        boolean needsUser = type == AuthType.BASIC || grant == Grant.PASSWORD;
        if (needsUser && auth.user() == null && auth.userFrom() == null) {
            throw n.problem("needs user or userFrom");
        }
        if (needsUser && auth.passwordFrom() == null) {
            throw n.problem("needs passwordFrom (the name of the secret or environment variable holding the password)");
        }
        if (type == AuthType.OAUTH && (auth.clientId() == null && auth.clientIdFrom() == null
                || auth.clientSecretFrom() == null)) {
            throw n.problem("oauth needs clientId (or clientIdFrom) and clientSecretFrom");
        }
        return auth;
    }

    private static Mapping mapping(ConfigNode n, String table) {
        n.object("category", "subcategory", "correlationDisplay", "reportUrl", "fields", "urgency", "impact",
                "states", "closeCode");
        boolean sir = SECURITY_INCIDENT.equals(table);
        Map<Severity, String> urgency = severities(n.get("urgency"), levels("1", "1", "2", "3", "3"));
        Map<Severity, String> impact = severities(n.get("impact"), levels("1", "2", "2", "3", "3"));
        ConfigNode s = n.get("states").object("reopen", "resolved", "inactive");
        // Incident: 2 In Progress, 6 Resolved, 7 Closed, 8 Canceled. Security incident: 16 Analysis, 3 Closed,
        // 7 Cancelled (check the values on your instance: state models are often customised).
        States states = new States(s.get("reopen").text(sir ? "16" : "2"), s.get("resolved").text(sir ? "3" : "6"),
                Set.copyOf(s.get("inactive").present() ? s.get("inactive").texts() : sir ? List.of("3", "7") : List.of("6", "7", "8")));
        if (!states.inactive().contains(states.resolved())) {
            throw s.get("inactive").problem("must include the resolved state " + states.resolved());
        }
        ConfigNode cc = n.get("closeCode").object("PASSED", "DELETED", "NOT_SEEN");
        String fallback = sir ? "Threat mitigated" : "Solution provided";
        Map<String, String> closeCodes = new LinkedHashMap<>();
        closeCodes.put("PASSED", cc.get("PASSED").text(fallback));
        closeCodes.put("DELETED", cc.get("DELETED").text(fallback));
        closeCodes.put("NOT_SEEN", cc.get("NOT_SEEN").text(fallback));
        String reportUrl = n.get("reportUrl").text(null);
        if (reportUrl != null && !reportUrl.startsWith("https://") && !reportUrl.startsWith("http://")) {
            throw n.get("reportUrl").problem("expected an http(s) URL, got '" + reportUrl + "'");
        }
        return new Mapping(n.get("category").text(sir ? null : "security"), n.get("subcategory").text(null),
                n.get("correlationDisplay").text("Parapet"), reportUrl, n.get("fields").textMap(), urgency, impact,
                states, closeCodes);
    }

    private static Map<Severity, String> levels(String critical, String high, String medium, String low, String info) {
        Map<Severity, String> m = new EnumMap<>(Severity.class);
        m.put(Severity.CRITICAL, critical);
        m.put(Severity.HIGH, high);
        m.put(Severity.MEDIUM, medium);
        m.put(Severity.LOW, low);
        m.put(Severity.INFORMATIONAL, info);
        return m;
    }

    private static Map<Severity, String> severities(ConfigNode n, Map<Severity, String> defaults) {
        Map<Severity, String> out = new EnumMap<>(defaults);
        for (Map.Entry<String, String> e : n.textMap().entrySet()) {
            try {
                out.put(Severity.parse(e.getKey()), e.getValue());
            } catch (IllegalArgumentException x) {
                throw n.problem(x.getMessage());
            }
        }
        return out;
    }

    private static Policy policy(ConfigNode n) {
        n.object("failingAgain", "closedInServiceNow");
        return new Policy(choice(n.get("failingAgain"), FailingAgain.class, FailingAgain.REOPEN),
                choice(n.get("closedInServiceNow"), ClosedInServiceNow.class, ClosedInServiceNow.NEW));
    }

    private static Forwarding forwarding(ConfigNode n) {
        n.object("budget", "batch", "lease", "backoff", "maxBackoff", "authPause");
        Forwarding f = new Forwarding(n.get("budget").duration(Duration.ofSeconds(30)), n.get("batch").integer(25, 1, 500),
                n.get("lease").duration(Duration.ofMinutes(5)), n.get("backoff").duration(Duration.ofMillis(500)),
                n.get("maxBackoff").duration(Duration.ofMinutes(15)), n.get("authPause").duration(Duration.ofHours(1)));
        if (f.lease().compareTo(f.budget()) <= 0) {
            throw n.get("lease").problem("must be longer than the budget (" + f.budget() + "), or a slow forwarder "
                    + "could lose its claim while it still works");
        }
        return f;
    }

    private static <E extends Enum<E>> E choice(ConfigNode n, Class<E> type, E fallback) {
        String text = n.text(null);
        if (text == null) {
            if (fallback == null) {
                throw n.problem("is required (one of " + names(type) + ")");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw n.problem("expected one of " + names(type) + ", got '" + text + "'");
        }
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }
}
