//! The Open311 GeoReport v2 routes under `/open311/v2/`: discovery, services
//! and service definitions here; requests in [`super::requests`]. Only the
//! JSON format is offered. Every failure answers in the spec's error format,
//! `[{"code":N,"description":"…"}]` with HTTP status `N`.

use super::format::Format;
use super::model::{Open311Error, Service, ServiceDefinition, CHANGESET, SPECIFICATION};
use super::protocol::{from_app_error, text, Answer, Params};
use super::requests;
use crate::i18n::{translate, Locale};
use crate::petitions::categories;
use crate::server::state::AppState;
use axum::extract::rejection::{FormRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http::{HeaderMap, StatusCode};
use std::net::SocketAddr;

/// Where the interface is mounted: its clients are programs that send an
/// API key in the body (no session, no Origin), and its errors have the
/// GeoReport shape, a 413 included.
pub fn mount() -> crate::server::mount::Mount {
    let mut mount = crate::server::mount::Mount::new("/open311/");
    mount.own_authentication = true;
    mount.error_format = Some(|_, status| {
        let what = if status == 413 {
            "request body too large"
        } else {
            "the request failed"
        };
        Format::Json.error(Open311Error::new(status, what))
    });
    mount
}

/// The Open311 router, to be nested at `/open311/v2`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/{resource}",
            get(get_resource)
                .post(post_resource)
                .fallback(method_not_allowed),
        )
        .route(
            "/{collection}/{file}",
            get(get_member).fallback(method_not_allowed),
        )
        .fallback(not_found)
}

/// An error where no format was asked for (no resource name): JSON.
impl IntoResponse for Open311Error {
    fn into_response(self) -> Response {
        Format::Json.error(self)
    }
}

/// A list answer (`service_requests` of `request`s…) in `format`.
fn list<T: serde::Serialize>(
    format: Format,
    root: &str,
    item: &str,
    answer: Answer<Vec<T>>,
) -> Response {
    match answer {
        Ok(items) => format.list(StatusCode::OK, root, item, &items),
        Err(e) => format.error(e),
    }
}

async fn not_found() -> Open311Error {
    Open311Error::new(404, "no such Open311 resource")
}

async fn method_not_allowed() -> Open311Error {
    Open311Error::new(405, "method not allowed")
}

fn bad_query() -> Open311Error {
    Open311Error::new(400, "malformed query string")
}

