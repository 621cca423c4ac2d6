//! What every page shares: the request context (`Ctx`), the translator handed to templates, the
//! layout (navigation, language switch, footer), the HTML responder and redirect, and the cache
//! of pages that are the same for every visitor.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use actix_session::{Session, SessionExt};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use askama::Template;
use fluent_bundle::FluentArgs;

use crate::AppState;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{I18n, Locale};
use crate::web::request::{flash_parts, take_flash};

/// Looks messages up in one language; templates call `l.t("id")` (`Layout::t`).
#[derive(Clone)]
pub struct Tr {
    pub locale: Locale,
    i18n: Arc<I18n>,
}

impl Tr {
    pub fn new(i18n: Arc<I18n>, locale: Locale) -> Tr {
        Tr { locale, i18n }
    }

    pub fn t(&self, id: &str) -> String {
        self.i18n.text(self.locale, id).into_owned()
    }

    /// `t` borrowed where it can be: for text written straight into a page.
    pub fn text<'a>(&'a self, id: &'a str) -> Cow<'a, str> {
        self.i18n.text(self.locale, id)
    }

    pub fn ta(&self, id: &str, args: &FluentArgs) -> String {
        self.i18n.format(self.locale, id, Some(args))
    }

    pub fn i18n(&self) -> &I18n {
        &self.i18n
    }

    /// How long something has waited, in whole days ("3 dagar"), for the staff queues.
    pub fn age_days(&self, days: i64) -> String {
        self.ta("age-days", &crate::i18n::args([("days", days.into())]))
    }
}

pub struct NavLink {
    pub label: String,
    pub href: &'static str,
    pub current: bool,
}

