-- Moderation. A petition hidden by a moderator keeps its text for audit and
-- is shown to the public as "hidden by a moderator" with the reason; who hid
-- it and why is also a timeline step. A petition closed as a duplicate points
-- at its original. Citizens' abuse reports: one per account and petition;
-- a report is open until an officer hides the petition or dismisses it.
ALTER TABLE petitions ADD COLUMN hidden_at BIGINT;
ALTER TABLE petitions ADD COLUMN hidden_reason TEXT;
ALTER TABLE petitions ADD COLUMN hidden_by BIGINT REFERENCES users(id);
ALTER TABLE petitions ADD COLUMN duplicate_of BIGINT REFERENCES petitions(id);

CREATE TABLE petition_reports (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    petition_id  BIGINT NOT NULL REFERENCES petitions(id),
    user_id      BIGINT NOT NULL REFERENCES users(id),
    reason       TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    closed_at    BIGINT,
    closed_by    BIGINT REFERENCES users(id),
    outcome      TEXT,
    UNIQUE (petition_id, user_id)
);
CREATE INDEX petition_reports_open ON petition_reports(closed_at, petition_id);
