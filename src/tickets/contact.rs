//! The visitor's side: the contact form, its spam defences, and the ticket page a visitor opens
//! with the private link from their e-mail. Spam defence needs no third party: a honeypot field,
//! a signed start time (a minimum fill time), and per-IP and per-e-mail limits in the database.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::Duration;

use super::member::{Reader, category, long_text, subject, thread_page};
use super::model::{self, Ticket};
use super::service::{
    self, ContactLimits, CustomerReply, Desk, NewTicket, Refusal, ReplyOutcome, Requester,
};
use super::views::{self, ContactFields, ContactTpl, SentTpl};
use super::{MAX_BODY, MAX_NAME, MAX_SUBJECT, State};
use crate::AppState;
use crate::accounts::auth::Viewer;
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::form::{email, text};
use crate::web::page::Tr;
use crate::web::page::{Ctx, Person, private, redirect};
use crate::web::request::client_ip;

const SENT: &str = "contact_sent";
/// A form older than this has to be sent again (its start time is no longer trusted).
const FORM_LIFETIME: Duration = Duration::hours(24);

fn mac(key: &[u8], ts: i64) -> String {
    let mut m = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    m.update(format!("contact-form:{ts}").as_bytes());
    crate::hex(&m.finalize().into_bytes())
}

/// The form's start time, signed so that a robot cannot backdate it.
pub fn started_token(key: &[u8], unix: i64) -> String {
    format!("{unix}.{}", mac(key, unix))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillCheck {
    Ok,
    TooFast,
    Expired,
    Invalid,
}

/// Checks the signed start time against `now`: not forged, not older than a day, and at least
/// `min_seconds` ago.
pub fn check_started(key: &[u8], token: &str, now: i64, min_seconds: i64) -> FillCheck {
    let Some((ts, sig)) = token.split_once('.') else {
        return FillCheck::Invalid;
    };
    let Ok(ts) = ts.parse::<i64>() else {
        return FillCheck::Invalid;
    };
    let expected = mac(key, ts);
    // Constant-time comparison of the hex strings.
    let same = expected.len() == sig.len()
        && expected
            .bytes()
            .zip(sig.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same || ts > now + 60 {
        FillCheck::Invalid
    } else if now - ts > FORM_LIFETIME.whole_seconds() {
        FillCheck::Expired
    } else if now - ts < min_seconds {
        FillCheck::TooFast
    } else {
        FillCheck::Ok
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ContactQuery {
    #[serde(default)]
    article: String,
    #[serde(default)]
    category: String,
}

async fn form_page(
    cx: &Ctx,
    viewer: Option<&crate::accounts::model::User>,
    form: ContactFields,
    f: FormErrors,
    refusal: Option<&str>,
) -> Result<ContactTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let slug = form.article.clone();
    let article = if slug.is_empty() || slug.len() > 200 {
        None
    } else {
        db::run(&state.pool, move |c| crate::faq::by_slug(c, locale, &slug)).await?
    };
    let title = if f.is_empty() && refusal.is_none() {
        "contact-title"
    } else {
        "contact-title-errors"
    };
    let l = cx.layout(Page::Contact, title, viewer.map(|u| u as &dyn Person))?;
    let started = if form.started.is_empty() {
        started_token(
            &state.settings.secret_key,
            state.clock.now().unix_timestamp(),
        )
    } else {
        form.started.clone()
    };
    Ok(ContactTpl {
        csrf: csrf::token(session)?,
        started,
        action: Page::Contact.path(locale),
        categories: views::categories(&l.tr, &form.category),
        article_title: article.map(|a| a.text(locale).title.to_owned()),
        faq_href: Page::Faq.path(locale),
        refusal: refusal.map(|id| l.tr.t(id)),
        login_href: Page::Login.path(locale),
        form,
        f,
        l,
    })
}

pub async fn form(
    cx: Ctx,
    viewer: Viewer,
    q: web::Query<ContactQuery>,
) -> Result<HttpResponse, AppError> {
    let fields = ContactFields {
        article: q.article.clone(),
        category: q.category.clone(),
        ..ContactFields::default()
    };
    let tpl = form_page(&cx, viewer.0.as_ref(), fields, FormErrors::none(), None).await?;
    private(StatusCode::OK, &tpl)
}

pub async fn submit(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
    form: web::Form<ContactFields>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let mut form = form.into_inner();
    let tr = Tr::new(state.i18n.clone(), locale);
    let mut e = vec![];
    let name = text(&mut e, "name", &form.name, true);
    let addr = email(&mut e, "email", &form.email);
    let org = text(&mut e, "organisation", &form.organisation, false);
    let cat = category(&mut e, &form.category);
    let subj = subject(&mut e, &form.subject);
    let body = long_text(&mut e, "message", &form.message, MAX_BODY);
    let key = &state.settings.secret_key;
    let now = state.clock.now_utc_naive();
    let refusal = if !form.website.is_empty() {
        Some("contact-refused-honeypot")
    } else {
        match check_started(
            key,
            &form.started,
            state.clock.now().unix_timestamp(),
            state.settings.contact_min_fill_seconds,
        ) {
            FillCheck::Ok => None,
            FillCheck::TooFast => Some("contact-refused-too-fast"),
            FillCheck::Expired | FillCheck::Invalid => {
                // A fresh start time: sending the form again is then enough.
                form.started.clear();
                Some("contact-refused-expired")
            }
        }
    };
    let keep = |form: &mut ContactFields| {
        form.name = form.name.chars().take(MAX_NAME).collect();
        form.organisation = form.organisation.chars().take(MAX_NAME).collect();
        form.email = form.email.chars().take(254).collect();
        form.subject = form.subject.chars().take(MAX_SUBJECT).collect();
        form.message = form.message.chars().take(MAX_BODY).collect();
        form.website.clear();
    };
    let (Some(cat), true, None) = (cat, e.is_empty(), refusal) else {
        let f = FormErrors::from_ids(&tr, &e);
        keep(&mut form);
        let tpl = form_page(&cx, viewer.0.as_ref(), form, f, refusal).await?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    };
    let slug = form.article.clone();
    let ip = client_ip(&req);
    let routing = state.routing.clone();
    let caches = state.caches.clone();
    let limits = ContactLimits {
        per_ip: state.settings.contact_ip_limit,
        per_email: state.settings.contact_email_limit,
    };
    let outcome = db::run(&state.pool, move |c| {
        let article_id = if slug.is_empty() || slug.len() > 200 {
            None
        } else {
            crate::faq::by_slug(c, locale, &slug)?.map(|a| a.id)
        };
        let who = Requester {
            user: None,
            name,
            email: addr,
            org,
            locale,
        };
        let new = NewTicket {
            category: cat,
            subject: subj,
            body,
            order_id: None,
            validation_id: None,
            article_id,
            files: vec![],
        };
        let sla = caches.sla.get(|| super::sla::load(c))?;
        let desk = Desk {
            routing: &routing,
            sla: &sla,
        };
        service::create_visitor(c, now, &desk, &who, &new, &ip, &limits)
    })
    .await?;
    match outcome {
        Ok(created) => {
            let _ = session.insert(SENT, &created.number);
            Ok(redirect(Page::ContactSent.path(locale)))
        }
        Err(r) => {
            let id = match r {
                Refusal::TooManyFromIp => "contact-refused-ip",
                Refusal::TooManyForEmail => "contact-refused-email",
            };
            keep(&mut form);
            let tpl = form_page(&cx, viewer.0.as_ref(), form, FormErrors::none(), Some(id)).await?;
            private(StatusCode::TOO_MANY_REQUESTS, &tpl)
        }
    }
}

pub async fn sent(cx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let number = session.remove_as::<String>(SENT).and_then(Result::ok);
    let l = cx.layout(Page::ContactSent, "contact-sent-title", viewer.person())?;
    let tpl = SentTpl {
        number,
        faq_href: Page::Faq.path(locale),
        l,
    };
    private(StatusCode::OK, &tpl)
}

/// The ticket behind a visitor's link, following a merge to the ticket it went into. A wrong
/// link, and one whose ticket closed long ago, are the same 404.
async fn visitor_ticket(state: &AppState, token: String) -> Result<Ticket, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now_utc_naive();
    let link_after_close = Duration::days(state.settings.retention.visitor_link_days);
    let hash = crate::accounts::hash_token(&token);
    let t = db::run(&state.pool, move |c| {
        let mut t = model::by_token_hash(c, &hash)?;
        // Tokens move with a merge, but follow an older chain too.
        for _ in 0..4 {
            match t.as_ref().and_then(|x| x.merged_into.clone()) {
                Some(id) => t = model::by_id(c, &id)?,
                None => break,
            }
        }
        Ok(t)
    })
    .await?;
    match t {
        // The daily purge deletes such links' rows too (DONERA_RETAIN_VISITOR_LINK_DAYS); this
        // check holds between its runs.
        Some(t) if t.state() == State::Closed && now - t.updated_at > link_after_close => {
            Err(AppError::NotFound)
        }
        Some(t) if t.organisation_id.is_none() => Ok(t),
        _ => Err(AppError::NotFound),
    }
}

fn token_paths(token: &str) -> [String; 2] {
    [
        Page::VisitorTicket.link(Locale::Sv, token),
        Page::VisitorTicket.link(Locale::En, token),
    ]
}

fn no_index(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        actix_web::http::header::HeaderName::from_static("x-robots-tag"),
        actix_web::http::header::HeaderValue::from_static("noindex, nofollow"),
    );
    res
}

pub async fn show(cx: Ctx, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let token = token.into_inner();
    let t = visitor_ticket(state, token.clone()).await?;
    let tpl = thread_page(
        &cx,
        Reader::Visitor(&token),
        &t,
        (
            Page::VisitorTicket.link(locale, &token),
            token_paths(&token),
        ),
        FormErrors::none(),
        String::new(),
    )
    .await?;
    Ok(no_index(private(StatusCode::OK, &tpl)?))
}

/// A file attached to a message the visitor sees, through their private link: the same 404 for a
/// wrong link, another ticket's file and an internal note's.
pub async fn file(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (token, file_id) = path.into_inner();
    let t = visitor_ticket(&state, token).await?;
    let file = db::run(&state.pool, move |c| {
        if model::shows_attachment(c, &t.id, &file_id)? {
            crate::files::load(c, &file_id)
        } else {
            Ok(None)
        }
    })
    .await?;
    match file {
        Some((info, data)) => Ok(no_index(crate::files::respond(
            &info, data, false, "donera",
        ))),
        None => Err(AppError::NotFound),
    }
}

#[derive(serde::Deserialize, Default)]
pub struct ReplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    message: String,
}

