-- Search through an index, not a LIKE over every row: a GIN full-text index
-- over the petitions' folded search text (lower case, without diacritics,
-- as `search_key` writes it), with the 'simple' configuration (no stemming,
-- which suits Vietnamese). Words match by prefix.
CREATE INDEX petitions_search ON petitions USING GIN (to_tsvector('simple', search_text));

-- The public list, newest first, and filtered by status, without a scan.
CREATE INDEX petitions_public_newest ON petitions(visibility, id);
CREATE INDEX petitions_public_status ON petitions(visibility, status, id);
