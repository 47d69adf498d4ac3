-- Accounts, agencies, localities, sessions, password resets, the mail outbox.
-- Times are integer milliseconds since the Unix epoch; flags are integers 0/1.

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE localities (
    id          INTEGER PRIMARY KEY,
    parent_id   BIGINT REFERENCES localities(id),
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    name        TEXT NOT NULL
);
CREATE INDEX localities_parent ON localities(parent_id);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    locality_id    BIGINT REFERENCES localities(id),
    role           TEXT NOT NULL CHECK (role IN ('citizen', 'staff', 'officer', 'admin')),
    agency_id      BIGINT REFERENCES agencies(id),
    created_at     BIGINT NOT NULL,
    deleted_at     BIGINT
);

CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash     TEXT NOT NULL UNIQUE,
    user_id        BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at     BIGINT NOT NULL,
    last_seen_at   BIGINT NOT NULL,
    user_agent     TEXT NOT NULL,
    ip             TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    to_addr          TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    attempts         BIGINT NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT NOT NULL,
    claimed_until    BIGINT NOT NULL DEFAULT 0,
    sent_at          BIGINT,
    failed_at        BIGINT,
    last_error       TEXT
);
CREATE INDEX outbox_pending ON outbox(sent_at, next_attempt_at);
