//! Removing orphaned photo files. A photo's file is written before its
//! petition's transaction commits; if the process dies in between, the file
//! stays with no row naming it. A background task, at start-up and every few
//! hours, removes such files (and left-over temporary files) once they are
//! older than an hour: no submission's transaction lasts that long, so a
//! file that old without a row will never get one.

use crate::server::state::AppState;
use sqlx::AnyPool;
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Files younger than this are left alone: their transaction may be running.
pub const MIN_AGE: Duration = Duration::from_secs(3600);
/// How often the sweep runs after the one at start-up.
pub const EVERY: Duration = Duration::from_secs(3 * 3600);

/// Names in `dir` that a photo or its temporary file could have, last
/// modified before `cutoff`.
pub fn old_files(dir: &Path, cutoff: SystemTime) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(names),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let meta = entry.metadata()?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let ours = crate::petitions::photos::store::is_photo_name(&name)
            || name
                .strip_prefix('.')
                .and_then(|n| n.strip_suffix(".part"))
                .is_some_and(crate::petitions::photos::store::is_photo_name);
        if ours && meta.is_file() && meta.modified()? < cutoff {
            names.push(name);
        }
    }
    Ok(names)
}

/// Which of `names` a photo row references.
async fn referenced(pool: &AnyPool, names: &[String]) -> Result<HashSet<String>, sqlx::Error> {
    let mut found = HashSet::new();
    for chunk in names.chunks(200) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT file_name FROM petition_photos WHERE file_name IN ({})",
            marks.join(", ")
        );
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for name in chunk {
            query = query.bind(name.clone());
        }
        found.extend(query.fetch_all(pool).await?);
    }
    Ok(found)
}

/// Removes the files in `dir` older than `min_age` that no row references;
/// returns how many it removed.
pub async fn sweep(pool: &AnyPool, dir: &Path, min_age: Duration) -> std::io::Result<usize> {
    let cutoff = SystemTime::now() - min_age;
    let dir_owned = dir.to_path_buf();
    let candidates = tokio::task::spawn_blocking(move || old_files(&dir_owned, cutoff))
        .await
        .map_err(std::io::Error::other)??;
    if candidates.is_empty() {
        return Ok(0);
    }
    let keep = referenced(pool, &candidates)
        .await
        .map_err(std::io::Error::other)?;
    let mut removed = 0;
    for name in candidates.iter().filter(|n| !keep.contains(*n)) {
        match tokio::fs::remove_file(dir.join(name)).await {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Sweeps at start-up and every [`EVERY`] until `stop`.
pub async fn run(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
    let dir = crate::petitions::photos::store::photo_dir(&state);
    loop {
        match sweep(&state.db.pool, &dir, MIN_AGE).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(removed = n, "removed orphaned photo files"),
            Err(e) => tracing::warn!(error = %e, "orphaned photo clean-up failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = stop.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, name: &str, age: Duration) {
        let path = dir.join(name);
        std::fs::write(&path, b"x").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() - age).unwrap();
    }

    #[test]
    fn only_old_files_with_our_names_are_candidates() {
        let dir = tempfile::tempdir().unwrap();
        let hour = Duration::from_secs(3600);
        let old = "0123456789abcdef0123456789abcdef.jpg";
        let fresh = "fedcba9876543210fedcba9876543210.png";
        let part = ".00112233445566778899aabbccddeeff.jpg.part";
        touch(dir.path(), old, 2 * hour);
        touch(dir.path(), fresh, Duration::ZERO);
        touch(dir.path(), part, 2 * hour);
        touch(dir.path(), "notes.txt", 2 * hour);
        let cutoff = SystemTime::now() - hour;
        let mut names = old_files(dir.path(), cutoff).unwrap();
        names.sort();
        assert_eq!(names, [part, old]);
        let missing = dir.path().join("nothing-here");
        assert!(old_files(&missing, cutoff).unwrap().is_empty());
    }
}
