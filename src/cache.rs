//! Short-lived copies of small lists that the help desk shows on every page and that seldom
//! change: the staff's names and the canned replies. On PostgreSQL each query is a round trip
//! that costs the database server more CPU than the rows; reading these once every few seconds
//! instead of on every page keeps the help desk's pages at one or two queries.
//!
//! A copy lives [`TTL`] at most. This process drops it at once when it changes the list (the
//! handlers that write call [`Snapshot::clear`]); another instance on the same database sees a
//! change within the TTL. Nothing here decides who may do what: checks read the database.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::tickets::model::Canned;

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

/// Search words known to be common (at least the help desk's threshold of index entries). A
/// word only grows more common as tickets come in, and a common word is searched without the
/// index's list of tickets anyway, so remembering the verdict never changes a result: it only
/// spares the search its probe of the index. Bounded: forgotten all at once when full.
#[derive(Default)]
pub struct CommonTerms(Mutex<HashSet<String>>);

impl CommonTerms {
    const MAX: usize = 4096;

    pub fn contains(&self, term: &str) -> bool {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(term)
    }

    pub fn insert(&self, term: &str) {
        let mut set = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if set.len() >= Self::MAX {
            set.clear();
        }
        set.insert(term.to_owned());
    }
}

/// Common words a search writes into its SQL as text (see `tickets::model::queue`): at most
/// [`InlineTerms::MAX`], never forgotten, so that the statements each connection keeps prepared
/// for them stay few.
#[derive(Default)]
pub struct InlineTerms(Mutex<Vec<String>>);

impl InlineTerms {
    pub const MAX: usize = 64;

    /// True when `term` is, or may now become, one of them.
    pub fn admit(&self, term: &str) -> bool {
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if list.iter().any(|t| t == term) {
            return true;
        }
        if list.len() < Self::MAX {
            list.push(term.to_owned());
            return true;
        }
        false
    }
}

/// The application's cached lists.
pub struct Caches {
    /// Id and name of every staff member (`accounts::staff_names`).
    pub staff: Snapshot<Vec<(String, String)>>,
    /// Every canned reply (`tickets::model::canned_all`).
    pub canned: Snapshot<Vec<Canned>>,
    /// Search words with many tickets (`tickets::model::queue`).
    pub common_terms: CommonTerms,
    /// Common words whose search is written as text (`tickets::model::queue`).
    pub inline_terms: InlineTerms,
    /// `tickets::service::INDEX_QUEUED` as of this application's last look at the index queue.
    pub index_seen: AtomicU64,
}

impl Default for Caches {
    fn default() -> Caches {
        Caches {
            staff: Snapshot::new(TTL),
            canned: Snapshot::new(TTL),
            common_terms: CommonTerms::default(),
            inline_terms: InlineTerms::default(),
            // Unlike any count: the first search looks.
            index_seen: AtomicU64::new(u64::MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_terms_are_few_and_kept() {
        let t = InlineTerms::default();
        for i in 0..InlineTerms::MAX {
            assert!(t.admit(&format!("w{i}")));
        }
        assert!(!t.admit("extra"));
        assert!(t.admit("w0"), "an admitted word stays");
    }

    #[test]
    fn common_terms_are_remembered_within_bounds() {
        let c = CommonTerms::default();
        assert!(!c.contains("licens"));
        c.insert("licens");
        assert!(c.contains("licens"));
        for i in 0..CommonTerms::MAX {
            c.insert(&format!("w{i}"));
        }
        assert!(c.0.lock().unwrap().len() <= CommonTerms::MAX);
    }

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
