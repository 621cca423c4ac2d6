//! The ticket search: the term index (which words each ticket is found by), its writes, the
//! batched flush of queued texts, and the planning of a search's words with the caches that keep
//! common words cheap. The caches live in [`SearchIndex`], held by `AppState`.
//!
//! Writes queue a ticket's text in their own transaction ([`queue`]); [`flush`] turns queued
//! texts into terms in batches, run by the worker every second and by every search first.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::cache::Snapshot;
use crate::db::schema::{ticket_index_queue as iq, ticket_terms as tt, tickets as t};
use crate::db::sig;
use crate::db::{self, DbConn};
use crate::error::AppError;

/// The words a ticket is found by: folded (lower case, å ä ö as a o), at least two characters,
/// at most 40, each once.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = crate::faq::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.chars().take(40).collect())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The words of a search, at most six, each as the prefix it is looked up by: its stem (see
/// [`stem`]), folded.
pub fn query_terms(q: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for t in q
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| {
            crate::faq::fold(&stem(w))
                .chars()
                .take(40)
                .collect::<String>()
        })
    {
        if !out.contains(&t) {
            out.push(t);
        }
        if out.len() == 6 {
            break;
        }
    }
    out
}

/// The stem a search word is looked up by, as a prefix of the indexed words: "licenserna",
/// "licensen" and "licenses" all become "licens", which finds every form of the word (and the
/// compounds it begins), where the word itself as a prefix finds only its own form. The search
/// quality set (`tests/fixtures/search-quality.json`) measured 12 of 30 searches right without
/// stems and 21 with them; ARCHITECTURE.md has the comparison with FTS5 and PostgreSQL.
///
/// Snowball's Swedish stemmer (the algorithm of PostgreSQL's `swedish` configuration) also
/// takes English plurals to their stem. It leaves the neuter definite ending, so "lösenordet"
/// and "kontot" lose it here. A stem under four letters is too short a prefix to narrow by
/// ("licens" would become "lic"): the word itself is used then.
pub fn stem(word: &str) -> String {
    static SWEDISH: std::sync::LazyLock<rust_stemmers::Stemmer> = std::sync::LazyLock::new(|| {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Swedish)
    });
    const MIN: usize = 4;
    let len = |s: &str| s.chars().count();
    let stemmed = SWEDISH.stem(word);
    if stemmed != word {
        return if len(&stemmed) >= MIN {
            stemmed.into_owned()
        } else {
            word.to_owned()
        };
    }
    // The neuter definite: "-et" after a consonant (lösenordet, intyget), "-t" after a vowel
    // (kontot). Only where at least five letters stay, so "budget" and "ticket" keep theirs.
    let chars: Vec<char> = word.chars().collect();
    let vowel = |c: char| "aeiouyåäö".contains(c);
    let cut = match chars.as_slice() {
        [.., c, 'e', 't'] if !vowel(*c) => 2,
        [.., c, 't'] if vowel(*c) && *c != 'e' => 1,
        _ => 0,
    };
    if cut > 0 && chars.len() - cut >= 5 {
        chars[..chars.len() - cut].iter().collect()
    } else {
        word.to_owned()
    }
}

/// Adds (term, ticket) pairs to the index, skipping those already there: rows of
/// `ticket_terms` on SQLite, the tickets' vectors in `ticket_search` on PostgreSQL (migration
/// 000036; ARCHITECTURE.md has why the backends differ here).
pub fn insert_terms(conn: &mut DbConn, pairs: &[(&str, &str)]) -> QueryResult<()> {
    insert(conn, pairs, true)
}

/// [`insert_terms`] without the signatures, for seed-bench, which writes them with the tickets.
pub(super) fn insert_unsigned(conn: &mut DbConn, pairs: &[(&str, &str)]) -> QueryResult<()> {
    insert(conn, pairs, false)
}

