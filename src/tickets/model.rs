//! Rows and queries of tickets, their messages, attachments, search terms and canned replies.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use super::csat::Answer;
use super::{Priority, State};
use crate::accounts::model::Organisation;
use crate::db::schema::{
    canned_replies as cr, files, organisations, ticket_attachments as ta, ticket_messages as tm,
    ticket_ratings as tr, ticket_tokens as tk, tickets as t,
};
use crate::db::{DbConn, on_backend};
use crate::error::AppError;

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = t)]
pub struct Ticket {
    pub id: String,
    pub number: String,
    pub organisation_id: Option<String>,
    pub requester_id: Option<String>,
    pub requester_name: String,
    pub requester_email: String,
    pub requester_org: String,
    pub locale: String,
    pub category: String,
    pub subject: String,
    pub state: String,
    pub priority: String,
    pub assignee_id: Option<String>,
    pub order_id: Option<String>,
    pub validation_id: Option<String>,
    pub article_id: Option<String>,
    pub merged_into: Option<String>,
    pub created_at: PrimitiveDateTime,
    pub updated_at: PrimitiveDateTime,
    pub customer_at: PrimitiveDateTime,
    pub resolved_at: Option<PrimitiveDateTime>,
    /// The first answer from staff the requester saw (see `sla`).
    pub first_response_at: Option<PrimitiveDateTime>,
    /// The next pending target while the clock runs; `None` while paused or finished.
    pub due_at: Option<PrimitiveDateTime>,
    pub paused_at: Option<PrimitiveDateTime>,
    pub paused_minutes: i64,
    /// Business minutes to the first answer and to the resolution, as measured then.
    pub response_minutes: Option<i64>,
    pub resolution_minutes: Option<i64>,
    pub response_met: Option<bool>,
    pub resolution_met: Option<bool>,
    /// Which breaches were e-mailed (`sla::BREACH_*` bits).
    pub breaches: i32,
}

impl Ticket {
    pub fn state(&self) -> State {
        State::from_key(&self.state).unwrap_or(State::Open)
    }

    pub fn priority(&self) -> Priority {
        Priority::from_key(&self.priority).unwrap_or(Priority::Normal)
    }

    pub fn locale(&self) -> crate::i18n::Locale {
        crate::i18n::Locale::from_code(&self.locale).unwrap_or(crate::i18n::Locale::Sv)
    }

    /// Tickets of the same requester may be merged: the same organisation, or, for visitors,
    /// the same e-mail address. Anything else would show one requester another's thread.
    pub fn same_requester(&self, other: &Ticket) -> bool {
        match (&self.organisation_id, &other.organisation_id) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self
                .requester_email
                .eq_ignore_ascii_case(&other.requester_email),
            _ => false,
        }
    }
}

/// What a list shows of a ticket: the queue reads only these columns.
#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = t)]
pub struct Summary {
    pub number: String,
    pub subject: String,
    pub state: String,
    pub priority: String,
    pub category: String,
    pub requester_name: String,
    pub requester_org: String,
    pub assignee_id: Option<String>,
    #[diesel(deserialize_as = crate::db::Ts)]
    pub created_at: PrimitiveDateTime,
    #[diesel(deserialize_as = crate::db::Ts)]
    pub updated_at: PrimitiveDateTime,
    #[diesel(deserialize_as = crate::db::Ts)]
    pub customer_at: PrimitiveDateTime,
    #[diesel(deserialize_as = crate::db::OptTs)]
    pub due_at: Option<PrimitiveDateTime>,
    #[diesel(deserialize_as = crate::db::OptTs)]
    pub first_response_at: Option<PrimitiveDateTime>,
    /// The requester's satisfaction answer, kept on the ticket (`tickets.rating`, written with
    /// the answer by `csat::record`) so that a queue page reads it with each row.
    pub rating: Option<String>,
}

