//! Petitions as subjects of the platform's timeline, follows, inbox and
//! moderation ([`crate::subjects`]): their kind, and how an inbox shows them.

use crate::i18n::Locale;
use crate::petitions::model::{EventKind, Status};
use crate::petitions::views::describe_step;
use crate::subjects::inbox::{Described, Describer};
use crate::subjects::moderation::hidden_sql;
use crate::subjects::SubjectRef;
use futures::future::BoxFuture;
use sqlx::AnyPool;
use std::collections::HashMap;

/// The subject kind of petitions.
pub const KIND: &str = "petition";

/// The petition `id` as a subject.
pub const fn of(id: i64) -> SubjectRef {
    SubjectRef::new(KIND, id)
}

/// How an inbox shows petitions: the tracking code, the title (none while
/// hidden by a moderator, but to its petitioner), a link to its page.
pub struct PetitionDescriber;

impl Describer for PetitionDescriber {
    fn describe<'a>(
        &'a self,
        pool: &'a AnyPool,
        reader: i64,
        ids: &'a [i64],
    ) -> BoxFuture<'a, Result<HashMap<i64, Described>, sqlx::Error>> {
        Box::pin(async move {
            let mut out = HashMap::with_capacity(ids.len());
            // Bounded batches keep the statement's parameters few.
            for chunk in ids.chunks(100) {
                let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
                let sql = format!(
                    "SELECT p.id, p.code, CASE WHEN p.author_id = $1 OR NOT {} \
                     THEN p.title ELSE '' END FROM petitions p WHERE p.id IN ({})",
                    hidden_sql(KIND, "p.id"),
                    marks.join(", ")
                );
                let mut q = sqlx::query_as::<_, (i64, String, String)>(&sql).bind(reader);
                for id in chunk {
                    q = q.bind(*id);
                }
                for (id, code, title) in q.fetch_all(pool).await? {
                    let link = format!("/petitions/{code}");
                    out.insert(id, Described { code, title, link });
                }
            }
            Ok(out)
        })
    }

    fn step_text(&self, locale: Locale, kind: &str, state: &str, note: &str) -> String {
        match (EventKind::parse(kind), Status::parse(state)) {
            (Some(kind), Some(status)) => describe_step(locale, kind, status, note),
            _ => String::new(),
        }
    }
}
