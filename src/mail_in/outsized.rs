//! Files too big to keep, cut out of a message before it is decoded.
//!
//! `mail-parser` decodes every part as it parses, so a 25 MB attachment would sit in memory a
//! second time, decoded, only to be refused for its size. A message larger than the file limit
//! is walked here first, by its MIME boundaries alone: each non-text part whose body decodes to
//! more than the limit for certain loses its body and gains a marker header with a lower bound
//! of its size, and the smaller copy is what `decode` parses. Headers (names, types, encodings)
//! are still read by `mail-parser`; only finding the boundaries is done here. Text parts are
//! never cut: they are what the sender wrote.

use std::ops::Range;

use mail_parser::{MessageParser, MimeHeaders};

/// How deep multiparts are followed; deeper parts are left as they are.
const MAX_DEPTH: usize = 16;

/// A part's body to cut, where its marker goes and the least it decodes to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cut {
    /// Where the header block's blank line starts: the marker header goes before it.
    marker_at: usize,
    body: Range<usize>,
    at_least: usize,
}

/// `raw` with the bodies of the non-text parts that decode to more than `limit` bytes for certain
/// taken out, each such part carrying `<marker>: <least size>` as its last header; `None` when
/// nothing is that big (always for a message no larger than `limit`: no encoding grows a body).
pub fn cut(raw: &[u8], limit: usize, marker: &str) -> Option<Vec<u8>> {
    if raw.len() <= limit {
        return None;
    }
    let mut cuts = vec![];
    walk(raw, 0..raw.len(), limit, 0, &mut cuts);
    if cuts.is_empty() {
        return None;
    }
    let kept = raw.len() - cuts.iter().map(|c| c.body.len()).sum::<usize>();
    let mut out = Vec::with_capacity(kept + cuts.len() * (marker.len() + 24));
    let mut from = 0;
    for c in &cuts {
        out.extend_from_slice(&raw[from..c.marker_at]);
        out.extend_from_slice(format!("{marker}: {}\r\n", c.at_least).as_bytes());
        out.extend_from_slice(&raw[c.marker_at..c.body.start]);
        from = c.body.end;
    }
    out.extend_from_slice(&raw[from..]);
    Some(out)
}

/// Collects the cuts in the part at `part` (headers, blank line, body), in order.
fn walk(raw: &[u8], part: Range<usize>, limit: usize, depth: usize, cuts: &mut Vec<Cut>) {
    let Some((marker_at, body_start)) = header_end(raw, part.clone()) else {
        return;
    };
    let Some(headers) = MessageParser::new().parse_headers(&raw[part.start..marker_at]) else {
        return;
    };
    let (ctype, boundary) = match headers.content_type() {
        Some(ct) => (
            ct.ctype().to_ascii_lowercase(),
            ct.attribute("boundary").map(str::to_owned),
        ),
        // RFC 2045: no Content-Type is text/plain.
        None => ("text".to_owned(), None),
    };
    let body = body_start..part.end;
    match (ctype.as_str(), boundary) {
        ("multipart", Some(b)) if depth < MAX_DEPTH && !b.is_empty() => {
            for sub in parts_of(raw, body, b.as_bytes()) {
                walk(raw, sub, limit, depth + 1, cuts);
            }
        }
        ("multipart" | "text" | "message", _) => {}
        _ if body.len() <= limit => {}
        _ => {
            let encoding = headers
                .content_transfer_encoding()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            let at_least = least_decoded(&raw[body.clone()], &encoding);
            if at_least > limit {
                cuts.push(Cut {
                    marker_at,
                    body,
                    at_least,
                });
            }
        }
    }
}

/// The least number of bytes `body` decodes to.
fn least_decoded(body: &[u8], encoding: &str) -> usize {
    match encoding {
        // Every four base64 characters are three bytes, less at most two of padding.
        "base64" => {
            let chars = body
                .iter()
                .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
                .count();
            (chars / 4 * 3).saturating_sub(2)
        }
        // At most three characters (=XX) per byte.
        "quoted-printable" => body.len() / 3,
        // 7bit, 8bit, binary and unknown: as written, but line breaks may become one byte.
        _ => body.len() - body.iter().filter(|&&b| b == b'\r').count(),
    }
}

/// Where the header block of `part` ends: (start of the blank line, start of the body). `None`
/// when there is no blank line, so no body.
fn header_end(raw: &[u8], part: Range<usize>) -> Option<(usize, usize)> {
    let mut line = part.start;
    while line < part.end {
        let nl = line + raw[line..part.end].iter().position(|&b| b == b'\n')?;
        if raw[line..nl] == *b"" || raw[line..nl] == *b"\r" {
            return Some((line, nl + 1));
        }
        line = nl + 1;
    }
    None
}

/// The parts of a multipart body between its `--boundary` lines (RFC 2046: the line break
/// before a boundary line belongs to it), up to the closing `--boundary--`.
fn parts_of(raw: &[u8], body: Range<usize>, boundary: &[u8]) -> Vec<Range<usize>> {
    let mut parts = vec![];
    let mut open: Option<usize> = None;
    let mut line = body.start;
    while line < body.end {
        let nl = raw[line..body.end]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.end, |p| line + p);
        let text = &raw[line..nl];
        if let Some(rest) = text
            .strip_prefix(b"--")
            .and_then(|t| t.strip_prefix(boundary))
        {
            let closing = rest.starts_with(b"--");
            if closing || rest.iter().all(u8::is_ascii_whitespace) {
                if let Some(start) = open {
                    // The line break before this boundary line is not the part's.
                    let mut end = line.saturating_sub(1).max(start);
                    if end > start && raw[end - 1] == b'\r' {
                        end -= 1;
                    }
                    parts.push(start..end);
                }
                if closing {
                    return parts;
                }
                open = Some((nl + 1).min(body.end));
            }
        }
        line = nl + 1;
    }
    // No closing boundary: the last part runs to the end.
    if let Some(start) = open {
        parts.push(start..body.end);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "X-Test-Left-Out";

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
        let out = String::from_utf8(out).unwrap();
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
        let out = String::from_utf8(cut(raw.as_bytes(), 1_000, MARK).unwrap()).unwrap();
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
        let out = String::from_utf8(cut(single.as_bytes(), 1_000, MARK).unwrap()).unwrap();
        assert!(out.ends_with("X-Test-Left-Out: 2998\r\n\r\n"), "{out}");
        let unclosed = format!(
            "From: a@b.se\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n\
             Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
            b64(3_000)
        );
        let out = String::from_utf8(cut(unclosed.as_bytes(), 1_000, MARK).unwrap()).unwrap();
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
