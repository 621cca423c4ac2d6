//! Files too big to keep, cut out of a message before it is decoded.
//!
//! `mail-parser` decodes every part as it parses, so a 25 MB attachment would sit in memory a
//! second time, decoded, only to be refused for its size. A message larger than the file limit
//! is walked here first, line by line from a reader (a big one from a file, never in memory
//! whole), by its MIME boundaries alone: each non-text part whose body decodes to more than the
//! limit for certain loses its body and gains a marker header with a lower bound of its size,
//! and the smaller copy is what `decode` parses. Headers (types, encodings, boundaries) are read
//! by `mail-parser`; only finding the boundaries is done here. Text parts are never cut: they
//! are what the sender wrote.

use std::io::{self, BufRead, Read};
use std::ops::Range;

use mail_parser::{MessageParser, MimeHeaders};
use sha2::{Digest, Sha256};

/// How deep multiparts are followed; deeper parts are left as they are.
const MAX_DEPTH: usize = 16;
/// Lines are read in pieces of at most this many bytes (a body may have no line breaks).
const MAX_PIECE: usize = 16 * 1024;
/// A part's header block longer than this is not read: the part is left as it is.
const MAX_HEADER: usize = 256 * 1024;

/// A part's body to cut, where its marker goes and the least it decodes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// Where the header block's blank line starts: the marker header goes before it.
    marker_at: u64,
    body: Range<u64>,
    at_least: u64,
}

/// What one pass over a message found: the parts to cut, its length and its SHA-256.
#[derive(Debug)]
pub struct Found {
    pub cuts: Vec<Cut>,
    pub len: u64,
    pub sha256: [u8; 32],
}

/// `raw` with the bodies of the non-text parts that decode to more than `limit` bytes for certain
/// taken out, each such part carrying `<marker>: <least size>` as its last header; `None` when
/// nothing is that big (always for a message no larger than `limit`: no encoding grows a body).
pub fn cut(raw: &[u8], limit: usize, marker: &str) -> Option<Vec<u8>> {
    if raw.len() <= limit {
        return None;
    }
    // Reading from a slice cannot fail.
    let found = find(raw, limit as u64).ok()?;
    if found.cuts.is_empty() {
        return None;
    }
    assemble(raw, &found, marker).ok()
}

/// The message from `reader` without the bodies in `found.cuts`, each with its marker header.
pub fn assemble(mut reader: impl Read, found: &Found, marker: &str) -> io::Result<Vec<u8>> {
    let cut: u64 = found.cuts.iter().map(|c| c.body.end - c.body.start).sum();
    let kept = usize::try_from(found.len - cut).unwrap_or(0);
    let mut out = Vec::with_capacity(kept + found.cuts.len() * (marker.len() + 24));
    let mut pos = 0;
    for c in &found.cuts {
        (&mut reader)
            .take(c.marker_at - pos)
            .read_to_end(&mut out)?;
        out.extend_from_slice(format!("{marker}: {}\r\n", c.at_least).as_bytes());
        (&mut reader)
            .take(c.body.start - c.marker_at)
            .read_to_end(&mut out)?;
        io::copy(
            &mut (&mut reader).take(c.body.end - c.body.start),
            &mut io::sink(),
        )?;
        pos = c.body.end;
    }
    reader.read_to_end(&mut out)?;
    Ok(out)
}

/// How a watched body is encoded, for the least it decodes to.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Base64,
    QuotedPrintable,
    /// 7bit, 8bit, binary and unknown: as written, but line breaks may become one byte.
    Identity,
}

/// A non-text body that may have to be cut, measured as it goes by.
#[derive(Debug)]
struct Watch {
    marker_at: u64,
    body_start: u64,
    encoding: Encoding,
    /// Base64 characters, or bytes other than CR (identity).
    count: u64,
    /// The line break that ended the last line read: 2 for CRLF, 1 for LF, 0 for none.
    last_break: u64,
}

#[derive(Debug)]
enum State {
    /// In a part's header block, which starts at `start`.
    Headers {
        start: u64,
        block: Vec<u8>,
    },
    /// In a multipart's preamble or epilogue, or a body that is not watched.
    Skip,
    Body(Watch),
}

