//! The rules of PRODUCT.md section 2, each a pure function, and the self-check that applies them
//! to what a visitor tells us.

use super::{OrgGroup, OrgNumber, OrgType, Verdict};

/// Every order of discounted products must hold at least this many licenses in total.
pub const MIN_LICENSES: u64 = 5;
/// Share of donated cloud licenses that must be in active use, in percent.
pub const ACTIVE_SHARE_PERCENT: u64 = 85;
/// An active user used a Microsoft 365 cloud service within this many days.
pub const ACTIVE_DAYS: u32 = 90;

/// One line of an order, as far as the license minimum cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LicenseLine {
    /// A discounted license (true) or a donated cloud service (false).
    pub discounted: bool,
    /// Exempt from the five-license minimum.
    pub exempt: bool,
    pub quantity: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LicenseMinimum {
    /// No discounted licenses at all: nothing to check.
    NoDiscounted,
    /// Only exempt discounted products: no minimum.
    AllExempt {
        total: u64,
    },
    Enough {
        total: u64,
    },
    Short {
        total: u64,
        missing: u64,
    },
}

impl LicenseMinimum {
    pub fn is_met(self) -> bool {
        !matches!(self, LicenseMinimum::Short { .. })
    }
}

/// The five-license minimum. Any non-exempt discounted line triggers it; then all discounted
/// licenses of the order, exempt ones included, must add up to five. Donated cloud services
/// neither count nor trigger.
pub fn license_minimum(lines: &[LicenseLine]) -> LicenseMinimum {
    let discounted = lines.iter().filter(|l| l.discounted && l.quantity > 0);
    let total: u64 = discounted.clone().map(|l| l.quantity).sum();
    let triggered = discounted.clone().any(|l| !l.exempt);
    match (total, triggered) {
        (0, _) => LicenseMinimum::NoDiscounted,
        (total, false) => LicenseMinimum::AllExempt { total },
        (total, true) if total >= MIN_LICENSES => LicenseMinimum::Enough { total },
        (total, true) => LicenseMinimum::Short {
            total,
            missing: MIN_LICENSES - total,
        },
    }
}

/// Active users needed for `licensed` donated licenses: 85 %, rounded up (20 need 17).
pub fn needed_active(licensed: u64) -> u64 {
    (licensed * ACTIVE_SHARE_PERCENT).div_ceil(100)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActiveUse {
    pub active: u64,
    pub licensed: u64,
    /// The active share in tenths of a percent, rounded down so a failing share never shows as 85.0.
    pub share_tenths: u64,
    pub needed: u64,
}

impl ActiveUse {
    pub fn is_met(&self) -> bool {
        self.active >= self.needed
    }

    pub fn missing(&self) -> u64 {
        self.needed.saturating_sub(self.active)
    }
}

/// The 85 % rule for `active` users of `licensed` donated licenses; `None` without licenses.
pub fn active_use(active: u64, licensed: u64) -> Option<ActiveUse> {
    if licensed == 0 {
        return None;
    }
    Some(ActiveUse {
        active,
        licensed,
        share_tenths: active.saturating_mul(1000) / licensed,
        needed: needed_active(licensed),
    })
}

/// How the planned discounted licenses relate to the exemption, as the self-check asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Exemption {
    #[default]
    None,
    Some,
    All,
}

impl Exemption {
    pub fn key(self) -> &'static str {
        match self {
            Exemption::None => "none",
            Exemption::Some => "some",
            Exemption::All => "all",
        }
    }

    pub fn from_key(key: &str) -> Option<Exemption> {
        [Exemption::None, Exemption::Some, Exemption::All]
            .into_iter()
            .find(|e| e.key() == key)
    }
}

/// What a visitor tells the self-check; every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelfCheckInput {
    pub org_type: Option<OrgType>,
    pub org_number: Option<OrgNumber>,
    pub licenses: Option<u64>,
    pub exemption: Exemption,
    /// Donated cloud licenses and users active in the last 90 days.
    pub cloud: Option<(u64, u64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    OrgType,
    OrgNumber,
    Quantity,
    Budget,
    CloudUse,
    Validation,
}

