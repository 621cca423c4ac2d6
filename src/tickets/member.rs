//! Thin handlers of the member's tickets: the organisation's list, a new ticket, the thread and
//! replies. Every member of an organisation sees all of its tickets and no other's: a ticket of
//! another organisation is the same 404 as one that does not exist.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{self, Summary, Ticket};
use super::queue::PAGE;
use super::service::{
    self, CustomerReply, Desk, NewAttachment, NewTicket, ReplyOutcome, Requester,
};
use super::views::{self, ListTpl, NewFields, NewTpl, Related, Row, RowLabels, ThreadTpl};
use super::{Category, MAX_BODY, MAX_FILE_BYTES, MAX_FILES, MAX_SUBJECT};
use crate::AppState;
use crate::accounts::auth::Member;
use crate::accounts::model::User;
use crate::db;
use crate::error::AppError;
use crate::files::{self, Kind};
use crate::i18n::routes::Page;
use crate::i18n::{Locale, args, format};
use crate::storage::{StorageLimits, StorageRefusal};
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::form::{Errors, err};
use crate::web::page::Tr;
use crate::web::page::{Ctx, Person, private, redirect};
use crate::web::request::{client_ip, flash};
use crate::web::upload::{self, Limits, UploadedFile};

pub fn limits() -> Limits {
    Limits {
        file: MAX_FILE_BYTES,
        // Text fields are counted in characters after reading; this only bounds the bytes.
        text: MAX_BODY * 4,
        parts: 8 + MAX_FILES,
        files: MAX_FILES,
    }
}

/// A required text of at most `max` characters without NUL; line breaks allowed.
pub fn long_text(errors: &mut Errors, field: &'static str, value: &str, max: usize) -> String {
    let v = value.trim();
    if v.is_empty() {
        err(errors, field, "form-error-required");
    } else if v.chars().count() > max {
        err(errors, field, "ticket-error-too-long");
    } else if v.contains('\0') {
        err(errors, field, "form-error-control");
    }
    v.replace("\r\n", "\n")
}

pub fn subject(errors: &mut Errors, value: &str) -> String {
    let v = value.trim();
    if v.is_empty() {
        err(errors, "subject", "form-error-required");
    } else if v.chars().count() > MAX_SUBJECT {
        err(errors, "subject", "form-error-too-long");
    } else if v.chars().any(char::is_control) {
        err(errors, "subject", "form-error-control");
    }
    v.to_owned()
}

pub fn category(errors: &mut Errors, value: &str) -> Option<Category> {
    let c = Category::from_key(value);
    if c.is_none() {
        err(
            errors,
            "category",
            if value.is_empty() {
                "ticket-error-category"
            } else {
                "form-error-choice"
            },
        );
    }
    c
}

/// Attachments checked by content. A refused file is named in the message beside the field,
/// added to `errors`, and then none are kept (the form comes back to choose them again).
pub fn attachments(
    tr: &Tr,
    files_in: Vec<UploadedFile>,
    errors: &mut FormErrors,
) -> Vec<NewAttachment> {
    let mut out = vec![];
    for f in files_in {
        let name = files::display_name(&f.name);
        match files::detect(&f.data, &[Kind::Pdf, Kind::Png, Kind::Jpeg, Kind::Text]) {
            Ok(kind) => out.push(NewAttachment {
                name,
                kind,
                data: f.data,
            }),
            Err(p) => {
                let id = match p {
                    files::FileProblem::Empty => "ticket-error-file-empty",
                    files::FileProblem::WrongType => "ticket-error-file-type",
                };
                errors
                    .items
                    .push(("files", tr.ta(id, &args([("name", name.into())]))));
                return vec![];
            }
        }
    }
    out
}

fn member_ticket(user: &User, ticket: Option<Ticket>) -> Result<Ticket, AppError> {
    match ticket {
        Some(t) if t.organisation_id.is_some() && t.organisation_id == user.organisation_id => {
            Ok(t)
        }
        _ => Err(AppError::NotFound),
    }
}

#[derive(serde::Deserialize)]
pub struct ListQuery {
    page: Option<i64>,
}

