//! Thin handlers for registration, log in and out, confirmation, password reset, invitations and
//! the member's own pages.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{self};
use actix_web::{HttpRequest, HttpResponse, web};

use super::model::{self, Purpose, Role, User};
use super::service::{self, Context, Invited, LoginForm, LoginOutcome, RegisterForm, Registered};
use super::views::*;
use crate::AppState;
use crate::accounts::auth::{Member, Viewer, sign_in};
use crate::db;
use crate::eligibility::OrgType;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::{Choice, FormErrors};
use crate::web::page::{Ctx, Layout, private, redirect};
use crate::web::request::{client_ip, flash, safe_next};

fn area_of(user: &User, locale: Locale) -> &'static str {
    if user.role().is_staff() {
        Page::Staff.path(locale)
    } else {
        Page::Account.path(locale)
    }
}

fn org_types(l: &Layout, selected: &str) -> Vec<Choice> {
    OrgType::ALL
        .into_iter()
        .map(|t| Choice {
            value: t.key(),
            label: l.tr.t(&t.fluent_id()),
            selected: t.key() == selected,
        })
        .collect()
}

fn ctx<'a>(state: &'a AppState, ip: &'a str) -> Context<'a> {
    Context {
        now: state.clock.now_utc_naive(),
        ip,
        routing: &state.routing,
        register_ip_limit: state.settings.register_ip_limit,
    }
}

/// Argon2 takes tens of milliseconds of CPU: keep it off the async workers, and only as many at
/// once as the hashing permits allow.
async fn hash_password(state: &AppState, pw: String) -> Result<String, AppError> {
    let _permit = state.hashing.permit().await;
    let started = std::time::Instant::now();
    let hash = web::block(move || super::password::hash(&pw))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    state.hashing.observed(started.elapsed());
    Ok(hash)
}

// ---- registration ----

fn register_page(
    cx: &Ctx,
    form: RegisterForm,
    f: FormErrors,
    org_taken: bool,
) -> Result<RegisterTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let title = if f.is_empty() {
        "register-title"
    } else {
        "register-title-errors"
    };
    let l = cx.layout(Page::Register, title, None)?;
    let mut form = form;
    form.password.clear();
    form.password_confirm.clear();
    Ok(RegisterTpl {
        org_types: org_types(&l, &form.org_type),
        csrf: csrf::token(session)?,
        form,
        f,
        terms: Page::Terms.path(locale),
        login: Page::Login.path(locale),
        action: Page::Register.path(locale),
        org_taken: org_taken.then(|| OrgTaken {
            login: Page::Login.path(locale),
            forgot: Page::ForgotPassword.path(locale),
        }),
        l,
    })
}

pub async fn register_form(cx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let locale = cx.locale;
    if let Some(u) = viewer.0 {
        return Ok(redirect(area_of(&u, locale)));
    }
    private(
        StatusCode::OK,
        &register_page(&cx, RegisterForm::default(), FormErrors::none(), false)?,
    )
}

pub async fn register_submit(
    req: HttpRequest,
    cx: Ctx,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let form = form.into_inner();
    let reg = match form.check() {
        Ok(r) => r,
        Err(errors) => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::from_ids(&tr, &errors);
            return private(
                StatusCode::BAD_REQUEST,
                &register_page(&cx, form, f, false)?,
            );
        }
    };
    let ip = client_ip(&req);
    // The cheap refusals first: limits, a taken organisation number, a taken address. Only a
    // registration that can succeed pays for the hash.
    let (st, r, i) = (state.clone().into_inner(), reg.clone(), ip.clone());
    let early = db::run(&state.pool, move |c| {
        service::register_precheck(c, &ctx(&st, &i), &r)
    })
    .await?;
    let outcome = match early {
        Some(outcome) => {
            if matches!(outcome, Registered::EmailTaken) {
                // The same time as a registration that hashed, so the answer tells nothing.
                actix_web::rt::time::sleep(state.hashing.typical()).await;
            }
            outcome
        }
        None => {
            let hash = hash_password(state, reg.password.clone()).await?;
            let st = state.clone().into_inner();
            db::run(&state.pool, move |c| {
                service::register(c, &ctx(&st, &ip), &reg, locale, hash)
            })
            .await?
        }
    };
    match outcome {
        Registered::OrgTaken => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::one(&tr, "org_number", "register-error-org-taken");
            private(StatusCode::CONFLICT, &register_page(&cx, form, f, true)?)
        }
        Registered::TooMany => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::one(&tr, "email", "register-error-too-many");
            private(
                StatusCode::TOO_MANY_REQUESTS,
                &register_page(&cx, form, f, false)?,
            )
        }
        Registered::Created { .. } | Registered::EmailTaken => {
            if matches!(outcome, Registered::Created { .. }) {
                state.search.organisations_changed();
            }
            flash(session, "register-done");
            Ok(redirect(Page::Login.path(locale)))
        }
    }
}

