//! Rows and queries of organisations, users and single-use tokens.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::db::DbConn;
use crate::db::schema::{organisations, tokens, users};
use crate::error::AppError;

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub org_number: String,
    pub org_type: String,
    pub needs_review: bool,
    pub created_at: PrimitiveDateTime,
}

/// A person. Serialisable for the session store's per-request copy of the signed-in user
/// ([`crate::accounts::sessions::USER`]), which never carries the password hash.
#[derive(Queryable, Selectable, Debug, Clone, serde::Serialize, serde::Deserialize)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub role: String,
    pub organisation_id: Option<String>,
    pub is_org_admin: bool,
    pub locale: String,
    pub email_verified_at: Option<PrimitiveDateTime>,
    pub disabled_at: Option<PrimitiveDateTime>,
    pub created_at: PrimitiveDateTime,
}

/// What a person may do, stored in `users.role`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Member,
    Agent,
    Admin,
}

impl Role {
    pub fn key(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Agent => "agent",
            Role::Admin => "admin",
        }
    }

    pub fn from_key(k: &str) -> Option<Role> {
        match k {
            "member" => Some(Role::Member),
            "agent" => Some(Role::Agent),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Role::Agent | Role::Admin)
    }
}

impl User {
    /// The message id of a member's status in an organisation's member lists.
    pub fn member_status(&self) -> &'static str {
        if self.disabled_at.is_some() {
            "staff-status-disabled"
        } else if self.password_hash.is_none() {
            "colleagues-status-invited"
        } else if self.is_org_admin {
            "colleagues-status-admin"
        } else {
            "colleagues-status-member"
        }
    }

    pub fn role(&self) -> Role {
        Role::from_key(&self.role).unwrap_or(Role::Member)
    }

    pub fn locale(&self) -> crate::i18n::Locale {
        crate::i18n::Locale::from_code(&self.locale).unwrap_or(crate::i18n::Locale::Sv)
    }

    pub fn is_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }
}

/// What a token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Reset,
    Invite,
}

impl Purpose {
    pub fn key(self) -> &'static str {
        match self {
            Purpose::Verify => "verify",
            Purpose::Reset => "reset",
            Purpose::Invite => "invite",
        }
    }

    /// How long a token of this kind lives.
    pub fn lifetime(self) -> time::Duration {
        match self {
            Purpose::Verify => time::Duration::hours(48),
            Purpose::Reset => time::Duration::hours(1),
            Purpose::Invite => time::Duration::days(7),
        }
    }
}

pub fn user_by_email(conn: &mut DbConn, email: &str) -> Result<Option<User>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email.to_lowercase()))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn user_by_id(conn: &mut DbConn, id: &str) -> Result<Option<User>, AppError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

pub fn organisation(conn: &mut DbConn, id: &str) -> Result<Option<Organisation>, AppError> {
    Ok(organisations::table
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .optional()?)
}

pub fn organisation_by_number(
    conn: &mut DbConn,
    number: &str,
) -> Result<Option<Organisation>, AppError> {
    Ok(organisations::table
        .filter(organisations::org_number.eq(number))
        .select(Organisation::as_select())
        .first(conn)
        .optional()?)
}

pub fn members_of(conn: &mut DbConn, org_id: &str) -> Result<Vec<User>, AppError> {
    Ok(users::table
        .filter(users::organisation_id.eq(org_id))
        .order((users::created_at.asc(), users::email.asc()))
        .select(User::as_select())
        .load(conn)?)
}

/// Staff members' ids and names, by name (for assignment lists).
pub fn staff_names(conn: &mut DbConn) -> Result<Vec<(String, String)>, AppError> {
    // "Not a member" rather than a list of roles: a fixed statement stays in the prepared cache.
    Ok(users::table
        .filter(users::role.ne(Role::Member.key()))
        .order(users::name.asc())
        .select((users::id, users::name))
        .load(conn)?)
}

pub fn staff(conn: &mut DbConn) -> Result<Vec<User>, AppError> {
    Ok(users::table
        .filter(users::role.eq_any([Role::Agent.key(), Role::Admin.key()]))
        .order(users::name.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// Stores a new token (only its hash) for `user`.
pub fn insert_token(
    conn: &mut DbConn,
    hash: &str,
    user_id: &str,
    purpose: Purpose,
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    diesel::insert_into(tokens::table)
        .values((
            tokens::token_hash.eq(hash),
            tokens::user_id.eq(user_id),
            tokens::purpose.eq(purpose.key()),
            tokens::created_at.eq(now),
            tokens::expires_at.eq(now + purpose.lifetime()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The user of a live token (unused, unexpired, of this purpose), if any.
pub fn token_user(
    conn: &mut DbConn,
    hash: &str,
    purpose: Purpose,
    now: PrimitiveDateTime,
) -> Result<Option<User>, AppError> {
    Ok(tokens::table
        .inner_join(users::table)
        .filter(tokens::token_hash.eq(hash))
        .filter(tokens::purpose.eq(purpose.key()))
        .filter(tokens::used_at.is_null())
        .filter(tokens::expires_at.gt(now))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Marks a token used; false when it was already used (a second click or a race).
pub fn use_token(conn: &mut DbConn, hash: &str, now: PrimitiveDateTime) -> Result<bool, AppError> {
    let n = diesel::update(tokens::table.find(hash).filter(tokens::used_at.is_null()))
        .set(tokens::used_at.eq(now))
        .execute(conn)?;
    Ok(n == 1)
}

/// Voids every open token of `purpose` for a user (a new link replaces the old ones).
pub fn void_tokens(
    conn: &mut DbConn,
    user_id: &str,
    purpose: Purpose,
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    diesel::update(
        tokens::table
            .filter(tokens::user_id.eq(user_id))
            .filter(tokens::purpose.eq(purpose.key()))
            .filter(tokens::used_at.is_null()),
    )
    .set(tokens::used_at.eq(now))
    .execute(conn)?;
    Ok(())
}