/// One pass over the message: which parts to cut, with the message's length and hash.
pub fn find(mut reader: impl BufRead, limit: u64) -> io::Result<Found> {
    let mut hasher = Sha256::new();
    let mut boundaries: Vec<Vec<u8>> = vec![];
    let mut cuts = vec![];
    let mut state = State::Headers {
        start: 0,
        block: vec![],
    };
    let mut piece = Vec::with_capacity(MAX_PIECE);
    let (mut pos, mut at_line_start) = (0u64, true);
    loop {
        let start = pos;
        let line_start = at_line_start;
        piece.clear();
        let complete = read_piece(&mut reader, &mut piece)?;
        if piece.is_empty() {
            break;
        }
        hasher.update(&piece);
        pos += piece.len() as u64;
        at_line_start = complete;
        // A boundary line of this multipart or one around it ends the part.
        if line_start && let Some((depth, closing)) = boundary_of(&piece, &boundaries) {
            end_part(&mut state, start, true, limit, &mut cuts);
            boundaries.truncate(if closing { depth } else { depth + 1 });
            state = if closing {
                State::Skip
            } else {
                State::Headers {
                    start: pos,
                    block: vec![],
                }
            };
            continue;
        }
        match &mut state {
            State::Headers { start: from, block } => {
                if line_start && matches!(piece.as_slice(), b"\n" | b"\r\n") {
                    state = open_part(block, start, pos, boundaries.len()).map_or(
                        State::Skip,
                        |part| match part {
                            Opened::Multipart(b) => {
                                boundaries.push(b);
                                State::Skip
                            }
                            Opened::Watch(w) => State::Body(w),
                        },
                    );
                } else if block.len() + piece.len() <= MAX_HEADER {
                    block.extend_from_slice(&piece);
                } else {
                    tracing::debug!(at = *from, "mail-in: a header block too long to read");
                    state = State::Skip;
                }
            }
            State::Skip => {}
            State::Body(w) => {
                w.count += match w.encoding {
                    Encoding::Base64 => piece
                        .iter()
                        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
                        .count() as u64,
                    Encoding::QuotedPrintable => 0,
                    Encoding::Identity => piece.iter().filter(|&&b| b != b'\r').count() as u64,
                };
                w.last_break = if piece.ends_with(b"\r\n") {
                    2
                } else {
                    u64::from(piece.ends_with(b"\n"))
                };
            }
        }
    }
    end_part(&mut state, pos, false, limit, &mut cuts);
    Ok(Found {
        cuts,
        len: pos,
        sha256: hasher.finalize().into(),
    })
}

/// Reads up to the next line feed (included) or [`MAX_PIECE`] bytes; true when the piece ends
/// a line.
fn read_piece(reader: &mut impl BufRead, piece: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(false);
        }
        let room = (MAX_PIECE - piece.len()).min(available.len());
        let (n, ends_line) = match available[..room].iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (room, false),
        };
        piece.extend_from_slice(&available[..n]);
        reader.consume(n);
        if ends_line {
            return Ok(true);
        }
        if piece.len() >= MAX_PIECE {
            return Ok(false);
        }
    }
}

/// Which open multipart `line` is a boundary line of (innermost first), and whether it closes
/// it (`--boundary--`).
fn boundary_of(line: &[u8], boundaries: &[Vec<u8>]) -> Option<(usize, bool)> {
    let rest = line.strip_prefix(b"--")?;
    boundaries.iter().enumerate().rev().find_map(|(depth, b)| {
        let after = rest.strip_prefix(b.as_slice())?;
        let closing = after.starts_with(b"--");
        (closing || after.iter().all(u8::is_ascii_whitespace)).then_some((depth, closing))
    })
}

enum Opened {
    Multipart(Vec<u8>),
    Watch(Watch),
}

/// What the part whose header block is `block` needs: its boundary when it is a multipart, a
/// watch when its body might be cut, nothing otherwise. `blank` is where the blank line after the
/// block starts and `body_start` where the body does.
fn open_part(block: &[u8], blank: u64, body_start: u64, depth: usize) -> Option<Opened> {
    let headers = MessageParser::new().parse_headers(block)?;
    let (ctype, boundary) = match headers.content_type() {
        Some(ct) => (
            ct.ctype().to_ascii_lowercase(),
            ct.attribute("boundary").map(str::to_owned),
        ),
        // RFC 2045: no Content-Type is text/plain.
        None => ("text".to_owned(), None),
    };
    match (ctype.as_str(), boundary) {
        ("multipart", Some(b)) if depth < MAX_DEPTH && !b.is_empty() => {
            Some(Opened::Multipart(b.into_bytes()))
        }
        ("multipart" | "text" | "message", _) => None,
        _ => {
            let encoding = match headers
                .content_transfer_encoding()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
                .as_str()
            {
                "base64" => Encoding::Base64,
                "quoted-printable" => Encoding::QuotedPrintable,
                _ => Encoding::Identity,
            };
            Some(Opened::Watch(Watch {
                marker_at: blank,
                body_start,
                encoding,
                count: 0,
                last_break: 0,
            }))
        }
    }
}

