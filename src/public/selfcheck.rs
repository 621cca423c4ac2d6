//! The self-check form: reading the visitor's answers (with a message per bad field) and turning
//! the rules' findings into the page's words.

use fluent_bundle::FluentValue;
use serde::Deserialize;

use crate::eligibility::rules::{self, Exemption, Finding, LicenseMinimum, Reason, SelfCheckInput};
use crate::eligibility::{OrgNumber, OrgType, Verdict};
use crate::i18n::{args, format};
use crate::web::page::Tr;

/// The GET form as submitted; every field is text so that bad input can be shown back as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct SelfCheckForm {
    #[serde(default)]
    pub org_type: String,
    #[serde(default)]
    pub org_number: String,
    #[serde(default)]
    pub licenses: String,
    #[serde(default)]
    pub exempt: String,
    #[serde(default)]
    pub cloud_seats: String,
    #[serde(default)]
    pub cloud_active: String,
}

/// Longest value kept from any field; longer input is an error, not silently cut.
const MAX_FIELD: usize = 40;
/// Largest license count we accept; more than any nonprofit orders.
const MAX_COUNT: u64 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub id: &'static str,
}

impl SelfCheckForm {
    /// The answers as shown back in the form: each cut to the longest value a field takes, so an
    /// oversized query is not echoed back whole.
    pub fn for_display(&self) -> SelfCheckForm {
        let cut = |s: &String| s.chars().take(MAX_FIELD).collect();
        SelfCheckForm {
            org_type: cut(&self.org_type),
            org_number: cut(&self.org_number),
            licenses: cut(&self.licenses),
            exempt: cut(&self.exempt),
            cloud_seats: cut(&self.cloud_seats),
            cloud_active: cut(&self.cloud_active),
        }
    }

    pub fn is_empty(&self) -> bool {
        [
            &self.org_type,
            &self.org_number,
            &self.licenses,
            &self.exempt,
            &self.cloud_seats,
            &self.cloud_active,
        ]
        .iter()
        .all(|v| v.is_empty())
    }

    /// Reads the answers, or lists every field that is wrong.
    pub fn parse(&self) -> Result<SelfCheckInput, Vec<FieldError>> {
        let mut errors = vec![];
        let mut err = |field, id| errors.push(FieldError { field, id });
        let org_type = match self.org_type.trim() {
            "" => None,
            key => OrgType::from_key(key).or_else(|| {
                err("org_type", "selfcheck-error-org-type");
                None
            }),
        };
        let org_number = match self.org_number.trim() {
            "" => None,
            s if s.len() > MAX_FIELD => {
                err("org_number", "orgnr-error-format");
                None
            }
            s => match OrgNumber::parse(s) {
                Ok(n) => Some(n),
                Err(e) => {
                    err("org_number", e.fluent_id());
                    None
                }
            },
        };
        let licenses = count(&self.licenses, 0).unwrap_or_else(|id| {
            err("licenses", id);
            None
        });
        let exemption = match self.exempt.trim() {
            "" => Exemption::None,
            key => Exemption::from_key(key).unwrap_or_else(|| {
                err("exempt", "selfcheck-error-exempt");
                Exemption::None
            }),
        };
        let seats = count(&self.cloud_seats, 1).unwrap_or_else(|id| {
            err("cloud_seats", id);
            None
        });
        let active = count(&self.cloud_active, 0).unwrap_or_else(|id| {
            err("cloud_active", id);
            None
        });
        let cloud = match (seats, active) {
            (Some(s), Some(a)) if a > s => {
                err("cloud_active", "selfcheck-error-active-over-seats");
                None
            }
            (Some(s), Some(a)) => Some((s, a)),
            (Some(_), None) if self.cloud_active.trim().is_empty() => {
                err("cloud_active", "selfcheck-error-active-missing");
                None
            }
            (None, Some(_)) if self.cloud_seats.trim().is_empty() => {
                err("cloud_seats", "selfcheck-error-seats-missing");
                None
            }
            _ => None,
        };
        if errors.is_empty() {
            Ok(SelfCheckInput {
                org_type,
                org_number,
                licenses,
                exemption,
                cloud,
            })
        } else {
            Err(errors)
        }
    }
}

