//! Open311 GeoReport v2 wire types (<http://wiki.open311.org/GeoReport_v2>),
//! the mapping of our workflow onto its `open`/`closed`, and the account
//! page's view of an API key. Compiled for both halves; no I/O here.

use crate::petitions::model::Status;
use serde::{Deserialize, Serialize};

/// The specification every endpoint follows, as discovery names it.
pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

/// When the interface last changed (discovery's `changeset`).
pub const CHANGESET: &str = "2026-11-28T00:00:00+07:00";

/// At most this many requests per page of `requests.json`.
pub const MAX_PAGE_SIZE: i64 = 1000;

/// Requests per page when the client does not say.
pub const DEFAULT_PAGE_SIZE: i64 = 50;

/// The longest window `requests.json` searches, and its default (the spec's 90 days).
pub const WINDOW_MS: i64 = 90 * 86_400_000;

/// An API key as its owner sees it on the account page (never the key itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ApiKeyView {
    /// Key id.
    pub id: i64,
    /// The owner's name for it (which application uses it).
    pub label: String,
    /// Issued at (ms).
    pub created_at: i64,
    /// Last used to file a request (ms), if ever.
    pub last_used_at: Option<i64>,
}

/// An Open311 error: every failure answers `[{"code":N,"description":"…"}]`
/// with the same HTTP status `N`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Open311Error {
    /// The HTTP status.
    pub code: u16,
    /// What went wrong, for the client's developer.
    pub description: String,
}

impl Open311Error {
    /// An error with status `code`.
    pub fn new(code: u16, description: impl Into<String>) -> Open311Error {
        Open311Error {
            code,
            description: description.into(),
        }
    }

    /// 400 with a description.
    pub fn bad_request(description: impl Into<String>) -> Open311Error {
        Open311Error::new(400, description)
    }

    /// 404 with a description.
    pub fn not_found(what: &str) -> Open311Error {
        Open311Error::new(404, format!("{what} not found"))
    }
}

/// A service: one petition category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// The category code, e.g. `roads`.
    pub service_code: String,
    /// The category's name in the asked language.
    pub service_name: String,
    /// What requests of this service are about.
    pub description: String,
    /// Whether a service definition with attributes exists (never: no extra fields).
    pub metadata: bool,
    /// Always `realtime`: requests are filed at once and get their id.
    #[serde(rename = "type")]
    pub kind: String,
    /// Comma-separated search words (the names in every language).
    pub keywords: String,
    /// The group of services.
    pub group: String,
}

/// A service definition: the extra fields a service asks for (none here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    /// The service.
    pub service_code: String,
    /// Extra fields (always empty: `metadata` is false).
    pub attributes: Vec<serde_json::Value>,
}

/// A service request: one public petition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    /// The tracking code.
    pub service_request_id: String,
    /// `open` or `closed` (see [`open311_status`]).
    pub status: String,
    /// Our finer status, e.g. `in_progress`.
    pub status_notes: String,
    /// The category's name.
    pub service_name: String,
    /// The category code.
    pub service_code: String,
    /// Title and text.
    pub description: String,
    /// The agency handling it (empty while none).
    pub agency_responsible: String,
    /// Where to follow it.
    pub service_notice: String,
    /// Submitted at, ISO-8601 with the +07:00 offset.
    pub requested_datetime: String,
    /// Last changed at.
    pub updated_datetime: String,
    /// When an answer is due, if a deadline is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_datetime: Option<String>,
    /// The locality with its parents, e.g. "Phường 1, Thành phố Đông Hà, Tỉnh Quảng Trị".
    pub address: String,
    /// The locality id.
    pub address_id: String,
    /// Postal code (none kept).
    pub zipcode: Option<String>,
    /// Latitude (none kept: petitions name a locality, not a point).
    pub lat: Option<f64>,
    /// Longitude.
    pub long: Option<f64>,
    /// A photo (none yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}

/// The answer to a filed request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestReceipt {
    /// The tracking code, issued at once.
    pub service_request_id: String,
    /// What happens next.
    pub service_notice: String,
    /// Always null: accounts are not exposed.
    pub account_id: Option<String>,
}

/// A token's request (tokens are the tracking codes themselves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenAnswer {
    /// The tracking code.
    pub service_request_id: String,
    /// The token asked about.
    pub token: String,
}

/// Open311's `open` or `closed` for one of our statuses: rejected and closed
/// are closed, every other step is still open.
pub fn open311_status(status: Status) -> &'static str {
    if status.is_open() {
        "open"
    } else {
        "closed"
    }
}

/// Our statuses that an Open311 `open` or `closed` filter selects.
pub fn statuses_for(open311: &str) -> Option<Vec<Status>> {
    match open311.trim() {
        "open" | "closed" => Some(
            Status::ALL
                .iter()
                .copied()
                .filter(|s| open311_status(*s) == open311.trim())
                .collect(),
        ),
        _ => None,
    }
}

/// A title for a request filed without one: the description's first words,
/// cut at a word boundary before about 80 characters, with an ellipsis when cut.
pub fn title_from_description(description: &str) -> String {
    let words: Vec<&str> = description.split_whitespace().collect();
    let mut title = String::new();
    for word in &words {
        let len = title.chars().count() + word.chars().count() + 1;
        if len > 80 && !title.is_empty() {
            title.push('…');
            return title;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.extend(word.chars().take(80));
    }
    title
}

/// Comma-separated values of a filter, trimmed, empty ones dropped, at most 200.
pub fn comma_list(raw: Option<&str>) -> Vec<String> {
    raw.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(200)
        .map(str::to_string)
        .collect()
}

/// Parses an ISO-8601 time with its offset (`2026-11-28T09:30:00+07:00`,
/// `…Z`, fractions allowed) or a bare date (`2026-11-28`, midnight in
/// Vietnam) into epoch milliseconds.
pub fn parse_datetime(s: &str) -> Option<i64> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::{format_description, offset};
    let s = s.trim();
    // A `+` sent unencoded in a query string arrives as a space.
    let repaired = match s.len() {
        25.. if s.as_bytes()[s.len() - 6] == b' ' => {
            format!("{}+{}", &s[..s.len() - 6], &s[s.len() - 5..])
        }
        _ => s.to_string(),
    };
    let at = time::OffsetDateTime::parse(&repaired, &Rfc3339)
        .ok()
        .or_else(|| {
            time::Date::parse(s, format_description!("[year]-[month]-[day]"))
                .ok()
                .map(|d| d.midnight().assume_offset(offset!(+7)))
        })?;
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
