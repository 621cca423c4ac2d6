//! Bulk work from the queue: the selected tickets assigned, moved to a state, given a priority
//! or closed in one transaction, each changed, audited and e-mailed exactly as the ticket page's
//! own form does it ([`service::update_in`]). All or nothing: a bad selection changes no ticket.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use time::PrimitiveDateTime;

use super::model::{self, Ticket};
use super::queue::Filter;
use super::service::{self, Update};
use super::staff::{BulkState, queue_response};
use super::{Priority, State};
use crate::accounts::auth::Staff;
use crate::accounts::model::{self as accounts, User};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::args;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, redirect};
use crate::web::request::{client_ip, flash_count};

/// Most tickets one bulk change may touch: two full queue pages and then some, and few enough
/// that the transaction stays short.
pub const MAX_TICKETS: usize = 200;

/// The form field a refusal is shown beside: the selection or the change.
pub const FIELD_TICKETS: &str = "bulk-ticket";
pub const FIELD_CHANGE: &str = "bulk-change";

/// One change for every selected ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// To a staff member (by id), or to nobody.
    Assign(Option<String>),
    State(State),
    Priority(Priority),
}

/// Why a bulk change was refused: the field to show it beside, its message id and, for a
/// ticket that cannot take the change, its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub id: &'static str,
    pub number: Option<String>,
}

impl Refusal {
    fn tickets(id: &'static str) -> Refusal {
        Refusal {
            field: FIELD_TICKETS,
            id,
            number: None,
        }
    }

    fn change(id: &'static str) -> Refusal {
        Refusal {
            field: FIELD_CHANGE,
            id,
            number: None,
        }
    }

    fn ticket(id: &'static str, number: &str) -> Refusal {
        Refusal {
            field: FIELD_TICKETS,
            id,
            number: Some(number.to_owned()),
        }
    }
}

/// The change the form asks for: `action` is `close` (its own button) or `apply` with `change`
/// one of `assign:me`, `assign:none`, `assign:<staff id>`, `state:<key>`, `priority:<key>`.
/// Whether a staff id names a staff member is for the transaction to check.
pub fn parse_change(action: &str, change: &str, me: &str) -> Result<Change, Refusal> {
    if action == "close" {
        return Ok(Change::State(State::Closed));
    }
    let refused = || Refusal::change("bulk-error-change");
    if action != "apply" {
        return Err(refused());
    }
    match change.split_once(':') {
        Some(("assign", "me")) => Ok(Change::Assign(Some(me.to_owned()))),
        Some(("assign", "none")) => Ok(Change::Assign(None)),
        Some(("assign", id)) if !id.is_empty() && id.len() <= 64 => {
            Ok(Change::Assign(Some(id.to_owned())))
        }
        Some(("state", k)) => State::from_key(k).map(Change::State).ok_or_else(refused),
        Some(("priority", k)) => Priority::from_key(k)
            .map(Change::Priority)
            .ok_or_else(refused),
        _ => Err(refused()),
    }
}

/// The selected ticket numbers, canonical and each once, in the order given: at least one, at
/// most [`MAX_TICKETS`], every one a ticket number.
pub fn parse_selection(raw: &[String]) -> Result<Vec<String>, Refusal> {
    if raw.is_empty() {
        return Err(Refusal::tickets("bulk-error-none"));
    }
    let mut out: Vec<String> = Vec::with_capacity(raw.len().min(MAX_TICKETS));
    for r in raw {
        let Some(n) = super::parse_number(r) else {
            return Err(Refusal::ticket(
                "bulk-error-unknown",
                &r.chars().take(40).collect::<String>(),
            ));
        };
        if !out.contains(&n) {
            out.push(n);
        }
        if out.len() > MAX_TICKETS {
            return Err(Refusal::tickets("bulk-error-too-many"));
        }
    }
    Ok(out)
}

/// What one ticket's side panel would save to make `change`: the rest stays as it is.
pub fn update_for(t: &Ticket, change: &Change) -> Update {
    let mut u = Update {
        state: t.state(),
        priority: t.priority(),
        assignee: t.assignee_id.clone(),
    };
    match change {
        Change::Assign(a) => u.assignee = a.clone(),
        Change::State(s) => u.state = *s,
        Change::Priority(p) => u.priority = *p,
    }
    u
}

/// Applies `change` to the tickets `numbers` in one write transaction; the number of tickets
/// that changed, or why none did.
pub fn apply_change(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    numbers: &[String],
    staff: &User,
    change: &Change,
    ip: &str,
    key: &[u8],
) -> Result<Result<usize, Refusal>, AppError> {
    db::write(conn, |c| {
        let mut tickets = model::by_numbers(c, numbers)?;
        if let Some(missing) = numbers
            .iter()
            .find(|n| !tickets.iter().any(|t| &t.number == *n))
        {
            return Ok(Err(Refusal::ticket("bulk-error-unknown", missing)));
        }
        if let Change::Assign(Some(id)) = change {
            let ok = accounts::user_by_id(c, id)?.is_some_and(|u| u.role().is_staff());
            if !ok {
                return Ok(Err(Refusal::change("bulk-error-change")));
            }
        }
        if let Change::State(s) = change
            && *s != State::Closed
            && let Some(t) = tickets.iter().find(|t| t.merged_into.is_some())
        {
            // A merged ticket's thread lives in the other ticket: it stays closed.
            return Ok(Err(Refusal::ticket("bulk-error-merged", &t.number)));
        }
        // The audit log reads in ticket order whatever order the boxes were ticked in.
        tickets.sort_by(|a, b| a.number.cmp(&b.number));
        let mut changed = 0;
        for t in &tickets {
            if service::update_in(c, now, t, staff, &update_for(t, change), ip, key)? {
                changed += 1;
            }
        }
        Ok(Ok(changed))
    })
}

