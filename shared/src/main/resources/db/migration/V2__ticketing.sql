-- Ticketing (ServiceNow): the outbox written with every finding change a ticket cares about, the record each
-- (rule, resource) pair has in ServiceNow, and a pause after the ticketing system refused our credentials.
-- Same portable types as V1: TEXT, BIGINT epoch milliseconds, INTEGER counters.

-- One row per finding with something to forward (coalesced: a later change replaces an earlier pending one, the
-- forwarder brings the record in line with the finding's current state). seq is the finding's version at the
-- change, so a row is only ever replaced by a newer change. A forwarder claims rows for a lease (claim_id,
-- claimed_until); done rows are deleted, rows refused for good stay as FAILED with the reason until requeued.
CREATE TABLE ticket_outbox (
    finding_key   TEXT    NOT NULL PRIMARY KEY,
    seq           BIGINT  NOT NULL,
    event         TEXT    NOT NULL,
    changed_at    BIGINT  NOT NULL,
    status        TEXT    NOT NULL,
    attempts      INTEGER NOT NULL,
    next_attempt  BIGINT  NOT NULL,
    claim_id      TEXT,
    claimed_until BIGINT,
    last_error    TEXT
);
CREATE INDEX ticket_outbox_ready ON ticket_outbox (status, next_attempt);

-- The ServiceNow record of a finding: its sys_id (stored as soon as it is known), the governance written onto it,
-- and what the forwarder last did (state OPEN / RESOLVED / CLOSED_IN_SERVICENOW, evidence noted).
CREATE TABLE tickets (
    finding_key      TEXT   NOT NULL PRIMARY KEY,
    correlation_id   TEXT   NOT NULL,
    table_name       TEXT   NOT NULL,
    sys_id           TEXT   NOT NULL,
    number           TEXT,
    state            TEXT   NOT NULL,
    record_state     TEXT,
    evidence_hash    TEXT,
    owner            TEXT,
    assignment_group TEXT,
    due_at           BIGINT,
    opened_at        BIGINT NOT NULL,
    resolved_at      BIGINT,
    updated_at       BIGINT NOT NULL
);
CREATE INDEX tickets_by_sys_id ON tickets (sys_id);

-- Forwarding to one target (instance and table) paused after 401/403: no request until retry_at or a requeue.
CREATE TABLE ticket_pause (
    target   TEXT    NOT NULL PRIMARY KEY,
    reason   TEXT    NOT NULL,
    since    BIGINT  NOT NULL,
    retry_at BIGINT  NOT NULL,
    failures INTEGER NOT NULL
);

-- Findings failing before this migration have no outbox row yet: queue them, so enabling ticketing later still
-- opens their records (the forwarder applies its severity threshold).
INSERT INTO ticket_outbox (finding_key, seq, event, changed_at, status, attempts, next_attempt)
SELECT finding_key, version, 'OPENED', observed_at, 'PENDING', 0, 0 FROM findings WHERE phase = 'OPEN' AND active = 1;
