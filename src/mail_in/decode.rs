//! Decoding a raw RFC 5322 message into what the help desk stores: sender, recipients, subject,
//! references, the reply text without quoted history, the full text, attachments, and whether
//! the message is machine mail (an auto-reply, a list, a bounce with its failed recipient).
//!
//! MIME structure, transfer encodings and charsets (UTF-8, ISO-8859-x, Windows-125x, RFC 2047
//! encoded words, RFC 2231 file names) are `mail-parser`'s; HTML becomes plain text here
//! ([`html_to_text`]), so no markup from a sender is ever kept. Nothing here touches the database
//! or decides which ticket a message joins (that is `thread`).

use mail_parser::{Message, MessageParser, MessagePart, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

use super::{outsized, quote, thread};

/// An incoming message, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The Message-ID without angle brackets; `None` when missing (then `raw_hash` is the key).
    pub message_id: Option<String>,
    /// The first From mailbox: display name (empty when none) and address, lowercased.
    pub from: Option<(String, String)>,
    /// Every To and Cc address, lowercased.
    pub to_cc: Vec<String>,
    /// Addresses from Delivered-To, X-Original-To and Envelope-To, lowercased: where a Bcc'd
    /// reply address shows up.
    pub delivered_to: Vec<String>,
    /// The decoded subject; empty when missing.
    pub subject: String,
    /// In-Reply-To first, then References newest first, without brackets or repeats: the order
    /// `thread::decide` expects.
    pub in_reply_to_refs: Vec<String>,
    /// What the sender wrote, quoted history removed (see `quote`).
    pub text: String,
    /// The whole body as plain text.
    pub full_text: String,
    /// Attached and inline files (not the text bodies).
    pub attachments: Vec<Part>,
    /// Why this is machine mail, if it is: such mail must not open tickets or trigger replies.
    pub auto: Option<Auto>,
    /// The delivery report, when this is a DSN (multipart/report; report-type=delivery-status).
    pub bounce: Option<Bounce>,
    /// Lowercase hex SHA-256 of the raw bytes: the key for de-duplication when there is no
    /// Message-ID.
    pub raw_hash: String,
}

/// A file carried by a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The sender's file name without any path; `part-<n>.<ext>` when it had none.
    pub name: String,
    /// `type/subtype`, lowercase, as declared (callers sniff the bytes themselves).
    pub content_type: String,
    /// Shown inside the body (e.g. a signature logo) rather than attached.
    pub inline: bool,
    /// Empty when the file was too big to keep (`left_out`).
    pub bytes: Vec<u8>,
    /// The least the file decodes to, when it was too big for the limit given to
    /// [`parse_within`] and so never decoded.
    pub left_out: Option<usize>,
}

/// Why a message counts as machine mail (RFC 3834 and common practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auto {
    /// A delivery status notification.
    Bounce,
    /// `Auto-Submitted` other than `no`.
    AutoSubmitted,
    /// `Precedence: bulk`, `junk` or `list`.
    Precedence,
    /// `X-Autoreply`/`X-Autorespond`, as some vacation responders set.
    AutoReplyHeader,
    /// `List-Id` or `List-Unsubscribe`: mailing-list or newsletter mail.
    MailingList,
    /// From `mailer-daemon@` or `postmaster@`.
    DaemonSender,
    /// `Return-Path: <>`: the null sender that bounces and auto-replies use.
    NullSender,
}

/// The failed recipient of a delivery status notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    /// Original-Recipient when given (the address the portal used), else Final-Recipient;
    /// lowercased, without the `rfc822;` type.
    pub recipient: String,
    /// The enhanced status code, e.g. `5.1.1` (`4.x.x` is temporary); empty when missing.
    pub status: String,
    /// `failed`, `delayed`, `delivered`, `relayed` or `expanded`, lowercase; empty when missing.
    pub action: String,
}

/// Decodes a raw message; `None` when it is not a message at all (no header can be read).
pub fn parse(raw: &[u8]) -> Option<Incoming> {
    parse_within(raw, usize::MAX)
}

/// [`parse`], but a file that decodes to more than `limit` bytes for certain is not decoded:
/// its [`Part`] comes with `left_out` and no bytes (see `outsized`).
pub fn parse_within(raw: &[u8], limit: usize) -> Option<Incoming> {
    let marker = left_out_marker();
    let smaller = outsized::cut(raw, limit, &marker);
    decode(
        smaller.as_deref().unwrap_or(raw),
        crate::hex(&Sha256::digest(raw)),
        &marker,
    )
}

/// [`parse_within`] for a message kept in a file (a big one, fetched in parts), read twice from
/// the start and never held whole: once to find what to cut, once to copy the rest. Also gives
/// the hex SHA-256 of the whole file, the key of a message that cannot be read.
pub fn parse_file(
    file: &std::fs::File,
    limit: usize,
) -> std::io::Result<(Option<Incoming>, String)> {
    use std::io::{BufReader, Seek as _, SeekFrom};
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    reader.seek(SeekFrom::Start(0))?;
    let found = outsized::find(&mut reader, limit as u64)?;
    reader.seek(SeekFrom::Start(0))?;
    let marker = left_out_marker();
    let smaller = outsized::assemble(reader, &found, &marker)?;
    let hash = crate::hex(&found.sha256);
    Ok((decode(&smaller, hash.clone(), &marker), hash))
}

/// Random per message, so no sender can mark a part of theirs as left out.
fn left_out_marker() -> String {
    format!("X-Donera-Left-Out-{}", uuid::Uuid::new_v4().simple())
}

