//! Accounts pages: register, sign in, account (profile, password, sessions,
//! deletion), forgotten password, e-mail verification, and the admin outbox.

pub mod account;
pub mod admin;
pub mod auth;
pub mod inbox;
pub mod password;
pub mod signin;
pub mod verify;
