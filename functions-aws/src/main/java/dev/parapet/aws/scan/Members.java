package dev.parapet.aws.scan;

import dev.parapet.aws.sdk.AwsClients;
import software.amazon.awssdk.services.organizations.model.Account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The accounts a scheduled scan covers: the own account alone, a configured list, or every active account of the
 * organization (hub mode), each member reached through the same read-only role name.
 */
public final class Members {
    private Members() {
    }

    /**
     * @param accounts   empty: the own account only; "organization": AWS Organizations' active accounts; else a
     *                   comma-separated list of 12-digit account ids
     * @param memberRole the role name to assume in member accounts (not in the own account)
     */
    public static List<Member> resolve(AwsClients clients, String ownAccount, String accounts, String memberRole) {
        Set<String> ids = new LinkedHashSet<>();
        String spec = accounts == null ? "" : accounts.trim();
        if (spec.isEmpty()) {
            ids.add(ownAccount);
        } else if (spec.equalsIgnoreCase("organization")) {
            for (Account a : clients.organizations().listAccountsPaginator(r -> { }).stream().flatMap(p -> p.accounts().stream()).toList()) {
                if ("ACTIVE".equals(a.statusAsString())) {
                    ids.add(a.id());
                }
            }
        } else {
            for (String id : spec.split("[,\\s]+")) {
                if (!id.matches("\\d{12}")) {
                    throw new IllegalArgumentException("PARAPET_ACCOUNTS holds '" + id + "', not a 12-digit account id");
                }
                ids.add(id);
            }
        }
        List<Member> out = new ArrayList<>();
        for (String id : ids) {
            if (id.equals(ownAccount)) {
                out.add(new Member(id, null));
            } else {
                if (memberRole == null || memberRole.isBlank()) {
                    throw new IllegalArgumentException("account " + id + " is not the own account (" + ownAccount
                            + ") and PARAPET_MEMBER_ROLE names no role to assume there");
                }
                out.add(new Member(id, "arn:aws:iam::" + id + ":role/" + memberRole));
            }
        }
        return out;
    }
}
