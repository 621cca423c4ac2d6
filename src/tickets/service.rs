//! The ticket transactions. Each writes its change, its search terms, its outbox events and its
//! audit entry in one transaction, so a ticket never exists without the event that announces it.

use diesel::prelude::*;
use serde_json::json;
use time::{Duration, PrimitiveDateTime};

pub use super::erase::erase_content;
use super::model::{self, Ticket};
use super::sla;
use super::{Category, Priority, State};
use crate::accounts::model::{self as accounts, User};
use crate::audit::{self, Actor};
use crate::db::schema::{
    canned_replies as cr, ticket_attachments as ta, ticket_counters as tc,
    ticket_index_queue as iq, ticket_messages as tm, ticket_tokens as tk, tickets as t,
};
use crate::db::{self, DbConn, on_backend};
use crate::error::AppError;
use crate::files::{self, Kind, NewFile};
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::outbox::{self, Routing};
use crate::storage::{self, StorageLimits, StorageRefusal};

pub struct NewAttachment {
    pub name: String,
    pub kind: Kind,
    pub data: Vec<u8>,
}

/// Who opens a ticket: a member (with their organisation) or a visitor.
pub struct Requester<'a> {
    pub user: Option<&'a User>,
    pub name: String,
    pub email: String,
    /// The organisation's registered name for members; what the visitor typed otherwise.
    pub org: String,
    pub locale: Locale,
}

pub struct NewTicket {
    pub category: Category,
    pub subject: String,
    pub body: String,
    pub order_id: Option<String>,
    pub validation_id: Option<String>,
    pub article_id: Option<String>,
    pub files: Vec<NewAttachment>,
}

pub struct Created {
    pub id: String,
    pub number: String,
    /// The first message's id.
    pub message: i64,
}

/// What a new ticket is routed and timed by: where its events go, and the response targets its
/// clock starts with (callers pass the help desk's cached copy, `tickets::Caches::sla`).
pub struct Desk<'a> {
    pub routing: &'a Routing,
    pub sla: &'a sla::Policy,
}

/// The next number of `year`. SQLite: one upsert of the year's counter, so concurrent creators
/// never share a number (SQLite writes one transaction at a time anyway). PostgreSQL: the year's
/// sequence (migration 000042), which no creator waits for; the counter's row was held locked by
/// each creation to its commit, so creations queued behind each other.
fn next_seq(conn: &mut DbConn, year: i32) -> QueryResult<i64> {
    match conn {
        DbConn::Sqlite(_) => reserve_numbers(conn, year, 1),
        DbConn::Pg(c) => diesel::select(ticket_number_next(year)).get_result(c),
    }
}

/// Takes `n` consecutive numbers of `year` at once (seed-bench) and returns the first: on
/// PostgreSQL the sequence is locked meanwhile, so no creation takes one in between.
pub(super) fn reserve_numbers(conn: &mut DbConn, year: i32, n: i64) -> QueryResult<i64> {
    match conn {
        DbConn::Sqlite(c) => diesel::insert_into(tc::table)
            .values((tc::year.eq(year), tc::last.eq(n)))
            .on_conflict(tc::year)
            .do_update()
            .set(tc::last.eq(tc::last + n))
            .returning(tc::last)
            .get_result(c)
            .map(|last: i64| last - n + 1),
        DbConn::Pg(c) => diesel::select(ticket_number_reserve(year, n)).get_result(c),
    }
}

diesel::define_sql_function!(fn ticket_number_next(year: diesel::sql_types::Integer) -> diesel::sql_types::BigInt);
diesel::define_sql_function!(fn ticket_number_reserve(year: diesel::sql_types::Integer, n: diesel::sql_types::BigInt) -> diesel::sql_types::BigInt);

/// One message of a thread as written.
struct NewMessage<'a> {
    ticket_id: &'a str,
    /// `member`, `visitor`, `staff` or `merge` (a note that another ticket was merged in).
    kind: &'a str,
    author: Option<&'a str>,
    name: &'a str,
    internal: bool,
    body: &'a str,
}

