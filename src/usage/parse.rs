//! Reading the CSV exports of Microsoft 365's usage reports (Microsoft 365 admin center → Reports →
//! Usage → Export, or the Microsoft Graph `reportRoot` functions, which write the same files).
//!
//! Supported reports, recognised by their headers (see [`ReportKind`]):
//!
//! - **Active users** (`getOffice365ActiveUserDetail`): `Report Refresh Date`, `User Principal Name`,
//!   `Display Name`, `Is Deleted`, `Deleted Date`, `Has Exchange|OneDrive|SharePoint|Skype For
//!   Business|Yammer|Teams License`, `… Last Activity Date` per service, `… License Assign Date` per
//!   service, `Assigned Products` (joined with `+`).
//! - **Microsoft 365 Apps usage** (`getM365AppUserDetail`): `Last Activation Date`,
//!   `Last Activity Date` and per-app/per-platform columns.
//! - **Teams user activity** (`getTeamsUserActivityUserDetail`): `Last Activity Date` and counts.
//! - **Email activity** (`getEmailActivityUserDetail`): `Last Activity Date`, `Send Count`,
//!   `Receive Count`, `Read Count`, `Meeting Created Count`, `Meeting Interacted Count`,
//!   `Report Period`.
//! - **Yammer/Viva Engage activity** (`getYammerActivityUserDetail`): `Last Activity Date`,
//!   `Posted Count`, `Read Count`, `Liked Count`.
//!
//! The file may be UTF-8 with or without a byte-order mark, with CRLF or LF line ends and quoted
//! fields. Columns are found by header name, case-insensitively and whatever their order; unknown
//! columns are ignored. A file saved again by a spreadsheet with `;` or tab as separator is read
//! too (the separator is taken from the header line). Values: `True`/`False`, `Yes`/`No` (and the
//! Swedish spreadsheet words `Sant`/`Falskt`), any case; an empty yes/no is `False`. Dates are
//! `YYYY-MM-DD` (a time after the date, `2025-03-31T00:00:00Z` or `2025-03-31 00:00:00`, is
//! ignored); an empty date means no activity. Yammer's columns are also accepted under the new name
//! Viva Engage (`Viva Engage Last Activity Date`, `Has Viva Engage License`).

use std::collections::{HashMap, VecDeque};
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek, SeekFrom};

use csv::{ReaderBuilder, StringRecord, Trim};
use time::Date;
use time::macros::format_description;

use super::error::{UsageError, ValueKind};

/// Largest file accepted, in bytes (20 MB).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Most data rows accepted in one file.
pub const MAX_ROWS: usize = 200_000;

/// Longest line accepted, in bytes: one CSV record, line breaks inside quoted fields included.
/// Microsoft's rows are well under 2 KB; the limit is checked before the record is read, so a
/// hostile file never makes the parser hold more than this of one line.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Most columns accepted on a line (Microsoft's widest export has about 30), checked before the
/// line is split into fields.
pub const MAX_COLUMNS: usize = 200;

/// Longest value quoted back in a [`UsageError::Value`].
const MAX_QUOTED: usize = 40;

/// Which usage report a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReportKind {
    /// `getOffice365ActiveUserDetail`, "Active users": the only report that says who holds licenses.
    ActiveUsers,
    /// `getM365AppUserDetail`, "Microsoft 365 Apps usage".
    M365Apps,
    /// `getTeamsUserActivityUserDetail`, "Teams user activity".
    Teams,
    /// `getEmailActivityUserDetail`, "Email activity".
    Email,
    /// `getYammerActivityUserDetail`, "Yammer (Viva Engage) activity".
    Yammer,
}

impl ReportKind {
    pub const ALL: [ReportKind; 5] = [
        ReportKind::ActiveUsers,
        ReportKind::M365Apps,
        ReportKind::Teams,
        ReportKind::Email,
        ReportKind::Yammer,
    ];

    /// A stable key for Fluent selectors and storage: `active-users`, `m365-apps`, `teams`,
    /// `email`, `yammer`.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::ActiveUsers => "active-users",
            ReportKind::M365Apps => "m365-apps",
            ReportKind::Teams => "teams",
            ReportKind::Email => "email",
            ReportKind::Yammer => "yammer",
        }
    }

    /// The Microsoft Graph function that produces this report.
    pub fn graph_function(self) -> &'static str {
        match self {
            ReportKind::ActiveUsers => "getOffice365ActiveUserDetail",
            ReportKind::M365Apps => "getM365AppUserDetail",
            ReportKind::Teams => "getTeamsUserActivityUserDetail",
            ReportKind::Email => "getEmailActivityUserDetail",
            ReportKind::Yammer => "getYammerActivityUserDetail",
        }
    }

    /// The service whose activity an extra activity report shows (`None` for active users, which
    /// has one column per service).
    pub fn service(self) -> Option<Service> {
        match self {
            ReportKind::ActiveUsers => None,
            ReportKind::M365Apps => Some(Service::M365Apps),
            ReportKind::Teams => Some(Service::Teams),
            ReportKind::Email => Some(Service::Exchange),
            ReportKind::Yammer => Some(Service::Yammer),
        }
    }
}

/// A Microsoft 365 cloud service whose use makes a user active.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Service {
    Exchange,
    OneDrive,
    SharePoint,
    SkypeForBusiness,
    /// Yammer, now Viva Engage.
    Yammer,
    Teams,
    /// Microsoft 365 Apps (the subscription apps; perpetual Office never appears in the reports).
    M365Apps,
}

impl Service {
    pub const ALL: [Service; 7] = [
        Service::Exchange,
        Service::OneDrive,
        Service::SharePoint,
        Service::SkypeForBusiness,
        Service::Yammer,
        Service::Teams,
        Service::M365Apps,
    ];

    /// A stable key for Fluent ids and CSV headers: `exchange`, `onedrive`, `sharepoint`,
    /// `skype-for-business`, `yammer`, `teams`, `m365-apps`.
    pub fn key(self) -> &'static str {
        match self {
            Service::Exchange => "exchange",
            Service::OneDrive => "onedrive",
            Service::SharePoint => "sharepoint",
            Service::SkypeForBusiness => "skype-for-business",
            Service::Yammer => "yammer",
            Service::Teams => "teams",
            Service::M365Apps => "m365-apps",
        }
    }

    fn index(self) -> usize {
        match self {
            Service::Exchange => 0,
            Service::OneDrive => 1,
            Service::SharePoint => 2,
            Service::SkypeForBusiness => 3,
            Service::Yammer => 4,
            Service::Teams => 5,
            Service::M365Apps => 6,
        }
    }
}

/// The last activity date per service (`None`: no activity in the report).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LastActivity([Option<Date>; 7]);

