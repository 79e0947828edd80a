package dev.parapet.aws.scan;

import java.util.Set;

/**
 * Resource types collected and assessed together in one fan-out part: every type a rule of the group reads is in
 * the group, so a part's batch holds the related resources its rules need.
 *
 * @param global true when one part covers every region (S3, IAM, the account item and what account rules read)
 */
public record TypeGroup(String name, Set<String> types, boolean global) {
    public TypeGroup {
        types = Set.copyOf(types);
    }
}
