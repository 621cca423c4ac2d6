//! Satisfaction (CSAT): the "Did we help?" question in the resolved e-mail, its page and the
//! one answer per ticket, changeable until the ticket closes.
//!
//! The e-mail's links carry a token signed with the app's secret key and bound to the ticket,
//! so nothing is stored until the requester answers, and the requester needs no sign-in: the
//! e-mail is the proof. Following a link only shows the form (link scanners follow links); the
//! answer is recorded by its POST.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;
use time::PrimitiveDateTime;

use super::model::{self, Ticket};
use super::views::Row;
use super::{State, views};
use crate::accounts::auth::Viewer;
use crate::audit::{self, Actor};
use crate::db::schema::{ticket_ratings as tr, tickets as t};
use crate::db::{self, DbConn, on_backend};
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, format};
use crate::outbox::{self, Routing};
use crate::web::csrf;
use crate::web::form::{Choice, Errors, FormErrors, err};
use crate::web::page::{Ctx, Layout, Tr, private, redirect};
use crate::web::request::client_ip;

/// The longest comment, in characters.
pub const MAX_COMMENT: usize = 2_000;
/// Session key: the ticket number whose answer was just recorded, for the thank-you page.
const SENT: &str = "csat_sent";
/// What the HMAC signs besides the ticket id, so no other signed value can pass for a token.
const PURPOSE: &str = "ticket-rating:";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rating {
    Good,
    Bad,
}

impl Rating {
    pub const ALL: [Rating; 2] = [Rating::Good, Rating::Bad];

    pub fn key(self) -> &'static str {
        match self {
            Rating::Good => "good",
            Rating::Bad => "bad",
        }
    }

    pub fn from_key(k: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.key() == k)
    }

    /// The answer in words ("Ja, jag fick hjälp").
    pub fn label_id(self) -> &'static str {
        match self {
            Rating::Good => "csat-answer-good",
            Rating::Bad => "csat-answer-bad",
        }
    }

    /// The short word the queue shows.
    pub fn short_id(self) -> &'static str {
        match self {
            Rating::Good => "csat-short-good",
            Rating::Bad => "csat-short-bad",
        }
    }
}

fn signer(key: &[u8], ticket_id: &str) -> Option<Hmac<Sha256>> {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).ok()?;
    m.update(PURPOSE.as_bytes());
    m.update(ticket_id.as_bytes());
    Some(m)
}

/// The rating token of a ticket: its id and the HMAC of it, `<id>.<64 hex digits>`.
pub fn token(key: &[u8], ticket_id: &str) -> String {
    let mac = signer(key, ticket_id)
        .map(|m| m.finalize().into_bytes().to_vec())
        .unwrap_or_default();
    format!("{ticket_id}.{}", crate::hex(&mac))
}

/// The ticket id a token was signed for, or `None` for a forged, altered or malformed token.
/// The comparison is constant-time (`verify_slice`).
pub fn ticket_of<'a>(key: &[u8], token: &'a str) -> Option<&'a str> {
    let (id, hex) = token.split_once('.')?;
    if id.is_empty() || id.len() > 64 || hex.len() != 64 {
        return None;
    }
    let mac: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    signer(key, id)?.verify_slice(&mac).ok()?;
    Some(id)
}

/// The page of a ticket's question with `rating` preselected, in the ticket's language.
pub fn rating_path(key: &[u8], ticket: &Ticket, rating: Rating) -> String {
    format!(
        "{}?a={}",
        Page::TicketRating.link(ticket.locale(), &token(key, &ticket.id)),
        rating.key()
    )
}

/// What a requester's e-mail about a ticket now in `state` carries besides the ticket: the state,
/// and when it is resolved the two answer links (`*_path`: the mail makes them absolute links,
/// the export leaves them out).
pub fn mail_extra(key: &[u8], ticket: &Ticket, state: State) -> serde_json::Value {
    if state == State::Resolved {
        json!({
            "state": state.key(),
            "rate_good_path": rating_path(key, ticket, Rating::Good),
            "rate_bad_path": rating_path(key, ticket, Rating::Bad),
        })
    } else {
        json!({ "state": state.key() })
    }
}

/// A ticket's answer.
#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = tr)]
pub struct Answer {
    pub rating: String,
    pub comment: String,
    pub rated_at: PrimitiveDateTime,
}

impl Answer {
    pub fn rating(&self) -> Rating {
        Rating::from_key(&self.rating).unwrap_or(Rating::Good)
    }
}

