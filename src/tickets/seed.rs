//! Seeded data: the canned replies a fresh portal starts with, and `donera seed-bench`'s load of
//! tickets and messages for the benchmark (written in batches, with their search terms, as the
//! portal itself would have written them).

use diesel::prelude::*;
use time::{Duration, PrimitiveDateTime};

use crate::db::schema::{
    canned_replies as cr, organisations as o, ticket_counters as tc, ticket_messages as tm,
    ticket_ratings as tr, tickets as t, users as u,
};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::{I18n, Locale};

/// The canned replies of a fresh portal (no tickets, no canned replies yet), from the locale
/// files; a portal in use keeps what its admins made of them, even none.
pub fn canned_if_empty(
    conn: &mut DbConn,
    i18n: &I18n,
    now: PrimitiveDateTime,
) -> Result<usize, AppError> {
    db::write(conn, |c| {
        let n: i64 = cr::table.count().get_result(c)?;
        let used: i64 = t::table.count().get_result(c)?;
        if n > 0 || used > 0 {
            return Ok(0);
        }
        let keys = ["received", "certificate", "solved"];
        for k in keys {
            let f =
                |l: Locale, part: &str| i18n.format(l, &format!("canned-seed-{k}-{part}"), None);
            diesel::insert_into(cr::table)
                .values((
                    cr::id.eq(uuid::Uuid::new_v4().to_string()),
                    cr::title_sv.eq(f(Locale::Sv, "title")),
                    cr::title_en.eq(f(Locale::En, "title")),
                    cr::body_sv.eq(f(Locale::Sv, "body")),
                    cr::body_en.eq(f(Locale::En, "body")),
                    cr::updated_at.eq(now),
                ))
                .execute(c)?;
        }
        Ok(keys.len())
    })
}

/// A small deterministic generator, so that two bench runs see the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const WORDS: [&str; 40] = [
    "licens",
    "licenser",
    "faktura",
    "validering",
    "beställning",
    "certifikat",
    "Microsoft",
    "konto",
    "lösenord",
    "inloggning",
    "förening",
    "stiftelse",
    "styrelse",
    "medlemmar",
    "användning",
    "aktiva",
    "användare",
    "rabatt",
    "donation",
    "Business",
    "Premium",
    "Office",
    "Teams",
    "Exchange",
    "SharePoint",
    "OneDrive",
    "Windows",
    "server",
    "avgift",
    "kvitto",
    "organisationsnummer",
    "stadgar",
    "intyg",
    "förnyelse",
    "uppsägning",
    "säkerhet",
    "e-post",
    "domän",
    "migrering",
    "support",
];
const SUBJECTS: [&str; 10] = [
    "Fråga om licenser",
    "Valideringen dröjer",
    "Fel på fakturan",
    "Kan inte logga in",
    "Beställning saknas",
    "Hur visar vi aktiv användning",
    "Byta kontaktperson",
    "Certifikatet har gått ut",
    "Fler licenser till styrelsen",
    "Question about the donation",
];
const CATEGORIES: [&str; 5] = ["validation", "order", "account", "usage", "other"];
const STATES: [&str; 10] = [
    "new", "open", "open", "waiting", "waiting", "resolved", "closed", "closed", "closed", "open",
];
const PRIORITIES: [&str; 6] = ["low", "normal", "normal", "normal", "high", "urgent"];

