//! Languages: the two locales, Fluent bundles parsed once at start, language negotiation, the route
//! table with localized slugs, and locale-aware formatting of numbers, money and dates.
//!
//! Every user-visible string lives in `locales/<lang>/*.ftl`; this module only looks them up.

pub mod format;
pub mod routes;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rust_embed::RustEmbed;
use unic_langid::{LanguageIdentifier, langid};

#[derive(RustEmbed)]
#[folder = "locales/"]
struct LocaleFiles;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    Sv,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Sv, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Sv => "sv",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code {
            "sv" => Some(Locale::Sv),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::Sv => Locale::En,
            Locale::En => Locale::Sv,
        }
    }

    /// The locale of a request path (`/en/...`), if it has one.
    pub fn from_path(path: &str) -> Option<Locale> {
        let first = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        Locale::from_code(first)
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Locale::Sv => langid!("sv-SE"),
            Locale::En => langid!("en-GB"),
        }
    }
}

/// Picks the language for `/`: the `lang` cookie, then `Accept-Language` by q-value, else Swedish.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(l) = cookie.and_then(Locale::from_code) {
        return l;
    }
    let mut best: Option<(f32, Locale)> = None;
    for item in accept_language.unwrap_or_default().split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let mut q = 1.0f32;
        for p in parts {
            if let Some(v) = p.trim().strip_prefix("q=") {
                q = v.trim().parse().unwrap_or(0.0);
            }
        }
        if !(q > 0.0 && q <= 1.0) {
            continue;
        }
        let primary = tag.split('-').next().unwrap_or_default();
        let locale = match primary {
            "sv" => Locale::Sv,
            "en" => Locale::En,
            // A Norwegian or Danish reader understands Swedish better than English.
            "nb" | "nn" | "no" | "da" => Locale::Sv,
            "*" => Locale::Sv,
            _ => continue,
        };
        // Strictly greater: among equal q-values the first listed wins.
        if best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, locale));
        }
    }
    best.map_or(Locale::Sv, |(_, l)| l)
}

/// The parsed messages of both languages.
pub struct I18n {
    sv: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
    /// Every message that takes no variables, formatted once at start (Swedish, English): a
    /// page looks up hundreds (the queue's column names on each of its fifty rows), and each
    /// through Fluent cost a resolve and a copy.
    /// Keyed by our own message ids: a fast hash, not one made for keys an attacker picks.
    plain: [rustc_hash::FxHashMap<Box<str>, Box<str>>; 2],
    /// Tests set this so that a missing message or variable panics (and fails the test) instead
    /// of showing its id to a user.
    strict: bool,
    misses: AtomicUsize,
}

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locale file {file} has syntax errors: {errors}")]
    Syntax { file: String, errors: String },
    #[error("locale file {file} is not UTF-8")]
    Encoding { file: String },
    #[error("message {id} is defined twice in {locale}")]
    Duplicate { locale: &'static str, id: String },
}

impl I18n {
    pub fn load(strict: bool) -> Result<I18n, I18nError> {
        let ((sv, sv_plain), (en, en_plain)) = (bundle(Locale::Sv)?, bundle(Locale::En)?);
        let plain = [plain(&sv, sv_plain), plain(&en, en_plain)];
        Ok(I18n {
            sv,
            en,
            plain,
            strict,
            misses: AtomicUsize::new(0),
        })
    }

    fn bundle(&self, locale: Locale) -> &FluentBundle<FluentResource> {
        match locale {
            Locale::Sv => &self.sv,
            Locale::En => &self.en,
        }
    }

    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.bundle(locale).has_message(id)
    }

    /// The message `id` in `locale`, without variables: borrowed from the messages formatted at
    /// start, else formatted now (a message that wants variables is reported as a miss).
    pub fn text<'a>(&'a self, locale: Locale, id: &'a str) -> Cow<'a, str> {
        match self.plain[locale as usize].get(id) {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.format(locale, id, None)),
        }
    }

    /// The message `id` in `locale`, formatted with `args`.
    pub fn format(&self, locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
        if args.is_none()
            && let Some(text) = self.plain[locale as usize].get(id)
        {
            return text.as_ref().to_owned();
        }
        let bundle = self.bundle(locale);
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return self.miss(locale, id, "no such message");
        };
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            let detail = format!("{errors:?}");
            return self.miss(locale, id, &detail);
        }
        text.into_owned()
    }

    fn miss(&self, locale: Locale, id: &str, detail: &str) -> String {
        self.misses.fetch_add(1, Ordering::Relaxed);
        assert!(
            !self.strict,
            "Fluent message {id} in {}: {detail}",
            locale.code()
        );
        tracing::error!(
            locale = locale.code(),
            id,
            detail,
            "missing or broken Fluent message"
        );
        id.to_owned()
    }

    /// How many lookups failed since start (also logged one by one).
    pub fn misses(&self) -> usize {
        self.misses.load(Ordering::Relaxed)
    }
}

