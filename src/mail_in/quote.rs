//! Cutting quoted history out of replies, so a ticket shows what the sender wrote and not the
//! whole thread again.
//!
//! Plain text ([`reply_text`]) is cut, in this order, at the separator line the portal's
//! notifications carry ([`SEPARATOR_SV`], [`SEPARATOR_EN`]); then at the first client marker
//! (an attribution line such as `Den 3 dec. 2026 kl. 14:05 skrev Anna <a@b.se>:` or
//! `On Thu, 3 Dec 2026 at 14:05, Anna <a@b.se> wrote:`, also wrapped over two lines; an Outlook
//! header block `Från:/Skickat:/Till:/Ämne:` or `From:/Sent:/To:/Subject:` with the underscore or
//! `-----Original Message-----` line above it); then before a trailing block of `>` lines.
//! HTML ([`reply_html`]) first loses the quote containers that Gmail, Outlook, Apple Mail and
//! Thunderbird write, then goes through `decode::html_to_text` and [`reply_text`].
//!
//! Forwarded mail is cut the same way (its header block looks like a reply's): callers that
//! need the forwarded content keep the full text beside the reply. Nothing here is shown to
//! people: the separators are markers that the notification templates print.

use super::decode::{Doc, Tag, Token, html_to_text};

/// The separator line of Swedish notifications: a reply is what stands above it.
pub const SEPARATOR_SV: &str = "— Svara ovanför den här raden —";
/// The separator line of English notifications.
pub const SEPARATOR_EN: &str = "— Reply above this line —";

/// What the sender wrote above the quoted history of a plain-text reply, trimmed, with line
/// endings as `\n`. When nothing stands above the quote, the whole text (trimmed) is returned,
/// never an empty string for a non-empty body.
pub fn reply_text(body: &str) -> String {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let mut end = lines
        .iter()
        .position(|l| is_separator(l))
        .unwrap_or(lines.len());
    if let Some(marker) = first_client_marker(&lines[..end]) {
        end = marker;
    }
    end = trailing_quote_start(&lines[..end]);
    let kept = lines[..end].join("\n");
    let kept = kept.trim();
    if kept.is_empty() {
        body.trim().to_owned()
    } else {
        kept.to_owned()
    }
}

/// What the sender wrote in an HTML reply, as plain text: the quote containers removed (Gmail
/// `gmail_quote`/`gmail_quote_container`, Yahoo `yahoo_quoted`, Apple Mail
/// `<blockquote type="cite">`, Thunderbird `moz-cite-prefix` with its blockquote) or cut with
/// everything after them (Outlook `divRplyFwdMsg`, `appendonsend`,
/// `mail-editor-reference-message-container`), then converted and cut as [`reply_text`].
pub fn reply_html(html: &str) -> String {
    let text = html_to_text(&strip_quoted_html(html));
    if text.trim().is_empty() {
        reply_text(&html_to_text(html))
    } else {
        reply_text(&text)
    }
}

#[derive(Clone, Copy)]
enum Cut {
    /// Remove the element.
    Element,
    /// Remove the element and a blockquote right after it.
    ElementAndQuote,
    /// Remove the element and everything after it.
    Rest,
}

fn cut_of(tag: &Tag<'_>) -> Option<Cut> {
    match tag.name.as_str() {
        "div" => {
            let id = tag.attr("id").unwrap_or_default();
            if [
                "divRplyFwdMsg",
                "appendonsend",
                "mail-editor-reference-message-container",
            ]
            .iter()
            .any(|known| id.eq_ignore_ascii_case(known))
            {
                Some(Cut::Rest)
            } else if tag.has_class("moz-cite-prefix") {
                Some(Cut::ElementAndQuote)
            } else if ["gmail_quote", "gmail_quote_container", "yahoo_quoted"]
                .iter()
                .any(|c| tag.has_class(c))
            {
                Some(Cut::Element)
            } else {
                None
            }
        }
        "blockquote" => {
            let cite = tag
                .attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("cite"));
            (cite || tag.has_class("gmail_quote")).then_some(Cut::Element)
        }
        _ => None,
    }
}

