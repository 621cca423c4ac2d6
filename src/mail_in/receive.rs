//! Storing one incoming message: once, on the right ticket, from the right person.
//!
//! Everything for one message happens in one write transaction: the check that its key
//! (Message-ID, or the hash of the raw bytes) is new, the ticket message or new ticket, its files,
//! the e-mails it causes and its own `mail_in` row. A crash before the commit leaves nothing, so
//! the message is simply read again; after it, the key makes a second copy (the IMAP fetch
//! repeated, or the same mail by pipe and IMAP) a no-op.

use diesel::prelude::*;
use serde_json::json;
use sha2::{Digest, Sha256};
use time::{Duration, PrimitiveDateTime};

use super::decode::{self, Incoming};
use super::thread::{self, Join};
use crate::accounts::model::{self as accounts, User};
use crate::config::Settings;
use crate::db::schema::{mail_in as mi, mail_in_originals as mo};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::files::{self, FileProblem, Kind};
use crate::i18n::Locale;
use crate::outbox::{self, Routing};
use crate::storage::{self, StorageLimits};
use crate::tickets::model::{self as tickets, Ticket};
use crate::tickets::service::{self, CustomerReply, NewAttachment, NewTicket, Requester};
use crate::tickets::{Category, MAX_BODY, MAX_FILES, MAX_SUBJECT};

/// How a message reached the portal (kept on its row, for staff and the logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Imap,
    Pipe,
}

impl Source {
    pub fn key(self) -> &'static str {
        match self {
            Source::Imap => "imap",
            Source::Pipe => "pipe",
        }
    }
}

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Added to this ticket.
    Joined(String),
    /// Opened this ticket.
    Created(String),
    /// Seen before (same key): nothing done.
    Duplicate,
    /// Machine mail, mail from the portal itself, or mail without a sender: kept as a record only.
    Ignored,
    /// A delivery failure: the address is marked as bouncing.
    Bounce(String),
    /// The sender opened too many tickets by mail within the hour.
    Limited,
    /// Not a message at all.
    Unreadable,
}

impl Outcome {
    /// The word stored in `mail_in.outcome` and printed by `donera mail-in`.
    pub fn key(&self) -> &'static str {
        match self {
            Outcome::Joined(_) => "joined",
            Outcome::Created(_) => "created",
            Outcome::Duplicate => "duplicate",
            Outcome::Ignored => "ignored",
            Outcome::Bounce(_) => "bounce",
            Outcome::Limited => "limited",
            Outcome::Unreadable => "unreadable",
        }
    }
}

/// An attachment's name and why it was not taken.
pub type RefusedFile = (String, Refused);

/// Why an attachment was not taken; each has a `mail-in-refused-<key>` message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not one of the file types uploads accept.
    Type,
    /// Larger than an upload may be.
    Size,
    /// Empty.
    Empty,
    /// More files than one message may carry.
    Count,
    /// The organisation's storage or upload allowance is used up.
    Quota,
    /// From someone without an account: like the contact form, such messages carry no files.
    Visitor,
}

impl Refused {
    pub const ALL: [Refused; 6] = [
        Refused::Type,
        Refused::Size,
        Refused::Empty,
        Refused::Count,
        Refused::Quota,
        Refused::Visitor,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Refused::Type => "type",
            Refused::Size => "size",
            Refused::Empty => "empty",
            Refused::Count => "count",
            Refused::Quota => "quota",
            Refused::Visitor => "visitor",
        }
    }

    pub fn from_key(k: &str) -> Option<Refused> {
        Refused::ALL.into_iter().find(|r| r.key() == k)
    }
}

/// The settings that decide what happens to incoming mail.
pub struct Inbox {
    pub secret: Vec<u8>,
    /// The support mailbox (`DONERA_SUPPORT_EMAIL`): its signed `+` addresses thread replies.
    pub support: Option<String>,
    /// The portal's own addresses, lowercased: mail from them is never a customer's.
    pub own: Vec<String>,
    pub routing: Routing,
    pub max_file_bytes: usize,
    /// New tickets one sender may open by mail in an hour (the contact form's limit); 0: no limit.
    pub per_sender_hour: i64,
    pub storage: StorageLimits,
}

