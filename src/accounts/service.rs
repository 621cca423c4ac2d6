//! The rules of accounts, free of HTTP: reading forms into checked values (with a message per
//! field) and the transactions that register, confirm, reset, invite and change people.

use serde::Deserialize;
use serde_json::json;
use time::{Duration, PrimitiveDateTime};

use super::model::{self, Purpose, Role, User};
use super::password;
use super::sessions;
use crate::audit::{self, Actor};
use crate::db::schema::{organisations, users};
use crate::db::{self, DbConn};
use crate::eligibility::{OrgGroup, OrgNumber, OrgType};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::outbox;
use crate::web::form::{Errors, email, err, text};
use diesel::prelude::*;

fn new_password(errors: &mut Errors, pw: &str, confirm: &str, email: &str, org: Option<&str>) {
    if pw.contains('\0') {
        err(errors, "password", "form-error-control");
    } else if let Err(p) = password::check(pw, email, org) {
        err(errors, "password", p.fluent_id());
    } else if pw != confirm {
        err(errors, "password_confirm", "password-error-mismatch");
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub org_name: String,
    #[serde(default)]
    pub org_number: String,
    #[serde(default)]
    pub org_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
    #[serde(default)]
    pub accept_terms: String,
}

/// A registration that passed every check of its own.
#[derive(Clone)]
pub struct Registration {
    pub org_name: String,
    pub org_number: OrgNumber,
    pub org_type: OrgType,
    pub name: String,
    pub email: String,
    pub password: String,
}

/// Never prints the password.
impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("email", &self.email)
            .field("org_number", &self.org_number)
            .finish_non_exhaustive()
    }
}

impl RegisterForm {
    pub fn check(&self) -> Result<Registration, Errors> {
        let mut e = vec![];
        let org_name = text(&mut e, "org_name", &self.org_name, true);
        let org_number = match OrgNumber::parse(&self.org_number) {
            Ok(n) => Some(n),
            Err(x) => {
                let id = if self.org_number.trim().is_empty() {
                    "form-error-required"
                } else {
                    x.fluent_id()
                };
                err(&mut e, "org_number", id);
                None
            }
        };
        let org_type = OrgType::from_key(self.org_type.trim());
        if org_type.is_none() {
            err(&mut e, "org_type", "register-error-org-type");
        }
        let name = text(&mut e, "name", &self.name, true);
        let email = email(&mut e, "email", &self.email);
        new_password(
            &mut e,
            &self.password,
            &self.password_confirm,
            &email,
            Some(&org_name),
        );
        if self.accept_terms != "yes" {
            err(&mut e, "accept_terms", "register-error-terms");
        }
        match (org_number, org_type) {
            (Some(org_number), Some(org_type)) if e.is_empty() => Ok(Registration {
                org_name,
                org_number,
                org_type,
                name,
                email,
                password: self.password.clone(),
            }),
            _ => Err(e),
        }
    }
}

/// What happened to a registration that was well-formed.
pub enum Registered {
    /// Organisation and first member created; a confirmation link sent.
    Created {
        user_id: String,
        flagged: Option<OrgGroup>,
    },
    /// The e-mail already has an account: its owner was told instead, and the visitor sees the
    /// same answer as for a new account (so nobody learns which addresses are registered).
    EmailTaken,
    /// The organisation number is registered already.
    OrgTaken,
    /// Too many registrations from this address or for this e-mail in the past hour.
    TooMany,
}

/// Registration attempts for one e-mail address per hour. (Per IP address the limit is the
/// setting `DONERA_REGISTER_IP_LIMIT_PER_HOUR`, in [`Context::register_ip_limit`].)
pub const REGISTRATIONS_PER_EMAIL_PER_HOUR: i64 = 3;