fn strip_quoted_html(html: &str) -> String {
    let doc = Doc::new(html);
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut tokens = doc.tokens_from(0);
    while let Some(token) = tokens.next() {
        let Token::Tag(tag) = token else { continue };
        if tag.closing {
            continue;
        }
        let Some(cut) = cut_of(&tag) else { continue };
        out.push_str(&html[copied..tag.start]);
        let mut end = match cut {
            Cut::Rest => return out,
            Cut::Element | Cut::ElementAndQuote => doc.element_end(&tag),
        };
        if let Cut::ElementAndQuote = cut {
            let next = doc.tokens_from(end).find(|t| match t {
                Token::Text(s) => !s.trim().is_empty(),
                Token::Tag(_) => true,
            });
            if let Some(Token::Tag(quote)) = next
                && quote.name == "blockquote"
                && !quote.closing
            {
                end = doc.element_end(&quote);
            }
        }
        copied = end;
        tokens.seek(end);
    }
    out.push_str(&html[copied..]);
    out
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '―' | '‐' | '‑' | '−')
}

/// The portal's separator line, with em dashes or hyphens, quoted or not, in any case.
fn is_separator(line: &str) -> bool {
    let line = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    if !line.starts_with(is_dash) {
        return false;
    }
    let line = line.trim_end();
    if !line.ends_with(is_dash) {
        return false;
    }
    let core = line.trim_matches(|c: char| is_dash(c) || c.is_whitespace());
    let core = core.split_whitespace().collect::<Vec<_>>().join(" ");
    let core = core.to_lowercase();
    [SEPARATOR_SV, SEPARATOR_EN].iter().any(|sep| {
        sep.trim_matches(|c: char| is_dash(c) || c.is_whitespace())
            .to_lowercase()
            == core
    })
}

/// The index of the first line that starts a client's quoted history.
fn first_client_marker(lines: &[&str]) -> Option<usize> {
    (0..lines.len()).find_map(|i| {
        let line = lines[i];
        if line.trim_start().starts_with('>') {
            return None;
        }
        if is_original_message_line(line) || is_attribution(line) {
            return Some(i);
        }
        if let Some(next) = lines.get(i + 1)
            && starts_attribution(line)
            && !line.trim_end().ends_with(':')
            && is_wrapped_tail(next)
            && is_attribution(&format!("{} {}", line.trim(), next.trim()))
        {
            return Some(i);
        }
        if header_of(line) == Some(Header::From) && is_header_block(&lines[i + 1..]) {
            return Some(above_header_block(lines, i));
        }
        None
    })
}

/// `Den …`/`On …` or a date first: the first line of a wrapped attribution.
fn starts_attribution(line: &str) -> bool {
    let line = line.trim().to_lowercase();
    line.starts_with("den ")
        || line.starts_with("on ")
        || line.starts_with(|c: char| c.is_ascii_digit())
}

/// The second line of an attribution that a client wrapped: short, and either the rest of an
/// address (`anna@exempel.se>:`) or a few words (`Svensson <a@b.se> wrote:`, `wrote:`).
fn is_wrapped_tail(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 80 && (line.contains('@') || line.split_whitespace().count() <= 3)
}

/// `… skrev …:` or `On … wrote:` with a time of day in it (`14:05`, `14.05`, `2:05`), so a
/// sentence of the sender's own that merely says "skrev" or "wrote" is not taken.
fn is_attribution(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 300 || !line.ends_with(':') || !has_time_of_day(line) {
        return false;
    }
    let lower = line.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    let swedish = words.clone().any(|w| w == "skrev");
    let english = lower.starts_with("on ") && words.any(|w| w == "wrote");
    swedish || english
}

fn has_time_of_day(line: &str) -> bool {
    let b = line.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        matches!(b[i], b':' | b'.')
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
            && (i < 3 || !b[i - 3].is_ascii_digit() || !b[i - 2].is_ascii_digit())
    })
}

