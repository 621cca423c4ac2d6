//! The erasure pages: a member deleting their account, an organisation's admin deleting the
//! organisation, and staff admins erasing a visitor's data by address. Thin: the rules are in
//! [`super::erase`].

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::erase::{self, AccountRefusal, OrgCounts, VisitorPreview};
use crate::accounts::auth::{StaffAdmin, Viewer};
use crate::accounts::model::{self, Role, User};
use crate::db;
use crate::error::AppError;
use crate::i18n::args;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::{Errors, FormErrors};
use crate::web::page::{Ctx, Layout, private, redirect};
use crate::web::request::{client_ip, flash};

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

/// `?done` on a deletion page: the signed-out landing page after the deletion.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Done {
    #[serde(default)]
    pub done: Option<String>,
}

#[derive(Template)]
#[template(path = "privacy/account_delete.html")]
pub struct AccountDeleteTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    /// Set for the organisation's last admin, who may not delete the account alone.
    pub refusal: Option<String>,
    pub colleagues_href: &'static str,
    pub organisation_href: &'static str,
}

#[derive(Template)]
#[template(path = "privacy/organisation_delete.html")]
pub struct OrganisationDeleteTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub name: String,
    pub number: String,
    /// What goes, one line each, with its count.
    pub goes: Vec<String>,
    pub stays: String,
    pub confirm: String,
}

#[derive(Template)]
#[template(path = "privacy/deleted.html")]
pub struct DeletedTpl {
    pub l: Layout,
    pub text: String,
    pub home_href: &'static str,
}

#[derive(Template)]
#[template(path = "privacy/staff_erase.html")]
pub struct StaffEraseTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub email: String,
    /// After a preview: the tickets that will be erased and whether an account has the address.
    pub preview: Option<VisitorPreview>,
    pub accounts_href: &'static str,
}

/// A member of an organisation (staff have no account to delete here: an admin disables them).
fn member_of_org(viewer: Viewer, req: &HttpRequest) -> Result<User, AppError> {
    match viewer.0 {
        None => Err(AppError::LoginRequired(req.path().to_owned())),
        Some(u) if u.role() == Role::Member && u.organisation_id.is_some() => Ok(u),
        Some(_) => Err(AppError::Forbidden),
    }
}

/// The signed-out page after a deletion; anything else without a session must sign in.
fn deleted_page(cx: &Ctx, page: Page, text_id: &str) -> Result<HttpResponse, AppError> {
    let l = cx.layout(page, "erase-deleted-title", None)?;
    let tpl = DeletedTpl {
        text: l.tr.t(text_id),
        home_href: Page::Home.path(cx.locale),
        l,
    };
    private(StatusCode::OK, &tpl)
}

fn refusal_text(cx: &Ctx, refusal: AccountRefusal) -> String {
    match refusal {
        AccountRefusal::LastAdmin => cx.tr().t("erase-account-last-admin"),
    }
}

fn account_page(
    cx: &Ctx,
    user: &User,
    f: FormErrors,
    refusal: Option<AccountRefusal>,
) -> Result<AccountDeleteTpl, AppError> {
    let locale = cx.locale;
    Ok(AccountDeleteTpl {
        l: cx.layout(Page::AccountDelete, "erase-account-title", Some(user))?,
        f,
        csrf: cx.csrf()?,
        action: Page::AccountDelete.path(locale),
        refusal: refusal.map(|r| refusal_text(cx, r)),
        colleagues_href: Page::Colleagues.path(locale),
        organisation_href: Page::OrganisationDelete.path(locale),
    })
}

pub async fn account_form(
    cx: Ctx,
    viewer: Viewer,
    req: HttpRequest,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    if viewer.0.is_none() && done.done.is_some() {
        return deleted_page(&cx, Page::AccountDelete, "erase-account-deleted");
    }
    let user = member_of_org(viewer, &req)?;
    let u = user.clone();
    let allowed = db::run(&cx.state.pool, move |c| erase::may_delete_account(c, &u)).await?;
    let tpl = account_page(&cx, &user, FormErrors::none(), allowed.err())?;
    private(StatusCode::OK, &tpl)
}

