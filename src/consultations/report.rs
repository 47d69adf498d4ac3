//! The closing report: once a consultation has closed, an officer of its
//! agency publishes what was heard and the agency's response to each
//! article (every article that was commented on must have one, with its
//! reason). Published once; its followers are told.

use super::access::{managed_row, window_of};
use super::model::{Phase, Status};
use super::report_model::{reason_field, verdict_field, ReportView, ResponseView, Verdict};
use super::subject::{self, StepKind};
use super::{draft, repo, report_repo};
use crate::accounts::model::UserView;
use crate::error::AppError;
use crate::server::db::now_ms;
use crate::server::state::AppState;
use crate::text::{check, Messages, Rules};

/// The officer's report form as sent: the summary, and for each article of
/// the text its number, the verdict chosen (or empty) and the reason.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// The consultation's slug.
    pub code: String,
    /// What was heard.
    pub summary: String,
    /// Article numbers, one per row of the form.
    pub articles: Vec<String>,
    /// Verdicts, in the same order (empty: no response).
    pub verdicts: Vec<String>,
    /// Reasons, in the same order.
    pub reasons: Vec<String>,
}

fn check_summary(raw: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 10,
        max: 10_000,
        lines: true,
    };
    let messages = Messages {
        too_short: "consultations.report_summary_required",
        too_long: "consultations.report_summary_too_long",
        invalid: "consultations.text_invalid",
    };
    check(raw, "report_summary", rules, messages)
}

fn check_reason(raw: &str, number: &str) -> Result<String, AppError> {
    let rules = Rules {
        min: 1,
        max: 3000,
        lines: true,
    };
    let messages = Messages {
        too_short: "consultations.reason_required",
        too_long: "consultations.reason_too_long",
        invalid: "consultations.text_invalid",
    };
    check(raw, &reason_field(number), rules, messages)
}

/// The responses of a form, checked against the text's articles (in their
/// order) and the articles that were commented on.
fn responses(
    input: &ReportInput,
    articles: &[String],
    commented: &[String],
) -> Result<Vec<ResponseView>, AppError> {
    let rows = input.articles.len();
    if input.verdicts.len() != rows || input.reasons.len() != rows {
        return Err(AppError::BadRequest);
    }
    let mut out: Vec<ResponseView> = Vec::new();
    for ((number, verdict), reason) in input
        .articles
        .iter()
        .zip(&input.verdicts)
        .zip(&input.reasons)
    {
        let number = number.trim();
        if !articles.iter().any(|a| a == number) || out.iter().any(|r| r.article == number) {
            return Err(AppError::invalid(
                "articles",
                "consultations.article_unknown",
            ));
        }
        let verdict = match verdict.trim() {
            "" if reason.trim().is_empty() => continue,
            "" => {
                return Err(AppError::invalid(
                    &verdict_field(number),
                    "consultations.verdict_required",
                ))
            }
            v => Verdict::parse(v).ok_or_else(|| {
                AppError::invalid(&verdict_field(number), "consultations.verdict_invalid")
            })?,
        };
        out.push(ResponseView {
            article: number.to_string(),
            verdict,
            reason: check_reason(reason, number)?,
        });
    }
    if let Some(missing) = commented
        .iter()
        .find(|n| !out.iter().any(|r| &r.article == *n))
    {
        return Err(AppError::invalid(
            &verdict_field(missing),
            "consultations.verdict_required",
        ));
    }
    let order = |r: &ResponseView| articles.iter().position(|a| *a == r.article);
    out.sort_by_key(order);
    Ok(out)
}

