//! The product catalogue: discounted licences and donated cloud services with their admin fees,
//! the five-licence exemption and per-order maximums. Seeded on first start from the locale
//! files (names and descriptions are text, so they live there), edited by staff admins after
//! ([`ProductForm`] and [`save_product`]). Part of orders: the catalogue is what can be ordered;
//! its pages are `products` (members) and `product_admin` (staff).

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::db::schema::products as p;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::{I18n, Locale, format};
use crate::web::form::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProductKind {
    Discounted,
    DonatedCloud,
}

impl ProductKind {
    pub fn key(self) -> &'static str {
        match self {
            ProductKind::Discounted => "discounted",
            ProductKind::DonatedCloud => "donated_cloud",
        }
    }

    pub fn from_key(k: &str) -> Option<ProductKind> {
        [ProductKind::Discounted, ProductKind::DonatedCloud]
            .into_iter()
            .find(|x| x.key() == k)
    }
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = p)]
pub struct Product {
    pub id: String,
    pub sku: String,
    pub name_sv: String,
    pub name_en: String,
    pub description_sv: String,
    pub description_en: String,
    pub kind: String,
    pub exempt: bool,
    pub fee_ore: i64,
    pub max_quantity: i32,
    pub active: bool,
    pub position: i32,
    pub updated_at: PrimitiveDateTime,
}

impl Product {
    pub fn name(&self, l: Locale) -> &str {
        match l {
            Locale::Sv => &self.name_sv,
            Locale::En => &self.name_en,
        }
    }

    pub fn description(&self, l: Locale) -> &str {
        match l {
            Locale::Sv => &self.description_sv,
            Locale::En => &self.description_en,
        }
    }

    pub fn kind(&self) -> ProductKind {
        ProductKind::from_key(&self.kind).unwrap_or(ProductKind::Discounted)
    }

    /// As the order rule sees it.
    pub fn line(&self, quantity: u64) -> crate::eligibility::rules::LicenseLine {
        crate::eligibility::rules::LicenseLine {
            discounted: self.kind() == ProductKind::Discounted,
            exempt: self.exempt,
            quantity,
        }
    }
}

pub fn all(conn: &mut DbConn) -> Result<Vec<Product>, AppError> {
    Ok(p::table
        .order((p::position.asc(), p::sku.asc()))
        .select(Product::as_select())
        .load(conn)?)
}

pub fn active(conn: &mut DbConn) -> Result<Vec<Product>, AppError> {
    Ok(p::table
        .filter(p::active.eq(true))
        .order((p::position.asc(), p::sku.asc()))
        .select(Product::as_select())
        .load(conn)?)
}

pub fn by_sku(conn: &mut DbConn, sku: &str) -> Result<Option<Product>, AppError> {
    Ok(p::table
        .filter(p::sku.eq(sku))
        .select(Product::as_select())
        .first(conn)
        .optional()?)
}

pub fn by_id(conn: &mut DbConn, id: &str) -> Result<Option<Product>, AppError> {
    Ok(p::table
        .find(id)
        .select(Product::as_select())
        .first(conn)
        .optional()?)
}

/// The catalogue seeded on first start: (SKU, kind, exempt, fee in öre, maximum per order).
/// Names and descriptions come from `seed-product-<sku>-name` / `-description` in each language.
pub const SEED: [(&str, ProductKind, bool, i64, i32); 10] = [
    (
        "m365-business-basic",
        ProductKind::DonatedCloud,
        false,
        0,
        300,
    ),
    // The free Premium grant ended on 1 July 2025: a discounted subscription since (PRODUCT.md 6a).
    (
        "m365-business-premium",
        ProductKind::Discounted,
        false,
        0,
        300,
    ),
    (
        "office-ltsc-standard",
        ProductKind::Discounted,
        false,
        69_900,
        50,
    ),
    (
        "office-ltsc-pro-plus",
        ProductKind::Discounted,
        false,
        89_900,
        50,
    ),
    (
        "windows-pro-upgrade",
        ProductKind::Discounted,
        false,
        24_900,
        50,
    ),
    (
        "windows-server-standard",
        ProductKind::Discounted,
        true,
        79_900,
        5,
    ),
    (
        "windows-server-cal",
        ProductKind::Discounted,
        false,
        4_900,
        250,
    ),
    (
        "sql-server-standard",
        ProductKind::Discounted,
        true,
        99_900,
        5,
    ),
    (
        "visio-professional",
        ProductKind::Discounted,
        false,
        59_900,
        20,
    ),
    (
        "project-professional",
        ProductKind::Discounted,
        false,
        79_900,
        20,
    ),
];

