package dev.parapet.core.rules;

import java.util.Locale;

/**
 * Other resources a rule reads besides the one it judges, bound to {@code related.<name>} as a list.
 *
 * @param type  native resource type to look up
 * @param scope where to look: ACCOUNT (same provider and account, any region), REGION (same account and region),
 *              CHILDREN (resources whose id starts with this resource's id + "/", e.g. an Azure storage account's
 *              blobServices/default)
 */
public record RelatedSpec(String name, String type, Scope scope) {

    public enum Scope {
        ACCOUNT, REGION, CHILDREN;

        static Scope parse(String text) {
            if (text == null) {
                return ACCOUNT;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("related scope '" + text + "' is not one of account, region, children");
            }
        }
    }
}
