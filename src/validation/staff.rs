//! Thin handlers of the staff's validation queue, request view, decisions and file viewing.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use time::Date;

use super::handlers::InlineQuery;
use super::model::{self, State};
use super::service::{self, CANNED, Decision};
use super::views::{QueueTpl, QueueView, RequestTpl, RequestView};
use crate::AppState;
use crate::accounts::auth::Staff;
use crate::accounts::model as accounts;
use crate::db;
use crate::eligibility::OrgType;
use crate::error::AppError;
use crate::files;
use crate::i18n::Locale;
use crate::i18n::format;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::Choice;
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
    // No filter means the work to do: pending requests; `all` shows every state.
    let filter = q.state(State::Pending, State::from_key)?;
    let page = q.page();
    let (rows, more) = db::run(&state.pool, move |c| model::queue(c, filter, page)).await?;
    let l = cx.layout(Page::StaffValidations, "validations-title", Some(&staff.0))?;
    let now = state.clock.now_utc_naive();
    let rows = rows
        .into_iter()
        .map(|r| QueueView {
            href: Page::StaffValidation.link(locale, &r.id),
            flag: r
                .needs_review
                .then(|| super::views::group_label(&l.tr, &r.org_number)),
            age: l.tr.age_days((now - r.submitted_at).whole_days()),
            submitted: format::date(&state.i18n, locale, r.submitted_at.date()),
            state_label: l.tr.t(&format!("validation-state-{}", r.state)),
            file_type: r.content_type,
            org_name: r.org_name,
            org_number: r.org_number,
        })
        .collect();
    let states = q.choices(
        &l.tr,
        &["pending", "approved", "rejected"],
        "pending",
        "validations-filter-",
    );
    let pager = q.pager(Page::StaffValidations.path(locale), "pending", page, more);
    let tpl = QueueTpl {
        rows,
        states,
        path: Page::StaffValidations.path(locale),
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
    decision: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
    #[serde(default)]
    certificate_expires: String,
    #[serde(default)]
    canned: String,
    #[serde(default)]
    reason_sv: String,
    #[serde(default)]
    reason_en: String,
}

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Reads a decision, or says what is wrong beside each field.
fn read_decision(state: &AppState, form: &DecisionForm) -> Result<Decision, Vec<FieldError>> {
    let mut e = vec![];
    match form.decision.as_str() {
        "approve" => {
            let from = parse_date(&form.valid_from);
            let to = parse_date(&form.valid_to);
            let expires = parse_date(&form.certificate_expires);
            if expires.is_none() {
                e.push(FieldError {
                    field: "certificate_expires",
                    id: "validations-error-date",
                });
            }
            if from.is_none() {
                e.push(FieldError {
                    field: "valid_from",
                    id: "validations-error-date",
                });
            }
            if to.is_none() {
                e.push(FieldError {
                    field: "valid_to",
                    id: "validations-error-date",
                });
            }
            match (from, to) {
                (Some(f), Some(t)) if t < f => {
                    e.push(FieldError {
                        field: "valid_to",
                        id: "validations-error-order",
                    });
                    Err(e)
                }
                (Some(from), Some(to)) if e.is_empty() => {
                    let expires = expires.unwrap_or(to);
                    match super::capped_validity(from, to, expires) {
                        Some(to) => Ok(Decision::Approve { from, to }),
                        None => {
                            e.push(FieldError {
                                field: "certificate_expires",
                                id: "validations-error-certificate-expired",
                            });
                            Err(e)
                        }
                    }
                }
                _ => Err(e),
            }
        }
        "reject" => {
            let clean = |s: &str| {
                let t = s.trim();
                (!t.is_empty()).then(|| t.chars().take(service::MAX_NOTE).collect::<String>())
            };
            let (mut sv, mut en) = (clean(&form.reason_sv), clean(&form.reason_en));
            if !form.canned.is_empty() {
                if !CANNED.contains(&form.canned.as_str()) {
                    e.push(FieldError {
                        field: "canned",
                        id: "form-error-choice",
                    });
                    return Err(e);
                }
                // A canned reason is written in both languages already.
                let id = format!("validation-reason-{}", form.canned);
                sv = sv.or_else(|| Some(state.i18n.format(Locale::Sv, &id, None)));
                en = en.or_else(|| Some(state.i18n.format(Locale::En, &id, None)));
            }
            if [&form.reason_sv, &form.reason_en]
                .iter()
                .any(|r| r.chars().count() > service::MAX_NOTE)
            {
                e.push(FieldError {
                    field: "reason_sv",
                    id: "certificate-error-note",
                });
            }
            if sv.is_none() && en.is_none() {
                e.push(FieldError {
                    field: "canned",
                    id: "validations-error-reason",
                });
            }
            if e.is_empty() {
                Ok(Decision::Reject {
                    reason_sv: sv,
                    reason_en: en,
                })
            } else {
                Err(e)
            }
        }
        _ => {
            e.push(FieldError {
                field: "decision",
                id: "form-error-choice",
            });
            Err(e)
        }
    }
}