fn insert(conn: &mut DbConn, pairs: &[(&str, &str)], signed: bool) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => {
            for chunk in pairs.chunks(500) {
                let rows: Vec<_> = chunk
                    .iter()
                    .map(|(w, id)| (tt::term.eq(*w), tt::ticket_id.eq(*id)))
                    .collect();
                diesel::insert_into(tt::table)
                    .values(&rows)
                    .on_conflict_do_nothing()
                    .execute(c)?;
            }
            // Each ticket's signature gains its new words' bits (see `db::sig`): the walk of a
            // search lets a ticket go by it, so it must hold every word the ticket has.
            if signed {
                let mut sigs: HashMap<&str, sig::Sig> = HashMap::new();
                for (w, id) in pairs {
                    sig::add(sigs.entry(*id).or_insert([0; sig::BYTES]), w);
                }
                for (id, bits) in sigs {
                    // Not written again when it holds them already (a new ticket's).
                    let lacking =
                        t::terms_sig
                            .is_null()
                            .or(sig::sig_has(t::terms_sig, bits.to_vec()).eq(false));
                    diesel::update(t::table.filter(t::id.eq(id)).filter(lacking))
                        .set(t::terms_sig.eq(sig::sig_or(t::terms_sig, bits.to_vec())))
                        .execute(c)?;
                }
            }
        }
        DbConn::Pg(c) => {
            use diesel::sql_types::{Array, Text};
            // One statement per thousand tickets: each ticket's words as one space-separated
            // text (a folded word has no space), made a vector and merged into the ticket's.
            let mut sorted: Vec<(&str, &str)> = pairs.iter().map(|(w, id)| (*id, *w)).collect();
            sorted.sort_unstable();
            sorted.dedup();
            let mut ids: Vec<&str> = vec![];
            let mut words: Vec<String> = vec![];
            for (id, w) in sorted {
                if ids.last() != Some(&id) {
                    ids.push(id);
                    words.push(String::new());
                }
                if let Some(list) = words.last_mut()
                    && list.len() < MAX_VECTOR_TEXT
                {
                    if !list.is_empty() {
                        list.push(' ');
                    }
                    list.push_str(w);
                }
            }
            for (ids, words) in ids.chunks(1000).zip(words.chunks(1000)) {
                if signed {
                    lock_tickets(c, ids)?;
                }
                diesel::sql_query(
                    "INSERT INTO ticket_search (ticket_id, terms) \
                     SELECT id, array_to_tsvector(string_to_array(words, ' ')) \
                     FROM unnest($1::text[], $2::text[]) AS batch (id, words) \
                     ON CONFLICT (ticket_id) DO UPDATE SET terms = CASE \
                       WHEN octet_length(ticket_search.terms::text) < 400000 \
                       THEN ticket_search.terms || EXCLUDED.terms \
                       ELSE ticket_search.terms END",
                )
                .bind::<Array<Text>, _>(ids)
                .bind::<Array<Text>, _>(words)
                .execute(c)?;
                if signed {
                    sign(c, ids)?;
                }
            }
        }
    }
    Ok(())
}

