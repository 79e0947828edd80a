package dev.parapet.azure.app;

import dev.parapet.azure.collect.AzureScope;

import java.util.Map;

/**
 * The function app's settings (app settings in Azure, environment variables locally). Secrets such as the store URL
 * arrive as Key Vault references that the platform resolves into the environment; they are never logged.
 *
 * @param storeUrl           PARAPET_STORE_URL (required): jdbc:postgresql://... or jdbc:sqlite:...
 * @param scope              PARAPET_SUBSCRIPTIONS / PARAPET_MANAGEMENT_GROUPS; both empty: every readable subscription
 * @param ignoredPrincipals  PARAPET_IGNORE_PRINCIPALS: object or app ids whose writes the event function skips
 * @param armEndpoint        PARAPET_ARM_ENDPOINT: Resource Manager URL of a sovereign cloud or a local stub
 * @param parallelism        PARAPET_ARM_PARALLELISM: concurrent ARM reads (default 8)
 */
public record AzureSettings(String storeUrl, AzureScope scope, String ignoredPrincipals, String armEndpoint,
                            int parallelism) {

    /** Every setting the code reads; infra/azure must define the required ones (checked by a test). */
    public static final String STORE_URL = "PARAPET_STORE_URL";
    public static final String SUBSCRIPTIONS = "PARAPET_SUBSCRIPTIONS";
    public static final String MANAGEMENT_GROUPS = "PARAPET_MANAGEMENT_GROUPS";
    public static final String IGNORE_PRINCIPALS = "PARAPET_IGNORE_PRINCIPALS";
    public static final String ARM_ENDPOINT = "PARAPET_ARM_ENDPOINT";
    public static final String PARALLELISM = "PARAPET_ARM_PARALLELISM";
    /** Read by the timer binding (function.json "%PARAPET_SCHEDULE%"), not by code. */
    public static final String SCHEDULE = "PARAPET_SCHEDULE";

    public static AzureSettings from(Map<String, String> env) {
        String store = env.get(STORE_URL);
        if (store == null || store.isBlank()) {
            throw new IllegalStateException(STORE_URL + " is not set (in Azure: an app setting with a Key Vault "
                    + "reference to the store URL secret)");
        }
        if (store.startsWith("@Microsoft.KeyVault(")) {
            throw new IllegalStateException(STORE_URL + " is an unresolved Key Vault reference: grant the app's "
                    + "identity 'Key Vault Secrets User' on the vault and check the secret URI");
        }
        int parallelism = 8;
        String p = env.get(PARALLELISM);
        if (p != null && !p.isBlank()) {
            try {
                parallelism = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(PARALLELISM + " must be a whole number, not '" + p + "'");
            }
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalStateException(PARALLELISM + " must be between 1 and 64, not " + parallelism);
            }
        }
        return new AzureSettings(store.trim(), AzureScope.parse(env.get(SUBSCRIPTIONS), env.get(MANAGEMENT_GROUPS)),
                env.get(IGNORE_PRINCIPALS), blankToNull(env.get(ARM_ENDPOINT)), parallelism);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
