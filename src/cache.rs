//! Short-lived copies of small lists that the help desk shows on every page and that seldom
//! change: the staff's names and the canned replies. On PostgreSQL each query is a round trip
//! that costs the database server more CPU than the rows; reading these once every few seconds
//! instead of on every page keeps the help desk's pages at one or two queries.
//!
//! The lists themselves are named where they are used (`tickets::Caches`).
//!
//! A copy lives [`TTL`] at most. This process drops it at once when it changes the list (the
//! handlers that write call [`Snapshot::clear`]); another instance on the same database sees a
//! change within the TTL. Nothing here decides who may do what: checks read the database.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a copy is served.
pub const TTL: Duration = Duration::from_secs(5);

/// One cached value, its age and the generation it was read in.
pub struct Snapshot<T> {
    ttl: Duration,
    generation: AtomicU64,
    slot: Mutex<Option<(Instant, u64, Arc<T>)>>,
}

impl<T> Snapshot<T> {
    pub fn new(ttl: Duration) -> Snapshot<T> {
        Snapshot {
            ttl,
            generation: AtomicU64::new(0),
            slot: Mutex::new(None),
        }
    }

    /// The current copy, or a fresh one from `load`. A copy read while the list was being
    /// changed (cleared meanwhile) is returned but not kept.
    pub fn get<E>(&self, load: impl FnOnce() -> Result<T, E>) -> Result<Arc<T>, E> {
        let generation = self.generation.load(Ordering::Acquire);
        {
            let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, g, value)) = slot.as_ref()
                && *g == generation
                && at.elapsed() < self.ttl
            {
                return Ok(value.clone());
            }
        }
        let value = Arc::new(load()?);
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if self.generation.load(Ordering::Acquire) == generation {
            *slot = Some((Instant::now(), generation, value.clone()));
        }
        Ok(value)
    }

    /// Forgets the copy: the next [`get`](Self::get) reads the database.
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_served_until_cleared_or_old() {
        let s: Snapshot<u32> = Snapshot::new(Duration::from_secs(60));
        let mut loads = 0;
        let mut get = |s: &Snapshot<u32>| {
            *s.get(|| {
                loads += 1;
                Ok::<_, ()>(loads)
            })
            .unwrap()
        };
        assert_eq!(get(&s), 1);
        assert_eq!(get(&s), 1, "served from the copy");
        s.clear();
        assert_eq!(get(&s), 2, "read again after clear");
        assert_eq!(get(&s), 2);

        let old: Snapshot<u32> = Snapshot::new(Duration::ZERO);
        let mut n = 0;
        for _ in 0..3 {
            old.get(|| {
                n += 1;
                Ok::<_, ()>(n)
            })
            .unwrap();
        }
        assert_eq!(n, 3, "a copy past its TTL is read again");
    }

    #[test]
    fn a_failed_load_keeps_nothing() {
        let s: Snapshot<u32> = Snapshot::new(Duration::from_secs(60));
        assert_eq!(s.get(|| Err::<u32, _>("down")), Err("down"));
        assert_eq!(*s.get(|| Ok::<_, ()>(7)).unwrap(), 7);
    }
}