pub async fn list(
    cx: Ctx,
    member: Member,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let org = member.0.organisation_id.clone().unwrap_or_default();
    let page = crate::web::queue::page_number(q.page);
    let (tickets, more) = db::run(&state.pool, move |c| {
        let rows = model::of_organisation(c, &org, db::page_offset(page, PAGE), PAGE + 1)?;
        Ok(db::split_page(rows, PAGE))
    })
    .await?;
    let l = cx.layout(Page::Tickets, "tickets-title", Some(&member.0))?;
    let now = state.clock.now_utc_naive();
    let lb = RowLabels::new(&l.tr, false);
    let summaries: Vec<Summary> = tickets.iter().map(Summary::from).collect();
    let rows = summaries
        .iter()
        .map(|t| {
            let href = Page::Ticket.link(locale, &t.number);
            Row::new(&l.tr, &lb, t, href, now, None)
        })
        .collect();
    let link = |p: i64| format!("{}?page={p}", Page::Tickets.path(locale));
    // A page past the last (an old bookmark, a hand-typed number) says so and leads back.
    let past_end = page > 1 && tickets.is_empty();
    let tpl = ListTpl {
        rows,
        new_href: Page::TicketNew.path(locale),
        faq_href: Page::Faq.path(locale),
        pager: crate::web::queue::Pager {
            prev: (page > 1 && !past_end).then(|| link(page - 1)),
            next: more.then(|| link(page + 1)),
        },
        first: past_end.then(|| link(1)),
        l,
    };
    let status = if past_end {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    private(status, &tpl)
}

/// The organisation's orders and validation requests, for "what is this about?".
async fn link_choices(
    state: &AppState,
    locale: Locale,
    org: String,
    selected: &str,
) -> Result<Vec<(String, String, bool)>, AppError> {
    let (orders, requests) = db::run(&state.pool, move |c| {
        Ok((
            crate::orders::model::of_organisation(c, &org)?,
            crate::validation::model::of_organisation(c, &org)?,
        ))
    })
    .await?;
    let tr = Tr::new(state.i18n.clone(), locale);
    let date = |d: time::Date| format::date(&state.i18n, locale, d);
    let mut out = vec![];
    for o in orders.iter().take(50) {
        let value = format!("order:{}", o.id);
        let label = tr.ta(
            "ticket-link-order",
            &args([
                ("reference", o.reference().into()),
                ("date", date(o.submitted_at.date()).into()),
            ]),
        );
        out.push((value.clone(), label, value == selected));
    }
    for r in requests.iter().take(20) {
        let value = format!("validation:{}", r.id);
        let label = tr.ta(
            "ticket-link-validation",
            &args([("date", date(r.submitted_at.date()).into())]),
        );
        out.push((value.clone(), label, value == selected));
    }
    Ok(out)
}

async fn article_title(
    state: &AppState,
    locale: Locale,
    slug: &str,
) -> Result<Option<(String, String)>, AppError> {
    if slug.is_empty() || slug.len() > 200 {
        return Ok(None);
    }
    let s = slug.to_owned();
    let a = db::run(&state.pool, move |c| crate::faq::by_slug(c, locale, &s)).await?;
    Ok(a.map(|a| (a.id.clone(), a.text(locale).title.to_owned())))
}

async fn new_page(
    cx: &Ctx,
    user: &User,
    form: NewFields,
    f: FormErrors,
) -> Result<NewTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let org = user.organisation_id.clone().unwrap_or_default();
    let links = link_choices(state, locale, org, &form.link).await?;
    let article = article_title(state, locale, &form.article).await?;
    let title = if f.is_empty() {
        "ticket-new-title"
    } else {
        "ticket-new-title-errors"
    };
    // The article's slug is per language, so the language switch leads to the plain form.
    let l = cx.layout(Page::TicketNew, title, Some(user))?;
    Ok(NewTpl {
        csrf: csrf::token(session)?,
        action: Page::TicketNew.path(locale),
        categories: views::categories(&l.tr, &form.category),
        links,
        article_title: article.map(|a| a.1),
        max_files: MAX_FILES,
        faq_href: Page::Faq.path(locale),
        form,
        f,
        l,
    })
}

#[derive(serde::Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    article: String,
    #[serde(default)]
    category: String,
}

pub async fn new_form(
    cx: Ctx,
    member: Member,
    q: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let form = NewFields {
        article: q.article.clone(),
        category: q.category.clone(),
        ..NewFields::default()
    };
    let tpl = new_page(&cx, &member.0, form, FormErrors::none()).await?;
    private(StatusCode::OK, &tpl)
}

