//! Service fees at one-stop counters: the fee catalogue, cases and their
//! invoices, the VietQR payment code, and payments confirmed by the
//! provider's signed notification.

pub mod model;
pub mod vietqr;

#[cfg(feature = "ssr")]
pub mod signature;
