//! Service fees at one-stop counters: the fee catalogue, cases and their
//! invoices, the VietQR payment code, and payments confirmed by the
//! provider's signed notification, exactly once.

pub mod api;
pub mod codes;
pub mod live;
pub mod model;
pub mod rating_model;
pub mod ui;
pub mod vietqr;
pub mod views;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod catalogue_repo;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod gateway;
#[cfg(feature = "ssr")]
pub mod invoice_repo;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod provider;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod rating_repo;
#[cfg(feature = "ssr")]
pub mod ratings;
#[cfg(feature = "ssr")]
pub mod receipt_repo;
#[cfg(feature = "ssr")]
pub mod receipt_token;
#[cfg(feature = "ssr")]
pub mod receipts;
#[cfg(feature = "ssr")]
pub mod reconciliation;
#[cfg(feature = "ssr")]
pub mod refund_repo;
#[cfg(feature = "ssr")]
pub mod refunds;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod signature;
