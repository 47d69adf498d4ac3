-- Public consultation on drafts: a consultation (owned by an agency, about a
-- locality, open between two instants, invisible until published), the
-- versions of its text, each version's articles as parsed from the pasted
-- draft, and comments. Comments hang on an article NUMBER, not on a row of
-- one version, so they stay attached when a new version is published.
-- Marks (one per comment and account) and polls with ballots (one per poll
-- and account) are here too, so their unique keys exist from the start.
-- Poll tallies are counted from the ballots, never kept beside them.
-- Times are epoch milliseconds (the Any driver has no time types).

CREATE TABLE consultations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    code          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    summary       TEXT NOT NULL,
    agency_id     BIGINT NOT NULL REFERENCES agencies(id),
    locality_id   BIGINT NOT NULL REFERENCES localities(id),
    opens_at      BIGINT NOT NULL,
    closes_at     BIGINT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    created_by    BIGINT NOT NULL REFERENCES users(id),
    created_at    BIGINT NOT NULL,
    published_at  BIGINT,
    -- The one-time key of the form that created it: a form sent twice
    -- creates one consultation.
    form_key      TEXT,
    CHECK (closes_at > opens_at),
    UNIQUE (created_by, form_key)
);
CREATE INDEX consultations_public ON consultations(status, closes_at);
CREATE INDEX consultations_agency ON consultations(agency_id, id);

CREATE TABLE consultation_versions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id  BIGINT NOT NULL REFERENCES consultations(id),
    number           BIGINT NOT NULL,
    source           TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    published_at     BIGINT,
    UNIQUE (consultation_id, number)
);

-- One row per Điều of a version, in reading order. `heading` is the path of
-- Phần / Chương / Mục above it (one per line), `clauses` the khoản and điểm
-- as JSON, `text` the article's own lines before its first khoản.
CREATE TABLE consultation_articles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id  BIGINT NOT NULL REFERENCES consultation_versions(id),
    position    BIGINT NOT NULL,
    number      TEXT NOT NULL,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    clauses     TEXT NOT NULL,
    heading     TEXT NOT NULL,
    UNIQUE (version_id, position),
    UNIQUE (version_id, number)
);

CREATE TABLE consultation_comments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id  BIGINT NOT NULL REFERENCES consultations(id),
    article_number   TEXT NOT NULL,
    version_number   BIGINT NOT NULL,
    parent_id        BIGINT REFERENCES consultation_comments(id),
    author_id        BIGINT NOT NULL REFERENCES users(id),
    body             TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    -- The one-time key of the form it was sent with: sent twice, one comment.
    form_key         TEXT,
    UNIQUE (author_id, form_key)
);
CREATE INDEX consultation_comments_article
    ON consultation_comments(consultation_id, article_number, id);
CREATE INDEX consultation_comments_parent ON consultation_comments(parent_id);

-- A mark: agree (1), disagree (-1) or pass (0); one per comment and account,
-- changed in place.
CREATE TABLE consultation_marks (
    comment_id  BIGINT NOT NULL REFERENCES consultation_comments(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    mark        BIGINT NOT NULL CHECK (mark IN (-1, 0, 1)),
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE consultation_polls (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id  BIGINT NOT NULL REFERENCES consultations(id),
    position         BIGINT NOT NULL,
    question         TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'yes_no', 'scale')),
    max_choices      BIGINT NOT NULL DEFAULT 1,
    results_hidden   BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    UNIQUE (consultation_id, position)
);

CREATE TABLE consultation_poll_options (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id   BIGINT NOT NULL REFERENCES consultation_polls(id),
    position  BIGINT NOT NULL,
    label     TEXT NOT NULL,
    UNIQUE (poll_id, position)
);

-- One ballot per poll and account; its choices replace the old ones in the
-- same transaction when the answer changes.
CREATE TABLE consultation_ballots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id     BIGINT NOT NULL REFERENCES consultation_polls(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    updated_at  BIGINT NOT NULL,
    UNIQUE (poll_id, user_id)
);

CREATE TABLE consultation_ballot_choices (
    ballot_id  BIGINT NOT NULL REFERENCES consultation_ballots(id),
    option_id  BIGINT NOT NULL REFERENCES consultation_poll_options(id),
    PRIMARY KEY (ballot_id, option_id)
);