/// Everything `templates/base.html` needs.
pub struct Layout {
    pub tr: Tr,
    pub title: String,
    pub program: String,
    pub home: &'static str,
    /// This page in the other language (query kept), for the switcher.
    pub other_href: String,
    pub other_lang: &'static str,
    pub other_lang_name: String,
    /// Absolute URLs of this page in each language, for `hreflang`.
    pub alternates: [(&'static str, String); 2],
    pub nav: Vec<NavLink>,
    pub css: String,
    pub icon: String,
    scripts: Vec<(String, String)>,
    /// The partner note in the footer, split around the partner's linked name.
    pub partner_before: String,
    pub partner_name: Option<String>,
    pub partner_url: Option<String>,
    pub partner_after: String,
    /// The signed-in person's links; `None` shows "log in" and "register".
    pub signed: Option<Signed>,
    pub login_href: &'static str,
    pub register_href: &'static str,
    /// A one-time message after a redirect (already in words).
    pub flash: Option<String>,
    /// The privacy notice, linked from the footer and from forms that collect personal data.
    pub privacy_href: &'static str,
    /// A staff page: drawn across the window's whole width (queues and dashboards), where public
    /// pages keep a reading width.
    pub staff: bool,
}

/// The header's links for a signed-in person.
pub struct Signed {
    pub name: String,
    pub area: &'static str,
    pub area_label: String,
    pub logout: &'static str,
    pub csrf: String,
}

impl Layout {
    /// The layout of `page` in `locale`. `query` (without `?`) is kept on the language switch.
    pub fn new(
        state: &AppState,
        locale: Locale,
        page: Option<Page>,
        title_id: &str,
        query: &str,
    ) -> Layout {
        let home = Page::Home;
        let here = page.unwrap_or(home);
        Self::with_paths(
            state,
            locale,
            page,
            title_id,
            [
                here.path(Locale::Sv).to_owned(),
                here.path(Locale::En).to_owned(),
            ],
            query,
        )
    }

    /// Shows the signed-in person's links instead of "log in".
    pub fn signed_in(mut self, name: &str, staff: bool, csrf: String) -> Layout {
        let locale = self.tr.locale;
        let (area, label) = if staff {
            (Page::Staff, "nav-staff-area")
        } else {
            (Page::Account, "nav-account")
        };
        self.signed = Some(Signed {
            name: name.to_owned(),
            area: area.path(locale),
            area_label: self.tr.t(label),
            logout: Page::Logout.path(locale),
            csrf,
        });
        self
    }

    pub fn with_flash(mut self, flash: Option<String>) -> Layout {
        self.flash = flash;
        self
    }

    /// The layout of a page outside the route table (error pages): the switch goes to the other
    /// language's home page.
    pub fn with_paths(
        state: &AppState,
        locale: Locale,
        page: Option<Page>,
        title_id: &str,
        paths: [String; 2],
        query: &str,
    ) -> Layout {
        let tr = Tr::new(state.i18n.clone(), locale);
        let other = locale.other();
        let path_of = |l: Locale| match l {
            Locale::Sv => paths[0].as_str(),
            Locale::En => paths[1].as_str(),
        };
        let with_query = |p: &str| {
            if query.is_empty() {
                p.to_owned()
            } else {
                format!("{p}?{query}")
            }
        };
        let nav = Page::NAV
            .into_iter()
            .map(|p| NavLink {
                label: tr.t(p.nav_id()),
                href: p.path(locale),
                current: Some(p) == page,
            })
            .collect();
        let program = state.settings.program_name.clone();
        let (partner_before, partner_after) = match &state.settings.partner_name {
            Some(_) => split_around(&tr, "footer-partner", "partner", &program),
            None => (
                tr.ta(
                    "footer-partner-unnamed",
                    &crate::i18n::args([("program", program.clone().into())]),
                ),
                String::new(),
            ),
        };
        let base = &state.settings.base_url;
        Layout {
            title: tr.t(title_id),
            home: Page::Home.path(locale),
            other_href: with_query(path_of(other)),
            other_lang: other.code(),
            other_lang_name: state.i18n.format(other, "lang-name", None),
            alternates: [
                ("sv", format!("{base}{}", with_query(path_of(Locale::Sv)))),
                ("en", format!("{base}{}", with_query(path_of(Locale::En)))),
            ],
            nav,
            css: state.assets.url("app.css"),
            icon: state.assets.url("favicon.svg"),
            scripts: vec![("sort.js".to_owned(), state.assets.url("sort.js"))],
            partner_before,
            partner_name: state.settings.partner_name.clone(),
            partner_url: state.settings.partner_url.clone(),
            partner_after,
            program,
            signed: None,
            login_href: Page::Login.path(locale),
            register_href: Page::Register.path(locale),
            flash: None,
            privacy_href: Page::Privacy.path(locale),
            staff: page.is_some_and(Page::is_staff),
            tr,
        }
    }

    /// A message for the template: borrowed, as pages look up hundreds.
    pub fn t<'a>(&'a self, id: &'a str) -> Cow<'a, str> {
        self.tr.text(id)
    }

    /// A message escaped for HTML once, for a page that writes it on every row.
    pub fn t_escaped(&self, id: &str) -> Escaped {
        Escaped::new(&self.tr.text(id))
    }

    /// A message with one number, formatted for the page's language.
    pub fn ta_num(&self, id: &str, var: &str, n: &usize) -> String {
        // A number, not a string: the message picks its plural form from it.
        self.tr.ta(id, &crate::i18n::args([(var, (*n).into())]))
    }

    /// The hashed URL of a script under `static/`.
    pub fn script(&self, name: &str) -> String {
        self.scripts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, u)| u.clone())
            .unwrap_or_default()
    }

    pub fn lang(&self) -> &'static str {
        self.tr.locale.code()
    }
}

