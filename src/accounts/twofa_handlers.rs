//! Thin handlers of two-step sign-in: the code asked after a correct password, the page where
//! a person sets it up (QR code, the key for typing by hand, one confirming code, recovery codes
//! shown once) or turns it off, the QR image, and a staff admin's reset of another staff member's
//! second factor. The rules are in [`super::twofa`].
//!
//! After a correct password for an account with two-step sign-in, the session is not signed in:
//! it holds only [`PENDING_2FA`] (who, until when, where to go next) under a new id, and the code
//! page signs in, under yet another id, once the code checks out.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::model::{self, Role, User};
use super::sessions::{MFA, PENDING_2FA};
use super::twofa::{self, Checked, SecretBox, Status};
use crate::AppState;
use crate::accounts::auth::{StaffAdmin, Viewer, sign_in};
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::page::{Layout, Tr};
use crate::web::request::{client_ip, flash, safe_next};

/// A correct password waiting for its second step.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pending {
    uid: String,
    /// Unix time after which the password must be given again.
    until: i64,
    next: String,
}

fn secret_box(state: &AppState) -> Result<SecretBox, AppError> {
    SecretBox::new(&state.settings.secret_key)
}

fn area_of(user: &User, locale: Locale) -> &'static str {
    if user.role().is_staff() {
        Page::Staff.path(locale)
    } else {
        Page::Account.path(locale)
    }
}

/// Whether `user` may not go without a second step (and so may not turn it off).
fn must_have(state: &AppState, user: &User) -> bool {
    user.role().is_staff()
        && state
            .settings
            .staff_2fa
            .applies_to_staff(user.role() == Role::Admin)
}

/// Called by the login after a correct password: when `user` has two-step sign-in, holds the
/// password's success in a fresh anonymous session and answers with the way to the code page.
/// `None`: sign in as usual.
pub async fn after_password(
    cx: &Ctx,
    user: &User,
    next: &str,
) -> Result<Option<HttpResponse>, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let uid = user.id.clone();
    if !db::run(&state.pool, move |c| twofa::is_enabled(c, &uid)).await? {
        return Ok(None);
    }
    let until = (state.clock.now_utc_naive() + twofa::PENDING)
        .assume_utc()
        .unix_timestamp();
    session.renew();
    session.clear();
    session
        .insert(
            PENDING_2FA,
            Pending {
                uid: user.id.clone(),
                until,
                next: safe_next(next).unwrap_or_default().to_owned(),
            },
        )
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Some(redirect(Page::LoginCode.path(locale))))
}

fn pending(state: &AppState, session: &Session) -> Option<Pending> {
    let p = session.get::<Pending>(PENDING_2FA).ok().flatten()?;
    let now = state.clock.now_utc_naive().assume_utc().unix_timestamp();
    (now < p.until).then_some(p)
}

#[derive(Template)]
#[template(path = "accounts/login_code.html")]
pub struct LoginCodeTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub login: &'static str,
}

#[derive(serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    action: String,
}

fn code_page(cx: &Ctx, f: FormErrors) -> Result<LoginCodeTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout(Page::LoginCode, "login-code-title", None)?;
    Ok(LoginCodeTpl {
        l,
        f,
        csrf: csrf::token(session)?,
        action: Page::LoginCode.path(locale),
        login: Page::Login.path(locale),
    })
}

fn back_to_login(session: &Session, locale: Locale) -> HttpResponse {
    let _ = session.remove(PENDING_2FA);
    flash(session, "login-code-expired");
    redirect(Page::Login.path(locale))
}

pub async fn code_form(cx: Ctx) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    if pending(state, session).is_none() {
        return Ok(back_to_login(session, locale));
    }
    private(StatusCode::OK, &code_page(&cx, FormErrors::none())?)
}

fn code_error(checked: &Checked) -> &'static str {
    match checked {
        Checked::Replayed => "twofa-error-used",
        _ => "twofa-error-wrong",
    }
}

pub async fn code_submit(
    req: HttpRequest,
    cx: Ctx,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let Some(p) = pending(state, session) else {
        return Ok(back_to_login(session, locale));
    };
    let sb = secret_box(state)?;
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let (uid, typed) = (p.uid.clone(), form.code.clone());
    let (checked, user) = db::run(&state.pool, move |c| {
        let checked = twofa::verify(c, &sb, &uid, &typed, now, &ip)?;
        Ok((checked, model::user_by_id(c, &uid)?))
    })
    .await?;
    match checked {
        Checked::Ok { recovery } => {
            let Some(user) = user.filter(|u| u.disabled_at.is_none() && u.password_hash.is_some())
            else {
                return Ok(back_to_login(session, locale));
            };
            let user = User {
                password_hash: None,
                ..user
            };
            sign_in(session, &user)?;
            session
                .insert(MFA, true)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            if recovery {
                flash(session, "twofa-recovery-used");
            }
            tracing::info!(user = %user.id, "login (second step)");
            Ok(redirect(
                safe_next(&p.next).unwrap_or(area_of(&user, locale)),
            ))
        }
        Checked::Throttled => Err(AppError::TooManyRequests),
        other => {
            let tr = Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::one(&tr, "code", code_error(&other));
            private(StatusCode::BAD_REQUEST, &code_page(&cx, f)?)
        }
    }
}

// ---- setting it up, and turning it off ----

#[derive(Template)]
#[template(path = "accounts/two_factor.html")]
pub struct TwoFactorTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    /// Staff who must set it up before any staff page.
    pub required: bool,
    pub state: Shown,
}

/// What the page shows.
pub enum Shown {
    Off,
    Pending {
        qr: &'static str,
        key: String,
    },
    On {
        recovery_left: String,
        may_turn_off: bool,
    },
    /// Just switched on: the recovery codes, this once.
    Codes {
        codes: Vec<String>,
        next: &'static str,
    },
}

