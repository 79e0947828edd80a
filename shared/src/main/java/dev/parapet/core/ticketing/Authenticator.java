package dev.parapet.core.ticketing;

import dev.parapet.core.ticketing.ServiceNowException.Kind;
import dev.parapet.core.ticketing.TicketConfig.Auth;
import dev.parapet.core.ticketing.TicketConfig.AuthType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Produces the Authorization header of Table API requests. */
interface Authenticator {
    String header(Deadline deadline);

    /** Drops a cached token (after a 401); false when there is nothing to refresh. */
    boolean invalidate();

    /** Resolves the configured secret names; every value is registered with the masker before any use. */
    static Authenticator of(TicketConfig.Target target, SecretSource secrets, Http http, Masker masker,
                            java.time.Clock clock) {
        Auth auth = target.auth();
        boolean needsUser = auth.type() == AuthType.BASIC || auth.grant() == TicketConfig.Grant.PASSWORD;
        String user = !needsUser ? null : auth.user() != null ? auth.user() : secret(secrets, auth.userFrom(), "user", masker, false);
        if (auth.type() == AuthType.BASIC) {
            String password = secret(secrets, auth.passwordFrom(), "password", masker, true);
            String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            masker.add(encoded);
            return new Authenticator() {
                @Override
                public String header(Deadline deadline) {
                    return "Basic " + encoded;
                }

                @Override
                public boolean invalidate() {
                    return false;
                }
            };
        }
        String clientId = auth.clientId() != null ? auth.clientId() : secret(secrets, auth.clientIdFrom(), "client id", masker, false);
        String clientSecret = secret(secrets, auth.clientSecretFrom(), "client secret", masker, true);
        String password = auth.grant() == TicketConfig.Grant.PASSWORD
                ? secret(secrets, auth.passwordFrom(), "password", masker, true) : null;
        return new OAuthTokens(target.instance().resolve("/oauth_token.do"), auth.grant(), clientId, clientSecret,
                user, password, http, masker, clock);
    }

    private static String secret(SecretSource secrets, String name, String what, Masker masker, boolean secret) {
        String value = name == null ? null : secrets.get(name);
        if (value == null || value.isEmpty()) {
            throw new ServiceNowException(Kind.AUTH, 0, "the ServiceNow " + what + " is not set: no value for '" + name
                    + "' in the environment or the function's secret", false, null);
        }
        if (secret) {
            masker.add(value);
        }
        return value;
    }
}
