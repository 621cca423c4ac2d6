//! The staff's ticket queue: its filters, its orders and its pages. Pages are found by keyset
//! (a cursor naming the ticket a page starts after or ends before, by its place in the order),
//! never by counting rows off: a deep page costs what the first does, and a link to the next
//! page shows the same tickets however many arrive in the meantime.

use std::collections::BTreeSet;

use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};
use time::PrimitiveDateTime;

use super::model::Summary;
use super::search::{SearchIndex, WordFilter, upper};
use super::{Priority, State};
use crate::db::schema::{ticket_terms as tt, tickets as t};
use crate::db::{CacheIf, Condition, DbConn, ExplainPlan, LimitLiteral, on_backend};
use crate::error::AppError;

/// The staff queue's filters. Empty strings match everything; `state` empty means the active
/// states and `all` every state.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub category: String,
    /// `mine`, `unassigned` or a staff member's id.
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub priority: String,
    #[serde(default)]
    pub q: String,
    /// `text`: the search's words looked for in the tickets' text even when they are an
    /// organisation's name (which otherwise lists its tickets, see `search::organisations_named`).
    #[serde(default)]
    pub scope: String,
    /// `activity` (last activity first, the default), `oldest`, `newest` or `due` (the next
    /// response target first).
    #[serde(default)]
    pub sort: String,
    /// `late`: only tickets whose running target has passed.
    #[serde(default)]
    pub due: String,
    /// The page after this place in the order (see [`Cursor`]).
    #[serde(default)]
    pub after: String,
    /// The page before this place in the order.
    #[serde(default)]
    pub before: String,
}

impl Filter {
    /// The filter's query string, with `paging` (`("after", cursor)` or none): the pager's
    /// links and the bulk form's way back.
    pub fn query(&self, paging: Option<(&str, &str)>) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![];
        for (k, v) in [
            ("state", &self.state),
            ("category", &self.category),
            ("assignee", &self.assignee),
            ("priority", &self.priority),
            ("q", &self.q),
            ("scope", &self.scope),
            ("sort", &self.sort),
            ("due", &self.due),
        ] {
            if !v.is_empty() {
                pairs.push((k, v));
            }
        }
        pairs.extend(paging);
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// `path` with the filter's query and `paging`, if any.
    pub fn link(&self, path: &str, paging: Option<(&str, &str)>) -> String {
        match self.query(paging) {
            q if q.is_empty() => path.to_owned(),
            q => format!("{path}?{q}"),
        }
    }

    /// The query string of the page shown: its own cursor kept.
    pub fn query_here(&self) -> String {
        if !self.after.is_empty() {
            self.query(Some(("after", &self.after)))
        } else if !self.before.is_empty() {
            self.query(Some(("before", &self.before)))
        } else {
            self.query(None)
        }
    }
}

pub const PAGE: i64 = 50;

/// Tickets not yet resolved or closed, as SQL text (see `queue`); a test holds it to the state
/// keys. The partial indexes on active tickets are defined with the same text.
const ACTIVE: &str = "tickets.state NOT IN ('resolved', 'closed')";

/// Why a filter was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadFilter {
    State,
    Category,
    Priority,
    Sort,
    Due,
    Cursor,
    Scope,
}

/// A place in the queue's order: the part of the order (the "due" order has two: tickets with a
/// running target, then the rest), the ticket's sort key in it and its number, which breaks
/// ties. Written as `<unix nanoseconds>_<number>`, with a `u` before the undated part's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub part: usize,
    pub key: PrimitiveDateTime,
    pub number: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        let nanos = self.key.assume_utc().unix_timestamp_nanos();
        let part = if self.part == 1 { "u" } else { "" };
        format!("{part}{nanos}_{}", self.number)
    }

    pub fn parse(s: &str) -> Option<Cursor> {
        let (k, n) = s.split_once('_')?;
        let number = super::parse_number(n)?;
        let (part, k) = match k.strip_prefix('u') {
            Some(k) => (1, k),
            None => (0, k),
        };
        // Digits only (`parse` would take a sign too): the cursor is the portal's own text.
        if k.is_empty() || k.len() > 20 || !k.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let at = time::OffsetDateTime::from_unix_timestamp_nanos(k.parse().ok()?).ok()?;
        Some(Cursor {
            part,
            key: PrimitiveDateTime::new(at.date(), at.time()),
            number,
        })
    }
}

/// One page of the queue, with the cursors of its neighbours.
pub struct QueuePage {
    pub rows: Vec<Summary>,
    /// The page before, as `before=` cursor text; none on the first page.
    pub prev: Option<String>,
    /// The page after, as `after=` cursor text; none on the last.
    pub next: Option<String>,
    /// The organisations (id, name) whose name the search is: their tickets are listed, unless
    /// the filter's scope is the text.
    pub named: Vec<(String, String)>,
    /// The rows are the named organisations' tickets (not the tickets with the words).
    pub by_name: bool,
}