async fn two_factor_page(cx: &Ctx, user: &User, f: FormErrors) -> Result<TwoFactorTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let sb = secret_box(state)?;
    let uid = user.id.clone();
    let status = db::run(&state.pool, move |c| twofa::status(c, &sb, &uid)).await?;
    let l = cx.layout(Page::TwoFactor, "twofa-title", Some(user))?;
    let shown = match status {
        Status::Off => Shown::Off,
        Status::Pending(secret) => Shown::Pending {
            qr: Page::TwoFactorQr.path(locale),
            key: twofa::secret_for_people(&secret)?,
        },
        Status::On { recovery_left } => Shown::On {
            recovery_left: l.tr.ta(
                "twofa-recovery-left",
                &crate::i18n::args([("count", recovery_left.into())]),
            ),
            may_turn_off: !must_have(state, user),
        },
    };
    Ok(TwoFactorTpl {
        csrf: csrf::token(session)?,
        action: Page::TwoFactor.path(locale),
        required: must_have(state, user),
        state: shown,
        f,
        l,
    })
}

fn signed_in(req: &HttpRequest, viewer: Viewer) -> Result<User, AppError> {
    viewer
        .0
        .ok_or_else(|| AppError::LoginRequired(req.path().to_owned()))
}

pub async fn two_factor(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let user = signed_in(&req, viewer)?;
    let tpl = two_factor_page(&cx, &user, FormErrors::none()).await?;
    if let Shown::On { .. } = tpl.state
        && must_have(state, &user)
        && !session.get::<bool>(MFA).ok().flatten().unwrap_or(false)
    {
        // Turned on in another session, but this one never passed the second step: sign in
        // again, with it.
        session.purge();
        return Ok(redirect(Page::Login.path(locale)));
    }
    private(StatusCode::OK, &tpl)
}

pub async fn two_factor_submit(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let user = signed_in(&req, viewer)?;
    csrf::verify(session, &form.csrf)?;
    let sb = secret_box(state)?;
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let tr = Tr::new(state.i18n.clone(), locale);
    let (u, typed) = (user.clone(), form.code.clone());
    match form.action.as_str() {
        "start" => {
            db::run(&state.pool, move |c| twofa::start(c, &sb, &u.id, now)).await?;
            Ok(redirect(Page::TwoFactor.path(locale)))
        }
        "confirm" => {
            match db::run(&state.pool, move |c| {
                twofa::confirm(c, &sb, &u, &typed, now, &ip)
            })
            .await?
            {
                Ok(codes) => {
                    // A new id for the session that now passed the second step.
                    session.renew();
                    session
                        .insert(MFA, true)
                        .map_err(|e| AppError::Internal(e.to_string()))?;
                    let mut tpl = two_factor_page(&cx, &user, FormErrors::none()).await?;
                    tpl.state = Shown::Codes {
                        codes,
                        next: area_of(&user, locale),
                    };
                    tpl.l.flash = Some(tpl.l.tr.t("twofa-on-done"));
                    private(StatusCode::OK, &tpl)
                }
                Err(Checked::Throttled) => Err(AppError::TooManyRequests),
                Err(other) => {
                    let f = FormErrors::one(&tr, "code", code_error(&other));
                    let tpl = two_factor_page(&cx, &user, f).await?;
                    private(StatusCode::BAD_REQUEST, &tpl)
                }
            }
        }
        "off" => {
            if must_have(state, &user) {
                return Err(AppError::Forbidden);
            }
            match db::run(&state.pool, move |c| {
                twofa::turn_off(c, &sb, &u, &typed, now, &ip)
            })
            .await?
            {
                Checked::Ok { .. } => {
                    let _ = session.remove(MFA);
                    flash(session, "twofa-off-done");
                    Ok(redirect(Page::TwoFactor.path(locale)))
                }
                Checked::Throttled => Err(AppError::TooManyRequests),
                other => {
                    let f = FormErrors::one(&tr, "code", code_error(&other));
                    let tpl = two_factor_page(&cx, &user, f).await?;
                    private(StatusCode::BAD_REQUEST, &tpl)
                }
            }
        }
        _ => Err(AppError::BadRequest),
    }
}

/// The QR code of a pending enrolment, as SVG from our own origin (CSP `img-src 'self'`).
pub async fn qr(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let user = signed_in(&req, viewer)?;
    let sb = secret_box(&state)?;
    let uid = user.id.clone();
    let Status::Pending(secret) =
        db::run(&state.pool, move |c| twofa::status(c, &sb, &uid)).await?
    else {
        return Err(AppError::NotFound);
    };
    let issuer = &state.settings.program_name;
    let svg = twofa::qr_svg(&twofa::otpauth_url(&secret, issuer, &user.email)?)?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml"),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .body(svg))
}

#[derive(serde::Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf: String,
}

/// A staff admin resets another staff member's second factor (audited; their sessions end).
pub async fn staff_reset(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let admin = admin.0;
    let t = id.into_inner();
    let target = db::run(&state.pool, move |c| model::user_by_id(c, &t)).await?;
    let target = match target {
        Some(t) if t.role().is_staff() => t,
        _ => return Err(AppError::NotFound),
    };
    // One's own second factor is changed on one's own page, with a code.
    if target.id == admin.id {
        return Err(AppError::BadRequest);
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    db::run(&state.pool, move |c| {
        twofa::reset(c, now, &admin, &target, &ip)
    })
    .await?;
    flash(session, "staff-2fa-reset-done");
    Ok(redirect(Page::StaffAccounts.path(locale)))
}
