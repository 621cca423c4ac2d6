//! Swedish organisation numbers (organisationsnummer): NNNNNN-NNNN, the third digit at least 2,
//! the last digit a Luhn check digit over the first nine, the first digit the legal-form group.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgNumber([u8; 10]);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgNumberError {
    /// Not ten digits (or twelve with a leading 16), with at most one hyphen before the last four.
    Format,
    /// The third digit is below 2: a personal identity number, not an organisation's.
    PersonalNumber,
    /// The check digit does not match.
    Checksum,
}

impl OrgNumberError {
    pub fn fluent_id(self) -> &'static str {
        match self {
            OrgNumberError::Format => "orgnr-error-format",
            OrgNumberError::PersonalNumber => "orgnr-error-personal",
            OrgNumberError::Checksum => "orgnr-error-checksum",
        }
    }
}

/// The legal-form group given by the first digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgGroup {
    /// 2: state, regions, municipalities, parishes.
    Public,
    /// 5: limited companies.
    LimitedCompany,
    /// 6: simple partnerships.
    SimplePartnership,
    /// 7: economic associations.
    EconomicAssociation,
    /// 8: non-profit associations and foundations (also some religious communities).
    NonProfit,
    /// 9: trading and limited partnerships.
    TradingPartnership,
    /// Any other first digit.
    Other,
}

impl OrgGroup {
    pub fn fluent_id(self) -> &'static str {
        match self {
            OrgGroup::Public => "orgnr-group-public",
            OrgGroup::LimitedCompany => "orgnr-group-limited-company",
            OrgGroup::SimplePartnership => "orgnr-group-simple-partnership",
            OrgGroup::EconomicAssociation => "orgnr-group-economic-association",
            OrgGroup::NonProfit => "orgnr-group-nonprofit",
            OrgGroup::TradingPartnership => "orgnr-group-trading-partnership",
            OrgGroup::Other => "orgnr-group-other",
        }
    }

    pub const ALL: [OrgGroup; 7] = [
        OrgGroup::Public,
        OrgGroup::LimitedCompany,
        OrgGroup::SimplePartnership,
        OrgGroup::EconomicAssociation,
        OrgGroup::NonProfit,
        OrgGroup::TradingPartnership,
        OrgGroup::Other,
    ];
}

impl OrgNumber {
    /// Accepts `NNNNNN-NNNN`, `NNNNNNNNNN` and the 12-digit forms with a leading `16`; spaces
    /// around the number are ignored.
    pub fn parse(input: &str) -> Result<OrgNumber, OrgNumberError> {
        let s = input.trim();
        let s = match s.len() {
            12 | 13 if s.starts_with("16") => &s[2..],
            _ => s,
        };
        let bytes = s.as_bytes();
        let digits: Vec<u8> = match bytes.len() {
            10 => bytes.to_vec(),
            11 if bytes[6] == b'-' => bytes[..6].iter().chain(&bytes[7..]).copied().collect(),
            _ => return Err(OrgNumberError::Format),
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(OrgNumberError::Format);
        }
        let mut d = [0u8; 10];
        for (slot, c) in d.iter_mut().zip(&digits) {
            *slot = c - b'0';
        }
        if d[2] < 2 {
            return Err(OrgNumberError::PersonalNumber);
        }
        if luhn_check_digit(&d[..9]) != d[9] {
            return Err(OrgNumberError::Checksum);
        }
        Ok(OrgNumber(d))
    }

    pub fn group(&self) -> OrgGroup {
        match self.0[0] {
            2 => OrgGroup::Public,
            5 => OrgGroup::LimitedCompany,
            6 => OrgGroup::SimplePartnership,
            7 => OrgGroup::EconomicAssociation,
            8 => OrgGroup::NonProfit,
            9 => OrgGroup::TradingPartnership,
            _ => OrgGroup::Other,
        }
    }
}

/// Normalised as NNNNNN-NNNN.
impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i == 6 {
                f.write_str("-")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The Luhn digit that completes `digits`: weights 2,1,2,1,… from the first digit.
pub fn luhn_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let p = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_numbers_are_valid() {
        // Skatteverket (a public authority) and a group-8 number built with a correct check digit.
        assert_eq!(
            OrgNumber::parse("202100-5448").unwrap().group(),
            OrgGroup::Public
        );
        let n = OrgNumber::parse("802000-0009").unwrap();
        assert_eq!(n.group(), OrgGroup::NonProfit);
        assert_eq!(n.to_string(), "802000-0009");
    }

    #[test]
    fn accepted_forms_normalise_alike() {
        for form in [
            "8020000009",
            "802000-0009",
            "168020000009",
            "16802000-0009",
            " 802000-0009 ",
        ] {
            assert_eq!(
                OrgNumber::parse(form).unwrap().to_string(),
                "802000-0009",
                "{form}"
            );
        }
    }

    #[test]
    fn groups_by_first_digit() {
        let with_group = |first: u8| {
            let mut d = [first, 0, 2, 0, 0, 0, 0, 0, 0, 0];
            d[9] = luhn_check_digit(&d[..9]);
            let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
            OrgNumber::parse(&s).unwrap().group()
        };
        assert_eq!(with_group(2), OrgGroup::Public);
        assert_eq!(with_group(5), OrgGroup::LimitedCompany);
        assert_eq!(with_group(6), OrgGroup::SimplePartnership);
        assert_eq!(with_group(7), OrgGroup::EconomicAssociation);
        assert_eq!(with_group(8), OrgGroup::NonProfit);
        assert_eq!(with_group(9), OrgGroup::TradingPartnership);
        assert_eq!(with_group(3), OrgGroup::Other);
    }

    #[test]
    fn bad_checksum_is_refused() {
        assert_eq!(
            OrgNumber::parse("802000-0005"),
            Err(OrgNumberError::Checksum)
        );
        assert_eq!(
            OrgNumber::parse("202100-5449"),
            Err(OrgNumberError::Checksum)
        );
    }

    #[test]
    fn personal_identity_numbers_are_refused() {
        // Third digit 1: a birth month, so a person, not an organisation.
        let mut d = [8u8, 0, 1, 2, 3, 1, 1, 2, 3, 0];
        d[9] = luhn_check_digit(&d[..9]);
        let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        assert_eq!(OrgNumber::parse(&s), Err(OrgNumberError::PersonalNumber));
    }

    #[test]
    fn malformed_input_is_refused() {
        for bad in [
            "",
            "80200-0004",
            "802000--0004",
            "8020-000004",
            "80200000091",
            "abcdef-ghij",
            "802000 0004",
            "178020000009",
            "802000-000",
            "８０２０００-０００４",
            "802000-0009\0",
        ] {
            assert_eq!(
                OrgNumber::parse(bad),
                Err(OrgNumberError::Format),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn luhn_matches_the_reference_algorithm() {
        assert_eq!(luhn_check_digit(&[2, 0, 2, 1, 0, 0, 5, 4, 4]), 8);
        assert_eq!(luhn_check_digit(&[5, 5, 6, 0, 3, 6, 0, 7, 9]), 3);
    }
}
