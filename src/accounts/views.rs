//! Template structs of the account pages.

use askama::Template;

use super::service::{LoginForm, RegisterForm};
use crate::audit::Entry;
use crate::web::form::{Choice, FormErrors};
use crate::web::page::Layout;

#[derive(Template)]
#[template(path = "accounts/register.html")]
pub struct RegisterTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub form: RegisterForm,
    pub csrf: String,
    pub org_types: Vec<Choice>,
    pub terms: &'static str,
    pub login: &'static str,
    pub action: &'static str,
    /// Shown beside the organisation number when it is registered already.
    pub org_taken: Option<OrgTaken>,
}

pub struct OrgTaken {
    pub login: &'static str,
    pub forgot: &'static str,
}

#[derive(Template)]
#[template(path = "accounts/terms.html")]
pub struct TermsTpl {
    pub l: Layout,
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
pub struct LoginTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub form: LoginForm,
    pub csrf: String,
    pub action: &'static str,
    pub forgot: &'static str,
    pub register: &'static str,
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
pub struct ForgotTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub email: String,
    pub csrf: String,
    pub action: &'static str,
}

#[derive(Template)]
#[template(path = "accounts/set_password.html")]
pub struct SetPasswordTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: String,
    pub heading: String,
    pub intro: String,
    /// The invitation asks for the person's name too.
    pub name: Option<String>,
    pub email: String,
}

#[derive(Template)]
#[template(path = "accounts/confirm.html")]
pub struct ConfirmTpl {
    pub l: Layout,
    pub csrf: String,
    pub action: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "accounts/link_invalid.html")]
pub struct LinkInvalidTpl {
    pub l: Layout,
    pub forgot: &'static str,
}

#[derive(Template)]
#[template(path = "accounts/settings.html")]
pub struct SettingsTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub name: String,
    pub phone: String,
    pub locale: String,
    pub email: String,
    pub is_member: bool,
    pub two_factor: &'static str,
}

pub struct ColleagueRow {
    pub name: String,
    pub email: String,
    pub status: String,
    pub remove: Option<String>,
    /// Where an admin makes this colleague an admin too (a confirmed colleague who is not one).
    pub make_admin: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/colleagues.html")]
pub struct ColleaguesTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub rows: Vec<ColleagueRow>,
    pub can_invite: bool,
    pub action: &'static str,
    pub name: String,
    pub email: String,
}

pub struct StaffRow {
    pub name: String,
    pub email: String,
    pub role: String,
    pub status: String,
    pub toggle: Option<(String, &'static str, String)>,
    /// Two-step verification's state, and where an admin resets it (not their own).
    pub two_factor: String,
    pub reset_2fa: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/accounts.html")]
pub struct StaffAccountsTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub rows: Vec<StaffRow>,
    pub action: &'static str,
    pub name: String,
    pub email: String,
    pub roles: Vec<Choice>,
}

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: String,
    pub ip: String,
    pub details: String,
}

impl AuditRow {
    pub fn from_entry(e: Entry, actor: String) -> AuditRow {
        AuditRow {
            at: e
                .at
                .assume_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            actor,
            action: e.action,
            record: format!("{} {}", e.record_kind, e.record_id),
            ip: e.ip,
            details: e.details,
        }
    }
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
pub struct AuditTpl {
    pub l: Layout,
    pub rows: Vec<AuditRow>,
    pub actor: String,
    pub action_filter: String,
    pub record: String,
    pub pager: crate::web::queue::Pager,
    pub path: &'static str,
}
