//! The closing report on a consultation's page: the report once published
//! (what was heard, and the agency's response to each article), and for
//! its managers after the close the form that publishes it.

use crate::consultations::api::PublishReport;
use crate::consultations::report_model::{reason_field, verdict_field, ReportView, Verdict};
use crate::consultations::views::ConsultationDetail;
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, FormError};
use crate::ui::format;
use leptos::prelude::*;

/// The published report.
#[component]
pub fn Report(d: ConsultationDetail, report: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let rows = report
        .responses
        .iter()
        .map(|r| {
            let title = d
                .articles()
                .find(|a| a.number == r.article)
                .map(|a| a.title.clone())
                .unwrap_or_default();
            view! {
                <tr>
                    <th scope="row">{i18n.t("consultations.article")} " " {r.article.clone()} ". " {title}</th>
                    <td><span class=format!("verdict verdict-{}", r.verdict.as_str())>{i18n.t(r.verdict.label_key())}</span></td>
                    <td class="petition-body">{r.reason.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="report" id="report" aria-labelledby="report-h">
            <h2 id="report-h">{i18n.t("consultations.report_title")}</h2>
            <p class="meta">
                {i18n.t("consultations.report_published_on")} " "
                <time datetime=format::iso(report.published_at)>{format::datetime(report.published_at)}</time>
            </p>
            <h3>{i18n.t("consultations.report_summary")}</h3>
            <p class="petition-body">{report.summary.clone()}</p>
            {(!report.responses.is_empty()).then(|| view! {
                <table class="responses">
                    <thead><tr>
                        <th scope="col">{i18n.t("consultations.article")}</th>
                        <th scope="col">{i18n.t("consultations.verdict")}</th>
                        <th scope="col">{i18n.t("consultations.reason")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            })}
        </section>
    }
}

/// The form that publishes the report: the summary, then for each article
/// its comment count, a verdict and a reason.
#[component]
pub fn ReportForm(d: ConsultationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<PublishReport>::new();
    let error = action_error(action);
    let message = move |field: String| {
        move || {
            error
                .get()
                .filter(|e| e.field() == Some(field.as_str()))
                .map(|e| view! { <p class="field-error" role="alert">{i18n.tr(e.message_key())}</p> })
        }
    };
    let rows = d
        .articles()
        .map(|a| {
            let n = d.comment_count(&a.number) as i64;
            let (vf, rf) = (verdict_field(&a.number), reason_field(&a.number));
            let (vid, rid) = (format!("f-{vf}"), format!("f-{rf}"));
            view! {
                <fieldset class="response">
                    <legend>
                        {i18n.t("consultations.article")} " " {a.number.clone()} ". " {a.title.clone()}
                        " " <span class="meta">"(" {n} " " {move || i18n.plural("consultations.comments_n", n)} ")"</span>
                    </legend>
                    <input type="hidden" name="articles[]" value=a.number.clone() />
                    <label for=vid.clone()>{i18n.t("consultations.verdict")}</label>
                    <select id=vid name="verdicts[]">
                        <option value="">{i18n.t("consultations.no_response")}</option>
                        {Verdict::ALL.iter().map(|v| view! {
                            <option value=v.as_str()>{i18n.t(v.label_key())}</option>
                        }).collect_view()}
                    </select>
                    {message(vf)}
                    <label for=rid.clone()>{i18n.t("consultations.reason")}</label>
                    <textarea id=rid name="reasons[]" rows="3" maxlength="3000"></textarea>
                    {message(rf)}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="handle" aria-labelledby="report-form-h">
            <h2 id="report-form-h">{i18n.t("consultations.report_form_title")}</h2>
            <p class="hint">{i18n.t("consultations.report_form_hint")}</p>
            <ActionForm action attr:class="form">
                <FormError error />
                <input type="hidden" name="code" value=d.summary.code.clone() />
                <label for="f-report_summary">{i18n.t("consultations.report_summary")}</label>
                <textarea id="f-report_summary" name="report_summary" rows="8" required maxlength="10000"></textarea>
                {message("report_summary".to_string())}
                {rows}
                <button type="submit" class="primary">{i18n.t("consultations.report_submit")}</button>
            </ActionForm>
        </section>
    }
}