/// `-----Original Message-----` and its Swedish forms.
fn is_original_message_line(line: &str) -> bool {
    let line = line.trim();
    if !line.starts_with("---") || !line.ends_with("---") {
        return false;
    }
    let core = line.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let core = core.to_lowercase();
    matches!(
        core.as_str(),
        "original message" | "ursprungligt meddelande" | "originalmeddelande"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    From,
    Sent,
    To,
    Cc,
    Subject,
}

/// The Outlook header a line starts with (`Från:`, `*Sent:*`, …).
fn header_of(line: &str) -> Option<Header> {
    let line = line.trim_start_matches(|c: char| c == '*' || c.is_whitespace());
    let (name, _) = line.split_once(':')?;
    let name = name.trim_end_matches('*').trim().to_lowercase();
    Some(match name.as_str() {
        "från" | "from" => Header::From,
        "skickat" | "sent" | "datum" | "date" => Header::Sent,
        "till" | "to" => Header::To,
        "kopia" | "cc" => Header::Cc,
        "ämne" | "subject" => Header::Subject,
        _ => return None,
    })
}

/// Whether the lines after a `From:` line hold a date and a recipient or subject header within
/// the next few lines: the header block of a quoted message, not a `Från:` of the sender's own.
fn is_header_block(after: &[&str]) -> bool {
    let headers: Vec<Header> = after
        .iter()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .map_while(|l| header_of(l))
        .collect();
    headers.contains(&Header::Sent)
        && (headers.contains(&Header::Subject) || headers.contains(&Header::To))
}

/// Where a header block at `from` really starts: at the underscore or original-message line
/// just above it, if there is one.
fn above_header_block(lines: &[&str], from: usize) -> usize {
    let above = lines[..from].iter().rposition(|l| !l.trim().is_empty());
    match above {
        Some(i) if is_underscore_line(lines[i]) || is_original_message_line(lines[i]) => i,
        _ => from,
    }
}

fn is_underscore_line(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 10 && line.chars().all(|c| c == '_')
}

/// Where a trailing block of `>` lines (blank lines allowed inside) begins; `lines.len()` when
/// the text does not end in one.
fn trailing_quote_start(lines: &[&str]) -> usize {
    let mut start = lines.len();
    for (i, line) in lines.iter().enumerate().rev() {
        let line = line.trim_start();
        if line.starts_with('>') {
            start = i;
        } else if !line.is_empty() {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notifications_print_the_separators_cut_here() {
        use crate::i18n::{I18n, Locale};
        let Ok(i18n) = I18n::load(true) else {
            panic!("the locales load")
        };
        assert_eq!(
            i18n.format(Locale::Sv, "mail-reply-above", None),
            SEPARATOR_SV
        );
        assert_eq!(
            i18n.format(Locale::En, "mail-reply-above", None),
            SEPARATOR_EN
        );
    }

    // ---- plain text ------------------------------------------------------------------------

    #[test]
    fn portal_separator_cuts_in_both_languages_and_spellings() {
        for sep in [
            SEPARATOR_SV,
            SEPARATOR_EN,
            "-- Svara ovanför den här raden --",
            "- Reply above this line -",
            "> — Reply above this line —",
            "  >>  --  SVARA OVANFÖR DEN HÄR RADEN  --  ",
            "–  Reply   above this line  –",
        ] {
            let body = format!("Tack, det löser sig.\n\n{sep}\nHej Anna, ditt ärende …\n");
            assert_eq!(reply_text(&body), "Tack, det löser sig.", "{sep}");
        }
    }

    #[test]
    fn separator_words_without_dashes_are_the_senders_own() {
        let body = "Ni skriver \"Reply above this line\" i mejlen.\nVarför?";
        assert_eq!(reply_text(body), body);
    }

    #[test]
    fn gmail_swedish_plain() {
        let body = "Hej!\n\nVi har nu skickat in intyget.\n\nMvh\nAnna\n\n\
            Den tors 3 dec. 2026 kl 14:05 skrev Donera <support@partner.se>:\n\n\
            > — Svara ovanför den här raden —\n>\n> Hej Anna,\n> vi saknar intyget.\n";
        assert_eq!(
            reply_text(body),
            "Hej!\n\nVi har nu skickat in intyget.\n\nMvh\nAnna"
        );
    }

    #[test]
    fn gmail_swedish_plain_with_the_attribution_wrapped() {
        let body = "Ja, det stämmer.\r\n\r\nDen tors 3 dec. 2026 kl 14:05 skrev Donera Support <\r\n\
            support+d202600042-0123456789abcdef@partner.se>:\r\n\r\n> Stämmer uppgifterna?\r\n";
        assert_eq!(reply_text(body), "Ja, det stämmer.");
    }

    #[test]
    fn gmail_english_plain() {
        let body = "Thanks, received.\n\nOn Thu, 3 Dec 2026 at 14:05, Donera <support@partner.se> wrote:\n\n\
            > Your order D-2026-00042 was approved.\n";
        assert_eq!(reply_text(body), "Thanks, received.");
        let us = "Great!\n\nOn Thu, Dec 3, 2026 at 2:05 PM Donera Support <\nsupport@partner.se> wrote:\n> x\n";
        assert_eq!(reply_text(us), "Great!");
    }

    #[test]
    fn apple_mail_swedish_plain() {
        let body = "Bifogar stadgarna.\n\nSkickat från min iPhone\n\n\
            > 3 dec. 2026 kl. 14:05 skrev Donera <support@partner.se>:\n>\n> Hej!\n";
        assert_eq!(
            reply_text(body),
            "Bifogar stadgarna.\n\nSkickat från min iPhone"
        );
        let unquoted = "Bifogar stadgarna.\n\n3 dec. 2026 kl. 14:05 skrev Donera <support@partner.se>:\n\n> Hej!\n";
        assert_eq!(reply_text(unquoted), "Bifogar stadgarna.");
    }

    #[test]
    fn apple_mail_english_plain() {
        let body = "Will do.\n\n> On 3 Dec 2026, at 14:05, Donera <support@partner.se> wrote:\n>\n> Please confirm.\n";
        assert_eq!(reply_text(body), "Will do.");
        let unquoted = "Will do.\n\nOn 3 Dec 2026, at 14:05, Donera <support@partner.se> wrote:\n\n> Please confirm.\n";
        assert_eq!(reply_text(unquoted), "Will do.");
    }

    #[test]
    fn thunderbird_swedish_and_english_plain() {
        let sv = "Det går bra.\n\nDen 2026-12-03 kl. 14:05, skrev Donera:\n> Går det bra?\n";
        assert_eq!(reply_text(sv), "Det går bra.");
        let en = "Fine by us.\n\nOn 12/3/26 14:05, Donera wrote:\n> Is that fine?\n";
        assert_eq!(reply_text(en), "Fine by us.");
    }

    #[test]
    fn outlook_swedish_plain_header_block() {
        let body = "Hej,\n\nHär är uppgifterna.\n\nMed vänlig hälsning\nBjörn\n\n\
            ________________________________\n\
            Från: Donera <support@partner.se>\n\
            Skickat: den 3 december 2026 14:05\n\
            Till: Björn Åkesson <bjorn@forening.se>\n\
            Ämne: Komplettering behövs [D-2026-00042]\n\n\
            Hej Björn, ...\n";
        assert_eq!(
            reply_text(body),
            "Hej,\n\nHär är uppgifterna.\n\nMed vänlig hälsning\nBjörn"
        );
    }

    #[test]
    fn outlook_english_plain_header_block_and_original_message_lines() {
        let body = "See attached.\n\n-----Original Message-----\nFrom: Donera <support@partner.se>\n\
            Sent: Thursday, December 3, 2026 2:05 PM\nTo: Bob <bob@org.org>\nSubject: Missing file\n\nHi Bob\n";
        assert_eq!(reply_text(body), "See attached.");
        let bare = "See attached.\n\nFrom: Donera <support@partner.se>\nSent: Thursday, December 3, 2026 2:05 PM\n\
            To: Bob <bob@org.org>\nCc: Alice <a@org.org>\nSubject: Missing file\n\nHi Bob\n";
        assert_eq!(reply_text(bare), "See attached.");
        let mac = "OK.\n\nFrom: Donera <support@partner.se>\nDate: Thursday, 3 December 2026 at 14:05\n\
            To: Bob <bob@org.org>\nSubject: Missing file\n";
        assert_eq!(reply_text(mac), "OK.");
        let sv = "Tack.\n\n-----Ursprungligt meddelande-----\nFrån: Donera\nSkickat: 3 dec 2026\n";
        assert_eq!(reply_text(sv), "Tack.");
    }

    #[test]
    fn trailing_quoted_lines_are_dropped_but_inline_answers_kept() {
        let body = "Svar överst.\n\n> citat ett\n>\n> citat två\n\n";
        assert_eq!(reply_text(body), "Svar överst.");
        let inline = "> Har ni 30 medlemmar?\nJa, 31.\n> Och ett organisationsnummer?\nJa.\n";
        assert_eq!(reply_text(inline), inline.trim());
    }

    #[test]
    fn a_body_that_is_all_quote_is_returned_whole() {
        let body = "\n> Hej\n> Hur går det?\n";
        assert_eq!(reply_text(body), "> Hej\n> Hur går det?");
        let only_sep = "— Svara ovanför den här raden —\nHej\n";
        assert_eq!(reply_text(only_sep), only_sep.trim());
        assert_eq!(reply_text("  \n "), "");
    }

    #[test]
    fn sentences_mentioning_skrev_or_wrote_are_not_cut() {
        let sv =
            "Som jag skrev igår:\nvi har 40 medlemmar.\nAnna skrev den 3 dec att det var klart.";
        assert_eq!(reply_text(sv), sv);
        let en = "As I wrote before:\nwe have 40 members.\nOn Monday she wrote: thanks";
        assert_eq!(reply_text(en), en);
        let wrapped =
            "Den 3 december kl 14:05 har vi möte.\nDå tar vi det som Anna skrev till mig:\n- punkt";
        assert_eq!(reply_text(wrapped), wrapped);
        let time = "Mötet är kl. 14:05, se vad styrelsen skrev i protokollet.\nTack";
        assert_eq!(reply_text(time), time);
    }

    #[test]
    fn a_from_line_of_the_senders_own_is_not_cut() {
        let body =
            "Hej!\nFrån: vår kassör kom frågan om licenser.\nHon undrar om priset.\n\nMvh Eva";
        assert_eq!(reply_text(body), body);
        let with_subject = "Från: styrelsen\nÄmne: licenser\nVi vill ha fler.";
        assert_eq!(reply_text(with_subject), with_subject);
    }

    #[test]
    fn the_separator_wins_over_later_markers_and_earlier_markers_still_cut() {
        let body = "Svar.\n\nDen 3 dec. 2026 kl. 14:05 skrev Donera <s@p.se>:\n> — Svara ovanför den här raden —\n> x";
        assert_eq!(reply_text(body), "Svar.");
    }

    // ---- HTML --------------------------------------------------------------------------------

    #[test]
    fn outlook_swedish_html() {
        let html = "<html><head><style>p.MsoNormal{margin:0}</style></head><body>\
            <div class=\"elementToProof\">Hej!<br>Vi har skickat in intyget.</div>\
            <div class=\"elementToProof\">Mvh Björn</div>\
            <div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\">\
            <div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>Från:</b> Donera &lt;support@partner.se&gt;<br>\
            <b>Skickat:</b> den 3 december 2026 14:05<br><b>Till:</b> Björn<br><b>Ämne:</b> Intyg</div>\
            <div>Hej Björn, vi saknar intyget.</div></body></html>";
        assert_eq!(
            reply_html(html),
            "Hej!\nVi har skickat in intyget.\nMvh Björn"
        );
    }

    #[test]
    fn outlook_english_html_without_markers_is_cut_at_the_header_block() {
        // Outlook for Windows (Word HTML): only a border and bold header names.
        let html = "<div class=WordSection1><p class=MsoNormal>Please see the attached file.<o:p></o:p></p>\
            <p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Regards,<br>Bob<o:p></o:p></p>\
            <div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>\
            <p class=MsoNormal><b>From:</b> Donera &lt;support@partner.se&gt; <br><b>Sent:</b> Thursday, \
            December 3, 2026 2:05 PM<br><b>To:</b> Bob &lt;bob@org.org&gt;<br><b>Subject:</b> Missing file</p></div>\
            <p class=MsoNormal>Hi Bob,</p></div>";
        assert_eq!(
            reply_html(html),
            "Please see the attached file.\n\nRegards,\nBob"
        );
    }

    #[test]
    fn outlook_english_html_reply_marker() {
        let html = "<div style=\"font-family: Aptos\">Yes, 12 licences please.</div>\
            <div id=\"Signature\"><p>Bob Smith<br>Treasurer</p></div>\
            <hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">\
            <div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\"><b>From:</b> Donera \
            &lt;support@partner.se&gt;<br><b>Sent:</b> Thursday, December 3, 2026 2:05 PM<br><b>To:</b> Bob\
            <br><b>Subject:</b> How many?</font><div>&nbsp;</div></div><div>— Reply above this line —</div>";
        assert_eq!(
            reply_html(html),
            "Yes, 12 licences please.\n\nBob Smith\nTreasurer"
        );
    }

    #[test]
    fn gmail_swedish_html() {
        let html = "<div dir=\"ltr\"><div>Hej,</div><div><br></div><div>det stämmer.</div></div><br>\
            <div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">\
            Den tors 3 dec. 2026 kl 14:05 skrev Donera &lt;<a href=\"mailto:support@partner.se\">support@partner.se</a>&gt;:<br></div>\
            <blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\"><div>\
            — Svara ovanför den här raden —</div><div>Stämmer uppgifterna?</div></blockquote></div>";
        assert_eq!(reply_html(html), "Hej,\n\ndet stämmer.");
    }

    #[test]
    fn gmail_english_html() {
        let html = "<div dir=\"ltr\">Thanks!</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" \
            class=\"gmail_attr\">On Thu, 3 Dec 2026 at 14:05, Donera &lt;support@partner.se&gt; wrote:<br></div>\
            <blockquote class=\"gmail_quote\"><div><div class=\"gmail_quote\">nested</div></div></blockquote></div>\
            <div>after</div>";
        assert_eq!(reply_html(html), "Thanks!\n\nafter");
    }

    #[test]
    fn apple_mail_swedish_html() {
        let html = "<html><body style=\"overflow-wrap: break-word;\">Här kommer stadgarna.<br id=\"lineBreakAtBeginningOfMessage\">\
            <div><br><blockquote type=\"cite\"><div>3 dec. 2026 kl. 14:05 skrev Donera &lt;support@partner.se&gt;:</div>\
            <br><div><div>Hej!</div></div></blockquote></div><br></body></html>";
        assert_eq!(reply_html(html), "Här kommer stadgarna.");
    }

    #[test]
    fn apple_mail_english_html_with_attribution_outside_the_quote() {
        let html = "<div dir=\"ltr\">Done.</div><div dir=\"ltr\"><br><blockquote type=\"cite\">On 3 Dec 2026, \
            at 14:05, Donera &lt;support@partner.se&gt; wrote:<br><br></blockquote></div>\
            <blockquote type=\"cite\"><div dir=\"ltr\">Please confirm.</div></blockquote>";
        assert_eq!(reply_html(html), "Done.");
        let ios = "<div>Done.</div><div><br><div>On 3 Dec 2026, at 14:05, Donera &lt;support@partner.se&gt; wrote:</div>\
            <blockquote type=\"cite\">Please confirm.</blockquote></div>";
        assert_eq!(reply_html(ios), "Done.");
    }

    #[test]
    fn thunderbird_swedish_and_english_html() {
        let sv = "<html><body><p>Det går bra.</p><div class=\"moz-cite-prefix\">Den 2026-12-03 kl. 14:05, skrev Donera:<br></div>\n\
            <blockquote type=\"cite\" cite=\"mid:D-2026-00042.n.x@p.se\"><p>Går det bra?</p></blockquote><p>P.S. tack</p></body></html>";
        assert_eq!(reply_html(sv), "Det går bra.\n\nP.S. tack");
        let en = "<p>Fine by us.</p><div class=\"moz-cite-prefix\">On 12/3/26 14:05, Donera wrote:<br></div>\
            <blockquote cite=\"mid:x@y\"><p>Is that fine?</p></blockquote>";
        assert_eq!(reply_html(en), "Fine by us.");
    }

    #[test]
    fn outlook_web_reference_container_and_separator_in_html() {
        let html = "<div>Klart!</div><div id=\"mail-editor-reference-message-container\"><div>Från: x</div></div>";
        assert_eq!(reply_html(html), "Klart!");
        let sep = "<p>Svar här.</p><p>-- Reply above this line --</p><p>Earlier</p>";
        assert_eq!(reply_html(sep), "Svar här.");
    }

    #[test]
    fn an_html_body_that_is_all_quote_is_returned_whole() {
        let html = "<blockquote type=\"cite\">Hej</blockquote>";
        assert_eq!(reply_html(html), "> Hej");
        let text = "<div class=\"gmail_quote\">Bara citat</div>";
        assert_eq!(reply_html(text), "Bara citat");
    }

    #[test]
    fn html_without_quotes_is_just_converted() {
        let html = "<p>Hej &amp; välkommen</p><p>Skrev ni <i>skrev</i>?</p>";
        assert_eq!(reply_html(html), "Hej & välkommen\n\nSkrev ni skrev?");
    }
}