fn files(locale: Locale) -> impl Iterator<Item = (String, String)> {
    let prefix = format!("{}/", locale.code());
    let mut names: Vec<String> = LocaleFiles::iter()
        .filter(|n| n.starts_with(&prefix) && n.ends_with(".ftl"))
        .map(|n| n.into_owned())
        .collect();
    names.sort();
    names.into_iter().filter_map(|name| {
        let file = LocaleFiles::get(&name)?;
        Some((name, String::from_utf8_lossy(&file.data).into_owned()))
    })
}

/// The bundle of `locale`, and the ids of its messages that take no variables (read from each
/// file's parsed entries before the bundle takes them, so the files are parsed once).
fn bundle(locale: Locale) -> Result<(FluentBundle<FluentResource>, Vec<String>), I18nError> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
    // Unicode isolation marks are wrong inside HTML attributes and e-mail subjects.
    bundle.set_use_isolating(false);
    // Numbers reach Fluent as numbers, so that `[one]` can match; this writes them as each
    // language does ("1 000" with a no-break space, "1,000").
    bundle.set_formatter(Some(match locale {
        Locale::Sv => number_sv,
        Locale::En => number_en,
    }));
    let mut plain_ids = vec![];
    for (name, text) in files(locale) {
        if text.contains('\u{FFFD}') {
            return Err(I18nError::Encoding { file: name });
        }
        let resource = FluentResource::try_new(text).map_err(|(_, errs)| I18nError::Syntax {
            file: name.clone(),
            errors: format!("{errs:?}"),
        })?;
        plain_ids.extend(
            resource
                .entries()
                .filter_map(entry_vars)
                .filter(|(id, vars)| vars.is_empty() && !id.starts_with('-'))
                .map(|(id, _)| id),
        );
        bundle
            .add_resource(resource)
            .map_err(|errs| I18nError::Duplicate {
                locale: locale.code(),
                id: format!("{errs:?}"),
            })?;
    }
    Ok((bundle, plain_ids))
}

/// The messages of `locale` that format without variables and without errors, formatted.
fn plain(
    bundle: &FluentBundle<FluentResource>,
    ids: Vec<String>,
) -> rustc_hash::FxHashMap<Box<str>, Box<str>> {
    ids.into_iter()
        .filter_map(|id| {
            let pattern = bundle.get_message(&id)?.value()?;
            let mut errors = vec![];
            let text = bundle.format_pattern(pattern, None, &mut errors);
            errors
                .is_empty()
                .then(|| (id.into_boxed_str(), text.into_owned().into_boxed_str()))
        })
        .collect()
}

fn number_sv<M>(value: &FluentValue, _: &M) -> Option<String> {
    grouped_integer(Locale::Sv, value)
}

fn number_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    grouped_integer(Locale::En, value)
}

/// A whole number with its thousands grouped; `None` (Fluent's own formatting) for anything else.
fn grouped_integer(locale: Locale, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let whole = n.value.fract() == 0.0 && n.value.abs() < 1e15;
    if !whole || !n.options.use_grouping || n.options.minimum_fraction_digits.is_some() {
        return None;
    }
    Some(format::integer(locale, n.value as i64))
}

/// Message ids of a locale, each with the set of variables it uses (for the parity test).
pub fn catalogue(locale: Locale) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (_, text) in files(locale) {
        let Ok(resource) = fluent_syntax::parser::parse(text.as_str()) else {
            continue;
        };
        out.extend(resource.body.iter().filter_map(entry_vars));
    }
    out
}

/// A message's id (a term's with its `-`) and the variables its value and attributes use.
fn entry_vars(entry: &fluent_syntax::ast::Entry<&str>) -> Option<(String, BTreeSet<String>)> {
    use fluent_syntax::ast;
    let (id, value, attributes) = match entry {
        ast::Entry::Message(m) => (m.id.name.to_owned(), m.value.as_ref(), &m.attributes),
        ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
        _ => return None,
    };
    let mut vars = BTreeSet::new();
    if let Some(p) = value {
        pattern_vars(p, &mut vars);
    }
    for a in attributes {
        pattern_vars(&a.value, &mut vars);
    }
    Some((id, vars))
}

fn pattern_vars(pattern: &fluent_syntax::ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_owned());
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, vars);
                }
            }
            InlineExpression::Placeable { expression } => expr(expression, vars),
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
        match e {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
        }
    }
    for el in &pattern.elements {
        if let PatternElement::Placeable { expression } = el {
            expr(expression, vars);
        }
    }
}

