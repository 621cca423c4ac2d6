//! Thin handlers of canned replies: staff admins write them in Swedish and English, with
//! `{name}` and `{number}` placeholders; every change is audited.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::model::{self, Canned};
use super::service::{self, CannedForm};
use crate::accounts::auth::StaffAdmin;
use crate::accounts::model::User;
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::page::{Layout, Tr};
use crate::web::request::{client_ip, flash};

pub struct CannedRow {
    pub title: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "staff/canned.html")]
pub struct CannedTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub rows: Vec<CannedRow>,
    /// The form: a new reply on the list page, or the one being edited.
    pub action: String,
    pub form: CannedForm,
    pub editing: bool,
    pub back: &'static str,
}

async fn page(
    cx: &Ctx,
    user: &User,
    editing: Option<&str>,
    form: CannedForm,
    f: FormErrors,
) -> Result<CannedTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let all = db::run(&state.pool, model::canned_all).await?;
    let (title, paths, action) = match editing {
        Some(id) => (
            "staff-canned-edit-title",
            Some([
                Page::StaffCannedEdit.link(Locale::Sv, id),
                Page::StaffCannedEdit.link(Locale::En, id),
            ]),
            Page::StaffCannedEdit.link(locale, id),
        ),
        None => (
            "staff-canned-title",
            None,
            Page::StaffCanned.path(locale).to_owned(),
        ),
    };
    let l = match paths {
        Some(p) => cx.layout_at(Page::StaffCanned, title, Some(user), p)?,
        None => cx.layout(Page::StaffCanned, title, Some(user))?,
    };
    Ok(CannedTpl {
        csrf: csrf::token(session)?,
        rows: all
            .iter()
            .map(|c: &Canned| CannedRow {
                title: c.title(locale).to_owned(),
                href: Page::StaffCannedEdit.link(locale, &c.id),
            })
            .collect(),
        action,
        form,
        editing: editing.is_some(),
        back: Page::StaffTickets.path(locale),
        f,
        l,
    })
}

pub async fn list(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let tpl = page(
        &cx,
        &admin.0,
        None,
        CannedForm::default(),
        FormErrors::none(),
    )
    .await?;
    private(StatusCode::OK, &tpl)
}

pub async fn create(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<CannedForm>,
) -> Result<HttpResponse, AppError> {
    let session = &cx.session;
    csrf::verify(session, &form.csrf)?;
    save_or_show(req, &cx, &admin.0, None, form.into_inner()).await
}

pub async fn edit_form(
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    let id = id.into_inner();
    let i = id.clone();
    let c = db::run(&state.pool, move |c| model::canned(c, &i))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = CannedForm {
        title_sv: c.title_sv,
        title_en: c.title_en,
        body_sv: c.body_sv,
        body_en: c.body_en,
        ..CannedForm::default()
    };
    let tpl = page(&cx, &admin.0, Some(&id), form, FormErrors::none()).await?;
    private(StatusCode::OK, &tpl)
}

pub async fn save(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<CannedForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let id = id.into_inner();
    let form = form.into_inner();
    if form.action == "delete" {
        let ip = client_ip(&req);
        let now = state.clock.now_utc_naive();
        let user = admin.0.clone();
        let gone = db::run(&state.pool, move |c| {
            service::delete_canned(c, now, &id, &user, &ip)
        })
        .await?;
        state.caches.canned.clear();
        if !gone {
            return Err(AppError::NotFound);
        }
        flash(session, "staff-canned-deleted");
        return Ok(redirect(Page::StaffCanned.path(locale)));
    }
    save_or_show(req, &cx, &admin.0, Some(id), form).await
}

async fn save_or_show(
    req: HttpRequest,
    cx: &Ctx,
    user: &User,
    id: Option<String>,
    form: CannedForm,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    if let Err(e) = form.check() {
        let tr = Tr::new(state.i18n.clone(), locale);
        let f = FormErrors::from_ids(&tr, &e);
        let mut form = form;
        for s in [
            &mut form.title_sv,
            &mut form.title_en,
            &mut form.body_sv,
            &mut form.body_en,
        ] {
            *s = s.chars().take(super::MAX_BODY).collect();
        }
        let tpl = page(cx, user, id.as_deref(), form, f).await?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let u = user.clone();
    db::run(&state.pool, move |c| {
        service::save_canned(c, now, id.as_deref(), &form, &u, &ip)
    })
    .await?;
    state.caches.canned.clear();
    flash(session, "staff-canned-saved");
    Ok(redirect(Page::StaffCanned.path(locale)))
}