impl LastActivity {
    /// The last activity in `service`.
    pub fn get(&self, service: Service) -> Option<Date> {
        self.0[service.index()]
    }

    /// Records activity in `service` on `date`, keeping the later of the known date and `date`.
    pub fn record(&mut self, service: Service, date: Date) {
        let slot = &mut self.0[service.index()];
        if slot.is_none_or(|d| d < date) {
            *slot = Some(date);
        }
    }

    /// Takes every later date of `other`.
    pub fn merge(&mut self, other: &LastActivity) {
        for (service, date) in other.iter() {
            if let Some(date) = date {
                self.record(service, date);
            }
        }
    }

    /// The latest activity in any service.
    pub fn latest(&self) -> Option<Date> {
        self.0.iter().flatten().max().copied()
    }

    /// Every service with its last activity, in [`Service::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Service, Option<Date>)> + '_ {
        Service::ALL.into_iter().map(|s| (s, self.get(s)))
    }
}

/// One row of the active-users export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveUserRow {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// User principal name, or Microsoft's hashed identifier when names are concealed.
    pub upn: String,
    /// Display name (hashed too when concealed; may be empty).
    pub display_name: String,
    pub is_deleted: bool,
    pub deleted_date: Option<Date>,
    /// Services whose `Has … License` column is true.
    pub licenses: Vec<Service>,
    /// The `… Last Activity Date` columns.
    pub last_activity: LastActivity,
    /// The latest of the `… License Assign Date` columns.
    pub license_assigned: Option<Date>,
    /// `Assigned Products`, split on `+` and trimmed, empty names dropped.
    pub assigned_products: Vec<String>,
}

impl ActiveUserRow {
    /// Holds at least one license: a `Has … License` that is true, or an assigned product.
    pub fn holds_license(&self) -> bool {
        !self.licenses.is_empty() || !self.assigned_products.is_empty()
    }

    /// Counts toward the licensed users: not deleted and holding a license.
    pub fn is_licensed(&self) -> bool {
        !self.is_deleted && self.holds_license()
    }
}

/// A parsed active-users export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveUsersReport {
    /// `Report Refresh Date`: the reference date of the check.
    pub refresh_date: Date,
    pub rows: Vec<ActiveUserRow>,
}

/// The counts of the Email activity report (each `None` when its column is absent or empty).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmailCounts {
    pub send: Option<u64>,
    pub receive: Option<u64>,
    pub read: Option<u64>,
    pub meeting_created: Option<u64>,
    pub meeting_interacted: Option<u64>,
}

impl EmailCounts {
    /// The user's own actions (send, read, meeting created, meeting interacted) in the report
    /// period; `None` when the file has none of those columns.
    pub fn own_actions(&self) -> Option<u64> {
        [
            self.send,
            self.read,
            self.meeting_created,
            self.meeting_interacted,
        ]
        .into_iter()
        .flatten()
        .reduce(u64::saturating_add)
    }
}

/// One row of an extra activity export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityRow {
    pub line: u64,
    pub upn: String,
    /// Empty when the report has no `Display Name` column (Teams, Microsoft 365 Apps).
    pub display_name: String,
    pub is_deleted: bool,
    /// `Last Activity Date` as written (for Email, see the [`check`](mod@super::check) module for
    /// how it is judged).
    pub last_activity: Option<Date>,
    /// `Report Period` in days, when the report has it.
    pub report_period: Option<u32>,
    /// Only for the Email activity report.
    pub email: Option<EmailCounts>,
}

/// A parsed extra activity export (any kind but [`ReportKind::ActiveUsers`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityReport {
    pub kind: ReportKind,
    pub refresh_date: Date,
    pub rows: Vec<ActivityRow>,
}

/// A parsed export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Report {
    ActiveUsers(ActiveUsersReport),
    Activity(ActivityReport),
}

impl Report {
    pub fn kind(&self) -> ReportKind {
        match self {
            Report::ActiveUsers(_) => ReportKind::ActiveUsers,
            Report::Activity(a) => a.kind,
        }
    }

