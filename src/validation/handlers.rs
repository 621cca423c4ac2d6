//! Thin handlers of the member's certificate page and file downloads.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::model;
use super::service::{self, Submission, Submitted};
use super::views::{MemberTpl, RequestView};
use crate::AppState;
use crate::accounts::auth::Member;
use crate::accounts::model::User;
use crate::db;
use crate::error::AppError;
use crate::files::{self, Kind};
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::request::{client_ip, flash};
use crate::web::upload::{self, Limits};

pub fn limits(state: &AppState) -> Limits {
    Limits {
        file: state.settings.max_upload_bytes,
        text: 8 * 1024,
        parts: 4,
        files: 1,
    }
}

async fn page(cx: &Ctx, user: &User, f: FormErrors, note: String) -> Result<MemberTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let org_id = user.organisation_id.clone().unwrap_or_default();
    let requests = db::run(&state.pool, move |c| model::of_organisation(c, &org_id)).await?;
    let l = cx.layout(Page::Certificate, "certificate-title", Some(user))?;
    let today = state.clock.now_utc_naive().date();
    let mut views: Vec<RequestView> = requests
        .iter()
        .map(|r| RequestView::new(&l.tr, r, today, Page::MemberFile))
        .collect();
    // The request in progress is the one to show; otherwise the newest.
    let pending = views.iter().position(|v| v.state == "pending");
    let current = match pending {
        Some(i) => Some(views.remove(i)),
        None if !views.is_empty() => Some(views.remove(0)),
        None => None,
    };
    let blocked = if !user.is_verified() {
        Some(l.tr.t("certificate-blocked-unconfirmed"))
    } else if pending.is_some() {
        Some(l.tr.t("certificate-blocked-pending"))
    } else {
        None
    };
    Ok(MemberTpl {
        csrf: csrf::token(session)?,
        action: Page::Certificate.path(locale),
        current,
        history: views,
        blocked,
        note,
        max_mb: state.settings.max_upload_bytes / (1024 * 1024),
        f,
        l,
    })
}

pub async fn show(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let tpl = page(&cx, &member.0, FormErrors::none(), String::new()).await?;
    private(StatusCode::OK, &tpl)
}

pub async fn upload(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let user = member.0;
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    let parts = match upload::read(&req, payload, limits(state), &["csrf", "note"], &["file"]).await
    {
        Ok(p) => p,
        Err(e) => {
            // Nothing was stored; say why beside the file field.
            let f = FormErrors::one(&tr, "file", e.fluent_id());
            let tpl = page(&cx, &user, f, String::new()).await?;
            return private(e.status(), &tpl);
        }
    };
    csrf::verify(session, parts.text("csrf"))?;
    if !user.is_verified() {
        return Err(AppError::Forbidden);
    }
    let note = parts.text("note").trim().to_owned();
    let mut errors = vec![];
    if note.chars().count() > service::MAX_NOTE {
        errors.push(crate::web::form::FieldError {
            field: "note",
            id: "certificate-error-note",
        });
    } else if note.contains('\0') {
        errors.push(crate::web::form::FieldError {
            field: "note",
            id: "form-error-control",
        });
    }
    let file = parts.files.into_iter().next();
    let kind = match &file {
        None => {
            errors.insert(
                0,
                crate::web::form::FieldError {
                    field: "file",
                    id: "upload-error-missing",
                },
            );
            None
        }
        Some(f) => match files::detect(&f.data, &[Kind::Pdf, Kind::Png, Kind::Jpeg]) {
            Ok(k) => Some(k),
            Err(p) => {
                errors.insert(
                    0,
                    crate::web::form::FieldError {
                        field: "file",
                        id: p.fluent_id(),
                    },
                );
                None
            }
        },
    };
    let (Some(file), Some(kind), true) = (file, kind, errors.is_empty()) else {
        let f = FormErrors::from_ids(&tr, &errors);
        let keep: String = note.chars().take(service::MAX_NOTE).collect();
        let tpl = page(&cx, &user, f, keep).await?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    };
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let routing = state.routing.clone();
    let u = user.clone();
    let outcome = db::run(&state.pool, move |c| {
        let sub = Submission {
            user: &u,
            file_name: &file.name,
            kind,
            data: &file.data,
            note: &note,
        };
        service::submit(c, now, &routing, &sub, &ip)
    })
    .await?;
    match outcome {
        Submitted::Created(_) => {
            flash(session, "certificate-sent");
            Ok(redirect(Page::Certificate.path(locale)))
        }
        Submitted::AlreadyPending => Err(AppError::Conflict),
    }
}

#[derive(serde::Deserialize)]
pub struct InlineQuery {
    #[serde(default)]
    pub inline: Option<String>,
}

/// A member's own organisation's file; another organisation's id is the same 404 as none.
pub async fn member_file(
    state: web::Data<AppState>,
    member: Member,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let org = member.0.organisation_id.clone();
    let id = id.into_inner();
    let file = db::run(&state.pool, move |c| files::load(c, &id)).await?;
    match file {
        Some((info, data)) if info.organisation_id.is_some() && info.organisation_id == org => {
            Ok(files::respond(&info, data, false, "donera"))
        }
        _ => Err(AppError::NotFound),
    }
}
