//! Both languages define the same messages with the same variables, and every message id the code
//! and templates name exists.

use std::collections::BTreeSet;

use donera::i18n::{I18n, Locale, catalogue};

#[test]
fn sv_and_en_define_the_same_messages_with_the_same_variables() {
    let sv = catalogue(Locale::Sv);
    let en = catalogue(Locale::En);
    assert!(sv.len() > 100, "only {} messages found", sv.len());
    let only_sv: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !sv.contains_key(*k)).collect();
    assert!(
        only_sv.is_empty() && only_en.is_empty(),
        "only in sv: {only_sv:?}; only in en: {only_en:?}"
    );
    for (id, vars) in &sv {
        assert_eq!(Some(vars), en.get(id), "variables of {id} differ");
    }
}

fn files(dir: &str, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(path.to_str().unwrap(), ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// Message ids written literally as `t("…")`, `tr.t("…")` or `ta("…", …)` in templates and code.
fn literal_ids() -> BTreeSet<String> {
    let mut paths = vec![];
    files(
        concat!(env!("CARGO_MANIFEST_DIR"), "/templates"),
        "html",
        &mut paths,
    );
    files(
        concat!(env!("CARGO_MANIFEST_DIR"), "/src"),
        "rs",
        &mut paths,
    );
    let mut ids = BTreeSet::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        for marker in ["t(\"", "ta(\"", "_id(\""] {
            for (i, _) in text.match_indices(marker) {
                // `t(` and `ta(` as whole names: `f.get("bulk-ticket")` names a field.
                let joined = text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
                if joined && !marker.starts_with('_') {
                    continue;
                }
                let rest = &text[i + marker.len()..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                if rest[id.len()..].starts_with('"') && id.contains('-') && !id.ends_with('-') {
                    ids.insert(id);
                }
            }
        }
        // Ids returned from functions (`=> "orgnr-error-format"`).
        for (i, _) in text.match_indices("=> \"") {
            let rest = &text[i + 4..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if rest[id.len()..].starts_with('"')
                && ["orgnr-", "selfcheck-", "nav-", "eligibility-"]
                    .iter()
                    .any(|p| id.starts_with(p))
                && !id.ends_with('-')
            {
                ids.insert(id);
            }
        }
    }
    ids
}

#[test]
fn every_message_named_in_code_and_templates_exists_in_both_languages() {
    let i18n = I18n::load(true).unwrap();
    let ids = literal_ids();
    assert!(ids.len() > 60, "the scan found only {} ids", ids.len());
    for id in &ids {
        for l in Locale::ALL {
            assert!(i18n.has(l, id), "{id} is missing in {}", l.code());
        }
    }
}

#[test]
fn messages_built_from_enums_exist_in_both_languages() {
    use donera::eligibility::rules::{Exemption, Rule, Status};
    use donera::eligibility::{OrgGroup, OrgType, Verdict};
    use donera::error::ErrorPage;
    let i18n = I18n::load(true).unwrap();
    let mut ids: Vec<String> = vec![];
    for t in OrgType::ALL {
        ids.push(t.fluent_id());
        if t.verdict() == Verdict::Excluded {
            ids.push(format!(
                "selfcheck-orgtype-excluded-{}",
                t.key().replace('_', "-")
            ));
        }
    }
    ids.extend(OrgGroup::ALL.iter().map(|g| g.fluent_id().to_owned()));
    for page in ErrorPage::ALL {
        ids.push(format!("{}-title", page.fluent_prefix()));
        ids.push(format!("{}-text", page.fluent_prefix()));
    }
    for r in [
        Rule::OrgType,
        Rule::OrgNumber,
        Rule::Quantity,
        Rule::Budget,
        Rule::CloudUse,
        Rule::Validation,
    ] {
        ids.push(format!("selfcheck-rule-{}", r.key().replace('_', "-")));
    }
    for s in [Status::Met, Status::NotMet, Status::Unknown] {
        ids.push(format!("selfcheck-status-{}", s.key().replace('_', "-")));
    }
    for e in [Exemption::None, Exemption::Some, Exemption::All] {
        ids.push(format!("selfcheck-exempt-{}", e.key()));
    }
    for s in ["pending", "approved", "rejected", "all"] {
        ids.push(format!("validations-filter-{s}"));
    }
    for s in ["pending", "approved", "rejected", "expired"] {
        ids.push(format!("validation-state-{s}"));
    }
    for k in donera::validation::service::CANNED {
        ids.push(format!("validation-reason-{k}"));
    }
    for r in ["agent", "admin"] {
        ids.push(format!("staff-role-{r}"));
    }
    ids.extend(donera::usage::ERROR_IDS.iter().map(|s| s.to_string()));
    for k in [
        "exchange",
        "onedrive",
        "sharepoint",
        "skype-for-business",
        "yammer",
        "teams",
        "m365-apps",
    ] {
        ids.push(format!("usage-service-{k}"));
    }
    for k in ["active-users", "m365-apps", "teams", "email", "yammer"] {
        ids.push(format!("usage-report-{k}"));
    }
    for k in ["date", "yes-no", "number", "user"] {
        ids.push(format!("usage-value-{k}"));
    }
    for m in 1..=12 {
        ids.push(format!("month-{m}"));
    }
    use donera::tickets::{Category, Priority, State};
    for s in State::ALL {
        ids.push(format!("ticket-state-{}", s.key()));
    }
    for c in Category::ALL {
        ids.push(format!("ticket-category-{}", c.key()));
    }
    for p in Priority::ALL {
        ids.push(format!("ticket-priority-{}", p.key()));
    }
    for s in ["activity", "oldest", "newest"] {
        ids.push(format!("staff-tickets-sort-{s}"));
    }
    for k in ["received", "answered", "state", "merged"] {
        ids.push(format!("mail-ticket-{k}-subject"));
        ids.push(format!("mail-ticket-{k}-body"));
    }
    for k in ["received", "certificate", "solved"] {
        ids.push(format!("canned-seed-{k}-title"));
        ids.push(format!("canned-seed-{k}-body"));
    }
    for id in ids {
        for l in Locale::ALL {
            assert!(i18n.has(l, &id), "{id} is missing in {}", l.code());
        }
    }
}

#[test]
fn no_message_is_empty_or_left_untranslated_by_accident() {
    let i18n = I18n::load(true).unwrap();
    let sv = catalogue(Locale::Sv);
    // Words that are the same in both languages on purpose.
    let same_ok = [
        "validations-col-org",
        "colleagues-status",
        "site-name",
        "eligibility-budget-heading",
        "eligibility-anchor-budget",
        "selfcheck-rule-budget",
        "orgtype-other-nonprofit",
        // "Organisation", "Status", "Normal" and "support" are the same words in both.
        "staff-ticket-org",
        "ticket-col-state",
        "ticket-priority-normal",
        "ticket-role-staff",
        // "Person (id)", as the language review asked for the audit log's filter.
        "audit-filter-actor",
    ];
    let mut same = vec![];
    for id in sv.keys().filter(|id| !id.starts_with('-')) {
        if !sv[id].is_empty() {
            continue;
        }
        let a = i18n.format(Locale::Sv, id, None);
        let b = i18n.format(Locale::En, id, None);
        assert!(
            !a.trim().is_empty() && !b.trim().is_empty(),
            "{id} is empty"
        );
        // Product names are trade marks, the same in both languages.
        let trade_mark = (id.starts_with("seed-product-") && id.ends_with("-name"))
            || id.starts_with("usage-service-")
            // Machine keys of the FAQ seed, the same in both files by design.
            || (id.starts_with("faq-seed-") && (id.ends_with("-category") || id == "faq-seed-articles" || id == "faq-seed-categories"));
        if a == b && !same_ok.contains(&id.as_str()) && !trade_mark {
            same.push(id.clone());
        }
    }
    assert!(same.is_empty(), "identical in sv and en: {same:?}");
}

/// Every message of a locale as its source text: text elements as written, every variant of a
/// selector, placeables as `{}` (so numbers and words inside variables are not linted).
fn sources(locale: Locale) -> Vec<(String, String)> {
    use fluent_syntax::ast::{Entry, Expression, Pattern, PatternElement};
    fn flatten(p: &Pattern<&str>, out: &mut String) {
        for el in &p.elements {
            match el {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable { expression } => match expression {
                    Expression::Select { variants, .. } => {
                        for v in variants {
                            out.push(' ');
                            flatten(&v.value, out);
                            out.push(' ');
                        }
                    }
                    Expression::Inline(_) => out.push_str("{}"),
                },
            }
        }
    }
    let dir = format!("{}/locales/{}", env!("CARGO_MANIFEST_DIR"), locale.code());
    let mut paths = vec![];
    files(&dir, "ftl", &mut paths);
    paths.sort();
    let mut out = vec![];
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(text.as_str()).unwrap();
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let mut s = String::new();
                if let Some(v) = &m.value {
                    flatten(v, &mut s);
                }
                for a in &m.attributes {
                    s.push(' ');
                    flatten(&a.value, &mut s);
                }
                out.push((m.id.name.to_owned(), s));
            }
        }
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic() && c != '-')
        .map(|w| w.trim_matches('-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The review's recurring faults (reviews/language-review-2026-12.md), one finding per line.
fn lint(locale: Locale, id: &str, text: &str) -> Vec<String> {
    let mut found = vec![];
    let w = words(text);
    let has = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    // The licence rule speaks of the association's members; every other "member" is a portal
    // user and must say "användare" / "user".
    const MEMBERS_OF_THE_ASSOCIATION: [&str; 2] = [
        "eligibility-users-never",
        "faq-seed-who-may-use-licences-body",
    ];
    let member = match locale {
        Locale::Sv => w.iter().any(|x| x.starts_with("medlem")),
        Locale::En => has(&["member", "members"]),
    };
    if member && !MEMBERS_OF_THE_ASSOCIATION.contains(&id) {
        found.push("\"medlem\"/\"member\" for a portal user: write \"användare\"/\"user\"".into());
    }
    // Thousands and units: "10 000", "1 000 000", "10 MB" need a no-break space, and a run of
    // four or more digits needs grouping unless it is a year or part of a code (802000-0009).
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let in_code = (start > 0 && chars[start - 1] == '-') || chars.get(i) == Some(&'-');
        let year = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
        if run.len() >= 4 && !in_code && !year {
            found.push(format!(
                "{run} without a no-break space between its thousands"
            ));
        }
        let next3: String = chars.iter().skip(i + 1).take(3).collect();
        if chars.get(i) == Some(&' ')
            && next3.len() == 3
            && next3.chars().all(|c| c.is_ascii_digit())
            && !chars.get(i + 4).is_some_and(|c| c.is_ascii_digit())
            // "+46 8 123 45 67" is a telephone number, not thousands.
            && !(chars.get(i + 4) == Some(&' ')
                && chars.get(i + 5).is_some_and(|c| c.is_ascii_digit()))
        {
            found.push(format!("{run} {next3}: an ordinary space groups thousands"));
        }
    }
    if text.contains(" MB") {
        found.push("an ordinary space before MB".into());
    }
    if locale == Locale::Sv {
        if text.contains("365 administrationscent") {
            found.push("\"Microsoft 365 administrationscenter\" written apart".into());
        }
        let du = has(&["du", "dig", "din", "ditt", "dina"]);
        let ni = has(&["ni", "er", "ert", "era"]);
        if du && ni {
            found.push("\"du\" and \"ni\" in one message".into());
        }
        for english in ["sku", "e-mail", "ticket", "tickets", "webhook", "outbox"] {
            if w.iter().any(|x| x == english) {
                found.push(format!("the English word \"{english}\" in Swedish"));
            }
        }
    }
    found
}

#[test]
fn the_lint_catches_each_recurring_fault() {
    let sv = |t: &str| lint(Locale::Sv, "x", t).len();
    assert_eq!(sv("i Microsoft 365 administrationscenter"), 1);
    assert_eq!(sv("i Microsoft 365-administrationscentret"), 0);
    assert_eq!(sv("Du ser var ni står."), 1);
    assert_eq!(sv("Registrera er."), 0);
    assert_eq!(sv("Medlem"), 1);
    assert_eq!(
        lint(Locale::Sv, "eligibility-users-never", "medlemmar").len(),
        0
    );
    assert_eq!(lint(Locale::En, "x", "Member").len(), 1);
    assert_eq!(lint(Locale::En, "x", "easy to remember").len(), 0);
    assert_eq!(sv("högst 10 000 tecken"), 1);
    assert_eq!(sv("högst 10\u{a0}000 tecken"), 0);
    assert_eq!(sv("högst 1 000 000"), 1);
    assert_eq!(
        lint(Locale::En, "x", "for example +46 8 123 45 67.").len(),
        0
    );
    assert_eq!(sv("200000 rader"), 1);
    assert_eq!(
        sv("Windows Server 2025, 802000-0009, D-2026-00042, 08-123 45 67"),
        0
    );
    assert_eq!(sv("högst 10 MB"), 1);
    assert_eq!(sv("högst {}\u{a0}MB"), 0);
    assert_eq!(sv("Skriv en SKU"), 1);
    assert_eq!(sv("via e-mail"), 1);
    assert_eq!(sv("ett ticket"), 1);
    assert_eq!(sv("en webhook från outbox"), 2);
    assert_eq!(
        lint(Locale::En, "x", "1,000 tickets by e-mail"),
        Vec::<String>::new()
    );
}

#[test]
fn no_message_has_the_language_reviews_recurring_faults() {
    let mut faults = vec![];
    for l in Locale::ALL {
        for (id, text) in sources(l) {
            for f in lint(l, &id, &text) {
                faults.push(format!("{}/{id}: {f}", l.code()));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// `text` holds `frag` as whole words (not "1 licens" inside "1 licenser").
fn has_phrase(text: &str, frag: &str) -> bool {
    text.match_indices(frag).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + frag.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphabetic)
    })
}

#[test]
fn every_message_with_a_count_agrees_with_it_in_both_languages() {
    use fluent_bundle::{FluentArgs, FluentValue};
    let i18n = I18n::load(true).unwrap();
    let sv_vars = catalogue(Locale::Sv);
    // (message, count variable, sv for 1, sv otherwise, en for 1, en otherwise); {n} is the
    // number as the language writes it.
    let cases: [(&str, &str, &str, &str, &str, &str); 27] = [
        (
            "age-days",
            "days",
            "1 dag",
            "{n} dagar",
            "1 day",
            "{n} days",
        ),
        (
            "eligibility-quantity-minimum",
            "min",
            "minst 1 licens",
            "minst {n} licenser",
            "at least 1 licence",
            "at least {n} licences",
        ),
        (
            "eligibility-cloud-example",
            "licensed",
            "med 1 donerad licens",
            "med {n} donerade licenser",
            "with 1 donated licence",
            "with {n} donated licences",
        ),
        (
            "eligibility-cloud-example",
            "needed",
            "1 användare ha varit aktiv",
            "{n} användare ha varit aktiva",
            "1 user must",
            "{n} users must",
        ),
        (
            "selfcheck-quantity-exempt",
            "total",
            "Licensen är undantagen",
            "Alla {n} licenser är undantagna",
            "The licence is exempt",
            "All {n} licences are exempt",
        ),
        (
            "selfcheck-quantity-enough",
            "total",
            "1 licens räcker",
            "{n} licenser räcker",
            "1 licence is enough",
            "{n} licences are enough",
        ),
        (
            "selfcheck-quantity-short",
            "total",
            "innehåller 1 licens",
            "innehåller {n} licenser",
            "contains 1 licence",
            "contains {n} licences",
        ),
        (
            "selfcheck-quantity-short",
            "missing",
            "Lägg till 1 licens till",
            "Lägg till {n} licenser till",
            "Add 1 more licence",
            "Add {n} more licences",
        ),
        (
            "selfcheck-cloud-met",
            "licensed",
            "av 1 licens",
            "av {n} licenser",
            "of 1 licence",
            "of {n} licences",
        ),
        (
            "selfcheck-cloud-short",
            "licensed",
            "av 1 licens",
            "av {n} licenser",
            "of 1 licence",
            "of {n} licences",
        ),
        (
            "selfcheck-cloud-short",
            "missing",
            "1 användare till behöver bli aktiv",
            "{n} användare till behöver bli aktiva",
            "1 more user needs",
            "{n} more users need",
        ),
        (
            "order-error-minimum",
            "total",
            "innehåller 1 licens",
            "innehåller {n} licenser",
            "contains 1 licence",
            "contains {n} licences",
        ),
        (
            "order-error-minimum",
            "missing",
            "Lägg till 1 licens till",
            "Lägg till {n} licenser till",
            "Add 1 more licence",
            "Add {n} more licences",
        ),
        (
            "usage-product-pass",
            "licensed",
            "av 1 licens",
            "av {n} licenser",
            "of 1 licence is",
            "of {n} licences are",
        ),
        (
            "usage-product-fail",
            "licensed",
            "av 1 licens",
            "av {n} licenser",
            "of 1 licence is",
            "of {n} licences are",
        ),
        (
            "usage-product-fail",
            "gap",
            "1 användare till behöver bli aktiv",
            "{n} användare till behöver bli aktiva",
            "1 more user must",
            "{n} more users must",
        ),
        (
            "usage-error-missing-columns",
            "count",
            "saknar kolumnen",
            "saknar kolumnerna",
            "lacks the column",
            "lacks the columns",
        ),
        (
            "usage-error-row",
            "found",
            "har 1 fält",
            "har {n} fält",
            "has 1 field",
            "has {n} fields",
        ),
        (
            "usage-error-too-many-rows",
            "limit",
            "fler än 1 rad",
            "fler än {n} rader",
            "more than 1 row",
            "more than {n} rows",
        ),
        (
            "ticket-files-hint",
            "count",
            "Högst 1 fil",
            "Högst {n} filer",
            "Up to 1 file",
            "Up to {n} files",
        ),
        (
            "selfcheck-cloud-met",
            "active",
            "1 av",
            "{n} av",
            "1 of",
            "{n} of",
        ),
        (
            "usage-product-pass",
            "active",
            "1 av",
            "{n} av",
            "1 of",
            "{n} of",
        ),
        (
            "order-warning-cores",
            "cores",
            "1 kärnlicens räcker",
            "{n} kärnlicenser räcker",
            "1 core licence is",
            "{n} core licences are",
        ),
        (
            "order-warning-cores",
            "units",
            "minst 1 styck",
            "minst {n} stycken",
            "at least 1 item",
            "at least {n} items",
        ),
        (
            "usage-assigned-users",
            "users",
            "X: 1 användare",
            "X: {n} användare",
            "X: 1 user",
            "X: {n} users",
        ),
        (
            "validation-countdown",
            "days",
            "bara i dag",
            "i {n} dagar till",
            "for today only",
            "for {n} more days",
        ),
        (
            "mail-validation-reminder-body",
            "days",
            "bara i dag",
            "i {n} dagar till",
            "for today only",
            "for {n} more days",
        ),
    ];
    for (id, var, sv_one, sv_other, en_one, en_other) in cases {
        let vars = &sv_vars[id];
        assert!(vars.contains(var), "{id} has no ${var}");
        for n in [0i64, 1, 2, 1000] {
            for (l, one, other) in [
                (Locale::Sv, sv_one, sv_other),
                (Locale::En, en_one, en_other),
            ] {
                let mut a = FluentArgs::new();
                for v in vars {
                    match v.as_str() {
                        "share" => a.set(v.as_str(), "50,0 %"),
                        "report" | "columns" | "type" | "product" => a.set(v.as_str(), "X"),
                        _ => a.set(v.as_str(), FluentValue::from(7)),
                    }
                }
                a.set(var, FluentValue::from(n));
                let text = i18n.format(l, id, Some(&a));
                let shown = donera::i18n::format::integer(l, n);
                let want = if n == 1 { one } else { other }.replace("{n}", &shown);
                assert!(
                    has_phrase(&text, &want),
                    "{}/{id} with ${var} = {n}: {text:?} lacks {want:?}",
                    l.code()
                );
            }
        }
    }
}