/// Decodes `bytes` (the message, perhaps with parts cut out) whose original hashes to
/// `raw_hash`.
fn decode(bytes: &[u8], raw_hash: String, marker: &str) -> Option<Incoming> {
    let mut message = MessageParser::default().parse(bytes)?;
    if message.parts.first()?.headers.is_empty() {
        return None;
    }
    let from = message.from().and_then(|a| a.first()).and_then(|addr| {
        let address = addr.address()?.trim().to_lowercase();
        let name = addr.name().unwrap_or_default().trim().to_owned();
        (!address.is_empty()).then_some((name, address))
    });
    let to_cc = message
        .to()
        .into_iter()
        .chain(message.cc())
        .flat_map(|a| a.iter())
        .filter_map(|addr| addr.address())
        .map(|a| a.trim().to_lowercase())
        .filter(|a| !a.is_empty())
        .collect();
    let delivered_to = ["Delivered-To", "X-Original-To", "Envelope-To"]
        .iter()
        .flat_map(|name| raw_values(&message, name))
        .flat_map(|v| thread::references(&[v.as_str()]))
        .map(|a| a.to_lowercase())
        .fold(Vec::new(), |mut all: Vec<String>, a| {
            if !all.contains(&a) {
                all.push(a);
            }
            all
        });
    let in_reply_to_refs = {
        let in_reply_to = raw_values(&message, "In-Reply-To");
        let mut references = thread::references(
            &raw_values(&message, "References")
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        references.reverse();
        let mut values: Vec<String> = in_reply_to;
        values.extend(references.into_iter().map(|id| format!("<{id}>")));
        thread::references(&values.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let (text, full_text) = bodies(&message);
    let bounce = bounce_of(&message);
    let auto = auto_of(
        &message,
        from.as_ref().map(|(_, a)| a.as_str()),
        bounce.is_some(),
    );
    let message_id = message
        .message_id()
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty());
    let subject = message.subject().unwrap_or_default().trim().to_owned();
    let attachments = if bounce.is_some() {
        // The report and the returned original are not a conversation's files.
        vec![]
    } else {
        attachments_of(&mut message, marker)
    };
    Some(Incoming {
        message_id,
        from,
        to_cc,
        delivered_to,
        subject,
        in_reply_to_refs,
        text,
        full_text,
        attachments,
        auto,
        bounce,
        raw_hash,
    })
}

/// Every raw value of a top-level header, in order (mail-parser's accessors give only the first).
fn raw_values(message: &Message<'_>, name: &str) -> Vec<String> {
    let Some(root) = message.parts.first() else {
        return vec![];
    };
    root.headers
        .iter()
        .filter(|h| h.name.as_str().eq_ignore_ascii_case(name))
        .filter_map(|h| {
            let bytes = message
                .raw_message
                .get(h.offset_start as usize..h.offset_end as usize)?;
            Some(String::from_utf8_lossy(bytes).trim().to_owned())
        })
        .collect()
}

fn first_raw(message: &Message<'_>, name: &str) -> Option<String> {
    raw_values(message, name).into_iter().next()
}

/// The reply text and the full text: from the text/plain bodies when there are any, else from
/// the HTML ones.
fn bodies(message: &Message<'_>) -> (String, String) {
    let parts = |ids: &[u32]| -> Vec<&MessagePart<'_>> {
        ids.iter()
            .filter_map(|id| message.parts.get(*id as usize))
            .collect()
    };
    let plain: Vec<&str> = parts(&message.text_body)
        .into_iter()
        .filter_map(|p| match &p.body {
            PartType::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    // Some clients send an empty text/plain beside the real HTML.
    if plain.iter().any(|t| !t.trim().is_empty()) {
        let full = normalize_newlines(&plain.join("\n"));
        return (quote::reply_text(&full), full.trim().to_owned());
    }
    let html: String = parts(&message.html_body)
        .into_iter()
        .filter_map(|p| match &p.body {
            PartType::Html(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if html.is_empty() {
        return (String::new(), String::new());
    }
    (quote::reply_html(&html), html_to_text(&html))
}

fn normalize_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The files, their decoded bytes moved out of the parsed message rather than copied (a 25 MB
/// attachment is held once, not twice).
fn attachments_of(message: &mut Message<'_>, left_out_marker: &str) -> Vec<Part> {
    let ids = message.attachments.clone();
    ids.iter()
        .enumerate()
        .filter_map(|(n, id)| {
            let part = message.parts.get_mut(*id as usize)?;
            if matches!(part.body, PartType::Multipart(_)) {
                return None;
            }
            let content_type = part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_owned(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_owned())
                .to_ascii_lowercase();
            let inline = part
                .content_disposition()
                .map(|d| d.ctype().eq_ignore_ascii_case("inline"))
                .unwrap_or_else(|| part.content_id().is_some());
            let name = part
                .attachment_name()
                .and_then(clean_file_name)
                .unwrap_or_else(|| format!("part-{}.{}", n + 1, extension_of(&content_type)));
            let left_out = part
                .headers
                .iter()
                .find(|h| h.name().eq_ignore_ascii_case(left_out_marker))
                .and_then(|h| h.value().as_text()?.trim().parse().ok());
            Some(Part {
                name,
                content_type,
                inline,
                left_out,
                bytes: match &mut part.body {
                    PartType::Binary(c) | PartType::InlineBinary(c) => {
                        std::mem::take(c).into_owned()
                    }
                    _ => part.contents().to_vec(),
                },
            })
        })
        .collect()
}

/// The last path segment of a sender's file name, without control characters.
fn clean_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    (!clean.is_empty()).then(|| clean.to_owned())
}

fn extension_of(content_type: &str) -> &'static str {
    match content_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "text/plain" => "txt",
        "text/calendar" => "ics",
        "message/rfc822" => "eml",
        _ => "bin",
    }
}

fn auto_of(message: &Message<'_>, from: Option<&str>, is_bounce: bool) -> Option<Auto> {
    if is_bounce {
        return Some(Auto::Bounce);
    }
    let first_word = |name: &str| {
        first_raw(message, name).map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
    };
    if first_word("Auto-Submitted").is_some_and(|v| !v.is_empty() && v != "no") {
        return Some(Auto::AutoSubmitted);
    }
    if first_word("Precedence").is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list")) {
        return Some(Auto::Precedence);
    }
    if ["X-Autoreply", "X-Autorespond"]
        .iter()
        .any(|h| first_word(h).is_some_and(|v| !v.is_empty() && v != "no"))
    {
        return Some(Auto::AutoReplyHeader);
    }
    if first_raw(message, "List-Id").is_some() || first_raw(message, "List-Unsubscribe").is_some() {
        return Some(Auto::MailingList);
    }
    let local = from.and_then(|a| a.rsplit_once('@')).map(|(l, _)| l);
    if local.is_some_and(|l| l == "mailer-daemon" || l == "postmaster") {
        return Some(Auto::DaemonSender);
    }
    if first_raw(message, "Return-Path").is_some_and(|v| v.replace(char::is_whitespace, "") == "<>")
    {
        return Some(Auto::NullSender);
    }
    None
}

/// The failed recipient of a multipart/report; report-type=delivery-status, from its
/// message/delivery-status part: the first recipient whose action is `failed`, else the first.
fn bounce_of(message: &Message<'_>) -> Option<Bounce> {
    let root = message.parts.first()?;
    let ct = root.content_type()?;
    let is_report = ct.ctype().eq_ignore_ascii_case("multipart")
        && ct
            .subtype()
            .is_some_and(|s| s.eq_ignore_ascii_case("report"))
        && ct
            .attribute("report-type")
            .is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"));
    if !is_report {
        return None;
    }
    let status_part = message.parts.iter().find(|p| {
        p.content_type().is_some_and(|ct| {
            ct.ctype().eq_ignore_ascii_case("message")
                && ct.subtype().is_some_and(|s| {
                    s.eq_ignore_ascii_case("delivery-status")
                        || s.eq_ignore_ascii_case("global-delivery-status")
                })
        })
    })?;
    let text = normalize_newlines(&String::from_utf8_lossy(status_part.contents()));
    let mut recipients: Vec<Bounce> = vec![];
    // Groups of fields separated by blank lines: the first is about the message, the rest about
    // one recipient each.
    let mut groups: Vec<String> = vec![String::new()];
    for line in text.lines() {
        match groups.last_mut() {
            Some(group) if !line.trim().is_empty() => {
                group.push_str(line);
                group.push('\n');
            }
            Some(group) if !group.is_empty() => groups.push(String::new()),
            _ => {}
        }
    }
    for group in groups.iter().skip(1) {
        let field = |name: &str| dsn_field(group, name);
        let recipient = field("Original-Recipient")
            .or_else(|| field("Final-Recipient"))
            .map(|v| {
                let address = v.split_once(';').map_or(v.as_str(), |(_, a)| a);
                address
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim()
                    .to_lowercase()
            })
            .filter(|a| !a.is_empty());
        let Some(recipient) = recipient else { continue };
        let status = field("Status")
            .and_then(|s| s.split_whitespace().next().map(str::to_owned))
            .unwrap_or_default();
        let action = field("Action")
            .map(|a| a.trim().to_ascii_lowercase())
            .unwrap_or_default();
        recipients.push(Bounce {
            recipient,
            status,
            action,
        });
    }
    let failed = recipients.iter().position(|b| b.action == "failed");
    match failed {
        Some(i) => Some(recipients.swap_remove(i)),
        None => recipients.into_iter().next(),
    }
}

/// A field of a DSN group, folded lines joined.
fn dsn_field(group: &str, name: &str) -> Option<String> {
    let mut lines = group.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((field, value)) = line.split_once(':') else {
            continue;
        };
        if !field.trim().eq_ignore_ascii_case(name) {
            continue;
        }
        let mut value = value.trim().to_owned();
        while let Some(next) = lines.next_if(|l| l.starts_with([' ', '\t'])) {
            value.push(' ');
            value.push_str(next.trim());
        }
        return Some(value);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// HTML to text

/// Plain text of an HTML body: tags dropped; scripts, styles, the head and hidden elements
/// dropped with their content; entities decoded; block elements as line breaks (paragraphs and
/// headings as blank lines); list items as `- ` lines; links as their text; images dropped;
/// blockquotes as `> ` lines (so `quote` can cut them). Whitespace is collapsed as a browser
/// would, except inside `<pre>`.
pub fn html_to_text(html: &str) -> String {
    let doc = Doc::new(html);
    let mut out = TextOut::default();
    let mut tokens = doc.tokens_from(0);
    while let Some(token) = tokens.next() {
        let tag = match token {
            Token::Text(t) => {
                out.text(&decode_entities(t));
                continue;
            }
            Token::Tag(tag) => tag,
        };
        let name = tag.name.as_str();
        if !tag.closing && (SKIPPED.contains(&name) || is_hidden(&tag)) {
            if !RAW_TEXT.contains(&name) {
                tokens.seek(doc.element_end(&tag));
            }
            continue;
        }
        match name {
            "br" => out.line_break(),
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol" | "dl" => {
                out.block(2)
            }
            "li" => {
                out.block(1);
                if !tag.closing {
                    out.put('-');
                    out.space = true;
                }
            }
            "td" | "th" if !tag.closing => out.space = true,
            "blockquote" => {
                out.block(1);
                if tag.closing {
                    out.quote = out.quote.saturating_sub(1);
                } else if !tag.self_closing {
                    out.quote += 1;
                }
            }
            "pre" => {
                out.block(1);
                if tag.closing {
                    out.pre = out.pre.saturating_sub(1);
                } else if !tag.self_closing {
                    out.pre += 1;
                }
            }
            _ if BLOCKS.contains(&name) => out.block(1),
            _ => {}
        }
    }
    out.finish()
}

/// Most `> ` marks put before a line of nested blockquotes.
const MAX_QUOTE_MARKS: usize = 8;

/// Elements dropped with everything inside them.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "title", "template", "noscript", "svg", "object", "iframe",
];

/// Elements whose content is raw text: the tokenizer jumps over it.
const RAW_TEXT: &[&str] = &["script", "style", "title", "textarea", "xmp"];

/// Elements that end a line.
const BLOCKS: &[&str] = &[
    "div", "tr", "hr", "address", "article", "aside", "center", "dd", "dt", "figure", "footer",
    "form", "header", "main", "nav", "section", "caption", "tbody", "thead", "tfoot", "body",
    "html",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

fn is_hidden(tag: &Tag<'_>) -> bool {
    tag.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("mso-hide:all")
    })
}

#[derive(Default)]
struct TextOut {
    s: String,
    /// Line breaks owed before the next character.
    newlines: usize,
    /// A space owed before the next character (collapsed whitespace).
    space: bool,
    quote: usize,
    pre: usize,
}

impl TextOut {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 && c == '\n' {
                self.newlines += 1;
                self.put_pending();
            } else if self.pre == 0 && c.is_whitespace() && c != '\u{a0}' {
                self.space = true;
            } else if c == '\u{a0}' {
                self.put(' ');
            } else if c != '\u{ad}' && (!c.is_control() || c == '\t') {
                self.put(c);
            }
        }
    }

    fn block(&mut self, n: usize) {
        self.newlines = self.newlines.max(n);
        self.space = false;
    }

    fn line_break(&mut self) {
        self.newlines += 1;
        self.space = false;
    }

    /// Writes owed line breaks now (for empty lines inside `<pre>`).
    fn put_pending(&mut self) {
        while self.newlines > 1 {
            self.end_line();
            self.newlines -= 1;
        }
    }

    fn end_line(&mut self) {
        let kept = self.s.trim_end_matches([' ', '\t']).len();
        self.s.truncate(kept);
        self.s.push('\n');
    }

    fn put(&mut self, c: char) {
        let mut fresh = self.s.is_empty() || self.s.ends_with('\n');
        if self.newlines > 0 && !self.s.is_empty() {
            for _ in 0..self.newlines.min(2) {
                self.end_line();
            }
            fresh = true;
        }
        self.newlines = 0;
        if fresh {
            // Capped: deep nesting must not multiply the output.
            for _ in 0..self.quote.min(MAX_QUOTE_MARKS) {
                self.s.push_str("> ");
            }
        } else if self.space {
            self.s.push(' ');
        }
        self.space = false;
        self.s.push(c);
    }

    fn finish(self) -> String {
        let lines: Vec<&str> = self.s.lines().map(str::trim_end).collect();
        let mut out = String::with_capacity(self.s.len());
        let mut blank = 0;
        for line in lines {
            if line.trim().is_empty() {
                blank += 1;
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank > 0 { "\n\n" } else { "\n" });
            }
            blank = 0;
            out.push_str(line);
        }
        out
    }
}