/// Fills an empty catalogue; does nothing once there are products (staff own them from then on).
pub fn seed_if_empty(
    conn: &mut DbConn,
    i18n: &I18n,
    now: PrimitiveDateTime,
) -> Result<usize, AppError> {
    db::write(conn, |c| {
        let n: i64 = p::table.count().get_result(c)?;
        if n > 0 {
            return Ok(0);
        }
        for (i, (sku, kind, exempt, fee, max)) in SEED.iter().enumerate() {
            let text =
                |l: Locale, what: &str| i18n.format(l, &format!("seed-product-{sku}-{what}"), None);
            diesel::insert_into(p::table)
                .values((
                    p::id.eq(uuid::Uuid::new_v4().to_string()),
                    p::sku.eq(sku),
                    p::name_sv.eq(text(Locale::Sv, "name")),
                    p::name_en.eq(text(Locale::En, "name")),
                    p::description_sv.eq(text(Locale::Sv, "description")),
                    p::description_en.eq(text(Locale::En, "description")),
                    p::kind.eq(kind.key()),
                    p::exempt.eq(exempt),
                    p::fee_ore.eq(fee),
                    p::max_quantity.eq(max),
                    p::active.eq(true),
                    p::position.eq(i as i32 * 10),
                    p::updated_at.eq(now),
                ))
                .execute(c)?;
        }
        Ok(SEED.len())
    })
}

/// How a product licensed per core is sold (PRODUCT.md 6a): the core licences one ordered item
/// holds and the fewest a single server needs, whatever its number of cores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoreLicensing {
    pub cores_per_item: u32,
    pub min_per_server: u32,
}

/// The seeded server products sold per core: Windows Server as 16 cores (eight two-core packs),
/// the least a server needs; SQL Server as one two-core pack, of which a server needs two.
pub fn core_licensing(sku: &str) -> Option<CoreLicensing> {
    match sku {
        "windows-server-standard" => Some(CoreLicensing {
            cores_per_item: 16,
            min_per_server: 16,
        }),
        "sql-server-standard" => Some(CoreLicensing {
            cores_per_item: 2,
            min_per_server: 4,
        }),
        _ => None,
    }
}

/// Whether a seeded product (by its SKU) differs from what the current locale files and [`SEED`]
/// would seed: staff edited it, or the defaults changed after it was edited. Products staff added
/// have no defaults and never differ.
pub fn differs_from_seed(p: &Product, i18n: &I18n) -> bool {
    let Some((sku, kind, exempt, fee, max)) = SEED.iter().find(|s| s.0 == p.sku) else {
        return false;
    };
    let text = |l: Locale, what: &str| i18n.format(l, &format!("seed-product-{sku}-{what}"), None);
    p.name_sv != text(Locale::Sv, "name")
        || p.name_en != text(Locale::En, "name")
        || p.description_sv != text(Locale::Sv, "description")
        || p.description_en != text(Locale::En, "description")
        || p.kind != kind.key()
        || p.exempt != *exempt
        || p.fee_ore != *fee
        || p.max_quantity != *max
}