/// One page of the queue: at most [`PAGE`] tickets. Text search narrows by the folded words'
/// prefixes (all must match), or by the ticket number when the search is one.
pub fn queue(
    conn: &mut DbConn,
    f: &Filter,
    me: &str,
    index: &SearchIndex,
    now: PrimitiveDateTime,
) -> Result<Result<QueuePage, BadFilter>, AppError> {
    let plan = match plan_queue(conn, f, me, index)? {
        Ok(plan) => plan,
        Err(bad) => return Ok(Err(bad)),
    };
    let mut plan = plan;
    let mut rows = fetch(conn, &plan, now, None)?;
    if matches!(plan.paging, Paging::Before(_)) && rows.len() as i64 <= PAGE {
        // Back at the start (or a cursor from before the first ticket): the first page, whole,
        // rather than a short page with a "previous" link to nothing.
        plan.paging = Paging::First;
        rows = fetch(conn, &plan, now, None)?;
    }
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    if matches!(plan.paging, Paging::Before(_)) {
        rows.reverse();
    }
    let key = |s: &Summary| plan.sort.place(s);
    let (prev, next) = match &plan.paging {
        Paging::First => (None, more.then(|| rows.last().map(key)).flatten()),
        Paging::After(_) => (
            rows.first().map(key),
            more.then(|| rows.last().map(key)).flatten(),
        ),
        Paging::Before(_) => (rows.first().map(key), rows.last().map(key)),
    };
    Ok(Ok(QueuePage {
        rows,
        prev: prev.map(|c| c.encode()),
        next: next.map(|c| c.encode()),
        by_name: plan.organisations(),
        named: plan.named,
    }))
}

/// The plans of the statements the queue runs for `f` (each part of the order, on the first
/// page or past the cursor): for the tests that fail on a full scan.
pub fn explain(
    conn: &mut DbConn,
    f: &Filter,
    me: &str,
    index: &SearchIndex,
    now: PrimitiveDateTime,
) -> Result<Result<Vec<String>, BadFilter>, AppError> {
    let plan = match plan_queue(conn, f, me, index)? {
        Ok(plan) => plan,
        Err(bad) => return Ok(Err(bad)),
    };
    let mut plans = vec![];
    fetch(conn, &plan, now, Some(&mut plans))?;
    Ok(Ok(plans))
}