/// Splits `order:ID` / `validation:ID` and checks that it is one of the organisation's.
async fn resolve_link(
    state: &AppState,
    org: &str,
    link: &str,
) -> Result<Option<(Option<String>, Option<String>)>, AppError> {
    let (kind, id) = match link.split_once(':') {
        None if link.is_empty() => return Ok(Some((None, None))),
        None => return Ok(None),
        Some(p) => p,
    };
    let (org, id, kind) = (org.to_owned(), id.to_owned(), kind.to_owned());
    db::run(&state.pool, move |c| {
        Ok(match kind.as_str() {
            "order" => crate::orders::model::find(c, &id)?
                .filter(|o| o.organisation_id == org)
                .map(|o| (Some(o.id), None)),
            "validation" => crate::validation::model::find(c, &id)?
                .filter(|r| r.organisation_id == org)
                .map(|r| (None, Some(r.id))),
            _ => None,
        })
    })
    .await
}

pub async fn create(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let user = member.0;
    let tr = Tr::new(state.i18n.clone(), locale);
    let texts = ["csrf", "category", "subject", "message", "link", "article"];
    let parts = match upload::read(&req, payload, limits(), &texts, &["files"]).await {
        Ok(p) => p,
        Err(e) => {
            let f = FormErrors::one(&tr, "files", e.fluent_id());
            let tpl = new_page(&cx, &user, NewFields::default(), f).await?;
            return private(e.status(), &tpl);
        }
    };
    csrf::verify(session, parts.text("csrf"))?;
    let mut form = NewFields {
        category: parts.text("category").to_owned(),
        subject: parts.text("subject").to_owned(),
        message: parts.text("message").to_owned(),
        link: parts.text("link").to_owned(),
        article: parts.text("article").to_owned(),
    };
    let mut e = vec![];
    let cat = category(&mut e, &form.category);
    let subj = subject(&mut e, &form.subject);
    let body = long_text(&mut e, "message", &form.message, MAX_BODY);
    let org = user.organisation_id.clone().unwrap_or_default();
    let link = resolve_link(state, &org, &form.link).await?;
    if link.is_none() {
        err(&mut e, "link", "form-error-choice");
    }
    let mut f = FormErrors::from_ids(&tr, &e);
    let files_in = attachments(&tr, parts.files, &mut f);
    let (Some(cat), Some((order_id, validation_id)), true) = (cat, link, f.is_empty()) else {
        form.message = form.message.chars().take(MAX_BODY).collect();
        form.subject = form.subject.chars().take(MAX_SUBJECT).collect();
        let tpl = new_page(&cx, &user, form, f).await?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    };
    let article_id = article_title(state, locale, &form.article)
        .await?
        .map(|a| a.0);
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let routing = state.routing.clone();
    let caches = state.caches.clone();
    let storage = StorageLimits::from_settings(&state.settings);
    let u = user.clone();
    let created = db::run(&state.pool, move |c| {
        let org = crate::accounts::model::organisation(c, &org)?.ok_or(AppError::NotFound)?;
        let who = Requester {
            user: Some(&u),
            name: u.name.clone(),
            email: u.email.clone(),
            org: org.name,
            locale: u.locale(),
        };
        let new = NewTicket {
            category: cat,
            subject: subj,
            body,
            order_id,
            validation_id,
            article_id,
            files: files_in,
        };
        let sla = caches.sla.get(|| super::sla::load(c))?;
        let desk = Desk {
            routing: &routing,
            sla: &sla,
        };
        service::create_limited(c, now, &desk, &who, &new, &ip, storage)
    })
    .await?;
    let created = match created {
        Ok(c) => c,
        Err(refusal) => {
            // The text stays; only the files must be chosen again (or fewer of them).
            let f = storage_error(&tr, refusal);
            form.message = form.message.chars().take(MAX_BODY).collect();
            form.subject = form.subject.chars().take(MAX_SUBJECT).collect();
            let tpl = new_page(&cx, &user, form, f).await?;
            return private(refusal_status(refusal), &tpl);
        }
    };
    flash(session, "ticket-created");
    Ok(redirect(&Page::Ticket.link(locale, &created.number)))
}