async fn request_page(
    cx: &Ctx,
    staff: &accounts::User,
    id: String,
    f: FormErrors,
    form: DecisionForm,
) -> Result<RequestTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let loaded = db::run(&state.pool, move |c| {
        let Some(req) = model::find(c, &id)? else {
            return Ok(None);
        };
        let org = accounts::organisation(c, &req.organisation_id)?.ok_or(AppError::NotFound)?;
        let history = model::of_organisation(c, &req.organisation_id)?;
        let file = files::info(c, &req.file_id)?.ok_or(AppError::NotFound)?;
        let usage = crate::usage::model::latest(c, &req.organisation_id)?;
        Ok(Some((req, org, history, file, usage)))
    })
    .await?;
    let Some((req, org, history, file, usage)) = loaded else {
        return Err(AppError::NotFound);
    };
    let l = cx.layout_at(
        Page::StaffValidations,
        "validation-title",
        Some(staff),
        [
            Page::StaffValidation.link(Locale::Sv, &req.id),
            Page::StaffValidation.link(Locale::En, &req.id),
        ],
    )?;
    let today = state.clock.now_utc_naive().date();
    let view = RequestView::new(&l.tr, &req, today, Page::StaffFile);
    let history = history
        .iter()
        .filter(|r| r.id != req.id)
        .map(|r| RequestView::new(&l.tr, r, today, Page::StaffFile))
        .collect();
    let inline_src = files::Kind::from_mime(&file.content_type)
        .filter(|k| k.is_image())
        .map(|_| format!("{}?inline=1", Page::StaffFile.link(locale, &file.id)));
    let default_from = format::iso_date(today);
    let default_to = format::iso_date(super::period_end(today, state.settings.validation_months));
    let canned = CANNED
        .into_iter()
        .map(|k| Choice {
            value: k,
            label: l.tr.t(&format!("validation-reason-{k}")),
            selected: form.canned == k,
        })
        .collect();
    let keep = |s: &str, d: &str| {
        if s.is_empty() {
            d.to_owned()
        } else {
            s.chars().take(service::MAX_NOTE).collect()
        }
    };
    let usage = usage.map(|u| crate::usage::summary(&l.tr, &state.i18n, &u));
    Ok(RequestTpl {
        usage,
        csrf: csrf::token(session)?,
        pending: req.state() == State::Pending,
        decide: Page::StaffValidationDecide.link(locale, &req.id),
        req: view,
        org_type: OrgType::from_key(&org.org_type)
            .map(|t| l.tr.t(&t.fluent_id()))
            .unwrap_or_default(),
        flag: org
            .needs_review
            .then(|| super::views::group_label(&l.tr, &org.org_number)),
        org_href: Page::StaffOrganisation.link(locale, &org.id),
        org_name: org.name,
        org_number: org.org_number,
        history,
        file_name: file.original_name,
        file_size: format!("{} kB", format::integer(locale, (file.size + 1023) / 1024)),
        file_type: file.content_type,
        sha256: file.sha256,
        inline_src,
        valid_from: keep(&form.valid_from, &default_from),
        valid_to: keep(&form.valid_to, &default_to),
        certificate_expires: keep(&form.certificate_expires, &default_to),
        canned,
        reason_sv: form.reason_sv.chars().take(service::MAX_NOTE).collect(),
        reason_en: form.reason_en.chars().take(service::MAX_NOTE).collect(),
        decision: if form.decision.is_empty() {
            "approve".into()
        } else {
            form.decision.clone()
        },
        queue: Page::StaffValidations.path(locale),
        f,
        l,
    })
}

pub async fn show(cx: Ctx, staff: Staff, id: web::Path<String>) -> Result<HttpResponse, AppError> {
    let tpl = request_page(
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
    let decision = match read_decision(state, &form) {
        Ok(d) => d,
        Err(errors) => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::from_ids(&tr, &errors);
            let tpl = request_page(&cx, &staff.0, id, f, form).await?;
            return private(StatusCode::BAD_REQUEST, &tpl);
        }
    };
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let routing = state.routing.clone();
    let user = staff.0.clone();
    let i = id.clone();
    let exists = db::run(&state.pool, move |c| model::find(c, &i))
        .await?
        .is_some();
    if !exists {
        return Err(AppError::NotFound);
    }
    let won = db::run(&state.pool, move |c| {
        service::decide(c, now, &routing, &user, &id, &decision, &ip)
    })
    .await?;
    if !won {
        return Err(AppError::Conflict);
    }
    flash(session, "validations-decided");
    Ok(redirect(Page::StaffValidations.path(locale)))
}

/// Any stored file, for staff: a download, or an image inline for the review page.
pub async fn file(
    state: web::Data<AppState>,
    _staff: Staff,
    id: web::Path<String>,
    q: web::Query<InlineQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let inline = q.inline.as_deref() == Some("1");
    match db::run(&state.pool, move |c| files::load(c, &id)).await? {
        Some((info, data)) => Ok(files::respond(&info, data, inline, "donera")),
        None => Err(AppError::NotFound),
    }
}
