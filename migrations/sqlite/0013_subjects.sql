-- Subjects: timeline steps, follows, inbox entries, abuse reports and
-- hides for any subject (a kind and an id: 'petition' now; consultations,
-- comments, polls, counter cases and invoices next), replacing the
-- petition-only tables and columns. Every row moves: steps, inbox entries
-- and reports keep their ids (inbox entries still point at their steps).
-- A hide is one row, kept after a restore (who, when, why) for audit; at
-- most one current hide per subject, so "not hidden" is an index look-up.

CREATE TABLE subject_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_kind  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    at            BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    state         TEXT NOT NULL,
    agency_id     BIGINT REFERENCES agencies(id),
    actor_id      BIGINT REFERENCES users(id),
    note          TEXT NOT NULL
);
CREATE INDEX subject_events_subject ON subject_events(subject_kind, subject_id, id);
INSERT INTO subject_events (id, subject_kind, subject_id, at, kind, state, agency_id, actor_id, note)
    SELECT id, 'petition', petition_id, at, kind, status, agency_id, actor_id, note
    FROM petition_events;

CREATE TABLE subject_follows (
    subject_kind  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    user_id       BIGINT NOT NULL REFERENCES users(id),
    email         BIGINT NOT NULL DEFAULT 1,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, user_id)
);
CREATE INDEX subject_follows_user ON subject_follows(user_id);
INSERT INTO subject_follows (subject_kind, subject_id, user_id, email, created_at)
    SELECT 'petition', petition_id, user_id, email, created_at FROM petition_follows;

CREATE TABLE subject_inbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    event_id    BIGINT NOT NULL REFERENCES subject_events(id),
    created_at  BIGINT NOT NULL,
    read_at     BIGINT
);
INSERT INTO subject_inbox (id, user_id, event_id, created_at, read_at)
    SELECT id, user_id, event_id, created_at, read_at FROM notifications;
CREATE INDEX subject_inbox_user ON subject_inbox(user_id, id);
CREATE INDEX subject_inbox_unread ON subject_inbox(user_id) WHERE read_at IS NULL;

CREATE TABLE subject_reports (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_kind  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    user_id       BIGINT NOT NULL REFERENCES users(id),
    reason        TEXT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    closed_at     BIGINT,
    closed_by     BIGINT REFERENCES users(id),
    outcome       TEXT,
    UNIQUE (subject_kind, subject_id, user_id)
);
INSERT INTO subject_reports (id, subject_kind, subject_id, user_id, reason, comment, created_at,
        closed_at, closed_by, outcome)
    SELECT id, 'petition', petition_id, user_id, reason, comment, created_at, closed_at,
        closed_by, outcome
    FROM petition_reports;
CREATE INDEX subject_reports_open ON subject_reports(subject_kind, subject_id)
    WHERE closed_at IS NULL;

CREATE TABLE subject_hides (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_kind  TEXT NOT NULL,
    subject_id    BIGINT NOT NULL,
    hidden_at     BIGINT NOT NULL,
    hidden_by     BIGINT REFERENCES users(id),
    reason        TEXT NOT NULL,
    restored_at   BIGINT,
    restored_by   BIGINT REFERENCES users(id),
    restore_note  TEXT
);
INSERT INTO subject_hides (subject_kind, subject_id, hidden_at, hidden_by, reason)
    SELECT 'petition', id, hidden_at, hidden_by, COALESCE(hidden_reason, '')
    FROM petitions WHERE hidden_at IS NOT NULL;
CREATE UNIQUE INDEX subject_hides_current ON subject_hides(subject_kind, subject_id)
    WHERE restored_at IS NULL;

-- SQLite's AUTOINCREMENT counters follow the copied ids by themselves.

-- The petition-only tables and columns go (children first).
DROP TABLE notifications;
DROP TABLE petition_follows;
DROP TABLE petition_reports;
DROP TABLE petition_events;
ALTER TABLE petitions DROP COLUMN hidden_at;
ALTER TABLE petitions DROP COLUMN hidden_reason;
ALTER TABLE petitions DROP COLUMN hidden_by;