impl Inbox {
    pub fn from_settings(s: &Settings) -> Inbox {
        let mut own = vec![];
        if let Ok(m) = s.mail_from.parse::<lettre::message::Mailbox>() {
            own.push(m.email.to_string().to_lowercase());
        }
        own.extend(s.support_email.iter().map(|e| e.to_lowercase()));
        Inbox {
            secret: s.secret_key.clone(),
            support: s.support_email.clone(),
            own,
            routing: Routing::from_settings(s),
            max_file_bytes: s.max_upload_bytes.min(crate::tickets::MAX_FILE_BYTES),
            per_sender_hour: s.contact_email_limit,
            storage: StorageLimits::from_settings(s),
        }
    }

    /// From the portal itself: its sender, its support mailbox, or one of the mailbox's `+`
    /// addresses (a notification bounced back into the mailbox, say).
    fn is_own(&self, address: &str) -> bool {
        self.own.iter().any(|o| o == address)
            || self.support.as_deref().is_some_and(|support| {
                match (support.rsplit_once('@'), address.rsplit_once('@')) {
                    (Some((sl, sd)), Some((al, ad))) => {
                        sd.eq_ignore_ascii_case(ad)
                            && al
                                .to_lowercase()
                                .starts_with(&format!("{}+", sl.to_lowercase()))
                    }
                    _ => false,
                }
            })
    }
}

/// The key a message is stored under: its Message-ID, or the hash of its bytes without one (or
/// with one too long to be a real id).
pub fn key_of(message: Option<&Incoming>, raw: &[u8]) -> String {
    match message {
        Some(m) => match &m.message_id {
            Some(id) if !id.trim().is_empty() && id.len() <= 500 => id.trim().to_owned(),
            _ => format!("sha256:{}", m.raw_hash),
        },
        None => format!("sha256:{:x}", Sha256::digest(raw)),
    }
}

/// A message as it came: in memory, or in a file (a big one, fetched in parts).
#[derive(Debug, Clone, Copy)]
pub enum Raw<'a> {
    Bytes(&'a [u8]),
    File(&'a std::fs::File),
}

impl Raw<'_> {
    /// Calls `each` with the message in pieces of at most `size` bytes, in order.
    fn in_parts(
        self,
        size: usize,
        mut each: impl FnMut(&[u8]) -> Result<(), AppError>,
    ) -> Result<(), AppError> {
        match self {
            Raw::Bytes(b) => b.chunks(size).try_for_each(each),
            Raw::File(f) => {
                use std::io::{Read as _, Seek as _, SeekFrom};
                let io = |e: std::io::Error| AppError::Internal(format!("mail-in spool: {e}"));
                let mut f = f;
                f.seek(SeekFrom::Start(0)).map_err(io)?;
                let mut buf = vec![0; size];
                loop {
                    let mut filled = 0;
                    while filled < size {
                        match f.read(&mut buf[filled..]).map_err(io)? {
                            0 => break,
                            n => filled += n,
                        }
                    }
                    if filled == 0 {
                        return Ok(());
                    }
                    each(&buf[..filled])?;
                    if filled < size {
                        return Ok(());
                    }
                }
            }
        }
    }
}

/// Reads, threads and stores one raw message.
pub fn receive(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    inbox: &Inbox,
    raw: &[u8],
    source: Source,
) -> Result<Outcome, AppError> {
    // Files over the limit would be refused anyway: they are never decoded (a 25 MB
    // attachment is not held a second time to be measured and thrown away).
    let message = decode::parse_within(raw, inbox.max_file_bytes);
    let key = key_of(message.as_ref(), raw);
    receive_decoded(conn, now, inbox, message, key, Raw::Bytes(raw), source)
}

