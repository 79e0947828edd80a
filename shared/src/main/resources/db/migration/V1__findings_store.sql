-- Parapet findings store. One schema for SQLite and PostgreSQL: TEXT, BIGINT epoch milliseconds,
-- DOUBLE PRECISION, INTEGER 0/1 flags. Keep it that way: no vendor types, no vendor defaults.

-- A scan of one or more scopes. Counters are kept exact by the store (each lifecycle transition happens once).
CREATE TABLE scans (
    id               TEXT    NOT NULL PRIMARY KEY,
    trigger_kind     TEXT    NOT NULL,
    started_at       BIGINT  NOT NULL,
    finished_at      BIGINT,
    state            TEXT    NOT NULL,
    findings_written INTEGER NOT NULL,
    opened           INTEGER NOT NULL,
    resolved         INTEGER NOT NULL,
    reopened         INTEGER NOT NULL,
    not_seen         INTEGER NOT NULL
);
CREATE INDEX scans_by_start ON scans (started_at);

-- What a scan covers. region '' = every region of the account.
CREATE TABLE scan_scopes (
    scan_id  TEXT NOT NULL REFERENCES scans (id),
    provider TEXT NOT NULL,
    account  TEXT NOT NULL,
    region   TEXT NOT NULL,
    PRIMARY KEY (scan_id, provider, account, region)
);

-- Inventory: the latest document of every resource. Dead rows (live = 0) stay as tombstones so that an older
-- document arriving late cannot bring a deleted resource back. *_key columns are lower-cased copies for the
-- case-insensitive lookups of the engine (Resource Graph lower-cases types and ids).
CREATE TABLE resources (
    provider          TEXT    NOT NULL,
    resource_id       TEXT    NOT NULL,
    id_key            TEXT    NOT NULL,
    resource_type     TEXT    NOT NULL,
    type_key          TEXT    NOT NULL,
    account           TEXT    NOT NULL,
    account_key       TEXT    NOT NULL,
    region            TEXT    NOT NULL,
    region_key        TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    tags              TEXT    NOT NULL,
    document          TEXT    NOT NULL,
    observed_at       BIGINT  NOT NULL,
    live              INTEGER NOT NULL,
    gone_at           BIGINT,
    gone_reason       TEXT,
    last_scan_id      TEXT,
    last_scan_started BIGINT  NOT NULL,
    PRIMARY KEY (provider, resource_id)
);
CREATE INDEX resources_by_account_type ON resources (provider, account_key, type_key);
CREATE INDEX resources_by_type ON resources (provider, type_key, id_key);
CREATE INDEX resources_by_scope ON resources (provider, account_key, region_key);

-- One row per (rule, resource) pair: the latest evaluation and its lifecycle. version guards every update
-- (optimistic concurrency: UPDATE ... WHERE version = expected), so racing writers never lose a transition.
CREATE TABLE findings (
    finding_key       TEXT    NOT NULL PRIMARY KEY,
    rule_id           TEXT    NOT NULL,
    provider          TEXT    NOT NULL,
    resource_id       TEXT    NOT NULL,
    resource_type     TEXT    NOT NULL,
    account           TEXT    NOT NULL,
    account_key       TEXT    NOT NULL,
    region            TEXT    NOT NULL,
    region_key        TEXT    NOT NULL,
    resource_name     TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    severity          TEXT    NOT NULL,
    control           TEXT,
    compliance        TEXT    NOT NULL,
    evidence          TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    observed_at       BIGINT  NOT NULL,
    phase             TEXT    NOT NULL,
    state             TEXT    NOT NULL,
    active            INTEGER NOT NULL,
    first_seen        BIGINT  NOT NULL,
    last_seen         BIGINT  NOT NULL,
    resolved_at       BIGINT,
    resolution        TEXT,
    gone_at           BIGINT,
    reopen_count      INTEGER NOT NULL,
    last_scan_id      TEXT,
    last_scan_started BIGINT  NOT NULL,
    version           BIGINT  NOT NULL
);
CREATE INDEX findings_by_resource ON findings (provider, resource_id);
CREATE INDEX findings_by_scope ON findings (provider, account_key, region_key);
CREATE INDEX findings_by_rule ON findings (rule_id);
CREATE INDEX findings_by_last_scan ON findings (last_scan_id);

-- Every change of a finding's state; seq is the finding's version after the change, so a row is written once.
-- No foreign key: retention deletes findings first and then the history left without one.
CREATE TABLE finding_history (
    finding_key TEXT   NOT NULL,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    status      TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    resolution  TEXT,
    scan_id     TEXT,
    PRIMARY KEY (finding_key, seq)
);

-- Findings failing (phase OPEN) when a scan finished, for deltas between scans.
CREATE TABLE scan_failures (
    scan_id     TEXT NOT NULL REFERENCES scans (id),
    finding_key TEXT NOT NULL,
    PRIMARY KEY (scan_id, finding_key)
);

-- Secure score per scope per scan.
CREATE TABLE score_history (
    scan_id    TEXT             NOT NULL,
    scope_kind TEXT             NOT NULL,
    scope_id   TEXT             NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    max_score  DOUBLE PRECISION NOT NULL,
    percent    DOUBLE PRECISION,
    at         BIGINT           NOT NULL,
    PRIMARY KEY (scan_id, scope_kind, scope_id)
);
CREATE INDEX score_history_by_scope ON score_history (scope_kind, scope_id, at);

-- The latest score of each scope per UTC day: what trend charts read.
CREATE TABLE daily_scores (
    scope_kind TEXT             NOT NULL,
    scope_id   TEXT             NOT NULL,
    day        TEXT             NOT NULL,
    scan_id    TEXT             NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    max_score  DOUBLE PRECISION NOT NULL,
    percent    DOUBLE PRECISION,
    at         BIGINT           NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, day)
);