/// Formats message `id` with `$var` standing for a link, and returns the text before and after it,
/// so the template can put the link in between without the message being cut into pieces.
fn split_around(tr: &Tr, id: &str, var: &str, program: &str) -> (String, String) {
    const MARK: &str = "\u{E000}";
    let args = crate::i18n::args([(var, MARK.into()), ("program", program.to_owned().into())]);
    let text = tr.ta(id, &args);
    match text.split_once(MARK) {
        Some((a, b)) => (a.to_owned(), b.to_owned()),
        None => (text, String::new()),
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',').any(|e| {
                let mut parts = e.split(';');
                let name = parts.next().unwrap_or_default().trim();
                let refused =
                    parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
                (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
            })
        })
}

/// Who a response may be kept by. Every page with a CSRF token, a flash message or a person's
/// data is `Private`: a shared cache must never hand it to someone else.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Caching {
    /// `Cache-Control: no-store`.
    Private,
    /// No `Cache-Control` of its own: the same page for every visitor.
    Public,
}

/// What a page's HTML is first given room for (a queue of fifty rows is about 55 KB).
const PAGE_BYTES: usize = 64 * 1024;

/// Renders a template into an HTML response with `status`.
pub fn render<T: Template>(
    status: StatusCode,
    tpl: &T,
    caching: Caching,
) -> Result<HttpResponse, AppError> {
    // Room for most pages at once: askama's own hint is the template's static text, and a
    // queue of fifty rows grew from it by doubling, copying the page each time.
    let mut body = String::with_capacity(PAGE_BYTES.max(T::SIZE_HINT));
    tpl.render_into(&mut body)
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    let mut res = HttpResponse::build(status);
    res.insert_header((
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    ));
    if caching == Caching::Private {
        res.insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")));
    }
    Ok(res.body(body))
}

/// An HTML page that must not be cached: it holds a CSRF token or a person's data.
pub fn private(status: StatusCode, tpl: &impl Template) -> Result<HttpResponse, AppError> {
    render(status, tpl, Caching::Private)
}

/// Post/redirect/get: "303 See Other" to `to`, never cached.
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .finish()
}

/// The signed-in person as the page header shows them. `web` knows no feature's types: the
/// accounts feature implements this for its users.
pub trait Person {
    fn display_name(&self) -> &str;
    fn is_staff(&self) -> bool;
}

/// The request's state, language and session, which every page needs: an extractor, so a
/// handler takes `cx: Ctx` instead of the three.
pub struct Ctx {
    pub state: web::Data<AppState>,
    pub locale: Locale,
    pub session: Session,
}

impl FromRequest for Ctx {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Ctx, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        std::future::ready(match state {
            Some(state) => Ok(Ctx {
                state,
                locale: Locale::from_path(req.path()).unwrap_or(Locale::Sv),
                session: req.get_session(),
            }),
            None => Err(AppError::Internal("no app state".into()).into()),
        })
    }
}

impl Ctx {
    /// The translator of the request's language.
    pub fn tr(&self) -> Tr {
        Tr::new(self.state.i18n.clone(), self.locale)
    }

    /// The session's CSRF token for a form.
    pub fn csrf(&self) -> Result<String, AppError> {
        super::csrf::token(&self.session)
    }

    /// The layout of `page`, with the signed-in person's links and any flash message.
    pub fn layout(
        &self,
        page: Page,
        title_id: &str,
        who: Option<&dyn Person>,
    ) -> Result<Layout, AppError> {
        self.finish(
            Layout::new(&self.state, self.locale, Some(page), title_id, ""),
            who,
        )
    }

    /// As [`layout`](Self::layout), for a page whose paths carry an id or token (`paths` in
    /// Swedish and English, for the language switch).
    pub fn layout_at(
        &self,
        page: Page,
        title_id: &str,
        who: Option<&dyn Person>,
        paths: [String; 2],
    ) -> Result<Layout, AppError> {
        self.finish(
            Layout::with_paths(&self.state, self.locale, Some(page), title_id, paths, ""),
            who,
        )
    }