/// Publishes the closing report of a closed consultation. The same report
/// sent twice is one report; a different one after it is refused.
pub async fn publish(
    state: &AppState,
    user: &UserView,
    input: ReportInput,
) -> Result<(), AppError> {
    let row = managed_row(state, user, &input.code).await?;
    let now = now_ms();
    if row.status != Status::Published.as_str() || window_of(&row).phase(now) != Phase::Closed {
        return Err(AppError::conflict("consultations.report_before_close"));
    }
    let summary = check_summary(&input.summary)?;
    let source = repo::source(&state.db.pool, row.id).await?;
    let articles: Vec<String> = draft::parse(&source)
        .unwrap_or_default()
        .articles()
        .map(|a| a.number.clone())
        .collect();
    let commented = super::talk_repo::commented_articles(&state.db.pool, row.id).await?;
    let responses = responses(&input, &articles, &commented)?;
    let mut tx = state.db.pool.begin().await?;
    if !report_repo::insert(&mut tx, row.id, &summary, user.id, now).await? {
        tx.rollback().await?;
        return match report_repo::report(&state.db.pool, row.id).await? {
            Some((stored, _)) if stored == summary => Ok(()),
            _ => Err(AppError::conflict("consultations.report_published")),
        };
    }
    for r in &responses {
        report_repo::insert_response(&mut tx, row.id, r).await?;
    }
    let step = subject::Step {
        id: row.id,
        agency_id: row.agency_id,
        kind: StepKind::Report,
        actor_id: Some(user.id),
        note: "",
        at: now,
    };
    let step = subject::record(&mut tx, &step, &state.config.site_url()).await?;
    tx.commit().await?;
    super::live::step_recorded(state, row.id, step).await;
    state.mail_wakeup.notify_one();
    Ok(())
}

/// The published report of consultation `id`, its responses in the order
/// of `articles`.
pub async fn view(
    state: &AppState,
    id: i64,
    articles: &[String],
) -> Result<Option<ReportView>, AppError> {
    let Some((summary, published_at)) = report_repo::report(&state.db.pool, id).await? else {
        return Ok(None);
    };
    let mut responses = report_repo::responses(&state.db.pool, id).await?;
    responses.sort_by_key(|r| articles.iter().position(|a| *a == r.article));
    Ok(Some(ReportView {
        summary,
        published_at,
        responses,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rows: &[(&str, &str, &str)]) -> ReportInput {
        ReportInput {
            articles: rows.iter().map(|r| r.0.to_string()).collect(),
            verdicts: rows.iter().map(|r| r.1.to_string()).collect(),
            reasons: rows.iter().map(|r| r.2.to_string()).collect(),
            ..ReportInput::default()
        }
    }

    fn numbers(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_commented_article_needs_a_verdict_with_its_reason() {
        let articles = numbers(&["1", "2", "3"]);
        let commented = numbers(&["2"]);
        let ok = responses(
            &input(&[
                ("3", "partly", "Bổ sung giờ đổ rác."),
                ("1", "", ""),
                ("2", "accepted", "Đã sửa."),
            ]),
            &articles,
            &commented,
        )
        .unwrap();
        let got: Vec<_> = ok.iter().map(|r| (r.article.as_str(), r.verdict)).collect();
        assert_eq!(got, vec![("2", Verdict::Accepted), ("3", Verdict::Partly)]);

        let e = responses(&input(&[("2", "", "")]), &articles, &commented).unwrap_err();
        assert_eq!(
            (e.field(), e.message_key()),
            (Some("verdict_2"), "consultations.verdict_required")
        );
        let e = responses(&input(&[("2", "accepted", "  ")]), &articles, &commented).unwrap_err();
        assert_eq!(
            (e.field(), e.message_key()),
            (Some("reason_2"), "consultations.reason_required")
        );
        let e = responses(
            &input(&[("2", "", "Lý do mà không chọn")]),
            &articles,
            &commented,
        )
        .unwrap_err();
        assert_eq!(e.field(), Some("verdict_2"));
        let e = responses(&input(&[("2", "maybe", "x")]), &articles, &commented).unwrap_err();
        assert_eq!(e.message_key(), "consultations.verdict_invalid");
        let e = responses(&input(&[("9", "accepted", "x")]), &articles, &[]).unwrap_err();
        assert_eq!(e.message_key(), "consultations.article_unknown");
        let twice = input(&[("2", "accepted", "x"), ("2", "partly", "y")]);
        assert!(responses(&twice, &articles, &commented).is_err());
        let mut uneven = input(&[("2", "accepted", "x")]);
        uneven.reasons.clear();
        assert!(matches!(
            responses(&uneven, &articles, &commented),
            Err(AppError::BadRequest)
        ));
    }
}
