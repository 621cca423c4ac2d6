//! The data export (GDPR Art. 15 and 20): one ZIP of JSON documents, the files they name and a
//! README in the reader's language, written as a stream. Rows are read a page at a time and
//! files one at a time, each with a connection taken for that read only, so neither a large
//! organisation nor a slow download holds memory or a database connection for long.
//! What each table becomes is in [`super::inventory`].

use std::collections::HashSet;
use std::io::{self, Write};

use actix_web::web::Bytes;
use diesel::prelude::*;
use serde::Serialize;
use time::PrimitiveDateTime;
use tokio::sync::mpsc;
use zip::write::SimpleFileOptions;

use crate::db::schema::{
    audit_log as al, files, order_history as oh, order_lines as ol, orders as o, organisations,
    outbox_events as ev, products, ticket_attachments as ta, ticket_messages as tm,
    ticket_ratings as tr, tickets as t, usage_checks as uc, users as u, validation_requests as vr,
};
use crate::db::{DbConn, Pool};
use crate::error::AppError;
use crate::i18n::{I18n, Locale, args};

/// Rows read per query.
const PAGE: i64 = 200;
/// Ids per `IN (…)` list, well below either backend's limit on bound parameters.
const CHUNK: usize = 500;
/// Bytes gathered before a piece of the ZIP goes to the client.
const PIECE: usize = 64 * 1024;

/// The JSON documents of each scope, in the order they are written (the README describes them).
const ORGANISATION_FILES: [&str; 8] = [
    "organisation.json",
    "users.json",
    "validation_requests.json",
    "orders.json",
    "tickets.json",
    "usage_checks.json",
    "outbox.json",
    "audit.json",
];
const PERSON_FILES: [&str; 4] = ["users.json", "tickets.json", "outbox.json", "audit.json"];

/// The README's message describing `file`.
fn readme_id(file: &str) -> String {
    format!(
        "privacy-export-readme-file-{}",
        file.trim_end_matches('/')
            .trim_end_matches(".json")
            .replace('_', "-")
    )
}

/// Whose data the export holds.
#[derive(Clone, Debug)]
pub enum Scope {
    /// An organisation's admin: the organisation, every user of it and all its records.
    Organisation { org_id: String },
    /// One person: their user record if there is one, the tickets they asked, the e-mails sent
    /// to their address and the audit entries about them.
    Person(Person),
}

#[derive(Clone, Debug)]
pub struct Person {
    pub user_id: Option<String>,
    pub email: String,
    /// Also visitor tickets whose requester gave this address: only for staff, who answer an
    /// access request after checking who asks (a member's own address may be unconfirmed).
    pub by_address: bool,
}

/// What a person's export would hold, counted first: the audit entry names the counts, and an
/// address with nothing gets a page saying so instead of an empty ZIP.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub users: i64,
    pub tickets: i64,
    pub outbox: i64,
}

impl Counts {
    pub fn is_empty(&self) -> bool {
        self.users + self.tickets + self.outbox == 0
    }
}

/// The user holding `email`, if any (id).
pub fn user_with_email(conn: &mut DbConn, email: &str) -> Result<Option<String>, AppError> {
    Ok(u::table
        .filter(u::email.eq(email))
        .select(u::id)
        .first(conn)
        .optional()?)
}

pub fn count(conn: &mut DbConn, p: &Person) -> Result<Counts, AppError> {
    let users = i64::from(p.user_id.is_some());
    let uid = p.user_id.clone().unwrap_or_default();
    let mut q = t::table.into_boxed().filter(t::requester_id.eq(uid));
    if p.by_address {
        q = q.or_filter(t::requester_email.eq(&p.email));
    }
    let tickets = q.count().get_result(conn)?;
    let outbox = ev::table
        .filter(ev::recipient.eq(&p.email))
        .count()
        .get_result(conn)?;
    Ok(Counts {
        users,
        tickets,
        outbox,
    })
}

