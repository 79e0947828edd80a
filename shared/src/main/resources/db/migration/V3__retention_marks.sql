-- Per provider and account: the latest death (gone_at) among the tombstones (dead resources, inactive findings)
-- that retention purged. A document observed no later than it, for a resource or finding that has no row, is
-- stale, as the purged tombstone would have made it, unless a scan started after the mark vouches for it.
CREATE TABLE retention_marks (
    provider       TEXT   NOT NULL,
    account_key    TEXT   NOT NULL,
    purged_through BIGINT NOT NULL,
    PRIMARY KEY (provider, account_key)
);