pub fn answer(conn: &mut DbConn, ticket_id: &str) -> QueryResult<Option<Answer>> {
    tr::table
        .find(ticket_id)
        .select(Answer::as_select())
        .first(conn)
        .optional()
}

/// The satisfaction answers' labels a list shows, looked up once per page.
pub struct RatingLabels(Vec<(Rating, String)>);

impl RatingLabels {
    pub fn new(tr: &Tr) -> RatingLabels {
        RatingLabels(
            Rating::ALL
                .into_iter()
                .map(|r| (r, tr.t(r.short_id())))
                .collect(),
        )
    }
}

/// Fills the queue's "Satisfied" column: `ratings` holds each row's answer, in the rows' order.
pub fn fill_rows<'a, 'r>(
    labels: &'a RatingLabels,
    rows: &mut [Row<'a>],
    ratings: impl Iterator<Item = Option<&'r str>>,
) {
    for (row, rating) in rows.iter_mut().zip(ratings) {
        let found = rating.and_then(Rating::from_key);
        if let Some((r, label)) = found.and_then(|r| labels.0.iter().find(|(x, _)| *x == r)) {
            row.csat = r.key();
            row.csat_label = label;
        }
    }
}

/// What the staff ticket page shows of the answer.
pub struct StaffView {
    pub rating: &'static str,
    pub label: String,
    pub comment: String,
    pub when: String,
    pub iso: String,
}

pub fn staff_view(tr: &Tr, a: &Answer) -> StaffView {
    StaffView {
        rating: a.rating().key(),
        label: tr.t(a.rating().label_id()),
        comment: a.comment.clone(),
        when: format::datetime(tr.i18n(), tr.locale, a.rated_at),
        iso: views::iso_datetime(a.rated_at),
    }
}

/// Why an answer was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The ticket is closed (or merged into another): its answer can no longer change.
    Closed,
}

/// Whether a ticket in `state` still takes an answer.
pub fn open_for_answers(ticket: &Ticket) -> bool {
    ticket.state() != State::Closed && ticket.merged_into.is_none()
}

/// Records the requester's answer (replacing an earlier one) with its audit entry and the
/// partner's event, unless the ticket is closed.
pub fn record(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    ticket_id: &str,
    rating: Rating,
    comment: &str,
    ip: &str,
) -> Result<Result<(), Refusal>, AppError> {
    db::write(conn, |c| {
        let ticket = model::by_id(c, ticket_id)?.ok_or(AppError::NotFound)?;
        if !open_for_answers(&ticket) {
            return Ok(Err(Refusal::Closed));
        }
        on_backend!(c, |c| diesel::insert_into(tr::table)
            .values((
                tr::ticket_id.eq(&ticket.id),
                tr::rating.eq(rating.key()),
                tr::comment.eq(comment),
                tr::rated_at.eq(now),
            ))
            .on_conflict(tr::ticket_id)
            .do_update()
            .set((
                tr::rating.eq(rating.key()),
                tr::comment.eq(comment),
                tr::rated_at.eq(now),
            ))
            .execute(c))?;
        diesel::update(t::table.find(&ticket.id))
            .set(t::rating.eq(rating.key()))
            .execute(c)?;
        // The requester answers without signing in: the e-mail's link is who they are.
        let actor = Actor {
            id: ticket.requester_id.as_deref(),
            kind: if ticket.organisation_id.is_some() {
                "member"
            } else {
                "visitor"
            },
            ip,
        };
        audit::record(
            c,
            now,
            &actor,
            "ticket.csat",
            "ticket",
            &ticket.id,
            &format!("{} {}", ticket.number, rating.key()),
        )?;
        // The comment stays in the portal: the outbox keeps its payloads for a while.
        outbox::enqueue_partner(
            c,
            routing,
            now,
            "ticket.rated",
            &json!({"ticket_id": ticket.id, "number": ticket.number, "rating": rating.key(),
                    "commented": !comment.is_empty(),
                    "path": Page::StaffTicket.link(Locale::Sv, &ticket.number)}),
        )?;
        Ok(Ok(()))
    })
}

/// The comment as typed, checked: optional, at most [`MAX_COMMENT`] characters, no NUL.
pub fn check_comment(errors: &mut Errors, value: &str) -> String {
    let v = value.trim();
    if v.chars().count() > MAX_COMMENT {
        err(errors, "comment", "csat-error-too-long");
    } else if v.contains('\0') {
        err(errors, "comment", "form-error-control");
    }
    v.replace("\r\n", "\n")
}