impl From<&Ticket> for Summary {
    fn from(t: &Ticket) -> Summary {
        Summary {
            number: t.number.clone(),
            subject: t.subject.clone(),
            state: t.state.clone(),
            priority: t.priority.clone(),
            category: t.category.clone(),
            requester_name: t.requester_name.clone(),
            requester_org: t.requester_org.clone(),
            assignee_id: t.assignee_id.clone(),
            created_at: t.created_at,
            updated_at: t.updated_at,
            customer_at: t.customer_at,
            due_at: t.due_at,
            first_response_at: t.first_response_at,
            // The requester's own list shows no answers.
            rating: None,
        }
    }
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = tm)]
pub struct Message {
    pub id: i64,
    pub ticket_id: String,
    pub author_kind: String,
    pub author_id: Option<String>,
    pub author_name: String,
    pub internal: bool,
    pub body: String,
    pub created_at: PrimitiveDateTime,
}

#[derive(Debug, Clone)]
pub struct Attachment {
    pub message_id: i64,
    pub file_id: String,
    pub name: String,
    pub content_type: String,
    pub size: i64,
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = cr)]
pub struct Canned {
    pub id: String,
    pub title_sv: String,
    pub title_en: String,
    pub body_sv: String,
    pub body_en: String,
    pub updated_at: PrimitiveDateTime,
}

impl Canned {
    pub fn title(&self, l: crate::i18n::Locale) -> &str {
        match l {
            crate::i18n::Locale::Sv => &self.title_sv,
            crate::i18n::Locale::En => &self.title_en,
        }
    }

    pub fn body(&self, l: crate::i18n::Locale) -> &str {
        match l {
            crate::i18n::Locale::Sv => &self.body_sv,
            crate::i18n::Locale::En => &self.body_en,
        }
    }
}

/// A ticket with what the staff ticket page reads with it ([`by_number_with_thread`]).
pub struct Thread {
    pub ticket: Ticket,
    pub org: Option<Organisation>,
    /// The requester's satisfaction answer.
    pub answer: Option<Answer>,
    /// The whole thread, internal notes too, oldest first, each message with its files.
    pub messages: Vec<(Message, Vec<Attachment>)>,
}

/// A ticket by number with its organisation, its satisfaction answer and its whole thread, in
/// one query: the staff ticket page. The ticket comes once per message (and file), which costs
/// less than a second trip to the database (on PostgreSQL a trip costs more than the reading).
pub fn by_number_with_thread(conn: &mut DbConn, number: &str) -> Result<Option<Thread>, AppError> {
    let Some(n) = super::parse_number(number) else {
        return Ok(None);
    };
    type Row = (
        Ticket,
        Option<Organisation>,
        Option<Answer>,
        Option<Message>,
        Option<FileRow>,
    );
    let rows: Vec<Row> = on_backend!(conn, |c| t::table
        .left_join(organisations::table)
        .left_join(tr::table.on(tr::ticket_id.eq(t::id)))
        .left_join(tm::table.on(tm::ticket_id.eq(t::id)))
        .left_join(ta::table.on(ta::message_id.eq(tm::id)))
        .left_join(files::table.on(files::id.nullable().eq(ta::file_id.nullable())))
        .filter(t::number.eq(n))
        .order((
            tm::id.nullable().asc(),
            files::original_name.nullable(),
            files::id.nullable(),
        ))
        .select((
            Ticket::as_select(),
            Option::<Organisation>::as_select(),
            Option::<Answer>::as_select(),
            Option::<Message>::as_select(),
            FILE_COLUMNS.nullable(),
        ))
        .load(c))?;
    let mut rows = rows.into_iter().peekable();
    let Some((ticket, org, answer)) = rows
        .peek()
        .map(|(t, o, a, _, _)| (t.clone(), o.clone(), a.clone()))
    else {
        return Ok(None);
    };
    let messages = fold_thread(rows.filter_map(|(_, _, _, m, f)| Some((m?, f))));
    Ok(Some(Thread {
        ticket,
        org,
        answer,
        messages,
    }))
}

pub fn by_number(conn: &mut DbConn, number: &str) -> Result<Option<Ticket>, AppError> {
    let Some(n) = super::parse_number(number) else {
        return Ok(None);
    };
    Ok(t::table
        .filter(t::number.eq(n))
        .select(Ticket::as_select())
        .first(conn)
        .optional()?)
}