fn insert_message(conn: &mut DbConn, m: &NewMessage, now: PrimitiveDateTime) -> QueryResult<i64> {
    let values = (
        tm::ticket_id.eq(m.ticket_id),
        tm::author_kind.eq(m.kind),
        tm::author_id.eq(m.author),
        tm::author_name.eq(m.name),
        tm::internal.eq(m.internal),
        tm::body.eq(m.body),
        tm::created_at.eq(now),
    );
    on_backend!(conn, |c| diesel::insert_into(tm::table)
        .values(values)
        .returning(tm::id)
        .get_result(c))
}

fn attach(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    message_id: i64,
    org: Option<&str>,
    uploader: &str,
    files_in: &[NewAttachment],
) -> Result<(), AppError> {
    for f in files_in {
        let file_id = files::insert(
            conn,
            now,
            &NewFile {
                organisation_id: org,
                uploaded_by: uploader,
                name: &f.name,
                kind: f.kind,
                data: &f.data,
            },
        )?;
        diesel::insert_into(ta::table)
            .values((ta::message_id.eq(message_id), ta::file_id.eq(&file_id)))
            .execute(conn)?;
    }
    Ok(())
}

/// A new private link for a visitor's ticket; only its hash is stored.
fn new_visitor_link(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    ticket_id: &str,
    locale: Locale,
) -> QueryResult<String> {
    let (plain, hash) = crate::accounts::new_token();
    diesel::insert_into(tk::table)
        .values((
            tk::token_hash.eq(hash),
            tk::ticket_id.eq(ticket_id),
            tk::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Page::VisitorTicket.link(locale, &plain))
}

/// Where the requester reads the ticket: the member area, or a fresh private link for a visitor.
fn requester_path(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    ticket: &Ticket,
) -> QueryResult<String> {
    let l = ticket.locale();
    if ticket.organisation_id.is_some() {
        Ok(Page::Ticket.link(l, &ticket.number))
    } else {
        new_visitor_link(conn, now, &ticket.id, l)
    }
}

/// The requester's current address: a member may have changed theirs since.
fn requester_email(conn: &mut DbConn, ticket: &Ticket) -> Result<String, AppError> {
    if let Some(id) = &ticket.requester_id
        && let Some(u) = accounts::user_by_id(conn, id)?
    {
        return Ok(u.email);
    }
    Ok(ticket.requester_email.clone())
}

/// An e-mail to the requester in their language, with the link to the ticket.
fn email_requester(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    ticket: &Ticket,
    kind: &str,
    extra: serde_json::Value,
) -> Result<(), AppError> {
    let to = requester_email(conn, ticket)?;
    let path = requester_path(conn, now, ticket)?;
    let mut payload = json!({
        "number": ticket.number,
        "subject": ticket.subject,
        "name": ticket.requester_name,
        "path": path,
        // The mail threads answers back onto the ticket (`outbox::mail::compose`).
        "reply": true,
    });
    if let (Some(p), serde_json::Value::Object(e)) = (payload.as_object_mut(), extra) {
        p.extend(e);
    }
    outbox::enqueue_email(conn, now, kind, &to, ticket.locale(), &payload)?;
    Ok(())
}

pub fn create(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    desk: &Desk,
    who: &Requester,
    new: &NewTicket,
    ip: &str,
) -> Result<Created, AppError> {
    db::write(conn, |c| create_in(c, now, desk, who, new, ip))
}

/// The contact form's rate limits: tickets per hour from one IP address (0: none) and to one
/// e-mail address.
pub struct ContactLimits {
    pub per_ip: i64,
    pub per_email: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooManyFromIp,
    TooManyForEmail,
}

/// A visitor's ticket, counted against the rate limits in the same transaction, so a ticket
/// that fails to be written does not count, and neither does a refused one.
pub fn create_visitor(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    desk: &Desk,
    who: &Requester,
    new: &NewTicket,
    ip: &str,
    limits: &ContactLimits,
) -> Result<Result<Created, Refusal>, AppError> {
    let hour = Duration::hours(1);
    let email_bucket = format!("contact-email:{}", crate::accounts::hash_token(&who.email));
    let ip_bucket = format!("contact-ip:{ip}");
    db::write(conn, |c| {
        // Both limits are checked before either is counted: a refused attempt counts nowhere.
        let by_ip = limits.per_ip > 0;
        if by_ip {
            db::lock_key(c, &ip_bucket)?;
        }
        // 0 turns a limit off, like every limit setting.
        let by_email = limits.per_email > 0;
        if by_email {
            db::lock_key(c, &email_bucket)?;
        }
        if by_ip && crate::throttle::count(c, &ip_bucket, now, hour)? >= limits.per_ip {
            return Ok(Err(Refusal::TooManyFromIp));
        }
        if by_email && crate::throttle::count(c, &email_bucket, now, hour)? >= limits.per_email {
            return Ok(Err(Refusal::TooManyForEmail));
        }
        // Locked and counted above, in this transaction.
        if by_ip {
            crate::throttle::record(c, &ip_bucket, now)?;
        }
        if by_email {
            crate::throttle::record(c, &email_bucket, now)?;
        }
        create_in(c, now, desk, who, new, ip).map(Ok)
    })
}

fn create_in(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    desk: &Desk,
    who: &Requester,
    new: &NewTicket,
    ip: &str,
) -> Result<Created, AppError> {
    let org_id = who.user.and_then(|u| u.organisation_id.clone());
    {
        let seq = next_seq(c, now.year())?;
        let number = super::format_number(now.year(), seq);
        // Time-ordered, so that a new ticket's rows land at the end of every index keyed by it
        // (the search index above all), not on random pages.
        let id = uuid::Uuid::now_v7().to_string();
        let clock = sla::Clock::start(desk.sla, Priority::Normal, now);
        let texts = [
            number.as_str(),
            &new.subject,
            &new.body,
            &who.name,
            &who.email,
            &who.org,
        ];
        let values = (
            t::id.eq(&id),
            t::number.eq(&number),
            t::organisation_id.eq(&org_id),
            t::requester_id.eq(who.user.map(|u| u.id.as_str())),
            t::requester_name.eq(&who.name),
            t::requester_email.eq(&who.email),
            t::requester_org.eq(&who.org),
            t::locale.eq(who.locale.code()),
            t::category.eq(new.category.key()),
            t::subject.eq(&new.subject),
            t::state.eq(State::New.key()),
            t::priority.eq(Priority::Normal.key()),
            t::order_id.eq(&new.order_id),
            t::validation_id.eq(&new.validation_id),
            t::article_id.eq(&new.article_id),
            t::created_at.eq(now),
            t::updated_at.eq(now),
            t::customer_at.eq(now),
            t::due_at.eq(clock.due_at),
            t::terms_sig.eq(super::search::signature(&texts)),
        );
        // Read back as written, for the e-mail below: no second query.
        let ticket: Ticket = on_backend!(c, |c| diesel::insert_into(t::table)
            .values(values)
            .returning(Ticket::as_returning())
            .get_result(c))?;
        let kind = if who.user.is_some() {
            "member"
        } else {
            "visitor"
        };
        let author = who.user.map(|u| u.id.as_str());
        let message = insert_message(
            c,
            &NewMessage {
                ticket_id: &id,
                kind,
                author,
                name: &who.name,
                internal: false,
                body: &new.body,
            },
            now,
        )?;
        if let Some(u) = who.user {
            attach(c, now, message, org_id.as_deref(), &u.id, &new.files)?;
        }
        super::search::queue(c, &id, &texts)?;
        email_requester(c, now, &ticket, "ticket.received", json!({}))?;
        outbox::enqueue_partner(
            c,
            desk.routing,
            now,
            "ticket.created",
            &json!({"ticket_id": id, "number": number, "category": new.category.key(),
                    "subject": new.subject, "requester": kind, "organisation_id": org_id,
                    "organisation": who.org, "attachments": new.files.len(),
                    "path": Page::StaffTicket.link(Locale::Sv, &number)}),
        )?;
        audit::record(
            c,
            now,
            &Actor {
                id: author,
                kind,
                ip,
            },
            "ticket.created",
            "ticket",
            &id,
            &number,
        )?;
        Ok(Created {
            id,
            number,
            message,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyOutcome {
    Added,
    /// Closed tickets take no replies (merged ones are closed too).
    Closed,
}

/// A reply from the requester's side (a member of the organisation, or the visitor).
/// A reply from the requester's side: a member (`user`) or the visitor (`None`).
pub struct CustomerReply<'a> {
    pub ticket_id: &'a str,
    pub user: Option<&'a User>,
    pub body: &'a str,
    pub files: &'a [NewAttachment],
}

pub fn customer_reply(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    r: &CustomerReply,
    ip: &str,
) -> Result<ReplyOutcome, AppError> {
    db::write(conn, |c| customer_reply_in(c, now, routing, r, ip))
}

/// A member's reply, its attachments counted against the organisation's storage quota and the
/// member's upload rate in the same transaction (a refused reply writes nothing).
pub fn customer_reply_limited(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    r: &CustomerReply,
    ip: &str,
    limits: StorageLimits,
) -> Result<Result<ReplyOutcome, StorageRefusal>, AppError> {
    db::write(conn, |c| {
        if let Some(u) = r.user
            && let Err(refusal) = admit_files(c, now, u, r.files, limits)?
        {
            return Ok(Err(refusal));
        }
        customer_reply_in(c, now, routing, r, ip).map(Ok)
    })
}

/// A member's new ticket, its attachments counted as in [`customer_reply_limited`].
pub fn create_limited(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    desk: &Desk,
    who: &Requester,
    new: &NewTicket,
    ip: &str,
    limits: StorageLimits,
) -> Result<Result<Created, StorageRefusal>, AppError> {
    db::write(conn, |c| {
        if let Some(u) = who.user
            && let Err(refusal) = admit_files(c, now, u, &new.files, limits)?
        {
            return Ok(Err(refusal));
        }
        create_in(c, now, desk, who, new, ip).map(Ok)
    })
}

/// The storage check for a member's attachments (nothing to check without files or organisation).
fn admit_files(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    user: &User,
    files_in: &[NewAttachment],
    limits: StorageLimits,
) -> Result<Result<(), StorageRefusal>, AppError> {
    let adding: usize = files_in.iter().map(|f| f.data.len()).sum();
    match &user.organisation_id {
        Some(org) if adding > 0 => storage::admit(
            c,
            now,
            org,
            &user.id,
            i64::try_from(adding).unwrap_or(i64::MAX),
            limits,
        ),
        _ => Ok(Ok(())),
    }
}

fn customer_reply_in(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    r: &CustomerReply,
    ip: &str,
) -> Result<ReplyOutcome, AppError> {
    Ok(match reply_row(c, now, routing, r, None, ip)? {
        Some(_) => ReplyOutcome::Added,
        None => ReplyOutcome::Closed,
    })
}

/// A new ticket from an e-mail, inside the caller's transaction (`mail_in` keeps the mail's
/// own record in the same one, so the two commit together or not at all).
pub fn create_from_mail(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    who: &Requester,
    new: &NewTicket,
) -> Result<Created, AppError> {
    let desk = Desk {
        routing,
        sla: &sla::load(c)?,
    };
    create_in(c, now, &desk, who, new, "")
}

/// A reply that came by e-mail, inside the caller's transaction: from a member (`r.user`) or
/// from someone else writing as `name`. The new message's id, or `None` when the ticket is
/// closed or merged (the caller opens a new ticket then).
pub fn reply_from_mail(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    r: &CustomerReply,
    name: &str,
) -> Result<Option<i64>, AppError> {
    reply_row(c, now, routing, r, Some(name), "")
}

/// A line for staff only in a ticket's thread, written by the portal: `kind` says what it is
/// (the views put it into words), `body` holds what it refers to (a ticket number).
pub fn staff_note(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    ticket_id: &str,
    kind: &str,
    body: &str,
) -> Result<i64, AppError> {
    Ok(insert_message(
        c,
        &NewMessage {
            ticket_id,
            kind,
            author: None,
            name: "",
            internal: true,
            body,
        },
        now,
    )?)
}

/// The reply's message id, or `None` when the ticket takes no replies. `name` overrides the
/// author's name when the writer is not a member (by default: the ticket's requester).
fn reply_row(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    r: &CustomerReply,
    name: Option<&str>,
    ip: &str,
) -> Result<Option<i64>, AppError> {
    let (ticket_id, user, body, files_in) = (r.ticket_id, r.user, r.body, r.files);
    let ticket = model::by_id(c, ticket_id)?.ok_or(AppError::NotFound)?;
    let Some(next) = ticket.state().after_customer_reply() else {
        return Ok(None);
    };
    if ticket.merged_into.is_some() {
        return Ok(None);
    }
    let (kind, name) = match (user, name) {
        (Some(u), _) => ("member", u.name.clone()),
        (None, Some(n)) => ("visitor", n.to_owned()),
        (None, None) => ("visitor", ticket.requester_name.clone()),
    };
    let author = user.map(|u| u.id.as_str());
    let message = insert_message(
        c,
        &NewMessage {
            ticket_id: &ticket.id,
            kind,
            author,
            name: &name,
            internal: false,
            body,
        },
        now,
    )?;
    if let Some(u) = user {
        attach(
            c,
            now,
            message,
            ticket.organisation_id.as_deref(),
            &u.id,
            files_in,
        )?;
    }
    diesel::update(t::table.find(&ticket.id))
        .set((
            t::state.eq(next.key()),
            t::updated_at.eq(now),
            t::customer_at.eq(now),
            t::resolved_at.eq(None::<PrimitiveDateTime>),
        ))
        .execute(c)?;
    sla::apply(
        c,
        &ticket,
        ticket.priority(),
        &[sla::Event::State(next)],
        now,
    )?;
    super::search::queue(c, &ticket.id, &[body, &name])?;
    outbox::enqueue_partner(
        c,
        routing,
        now,
        "ticket.replied",
        &json!({"ticket_id": ticket.id, "number": ticket.number, "author": kind,
                "state": next.key(), "attachments": files_in.len(),
                "path": Page::StaffTicket.link(Locale::Sv, &ticket.number)}),
    )?;
    audit::record(
        c,
        now,
        &Actor {
            id: author,
            kind,
            ip,
        },
        "ticket.replied",
        "ticket",
        &ticket.id,
        &ticket.number,
    )?;
    Ok(Some(message))
}

/// A staff answer (e-mailed to the requester) or internal note (never leaves the help desk).
/// An answer sets the state chosen with it (by default: waiting for the customer).
/// A staff member's answer or internal note, and the state an answer leaves the ticket in.
pub struct StaffMessage<'a> {
    pub ticket_id: &'a str,
    pub staff: &'a User,
    pub body: &'a str,
    pub internal: bool,
    pub state: Option<State>,
    pub files: &'a [NewAttachment],
    /// The newest message id the agent had on screen: a newer one (from anyone) refuses the
    /// message with [`AppError::Conflict`], so two agents do not answer at once. `None` skips
    /// the check.
    pub seen: Option<i64>,
}

/// `key` signs the satisfaction links of a resolving answer (`csat`).
pub fn staff_message(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    m: &StaffMessage,
    ip: &str,
    key: &[u8],
) -> Result<(), AppError> {
    let (ticket_id, staff, body, internal, state) =
        (m.ticket_id, m.staff, m.body, m.internal, m.state);
    db::write(conn, |c| {
        let ticket = model::by_id(c, ticket_id)?.ok_or(AppError::NotFound)?;
        if let Some(seen) = m.seen
            && model::newest_message_id(c, &ticket.id)?.is_some_and(|n| n > seen)
        {
            return Err(AppError::Conflict);
        }
        let message = insert_message(
            c,
            &NewMessage {
                ticket_id: &ticket.id,
                kind: "staff",
                author: Some(&staff.id),
                name: &staff.name,
                internal,
                body,
            },
            now,
        )?;
        // A note's files belong to no organisation, so no member can fetch one by its id; an
        // answer's go to the ticket's organisation, like the members' own.
        let owner = if internal {
            None
        } else {
            ticket.organisation_id.as_deref()
        };
        attach(c, now, message, owner, &staff.id, m.files)?;
        super::search::queue(c, &ticket.id, &[body])?;
        let actor = Actor::staff(&staff.id, ip);
        if internal {
            diesel::update(t::table.find(&ticket.id))
                .set(t::updated_at.eq(now))
                .execute(c)?;
            audit::record(
                c,
                now,
                &actor,
                "ticket.note",
                "ticket",
                &ticket.id,
                &ticket.number,
            )?;
            return Ok(());
        }
        let next = state.unwrap_or(State::Waiting);
        set_state_row(c, &ticket, next, now)?;
        sla::apply(
            c,
            &ticket,
            ticket.priority(),
            &[sla::Event::Answered, sla::Event::State(next)],
            now,
        )?;
        email_requester(
            c,
            now,
            &ticket,
            "ticket.answered",
            super::csat::mail_extra(key, &ticket, next),
        )?;
        outbox::enqueue_partner(
            c,
            routing,
            now,
            "ticket.replied",
            &json!({"ticket_id": ticket.id, "number": ticket.number, "author": "staff",
                    "state": next.key(), "attachments": m.files.len(),
                    "path": Page::StaffTicket.link(Locale::Sv, &ticket.number)}),
        )?;
        audit::record(
            c,
            now,
            &actor,
            "ticket.answered",
            "ticket",
            &ticket.id,
            &format!("{} {}", ticket.number, next.key()),
        )?;
        Ok(())
    })
}

fn set_state_row(
    conn: &mut DbConn,
    ticket: &Ticket,
    next: State,
    now: PrimitiveDateTime,
) -> QueryResult<usize> {
    let resolved_at = match next {
        State::Resolved if ticket.state() == State::Resolved => ticket.resolved_at.or(Some(now)),
        State::Resolved => Some(now),
        State::Closed => ticket.resolved_at,
        _ => None,
    };
    diesel::update(t::table.find(&ticket.id))
        .set((
            t::state.eq(next.key()),
            t::updated_at.eq(now),
            t::resolved_at.eq(resolved_at),
        ))
        .execute(conn)
}

/// The fields staff change from the ticket's side panel.
#[derive(Debug, Clone)]
pub struct Update {
    pub state: State,
    pub priority: Priority,
    pub assignee: Option<String>,
}

/// Applies what changed; a state change is e-mailed to the requester (`key` signs the
/// satisfaction links of a resolved ticket's e-mail). Returns whether anything changed.
pub fn update(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    ticket_id: &str,
    staff: &User,
    u: &Update,
    ip: &str,
    key: &[u8],
) -> Result<bool, AppError> {
    db::write(conn, |c| {
        let ticket = model::by_id(c, ticket_id)?.ok_or(AppError::NotFound)?;
        update_in(c, now, &ticket, staff, u, ip, key)
    })
}

/// [`update`] inside the caller's open write transaction, so that bulk work applies the same
/// change, audit entries and e-mails per ticket and all or nothing.
pub fn update_in(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    ticket: &Ticket,
    staff: &User,
    u: &Update,
    ip: &str,
    key: &[u8],
) -> Result<bool, AppError> {
    {
        if let Some(a) = &u.assignee {
            let ok = accounts::user_by_id(c, a)?.is_some_and(|x| x.role().is_staff());
            if !ok {
                return Err(AppError::BadRequest);
            }
        }
        let actor = Actor::staff(&staff.id, ip);
        let mut changed = false;
        if ticket.merged_into.is_some() && u.state != State::Closed {
            // A merged ticket's thread lives in the other ticket: it stays closed.
            return Err(AppError::Conflict);
        }
        if u.state != ticket.state() {
            set_state_row(c, ticket, u.state, now)?;
            email_requester(
                c,
                now,
                ticket,
                "ticket.state",
                super::csat::mail_extra(key, ticket, u.state),
            )?;
            audit::record(
                c,
                now,
                &actor,
                "ticket.state",
                "ticket",
                &ticket.id,
                &format!("{} {} -> {}", ticket.number, ticket.state, u.state.key()),
            )?;
            changed = true;
        }
        if u.priority != ticket.priority() {
            diesel::update(t::table.find(&ticket.id))
                .set(t::priority.eq(u.priority.key()))
                .execute(c)?;
            audit::record(
                c,
                now,
                &actor,
                "ticket.priority",
                "ticket",
                &ticket.id,
                &format!(
                    "{} {} -> {}",
                    ticket.number,
                    ticket.priority,
                    u.priority.key()
                ),
            )?;
            changed = true;
        }
        if u.assignee != ticket.assignee_id {
            diesel::update(t::table.find(&ticket.id))
                .set(t::assignee_id.eq(&u.assignee))
                .execute(c)?;
            audit::record(
                c,
                now,
                &actor,
                "ticket.assigned",
                "ticket",
                &ticket.id,
                &format!("{} {}", ticket.number, u.assignee.as_deref().unwrap_or("-")),
            )?;
            changed = true;
        }
        if u.state != ticket.state() || u.priority != ticket.priority() {
            sla::apply(c, ticket, u.priority, &[sla::Event::State(u.state)], now)?;
        }
        Ok(changed)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeError {
    Same,
    TargetMissing,
    AlreadyMerged,
    TargetClosed,
    OtherRequester,
}

impl MergeError {
    pub fn fluent_id(self) -> &'static str {
        match self {
            MergeError::Same => "ticket-merge-error-same",
            MergeError::TargetMissing => "ticket-merge-error-missing",
            MergeError::AlreadyMerged => "ticket-merge-error-merged",
            MergeError::TargetClosed => "ticket-merge-error-closed",
            MergeError::OtherRequester => "ticket-merge-error-requester",
        }
    }
}

/// Merges ticket `source` into the ticket numbered `target`: the thread, its attachments, search
/// terms and visitor links move; `source` is closed and points at `target`; the requester is told.
pub fn merge(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    source_id: &str,
    target_number: &str,
    staff: &User,
    ip: &str,
) -> Result<Result<String, MergeError>, AppError> {
    db::write(conn, |c| {
        let source = model::by_id(c, source_id)?.ok_or(AppError::NotFound)?;
        let Some(target) = model::by_number(c, target_number)? else {
            return Ok(Err(MergeError::TargetMissing));
        };
        if target.id == source.id {
            return Ok(Err(MergeError::Same));
        }
        if source.merged_into.is_some() || target.merged_into.is_some() {
            return Ok(Err(MergeError::AlreadyMerged));
        }
        if target.state() == State::Closed {
            return Ok(Err(MergeError::TargetClosed));
        }
        if !source.same_requester(&target) {
            return Ok(Err(MergeError::OtherRequester));
        }
        diesel::update(tm::table.filter(tm::ticket_id.eq(&source.id)))
            .set(tm::ticket_id.eq(&target.id))
            .execute(c)?;
        super::search::move_terms(c, &source.id, &target.id)?;
        diesel::update(iq::table.filter(iq::ticket_id.eq(&source.id)))
            .set(iq::ticket_id.eq(&target.id))
            .execute(c)?;
        diesel::update(tk::table.filter(tk::ticket_id.eq(&source.id)))
            .set(tk::ticket_id.eq(&target.id))
            .execute(c)?;
        insert_message(
            c,
            &NewMessage {
                ticket_id: &target.id,
                kind: "merge",
                author: None,
                name: "",
                internal: false,
                body: &source.number,
            },
            now,
        )?;
        diesel::update(t::table.find(&source.id))
            .set((
                t::state.eq(State::Closed.key()),
                t::merged_into.eq(&target.id),
                t::updated_at.eq(now),
            ))
            .execute(c)?;
        sla::apply(
            c,
            &source,
            source.priority(),
            &[sla::Event::State(State::Closed)],
            now,
        )?;
        let reopen = match target.state() {
            State::Resolved => State::Open,
            s => s,
        };
        diesel::update(t::table.find(&target.id))
            .set((
                t::state.eq(reopen.key()),
                t::updated_at.eq(now),
                t::customer_at.eq(target.customer_at.max(source.customer_at)),
            ))
            .execute(c)?;
        if reopen != target.state() {
            sla::apply(
                c,
                &target,
                target.priority(),
                &[sla::Event::State(reopen)],
                now,
            )?;
        }
        // The source's requester is told; their link to it leads on to the merged thread.
        email_requester(
            c,
            now,
            &source,
            "ticket.merged",
            json!({"target": target.number}),
        )?;
        audit::record(
            c,
            now,
            &Actor::staff(&staff.id, ip),
            "ticket.merged",
            "ticket",
            &source.id,
            &format!("{} -> {}", source.number, target.number),
        )?;
        Ok(Ok(target.number))
    })
}

/// Closes tickets resolved more than `days` days ago, telling each requester. Run by the
/// background worker; returns how many it closed.
pub fn auto_close(conn: &mut DbConn, now: PrimitiveDateTime, days: i64) -> Result<usize, AppError> {
    let cutoff = now - Duration::days(days);
    let due: Vec<String> = t::table
        .filter(t::state.eq(State::Resolved.key()))
        .filter(t::resolved_at.le(cutoff))
        .select(t::id)
        .limit(200)
        .load(conn)?;
    let mut closed = 0;
    for id in due {
        closed += db::write(conn, |c| -> Result<usize, AppError> {
            // Only if still resolved: a reply in between re-opened it.
            let n = diesel::update(
                t::table
                    .find(&id)
                    .filter(t::state.eq(State::Resolved.key()))
                    .filter(t::resolved_at.le(cutoff)),
            )
            .set((t::state.eq(State::Closed.key()), t::updated_at.eq(now)))
            .execute(c)?;
            if n == 1 {
                let ticket = model::by_id(c, &id)?.ok_or(AppError::NotFound)?;
                // The pause that began at the resolution ends: nothing is due any more.
                diesel::update(t::table.find(&ticket.id))
                    .set((
                        t::paused_at.eq(None::<PrimitiveDateTime>),
                        t::due_at.eq(None::<PrimitiveDateTime>),
                    ))
                    .execute(c)?;
                email_requester(c, now, &ticket, "ticket.state", json!({"state": "closed"}))?;
                audit::record(
                    c,
                    now,
                    &Actor {
                        id: None,
                        kind: "system",
                        ip: "",
                    },
                    "ticket.auto_closed",
                    "ticket",
                    &ticket.id,
                    &ticket.number,
                )?;
            }
            Ok(n)
        })?;
    }
    Ok(closed)
}

/// A canned reply as staff admins write it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CannedForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub title_sv: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub body_sv: String,
    #[serde(default)]
    pub body_en: String,
    /// `save` or `delete`.
    #[serde(default)]
    pub action: String,
}

impl CannedForm {
    pub fn check(&self) -> Result<(), crate::web::form::Errors> {
        use crate::web::form::{err, text};
        let mut e = vec![];
        text(&mut e, "title_sv", &self.title_sv, true);
        text(&mut e, "title_en", &self.title_en, true);
        for (field, v) in [("body_sv", &self.body_sv), ("body_en", &self.body_en)] {
            if v.trim().is_empty() {
                err(&mut e, field, "form-error-required");
            } else if v.chars().count() > super::MAX_BODY {
                err(&mut e, field, "form-error-too-long");
            } else if v.contains('\0') {
                err(&mut e, field, "form-error-control");
            }
        }
        if e.is_empty() { Ok(()) } else { Err(e) }
    }
}

/// Creates (`id` None) or updates a canned reply; audited.
pub fn save_canned(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    id: Option<&str>,
    f: &CannedForm,
    staff: &User,
    ip: &str,
) -> Result<String, AppError> {
    db::write(conn, |c| {
        let values = (
            cr::title_sv.eq(f.title_sv.trim()),
            cr::title_en.eq(f.title_en.trim()),
            cr::body_sv.eq(f.body_sv.trim()),
            cr::body_en.eq(f.body_en.trim()),
            cr::updated_at.eq(now),
        );
        let (id, action) = match id {
            Some(id) => {
                let n = diesel::update(cr::table.find(id)).set(values).execute(c)?;
                if n == 0 {
                    return Err(AppError::NotFound);
                }
                (id.to_owned(), "canned.updated")
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                diesel::insert_into(cr::table)
                    .values((cr::id.eq(&id), values))
                    .execute(c)?;
                (id, "canned.created")
            }
        };
        audit::record(
            c,
            now,
            &Actor::staff(&staff.id, ip),
            action,
            "canned_reply",
            &id,
            f.title_sv.trim(),
        )?;
        Ok(id)
    })
}

pub fn delete_canned(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    id: &str,
    staff: &User,
    ip: &str,
) -> Result<bool, AppError> {
    db::write(conn, |c| {
        let n = diesel::delete(cr::table.find(id)).execute(c)?;
        if n > 0 {
            audit::record(
                c,
                now,
                &Actor::staff(&staff.id, ip),
                "canned.deleted",
                "canned_reply",
                id,
                "",
            )?;
        }
        Ok(n > 0)
    })
}
