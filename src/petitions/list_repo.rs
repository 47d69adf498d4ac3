//! The public list's SQL: filters, search through the full-text index of
//! each backend (SQLite FTS5, PostgreSQL GIN over `to_tsvector`), and a
//! count that stops at [`COUNT_CAP`], so that neither grows with the number
//! of petitions.

use crate::petitions::repo::{SummaryRow, PER_PAGE, SUMMARY_COLUMNS, SUMMARY_FROM};
use crate::petitions::subject;
use crate::petitions::views::{ListFilter, PetitionSummary};
use crate::server::db::{Backend, Db};
use crate::server::filter::Where;
use crate::subjects::moderation::hidden_sql;

/// The list counts matches up to this many and says "more" beyond it: an
/// exact count of a million rows costs a scan on every request.
pub const COUNT_CAP: i64 = 10_000;

/// The deepest page a count of [`COUNT_CAP`] offers.
pub const MAX_PAGE: i64 = COUNT_CAP / PER_PAGE;

/// Adds the petitions after id `after` to the SQLite search index at once
/// (generated data).
pub async fn index_all_after(
    conn: &mut sqlx::AnyConnection,
    after: i64,
) -> Result<(), sqlx::Error> {
    if conn.backend_name() == "SQLite" {
        sqlx::query(
            "INSERT INTO petitions_search (rowid, search_text) \
             SELECT id, search_text FROM petitions WHERE id > $1",
        )
        .bind(after)
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Adds the search condition for `words` (folded, alphanumeric, non-empty):
/// every word must start a word of the petition's search text.
fn push_search(w: &mut Where, backend: Backend, words: &[String]) {
    if words.is_empty() {
        return;
    }
    match backend {
        Backend::Sqlite => {
            let query: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
            w.and(
                "p.id IN (SELECT rowid FROM petitions_search WHERE petitions_search MATCH ?)",
                query.join(" "),
            );
        }
        Backend::Postgres => {
            let query: Vec<String> = words.iter().map(|w| format!("{w}:*")).collect();
            w.and(
                "to_tsvector('simple', p.search_text) @@ to_tsquery('simple', ?)",
                query.join(" & "),
            );
        }
    }
}

/// One page of public petitions matching `filter` (already validated, its
/// page within [`MAX_PAGE`]), the number of matches up to [`COUNT_CAP`], and
/// whether there are more than that.
pub async fn list_public(
    db: &Db,
    filter: &ListFilter,
    search_words: &[String],
) -> Result<(Vec<PetitionSummary>, i64, bool), sqlx::Error> {
    // Petitions hidden by a moderator drop out of the list and search.
    let mut w = Where::new(&format!(
        "p.visibility = 'public' AND NOT {}",
        hidden_sql(subject::KIND, "p.id")
    ));
    push_search(&mut w, db.backend, search_words);
    if !filter.status.is_empty() {
        w.and("p.status = ?", filter.status.clone());
    }
    if !filter.category.is_empty() {
        w.and("c.code = ?", filter.category.clone());
    }
    crate::petitions::routing::repo::push_place_filters(&mut w, &filter.locality, &filter.agency);
    let where_clause = w.sql();
    let order = match filter.sort.as_str() {
        "supported" => "p.support_count DESC, p.id DESC",
        // Petitions with an answer deadline first, the soonest first.
        "deadline" => {
            "CASE WHEN p.answer_due_at IS NULL THEN 1 ELSE 0 END, p.answer_due_at, p.id DESC"
        }
        _ => "p.id DESC",
    };
    let count_sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 {SUMMARY_FROM} WHERE {where_clause} LIMIT {}) capped",
        COUNT_CAP + 1
    );
    let counted = w
        .bind_scalar(sqlx::query_scalar::<_, i64>(&count_sql))
        .fetch_one(&db.pool)
        .await?;
    let list_sql = format!(
        "SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM} WHERE {where_clause} ORDER BY {order} LIMIT {PER_PAGE} OFFSET {}",
        (filter.page.clamp(1, MAX_PAGE) - 1) * PER_PAGE
    );
    let rows = w
        .bind_as(sqlx::query_as::<_, SummaryRow>(&list_sql))
        .fetch_all(&db.pool)
        .await?;
    Ok((
        rows.into_iter().map(Into::into).collect(),
        counted.min(COUNT_CAP),
        counted > COUNT_CAP,
    ))
}