/// What the page shows: the form, the thanks after an answer, or the answer of a closed ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Form,
    Thanks,
    Closed,
}

#[derive(Template)]
#[template(path = "tickets/rating.html")]
pub struct RatingTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: String,
    pub number: String,
    pub subject: String,
    pub mode: Mode,
    pub choices: Vec<Choice>,
    pub comment: String,
    /// The answer given, in words, and its comment (thanks and closed pages).
    pub given: Option<(String, String)>,
}

#[derive(serde::Deserialize, Default)]
pub struct RatingQuery {
    #[serde(default)]
    a: String,
}

#[derive(serde::Deserialize, Default)]
pub struct RatingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    rating: String,
    #[serde(default)]
    comment: String,
}

/// The ticket and its answer behind a token; the same 404 for a forged token and a ticket that
/// no longer exists.
async fn load(cx: &Ctx, token: &str) -> Result<(Ticket, Option<Answer>), AppError> {
    let id = ticket_of(&cx.state.settings.secret_key, token)
        .ok_or(AppError::NotFound)?
        .to_owned();
    db::run(&cx.state.pool, move |c| {
        let ticket = model::by_id(c, &id)?.ok_or(AppError::NotFound)?;
        let a = answer(c, &id)?;
        Ok((ticket, a))
    })
    .await
}

struct PageInput<'a> {
    token: &'a str,
    mode: Mode,
    chosen: &'a str,
    comment: &'a str,
    f: FormErrors,
}

fn page(
    cx: &Ctx,
    viewer: &Viewer,
    ticket: &Ticket,
    answer: Option<&Answer>,
    p: PageInput,
) -> Result<RatingTpl, AppError> {
    let l = cx.layout_at(
        Page::TicketRating,
        "csat-title",
        viewer.person(),
        [
            Page::TicketRating.link(Locale::Sv, p.token),
            Page::TicketRating.link(Locale::En, p.token),
        ],
    )?;
    let choices = Rating::ALL
        .into_iter()
        .map(|r| Choice {
            value: r.key(),
            label: l.tr.t(r.label_id()),
            selected: r.key() == p.chosen,
        })
        .collect();
    let given = answer.map(|a| (l.tr.t(a.rating().label_id()), a.comment.clone()));
    Ok(RatingTpl {
        csrf: cx.csrf()?,
        action: Page::TicketRating.link(cx.locale, p.token),
        number: ticket.number.clone(),
        subject: views::subject(&l.tr, &ticket.subject),
        mode: p.mode,
        choices,
        comment: p.comment.to_owned(),
        given,
        f: p.f,
        l,
    })
}

/// Asks search engines not to keep a page reached by a private link.
fn no_index(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-robots-tag"),
        actix_web::http::header::HeaderValue::from_static("noindex, nofollow"),
    );
    res
}

/// The question's page. Shows only: the answer is recorded by [`submit`].
pub async fn form(
    cx: Ctx,
    viewer: Viewer,
    token: web::Path<String>,
    q: web::Query<RatingQuery>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let (ticket, answer) = load(&cx, &token).await?;
    let just_sent = cx.session.contains_key(SENT)
        && cx
            .session
            .remove_as::<String>(SENT)
            .and_then(Result::ok)
            .is_some_and(|n| n == ticket.number);
    // The thanks only right after the answer (the redirect has no choice in it): a link from the
    // e-mail shows the form again.
    let mode = if !open_for_answers(&ticket) {
        Mode::Closed
    } else if just_sent && q.a.is_empty() && answer.is_some() {
        Mode::Thanks
    } else {
        Mode::Form
    };
    // The link's choice first, else the answer already given.
    let chosen = Rating::from_key(&q.a)
        .or(answer.as_ref().map(Answer::rating))
        .map(Rating::key)
        .unwrap_or_default();
    let comment = answer
        .as_ref()
        .map(|a| a.comment.clone())
        .unwrap_or_default();
    let tpl = page(
        &cx,
        &viewer,
        &ticket,
        answer.as_ref(),
        PageInput {
            token: &token,
            mode,
            chosen,
            comment: &comment,
            f: FormErrors::none(),
        },
    )?;
    Ok(no_index(private(StatusCode::OK, &tpl)?))
}

