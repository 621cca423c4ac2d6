//! Thin handlers of the staff area's account pages: the staff home, staff accounts (admins) and
//! the audit log (admins).

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::handlers::{Ctx, layout, private, redirect};
use super::model::{self, Role};
use super::service::{self, Invited};
use super::views::*;
use crate::AppState;
use crate::audit;
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::auth::{Staff, StaffAdmin, client_ip, flash};
use crate::web::csrf;
use crate::web::form::FormErrors;

pub async fn home(
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    staff: Staff,
) -> Result<HttpResponse, AppError> {
    let user = staff.0;
    let l = layout(
        &state,
        locale,
        Page::Staff,
        "staff-home-title",
        Some(&user),
        &session,
        None,
    )?;
    let tpl = StaffHomeTpl {
        l,
        is_admin: user.role() == Role::Admin,
        accounts: Page::StaffAccounts.path(locale),
        audit: Page::StaffAudit.path(locale),
        settings: Page::AccountSettings.path(locale),
        validations: Page::StaffValidations.path(locale),
        orders: Page::StaffOrders.path(locale),
        products: Page::StaffProducts.path(locale),
        faq: Page::StaffFaq.path(locale),
        tickets: Page::StaffTickets.path(locale),
        canned: Page::StaffCanned.path(locale),
    };
    private(StatusCode::OK, &tpl)
}

pub async fn staff_root(locale: Locale) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, Page::Staff.path(locale)))
        .finish()
}

async fn accounts_page(
    cx: &Ctx<'_>,
    admin: &model::User,
    f: FormErrors,
    name: String,
    email: String,
    role: String,
) -> Result<StaffAccountsTpl, AppError> {
    let (state, locale, session) = (cx.state, cx.locale, cx.session);
    let people = db::run(&state.pool, model::staff).await?;
    let l = layout(
        state,
        locale,
        Page::StaffAccounts,
        "staff-accounts-title",
        Some(admin),
        session,
        None,
    )?;
    let rows = people
        .into_iter()
        .map(|p| {
            let disabled = p.disabled_at.is_some();
            let status = if disabled {
                "staff-status-disabled"
            } else if p.password_hash.is_none() {
                "staff-status-invited"
            } else {
                "staff-status-active"
            };
            StaffRow {
                role: l.t(&format!("staff-role-{}", p.role)),
                status: l.t(status),
                toggle: (p.id != admin.id).then(|| {
                    let (value, label) = if disabled {
                        ("0", "staff-enable")
                    } else {
                        ("1", "staff-disable")
                    };
                    (
                        Page::StaffAccountToggle.link(locale, &p.id),
                        value,
                        l.t(label),
                    )
                }),
                name: p.name,
                email: p.email,
            }
        })
        .collect();
    let roles = [Role::Agent, Role::Admin]
        .into_iter()
        .map(|r| Choice {
            value: r.key(),
            label: l.t(&format!("staff-role-{}", r.key())),
            selected: role == r.key(),
        })
        .collect();
    Ok(StaffAccountsTpl {
        csrf: csrf::token(session)?,
        action: Page::StaffAccounts.path(locale),
        rows,
        roles,
        name,
        email,
        f,
        l,
    })
}

pub async fn accounts(
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    admin: StaffAdmin,
) -> Result<HttpResponse, AppError> {
    let tpl = accounts_page(
        &Ctx {
            state: &state,
            locale,
            session: &session,
        },
        &admin.0,
        FormErrors::none(),
        String::new(),
        String::new(),
        "agent".into(),
    )
    .await?;
    private(StatusCode::OK, &tpl)
}

