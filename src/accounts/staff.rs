//! Thin handlers of the staff area's account pages: staff accounts (admins) and the audit log
//! (admins). The staff home is the dashboard in `overview::staff_home`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{self, Role};
use super::service::{self, Invited};
use super::views::*;
use crate::accounts::auth::StaffAdmin;
use crate::audit;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::{Choice, FormErrors};
use crate::web::page::Ctx;
use crate::web::page::{private, redirect};
use crate::web::request::{client_ip, flash};

async fn accounts_page(
    cx: &Ctx,
    admin: &model::User,
    f: FormErrors,
    name: String,
    email: String,
    role: String,
) -> Result<StaffAccountsTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let (people, with_2fa) = db::run(&state.pool, |c| {
        let people = model::staff(c)?;
        let ids: Vec<String> = people.iter().map(|p| p.id.clone()).collect();
        Ok((people, super::twofa::enabled_among(c, &ids)?))
    })
    .await?;
    let l = cx.layout(Page::StaffAccounts, "staff-accounts-title", Some(admin))?;
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
            let has_2fa = with_2fa.contains(&p.id);
            StaffRow {
                two_factor: l.tr.t(if has_2fa {
                    "staff-2fa-on"
                } else {
                    "staff-2fa-off"
                }),
                reset_2fa: (has_2fa && p.id != admin.id)
                    .then(|| Page::StaffTwoFactorReset.link(locale, &p.id)),
                role: l.tr.t(&format!("staff-role-{}", p.role)),
                status: l.tr.t(status),
                toggle: (p.id != admin.id).then(|| {
                    let (value, label) = if disabled {
                        ("0", "staff-enable")
                    } else {
                        ("1", "staff-disable")
                    };
                    (
                        Page::StaffAccountToggle.link(locale, &p.id),
                        value,
                        l.tr.t(label),
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
            label: l.tr.t(&format!("staff-role-{}", r.key())),
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

pub async fn accounts(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let tpl = accounts_page(
        &cx,
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
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<service::InviteForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let admin = admin.0;
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    let keep = |s: &str| s.chars().take(254).collect::<String>();
    let inv = match form.check(true) {
        Ok(i) => i,
        Err(errors) => {
            let f = FormErrors::from_ids(&tr, &errors);
            let tpl = accounts_page(
                &cx,
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
            flash(session, "staff-invited");
            Ok(redirect(Page::StaffAccounts.path(locale)))
        }
        Invited::EmailTaken => {
            let f = FormErrors::one(&tr, "email", "colleagues-error-taken");
            let tpl = accounts_page(
                &cx,
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
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<ToggleForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
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
        session,
        if disable {
            "staff-disabled-done"
        } else {
            "staff-enabled-done"
        },
    );
    Ok(redirect(Page::StaffAccounts.path(locale)))
}

pub async fn audit_log(
    cx: Ctx,
    admin: StaffAdmin,
    q: web::Query<audit::Filter>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
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
    let l = cx.layout(Page::StaffAudit, "audit-title", Some(&admin.0))?;
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
    let page = crate::web::queue::page_number(filter.page);
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
        pager: crate::web::queue::Pager::new(page, more, link),
        path: Page::StaffAudit.path(locale),
    };
    private(StatusCode::OK, &tpl)
}
