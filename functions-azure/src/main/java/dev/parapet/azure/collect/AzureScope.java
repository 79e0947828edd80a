package dev.parapet.azure.collect;

import java.util.List;
import java.util.Locale;

/**
 * What to collect: named subscriptions, the subscriptions below management groups, or (both empty) every
 * subscription the identity can read.
 */
public record AzureScope(List<String> subscriptions, List<String> managementGroups) {
    public static final AzureScope ALL_READABLE = new AzureScope(List.of(), List.of());

    public AzureScope {
        subscriptions = subscriptions == null ? List.of()
                : subscriptions.stream().map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        managementGroups = managementGroups == null ? List.of()
                : managementGroups.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Comma- or space-separated lists, as app settings and command lines give them. */
    public static AzureScope parse(String subscriptions, String managementGroups) {
        return new AzureScope(split(subscriptions), split(managementGroups));
    }

    private static List<String> split(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.trim().split("[,\\s]+"));
    }
}
