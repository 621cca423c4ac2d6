//! Thin handlers of the member's order pages: form, review, confirm, history, order, cancel.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{self, State};
use super::rules::{self, Requested, Validation};
use super::service;
use super::views::*;
use crate::AppState;
use crate::accounts::auth::Member;
use crate::accounts::model::User;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, format};
use crate::orders::catalog::{self, Product};
use crate::web::csrf;
use crate::web::page::{Ctx, private, redirect};
use crate::web::request::{client_ip, flash};

/// The posted form: `q_<product id>` quantities, the CSRF token and, on confirm, the key.
type Fields = Vec<(String, String)>;

fn field<'a>(f: &'a Fields, name: &str) -> &'a str {
    f.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_default()
}

/// Quantities as typed, by product id (empty ones left out). Anything that is not a whole
/// number becomes -1 so the rule reports it as out of range.
fn quantities(f: &Fields) -> Vec<(String, String, i64)> {
    f.iter()
        .filter_map(|(k, v)| k.strip_prefix("q_").map(|id| (id, v.trim())))
        .filter(|(_, v)| !v.is_empty())
        .take(200)
        .map(|(id, v)| {
            let q = if v.len() <= 9 && v.bytes().all(|b| b.is_ascii_digit()) {
                v.parse().unwrap_or(-1)
            } else {
                -1
            };
            (id.to_owned(), v.chars().take(12).collect(), q)
        })
        .collect()
}

struct Checked {
    products: Vec<Product>,
    validation: Validation,
    lines: Vec<(Product, i64)>,
    problems: Vec<rules::Problem>,
}

async fn check(
    state: &AppState,
    user: &User,
    q: &[(String, String, i64)],
    locale: Locale,
) -> Result<Checked, AppError> {
    let org = user.organisation_id.clone().unwrap_or_default();
    let today = state.clock.now_utc_naive().date();
    let (products, validation) = db::run(&state.pool, move |c| {
        Ok((catalog::all(c)?, model::validation_state(c, &org, today)?))
    })
    .await?;
    let requested: Vec<Requested> = q
        .iter()
        .map(|(id, _, n)| Requested {
            product: products.iter().find(|p| &p.id == id),
            quantity: *n,
        })
        .collect();
    let problems = match rules::check(validation, &requested, locale) {
        Ok(()) => vec![],
        Err(p) => p,
    };
    let lines = q
        .iter()
        .filter_map(|(id, _, n)| {
            products
                .iter()
                .find(|p| &p.id == id)
                .map(|p| (p.clone(), *n))
        })
        .collect();
    Ok(Checked {
        products,
        validation,
        lines,
        problems,
    })
}

fn form_page(
    cx: &Ctx,
    user: &User,
    c: &Checked,
    typed: &[(String, String, i64)],
) -> Result<OrderFormTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout(Page::Orders, "order-new-title", Some(user))?;
    let products = c
        .products
        .iter()
        .filter(|p| p.active)
        .map(|p| {
            let mut v = ProductView::new(&l.tr, p, Page::Product.link(locale, &p.sku));
            if let Some((_, raw, n)) = typed.iter().find(|(id, _, _)| *id == p.id) {
                v.quantity = raw.clone();
                if *n < 1 || *n > i64::from(p.max_quantity) {
                    v.error = Some(problem_text(
                        &l.tr,
                        &rules::Problem::Quantity {
                            product: v.name.clone(),
                            max: i64::from(p.max_quantity),
                        },
                    ));
                }
            }
            v
        })
        .collect();
    let validation_note = (c.validation != Validation::Valid)
        .then(|| problem_text(&l.tr, &rules::Problem::NotValidated(c.validation)));
    Ok(OrderFormTpl {
        csrf: csrf::token(session)?,
        action: Page::OrderNew.path(locale),
        products,
        problems: c.problems.iter().map(|p| problem_text(&l.tr, p)).collect(),
        validation_note,
        warnings: rules::core_warnings(&c.lines, locale)
            .iter()
            .map(|w| core_warning_text(&l.tr, w))
            .collect(),
        l,
    })
}

pub async fn new_form(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let c = check(state, &member.0, &[], locale).await?;
    let c = Checked {
        problems: vec![],
        ..c
    };
    private(StatusCode::OK, &form_page(&cx, &member.0, &c, &[])?)
}

fn review_page(cx: &Ctx, user: &User, lines: &[(Product, i64)]) -> Result<ReviewTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout(Page::Orders, "order-review-title", Some(user))?;
    let total: i64 = lines.iter().map(|(p, q)| p.fee_ore * q).sum();
    let licences: i64 = lines.iter().map(|(_, q)| q).sum();
    Ok(ReviewTpl {
        csrf: csrf::token(session)?,
        action: Page::OrderConfirm.path(locale),
        back: Page::OrderNew.path(locale),
        key: crate::random_hex(16),
        lines: lines
            .iter()
            .map(|(p, q)| LineView {
                product_id: p.id.clone(),
                name: p.name(locale).to_owned(),
                quantity: *q,
                fee: format::sek(locale, p.fee_ore),
                sum: format::sek(locale, p.fee_ore * q),
            })
            .collect(),
        total: format::sek(locale, total),
        licences: format::integer(locale, licences),
        warnings: rules::core_warnings(lines, locale)
            .iter()
            .map(|w| core_warning_text(&l.tr, w))
            .collect(),
        l,
    })
}