/// [`receive`] for a message in a file, which is never read into memory whole.
pub fn receive_file(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    inbox: &Inbox,
    file: &std::fs::File,
    source: Source,
) -> Result<Outcome, AppError> {
    let (message, hash) = decode::parse_file(file, inbox.max_file_bytes)
        .map_err(|e| AppError::Internal(format!("mail-in spool: {e}")))?;
    let key = match &message {
        Some(m) => key_of(Some(m), &[]),
        None => format!("sha256:{hash}"),
    };
    receive_decoded(conn, now, inbox, message, key, Raw::File(file), source)
}

fn receive_decoded(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    inbox: &Inbox,
    message: Option<Incoming>,
    key: String,
    raw: Raw<'_>,
    source: Source,
) -> Result<Outcome, AppError> {
    db::write(conn, |c| {
        let seen: i64 = mi::table
            .filter(mi::mail_key.eq(&key))
            .count()
            .get_result(c)?;
        if seen > 0 {
            return Ok(Outcome::Duplicate);
        }
        let mut row = Row {
            key: &key,
            source,
            sender: "",
            outcome: Outcome::Unreadable,
            ticket_id: None,
            message_id: None,
            raw: None,
            refused: vec![],
            bounced: None,
            detail: String::new(),
        };
        let Some(m) = &message else {
            return row.insert(c, now);
        };
        row.sender = m.from.as_ref().map_or("", |(_, a)| a.as_str());
        if let Some(b) = &m.bounce {
            row.outcome = Outcome::Bounce(b.recipient.clone());
            row.bounced = Some(&b.recipient);
            row.detail = b.status.clone();
            return row.insert(c, now);
        }
        if m.auto.is_some() || row.sender.is_empty() || inbox.is_own(row.sender) {
            row.outcome = Outcome::Ignored;
            row.detail = match m.auto {
                Some(a) => format!("{a:?}"),
                None if row.sender.is_empty() => "no sender".into(),
                None => "own address".into(),
            };
            return row.insert(c, now);
        }
        store(c, now, inbox, m, raw, row)
    })
}

/// A message from a person: onto its ticket, or a new one.
fn store<'a>(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    inbox: &Inbox,
    m: &'a Incoming,
    raw: Raw<'a>,
    mut row: Row<'a>,
) -> Result<Outcome, AppError> {
    let sender = row.sender;
    let name = m
        .from
        .as_ref()
        .map(|(n, _)| n.trim())
        .filter(|n| !n.is_empty())
        .unwrap_or(sender)
        .chars()
        .take(crate::tickets::MAX_NAME)
        .collect::<String>();
    // A member of an organisation, by their address: their replies and tickets are theirs.
    let user = accounts::user_by_email(c, sender)?
        .filter(|u| u.disabled_at.is_none() && u.organisation_id.is_some());
    let recipients: Vec<&str> = m
        .to_cc
        .iter()
        .chain(&m.delivered_to)
        .map(String::as_str)
        .collect();
    let join = thread::decide(
        &inbox.secret,
        inbox.support.as_deref(),
        &recipients,
        &m.in_reply_to_refs,
        &m.subject,
    );
    let body = text_of(m);
    // The ticket to add to, and for a new ticket the earlier one staff should see.
    let (target, link) = match join {
        Join::Token(number) | Join::Reference(number) => (followed(c, &number)?, None),
        Join::SubjectOnly(number) => match followed(c, &number)? {
            Some(t) if may_write_to(&t, sender, user.as_ref()) => (Some(t), None),
            Some(t) => (None, Some((NOTE_SUBJECT, t.number))),
            None => (None, None),
        },
        Join::New => (None, None),
    };
    row.raw = Some(raw);
    // A closed or merged-away ticket takes no answers: the mail opens a new ticket that points
    // to it (decided before any file is counted against the organisation's storage).
    let (target, link) = match target {
        Some(t) if t.state().after_customer_reply().is_none() || t.merged_into.is_some() => {
            (None, Some((NOTE_CLOSED, t.number)))
        }
        target => (target, link),
    };
    if let Some(ticket) = target {
        // Only a member of the ticket's own organisation writes as a member (with files).
        let author = user
            .as_ref()
            .filter(|u| u.organisation_id.is_some() && u.organisation_id == ticket.organisation_id);
        let (files_in, refused) = sort_files(c, now, inbox, m, author)?;
        let reply = CustomerReply {
            ticket_id: &ticket.id,
            user: author,
            body: &body,
            files: &files_in,
        };
        if let Some(message) = service::reply_from_mail(c, now, &inbox.routing, &reply, &name)? {
            row.outcome = Outcome::Joined(ticket.number.clone());
            row.ticket_id = Some(ticket.id.clone());
            row.message_id = Some(message);
            row.refused = refused;
            tell_refused(c, now, &row, &ticket, sender)?;
            return row.insert(c, now);
        }
        // Closed in the meantime (reply_row checks again): a new ticket that points to it.
        return open(
            c,
            now,
            inbox,
            m,
            row,
            user.as_ref(),
            &name,
            &body,
            Some((NOTE_CLOSED, ticket.number)),
        );
    }
    open(c, now, inbox, m, row, user.as_ref(), &name, &body, link)
}

