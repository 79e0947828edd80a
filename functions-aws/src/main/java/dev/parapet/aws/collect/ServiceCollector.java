package dev.parapet.aws.collect;

import java.util.Set;

/** Reads one service's resources through its API and writes them as configuration items. */
public interface ServiceCollector {

    /** The configuration item types this collector produces. */
    Set<String> types();

    /** True when one listing covers every region (S3 ListBuckets, IAM): such collectors ignore the region. */
    boolean global();

    /**
     * Lists {@code types} (a subset of {@link #types()}) in one region. A listing that fails is reported with
     * {@link Collected#unreadable}; a failed detail call leaves its block unreadable in the item.
     */
    void collect(Target target, String region, Set<String> types, Collected out);

    /**
     * Re-reads one resource by the name or id its API uses (bucket name, group id, user name, ...).
     *
     * @return false when the resource does not exist (any more)
     */
    boolean collectOne(Target target, String region, String type, String key, Collected out);
}