pub async fn reply(
    req: HttpRequest,
    cx: Ctx,
    token: web::Path<String>,
    form: web::Form<ReplyForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let token = token.into_inner();
    let t = visitor_ticket(state, token.clone()).await?;
    let tr = Tr::new(state.i18n.clone(), locale);
    let action = Page::VisitorTicket.link(locale, &token);
    let mut e = vec![];
    let body = long_text(&mut e, "message", &form.message, MAX_BODY);
    let (f, status) = if e.is_empty() {
        let ip = client_ip(&req);
        let now = state.clock.now_utc_naive();
        let routing = state.routing.clone();
        let id = t.id.clone();
        let outcome = db::run(&state.pool, move |c| {
            let r = CustomerReply {
                ticket_id: &id,
                user: None,
                body: &body,
                files: &[],
            };
            service::customer_reply(c, now, &routing, &r, &ip)
        })
        .await?;
        match outcome {
            ReplyOutcome::Added => {
                crate::web::request::flash(session, "ticket-replied");
                return Ok(redirect(&action));
            }
            ReplyOutcome::Closed => (
                FormErrors::one(&tr, "message", "ticket-error-closed"),
                StatusCode::CONFLICT,
            ),
        }
    } else {
        (FormErrors::from_ids(&tr, &e), StatusCode::BAD_REQUEST)
    };
    let t = visitor_ticket(state, token.clone()).await?;
    let keep: String = form.message.chars().take(MAX_BODY).collect();
    let tpl = thread_page(
        &cx,
        Reader::Visitor(&token),
        &t,
        (action, token_paths(&token)),
        f,
        keep,
    )
    .await?;
    Ok(no_index(private(status, &tpl)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_times_are_signed_and_checked() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = started_token(key, 1_000_000);
        assert_eq!(check_started(key, &t, 1_000_010, 3), FillCheck::Ok);
        assert_eq!(check_started(key, &t, 1_000_001, 3), FillCheck::TooFast);
        assert_eq!(
            check_started(key, &t, 1_000_000 + 86_401, 3),
            FillCheck::Expired
        );
        // Backdated by a robot: the signature no longer matches.
        let forged = t.replacen("1000000", "999000", 1);
        assert_eq!(
            check_started(key, &forged, 1_000_010, 3),
            FillCheck::Invalid
        );
        assert_eq!(
            check_started(b"another key......................", &t, 1_000_010, 3),
            FillCheck::Invalid
        );
        for bad in ["", ".", "x.y", "1000000", "1000000."] {
            assert_eq!(
                check_started(key, bad, 1_000_010, 3),
                FillCheck::Invalid,
                "{bad}"
            );
        }
        // From the future (a clock far off) is not trusted either.
        let future = started_token(key, 2_000_000);
        assert_eq!(
            check_started(key, &future, 1_000_010, 3),
            FillCheck::Invalid
        );
    }
}