/// The most bytes of an original stored in one row of `mail_in_originals`.
const ORIGINAL_PART: usize = 1024 * 1024;

/// The kinds of the staff notes on a ticket opened by mail (`tickets::views` words them).
pub const NOTE_CLOSED: &str = "mail-closed";
pub const NOTE_SUBJECT: &str = "mail-subject";

/// A new ticket from the message, within the sender's hourly allowance.
#[allow(clippy::too_many_arguments)]
fn open(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    inbox: &Inbox,
    m: &Incoming,
    mut row: Row,
    user: Option<&User>,
    name: &str,
    body: &str,
    link: Option<(&str, String)>,
) -> Result<Outcome, AppError> {
    let sender = row.sender;
    if inbox.per_sender_hour > 0 {
        let bucket = format!("mail-new:{}", crate::accounts::hash_token(sender));
        if !crate::throttle::hit_in(c, &bucket, now, Duration::hours(1), inbox.per_sender_hour)? {
            row.outcome = Outcome::Limited;
            row.raw = None;
            return row.insert(c, now);
        }
    }
    let org_name = match user.and_then(|u| u.organisation_id.as_deref()) {
        Some(id) => accounts::organisation(c, id)?.map(|o| o.name),
        None => None,
    };
    let who = Requester {
        user,
        name: user.map_or_else(|| name.to_owned(), |u| u.name.clone()),
        email: user.map_or_else(|| sender.to_owned(), |u| u.email.clone()),
        org: org_name.unwrap_or_default(),
        locale: user.map_or_else(|| guess_locale(m), User::locale),
    };
    let (files_in, refused) = sort_files(c, now, inbox, m, user)?;
    let new = NewTicket {
        category: Category::Other,
        subject: subject_of(m, body),
        body: body.to_owned(),
        order_id: None,
        validation_id: None,
        article_id: None,
        files: files_in,
    };
    let created = service::create_from_mail(c, now, &inbox.routing, &who, &new)?;
    if let Some((kind, number)) = link {
        service::staff_note(c, now, &created.id, kind, &number)?;
    }
    row.outcome = Outcome::Created(created.number.clone());
    row.ticket_id = Some(created.id.clone());
    row.message_id = Some(created.message);
    row.refused = refused;
    let ticket = tickets::by_id(c, &created.id)?.ok_or(AppError::NotFound)?;
    tell_refused(c, now, &row, &ticket, sender)?;
    row.insert(c, now)
}

