//! The follow controls of any subject's page: follow (with or without
//! e-mails), turn e-mails on or off, stop following. The subject's domain
//! gives its two server actions (each taking `code`, the follow one also
//! `email`) and the words that name its kind of subject.

use crate::error::AppError;
use crate::i18n::use_i18n;
use crate::ui::form::{action_error, FormError};
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use serde::de::DeserializeOwned;

/// The words of a subject kind's follow controls (catalogue keys).
#[derive(Debug, Clone, Copy)]
pub struct FollowWords {
    /// The follow button ("Follow this petition").
    pub follow: &'static str,
    /// Said when following with e-mails on.
    pub following_email: &'static str,
    /// Said when following with the inbox only.
    pub following_inbox: &'static str,
}

/// A server function a follow form can post (a `PostUrl` one failing with
/// [`AppError`]).
pub trait FormAction:
    DeserializeOwned
    + ServerFn<Protocol = Http<PostUrl, Self::Out>, Error = AppError, Output = ()>
    + Clone
    + Send
    + Sync
    + 'static
{
    /// Its output encoding.
    type Out;
}

impl<F, O> FormAction for F
where
    F: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, O>, Error = AppError, Output = ()>
        + Clone
        + Send
        + Sync
        + 'static,
{
    type Out = O;
}

/// The follow controls. `following` is `None` when not following, else
/// whether e-mails are on.
#[component]
pub fn FollowForm<F, U>(
    code: String,
    following: Option<bool>,
    followers: i64,
    follow: ServerAction<F>,
    unfollow: ServerAction<U>,
    words: FollowWords,
) -> impl IntoView
where
    F: FormAction,
    U: FormAction,
    <<F::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData:
        From<leptos::web_sys::FormData>,
    <<U::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData:
        From<leptos::web_sys::FormData>,
    F::Client: Client<AppError>,
    U::Client: Client<AppError>,
{
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
                <button type="submit">{i18n.t(words.follow)}</button>
            </ActionForm>
        }
        .into_any(),
        Some(email) => view! {
            <p>{i18n.t(if email { words.following_email } else { words.following_inbox })}</p>
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