impl Rule {
    pub fn key(self) -> &'static str {
        match self {
            Rule::OrgType => "org_type",
            Rule::OrgNumber => "org_number",
            Rule::Quantity => "quantity",
            Rule::Budget => "budget",
            Rule::CloudUse => "cloud_use",
            Rule::Validation => "validation",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Met,
    NotMet,
    Unknown,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Unknown => "unknown",
        }
    }
}

/// Why a rule came out as it did; the page turns it into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    OrgTypeMissing,
    OrgType(OrgType, Verdict),
    OrgNumberMissing,
    OrgNumberGroup(OrgGroup),
    Quantity(LicenseMinimum),
    QuantityMissing,
    Budget,
    CloudMissing,
    Cloud(ActiveUse),
    Validation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub status: Status,
    pub reason: Reason,
}

/// Applies every rule to the input. The result lists each rule once, in the order of the page.
pub fn self_check(input: &SelfCheckInput) -> Vec<Finding> {
    let org_type = match input.org_type {
        None => (Status::Unknown, Reason::OrgTypeMissing),
        Some(t) => {
            let v = t.verdict();
            let status = match v {
                Verdict::Eligible => Status::Met,
                Verdict::Excluded => Status::NotMet,
                Verdict::Assess => Status::Unknown,
            };
            (status, Reason::OrgType(t, v))
        }
    };
    let org_number = match input.org_number {
        None => (Status::Unknown, Reason::OrgNumberMissing),
        Some(n) if n.group() == OrgGroup::NonProfit => {
            (Status::Met, Reason::OrgNumberGroup(OrgGroup::NonProfit))
        }
        // A valid number outside group 8 is not refused: the partner reviews it.
        Some(n) => (Status::Unknown, Reason::OrgNumberGroup(n.group())),
    };
    let quantity = match input.licenses {
        None => (Status::Unknown, Reason::QuantityMissing),
        Some(n) => {
            let line = LicenseLine {
                discounted: true,
                exempt: input.exemption == Exemption::All,
                quantity: n,
            };
            let outcome = license_minimum(&[line]);
            let status = if outcome.is_met() {
                Status::Met
            } else {
                Status::NotMet
            };
            (status, Reason::Quantity(outcome))
        }
    };
    let cloud = match input
        .cloud
        .and_then(|(licensed, active)| active_use(active, licensed))
    {
        None => (Status::Unknown, Reason::CloudMissing),
        Some(u) => (
            if u.is_met() {
                Status::Met
            } else {
                Status::NotMet
            },
            Reason::Cloud(u),
        ),
    };
    [
        (Rule::OrgType, org_type),
        (Rule::OrgNumber, org_number),
        (Rule::Quantity, quantity),
        (Rule::Budget, (Status::Met, Reason::Budget)),
        (Rule::CloudUse, cloud),
        (Rule::Validation, (Status::Unknown, Reason::Validation)),
    ]
    .into_iter()
    .map(|(rule, (status, reason))| Finding {
        rule,
        status,
        reason,
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(discounted: bool, exempt: bool, quantity: u64) -> LicenseLine {
        LicenseLine {
            discounted,
            exempt,
            quantity,
        }
    }

    #[test]
    fn four_licenses_fall_one_short_and_five_pass() {
        assert_eq!(
            license_minimum(&[line(true, false, 4)]),
            LicenseMinimum::Short {
                total: 4,
                missing: 1
            }
        );
        assert_eq!(
            license_minimum(&[line(true, false, 5)]),
            LicenseMinimum::Enough { total: 5 }
        );
    }

    #[test]
    fn five_may_be_spread_over_products() {
        let lines = [
            line(true, false, 2),
            line(true, false, 2),
            line(true, false, 1),
        ];
        assert_eq!(license_minimum(&lines), LicenseMinimum::Enough { total: 5 });
    }

    #[test]
    fn exempt_licenses_count_toward_the_five() {
        let lines = [line(true, false, 4), line(true, true, 1)];
        assert_eq!(license_minimum(&lines), LicenseMinimum::Enough { total: 5 });
    }

    #[test]
    fn exempt_only_orders_have_no_minimum() {
        assert_eq!(
            license_minimum(&[line(true, true, 1)]),
            LicenseMinimum::AllExempt { total: 1 }
        );
    }

    #[test]
    fn cloud_services_neither_count_nor_trigger() {
        let lines = [line(true, false, 4), line(false, false, 10)];
        assert_eq!(
            license_minimum(&lines),
            LicenseMinimum::Short {
                total: 4,
                missing: 1
            }
        );
        assert_eq!(
            license_minimum(&[line(false, false, 1)]),
            LicenseMinimum::NoDiscounted
        );
        assert_eq!(license_minimum(&[]), LicenseMinimum::NoDiscounted);
    }

    #[test]
    fn needed_active_rounds_up() {
        assert_eq!(needed_active(20), 17);
        assert_eq!(needed_active(1), 1);
        assert_eq!(needed_active(10), 9);
        assert_eq!(needed_active(100), 85);
        assert_eq!(needed_active(1000), 850);
    }

    #[test]
    fn share_of_84_9_fails_and_85_passes() {
        let short = active_use(849, 1000).unwrap();
        assert!(!short.is_met());
        assert_eq!(short.share_tenths, 849);
        assert_eq!(short.missing(), 1);
        let exact = active_use(850, 1000).unwrap();
        assert!(exact.is_met());
        assert_eq!(exact.share_tenths, 850);
        // 16 of 20 is 80 %; 17 of 20 is exactly 85 %.
        assert!(!active_use(16, 20).unwrap().is_met());
        assert!(active_use(17, 20).unwrap().is_met());
        // 84.99 % is shown as 84.9, never rounded up to a passing-looking 85.0.
        assert_eq!(active_use(8499, 10000).unwrap().share_tenths, 849);
        assert_eq!(active_use(0, 0), None);
    }

    fn find(findings: &[Finding], rule: Rule) -> Finding {
        *findings.iter().find(|f| f.rule == rule).unwrap()
    }

    #[test]
    fn empty_input_gives_every_rule_with_unknowns() {
        let f = self_check(&SelfCheckInput::default());
        assert_eq!(f.len(), 6);
        assert_eq!(find(&f, Rule::OrgType).status, Status::Unknown);
        assert_eq!(find(&f, Rule::Quantity).status, Status::Unknown);
        assert_eq!(find(&f, Rule::Budget).status, Status::Met);
        assert_eq!(find(&f, Rule::Validation).status, Status::Unknown);
    }

    #[test]
    fn self_check_applies_each_rule() {
        let input = SelfCheckInput {
            org_type: Some(OrgType::School),
            org_number: Some(OrgNumber::parse("202100-5448").unwrap()),
            licenses: Some(4),
            exemption: Exemption::None,
            cloud: Some((20, 16)),
        };
        let f = self_check(&input);
        assert_eq!(find(&f, Rule::OrgType).status, Status::NotMet);
        assert_eq!(
            find(&f, Rule::OrgNumber).reason,
            Reason::OrgNumberGroup(OrgGroup::Public)
        );
        assert_eq!(find(&f, Rule::OrgNumber).status, Status::Unknown);
        assert_eq!(find(&f, Rule::Quantity).status, Status::NotMet);
        assert_eq!(find(&f, Rule::CloudUse).status, Status::NotMet);
    }

    #[test]
    fn group_8_number_and_all_exempt_pass() {
        let input = SelfCheckInput {
            org_type: Some(OrgType::Foundation),
            org_number: Some(OrgNumber::parse("802000-0009").unwrap()),
            licenses: Some(1),
            exemption: Exemption::All,
            cloud: Some((20, 17)),
        };
        let f = self_check(&input);
        for rule in [
            Rule::OrgType,
            Rule::OrgNumber,
            Rule::Quantity,
            Rule::CloudUse,
        ] {
            assert_eq!(find(&f, rule).status, Status::Met, "{rule:?}");
        }
    }

    #[test]
    fn some_exempt_still_needs_five_in_total() {
        let input = SelfCheckInput {
            licenses: Some(3),
            exemption: Exemption::Some,
            ..Default::default()
        };
        assert_eq!(
            find(&self_check(&input), Rule::Quantity).status,
            Status::NotMet
        );
    }
}