pub async fn terms(cx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let l = cx.layout(Page::Terms, "terms-title", viewer.person())?;
    private(StatusCode::OK, &TermsTpl { l })
}

// ---- log in and out ----

#[derive(serde::Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
    /// `done` after a password reset (the session, and with it any flash, is gone by then).
    #[serde(default)]
    reset: String,
}

fn login_page(cx: &Ctx, form: LoginForm, f: FormErrors) -> Result<LoginTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout(Page::Login, "login-title", None)?;
    let mut form = form;
    form.password.clear();
    Ok(LoginTpl {
        l,
        f,
        csrf: csrf::token(session)?,
        form,
        action: Page::Login.path(locale),
        forgot: Page::ForgotPassword.path(locale),
        register: Page::Register.path(locale),
    })
}

pub async fn login_form(
    cx: Ctx,
    viewer: Viewer,
    q: web::Query<NextQuery>,
) -> Result<HttpResponse, AppError> {
    let locale = cx.locale;
    if let Some(u) = viewer.0 {
        return Ok(redirect(safe_next(&q.next).unwrap_or(area_of(&u, locale))));
    }
    let form = LoginForm {
        next: safe_next(&q.next).unwrap_or_default().to_owned(),
        ..Default::default()
    };
    let mut tpl = login_page(&cx, form, FormErrors::none())?;
    if q.reset == "done" {
        tpl.l.flash = Some(tpl.l.tr.t("reset-done"));
    }
    private(StatusCode::OK, &tpl)
}

pub async fn login_submit(
    req: HttpRequest,
    cx: Ctx,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let form = form.into_inner();
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let f2 = form.clone();
    // The check runs Argon2: under the hashing permits, like every hash.
    let permit = state.hashing.permit().await;
    let outcome = db::run(&state.pool, move |c| service::login(c, now, &f2, &ip)).await?;
    drop(permit);
    match outcome {
        LoginOutcome::Ok(user) => {
            // With two-step sign-in on, the password alone signs nobody in.
            if let Some(res) = super::twofa_handlers::after_password(&cx, &user, &form.next).await?
            {
                return Ok(res);
            }
            sign_in(session, &user)?;
            Ok(redirect(
                safe_next(&form.next).unwrap_or(area_of(&user, locale)),
            ))
        }
        LoginOutcome::Wrong => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::one(&tr, "email", "login-error-wrong");
            private(StatusCode::BAD_REQUEST, &login_page(&cx, form, f)?)
        }
        LoginOutcome::Throttled => Err(AppError::TooManyRequests),
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(
    locale: Locale,
    session: Session,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&session, &form.csrf)?;
    // Deletes the server-side session; the old cookie is worthless afterwards.
    session.purge();
    Ok(redirect(Page::Home.path(locale)))
}

// ---- forgotten password ----

pub async fn forgot_form(cx: Ctx) -> Result<HttpResponse, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout(Page::ForgotPassword, "forgot-title", None)?;
    let csrf = csrf::token(session)?;
    private(
        StatusCode::OK,
        &ForgotTpl {
            l,
            f: FormErrors::none(),
            email: String::new(),
            csrf,
            action: Page::ForgotPassword.path(locale),
        },
    )
}

/// How long a reset request takes to answer, whatever the address: above either path's cost.
const FORGOT_ANSWER_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