/// What the ticket is linked to, as links the reader may follow.
pub async fn related(
    state: &AppState,
    tr: &Tr,
    t: &Ticket,
    staff: bool,
) -> Result<Vec<Related>, AppError> {
    let locale = tr.locale;
    let (o, v, a) = (
        t.order_id.clone(),
        t.validation_id.clone(),
        t.article_id.clone(),
    );
    if o.is_none() && v.is_none() && a.is_none() {
        return Ok(vec![]);
    }
    let (order, request, article) = db::run_quick(&state.pool, move |c| {
        let order = match o {
            Some(id) => crate::orders::model::find(c, &id)?,
            None => None,
        };
        let request = match v {
            Some(id) => crate::validation::model::find(c, &id)?,
            None => None,
        };
        let article = match a {
            Some(id) => crate::faq::by_id(c, &id)?.filter(|a| a.published || staff),
            None => None,
        };
        Ok((order, request, article))
    })
    .await?;
    let date = |d: time::Date| format::date(tr.i18n(), locale, d);
    let mut out = vec![];
    if let Some(o) = order {
        out.push(Related {
            label: tr.ta(
                "ticket-link-order",
                &args([
                    ("reference", o.reference().into()),
                    ("date", date(o.submitted_at.date()).into()),
                ]),
            ),
            href: Some(if staff {
                Page::StaffOrder.link(locale, &o.id)
            } else {
                Page::Order.link(locale, &o.id)
            }),
        });
    }
    if let Some(r) = request {
        out.push(Related {
            label: tr.ta(
                "ticket-link-validation",
                &args([("date", date(r.submitted_at.date()).into())]),
            ),
            href: Some(if staff {
                Page::StaffValidation.link(locale, &r.id)
            } else {
                Page::Certificate.path(locale).to_owned()
            }),
        });
    }
    if let Some(a) = article {
        out.push(Related {
            label: tr.ta(
                "ticket-link-article",
                &args([("title", a.text(locale).title.to_owned().into())]),
            ),
            href: Some(Page::FaqArticle.link(locale, a.slug(locale))),
        });
    }
    Ok(out)
}

/// Who reads a thread from the requester's side: a member, or a visitor by the private link's
/// token (which their attachment links carry too).
#[derive(Clone, Copy)]
pub enum Reader<'a> {
    Member(&'a User),
    Visitor(&'a str),
}

/// The thread page for the requester's side: a member or a visitor.
/// `place` is where the reply form posts and the page's path in each language.
pub async fn thread_page(
    cx: &Ctx,
    reader: Reader<'_>,
    t: &Ticket,
    place: (String, [String; 2]),
    f: FormErrors,
    message: String,
) -> Result<ThreadTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let (action, paths) = place;
    let user = match reader {
        Reader::Member(u) => Some(u),
        Reader::Visitor(_) => None,
    };
    let id = t.id.clone();
    let messages = db::run(&state.pool, move |c| model::thread(c, &id, false)).await?;
    let l = cx.layout_at(
        if user.is_some() {
            Page::Ticket
        } else {
            Page::VisitorTicket
        },
        "ticket-title",
        user.map(|u| u as &dyn Person),
        paths,
    )?;
    let mut l = l;
    l.title = l.tr.ta(
        "ticket-title-number",
        &args([("number", t.number.clone().into())]),
    );
    let file_href = |file: &str| match reader {
        Reader::Member(_) => Page::MemberFile.link(locale, file),
        Reader::Visitor(token) => Page::VisitorFile.link_with(locale, &[token, file]),
    };
    let open = t.state().after_customer_reply().is_some() && t.merged_into.is_none();
    Ok(ThreadTpl {
        csrf: csrf::token(session)?,
        number: t.number.clone(),
        subject: views::subject(&l.tr, &t.subject),
        state: t.state.clone(),
        state_label: views::state_label(&l.tr, &t.state),
        category: views::category_label(&l.tr, &t.category),
        opened: format::datetime(&state.i18n, locale, t.created_at),
        related: related(state, &l.tr, t, false).await?,
        messages: views::thread(&l.tr, messages, &file_href),
        action: open.then_some(action),
        message,
        files: user.is_some(),
        max_files: MAX_FILES,
        back: user.map(|_| Page::Tickets.path(locale)),
        f,
        l,
    })
}

fn paths(number: &str) -> [String; 2] {
    [
        Page::Ticket.link(Locale::Sv, number),
        Page::Ticket.link(Locale::En, number),
    ]
}

async fn load_for_member(
    state: &AppState,
    user: &User,
    number: String,
) -> Result<Ticket, AppError> {
    let t = db::run(&state.pool, move |c| model::by_number(c, &number)).await?;
    member_ticket(user, t)
}

