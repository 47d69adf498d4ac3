-- Photos attached to a petition when it is submitted (at most 3). The files
-- live under DATA_DIR/photos with random names; a row says which petition a
-- file belongs to, so serving it can check who may see it.
CREATE TABLE petition_photos (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    petition_id   BIGINT NOT NULL REFERENCES petitions(id),
    file_name     TEXT NOT NULL UNIQUE,
    content_type  TEXT NOT NULL,
    width         BIGINT NOT NULL,
    height        BIGINT NOT NULL,
    bytes         BIGINT NOT NULL,
    position      BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (petition_id, position)
);