pub async fn forgot_submit(
    req: HttpRequest,
    cx: Ctx,
    form: web::Form<service::ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let mut errors = vec![];
    let email = crate::web::form::email(&mut errors, "email", &form.email);
    if !errors.is_empty() {
        let l = cx.layout(Page::ForgotPassword, "forgot-title", None)?;
        let f = FormErrors::from_ids(&l.tr, &errors);
        let csrf = csrf::token(session)?;
        let email = form.email.chars().take(254).collect();
        return private(
            StatusCode::BAD_REQUEST,
            &ForgotTpl {
                l,
                f,
                email,
                csrf,
                action: Page::ForgotPassword.path(locale),
            },
        );
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let started = std::time::Instant::now();
    let allowed = db::run(&state.pool, move |c| service::forgot(c, now, &email, &ip)).await?;
    // A known address costs a token and a queued mail, an unknown one a lookup: both answers
    // wait until the same moment, so the time tells nothing (on SQLite and PostgreSQL alike).
    if let Some(rest) = FORGOT_ANSWER_AFTER.checked_sub(started.elapsed()) {
        actix_web::rt::time::sleep(rest).await;
    }
    if !allowed {
        return Err(AppError::TooManyRequests);
    }
    // The same answer whether or not the address has an account.
    flash(session, "forgot-sent");
    Ok(redirect(Page::ForgotPassword.path(locale)))
}

// ---- links from e-mails: reset, confirmation, invitation ----

/// Tokens are hex; anything else cannot be one, so it is not even looked up.
fn plausible_token(t: &str) -> bool {
    t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

fn token_paths(page: Page, token: &str) -> [String; 2] {
    [page.link(Locale::Sv, token), page.link(Locale::En, token)]
}

async fn token_user(
    state: &AppState,
    token: &str,
    purpose: Purpose,
) -> Result<Option<User>, AppError> {
    if !plausible_token(token) {
        return Ok(None);
    }
    let hash = super::hash_token(token);
    let now = state.clock.now_utc_naive();
    db::run(&state.pool, move |c| {
        model::token_user(c, &hash, purpose, now)
    })
    .await
}

/// A wrong, used or expired link: 404, and no hint which of these it was.
fn link_invalid(cx: &Ctx, page: Page, token: &str) -> Result<HttpResponse, AppError> {
    let locale = cx.locale;
    let l = cx.layout_at(page, "link-invalid-title", None, token_paths(page, token))?;
    private(
        StatusCode::NOT_FOUND,
        &LinkInvalidTpl {
            l,
            forgot: Page::ForgotPassword.path(locale),
        },
    )
}

fn set_password_page(
    cx: &Ctx,
    page: Page,
    token: &str,
    user: &User,
    f: FormErrors,
    name: Option<String>,
) -> Result<SetPasswordTpl, AppError> {
    let (title, heading, intro) = match page {
        Page::Invitation => ("invitation-title", "invitation-heading", "invitation-intro"),
        _ => ("reset-title", "reset-heading", "reset-intro"),
    };
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout_at(page, title, None, token_paths(page, token))?;
    Ok(SetPasswordTpl {
        heading: l.tr.t(heading),
        intro: l.tr.t(intro),
        csrf: csrf::token(session)?,
        action: page.link(locale, token),
        name,
        email: user.email.clone(),
        f,
        l,
    })
}

pub async fn reset_form(cx: Ctx, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    match token_user(state, &token, Purpose::Reset).await? {
        None => link_invalid(&cx, Page::Reset, &token),
        Some(u) => private(
            StatusCode::OK,
            &set_password_page(&cx, Page::Reset, &token, &u, FormErrors::none(), None)?,
        ),
    }
}

pub async fn invitation_form(cx: Ctx, token: web::Path<String>) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    match token_user(state, &token, Purpose::Invite).await? {
        None => link_invalid(&cx, Page::Invitation, &token),
        Some(u) => {
            let name = Some(u.name.clone());
            private(
                StatusCode::OK,
                &set_password_page(&cx, Page::Invitation, &token, &u, FormErrors::none(), name)?,
            )
        }
    }
}

async fn set_password_submit(
    req: HttpRequest,
    cx: Ctx,
    token: String,
    form: service::NewPasswordForm,
    page: Page,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let purpose = if page == Page::Invitation {
        Purpose::Invite
    } else {
        Purpose::Reset
    };
    let Some(user) = token_user(state, &token, purpose).await? else {
        return link_invalid(&cx, page, &token);
    };
    let mut errors = match service::check_new_password(&form, &user) {
        Ok(()) => vec![],
        Err(e) => e,
    };
    let name = form.name.trim().to_owned();
    if page == Page::Invitation
        && (name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control))
    {
        errors.insert(
            0,
            crate::web::form::FieldError {
                field: "name",
                id: "form-error-required",
            },
        );
    }
    if !errors.is_empty() {
        let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
        let f = FormErrors::from_ids(&tr, &errors);
        let keep = (page == Page::Invitation).then(|| name.chars().take(200).collect());
        return private(
            StatusCode::BAD_REQUEST,
            &set_password_page(&cx, page, &token, &user, f, keep)?,
        );
    }
    let hash = hash_password(state, form.password.clone()).await?;
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let t = token.clone();
    let n = (page == Page::Invitation).then_some(name);
    let done = db::run(&state.pool, move |c| {
        service::set_password_with_token(c, now, &t, purpose, &hash, n.as_deref(), &ip)
    })
    .await?;
    match done {
        None => link_invalid(&cx, page, &token),
        Some(u) if page == Page::Invitation => {
            // An invited colleague may have given their name: the help desk's lists show it.
            state.caches.staff.clear();
            sign_in(session, &u)?;
            flash(session, "invitation-done");
            Ok(redirect(area_of(&u, locale)))
        }
        Some(_) => {
            // Every session ended, this browser's too: log in again with the new password.
            session.purge();
            Ok(redirect(&format!(
                "{}?{}",
                Page::Login.path(locale),
                "reset=done"
            )))
        }
    }
}

