//! What the payments pages receive from their server functions: plain data
//! for both halves, no SQL and no rules.

use super::model::{InvoiceStatus, Money};
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// A procedure's name in each interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProcedureName {
    /// Vietnamese.
    pub vi: String,
    /// English.
    pub en: String,
    /// Korean.
    pub ko: String,
}

impl ProcedureName {
    /// The name in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Vi => &self.vi,
            Locale::En => &self.en,
            Locale::Ko => &self.ko,
        }
    }
}

/// An administrative procedure of the fee catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureView {
    /// Id.
    pub id: i64,
    /// The catalogue code.
    pub code: String,
    /// Its name.
    pub name: ProcedureName,
    /// Its fee; none for a free procedure.
    pub fee: Option<Money>,
}

/// A one-stop counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterView {
    /// Id.
    pub id: i64,
    /// Its name (`Quầy số 1`).
    pub name: String,
    /// Where it is.
    pub location: String,
    /// The agency it belongs to.
    pub agency: String,
    /// The address of its citizen-facing display (holds the display's token).
    pub display_link: String,
}

/// A case in the counter's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    /// Its code.
    pub code: String,
    /// The citizen's name.
    pub citizen_name: String,
    /// The procedure.
    pub procedure: ProcedureName,
    /// `open`, `awaiting_payment` or `paid`.
    pub status: String,
    /// When it was opened (ms).
    pub created_at: i64,
}

/// The counter screen: the staff member's counters, the one shown, its
/// procedures, today's cases, and a fresh one-time key for the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskView {
    /// The counters the caller works.
    pub counters: Vec<CounterView>,
    /// The one shown (none: the caller works no counter).
    pub current: Option<CounterView>,
    /// The procedures of its agency.
    pub procedures: Vec<ProcedureView>,
    /// Its latest cases, newest first.
    pub cases: Vec<CaseSummary>,
    /// The one-time key of the open-case form (sent twice, one case).
    pub form_key: String,
}

/// The beneficiary account the payment goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankAccountView {
    /// The bank's BIN.
    pub bin: String,
    /// The account number.
    pub account: String,
    /// The account holder.
    pub name: String,
}

/// An invoice with its payment code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    /// The payment reference.
    pub reference: String,
    /// The amount.
    pub amount: Money,
    /// Its status now (an open invoice past its expiry is expired).
    pub status: InvoiceStatus,
    /// Until when it may be paid (ms).
    pub expires_at: i64,
    /// When it was paid (ms).
    pub paid_at: Option<i64>,
    /// The VietQR payload (empty unless open).
    pub payload: String,
    /// The payload drawn as an SVG QR code (empty unless open).
    pub qr_svg: String,
    /// Where the payment goes.
    pub bank: Option<BankAccountView>,
}

/// A step of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStep {
    /// When (ms).
    pub at: i64,
    /// What happened: `opened`, `invoice_issued`, `paid`, `cancelled`, `mismatch`.
    pub kind: String,
    /// The note (a reference, an amount, a reason).
    pub note: String,
}

/// A case's page at the counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    /// The case as listed.
    pub summary: CaseSummary,
    /// The citizen's phone or e-mail, as given.
    pub citizen_contact: String,
    /// The procedure's catalogue code.
    pub procedure_code: String,
    /// The fee (none: free).
    pub fee: Option<Money>,
    /// The counter.
    pub counter: String,
    /// The agency.
    pub agency: String,
    /// The newest invoice.
    pub invoice: Option<InvoiceView>,
    /// The timeline, oldest first.
    pub steps: Vec<CaseStep>,
    /// Whether an invoice may be issued now.
    pub can_issue: bool,
    /// The receipt, once the invoice is paid.
    pub receipt: Option<ReceiptView>,
    /// The refund asked for the invoice, if any.
    pub refund: Option<RefundView>,
}

/// A paid invoice's receipt: its signed token and that token as a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptView {
    /// The signed token (`GR1.…`).
    pub token: String,
    /// The token drawn as an SVG QR code.
    pub qr_svg: String,
    /// The link that rates the service of its case.
    pub rate: RateLink,
}

/// A case's rating link, and the link as a QR code for a phone to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLink {
    /// The path (`/rate/<code>/<key>`).
    pub path: String,
    /// The whole link drawn as an SVG QR code.
    pub qr_svg: String,
}

/// What a check of a receipt found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptOutcome {
    /// Signed by us, its invoice paid: checked now for the first time.
    Valid,
    /// Valid, but checked before (when: `checked_at`).
    AlreadyChecked,
    /// Not signed by us, altered, or its invoice no longer paid.
    Invalid,
}

/// A receipt check's answer (empty fields when invalid).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptCheck {
    /// What was found.
    pub outcome: ReceiptOutcome,
    /// The payment reference.
    pub reference: String,
    /// The amount paid.
    pub amount: Option<Money>,
    /// The procedure (code and name).
    pub procedure: String,
    /// The case it paid for.
    pub case_code: String,
    /// When it was paid (ms).
    pub paid_at: Option<i64>,
    /// When it was first checked (ms).
    pub checked_at: Option<i64>,
}

/// The citizen-facing display of a counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayView {
    /// The counter.
    pub counter: String,
    /// The agency.
    pub agency: String,
    /// The display's token (its live stream's key).
    pub token: String,
    /// The invoice to show: the newest open one, or one just paid.
    pub invoice: Option<InvoiceView>,
    /// Its procedure.
    pub procedure: Option<ProcedureName>,
    /// Once it is paid: the link that rates the service just given.
    pub rate: Option<RateLink>,
}

/// An open invoice the sandbox bank may pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayableInvoice {
    /// The payment reference.
    pub reference: String,
    /// The amount.
    pub amount: Money,
    /// The VietQR payload, as a phone would read it.
    pub payload: String,
}

/// What the sandbox bank got back from the gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxReceipt {
    /// The notification's event id.
    pub event_id: String,
    /// The reference paid.
    pub reference: String,
    /// The amount sent.
    pub amount: Money,
    /// `paid`, `mismatch` or `duplicate`.
    pub outcome: String,
}

/// A counter's day for reconciliation: what it issued, by procedure and
/// status, with the totals per status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciliationView {
    /// The counter's id.
    pub counter_id: i64,
    /// The counter.
    pub counter: String,
    /// The agency.
    pub agency: String,
    /// The day, `YYYY-MM-DD` in Vietnam time.
    pub day: String,
    /// One line per procedure and status.
    pub lines: Vec<ReconciliationLine>,
    /// One line per status: all procedures together.
    pub totals: Vec<ReconciliationLine>,
}

/// Invoices of one procedure (empty in a total) in one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReconciliationLine {
    /// The procedure's code.
    pub procedure_code: String,
    /// Its name (Vietnamese, as in the fee catalogue).
    pub procedure: String,
    /// `open`, `paid`, `cancelled`, `expired`.
    pub status: String,
    /// How many invoices.
    pub count: i64,
    /// Their amounts.
    pub total: Money,
}

/// A refund asked for a paid invoice, and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundView {
    /// The invoice's payment reference.
    pub reference: String,
    /// Its case's code.
    pub case_code: String,
    /// The amount paid back.
    pub amount: Money,
    /// The procedure's code.
    pub procedure_code: String,
    /// Why staff asked for it.
    pub reason: String,
    /// When (ms).
    pub requested_at: i64,
    /// Who asked.
    pub requested_by: String,
    /// `waiting`, `approved` or `declined`.
    pub state: String,
    /// The officer's note on the decision.
    pub decision_note: String,
}