/// `tickets.<column> = '<key>'`, for a key of the portal's own (letters and dashes only: a test
/// holds every state, category and priority key to that).
fn key_is(column: &str, key: &'static str) -> String {
    debug_assert!(key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
    format!("tickets.{column} = '{key}'")
}

/// At most `PAGE + 1` rows from the plan's place, in the plan's order (reversed when paging
/// backwards). The "due" order is two parts, each read from its own index: tickets with a
/// running target by due time, then the rest oldest first.
fn fetch(
    conn: &mut DbConn,
    plan: &QueuePlan,
    now: PrimitiveDateTime,
    mut plans: Option<&mut Vec<String>>,
) -> Result<Vec<Summary>, AppError> {
    // Built and run on the backend's own connection (see db::on_backend): a boxed statement's
    // SQL is written out on every run, and the multi-backend connection would write it thrice.
    let (kept_max, sqlite) = match conn {
        DbConn::Sqlite(_) => (KEPT_MAX, true),
        DbConn::Pg(_) => (KEPT_MAX_PG, false),
    };
    // A state and a category without a priority: SQLite would read every ticket of the pair
    // through the index led by all three (000044) and sort them (7,600 tickets, 20 ms at
    // 1,000,000) rather than walk the state's index in order. `+` keeps the category out of the
    // index choice; PostgreSQL weighs the limit and needs no such help (and has no unary `+`
    // for text).
    let unindexed_category =
        sqlite && plan.priority.is_none() && matches!(plan.state, StateFilter::Is(_));
    let ids_first = !sqlite && plan.walks_signed_index();
    Ok(on_backend!(conn, |c| {
        let filtered = || {
            let mut q = t::table.select(Summary::as_select()).into_boxed();
            // The state, category and priority are written into the statement, not bound: they
            // are the portal's own keys (checked in plan_queue), few, and with the value in the
            // text both planners see how many tickets it has ("new" few, "closed" most) and pick
            // the index by it; bound, SQLite's planner took every value for the average.
            match plan.state {
                StateFilter::Active => q = q.filter(Condition::new(ACTIVE)),
                StateFilter::All => {}
                StateFilter::Is(s) => q = q.filter(Condition::new(key_is("state", s))),
            }
            if let Some(c) = plan.category {
                let test = key_is("category", c);
                q = q.filter(Condition::new(if unindexed_category {
                    format!("+{test}")
                } else {
                    test
                }));
            }
            if let Some(p) = plan.priority {
                q = q.filter(Condition::new(key_is("priority", p)));
            }
            match &plan.assignee {
                AssigneeFilter::Any => {}
                AssigneeFilter::Nobody => q = q.filter(t::assignee_id.is_null()),
                AssigneeFilter::Is(id) => q = q.filter(t::assignee_id.eq(id.clone())),
            }
            if let Some(n) = &plan.number {
                q = q.filter(t::number.eq(n.clone()));
            }
            // One organisation (the usual case) by equality: PostgreSQL then reads its tickets
            // in the order of its index, where a list leaves them to be sorted.
            match plan.named.as_slice() {
                _ if !plan.organisations() => {}
                [(id, _)] => q = q.filter(t::organisation_id.eq(id.clone())),
                named => {
                    let ids: Vec<String> = named.iter().map(|(id, _)| id.clone()).collect();
                    q = q.filter(crate::db::AnyOf::new(t::organisation_id, &ids));
                }
            }
            if plan.late {
                q = q.filter(t::due_at.le(now));
            }
            // A word's set first (see WordFilter::Member): SQLite tests a statement's terms in
            // their order, and a probe of the set lets go of all but the few tickets in it, where
            // the signature, a function call, passes most (an organisation's words are on 70%).
            for w in &plan.words {
                if let WordFilter::Member(w) = w {
                    q = q.filter(MemberOf::new(w));
                }
            }
            if let Some(mask) = &plan.sig {
                q = q.filter(crate::db::sig::sig_has(t::terms_sig, mask.clone()));
            }
            for w in &plan.words {
                q = match w {
                    WordFilter::Postings(w) => q.filter(
                        t::id.eq_any(
                            tt::table
                                .filter(tt::term.ge(w.clone()))
                                .filter(tt::term.lt(upper(w)))
                                .select(tt::ticket_id),
                        ),
                    ),
                    WordFilter::Member(_) => q,
                    WordFilter::Gather { rare, query } => q.filter(VectorGather {
                        rare: rare.clone(),
                        query: query.clone(),
                    }),
                    WordFilter::Walk { bits, query, .. } => q.filter(VectorWalk {
                        bits: bits.clone(),
                        query: query.clone(),
                    }),
                    WordFilter::Exists(w) => q.filter(diesel::dsl::exists(
                        tt::table
                            .filter(tt::ticket_id.eq(t::id))
                            .filter(tt::term.ge(w.clone()))
                            .filter(tt::term.lt(upper(w))),
                    )),
                };
            }
            q
        };
        let (cursor, back) = match &plan.paging {
            Paging::First => (None, false),
            Paging::After(c) => (Some(c), false),
            Paging::Before(c) => (Some(c), true),
        };
        let parts = plan.sort.order();
        // Paging backwards walks the parts in reverse, and the parts wholly behind the
        // cursor (in the walking direction) hold nothing.
        let here = cursor.map_or(0, |c| c.part);
        let mut walk: Vec<(usize, &Part)> = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| cursor.is_none() || if back { *i <= here } else { *i >= here })
            .collect();
        if back {
            walk.reverse();
        }
        let mut rows: Vec<Summary> = vec![];
        for (
            i,
            &Part {
                column,
                desc,
                dated,
            },
        ) in walk
        {
            let mut q = filtered();
            match dated {
                Some(true) => q = q.filter(t::due_at.is_not_null()),
                Some(false) => q = q.filter(t::due_at.is_null()),
                None => {}
            }
            // Ascending in the walk: the queue's own ascending order, or a descending one walked
            // backwards.
            let forward = desc == back;
            if let Some(c) = cursor.filter(|c| c.part == i) {
                q = q.filter(Beyond {
                    column: column.sql(),
                    forward,
                    key: c.key,
                    number: c.number.clone(),
                });
            }
            // Real columns, not SQL text: diesel keeps a statement prepared only when every
            // part of it is, and `dsl::sql` is not (preparing the queue's statement anew cost
            // about a twentieth of a queue page).
            macro_rules! ordered {
                ($q:expr) => {
                    match (column, forward) {
                        (Key::Updated, true) => $q.order((t::updated_at.asc(), t::number.asc())),
                        (Key::Updated, false) => $q.order((t::updated_at.desc(), t::number.desc())),
                        (Key::Created, true) => $q.order((t::created_at.asc(), t::number.asc())),
                        (Key::Created, false) => $q.order((t::created_at.desc(), t::number.desc())),
                        (Key::Due, true) => $q.order((t::due_at.asc(), t::number.asc())),
                        (Key::Due, false) => $q.order((t::due_at.desc(), t::number.desc())),
                    }
                };
            }
            let q = if ids_first {
                let ids = ordered!(q.select(t::id));
                let rows = t::table.select(Summary::as_select()).into_boxed();
                ordered!(rows.filter(IdsFirst { ids }))
            } else {
                ordered!(q)
            };
            let keep = plan
                .shape(i, forward, cursor.is_some_and(|c| c.part == i))
                .is_some_and(|shape| kept(&shape, kept_max, plan.searches()));
            let q = CacheIf::new(LimitLiteral::<_, { PAGE as u32 + 1 }>::new(q), keep);
            match plans.as_deref_mut() {
                Some(plans) => plans.extend(c.plan_of(&q)?),
                None => rows.extend(q.load::<Summary>(c)?),
            }
            if rows.len() as i64 > PAGE {
                break;
            }
        }
        rows.truncate(PAGE as usize + 1);
        QueryResult::Ok(rows)
    })?)
}

/// The shapes of the queue's statement kept prepared, first come: the filters are written into
/// its text, so every combination a person can pick is a statement of its own. The first shapes
/// asked are the ones asked most.
static KEPT: std::sync::Mutex<BTreeSet<String>> = std::sync::Mutex::new(BTreeSet::new());