/// The order form posted: the review page when every rule holds, else the form with every
/// broken rule named.
pub async fn review(
    cx: Ctx,
    member: Member,
    form: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, field(&form, "csrf"))?;
    let user = member.0;
    if !user.is_verified() {
        return Err(AppError::Forbidden);
    }
    let typed = quantities(&form);
    let c = check(state, &user, &typed, locale).await?;
    if !c.problems.is_empty() {
        return private(StatusCode::BAD_REQUEST, &form_page(&cx, &user, &c, &typed)?);
    }
    private(StatusCode::OK, &review_page(&cx, &user, &c.lines)?)
}

/// Confirms a reviewed order. The key in the form makes a second click, a resent form or a
/// back-and-resubmit land on the same order.
pub async fn confirm(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    form: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, field(&form, "csrf"))?;
    let user = member.0;
    if !user.is_verified() {
        return Err(AppError::Forbidden);
    }
    let key = field(&form, "key").to_owned();
    if key.len() != 32 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::BadRequest);
    }
    let k = key.clone();
    if let Some(existing) = db::run(&state.pool, move |c| model::by_key(c, &k)).await? {
        if Some(&existing.organisation_id) != user.organisation_id.as_ref() {
            return Err(AppError::Conflict);
        }
        return Ok(redirect(&Page::Order.link(locale, &existing.id)));
    }
    let typed = quantities(&form);
    let c = check(state, &user, &typed, locale).await?;
    if !c.problems.is_empty() {
        return private(StatusCode::BAD_REQUEST, &form_page(&cx, &user, &c, &typed)?);
    }
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let routing = state.routing.clone();
    let u = user.clone();
    let lines = c.lines;
    let id = db::run(&state.pool, move |conn| {
        service::place(conn, now, &routing, &u, &key, &lines, &ip)
    })
    .await?;
    flash(session, "order-placed");
    Ok(redirect(&Page::Order.link(locale, &id)))
}

pub async fn list(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let org = member.0.organisation_id.clone().unwrap_or_default();
    let orders = db::run(&state.pool, move |c| model::of_organisation(c, &org)).await?;
    let l = cx.layout(Page::Orders, "orders-title", Some(&member.0))?;
    let rows = orders
        .iter()
        .map(|o| OrderRow {
            href: Page::Order.link(locale, &o.id),
            reference: o.reference(),
            submitted: format::date(&state.i18n, locale, o.submitted_at.date()),
            state_label: l.tr.t(&format!("order-state-{}", o.state)),
            total: format::sek(locale, o.total_ore),
            org: String::new(),
            age: String::new(),
            licences: String::new(),
            validation: String::new(),
        })
        .collect();
    private(
        StatusCode::OK,
        &OrdersTpl {
            l,
            rows,
            new: Page::OrderNew.path(locale),
        },
    )
}

/// The lines and history of an order, in words.
pub fn lines_and_history(
    tr: &crate::web::page::Tr,
    state: &AppState,
    lines: &[(i32, i64, Product)],
    history: &[model::HistoryRow],
) -> (Vec<LineView>, Vec<HistoryView>) {
    let l = tr.locale;
    let lines = lines
        .iter()
        .map(|(q, fee, p)| LineView {
            product_id: p.id.clone(),
            name: p.name(l).to_owned(),
            quantity: i64::from(*q),
            fee: format::sek(l, *fee),
            sum: format::sek(l, fee * i64::from(*q)),
        })
        .collect();
    let history = history
        .iter()
        .map(|h| HistoryView {
            at: format::date(&state.i18n, l, h.at.date()),
            state_label: tr.t(&format!("order-state-{}", h.state)),
            note: h.note.clone().unwrap_or_default(),
        })
        .collect();
    (lines, history)
}

pub async fn show(
    cx: Ctx,
    member: Member,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let id = id.into_inner();
    let org = member.0.organisation_id.clone();
    let loaded = db::run(&state.pool, move |c| {
        let Some(order) = model::find(c, &id)? else {
            return Ok(None);
        };
        Ok(Some((
            model::lines(c, &order.id)?,
            model::history(c, &order.id)?,
            order,
        )))
    })
    .await?;
    // Another organisation's order is the same 404 as none.
    let Some((lines, history, order)) =
        loaded.filter(|(_, _, o)| Some(&o.organisation_id) == org.as_ref())
    else {
        return Err(AppError::NotFound);
    };
    let paths = [
        Page::Order.link(Locale::Sv, &order.id),
        Page::Order.link(Locale::En, &order.id),
    ];
    let l = cx.layout_at(Page::Orders, "order-title", Some(&member.0), paths)?;
    let (lines, history) = lines_and_history(&l.tr, state, &lines, &history);
    let tpl = OrderTpl {
        reference: order.reference(),
        state: order.state.clone(),
        state_label: l.tr.t(&format!("order-state-{}", order.state)),
        lines,
        total: format::sek(locale, order.total_ore),
        history,
        csrf: csrf::token(session)?,
        cancel: (order.state() == State::Submitted)
            .then(|| Page::OrderCancel.link(locale, &order.id)),
        list: Page::Orders.path(locale),
        reason: order.reason.clone(),
        fulfilment: order.fulfilment_note.clone(),
        l,
    };
    private(StatusCode::OK, &tpl)
}

pub async fn cancel(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    id: web::Path<String>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, field(&form, "csrf"))?;
    let user = member.0;
    let id = id.into_inner();
    let i = id.clone();
    let order = db::run(&state.pool, move |c| model::find(c, &i)).await?;
    if order.is_none_or(|o| Some(&o.organisation_id) != user.organisation_id.as_ref()) {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let routing = state.routing.clone();
    let i = id.clone();
    if !db::run(&state.pool, move |c| {
        service::cancel(c, now, &routing, &user, &i, &ip)
    })
    .await?
    {
        return Err(AppError::Conflict);
    }
    flash(session, "order-cancelled");
    Ok(redirect(&Page::Order.link(locale, &id)))
}
