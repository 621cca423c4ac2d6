//! Thin handlers of the staff's order queue, order view and decisions.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::handlers::lines_and_history;
use super::model::{self, State};
use super::service::{self, Action};
use super::views::*;
use crate::accounts::auth::Staff;
use crate::accounts::model as accounts;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, format};
use crate::web::csrf;
use crate::web::form::FieldError;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::queue::QueueQuery;
use crate::web::request::{client_ip, flash};

pub async fn queue(
    cx: Ctx,
    staff: Staff,
    q: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let filter = q.state(State::Submitted, State::from_key)?;
    let page = q.page();
    let today = state.clock.now_utc_naive().date();
    let (rows, more, counts, validations) = db::run(&state.pool, move |c| {
        let (rows, more) = model::queue(c, filter, page)?;
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let counts = model::line_counts(c, &ids)?;
        let mut validations = vec![];
        for r in &rows {
            if !validations.iter().any(|(o, _)| o == &r.organisation_id) {
                validations.push((
                    r.organisation_id.clone(),
                    model::validation_state(c, &r.organisation_id, today)?,
                ));
            }
        }
        Ok((rows, more, counts, validations))
    })
    .await?;
    let l = cx.layout(Page::StaffOrders, "staff-orders-title", Some(&staff.0))?;
    let now = state.clock.now_utc_naive();
    let rows = rows
        .into_iter()
        .map(|r| OrderRow {
            href: Page::StaffOrder.link(locale, &r.id),
            reference: r.id.chars().take(8).collect::<String>().to_uppercase(),
            submitted: format::date(&state.i18n, locale, r.submitted_at.date()),
            state_label: l.tr.t(&format!("order-state-{}", r.state)),
            total: format::sek(locale, r.total_ore),
            age: l.tr.age_days((now - r.submitted_at).whole_days()),
            licences: format::integer(
                locale,
                counts
                    .iter()
                    .find(|(i, _)| *i == r.id)
                    .map_or(0, |(_, n)| *n),
            ),
            validation: validations
                .iter()
                .find(|(o, _)| *o == r.organisation_id)
                .map(|(_, v)| validation_label(&l.tr, *v))
                .unwrap_or_default(),
            org: r.org_name,
        })
        .collect();
    let keys: Vec<&'static str> = State::ALL.iter().map(|s| s.key()).collect();
    let states = q.choices(&l.tr, &keys, "submitted", "order-filter-");
    let pager = q.pager(Page::StaffOrders.path(locale), "submitted", page, more);
    let tpl = StaffOrdersTpl {
        rows,
        states,
        path: Page::StaffOrders.path(locale),
        pager,
        l,
    };
    private(StatusCode::OK, &tpl)
}

#[derive(serde::Deserialize, Default, Clone)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
}

async fn order_page(
    cx: &Ctx,
    staff: &accounts::User,
    id: String,
    f: FormErrors,
    form: DecisionForm,
) -> Result<StaffOrderTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let today = state.clock.now_utc_naive().date();
    let loaded = db::run(&state.pool, move |c| {
        let Some(order) = model::find(c, &id)? else {
            return Ok(None);
        };
        let org = accounts::organisation(c, &order.organisation_id)?.ok_or(AppError::NotFound)?;
        let validation = model::validation_state(c, &order.organisation_id, today)?;
        Ok(Some((
            model::lines(c, &order.id)?,
            model::history(c, &order.id)?,
            org,
            validation,
            order,
        )))
    })
    .await?;
    let Some((lines, history, org, validation, order)) = loaded else {
        return Err(AppError::NotFound);
    };
    let paths = [
        Page::StaffOrder.link(Locale::Sv, &order.id),
        Page::StaffOrder.link(Locale::En, &order.id),
    ];
    let l = cx.layout_at(Page::StaffOrders, "staff-order-title", Some(staff), paths)?;
    let (lines, history) = lines_and_history(&l.tr, state, &lines, &history);
    Ok(StaffOrderTpl {
        reference: order.reference(),
        org_href: Page::StaffOrganisation.link(locale, &org.id),
        org_name: org.name,
        org_number: org.org_number,
        validation: validation_label(&l.tr, validation),
        state: order.state.clone(),
        state_label: l.tr.t(&format!("order-state-{}", order.state)),
        lines,
        total: format::sek(locale, order.total_ore),
        history,
        csrf: csrf::token(session)?,
        decide: Page::StaffOrderDecide.link(locale, &order.id),
        queue: Page::StaffOrders.path(locale),
        reason: form.reason.chars().take(service::MAX_NOTE).collect(),
        note: form.note.chars().take(service::MAX_NOTE).collect(),
        f,
        l,
    })
}

pub async fn show(cx: Ctx, staff: Staff, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    let tpl = order_page(
        &cx,
        &staff.0,
        id.into_inner(),
        FormErrors::none(),
        DecisionForm::default(),
    )
    .await?;
    private(StatusCode::OK, &tpl)
}

pub async fn decide(
    req: HttpRequest,
    cx: Ctx,
    staff: Staff,
    id: web::Path<String>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let id = id.into_inner();
    let form = form.into_inner();
    let text = |s: &str| s.trim().chars().take(service::MAX_NOTE).collect::<String>();
    let action = match form.action.as_str() {
        "grant" => Ok(Action::Grant),
        "deny" if text(&form.reason).is_empty() || form.reason.contains('\0') => Err(FieldError {
            field: "reason",
            id: "order-error-reason",
        }),
        "deny" => Ok(Action::Deny(text(&form.reason))),
        "fulfil" if form.note.contains('\0') => Err(FieldError {
            field: "note",
            id: "form-error-control",
        }),
        "fulfil" => Ok(Action::Fulfil(text(&form.note))),
        _ => return Err(AppError::BadRequest),
    };
    let action = match action {
        Ok(a) => a,
        Err(e) => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::from_ids(&tr, &[e]);
            let tpl = order_page(&cx, &staff.0, id, f, form).await?;
            return private(StatusCode::BAD_REQUEST, &tpl);
        }
    };
    let i = id.clone();
    if db::run(&state.pool, move |c| model::find(c, &i))
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let routing = state.routing.clone();
    let user = staff.0.clone();
    let i = id.clone();
    if !db::run(&state.pool, move |c| {
        service::decide(c, now, &routing, &user, &i, &action, &ip)
    })
    .await?
    {
        return Err(AppError::Conflict);
    }
    flash(session, "staff-order-saved");
    Ok(redirect(&Page::StaffOrder.link(locale, &id)))
}
