//! Support tickets: members ask from the member area, visitors through the contact form, and the
//! partner's staff answer from the help desk. The rules (states, numbers, who sees what, how text
//! is shown and searched) are plain functions here; `service` writes, `model` reads, and the
//! handlers stay thin.

pub mod bulk;
pub mod business_time;
pub mod canned;
pub mod contact;
pub mod csat;
pub mod erase;
pub mod member;
pub mod model;
pub mod presence;
pub mod queue;
pub mod search;
pub mod seed;
pub mod service;
pub mod sla;
pub mod sla_admin;
pub mod staff;
pub mod views;

use actix_web::web;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(r(Page::Tickets).route(get().to(member::list)))
            .service(
                r(Page::TicketNew)
                    .route(get().to(member::new_form))
                    .route(web::post().to(member::create)),
            )
            .service(
                r(Page::Ticket)
                    .route(get().to(member::show))
                    .route(web::post().to(member::reply)),
            )
            .service(
                r(Page::Contact)
                    .route(get().to(contact::form))
                    .route(web::post().to(contact::submit)),
            )
            .service(r(Page::ContactSent).route(get().to(contact::sent)))
            .service(
                r(Page::VisitorTicket)
                    .route(get().to(contact::show))
                    .route(web::post().to(contact::reply)),
            )
            .service(r(Page::VisitorFile).route(get().to(contact::file)))
            .service(r(Page::StaffTickets).route(get().to(staff::queue)))
            // Before `StaffTicket`, whose `{number}` would match its path too.
            .service(r(Page::StaffTicketsBulk).route(web::post().to(bulk::apply)))
            .service(r(Page::StaffTicketPresence).route(get().to(presence::poll)))
            .service(
                r(Page::TicketRating)
                    .route(get().to(csat::form))
                    .route(web::post().to(csat::submit)),
            )
            .service(
                r(Page::StaffSla)
                    .route(get().to(sla_admin::form))
                    .route(web::post().to(sla_admin::save)),
            )
            .service(r(Page::StaffTicket).route(get().to(staff::show)))
            .service(r(Page::StaffTicketReply).route(web::post().to(staff::reply)))
            .service(r(Page::StaffTicketUpdate).route(web::post().to(staff::update)))
            .service(r(Page::StaffTicketMerge).route(web::post().to(staff::merge)))
            .service(
                r(Page::StaffTicketMail).route(crate::web::page_route().to(staff::mail_original)),
            )
            .service(
                r(Page::StaffCanned)
                    .route(get().to(canned::list))
                    .route(web::post().to(canned::create)),
            )
            .service(
                r(Page::StaffCannedEdit)
                    .route(get().to(canned::edit_form))
                    .route(web::post().to(canned::save)),
            );
    }
}

/// Most attachments on one message, and the longest texts.
/// The help desk's cached lists (see [`crate::cache`]).
pub struct Caches {
    /// Id and name of every staff member (`accounts::staff_names`).
    pub staff: crate::cache::Snapshot<Vec<(String, String)>>,
    /// Every canned reply (`tickets::model::canned_all`).
    pub canned: crate::cache::Snapshot<Vec<model::Canned>>,
    /// The response-target policy (`sla::load`), cleared when an admin saves it.
    pub sla: crate::cache::Snapshot<sla::Policy>,
    /// Who has which ticket open (`tickets::presence`): memory only, like the snapshots.
    pub presence: presence::Presence,
}

impl Default for Caches {
    fn default() -> Caches {
        Caches {
            staff: crate::cache::Snapshot::new(crate::cache::TTL),
            canned: crate::cache::Snapshot::new(crate::cache::TTL),
            sla: crate::cache::Snapshot::new(crate::cache::TTL),
            presence: presence::Presence::default(),
        }
    }
}

pub const MAX_FILES: usize = 5;
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 20_000;
pub const MAX_NAME: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Validation,
    Order,
    Account,
    Usage,
    Other,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Validation,
        Category::Order,
        Category::Account,
        Category::Usage,
        Category::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Category::Validation => "validation",
            Category::Order => "order",
            Category::Account => "account",
            Category::Usage => "usage",
            Category::Other => "other",
        }
    }

    pub fn from_key(k: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == k)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    New,
    Open,
    Waiting,
    Resolved,
    Closed,
}

impl State {
    pub const ALL: [State; 5] = [
        State::New,
        State::Open,
        State::Waiting,
        State::Resolved,
        State::Closed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            State::New => "new",
            State::Open => "open",
            State::Waiting => "waiting",
            State::Resolved => "resolved",
            State::Closed => "closed",
        }
    }

    pub fn from_key(k: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.key() == k)
    }

    /// The state after the customer writes: a resolved or waiting ticket is open again; a new
    /// ticket stays new until staff have answered. `None` when no reply is allowed (closed).
    pub fn after_customer_reply(self) -> Option<State> {
        match self {
            State::New => Some(State::New),
            State::Open | State::Waiting | State::Resolved => Some(State::Open),
            State::Closed => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn from_key(k: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.key() == k)
    }
}

/// `D-2026-00042`: the year the ticket was opened and its number within that year.
pub fn format_number(year: i32, seq: i64) -> String {
    format!("D-{year}-{seq:05}")
}

/// A ticket number as typed by a person (any case, spaces around): the canonical form, or `None`
/// when it is not one.
pub fn parse_number(s: &str) -> Option<String> {
    let s = s.trim();
    let mut parts = s.splitn(3, '-');
    let (d, y, n) = (parts.next()?, parts.next()?, parts.next()?);
    if !d.eq_ignore_ascii_case("d") || y.len() != 4 || n.is_empty() || n.len() > 9 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    if !n.bytes().all(|b| b.is_ascii_digit()) || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seq: i64 = n.parse().ok()?;
    (seq > 0).then(|| format_number(year, seq))
}