/// A merged ticket's target, when a member opens the old number.
async fn merged_target(state: &AppState, t: &Ticket) -> Result<Option<Ticket>, AppError> {
    match t.merged_into.clone() {
        Some(id) => db::run(&state.pool, move |c| model::by_id(c, &id)).await,
        None => Ok(None),
    }
}

pub async fn show(
    cx: Ctx,
    member: Member,
    number: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let t = load_for_member(state, &member.0, number.into_inner()).await?;
    if let Some(target) = merged_target(state, &t).await? {
        let target = member_ticket(&member.0, Some(target))?;
        return Ok(redirect(&Page::Ticket.link(locale, &target.number)));
    }
    let tpl = thread_page(
        &cx,
        Reader::Member(&member.0),
        &t,
        (Page::Ticket.link(locale, &t.number), paths(&t.number)),
        FormErrors::none(),
        String::new(),
    )
    .await?;
    private(StatusCode::OK, &tpl)
}

pub async fn reply(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    number: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let user = member.0;
    let t = load_for_member(state, &user, number.into_inner()).await?;
    let tr = Tr::new(state.i18n.clone(), locale);
    let action = Page::Ticket.link(locale, &t.number);
    let parts = match upload::read(&req, payload, limits(), &["csrf", "message"], &["files"]).await
    {
        Ok(p) => p,
        Err(e) => {
            let f = FormErrors::one(&tr, "files", e.fluent_id());
            let tpl = thread_page(
                &cx,
                Reader::Member(&user),
                &t,
                (action, paths(&t.number)),
                f,
                String::new(),
            )
            .await?;
            return private(e.status(), &tpl);
        }
    };
    csrf::verify(session, parts.text("csrf"))?;
    let raw = parts.text("message").to_owned();
    let mut e = vec![];
    let body = long_text(&mut e, "message", &raw, MAX_BODY);
    let mut f = FormErrors::from_ids(&tr, &e);
    let files_in = attachments(&tr, parts.files, &mut f);
    let outcome = if f.is_empty() {
        let ip = client_ip(&req);
        let now = state.clock.now_utc_naive();
        let routing = state.routing.clone();
        let storage = StorageLimits::from_settings(&state.settings);
        let (u, id) = (user.clone(), t.id.clone());
        db::run(&state.pool, move |c| {
            let r = CustomerReply {
                ticket_id: &id,
                user: Some(&u),
                body: &body,
                files: &files_in,
            };
            service::customer_reply_limited(c, now, &routing, &r, &ip, storage)
        })
        .await?
    } else {
        Ok(ReplyOutcome::Added)
    };
    let status = match (f.is_empty(), outcome) {
        (true, Ok(ReplyOutcome::Added)) => {
            flash(session, "ticket-replied");
            return Ok(redirect(&action));
        }
        (true, Ok(ReplyOutcome::Closed)) => {
            f = FormErrors::one(&tr, "message", "ticket-error-closed");
            StatusCode::CONFLICT
        }
        (true, Err(refusal)) => {
            f = storage_error(&tr, refusal);
            refusal_status(refusal)
        }
        (false, _) => StatusCode::BAD_REQUEST,
    };
    let t = load_for_member(state, &user, t.number.clone()).await?;
    let keep: String = raw.chars().take(MAX_BODY).collect();
    let tpl = thread_page(
        &cx,
        Reader::Member(&user),
        &t,
        (action, paths(&t.number)),
        f,
        keep,
    )
    .await?;
    private(status, &tpl)
}

/// A storage refusal beside the file field, with the figures in the message.
fn storage_error(tr: &Tr, refusal: StorageRefusal) -> FormErrors {
    let mb = |b: i64| crate::storage::megabytes(tr.locale, b);
    let text = match refusal {
        StorageRefusal::Quota { used, quota } => tr.ta(
            refusal.fluent_id(),
            &args([("used", mb(used).into()), ("quota", mb(quota).into())]),
        ),
        StorageRefusal::Rate { limit } => {
            tr.ta(refusal.fluent_id(), &args([("limit", mb(limit).into())]))
        }
    };
    FormErrors {
        items: vec![("files", text)],
    }
}

/// 413 for a full quota (the request's content is too large for what is left), 429 for the rate.
fn refusal_status(refusal: StorageRefusal) -> StatusCode {
    match refusal {
        StorageRefusal::Quota { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        StorageRefusal::Rate { .. } => StatusCode::TOO_MANY_REQUESTS,
    }
}
