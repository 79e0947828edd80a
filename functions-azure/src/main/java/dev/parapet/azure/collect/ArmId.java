package dev.parapet.azure.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ARM resource id taken apart: subscription, resource group, the resource type it names (namespace plus nested
 * type segments) and its parent. Extension resources ({@code {scope}/providers/Microsoft.Insights/diagnosticSettings/x})
 * are typed by their last provider segment and their parent is the scope they extend.
 *
 * @param type null for ids that name a subscription or resource group only
 */
public record ArmId(String id, String subscription, String resourceGroup, String namespace, String type, String name,
                    String parent) {

    public static final String SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions";
    public static final String RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";

    /** Parses an ARM id; throws IllegalArgumentException naming what is wrong with it. */
    public static ArmId parse(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("ARM id is missing");
        }
        String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        String[] raw = trimmed.split("/", -1);
        if (raw.length < 3 || !raw[0].isEmpty() || !raw[1].equalsIgnoreCase("subscriptions") || raw[2].isBlank()) {
            throw new IllegalArgumentException("'" + id + "' is not an ARM id (expected /subscriptions/{id}/...)");
        }
        for (int i = 1; i < raw.length; i++) {
            if (raw[i].isBlank()) {
                throw new IllegalArgumentException("'" + id + "' has an empty path segment");
            }
        }
        String subscription = raw[2];
        String group = raw.length > 4 && raw[3].equalsIgnoreCase("resourceGroups") ? raw[4] : null;
        int lastProviders = -1;
        for (int i = 3; i < raw.length; i++) {
            if (raw[i].equalsIgnoreCase("providers")) {
                lastProviders = i;
            }
        }
        if (lastProviders < 0) {
            if (raw.length == 3) {
                return new ArmId(trimmed, subscription, null, "Microsoft.Resources", SUBSCRIPTION_TYPE, subscription, null);
            }
            if (group != null && raw.length == 5) {
                return new ArmId(trimmed, subscription, group, "Microsoft.Resources", RESOURCE_GROUP_TYPE, group,
                        "/subscriptions/" + subscription);
            }
            throw new IllegalArgumentException("'" + id + "' names no resource type (no /providers/ segment)");
        }
        int after = raw.length - lastProviders - 1;
        // providers/{namespace}/{type}/{name}[/{type}/{name}...]: an odd count of segments after "providers"
        if (after < 3 || after % 2 == 0) {
            throw new IllegalArgumentException("'" + id + "' does not end in {namespace}/{type}/{name} pairs after /providers/");
        }
        String namespace = raw[lastProviders + 1];
        List<String> types = new ArrayList<>();
        for (int i = lastProviders + 2; i < raw.length; i += 2) {
            types.add(raw[i]);
        }
        String type = namespace + "/" + String.join("/", types);
        String parent = types.size() > 1
                ? String.join("/", java.util.Arrays.copyOfRange(raw, 0, raw.length - 2))
                : String.join("/", java.util.Arrays.copyOfRange(raw, 0, lastProviders));
        return new ArmId(trimmed, subscription, group, namespace, type, raw[raw.length - 1], parent);
    }

    /** The type below the namespace ("storageAccounts/blobServices"), as provider metadata lists it. */
    public String typeBelowNamespace() {
        return type.substring(namespace.length() + 1);
    }

    public boolean isSubscription() {
        return SUBSCRIPTION_TYPE.equals(type);
    }

    public String subscriptionId() {
        return "/subscriptions/" + subscription;
    }

    public boolean typeIs(String other) {
        return type.equalsIgnoreCase(other);
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