pub async fn reset_submit(
    req: HttpRequest,
    cx: Ctx,
    token: web::Path<String>,
    form: web::Form<service::NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    set_password_submit(req, cx, token.into_inner(), form.into_inner(), Page::Reset).await
}

pub async fn invitation_submit(
    req: HttpRequest,
    cx: Ctx,
    token: web::Path<String>,
    form: web::Form<service::NewPasswordForm>,
) -> Result<HttpResponse, AppError> {
    set_password_submit(
        req,
        cx,
        token.into_inner(),
        form.into_inner(),
        Page::Invitation,
    )
    .await
}

pub async fn confirm_form(
    cx: Ctx,
    viewer: Viewer,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    match token_user(state, &token, Purpose::Verify).await? {
        None => link_invalid(&cx, Page::Verify, &token),
        Some(u) => {
            let l = cx.layout_at(
                Page::Verify,
                "confirm-title",
                viewer.person(),
                token_paths(Page::Verify, &token),
            )?;
            let tpl = ConfirmTpl {
                l,
                csrf: csrf::token(session)?,
                action: Page::Verify.link(locale, &token),
                email: u.email,
            };
            private(StatusCode::OK, &tpl)
        }
    }
}

pub async fn confirm_submit(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
    token: web::Path<String>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    if !plausible_token(&token) {
        return link_invalid(&cx, Page::Verify, &token);
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let t = token.clone();
    match db::run(&state.pool, move |c| {
        service::confirm_email(c, now, &t, &ip)
    })
    .await?
    {
        None => link_invalid(&cx, Page::Verify, &token),
        Some(_) => {
            flash(session, "confirm-done");
            let to = if viewer.0.is_some() {
                Page::Account.path(locale)
            } else {
                Page::Login.path(locale)
            };
            Ok(redirect(to))
        }
    }
}

// ---- the member's own pages ----

pub async fn account_root(locale: Locale) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, Page::Account.path(locale)))
        .finish()
}

pub async fn resend_confirmation(
    cx: Ctx,
    member: Member,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let user = member.0;
    if user.is_verified() {
        return Ok(redirect(Page::Account.path(locale)));
    }
    let now = state.clock.now_utc_naive();
    let sent = db::run(&state.pool, move |c| {
        if !crate::throttle::hit(
            c,
            &format!("resend:{}", user.id),
            now,
            time::Duration::hours(1),
            3,
        )? {
            return Ok(false);
        }
        db::write(c, |c| {
            service::send_confirmation(c, now, &user.id, &user.email, &user.name, user.locale())
        })?;
        Ok(true)
    })
    .await?;
    if !sent {
        return Err(AppError::TooManyRequests);
    }
    flash(session, "dashboard-resent");
    Ok(redirect(Page::Account.path(locale)))
}

#[derive(serde::Deserialize, Default, Clone)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

