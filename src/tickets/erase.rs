//! Erasing a ticket's content: what the requester wrote and who they are goes, the ticket's row
//! and number stay (statistics, the organisation's history, references from orders and the audit
//! log). Used by the erasure pages (on request) and by the retention purge (closed tickets after
//! the retention period); re-exported as `service::erase_content`.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use super::State;
use crate::db::schema::{
    files, mail_in as mi, mail_in_originals as mo, ticket_attachments as ta,
    ticket_index_queue as iq, ticket_messages as tm, ticket_ratings as tr, ticket_tokens as tk,
    tickets as t,
};
use crate::db::{self, DbConn};
use crate::error::AppError;

/// Ids per statement: well under SQLite's and PostgreSQL's limits on bound values, small enough
/// that one batch never holds the database for long.
const BATCH: usize = 200;

/// Erases the content of the tickets `ticket_ids`, and returns how many tickets were erased now
/// (those already erased, or unknown, count nothing). For each: every message's body and
/// author's name emptied, attachments and their files deleted, the subject and the requester's
/// name, e-mail address and organisation emptied, its search terms, queued search text and
/// visitor links deleted, the satisfaction answer's comment emptied, `erased_at` set, and the
/// ticket closed (no one is left to answer).
/// The pages show a localized "erased" text in place of what went (see `views`).
///
/// Runs in the caller's transaction if there is one (so erasure and its audit entry commit
/// together), else in its own.
pub fn erase_content(
    conn: &mut DbConn,
    ticket_ids: &[String],
    now: PrimitiveDateTime,
) -> Result<usize, AppError> {
    let mut erased = 0;
    for chunk in ticket_ids.chunks(BATCH) {
        erased += if db::in_transaction(conn) {
            erase_batch(conn, chunk, now)?
        } else {
            db::write(conn, |c| erase_batch(c, chunk, now))?
        };
    }
    Ok(erased)
}

fn erase_batch(c: &mut DbConn, ids: &[String], now: PrimitiveDateTime) -> Result<usize, AppError> {
    let messages = || tm::table.filter(tm::ticket_id.eq_any(ids)).select(tm::id);
    let file_ids: Vec<String> = ta::table
        .filter(ta::message_id.eq_any(messages()))
        .select(ta::file_id)
        .load(c)?;
    diesel::delete(ta::table.filter(ta::message_id.eq_any(messages()))).execute(c)?;
    for chunk in file_ids.chunks(BATCH) {
        diesel::delete(files::table.filter(files::id.eq_any(chunk))).execute(c)?;
    }
    diesel::update(tm::table.filter(tm::ticket_id.eq_any(ids)))
        .set((tm::body.eq(""), tm::author_name.eq("")))
        .execute(c)?;
    super::search::remove_terms(c, ids)?;
    // The original e-mails go with the words; the keys stay, so a copy arriving late is still
    // known and not turned into a new ticket.
    diesel::delete(
        mo::table.filter(
            mo::mail_key.eq_any(
                mi::table
                    .filter(mi::ticket_id.eq_any(ids))
                    .select(mi::mail_key),
            ),
        ),
    )
    .execute(c)?;
    diesel::update(mi::table.filter(mi::ticket_id.eq_any(ids)))
        .set((mi::sender_email.eq(""), mi::refused.eq("")))
        .execute(c)?;
    diesel::delete(iq::table.filter(iq::ticket_id.eq_any(ids))).execute(c)?;
    diesel::delete(tk::table.filter(tk::ticket_id.eq_any(ids))).execute(c)?;
    // The satisfaction answer stays for the statistics; its comment is the requester's words.
    diesel::update(tr::table.filter(tr::ticket_id.eq_any(ids)))
        .set(tr::comment.eq(""))
        .execute(c)?;
    // Closed as they are erased: with no address left, nobody can be told of a reply.
    diesel::update(
        t::table
            .filter(t::id.eq_any(ids))
            .filter(t::state.ne(State::Closed.key())),
    )
    .set(t::state.eq(State::Closed.key()))
    .execute(c)?;
    let n = diesel::update(
        t::table
            .filter(t::id.eq_any(ids))
            .filter(t::erased_at.is_null()),
    )
    .set(t::erased_at.eq(Some(now)))
    .execute(c)?;
    // Cleared whether or not erased before: a second run finds nothing left either way.
    diesel::update(t::table.filter(t::id.eq_any(ids)))
        .set((
            t::subject.eq(""),
            t::requester_name.eq(""),
            t::requester_email.eq(""),
            t::requester_org.eq(""),
        ))
        .execute(c)?;
    Ok(n)
}

/// Whether a ticket's subject or a message's text was erased: nothing else leaves them empty
/// (a subject and a message are required when written).
pub fn is_erased(text: &str) -> bool {
    text.is_empty()
}
