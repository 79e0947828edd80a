-- Published scoring reports (docs/REPORTS.md). Same types as V1: TEXT, BIGINT epoch milliseconds.
-- Numbered V4: V2 and V3 are taken by migrations of other branches.

-- One publication: id is where its dated files went (e.g. s3://bucket/prefix/2026/03/01/20260301T093000Z/).
CREATE TABLE reports (
    id           TEXT   NOT NULL PRIMARY KEY,
    generated_at BIGINT NOT NULL,
    published_at BIGINT NOT NULL
);
CREATE INDEX reports_by_time ON reports (published_at);

-- The scans a report covers.
CREATE TABLE report_scans (
    report_id TEXT NOT NULL REFERENCES reports (id),
    scan_id   TEXT NOT NULL,
    PRIMARY KEY (report_id, scan_id)
);

-- Each file of a report: its format, dated key, latest-copy key and size in bytes.
CREATE TABLE report_files (
    report_id  TEXT   NOT NULL REFERENCES reports (id),
    format     TEXT   NOT NULL,
    dated_key  TEXT   NOT NULL,
    latest_key TEXT   NOT NULL,
    bytes      BIGINT NOT NULL,
    PRIMARY KEY (report_id, format)
);