/// At most this many shapes stay prepared on SQLite, where a prepared statement lives in the
/// portal: some 5 kB each on each pooled connection (on the scale benchmark's 1,262
/// combinations, all of them took the portal from 48 to 64 MiB). Preparing one anew costs
/// about a twentieth of a queue page.
const KEPT_MAX: usize = 64;

/// On PostgreSQL a prepared statement's plan lives in the server, some 56 kB of its memory on
/// each connection that ran it (1,262 shapes: 7 → 77 MB a connection), and the portal keeps
/// its name and text. An unprepared one is parsed and planned on every run, and planning over
/// the tickets' many indexes cost PostgreSQL more than running it: with the filter pages asked
/// past the first 64 shapes, PostgreSQL's time fell by some 38% once they stayed prepared
/// (issue 24). A desk uses a few dozen combinations; the bound keeps a sweep through all of
/// them from taking more than some 57 MB of the server a connection.
const KEPT_MAX_PG: usize = 1024;

/// The shapes of searches kept prepared, apart from [`KEPT`]: a sweep through the filters
/// (the scale benchmark asks all 1,262 first) would otherwise leave no room for the searches,
/// which staff type all day. A search's shape is its filters and the kind of each word's test
/// (on PostgreSQL, how many bits its signature tests), so a desk's searches come in few.
static KEPT_SEARCHES: std::sync::Mutex<BTreeSet<String>> = std::sync::Mutex::new(BTreeSet::new());

/// At most this many search shapes stay prepared, on either backend (see [`KEPT_MAX`] and
/// [`KEPT_MAX_PG`] for what one costs).
const KEPT_SEARCHES_MAX: usize = 64;

/// Whether the statement of this shape stays prepared (see [`KEPT`], [`KEPT_SEARCHES`]), at
/// most `max` filter shapes and [`KEPT_SEARCHES_MAX`] search shapes.
fn kept(shape: &str, max: usize, search: bool) -> bool {
    let (set, max) = if search {
        (&KEPT_SEARCHES, KEPT_SEARCHES_MAX)
    } else {
        (&KEPT, max)
    };
    keep_in(
        &mut set.lock().unwrap_or_else(|e| e.into_inner()),
        shape,
        max,
    )
}

/// Whether `shape` is in `kept`, or is added to it for there being room under `max`.
fn keep_in(kept: &mut BTreeSet<String>, shape: &str, max: usize) -> bool {
    if kept.contains(shape) {
        return true;
    }
    if kept.len() < max {
        kept.insert(shape.to_owned());
        return true;
    }
    false
}

/// What the queue's statement filters on, checked and with the search's words looked up.
struct QueuePlan {
    state: StateFilter,
    category: Option<&'static str>,
    priority: Option<&'static str>,
    assignee: AssigneeFilter,
    number: Option<String>,
    /// The organisations whose name the search is (see [`QueuePage::named`]).
    named: Vec<(String, String)>,
    /// Their tickets are listed, not the tickets with the search's words.
    by_name: bool,
    words: Vec<WordFilter>,
    /// The bits a ticket's signature must have to hold every search word (SQLite, see
    /// `db::sig`): tested on the index entry, before any word is looked up.
    sig: Option<Vec<u8>>,
    sort: Sort,
    /// Only tickets whose running target has passed.
    late: bool,
    paging: Paging,
}

impl QueuePlan {
    /// Whether the statement lists the named organisations' tickets.
    fn organisations(&self) -> bool {
        self.by_name && !self.named.is_empty()
    }

    /// Whether this is a search whose page lies far along one of the four indexes that carry
    /// the ticket's id and signature (every state or the active ones, by activity or creation,
    /// nothing else chosen; see `search::walk_is_far`): on PostgreSQL such a walk reads the ids
    /// from the index alone and the page's rows after it (see [`IdsFirst`]).
    fn walks_signed_index(&self) -> bool {
        self.words
            .iter()
            .any(|w| matches!(w, WordFilter::Walk { far: true, .. }))
            && matches!(self.state, StateFilter::All | StateFilter::Active)
            && self.category.is_none()
            && self.priority.is_none()
            && matches!(self.assignee, AssigneeFilter::Any)
            && self.number.is_none()
            && !self.organisations()
            && !self.late
            && matches!(self.sort, Sort::Activity | Sort::Oldest | Sort::Newest)
    }

    /// Whether this is a search (words, a ticket number or an organisation's name), whose
    /// shapes are kept apart from the filters' (see [`KEPT_SEARCHES`]).
    fn searches(&self) -> bool {
        !self.words.is_empty() || self.number.is_some() || self.organisations()
    }

