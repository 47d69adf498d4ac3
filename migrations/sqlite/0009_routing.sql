-- Routing by category and locality: a rule sends a category's petitions
-- from a locality (a commune, or a whole district or province) to an agency.
-- The most specific locality wins; without a rule the category's own agency
-- (categories.agency_id) handles it.
CREATE TABLE routing_rules (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id  BIGINT NOT NULL REFERENCES categories(id),
    locality_id  BIGINT NOT NULL REFERENCES localities(id),
    agency_id    BIGINT NOT NULL REFERENCES agencies(id),
    UNIQUE (category_id, locality_id)
);
CREATE INDEX petitions_locality ON petitions(locality_id);
