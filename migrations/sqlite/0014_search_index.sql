-- Search through an index, not a LIKE over every row: an FTS5 index over
-- the petitions' folded search text (lower case, without diacritics, as
-- `search_key` writes it). Words match by prefix. A petition's insert adds
-- its row (list_repo::index_for_search) in the same transaction, not a
-- trigger: a trigger naming the index makes preparing any INSERT into
-- petitions read the index's configuration before the write lock is taken,
-- and concurrent submissions then fail with SQLITE_BUSY instead of waiting.
CREATE VIRTUAL TABLE petitions_search USING fts5(
    search_text,
    content = 'petitions',
    content_rowid = 'id',
    tokenize = 'unicode61'
);
INSERT INTO petitions_search (petitions_search) VALUES ('rebuild');

-- The public list, newest first, and filtered by status, without a scan.
CREATE INDEX petitions_public_newest ON petitions(visibility, id);
CREATE INDEX petitions_public_status ON petitions(visibility, status, id);