/// A piece of message text: plain, or a link. Templates escape both; nothing else is interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub href: Option<String>,
}

/// Splits plain text into text and `http(s)://` links, so that a template can make the links
/// clickable while escaping everything. Punctuation that ends a sentence stays out of the link,
/// and so does a closing parenthesis that has no opening one inside the link. Line breaks are
/// kept in the text (the page shows them with `white-space: pre-wrap`).
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = vec![];
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = find_link_start(rest) {
        let (before, from) = rest.split_at(start);
        plain.push_str(before);
        let end = from
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(from.len());
        let mut link = &from[..end];
        loop {
            let trimmed = link.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            let trimmed = if trimmed.ends_with(')')
                && trimmed.matches('(').count() < trimmed.matches(')').count()
            {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == link.len() {
                break;
            }
            link = trimmed;
        }
        let scheme_only = link.ends_with("://");
        if scheme_only {
            plain.push_str(link);
        } else {
            if !plain.is_empty() {
                out.push(Piece {
                    text: std::mem::take(&mut plain),
                    href: None,
                });
            }
            out.push(Piece {
                text: link.to_owned(),
                href: Some(link.to_owned()),
            });
        }
        rest = &from[link.len()..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Piece {
            text: plain,
            href: None,
        });
    }
    out
}

fn find_link_start(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let a = lower.find("https://");
    let b = lower.find("http://");
    let at = match (a, b) {
        (Some(x), Some(y)) => x.min(y),
        (x, y) => x.or(y)?,
    };
    // Only at a word's start: "xhttp://" is not a link.
    let ok = at == 0
        || !s[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    if ok {
        Some(at)
    } else {
        find_link_start(&s[at + 4..]).map(|n| n + at + 4)
    }
}

/// `{name}` and `{number}` in a canned reply, filled in for one ticket.
pub fn fill_placeholders(template: &str, name: &str, number: &str) -> String {
    template.replace("{name}", name).replace("{number}", number)
}

/// A duration for the queue: minutes under an hour, hours under two days, then days.
pub fn age_parts(minutes: i64) -> (&'static str, i64) {
    let m = minutes.max(0);
    if m < 60 {
        ("ticket-age-minutes", m)
    } else if m < 48 * 60 {
        ("ticket-age-hours", m / 60)
    } else {
        ("ticket-age-days", m / (24 * 60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_padded_and_parsed_back() {
        assert_eq!(format_number(2026, 42), "D-2026-00042");
        assert_eq!(format_number(2026, 123_456), "D-2026-123456");
        assert_eq!(parse_number(" d-2026-00042 "), Some("D-2026-00042".into()));
        assert_eq!(parse_number("D-2026-42"), Some("D-2026-00042".into()));
        for bad in [
            "",
            "D-2026",
            "D-26-1",
            "X-2026-1",
            "D-2026-0",
            "D-2026-1a",
            "D-2026--1",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn customer_replies_reopen_but_never_a_closed_ticket() {
        assert_eq!(State::New.after_customer_reply(), Some(State::New));
        assert_eq!(State::Waiting.after_customer_reply(), Some(State::Open));
        assert_eq!(State::Resolved.after_customer_reply(), Some(State::Open));
        assert_eq!(State::Closed.after_customer_reply(), None);
    }

    fn link(s: &str) -> Piece {
        Piece {
            text: s.into(),
            href: Some(s.into()),
        }
    }

    fn plain(s: &str) -> Piece {
        Piece {
            text: s.into(),
            href: None,
        }
    }

    #[test]
    fn links_become_pieces_and_nothing_else_is_interpreted() {
        assert_eq!(
            pieces("Se https://example.org/a?b=1&c=2.\nTack!"),
            vec![
                plain("Se "),
                link("https://example.org/a?b=1&c=2"),
                plain(".\nTack!")
            ]
        );
        assert_eq!(
            pieces("(se http://x.se/a_(b))"),
            vec![plain("(se "), link("http://x.se/a_(b)"), plain(")")]
        );
        assert_eq!(
            pieces("<a href=\"javascript:alert(1)\">x</a>"),
            vec![plain("<a href=\"javascript:alert(1)\">x</a>")]
        );
        assert_eq!(
            pieces("javascript:alert(1)"),
            vec![plain("javascript:alert(1)")]
        );
        assert_eq!(pieces("xhttp://a.se"), vec![plain("xhttp://a.se")]);
        assert_eq!(pieces("http://"), vec![plain("http://")]);
        assert_eq!(
            pieces("HTTPS://A.SE/\"onmouseover=x"),
            vec![link("HTTPS://A.SE/"), plain("\"onmouseover=x")]
        );
        assert!(pieces("").is_empty());
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill_placeholders(
                "Hej {name}! Ärende {number}. {other}",
                "Eva",
                "D-2026-00001"
            ),
            "Hej Eva! Ärende D-2026-00001. {other}"
        );
    }

    #[test]
    fn ages_pick_a_unit() {
        assert_eq!(age_parts(-5), ("ticket-age-minutes", 0));
        assert_eq!(age_parts(59), ("ticket-age-minutes", 59));
        assert_eq!(age_parts(60 * 47), ("ticket-age-hours", 47));
        assert_eq!(age_parts(60 * 48), ("ticket-age-days", 2));
    }
}
