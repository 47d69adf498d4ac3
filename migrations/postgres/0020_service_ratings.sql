-- Service ratings (issue 11): after a served case the citizen rates the
-- service, 1 to 5 and a comment, once per case (its primary key), from the
-- link on the receipt or the counter's display. Counter and agency are kept
-- with it for the statistics.

CREATE TABLE service_ratings (
    case_id     BIGINT PRIMARY KEY REFERENCES cases(id),
    agency_id   BIGINT NOT NULL REFERENCES agencies(id),
    counter_id  BIGINT REFERENCES counters(id),
    stars       INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment     TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL
);
CREATE INDEX service_ratings_agency ON service_ratings(agency_id, counter_id);
