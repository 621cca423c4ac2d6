//! The order rule as a plain function: an order is allowed only when every rule holds, and
//! otherwise every broken rule is named with its numbers.

use crate::eligibility::rules::{LicenseMinimum, license_minimum};
use crate::orders::catalog::Product;

/// Where the organisation's validation stands on the order date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    Valid,
    None,
    Pending,
    Rejected,
    Expired,
}

/// One requested line: a product (None when the id is unknown) and the quantity as typed.
pub struct Requested<'a> {
    pub product: Option<&'a Product>,
    pub quantity: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    NotValidated(Validation),
    Empty,
    UnknownProduct,
    Retired { product: String },
    Quantity { product: String, max: i64 },
    Minimum { total: u64, missing: u64 },
}

/// An order line of a core-licensed server product too small for even one server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoreShortfall {
    pub product: String,
    /// The core licences the line gives.
    pub cores: u32,
    /// The fewest core licences one server needs.
    pub min: u32,
    /// The fewest items that license one server.
    pub items: u32,
}

/// The core licences `quantity` items give and the fewest items one server needs, when the
/// items cannot license a single server; `None` when they can (or the quantity is no count).
pub fn one_server_shortfall(
    c: crate::orders::catalog::CoreLicensing,
    quantity: i64,
) -> Option<(u32, u32)> {
    let items = u32::try_from(quantity).ok().filter(|q| *q > 0)?;
    let cores = items.saturating_mul(c.cores_per_item);
    (cores < c.min_per_server).then(|| (cores, c.min_per_server.div_ceil(c.cores_per_item.max(1))))
}

/// The lines of an order that cannot license a single server: a warning, not a refusal (an
/// organisation may add cores to a server it already licensed).
pub fn core_warnings(lines: &[(Product, i64)], locale: crate::i18n::Locale) -> Vec<CoreShortfall> {
    lines
        .iter()
        .filter_map(|(p, q)| {
            let c = crate::orders::catalog::core_licensing(&p.sku)?;
            let (cores, items) = one_server_shortfall(c, *q)?;
            Some(CoreShortfall {
                product: p.name(locale).to_owned(),
                cores,
                min: c.min_per_server,
                items,
            })
        })
        .collect()
}