    pub fn refresh_date(&self) -> Date {
        match self {
            Report::ActiveUsers(a) => a.refresh_date,
            Report::Activity(a) => a.refresh_date,
        }
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        match self {
            Report::ActiveUsers(a) => a.rows.len(),
            Report::Activity(a) => a.rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A column: Microsoft's name (used in [`UsageError::MissingColumns`]) and other accepted names,
/// all lowercase with single spaces except `name`.
struct Col {
    name: &'static str,
    aliases: &'static [&'static str],
}

const fn col(name: &'static str) -> Col {
    Col { name, aliases: &[] }
}

const REFRESH: Col = col("Report Refresh Date");
const UPN: Col = col("User Principal Name");
const DISPLAY: Col = col("Display Name");
const IS_DELETED: Col = col("Is Deleted");
const DELETED_DATE: Col = col("Deleted Date");
const ASSIGNED: Col = col("Assigned Products");
const LAST_ACTIVITY: Col = col("Last Activity Date");
const REPORT_PERIOD: Col = col("Report Period");

/// Per service of the active-users report: `Has … License`, `… Last Activity Date`,
/// `… License Assign Date`, and whether the activity column is required. Skype for Business
/// (retired) and Yammer (renamed Viva Engage) may disappear from Microsoft's files, so they are
/// optional; Exchange, OneDrive, SharePoint and Teams are required.
const ACTIVE_SERVICES: [(Service, Col, Col, Col, bool); 6] = [
    (
        Service::Exchange,
        col("Has Exchange License"),
        col("Exchange Last Activity Date"),
        col("Exchange License Assign Date"),
        true,
    ),
    (
        Service::OneDrive,
        col("Has OneDrive License"),
        col("OneDrive Last Activity Date"),
        col("OneDrive License Assign Date"),
        true,
    ),
    (
        Service::SharePoint,
        col("Has SharePoint License"),
        col("SharePoint Last Activity Date"),
        col("SharePoint License Assign Date"),
        true,
    ),
    (
        Service::SkypeForBusiness,
        col("Has Skype For Business License"),
        col("Skype For Business Last Activity Date"),
        col("Skype For Business License Assign Date"),
        false,
    ),
    (
        Service::Yammer,
        Col {
            name: "Has Yammer License",
            aliases: &["has viva engage license"],
        },
        Col {
            name: "Yammer Last Activity Date",
            aliases: &["viva engage last activity date"],
        },
        Col {
            name: "Yammer License Assign Date",
            aliases: &["viva engage license assign date"],
        },
        false,
    ),
    (
        Service::Teams,
        col("Has Teams License"),
        col("Teams Last Activity Date"),
        col("Teams License Assign Date"),
        true,
    ),
];

/// Header names (normalized) that mark each report. Checked in this order.
const SIGNATURES: [(ReportKind, &[&str]); 5] = [
    (
        ReportKind::ActiveUsers,
        &[
            "has exchange license",
            "exchange last activity date",
            "onedrive last activity date",
            "sharepoint last activity date",
            "teams last activity date",
            "exchange license assign date",
            "has teams license",
        ],
    ),
    (
        ReportKind::Teams,
        &[
            "team chat message count",
            "private chat message count",
            "call count",
            "meeting count",
            "meetings organized count",
            "meetings attended count",
        ],
    ),
    (ReportKind::Email, &["send count", "receive count"]),
    (ReportKind::Yammer, &["posted count", "liked count"]),
    (
        ReportKind::M365Apps,
        &[
            "last activation date",
            "word (windows)",
            "excel (windows)",
            "outlook (windows)",
            "powerpoint (windows)",
            "onenote (windows)",
        ],
    ),
];

/// Lowercase, trimmed, inner whitespace collapsed.
fn normalize(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Which report these (normalized) headers are, if any.
pub fn detect_kind<S: AsRef<str>>(normalized_headers: &[S]) -> Option<ReportKind> {
    SIGNATURES.iter().find_map(|(kind, marks)| {
        normalized_headers
            .iter()
            .any(|h| marks.contains(&h.as_ref()))
            .then_some(*kind)
    })
}

/// The header: normalized names to positions, and the names as written (for messages).
struct Header {
    index: HashMap<String, usize>,
    written: Vec<String>,
}

impl Header {
    fn new(record: &StringRecord) -> Header {
        let written: Vec<String> = record
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        let mut index = HashMap::with_capacity(written.len());
        for (i, h) in written.iter().enumerate() {
            index.entry(normalize(h)).or_insert(i);
        }
        Header { index, written }
    }

    fn find(&self, c: &Col) -> Option<usize> {
        self.index
            .get(&c.name.to_lowercase())
            .or_else(|| c.aliases.iter().find_map(|a| self.index.get(*a)))
            .copied()
    }

    fn normalized(&self) -> Vec<&str> {
        self.index.keys().map(String::as_str).collect()
    }
}

/// An error naming every column of `cols` the header lacks.
fn missing_columns(header: &Header, kind: ReportKind, cols: &[&Col]) -> Result<(), UsageError> {
    let missing: Vec<&'static str> = cols
        .iter()
        .filter(|c| header.find(c).is_none())
        .map(|c| c.name)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(UsageError::MissingColumns {
            report: kind,
            columns: missing,
        })
    }
}

/// The positions of required columns, or an error naming those missing.
fn require<const N: usize>(
    header: &Header,
    kind: ReportKind,
    cols: [&Col; N],
) -> Result<[usize; N], UsageError> {
    missing_columns(header, kind, &cols)?;
    Ok(cols.map(|c| header.find(c).unwrap_or_default()))
}

/// The current data row, with the means to read its fields.
struct Row<'h> {
    header: &'h Header,
    record: StringRecord,
    line: u64,
}

impl Row<'_> {
    fn text(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or_default()
    }

    fn opt_text(&self, i: Option<usize>) -> &str {
        i.map(|i| self.text(i)).unwrap_or_default()
    }

    fn bad(&self, i: usize, expected: ValueKind) -> UsageError {
        UsageError::Value {
            line: self.line,
            column: self.header.written.get(i).cloned().unwrap_or_default(),
            value: self.text(i).chars().take(MAX_QUOTED).collect(),
            expected,
        }
    }

    fn date(&self, i: Option<usize>) -> Result<Option<Date>, UsageError> {
        let Some(i) = i else { return Ok(None) };
        parse_date(self.text(i)).map_err(|()| self.bad(i, ValueKind::Date))
    }

    fn required_date(&self, i: usize) -> Result<Date, UsageError> {
        self.date(Some(i))?
            .ok_or_else(|| self.bad(i, ValueKind::Date))
    }

    fn yes_no(&self, i: Option<usize>) -> Result<bool, UsageError> {
        let Some(i) = i else { return Ok(false) };
        parse_yes_no(self.text(i)).ok_or_else(|| self.bad(i, ValueKind::YesNo))
    }

    fn number(&self, i: Option<usize>) -> Result<Option<u64>, UsageError> {
        let Some(i) = i else { return Ok(None) };
        let t = self.text(i);
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u64>()
            .map(Some)
            .map_err(|_| self.bad(i, ValueKind::Number))
    }

    fn user(&self, i: usize) -> Result<String, UsageError> {
        let t = self.text(i);
        if t.is_empty() {
            Err(self.bad(i, ValueKind::User))
        } else {
            Ok(t.to_owned())
        }
    }
}

/// `YYYY-MM-DD`, optionally followed by `T` or a space and a time; empty is `None`.
fn parse_date(text: &str) -> Result<Option<Date>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let day = match t.char_indices().nth(10) {
        Some((i, 'T' | ' ')) => &t[..i],
        Some(_) => return Err(()),
        None => t,
    };
    if day.len() != 10 || !day.is_ascii() {
        return Err(());
    }
    Date::parse(day, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| ())
}

/// `True`/`False`, `Yes`/`No`, `Sant`/`Falskt` in any case; empty is false.
fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "sant" => Some(true),
        "false" | "no" | "falskt" | "" => Some(false),
        _ => None,
    }
}

/// The separator of the header line: the most frequent of `,`, `;` and tab outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.split('\n').next().unwrap_or_default();
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Parses one export held in memory (the command line, tests): see [`parse_seekable`].
pub fn parse_report(bytes: &[u8]) -> Result<Report, UsageError> {
    parse_seekable(Cursor::new(bytes))
}

/// Parses one export from a file (an upload spooled to disk) or any seekable source, in two
/// streaming passes: the first checks its size and that it is UTF-8 text without NUL bytes, the
/// second recognises the report from its headers and reads every row. Memory does not grow with
/// the file's size beyond the parsed rows: each line is checked against [`MAX_LINE_BYTES`] and
/// [`MAX_COLUMNS`] as its bytes arrive, before the CSV reader splits it into fields.
pub fn parse_seekable<R: Read + Seek>(mut source: R) -> Result<Report, UsageError> {
    let size = source
        .seek(SeekFrom::End(0))
        .map_err(|_| UsageError::NotCsv)?;
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    if size > MAX_BYTES {
        return Err(UsageError::TooLarge { size });
    }
    source
        .seek(SeekFrom::Start(0))
        .map_err(|_| UsageError::NotCsv)?;
    check_text(&mut source)?;
    source
        .seek(SeekFrom::Start(0))
        .map_err(|_| UsageError::NotCsv)?;
    parse_stream(BufReader::with_capacity(64 * 1024, source))
}

