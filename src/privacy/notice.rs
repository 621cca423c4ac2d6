//! The privacy notice (`/sv/integritet`, `/en/privacy`): who is responsible, why and on what
//! legal basis each kind of data is used, how long it is kept (the retention settings in force),
//! who receives it (the configured mail server and partner endpoints), the rights and how to use
//! them, and every cookie the portal sets. [`COOKIES`] is the list a test holds every response to.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::accounts::auth::Viewer;
use crate::config::Settings;
use crate::error::AppError;
use crate::i18n::args;
use crate::i18n::routes::Page;
use crate::web::page::{Ctx, Layout, Tr, private};

/// A cookie the portal sets, with the Fluent ids of why and for how long.
pub struct CookieUse {
    /// Its name over plain HTTP and over HTTPS (`__Host-` prefixed there).
    pub names: [&'static str; 2],
    pub purpose: &'static str,
    pub lifetime: &'static str,
}

/// Every cookie the portal sets. All are strictly necessary (ePrivacy art. 5.3, LEK 9 kap. 28 §),
/// so no consent is asked; a response that sets any other cookie fails the tests.
pub const COOKIES: [CookieUse; 3] = [
    CookieUse {
        names: [
            crate::session_cookie_name(false),
            crate::session_cookie_name(true),
        ],
        purpose: "privacy-cookie-session",
        lifetime: "privacy-cookie-session-lifetime",
    },
    CookieUse {
        names: [
            crate::web::csrf::cookie_name(false),
            crate::web::csrf::cookie_name(true),
        ],
        purpose: "privacy-cookie-csrf",
        lifetime: "privacy-cookie-browser-session",
    },
    CookieUse {
        names: [crate::web::page::LANG_COOKIE, crate::web::page::LANG_COOKIE],
        purpose: "privacy-cookie-lang",
        lifetime: "privacy-cookie-browser-session",
    },
];

/// Whether `name` is a cookie the notice lists.
pub fn is_listed(name: &str) -> bool {
    COOKIES.iter().any(|c| c.names.contains(&name))
}

/// A row of a two- or three-column table, already in words.
pub struct Row {
    pub cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "privacy/notice.html")]
pub struct NoticeTpl {
    pub l: Layout,
    pub controller: String,
    pub controller_email: Option<String>,
    pub purposes: Vec<Row>,
    pub retention: Vec<Row>,
    pub recipients: Vec<String>,
    pub cookies: Vec<Row>,
    pub your_data: &'static str,
    pub contact: &'static str,
}

pub async fn show(cx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let l = cx.layout(Page::Privacy, "privacy-title", viewer.person())?;
    let s = &cx.state.settings;
    let tr = cx.tr();
    private(
        StatusCode::OK,
        &NoticeTpl {
            controller: s.controller_name.clone(),
            controller_email: s.controller_email.clone(),
            purposes: purposes(&tr),
            retention: retention(&tr, s),
            recipients: recipients(&tr, s),
            cookies: cookies(&tr, s.is_https()),
            your_data: Page::YourData.path(cx.locale),
            contact: Page::Contact.path(cx.locale),
            l,
        },
    )
}

fn purposes(tr: &Tr) -> Vec<Row> {
    ["account", "orders", "support", "usage", "mail", "security"]
        .into_iter()
        .map(|p| Row {
            cells: ["", "-data", "-basis"]
                .into_iter()
                .map(|part| tr.t(&format!("privacy-purpose-{p}{part}")))
                .collect(),
        })
        .collect()
}

/// Each kind of data with how long it is kept, the figures taken from the settings in force.
fn retention(tr: &Tr, s: &Settings) -> Vec<Row> {
    let r = &s.retention;
    let n = |id: &str, var: &str, v: i64| tr.ta(id, &args([(var, v.into())]));
    let rows = [
        ("privacy-kind-account", tr.t("privacy-keep-account")),
        (
            "privacy-kind-organisation",
            tr.t("privacy-keep-organisation"),
        ),
        (
            "privacy-kind-certificate-approved",
            n(
                "privacy-keep-certificate-approved",
                "months",
                r.approved_certificate_months,
            ),
        ),
        (
            "privacy-kind-certificate-rejected",
            n(
                "privacy-keep-certificate-rejected",
                "months",
                r.rejected_certificate_months,
            ),
        ),
        (
            "privacy-kind-orders",
            n("privacy-keep-orders", "years", r.order_years),
        ),
        (
            "privacy-kind-tickets",
            n("privacy-keep-tickets", "months", r.ticket_months),
        ),
        (
            "privacy-kind-visitor-link",
            n("privacy-keep-visitor-link", "days", r.visitor_link_days),
        ),
        (
            "privacy-kind-outbox",
            n("privacy-keep-outbox", "days", r.outbox_days),
        ),
        (
            "privacy-kind-mail-records",
            n("privacy-keep-mail-records", "days", r.outbox_days),
        ),
        (
            "privacy-kind-audit",
            n("privacy-keep-audit", "months", r.audit_ip_months),
        ),
        ("privacy-kind-security", tr.t("privacy-keep-security")),
    ];
    rows.into_iter()
        .map(|(kind, keep)| Row {
            cells: vec![tr.t(kind), keep],
        })
        .collect()
}

/// Who receives personal data: the partner, and the mail server and endpoints configured.
fn recipients(tr: &Tr, s: &Settings) -> Vec<String> {
    let mut out = vec![match &s.partner_name {
        Some(p) => tr.ta(
            "privacy-recipient-partner",
            &args([("partner", p.clone().into())]),
        ),
        None => tr.t("privacy-recipient-partner-unnamed"),
    }];
    if let Some(host) = s.smtp_url.as_deref().and_then(host_of) {
        out.push(tr.ta("privacy-recipient-smtp", &args([("host", host.into())])));
    }
    if let Some(email) = &s.partner_email {
        out.push(tr.ta(
            "privacy-recipient-partner-email",
            &args([("email", email.clone().into())]),
        ));
    }
    if let Some(host) = s.webhook_url.as_deref().and_then(host_of) {
        out.push(tr.ta("privacy-recipient-webhook", &args([("host", host.into())])));
    }
    out.push(tr.t("privacy-recipient-microsoft"));
    out
}

/// The host of a configured URL, never its user name or password.
fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
}

fn cookies(tr: &Tr, https: bool) -> Vec<Row> {
    COOKIES
        .iter()
        .map(|c| Row {
            cells: vec![
                c.names[usize::from(https)].to_owned(),
                tr.t(c.purpose),
                tr.t(c.lifetime),
            ],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_cookies_are_the_portals_own() {
        for name in [
            "donera_session",
            "__Host-donera_session",
            "donera_csrf",
            "__Host-donera_csrf",
            "lang",
        ] {
            assert!(is_listed(name), "{name}");
        }
        assert!(!is_listed("_ga"));
    }

    #[test]
    fn a_url_shows_its_host_only() {
        assert_eq!(
            host_of("smtp://mailer:hemligt@mail.example.org:587?tls=required").as_deref(),
            Some("mail.example.org")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
