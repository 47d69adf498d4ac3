//! What every Open311 resource shares: the query parameters, the language
//! asked for, and our errors worded as the specification's.

use super::model::Open311Error;
use crate::error::AppError;
use crate::i18n::{translate, Locale};
use serde::Deserialize;

/// What a handler answers: a value in the asked format, or an Open311 error.
pub type Answer<T> = Result<T, Open311Error>;

/// Query parameters of every GET (unknown ones are ignored).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Params {
    /// Tracking codes, comma-separated.
    pub service_request_id: Option<String>,
    /// Category codes, comma-separated.
    pub service_code: Option<String>,
    /// Earliest submission time (ISO-8601).
    pub start_date: Option<String>,
    /// Latest submission time (ISO-8601).
    pub end_date: Option<String>,
    /// `open` and/or `closed`, comma-separated.
    pub status: Option<String>,
    /// Page number, from 1 (extension).
    pub page: Option<String>,
    /// Requests per page, up to 1000 (extension).
    pub page_size: Option<String>,
    /// `vi` (default), `en` or `ko`.
    pub locale: Option<String>,
}

impl Params {
    /// The language asked for, Vietnamese by default.
    pub fn locale(&self) -> Locale {
        language(self.locale.as_deref())
    }
}

/// The language a `locale` parameter names (`en`, `en_US`, `ko-KR`…), Vietnamese by default.
pub fn language(raw: Option<&str>) -> Locale {
    raw.and_then(Locale::parse).unwrap_or_default()
}

/// A catalogue text in `locale` with its `%{url}` filled in.
pub fn text(locale: Locale, key: &str, url: &str) -> String {
    translate(locale, key).replace("%{url}", url)
}

/// Our error as an Open311 error; field names become the spec's parameter names.
pub fn from_app_error(err: AppError, locale: Locale) -> Open311Error {
    let message = translate(locale, err.message_key());
    let description = match err.field() {
        Some(field) => {
            let param = match field {
                "body" => "description",
                "title" => "attribute[title]",
                "category" => "service_code",
                "locality" => "address_id",
                other => other,
            };
            format!("{param}: {message}")
        }
        None => message,
    };
    let code = match err {
        AppError::Validation { .. } => 400,
        AppError::Unauthenticated => 403,
        other => other.status(),
    };
    Open311Error::new(code, description)
}
