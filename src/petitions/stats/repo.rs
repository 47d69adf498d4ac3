//! Statistics SQL, written once for both dialects: plain counts and rows;
//! medians and averages are taken in Rust ([`crate::petitions::stats::model`]), the same on
//! SQLite and PostgreSQL.

use crate::petitions::model::Status;
use crate::petitions::stats::model::{
    average, AgencyStats, CategoryCount, MedianTime, Statistics, StatusCount,
};
use crate::petitions::views::Names;
use sqlx::AnyPool;
use std::collections::HashMap;

/// Milliseconds from submission to the first timeline step at `status`, one
/// per petition that reached it.
async fn durations_to(pool: &AnyPool, status: Status) -> Result<Vec<i64>, sqlx::Error> {
    let reached = crate::subjects::timeline::first_reached(
        pool,
        crate::petitions::subject::KIND,
        status.as_str(),
    )
    .await?;
    if reached.is_empty() {
        return Ok(Vec::new());
    }
    let created: HashMap<i64, i64> = sqlx::query_as("SELECT id, created_at FROM petitions")
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    Ok(reached
        .into_iter()
        .filter_map(|(id, at)| created.get(&id).map(|c| at - c))
        .collect())
}

/// Everything the statistics page shows.
pub async fn statistics(pool: &AnyPool) -> Result<Statistics, sqlx::Error> {
    let counts: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
        "SELECT status, COUNT(*) FROM petitions GROUP BY status",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();
    let by_status: Vec<StatusCount> = Status::ALL
        .iter()
        .map(|&status| StatusCount {
            status,
            count: counts.get(status.as_str()).copied().unwrap_or(0),
        })
        .collect();
    let categories: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT c.code, c.name_vi, c.name_en, c.name_ko, COUNT(p.id) FROM categories c \
         LEFT JOIN petitions p ON p.category_id = c.id \
         GROUP BY c.id, c.code, c.name_vi, c.name_en, c.name_ko ORDER BY c.id",
    )
    .fetch_all(pool)
    .await?;
    let by_category = categories
        .into_iter()
        .map(|(code, vi, en, ko, count)| CategoryCount {
            code,
            names: Names { vi, en, ko },
            count,
        })
        .collect();
    Ok(Statistics {
        total: counts.values().sum(),
        by_status,
        by_category,
        to_answer: MedianTime::of(durations_to(pool, Status::Answered).await?),
        to_close: MedianTime::of(durations_to(pool, Status::Closed).await?),
        agencies: agencies(pool).await?,
    })
}

/// Agencies that handle petitions: how many, and their answers' ratings.
async fn agencies(pool: &AnyPool) -> Result<Vec<AgencyStats>, sqlx::Error> {
    let loads: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT a.id, a.name, COUNT(p.id) FROM agencies a \
         JOIN petitions p ON p.agency_id = a.id GROUP BY a.id, a.name",
    )
    .fetch_all(pool)
    .await?;
    let ratings: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT p.agency_id, r.stars FROM petition_ratings r \
         JOIN petitions p ON p.id = r.petition_id \
         WHERE p.agency_id IS NOT NULL AND p.answer IS NOT NULL AND p.answer <> ''",
    )
    .fetch_all(pool)
    .await?;
    let mut stars: HashMap<i64, Vec<i64>> = HashMap::new();
    for (agency, s) in ratings {
        stars.entry(agency).or_default().push(s);
    }
    let mut out: Vec<AgencyStats> = loads
        .into_iter()
        .map(|(id, agency, petitions)| {
            let given = stars.remove(&id).unwrap_or_default();
            AgencyStats {
                agency,
                petitions,
                ratings: given.len() as i64,
                average_rating: average(&given),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.petitions.cmp(&a.petitions).then_with(|| {
            crate::petitions::model::search_key(&a.agency)
                .cmp(&crate::petitions::model::search_key(&b.agency))
        })
    });
    Ok(out)
}