/// The bulk form's fields. The selection repeats `ticket`, which a struct cannot take from
/// `serde_urlencoded`: the pairs are read one by one.
#[derive(Default)]
struct BulkForm {
    csrf: String,
    back: String,
    action: String,
    change: String,
    tickets: Vec<String>,
}

impl BulkForm {
    fn from_pairs(pairs: Vec<(String, String)>) -> BulkForm {
        let mut f = BulkForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "back" => f.back = v,
                "action" => f.action = v,
                "change" => f.change = v,
                // Past the limit the refusal is already certain: keep no more than that.
                "ticket" if f.tickets.len() <= MAX_TICKETS * 2 => f.tickets.push(v),
                _ => {}
            }
        }
        f
    }
}

/// The queue filter the form came from (its query string), so the answer returns to the same
/// page; anything unreadable is the plain queue.
fn back_filter(back: &str) -> Filter {
    serde_urlencoded::from_str::<Filter>(back).unwrap_or_default()
}

pub async fn apply(
    req: HttpRequest,
    cx: Ctx,
    staff: Staff,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let form = BulkForm::from_pairs(form.into_inner());
    csrf::verify(&cx.session, &form.csrf)?;
    let filter = back_filter(&form.back);
    let asked = parse_selection(&form.tickets)
        .and_then(|n| parse_change(&form.action, &form.change, &staff.0.id).map(|c| (n, c)));
    let outcome = match asked {
        Err(r) => Err(r),
        Ok((numbers, change)) => {
            let (now, ip) = (cx.state.clock.now_utc_naive(), client_ip(&req));
            let user = staff.0.clone();
            let key = cx.state.settings.secret_key.clone();
            db::run(&cx.state.pool, move |c| {
                apply_change(c, now, &numbers, &user, &change, &ip, &key)
            })
            .await?
        }
    };
    match outcome {
        Ok(changed) => {
            flash_count(&cx.session, "bulk-done", changed);
            let path = Page::StaffTickets.path(cx.locale);
            let back = match filter.query_here() {
                q if q.is_empty() => path.to_owned(),
                q => format!("{path}?{q}"),
            };
            Ok(redirect(&back))
        }
        Err(r) => {
            let tr = cx.tr();
            let message = match &r.number {
                Some(n) => tr.ta(r.id, &args([("number", n.clone().into())])),
                None => tr.t(r.id),
            };
            let kept = BulkState {
                f: FormErrors {
                    items: vec![(r.field, message)],
                },
                picked: form
                    .tickets
                    .iter()
                    .filter_map(|t| super::parse_number(t))
                    .collect(),
                change: form.change,
            };
            queue_response(&cx, &staff, filter, kept, StatusCode::BAD_REQUEST).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_close_button_closes_whatever_the_select_says() {
        assert_eq!(
            parse_change("close", "priority:low", "me"),
            Ok(Change::State(State::Closed))
        );
    }

    #[test]
    fn changes_are_read_from_their_keys() {
        assert_eq!(
            parse_change("apply", "assign:me", "u1"),
            Ok(Change::Assign(Some("u1".into())))
        );
        assert_eq!(
            parse_change("apply", "assign:none", "u1"),
            Ok(Change::Assign(None))
        );
        assert_eq!(
            parse_change("apply", "assign:u2", "u1"),
            Ok(Change::Assign(Some("u2".into())))
        );
        assert_eq!(
            parse_change("apply", "state:waiting", "u1"),
            Ok(Change::State(State::Waiting))
        );
        assert_eq!(
            parse_change("apply", "priority:urgent", "u1"),
            Ok(Change::Priority(Priority::Urgent))
        );
    }

    #[test]
    fn unknown_changes_are_refused_beside_the_select() {
        for (action, change) in [
            ("apply", ""),
            ("apply", "state:bogus"),
            ("apply", "priority:"),
            ("apply", "assign:"),
            ("apply", "delete:all"),
            ("", "state:open"),
            ("drop", "state:open"),
        ] {
            let r = parse_change(action, change, "u1").unwrap_err();
            assert_eq!((r.field, r.id), (FIELD_CHANGE, "bulk-error-change"));
        }
        let long = format!("assign:{}", "x".repeat(65));
        assert!(parse_change("apply", &long, "u1").is_err());
    }

    #[test]
    fn a_selection_is_canonical_deduplicated_and_bounded() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_selection(&s(&["D-2026-00002", "d-2026-2", "D-2026-00001"])),
            Ok(s(&["D-2026-00002", "D-2026-00001"]))
        );
        assert_eq!(parse_selection(&[]).unwrap_err().id, "bulk-error-none");
        let bad = parse_selection(&s(&["D-2026-00001", "<b>x</b>"])).unwrap_err();
        assert_eq!(bad.id, "bulk-error-unknown");
        assert_eq!(bad.number.as_deref(), Some("<b>x</b>"));
        let at_limit: Vec<String> = (1..=MAX_TICKETS)
            .map(|n| crate::tickets::format_number(2026, n as i64))
            .collect();
        assert_eq!(parse_selection(&at_limit).map(|v| v.len()), Ok(MAX_TICKETS));
        let over: Vec<String> = (1..=MAX_TICKETS + 1)
            .map(|n| crate::tickets::format_number(2026, n as i64))
            .collect();
        assert_eq!(
            parse_selection(&over).unwrap_err().id,
            "bulk-error-too-many"
        );
    }
}
