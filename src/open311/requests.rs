//! Open311 service requests: public petitions searched, read one at a time
//! or by token, and filed by a client with an API key through the same
//! `petitions::service::submit` as the web form.

use super::model::{
    open311_status, title_from_description, Open311Error, RequestReceipt, ServiceRequest,
    TokenAnswer,
};
use super::protocol::{from_app_error, language, text, Answer, Params};
use super::repo::{self, RequestRow};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::petitions::model::{search_key, PetitionBody, TrackingCode};
use crate::petitions::service::{submit, Submission};
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::ui::format::iso;
use serde::Deserialize;

/// A request as a client files it (`application/x-www-form-urlencoded`).
/// Names, e-mail and phone are not read: the petition is filed by the key's
/// account and shown without a name.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filing {
    /// The client's API key (required).
    pub api_key: Option<String>,
    /// The category code (required).
    pub service_code: Option<String>,
    /// The text (required, 30 to 5000 characters).
    pub description: Option<String>,
    /// A locality id, as `address_id` in `requests.json`.
    pub address_id: Option<String>,
    /// A locality named with its district, e.g. "Phường 1, Thành phố Đông Hà".
    pub address_string: Option<String>,
    /// A title (extension); by default the description's first words.
    #[serde(rename = "attribute[title]")]
    pub title: Option<String>,
    /// The language of messages: `vi` (default), `en`, `ko`.
    pub locale: Option<String>,
}

/// `GET requests.json` (or `.xml`): public petitions, newest first, within the window.
pub async fn search(state: &AppState, base: &str, params: &Params) -> Answer<Vec<ServiceRequest>> {
    let locale = params.locale();
    let query = super::filters::request_query(params, now_ms())?;
    let rows = repo::public_requests(&state.db.pool, &query)
        .await
        .map_err(|e| from_app_error(e.into(), locale))?;
    Ok(rows
        .into_iter()
        .map(|r| service_request(r, base, locale))
        .collect())
}

/// `GET requests/{id}.json`: one public petition (a list of one).
pub async fn one(
    state: &AppState,
    ip: &str,
    base: &str,
    id: &str,
    locale: Locale,
) -> Answer<Vec<ServiceRequest>> {
    let row = public_row(state, ip, id).await?;
    Ok(vec![service_request(row, base, locale)])
}

/// `GET tokens/{token}.json`: the token is the tracking code, issued at once.
pub async fn token(state: &AppState, ip: &str, token: &str) -> Answer<Vec<TokenAnswer>> {
    let row = public_row(state, ip, token).await?;
    Ok(vec![TokenAnswer {
        service_request_id: row.code,
        token: token.to_string(),
    }])
}

/// A public petition by a leniently read code; anything else is "not found"
/// (and a miss counted against `ip`, as on every look-up of a code).
async fn public_row(state: &AppState, ip: &str, code: &str) -> Result<RequestRow, Open311Error> {
    let look = async {
        let code = TrackingCode::parse(code).map_err(|_| AppError::NotFound)?;
        repo::public_request(&state.db.pool, code.as_str())
            .await?
            .ok_or(AppError::NotFound)
    };
    state.limits.lookup(ip, look).await.map_err(|e| match e {
        AppError::NotFound => Open311Error::not_found("service request"),
        e => from_app_error(e, Locale::Vi),
    })
}

/// A petition as a service request.
fn service_request(r: RequestRow, base: &str, locale: Locale) -> ServiceRequest {
    let name = match locale {
        Locale::Vi => r.name_vi,
        Locale::En => r.name_en,
        Locale::Ko => r.name_ko,
    };
    // A title made from the text (as for requests filed here) is not repeated.
    let description = if r.body.starts_with(r.title.trim_end_matches('…')) {
        r.body
    } else {
        format!("{}\n\n{}", r.title, r.body)
    };
    ServiceRequest {
        service_notice: text(
            locale,
            "open311.notice",
            &format!("{base}/track/{}", r.code),
        ),
        service_request_id: r.code,
        status: open311_status(r.status).to_string(),
        status_notes: r.status.as_str().to_string(),
        service_name: name,
        service_code: r.category_code,
        description,
        agency_responsible: r.agency.unwrap_or_default(),
        requested_datetime: iso(r.created_at),
        updated_datetime: iso(r.updated_at),
        expected_datetime: r.answer_due_at.map(iso),
        address: [Some(r.locality), r.locality_parent, r.locality_grandparent]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        address_id: r.locality_id.to_string(),
        zipcode: None,
        lat: None,
        long: None,
        media_url: None,
    }
}

/// `POST requests.json`: files a public feedback report as the key's account.
pub async fn file(state: &AppState, base: &str, f: Filing) -> Result<RequestReceipt, Open311Error> {
    let locale = language(f.locale.as_deref());
    let key = f.api_key.as_deref().unwrap_or("");
    let (_, user) = super::keys::authenticate(state, key)
        .await
        .map_err(|e| match e {
            crate::error::AppError::Forbidden => {
                Open311Error::new(403, "api_key missing, unknown or revoked")
            }
            other => from_app_error(other, locale),
        })?;
    let code = f.service_code.as_deref().unwrap_or("").trim();
    let categories = crate::petitions::categories::all(state)
        .await
        .map_err(|e| from_app_error(e, locale))?;
    let category = categories.iter().find(|c| c.code == code).ok_or_else(|| {
        Open311Error::bad_request("service_code: required, one of the codes in services.json")
    })?;
    let locality = locality(state, &f).await?;
    let description = f.description.unwrap_or_default();
    // Checked before a title is made from it, so a short text is reported
    // as such rather than as a short title.
    PetitionBody::parse(&description).map_err(|e| from_app_error(e, locale))?;
    let title = match f.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => title_from_description(&description),
    };
    let input = Submission {
        kind: "feedback".into(),
        title,
        body: description,
        category: category.id.to_string(),
        locality,
        visibility: "public".into(),
        show_name: false,
    };
    let code = submit(state, &user, input)
        .await
        .map_err(|e| from_app_error(e, locale))?;
    Ok(RequestReceipt {
        service_notice: text(locale, "open311.notice", &format!("{base}/track/{code}")),
        service_request_id: code.to_string(),
        account_id: None,
    })
}

/// The locality id a filing names: `address_id` as given (the service checks
/// it), or the one locality whose name with its parents `address_string`
/// matches, with or without diacritics. We keep no coordinates, so
/// `lat`/`long` alone cannot place a request.
async fn locality(state: &AppState, f: &Filing) -> Result<String, Open311Error> {
    if let Some(id) = f
        .address_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return Ok(id.to_string());
    }
    let wanted = search_key(f.address_string.as_deref().unwrap_or(""));
    let missing = || {
        Open311Error::bad_request(
            "address_id required (a locality id, as address_id in requests.json), or an \
             address_string naming one commune with its district",
        )
    };
    if wanted.is_empty() {
        return Err(missing());
    }
    let options = crate::accounts::directory::localities(state)
        .await
        .map_err(|e| from_app_error(e, Locale::Vi))?;
    let mut matches = options.iter().filter(|o| {
        let label = search_key(&o.label);
        label == wanted || label.starts_with(&format!("{wanted},"))
    });
    match (matches.next(), matches.next()) {
        (Some(only), None) => Ok(only.id.to_string()),
        _ => Err(missing()),
    }
}
