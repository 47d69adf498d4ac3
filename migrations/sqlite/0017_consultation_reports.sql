-- After a consultation closes: the moment its followers were told of the
-- close (set once, by whichever instance claims it first), and the agency's
-- closing report: a summary of what was heard, and its response to each
-- article (accepted, partly accepted, not accepted) with the reason.
-- Responses hang on the article NUMBER, as comments do.

ALTER TABLE consultations ADD COLUMN close_noticed_at BIGINT;

CREATE TABLE consultation_reports (
    consultation_id  BIGINT PRIMARY KEY REFERENCES consultations(id),
    summary          TEXT NOT NULL,
    written_by       BIGINT NOT NULL REFERENCES users(id),
    published_at     BIGINT NOT NULL
);

CREATE TABLE consultation_responses (
    consultation_id  BIGINT NOT NULL REFERENCES consultations(id),
    article_number   TEXT NOT NULL,
    verdict          TEXT NOT NULL CHECK (verdict IN ('accepted', 'partly', 'not_accepted')),
    reason           TEXT NOT NULL,
    PRIMARY KEY (consultation_id, article_number)
);