/// What can be decided about a registration without hashing its password: the limits (each
/// attempt counts), a taken organisation number, a taken e-mail address (whose owner is told).
/// `None`: go on, hash the password and [`register`].
pub fn register_precheck(
    conn: &mut DbConn,
    ctx: &Context,
    reg: &Registration,
) -> Result<Option<Registered>, AppError> {
    let hour = Duration::hours(1);
    let ip_bucket = format!("register-ip:{}", ctx.ip);
    let email_bucket = format!("register-email:{}", super::hash_token(&reg.email));
    db::write(conn, |c| {
        db::lock_key(c, &ip_bucket)?;
        db::lock_key(c, &email_bucket)?;
        let by_ip = ctx.register_ip_limit > 0;
        if (by_ip && crate::throttle::count(c, &ip_bucket, ctx.now, hour)? >= ctx.register_ip_limit)
            || crate::throttle::count(c, &email_bucket, ctx.now, hour)?
                >= REGISTRATIONS_PER_EMAIL_PER_HOUR
        {
            return Ok(Some(Registered::TooMany));
        }
        crate::throttle::hit_in(c, &ip_bucket, ctx.now, hour, i64::MAX)?;
        crate::throttle::hit_in(c, &email_bucket, ctx.now, hour, i64::MAX)?;
        if model::organisation_by_number(c, &reg.org_number.to_string())?.is_some() {
            return Ok(Some(Registered::OrgTaken));
        }
        if let Some(existing) = model::user_by_email(c, &reg.email)? {
            tell_of_registration_attempt(c, ctx.now, &existing)?;
            return Ok(Some(Registered::EmailTaken));
        }
        Ok(None)
    })
}

fn tell_of_registration_attempt(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    existing: &User,
) -> Result<(), AppError> {
    outbox::enqueue_email(
        c,
        now,
        "member.registration_attempt",
        &existing.email,
        existing.locale(),
        &json!({"name": existing.name, "path": Page::Login.path(existing.locale())}),
    )?;
    Ok(())
}

pub struct Context<'a> {
    pub now: PrimitiveDateTime,
    pub ip: &'a str,
    pub routing: &'a outbox::Routing,
    /// Registrations per hour from one IP address; 0 is no limit.
    pub register_ip_limit: i64,
}

pub fn register(
    conn: &mut DbConn,
    ctx: &Context,
    reg: &Registration,
    locale: Locale,
    hash: String,
) -> Result<Registered, AppError> {
    db::write(conn, |c| {
        let number = reg.org_number.to_string();
        if model::organisation_by_number(c, &number)?.is_some() {
            return Ok(Registered::OrgTaken);
        }
        if let Some(existing) = model::user_by_email(c, &reg.email)? {
            tell_of_registration_attempt(c, ctx.now, &existing)?;
            return Ok(Registered::EmailTaken);
        }
        let org_id = uuid::Uuid::new_v4().to_string();
        let group = reg.org_number.group();
        let flagged = (group != OrgGroup::NonProfit).then_some(group);
        diesel::insert_into(organisations::table)
            .values((
                organisations::id.eq(&org_id),
                organisations::name.eq(&reg.org_name),
                organisations::org_number.eq(&number),
                organisations::org_type.eq(reg.org_type.key()),
                organisations::needs_review.eq(flagged.is_some()),
                organisations::created_at.eq(ctx.now),
            ))
            .execute(c)?;
        let user_id = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&user_id),
                users::email.eq(&reg.email),
                users::name.eq(&reg.name),
                users::password_hash.eq(Some(&hash)),
                users::role.eq(Role::Member.key()),
                users::organisation_id.eq(Some(&org_id)),
                users::is_org_admin.eq(true),
                users::locale.eq(locale.code()),
                users::created_at.eq(ctx.now),
            ))
            .execute(c)?;
        send_confirmation(c, ctx.now, &user_id, &reg.email, &reg.name, locale)?;
        outbox::enqueue_partner(
            c,
            ctx.routing,
            ctx.now,
            "organisation.registered",
            &json!({"organisation_id": org_id, "name": reg.org_name, "org_number": number,
                    "org_type": reg.org_type.key(), "needs_review": flagged.is_some()}),
        )?;
        let actor = Actor {
            id: Some(&user_id),
            kind: "member",
            ip: ctx.ip,
        };
        audit::record(
            c,
            ctx.now,
            &actor,
            "organisation.registered",
            "organisation",
            &org_id,
            &number,
        )?;
        Ok(Registered::Created { user_id, flagged })
    })
}