/// Reads an amount in kronor as typed ("699", "699,50", "1 299.00") into öre.
pub fn parse_sek(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let t = t.trim_end_matches("kr").trim_start_matches("SEK");
    let (whole, frac) = match t.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (t, ""),
    };
    if whole.is_empty()
        || whole.len() > 9
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let ore = whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?;
    Some(ore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kronor_as_typed() {
        assert_eq!(parse_sek("699"), Some(69_900));
        assert_eq!(parse_sek("699,5"), Some(69_950));
        assert_eq!(parse_sek("1 299.00"), Some(129_900));
        assert_eq!(parse_sek("0"), Some(0));
        assert_eq!(parse_sek("12,345"), None);
        assert_eq!(parse_sek("-5"), None);
        assert_eq!(parse_sek("abc"), None);
        assert_eq!(parse_sek(""), None);
        assert_eq!(parse_sek("9999999999"), None);
    }

    fn seeded(i18n: &I18n, sku: &str) -> Product {
        let (sku, kind, exempt, fee, max) = SEED.iter().find(|s| s.0 == sku).unwrap();
        let text =
            |l: Locale, what: &str| i18n.format(l, &format!("seed-product-{sku}-{what}"), None);
        Product {
            id: "p".into(),
            sku: (*sku).into(),
            name_sv: text(Locale::Sv, "name"),
            name_en: text(Locale::En, "name"),
            description_sv: text(Locale::Sv, "description"),
            description_en: text(Locale::En, "description"),
            kind: kind.key().into(),
            exempt: *exempt,
            fee_ore: *fee,
            max_quantity: *max,
            active: true,
            position: 0,
            updated_at: time::macros::datetime!(2026-01-01 0:00),
        }
    }

    #[test]
    fn a_seeded_product_differs_from_its_defaults_only_when_changed() {
        let i18n = I18n::load(true).unwrap();
        for (sku, ..) in SEED {
            assert!(!differs_from_seed(&seeded(&i18n, sku), &i18n), "{sku}");
        }
        let mut p = seeded(&i18n, "m365-business-premium");
        p.description_en.push_str(" Edited.");
        assert!(differs_from_seed(&p, &i18n));
        let mut p = seeded(&i18n, "windows-server-standard");
        p.fee_ore += 100;
        assert!(differs_from_seed(&p, &i18n));
        let mut p = seeded(&i18n, "visio-professional");
        p.sku = "staff-added".into();
        p.description_sv = "Något helt annat".into();
        assert!(!differs_from_seed(&p, &i18n));
    }

    #[test]
    fn the_2026_catalogue_has_no_premium_grant_and_basic_stays_donated() {
        let kind = |sku: &str| SEED.iter().find(|s| s.0 == sku).unwrap().1;
        assert_eq!(kind("m365-business-basic"), ProductKind::DonatedCloud);
        assert_eq!(kind("m365-business-premium"), ProductKind::Discounted);
        let i18n = I18n::load(true).unwrap();
        for l in Locale::ALL {
            let name = i18n.format(l, "seed-product-m365-business-premium-name", None);
            assert!(!name.contains("donation"), "{name}");
            let text = i18n.format(l, "seed-product-m365-business-premium-description", None);
            assert!(text.contains("2025"), "{text}");
        }
    }

    #[test]
    fn the_seed_has_an_exempt_product_and_both_kinds() {
        assert!(SEED.iter().any(|s| s.2));
        assert!(SEED.iter().any(|s| s.1 == ProductKind::DonatedCloud));
        assert!(SEED.iter().all(|s| s.4 > 0));
    }
}

#[derive(serde::Deserialize, Default, Clone)]
pub struct ProductForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub sku: String,
    #[serde(default)]
    pub name_sv: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub description_sv: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub exempt: String,
    #[serde(default)]
    pub fee: String,
    #[serde(default)]
    pub max_quantity: String,
    #[serde(default)]
    pub active: String,
}

impl ProductForm {
    pub fn from_product(p: &Product, l: Locale) -> ProductForm {
        let fee = format::sek(l, p.fee_ore);
        ProductForm {
            csrf: String::new(),
            sku: p.sku.clone(),
            name_sv: p.name_sv.clone(),
            name_en: p.name_en.clone(),
            description_sv: p.description_sv.clone(),
            description_en: p.description_en.clone(),
            kind: p.kind.clone(),
            exempt: if p.exempt {
                "yes".into()
            } else {
                String::new()
            },
            fee: fee
                .trim_end_matches("\u{a0}kr")
                .trim_start_matches("SEK\u{a0}")
                .replace('\u{a0}', "")
                .replace(',', "."),
            max_quantity: p.max_quantity.to_string(),
            active: if p.active {
                "yes".into()
            } else {
                String::new()
            },
        }
    }