/// Checks an order. `Ok(())` or every rule broken.
pub fn check(
    validation: Validation,
    lines: &[Requested],
    locale: crate::i18n::Locale,
) -> Result<(), Vec<Problem>> {
    let mut problems = vec![];
    if validation != Validation::Valid {
        problems.push(Problem::NotValidated(validation));
    }
    if lines.is_empty() {
        problems.push(Problem::Empty);
    }
    let mut counted = vec![];
    for l in lines {
        let Some(p) = l.product else {
            problems.push(Problem::UnknownProduct);
            continue;
        };
        let name = p.name(locale).to_owned();
        if !p.active {
            problems.push(Problem::Retired {
                product: name.clone(),
            });
        }
        if l.quantity < 1 || l.quantity > i64::from(p.max_quantity) {
            problems.push(Problem::Quantity {
                product: name,
                max: i64::from(p.max_quantity),
            });
        } else {
            counted.push(p.line(l.quantity as u64));
        }
    }
    if let LicenseMinimum::Short { total, missing } = license_minimum(&counted) {
        problems.push(Problem::Minimum { total, missing });
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod core_tests {
    use super::*;
    use crate::orders::catalog::CoreLicensing;

    const SQL: CoreLicensing = CoreLicensing {
        cores_per_item: 2,
        min_per_server: 4,
    };
    const WINDOWS: CoreLicensing = CoreLicensing {
        cores_per_item: 16,
        min_per_server: 16,
    };

    #[test]
    fn one_two_core_pack_cannot_license_a_server() {
        assert_eq!(one_server_shortfall(SQL, 1), Some((2, 2)));
        assert_eq!(one_server_shortfall(SQL, 2), None);
        assert_eq!(one_server_shortfall(SQL, 3), None);
        let odd = CoreLicensing {
            cores_per_item: 2,
            min_per_server: 16,
        };
        assert_eq!(one_server_shortfall(odd, 7), Some((14, 8)));
        assert_eq!(one_server_shortfall(odd, 8), None);
    }

    #[test]
    fn a_sixteen_core_item_licenses_a_server_by_itself() {
        assert_eq!(one_server_shortfall(WINDOWS, 1), None);
    }

    #[test]
    fn no_count_no_warning() {
        assert_eq!(one_server_shortfall(SQL, 0), None);
        assert_eq!(one_server_shortfall(SQL, -3), None);
        assert_eq!(one_server_shortfall(SQL, i64::MAX), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::orders::catalog::ProductKind;

    fn product(sku: &str, kind: ProductKind, exempt: bool, max: i32, active: bool) -> Product {
        Product {
            id: sku.into(),
            sku: sku.into(),
            name_sv: sku.into(),
            name_en: sku.into(),
            description_sv: String::new(),
            description_en: String::new(),
            kind: kind.key().into(),
            exempt,
            fee_ore: 100,
            max_quantity: max,
            active,
            position: 0,
            updated_at: time::macros::datetime!(2026-11-28 10:00),
        }
    }

    fn office() -> Product {
        product("office", ProductKind::Discounted, false, 50, true)
    }
    fn server() -> Product {
        product("server", ProductKind::Discounted, true, 5, true)
    }
    fn cloud() -> Product {
        product("cloud", ProductKind::DonatedCloud, false, 300, true)
    }

    fn run(v: Validation, lines: &[(&Product, i64)]) -> Result<(), Vec<Problem>> {
        let req: Vec<Requested> = lines
            .iter()
            .map(|(p, q)| Requested {
                product: Some(p),
                quantity: *q,
            })
            .collect();
        check(v, &req, Locale::En)
    }

    #[test]
    fn four_fail_and_five_pass() {
        let o = office();
        assert_eq!(
            run(Validation::Valid, &[(&o, 4)]),
            Err(vec![Problem::Minimum {
                total: 4,
                missing: 1
            }])
        );
        assert_eq!(run(Validation::Valid, &[(&o, 5)]), Ok(()));
    }

    #[test]
    fn four_plus_one_exempt_pass() {
        let (o, s) = (office(), server());
        assert_eq!(run(Validation::Valid, &[(&o, 4), (&s, 1)]), Ok(()));
    }

    #[test]
    fn four_plus_ten_cloud_seats_fail() {
        let (o, c) = (office(), cloud());
        assert_eq!(
            run(Validation::Valid, &[(&o, 4), (&c, 10)]),
            Err(vec![Problem::Minimum {
                total: 4,
                missing: 1
            }])
        );
    }

    #[test]
    fn exempt_only_and_cloud_only_have_no_minimum() {
        let (s, c) = (server(), cloud());
        assert_eq!(run(Validation::Valid, &[(&s, 1)]), Ok(()));
        assert_eq!(run(Validation::Valid, &[(&c, 1)]), Ok(()));
    }

    #[test]
    fn five_over_three_products_pass() {
        let (a, b, c) = (
            office(),
            product("visio", ProductKind::Discounted, false, 20, true),
            product("project", ProductKind::Discounted, false, 20, true),
        );
        assert_eq!(run(Validation::Valid, &[(&a, 2), (&b, 2), (&c, 1)]), Ok(()));
    }

    #[test]
    fn quantities_out_of_range_and_retired_products_are_named() {
        let o = office();
        let old = product("old", ProductKind::Discounted, false, 50, false);
        let errs = run(Validation::Valid, &[(&o, 0), (&old, 5)]).unwrap_err();
        assert!(errs.contains(&Problem::Quantity {
            product: "office".into(),
            max: 50
        }));
        assert!(errs.contains(&Problem::Retired {
            product: "old".into()
        }));
        assert!(run(Validation::Valid, &[(&o, -3)]).is_err());
        assert!(run(Validation::Valid, &[(&o, 51)]).is_err());
    }

    #[test]
    fn every_rule_is_reported_at_once() {
        let o = office();
        let errs = run(Validation::Expired, &[(&o, 3)]).unwrap_err();
        assert_eq!(
            errs,
            vec![
                Problem::NotValidated(Validation::Expired),
                Problem::Minimum {
                    total: 3,
                    missing: 2
                }
            ]
        );
        assert_eq!(
            check(Validation::Valid, &[], Locale::Sv),
            Err(vec![Problem::Empty])
        );
        assert_eq!(
            check(
                Validation::Pending,
                &[Requested {
                    product: None,
                    quantity: 1
                }],
                Locale::Sv
            ),
            Err(vec![
                Problem::NotValidated(Validation::Pending),
                Problem::UnknownProduct
            ])
        );
    }
}