/// Fluent arguments from name/value pairs.
pub fn args<'a, const N: usize>(pairs: [(&'a str, FluentValue<'a>); N]) -> FluentArgs<'a> {
    let mut a = FluentArgs::new();
    for (k, v) in pairs {
        a.set(k, v);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_without_variables_are_formatted_once_and_read_as_fluent_writes_them() {
        let i18n = I18n::load(false).expect("locales load");
        for locale in Locale::ALL {
            let bundle = i18n.bundle(locale);
            let mut plain = 0;
            for (id, vars) in catalogue(locale) {
                let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = vec![];
                let fresh = bundle.format_pattern(pattern, None, &mut errors);
                let text = i18n.text(locale, &id);
                if vars.is_empty() && errors.is_empty() {
                    assert!(matches!(text, Cow::Borrowed(_)), "{id} is kept");
                    assert_eq!(text, fresh, "{id}");
                    assert_eq!(i18n.format(locale, &id, None), fresh, "{id}");
                    plain += 1;
                } else {
                    assert!(matches!(text, Cow::Owned(_)), "{id} is not kept");
                }
            }
            assert!(plain > 500, "{plain} messages without variables");
        }
        assert_eq!(
            i18n.text(Locale::Sv, "ticket-col-number"),
            "Nummer",
            "a message referring to nothing"
        );
        // A message that wants a variable is a miss, through the kept messages as without them.
        let before = i18n.misses();
        assert_eq!(i18n.text(Locale::En, "ticket-age-days"), "ticket-age-days");
        assert_eq!(i18n.text(Locale::En, "no-such-message"), "no-such-message");
        assert_eq!(i18n.misses(), before + 2);
        let n = args([("n", 3.into())]);
        assert_eq!(i18n.format(Locale::En, "ticket-age-days", Some(&n)), "3 d");
    }

    #[test]
    fn cookie_wins_over_accept_language() {
        assert_eq!(negotiate(Some("en"), Some("sv")), Locale::En);
        assert_eq!(negotiate(Some("sv"), Some("en")), Locale::Sv);
    }

    #[test]
    fn unknown_cookie_falls_back_to_header() {
        assert_eq!(negotiate(Some("fr"), Some("en-GB,en;q=0.8")), Locale::En);
    }

    #[test]
    fn q_values_decide() {
        assert_eq!(negotiate(None, Some("en;q=0.5, sv;q=0.9")), Locale::Sv);
        assert_eq!(negotiate(None, Some("sv;q=0.4, en-US;q=0.6")), Locale::En);
        assert_eq!(negotiate(None, Some("de-DE, en;q=0.7")), Locale::En);
        assert_eq!(negotiate(None, Some("en;q=0, sv;q=0.1")), Locale::Sv);
        assert_eq!(negotiate(None, Some("fr, en;q=0")), Locale::Sv);
    }

    #[test]
    fn first_of_equal_q_wins() {
        assert_eq!(negotiate(None, Some("en, sv")), Locale::En);
        assert_eq!(negotiate(None, Some("sv-SE, en")), Locale::Sv);
    }

    #[test]
    fn default_is_swedish() {
        assert_eq!(negotiate(None, None), Locale::Sv);
        assert_eq!(negotiate(None, Some("")), Locale::Sv);
        assert_eq!(negotiate(None, Some("fr-FR,de")), Locale::Sv);
        assert_eq!(negotiate(None, Some(";;;q=,,")), Locale::Sv);
        assert_eq!(negotiate(None, Some("en;q=abc")), Locale::Sv);
    }

    #[test]
    fn locale_of_a_path() {
        assert_eq!(Locale::from_path("/en/eligibility"), Some(Locale::En));
        assert_eq!(Locale::from_path("/sv/"), Some(Locale::Sv));
        assert_eq!(Locale::from_path("/sv"), Some(Locale::Sv));
        assert_eq!(Locale::from_path("/static/x.css"), None);
        assert_eq!(Locale::from_path("/"), None);
    }

    #[test]
    fn both_locales_load() {
        let i = I18n::load(true).unwrap();
        assert!(i.has(Locale::Sv, "site-name"));
        assert!(i.has(Locale::En, "site-name"));
    }

    #[test]
    fn numbers_are_grouped_per_language_and_select_their_plural() {
        let i = I18n::load(true).unwrap();
        let n = |l, v: i64| i.format(l, "age-days", Some(&args([("days", FluentValue::from(v))])));
        assert_eq!(n(Locale::Sv, 1), "1 dag");
        assert_eq!(n(Locale::Sv, 1000), "1\u{a0}000 dagar");
        assert_eq!(n(Locale::En, 1000), "1,000 days");
        assert_eq!(n(Locale::En, 0), "0 days");
    }

    #[test]
    fn missing_message_shows_id_when_not_strict() {
        let i = I18n::load(false).unwrap();
        assert_eq!(
            i.format(Locale::Sv, "no-such-message", None),
            "no-such-message"
        );
        assert_eq!(i.misses(), 1);
    }

    #[test]
    #[should_panic(expected = "no-such-message")]
    fn missing_message_panics_when_strict() {
        let i = I18n::load(true).unwrap();
        i.format(Locale::En, "no-such-message", None);
    }
}