fn settings_page(
    cx: &Ctx,
    user: &User,
    f: FormErrors,
    name: String,
    phone: String,
    lang: String,
) -> Result<SettingsTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let l = cx.layout(Page::AccountSettings, "settings-title", Some(user))?;
    Ok(SettingsTpl {
        l,
        f,
        csrf: csrf::token(session)?,
        action: Page::AccountSettings.path(locale),
        name,
        phone,
        locale: lang,
        email: user.email.clone(),
        is_member: user.role() == Role::Member,
        two_factor: Page::TwoFactor.path(locale),
    })
}

pub async fn settings_form(
    cx: Ctx,
    viewer: Viewer,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let Some(user) = viewer.0 else {
        return Err(AppError::LoginRequired(req.path().to_owned()));
    };
    let tpl = settings_page(
        &cx,
        &user,
        FormErrors::none(),
        user.name.clone(),
        user.phone.clone().unwrap_or_default(),
        user.locale.clone(),
    )?;
    private(StatusCode::OK, &tpl)
}

pub async fn settings_submit(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let Some(user) = viewer.0 else {
        return Err(AppError::LoginRequired(req.path().to_owned()));
    };
    csrf::verify(session, &form.csrf)?;
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    if form.form == "password" {
        let pf = service::ChangePasswordForm {
            csrf: String::new(),
            current: form.current.clone(),
            password: form.password.clone(),
            password_confirm: form.password_confirm.clone(),
        };
        // The signed-in user carries no password hash: the current password is checked
        // against the stored one, read now.
        let (uid, oid) = (user.id.clone(), user.organisation_id.clone());
        let (stored, org_name) = db::run(&state.pool, move |c| {
            let stored = model::user_by_id(c, &uid)?.and_then(|u| u.password_hash);
            let org = match oid {
                Some(id) => model::organisation(c, &id)?.map(|o| o.name),
                None => None,
            };
            Ok((stored, org))
        })
        .await?;
        let u = crate::accounts::model::User {
            password_hash: stored,
            ..user.clone()
        };
        // Verifying the current password costs an Argon2 run: off the async workers.
        let checked =
            web::block(move || service::check_change_password(&pf, &u, org_name.as_deref()))
                .await
                .map_err(|e| AppError::Internal(e.to_string()))?;
        if let Err(errors) = checked {
            let f = FormErrors::from_ids(&tr, &errors);
            let tpl = settings_page(
                &cx,
                &user,
                f,
                user.name.clone(),
                user.phone.clone().unwrap_or_default(),
                user.locale.clone(),
            )?;
            return private(StatusCode::BAD_REQUEST, &tpl);
        }
        let hash = hash_password(state, form.password.clone()).await?;
        let u = user.clone();
        db::run(&state.pool, move |c| {
            service::change_password(c, now, &u, &hash, &ip)
        })
        .await?;
        // Every other session is gone; this one continues under a new id.
        sign_in(session, &user)?;
        flash(session, "settings-password-done");
        return Ok(redirect(Page::AccountSettings.path(locale)));
    }
    let cf = service::ContactForm {
        csrf: String::new(),
        name: form.name.clone(),
        phone: form.phone.clone(),
        locale: form.locale.clone(),
    };
    match cf.check() {
        Err(errors) => {
            let f = FormErrors::from_ids(&tr, &errors);
            let keep = |s: &str| s.chars().take(200).collect::<String>();
            let tpl = settings_page(
                &cx,
                &user,
                f,
                keep(&form.name),
                keep(&form.phone),
                keep(&form.locale),
            )?;
            private(StatusCode::BAD_REQUEST, &tpl)
        }
        Ok(contact) => {
            let u = user.clone();
            db::run(&state.pool, move |c| {
                service::update_contact(c, now, &u, &contact, &ip)
            })
            .await?;
            // A staff member's new name shows in the help desk's lists at once.
            state.caches.staff.clear();
            flash(session, "settings-contact-done");
            Ok(redirect(Page::AccountSettings.path(locale)))
        }
    }
}

// ---- colleagues ----