    /// What makes the SQL text of the statement for part `part` (the bound values aside): the
    /// key of its prepared statement (see [`KEPT`]).
    fn shape(&self, part: usize, forward: bool, cursor: bool) -> Option<String> {
        let state = match self.state {
            StateFilter::Active => "active",
            StateFilter::All => "all",
            StateFilter::Is(s) => s,
        };
        let assignee = match self.assignee {
            AssigneeFilter::Any => "any",
            AssigneeFilter::Nobody => "nobody",
            AssigneeFilter::Is(_) => "one",
        };
        let mut shape = format!(
            "{state} {:?} {:?} {assignee} {} {} {} {:?} {part} {forward} {cursor}",
            self.category,
            self.priority,
            self.number.is_some(),
            // One organisation is an equality, several a list (see `fetch`).
            if self.organisations() {
                self.named.len().min(2)
            } else {
                0
            },
            self.late,
            self.sort,
        );
        if self.sig.is_some() {
            shape.push_str(" sig");
        }
        if self.walks_signed_index() {
            shape.push_str(" ids");
        }
        for w in &self.words {
            match w {
                WordFilter::Postings(_) => shape.push_str(" postings"),
                WordFilter::Member(_) => shape.push_str(" member"),
                WordFilter::Exists(_) => shape.push_str(" exists"),
                // Its text differs only by how many bits it tests.
                WordFilter::Walk { bits, .. } => shape.push_str(&format!(" walk {}", bits.len())),
                WordFilter::Gather { .. } => shape.push_str(" gather"),
            }
        }
        Some(shape)
    }
}

enum Paging {
    First,
    After(Cursor),
    Before(Cursor),
}

enum StateFilter {
    Active,
    All,
    Is(&'static str),
}

enum AssigneeFilter {
    Any,
    Nobody,
    Is(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Activity,
    Oldest,
    Newest,
    Due,
}

/// The column an order part sorts by.
#[derive(Clone, Copy)]
enum Key {
    Updated,
    Created,
    Due,
}

impl Key {
    fn sql(self) -> &'static str {
        match self {
            Key::Updated => "tickets.updated_at",
            Key::Created => "tickets.created_at",
            Key::Due => "tickets.due_at",
        }
    }
}

/// `(column, tickets.number) > (key, number)` (`<` walking backwards), with both values bound:
/// both backends read a row comparison as a range of the index on (column, number). Written by
/// hand rather than with `dsl::sql` so that the statement stays prepared (see `fetch`).
pub(crate) struct Beyond {
    column: &'static str,
    forward: bool,
    key: PrimitiveDateTime,
    number: String,
}

impl Beyond {
    /// Past the ticket with last activity `key` and `number`, walking last activity first: the
    /// organisation page's cursor, on the same index as the queue's.
    pub(crate) fn older_than(key: PrimitiveDateTime, number: &str) -> Beyond {
        Beyond {
            column: Key::Updated.sql(),
            forward: false,
            key,
            number: number.to_owned(),
        }
    }
}

impl diesel::expression::Expression for Beyond {
    type SqlType = Bool;
}

impl<DB> diesel::query_builder::QueryFragment<DB> for Beyond
where
    DB: diesel::backend::Backend
        + diesel::sql_types::HasSqlType<Timestamp>
        + diesel::sql_types::HasSqlType<Text>,
    PrimitiveDateTime: diesel::serialize::ToSql<Timestamp, DB>,
    String: diesel::serialize::ToSql<Text, DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.push_sql("(");
        out.push_sql(self.column);
        out.push_sql(if self.forward {
            ", tickets.number) > ("
        } else {
            ", tickets.number) < ("
        });
        out.push_bind_param::<Timestamp, _>(&self.key)?;
        out.push_sql(", ");
        out.push_bind_param::<Text, _>(&self.number)?;
        out.push_sql(")");
        Ok(())
    }
}

impl diesel::query_builder::QueryId for Beyond {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS> diesel::expression::AppearsOnTable<QS> for Beyond {}

impl<GB> diesel::expression::ValidGrouping<GB> for Beyond {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// What a hand-written condition of the queue needs beside its SQL: a boolean expression on
/// any table, never an aggregate, its statement found by its text; the backend it is not
/// written for refuses it with `why`.
macro_rules! one_backend_condition {
    ($name:ident, refused by $other:ty, $why:literal) => {
        impl diesel::expression::Expression for $name {
            type SqlType = Bool;
        }

        impl diesel::query_builder::QueryFragment<$other> for $name {
            fn walk_ast<'b>(
                &'b self,
                _out: diesel::query_builder::AstPass<'_, 'b, $other>,
            ) -> QueryResult<()> {
                Err(diesel::result::Error::QueryBuilderError($why.into()))
            }
        }

        impl diesel::query_builder::QueryId for $name {
            type QueryId = ();
            const HAS_STATIC_QUERY_ID: bool = false;
        }

        impl<QS> diesel::expression::AppearsOnTable<QS> for $name {}

        impl<GB> diesel::expression::ValidGrouping<GB> for $name {
            type IsAggregate = diesel::expression::is_aggregate::Never;
        }
    };
}

/// `tickets.id IN (ids LIMIT PAGE + 1)`, `ids` the page's tickets' ids in the queue's order.
/// PostgreSQL tests a condition on a row only once it has read it, even where the index holds
/// the columns tested, unless the statement reads nothing but the index: a walk testing each
/// ticket's signature read some 3,000 rows for a page of "serverlicens azure" at 1,000,000
/// tickets. Selecting the ids alone lets it test the signature on the index entries (migration
/// 000045 puts the signature in the four indexes a search walks) and read only the page's rows:
/// 3.7 → 1.9 ms. The limit is written in, as [`LimitLiteral`] does for the statement.
struct IdsFirst<Q> {
    ids: Q,
}

impl<Q> diesel::expression::Expression for IdsFirst<Q> {
    type SqlType = Bool;
}

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for IdsFirst<Q>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.push_sql("tickets.id IN (");
        self.ids.walk_ast(out.reborrow())?;
        out.push_sql(&format!(" LIMIT {})", PAGE + 1));
        Ok(())
    }
}

