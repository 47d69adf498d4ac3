-- Search through an index, not a LIKE over every row: an FTS5 index over
-- the petitions' folded search text (lower case, without diacritics, as
-- `search_key` writes it), kept in step by triggers. Words match by prefix.
CREATE VIRTUAL TABLE petitions_search USING fts5(
    search_text,
    content = 'petitions',
    content_rowid = 'id',
    tokenize = 'unicode61'
);
INSERT INTO petitions_search (petitions_search) VALUES ('rebuild');

CREATE TRIGGER petitions_search_insert AFTER INSERT ON petitions BEGIN
    INSERT INTO petitions_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER petitions_search_delete AFTER DELETE ON petitions BEGIN
    INSERT INTO petitions_search (petitions_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER petitions_search_update AFTER UPDATE OF search_text ON petitions BEGIN
    INSERT INTO petitions_search (petitions_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO petitions_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

-- The public list, newest first, and filtered by status, without a scan.
CREATE INDEX petitions_public_newest ON petitions(visibility, id);
CREATE INDEX petitions_public_status ON petitions(visibility, status, id);