/// `donera-export-<orgnr>-<date>.zip`, or with the address's local part for a person without
/// an organisation; only characters safe in a header.
pub fn file_name(label: &str, today: time::Date) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!(
        "donera-export-{}-{}.zip",
        clean.trim_matches('-'),
        crate::i18n::format::iso_date(today)
    )
}

/// Writes the ZIP into `tx` from a blocking thread; pieces of at most [`PIECE`] bytes wait in
/// the bounded channel until the client takes them. A failure ends the stream with an error, so
/// the client sees a broken download rather than a short ZIP that looks whole.
pub fn write_into(
    pool: Pool,
    i18n: &I18n,
    locale: Locale,
    scope: Scope,
    now: PrimitiveDateTime,
    tx: mpsc::Sender<Result<Bytes, io::Error>>,
) {
    let mut out = ChannelWriter {
        tx: tx.clone(),
        buf: Vec::with_capacity(PIECE),
    };
    let result = Export {
        pool,
        i18n,
        locale,
        now,
        options: options(now),
    }
    .run(&scope, &mut out);
    match result {
        Ok(()) => {}
        // The client went away: nobody to tell.
        Err(AppError::Internal(m)) if m == GONE => {}
        Err(e) => {
            tracing::error!(error = %e, "data export failed");
            let _ = tx.blocking_send(Err(io::Error::other("export failed")));
        }
    }
}

const GONE: &str = "client gone";

/// An `io::Write` that hands full pieces to the response body through the channel.
struct ChannelWriter {
    tx: mpsc::Sender<Result<Bytes, io::Error>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let piece = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(PIECE)));
        self.tx
            .blocking_send(Ok(piece))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, GONE))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= PIECE {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

fn options(now: PrimitiveDateTime) -> SimpleFileOptions {
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
    )
    .unwrap_or_default();
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644)
}

fn io_err(e: io::Error) -> AppError {
    if e.kind() == io::ErrorKind::BrokenPipe {
        AppError::Internal(GONE.into())
    } else {
        AppError::Internal(format!("export: {e}"))
    }
}

fn zip_err(e: zip::result::ZipError) -> AppError {
    match e {
        zip::result::ZipError::Io(e) => io_err(e),
        e => AppError::Internal(format!("export: {e}")),
    }
}

type Zip<'a> = zip::ZipWriter<zip::write::StreamWriter<&'a mut ChannelWriter>>;

struct Export<'a> {
    pool: Pool,
    i18n: &'a I18n,
    locale: Locale,
    now: PrimitiveDateTime,
    options: SimpleFileOptions,
}

/// A JSON array written one element at a time into the open ZIP entry.
struct JsonArray {
    first: bool,
}

impl JsonArray {
    fn open(z: &mut Zip) -> Result<JsonArray, AppError> {
        z.write_all(b"[").map_err(io_err)?;
        Ok(JsonArray { first: true })
    }

    fn push<T: Serialize>(&mut self, z: &mut Zip, item: &T) -> Result<(), AppError> {
        z.write_all(if self.first { b"\n" } else { b",\n" })
            .map_err(io_err)?;
        self.first = false;
        serde_json::to_writer_pretty(&mut *z, item)
            .map_err(|e| AppError::Internal(format!("export json: {e}")))
    }

    fn close(self, z: &mut Zip) -> Result<(), AppError> {
        z.write_all(b"\n]\n").map_err(io_err)
    }
}

/// A file the JSON names, written under `files/` once the JSON entry is closed.
struct Blob {
    id: String,
    path: String,
}

fn blob_path(id: &str, content_type: &str) -> String {
    let ext =
        crate::files::Kind::from_mime(content_type).map_or("bin", crate::files::Kind::extension);
    format!("files/{id}.{ext}")
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = organisations)]
struct OrgRow {
    id: String,
    name: String,
    org_number: String,
    org_type: String,
    needs_review: bool,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
}

/// A user without password hash, sessions, tokens or second-step secrets.
#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = u)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    phone: Option<String>,
    role: String,
    organisation_id: Option<String>,
    is_org_admin: bool,
    locale: String,
    #[serde(serialize_with = "iso::at_opt")]
    email_verified_at: Option<PrimitiveDateTime>,
    #[serde(serialize_with = "iso::at_opt")]
    disabled_at: Option<PrimitiveDateTime>,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = files)]