impl<Q> diesel::query_builder::QueryId for IdsFirst<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, QS> diesel::expression::AppearsOnTable<QS> for IdsFirst<Q> {}

impl<Q, GB> diesel::expression::ValidGrouping<GB> for IdsFirst<Q> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// `+tickets.id IN (the tickets with a word starting with the prefix)`, the prefix bound: SQLite
/// reads the subquery once into a set and, with the `+` keeping the term from driving the
/// statement, walks the queue's order testing each ticket's id against the set (see
/// `search::member_walks`). Written by hand, so the statement stays prepared. SQLite only:
/// PostgreSQL's searches go through its own vectors (`WordFilter::Gather`, `WordFilter::Walk`).
struct MemberOf {
    word: String,
    upper: String,
}

impl MemberOf {
    fn new(word: &str) -> MemberOf {
        MemberOf {
            word: word.to_owned(),
            upper: upper(word),
        }
    }
}

one_backend_condition!(
    MemberOf,
    refused by diesel::pg::Pg,
    "a search set is planned on SQLite only"
);

impl diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for MemberOf {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
    ) -> QueryResult<()> {
        out.push_sql(
            "+tickets.id IN (SELECT ticket_terms.ticket_id FROM ticket_terms \
             WHERE ticket_terms.term >= ",
        );
        out.push_bind_param::<Text, _>(&self.word)?;
        out.push_sql(" AND ticket_terms.term < ");
        out.push_bind_param::<Text, _>(&self.upper)?;
        out.push_sql(")");
        Ok(())
    }
}

/// [`WordFilter::Walk`]: the ticket's signature has each of `bits` (or proves nothing), and
/// its vector a word starting with each search word. Written by hand with both bound, so the
/// statement stays prepared (see [`KEPT_SEARCHES`]). PostgreSQL only.
struct VectorWalk {
    bits: Vec<i64>,
    query: String,
}

one_backend_condition!(
    VectorWalk,
    refused by diesel::sqlite::Sqlite,
    "a vector is searched on PostgreSQL only"
);

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for VectorWalk {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        // The signature before the vector, which PostgreSQL then tests first, as the cheaper
        // condition. NULL (a ticket not signed yet) and a signature of another size prove
        // nothing.
        if !self.bits.is_empty() {
            out.push_sql(&format!(
                "(tickets.terms_sig IS NULL OR octet_length(tickets.terms_sig) <> {} OR (",
                crate::db::sig::BYTES
            ));
            for (i, bit) in self.bits.iter().enumerate() {
                if i > 0 {
                    out.push_sql(" AND ");
                }
                out.push_sql("get_bit(tickets.terms_sig, ");
                out.push_bind_param::<diesel::sql_types::BigInt, _>(bit)?;
                out.push_sql(") = 1");
            }
            out.push_sql(")) AND ");
        }
        // The query read once per run, as an InitPlan: a bare cast of the parameter would parse
        // the text again for every ticket tested (a literal is parsed once, when planned).
        out.push_sql(
            "EXISTS (SELECT 1 FROM ticket_search WHERE ticket_search.ticket_id = tickets.id \
             AND ts_match_vq(ticket_search.terms, (SELECT CAST(",
        );
        out.push_bind_param::<Text, _>(&self.query)?;
        out.push_sql(" AS tsquery))))");
        Ok(())
    }
}

/// How many of the `latest` tickets (by last activity) have every word of a walk, tested as
/// [`VectorWalk`] tests each ticket (see `search::walk_is_far`). The latest are read from the
/// walk index alone, signatures and all, and only those whose signature may hold the words have
/// their vector read. As a semi-join (`tickets.id IN (the latest)`) PostgreSQL tested every
/// vector first: 17.5 ms against 1 at 1,000,000 tickets. PostgreSQL only.
pub(super) fn latest_with_every_word(
    c: &mut diesel::PgConnection,
    latest: i64,
    bits: &[i64],
    query: &str,
) -> QueryResult<i64> {
    LatestWith {
        latest,
        walk: VectorWalk {
            bits: bits.to_vec(),
            query: query.to_owned(),
        },
    }
    .get_result(c)
}

/// The statement of [`latest_with_every_word`]: the walk's condition on the latest tickets,
/// named `tickets` so that [`VectorWalk`] reads them.
struct LatestWith {
    latest: i64,
    walk: VectorWalk,
}

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for LatestWith {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        // Asked once in ten minutes for a set of words: not worth a prepared statement on
        // every connection.
        out.unsafe_to_cache_prepared();
        out.push_sql(&format!(
            "SELECT count(*) FROM (SELECT tickets.id, tickets.terms_sig FROM tickets \
             ORDER BY tickets.updated_at DESC, tickets.number DESC LIMIT {}) AS tickets WHERE ",
            self.latest
        ));
        self.walk.walk_ast(out.reborrow())
    }
}

