//! Erasure (issue 21, point 2): a person deleting their account, an organisation's admin deleting
//! the organisation, staff erasing a visitor's data by e-mail address, and the end of the
//! bookkeeping period of a deleted organisation's orders.
//!
//! What is removed and what stays:
//! - a person: their user row, sessions, tokens, authenticator and recovery codes, their visitor
//!   tickets' content, mails to them (recipient and payload) and rate-limit counts. The records
//!   their organisation keeps (orders, certificates, usage results, tickets and messages) name
//!   them by a pseudonym or not at all, and their name, address and phone number are replaced in
//!   the texts kept (messages, subjects, audit details, other mails' payloads).
//! - an organisation: every person as above, every file, validation request, ticket's content
//!   and usage result. Its row stays as a tombstone (name, number, `deleted_at`) with its orders,
//!   bookkeeping records without personal data, until [`purge_retained_orders`] removes both.
//! - a visitor: their tickets' content ([`crate::tickets::service::erase_content`]), mails to
//!   them and rate-limit counts by their address.
//!
//! The audit log keeps every entry, with the person replaced by the pseudonym.

use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::PrimitiveDateTime;

use crate::accounts::model::User;
use crate::audit::{self, Actor};
use crate::db::schema::{
    faq_articles, files, order_history, order_lines, orders, organisations, recovery_codes,
    sessions, ticket_attachments, ticket_index_queue, ticket_messages, tickets, tokens,
    usage_checks, user_totp, users, validation_requests,
};
use crate::db::{self, DbConn};
use crate::error::AppError;

/// A stable stand-in for a person: `erased-` and 8 hex digits of an HMAC of `key` (a user id,
/// or `email:` and an address). The same person always gets the same one, so the records they
/// leave stay linkable to each other; without the server's secret it leads to no one.
pub fn pseudonym(secret: &[u8], key: &str) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(secret) else {
        // Any key length is accepted by HMAC; unreachable, but never panic.
        return "erased".to_owned();
    };
    mac.update(key.as_bytes());
    format!("erased-{}", crate::hex(&mac.finalize().into_bytes()[..4]))
}

/// The pseudonym of an e-mail address (a visitor's), folded to lower case first.
pub fn address_pseudonym(secret: &[u8], address: &str) -> String {
    pseudonym(secret, &format!("email:{}", address.trim().to_lowercase()))
}

/// What an erased person's name, address or phone number becomes in texts that are kept.
fn needles(user: &User) -> Vec<String> {
    let mut v = vec![user.email.clone(), user.name.clone()];
    if let Some(p) = user.phone.as_ref().filter(|p| !p.trim().is_empty()) {
        v.push(p.trim().to_owned());
    }
    let lower = user.email.to_lowercase();
    if lower != user.email {
        v.push(lower);
    }
    // Longest first: a name inside an address is replaced with the address, not before it.
    v.retain(|s| s.trim().chars().count() >= 3);
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v
}

