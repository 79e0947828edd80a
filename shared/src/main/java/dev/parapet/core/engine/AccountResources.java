package dev.parapet.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parapet.core.json.Json;
import dev.parapet.core.model.Provider;
import dev.parapet.core.model.Resource;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Account-level rules (a multi-region trail exists, a password policy is set, Defender plans are on) judge the
 * account itself: AWS::::Account (the type AWS Config uses for account-level evaluations), an Azure subscription,
 * a Google Cloud project. Collectors supply these documents with the account settings they read; when a batch
 * lacks one, a bare document stands in, so rules that need the missing settings report ERROR rather than PASS.
 */
public final class AccountResources {
    public static final String AWS_ACCOUNT = "AWS::::Account";
    public static final String AZURE_SUBSCRIPTION = "Microsoft.Resources/subscriptions";
    public static final String GCP_PROJECT = "cloudresourcemanager.googleapis.com/Project";

    private AccountResources() {
    }

    public static String typeFor(Provider provider) {
        return switch (provider) {
            case AWS -> AWS_ACCOUNT;
            case AZURE -> AZURE_SUBSCRIPTION;
            case GCP -> GCP_PROJECT;
        };
    }

    public static boolean isAccountType(Provider provider, String type) {
        return typeFor(provider).equalsIgnoreCase(type);
    }

    public static String idFor(Provider provider, String account) {
        return switch (provider) {
            case AWS -> account;
            case AZURE -> "/subscriptions/" + account.toLowerCase(Locale.ROOT);
            case GCP -> "//cloudresourcemanager.googleapis.com/projects/" + account;
        };
    }

    /** A bare stand-in account document in the provider's own shape, carrying no settings. */
    public static Resource standIn(Provider provider, String account, Instant observed) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        String id = idFor(provider, account);
        switch (provider) {
            case AWS -> {
                doc.put("resourceType", AWS_ACCOUNT);
                doc.put("resourceId", account);
                doc.put("awsAccountId", account);
                doc.put("awsRegion", "global");
                doc.putObject("configuration");
                doc.putObject("supplementaryConfiguration");
            }
            case AZURE -> {
                doc.put("id", id);
                doc.put("type", AZURE_SUBSCRIPTION);
                doc.put("subscriptionId", account);
                doc.put("name", account);
                doc.putObject("properties");
            }
            case GCP -> {
                doc.put("name", id);
                doc.put("assetType", GCP_PROJECT);
                doc.putArray("ancestors").add("projects/" + account);
                doc.putObject("resource").putObject("data");
            }
        }
        return new Resource(provider, id, typeFor(provider), account, "global", account, Map.of(), observed, false, doc);
    }
}