/// A whole number from `min` up to the maximum; empty means "not answered".
fn count(raw: &str, min: u64) -> Result<Option<u64>, &'static str> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.len() > MAX_FIELD || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err("selfcheck-error-number");
    }
    match s.parse::<u64>() {
        Ok(n) if n < min => Err("selfcheck-error-at-least-one"),
        Ok(n) if n <= MAX_COUNT => Ok(Some(n)),
        _ => Err("selfcheck-error-too-large"),
    }
}

/// A finding in the page's words.
pub struct FindingView {
    pub rule: &'static str,
    pub status: &'static str,
    pub title: String,
    pub status_label: String,
    pub text: String,
    /// The eligibility page's section that explains the rule.
    pub anchor: String,
}

pub fn describe(tr: &Tr, f: &Finding) -> FindingView {
    // Numbers, not strings: the messages pick their plural form from them.
    let n = |v: u64| FluentValue::from(v);
    let text = match f.reason {
        Reason::OrgTypeMissing => tr.t("selfcheck-orgtype-missing"),
        Reason::OrgType(t, v) => {
            let a = args([("type", tr.t(&t.fluent_id()).into())]);
            match v {
                Verdict::Eligible => tr.ta("selfcheck-orgtype-eligible", &a),
                Verdict::Excluded => tr.ta(
                    &format!("selfcheck-orgtype-excluded-{}", t.key().replace('_', "-")),
                    &a,
                ),
                Verdict::Assess if t.named_only_in_older_rules() => {
                    tr.ta("selfcheck-orgtype-older-rules", &a)
                }
                Verdict::Assess => tr.ta("selfcheck-orgtype-assess", &a),
            }
        }
        Reason::OrgNumberMissing => tr.t("selfcheck-orgnr-missing"),
        Reason::OrgNumberGroup(g) => {
            let a = args([("group", tr.t(g.fluent_id()).into())]);
            if g == crate::eligibility::OrgGroup::NonProfit {
                tr.ta("selfcheck-orgnr-nonprofit", &a)
            } else {
                tr.ta("selfcheck-orgnr-review", &a)
            }
        }
        Reason::QuantityMissing => tr.t("selfcheck-quantity-missing"),
        Reason::Quantity(q) => match q {
            LicenseMinimum::NoDiscounted => tr.t("selfcheck-quantity-none"),
            LicenseMinimum::AllExempt { total } => {
                tr.ta("selfcheck-quantity-exempt", &args([("total", n(total))]))
            }
            LicenseMinimum::Enough { total } => tr.ta(
                "selfcheck-quantity-enough",
                &args([("total", n(total)), ("min", n(rules::MIN_LICENSES))]),
            ),
            LicenseMinimum::Short { total, missing } => tr.ta(
                "selfcheck-quantity-short",
                &args([
                    ("total", n(total)),
                    ("min", n(rules::MIN_LICENSES)),
                    ("missing", n(missing)),
                ]),
            ),
        },
        Reason::Budget => tr.t("selfcheck-budget"),
        Reason::CloudMissing => tr.t("selfcheck-cloud-missing"),
        Reason::Cloud(u) => {
            let a = args([
                ("active", n(u.active)),
                ("licensed", n(u.licensed)),
                (
                    "share",
                    format::percent_tenths(tr.locale, u.share_tenths as i64).into(),
                ),
                ("needed", n(u.needed)),
                ("missing", n(u.missing())),
                ("days", n(u64::from(rules::ACTIVE_DAYS))),
            ]);
            if u.is_met() {
                tr.ta("selfcheck-cloud-met", &a)
            } else {
                tr.ta("selfcheck-cloud-short", &a)
            }
        }
        Reason::Validation => tr.t("selfcheck-validation"),
    };
    FindingView {
        rule: f.rule.key(),
        status: f.status.key(),
        title: tr.t(&format!(
            "selfcheck-rule-{}",
            f.rule.key().replace('_', "-")
        )),
        status_label: tr.t(&format!(
            "selfcheck-status-{}",
            f.status.key().replace('_', "-")
        )),
        text,
        anchor: tr.t(&format!("eligibility-anchor-{}", anchor_of(f.rule))),
    }
}

