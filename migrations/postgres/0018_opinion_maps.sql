-- A consultation's opinion groups, drawn in the background from the marks:
-- the map as JSON (or `null` while too few took part), the newest mark it
-- counted, and when it was drawn. Drawn again when newer marks exist,
-- until it has been drawn after the close.

CREATE TABLE consultation_opinion_maps (
    consultation_id  BIGINT PRIMARY KEY REFERENCES consultations(id),
    marks_at         BIGINT NOT NULL,
    computed_at      BIGINT NOT NULL,
    body             TEXT NOT NULL
);