struct FileRow {
    id: String,
    original_name: String,
    content_type: String,
    size: i64,
    sha256: String,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
}

#[derive(Serialize)]
struct FileRef {
    /// Where the bytes are inside the ZIP.
    path: String,
    #[serde(flatten)]
    file: FileRow,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = vr)]
struct ValidationRow {
    id: String,
    file_id: String,
    note: String,
    state: String,
    submitted_by: String,
    #[serde(serialize_with = "iso::at")]
    submitted_at: PrimitiveDateTime,
    #[serde(serialize_with = "iso::at_opt")]
    decided_at: Option<PrimitiveDateTime>,
    #[serde(serialize_with = "iso::day_opt")]
    valid_from: Option<time::Date>,
    #[serde(serialize_with = "iso::day_opt")]
    valid_to: Option<time::Date>,
    reason_sv: Option<String>,
    reason_en: Option<String>,
}

#[derive(Serialize)]
struct ValidationOut {
    #[serde(flatten)]
    row: ValidationRow,
    certificate: Option<FileRef>,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = o)]
struct OrderRow {
    id: String,
    placed_by: String,
    state: String,
    total_ore: i64,
    #[serde(serialize_with = "iso::at")]
    submitted_at: PrimitiveDateTime,
    #[serde(serialize_with = "iso::at")]
    updated_at: PrimitiveDateTime,
    reason: Option<String>,
    fulfilment_note: Option<String>,
}

#[derive(Serialize, Queryable)]
struct LineRow {
    sku: String,
    product_sv: String,
    product_en: String,
    quantity: i32,
    fee_ore: i64,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = oh)]
struct HistoryRow {
    #[serde(serialize_with = "iso::at")]
    at: PrimitiveDateTime,
    state: String,
    actor_id: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct OrderOut {
    #[serde(flatten)]
    row: OrderRow,
    lines: Vec<LineRow>,
    history: Vec<HistoryRow>,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = uc)]
struct UsageRow {
    id: String,
    created_by: String,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
    #[serde(serialize_with = "iso::day")]
    reference_date: time::Date,
    active: i64,
    licensed: i64,
    share_tenths: i64,
    needed: i64,
    passes: bool,
    products: String,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = t)]
struct TicketRow {
    id: String,
    number: String,
    organisation_id: Option<String>,
    requester_id: Option<String>,
    requester_name: String,
    requester_email: String,
    requester_org: String,
    locale: String,
    category: String,
    subject: String,
    state: String,
    priority: String,
    assignee_id: Option<String>,
    order_id: Option<String>,
    validation_id: Option<String>,
    merged_into: Option<String>,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
    #[serde(serialize_with = "iso::at")]
    updated_at: PrimitiveDateTime,
    #[serde(serialize_with = "iso::at_opt")]
    resolved_at: Option<PrimitiveDateTime>,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = tm)]
struct MessageRow {
    id: i64,
    author_kind: String,
    author_id: Option<String>,
    author_name: String,
    internal: bool,
    body: String,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
}

#[derive(Serialize)]
struct MessageOut {
    #[serde(flatten)]
    row: MessageRow,
    attachments: Vec<FileRef>,
}

/// The requester's satisfaction answer (`good` or `bad`), its comment and when it was given.
#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = tr)]
struct RatingRow {
    rating: String,
    comment: String,
    #[serde(serialize_with = "iso::at")]
    rated_at: PrimitiveDateTime,
}

#[derive(Serialize)]
struct TicketOut {
    #[serde(flatten)]
    row: TicketRow,
    messages: Vec<MessageOut>,
    satisfaction: Option<RatingRow>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ev)]
struct OutboxRow {
    id: String,
    kind: String,
    channel: String,
    recipient: Option<String>,
    locale: String,
    payload: String,
    state: String,
    created_at: PrimitiveDateTime,
    delivered_at: Option<PrimitiveDateTime>,
}