impl diesel::query_builder::Query for LatestWith {
    type SqlType = diesel::sql_types::BigInt;
}

impl diesel::query_builder::QueryId for LatestWith {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl RunQueryDsl<diesel::PgConnection> for LatestWith {}

/// [`WordFilter::Gather`]: the ticket is among those whose vector has the rare words (read
/// through the GIN index) and a word starting with each search word. An array of their ids,
/// computed once a run, which PostgreSQL reads by the primary key and sorts: written so, a kept
/// plan cannot walk the queue's order instead (with the words bound, the planner cannot tell a
/// rare word from a common one, and a walk for a word on five tickets reads every ticket).
/// PostgreSQL only.
struct VectorGather {
    rare: String,
    query: String,
}

one_backend_condition!(
    VectorGather,
    refused by diesel::sqlite::Sqlite,
    "a vector is searched on PostgreSQL only"
);

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for VectorGather {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        out.push_sql(
            "tickets.id = ANY(ARRAY(SELECT ticket_search.ticket_id FROM ticket_search \
             WHERE ticket_search.terms @@ CAST(",
        );
        out.push_bind_param::<Text, _>(&self.rare)?;
        // The whole query once a run (see VectorWalk).
        out.push_sql(" AS tsquery) AND ts_match_vq(ticket_search.terms, (SELECT CAST(");
        out.push_bind_param::<Text, _>(&self.query)?;
        out.push_sql(" AS tsquery)))))");
        Ok(())
    }
}

/// One part of an order: its column, whether descending, and whether its tickets have a due
/// time (none: whatever they have).
struct Part {
    column: Key,
    desc: bool,
    dated: Option<bool>,
}

impl Sort {
    /// The parts of the order, read one after the other.
    fn order(self) -> &'static [Part] {
        const fn part(column: Key, desc: bool, dated: Option<bool>) -> Part {
            Part {
                column,
                desc,
                dated,
            }
        }
        const ACTIVITY: [Part; 1] = [part(Key::Updated, true, None)];
        const OLDEST: [Part; 1] = [part(Key::Created, false, None)];
        const NEWEST: [Part; 1] = [part(Key::Created, true, None)];
        const DUE: [Part; 2] = [
            part(Key::Due, false, Some(true)),
            part(Key::Created, false, Some(false)),
        ];
        match self {
            Sort::Activity => &ACTIVITY,
            Sort::Oldest => &OLDEST,
            Sort::Newest => &NEWEST,
            Sort::Due => &DUE,
        }
    }

    fn parts(self) -> usize {
        self.order().len()
    }

    /// A ticket's place in this order.
    fn place(self, s: &Summary) -> Cursor {
        let (part, key) = match self {
            Sort::Activity => (0, s.updated_at),
            Sort::Oldest | Sort::Newest => (0, s.created_at),
            Sort::Due => match s.due_at {
                Some(due) => (0, due),
                None => (1, s.created_at),
            },
        };
        Cursor {
            part,
            key,
            number: s.number.clone(),
        }
    }
}