/// A fresh confirmation link (older ones stop working), e-mailed in the member's language.
pub fn send_confirmation(
    c: &mut DbConn,
    now: PrimitiveDateTime,
    user_id: &str,
    email: &str,
    name: &str,
    locale: Locale,
) -> Result<(), AppError> {
    model::void_tokens(c, user_id, Purpose::Verify, now)?;
    let (plain, hash) = super::new_token();
    model::insert_token(c, &hash, user_id, Purpose::Verify, now)?;
    outbox::enqueue_email(
        c,
        now,
        "member.email_verification",
        email,
        locale,
        &json!({"name": name, "path": Page::Verify.link(locale, &plain)}),
    )?;
    Ok(())
}

/// Confirms an e-mail address with a link's token; false when the link is used or expired.
pub fn confirm_email(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    token: &str,
    ip: &str,
) -> Result<Option<User>, AppError> {
    let hash = super::hash_token(token);
    db::write(conn, |c| {
        let Some(user) = model::token_user(c, &hash, Purpose::Verify, now)? else {
            return Ok(None);
        };
        if !model::use_token(c, &hash, now)? {
            return Ok(None);
        }
        diesel::update(users::table.find(&user.id))
            .set(users::email_verified_at.eq(now))
            .execute(c)?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&user.id),
                kind: "member",
                ip,
            },
            "member.email_confirmed",
            "user",
            &user.id,
            "",
        )?;
        Ok(Some(user))
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub next: String,
}

pub const LOGIN_WINDOW: Duration = Duration::minutes(15);
pub const LOGIN_ACCOUNT_LIMIT: i64 = 5;
pub const LOGIN_IP_LIMIT: i64 = 20;

pub fn account_bucket(email: &str) -> String {
    format!(
        "login-account:{}",
        super::hash_token(&email.trim().to_lowercase())
    )
}

pub fn ip_bucket(ip: &str) -> String {
    format!("login-ip:{ip}")
}

pub enum LoginOutcome {
    Ok(Box<User>),
    Wrong,
    Throttled,
}

