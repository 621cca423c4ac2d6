//! Seeded data: the canned replies a fresh portal starts with, and `donera seed-bench`'s load of
//! tickets and messages for the benchmark (written in batches, with their search terms, as the
//! portal itself would have written them).

use diesel::prelude::*;
use time::{Duration, PrimitiveDateTime};

use crate::db::schema::{
    canned_replies as cr, organisations as o, ticket_messages as tm, ticket_ratings as tr,
    ticket_terms as tt, tickets as t, users as u,
};
use crate::db::{self, DbConn, on_backend};
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

/// The words of the seeded messages, most frequent first: drawn by Zipf's law (the n-th word
/// about 1/n as often as the first), as words are in real text. Swedish and English, with the
/// inflections and compounds a search must cope with ("licens", "licenserna", "molntjänst").
const WORDS: [&str; 167] = [
    "och",
    "att",
    "det",
    "vi",
    "i",
    "för",
    "en",
    "på",
    "är",
    "som",
    "med",
    "har",
    "inte",
    "om",
    "licens",
    "till",
    "av",
    "kan",
    "the",
    "to",
    "ni",
    "den",
    "vår",
    "and",
    "licenser",
    "microsoft",
    "förening",
    "we",
    "konto",
    "of",
    "beställning",
    "tack",
    "our",
    "validering",
    "hej",
    "ett",
    "licenserna",
    "licensen",
    "hälsningar",
    "certifikat",
    "is",
    "faktura",
    "inloggning",
    "lösenord",
    "styrelse",
    "medlemmar",
    "användare",
    "for",
    "office",
    "teams",
    "donation",
    "rabatt",
    "organisationsnummer",
    "stiftelse",
    "business",
    "premium",
    "exchange",
    "sharepoint",
    "onedrive",
    "windows",
    "molntjänst",
    "molntjänster",
    "tjänster",
    "tjänsten",
    "avgift",
    "kvitto",
    "stadgar",
    "intyg",
    "förnyelse",
    "uppsägning",
    "säkerhet",
    "e-post",
    "domän",
    "migrering",
    "support",
    "license",
    "licenses",
    "order",
    "invoice",
    "account",
    "password",
    "validation",
    "certificate",
    "board",
    "members",
    "renewal",
    "nonprofit",
    "ideell",
    "ideella",
    "föreningen",
    "föreningens",
    "stiftelsen",
    "styrelsen",
    "medlemmarna",
    "användarna",
    "fakturan",
    "fakturor",
    "beställningen",
    "beställningar",
    "certifikatet",
    "valideringen",
    "kontot",
    "kontakt",
    "kontaktperson",
    "behörighet",
    "behörig",
    "villkor",
    "program",
    "programmet",
    "registrering",
    "registrerat",
    "godkänd",
    "godkännande",
    "nekad",
    "ansökan",
    "ansökningar",
    "dokument",
    "underlag",
    "bilaga",
    "bifogar",
    "skickat",
    "väntar",
    "fortfarande",
    "snart",
    "idag",
    "igår",
    "vecka",
    "månad",
    "år",
    "årsmöte",
    "protokoll",
    "kassör",
    "ordförande",
    "sekreterare",
    "volontärer",
    "volontär",
    "insamling",
    "bidrag",
    "gåva",
    "gåvor",
    "moms",
    "kostnad",
    "pris",
    "priser",
    "antal",
    "fler",
    "färre",
    "byta",
    "ändra",
    "lägga",
    "installera",
    "installation",
    "uppdatering",
    "dator",
    "datorer",
    "server",
    "serverlicens",
    "nätverk",
    "skrivare",
    "mobil",
    "surfplatta",
    "azure",
    "molnet",
    "lagring",
    "backup",
    "delning",
    "kalender",
];
/// Subjects, each a start and an end, so that they vary as real ones do.
const SUBJECT_STARTS: [&str; 12] = [
    "Fråga om",
    "Problem med",
    "Hjälp med",
    "Saknar",
    "Fel i",
    "Ändring av",
    "Question about",
    "Help with",
    "Förnyelse av",
    "Valideringen av",
    "Byte av",
    "Angående",
];
const SUBJECT_ENDS: [&str; 12] = [
    "licenser",
    "fakturan",
    "beställningen",
    "inloggning",
    "certifikatet",
    "kontaktperson",
    "Microsoft 365 Business Premium",
    "molntjänster",
    "organisationsnummer",
    "our donation",
    "aktiva användare",
    "Office-licenserna",
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

/// The cumulative Zipf weights of [`WORDS`], scaled to `u32`.
fn zipf() -> Vec<u64> {
    let mut acc = 0.0;
    let weights: Vec<f64> = (1..=WORDS.len())
        .map(|n| {
            acc += 1.0 / n as f64;
            acc
        })
        .collect();
    weights
        .iter()
        .map(|w| (w / acc * f64::from(u32::MAX)) as u64)
        .collect()
}

fn sentence(r: &mut Rng, cumulative: &[u64], words: usize) -> String {
    let mut s: Vec<&str> = Vec::with_capacity(words);
    for _ in 0..words {
        let x = r.next() % u64::from(u32::MAX);
        let i = cumulative.partition_point(|c| *c <= x).min(WORDS.len() - 1);
        s.push(WORDS[i]);
    }
    let mut out = s.join(" ");
    if let Some(first) = out.get(..1) {
        out.replace_range(..1, &first.to_uppercase());
    }
    out.push('.');
    out
}

pub struct BenchSeed {
    pub tickets: usize,
    pub messages: usize,
    pub first: String,
}

/// A seeded ticket's rows, written with the others of its batch.
#[derive(Default)]
struct Batch {
    tickets: Vec<SeedTicket>,
    ratings: Vec<(String, &'static str, PrimitiveDateTime)>,
    messages: Vec<SeedMessage>,
    terms: Vec<(String, String)>,
}

struct SeedTicket {
    id: String,
    number: String,
    organisation_id: Option<String>,
    requester_id: Option<String>,
    requester_name: String,
    requester_email: String,
    requester_org: String,
    category: &'static str,
    subject: String,
    state: &'static str,
    priority: &'static str,
    assignee_id: Option<String>,
    created_at: PrimitiveDateTime,
    updated_at: PrimitiveDateTime,
    sla: Measured,
    first_response_at: Option<PrimitiveDateTime>,
    breaches: i32,
    /// Its words' signature (`db::sig`), which the search's walk reads.
    terms_sig: Vec<u8>,
}

struct SeedMessage {
    ticket_id: String,
    staff: Option<String>,
    author_name: String,
    internal: bool,
    body: String,
    created_at: PrimitiveDateTime,
}

/// Tickets per transaction; each table's rows go in as few statements as the backends' limit on
/// bound values allows (SQLite 32,766, PostgreSQL 65,535).
const BATCH: usize = 2000;

impl Batch {
    fn write(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        let tickets: Vec<_> = self
            .tickets
            .iter()
            .map(|k| {
                (
                    (
                        t::id.eq(&k.id),
                        t::number.eq(&k.number),
                        t::organisation_id.eq(k.organisation_id.as_deref()),
                        t::requester_id.eq(k.requester_id.as_deref()),
                        t::requester_name.eq(&k.requester_name),
                        t::requester_email.eq(&k.requester_email),
                        t::requester_org.eq(&k.requester_org),
                        t::locale.eq("sv"),
                        t::category.eq(k.category),
                        t::subject.eq(&k.subject),
                        t::state.eq(k.state),
                        t::priority.eq(k.priority),
                        t::rating.eq(k.sla.rating.map(|r| r.0)),
                    ),
                    (
                        t::assignee_id.eq(k.assignee_id.as_deref()),
                        t::created_at.eq(k.created_at),
                        t::updated_at.eq(k.updated_at),
                        t::customer_at.eq(k.updated_at),
                        t::resolved_at.eq(k.sla.resolved_at),
                        t::first_response_at.eq(k.first_response_at),
                        t::response_minutes.eq(k.sla.response.map(|m| m.0)),
                        t::response_met.eq(k.sla.response.map(|m| m.1)),
                        t::resolution_minutes.eq(k.sla.resolution.map(|m| m.0)),
                        t::resolution_met.eq(k.sla.resolution.map(|m| m.1)),
                        t::due_at.eq(k.sla.due_at),
                        t::breaches.eq(k.breaches),
                        t::terms_sig.eq(&k.terms_sig),
                    ),
                )
            })
            .collect();
        let messages: Vec<_> = self
            .messages
            .iter()
            .map(|m| {
                (
                    tm::ticket_id.eq(&m.ticket_id),
                    tm::author_kind.eq(if m.staff.is_some() {
                        "staff"
                    } else {
                        "visitor"
                    }),
                    tm::author_id.eq(m.staff.as_deref()),
                    tm::author_name.eq(&m.author_name),
                    tm::internal.eq(m.internal),
                    tm::body.eq(&m.body),
                    tm::created_at.eq(m.created_at),
                )
            })
            .collect();
        let ratings: Vec<_> = self
            .ratings
            .iter()
            .map(|(id, rating, at)| {
                (
                    tr::ticket_id.eq(id),
                    tr::rating.eq(*rating),
                    tr::comment.eq(""),
                    tr::rated_at.eq(*at),
                )
            })
            .collect();
        self.terms.sort_unstable();
        let terms: Vec<_> = match conn {
            DbConn::Sqlite(_) => self
                .terms
                .iter()
                .map(|(w, id)| (tt::term.eq(w), tt::ticket_id.eq(id)))
                .collect(),
            // PostgreSQL keeps each ticket's words as a vector (`search::insert_terms`).
            DbConn::Pg(_) => vec![],
        };
        on_backend!(conn, |c| {
            for chunk in tickets.chunks(1000) {
                diesel::insert_into(t::table).values(chunk).execute(c)?;
            }
            for chunk in ratings.chunks(5000) {
                diesel::insert_into(tr::table).values(chunk).execute(c)?;
            }
            for chunk in messages.chunks(4000) {
                diesel::insert_into(tm::table).values(chunk).execute(c)?;
            }
            for chunk in terms.chunks(16_000) {
                diesel::insert_into(tt::table).values(chunk).execute(c)?;
            }
            QueryResult::Ok(())
        })?;
        if let DbConn::Pg(_) = conn {
            let pairs: Vec<(&str, &str)> = self
                .terms
                .iter()
                .map(|(w, id)| (w.as_str(), id.as_str()))
                .collect();
            // Signed with the tickets already.
            super::search::insert_unsigned(conn, &pairs)?;
        }
        *self = Batch::default();
        Ok(())
    }
}

/// The tables seed-bench fills.
const FILLED: &str =
    "'tickets', 'ticket_messages', 'ticket_terms', 'ticket_search', 'ticket_ratings'";

#[derive(QueryableByName)]
struct IndexDef {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Drops the secondary indexes of the tables seed-bench fills and returns the statements that
/// make them again ([`restore_indexes`]): a million tickets went in at a few hundred
/// random places in each of some thirty indexes per batch, which at that size cost more than
/// the rows; an index made once over the loaded rows is sorted in one go. Indexes that keep a
/// key or a uniqueness (the primary keys, ticket numbers) stay. The statements are read from
/// the database's own catalogue, so each index comes back as the migrations made it. A run
/// killed before the end leaves the database without them: seed a new one.
fn lift_indexes(conn: &mut DbConn) -> Result<Vec<String>, AppError> {
    let list = match conn {
        DbConn::Sqlite(_) => format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
             AND tbl_name IN ({FILLED}) ORDER BY name"
        ),
        DbConn::Pg(_) => format!(
            "SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i \
             WHERE i.schemaname = current_schema() AND i.tablename IN ({FILLED}) \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = \
               (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) \
             ORDER BY i.indexname"
        ),
    };
    let defs: Vec<IndexDef> = diesel::sql_query(list).load(conn)?;
    db::write(conn, |c| -> Result<(), AppError> {
        for d in &defs {
            diesel::sql_query(format!("DROP INDEX \"{}\"", d.name.replace('"', "\"\"")))
                .execute(c)?;
        }
        Ok(())
    })?;
    Ok(defs.into_iter().map(|d| d.sql).collect())
}

/// Makes the indexes [`lift_indexes`] dropped again, over the loaded rows.
fn restore_indexes(conn: &mut DbConn, statements: &[String]) -> Result<(), AppError> {
    if let DbConn::Pg(c) = conn {
        // Room to sort each index in memory; this session's own.
        diesel::connection::SimpleConnection::batch_execute(
            c,
            "SET maintenance_work_mem = '256MB'",
        )?;
    }
    for sql in statements {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}

/// Makes the seeded tickets, one at a time, from the run's random numbers.
struct Maker<'a> {
    r: &'a mut Rng,
    cumulative: &'a [u64],
    members: &'a [(String, String, String, String)],
    agents: &'a [String],
    now: PrimitiveDateTime,
}

impl Maker<'_> {
    /// Adds ticket `number` with `more` messages after its first to `batch`.
    fn ticket(self, batch: &mut Batch, number: String, more: usize) {
        let Maker {
            r,
            cumulative,
            members,
            agents,
            now,
        } = self;
        let orgs = members.len();
        let id = uuid::Uuid::now_v7().to_string();
        let age = r.below(365 * 24 * 60) as i64 + 60;
        let created = now - Duration::minutes(age);
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
        let subject = format!("{} {}", r.pick(&SUBJECT_STARTS), r.pick(&SUBJECT_ENDS));
        // A month or more old: nearly always finished, as on a real desk.
        let state = if age > 30 * 24 * 60 && r.below(20) > 0 {
            r.pick(&["resolved", "closed", "closed", "closed"])
        } else {
            r.pick(&STATES)
        };
        let mut at = created;
        let mut words: Vec<String> = [subject.as_str(), &name, &email, &org_name]
            .iter()
            .flat_map(|s| super::search::terms(s))
            .collect();
        // New tickets wait for someone to take them; most others have an agent.
        let assignee =
            (state != "new" && r.below(10) > 0).then(|| agents[r.below(agents.len())].clone());
        let mut answered = None;
        for m in 0..=more {
            let staff = (m % 2 == 1).then(|| assignee.clone().unwrap_or_else(|| agents[0].clone()));
            let internal = staff.is_some() && r.below(5) == 0;
            let body = format!(
                "Hej!\n\n{} {}\n\nMed vänliga hälsningar",
                sentence(r, cumulative, 12),
                sentence(r, cumulative, 8)
            );
            words.extend(super::search::terms(&body));
            if staff.is_some() && !internal && answered.is_none() && at <= now {
                answered = Some(at);
            }
            batch.messages.push(SeedMessage {
                ticket_id: id.clone(),
                author_name: if staff.is_some() {
                    "Support".to_owned()
                } else {
                    name.clone()
                },
                staff,
                internal,
                body,
                created_at: at,
            });
            at += Duration::minutes(r.below(3000) as i64 + 1);
        }
        let updated = at.min(now);
        // Resolved over a week ago: closed by now, as the worker's auto-close would have.
        let state = if state == "resolved" && updated < now - Duration::days(7) {
            "closed"
        } else {
            state
        };
        let priority = r.pick(&PRIORITIES);
        let sla = measured(r, state, priority, created, answered, updated, now);
        // Targets already passed were reported, as the worker's breach e-mails would have been.
        let overdue = sla.due_at.is_some_and(|d| d <= now);
        let breaches = if sla.response.is_some_and(|m| !m.1) || (answered.is_none() && overdue) {
            super::sla::BREACH_RESPONSE
        } else {
            0
        } | if answered.is_some() && overdue {
            super::sla::BREACH_RESOLUTION
        } else {
            0
        };
        if let Some((rating, at)) = sla.rating {
            batch.ratings.push((id.clone(), rating, at));
        }
        words.sort_unstable();
        words.dedup();
        let terms_sig = crate::db::sig::of(words.iter().map(String::as_str)).to_vec();
        batch
            .terms
            .extend(words.into_iter().map(|w| (w, id.clone())));
        batch.tickets.push(SeedTicket {
            id,
            number,
            organisation_id: org_id,
            requester_id: user_id,
            requester_name: name,
            requester_email: email,
            requester_org: org_name,
            category: r.pick(&CATEGORIES),
            subject,
            state,
            priority,
            assignee_id: assignee,
            created_at: created,
            updated_at: updated,
            sla,
            first_response_at: answered,
            breaches,
            terms_sig,
        });
    }
}

/// The seeded help desk's staff: the bench's own member and seven colleagues.
const AGENTS: usize = 8;

/// Inserts `tickets` tickets with `messages` messages in all (at least one each), spread over
/// the year before `now`, from 200 organisations and from visitors, handled by eight agents (the
/// bench's staff member `staff_id` one of them). Old tickets are mostly closed, as on a real desk.
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
    let mut agents: Vec<String> = vec![staff_id.to_owned()];
    db::write(conn, |c| -> Result<(), AppError> {
        for i in 1..AGENTS {
            let id = uuid::Uuid::new_v4().to_string();
            diesel::insert_into(u::table)
                .values((
                    u::id.eq(&id),
                    u::email.eq(format!("handlaggare{i}-{tag}@bench.invalid")),
                    u::name.eq(format!("Handläggare {i}")),
                    u::role.eq("agent"),
                    u::is_org_admin.eq(false),
                    u::locale.eq("sv"),
                    u::email_verified_at.eq(now),
                    u::created_at.eq(now),
                ))
                .execute(c)?;
            agents.push(id);
        }
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
    // The numbers after the last one given; a seed that fails leaves a gap in them.
    let start = db::write(conn, |c| {
        super::service::reserve_numbers(c, year, tickets as i64).map_err(AppError::from)
    })? - 1;
    let cumulative = zipf();
    let extra = messages.saturating_sub(tickets);
    let first = super::format_number(year, start + 1);
    // Bulk loading: no waiting for the disk at each commit, and room for the indexes' pages.
    // The connection is this command's own and gone when it ends.
    match conn {
        DbConn::Sqlite(c) => diesel::connection::SimpleConnection::batch_execute(
            c,
            "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144",
        )?,
        DbConn::Pg(c) => {
            diesel::connection::SimpleConnection::batch_execute(c, "SET synchronous_commit = off")?
        }
    }
    let indexes = lift_indexes(conn)?;
    // One thread makes the batches while this one writes the previous.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(1);
    let loaded = std::thread::scope(|scope| -> Result<usize, AppError> {
        let maker = scope.spawn(|| {
            // Owned here, so that the writer's loop ends when the last batch is made.
            let tx = tx;
            let mut left_extra = extra;
            let mut done = 0;
            while done < tickets {
                let n = BATCH.min(tickets - done);
                let mut batch = Batch::default();
                for k in 0..n {
                    let seq = start + (done + k) as i64 + 1;
                    let more = if done + k + 1 == tickets {
                        left_extra
                    } else {
                        r.below((2 * extra / tickets.max(1)) + 1).min(left_extra)
                    };
                    left_extra -= more;
                    let maker = Maker {
                        r: &mut r,
                        cumulative: &cumulative,
                        members: &members,
                        agents: &agents,
                        now,
                    };
                    maker.ticket(&mut batch, super::format_number(year, seq), more);
                }
                done += n;
                if tx.send(batch).is_err() {
                    return;
                }
            }
        });
        let mut written = 0;
        for mut batch in rx {
            written += batch.messages.len();
            db::write(conn, |c| batch.write(c))?;
        }
        if maker.join().is_err() {
            return Err(AppError::Internal(
                "seed-bench: the batch maker failed".into(),
            ));
        }
        Ok(written)
    });
    // Made again whether or not the load went through.
    restore_indexes(conn, &indexes)?;
    let written_messages = loaded?;
    // Fresh statistics for both planners (and visibility for PostgreSQL), as a portal in use
    // would have them.
    match conn {
        DbConn::Pg(c) => diesel::connection::SimpleConnection::batch_execute(c, "VACUUM ANALYZE")?,
        DbConn::Sqlite(c) => diesel::connection::SimpleConnection::batch_execute(c, "ANALYZE")?,
    }
    Ok(BenchSeed {
        tickets,
        messages: written_messages,
        first,
    })
}
