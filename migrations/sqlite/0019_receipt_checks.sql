-- Receipts (issue 11): a paid invoice's receipt is a token signed with the
-- deployment's Ed25519 key. Staff who scan it record the first check here,
-- so a receipt shown twice is "already checked", with when and by whom.

CREATE TABLE receipt_checks (
    invoice_id  BIGINT PRIMARY KEY REFERENCES invoices(id),
    checked_by  BIGINT NOT NULL REFERENCES users(id),
    checked_at  BIGINT NOT NULL
);
