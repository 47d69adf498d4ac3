-- A submission sent twice (a double tap, a retry over a flaky connection)
-- must not make two petitions. Each submission's fingerprint (author and
-- content) is claimed here in the submitting transaction; a second claim
-- within the window finds the first petition instead.
CREATE TABLE petition_submissions (
    fingerprint  TEXT PRIMARY KEY,
    petition_id  BIGINT NOT NULL REFERENCES petitions(id),
    created_at   BIGINT NOT NULL
);