diesel::define_sql_function!(fn replace(s: diesel::sql_types::Text, from: diesel::sql_types::Text, to: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Removes a person and replaces them in what stays, in the caller's write transaction.
/// Returns their pseudonym.
fn forget_person(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    secret: &[u8],
    user: &User,
) -> Result<String, AppError> {
    let p = pseudonym(secret, &user.id);
    let id = user.id.as_str();
    let words = needles(user);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();

    // What only they used.
    diesel::delete(tokens::table.filter(tokens::user_id.eq(id))).execute(c)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(id))).execute(c)?;
    diesel::delete(user_totp::table.filter(user_totp::user_id.eq(id))).execute(c)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(id))).execute(c)?;

    // Their visitor tickets (written before they registered, or since): content erased.
    let visitor_tickets: Vec<String> = tickets::table
        .filter(tickets::requester_id.is_null())
        .filter(tickets::organisation_id.is_null())
        .filter(tickets::requester_email.eq_any(email_forms(&user.email)))
        .select(tickets::id)
        .load(c)?;
    crate::tickets::service::erase_content(c, &visitor_tickets, now)?;

    // Records the organisation keeps: by pseudonym, or by no one where the column refers to a
    // person who must exist.
    diesel::update(orders::table.filter(orders::placed_by.eq(id)))
        .set(orders::placed_by.eq(&p))
        .execute(c)?;
    diesel::update(files::table.filter(files::uploaded_by.eq(id)))
        .set(files::uploaded_by.eq(&p))
        .execute(c)?;
    diesel::update(validation_requests::table.filter(validation_requests::submitted_by.eq(id)))
        .set(validation_requests::submitted_by.eq(&p))
        .execute(c)?;
    diesel::update(usage_checks::table.filter(usage_checks::created_by.eq(id)))
        .set(usage_checks::created_by.eq(&p))
        .execute(c)?;
    diesel::update(order_history::table.filter(order_history::actor_id.eq(id)))
        .set(order_history::actor_id.eq(None::<String>))
        .execute(c)?;
    diesel::update(validation_requests::table.filter(validation_requests::decided_by.eq(id)))
        .set(validation_requests::decided_by.eq(None::<String>))
        .execute(c)?;
    diesel::update(faq_articles::table.filter(faq_articles::author_id.eq(id)))
        .set(faq_articles::author_id.eq(None::<String>))
        .execute(c)?;

    // Tickets they asked or wrote in stay with the organisation, without them.
    let touched: Vec<String> = tickets::table
        .filter(
            tickets::requester_id.eq(id).or(tickets::id.eq_any(
                ticket_messages::table
                    .filter(ticket_messages::author_id.eq(id))
                    .select(ticket_messages::ticket_id),
            )),
        )
        .select(tickets::id)
        .load(c)?;
    diesel::update(tickets::table.filter(tickets::requester_id.eq(id)))
        .set((
            tickets::requester_id.eq(None::<String>),
            tickets::requester_name.eq(""),
            tickets::requester_email.eq(""),
        ))
        .execute(c)?;
    diesel::update(tickets::table.filter(tickets::assignee_id.eq(id)))
        .set(tickets::assignee_id.eq(None::<String>))
        .execute(c)?;
    diesel::update(ticket_messages::table.filter(ticket_messages::author_id.eq(id)))
        .set((
            ticket_messages::author_id.eq(None::<String>),
            ticket_messages::author_name.eq(""),
        ))
        .execute(c)?;
    scrub_ticket_texts(c, &touched, &words, &p)?;
    if let Some(org) = &user.organisation_id {
        scrub_org_texts(c, org, &words, &p)?;
    }

    // Mails, limits and the log.
    crate::outbox::scrub_person(c, &user.email, &words, &p)?;
    for form in email_forms(&user.email) {
        crate::throttle::forget_key(c, &crate::accounts::hash_token(&form))?;
    }
    pseudonymise_audit(c, id, &p, &words)?;
    diesel::delete(users::table.find(id)).execute(c)?;
    Ok(p)
}

/// Replaces an erased person in the audit log: their id (as actor or record) by `pseudonym`, so
/// their entries stay linkable to each other but to no one; the IP address of their own entries
/// emptied; each of `needles` in any entry's details replaced by `pseudonym`. The one change
/// ever made to audit entries (GDPR erasure); `audit` itself stays append-only.
fn pseudonymise_audit(
    c: &mut DbConn,
    person_id: &str,
    pseudonym: &str,
    needles: &[&str],
) -> Result<usize, AppError> {
    use crate::db::schema::audit_log as al;
    let mut n = diesel::update(al::table.filter(al::actor_id.eq(person_id)))
        .set((al::actor_id.eq(pseudonym), al::ip.eq("")))
        .execute(c)?;
    n += diesel::update(al::table.filter(al::record_id.eq(person_id)))
        .set(al::record_id.eq(pseudonym))
        .execute(c)?;
    for needle in needles.iter().filter(|s| !s.is_empty()) {
        n += diesel::update(al::table.filter(al::details.like(format!("%{needle}%"))))
            .set(al::details.eq(replace(al::details, *needle, pseudonym)))
            .execute(c)?;
    }
    Ok(n)
}