/// Locks the tickets' rows, in one order: on PostgreSQL a transaction that writes tickets'
/// vectors locks their rows first, as a merge or any change of a ticket does, so that writing
/// their signatures after the vectors (see [`sign`]) cannot wait in a circle with one of those.
fn lock_tickets(c: &mut diesel::PgConnection, ids: &[&str]) -> QueryResult<()> {
    diesel::sql_query("SELECT id FROM tickets WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(ids)
        .execute(c)?;
    Ok(())
}

/// Writes the signatures of `ids` (see `db::sig`) from their vectors as they are now: no vector,
/// no bits. PostgreSQL's signature is a function of the ticket's vector, written again in the
/// transaction that changes the vector, after it: the vector's rows stay locked until the
/// commit, so no other writer's words can slip between the reading and the writing. (SQLite
/// ORs new words' bits in instead, as its words are rows, not one value.)
fn sign(c: &mut diesel::PgConnection, ids: &[&str]) -> QueryResult<usize> {
    use diesel::sql_types::{Array, Binary, Text};
    #[derive(QueryableByName)]
    struct Vector {
        #[diesel(sql_type = Text)]
        ticket_id: String,
        #[diesel(sql_type = Array<Text>)]
        words: Vec<String>,
    }
    if ids.is_empty() {
        return Ok(0);
    }
    let vectors: Vec<Vector> = diesel::sql_query(
        "SELECT ticket_id, tsvector_to_array(terms) AS words FROM ticket_search \
         WHERE ticket_id = ANY($1)",
    )
    .bind::<Array<Text>, _>(ids)
    .load(c)?;
    let mut sigs: HashMap<&str, sig::Sig> = ids.iter().map(|id| (*id, [0; sig::BYTES])).collect();
    for v in &vectors {
        if let Some(s) = sigs.get_mut(v.ticket_id.as_str()) {
            *s = sig::of(v.words.iter().map(String::as_str));
        }
    }
    let (ids, sigs): (Vec<&str>, Vec<Vec<u8>>) =
        sigs.into_iter().map(|(id, s)| (id, s.to_vec())).unzip();
    diesel::sql_query(
        "UPDATE tickets SET terms_sig = batch.sig \
         FROM unnest($1::text[], $2::bytea[]) AS batch (id, sig) \
         WHERE tickets.id = batch.id AND tickets.terms_sig IS DISTINCT FROM batch.sig",
    )
    .bind::<Array<Text>, _>(ids)
    .bind::<Array<Binary>, _>(sigs)
    .execute(c)
}

/// Signs up to `limit` tickets that have no signature yet (PostgreSQL: those from before
/// migration 000041, found by its partial index), from their vectors; returns how many. The
/// worker runs it every second until none is left; meanwhile a search tests those tickets'
/// words as it did before (NULL proves nothing). Tickets another instance is signing are
/// skipped. Nothing to do on SQLite, whose migration 000040 signed every ticket.
pub fn sign_unsigned(conn: &mut DbConn, limit: i64) -> Result<usize, AppError> {
    use diesel::sql_types::{BigInt, Text};
    #[derive(QueryableByName)]
    struct Id {
        #[diesel(sql_type = Text)]
        id: String,
    }
    if let DbConn::Sqlite(_) = conn {
        return Ok(0);
    }
    db::write(conn, |c| {
        let DbConn::Pg(c) = c else {
            return Ok(0);
        };
        // Locked first, as indexing locks them (`lock_tickets`): tickets being indexed are
        // skipped here (indexing signs them), and an indexing that comes meanwhile waits until
        // these signatures are written, then writes its own over them.
        let ids: Vec<Id> = diesel::sql_query(
            "SELECT id FROM tickets WHERE terms_sig IS NULL ORDER BY id LIMIT $1 \
             FOR UPDATE SKIP LOCKED",
        )
        .bind::<BigInt, _>(limit)
        .load(c)?;
        let ids: Vec<&str> = ids.iter().map(|i| i.id.as_str()).collect();
        for chunk in ids.chunks(1000) {
            sign(c, chunk)?;
        }
        Ok(ids.len())
    })
}

/// The most text of words one ticket adds to its vector at a time: PostgreSQL refuses a
/// tsvector over 1 MB, so a vector takes new words only while under 400 kB as text, and gets at
/// most this much at once. Only an enormous text (a mailed log file, say) reaches either; its
/// first words (in alphabetical order) are still found.
const MAX_VECTOR_TEXT: usize = 400_000;

/// Takes the tickets' words out of the index (erasure, a ticket's removal), and their bits out
/// of their signatures.
pub fn remove_terms(conn: &mut DbConn, ticket_ids: &[String]) -> QueryResult<()> {
    for chunk in ticket_ids.chunks(500) {
        match conn {
            DbConn::Sqlite(c) => {
                diesel::delete(tt::table.filter(tt::ticket_id.eq_any(chunk))).execute(c)?;
            }
            DbConn::Pg(c) => {
                let ids: Vec<&str> = chunk.iter().map(String::as_str).collect();
                lock_tickets(c, &ids)?;
                diesel::sql_query("DELETE FROM ticket_search WHERE ticket_id = ANY($1)")
                    .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(chunk)
                    .execute(c)?;
            }
        }
        diesel::update(t::table.filter(t::id.eq_any(chunk)))
            .set(t::terms_sig.eq(vec![0u8; sig::BYTES]))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves a ticket's words to another (merging): the ticket it went into is found by them too.
pub fn move_terms(conn: &mut DbConn, from: &str, to: &str) -> QueryResult<()> {
    use diesel::sql_types::Text;
    match conn {
        DbConn::Sqlite(_) => {
            let words: Vec<String> = tt::table
                .filter(tt::ticket_id.eq(from))
                .select(tt::term)
                .load(conn)?;
            let pairs: Vec<(&str, &str)> = words.iter().map(|w| (w.as_str(), to)).collect();
            insert_terms(conn, &pairs)?;
        }
        DbConn::Pg(c) => {
            lock_tickets(c, &[from, to])?;
            diesel::sql_query(
                "INSERT INTO ticket_search (ticket_id, terms) \
                 SELECT $2, terms FROM ticket_search WHERE ticket_id = $1 \
                 ON CONFLICT (ticket_id) DO UPDATE SET terms = CASE \
                   WHEN octet_length(ticket_search.terms::text) < 400000 \
                   THEN ticket_search.terms || EXCLUDED.terms \
                   ELSE ticket_search.terms END",
            )
            .bind::<Text, _>(from)
            .bind::<Text, _>(to)
            .execute(c)?;
            sign(c, &[to])?;
        }
    }
    remove_terms(conn, &[from.to_owned()])
}

/// The signature (see `db::sig`) of the words `texts` will be indexed by, as [`flush`] will make
/// it: a new ticket is written with it, so that indexing it finds its signature already right
/// and need not write the ticket's row again (on PostgreSQL a new version of the row, and an
/// entry in each of its indexes, for every new ticket).
pub fn signature(texts: &[&str]) -> Vec<u8> {
    let words = terms(&texts.join("\n"));
    sig::of(words.iter().map(String::as_str)).to_vec()
}

/// Queues `texts` for the search index, in the caller's transaction (see [`flush`]).
pub fn queue(conn: &mut DbConn, ticket_id: &str, texts: &[&str]) -> QueryResult<()> {
    diesel::insert_into(iq::table)
        .values((iq::ticket_id.eq(ticket_id), iq::body.eq(texts.join("\n"))))
        .execute(conn)?;
    Ok(())
}

/// Adds up to `limit` queued texts to the search index in one transaction, all words sorted,
/// so each index page is written once per batch. Returns how many texts it indexed. The worker
/// runs it every second (`crate::upkeep`); a search runs it first ([`flush_then_plan`]), so a
/// search never misses a ticket committed before it began.
pub fn flush(conn: &mut DbConn, limit: i64) -> Result<usize, AppError> {
    let waiting: Option<i64> = iq::table.select(iq::id).first(conn).optional()?;
    if waiting.is_none() {
        return Ok(0);
    }
    db::write(conn, |c| {
        let rows: Vec<(i64, String, String)> = iq::table
            .order(iq::id)
            .limit(limit)
            .select((iq::id, iq::ticket_id, iq::body))
            .load(c)?;
        let Some(last) = rows.last().map(|r| r.0) else {
            return Ok(0);
        };
        let mut pairs: Vec<(String, &str)> = rows
            .iter()
            .flat_map(|(_, id, body)| terms(body).into_iter().map(move |w| (w, id.as_str())))
            .collect();
        pairs.sort();
        pairs.dedup();
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(w, id)| (w.as_str(), *id)).collect();
        insert_terms(c, &refs)?;
        diesel::delete(iq::table.filter(iq::id.le(last))).execute(c)?;
        Ok(rows.len())
    })
}

/// A search word with fewer index entries than this is "rare" (see [`flush_then_plan`]).
const RARE: i64 = 1000;

/// A search word's index entries are counted up to this many (see [`TermCounts`]); past it, a
/// word never leads a search.
const COUNTED: i64 = 50_000;

/// The tickets a search's first page wants (the queue's page and one more, for "next").
const WANTED: f64 = 51.0;

/// The upper bound of the terms starting with `w`: every folded term is below this character.
pub fn upper(w: &str) -> String {
    format!("{w}\u{10FFFF}")
}

/// How one search word narrows the queue (see `model::queue`).
pub enum WordFilter {
    /// The word whose tickets are fewer than the walk along the queue's order would test (see
    /// [`rarest_drives`]): its index entries, each ticket looked up and tested for the rest.
    Postings(String),
    /// The word whose tickets are gathered into a set (SQLite: a subquery it reads once) while
    /// the queue's order is walked, each ticket tested against the set (see [`member_walks`]).
    Member(String),
    /// Any other word, tested ticket by ticket. Bound, like every value on SQLite: the statement
    /// stays prepared, and a literal would not change its plan (`SQLITE_ENABLE_QPSG`, no STAT4).
    Exists(String),
    /// On PostgreSQL, all the words when some (`rare`, a tsquery's text) are read through the
    /// GIN index: the tickets whose vector has them are gathered first, each tested for every
    /// word (`query`), then read by id and put in the queue's order. Bound, so the statement
    /// stays prepared; the shape, not the planner, makes the index lead (see
    /// `queue::VectorGather`), as [`rarest_drives`] decided.
    Gather { rare: String, query: String },
    /// On PostgreSQL, all the words when none is read through the index: each ticket along the
    /// queue's order tested for them, its signature's `bits` first, then its vector against
    /// `query` (a tsquery's text). Bound, so the statement stays prepared: a function's result
    /// has no statistics, so the words would not change the plan, and planning it anew (over
    /// the tickets' many indexes) cost PostgreSQL about as much as running it. `far`: the page
    /// lies far along the order (see [`walk_is_far`]), so the queue reads its ids first.
    Walk {
        bits: Vec<i64>,
        query: String,
        far: bool,
    },
}

impl WordFilter {
    /// The search word, where it is one (not PostgreSQL's filter of them all).
    pub fn word(&self) -> Option<&str> {
        match self {
            WordFilter::Postings(w) | WordFilter::Member(w) | WordFilter::Exists(w) => Some(w),
            WordFilter::Gather { .. } | WordFilter::Walk { .. } => None,
        }
    }
}

/// [`WordFilter::Gather`] of `words`, the `rare` ones among them read through the index;
/// `None` unless each is letters and digits only, as every folded search word is (a tsquery's
/// syntax would read anything else; each word is a quoted lexeme, so PostgreSQL's parser does
/// not split or normalise it differently from [`terms`]).
fn vector_gather(rare: &[String], words: &[String]) -> Option<WordFilter> {
    if rare.is_empty() || !words.iter().all(|w| safe(w)) || !rare.iter().all(|w| safe(w)) {
        return None;
    }
    Some(WordFilter::Gather {
        rare: tsquery(rare),
        query: tsquery(words),
    })
}

/// [`WordFilter::Walk`] of `words`; `None` unless each is letters and digits only, as every
/// folded search word is (a tsquery's syntax would read anything else).
fn vector_walk(words: &[String]) -> Option<WordFilter> {
    if words.is_empty() || !words.iter().all(|w| safe(w)) {
        return None;
    }
    let bits = sig::mask(words.iter().map(String::as_str))
        .map(|mask| sig::bits(&mask).map(|b| b as i64).collect())
        .unwrap_or_default();
    Some(WordFilter::Walk {
        bits,
        query: tsquery(words),
        far: false,
    })
}

/// A search word as a tsquery lexeme: letters and digits only, and not empty.
fn safe(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphanumeric)
}

/// The tsquery text of `words`, each a quoted prefix: every word must match.
fn tsquery(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("'{w}':*"))
        .collect::<Vec<_>>()
        .join(" & ")
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// What a search remembers between searches: how many index entries common words have, about
/// how many tickets there are, and the organisations' names. Process-wide, in `AppState`;
/// forgetting it changes no result, only the cost of the next search.
pub struct SearchIndex {
    /// Index entries of search words with many tickets.
    pub counts: TermCounts,
    /// Of the latest tickets, how many have every word of a PostgreSQL walk, by its query (see
    /// [`walk_is_far`]).
    pub together: TermCounts,
    /// The tickets, once they are many (see [`TicketTotal`]).
    pub total: TicketTotal,
    /// The organisations by the words of their names (see [`organisations_named`]).
    names: Snapshot<OrganisationNames>,
}

impl SearchIndex {
    /// Forgets the organisations' names: one was registered, or deleted.
    pub fn organisations_changed(&self) {
        self.names.clear();
    }
}

impl Default for SearchIndex {
    fn default() -> SearchIndex {
        SearchIndex {
            counts: TermCounts::default(),
            together: TermCounts::default(),
            total: TicketTotal::default(),
            names: Snapshot::new(NAMES_FRESH),
        }
    }
}

/// Organisations (id, name) by the words of their names (see [`name_key`]).
type OrganisationNames = HashMap<Vec<String>, Vec<(String, String)>>;

/// How long the organisations' names are served from memory. This process forgets them when an
/// organisation is registered or deleted ([`SearchIndex::organisations_changed`]); another
/// instance finds a new organisation's name by its words alone until then.
const NAMES_FRESH: Duration = Duration::from_secs(60);

/// More organisations than this under one name are no one organisation: the search then looks
/// for the words in the tickets' text.
const NAMED_MAX: usize = 20;

/// A name's words, folded as [`terms`] folds them but each kept, however short, so that only
/// the whole name matches: "Föreningen" is not "Föreningen X".
fn name_key(text: &str) -> Vec<String> {
    let mut out: Vec<String> = crate::faq::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The organisations (id, name) whose whole name the search is, word for word as [`name_key`]
/// folds them ("bankforeningen ab12 17" is "Bänkföreningen AB12-17"), in name order; none for
/// any other search. A search for an organisation's name wants its tickets, and as words its
/// name is the worst search there is: each word is on most tickets of a desk whose
/// organisations share them ("Föreningen", a region), so a walk tests thousands of tickets for
/// one page, where the organisation's own tickets are one index range (issue 24: 107 ms on
/// SQLite at 1,000,000 tickets).
pub fn organisations_named(
    conn: &mut DbConn,
    search: &str,
    index: &SearchIndex,
) -> Result<Vec<(String, String)>, AppError> {
    use crate::db::schema::organisations as o;
    let key = name_key(search);
    if key.is_empty() {
        return Ok(vec![]);
    }
    let names = index.names.get(|| -> Result<OrganisationNames, AppError> {
        let rows: Vec<(String, String)> = o::table
            .filter(o::deleted_at.is_null())
            .select((o::id, o::name))
            .order((o::name, o::id))
            .load(conn)?;
        let mut names = OrganisationNames::new();
        for (id, name) in rows {
            names.entry(name_key(&name)).or_default().push((id, name));
        }
        Ok(names)
    })?;
    Ok(match names.get(&key) {
        Some(orgs) if orgs.len() <= NAMED_MAX => orgs.clone(),
        _ => vec![],
    })
}

/// About how many tickets there are, remembered for [`TermCounts::FRESH`] once they are at least
/// [`TicketTotal::KEPT_FROM`]: it only weighs one plan against another, a large desk's total
/// moves little in minutes, and reading it was a statement of its own on every search (on
/// PostgreSQL, parsed and planned each time). A small desk's is read every time: it grows
/// fast relative to its size, and its searches cost little either way.
#[derive(Default)]
pub struct TicketTotal(Mutex<Option<(i64, Instant)>>);

impl TicketTotal {
    const KEPT_FROM: i64 = 100_000;

    fn get(&self) -> Option<i64> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.filter(|(_, at)| at.elapsed() < TermCounts::FRESH)
            .map(|(n, _)| n)
    }

    fn remember(&self, total: i64) {
        if total >= Self::KEPT_FROM {
            *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((total, Instant::now()));
        }
    }
}

/// How many index entries common search words have (at least [`RARE`]; `None`: at least
/// [`COUNTED`]). Counts only plan a search (which word to start from), so a count some minutes
/// old changes no result; each is counted again after [`TermCounts::FRESH`], as words gain
/// tickets. Bounded: forgotten all at once when full. Rare words are counted on every search,
/// which costs less than their one page.
#[derive(Default)]
pub struct TermCounts(Mutex<HashMap<String, (Option<i64>, Instant)>>);

impl TermCounts {
    const MAX: usize = 4096;
    const FRESH: Duration = Duration::from_secs(600);

    pub fn get(&self, term: &str) -> Option<Option<i64>> {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(term)
            .filter(|(_, at)| at.elapsed() < Self::FRESH)
            .map(|(n, _)| *n)
    }

    pub fn insert(&self, term: &str, count: Option<i64>) {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX {
            map.clear();
        }
        map.insert(term.to_owned(), (count, Instant::now()));
    }
}

/// The latest tickets a PostgreSQL walk is tried on first (see [`walk_is_far`]).
const SAMPLE: i64 = 1000;

/// Whether a PostgreSQL walk (every word common) would test more than [`SAMPLE`] tickets before
/// it found a page: fewer than a page of the latest [`SAMPLE`] tickets have every word. Such a
/// walk reads the ids first (`queue::IdsFirst`), which costs a near page a second read of its
/// rows. The words' counts cannot tell: past [`COUNTED`] every word looks alike, and words that
/// come together are no rarer for being two. Remembered for ten minutes by the words' query
/// (`SearchIndex::together`); the try reads the latest tickets' signatures from an index and
/// the vectors of those that may hold the words (about 0.5 to 1.5 ms at 1,000,000 tickets).
fn walk_is_far(
    conn: &mut DbConn,
    index: &SearchIndex,
    bits: &[i64],
    query: &str,
) -> Result<bool, AppError> {
    let wanted = WANTED as i64;
    if let Some(n) = index.together.get(query) {
        return Ok(n.is_none_or(|n| n < wanted));
    }
    let DbConn::Pg(c) = conn else {
        return Ok(false);
    };
    let n = super::queue::latest_with_every_word(c, SAMPLE, bits, query)?;
    index.together.insert(query, Some(n));
    Ok(n < wanted)
}

/// Which word, if any, a search starts from: the rarest, when its index entries are fewer than
/// the tickets a walk along the queue's order would test before it found a page, and otherwise
/// none (the walk). `counts` are the words' entries (`None`: at least [`COUNTED`]), `total` the
/// tickets. The walk is guessed as if the words came independently: a page over the share of
/// tickets with every word. Both plans cost about one lookup per word per ticket tested, so the
/// smaller number wins. Words that come together (an organisation's name: every ticket with
/// one has all) make the walk longer than guessed, never shorter, so their rarest word leads.
pub fn rarest_drives(counts: &[Option<i64>], total: i64) -> Option<usize> {
    let (i, rarest, walk) = estimate(counts, total)?;
    (rarest < walk).then_some(i)
}

/// The rarest word's index entries and the tickets the walk would test (see [`rarest_drives`]).
fn estimate(counts: &[Option<i64>], total: i64) -> Option<(usize, f64, f64)> {
    let total = total.max(1) as f64;
    let (i, rarest) = counts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c)))
        .min_by_key(|(_, c)| *c)?;
    let share: f64 = counts
        .iter()
        .map(|c| c.map_or(1.0, |c| (c as f64 / total).min(1.0)))
        .product();
    let walk = if share > 0.0 {
        (WANTED / share).min(total)
    } else {
        total
    };
    Some((i, rarest as f64, walk))
}