pub fn by_id(conn: &mut DbConn, id: &str) -> Result<Option<Ticket>, AppError> {
    Ok(t::table
        .find(id)
        .select(Ticket::as_select())
        .first(conn)
        .optional()?)
}

/// The id of a ticket's newest message (any author, notes included), if it has one: what the
/// staff reply form compares with the one the agent saw.
pub fn newest_message_id(conn: &mut DbConn, ticket_id: &str) -> Result<Option<i64>, AppError> {
    Ok(tm::table
        .filter(tm::ticket_id.eq(ticket_id))
        .select(diesel::dsl::max(tm::id))
        .first(conn)?)
}

/// The tickets with these numbers (canonical form), in no particular order.
pub fn by_numbers(conn: &mut DbConn, numbers: &[String]) -> Result<Vec<Ticket>, AppError> {
    Ok(t::table
        .filter(t::number.eq_any(numbers))
        .select(Ticket::as_select())
        .load(conn)?)
}

/// The ticket a visitor's private link opens (by the token's hash), if the link is known.
pub fn by_token_hash(conn: &mut DbConn, hash: &str) -> Result<Option<Ticket>, AppError> {
    Ok(tk::table
        .inner_join(t::table)
        .filter(tk::token_hash.eq(hash))
        .select(Ticket::as_select())
        .first(conn)
        .optional()?)
}

/// Up to `limit` of an organisation's tickets from `offset` on, last activity first (merged ones
/// are not listed: their thread lives on in the ticket they were merged into).
pub fn of_organisation(
    conn: &mut DbConn,
    org: &str,
    offset: i64,
    limit: i64,
) -> Result<Vec<Ticket>, AppError> {
    Ok(t::table
        .filter(t::organisation_id.eq(org))
        .filter(t::merged_into.is_null())
        .order((t::updated_at.desc(), t::number.desc()))
        .offset(offset)
        .limit(limit)
        .select(Ticket::as_select())
        .load(conn)?)
}

/// What the organisation page lists of a ticket: a link and its state, with the cursor's key.
#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = t)]
pub struct OrgTicket {
    pub number: String,
    pub subject: String,
    pub state: String,
    #[diesel(deserialize_as = crate::db::Ts)]
    pub updated_at: PrimitiveDateTime,
}

/// Up to `N` of an organisation's tickets, last activity first, after `after` (a ticket's last
/// activity and number) in that order: a walk of the `tickets_organisation` index from the cursor
/// on, as cheap on the hundredth page as on the first. `N` is written into the statement and the
/// cursor bound (`LimitLiteral`, `queue::Beyond`), so that both pages stay prepared with one plan:
/// with the limit bound, PostgreSQL planned the statement anew on every view.
pub fn of_organisation_after<const N: u32>(
    conn: &mut DbConn,
    org: &str,
    after: Option<(PrimitiveDateTime, &str)>,
) -> Result<Vec<OrgTicket>, AppError> {
    // On the backend's own connection (see db::on_backend), and only the columns the page
    // shows: the multi-backend connection wrote the statement's text out on every view, and
    // all 33 columns of 26 tickets were read; together half the page's instructions.
    Ok(crate::db::on_backend!(conn, |c| {
        let mut q = t::table
            .filter(t::organisation_id.eq(org))
            .filter(t::merged_into.is_null())
            .order((t::updated_at.desc(), t::number.desc()))
            .select(OrgTicket::as_select())
            .into_boxed();
        if let Some((at, number)) = after {
            q = q.filter(super::queue::Beyond::older_than(at, number));
        }
        crate::db::LimitLiteral::<_, N>::new(q).load(c)
    })?)
}

