-- A new account confirms its e-mail address by a mailed link before its
-- supports count (support thresholds carry legal weight). Accounts that
-- exist before this step keep their rights: they count as verified from
-- their creation.
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
UPDATE users SET email_verified_at = created_at;

-- Verification links: only a hash of the token is stored. A link works once,
-- until it expires or a newer link for the account replaces it.
CREATE TABLE email_verifications (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT,
    replaced_at  BIGINT
);
CREATE INDEX email_verifications_user ON email_verifications(user_id);

-- Ending an account's outstanding reset links looks them up by account.
CREATE INDEX password_resets_user ON password_resets(user_id);