/// What a set entry costs to gather and a walked ticket to test against the set, beside what
/// [`rarest_drives`] counts a ticket at (looked up from a word's entries, or walked and tested
/// for its words). Measured on SQLite at 1,000,000 tickets: 0.3 to 0.5 µs an entry (more for a
/// bigger set), against 2.6 µs a ticket walked and tested for two words and 3.4 to 9 µs a ticket
/// looked up from a word's entries. A fifth keeps to the side of the plans that were there.
const MEMBER_COST: f64 = 0.2;

/// The word whose tickets a SQLite search gathers into a set first, then walks the queue's order
/// testing each ticket against the set (see [`WordFilter::Member`]): when reading the word's
/// entries and walking cost less, at [`MEMBER_COST`] each, than either [`rarest_drives`]'s
/// plans. That is a word with thousands of tickets whose page still lies thousands of tickets
/// deep: an organisation's name, whose number word is on a few thousand tickets and whose
/// other words come with it (at 1,000,000 tickets 4.2 ms instead of 68 as SQL statements).
pub fn member_walks(counts: &[Option<i64>], total: i64) -> Option<usize> {
    let (i, rarest, walk) = estimate(counts, total)?;
    ((rarest + walk) * MEMBER_COST < rarest.min(walk)).then_some(i)
}