/// What the staff ticket page shows of an organisation: its members, validation requests, newest
/// orders and other tickets, read in one query ([`org_overview`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OrgOverview {
    /// Name and e-mail, longest-standing member first.
    pub members: Vec<(String, String)>,
    /// Every validation request, newest first: whether the organisation is validated depends
    /// on each approved one.
    pub requests: Vec<RequestSummary>,
    /// Id and submission time of the newest orders, newest first.
    pub orders: Vec<(String, PrimitiveDateTime)>,
    /// Number, subject and state of other tickets, last activity first.
    pub others: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestSummary {
    pub id: String,
    pub state: String,
    pub submitted_at: PrimitiveDateTime,
    pub valid_from: Option<time::Date>,
    pub valid_to: Option<time::Date>,
}

/// One row of [`org_overview`]'s union: which list it belongs to, then columns shared by all.
type OverviewRow = (
    i32,
    String,
    String,
    Option<String>,
    PrimitiveDateTime,
    Option<time::Date>,
    Option<time::Date>,
);

const OVERVIEW_MEMBER: i32 = 1;
const OVERVIEW_REQUEST: i32 = 2;
const OVERVIEW_ORDER: i32 = 3;
const OVERVIEW_TICKET: i32 = 4;

/// How many of an organisation's newest orders and other tickets [`org_overview`] reads.
pub const OVERVIEW_ITEMS: u32 = 10;

/// An organisation's members, validation requests, newest orders and other tickets than
/// `except`, in one round trip: four short lists as four queries cost the ticket page more in
/// trips to the database than in the reading itself.
pub fn org_overview(conn: &mut DbConn, org: &str, except: &str) -> Result<OrgOverview, AppError> {
    use crate::db::schema::{orders as o, users as u, validation_requests as vr};
    use crate::db::{LimitLiteral, UnionAll};
    use diesel::sql_types::{Date, Integer, Nullable, Text};
    let no_text = || None::<String>.into_sql::<Nullable<Text>>();
    let no_date = || None::<time::Date>.into_sql::<Nullable<Date>>();
    let members = u::table.filter(u::organisation_id.eq(org)).select((
        OVERVIEW_MEMBER.into_sql::<Integer>(),
        u::email,
        u::name,
        no_text(),
        u::created_at,
        no_date(),
        no_date(),
    ));
    let requests = vr::table.filter(vr::organisation_id.eq(org)).select((
        OVERVIEW_REQUEST.into_sql::<Integer>(),
        vr::id,
        vr::state,
        no_text(),
        vr::submitted_at,
        vr::valid_from,
        vr::valid_to,
    ));
    let orders = o::table
        .filter(o::organisation_id.eq(org))
        .order((o::submitted_at.desc(), o::id.desc()))
        .select((
            OVERVIEW_ORDER.into_sql::<Integer>(),
            o::id,
            o::state,
            no_text(),
            o::submitted_at,
            no_date(),
            no_date(),
        ));
    let others = t::table
        .filter(t::organisation_id.eq(org))
        .filter(t::id.ne(except))
        .order((t::updated_at.desc(), t::number.desc()))
        .select((
            OVERVIEW_TICKET.into_sql::<Integer>(),
            t::number,
            t::subject,
            t::state.nullable(),
            t::updated_at,
            no_date(),
            no_date(),
        ));
    let rows: Vec<OverviewRow> = on_backend!(conn, |c| UnionAll(
        UnionAll(members, requests),
        UnionAll(
            LimitLiteral::<_, OVERVIEW_ITEMS>::new(orders),
            LimitLiteral::<_, OVERVIEW_ITEMS>::new(others),
        ),
    )
    .load(c))?;
    Ok(overview_from_rows(rows))
}

/// Sorts the union's rows into their lists, each in its own order (a union keeps none).
fn overview_from_rows(mut rows: Vec<OverviewRow>) -> OrgOverview {
    rows.sort_by(|a, b| {
        let newest_first = a.0 != OVERVIEW_MEMBER;
        a.0.cmp(&b.0).then_with(|| {
            let by_time = (&a.4, &a.1).cmp(&(&b.4, &b.1));
            if newest_first {
                by_time.reverse()
            } else {
                by_time
            }
        })
    });
    let mut out = OrgOverview::default();
    for (kind, key, label, extra, at, from, to) in rows {
        match kind {
            OVERVIEW_MEMBER => out.members.push((label, key)),
            OVERVIEW_REQUEST => out.requests.push(RequestSummary {
                id: key,
                state: label,
                submitted_at: at,
                valid_from: from,
                valid_to: to,
            }),
            OVERVIEW_ORDER => out.orders.push((key, at)),
            _ => out.others.push((key, label, extra.unwrap_or_default())),
        }
    }
    out
}