/// The first pass: UTF-8 (a byte-order mark allowed) without NUL bytes, and not blank. Reads in
/// fixed chunks, carrying a character split between two chunks over to the next.
fn check_text<R: Read>(source: &mut R) -> Result<(), UsageError> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut carry = 0usize;
    let mut first = true;
    let mut blank = true;
    loop {
        let n = match source.read(&mut buf[carry..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(UsageError::NotCsv),
        };
        if n == 0 {
            // A character cut off by the end of the file.
            if carry > 0 {
                return Err(UsageError::NotCsv);
            }
            break;
        }
        let end = carry + n;
        let skip = if first && buf[..end].starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        first = false;
        let chunk = &buf[skip..end];
        if chunk.contains(&0) {
            return Err(UsageError::NotCsv);
        }
        let valid = match std::str::from_utf8(chunk) {
            Ok(text) => text,
            // An incomplete character at the end may be completed by the next chunk.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&chunk[..e.valid_up_to()]).map_err(|_| UsageError::NotCsv)?
            }
            Err(_) => return Err(UsageError::NotCsv),
        };
        if blank && valid.chars().any(|c| !c.is_whitespace()) {
            blank = false;
        }
        let used = skip + valid.len();
        buf.copy_within(used..end, 0);
        carry = end - used;
    }
    if blank {
        return Err(UsageError::NotCsv);
    }
    Ok(())
}

/// The first line's bytes (to find the separator), at most one past [`MAX_LINE_BYTES`] of them:
/// a longer line is the [`Guard`]'s to refuse, which names the limit it breaks first.
fn first_line<R: BufRead>(source: &mut R) -> Result<Vec<u8>, UsageError> {
    let mut line = Vec::new();
    loop {
        let buf = source.fill_buf().map_err(|_| UsageError::NotCsv)?;
        if buf.is_empty() {
            return Ok(line);
        }
        let end = buf.iter().position(|b| matches!(b, b'\r' | b'\n'));
        let room = MAX_LINE_BYTES + 1 - line.len();
        let take = end.unwrap_or(buf.len()).min(room);
        line.extend_from_slice(&buf[..take]);
        source.consume(take);
        if end.is_some_and(|e| e <= take) || line.len() > MAX_LINE_BYTES {
            return Ok(line);
        }
    }
}

/// The second pass over text [`check_text`] accepted.
fn parse_stream<R: BufRead>(mut source: R) -> Result<Report, UsageError> {
    // The byte-order mark.
    if source
        .fill_buf()
        .map_err(|_| UsageError::NotCsv)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        source.consume(3);
    }
    let first = first_line(&mut source)?;
    let delimiter = sniff_delimiter(&String::from_utf8_lossy(&first));
    let guard = Guard::new(Cursor::new(first).chain(source), delimiter);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .delimiter(delimiter)
        .from_reader(guard);
    let mut record = StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(UsageError::NotCsv),
        Err(e) => return Err(read_error(&e)),
    }
    let header = Header::new(&record);
    if header.written.iter().filter(|h| !h.is_empty()).count() < 2 {
        return Err(UsageError::NotCsv);
    }
    let kind = detect_kind(&header.normalized()).ok_or(UsageError::UnknownReport)?;
    let mut rows = Rows {
        reader,
        row: Row {
            header: &header,
            record,
            line: 1,
        },
        count: 0,
        kind,
        refresh: None,
    };
    let report = match kind {
        ReportKind::ActiveUsers => Report::ActiveUsers(read_active_users(&header, &mut rows)?),
        _ => Report::Activity(read_activity(&header, kind, &mut rows)?),
    };
    if report.is_empty() {
        return Err(UsageError::NoUsers);
    }
    Ok(report)
}

/// A line over one of the limits, found by the [`Guard`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Line(u64),
    Columns(u64),
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Limit {}

/// The usage error of a failed read: a limit the guard hit, or not CSV.
fn read_error(e: &csv::Error) -> UsageError {
    let limit = match e.kind() {
        csv::ErrorKind::Io(io) => io
            .get_ref()
            .and_then(|i| i.downcast_ref::<Limit>())
            .copied(),
        _ => None,
    };
    match limit {
        Some(Limit::Line(line)) => UsageError::LineTooLong { line },
        Some(Limit::Columns(line)) => UsageError::TooManyColumns { line },
        None => UsageError::NotCsv,
    }
}

/// Where the scanner is in the CSV grammar (that of the csv crate: a quote opens a quoted field
/// only at the field's start, and `""` inside one is a quote).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    FieldStart,
    Field,
    Quoted,
    QuoteInQuoted,
}

/// Sits between the file and the CSV reader: counts each record's bytes and columns as they pass
/// and fails the read at the first byte over [`MAX_LINE_BYTES`] or [`MAX_COLUMNS`], so the reader
/// never collects a longer record. It also numbers physical lines (LF, CRLF and a lone CR each
/// end one; the csv crate's own count is off with CRLF) for the row that starts at a byte offset.
struct Guard<R> {
    inner: R,
    delimiter: u8,
    scan: Scan,
    record_bytes: usize,
    columns: usize,
    /// Line where the current record began.
    record_line: u64,
    /// Offset of the next byte, and its physical line.
    offset: u64,
    line: u64,
    prev: u8,
    /// (offset, line) of each line's first byte that is not a line break, from the oldest the
    /// reader may still ask about; [`Guard::line_at`] drops those it has passed.
    starts: VecDeque<(u64, u64)>,
    /// A limit hit after the bytes already handed out; returned by the next read.
    failed: Option<Limit>,
}

impl<R: Read> Guard<R> {
    fn new(inner: R, delimiter: u8) -> Guard<R> {
        Guard {
            inner,
            delimiter,
            scan: Scan::FieldStart,
            record_bytes: 0,
            columns: 1,
            record_line: 1,
            offset: 0,
            line: 1,
            prev: b'\n',
            starts: VecDeque::new(),
            failed: None,
        }
    }

    /// The line of the record the reader says starts at `start` (which may point at the line
    /// breaks before it). Offsets only move forward.
    fn line_at(&mut self, start: u64) -> u64 {
        while self.starts.front().is_some_and(|(o, _)| *o < start) {
            self.starts.pop_front();
        }
        self.starts.front().map_or(self.line, |(_, l)| *l)
    }

