//! Template structs of the catalogue and order pages, and how problems are put into words.

use askama::Template;

use super::rules::{Problem, Validation};
use crate::i18n::{args, format};
use crate::orders::catalog::{Product, ProductKind};
use crate::web::form::Choice;
use crate::web::form::FormErrors;
use crate::web::page::{Layout, Tr};

/// A product as lists show it.
pub struct ProductView {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub description: String,
    pub kind: String,
    pub minimum: String,
    pub fee: String,
    pub max: i32,
    pub href: String,
    pub active: bool,
    /// The quantity typed in the order form, kept on errors.
    pub quantity: String,
    pub error: Option<String>,
    /// Staff list: a seeded product that differs from the current defaults.
    pub changed: bool,
}

impl ProductView {
    pub fn new(tr: &Tr, p: &Product, href: String) -> ProductView {
        let l = tr.locale;
        ProductView {
            id: p.id.clone(),
            sku: p.sku.clone(),
            name: p.name(l).to_owned(),
            description: p.description(l).to_owned(),
            kind: tr.t(match p.kind() {
                ProductKind::Discounted => "product-kind-discounted",
                ProductKind::DonatedCloud => "product-kind-donated-cloud",
            }),
            minimum: tr.t(match (p.kind(), p.exempt) {
                (ProductKind::DonatedCloud, _) => "product-minimum-cloud",
                (_, true) => "product-minimum-exempt",
                _ => "product-minimum-applies",
            }),
            fee: format::sek(l, p.fee_ore),
            max: p.max_quantity,
            href,
            active: p.active,
            quantity: String::new(),
            error: None,
            changed: false,
        }
    }
}

#[derive(Template)]
#[template(path = "catalog/list.html")]
pub struct CatalogTpl {
    pub l: Layout,
    pub products: Vec<ProductView>,
}

#[derive(Template)]
#[template(path = "catalog/product.html")]
pub struct ProductTpl {
    pub l: Layout,
    pub p: ProductView,
    pub exempt_note: Option<String>,
    pub list: &'static str,
}

/// A broken rule in words.
pub fn problem_text(tr: &Tr, p: &Problem) -> String {
    let n = |v: u64| format::integer(tr.locale, v as i64);
    match p {
        Problem::NotValidated(v) => tr.t(match v {
            Validation::None => "order-error-not-validated-none",
            Validation::Pending => "order-error-not-validated-pending",
            Validation::Rejected => "order-error-not-validated-rejected",
            Validation::Expired => "order-error-not-validated-expired",
            Validation::Valid => "order-error-not-validated-none",
        }),
        Problem::Empty => tr.t("order-error-empty"),
        Problem::UnknownProduct => tr.t("order-error-unknown-product"),
        Problem::Retired { product } => tr.ta(
            "order-error-retired",
            &args([("product", product.clone().into())]),
        ),
        Problem::Quantity { product, max } => tr.ta(
            "order-error-quantity",
            &args([
                ("product", product.clone().into()),
                ("max", n(*max as u64).into()),
            ]),
        ),
        Problem::Minimum { total, missing } => tr.ta(
            "order-error-minimum",
            &args([
                ("total", (*total).into()),
                ("min", crate::eligibility::rules::MIN_LICENSES.into()),
                ("missing", (*missing).into()),
            ]),
        ),
    }
}

#[derive(Template)]
#[template(path = "orders/form.html")]
pub struct OrderFormTpl {
    pub l: Layout,
    pub csrf: String,
    pub action: &'static str,
    pub products: Vec<ProductView>,
    pub problems: Vec<String>,
    pub validation_note: Option<String>,
    pub warnings: Vec<String>,
}

pub struct LineView {
    pub product_id: String,
    pub name: String,
    pub quantity: i64,
    pub fee: String,
    pub sum: String,
}

#[derive(Template)]
#[template(path = "orders/review.html")]
pub struct ReviewTpl {
    pub l: Layout,
    pub csrf: String,
    pub action: &'static str,
    pub back: &'static str,
    pub key: String,
    pub lines: Vec<LineView>,
    pub total: String,
    pub licences: String,
    pub warnings: Vec<String>,
}

/// An order line too small for one server, in words.
pub fn core_warning_text(tr: &Tr, w: &crate::orders::rules::CoreShortfall) -> String {
    tr.ta(
        "order-warning-cores",
        &args([
            ("product", w.product.clone().into()),
            ("cores", w.cores.into()),
            ("min", w.min.into()),
            ("units", w.items.into()),
        ]),
    )
}

pub struct OrderRow {
    pub href: String,
    pub reference: String,
    pub submitted: String,
    pub state_label: String,
    pub total: String,
    pub org: String,
    pub age: String,
    pub licences: String,
    pub validation: String,
}

#[derive(Template)]
#[template(path = "orders/list.html")]
pub struct OrdersTpl {
    pub l: Layout,
    pub rows: Vec<OrderRow>,
    pub new: &'static str,
}

pub struct HistoryView {
    pub at: String,
    pub state_label: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "orders/show.html")]
pub struct OrderTpl {
    pub l: Layout,
    pub reference: String,
    pub state: String,
    pub state_label: String,
    pub lines: Vec<LineView>,
    pub total: String,
    pub history: Vec<HistoryView>,
    pub csrf: String,
    pub cancel: Option<String>,
    pub list: &'static str,
    pub reason: Option<String>,
    pub fulfilment: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/orders.html")]
pub struct StaffOrdersTpl {
    pub l: Layout,
    pub rows: Vec<OrderRow>,
    pub states: Vec<Choice>,
    pub path: &'static str,
    pub pager: crate::web::queue::Pager,
}

#[derive(Template)]
#[template(path = "staff/order.html")]
pub struct StaffOrderTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub reference: String,
    /// The organisation's staff page.
    pub org_href: String,
    pub org_name: String,
    pub org_number: String,
    pub validation: String,
    pub state: String,
    pub state_label: String,
    pub lines: Vec<LineView>,
    pub total: String,
    pub history: Vec<HistoryView>,
    pub csrf: String,
    pub decide: String,
    pub queue: &'static str,
    pub reason: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "staff/products.html")]
pub struct StaffProductsTpl {
    pub l: Layout,
    pub products: Vec<ProductView>,
    pub new: &'static str,
    /// A seeded product differs from the current defaults.
    pub any_changed: bool,
}

#[derive(Template)]
#[template(path = "staff/product.html")]
pub struct StaffProductTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: String,
    pub heading: String,
    pub form: super::catalog::ProductForm,
    pub kinds: Vec<Choice>,
    pub list: &'static str,
}

pub fn validation_label(tr: &Tr, v: Validation) -> String {
    tr.t(match v {
        Validation::Valid => "order-validation-valid",
        Validation::None => "order-validation-none",
        Validation::Pending => "order-validation-pending",
        Validation::Rejected => "order-validation-rejected",
        Validation::Expired => "order-validation-expired",
    })
}
