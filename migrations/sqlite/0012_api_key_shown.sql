-- A new Open311 key is shown to its owner once: the first page render that
-- reads it marks it shown, so a cookie that a browser failed to clear cannot
-- show it again. Keys issued before this column existed count as shown.
ALTER TABLE api_keys ADD COLUMN shown_at BIGINT;
UPDATE api_keys SET shown_at = created_at;