    /// Takes one byte; `Err` when it breaks a limit.
    fn step(&mut self, b: u8) -> Result<(), Limit> {
        let is_break = matches!(b, b'\r' | b'\n');
        if !is_break && matches!(self.prev, b'\r' | b'\n') {
            self.starts.push_back((self.offset, self.line));
        }
        if b == b'\r' || (b == b'\n' && self.prev != b'\r') {
            self.line += 1;
        }
        self.prev = b;
        self.offset += 1;
        let d = self.delimiter;
        let ends_record = match self.scan {
            Scan::FieldStart | Scan::Field | Scan::QuoteInQuoted if is_break => true,
            Scan::FieldStart if b == b'"' => {
                self.scan = Scan::Quoted;
                false
            }
            Scan::Quoted if b == b'"' => {
                self.scan = Scan::QuoteInQuoted;
                false
            }
            Scan::Quoted => false,
            Scan::QuoteInQuoted if b == b'"' => {
                self.scan = Scan::Quoted;
                false
            }
            _ if b == d => {
                self.scan = Scan::FieldStart;
                self.columns += 1;
                false
            }
            _ => {
                self.scan = Scan::Field;
                false
            }
        };
        if ends_record {
            self.scan = Scan::FieldStart;
            self.record_bytes = 0;
            self.columns = 1;
            return Ok(());
        }
        if self.record_bytes == 0 {
            // The line counter has not moved for this byte: it is not a break.
            self.record_line = self.line;
        }
        self.record_bytes += 1;
        if self.record_bytes > MAX_LINE_BYTES {
            return Err(Limit::Line(self.record_line));
        }
        if self.columns > MAX_COLUMNS {
            return Err(Limit::Columns(self.record_line));
        }
        Ok(())
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(limit) = self.failed {
            return Err(io::Error::new(io::ErrorKind::InvalidData, limit));
        }
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if let Err(limit) = self.step(b) {
                if i == 0 {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, limit));
                }
                // Hand out what came before; the next read reports the limit.
                self.failed = Some(limit);
                return Ok(i);
            }
        }
        Ok(n)
    }
}

/// Iterates over the data rows, checking their length, the row limit and the refresh date.
struct Rows<'h, R> {
    reader: csv::Reader<Guard<R>>,
    row: Row<'h>,
    count: usize,
    kind: ReportKind,
    refresh: Option<Date>,
}

impl<R: Read> Rows<'_, R> {
    /// Moves to the next non-blank row; `false` at the end.
    fn advance(&mut self) -> Result<bool, UsageError> {
        let width = self.row.header.written.len();
        loop {
            let more = self
                .reader
                .read_record(&mut self.row.record)
                .map_err(|e| read_error(&e))?;
            if !more {
                return Ok(false);
            }
            let record = &self.row.record;
            self.row.line = match record.position() {
                Some(p) => self.reader.get_mut().line_at(p.byte()),
                None => self.row.line + 1,
            };
            if record.iter().all(str::is_empty) {
                continue;
            }
            let found = record.len();
            let overlong = found > width && record.iter().skip(width).any(|f| !f.is_empty());
            if found < width || overlong {
                return Err(UsageError::Row {
                    line: self.row.line,
                    expected: width,
                    found,
                });
            }
            self.count += 1;
            if self.count > MAX_ROWS {
                return Err(UsageError::TooManyRows);
            }
            return Ok(true);
        }
    }

    /// Reads this row's refresh date and checks it is the file's.
    fn refresh_date(&mut self, i: usize) -> Result<Date, UsageError> {
        let date = self.row.required_date(i)?;
        match self.refresh {
            None => self.refresh = Some(date),
            Some(expected) if expected != date => {
                return Err(UsageError::MixedDates {
                    report: self.kind,
                    expected,
                    found: date,
                });
            }
            Some(_) => {}
        }
        Ok(date)
    }
}