#[derive(Serialize)]
struct OutboxOut {
    id: String,
    kind: String,
    channel: String,
    recipient: Option<String>,
    locale: String,
    content: serde_json::Value,
    state: String,
    #[serde(serialize_with = "iso::at")]
    created_at: PrimitiveDateTime,
    #[serde(serialize_with = "iso::at_opt")]
    delivered_at: Option<PrimitiveDateTime>,
}

#[derive(Serialize, Queryable, Selectable)]
#[diesel(table_name = al)]
struct AuditRow {
    id: i64,
    #[serde(serialize_with = "iso::at")]
    at: PrimitiveDateTime,
    actor_id: Option<String>,
    actor_kind: String,
    action: String,
    record_kind: String,
    record_id: String,
    ip: String,
    details: String,
}

/// An e-mail's content without the links in it: a sign-in, reset, invitation or private ticket
/// link may still work, and the export goes to whoever asked, not only to the address's owner.
pub fn redact_payload(payload: &str) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, val) in m.iter_mut() {
                    let k = k.to_ascii_lowercase();
                    if ["path", "link", "url", "token", "href"]
                        .iter()
                        .any(|w| k == *w || k.ends_with(&format!("_{w}")))
                    {
                        *val = serde_json::Value::String("[removed]".into());
                    } else {
                        walk(val);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut v = serde_json::from_str(payload).unwrap_or(serde_json::Value::Null);
    walk(&mut v);
    v
}

impl Export<'_> {
    fn conn(&self) -> Result<crate::db::PooledConn, AppError> {
        self.pool
            .get()
            .map_err(|e| AppError::Unavailable(e.to_string()))
    }

    fn run(&self, scope: &Scope, out: &mut ChannelWriter) -> Result<(), AppError> {
        let mut z: Zip = zip::ZipWriter::new_stream(out);
        let mut ids: HashSet<String> = HashSet::new();
        let mut written: Vec<&'static str> = vec![];
        let mut blobs = vec![];
        match scope {
            Scope::Organisation { org_id } => {
                ids.insert(org_id.clone());
                self.organisation(&mut z, org_id)?;
                let emails = self.users(&mut z, UserFilter::Org(org_id), &mut ids)?;
                blobs.extend(self.validations(&mut z, org_id, &mut ids)?);
                self.orders(&mut z, org_id, &mut ids)?;
                blobs.extend(self.tickets(&mut z, TicketFilter::Org(org_id), &mut ids)?);
                self.usage(&mut z, org_id, &mut ids)?;
                self.outbox(&mut z, &emails)?;
                self.audit(&mut z, &ids, None)?;
                written.extend(ORGANISATION_FILES);
            }
            Scope::Person(p) => {
                if let Some(uid) = &p.user_id {
                    ids.insert(uid.clone());
                }
                self.users(&mut z, UserFilter::One(p.user_id.as_deref()), &mut ids)?;
                blobs.extend(self.tickets(&mut z, TicketFilter::Person(p), &mut ids)?);
                self.outbox(&mut z, std::slice::from_ref(&p.email))?;
                self.audit(&mut z, &ids, Some(&p.email))?;
                written.extend(PERSON_FILES);
            }
        }
        let files_written = !blobs.is_empty();
        for b in blobs {
            let data: Option<Vec<u8>> = files::table
                .find(&b.id)
                .select(files::data)
                .first(&mut *self.conn()?)
                .optional()?;
            // A file removed since its row was read is simply not there.
            if let Some(data) = data {
                z.start_file(b.path.as_str(), self.options)
                    .map_err(zip_err)?;
                z.write_all(&data).map_err(io_err)?;
            }
        }
        if files_written {
            written.push("files/");
        }
        z.start_file("README.txt", self.options).map_err(zip_err)?;
        z.write_all(self.readme(scope, &written).as_bytes())
            .map_err(io_err)?;
        let mut sw = z.finish().map_err(zip_err)?;
        sw.flush().map_err(io_err)
    }

    fn entry(&self, z: &mut Zip, name: &str) -> Result<(), AppError> {
        z.start_file(name, self.options).map_err(zip_err)
    }

    fn organisation(&self, z: &mut Zip, org_id: &str) -> Result<(), AppError> {
        let org: OrgRow = organisations::table
            .find(org_id)
            .select(OrgRow::as_select())
            .first(&mut *self.conn()?)?;
        self.entry(z, "organisation.json")?;
        serde_json::to_writer_pretty(&mut *z, &org)
            .map_err(|e| AppError::Internal(format!("export json: {e}")))?;
        z.write_all(b"\n").map_err(io_err)
    }

    /// Writes `users.json`; returns the users' addresses.
    fn users(
        &self,
        z: &mut Zip,
        which: UserFilter,
        ids: &mut HashSet<String>,
    ) -> Result<Vec<String>, AppError> {
        self.entry(z, "users.json")?;
        let mut arr = JsonArray::open(z)?;
        let mut emails = vec![];
        let mut last = String::new();
        loop {
            let mut q = u::table.into_boxed().filter(u::id.gt(last.clone()));
            q = match which {
                UserFilter::Org(org) => q.filter(u::organisation_id.eq(org.to_owned())),
                UserFilter::One(Some(id)) => q.filter(u::id.eq(id.to_owned())),
                UserFilter::One(None) => break,
            };
            let rows: Vec<UserRow> = q
                .order(u::id)
                .limit(PAGE)
                .select(UserRow::as_select())
                .load(&mut *self.conn()?)?;
            let Some(l) = rows.last() else { break };
            last = l.id.clone();
            for r in rows {
                ids.insert(r.id.clone());
                emails.push(r.email.clone());
                arr.push(z, &r)?;
            }
        }
        arr.close(z)?;
        Ok(emails)
    }

    fn file_ref(&self, conn: &mut DbConn, id: &str) -> Result<Option<FileRef>, AppError> {
        let f: Option<FileRow> = files::table
            .find(id)
            .select(FileRow::as_select())
            .first(conn)
            .optional()?;
        Ok(f.map(|file| FileRef {
            path: blob_path(&file.id, &file.content_type),
            file,
        }))
    }

    fn validations(
        &self,
        z: &mut Zip,
        org_id: &str,
        ids: &mut HashSet<String>,
    ) -> Result<Vec<Blob>, AppError> {
        self.entry(z, "validation_requests.json")?;
        let mut arr = JsonArray::open(z)?;
        let mut blobs = vec![];
        let mut last = String::new();
        loop {
            let (rows, refs) = {
                let mut c = self.conn()?;
                let rows: Vec<ValidationRow> = vr::table
                    .filter(vr::organisation_id.eq(org_id))
                    .filter(vr::id.gt(&last))
                    .order(vr::id)
                    .limit(PAGE)
                    .select(ValidationRow::as_select())
                    .load(&mut *c)?;
                let mut refs = vec![];
                for r in &rows {
                    refs.push(self.file_ref(&mut c, &r.file_id)?);
                }
                (rows, refs)
            };
            let Some(l) = rows.last() else { break };
            last = l.id.clone();
            for (row, certificate) in rows.into_iter().zip(refs) {
                ids.insert(row.id.clone());
                if let Some(f) = &certificate {
                    ids.insert(f.file.id.clone());
                    blobs.push(Blob {
                        id: f.file.id.clone(),
                        path: f.path.clone(),
                    });
                }
                arr.push(z, &ValidationOut { row, certificate })?;
            }
        }
        arr.close(z)?;
        Ok(blobs)
    }

    fn orders(&self, z: &mut Zip, org_id: &str, ids: &mut HashSet<String>) -> Result<(), AppError> {
        self.entry(z, "orders.json")?;
        let mut arr = JsonArray::open(z)?;
        let mut last = String::new();
        loop {
            let out = {
                let mut c = self.conn()?;
                let rows: Vec<OrderRow> = o::table
                    .filter(o::organisation_id.eq(org_id))
                    .filter(o::id.gt(&last))
                    .order(o::id)
                    .limit(PAGE)
                    .select(OrderRow::as_select())
                    .load(&mut *c)?;
                let mut out = vec![];
                for row in rows {
                    let lines = ol::table
                        .inner_join(products::table)
                        .filter(ol::order_id.eq(&row.id))
                        .order(products::sku)
                        .select((
                            products::sku,
                            products::name_sv,
                            products::name_en,
                            ol::quantity,
                            ol::fee_ore,
                        ))
                        .load(&mut *c)?;
                    let history = oh::table
                        .filter(oh::order_id.eq(&row.id))
                        .order(oh::id)
                        .select(HistoryRow::as_select())
                        .load(&mut *c)?;
                    out.push(OrderOut {
                        row,
                        lines,
                        history,
                    });
                }
                out
            };
            let Some(l) = out.last() else { break };
            last = l.row.id.clone();
            for order in out {
                ids.insert(order.row.id.clone());
                arr.push(z, &order)?;
            }
        }
        arr.close(z)
    }

    fn tickets(
        &self,
        z: &mut Zip,
        which: TicketFilter,
        ids: &mut HashSet<String>,
    ) -> Result<Vec<Blob>, AppError> {
        self.entry(z, "tickets.json")?;
        let mut arr = JsonArray::open(z)?;
        let mut blobs = vec![];
        let mut last = String::new();
        loop {
            let mut q = t::table.into_boxed().filter(t::id.gt(last.clone()));
            q = match which {
                TicketFilter::Org(org) => q.filter(t::organisation_id.eq(org.to_owned())),
                TicketFilter::Person(p) => {
                    let uid = p.user_id.clone().unwrap_or_default();
                    if p.by_address {
                        q.filter(
                            t::requester_id
                                .eq(uid)
                                .or(t::requester_email.eq(p.email.clone())),
                        )
                    } else {
                        q.filter(t::requester_id.eq(uid))
                    }
                }
            };
            let rows: Vec<TicketRow> = q
                .order(t::id)
                .limit(PAGE)
                .select(TicketRow::as_select())
                .load(&mut *self.conn()?)?;
            let Some(l) = rows.last() else { break };
            last = l.id.clone();
            for row in rows {
                // One ticket's messages at a time: a long conversation is still one ticket.
                let ticket = self.ticket(row)?;
                ids.insert(ticket.row.id.clone());
                for m in &ticket.messages {
                    for a in &m.attachments {
                        ids.insert(a.file.id.clone());
                        blobs.push(Blob {
                            id: a.file.id.clone(),
                            path: a.path.clone(),
                        });
                    }
                }
                arr.push(z, &ticket)?;
            }
        }
        arr.close(z)?;
        Ok(blobs)
    }

    fn ticket(&self, row: TicketRow) -> Result<TicketOut, AppError> {
        let mut c = self.conn()?;
        let rows: Vec<MessageRow> = tm::table
            .filter(tm::ticket_id.eq(&row.id))
            .order(tm::id)
            .select(MessageRow::as_select())
            .load(&mut *c)?;
        let mut messages = vec![];
        for m in rows {
            let file_ids: Vec<String> = ta::table
                .filter(ta::message_id.eq(m.id))
                .order(ta::file_id)
                .select(ta::file_id)
                .load(&mut *c)?;
            let mut attachments = vec![];
            for f in file_ids {
                attachments.extend(self.file_ref(&mut c, &f)?);
            }
            messages.push(MessageOut {
                row: m,
                attachments,
            });
        }
        let satisfaction = tr::table
            .find(&row.id)
            .select(RatingRow::as_select())
            .first(&mut *c)
            .optional()?;
        Ok(TicketOut {
            row,
            messages,
            satisfaction,
        })
    }

    fn usage(&self, z: &mut Zip, org_id: &str, ids: &mut HashSet<String>) -> Result<(), AppError> {
        self.entry(z, "usage_checks.json")?;
        let mut arr = JsonArray::open(z)?;
        let mut last = String::new();
        loop {
            let rows: Vec<UsageRow> = uc::table
                .filter(uc::organisation_id.eq(org_id))
                .filter(uc::id.gt(&last))
                .order(uc::id)
                .limit(PAGE)
                .select(UsageRow::as_select())
                .load(&mut *self.conn()?)?;
            let Some(l) = rows.last() else { break };
            last = l.id.clone();
            for r in rows {
                ids.insert(r.id.clone());
                arr.push(z, &r)?;
            }
        }
        arr.close(z)
    }

    fn outbox(&self, z: &mut Zip, emails: &[String]) -> Result<(), AppError> {
        self.entry(z, "outbox.json")?;
        let mut arr = JsonArray::open(z)?;
        for chunk in emails.chunks(CHUNK) {
            let mut last = String::new();
            loop {
                let rows: Vec<OutboxRow> = ev::table
                    .filter(ev::recipient.eq_any(chunk))
                    .filter(ev::id.gt(&last))
                    .order(ev::id)
                    .limit(PAGE)
                    .select(OutboxRow::as_select())
                    .load(&mut *self.conn()?)?;
                let Some(l) = rows.last() else { break };
                last = l.id.clone();
                for r in rows {
                    arr.push(
                        z,
                        &OutboxOut {
                            content: redact_payload(&r.payload),
                            id: r.id,
                            kind: r.kind,
                            channel: r.channel,
                            recipient: r.recipient,
                            locale: r.locale,
                            state: r.state,
                            created_at: r.created_at,
                            delivered_at: r.delivered_at,
                        },
                    )?;
                }
            }
        }
        arr.close(z)
    }

    /// Entries by or about any of `ids` (people, the organisation, its records), and for a
    /// person those whose details name their address; each entry once.
    fn audit(
        &self,
        z: &mut Zip,
        ids: &HashSet<String>,
        email: Option<&str>,
    ) -> Result<(), AppError> {
        self.entry(z, "audit.json")?;
        let mut arr = JsonArray::open(z)?;
        let mut seen: HashSet<i64> = HashSet::new();
        let mut ids: Vec<&String> = ids.iter().collect();
        ids.sort();
        let mut emit = |z: &mut Zip, rows: Vec<AuditRow>| -> Result<(), AppError> {
            for r in rows {
                if seen.insert(r.id) {
                    arr.push(z, &r)?;
                }
            }
            Ok(())
        };
        for chunk in ids.chunks(CHUNK) {
            let mut last = 0i64;
            loop {
                let rows: Vec<AuditRow> = al::table
                    .filter(al::record_id.eq_any(chunk).or(al::actor_id.eq_any(chunk)))
                    .filter(al::id.gt(last))
                    .order(al::id)
                    .limit(PAGE)
                    .select(AuditRow::as_select())
                    .load(&mut *self.conn()?)?;
                let Some(l) = rows.last() else { break };
                last = l.id;
                emit(z, rows)?;
            }
        }
        if let Some(email) = email {
            let pattern = format!("%{}%", like_escape(email));
            let mut last = 0i64;
            loop {
                let rows: Vec<AuditRow> = al::table
                    .filter(al::details.like(&pattern).escape('\\'))
                    .filter(al::id.gt(last))
                    .order(al::id)
                    .limit(PAGE)
                    .select(AuditRow::as_select())
                    .load(&mut *self.conn()?)?;
                let Some(l) = rows.last() else { break };
                last = l.id;
                emit(z, rows)?;
            }
        }
        arr.close(z)
    }

    fn readme(&self, scope: &Scope, written: &[&str]) -> String {
        let t = |id: &str| self.i18n.format(self.locale, id, None);
        let mut s = String::new();
        s.push_str(&t("privacy-export-readme-title"));
        s.push_str("\n\n");
        s.push_str(&self.i18n.format(
            self.locale,
            "privacy-export-readme-made",
            Some(&args([(
                "when",
                crate::i18n::format::datetime(self.i18n, self.locale, self.now).into(),
            )])),
        ));
        s.push_str("\n\n");
        s.push_str(&t(match scope {
            Scope::Organisation { .. } => "privacy-export-readme-scope-organisation",
            Scope::Person(_) => "privacy-export-readme-scope-person",
        }));
        s.push_str("\n\n");
        s.push_str(&t("privacy-export-readme-files"));
        s.push('\n');
        for file in written {
            let id = readme_id(file);
            s.push_str(&format!("\n{file}\n"));
            s.push_str(&self.i18n.format(
                self.locale,
                &id,
                Some(&args([("file", (*file).into())])),
            ));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&t("privacy-export-readme-left-heading"));
        s.push('\n');
        for (reason, tables) in super::inventory::left_out_by_reason() {
            s.push_str(&format!("\n{}\n", tables.join(", ")));
            s.push_str(&t(reason.fluent_id()));
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&t("privacy-export-readme-formats"));
        s.push('\n');
        s
    }
}

