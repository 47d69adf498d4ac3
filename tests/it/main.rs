//! Integration tests: each spawns the real server binary on port 0 with a
//! fresh database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set) and
//! drives it over HTTP. One test crate, so the suite links once.

mod common;

mod accounts;
mod authz;
mod bursts;
mod consultations;
mod consultations_export;
mod consultations_flow;
mod consultations_live;
mod consultations_moderation;
mod consultations_opinions;
mod consultations_polls;
mod consultations_report;
mod consultations_talk;
mod consultations_versions;
mod crash;
mod follows;
mod fuzz;
mod hardening;
mod live;
mod mail;
mod migration;
mod moderation;
mod open311;
mod page_cache;
mod payments;
mod payments_gateway;
mod payments_ratings;
mod payments_receipts;
mod payments_reconciliation;
mod payments_refunds;
mod petitions;
mod photo_upkeep;
mod photos;
mod platform;
mod privacy;
mod reset_links;
mod resubmit;
mod routing;
mod scale;
mod sessions;
mod statistics;
mod verification;