/// `GET /open311/v2/{discovery,services,requests}.json`
async fn get_resource(
    State(state): State<AppState>,
    resource: Result<Path<String>, PathRejection>,
    query: Result<Query<Params>, QueryRejection>,
) -> Response {
    let Ok(Path(resource)) = resource else {
        return not_found().await.into_response();
    };
    let (name, format) = match Format::of(&resource) {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let Ok(Query(params)) = query else {
        return format.error(bad_query());
    };
    let base = state.config.site_url();
    match name {
        "discovery" => discovery(format, &base, params.locale()),
        "services" => list(
            format,
            "services",
            "service",
            services(&state, params.locale()).await,
        ),
        "requests" => list(
            format,
            "service_requests",
            "request",
            requests::search(&state, &base, &params).await,
        ),
        _ => format.error(not_found().await),
    }
}

/// `POST /open311/v2/requests.json`
async fn post_resource(
    State(state): State<AppState>,
    resource: Result<Path<String>, PathRejection>,
    form: Result<Form<requests::Filing>, FormRejection>,
) -> Response {
    let Ok(Path(resource)) = resource else {
        return not_found().await.into_response();
    };
    let format = match Format::of(&resource) {
        Ok(("requests", format)) => format,
        Ok((_, format)) => return format.error(method_not_allowed().await),
        Err(e) => return e.into_response(),
    };
    let form = match form {
        Ok(Form(form)) => form,
        Err(e) => {
            let why = format!("the body must be application/x-www-form-urlencoded: {e}");
            return format.error(Open311Error::new(400, why));
        }
    };
    let base = state.config.site_url();
    match requests::file(&state, &base, form).await {
        Ok(receipt) => format.list(
            StatusCode::CREATED,
            "service_requests",
            "request",
            &[receipt],
        ),
        Err(e) => format.error(e),
    }
}

/// `GET /open311/v2/services/{code}.json`, `requests/{id}.json`, `tokens/{token}.json`
async fn get_member(
    State(state): State<AppState>,
    member: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    query: Result<Query<Params>, QueryRejection>,
) -> Response {
    let ip = crate::server::session::client_ip_of(&state.config, &headers, Some(peer));
    let Ok(Path((collection, file))) = member else {
        return not_found().await.into_response();
    };
    let (id, format) = match Format::of(&file) {
        Ok(found) => found,
        Err(e) => return e.into_response(),
    };
    let Ok(Query(params)) = query else {
        return format.error(bad_query());
    };
    let base = state.config.site_url();
    match collection.as_str() {
        "services" => match service_definition(&state, id).await {
            Ok(definition) => format.one(StatusCode::OK, "service_definition", &definition),
            Err(e) => format.error(e),
        },
        "requests" => list(
            format,
            "service_requests",
            "request",
            requests::one(&state, &ip, &base, id, params.locale()).await,
        ),
        "tokens" => list(
            format,
            "service_requests",
            "request",
            requests::token(&state, &ip, id).await,
        ),
        _ => format.error(not_found().await),
    }
}

/// Where the interface is and how to get a key.
#[derive(serde::Serialize)]
struct Discovery {
    changeset: &'static str,
    contact: String,
    key_service: String,
    endpoints: Endpoints,
}

/// The endpoints: in XML `<endpoints><endpoint>…</endpoint></endpoints>`.
#[derive(serde::Serialize)]
struct Endpoints {
    endpoint: Vec<Endpoint>,
}

#[derive(serde::Serialize)]
struct Endpoint {
    specification: &'static str,
    url: String,
    changeset: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    formats: Formats,
}

#[derive(serde::Serialize)]
struct Formats {
    format: Vec<&'static str>,
}

fn discovery(format: Format, base: &str, locale: Locale) -> Response {
    let endpoint = Endpoint {
        specification: SPECIFICATION,
        url: format!("{base}/open311/v2"),
        changeset: CHANGESET,
        kind: "production",
        formats: Formats {
            format: vec!["application/json", "text/xml"],
        },
    };
    let d = Discovery {
        changeset: CHANGESET,
        contact: text(locale, "open311.contact", base),
        key_service: text(locale, "open311.key_service", &format!("{base}/account")),
        endpoints: Endpoints {
            endpoint: vec![endpoint],
        },
    };
    match format {
        // JSON keeps the specification's flat arrays.
        Format::Json => axum::Json(serde_json::json!({
            "changeset": d.changeset,
            "contact": d.contact,
            "key_service": d.key_service,
            "endpoints": d.endpoints.endpoint.iter().map(|e| serde_json::json!({
                "specification": e.specification,
                "url": e.url,
                "changeset": e.changeset,
                "type": e.kind,
                "formats": e.formats.format,
            })).collect::<Vec<_>>(),
        }))
        .into_response(),
        Format::Xml => format.one(StatusCode::OK, "discovery", &d),
    }
}

/// Every petition category as a service.
async fn services(state: &AppState, locale: Locale) -> Answer<Vec<Service>> {
    let all = categories::all(state)
        .await
        .map_err(|e| from_app_error(e, locale))?;
    let description = translate(locale, "open311.service_description");
    let group = translate(locale, "nav.petitions");
    Ok(all
        .iter()
        .cloned()
        .map(|c| Service {
            service_name: c.names.get(locale).to_string(),
            description: description.replace("%{name}", c.names.get(locale)),
            metadata: false,
            kind: "realtime".into(),
            keywords: [c.code.as_str(), &c.names.vi, &c.names.en, &c.names.ko].join(", "),
            group: group.clone(),
            service_code: c.code,
        })
        .collect())
}

/// A service's definition: no extra attributes, since `metadata` is false.
async fn service_definition(state: &AppState, code: &str) -> Answer<ServiceDefinition> {
    let all = categories::all(state)
        .await
        .map_err(|e| from_app_error(e, Locale::Vi))?;
    let service = all
        .iter()
        .find(|c| c.code == code)
        .cloned()
        .ok_or_else(|| Open311Error::not_found("service_code"))?;
    Ok(ServiceDefinition {
        service_code: service.code,
        attributes: Vec::new(),
    })
}
