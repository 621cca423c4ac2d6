//! Template structs of the public pages and the functions that fill them.

use askama::Template;

use super::selfcheck::{FieldError, FindingView, SelfCheckForm, describe};
use crate::AppState;
use crate::eligibility::OrgType;
use crate::eligibility::rules::{self, SelfCheckInput};
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, args};
use crate::web::form::{Choice, FormErrors};
use crate::web::page::Layout;

/// The signed-in person's name, whether staff, and the session's CSRF token, for the header.
pub type SignedIn = (String, bool, String);

fn with_viewer(l: Layout, signed: Option<&SignedIn>) -> Layout {
    match signed {
        Some((name, staff, csrf)) => l.signed_in(name, *staff, csrf.clone()),
        None => l,
    }
}

fn render<T: Template>(tpl: &T) -> Result<String, AppError> {
    tpl.render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}

#[derive(Template)]
#[template(path = "public/home.html")]
struct HomeTpl {
    l: Layout,
    eligibility: &'static str,
    self_check: &'static str,
}

pub fn home(
    state: &AppState,
    locale: Locale,
    signed: Option<&SignedIn>,
) -> Result<String, AppError> {
    render(&HomeTpl {
        l: with_viewer(
            Layout::new(state, locale, Some(Page::Home), "home-title", ""),
            signed,
        ),
        eligibility: Page::Eligibility.path(locale),
        self_check: Page::SelfCheck.path(locale),
    })
}

#[derive(Template)]
#[template(path = "public/eligibility.html")]
struct EligibilityTpl {
    l: Layout,
    self_check: &'static str,
    min_text: String,
    active_text: String,
    example_text: String,
    eligible_types: Vec<String>,
    excluded_types: Vec<String>,
    assessed_types: Vec<String>,
}

pub fn eligibility(
    state: &AppState,
    locale: Locale,
    signed: Option<&SignedIn>,
) -> Result<String, AppError> {
    let l = with_viewer(
        Layout::new(
            state,
            locale,
            Some(Page::Eligibility),
            "eligibility-title",
            "",
        ),
        signed,
    );
    // Numbers, not strings: the messages pick their plural form from them.
    let n = |v: u64| fluent_bundle::FluentValue::from(v);
    let min_text = l.tr.ta(
        "eligibility-quantity-minimum",
        &args([("min", n(rules::MIN_LICENSES))]),
    );
    let active_text = l.tr.ta(
        "eligibility-cloud-rule",
        &args([
            ("percent", n(rules::ACTIVE_SHARE_PERCENT)),
            ("days", n(u64::from(rules::ACTIVE_DAYS))),
        ]),
    );
    let example_text = l.tr.ta(
        "eligibility-cloud-example",
        &args([("licensed", n(20)), ("needed", n(rules::needed_active(20)))]),
    );
    let names = |verdict: crate::eligibility::Verdict| {
        OrgType::ALL
            .into_iter()
            .filter(|t| t.verdict() == verdict)
            .filter(|t| *t != OrgType::Other)
            .map(|t| l.tr.t(&t.fluent_id()))
            .collect()
    };
    render(&EligibilityTpl {
        self_check: Page::SelfCheck.path(locale),
        min_text,
        active_text,
        example_text,
        eligible_types: names(crate::eligibility::Verdict::Eligible),
        excluded_types: names(crate::eligibility::Verdict::Excluded),
        assessed_types: names(crate::eligibility::Verdict::Assess),
        l,
    })
}

#[derive(Template)]
#[template(path = "public/self_check.html")]
struct SelfCheckTpl {
    l: Layout,
    form: SelfCheckForm,
    org_types: Vec<Choice>,
    exemptions: Vec<Choice>,
    f: FormErrors,
    findings: Vec<FindingView>,
    summary: Option<String>,
    eligibility: &'static str,
    action: &'static str,
}

fn self_check_page(
    state: &AppState,
    locale: Locale,
    form: &SelfCheckForm,
    errors: &[FieldError],
    input: Option<&SelfCheckInput>,
    query: &str,
    signed: Option<&SignedIn>,
) -> Result<String, AppError> {
    let title = if errors.is_empty() {
        "selfcheck-title"
    } else {
        "selfcheck-title-errors"
    };
    let l = with_viewer(
        Layout::new(state, locale, Some(Page::SelfCheck), title, query),
        signed,
    );
    let org_types = OrgType::ALL
        .into_iter()
        .map(|t| Choice {
            value: t.key(),
            label: l.tr.t(&t.fluent_id()),
            selected: form.org_type == t.key(),
        })
        .collect();
    let exemptions = [
        rules::Exemption::None,
        rules::Exemption::Some,
        rules::Exemption::All,
    ]
    .into_iter()
    .map(|e| Choice {
        value: e.key(),
        label: l.tr.t(&format!("selfcheck-exempt-{}", e.key())),
        selected: form.exempt == e.key() || (form.exempt.is_empty() && e == rules::Exemption::None),
    })
    .collect();
    let findings: Vec<FindingView> = input
        .map(|i| {
            rules::self_check(i)
                .iter()
                .map(|f| describe(&l.tr, f))
                .collect()
        })
        .unwrap_or_default();
    let summary = input.map(|_| {
        let count = |s: &str| findings.iter().filter(|f| f.status == s).count() as i64;
        l.tr.ta(
            "selfcheck-summary",
            &args([
                ("met", count("met").into()),
                ("notmet", count("not_met").into()),
                ("unknown", count("unknown").into()),
            ]),
        )
    });
    render(&SelfCheckTpl {
        f: FormErrors {
            items: errors.iter().map(|e| (e.field, l.tr.t(e.id))).collect(),
        },
        form: form.for_display(),
        org_types,
        exemptions,
        findings,
        summary,
        eligibility: Page::Eligibility.path(locale),
        action: Page::SelfCheck.path(locale),
        l,
    })
}

pub fn self_check_empty(
    state: &AppState,
    locale: Locale,
    signed: Option<&SignedIn>,
) -> Result<String, AppError> {
    self_check_page(
        state,
        locale,
        &SelfCheckForm::default(),
        &[],
        None,
        "",
        signed,
    )
}

pub fn self_check_result(
    state: &AppState,
    locale: Locale,
    form: &SelfCheckForm,
    input: &SelfCheckInput,
    query: &str,
    signed: Option<&SignedIn>,
) -> Result<String, AppError> {
    self_check_page(state, locale, form, &[], Some(input), query, signed)
}

pub fn self_check_errors(
    state: &AppState,
    locale: Locale,
    form: &SelfCheckForm,
    errors: &[FieldError],
    query: &str,
    signed: Option<&SignedIn>,
) -> Result<String, AppError> {
    self_check_page(state, locale, form, errors, None, query, signed)
}