/// Records the answer (post/redirect/get to the thank-you page), or shows the form again with
/// the message beside the field and the input kept.
pub async fn submit(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
    token: web::Path<String>,
    form: web::Form<RatingForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&cx.session, &form.csrf)?;
    let token = token.into_inner();
    let (ticket, answer) = load(&cx, &token).await?;
    let mut e = vec![];
    let rating = Rating::from_key(&form.rating);
    if rating.is_none() {
        err(&mut e, "rating", "csat-error-choose");
    }
    let comment = check_comment(&mut e, &form.comment);
    let kept = |mode, f| {
        page(
            &cx,
            &viewer,
            &ticket,
            answer.as_ref(),
            PageInput {
                token: &token,
                mode,
                chosen: rating.map(Rating::key).unwrap_or_default(),
                comment: &form.comment,
                f,
            },
        )
    };
    if !open_for_answers(&ticket) {
        let f = FormErrors::one(&cx.tr(), "rating", "csat-closed");
        return Ok(no_index(private(
            StatusCode::CONFLICT,
            &kept(Mode::Closed, f)?,
        )?));
    }
    let Some(rating) = rating.filter(|_| e.is_empty()) else {
        let f = FormErrors::from_ids(&cx.tr(), &e);
        return Ok(no_index(private(
            StatusCode::BAD_REQUEST,
            &kept(Mode::Form, f)?,
        )?));
    };
    let (now, routing, ip) = (
        cx.state.clock.now_utc_naive(),
        cx.state.routing.clone(),
        client_ip(&req),
    );
    let id = ticket.id.clone();
    let outcome = db::run(&cx.state.pool, move |c| {
        record(c, now, &routing, &id, rating, &comment, &ip)
    })
    .await?;
    if outcome.is_err() {
        // Closed between the page's read and the write.
        let f = FormErrors::one(&cx.tr(), "rating", "csat-closed");
        return Ok(no_index(private(
            StatusCode::CONFLICT,
            &kept(Mode::Closed, f)?,
        )?));
    }
    let _ = cx.session.insert(SENT, &ticket.number);
    Ok(redirect(&Page::TicketRating.link(cx.locale, &token)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn a_token_names_its_ticket() {
        let tok = token(KEY, "0190-abc");
        assert!(tok.starts_with("0190-abc."));
        assert_eq!(tok.len(), "0190-abc.".len() + 64);
        assert_eq!(ticket_of(KEY, &tok), Some("0190-abc"));
    }

    #[test]
    fn forged_altered_and_malformed_tokens_name_nothing() {
        let tok = token(KEY, "0190-abc");
        // Another key, another ticket with this signature, a changed digit.
        assert_eq!(ticket_of(b"another key", &tok), None);
        let other = tok.replacen("0190-abc", "0190-abd", 1);
        assert_eq!(ticket_of(KEY, &other), None);
        let last = tok.chars().last().unwrap_or('0');
        let flipped = format!(
            "{}{}",
            &tok[..tok.len() - 1],
            if last == '0' { '1' } else { '0' }
        );
        assert_eq!(ticket_of(KEY, &flipped), None);
        for bad in [
            "",
            ".",
            "0190-abc",
            "0190-abc.",
            &format!(".{}", &tok[9..]),
            &tok[..tok.len() - 2],
            &format!("{tok}00"),
            &format!("0190-abc.{}", "zz".repeat(32)),
            &format!("0190-abc.{}", "é".repeat(32)),
            &format!("{}.{}", "a".repeat(65), &tok[9..]),
        ] {
            assert_eq!(ticket_of(KEY, bad), None, "{bad}");
        }
    }

    #[test]
    fn ratings_round_trip() {
        for r in Rating::ALL {
            assert_eq!(Rating::from_key(r.key()), Some(r));
        }
        assert_eq!(Rating::from_key("great"), None);
        assert_eq!(Rating::from_key(""), None);
    }

    #[test]
    fn comments_are_optional_and_limited() {
        let mut e = vec![];
        assert_eq!(check_comment(&mut e, "  "), "");
        assert_eq!(check_comment(&mut e, "a\r\nb"), "a\nb");
        assert!(e.is_empty());
        check_comment(&mut e, &"å".repeat(MAX_COMMENT));
        assert!(e.is_empty());
        check_comment(&mut e, &"å".repeat(MAX_COMMENT + 1));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "csat-error-too-long");
        let mut e = vec![];
        check_comment(&mut e, "a\0b");
        assert_eq!(e[0].id, "form-error-control");
    }
}