/// A seeded ticket's measured times, due instant and rating, roughly as the help desk's SLA
/// would have stored them.
struct Measured {
    resolved_at: Option<PrimitiveDateTime>,
    /// Business minutes and whether within the target.
    response: Option<(i64, bool)>,
    resolution: Option<(i64, bool)>,
    due_at: Option<PrimitiveDateTime>,
    rating: Option<(&'static str, PrimitiveDateTime)>,
}

/// The default targets of a priority in business minutes (response, resolution).
fn targets(priority: &str) -> (i64, i64) {
    match priority {
        "urgent" => (120, 540),
        "high" => (240, 1080),
        "low" => (1080, 5400),
        _ => (540, 2700),
    }
}

/// Business minutes approximated from wall-clock ones: 45 open hours in a week of 168.
fn business(from: PrimitiveDateTime, to: PrimitiveDateTime) -> i64 {
    (to - from).whole_minutes().max(0) * 45 / 168
}

fn measured(
    r: &mut Rng,
    state: &str,
    priority: &str,
    created: PrimitiveDateTime,
    answered: Option<PrimitiveDateTime>,
    updated: PrimitiveDateTime,
    now: PrimitiveDateTime,
) -> Measured {
    let (respond, resolve) = targets(priority);
    let wall = |business: i64| Duration::minutes(business * 168 / 45);
    let finished = state == "resolved" || state == "closed";
    let resolved_at = finished.then_some(updated);
    let response = answered.map(|a| {
        let m = business(created, a);
        (m, m <= respond)
    });
    let resolution = resolved_at.map(|at| {
        let m = business(created, at);
        (m, m <= resolve)
    });
    let due_at = match state {
        "new" | "open" if answered.is_none() => Some(created + wall(respond)),
        "new" | "open" => Some(created + wall(resolve)),
        _ => None,
    };
    let rating = resolved_at.filter(|_| r.below(5) < 2).map(|at| {
        let rating = if r.below(5) < 4 { "good" } else { "bad" };
        let later = at + Duration::minutes(r.below(3 * 24 * 60) as i64);
        (rating, later.min(now))
    });
    Measured {
        resolved_at,
        response,
        resolution,
        due_at,
        rating,
    }
}

fn sentence(r: &mut Rng, words: usize) -> String {
    let mut s: Vec<&str> = Vec::with_capacity(words);
    for _ in 0..words {
        s.push(r.pick(&WORDS));
    }
    let mut out = s.join(" ");
    out.push('.');
    out
}

pub struct BenchSeed {
    pub tickets: usize,
    pub messages: usize,
    pub first: String,
}

/// Inserts `tickets` tickets with `messages` messages in all (at least one each), spread over
/// the year before `now`, from 200 organisations and from visitors.
pub fn bench(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    tickets: usize,
    messages: usize,
    staff_id: &str,
) -> Result<BenchSeed, AppError> {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let orgs = 200;
    let tag = crate::random_hex(4);
    let run = usize::from_str_radix(&tag, 16).unwrap_or(0);
    let mut members: Vec<(String, String, String, String)> = vec![];
    db::write(conn, |c| -> Result<(), AppError> {
        for i in 0..orgs {
            let org_id = uuid::Uuid::new_v4().to_string();
            let name = format!("Bänkföreningen {tag}-{i}");
            diesel::insert_into(o::table)
                .values((
                    o::id.eq(&org_id),
                    o::name.eq(&name),
                    // The run's tag in the number too, so that a second run adds organisations.
                    o::org_number.eq(format!(
                        "80{:04}-{:04}",
                        (run + r.below(10_000)) % 10_000,
                        i
                    )),
                    o::org_type.eq("association"),
                    o::needs_review.eq(false),
                    o::created_at.eq(now),
                ))
                .execute(c)?;
            let user_id = uuid::Uuid::new_v4().to_string();
            let email = format!("medlem{i}-{tag}@bench.invalid");
            diesel::insert_into(u::table)
                .values((
                    u::id.eq(&user_id),
                    u::email.eq(&email),
                    u::name.eq(format!("Medlem {i}")),
                    u::role.eq("member"),
                    u::organisation_id.eq(&org_id),
                    u::is_org_admin.eq(true),
                    u::locale.eq("sv"),
                    u::email_verified_at.eq(now),
                    u::created_at.eq(now),
                ))
                .execute(c)?;
            members.push((org_id, name, user_id, email));
        }
        Ok(())
    })?;
    let year = now.year();
    let start: i64 = tc::table
        .find(year)
        .select(tc::last)
        .first(conn)
        .optional()?
        .unwrap_or(0);
    let extra = messages.saturating_sub(tickets);
    let mut left_extra = extra;
    let mut written_messages = 0;
    let mut first = String::new();
    let batch = 250;
    let mut done = 0;
    while done < tickets {
        let n = batch.min(tickets - done);
        db::write(conn, |c| -> Result<(), AppError> {
            for k in 0..n {
                let seq = start + (done + k) as i64 + 1;
                let number = super::format_number(year, seq);
                if first.is_empty() {
                    first = number.clone();
                }
                let id = uuid::Uuid::now_v7().to_string();
                let created = now - Duration::minutes(r.below(365 * 24 * 60) as i64 + 60);
                let member = (r.below(10) < 7).then(|| &members[r.below(members.len())]);
                let (org_id, org_name, user_id, name, email) = match member {
                    Some((oid, oname, uid, email)) => (
                        Some(oid.clone()),
                        oname.clone(),
                        Some(uid.clone()),
                        format!("Medlem {}", r.below(orgs)),
                        email.clone(),
                    ),
                    None => {
                        let i = r.below(100_000);
                        (
                            None,
                            String::new(),
                            None,
                            format!("Besökare {i}"),
                            format!("besokare{i}@example.invalid"),
                        )
                    }
                };
                let subject = r.pick(&SUBJECTS).to_owned();
                let state = r.pick(&STATES);
                // Five messages on average: the rest of the total spread at random.
                let more = if done + k + 1 == tickets {
                    left_extra
                } else {
                    r.below((2 * extra / tickets.max(1)) + 1).min(left_extra)
                };
                left_extra -= more;
                let mut at = created;
                let mut texts = vec![
                    subject.clone(),
                    name.clone(),
                    email.clone(),
                    org_name.clone(),
                ];
                let mut msgs = Vec::with_capacity(more + 1);
                for m in 0..=more {
                    let staff_turn = m % 2 == 1;
                    let body = format!(
                        "Hej!\n\n{} {}\n\nMed vänliga hälsningar",
                        sentence(&mut r, 12),
                        sentence(&mut r, 8)
                    );
                    texts.push(body.clone());
                    msgs.push((staff_turn, staff_turn && r.below(5) == 0, body, at));
                    at += Duration::minutes(r.below(3000) as i64 + 1);
                }
                written_messages += more + 1;
                let updated = at.min(now);
                let priority = r.pick(&PRIORITIES);
                let answered = msgs
                    .iter()
                    .find(|(staff_turn, internal, _, _)| *staff_turn && !*internal)
                    .map(|m| m.3)
                    .filter(|a| *a <= now);
                let sla = measured(&mut r, state, priority, created, answered, updated, now);
                diesel::insert_into(t::table)
                    .values((
                        t::id.eq(&id),
                        t::number.eq(&number),
                        t::organisation_id.eq(&org_id),
                        t::requester_id.eq(&user_id),
                        t::requester_name.eq(&name),
                        t::requester_email.eq(&email),
                        t::requester_org.eq(&org_name),
                        t::locale.eq("sv"),
                        t::category.eq(r.pick(&CATEGORIES)),
                        t::subject.eq(&subject),
                        t::state.eq(state),
                        t::priority.eq(priority),
                        t::assignee_id.eq((r.below(3) == 0).then_some(staff_id)),
                        t::created_at.eq(created),
                        t::updated_at.eq(updated),
                        t::customer_at.eq(updated),
                        t::resolved_at.eq(sla.resolved_at),
                        t::first_response_at.eq(answered),
                        t::response_minutes.eq(sla.response.map(|m| m.0)),
                        t::response_met.eq(sla.response.map(|m| m.1)),
                        t::resolution_minutes.eq(sla.resolution.map(|m| m.0)),
                        t::resolution_met.eq(sla.resolution.map(|m| m.1)),
                        t::due_at.eq(sla.due_at),
                    ))
                    .execute(c)?;
                if let Some((rating, at)) = sla.rating {
                    diesel::insert_into(tr::table)
                        .values((
                            tr::ticket_id.eq(&id),
                            tr::rating.eq(rating),
                            tr::comment.eq(""),
                            tr::rated_at.eq(at),
                        ))
                        .execute(c)?;
                }
                for (staff_turn, internal, body, at) in &msgs {
                    diesel::insert_into(tm::table)
                        .values((
                            tm::ticket_id.eq(&id),
                            tm::author_kind.eq(if *staff_turn { "staff" } else { "visitor" }),
                            tm::author_id.eq(staff_turn.then_some(staff_id)),
                            tm::author_name.eq(if *staff_turn {
                                "Support"
                            } else {
                                name.as_str()
                            }),
                            tm::internal.eq(*internal),
                            tm::body.eq(body),
                            tm::created_at.eq(*at),
                        ))
                        .execute(c)?;
                }
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                super::search::index_terms(c, &id, &refs)?;
            }
            let last = start + (done + n) as i64;
            diesel::delete(tc::table.find(year)).execute(c)?;
            diesel::insert_into(tc::table)
                .values((tc::year.eq(year), tc::last.eq(last)))
                .execute(c)?;
            Ok(())
        })?;
        done += n;
    }
    // Fresh statistics and visibility for PostgreSQL, as its autovacuum would leave them.
    if let DbConn::Pg(c) = conn {
        diesel::connection::SimpleConnection::batch_execute(c, "VACUUM ANALYZE")?;
    }
    Ok(BenchSeed {
        tickets,
        messages: written_messages,
        first,
    })
}