/// Whether `password` is the user's, checked against the stored hash off the async workers.
async fn password_matches(cx: &Ctx, user: &User, password: String) -> Result<bool, AppError> {
    let id = user.id.clone();
    let stored = db::run(&cx.state.pool, move |c| {
        Ok(model::user_by_id(c, &id)?.and_then(|u| u.password_hash))
    })
    .await?;
    let _permit = cx.state.hashing.permit().await;
    web::block(move || {
        let stored = stored
            .as_deref()
            .unwrap_or(crate::accounts::password::dummy_hash());
        crate::accounts::password::verify(&password, stored)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn account_submit(
    cx: Ctx,
    viewer: Viewer,
    req: HttpRequest,
    form: web::Form<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let user = member_of_org(viewer, &req)?;
    csrf::verify(&cx.session, &form.csrf)?;
    let tr = cx.tr();
    if form.password.is_empty() || !password_matches(&cx, &user, form.password.clone()).await? {
        let id = if form.password.is_empty() {
            "form-error-required"
        } else {
            "erase-error-password"
        };
        let tpl = account_page(&cx, &user, FormErrors::one(&tr, "password", id), None)?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    }
    let (now, secret) = (
        cx.state.clock.now_utc_naive(),
        cx.state.settings.secret_key.clone(),
    );
    let u = user.clone();
    let outcome = db::run(&cx.state.pool, move |c| {
        erase::delete_account(c, now, &secret, &u)
    })
    .await?;
    if let Err(refusal) = outcome {
        let tpl = account_page(&cx, &user, FormErrors::none(), Some(refusal))?;
        return private(StatusCode::CONFLICT, &tpl);
    }
    signed_out(&cx.session, Page::AccountDelete, cx.locale)
}

/// Ends this browser's session (the others went with the account) and lands on the page that
/// says it is done.
fn signed_out(
    session: &Session,
    page: Page,
    locale: crate::i18n::Locale,
) -> Result<HttpResponse, AppError> {
    session.purge();
    Ok(redirect(&format!("{}?done=1", page.path(locale))))
}

/// The organisation of an admin, or 403 for members who are not its admin.
async fn admins_org(
    cx: &Ctx,
    user: &User,
) -> Result<(crate::accounts::model::Organisation, OrgCounts), AppError> {
    if !user.is_org_admin {
        return Err(AppError::Forbidden);
    }
    let org = user.organisation_id.clone().ok_or(AppError::Forbidden)?;
    db::run(&cx.state.pool, move |c| {
        let o = model::organisation(c, &org)?.ok_or(AppError::NotFound)?;
        let counts = erase::org_counts(c, &org)?;
        Ok((o, counts))
    })
    .await
}

fn organisation_page(
    cx: &Ctx,
    user: &User,
    org: &crate::accounts::model::Organisation,
    counts: OrgCounts,
    f: FormErrors,
    confirm: String,
) -> Result<OrganisationDeleteTpl, AppError> {
    let l = cx.layout(Page::OrganisationDelete, "erase-org-title", Some(user))?;
    let goes = [
        ("erase-org-goes-users", counts.users),
        ("erase-org-goes-certificates", counts.certificates),
        ("erase-org-goes-usage", counts.usage),
        ("erase-org-goes-files", counts.files),
    ]
    .into_iter()
    .map(|(id, n)| l.tr.ta(id, &args([("n", n.into())])))
    .chain([l.tr.ta(
        "erase-org-goes-tickets",
        &args([
            ("n", counts.tickets.into()),
            ("messages", counts.messages.into()),
        ]),
    )])
    .collect();
    let stays = l.tr.ta(
        "erase-org-stays",
        &args([
            ("orders", counts.orders.into()),
            ("years", cx.state.settings.retention.order_years.into()),
        ]),
    );
    Ok(OrganisationDeleteTpl {
        f,
        csrf: cx.csrf()?,
        action: Page::OrganisationDelete.path(cx.locale),
        name: org.name.clone(),
        number: org.org_number.clone(),
        goes,
        stays,
        confirm,
        l,
    })
}

pub async fn organisation_form(
    cx: Ctx,
    viewer: Viewer,
    req: HttpRequest,
    done: web::Query<Done>,
) -> Result<HttpResponse, AppError> {
    if viewer.0.is_none() && done.done.is_some() {
        return deleted_page(&cx, Page::OrganisationDelete, "erase-org-deleted");
    }
    let user = member_of_org(viewer, &req)?;
    let (org, counts) = admins_org(&cx, &user).await?;
    let tpl = organisation_page(&cx, &user, &org, counts, FormErrors::none(), String::new())?;
    private(StatusCode::OK, &tpl)
}

/// Whether `typed` names the organisation: its name (case and spaces aside) or its number
/// (digits only compared).
pub fn confirms(typed: &str, name: &str, number: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let t = fold(typed);
    !t.is_empty()
        && (t == fold(name)
            || (!digits(&t).is_empty()
                && digits(&t) == digits(number)
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')))
}

pub async fn organisation_submit(
    cx: Ctx,
    viewer: Viewer,
    req: HttpRequest,
    form: web::Form<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    let user = member_of_org(viewer, &req)?;
    csrf::verify(&cx.session, &form.csrf)?;
    let (org, counts) = admins_org(&cx, &user).await?;
    if !confirms(&form.confirm, &org.name, &org.org_number) {
        let id = if form.confirm.trim().is_empty() {
            "form-error-required"
        } else {
            "erase-org-error-confirm"
        };
        let f = FormErrors::one(&cx.tr(), "confirm", id);
        let keep = form.confirm.chars().take(200).collect();
        let tpl = organisation_page(&cx, &user, &org, counts, f, keep)?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    }
    let (now, secret) = (
        cx.state.clock.now_utc_naive(),
        cx.state.settings.secret_key.clone(),
    );
    let (org_id, u) = (org.id.clone(), user.clone());
    db::run(&cx.state.pool, move |c| {
        erase::delete_organisation(c, now, &secret, &org_id, &u)
    })
    .await?;
    cx.state.search.organisations_changed();
    signed_out(&cx.session, Page::OrganisationDelete, cx.locale)
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StaffEraseForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub email: String,
    /// `preview` (show what goes) or `erase` (after the preview).
    #[serde(default)]
    pub action: String,
}

fn staff_page(
    cx: &Ctx,
    staff: &User,
    f: FormErrors,
    email: String,
    preview: Option<VisitorPreview>,
) -> Result<StaffEraseTpl, AppError> {
    Ok(StaffEraseTpl {
        l: cx.layout(Page::StaffPrivacyErase, "erase-visitor-title", Some(staff))?,
        f,
        csrf: cx.csrf()?,
        action: Page::StaffPrivacyErase.path(cx.locale),
        email,
        preview,
        accounts_href: Page::StaffAccounts.path(cx.locale),
    })
}

pub async fn staff_form(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let tpl = staff_page(&cx, &admin.0, FormErrors::none(), String::new(), None)?;
    private(StatusCode::OK, &tpl)
}

pub async fn staff_submit(
    cx: Ctx,
    admin: StaffAdmin,
    req: HttpRequest,
    form: web::Form<StaffEraseForm>,
) -> Result<HttpResponse, AppError> {
    csrf::verify(&cx.session, &form.csrf)?;
    let staff = admin.0;
    let mut e: Errors = vec![];
    let email = crate::web::form::email(&mut e, "email", &form.email);
    if !e.is_empty() {
        let keep = form.email.chars().take(254).collect();
        let tpl = staff_page(&cx, &staff, FormErrors::from_ids(&cx.tr(), &e), keep, None)?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    }
    match form.action.as_str() {
        "erase" => {
            let (now, secret, ip) = (
                cx.state.clock.now_utc_naive(),
                cx.state.settings.secret_key.clone(),
                client_ip(&req),
            );
            let s = staff.clone();
            db::run(&cx.state.pool, move |c| {
                erase::erase_visitor(c, now, &secret, &s, &email, &ip)
            })
            .await?;
            flash(&cx.session, "erase-visitor-done");
            Ok(redirect(Page::StaffPrivacyErase.path(cx.locale)))
        }
        "preview" => {
            let addr = email.clone();
            let preview =
                db::run(&cx.state.pool, move |c| erase::visitor_preview(c, &addr)).await?;
            let tpl = staff_page(&cx, &staff, FormErrors::none(), email, Some(preview))?;
            private(StatusCode::OK, &tpl)
        }
        _ => Err(AppError::BadRequest),
    }
}

/// Registers the erasure pages in both languages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in crate::i18n::Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(
            r(Page::AccountDelete)
                .route(get().to(account_form))
                .route(web::post().to(account_submit)),
        )
        .service(
            r(Page::OrganisationDelete)
                .route(get().to(organisation_form))
                .route(web::post().to(organisation_submit)),
        )
        .service(
            r(Page::StaffPrivacyErase)
                .route(get().to(staff_form))
                .route(web::post().to(staff_submit)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::confirms;

    #[test]
    fn the_organisation_is_confirmed_by_its_name_or_number_only() {
        let (name, number) = ("Föreningen Glömsk", "802000-0031");
        for ok in [
            "Föreningen Glömsk",
            "  föreningen   glömsk ",
            "802000-0031",
            "8020000031",
            "802000 0031",
        ] {
            assert!(confirms(ok, name, number), "{ok}");
        }
        for bad in [
            "",
            "  ",
            "Föreningen",
            "802000-003",
            "x8020000031",
            "Glömsk 802000-0031",
        ] {
            assert!(!confirms(bad, name, number), "{bad}");
        }
    }
}