/// Checks credentials with per-account and per-IP throttling kept in the database. An unknown
/// e-mail costs the same hashing time as a wrong password and gets the same answer.
pub fn login(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    form: &LoginForm,
    ip: &str,
) -> Result<LoginOutcome, AppError> {
    use crate::throttle;
    let email = form.email.trim().to_lowercase();
    let acct = account_bucket(&email);
    let ipb = ip_bucket(ip);
    // The attempt is counted and recorded in one transaction under both buckets' locks, before
    // the password is checked: a parallel burst gets at most the limit's guesses, not one per
    // pooled connection. A success takes its record back below.
    let allowed = db::write(conn, |c| {
        db::lock_key(c, &acct)?;
        db::lock_key(c, &ipb)?;
        if throttle::count(c, &acct, now, LOGIN_WINDOW)? >= LOGIN_ACCOUNT_LIMIT
            || throttle::count(c, &ipb, now, LOGIN_WINDOW)? >= LOGIN_IP_LIMIT
        {
            return Ok::<bool, AppError>(false);
        }
        throttle::hit_in(c, &acct, now, LOGIN_WINDOW, i64::MAX)?;
        throttle::hit_in(c, &ipb, now, LOGIN_WINDOW, i64::MAX)?;
        Ok(true)
    })?;
    if !allowed {
        tracing::warn!(ip, "login refused: too many failures");
        return Ok(LoginOutcome::Throttled);
    }
    let user = if email.len() <= 254 {
        model::user_by_email(conn, &email)?
    } else {
        None
    };
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = password::verify(
        &form.password,
        stored.as_deref().unwrap_or(password::dummy_hash()),
    ) && stored.is_some();
    match user {
        Some(u) if ok && u.disabled_at.is_none() => {
            throttle::clear(conn, &acct)?;
            // Only failures count against an address (many people may share one).
            throttle::undo_one(conn, &ipb)?;
            if u.role().is_staff() {
                db::write(conn, |c| {
                    audit::record(
                        c,
                        now,
                        &Actor::staff(&u.id, ip),
                        "staff.login",
                        "user",
                        &u.id,
                        "",
                    )
                })?;
            }
            tracing::info!(user = %u.id, "login");
            Ok(LoginOutcome::Ok(Box::new(u)))
        }
        _ => {
            tracing::warn!(ip, "login failed");
            Ok(LoginOutcome::Wrong)
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub email: String,
}

/// Sends a reset link when the address has an account; the caller answers the same either way.
/// Returns false when rate-limited.
pub fn forgot(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    email: &str,
    ip: &str,
) -> Result<bool, AppError> {
    use crate::throttle;
    if !throttle::hit(conn, &format!("reset-ip:{ip}"), now, Duration::hours(1), 10)?
        || !throttle::hit(
            conn,
            &format!("reset-account:{}", super::hash_token(email)),
            now,
            Duration::hours(1),
            3,
        )?
    {
        return Ok(false);
    }
    db::write(conn, |c| {
        if let Some(u) = model::user_by_email(c, email)?
            && u.disabled_at.is_none()
        {
            model::void_tokens(c, &u.id, Purpose::Reset, now)?;
            let (plain, hash) = super::new_token();
            model::insert_token(c, &hash, &u.id, Purpose::Reset, now)?;
            let locale = u.locale();
            outbox::enqueue_email(
                c,
                now,
                "member.password_reset",
                &u.email,
                locale,
                &json!({"name": u.name, "path": Page::Reset.link(locale, &plain)}),
            )?;
        }
        Ok(true)
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

/// Checks a new password for `user` (reset and invitation pages).
pub fn check_new_password(form: &NewPasswordForm, user: &User) -> Result<(), Errors> {
    let mut e = vec![];
    new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &user.email,
        None,
    );
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// Sets a new password with a reset or invitation token, which it uses up. Every session of the
/// person ends. `None` when the token was not (or no longer) valid.
pub fn set_password_with_token(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    token: &str,
    purpose: Purpose,
    hash: &str,
    name: Option<&str>,
    ip: &str,
) -> Result<Option<User>, AppError> {
    let th = super::hash_token(token);
    db::write(conn, |c| {
        let Some(user) = model::token_user(c, &th, purpose, now)? else {
            return Ok(None);
        };
        if !model::use_token(c, &th, now)? {
            return Ok(None);
        }
        diesel::update(users::table.find(&user.id))
            .set(users::password_hash.eq(Some(hash)))
            .execute(c)?;
        if let Some(n) = name.filter(|n| !n.is_empty()) {
            diesel::update(users::table.find(&user.id))
                .set(users::name.eq(n))
                .execute(c)?;
        }
        // Following an e-mailed link proves the address.
        if user.email_verified_at.is_none() {
            diesel::update(users::table.find(&user.id))
                .set(users::email_verified_at.eq(now))
                .execute(c)?;
        }
        model::void_tokens(c, &user.id, Purpose::Reset, now)?;
        sessions::end_all(c, &user.id)?;
        let kind = if user.role().is_staff() {
            "staff"
        } else {
            "member"
        };
        let action = match purpose {
            Purpose::Invite => "user.invitation_accepted",
            _ => "user.password_reset",
        };
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&user.id),
                kind,
                ip,
            },
            action,
            "user",
            &user.id,
            "",
        )?;
        model::user_by_id(c, &user.id)
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub current: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password_confirm: String,
}

/// Checks a password change; the current password must be right.
pub fn check_change_password(
    form: &ChangePasswordForm,
    user: &User,
    org: Option<&str>,
) -> Result<(), Errors> {
    let mut e = vec![];
    let stored = user
        .password_hash
        .as_deref()
        .unwrap_or(password::dummy_hash());
    if !password::verify(&form.current, stored) {
        err(&mut e, "current", "password-error-current");
    }
    new_password(
        &mut e,
        &form.password,
        &form.password_confirm,
        &user.email,
        org,
    );
    if e.is_empty() { Ok(()) } else { Err(e) }
}

/// Stores a new password and ends every session of the person (the caller renews its own).
pub fn change_password(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    user: &User,
    hash: &str,
    ip: &str,
) -> Result<(), AppError> {
    db::write(conn, |c| {
        diesel::update(users::table.find(&user.id))
            .set(users::password_hash.eq(Some(hash)))
            .execute(c)?;
        sessions::end_all(c, &user.id)?;
        let kind = if user.role().is_staff() {
            "staff"
        } else {
            "member"
        };
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&user.id),
                kind,
                ip,
            },
            "user.password_changed",
            "user",
            &user.id,
            "",
        )
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub locale: String,
}

pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub locale: Locale,
}

impl ContactForm {
    pub fn check(&self) -> Result<Contact, Errors> {
        let mut e = vec![];
        let name = text(&mut e, "name", &self.name, true);
        let phone = text(&mut e, "phone", &self.phone, false);
        if !phone.is_empty()
            && (phone.len() > 30
                || !phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-()".contains(c)))
        {
            err(&mut e, "phone", "form-error-phone");
        }
        let locale = Locale::from_code(self.locale.trim());
        if locale.is_none() {
            err(&mut e, "locale", "form-error-choice");
        }
        match locale {
            Some(locale) if e.is_empty() => Ok(Contact {
                name,
                phone: (!phone.is_empty()).then_some(phone),
                locale,
            }),
            _ => Err(e),
        }
    }
}

pub fn update_contact(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    user: &User,
    c: &Contact,
    ip: &str,
) -> Result<(), AppError> {
    db::write(conn, |conn| {
        diesel::update(users::table.find(&user.id))
            .set((
                users::name.eq(&c.name),
                users::phone.eq(&c.phone),
                users::locale.eq(c.locale.code()),
            ))
            .execute(conn)?;
        audit::record(
            conn,
            now,
            &Actor {
                id: Some(&user.id),
                kind: "member",
                ip,
            },
            "user.contact_changed",
            "user",
            &user.id,
            "",
        )
    })
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
}

pub struct Invite {
    pub name: String,
    pub email: String,
    pub role: Role,
}

impl InviteForm {
    /// `staff` decides which roles may be given: members invite members, staff admins invite
    /// agents and admins.
    pub fn check(&self, staff: bool) -> Result<Invite, Errors> {
        let mut e = vec![];
        let name = text(&mut e, "name", &self.name, true);
        let email = email(&mut e, "email", &self.email);
        let role = if staff {
            match Role::from_key(self.role.trim()) {
                Some(r) if r.is_staff() => Some(r),
                _ => {
                    err(&mut e, "role", "form-error-choice");
                    None
                }
            }
        } else {
            Some(Role::Member)
        };
        match role {
            Some(role) if e.is_empty() => Ok(Invite { name, email, role }),
            _ => Err(e),
        }
    }
}

pub enum Invited {
    Sent(String),
    /// A staff invitation to an address that has an account.
    EmailTaken,
    /// A member's invitation to an address that has an account: its owner was told, and the
    /// inviter sees the same answer as for a new colleague.
    AlreadyRegistered,
    /// The organisation sent its hour's share of invitations.
    TooMany,
}

/// Invitations one organisation may send per hour (to known and unknown addresses alike).
pub const INVITES_PER_ORGANISATION_PER_HOUR: i64 = 10;
/// "Someone tried to invite you" mails one address gets per hour, whoever sends them.
pub const INVITE_NOTICES_PER_ADDRESS_PER_HOUR: i64 = 2;

/// Creates the invited person (without a password) and e-mails a link that sets one.
pub fn invite(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    inviter: &User,
    inv: &Invite,
    locale: Locale,
    ip: &str,
) -> Result<Invited, AppError> {
    let hour = Duration::hours(1);
    db::write(conn, |c| {
        if !inv.role.is_staff() {
            let org = inviter.organisation_id.as_deref().unwrap_or_default();
            let bucket = format!("invite-org:{org}");
            if !crate::throttle::hit_in(c, &bucket, now, hour, INVITES_PER_ORGANISATION_PER_HOUR)? {
                return Ok(Invited::TooMany);
            }
        }
        if let Some(existing) = model::user_by_email(c, &inv.email)? {
            if inv.role.is_staff() {
                return Ok(Invited::EmailTaken);
            }
            let bucket = format!("invite-known:{}", super::hash_token(&existing.email));
            if crate::throttle::hit_in(c, &bucket, now, hour, INVITE_NOTICES_PER_ADDRESS_PER_HOUR)?
            {
                outbox::enqueue_email(
                    c,
                    now,
                    "member.invitation_attempt",
                    &existing.email,
                    existing.locale(),
                    &json!({"name": existing.name, "path": Page::Login.path(existing.locale())}),
                )?;
            }
            return Ok(Invited::AlreadyRegistered);
        }
        let id = uuid::Uuid::new_v4().to_string();
        let org = if inv.role.is_staff() {
            None
        } else {
            inviter.organisation_id.clone()
        };
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&id),
                users::email.eq(&inv.email),
                users::name.eq(&inv.name),
                users::role.eq(inv.role.key()),
                users::organisation_id.eq(org),
                users::is_org_admin.eq(false),
                users::locale.eq(locale.code()),
                users::created_at.eq(now),
            ))
            .execute(c)?;
        let (plain, hash) = super::new_token();
        model::insert_token(c, &hash, &id, Purpose::Invite, now)?;
        outbox::enqueue_email(
            c,
            now,
            if inv.role.is_staff() {
                "staff.invitation"
            } else {
                "member.invitation"
            },
            &inv.email,
            locale,
            &json!({"name": inv.name, "inviter": inviter.name, "path": Page::Invitation.link(locale, &plain)}),
        )?;
        let kind = if inviter.role().is_staff() {
            "staff"
        } else {
            "member"
        };
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&inviter.id),
                kind,
                ip,
            },
            "user.invited",
            "user",
            &id,
            inv.role.key(),
        )?;
        Ok(Invited::Sent(id))
    })
}

