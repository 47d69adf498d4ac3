//! A value read from the database that changes rarely and is read on every
//! page (the agencies, the localities, the categories), kept in memory for a
//! short while instead of being asked for again on each render. A write on
//! this instance forgets it at once ([`Kept::forget`]); another instance's
//! write (or a command-line one) is seen once the kept value is older than
//! its time to live. A read that began before a forget does not keep what it
//! read, so a forget is never undone by a slow read.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One kept value.
pub struct Kept<T> {
    ttl: Duration,
    slot: Mutex<Slot<T>>,
}

struct Slot<T> {
    value: Option<(Instant, Arc<T>)>,
    /// Bumped by every forget.
    generation: u64,
}

impl<T> Kept<T> {
    /// Nothing kept yet; a value is kept for `ttl` once read.
    pub const fn new(ttl: Duration) -> Kept<T> {
        Kept {
            ttl,
            slot: Mutex::new(Slot {
                value: None,
                generation: 0,
            }),
        }
    }

    /// The kept value, or the one `load` reads (then kept).
    pub async fn get<E, F: Future<Output = Result<T, E>>>(
        &self,
        load: impl FnOnce() -> F,
    ) -> Result<Arc<T>, E> {
        let generation = {
            let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, value)) = &slot.value {
                if at.elapsed() < self.ttl {
                    return Ok(value.clone());
                }
            }
            slot.generation
        };
        let value = Arc::new(load().await?);
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.generation == generation {
            slot.value = Some((Instant::now(), value.clone()));
        }
        Ok(value)
    }

    /// Forgets the kept value: the next read asks the database.
    pub fn forget(&self) {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.value = None;
        slot.generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    async fn read(kept: &Kept<u32>, reads: &AtomicU32) -> u32 {
        *kept
            .get(|| async { Ok::<_, ()>(reads.fetch_add(1, Ordering::SeqCst) + 1) })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_value_is_read_once_until_forgotten_or_old() {
        let kept = Kept::new(Duration::from_millis(40));
        let reads = AtomicU32::new(0);
        assert_eq!(read(&kept, &reads).await, 1);
        assert_eq!(read(&kept, &reads).await, 1, "kept");
        kept.forget();
        assert_eq!(read(&kept, &reads).await, 2, "read again after a forget");
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(read(&kept, &reads).await, 3, "read again once old");
    }

    #[tokio::test]
    async fn a_read_that_began_before_a_forget_is_not_kept() {
        let kept = Kept::new(Duration::from_secs(60));
        let value = kept
            .get(|| async {
                kept.forget();
                Ok::<_, ()>(1)
            })
            .await
            .unwrap();
        assert_eq!(*value, 1, "the reader gets what it read");
        let reads = AtomicU32::new(1);
        assert_eq!(read(&kept, &reads).await, 2, "but it was not kept");
    }

    #[tokio::test]
    async fn a_failed_read_keeps_nothing() {
        let kept: Kept<u32> = Kept::new(Duration::from_secs(60));
        assert!(kept.get(|| async { Err::<u32, _>("down") }).await.is_err());
        let reads = AtomicU32::new(6);
        assert_eq!(read(&kept, &reads).await, 7);
    }
}