/// An HTML document with a lowercase copy for case-insensitive searches (same byte offsets:
/// ASCII lowercasing keeps lengths).
pub(super) struct Doc<'a> {
    pub(super) html: &'a str,
    lower: String,
}

pub(super) enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

/// A start or end tag. For raw-text elements (`script`, `style`, …) `end` is past the end tag,
/// so their content is never seen as markup.
pub(super) struct Tag<'a> {
    /// Lowercase.
    pub(super) name: String,
    pub(super) closing: bool,
    pub(super) self_closing: bool,
    attrs: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) struct Tokens<'d, 'a> {
    doc: &'d Doc<'a>,
    pos: usize,
}

impl<'a> Doc<'a> {
    pub(super) fn new(html: &'a str) -> Self {
        Doc {
            html,
            lower: html.to_ascii_lowercase(),
        }
    }

    pub(super) fn tokens_from(&self, pos: usize) -> Tokens<'_, 'a> {
        Tokens { doc: self, pos }
    }

    /// The offset just past the end tag matching `tag` (nesting counted), or the end of the
    /// document when it is never closed.
    pub(super) fn element_end(&self, tag: &Tag<'_>) -> usize {
        if tag.closing || tag.self_closing || VOID.contains(&tag.name.as_str()) {
            return tag.end;
        }
        let mut depth = 0usize;
        for token in self.tokens_from(tag.end) {
            let Token::Tag(t) = token else { continue };
            if t.name != tag.name || t.self_closing {
                continue;
            }
            if !t.closing {
                depth += 1;
            } else if depth == 0 {
                return t.end;
            } else {
                depth -= 1;
            }
        }
        self.html.len()
    }