async fn colleagues_page(
    cx: &Ctx,
    user: &User,
    f: FormErrors,
    name: String,
    email: String,
) -> Result<ColleaguesTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let org_id = user.organisation_id.clone().unwrap_or_default();
    let members = db::run(&state.pool, move |c| model::members_of(c, &org_id)).await?;
    let l = cx.layout(Page::Colleagues, "colleagues-title", Some(user))?;
    let rows = members
        .into_iter()
        .filter(|m| m.disabled_at.is_none())
        .map(|m| ColleagueRow {
            status: l.tr.t(m.member_status()),
            remove: (user.is_org_admin && m.id != user.id)
                .then(|| Page::ColleagueRemove.link(locale, &m.id)),
            make_admin: (user.is_org_admin && service::can_be_made_admin(&m))
                .then(|| Page::ColleagueAdmin.link(locale, &m.id)),
            name: m.name,
            email: m.email,
        })
        .collect();
    Ok(ColleaguesTpl {
        l,
        f,
        csrf: csrf::token(session)?,
        rows,
        can_invite: user.is_org_admin,
        action: Page::Colleagues.path(locale),
        name,
        email,
    })
}

pub async fn colleagues(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let tpl = colleagues_page(
        &cx,
        &member.0,
        FormErrors::none(),
        String::new(),
        String::new(),
    )
    .await?;
    private(StatusCode::OK, &tpl)
}

pub async fn invite_colleague(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    form: web::Form<service::InviteForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let user = member.0;
    if !user.is_org_admin {
        return Err(AppError::Forbidden);
    }
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    let keep = |s: &str| s.chars().take(254).collect::<String>();
    let refuse = |status: StatusCode, errors: FormErrors| {
        let (cx, user, name, email) = (&cx, user.clone(), keep(&form.name), keep(&form.email));
        async move {
            let tpl = colleagues_page(cx, &user, errors, name, email).await?;
            private(status, &tpl)
        }
    };
    // Invitations go out in the organisation's name: only from a confirmed address.
    if !user.is_verified() {
        let f = FormErrors::one(&tr, "email", "colleagues-error-unconfirmed");
        return refuse(StatusCode::FORBIDDEN, f).await;
    }
    let inv = match form.check(false) {
        Ok(i) => i,
        Err(errors) => {
            return refuse(StatusCode::BAD_REQUEST, FormErrors::from_ids(&tr, &errors)).await;
        }
    };
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let u = user.clone();
    match db::run(&state.pool, move |c| {
        service::invite(c, now, &u, &inv, locale, &ip)
    })
    .await?
    {
        // The same answer whether or not the address has an account.
        Invited::Sent(_) | Invited::AlreadyRegistered => {
            flash(session, "colleagues-invited");
            Ok(redirect(Page::Colleagues.path(locale)))
        }
        Invited::TooMany => {
            let f = FormErrors::one(&tr, "email", "colleagues-error-too-many");
            refuse(StatusCode::TOO_MANY_REQUESTS, f).await
        }
        Invited::EmailTaken => Err(AppError::Conflict),
    }
}

/// The active colleague `id` that the organisation admin `user` acts on: 403 for a member who is
/// not the admin, and the same 404 for another organisation's member as for nobody.
async fn colleague_of(cx: &Ctx, user: &User, id: String) -> Result<User, AppError> {
    if !user.is_org_admin {
        return Err(AppError::Forbidden);
    }
    let target = db::run(&cx.state.pool, move |c| model::user_by_id(c, &id)).await?;
    match target {
        Some(t) if t.organisation_id == user.organisation_id && t.disabled_at.is_none() => Ok(t),
        _ => Err(AppError::NotFound),
    }
}

pub async fn remove_colleague(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    id: web::Path<String>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let user = member.0;
    let target = colleague_of(&cx, &user, id.into_inner()).await?;
    if target.id == user.id {
        return Err(AppError::BadRequest);
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    db::run(&state.pool, move |c| {
        service::set_disabled(c, now, &user, &target, true, &ip)
    })
    .await?;
    flash(session, "colleagues-removed");
    Ok(redirect(Page::Colleagues.path(locale)))
}

/// An admin makes a confirmed colleague an admin too, so the role can be handed over before the
/// admin leaves (the last admin cannot delete their account).
pub async fn make_colleague_admin(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    id: web::Path<String>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let user = member.0;
    let target = colleague_of(&cx, &user, id.into_inner()).await?;
    if !service::can_be_made_admin(&target) {
        return Err(AppError::BadRequest);
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    db::run(&state.pool, move |c| {
        service::make_org_admin(c, now, &user, &target, &ip)
    })
    .await?;
    flash(session, "colleagues-made-admin");
    Ok(redirect(Page::Colleagues.path(locale)))
}