/// A file of a message: id, name, content type and size.
type FileRow = (String, String, String, i64);

const FILE_COLUMNS: (
    files::id,
    files::original_name,
    files::content_type,
    files::size,
) = (
    files::id,
    files::original_name,
    files::content_type,
    files::size,
);

/// Whether the file is attached to a message of the ticket that its requester sees (not an
/// internal note): the one test for a visitor's download.
pub fn shows_attachment(conn: &mut DbConn, ticket_id: &str, file_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        ta::table
            .inner_join(tm::table)
            .filter(ta::file_id.eq(file_id))
            .filter(tm::ticket_id.eq(ticket_id))
            .filter(tm::internal.eq(false)),
    ))
    .get_result(conn)
}

/// The thread oldest first, with each message's attachments. Internal notes only for staff.
pub fn thread(
    conn: &mut DbConn,
    ticket_id: &str,
    with_internal: bool,
) -> Result<Vec<(Message, Vec<Attachment>)>, AppError> {
    // Messages and their files in one query: a message with several files comes once per
    // file, in order, and is folded back here.
    // One statement for staff and customers (`internal = false OR $2`), found in the prepared
    // cache by its type rather than written out on every run as a boxed query would be.
    let rows: Vec<(Message, Option<FileRow>)> = on_backend!(conn, |c| tm::table
        .left_join(ta::table.on(ta::message_id.eq(tm::id)))
        .left_join(files::table.on(files::id.nullable().eq(ta::file_id.nullable())))
        .filter(tm::ticket_id.eq(ticket_id))
        .filter(
            tm::internal
                .eq(false)
                .or(with_internal.into_sql::<diesel::sql_types::Bool>()),
        )
        .order((
            tm::id.asc(),
            files::original_name.nullable(),
            files::id.nullable(),
        ))
        .select((Message::as_select(), FILE_COLUMNS.nullable()))
        .load(c))?;
    Ok(fold_thread(rows))
}

/// Messages in order, each once per file it has, folded into messages with their files.
fn fold_thread(
    rows: impl IntoIterator<Item = (Message, Option<FileRow>)>,
) -> Vec<(Message, Vec<Attachment>)> {
    let mut out: Vec<(Message, Vec<Attachment>)> = Vec::new();
    for (m, file) in rows {
        if out.last().is_none_or(|(last, _)| last.id != m.id) {
            out.push((m, vec![]));
        }
        if let (Some((id, name, content_type, size)), Some((last, list))) = (file, out.last_mut()) {
            list.push(Attachment {
                message_id: last.id,
                file_id: id,
                name,
                content_type,
                size,
            });
        }
    }
    out
}

pub fn canned_all(conn: &mut DbConn) -> Result<Vec<Canned>, AppError> {
    Ok(cr::table
        .order((cr::title_sv, cr::id))
        .select(Canned::as_select())
        .load(conn)?)
}