#[derive(Clone, Copy)]
enum UserFilter<'a> {
    Org(&'a str),
    One(Option<&'a str>),
}

#[derive(Clone, Copy)]
enum TicketFilter<'a> {
    Org(&'a str),
    Person(&'a Person),
}

/// Times as ISO 8601 in UTC and dates as `YYYY-MM-DD`, for people and programs alike (the
/// `time` crate's own serde form is a tuple of numbers).
mod iso {
    use serde::Serializer;
    use time::{Date, PrimitiveDateTime};

    pub fn text(t: &PrimitiveDateTime) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            crate::i18n::format::iso_date(t.date()),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    pub fn at<S: Serializer>(t: &PrimitiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&text(t))
    }

    pub fn at_opt<S: Serializer>(t: &Option<PrimitiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&text(t)),
            None => s.serialize_none(),
        }
    }

    pub fn day<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::i18n::format::iso_date(*d))
    }

    pub fn day_opt<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => day(d, s),
            None => s.serialize_none(),
        }
    }
}

/// `value` with LIKE's wildcards escaped by `\`.
fn like_escape(value: &str) -> String {
    let mut s = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_mail_payloads_are_removed_and_the_rest_kept() {
        let v = redact_payload(
            r#"{"path":"/sv/aterstall/abc","name":"Anna","ticket":{"number":"2026-1","visitor_link":"https://x/y"},"list":[{"url":"u"}]}"#,
        );
        assert_eq!(v["path"], "[removed]");
        assert_eq!(v["name"], "Anna");
        assert_eq!(v["ticket"]["number"], "2026-1");
        assert_eq!(v["ticket"]["visitor_link"], "[removed]");
        assert_eq!(v["list"][0]["url"], "[removed]");
        assert_eq!(redact_payload("not json"), serde_json::Value::Null);
    }

    #[test]
    fn the_readme_describes_every_file_in_both_languages() {
        let i18n = I18n::load(true).unwrap();
        for file in ORGANISATION_FILES.iter().chain(&["files/"]) {
            for l in Locale::ALL {
                assert!(i18n.has(l, &readme_id(file)), "{file} in {}", l.code());
            }
        }
        assert!(PERSON_FILES.iter().all(|f| ORGANISATION_FILES.contains(f)));
        for r in super::super::inventory::Reason::ALL {
            for l in Locale::ALL {
                assert!(i18n.has(l, r.fluent_id()), "{r:?} in {}", l.code());
            }
        }
    }

    #[test]
    fn times_read_as_iso_8601_in_utc() {
        let t = time::macros::datetime!(2026-11-28 09:05:07.5);
        assert_eq!(iso::text(&t), "2026-11-28T09:05:07Z");
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_escape("a_b%c\\d"), "a\\_b\\%c\\\\d");
    }

    #[test]
    fn the_file_name_keeps_only_safe_characters() {
        let d = time::macros::date!(2026 - 12 - 03);
        assert_eq!(
            file_name("802000-0009", d),
            "donera-export-802000-0009-2026-12-03.zip"
        );
        assert_eq!(
            file_name("a\"b\r\nc", d),
            "donera-export-a-b--c-2026-12-03.zip"
        );
    }

    #[test]
    fn counts_are_empty_only_when_nothing_is_held() {
        assert!(Counts::default().is_empty());
        assert!(
            !Counts {
                outbox: 1,
                ..Counts::default()
            }
            .is_empty()
        );
    }
}