    /// Parses the markup starting with `<` at `i`: a tag, or `None` for a stray `<`. Comments
    /// and declarations are returned as `Some(Err(end))`, to be skipped.
    fn markup_at(&self, i: usize) -> Option<Result<Tag<'a>, usize>> {
        let html = self.html;
        let rest = &self.lower[i..];
        let find_from = |from: usize, needle: &str| {
            self.lower
                .get(from..)
                .and_then(|s| s.find(needle))
                .map(|p| from + p)
        };
        if rest.starts_with("<!--") {
            let end = find_from(i + 4, "-->").map_or(html.len(), |p| p + 3);
            return Some(Err(end));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            let end = find_from(i, ">").map_or(html.len(), |p| p + 1);
            return Some(Err(end));
        }
        let closing = rest.starts_with("</");
        let name_start = i + if closing { 2 } else { 1 };
        if !self.lower[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name_len = self.lower[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_')))
            .unwrap_or(self.lower.len() - name_start);
        let name = self.lower[name_start..name_start + name_len].to_owned();
        // The closing `>`, outside quoted attribute values.
        let bytes = html.as_bytes();
        let mut j = name_start + name_len;
        let mut quote: Option<u8> = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (Some(q), b) if b == q => quote = None,
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        let attrs = &html[name_start + name_len..j];
        let self_closing = attrs.trim_end().ends_with('/');
        let mut end = (j + 1).min(html.len());
        if !closing && !self_closing && RAW_TEXT.contains(&name.as_str()) {
            end = find_from(end, &format!("</{name}"))
                .and_then(|p| find_from(p, ">"))
                .map_or(html.len(), |p| p + 1);
        }
        Some(Ok(Tag {
            name,
            closing,
            self_closing,
            attrs,
            start: i,
            end,
        }))
    }
}

impl<'a> Tokens<'_, 'a> {
    pub(super) fn seek(&mut self, pos: usize) {
        self.pos = pos;
    }
}

