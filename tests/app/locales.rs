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