/// Checks the filter and looks the search's words up, for [`queue`].
fn plan_queue(
    conn: &mut DbConn,
    f: &Filter,
    me: &str,
    index: &SearchIndex,
) -> Result<Result<QueuePlan, BadFilter>, AppError> {
    let state = match f.state.as_str() {
        // Written as "not finished" so that the planner walks the queue's order index instead
        // of collecting every active ticket from the state index and sorting them; with the
        // two states in the text, not bound, PostgreSQL keeps one plan for the statement
        // instead of planning it on every run (it cannot tell how selective a bound list is).
        "" => StateFilter::Active,
        "all" => StateFilter::All,
        s => match State::from_key(s) {
            Some(s) => StateFilter::Is(s.key()),
            None => return Ok(Err(BadFilter::State)),
        },
    };
    let category = match f.category.as_str() {
        "" => None,
        c => match super::Category::from_key(c) {
            Some(c) => Some(c.key()),
            None => return Ok(Err(BadFilter::Category)),
        },
    };
    let priority = match f.priority.as_str() {
        "" => None,
        p => match Priority::from_key(p) {
            Some(p) => Some(p.key()),
            None => return Ok(Err(BadFilter::Priority)),
        },
    };
    let assignee = match f.assignee.as_str() {
        "" => AssigneeFilter::Any,
        "mine" => AssigneeFilter::Is(me.to_owned()),
        "unassigned" => AssigneeFilter::Nobody,
        id => AssigneeFilter::Is(id.to_owned()),
    };
    let sort = match f.sort.as_str() {
        "" | "activity" => Sort::Activity,
        "oldest" => Sort::Oldest,
        "newest" => Sort::Newest,
        "due" => Sort::Due,
        _ => return Ok(Err(BadFilter::Sort)),
    };
    let late = match f.due.as_str() {
        "" => false,
        "late" => true,
        _ => return Ok(Err(BadFilter::Due)),
    };
    let cursor = |text: &str| match Cursor::parse(text) {
        Some(c) if c.part < sort.parts() => Ok(c),
        _ => Err(BadFilter::Cursor),
    };
    let paging = match (f.after.as_str(), f.before.as_str()) {
        ("", "") => Paging::First,
        (after, "") => match cursor(after) {
            Ok(c) => Paging::After(c),
            Err(bad) => return Ok(Err(bad)),
        },
        ("", before) => match cursor(before) {
            Ok(c) => Paging::Before(c),
            Err(bad) => return Ok(Err(bad)),
        },
        _ => return Ok(Err(BadFilter::Cursor)),
    };
    let by_name = match f.scope.as_str() {
        "" => true,
        "text" => false,
        _ => return Ok(Err(BadFilter::Scope)),
    };
    let mut plan = QueuePlan {
        state,
        category,
        priority,
        assignee,
        number: None,
        named: vec![],
        by_name,
        words: vec![],
        sig: None,
        sort,
        late,
        paging,
    };
    let search = f.q.trim();
    if let Some(n) = super::parse_number(search) {
        plan.number = Some(n);
        return Ok(Ok(plan));
    }
    plan.named = super::search::organisations_named(conn, search, index)?;
    if plan.organisations() {
        return Ok(Ok(plan));
    }
    plan.words = super::search::flush_then_plan(conn, search, index)?;
    plan.sig =
        crate::db::sig::mask(plan.words.iter().filter_map(WordFilter::word)).map(|m| m.to_vec());
    Ok(Ok(plan))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_so_many_statement_shapes_stay_prepared() {
        for max in [KEPT_MAX, KEPT_MAX_PG] {
            let mut set = BTreeSet::new();
            let first = "test shape 0".to_owned();
            assert!(keep_in(&mut set, &first, max));
            let mut n = 1;
            while keep_in(&mut set, &format!("test shape {n}"), max) {
                n += 1;
                assert!(n <= max, "more than {max} shapes kept");
            }
            assert_eq!(n, max, "every shape kept up to the bound");
            assert!(
                !keep_in(&mut set, "past the bound", max),
                "refused once full"
            );
            assert!(keep_in(&mut set, &first, max), "a kept shape stays kept");
        }
        // The process's own list, shared by every connection, answers alike.
        assert!(kept("test shape in the process", KEPT_MAX, false));
        assert!(kept("test shape in the process", KEPT_MAX, false));
        // Filters that filled their list leave the searches' room alone.
        let mut n = 0;
        while kept(&format!("filter shape {n}"), KEPT_MAX, false) {
            n += 1;
            assert!(n <= KEPT_MAX, "more than {KEPT_MAX} filter shapes kept");
        }
        assert!(kept("a search shape", KEPT_MAX, true));
        assert!(
            !kept("a search shape", KEPT_MAX, false),
            "not a filter's room"
        );
        let mut n = 1;
        while kept(&format!("search shape {n}"), KEPT_MAX, true) {
            n += 1;
            assert!(
                n <= KEPT_SEARCHES_MAX,
                "more than {KEPT_SEARCHES_MAX} searches kept"
            );
        }
        assert_eq!(n, KEPT_SEARCHES_MAX);
    }

    #[test]
    fn the_active_filter_names_the_finished_states() {
        for s in [State::Resolved, State::Closed] {
            assert!(ACTIVE.contains(&format!("'{}'", s.key())), "{}", s.key());
        }
        assert_eq!(ACTIVE.matches('\'').count(), 4, "two states, no more");
    }

    #[test]
    fn keys_written_into_the_statement_are_letters_and_dashes() {
        let keys = State::ALL
            .iter()
            .map(|s| s.key())
            .chain(super::super::Category::ALL.iter().map(|c| c.key()))
            .chain(Priority::ALL.iter().map(|p| p.key()));
        for k in keys {
            assert!(
                !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{k}"
            );
        }
        assert_eq!(key_is("state", "new"), "tickets.state = 'new'");
    }

    #[test]
    fn cursors_read_back_what_they_wrote_and_nothing_else() {
        let at = time::macros::datetime!(2026-11-03 10:05:07.123456789);
        for part in [0, 1] {
            let c = Cursor {
                part,
                key: at,
                number: "D-2026-00042".into(),
            };
            assert_eq!(Cursor::parse(&c.encode()), Some(c));
        }
        let ok = Cursor::parse("u1764849600000000000_d-2026-42").unwrap();
        assert_eq!((ok.part, ok.number.as_str()), (1, "D-2026-00042"));
        for bad in [
            "",
            "_",
            "1_",
            "_D-2026-00001",
            "-5_D-2026-00001",
            "+5_D-2026-00001",
            "x5_D-2026-00001",
            "99999999999999999999999_D-2026-00001",
            "5_D-2026-x",
            "5D-2026-00001",
            "uu5_D-2026-00001",
        ] {
            assert_eq!(Cursor::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_filter_writes_its_query_with_the_paging_asked() {
        let f = Filter {
            state: "open".into(),
            q: "licens å".into(),
            after: "5_D-2026-00001".into(),
            ..Filter::default()
        };
        assert_eq!(f.query(None), "state=open&q=licens+%C3%A5");
        assert_eq!(
            f.query(Some(("before", "7_D-2026-00002"))),
            "state=open&q=licens+%C3%A5&before=7_D-2026-00002"
        );
        assert_eq!(
            f.query_here(),
            "state=open&q=licens+%C3%A5&after=5_D-2026-00001"
        );
    }
}