impl<'a> Iterator for Tokens<'_, 'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let html = self.doc.html;
        loop {
            if self.pos >= html.len() {
                return None;
            }
            let start = self.pos;
            let mut search = start;
            // Text up to the next `<` that starts markup.
            while let Some(off) = html[search..].find('<') {
                let lt = search + off;
                match self.doc.markup_at(lt) {
                    None => search = lt + 1,
                    Some(markup) if lt == start => match markup {
                        Ok(tag) => {
                            self.pos = tag.end;
                            return Some(Token::Tag(tag));
                        }
                        Err(end) => {
                            self.pos = end;
                            break;
                        }
                    },
                    Some(_) => {
                        self.pos = lt;
                        return Some(Token::Text(&html[start..lt]));
                    }
                }
            }
            if self.pos == start {
                self.pos = html.len();
                return Some(Token::Text(&html[start..]));
            }
        }
    }
}

impl Tag<'_> {
    /// An attribute's value, entities decoded; `Some("")` for an attribute without a value.
    pub(super) fn attr(&self, name: &str) -> Option<String> {
        let bytes = self.attrs.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            let key_start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=/>".contains(&bytes[i])
            {
                i += 1;
            }
            let key = &self.attrs[key_start..i];
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let v_start = i + 1;
                    i = v_start;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    value = &self.attrs[v_start..i];
                    i += 1;
                } else {
                    let v_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &self.attrs[v_start..i];
                }
            }
            if key.is_empty() {
                i += 1;
            } else if key.eq_ignore_ascii_case(name) {
                return Some(decode_entities(value));
            }
        }
        None
    }

    /// Whether the whitespace-separated `class` attribute holds `class` (case-insensitively).
    pub(super) fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c.eq_ignore_ascii_case(class)))
    }
}