/// The address as stored and folded to lower case (throttle keys hash either).
fn email_forms(email: &str) -> Vec<String> {
    let mut v = vec![email.to_owned()];
    let lower = email.trim().to_lowercase();
    if lower != email {
        v.push(lower);
    }
    v
}

/// Replaces `words` by `with` in the subjects and messages of `ticket_ids`, then indexes them
/// again from what is left, so the person's name finds them no more.
fn scrub_ticket_texts(
    c: &mut DbConn,
    ticket_ids: &[String],
    words: &[&str],
    with: &str,
) -> Result<(), AppError> {
    for chunk in ticket_ids.chunks(200) {
        for w in words {
            diesel::update(
                tickets::table
                    .filter(tickets::id.eq_any(chunk))
                    .filter(tickets::subject.like(format!("%{w}%"))),
            )
            .set(tickets::subject.eq(replace(tickets::subject, *w, with)))
            .execute(c)?;
            diesel::update(
                ticket_messages::table
                    .filter(ticket_messages::ticket_id.eq_any(chunk))
                    .filter(ticket_messages::body.like(format!("%{w}%"))),
            )
            .set(ticket_messages::body.eq(replace(ticket_messages::body, *w, with)))
            .execute(c)?;
        }
        crate::tickets::search::remove_terms(c, chunk)?;
        diesel::delete(
            ticket_index_queue::table.filter(ticket_index_queue::ticket_id.eq_any(chunk)),
        )
        .execute(c)?;
        for id in chunk {
            let (number, subject, org): (String, String, String) = tickets::table
                .find(id)
                .select((tickets::number, tickets::subject, tickets::requester_org))
                .first(c)?;
            let bodies: Vec<String> = ticket_messages::table
                .filter(ticket_messages::ticket_id.eq(id))
                .select(ticket_messages::body)
                .load(c)?;
            let mut texts: Vec<&str> = vec![&number, &subject, &org];
            texts.extend(bodies.iter().map(String::as_str));
            crate::tickets::search::queue(c, id, &texts)?;
        }
    }
    Ok(())
}

/// Replaces `words` by `with` in the organisation's other free texts: certificate notes and
/// the notes on its orders.
fn scrub_org_texts(c: &mut DbConn, org: &str, words: &[&str], with: &str) -> Result<(), AppError> {
    let its_orders = || {
        orders::table
            .filter(orders::organisation_id.eq(org))
            .select(orders::id)
    };
    for w in words {
        let like = format!("%{w}%");
        diesel::update(
            validation_requests::table
                .filter(validation_requests::organisation_id.eq(org))
                .filter(validation_requests::note.like(&like)),
        )
        .set(validation_requests::note.eq(replace(validation_requests::note, *w, with)))
        .execute(c)?;
        diesel::update(
            orders::table
                .filter(orders::organisation_id.eq(org))
                .filter(orders::reason.like(&like)),
        )
        .set(orders::reason.eq(replace(orders::reason.assume_not_null(), *w, with).nullable()))
        .execute(c)?;
        diesel::update(
            orders::table
                .filter(orders::organisation_id.eq(org))
                .filter(orders::fulfilment_note.like(&like)),
        )
        .set(
            orders::fulfilment_note.eq(replace(
                orders::fulfilment_note.assume_not_null(),
                *w,
                with,
            )
            .nullable()),
        )
        .execute(c)?;
        diesel::update(
            order_history::table
                .filter(order_history::order_id.eq_any(its_orders()))
                .filter(order_history::note.like(&like)),
        )
        .set(
            order_history::note
                .eq(replace(order_history::note.assume_not_null(), *w, with).nullable()),
        )
        .execute(c)?;
    }
    Ok(())
}

/// Why a person may not delete their own account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountRefusal {
    /// The organisation's last admin: they delete the organisation instead.
    LastAdmin,
}

