//! Who else has a ticket open: the staff ticket page records its viewer, and with JavaScript
//! (`static/presence.js`) polls every 15 seconds for the others' names. Kept in memory only
//! (a restart forgets it, which costs nothing: the next poll fills it again), pruned and
//! bounded. Without JavaScript the reply form's check of the newest message still protects.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, web};
use time::{Duration, PrimitiveDateTime};

use super::model;
use crate::accounts::auth::Staff;
use crate::db;
use crate::error::AppError;
use crate::i18n::args;
use crate::web::page::{Ctx, Tr};

/// How long a view or poll counts as "reading": a bit more than two polls, so one lost poll
/// does not drop a reader.
pub const WINDOW: Duration = Duration::seconds(40);

/// Most (ticket, viewer) pairs kept: far above a help desk's staff times the tickets each has
/// open, and small enough that a flood of polls cannot grow the memory.
pub const MAX_ENTRIES: usize = 10_000;

/// The last time each staff member viewed each ticket, with the name to show.
#[derive(Default)]
pub struct Presence {
    seen: Mutex<HashMap<(String, String), (String, PrimitiveDateTime)>>,
}

/// A (ticket, viewer) key.
type Key = (String, String);

impl Presence {
    /// Records that `user` (shown as `name`) has `ticket` open at `now`, and returns the names
    /// of the others who have had it open within [`WINDOW`], sorted.
    pub fn visit(
        &self,
        now: PrimitiveDateTime,
        ticket: &str,
        user: &str,
        name: &str,
    ) -> Vec<String> {
        // A panic while the lock was held leaves plain data behind: keep using it.
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        record(&mut seen, now, (ticket.to_owned(), user.to_owned()), name);
        others(&seen, now, ticket, user)
    }
}

/// Forgets views older than [`WINDOW`], then keeps this one unless the map is full.
fn record(
    seen: &mut HashMap<Key, (String, PrimitiveDateTime)>,
    now: PrimitiveDateTime,
    key: Key,
    name: &str,
) {
    seen.retain(|_, (_, at)| now - *at < WINDOW);
    if seen.len() < MAX_ENTRIES || seen.contains_key(&key) {
        seen.insert(key, (name.to_owned(), now));
    }
}

fn others(
    seen: &HashMap<Key, (String, PrimitiveDateTime)>,
    now: PrimitiveDateTime,
    ticket: &str,
    me: &str,
) -> Vec<String> {
    let mut names: Vec<String> = seen
        .iter()
        .filter(|((t, u), (_, at))| t == ticket && u != me && now - *at < WINDOW)
        .map(|(_, (name, _))| name.clone())
        .collect();
    names.sort();
    names
}

/// The sentence the page shows ("Anna och Bo läser också det här ärendet."), or nothing.
pub fn sentence(tr: &Tr, names: &[String]) -> String {
    let listed = match names {
        [] => return String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), tr.t("presence-and")),
    };
    tr.ta(
        "presence-reading",
        &args([("count", names.len().into()), ("names", listed.into())]),
    )
}

/// The poll: records the viewer and answers the sentence about the others as plain text, a few
/// bytes; the script puts it into the page with `textContent`, so a name is never markup.
pub async fn poll(
    cx: Ctx,
    staff: Staff,
    number: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let found = db::run(&cx.state.pool, move |c| model::by_number(c, &number)).await?;
    let t = found.ok_or(AppError::NotFound)?;
    let now = cx.state.clock.now_utc_naive();
    let names = cx
        .state
        .caches
        .presence
        .visit(now, &t.number, &staff.0.id, &staff.0.name);
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .body(sentence(&cx.tr(), &names)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn readers_see_each_other_but_not_themselves_and_not_other_tickets() {
        let p = Presence::default();
        let t0 = datetime!(2026-12-03 10:00:00);
        assert!(p.visit(t0, "D-2026-00001", "a", "Anna").is_empty());
        assert_eq!(p.visit(t0, "D-2026-00001", "b", "Bo"), vec!["Anna"]);
        assert_eq!(p.visit(t0, "D-2026-00001", "a", "Anna"), vec!["Bo"]);
        assert!(p.visit(t0, "D-2026-00002", "c", "Cia").is_empty());
    }

    #[test]
    fn a_reader_fades_after_the_window() {
        let p = Presence::default();
        let t0 = datetime!(2026-12-03 10:00:00);
        p.visit(t0, "D-2026-00001", "a", "Anna");
        let soon = t0 + WINDOW - Duration::seconds(1);
        assert_eq!(p.visit(soon, "D-2026-00001", "b", "Bo"), vec!["Anna"]);
        assert!(p.visit(t0 + WINDOW, "D-2026-00001", "c", "Cia") == vec!["Bo"]);
        let later = t0 + WINDOW * 3;
        assert!(p.visit(later, "D-2026-00001", "b", "Bo").is_empty());
        // Pruned, not just hidden.
        assert_eq!(p.seen.lock().unwrap().len(), 1);
    }

    #[test]
    fn the_map_is_bounded() {
        let mut seen = HashMap::new();
        let t0 = datetime!(2026-12-03 10:00:00);
        for i in 0..MAX_ENTRIES + 10 {
            record(&mut seen, t0, (format!("t{i}"), "u".into()), "U");
        }
        assert_eq!(seen.len(), MAX_ENTRIES);
        // Someone already in it is still refreshed.
        let t1 = t0 + Duration::seconds(5);
        record(&mut seen, t1, ("t0".into(), "u".into()), "U");
        assert_eq!(seen[&("t0".to_owned(), "u".to_owned())].1, t1);
    }
}
