//! Organisation types as Microsoft's nonprofit eligibility describes them (PRODUCT.md section 6).
//! The portal explains; the partner decides.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgType {
    NonprofitAssociation,
    Foundation,
    ReligiousCommunity,
    OtherNonprofit,
    PublicLibrary,
    PublicMuseum,
    Government,
    School,
    Healthcare,
    PublicUtility,
    Financial,
    PoliticalParty,
    TradeUnion,
    BusinessAssociation,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Eligible,
    Excluded,
    /// The partner has to look at the organisation's documents.
    Assess,
}

impl OrgType {
    pub const ALL: [OrgType; 15] = [
        OrgType::NonprofitAssociation,
        OrgType::Foundation,
        OrgType::ReligiousCommunity,
        OrgType::OtherNonprofit,
        OrgType::PublicLibrary,
        OrgType::PublicMuseum,
        OrgType::Government,
        OrgType::School,
        OrgType::Healthcare,
        OrgType::PublicUtility,
        OrgType::Financial,
        OrgType::PoliticalParty,
        OrgType::TradeUnion,
        OrgType::BusinessAssociation,
        OrgType::Other,
    ];

    /// The form value and the stable key in the database.
    pub fn key(self) -> &'static str {
        match self {
            OrgType::NonprofitAssociation => "nonprofit_association",
            OrgType::Foundation => "foundation",
            OrgType::ReligiousCommunity => "religious_community",
            OrgType::OtherNonprofit => "other_nonprofit",
            OrgType::PublicLibrary => "public_library",
            OrgType::PublicMuseum => "public_museum",
            OrgType::Government => "government",
            OrgType::School => "school",
            OrgType::Healthcare => "healthcare",
            OrgType::PublicUtility => "public_utility",
            OrgType::Financial => "financial",
            OrgType::PoliticalParty => "political_party",
            OrgType::TradeUnion => "trade_union",
            OrgType::BusinessAssociation => "business_association",
            OrgType::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<OrgType> {
        OrgType::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Fluent id of the type's name, e.g. `orgtype-school`.
    pub fn fluent_id(self) -> String {
        format!("orgtype-{}", self.key().replace('_', "-"))
    }

    pub fn verdict(self) -> Verdict {
        match self {
            OrgType::NonprofitAssociation
            | OrgType::Foundation
            | OrgType::ReligiousCommunity
            | OrgType::OtherNonprofit
            | OrgType::PublicLibrary
            | OrgType::PublicMuseum => Verdict::Eligible,
            OrgType::Government
            | OrgType::School
            | OrgType::Healthcare
            | OrgType::PublicUtility
            | OrgType::Financial => Verdict::Excluded,
            OrgType::PoliticalParty
            | OrgType::TradeUnion
            | OrgType::BusinessAssociation
            | OrgType::Other => Verdict::Assess,
        }
    }

    /// Types that Microsoft's current rules do not name but older programme terms excluded
    /// (PRODUCT.md section 6): the partner assesses them case by case, and every page says so.
    pub fn named_only_in_older_rules(self) -> bool {
        matches!(
            self,
            OrgType::PoliticalParty | OrgType::TradeUnion | OrgType::BusinessAssociation
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_are_unique() {
        for t in OrgType::ALL {
            assert_eq!(OrgType::from_key(t.key()), Some(t));
        }
        assert_eq!(OrgType::from_key("bank"), None);
    }

    #[test]
    fn schools_hospitals_and_authorities_are_excluded() {
        for t in [
            OrgType::School,
            OrgType::Healthcare,
            OrgType::Government,
            OrgType::Financial,
        ] {
            assert_eq!(t.verdict(), Verdict::Excluded);
        }
        assert_eq!(OrgType::PublicLibrary.verdict(), Verdict::Eligible);
        assert_eq!(OrgType::Other.verdict(), Verdict::Assess);
    }

    #[test]
    fn parties_unions_and_business_associations_are_assessed_not_excluded() {
        for t in [
            OrgType::PoliticalParty,
            OrgType::TradeUnion,
            OrgType::BusinessAssociation,
        ] {
            assert_eq!(t.verdict(), Verdict::Assess);
            assert!(t.named_only_in_older_rules());
        }
        assert!(!OrgType::Other.named_only_in_older_rules());
    }
}