/// Whether `user` may delete their account: not the last enabled admin of their organisation
/// (who would leave it with nobody to run it).
pub fn may_delete_account(
    conn: &mut DbConn,
    user: &User,
) -> Result<Result<(), AccountRefusal>, AppError> {
    let (Some(org), true) = (&user.organisation_id, user.is_org_admin) else {
        return Ok(Ok(()));
    };
    let other_admins: i64 = users::table
        .filter(users::organisation_id.eq(org))
        .filter(users::is_org_admin.eq(true))
        .filter(users::disabled_at.is_null())
        .filter(users::id.ne(&user.id))
        .count()
        .get_result(conn)?;
    Ok(if other_admins == 0 {
        Err(AccountRefusal::LastAdmin)
    } else {
        Ok(())
    })
}

/// Deletes `user`'s own account (see the module's description), audited under their pseudonym.
pub fn delete_account(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    secret: &[u8],
    user: &User,
) -> Result<Result<String, AccountRefusal>, AppError> {
    db::write(conn, |c| {
        if let Err(refusal) = may_delete_account(c, user)? {
            return Ok(Err(refusal));
        }
        let p = forget_person(c, now, secret, user)?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&p),
                kind: "member",
                ip: "",
            },
            "account.deleted",
            "user",
            &p,
            "",
        )?;
        Ok(Ok(p))
    })
}

/// What deleting an organisation removes, counted for the confirmation page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrgCounts {
    pub users: i64,
    pub certificates: i64,
    pub tickets: i64,
    pub messages: i64,
    pub usage: i64,
    pub files: i64,
    /// Kept as bookkeeping records.
    pub orders: i64,
}

pub fn org_counts(conn: &mut DbConn, org: &str) -> Result<OrgCounts, AppError> {
    let count = |r: QueryResult<i64>| r.map_err(AppError::from);
    Ok(OrgCounts {
        users: count(
            users::table
                .filter(users::organisation_id.eq(org))
                .count()
                .get_result(conn),
        )?,
        certificates: count(
            validation_requests::table
                .filter(validation_requests::organisation_id.eq(org))
                .count()
                .get_result(conn),
        )?,
        tickets: count(
            tickets::table
                .filter(tickets::organisation_id.eq(org))
                .filter(tickets::erased_at.is_null())
                .count()
                .get_result(conn),
        )?,
        messages: count(
            ticket_messages::table
                .inner_join(tickets::table)
                .filter(tickets::organisation_id.eq(org))
                .filter(ticket_messages::body.ne(""))
                .count()
                .get_result(conn),
        )?,
        usage: count(
            usage_checks::table
                .filter(usage_checks::organisation_id.eq(org))
                .count()
                .get_result(conn),
        )?,
        files: count(
            files::table
                .filter(files::organisation_id.eq(org))
                .count()
                .get_result(conn),
        )?,
        orders: count(
            orders::table
                .filter(orders::organisation_id.eq(org))
                .count()
                .get_result(conn),
        )?,
    })
}

/// Deletes organisation `org` on its admin `admin`'s word (see the module's description).
/// Returns what was removed.
pub fn delete_organisation(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    secret: &[u8],
    org: &str,
    admin: &User,
) -> Result<OrgCounts, AppError> {
    db::write(conn, |c| {
        let counts = org_counts(c, org)?;
        let ticket_ids: Vec<String> = tickets::table
            .filter(tickets::organisation_id.eq(org))
            .select(tickets::id)
            .load(c)?;
        crate::tickets::service::erase_content(c, &ticket_ids, now)?;
        let people: Vec<User> = users::table
            .filter(users::organisation_id.eq(org))
            .select(User::as_select())
            .load(c)?;
        let mut admin_pseudonym = pseudonym(secret, &admin.id);
        for u in &people {
            let p = forget_person(c, now, secret, u)?;
            if u.id == admin.id {
                admin_pseudonym = p;
            }
        }
        // Tickets keep their number; what they pointed at goes.
        diesel::update(tickets::table.filter(tickets::organisation_id.eq(org)))
            .set(tickets::validation_id.eq(None::<String>))
            .execute(c)?;
        diesel::delete(
            validation_requests::table.filter(validation_requests::organisation_id.eq(org)),
        )
        .execute(c)?;
        diesel::delete(
            ticket_attachments::table.filter(
                ticket_attachments::file_id.eq_any(
                    files::table
                        .filter(files::organisation_id.eq(org))
                        .select(files::id),
                ),
            ),
        )
        .execute(c)?;
        diesel::delete(files::table.filter(files::organisation_id.eq(org))).execute(c)?;
        diesel::delete(usage_checks::table.filter(usage_checks::organisation_id.eq(org)))
            .execute(c)?;
        diesel::update(organisations::table.find(org))
            .set((
                organisations::deleted_at.eq(Some(now)),
                organisations::needs_review.eq(false),
            ))
            .execute(c)?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&admin_pseudonym),
                kind: "member",
                ip: "",
            },
            "organisation.deleted",
            "organisation",
            org,
            &format!(
                "users={} certificates={} tickets={} messages={} usage={} files={} orders_kept={}",
                counts.users,
                counts.certificates,
                counts.tickets,
                counts.messages,
                counts.usage,
                counts.files,
                counts.orders
            ),
        )?;
        Ok(counts)
    })
}