/// A word's index entries, up to [`COUNTED`] (`None` past it).
fn count_entries(conn: &mut DbConn, w: &str) -> Result<Option<i64>, AppError> {
    let n = match conn {
        DbConn::Sqlite(c) => {
            diesel::sql_query(
                "SELECT count(*) AS n FROM (SELECT 1 FROM ticket_terms \
                 WHERE term >= ? AND term < ? LIMIT ?) AS probe",
            )
            .bind::<diesel::sql_types::Text, _>(w)
            .bind::<diesel::sql_types::Text, _>(upper(w))
            .bind::<diesel::sql_types::BigInt, _>(COUNTED)
            .get_result::<Count>(c)?
            .n
        }
        DbConn::Pg(c) => {
            diesel::sql_query(
                "SELECT count(*) AS n FROM (SELECT 1 FROM ticket_search \
                 WHERE terms @@ $1::tsquery LIMIT $2) AS probe",
            )
            .bind::<diesel::sql_types::Text, _>(format!("'{w}':*"))
            .bind::<diesel::sql_types::BigInt, _>(COUNTED)
            .get_result::<Count>(c)?
            .n
        }
    };
    Ok((n < COUNTED).then_some(n))
}

/// About how many tickets there are, cheaply: SQLite's highest row id, PostgreSQL's own estimate
/// (counted when the table was never analysed).
fn ticket_total(conn: &mut DbConn) -> Result<i64, AppError> {
    let sql = match conn {
        DbConn::Sqlite(_) => "SELECT coalesce(max(rowid), 0) AS n FROM tickets",
        DbConn::Pg(_) => {
            "SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint \
             ELSE (SELECT count(*) FROM tickets) END AS n \
             FROM pg_class c WHERE c.oid = 'tickets'::regclass"
        }
    };
    Ok(diesel::sql_query(sql).get_result::<Count>(conn)?.n)
}