/// The ticket `number`, or the one it was merged into (a reply to a merged ticket belongs there).
fn followed(c: &mut DbConn, number: &str) -> Result<Option<Ticket>, AppError> {
    let Some(t) = tickets::by_number(c, number)? else {
        return Ok(None);
    };
    match &t.merged_into {
        Some(into) => Ok(tickets::by_id(c, into)?.or(Some(t))),
        None => Ok(Some(t)),
    }
}

/// Whether a sender named only by a subject's ticket number may write to that ticket: the
/// requester, or a member of the requester's organisation. Anyone can type a number.
pub fn may_write_to(t: &Ticket, sender: &str, user: Option<&User>) -> bool {
    t.requester_email.eq_ignore_ascii_case(sender)
        || user
            .is_some_and(|u| u.organisation_id.is_some() && u.organisation_id == t.organisation_id)
}

/// What the sender wrote, within the length a ticket message may have (the whole mail stays in
/// the `.eml` for staff).
fn text_of(m: &Incoming) -> String {
    let text = if m.text.trim().is_empty() {
        &m.full_text
    } else {
        &m.text
    };
    text.trim().chars().take(MAX_BODY).collect()
}

/// The mail's subject, or the start of its text when it has none.
fn subject_of(m: &Incoming, body: &str) -> String {
    let subject = m.subject.trim();
    let subject = if subject.is_empty() {
        body.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
    } else {
        subject
    };
    let subject: String = subject.chars().take(MAX_SUBJECT).collect();
    if subject.is_empty() {
        "—".to_owned()
    } else {
        subject
    }
}

/// The language of a stranger's new ticket (members have their own): Swedish when å, ä or ö
/// appear in the subject or text, which Swedish writing hardly ever lacks; English otherwise.
pub fn guess_locale(m: &Incoming) -> Locale {
    let swedish = |s: &str| s.chars().any(|c| "åäöÅÄÖ".contains(c));
    if swedish(&m.subject) || swedish(&m.text) {
        Locale::Sv
    } else {
        Locale::En
    }
}

/// The message's files that a ticket takes, checked as uploads are, and the rest with why.
/// Inline parts that fail (signature logos in odd formats) are dropped without a word.
fn sort_files(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    inbox: &Inbox,
    m: &Incoming,
    author: Option<&User>,
) -> Result<(Vec<NewAttachment>, Vec<RefusedFile>), AppError> {
    let mut taken: Vec<NewAttachment> = vec![];
    let mut refused = vec![];
    for part in &m.attachments {
        let name = files::display_name(&part.name);
        let why = if author.is_none() {
            Err(Refused::Visitor)
        } else if part.left_out.is_some() || part.bytes.len() > inbox.max_file_bytes {
            Err(Refused::Size)
        } else {
            match files::detect(&part.bytes, &[Kind::Pdf, Kind::Png, Kind::Jpeg, Kind::Text]) {
                Err(FileProblem::Empty) => Err(Refused::Empty),
                Err(FileProblem::WrongType) => Err(Refused::Type),
                Ok(_) if taken.len() >= MAX_FILES => Err(Refused::Count),
                Ok(kind) => Ok(kind),
            }
        };
        match why {
            Ok(kind) => taken.push(NewAttachment {
                name,
                kind,
                data: part.bytes.clone(),
            }),
            Err(_) if part.inline => {}
            Err(r) => refused.push((name, r)),
        }
    }
    if let Some(u) = author
        && let Some(org) = &u.organisation_id
    {
        let adding: usize = taken.iter().map(|f| f.data.len()).sum();
        let adding = i64::try_from(adding).unwrap_or(i64::MAX);
        if storage::admit(c, now, org, &u.id, adding, inbox.storage)?.is_err() {
            refused.extend(taken.drain(..).map(|f| (f.name, Refused::Quota)));
        }
    }
    Ok((taken, refused))
}

