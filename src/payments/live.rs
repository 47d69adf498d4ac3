//! Payments on the live hub. An invoice's topic (`invoice:<reference>`,
//! served at `/live/invoices/<reference>`) hears every change of the
//! invoice (issued, paid, cancelled, a mismatched payment); only staff of
//! the counter's agency who work that counter (and admins) may follow it.
//! A counter's display (`counter-display:<token>`, at
//! `/live/counter-displays/<token>`) hears the changes of every invoice of
//! the counter; whoever holds the display's unguessable token may follow
//! it. The events carry only the reference and the status: a page fetches
//! itself again to show them.

/// The URL kind of invoices' streams.
pub const INVOICE_KIND: &str = "invoices";
/// The URL kind of counter displays' streams.
pub const DISPLAY_KIND: &str = "counter-displays";
/// The events an invoice page or a display applies.
pub const EVENTS: &str = "invoice";

/// The stream of one invoice.
pub fn invoice_stream(reference: &str) -> String {
    crate::live::stream_url(INVOICE_KIND, Some(reference))
}

/// The stream of a counter's display.
pub fn display_stream(token: &str) -> String {
    crate::live::stream_url(DISPLAY_KIND, Some(token))
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::{DISPLAY_KIND, INVOICE_KIND};
    use crate::error::AppError;
    use crate::live::topic::{Opening, TopicSource};
    use crate::live::LiveEvent;
    use crate::payments::codes::PaymentReference;
    use crate::payments::model::InvoiceStatus;
    use crate::payments::{invoice_repo, repo};
    use crate::server::state::AppState;
    use futures::future::BoxFuture;
    use serde_json::json;

    fn invoice_topic(reference: &str) -> String {
        format!("invoice:{reference}")
    }

    fn display_topic(token: &str) -> String {
        format!("counter-display:{token}")
    }

    /// A committed change of invoice `reference` (timeline step `id`), heard
    /// by its topic and by its counter's display.
    pub fn invoice_event(
        reference: &str,
        display_token: Option<&str>,
        id: i64,
        status: InvoiceStatus,
    ) -> LiveEvent {
        LiveEvent {
            topic: invoice_topic(reference),
            list: display_token.map(display_topic),
            name: "invoice".into(),
            id: Some(id),
            data: json!({ "reference": reference, "status": status }),
        }
    }

    /// The newest timeline step of the cases `sql` selects (bound to `key`).
    async fn newest_step(state: &AppState, sql: &str, key: i64) -> Result<Option<i64>, AppError> {
        Ok(sqlx::query_scalar(sql)
            .bind(key)
            .fetch_one(&state.db.pool)
            .await?)
    }

    /// What a subscriber who saw step `last` gets first: one event telling it
    /// to fetch the page again when a newer step exists.
    fn replay(topic: &str, newest: Option<i64>, last: Option<i64>) -> Opening {
        let missed = matches!((newest, last), (Some(n), Some(l)) if n > l);
        Opening {
            topic: topic.to_string(),
            replay: if missed {
                vec![LiveEvent {
                    topic: topic.to_string(),
                    list: None,
                    name: "invoice".into(),
                    id: newest,
                    data: json!({ "missed": true }),
                }]
            } else {
                Vec::new()
            },
            seen: newest.or(last),
        }
    }

    /// The `invoices` topics: the staff who may work the invoice's counter.
    pub struct InvoiceTopics;

    impl TopicSource for InvoiceTopics {
        fn open<'a>(
            &'a self,
            state: &'a AppState,
            headers: &'a http::HeaderMap,
            key: Option<&'a str>,
            last: Option<i64>,
        ) -> BoxFuture<'a, Result<Opening, AppError>> {
            Box::pin(async move {
                let reference = PaymentReference::parse(key.ok_or(AppError::NotFound)?)?;
                let reader = crate::accounts::guard::reader_of(state, headers)
                    .await?
                    .ok_or(AppError::Unauthenticated)?;
                let mut conn = state.db.pool.acquire().await?;
                let invoice = invoice_repo::invoice_by_reference(&mut conn, reference.as_str())
                    .await?
                    .ok_or(AppError::NotFound)?;
                drop(conn);
                crate::payments::access::may_work_case(
                    state,
                    &reader,
                    invoice.agency_id,
                    invoice.counter_id,
                )
                .await?;
                let case = crate::subjects::SubjectRef::new(
                    crate::payments::model::CASE_KIND,
                    invoice.case_id,
                );
                let newest = crate::subjects::timeline::newest(&state.db.pool, case).await?;
                Ok(replay(&invoice_topic(reference.as_str()), newest, last))
            })
        }
    }

    /// The `counter-displays` topics: whoever holds the display's token.
    pub struct DisplayTopics;

    impl TopicSource for DisplayTopics {
        fn open<'a>(
            &'a self,
            state: &'a AppState,
            _headers: &'a http::HeaderMap,
            key: Option<&'a str>,
            last: Option<i64>,
        ) -> BoxFuture<'a, Result<Opening, AppError>> {
            Box::pin(async move {
                let token = key.filter(|k| k.len() <= 64).ok_or(AppError::NotFound)?;
                let counter = repo::counter_by_token(&state.db.pool, token)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let newest = newest_step(
                    state,
                    "SELECT MAX(e.id) FROM subject_events e JOIN cases k ON k.id = e.subject_id \
                     WHERE e.subject_kind = 'case' AND k.counter_id = $1",
                    counter.id,
                )
                .await?;
                Ok(replay(&display_topic(&counter.display_token), newest, last))
            })
        }
    }

    /// The payments' topics, by URL kind, for the shell.
    pub fn topics() -> Vec<(&'static str, std::sync::Arc<dyn TopicSource>)> {
        vec![
            (INVOICE_KIND, std::sync::Arc::new(InvoiceTopics)),
            (DISPLAY_KIND, std::sync::Arc::new(DisplayTopics)),
        ]
    }
}
