//! Following a petition from its page: follow (with or without e-mails),
//! turn e-mails on or off, stop following.

use crate::i18n::use_i18n;
use crate::petitions::api::{FollowPetition, UnfollowPetition};
use crate::ui::form::{action_error, FormError};
use leptos::prelude::*;

/// The follow controls. `following` is `None` when not following, else
/// whether e-mails are on.
#[component]
pub fn FollowForm(
    code: String,
    following: Option<bool>,
    followers: i64,
    follow: ServerAction<FollowPetition>,
    unfollow: ServerAction<UnfollowPetition>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(follow);
    let unfollow_error = action_error(unfollow);
    let (code_a, code_b) = (code.clone(), code.clone());
    let controls = match following {
        None => view! {
            <ActionForm action=follow attr:class="form inline">
                <input type="hidden" name="code" value=code />
                <label class="choice">
                    <input type="checkbox" name="email" value="on" checked=true />
                    {i18n.t("follows.with_email")}
                </label>
                <button type="submit">{i18n.t("follows.follow")}</button>
            </ActionForm>
        }
        .into_any(),
        Some(email) => view! {
            <p>{i18n.t(if email { "follows.following_email" } else { "follows.following_inbox" })}</p>
            <div class="row">
                <ActionForm action=follow attr:class="inline">
                    <input type="hidden" name="code" value=code_a />
                    {(!email).then(|| view! { <input type="hidden" name="email" value="on" /> })}
                    <button type="submit">
                        {i18n.t(if email { "follows.email_off" } else { "follows.email_on" })}
                    </button>
                </ActionForm>
                <ActionForm action=unfollow attr:class="inline">
                    <input type="hidden" name="code" value=code_b />
                    <button type="submit">{i18n.t("follows.unfollow")}</button>
                </ActionForm>
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="follow" aria-labelledby="follow-h">
            <h2 id="follow-h">{i18n.t("follows.title")}</h2>
            <p class="hint">{followers} " " {move || i18n.plural("follows.followers", followers)}</p>
            <FormError error />
            <FormError error=unfollow_error />
            {controls}
        </section>
    }
}