/// Turns a person's access off (removed member, disabled staff) or back on; sessions end at once
/// when it is turned off.
/// Whether a colleague may be made an organisation admin: not one already, active, and with an
/// address and a password of their own (an invitation not yet accepted does not count).
pub fn can_be_made_admin(u: &User) -> bool {
    !u.is_org_admin
        && u.disabled_at.is_none()
        && u.email_verified_at.is_some()
        && u.password_hash.is_some()
}

/// Makes `target` an admin of the organisation `actor` administers; audited.
pub fn make_org_admin(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &User,
    target: &User,
    ip: &str,
) -> Result<(), AppError> {
    db::write(conn, |c| {
        diesel::update(users::table.find(&target.id))
            .set(users::is_org_admin.eq(true))
            .execute(c)?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&actor.id),
                kind: "member",
                ip,
            },
            "member.made_admin",
            "user",
            &target.id,
            "",
        )
    })
}

pub fn set_disabled(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &User,
    target: &User,
    disabled: bool,
    ip: &str,
) -> Result<(), AppError> {
    db::write(conn, |c| {
        let at = disabled.then_some(now);
        diesel::update(users::table.find(&target.id))
            .set(users::disabled_at.eq(at))
            .execute(c)?;
        if disabled {
            sessions::end_all(c, &target.id)?;
        }
        let kind = if actor.role().is_staff() {
            "staff"
        } else {
            "member"
        };
        let action = match (target.role().is_staff(), disabled) {
            (true, true) => "staff.disabled",
            (true, false) => "staff.enabled",
            (false, _) => "member.removed",
        };
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&actor.id),
                kind,
                ip,
            },
            action,
            "user",
            &target.id,
            "",
        )
    })
}

