-- The petitioner's rating of the official answer: 1-5 stars and a comment,
-- one per petition (the latest rating replaces the earlier one).
CREATE TABLE petition_ratings (
    petition_id  BIGINT PRIMARY KEY REFERENCES petitions(id),
    stars        BIGINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment      TEXT NOT NULL,
    rated_at     BIGINT NOT NULL
);
