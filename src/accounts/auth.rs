//! Who is asking: extractors that load the signed-in person from the session and guard the member
//! and staff areas. A visitor is sent to log in and back; a person of the wrong role gets 403.
//! Every feature's handlers use these; they live here because the person is an account.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::AppState;
use crate::accounts::model::{self, Role, User};
use crate::accounts::sessions::{MFA, ROLE, UID, USER};
use crate::db;
use crate::error::AppError;
use crate::web::request::FLASH;

/// The person behind the request, if signed in and still allowed in. The users of these
/// extractors carry no password hash: whoever checks a password reads it afresh.
pub struct Viewer(pub Option<User>);

type Fut<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

async fn current(req: &HttpRequest) -> Result<Option<User>, AppError> {
    let session = req.get_session();
    let Some(uid) = session
        .get::<String>(UID)
        .map_err(|_| AppError::BadRequest)?
    else {
        return Ok(None);
    };
    // Read with the session in one query when it was loaded (see sessions::USER).
    if let Ok(Some(u)) = session.get::<User>(USER)
        && u.id == uid
    {
        return Ok(Some(u));
    }
    // A session changed in this request, or whose user is gone or disabled: ask the database.
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal("no app state".into()))?;
    let user = db::run_quick(&state.pool, move |c| model::user_by_id(c, &uid)).await?;
    match user {
        Some(u) if u.disabled_at.is_none() && u.password_hash.is_some() => Ok(Some(User {
            password_hash: None,
            ..u
        })),
        _ => {
            // The account is gone or disabled since the session began: forget it.
            session.purge();
            Ok(None)
        }
    }
}

impl FromRequest for Viewer {
    type Error = actix_web::Error;
    type Future = Fut<Viewer>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(Viewer(current(&req).await?)) })
    }
}

fn login_required(req: &HttpRequest) -> AppError {
    let path = req.path().to_owned();
    let q = req.query_string();
    // Only GET pages are worth coming back to; a POST's form is gone anyway.
    let next = if req.method() == actix_web::http::Method::GET && !q.is_empty() && q.len() < 512 {
        format!("{path}?{q}")
    } else {
        path
    };
    AppError::LoginRequired(next)
}

/// A signed-in member of an organisation.
pub struct Member(pub User);

impl FromRequest for Member {
    type Error = actix_web::Error;
    type Future = Fut<Member>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                None => Err(login_required(&req).into()),
                Some(u) if u.role() == Role::Member && u.organisation_id.is_some() => Ok(Member(u)),
                Some(_) => Err(AppError::Forbidden.into()),
            }
        })
    }
}

/// Staff who must sign in with a second step (all admins; agents too with
/// `DONERA_STAFF_2FA=required`) and whose session did not: sent to set it up before any staff
/// page. The session says so ([`MFA`]), set only by the second step of a sign-in or by a confirmed
/// enrolment, so the check costs no query; an admin's reset ends every session of the person.
fn second_step_gate(req: &HttpRequest, user: &User) -> Result<(), actix_web::Error> {
    let required = req.app_data::<web::Data<AppState>>().is_none_or(|s| {
        s.settings
            .staff_2fa
            .applies_to_staff(user.role() == Role::Admin)
    });
    let done = req
        .get_session()
        .get::<bool>(MFA)
        .ok()
        .flatten()
        .unwrap_or(false);
    if !required || done {
        return Ok(());
    }
    let locale = crate::i18n::Locale::from_path(req.path()).unwrap_or(crate::i18n::Locale::Sv);
    let to = crate::i18n::routes::Page::TwoFactor.path(locale);
    let res = actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, to))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .finish();
    Err(actix_web::error::InternalError::from_response("second step required", res).into())
}

/// A signed-in member of the partner's staff (agent or admin).
pub struct Staff(pub User);

impl FromRequest for Staff {
    type Error = actix_web::Error;
    type Future = Fut<Staff>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                None => Err(login_required(&req).into()),
                Some(u) if u.role().is_staff() => {
                    second_step_gate(&req, &u)?;
                    Ok(Staff(u))
                }
                Some(_) => Err(AppError::Forbidden.into()),
            }
        })
    }
}

/// A signed-in staff admin.
pub struct StaffAdmin(pub User);

impl FromRequest for StaffAdmin {
    type Error = actix_web::Error;
    type Future = Fut<StaffAdmin>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                None => Err(login_required(&req).into()),
                Some(u) if u.role() == Role::Admin => {
                    second_step_gate(&req, &u)?;
                    Ok(StaffAdmin(u))
                }
                Some(_) => Err(AppError::Forbidden.into()),
            }
        })
    }
}

/// Signs `user` in: a new session id (the old cookie stops working), then who it is. A passed
/// second step ([`MFA`]) carries over only when the session already belonged to `user` (a
/// password change), never to someone else signing in on the same browser.
pub fn sign_in(session: &Session, user: &User) -> Result<(), AppError> {
    session.renew();
    let flash = session.get::<String>(FLASH).ok().flatten();
    let same = session.get::<String>(UID).ok().flatten().as_deref() == Some(user.id.as_str());
    let mfa = same && session.get::<bool>(MFA).ok().flatten().unwrap_or(false);
    session.clear();
    if mfa {
        session
            .insert(MFA, true)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    session
        .insert(UID, &user.id)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    session
        .insert(ROLE, user.role().key())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if let Some(f) = flash {
        let _ = session.insert(FLASH, f);
    }
    Ok(())
}

impl crate::web::page::Person for User {
    fn display_name(&self) -> &str {
        &self.name
    }

    fn is_staff(&self) -> bool {
        self.role().is_staff()
    }
}

impl Viewer {
    /// The signed-in person for the page header.
    pub fn person(&self) -> Option<&dyn crate::web::page::Person> {
        self.0.as_ref().map(|u| u as &dyn crate::web::page::Person)
    }
}