/// Decodes character references: the common named ones, decimal and hexadecimal. Unknown ones
/// stay as written.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.char_indices().take(33).find(|(_, c)| *c == ';');
        let decoded = semi.and_then(|(semi, _)| {
            let name = &after[..semi];
            entity(name).map(|text| (text, semi + 1))
        });
        match decoded {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        // The HTML standard reads C1 controls as Windows-1252, as old mailers meant them.
        let c = match code {
            0x80 => '€',
            0x85 => '…',
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x95 => '•',
            0x96 => '–',
            0x97 => '—',
            0x99 => '™',
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        return Some(c.to_string());
    }
    let c = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" | "emsp" | "thinsp" => " ",
        "shy" | "zwnj" | "zwj" => "",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "sect" => "§",
        "para" => "¶",
        "aring" => "å",
        "Aring" => "Å",
        "auml" => "ä",
        "Auml" => "Ä",
        "ouml" => "ö",
        "Ouml" => "Ö",
        "aacute" => "á",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "uuml" => "ü",
        "Uuml" => "Ü",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "aelig" => "æ",
        "AElig" => "Æ",
        "ccedil" => "ç",
        "ntilde" => "ñ",
        "szlig" => "ß",
        _ => return None,
    };
    Some(c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crlf(s: &str) -> Vec<u8> {
        s.replace('\n', "\r\n").into_bytes()
    }

    #[test]
    fn html_to_text_keeps_text_drops_markup_scripts_and_styles() {
        let html = "<html><head><title>T</title><style>p { color: red; } a > b {}</style></head>\
            <body><p>Hej&nbsp;Anna,</p><p>Vi har <b>fått</b> er <a href=\"https://x.se/a?b=1&amp;c=2\">\
            beställning</a> &amp; tackar.</p><script>if (a < b) { alert('x') }</script>\
            <div>R&auml;ksm&ouml;rg&aring;s &#229;&#xE4;&#246; &mdash; klart</div></body></html>";
        assert_eq!(
            html_to_text(html),
            "Hej Anna,\n\nVi har fått er beställning & tackar.\n\nRäksmörgås åäö — klart"
        );
    }

    #[test]
    fn html_to_text_turns_breaks_lists_and_quotes_into_lines() {
        let html = "<div>Rad ett<br>Rad två</div><div><br></div><div>Efter tom rad</div>\
            <ul><li>Ett</li><li>Två</li></ul><blockquote><div>citat</div><div>mer</div></blockquote>\
            <pre>  a  b\n\nc</pre><!-- kommentar <p>x</p> --><img src=\"cid:1\" alt=\"logo\">";
        assert_eq!(
            html_to_text(html),
            "Rad ett\nRad två\n\nEfter tom rad\n\n- Ett\n- Två\n\n> citat\n> mer\n  a  b\n\nc"
        );
    }

    #[test]
    fn html_to_text_drops_hidden_elements_and_keeps_stray_angle_brackets() {
        let html = "<div style=\"display: none\">preheader</div><p>3 < 4 och 5 > 2</p>\
            <span style=\"mso-hide:all\"><b>dold</b></span><table><tr><td>A</td><td>B</td></tr></table>";
        assert_eq!(html_to_text(html), "3 < 4 och 5 > 2\n\nA B");
    }

    #[test]
    fn unknown_or_unterminated_entities_stay_as_written() {
        assert_eq!(
            decode_entities("a &bogus; b &amp c &#150; &#x1F600;"),
            "a &bogus; b &amp c – 😀"
        );
    }

    #[test]
    fn outlook_html_only_reply_in_swedish() {
        let raw = crlf(
            "From: =?utf-8?Q?Bj=C3=B6rn_=C3=85kesson?= <Bjorn.Akesson@Forening.se>
To: support+d202600042-0123456789abcdef@partner.se
Subject: SV: =?utf-8?Q?Fr=C3=A5ga_om_licenser?= [D-2026-00042]
Message-ID: <AM0PR07MB1234@eurprd07.prod.outlook.com>
In-Reply-To: <D-2026-00042.n1.0011223344556677@portal.se>
References: <D-2026-00041.n0.8899aabbccddeeff@portal.se>
 <D-2026-00042.n1.0011223344556677@portal.se>
MIME-Version: 1.0
Content-Type: text/html; charset=\"utf-8\"
Content-Transfer-Encoding: quoted-printable

<html><head><style>p.MsoNormal {margin:0cm}</style></head><body>
<div class=3D\"elementToProof\">Hej!</div>
<div class=3D\"elementToProof\">Vi beh=C3=B6ver tre licenser till, g=C3=A5r det?</div>
<div class=3D\"elementToProof\">H=C3=A4lsningar<br>Bj=C3=B6rn</div>
<div id=3D\"appendonsend\"></div>
<hr style=3D\"display:inline-block;width:98%\" tabindex=3D\"-1\">
<div id=3D\"divRplyFwdMsg\" dir=3D\"ltr\"><font face=3D\"Calibri\"><b>Fr=C3=A5n:</b> Donera &lt;support@partner.se&gt;<br>
<b>Skickat:</b> den 3 december 2026 14:05<br><b>Till:</b> Bj=C3=B6rn =C3=85kesson<br>
<b>=C3=84mne:</b> Fr=C3=A5ga om licenser [D-2026-00042]</font></div>
<div>&mdash; Svara ovanf=C3=B6r den h=C3=A4r raden &mdash;</div><div>Tidigare svar</div>
</body></html>
",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(
            mail.from,
            Some(("Björn Åkesson".into(), "bjorn.akesson@forening.se".into()))
        );
        assert_eq!(mail.subject, "SV: Fråga om licenser [D-2026-00042]");
        assert_eq!(
            mail.message_id.as_deref(),
            Some("AM0PR07MB1234@eurprd07.prod.outlook.com")
        );
        assert_eq!(
            mail.in_reply_to_refs,
            [
                "D-2026-00042.n1.0011223344556677@portal.se",
                "D-2026-00041.n0.8899aabbccddeeff@portal.se"
            ]
        );
        assert_eq!(
            mail.to_cc,
            ["support+d202600042-0123456789abcdef@partner.se"]
        );
        assert_eq!(
            mail.text,
            "Hej!\nVi behöver tre licenser till, går det?\nHälsningar\nBjörn"
        );
        assert!(mail.full_text.contains("Ämne: Fråga om licenser"));
        assert!(!mail.full_text.contains("<div"), "{}", mail.full_text);
        assert!(mail.full_text.contains("Från: Donera <support@partner.se>"));
        assert_eq!(mail.auto, None);
        assert!(mail.attachments.is_empty());
    }

    #[test]
    fn gmail_multipart_alternative_in_english_uses_the_plain_part() {
        let raw = crlf(
            "Return-Path: <anna@example.org>
From: Anna Lind <anna@example.org>
To: Donera Support <support@partner.se>
Cc: board@example.org
Subject: Re: Your order D-2026-00107
Date: Thu, 3 Dec 2026 14:05:00 +0100
Message-ID: <CAF=abc123@mail.gmail.com>
In-Reply-To: <D-2026-00107.n9.aaaaaaaaaaaaaaaa@portal.se>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=\"000000000000abc\"

--000000000000abc
Content-Type: text/plain; charset=\"UTF-8\"

Thanks, that works for us.

On Thu, 3 Dec 2026 at 14:05, Donera <support@partner.se> wrote:

> =E2=80=94 Reply above this line =E2=80=94
> Your order has been approved.
>

--000000000000abc
Content-Type: text/html; charset=\"UTF-8\"
Content-Transfer-Encoding: quoted-printable

<div dir=3D\"ltr\">Thanks, that works for us.</div><br><div class=3D\"gmail_quote\">\
<div dir=3D\"ltr\" class=3D\"gmail_attr\">On Thu, 3 Dec 2026 at 14:05, Donera &lt;support@partner.se&gt; wrote:<br></div>\
<blockquote class=3D\"gmail_quote\">Your order has been approved.</blockquote></div>

--000000000000abc--
",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(
            mail.from,
            Some(("Anna Lind".into(), "anna@example.org".into()))
        );
        assert_eq!(mail.to_cc, ["support@partner.se", "board@example.org"]);
        assert_eq!(mail.text, "Thanks, that works for us.");
        assert!(mail.full_text.contains("> Your order has been approved."));
        assert_eq!(
            mail.in_reply_to_refs,
            ["D-2026-00107.n9.aaaaaaaaaaaaaaaa@portal.se"]
        );
        assert_eq!(mail.auto, None);
    }

    #[test]
    fn apple_mail_reply_with_a_pdf_attachment() {
        let pdf: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
        let b64 = "JVBERi0xLjQKJeLjz9MKMSAwIG9iaiA8PD4+IGVuZG9iagp0cmFpbGVyIDw8Pj4KJSVFT0YK";
        let raw = crlf(&format!(
            "From: =?utf-8?Q?Karin_=C3=96stberg?= <karin@idrott.se>
To: support@partner.se
Subject: Re: Intyg saknas
Message-Id: <7C1D2E3F-AAAA-BBBB-CCCC-1234567890AB@idrott.se>
Mime-Version: 1.0 (Mac OS X Mail 16.0)
Content-Type: multipart/mixed; boundary=\"Apple-Mail=_111\"

--Apple-Mail=_111
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain; charset=utf-8

H=C3=A4r kommer intyget.

> 3 dec. 2026 kl. 14:05 skrev Donera <support@partner.se>:
>=20
> Vi saknar ert registreringsbevis.

--Apple-Mail=_111
Content-Disposition: attachment; filename*=utf-8''Registreringsbevis%20f%C3%B6rening.pdf
Content-Type: application/pdf; name=\"=?utf-8?Q?Registreringsbevis_f=C3=B6rening=2Epdf?=\"
Content-Transfer-Encoding: base64

{b64}
--Apple-Mail=_111--
"
        ));
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.text, "Här kommer intyget.");
        assert_eq!(mail.attachments.len(), 1);
        let part = &mail.attachments[0];
        assert_eq!(part.name, "Registreringsbevis förening.pdf");
        assert_eq!(part.content_type, "application/pdf");
        assert!(!part.inline);
        assert_eq!(part.bytes, pdf);
        assert_eq!(
            mail.from,
            Some(("Karin Östberg".into(), "karin@idrott.se".into()))
        );
    }

    #[test]
    fn a_file_over_the_limit_is_left_out_with_its_name_and_least_size() {
        let b64 = "JVBERi0xLjQK".repeat(1_000);
        let raw = crlf(&format!(
            "From: karin@idrott.se
Subject: Stor fil
Content-Type: multipart/mixed; boundary=\"m\"

--m
Content-Type: text/plain; charset=utf-8

Se bilagan.
--m
Content-Disposition: attachment; filename=\"stor.pdf\"
Content-Type: application/pdf
Content-Transfer-Encoding: base64
X-Donera-Left-Out-0: 1

{b64}
--m--
"
        ));
        let mail = parse_within(&raw, 5_000).expect("a message");
        assert_eq!(mail.text, "Se bilagan.");
        let part = &mail.attachments[0];
        assert_eq!(part.name, "stor.pdf");
        assert!(part.bytes.is_empty());
        assert_eq!(part.left_out, Some(8_998));
        // Under a higher limit it is decoded as before, and the sender's look-alike header
        // marks nothing.
        let mail = parse_within(&raw, 10_000).expect("a message");
        assert_eq!(mail.attachments[0].left_out, None);
        assert_eq!(mail.attachments[0].bytes.len(), 9_000);
    }

    #[test]
    fn an_empty_plain_alternative_falls_back_to_the_html() {
        let raw = crlf(
            "From: a@b.se
Content-Type: multipart/alternative; boundary=x

--x
Content-Type: text/plain; charset=utf-8

 
--x
Content-Type: text/html; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

<p>Sv=E5r fr=E5ga</p><blockquote type=3D\"cite\">gammalt</blockquote>
--x--
",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.text, "Svår fråga");
        assert_eq!(mail.full_text, "Svår fråga\n\n> gammalt");
    }

    #[test]
    fn a_message_without_message_id_is_keyed_by_its_hash() {
        let raw = crlf("From: a@b.se\nSubject: Hej\n\nText\n");
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.message_id, None);
        assert_eq!(mail.raw_hash.len(), 64);
        assert_eq!(
            mail.raw_hash,
            Sha256::digest(&raw)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        let other = parse(&crlf("From: a@b.se\nSubject: Hej\n\nText!\n")).unwrap();
        assert_ne!(mail.raw_hash, other.raw_hash);
        assert_eq!(mail.text, "Text");
        assert!(mail.to_cc.is_empty());
    }

    #[test]
    fn an_auto_reply_is_machine_mail() {
        let raw = crlf(
            "From: Anna <anna@forening.se>
To: support@partner.se
Subject: Automatiskt svar: Fråga
Auto-Submitted: auto-replied; owner-email=\"anna@forening.se\"
Message-ID: <oof-1@forening.se>

Jag är på semester till och med 4 januari.
",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.auto, Some(Auto::AutoSubmitted));
        assert_eq!(mail.bounce, None);
        let human = parse(&crlf("From: a@b.se\nAuto-Submitted: no\n\nHej\n")).unwrap();
        assert_eq!(human.auto, None);
    }

    #[test]
    fn bulk_list_and_daemon_mail_are_machine_mail() {
        let bulk = parse(&crlf(
            "From: news@shop.se\nPrecedence: Bulk\nSubject: Rea\n\nRea!\n",
        ))
        .unwrap();
        assert_eq!(bulk.auto, Some(Auto::Precedence));
        let list = parse(&crlf(
            "From: news@shop.se\nList-Unsubscribe: <mailto:u@shop.se>\n\nRea!\n",
        ))
        .unwrap();
        assert_eq!(list.auto, Some(Auto::MailingList));
        let daemon = parse(&crlf("From: MAILER-DAEMON@mx.partner.se\n\nfailed\n")).unwrap();
        assert_eq!(daemon.auto, Some(Auto::DaemonSender));
        let postmaster = parse(&crlf("From: postmaster@partner.se\n\nx\n")).unwrap();
        assert_eq!(postmaster.auto, Some(Auto::DaemonSender));
        let null = parse(&crlf("Return-Path: <>\nFrom: x@y.se\n\nx\n")).unwrap();
        assert_eq!(null.auto, Some(Auto::NullSender));
        let vacation = parse(&crlf("From: x@y.se\nX-Autoreply: yes\n\nx\n")).unwrap();
        assert_eq!(vacation.auto, Some(Auto::AutoReplyHeader));
    }

    #[test]
    fn a_dsn_bounce_gives_the_failed_recipient_and_status() {
        let raw = crlf(
            "Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.partner.se>
To: noreply@partner.se
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Message-Id: <20261203140501.ABC@mx.partner.se>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary=\"BND.1\"

--BND.1
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--BND.1
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.partner.se
X-Postfix-Queue-ID: ABC
Arrival-Date: Thu,  3 Dec 2026 14:05:00 +0100

Final-Recipient: rfc822; Kassor@Forening.se
Original-Recipient: rfc822;kassor@forening.se
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.forening.se
Diagnostic-Code: smtp; 550 5.1.1 <kassor@forening.se>: Recipient address
    rejected: User unknown

--BND.1
Content-Description: Undelivered Message
Content-Type: message/rfc822

From: noreply@partner.se
To: kassor@forening.se
Subject: Din order
Message-ID: <D-2026-00042.n1.0011223344556677@portal.se>

Hej
--BND.1--
",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.auto, Some(Auto::Bounce));
        assert_eq!(
            mail.bounce,
            Some(Bounce {
                recipient: "kassor@forening.se".into(),
                status: "5.1.1".into(),
                action: "failed".into(),
            })
        );
        assert!(mail.attachments.is_empty());
    }

    #[test]
    fn a_dsn_without_original_recipient_uses_the_final_one() {
        let raw = crlf(
            "From: postmaster@x.se
Content-Type: multipart/report; report-type=\"Delivery-Status\"; boundary=b

--b
Content-Type: text/plain

Delayed.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; x.se

  \t
Final-Recipient: rfc822; <A@B.se>
Action: delayed
Status: 4.4.1 (timeout)
--b--
",
        );
        let bounce = parse(&raw).unwrap().bounce.unwrap();
        assert_eq!(bounce.recipient, "a@b.se");
        assert_eq!(bounce.status, "4.4.1");
        assert_eq!(bounce.action, "delayed");
    }

    #[test]
    fn a_windows_1252_swedish_body_decodes() {
        let mut raw = b"From: Olle <olle@forening.se>\r\nSubject: Licenser\r\n\
            MIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1252\r\n\
            Content-Transfer-Encoding: 8bit\r\n\r\n"
            .to_vec();
        raw.extend_from_slice(b"V\xe5r f\xf6rening \xe4r liten \x96 tio medlemmar.\r\n");
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.text, "Vår förening är liten – tio medlemmar.");
        assert_eq!(mail.full_text, mail.text);
    }

    #[test]
    fn an_iso_8859_1_subject_name_and_body_decode() {
        let raw = b"From: =?ISO-8859-1?Q?G=F6ran_=C5str=F6m?= <goran@forening.se>\r\n\
            Subject: =?ISO-8859-1?Q?F=E5r_vi_best=E4lla?= =?ISO-8859-1?Q?_fler=3F?=\r\n\
            Content-Type: text/plain; charset=\"ISO-8859-1\"\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\r\n\
            H=E4lsningar fr=E5n G=F6ran\r\n";
        let mail = parse(raw).unwrap();
        assert_eq!(mail.subject, "Får vi beställa fler?");
        assert_eq!(
            mail.from,
            Some(("Göran Åström".into(), "goran@forening.se".into()))
        );
        assert_eq!(mail.text, "Hälsningar från Göran");
    }

    #[test]
    fn inline_images_are_marked_inline_and_unnamed_parts_get_a_neutral_name() {
        let raw = crlf(
            "From: a@b.se
Content-Type: multipart/related; boundary=r

--r
Content-Type: text/html; charset=utf-8

<p>Se bild</p><img src=\"cid:logo\">
--r
Content-Type: image/png
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--r--
",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.text, "Se bild");
        assert_eq!(mail.attachments.len(), 1);
        assert!(mail.attachments[0].inline);
        assert_eq!(mail.attachments[0].name, "part-1.png");
        assert_eq!(mail.attachments[0].bytes, b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\a\\x.pdf").as_deref(),
            Some("x.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(clean_file_name("a\u{7}b.txt").as_deref(), Some("ab.txt"));
        assert_eq!(clean_file_name("..."), None);
    }

    #[test]
    fn delivered_to_addresses_are_collected() {
        let raw = crlf(
            "Delivered-To: Support+D202600042-ABC@partner.se\nX-Original-To: support+d202600042-abc@partner.se\nFrom: a@b.se\n\nx\n",
        );
        let mail = parse(&raw).unwrap();
        assert_eq!(mail.delivered_to, ["support+d202600042-abc@partner.se"]);
    }

    #[test]
    fn garbage_is_not_a_message() {
        assert_eq!(parse(b""), None);
    }
}