pub fn canned(conn: &mut DbConn, id: &str) -> Result<Option<Canned>, AppError> {
    Ok(cr::table
        .find(id)
        .select(Canned::as_select())
        .first(conn)
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overview_sorts_each_list_in_its_own_order() {
        let at = |d: u8| {
            time::Date::from_calendar_date(2026, time::Month::March, d)
                .unwrap()
                .midnight()
        };
        let day = |d: u8| time::Date::from_calendar_date(2026, time::Month::March, d).unwrap();
        let s = |x: &str| x.to_owned();
        // Mixed up as a union may hand them back.
        let rows = vec![
            (
                OVERVIEW_TICKET,
                s("D-2026-00002"),
                s("B"),
                Some(s("open")),
                at(5),
                None,
                None,
            ),
            (
                OVERVIEW_MEMBER,
                s("b@x.se"),
                s("Bo"),
                None,
                at(2),
                None,
                None,
            ),
            (
                OVERVIEW_ORDER,
                s("o1"),
                s("placed"),
                None,
                at(1),
                None,
                None,
            ),
            (
                OVERVIEW_REQUEST,
                s("r1"),
                s("approved"),
                None,
                at(1),
                Some(day(1)),
                Some(day(9)),
            ),
            (
                OVERVIEW_MEMBER,
                s("a@x.se"),
                s("Ann"),
                None,
                at(2),
                None,
                None,
            ),
            (
                OVERVIEW_TICKET,
                s("D-2026-00001"),
                s("A"),
                Some(s("new")),
                at(5),
                None,
                None,
            ),
            (
                OVERVIEW_ORDER,
                s("o2"),
                s("placed"),
                None,
                at(3),
                None,
                None,
            ),
            (
                OVERVIEW_MEMBER,
                s("c@x.se"),
                s("Cid"),
                None,
                at(1),
                None,
                None,
            ),
            (
                OVERVIEW_REQUEST,
                s("r2"),
                s("rejected"),
                None,
                at(4),
                None,
                None,
            ),
            (
                OVERVIEW_TICKET,
                s("D-2026-00003"),
                s("C"),
                Some(s("closed")),
                at(4),
                None,
                None,
            ),
        ];
        let o = overview_from_rows(rows);
        assert_eq!(
            o.members,
            [("Cid", "c@x.se"), ("Ann", "a@x.se"), ("Bo", "b@x.se")].map(|(n, e)| (s(n), s(e)))
        );
        assert_eq!(
            o.requests.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["r2", "r1"]
        );
        assert_eq!(o.requests[1].valid_to, Some(day(9)));
        assert_eq!(o.orders, [(s("o2"), at(3)), (s("o1"), at(1))]);
        assert_eq!(
            o.others,
            [
                (s("D-2026-00002"), s("B"), s("open")),
                (s("D-2026-00001"), s("A"), s("new")),
                (s("D-2026-00003"), s("C"), s("closed")),
            ]
        );
    }
}

/// How a message came by e-mail, for staff: whether its original is still kept (to download as
/// `.eml`), and the attachments not taken, as (file name, reason key of `mail-in-refused-…`).
#[derive(Debug, Clone, Default)]
pub struct Mailed {
    pub has_original: bool,
    pub refused: Vec<(String, String)>,
}

/// The mail the staff ticket page shows, in one statement: the e-mails behind these messages
/// (written by `mail_in::receive`), by message id, and whether `address` bounces (as
/// [`bouncing_of`] says). One statement rather than two: on PostgreSQL each costs a round trip.
pub fn mail_of_thread(
    conn: &mut DbConn,
    message_ids: &[i64],
    address: &str,
) -> Result<(std::collections::HashMap<i64, Mailed>, Option<Bounce>), AppError> {
    use crate::db::schema::{mail_in as mi, mail_in_originals as mo};
    let address = address.trim().to_lowercase();
    /// Message, original kept, refused files, bounced address, received, detail.
    type Row = (
        Option<i64>,
        bool,
        String,
        Option<String>,
        PrimitiveDateTime,
        String,
    );
    // On the backend's own connection (see db::on_backend): the multi-backend one wrote the
    // statement's text out on every view of a ticket, a tenth of the page's instructions.
    let rows: Vec<Row> = on_backend!(conn, |c| mi::table
        .filter(
            mi::message_id
                .eq_any(message_ids)
                .or(mi::bounced_email.eq(&address)),
        )
        .select((
            mi::message_id,
            diesel::dsl::exists(
                mo::table
                    .filter(mo::mail_key.eq(mi::mail_key))
                    .filter(mo::part.eq(0)),
            ),
            mi::refused,
            mi::bounced_email,
            mi::received_at,
            mi::detail,
        ))
        .load(c))?;
    let mut mailed = std::collections::HashMap::new();
    let mut last: std::collections::HashMap<String, Bounce> = std::collections::HashMap::new();
    for (id, has_original, refused, bounced, at, detail) in rows {
        if let Some(id) = id.filter(|id| message_ids.contains(id)) {
            mailed.insert(id, Mailed::new(has_original, &refused));
        }
        if bounced.as_deref() == Some(address.as_str()) {
            keep_newest(&mut last, address.clone(), (at, detail));
        }
    }
    unheard_since(conn, &mut last)?;
    Ok((mailed, last.into_values().next()))
}

impl Mailed {
    /// From the record's columns: `refused` holds one "name<TAB>reason" a line.
    fn new(has_original: bool, refused: &str) -> Mailed {
        let refused = refused
            .lines()
            .filter_map(|l| {
                let (name, why) = l.rsplit_once('\t')?;
                Some((name.to_owned(), why.to_owned()))
            })
            .collect();
        Mailed {
            has_original,
            refused,
        }
    }
}

/// The original e-mail behind message `message_id` of ticket `ticket_id`, while it is kept.
pub fn mail_original(
    conn: &mut DbConn,
    ticket_id: &str,
    message_id: i64,
) -> Result<Option<Vec<u8>>, AppError> {
    use crate::db::schema::{mail_in as mi, mail_in_originals as mo};
    let parts: Vec<Vec<u8>> = mo::table
        .inner_join(mi::table)
        .filter(mi::message_id.eq(message_id))
        .filter(mi::ticket_id.eq(ticket_id))
        .order(mo::part)
        .select(mo::data)
        .load(conn)?;
    Ok((!parts.is_empty()).then(|| parts.concat()))
}

/// A delivery failure: when, and the status code.
pub type Bounce = (PrimitiveDateTime, String);

/// The last delivery failure of mail to each of `addresses` that has one and from which no mail
/// has come since (then it works again), by lowercased address, in two queries: an
/// organisation's members.
pub fn bouncing_of(
    conn: &mut DbConn,
    addresses: &[String],
) -> Result<std::collections::HashMap<String, Bounce>, AppError> {
    use crate::db::schema::mail_in as mi;
    let addresses: Vec<String> = addresses.iter().map(|a| a.trim().to_lowercase()).collect();
    let bounces: Vec<(Option<String>, PrimitiveDateTime, String)> = mi::table
        .filter(mi::bounced_email.eq_any(&addresses))
        .select((mi::bounced_email, mi::received_at, mi::detail))
        .load(conn)?;
    let mut last = std::collections::HashMap::new();
    for (address, at, status) in bounces {
        if let Some(address) = address {
            keep_newest(&mut last, address, (at, status));
        }
    }
    unheard_since(conn, &mut last)?;
    Ok(last)
}

fn keep_newest(last: &mut std::collections::HashMap<String, Bounce>, address: String, b: Bounce) {
    use std::collections::hash_map::Entry;
    match last.entry(address) {
        Entry::Occupied(mut kept) if kept.get().0 < b.0 => {
            kept.insert(b);
        }
        Entry::Occupied(_) => {}
        Entry::Vacant(slot) => {
            slot.insert(b);
        }
    }
}

/// Drops from `last` the addresses mail has come from since their bounce (a second query, only
/// when something bounced).
fn unheard_since(
    conn: &mut DbConn,
    last: &mut std::collections::HashMap<String, Bounce>,
) -> Result<(), AppError> {
    use crate::db::schema::mail_in as mi;
    if last.is_empty() {
        return Ok(());
    }
    let heard: Vec<(String, Option<PrimitiveDateTime>)> = mi::table
        .filter(mi::sender_email.eq_any(last.keys()))
        .group_by(mi::sender_email)
        .select((mi::sender_email, diesel::dsl::max(mi::received_at)))
        .load(conn)?;
    for (address, newest) in heard {
        if let (Some(newest), Some((at, _))) = (newest, last.get(&address))
            && newest > *at
        {
            last.remove(&address);
        }
    }
    Ok(())
}