    fn finish(&self, l: Layout, who: Option<&dyn Person>) -> Result<Layout, AppError> {
        let flash = take_flash(&self.session).map(|entry| match flash_parts(&entry) {
            (id, Some(n)) => l.tr.ta(id, &crate::i18n::args([("count", n.into())])),
            (id, None) => l.tr.t(id),
        });
        let l = l.with_flash(flash);
        Ok(match who {
            Some(p) => l.signed_in(p.display_name(), p.is_staff(), self.csrf()?),
            None => l,
        })
    }
}

/// Text escaped for HTML by askama's own escaper when it is made, and written into a page as
/// it is (askama skips types marked `HtmlSafe`): a label a page repeats on each of fifty rows
/// is escaped once instead of fifty times. It can only be made from text it escapes.
pub struct Escaped(String);

impl Escaped {
    pub fn new(text: &str) -> Escaped {
        use askama::filters::Escaper;
        let mut html = String::with_capacity(text.len());
        // Writing into a String cannot fail.
        let _ = askama::filters::Html.write_escaped_str(&mut html, text);
        Escaped(html)
    }
}

impl std::fmt::Display for Escaped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::FastWritable for Escaped {
    fn write_into(
        &self,
        dest: &mut dyn std::fmt::Write,
        _: &dyn askama::Values,
    ) -> askama::Result<()> {
        Ok(dest.write_str(&self.0)?)
    }
}

impl askama::filters::HtmlSafe for Escaped {}

/// The cookie that remembers the reader's language for the visit.
pub const LANG_COOKIE: &str = "lang";

/// Remembers the language of the page the visitor reads, so `/` sends them back to it during
/// the visit. A browser-session cookie: a preference kept for longer than the visit would need
/// consent, and the portal asks for none.
pub fn remember_locale(req: &HttpRequest, res: &mut HttpResponse, locale: Locale, secure: bool) {
    if req
        .cookie(LANG_COOKIE)
        .is_some_and(|c| c.value() == locale.code())
    {
        return;
    }
    let cookie = Cookie::build(LANG_COOKIE, locale.code())
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .finish();
    let _ = res.add_cookie(&cookie);
}

/// A page rendered once, identical for every visitor, kept plain and gzipped.
pub struct CachedPage {
    plain: web::Bytes,
    gzip: web::Bytes,
}

#[derive(Default)]
pub struct PageCache {
    pages: HashMap<(Page, Locale), CachedPage>,
}

impl PageCache {
    pub fn insert(&mut self, page: Page, locale: Locale, html: String) {
        let gz = gzip(html.as_bytes());
        self.pages.insert(
            (page, locale),
            CachedPage {
                plain: html.into(),
                gzip: gz.into(),
            },
        );
    }

    /// The cached page as a response, or `None` when it is not cached.
    pub fn respond(&self, req: &HttpRequest, page: Page, locale: Locale) -> Option<HttpResponse> {
        let cached = self.pages.get(&(page, locale))?;
        let mut res = HttpResponse::Ok();
        res.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .insert_header((header::VARY, HeaderValue::from_static("accept-encoding")));
        if accepts_gzip(req) {
            res.insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")));
            Some(res.body(cached.gzip.clone()))
        } else {
            Some(res.body(cached.plain.clone()))
        }
    }
}

#[cfg(test)]
mod tests {
    use askama::Template;

    use super::Escaped;

    #[derive(Template)]
    #[template(source = r#"<p title="{{ e }}">{{ e }}</p>"#, ext = "html")]
    struct Label {
        e: Escaped,
    }

    #[test]
    fn escaped_text_is_escaped_once_in_a_page() {
        let e = Escaped::new(r#"<b class="x">Tom & Jerry's</b>"#);
        let html = Label { e }.render().expect("renders");
        let once = "&#60;b class=&#34;x&#34;&#62;Tom &#38; Jerry&#39;s&#60;/b&#62;";
        assert_eq!(html, format!(r#"<p title="{once}">{once}</p>"#));
    }
}