/// Tells the sender which files did not reach the ticket, in the ticket's language.
fn tell_refused(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    row: &Row,
    ticket: &Ticket,
    sender: &str,
) -> Result<(), AppError> {
    if row.refused.is_empty() {
        return Ok(());
    }
    let mut payload = json!({
        "number": ticket.number,
        "subject": ticket.subject,
        "reply": true,
    });
    for reason in Refused::ALL {
        let names: Vec<&str> = row
            .refused
            .iter()
            .filter(|(_, r)| *r == reason)
            .map(|(n, _)| n.as_str())
            .collect();
        payload[format!("{}_files", reason.key())] = json!(names.join(", "));
        payload[format!("{}_count", reason.key())] = json!(names.len());
    }
    outbox::enqueue_email(
        c,
        now,
        "ticket.files_refused",
        sender,
        ticket.locale(),
        &payload,
    )?;
    Ok(())
}

/// The record of one message, written last in its transaction.
struct Row<'a> {
    key: &'a str,
    source: Source,
    sender: &'a str,
    outcome: Outcome,
    ticket_id: Option<String>,
    message_id: Option<i64>,
    raw: Option<Raw<'a>>,
    refused: Vec<(String, Refused)>,
    bounced: Option<&'a str>,
    detail: String,
}

impl Row<'_> {
    fn insert(self, c: &mut DbConn, now: PrimitiveDateTime) -> Result<Outcome, AppError> {
        let refused: Vec<String> = self
            .refused
            .iter()
            .map(|(name, r)| format!("{}\t{}", name.replace(['\t', '\n'], " "), r.key()))
            .collect();
        diesel::insert_into(mi::table)
            .values((
                mi::mail_key.eq(self.key),
                mi::received_at.eq(now),
                mi::source.eq(self.source.key()),
                mi::sender_email.eq(self.sender),
                mi::outcome.eq(self.outcome.key()),
                mi::ticket_id.eq(&self.ticket_id),
                mi::message_id.eq(self.message_id),
                mi::refused.eq(refused.join("\n")),
                mi::bounced_email.eq(self.bounced),
                mi::detail.eq(&self.detail),
            ))
            .execute(c)?;
        // The original is kept only beside a ticket message, for staff; in parts, so neither
        // SQLite nor libpq builds a second copy of a big mail in memory.
        if let (Some(_), Some(raw)) = (&self.ticket_id, self.raw) {
            let mut part = 0i32;
            raw.in_parts(ORIGINAL_PART, |data| {
                diesel::insert_into(mo::table)
                    .values((
                        mo::mail_key.eq(self.key),
                        mo::part.eq(part),
                        mo::data.eq(data),
                    ))
                    .execute(c)?;
                part += 1;
                Ok(())
            })?;
        }
        Ok(self.outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_keys_round_trip() {
        for r in Refused::ALL {
            assert_eq!(Refused::from_key(r.key()), Some(r));
        }
    }

    #[test]
    fn keys_prefer_the_message_id() {
        let raw = b"From: a@b.se\r\nMessage-ID: <x1@b.se>\r\nSubject: Hej\r\n\r\nText\r\n";
        let m = decode::parse(raw);
        assert_eq!(key_of(m.as_ref(), raw), "x1@b.se");
        let raw = b"From: a@b.se\r\nSubject: Hej\r\n\r\nText\r\n";
        let m = decode::parse(raw);
        assert!(key_of(m.as_ref(), raw).starts_with("sha256:"));
        assert_eq!(key_of(m.as_ref(), raw), key_of(m.as_ref(), raw));
    }

    #[test]
    fn swedish_letters_make_a_swedish_ticket() {
        let sv = decode::parse(b"From: a@b.se\r\nSubject: Fr\xc3\xa5ga\r\n\r\nHej\r\n");
        let en = decode::parse(b"From: a@b.se\r\nSubject: Question\r\n\r\nHello\r\n");
        assert_eq!(sv.map(|m| guess_locale(&m)), Some(Locale::Sv));
        assert_eq!(en.map(|m| guess_locale(&m)), Some(Locale::En));
    }
}
