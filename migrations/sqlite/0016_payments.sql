-- Service fees at one-stop counters (issue 11): the fee catalogue of
-- administrative procedures, each agency's beneficiary bank account, the
-- counters and the staff assigned to them, cases opened for citizens, their
-- invoices, and every payment notification received. Money is a whole
-- number of đồng (fee_dong NULL: a free procedure); times are epoch ms.
-- A notification's (provider, event id) is unique and stored in the same
-- transaction as its effect, so a retry or a concurrent copy changes nothing.

CREATE TABLE procedures (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    agency_id   BIGINT NOT NULL REFERENCES agencies(id),
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    name_ko     TEXT NOT NULL,
    fee_dong    BIGINT CHECK (fee_dong IS NULL OR fee_dong > 0),
    created_at  BIGINT NOT NULL
);
CREATE INDEX procedures_agency ON procedures(agency_id);

CREATE TABLE agency_bank_accounts (
    agency_id       BIGINT PRIMARY KEY REFERENCES agencies(id),
    bank_bin        TEXT NOT NULL,
    account_number  TEXT NOT NULL,
    account_name    TEXT NOT NULL,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE counters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id   BIGINT NOT NULL REFERENCES agencies(id),
    name        TEXT NOT NULL,
    location    TEXT NOT NULL,
    -- The citizen-facing display opens by this unguessable token alone.
    display_token TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL,
    UNIQUE (agency_id, name)
);

CREATE TABLE counter_staff (
    counter_id  BIGINT NOT NULL REFERENCES counters(id),
    user_id     BIGINT NOT NULL REFERENCES users(id),
    assigned_at BIGINT NOT NULL,
    PRIMARY KEY (counter_id, user_id)
);
CREATE INDEX counter_staff_user ON counter_staff(user_id);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            TEXT NOT NULL UNIQUE,
    procedure_id    BIGINT NOT NULL REFERENCES procedures(id),
    agency_id       BIGINT NOT NULL REFERENCES agencies(id),
    counter_id      BIGINT REFERENCES counters(id),
    citizen_name    TEXT NOT NULL,
    citizen_contact TEXT NOT NULL DEFAULT '',
    citizen_id      BIGINT REFERENCES users(id),
    opened_by       BIGINT REFERENCES users(id),
    status          TEXT NOT NULL,
    -- The one-time key of the form that opened it: sent twice, one case.
    request_key     TEXT UNIQUE,
    created_at      BIGINT NOT NULL
);
CREATE INDEX cases_counter ON cases(counter_id, created_at);

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reference       TEXT NOT NULL UNIQUE,
    case_id         BIGINT NOT NULL REFERENCES cases(id),
    amount_dong     BIGINT NOT NULL CHECK (amount_dong > 0),
    status          TEXT NOT NULL,
    issued_by       BIGINT REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    paid_at         BIGINT,
    paid_event_id   BIGINT
);
CREATE INDEX invoices_case ON invoices(case_id);
-- At most one open invoice per case: issuing twice gives the same one.
CREATE UNIQUE INDEX invoices_one_open ON invoices(case_id) WHERE status = 'open';

CREATE TABLE payment_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    provider        TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    reference       TEXT NOT NULL,
    invoice_id      BIGINT REFERENCES invoices(id),
    amount_dong     BIGINT NOT NULL,
    received_at     BIGINT NOT NULL,
    outcome         TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    UNIQUE (provider, event_id)
);
CREATE INDEX payment_events_invoice ON payment_events(invoice_id);