/// The date `years` years before `now` (29 February becomes 28 February in a common year).
fn years_before(now: PrimitiveDateTime, years: u32) -> PrimitiveDateTime {
    let y = now.year() - i32::try_from(years).unwrap_or(i32::MAX / 2).min(9000);
    let date = now
        .date()
        .replace_year(y)
        .or_else(|_| now.date().replace_day(28).and_then(|d| d.replace_year(y)))
        .unwrap_or(time::Date::MIN);
    PrimitiveDateTime::new(date, now.time())
}

/// Removes the orders of organisations deleted at least `years` years before `now` (the
/// accounting law's period, `settings.retention.order_years`), with their lines and history,
/// and then the organisation's tombstone. Tickets of the organisation keep their number but no
/// longer point at it or its orders. Returns how many orders went (or would go, `dry_run`).
pub fn purge_retained_orders(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    years: u32,
    dry_run: bool,
) -> Result<u64, AppError> {
    let cutoff = years_before(now, years);
    let due: Vec<String> = organisations::table
        .filter(organisations::deleted_at.le(cutoff))
        .select(organisations::id)
        .load(conn)?;
    let mut removed: u64 = 0;
    for org in due {
        let n: i64 = orders::table
            .filter(orders::organisation_id.eq(&org))
            .count()
            .get_result(conn)?;
        removed += u64::try_from(n).unwrap_or(0);
        if dry_run {
            continue;
        }
        // One organisation per transaction: never a long one.
        db::write(conn, |c| -> Result<(), AppError> {
            let its_orders = || {
                orders::table
                    .filter(orders::organisation_id.eq(&org))
                    .select(orders::id)
            };
            diesel::update(
                tickets::table
                    .filter(tickets::order_id.eq_any(its_orders().select(orders::id.nullable()))),
            )
            .set(tickets::order_id.eq(None::<String>))
            .execute(c)?;
            diesel::update(tickets::table.filter(tickets::organisation_id.eq(&org)))
                .set(tickets::organisation_id.eq(None::<String>))
                .execute(c)?;
            diesel::delete(order_lines::table.filter(order_lines::order_id.eq_any(its_orders())))
                .execute(c)?;
            diesel::delete(
                order_history::table.filter(order_history::order_id.eq_any(its_orders())),
            )
            .execute(c)?;
            diesel::delete(orders::table.filter(orders::organisation_id.eq(&org))).execute(c)?;
            diesel::delete(organisations::table.find(&org)).execute(c)?;
            audit::record(
                c,
                now,
                &Actor {
                    id: None,
                    kind: "system",
                    ip: "",
                },
                "organisation.orders_purged",
                "organisation",
                &org,
                &format!("orders={n}"),
            )?;
            Ok(())
        })?;
    }
    Ok(removed)
}

/// What erasing a visitor's data by address will touch: their tickets (numbers) not yet erased,
/// and whether a user account has the address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitorPreview {
    pub tickets: Vec<String>,
    pub has_account: bool,
}

fn visitor_ticket_ids(
    conn: &mut DbConn,
    address: &str,
) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(tickets::table
        .filter(tickets::requester_id.is_null())
        .filter(tickets::organisation_id.is_null())
        .filter(tickets::requester_email.eq_any(email_forms(address)))
        .filter(tickets::erased_at.is_null())
        .order(tickets::number)
        .select((tickets::id, tickets::number, tickets::requester_name))
        .load(conn)?)
}