/// Indexes whatever is queued, then turns a search's words into the queue's filters: the word
/// the search starts from, if any (see [`rarest_drives`]), by its index entries; the others
/// tested ticket by ticket.
pub fn flush_then_plan(
    conn: &mut DbConn,
    search: &str,
    index: &SearchIndex,
) -> Result<Vec<WordFilter>, AppError> {
    // Folded search words are letters and digits (which lets them be written into SQL).
    let words: Vec<String> = query_terms(search)
        .into_iter()
        .filter(|w| w.chars().all(char::is_alphanumeric))
        .collect();
    if words.is_empty() {
        return Ok(vec![]);
    }
    // Every text queued so far is indexed first, so a search finds every ticket committed
    // before it began, on any instance. With nothing waiting this is one indexed read.
    while flush(conn, 2000)? > 0 {}
    // Each word's entries: a common word's count is remembered (see TermCounts); a rare one
    // costs less to count than its page.
    let mut counts = vec![];
    for w in &words {
        let n = match index.counts.get(w) {
            Some(n) => n,
            None => {
                let n = count_entries(conn, w)?;
                if n.is_none_or(|n| n >= RARE) {
                    index.counts.insert(w, n);
                }
                n
            }
        };
        counts.push(n);
    }
    let total = match index.total.get() {
        Some(total) => total,
        None => {
            let total = ticket_total(conn)?;
            index.total.remember(total);
            total
        }
    };
    let lead = rarest_drives(&counts, total);
    if let DbConn::Pg(_) = conn {
        // The rare words, and the word the search starts from, through the GIN index; every
        // word tested on each ticket's own vector.
        let indexed: Vec<String> = words
            .iter()
            .zip(&counts)
            .enumerate()
            .filter(|(i, (_, n))| Some(*i) == lead || n.is_some_and(|n| n < RARE))
            .map(|(_, (w, _))| w.clone())
            .collect();
        let filter = if indexed.is_empty() {
            let mut walk = vector_walk(&words);
            if let Some(WordFilter::Walk {
                bits, query, far, ..
            }) = &mut walk
            {
                *far = walk_is_far(conn, index, bits, query)?;
            }
            walk
        } else {
            vector_gather(&indexed, &words)
        };
        return Ok(filter.into_iter().collect());
    }
    let mut out = vec![];
    // The rarest first: a ticket the walk tests is let go at its first missing word, which is
    // most likely the rarest.
    let mut words: Vec<(usize, String, Option<i64>)> = words
        .into_iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (w, n))| (i, w, n))
        .collect();
    let member = member_walks(&words.iter().map(|(_, _, n)| *n).collect::<Vec<_>>(), total);
    words.sort_by_key(|(_, _, n)| n.unwrap_or(i64::MAX));
    for (i, w, _) in words {
        out.push(if Some(i) == member {
            WordFilter::Member(w)
        } else if Some(i) == lead && member.is_none() {
            WordFilter::Postings(w)
        } else {
            WordFilter::Exists(w)
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_desks_ticket_total_is_remembered_and_a_small_ones_read_again() {
        let total = TicketTotal::default();
        assert_eq!(total.get(), None);
        total.remember(TicketTotal::KEPT_FROM - 1);
        assert_eq!(
            total.get(),
            None,
            "a small desk's total is read on every search"
        );
        total.remember(1_000_000);
        assert_eq!(total.get(), Some(1_000_000));
        total.remember(1_000_500);
        assert_eq!(total.get(), Some(1_000_500), "the newest reading is kept");
    }

    #[test]
    fn an_organisations_name_is_matched_whole_however_it_is_typed() {
        let name = name_key("Bänkföreningen AB12-17");
        assert_eq!(name, ["17", "ab12", "bankforeningen"]);
        assert_eq!(name_key("bankforeningen ab12 17"), name);
        assert_eq!(name_key("  BÄNKFÖRENINGEN, ab12 / 17 "), name);
        assert_ne!(name_key("Bänkföreningen AB12"), name, "part of the name");
        assert_ne!(name_key("Bänkföreningen AB12-170"), name, "another number");
        // A one-letter word counts: "Föreningen" is not "Föreningen X".
        assert_ne!(name_key("Föreningen"), name_key("Föreningen X"));
        assert!(name_key(" - ").is_empty());
    }

    #[test]
    fn a_gather_of_rare_words_binds_them_and_every_word() {
        let words = ["licens".to_owned(), "2026".to_owned()];
        let Some(WordFilter::Gather { rare, query }) = vector_gather(&words[1..], &words) else {
            panic!("a gather")
        };
        assert_eq!(rare, "'2026':*");
        assert_eq!(query, "'licens':* & '2026':*");
        assert!(vector_gather(&[], &words).is_none(), "no rare word: a walk");
        for bad in ["", "a'b", "a:b", "a&b", "a b", "a\\b", "ab\u{0}"] {
            let with = ["ok".to_owned(), bad.to_owned()];
            assert!(vector_gather(&words[..1], &with).is_none(), "{bad:?}");
            assert!(vector_gather(&with, &words).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn a_walk_of_common_words_binds_their_bits_and_query() {
        let words = ["licens".to_owned(), "2026".to_owned()];
        let Some(WordFilter::Walk { bits, query, .. }) = vector_walk(&words) else {
            panic!("a walk")
        };
        assert_eq!(query, "'licens':* & '2026':*");
        let mask = sig::mask(["licens", "2026"]).expect("both words testable");
        let want: Vec<i64> = sig::bits(&mask).map(|b| b as i64).collect();
        assert_eq!((bits.len(), &bits), (2, &want));
        // Under four letters: nothing for the signature to test, only the vector.
        let Some(WordFilter::Walk { bits, .. }) = vector_walk(&["ab".to_owned()]) else {
            panic!("a walk")
        };
        assert!(bits.is_empty());
        assert!(vector_walk(&[]).is_none());
        for bad in ["", "a'b", "a:b", "a&b", "a b", "a\\b", "ab\u{0}"] {
            assert!(
                vector_walk(&["ok".to_owned(), bad.to_owned()]).is_none(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn term_counts_are_remembered_within_bounds() {
        let c = TermCounts::default();
        assert_eq!(c.get("licens"), None);
        c.insert("licens", Some(1200));
        c.insert("och", None);
        assert_eq!(c.get("licens"), Some(Some(1200)));
        assert_eq!(
            c.get("och"),
            Some(None),
            "past the count: remembered as such"
        );
        for i in 0..TermCounts::MAX {
            c.insert(&format!("w{i}"), Some(i as i64));
        }
        assert!(c.0.lock().expect("not poisoned").len() <= TermCounts::MAX);
    }

    #[test]
    fn the_rarest_word_leads_when_its_tickets_are_fewer_than_the_walk() {
        let n = 200_000;
        // An organisation's name: two words on 70% of tickets, its number on 1,454 entries.
        // Walking would test about 14,000 tickets for a page.
        assert_eq!(rarest_drives(&[None, None, Some(1454)], n), Some(2));
        // Two words each on a tenth of the tickets: a page turns up within about 5,000 tickets,
        // fewer than either word's 20,000.
        assert_eq!(rarest_drives(&[Some(20_971), Some(20_236)], n), None);
        // One word on 19,700 entries: a page within about 520 tickets.
        assert_eq!(rarest_drives(&[Some(19_697)], n), None);
        // A rare word: its few tickets.
        assert_eq!(rarest_drives(&[None, Some(300)], n), Some(1));
        // One word on 1,500 tickets: 6,800 to walk.
        assert_eq!(rarest_drives(&[Some(1500)], n), Some(0));
        // A word no ticket has: nothing to read.
        assert_eq!(rarest_drives(&[None, Some(0)], n), Some(1));
        // Every word past the count: the walk.
        assert_eq!(rarest_drives(&[None, None], n), None);
        // A small desk: a word on most tickets is found by walking.
        assert_eq!(rarest_drives(&[Some(2_000)], 3_000), None);
        assert_eq!(
            rarest_drives(&[Some(5)], 0),
            None,
            "no tickets: nothing to walk"
        );
    }

    #[test]
    fn a_word_on_thousands_of_tickets_deep_in_the_order_is_walked_against_a_set() {
        let n = 1_000_000;
        // The scale benchmark's organisation: its number word on 7,306 entries, its other words
        // past the count. Looking up 7,306 tickets, or walking some 7,000 testing each for its
        // words, both cost more than gathering the 7,306 and walking against them.
        assert_eq!(member_walks(&[None, None, Some(7_306)], n), Some(2));
        // A rare word: its few tickets are cheaper.
        assert_eq!(member_walks(&[None, Some(300)], n), None);
        assert_eq!(member_walks(&[Some(5)], n), None);
        // A common word: its page is near, and gathering its tickets would cost more.
        assert_eq!(member_walks(&[Some(98_000)], n), None);
        // Two words each on a tenth of 200,000 tickets: the walk finds a page within 4,800.
        assert_eq!(member_walks(&[Some(20_971), Some(20_236)], n / 5), None);
        // The organisation of a desk of 200,000: its 1,454 tickets are cheaper to look up.
        assert_eq!(member_walks(&[None, None, Some(1_454)], n / 5), None);
        // Nothing counted: the walk.
        assert_eq!(member_walks(&[None, None], n), None);
    }

    #[test]
    fn terms_fold_swedish_letters_and_repeat_once() {
        assert_eq!(
            terms("Beställning av LICENSER, licenser! anna@förening.se x"),
            vec!["anna", "av", "bestallning", "forening", "licenser", "se"]
        );
        assert_eq!(query_terms("Ö ö bestä BESTÄ"), vec!["besta"]);
    }

    #[test]
    fn search_words_become_the_stems_that_find_every_form() {
        for (word, want) in [
            ("licenserna", "licens"),
            ("licensen", "licens"),
            ("licenses", "licens"),
            ("licens", "licens"),
            ("tjänster", "tjänst"),
            ("fakturorna", "faktur"),
            ("beställningar", "beställning"),
            ("donations", "donation"),
            ("lösenordet", "lösenord"),
            ("intyget", "intyg"),
            ("kontot", "konto"),
            ("budget", "budget"),
            ("ticket", "ticket"),
            ("ordern", "ordern"),
            ("365", "365"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
        assert_eq!(
            query_terms("Licenserna, FAKTURORNA och lösenordet"),
            vec!["licens", "faktur", "och", "losenord"]
        );
    }
}
