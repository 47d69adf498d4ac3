//! The petitions' settings, read from the environment at start (documented
//! in the README): thresholds, the reopening window, photo sizes, and the
//! reports that put a petition in the moderation queue.

use crate::petitions::supports::thresholds::Thresholds;
use crate::server::config::number;
use std::time::Duration;

/// What a deployment decides about petitions.
#[derive(Debug, Clone)]
pub struct PetitionConfig {
    /// `SUPPORTS_FOR_ANSWER` (default 500), `ANSWER_DAYS` (default 30) and
    /// `SUPPORTS_FOR_HEARING` (default 5000).
    pub thresholds: Thresholds,
    /// `REOPEN_DAYS`: how long after an answer its petitioner may reopen it (default 14).
    pub reopen_window: Duration,
    /// `PHOTO_MAX_BYTES`: the largest photo a petitioner may upload (default 5 MiB).
    pub photo_max_bytes: u64,
    /// `REPORTS_FOR_REVIEW`: open abuse reports that put a petition in the
    /// moderation queue (default 3).
    pub reports_for_review: i64,
}

impl PetitionConfig {
    /// Reads the settings; an invalid value is an error naming the variable.
    pub fn from_env() -> Result<PetitionConfig, String> {
        Ok(PetitionConfig {
            thresholds: Thresholds {
                answer: number("SUPPORTS_FOR_ANSWER", 500)? as i64,
                answer_days: number("ANSWER_DAYS", 30)? as i64,
                hearing: number("SUPPORTS_FOR_HEARING", 5000)? as i64,
            },
            reopen_window: Duration::from_secs(86_400 * number("REOPEN_DAYS", 14)?),
            photo_max_bytes: number("PHOTO_MAX_BYTES", 5 * 1024 * 1024)?,
            reports_for_review: number("REPORTS_FOR_REVIEW", 3)? as i64,
        })
    }

    /// The largest body of the submit form with photos: three of them and the text.
    pub fn photo_form_limit(&self) -> usize {
        3 * self.photo_max_bytes as usize + crate::server::mount::MAX_BODY
    }
}