fn read_active_users<R: Read>(
    header: &Header,
    rows: &mut Rows<R>,
) -> Result<ActiveUsersReport, UsageError> {
    let kind = ReportKind::ActiveUsers;
    // Every missing required column is named at once, the services' ones included.
    let mut required: Vec<&Col> = vec![&REFRESH, &UPN, &IS_DELETED, &ASSIGNED];
    required.extend(
        ACTIVE_SERVICES
            .iter()
            .filter(|s| s.4)
            .map(|(_, _, activity, _, _)| activity),
    );
    missing_columns(header, kind, &required)?;
    let [refresh, upn, is_deleted, assigned] =
        require(header, kind, [&REFRESH, &UPN, &IS_DELETED, &ASSIGNED])?;
    let display = header.find(&DISPLAY);
    let deleted_date = header.find(&DELETED_DATE);
    // Per service: (service, [Has … License, … Last Activity Date, … License Assign Date]).
    let services: Vec<(Service, [Option<usize>; 3])> = ACTIVE_SERVICES
        .iter()
        .map(|(s, has, activity, assign, _)| {
            (
                *s,
                [header.find(has), header.find(activity), header.find(assign)],
            )
        })
        .collect();

    let mut out = Vec::new();
    while rows.advance()? {
        rows.refresh_date(refresh)?;
        let row = &rows.row;
        let mut licenses = Vec::new();
        let mut last_activity = LastActivity::default();
        let mut license_assigned: Option<Date> = None;
        for &(service, [has, activity, assign]) in &services {
            if row.yes_no(has)? {
                licenses.push(service);
            }
            if let Some(d) = row.date(activity)? {
                last_activity.record(service, d);
            }
            if let Some(d) = row.date(assign)? {
                license_assigned = license_assigned.max(Some(d));
            }
        }
        out.push(ActiveUserRow {
            line: row.line,
            upn: row.user(upn)?,
            display_name: row.opt_text(display).to_owned(),
            is_deleted: row.yes_no(Some(is_deleted))?,
            deleted_date: row.date(deleted_date)?,
            licenses,
            last_activity,
            license_assigned,
            assigned_products: row
                .text(assigned)
                .split('+')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(ActiveUsersReport {
        refresh_date: rows.refresh.unwrap_or(Date::MIN),
        rows: out,
    })
}

fn read_activity<R: Read>(
    header: &Header,
    kind: ReportKind,
    rows: &mut Rows<R>,
) -> Result<ActivityReport, UsageError> {
    let [refresh, upn, last] = require(header, kind, [&REFRESH, &UPN, &LAST_ACTIVITY])?;
    let display = header.find(&DISPLAY);
    let is_deleted = header.find(&IS_DELETED);
    let period = header.find(&REPORT_PERIOD);
    let email_cols = (kind == ReportKind::Email).then(|| {
        [
            "Send Count",
            "Receive Count",
            "Read Count",
            "Meeting Created Count",
            "Meeting Interacted Count",
        ]
        .map(|name| header.find(&col(name)))
    });

    let mut out = Vec::new();
    while rows.advance()? {
        rows.refresh_date(refresh)?;
        let row = &rows.row;
        let email = match email_cols {
            Some([send, receive, read, created, interacted]) => Some(EmailCounts {
                send: row.number(send)?,
                receive: row.number(receive)?,
                read: row.number(read)?,
                meeting_created: row.number(created)?,
                meeting_interacted: row.number(interacted)?,
            }),
            None => None,
        };
        let report_period = match row.number(period)? {
            Some(n) => Some(
                u32::try_from(n)
                    .map_err(|_| row.bad(period.unwrap_or_default(), ValueKind::Number))?,
            ),
            None => None,
        };
        out.push(ActivityRow {
            line: row.line,
            upn: row.user(upn)?,
            display_name: row.opt_text(display).to_owned(),
            is_deleted: row.yes_no(is_deleted)?,
            last_activity: row.date(Some(last))?,
            report_period,
            email,
        });
    }
    Ok(ActivityReport {
        kind,
        refresh_date: rows.refresh.unwrap_or(Date::MIN),
        rows: out,
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/usage/", $name)).as_slice()
        };
    }

    fn active(bytes: &[u8]) -> ActiveUsersReport {
        match parse_report(bytes).unwrap() {
            Report::ActiveUsers(a) => a,
            other => panic!("not active users: {:?}", other.kind()),
        }
    }

    fn activity(bytes: &[u8]) -> ActivityReport {
        match parse_report(bytes).unwrap() {
            Report::Activity(a) => a,
            Report::ActiveUsers(_) => panic!("active users"),
        }
    }

    const HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,\
        Deleted Date,Has Exchange License,Exchange Last Activity Date,OneDrive Last Activity Date,\
        SharePoint Last Activity Date,Teams Last Activity Date,Assigned Products";

    #[test]
    fn reads_the_active_users_export() {
        let r = active(fixture!("active-compliant.csv"));
        assert_eq!(r.refresh_date, date!(2025 - 03 - 31));
        assert_eq!(r.rows.len(), 22);
        let first = &r.rows[0];
        assert_eq!(first.line, 2);
        assert_eq!(first.upn, "anna.andersson@forening.example.se");
        assert_eq!(first.display_name, "Anna Andersson");
        assert!(!first.is_deleted);
        assert_eq!(first.licenses.len(), 6);
        assert_eq!(
            first.last_activity.get(Service::Exchange),
            Some(date!(2025 - 03 - 30))
        );
        assert_eq!(
            first.last_activity.get(Service::Teams),
            Some(date!(2025 - 03 - 28))
        );
        assert_eq!(first.last_activity.get(Service::OneDrive), None);
        assert_eq!(first.last_activity.latest(), Some(date!(2025 - 03 - 30)));
        assert_eq!(first.license_assigned, Some(date!(2023 - 09 - 01)));
        assert_eq!(first.assigned_products, ["MICROSOFT 365 BUSINESS PREMIUM"]);
        let deleted = &r.rows[20];
        assert!(deleted.is_deleted && deleted.holds_license() && !deleted.is_licensed());
        assert_eq!(deleted.deleted_date, Some(date!(2025 - 03 - 20)));
        let unlicensed = &r.rows[21];
        assert!(!unlicensed.holds_license() && !unlicensed.is_licensed());
        assert_eq!(r.rows.last().map(|row| row.line), Some(23));
    }

    #[test]
    fn recognises_each_report() {
        let cases: [(&[u8], ReportKind); 6] = [
            (fixture!("combined-active.csv"), ReportKind::ActiveUsers),
            (fixture!("combined-teams.csv"), ReportKind::Teams),
            (fixture!("combined-m365apps.csv"), ReportKind::M365Apps),
            (fixture!("combined-email.csv"), ReportKind::Email),
            (fixture!("combined-yammer.csv"), ReportKind::Yammer),
            (fixture!("concealed.csv"), ReportKind::ActiveUsers),
        ];
        for (bytes, kind) in cases {
            let report = parse_report(bytes).unwrap();
            assert_eq!(report.kind(), kind);
            assert_eq!(report.refresh_date(), date!(2025 - 03 - 31));
            assert!(!report.is_empty());
        }
    }

    #[test]
    fn reads_the_extra_exports() {
        let teams = activity(fixture!("combined-teams.csv"));
        assert_eq!(teams.kind, ReportKind::Teams);
        assert_eq!(teams.rows.len(), 4);
        assert_eq!(teams.rows[0].upn, "bo@kor.example.se");
        assert_eq!(teams.rows[0].last_activity, Some(date!(2025 - 03 - 10)));
        assert_eq!(teams.rows[0].report_period, Some(90));
        assert_eq!(teams.rows[0].email, None);
        assert_eq!(teams.rows[2].last_activity, None);

        let apps = activity(fixture!("combined-m365apps.csv"));
        assert_eq!(apps.rows[0].upn, "CECILIA@KOR.EXAMPLE.SE");
        assert_eq!(apps.rows[0].last_activity, Some(date!(2025 - 02 - 01)));

        let email = activity(fixture!("combined-email.csv"));
        let david = email.rows[0].email.unwrap();
        assert_eq!(david.receive, Some(40));
        assert_eq!(david.own_actions(), Some(0));
        assert_eq!(email.rows[1].email.unwrap().own_actions(), Some(15));
        assert_eq!(email.rows[0].display_name, "David Dunér");

        let yammer = activity(fixture!("combined-yammer.csv"));
        assert_eq!(yammer.rows[0].last_activity, Some(date!(2025 - 01 - 15)));
    }

    #[test]
    fn bom_crlf_and_quoted_fields() {
        let r = active(fixture!("bom-crlf.csv"));
        assert_eq!(r.refresh_date, date!(2025 - 03 - 31));
        assert_eq!(r.rows.len(), 3);
        assert_eq!(r.rows[0].display_name, "Lind, Maja");
        assert_eq!(
            r.rows[0].assigned_products,
            ["MICROSOFT 365 BUSINESS PREMIUM", "OFFICE 365 E1"]
        );
        assert_eq!(r.rows[1].display_name, "Nord, Nils \"Nisse\"");
        assert_eq!(r.rows[2].line, 4);
        assert_eq!(
            r.rows[2].last_activity.get(Service::Teams),
            Some(date!(2025 - 03 - 29))
        );
    }

    #[test]
    fn reordered_columns_any_case_and_yes_no() {
        let r = active(fixture!("reordered.csv"));
        assert_eq!(r.rows.len(), 3);
        let per = &r.rows[0];
        assert_eq!(per.upn, "per.persson@forening.example.se");
        assert_eq!(per.display_name, "Per Persson");
        assert_eq!(per.licenses, [Service::Exchange, Service::Teams]);
        assert_eq!(
            per.last_activity.get(Service::SharePoint),
            Some(date!(2025 - 03 - 03))
        );
        assert_eq!(
            r.rows[2].last_activity.get(Service::Teams),
            Some(date!(2025 - 01 - 31))
        );
    }

    #[test]
    fn semicolons_and_viva_engage_names() {
        let text = "Report Refresh Date;User Principal Name;Is Deleted;\
            Exchange Last Activity Date;OneDrive Last Activity Date;SharePoint Last Activity Date;\
            Teams Last Activity Date;Viva Engage Last Activity Date;Assigned Products\n\
            2025-03-31;a@x.se;Falskt;;;;;2025-03-01;M365 BP\n";
        let r = active(text.as_bytes());
        assert_eq!(
            r.rows[0].last_activity.get(Service::Yammer),
            Some(date!(2025 - 03 - 01))
        );
        assert!(!r.rows[0].is_deleted);
    }

    #[test]
    fn dates_and_yes_no_values() {
        assert_eq!(parse_date("2025-03-31"), Ok(Some(date!(2025 - 03 - 31))));
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("  "), Ok(None));
        assert_eq!(
            parse_date("2025-03-31T00:00:00Z"),
            Ok(Some(date!(2025 - 03 - 31)))
        );
        assert_eq!(
            parse_date("2025-03-31 08:15:00"),
            Ok(Some(date!(2025 - 03 - 31)))
        );
        for bad in [
            "31/03/2025",
            "2025-02-30",
            "2025-3-31",
            "2025-03-31x",
            "never",
            "2025-03-3é",
        ] {
            assert_eq!(parse_date(bad), Err(()), "{bad}");
        }
        for (text, value) in [
            ("True", Some(true)),
            ("TRUE", Some(true)),
            ("yes", Some(true)),
            ("Sant", Some(true)),
            ("False", Some(false)),
            ("No", Some(false)),
            ("FALSKT", Some(false)),
            ("", Some(false)),
            ("maybe", None),
            ("1", None),
        ] {
            assert_eq!(parse_yes_no(text), value, "{text}");
        }
    }

    #[test]
    fn not_csv() {
        let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let latin1: &[u8] = b"Report Refresh Date,User Principal Name\n2025-03-31,g\xf6ran@x.se\n";
        let cases: [&[u8]; 6] = [
            png,
            latin1,
            b"",
            b"\xEF\xBB\xBF  \r\n",
            b"just some text\nwithout any separator\n",
            b"PK\x03\x04\x14\0\x06\0",
        ];
        for bytes in cases {
            assert_eq!(parse_report(bytes), Err(UsageError::NotCsv), "{bytes:?}");
        }
    }

    #[test]
    fn a_different_report() {
        assert_eq!(
            parse_report(fixture!("bad-other-report.csv")),
            Err(UsageError::UnknownReport)
        );
        // The Office activations report has user names and dates too, but is not usage.
        let activations = "Report Refresh Date,User Principal Name,Display Name,Product Type,\
            Last Activated Date,Windows,Mac\n2025-03-31,a@x.se,A,MICROSOFT 365 APPS,2025-01-01,1,0\n";
        assert_eq!(
            parse_report(activations.as_bytes()),
            Err(UsageError::UnknownReport)
        );
        assert_eq!(detect_kind(&["a", "b"]), None);
    }

    #[test]
    fn missing_columns_are_named() {
        assert_eq!(
            parse_report(fixture!("bad-missing-columns.csv")),
            Err(UsageError::MissingColumns {
                report: ReportKind::ActiveUsers,
                columns: vec!["Assigned Products", "Teams Last Activity Date"],
            })
        );
        let teams = "Report Refresh Date,User Principal Name,Team Chat Message Count\n";
        let err = parse_report(teams.as_bytes()).unwrap_err();
        assert_eq!(
            err,
            UsageError::MissingColumns {
                report: ReportKind::Teams,
                columns: vec!["Last Activity Date"],
            }
        );
        assert_eq!(
            err.vars(),
            [
                ("report", "teams".to_owned()),
                ("columns", "Last Activity Date".to_owned()),
                ("count", "1".to_owned()),
            ]
        );
    }

    #[test]
    fn a_truncated_row_names_its_line() {
        let err = parse_report(fixture!("bad-truncated.csv")).unwrap_err();
        assert_eq!(
            err,
            UsageError::Row {
                line: 5,
                expected: 24,
                found: 9
            }
        );
        assert_eq!(err.line(), Some(5));
        assert_eq!(err.fluent_id(), "usage-error-row");
    }

    #[test]
    fn extra_non_empty_fields_are_an_error_but_empty_ones_are_not() {
        let ok = format!("{HEADER}\n2025-03-31,a@x.se,A,False,,True,,,,,P,,\n");
        assert_eq!(parse_report(ok.as_bytes()).unwrap().len(), 1);
        let bad = format!("{HEADER}\n2025-03-31,a@x.se,A,False,,True,,,,,P,oops\n");
        assert_eq!(
            parse_report(bad.as_bytes()),
            Err(UsageError::Row {
                line: 2,
                expected: 11,
                found: 12
            })
        );
    }

    #[test]
    fn a_bad_date_names_line_and_column() {
        let err = parse_report(fixture!("bad-date.csv")).unwrap_err();
        assert_eq!(
            err,
            UsageError::Value {
                line: 3,
                column: "Exchange Last Activity Date".to_owned(),
                value: "31/03/2025".to_owned(),
                expected: ValueKind::Date,
            }
        );
        assert_eq!(
            err.vars(),
            [
                ("line", "3".to_owned()),
                ("column", "Exchange Last Activity Date".to_owned()),
                ("value", "31/03/2025".to_owned()),
                ("expected", "date".to_owned()),
            ]
        );
    }

    #[test]
    fn bad_values_and_lines_after_a_multiline_field() {
        // The quoted display name spans two lines, so the next row starts on line 4.
        let text = format!(
            "{HEADER}\n2025-03-31,a@x.se,\"Two\nlines\",False,,True,,,,,P\n\
             2025-03-31,b@x.se,B,Perhaps,,True,,,,,P\n"
        );
        assert_eq!(
            parse_report(text.as_bytes()),
            Err(UsageError::Value {
                line: 4,
                column: "Is Deleted".to_owned(),
                value: "Perhaps".to_owned(),
                expected: ValueKind::YesNo,
            })
        );
        let no_user = format!("{HEADER}\n2025-03-31,,A,False,,True,,,,,P\n");
        assert!(matches!(
            parse_report(no_user.as_bytes()),
            Err(UsageError::Value {
                line: 2,
                expected: ValueKind::User,
                ..
            })
        ));
        let no_date = format!("{HEADER}\n,a@x.se,A,False,,True,,,,,P\n");
        assert!(matches!(
            parse_report(no_date.as_bytes()),
            Err(UsageError::Value {
                expected: ValueKind::Date,
                ..
            })
        ));
        let email = "Report Refresh Date,User Principal Name,Last Activity Date,Send Count\n\
            2025-03-31,a@x.se,2025-03-30,many\n";
        assert!(matches!(
            parse_report(email.as_bytes()),
            Err(UsageError::Value {
                expected: ValueKind::Number,
                ..
            })
        ));
    }

    #[test]
    fn rows_with_different_refresh_dates() {
        let text = format!(
            "{HEADER}\n2025-03-31,a@x.se,A,False,,True,,,,,P\n2025-03-30,b@x.se,B,False,,True,,,,,P\n"
        );
        assert_eq!(
            parse_report(text.as_bytes()),
            Err(UsageError::MixedDates {
                report: ReportKind::ActiveUsers,
                expected: date!(2025 - 03 - 31),
                found: date!(2025 - 03 - 30),
            })
        );
    }

    #[test]
    fn a_header_without_rows_has_no_users() {
        assert_eq!(
            parse_report(format!("{HEADER}\r\n\r\n").as_bytes()),
            Err(UsageError::NoUsers)
        );
    }

    #[test]
    fn too_large_is_checked_by_length_first() {
        let big = vec![0u8; MAX_BYTES + 1];
        let err = parse_report(&big).unwrap_err();
        assert_eq!(
            err,
            UsageError::TooLarge {
                size: MAX_BYTES + 1
            }
        );
        assert_eq!(
            err.vars(),
            [("limit_mb", "20".to_owned()), ("size_mb", "21".to_owned())]
        );
    }

    #[test]
    fn too_many_rows() {
        let mut text =
            String::from("Report Refresh Date,User Principal Name,Last Activity Date,Call Count\n");
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("2025-03-31,u{i}@x.se,,0\n"));
        }
        assert!(text.len() <= MAX_BYTES);
        let err = parse_report(text.as_bytes()).unwrap_err();
        assert_eq!(err, UsageError::TooManyRows);
        assert_eq!(err.vars(), [("limit", "200000".to_owned())]);
        // Exactly the limit is fine.
        let cut = text.rfind("2025-03-31,u200000@").unwrap();
        assert_eq!(
            parse_report(&text.as_bytes()[..cut]).unwrap().len(),
            MAX_ROWS
        );
    }

    #[test]
    fn a_line_of_commas_is_refused_by_its_column_count_before_it_is_read() {
        let mut commas = vec![b','; MAX_BYTES];
        commas[..4].copy_from_slice(b"a,b,");
        let err = parse_report(&commas).unwrap_err();
        assert_eq!(err, UsageError::TooManyColumns { line: 1 });
        assert_eq!(err.fluent_id(), "usage-error-too-many-columns");
        // Exactly the limit of columns is read (and then judged on its headers).
        let header = vec!["x"; MAX_COLUMNS].join(",");
        assert_eq!(
            parse_report(format!("{header}\n").as_bytes()),
            Err(UsageError::UnknownReport)
        );
        let header = vec!["x"; MAX_COLUMNS + 1].join(",");
        assert_eq!(
            parse_report(format!("{header}\n").as_bytes()),
            Err(UsageError::TooManyColumns { line: 1 })
        );
    }

    #[test]
    fn an_overlong_line_is_refused_with_its_number() {
        // A header line with no line break, as long as the whole file may be.
        let mut long = b"Report Refresh Date,".to_vec();
        long.resize(MAX_BYTES, b'x');
        assert_eq!(
            parse_report(&long),
            Err(UsageError::LineTooLong { line: 1 })
        );
        // A data row one byte over the limit, after valid rows, names its own line.
        let mut text = format!("{HEADER}\n2025-03-31,a@x.se,A,False,,True,,,,,P\n\n");
        let row = "2025-03-31,b@x.se,";
        text.push_str(row);
        text.push_str(&"n".repeat(MAX_LINE_BYTES + 1 - row.len()));
        text.push_str(",False,,True,,,,,P\n");
        assert_eq!(
            parse_report(text.as_bytes()),
            Err(UsageError::LineTooLong { line: 4 })
        );
        // A quoted field that never closes is one endless line, whatever its line breaks.
        let open = format!(
            "{HEADER}\n2025-03-31,a@x.se,\"{}",
            "a\n".repeat(MAX_LINE_BYTES)
        );
        assert_eq!(
            parse_report(open.as_bytes()),
            Err(UsageError::LineTooLong { line: 2 })
        );
        // Exactly the limit is fine.
        let mut text = format!("{HEADER}\n");
        let row = "2025-03-31,b@x.se,";
        let tail = ",False,,True,,,,,P";
        text.push_str(row);
        text.push_str(&"n".repeat(MAX_LINE_BYTES - row.len() - tail.len()));
        text.push_str(tail);
        text.push_str("\r\n");
        let r = active(text.as_bytes());
        assert_eq!(
            r.rows[0].display_name.len(),
            MAX_LINE_BYTES - row.len() - tail.len()
        );
    }

    #[test]
    fn a_file_is_read_in_chunks_with_characters_split_between_them() {
        // Multi-byte names across the 64 KiB boundaries of the first pass.
        let mut text = format!("\u{feff}{HEADER}\r\n");
        let mut i = 0;
        while text.len() < 300 * 1024 {
            text.push_str(&format!(
                "2025-03-31,u{i}@x.se,Åsa Öberg-Ärlig,False,,True,,,,,P\r\n"
            ));
            i += 1;
        }
        let r = active(text.as_bytes());
        assert_eq!(r.rows.len(), i);
        assert_eq!(r.rows[0].display_name, "Åsa Öberg-Ärlig");
        assert_eq!(r.rows.last().map(|row| row.line), Some(i as u64 + 1));
        // A file ending inside a character is not text.
        let cut = &text.as_bytes()[..text.len() - 3];
        let mut bad = cut.to_vec();
        bad.push(0xC3);
        assert_eq!(parse_report(&bad), Err(UsageError::NotCsv));
        // The same from a file on disk.
        let mut file = tempfile::tempfile().unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        assert_eq!(parse_seekable(file).unwrap().len(), i);
    }

    #[test]
    fn last_activity_keeps_the_latest() {
        let mut a = LastActivity::default();
        assert_eq!(a.latest(), None);
        a.record(Service::Teams, date!(2025 - 01 - 02));
        a.record(Service::Teams, date!(2024 - 01 - 02));
        a.record(Service::Exchange, date!(2025 - 02 - 01));
        assert_eq!(a.get(Service::Teams), Some(date!(2025 - 01 - 02)));
        assert_eq!(a.latest(), Some(date!(2025 - 02 - 01)));
        let mut b = LastActivity::default();
        b.record(Service::Teams, date!(2025 - 03 - 01));
        a.merge(&b);
        assert_eq!(a.get(Service::Teams), Some(date!(2025 - 03 - 01)));
        assert_eq!(a.iter().filter(|(_, d)| d.is_some()).count(), 2);
    }
}