/// Creates a staff account directly (the `create-staff` command).
pub fn create_staff(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    email: &str,
    name: &str,
    role: Role,
    hash: &str,
) -> Result<String, AppError> {
    db::write(conn, |c| {
        if model::user_by_email(c, email)?.is_some() {
            return Err(AppError::Conflict);
        }
        let id = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&id),
                users::email.eq(email),
                users::name.eq(name),
                users::password_hash.eq(Some(hash)),
                users::role.eq(role.key()),
                users::is_org_admin.eq(false),
                users::locale.eq("sv"),
                users::email_verified_at.eq(Some(now)),
                users::created_at.eq(now),
            ))
            .execute(c)?;
        audit::record(
            c,
            now,
            &Actor {
                id: None,
                kind: "system",
                ip: "cli",
            },
            "staff.created",
            "user",
            &id,
            role.key(),
        )?;
        Ok(id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(e: Errors) -> Vec<(&'static str, &'static str)> {
        e.into_iter().map(|f| (f.field, f.id)).collect()
    }

    fn good() -> RegisterForm {
        RegisterForm {
            csrf: String::new(),
            org_name: "Föreningen Vänner".into(),
            org_number: "802000-0009".into(),
            org_type: "nonprofit_association".into(),
            name: "Anna Andersson".into(),
            email: "Anna@Example.org".into(),
            password: "korrekt häst batteri".into(),
            password_confirm: "korrekt häst batteri".into(),
            accept_terms: "yes".into(),
        }
    }

    #[test]
    fn a_good_registration_passes_and_normalises() {
        let r = good().check().unwrap();
        assert_eq!(r.email, "anna@example.org");
        assert_eq!(r.org_number.to_string(), "802000-0009");
    }

    #[test]
    fn each_bad_field_gets_its_message() {
        let f = RegisterForm {
            org_name: " ".into(),
            org_number: "802000-0005".into(),
            org_type: "bank".into(),
            name: "x".repeat(201),
            email: "not an address".into(),
            password: "short".into(),
            accept_terms: String::new(),
            ..good()
        };
        assert_eq!(
            ids(f.check().unwrap_err()),
            vec![
                ("org_name", "form-error-required"),
                ("org_number", "orgnr-error-checksum"),
                ("org_type", "register-error-org-type"),
                ("name", "form-error-too-long"),
                ("email", "form-error-email"),
                ("password", "password-error-short"),
                ("accept_terms", "register-error-terms"),
            ]
        );
        let f = RegisterForm {
            password_confirm: "korrekt häst batterI".into(),
            ..good()
        };
        assert_eq!(
            ids(f.check().unwrap_err()),
            vec![("password_confirm", "password-error-mismatch")]
        );
        let f = RegisterForm {
            name: "Anna\0".into(),
            ..good()
        };
        assert_eq!(
            ids(f.check().unwrap_err()),
            vec![("name", "form-error-control")]
        );
        let f = RegisterForm {
            password: "1234567890".into(),
            password_confirm: "1234567890".into(),
            ..good()
        };
        assert_eq!(
            ids(f.check().unwrap_err()),
            vec![("password", "password-error-common")]
        );
    }

    #[test]
    fn buckets_do_not_hold_addresses_in_clear() {
        assert!(!account_bucket("anna@example.org").contains("anna"));
        assert_eq!(
            account_bucket(" Anna@Example.org"),
            account_bucket("anna@example.org")
        );
    }
}
