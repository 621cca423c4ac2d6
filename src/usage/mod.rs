//! Cloud active-usage check: parsing Microsoft 365 usage-report exports and the 85 % rule.
//! (Being written; see issue 9.)
