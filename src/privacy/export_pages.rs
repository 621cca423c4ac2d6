//! The export's handlers: the member's "your data" page and ZIP, and the staff's export by
//! e-mail address. Thin: who may ask, what scope, then [`super::export`] writes the ZIP.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::json;
use tokio::sync::mpsc;

use super::export::{self, Person, Scope};
use super::views::{StaffPrivacyTpl, YourDataTpl};
use crate::AppState;
use crate::accounts::auth::{Member, StaffAdmin};
use crate::accounts::model;
use crate::audit::{self, Actor};
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::{self, FormErrors};
use crate::web::page::{Ctx, private};
use crate::web::request::client_ip;

/// Pieces of the ZIP waiting for the client (64 KiB each): the export thread stops when full.
const QUEUED_PIECES: usize = 4;

pub async fn your_data(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let locale = cx.locale;
    let user = member.0;
    let org_id = user.organisation_id.clone().unwrap_or_default();
    let org = db::run(&cx.state.pool, move |c| model::organisation(c, &org_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let tpl = YourDataTpl {
        l: cx.layout(
            Page::YourData,
            "privacy-export-your-data-title",
            Some(&user),
        )?,
        org_name: org.name,
        is_admin: user.is_org_admin,
        export: Page::DataExport.path(locale),
        privacy: Page::Privacy.path(locale),
        delete_account: Page::AccountDelete.path(locale),
        delete_organisation: Page::OrganisationDelete.path(locale),
    };
    private(StatusCode::OK, &tpl)
}

/// The organisation's ZIP for its admin; a user's own for anyone else.
pub async fn download(req: HttpRequest, cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    let user = member.0;
    let org_id = user.organisation_id.clone().unwrap_or_default();
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let (scope, kind, record) = if user.is_org_admin {
        (
            Scope::Organisation {
                org_id: org_id.clone(),
            },
            "organisation",
            org_id.clone(),
        )
    } else {
        (
            Scope::Person(Person {
                user_id: Some(user.id.clone()),
                email: user.email.clone(),
                by_address: false,
            }),
            "user",
            user.id.clone(),
        )
    };
    let uid = user.id.clone();
    let org = db::run(&state.pool, move |c| {
        let org = model::organisation(c, &org_id)?.ok_or(AppError::NotFound)?;
        db::write(c, |c| {
            let actor = Actor {
                id: Some(&uid),
                kind: "member",
                ip: &ip,
            };
            audit::record(
                c,
                now,
                &actor,
                "privacy.exported",
                kind,
                &record,
                &json!({ "scope": kind }).to_string(),
            )
        })?;
        Ok(org)
    })
    .await?;
    zip_response(state, cx.locale, scope, &org.org_number)
}

#[derive(serde::Deserialize)]
pub struct AddressForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

fn staff_page(
    cx: &Ctx,
    admin: &model::User,
    email: String,
    f: FormErrors,
    nothing: bool,
) -> Result<StaffPrivacyTpl, AppError> {
    Ok(StaffPrivacyTpl {
        l: cx.layout(
            Page::StaffPrivacy,
            "privacy-export-staff-title",
            Some(admin),
        )?,
        csrf: cx.csrf()?,
        action: Page::StaffPrivacyExport.path(cx.locale),
        email,
        f,
        nothing,
        erase: Page::StaffPrivacyErase.path(cx.locale),
    })
}

pub async fn staff_form(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let tpl = staff_page(&cx, &admin.0, String::new(), FormErrors::none(), false)?;
    private(StatusCode::OK, &tpl)
}

/// Everything held about one address, for an access request that came by another channel.
pub async fn staff_export(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<AddressForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&cx.session, &form.csrf)?;
    let admin = admin.0;
    let mut errors = vec![];
    let email = form::email(&mut errors, "email", &form.email);
    if !errors.is_empty() {
        let kept: String = form.email.chars().take(254).collect();
        let f = FormErrors::from_ids(&cx.tr(), &errors);
        return private(
            StatusCode::BAD_REQUEST,
            &staff_page(&cx, &admin, kept, f, false)?,
        );
    }
    let state = &cx.state;
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let (staff_id, address) = (admin.id.clone(), email.clone());
    let person = db::run(&state.pool, move |c| {
        let person = Person {
            user_id: export::user_with_email(c, &address)?,
            email: address,
            by_address: true,
        };
        let counts = export::count(c, &person)?;
        if counts.is_empty() {
            return Ok(None);
        }
        db::write(c, |c| {
            audit::record(
                c,
                now,
                &Actor::staff(&staff_id, &ip),
                "privacy.exported",
                "address",
                person.user_id.as_deref().unwrap_or(&person.email),
                &json!({ "email": person.email, "counts": counts }).to_string(),
            )
        })?;
        Ok(Some(person))
    })
    .await?;
    let Some(person) = person else {
        return private(
            StatusCode::OK,
            &staff_page(&cx, &admin, email, FormErrors::none(), true)?,
        );
    };
    let label = email.split('@').next().unwrap_or("address").to_owned();
    zip_response(state, cx.locale, Scope::Person(person), &label)
}

/// The ZIP as a streamed download, written by a blocking thread (see [`export::write_into`]).
fn zip_response(
    state: &web::Data<AppState>,
    locale: Locale,
    scope: Scope,
    label: &str,
) -> Result<HttpResponse, AppError> {
    let (tx, rx) = mpsc::channel(QUEUED_PIECES);
    let (pool, i18n) = (state.pool.clone(), state.i18n.clone());
    let now = state.clock.now_utc_naive();
    // A thread of its own, not one of the database's blocking threads: a slow download keeps
    // its thread for as long as it takes, and must not starve every other page's queries.
    std::thread::Builder::new()
        .name("data-export".into())
        .spawn(move || export::write_into(pool, &i18n, locale, scope, now, tx))
        .map_err(|e| AppError::Unavailable(format!("export thread: {e}")))?;
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|piece| (piece, rx))
    });
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/zip"),
        ))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                export::file_name(label, now.date())
            ),
        ))
        .insert_header((
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        // Already deflated inside: the compression middleware must leave it alone.
        .insert_header((
            header::CONTENT_ENCODING,
            HeaderValue::from_static("identity"),
        ))
        .streaming(body))
}
