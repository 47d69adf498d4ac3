-- Refunds (issue 11): staff ask to refund a paid fee with a reason; an
-- officer of the agency (or an admin) approves or declines it. One request
-- per invoice (its primary key), so a form sent twice asks once; the
-- decision is made once (a guarded UPDATE). An approved refund turns the
-- invoice `refunded`, which voids its receipt.

CREATE TABLE refunds (
    invoice_id     BIGINT PRIMARY KEY REFERENCES invoices(id),
    reason         TEXT NOT NULL,
    requested_by   BIGINT NOT NULL REFERENCES users(id),
    requested_at   BIGINT NOT NULL,
    decided_by     BIGINT REFERENCES users(id),
    decided_at     BIGINT,
    approved       INTEGER CHECK (approved IN (0, 1)),
    decision_note  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refunds_pending ON refunds(decided_at);
