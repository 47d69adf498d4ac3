-- Support counts maintained by the support writer (moved once per committed
-- group, never +1 per request), support thresholds with the answer deadline
-- they set, timeline step kinds, following petitions and the followers'
-- inboxes, and each account's interface language for its e-mails.

ALTER TABLE petitions ADD COLUMN support_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN answer_due_at BIGINT;
ALTER TABLE petitions ADD COLUMN hearing_at BIGINT;
UPDATE petitions SET support_count =
    (SELECT COUNT(*) FROM petition_supports s WHERE s.petition_id = petitions.id);
CREATE INDEX petitions_supported ON petitions(visibility, support_count);
CREATE INDEX petitions_due ON petitions(visibility, answer_due_at);

ALTER TABLE petition_events ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';

ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'vi';

CREATE TABLE petition_follows (
    petition_id  BIGINT NOT NULL REFERENCES petitions(id),
    user_id      BIGINT NOT NULL REFERENCES users(id),
    email        BIGINT NOT NULL DEFAULT 1,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (petition_id, user_id)
);
CREATE INDEX petition_follows_user ON petition_follows(user_id);

CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT NOT NULL REFERENCES users(id),
    petition_id  BIGINT NOT NULL REFERENCES petitions(id),
    event_id     BIGINT NOT NULL REFERENCES petition_events(id),
    created_at   BIGINT NOT NULL,
    read_at      BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);
