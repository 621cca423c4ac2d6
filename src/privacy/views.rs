//! The askama structs of the export's pages.

use askama::Template;

use crate::web::form::FormErrors;
use crate::web::page::Layout;

/// What the portal holds about the signed-in user, with the export and the ways out.
#[derive(Template)]
#[template(path = "privacy/your_data.html")]
pub struct YourDataTpl {
    pub l: Layout,
    pub org_name: String,
    /// Admins export the whole organisation; other users their own data.
    pub is_admin: bool,
    pub export: &'static str,
    pub privacy: &'static str,
    pub delete_account: &'static str,
    pub delete_organisation: &'static str,
}

/// The staff's export of everything held about one e-mail address.
#[derive(Template)]
#[template(path = "privacy/staff.html")]
pub struct StaffPrivacyTpl {
    pub l: Layout,
    pub csrf: String,
    pub action: &'static str,
    pub email: String,
    pub f: FormErrors,
    /// The address given held nothing: said on the page instead of an empty ZIP.
    pub nothing: bool,
    /// The page that erases a visitor's data, for erasure requests.
    pub erase: &'static str,
}