pub fn visitor_preview(conn: &mut DbConn, address: &str) -> Result<VisitorPreview, AppError> {
    let tickets = visitor_ticket_ids(conn, address)?
        .into_iter()
        .map(|(_, n, _)| n)
        .collect();
    let has_account = users::table
        .filter(users::email.eq_any(email_forms(address)))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    Ok(VisitorPreview {
        tickets,
        has_account,
    })
}

/// Erases what the portal holds about a visitor by their address (see the module's
/// description), audited with the address's pseudonym and the ticket numbers, never the address.
/// Returns the erased tickets' numbers.
pub fn erase_visitor(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    secret: &[u8],
    staff: &User,
    address: &str,
    ip: &str,
) -> Result<Vec<String>, AppError> {
    db::write(conn, |c| {
        let found = visitor_ticket_ids(c, address)?;
        let ids: Vec<String> = found.iter().map(|(id, _, _)| id.clone()).collect();
        let numbers: Vec<String> = found.iter().map(|(_, n, _)| n.clone()).collect();
        let mut words: Vec<String> = email_forms(address);
        words.extend(
            found
                .iter()
                .map(|(_, _, name)| name.clone())
                .filter(|n| n.trim().chars().count() >= 3),
        );
        words.sort_by_key(|s| std::cmp::Reverse(s.len()));
        words.dedup();
        let p = address_pseudonym(secret, address);
        crate::tickets::service::erase_content(c, &ids, now)?;
        for form in email_forms(address) {
            crate::outbox::scrub_person(c, &form, &[], &p)?;
            crate::throttle::forget_key(c, &crate::accounts::hash_token(&form))?;
        }
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        crate::outbox::scrub_person(c, "", &refs, &p)?;
        audit::record(
            c,
            now,
            &Actor::staff(&staff.id, ip),
            "privacy.visitor_erased",
            "email",
            &p,
            &numbers.join(" "),
        )?;
        Ok(numbers)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pseudonym_is_stable_per_person_and_hides_the_id() {
        let a = pseudonym(b"secret-one", "user-1");
        assert_eq!(a, pseudonym(b"secret-one", "user-1"));
        assert_ne!(a, pseudonym(b"secret-one", "user-2"));
        assert_ne!(a, pseudonym(b"secret-two", "user-1"));
        assert!(
            a.starts_with("erased-") && a.len() == "erased-".len() + 8,
            "{a}"
        );
        assert!(!a.contains("user"));
        assert_eq!(
            address_pseudonym(b"k", " Vera@Example.org "),
            address_pseudonym(b"k", "vera@example.org")
        );
    }

    #[test]
    fn the_bookkeeping_period_counts_whole_years_and_handles_leap_days() {
        let at = |y, m, d| {
            time::Date::from_calendar_date(y, m, d)
                .unwrap()
                .with_hms(12, 0, 0)
                .unwrap()
        };
        use time::Month::{February, March};
        assert_eq!(years_before(at(2033, March, 1), 7), at(2026, March, 1));
        assert_eq!(
            years_before(at(2032, February, 29), 7),
            at(2025, February, 28)
        );
        assert_eq!(
            years_before(at(2032, February, 29), 4),
            at(2028, February, 29)
        );
    }

    #[test]
    fn needles_skip_blanks_and_put_the_longest_first() {
        let u = User {
            id: "u".into(),
            email: "Ann@Ex.se".into(),
            name: "Ann".into(),
            phone: Some(" 070-123 45 67 ".into()),
            password_hash: None,
            role: "member".into(),
            organisation_id: None,
            is_org_admin: false,
            locale: "sv".into(),
            email_verified_at: None,
            disabled_at: None,
            created_at: time::PrimitiveDateTime::MIN,
        };
        assert_eq!(
            needles(&u),
            ["070-123 45 67", "Ann@Ex.se", "ann@ex.se", "Ann"]
        );
    }
}