fn anchor_of(rule: rules::Rule) -> &'static str {
    use rules::Rule;
    match rule {
        Rule::OrgType | Rule::OrgNumber => "further",
        Rule::Quantity => "quantity",
        Rule::Budget => "budget",
        Rule::CloudUse => "cloud",
        Rule::Validation => "nonprofit",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> SelfCheckForm {
        let mut f = SelfCheckForm::default();
        for (k, v) in pairs {
            let v = v.to_string();
            match *k {
                "org_type" => f.org_type = v,
                "org_number" => f.org_number = v,
                "licenses" => f.licenses = v,
                "exempt" => f.exempt = v,
                "cloud_seats" => f.cloud_seats = v,
                "cloud_active" => f.cloud_active = v,
                _ => unreachable!(),
            }
        }
        f
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(&'static str, &'static str)> {
        errors.into_iter().map(|e| (e.field, e.id)).collect()
    }

    #[test]
    fn a_full_answer_parses() {
        let input = form(&[
            ("org_type", "foundation"),
            ("org_number", "802000-0009"),
            ("licenses", "5"),
            ("exempt", "some"),
            ("cloud_seats", "20"),
            ("cloud_active", "17"),
        ])
        .parse()
        .unwrap();
        assert_eq!(input.licenses, Some(5));
        assert_eq!(input.cloud, Some((20, 17)));
        assert_eq!(input.exemption, Exemption::Some);
    }

    #[test]
    fn bad_numbers_are_named_per_field() {
        let errs = form(&[
            ("licenses", "-3"),
            ("cloud_seats", "0"),
            ("cloud_active", "abc"),
        ])
        .parse();
        assert_eq!(
            fields(errs.unwrap_err()),
            vec![
                ("licenses", "selfcheck-error-number"),
                ("cloud_seats", "selfcheck-error-at-least-one"),
                ("cloud_active", "selfcheck-error-number"),
            ]
        );
        let huge = form(&[("licenses", "99999999999999999999999")]).parse();
        assert_eq!(
            fields(huge.unwrap_err()),
            vec![("licenses", "selfcheck-error-too-large")]
        );
        let big = form(&[("licenses", "1000001")]).parse();
        assert_eq!(
            fields(big.unwrap_err()),
            vec![("licenses", "selfcheck-error-too-large")]
        );
    }

    #[test]
    fn more_active_users_than_seats_is_an_error() {
        let errs = form(&[("cloud_seats", "10"), ("cloud_active", "11")]).parse();
        assert_eq!(
            fields(errs.unwrap_err()),
            vec![("cloud_active", "selfcheck-error-active-over-seats")]
        );
        let half = form(&[("cloud_seats", "10")]).parse();
        assert_eq!(
            fields(half.unwrap_err()),
            vec![("cloud_active", "selfcheck-error-active-missing")]
        );
    }

    #[test]
    fn unknown_choices_and_bad_org_numbers_are_errors() {
        let errs = form(&[
            ("org_type", "bank"),
            ("exempt", "maybe"),
            ("org_number", "802000-0005"),
        ])
        .parse();
        assert_eq!(
            fields(errs.unwrap_err()),
            vec![
                ("org_type", "selfcheck-error-org-type"),
                ("org_number", "orgnr-error-checksum"),
                ("exempt", "selfcheck-error-exempt"),
            ]
        );
    }

    #[test]
    fn empty_form_is_empty() {
        assert!(SelfCheckForm::default().is_empty());
        assert_eq!(
            SelfCheckForm::default().parse().unwrap(),
            SelfCheckInput::default()
        );
    }
}
