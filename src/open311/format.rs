//! The two formats of GeoReport v2: a resource named `….json` answers JSON,
//! `….xml` answers XML (the format the specification requires, and many
//! existing clients ask for). Errors come in the format the request asked
//! for: `[{"code":…,"description":…}]` or `<errors><error>…</error></errors>`.

use super::model::Open311Error;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::StatusCode;
use serde::Serialize;

/// The format a request asked for by its resource's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `application/json`
    Json,
    /// `text/xml`
    Xml,
}

impl Format {
    /// The resource name and format of a file name (`requests.xml`).
    pub fn of(file: &str) -> Result<(&str, Format), Open311Error> {
        if let Some(name) = file.strip_suffix(".json") {
            Ok((name, Format::Json))
        } else if let Some(name) = file.strip_suffix(".xml") {
            Ok((name, Format::Xml))
        } else {
            Err(Open311Error::new(
                404,
                "no such resource: names end in .json or .xml",
            ))
        }
    }

    /// A list of `items` under the XML element `root`, each an `item`
    /// element (in JSON, the array).
    pub fn list<T: Serialize>(
        self,
        status: StatusCode,
        root: &str,
        item: &str,
        items: &[T],
    ) -> Response {
        match self {
            Format::Json => (status, axum::Json(items)).into_response(),
            Format::Xml => {
                let mut body = format!("{XML_DECLARATION}<{root}>");
                for value in items {
                    match quick_xml::se::to_string_with_root(item, value) {
                        Ok(xml) => body.push_str(&xml),
                        Err(e) => return failed(e),
                    }
                }
                body.push_str(&format!("</{root}>"));
                xml(status, body)
            }
        }
    }

    /// One `value`, the XML element `root` (in JSON, the object).
    pub fn one<T: Serialize>(self, status: StatusCode, root: &str, value: &T) -> Response {
        match self {
            Format::Json => (status, axum::Json(value)).into_response(),
            Format::Xml => match quick_xml::se::to_string_with_root(root, value) {
                Ok(body) => xml(status, format!("{XML_DECLARATION}{body}")),
                Err(e) => failed(e),
            },
        }
    }

    /// An error in this format.
    pub fn error(self, e: Open311Error) -> Response {
        let status = StatusCode::from_u16(e.code).unwrap_or(StatusCode::BAD_REQUEST);
        self.list(status, "errors", "error", &[e])
    }
}

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

fn xml(status: StatusCode, body: String) -> Response {
    (status, [(CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

fn failed(e: quick_xml::SeError) -> Response {
    tracing::error!(error = %e, "an Open311 answer did not serialise as XML");
    Format::Json.error(Open311Error::new(500, "internal error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        service_code: String,
        lat: Option<f64>,
    }

    async fn body(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn lists_and_errors_in_xml() {
        let items = [Item {
            service_code: "roads & <bridges>".into(),
            lat: None,
        }];
        let res = Format::Xml.list(StatusCode::OK, "services", "service", &items);
        assert_eq!(res.headers()[CONTENT_TYPE], "text/xml; charset=utf-8");
        let xml = body(res).await;
        assert!(xml.starts_with(XML_DECLARATION), "{xml}");
        assert!(
            xml.contains(
                "<services><service><service_code>roads &amp; &lt;bridges&gt;</service_code>"
            ),
            "{xml}"
        );
        let err = body(Format::Xml.error(Open311Error::new(403, "api_key missing"))).await;
        assert!(
            err.contains("<errors><error><code>403</code><description>api_key missing</description></error></errors>"),
            "{err}"
        );
        assert_eq!(
            Format::of("requests.xml").unwrap(),
            ("requests", Format::Xml)
        );
        assert!(Format::of("requests.csv").is_err());
    }
}