    pub fn check(&self) -> Result<(String, ProductKind, i64, i32), Vec<FieldError>> {
        let mut e = vec![];
        let sku = self.sku.trim().to_lowercase();
        if sku.is_empty()
            || sku.len() > 60
            || !sku
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            e.push(FieldError {
                field: "sku",
                id: "product-error-sku",
            });
        }
        for (field, v, max) in [
            ("name_sv", &self.name_sv, 200),
            ("name_en", &self.name_en, 200),
            ("description_sv", &self.description_sv, 4000),
            ("description_en", &self.description_en, 4000),
        ] {
            if v.trim().is_empty() && field.starts_with("name") {
                e.push(FieldError {
                    field,
                    id: "form-error-required",
                });
            } else if v.chars().count() > max || v.contains('\0') {
                e.push(FieldError {
                    field,
                    id: "form-error-too-long",
                });
            }
        }
        let kind = ProductKind::from_key(&self.kind);
        if kind.is_none() {
            e.push(FieldError {
                field: "kind",
                id: "form-error-choice",
            });
        }
        let fee = parse_sek(&self.fee);
        if fee.is_none() {
            e.push(FieldError {
                field: "fee",
                id: "product-error-fee",
            });
        }
        let max = self
            .max_quantity
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=10_000).contains(n));
        if max.is_none() {
            e.push(FieldError {
                field: "max_quantity",
                id: "product-error-max",
            });
        }
        match (kind, fee, max) {
            (Some(k), Some(f), Some(m)) if e.is_empty() => Ok((sku, k, f, m)),
            _ => Err(e),
        }
    }
}

/// A product form that passed its checks: the SKU (lowercased), kind, fee in öre and maximum.
pub type CheckedProduct = (String, ProductKind, i64, i32);

/// Creates (`id` is `None`) or updates a product and audits it, in one transaction. `None` when
/// another product already has the SKU.
pub fn save_product(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &crate::audit::Actor,
    id: Option<&str>,
    form: &ProductForm,
    (sku, kind, fee, max): CheckedProduct,
) -> Result<Option<String>, AppError> {
    db::write(conn, |c| {
        if let Some(other) = by_sku(c, &sku)?
            && Some(other.id.as_str()) != id
        {
            return Ok(None);
        }
        let values = (
            p::sku.eq(&sku),
            p::name_sv.eq(form.name_sv.trim()),
            p::name_en.eq(form.name_en.trim()),
            p::description_sv.eq(form.description_sv.trim()),
            p::description_en.eq(form.description_en.trim()),
            p::kind.eq(kind.key()),
            p::exempt.eq(form.exempt == "yes"),
            p::fee_ore.eq(fee),
            p::max_quantity.eq(max),
            p::active.eq(form.active == "yes"),
            p::updated_at.eq(now),
        );
        let (pid, action) = match id {
            Some(pid) => {
                let n = diesel::update(p::table.find(pid)).set(values).execute(c)?;
                if n == 0 {
                    return Err(AppError::NotFound);
                }
                (pid.to_owned(), "product.updated")
            }
            None => {
                let pid = uuid::Uuid::new_v4().to_string();
                let position: Option<i32> =
                    p::table.select(diesel::dsl::max(p::position)).first(c)?;
                diesel::insert_into(p::table)
                    .values((
                        values,
                        p::id.eq(&pid),
                        p::position.eq(position.unwrap_or(0) + 10),
                    ))
                    .execute(c)?;
                (pid, "product.created")
            }
        };
        let details = format!(
            "{sku} active={} exempt={} fee_ore={fee} max={max}",
            form.active == "yes",
            form.exempt == "yes"
        );
        crate::audit::record(c, now, actor, action, "product", &pid, &details)?;
        Ok(Some(pid))
    })
}