/// Ends the current part at `at`: the start of a boundary line (`boundary`) or the end of the
/// message. Adds its cut when its body is too big to keep.
fn end_part(state: &mut State, at: u64, boundary: bool, limit: u64, cuts: &mut Vec<Cut>) {
    let State::Body(w) = std::mem::replace(state, State::Skip) else {
        return;
    };
    // RFC 2046: the line break before a boundary line belongs to the boundary.
    let (end, lf) = if boundary && at > w.body_start {
        (
            at.saturating_sub(w.last_break).max(w.body_start),
            u64::from(w.last_break > 0),
        )
    } else {
        (at, 0)
    };
    let len = end - w.body_start;
    if len <= limit {
        return;
    }
    let at_least = match w.encoding {
        // Every four base64 characters are three bytes, less at most two of padding.
        Encoding::Base64 => (w.count / 4 * 3).saturating_sub(2),
        // At most three characters (=XX) per byte.
        Encoding::QuotedPrintable => len / 3,
        Encoding::Identity => w.count.saturating_sub(lf),
    };
    if at_least > limit {
        cuts.push(Cut {
            marker_at: w.marker_at,
            body: w.body_start..end,
            at_least,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "X-Test-Left-Out";

    /// `raw` cut at a limit of 1,000 bytes, as text; it must have had something to cut.
    fn cut_text(raw: &str) -> String {
        let out = cut(raw.as_bytes(), 1_000, MARK).expect("a part to cut");
        String::from_utf8(out).expect("text in, text out")
    }

    fn b64(n: usize) -> String {
        // 76-character lines of base64 for n bytes (the content does not matter).
        let chars = n.div_ceil(3) * 4;
        let line = "QUJD".repeat(19);
        let mut s = String::new();
        let mut left = chars;
        while left > 0 {
            let take = left.min(76);
            s.push_str(&line[..take]);
            s.push_str("\r\n");
            left -= take;
        }
        s
    }

    fn mixed(pdf_bytes: usize) -> String {
        format!(
            "From: a@b.se\r\nSubject: Stor fil\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"xyz\"\r\n\r\n\
             preamble\r\n--xyz\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\nSe bilagan, tack.\r\n--xyz\r\n\
             Content-Type: application/pdf; name=\"stor.pdf\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}--xyz\r\n\
             Content-Type: image/png; name=\"liten.png\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--xyz--\r\nepilogue\r\n",
            b64(pdf_bytes)
        )
    }

    #[test]
    fn a_big_attachment_loses_its_body_and_keeps_its_headers() {
        let raw = mixed(30_000);
        let out = cut(raw.as_bytes(), 10_000, MARK).expect("cut");
        let out = String::from_utf8(out).expect("text in, text out");
        assert!(out.len() < 1_000, "{out}");
        assert!(
            out.contains(
                "Content-Type: application/pdf; name=\"stor.pdf\"\r\n\
                 Content-Transfer-Encoding: base64\r\nX-Test-Left-Out: 29998\r\n\r\n\r\n--xyz\r\n"
            ),
            "{out}"
        );
        // The text and the small file are untouched, and so is everything around them.
        assert!(out.contains("Se bilagan, tack.\r\n--xyz\r\n"), "{out}");
        assert!(
            out.contains("iVBORw0KGgo=\r\n--xyz--\r\nepilogue\r\n"),
            "{out}"
        );
        assert!(out.starts_with("From: a@b.se\r\n"), "{out}");
    }

    #[test]
    fn nothing_is_cut_under_the_limit_or_from_text() {
        let raw = mixed(30_000);
        assert_eq!(cut(raw.as_bytes(), 40_000, MARK), None);
        // The base64 of 30,000 bytes is 40,000 characters, but decodes to less than 35,000.
        assert_eq!(cut(raw.as_bytes(), 35_000, MARK), None);
        let text = format!(
            "From: a@b.se\r\nContent-Type: text/plain\r\n\r\n{}",
            "lång rad\r\n".repeat(5_000)
        );
        assert_eq!(cut(text.as_bytes(), 1_000, MARK), None);
    }

    #[test]
    fn nested_multiparts_and_bare_line_feeds() {
        let raw = format!(
            "From: a@b.se\nContent-Type: multipart/mixed; boundary=outer\n\n--outer\n\
             Content-Type: multipart/alternative; boundary=\"inner\"\n\n--inner\n\
             Content-Type: text/plain\n\nhej\n--inner--\n--outer\n\
             Content-Type: application/octet-stream\n\n{}\n--outer--\n",
            "x".repeat(5_000)
        );
        let out = cut_text(&raw);
        assert!(
            out.ends_with(
                "Content-Type: application/octet-stream\nX-Test-Left-Out: 5000\r\n\n\n--outer--\n"
            ),
            "{out}"
        );
        assert!(out.contains("hej\n--inner--"), "{out}");
    }

    #[test]
    fn a_single_part_file_and_an_unclosed_multipart() {
        let single = format!(
            "From: a@b.se\r\nContent-Type: application/pdf\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}",
            b64(3_000)
        );
        let out = cut_text(&single);
        assert!(out.ends_with("X-Test-Left-Out: 2998\r\n\r\n"), "{out}");
        let unclosed = format!(
            "From: a@b.se\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\
             Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
            b64(3_000)
        );
        let out = cut_text(&unclosed);
        assert!(out.ends_with("X-Test-Left-Out: 2998\r\n\r\n"), "{out}");
    }

    #[test]
    fn garbage_and_headers_only_are_left_alone() {
        assert_eq!(cut(&[0xff; 5_000], 1_000, MARK), None);
        let headers_only = format!("From: a@b.se\r\nX-Long: {}\r\n", "a".repeat(5_000));
        assert_eq!(cut(headers_only.as_bytes(), 1_000, MARK), None);
        // A boundary that never appears: the one part is the preamble, not a file.
        let lost = format!(
            "Content-Type: multipart/mixed; boundary=nope\r\n\r\n{}",
            b64(3_000)
        );
        assert_eq!(cut(lost.as_bytes(), 1_000, MARK), None);
    }
}