pub async fn invite(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    admin: StaffAdmin,
    form: web::Form<service::InviteForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let admin = admin.0;
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    let keep = |s: &str| s.chars().take(254).collect::<String>();
    let inv = match form.check(true) {
        Ok(i) => i,
        Err(errors) => {
            let f = FormErrors::from_ids(&tr, &errors);
            let tpl = accounts_page(
                &Ctx {
                    state: &state,
                    locale,
                    session: &session,
                },
                &admin,
                f,
                keep(&form.name),
                keep(&form.email),
                keep(&form.role),
            )
            .await?;
            return private(StatusCode::BAD_REQUEST, &tpl);
        }
    };
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let a = admin.clone();
    match db::run(&state.pool, move |c| {
        service::invite(c, now, &a, &inv, locale, &ip)
    })
    .await?
    {
        Invited::Sent(_) => {
            state.caches.staff.clear();
            flash(&session, "staff-invited");
            Ok(redirect(Page::StaffAccounts.path(locale)))
        }
        Invited::EmailTaken => {
            let f = FormErrors::one(&tr, "email", "colleagues-error-taken");
            let tpl = accounts_page(
                &Ctx {
                    state: &state,
                    locale,
                    session: &session,
                },
                &admin,
                f,
                keep(&form.name),
                keep(&form.email),
                keep(&form.role),
            )
            .await?;
            private(StatusCode::CONFLICT, &tpl)
        }
        // Only member invitations are counted or answered alike.
        Invited::AlreadyRegistered | Invited::TooMany => Err(AppError::Conflict),
    }
}

#[derive(serde::Deserialize)]
pub struct ToggleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    disabled: String,
}

pub async fn toggle(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<ToggleForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    let admin = admin.0;
    let disable = match form.disabled.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest),
    };
    let t = id.into_inner();
    let target = db::run(&state.pool, move |c| model::user_by_id(c, &t)).await?;
    let target = match target {
        Some(t) if t.role().is_staff() => t,
        _ => return Err(AppError::NotFound),
    };
    if target.id == admin.id {
        return Err(AppError::BadRequest);
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    db::run(&state.pool, move |c| {
        service::set_disabled(c, now, &admin, &target, disable, &ip)
    })
    .await?;
    flash(
        &session,
        if disable {
            "staff-disabled-done"
        } else {
            "staff-enabled-done"
        },
    );
    Ok(redirect(Page::StaffAccounts.path(locale)))
}

pub async fn audit_log(
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    admin: StaffAdmin,
    q: web::Query<audit::Filter>,
) -> Result<HttpResponse, AppError> {
    let filter = q.into_inner();
    let f = filter.clone();
    let (entries, more, names) = db::run(&state.pool, move |c| {
        let (entries, more) = audit::page(c, &f)?;
        let names: Vec<(String, String)> = {
            use crate::db::schema::users;
            use diesel::prelude::*;
            let ids: Vec<String> = entries.iter().filter_map(|e| e.actor_id.clone()).collect();
            users::table
                .filter(users::id.eq_any(ids))
                .select((users::id, users::name))
                .load(c)?
        };
        Ok((entries, more, names))
    })
    .await?;
    let l = layout(
        &state,
        locale,
        Page::StaffAudit,
        "audit-title",
        Some(&admin.0),
        &session,
        None,
    )?;
    let rows = entries
        .into_iter()
        .map(|e| {
            let actor = match &e.actor_id {
                Some(id) => names
                    .iter()
                    .find(|(i, _)| i == id)
                    .map(|(_, n)| format!("{n} ({})", e.actor_kind))
                    .unwrap_or_else(|| id.clone()),
                None => e.actor_kind.clone(),
            };
            AuditRow::from_entry(e, actor)
        })
        .collect();
    let page = filter.page.unwrap_or(1).max(1);
    let link = |p: i64| {
        let q = serde_urlencoded::to_string([
            ("actor", filter.actor.as_str()),
            ("action", filter.action.as_str()),
            ("record", filter.record.as_str()),
            ("page", &p.to_string()),
        ])
        .unwrap_or_default();
        format!("{}?{q}", Page::StaffAudit.path(locale))
    };
    let tpl = AuditTpl {
        l,
        rows,
        actor: filter.actor.chars().take(100).collect(),
        action_filter: filter.action.chars().take(100).collect(),
        record: filter.record.chars().take(100).collect(),
        prev: (page > 1).then(|| link(page - 1)),
        next: more.then(|| link(page + 1)),
        path: Page::StaffAudit.path(locale),
    };
    private(StatusCode::OK, &tpl)
}
