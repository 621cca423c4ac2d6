//! Staff admins create, edit and retire products; every change is audited.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::{Product, ProductKind, parse_sek};
use crate::accounts::auth::StaffAdmin;
use crate::audit::{self, Actor};
use crate::db::schema::products as p;
use crate::db::{self};
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, format};
use crate::orders::views::{ProductView, StaffProductTpl, StaffProductsTpl};
use crate::web::csrf;
use crate::web::form::Choice;
use crate::web::form::FieldError;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::request::{client_ip, flash};

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
    fn from_product(p: &Product, l: Locale) -> ProductForm {
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

    fn check(&self) -> Result<(String, ProductKind, i64, i32), Vec<FieldError>> {
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

pub async fn list(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let products = db::run(&state.pool, super::all).await?;
    let l = cx.layout(Page::StaffProducts, "staff-products-title", Some(&admin.0))?;
    let products: Vec<ProductView> = products
        .iter()
        .map(|p| {
            let mut v = ProductView::new(&l.tr, p, Page::StaffProduct.link(locale, &p.id));
            v.changed = super::differs_from_seed(p, &state.i18n);
            v
        })
        .collect();
    private(
        StatusCode::OK,
        &StaffProductsTpl {
            l,
            any_changed: products.iter().any(|p| p.changed),
            products,
            new: Page::StaffProductNew.path(locale),
        },
    )
}

fn page(
    cx: &Ctx,
    admin: &crate::accounts::model::User,
    id: Option<&str>,
    form: ProductForm,
    f: FormErrors,
) -> Result<StaffProductTpl, AppError> {
    let (locale, session) = (cx.locale, &cx.session);
    let (action, heading) = match id {
        Some(id) => (Page::StaffProduct.link(locale, id), "staff-product-edit"),
        None => (
            Page::StaffProductNew.path(locale).to_owned(),
            "staff-product-new",
        ),
    };
    let l = cx.layout(Page::StaffProducts, "staff-products-title", Some(admin))?;
    let kinds = [ProductKind::Discounted, ProductKind::DonatedCloud]
        .into_iter()
        .map(|k| Choice {
            value: k.key(),
            label: l.t(&format!("product-kind-{}", k.key().replace('_', "-"))),
            selected: form.kind == k.key(),
        })
        .collect();
    Ok(StaffProductTpl {
        csrf: csrf::token(session)?,
        action,
        heading: l.t(heading),
        form,
        kinds,
        list: Page::StaffProducts.path(locale),
        f,
        l,
    })
}

pub async fn new_form(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let form = ProductForm {
        kind: "discounted".into(),
        active: "yes".into(),
        max_quantity: "50".into(),
        ..Default::default()
    };
    private(
        StatusCode::OK,
        &page(&cx, &admin.0, None, form, FormErrors::none())?,
    )
}

pub async fn edit_form(
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let id = id.into_inner();
    let i = id.clone();
    let product = db::run(&state.pool, move |c| super::by_id(c, &i))
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ProductForm::from_product(&product, locale);
    private(
        StatusCode::OK,
        &page(&cx, &admin.0, Some(&id), form, FormErrors::none())?,
    )
}

async fn save(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: Option<String>,
    form: ProductForm,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    let (sku, kind, fee, max) = match form.check() {
        Ok(v) => v,
        Err(errors) => {
            let f = FormErrors::from_ids(&tr, &errors);
            return private(
                StatusCode::BAD_REQUEST,
                &page(&cx, &admin.0, id.as_deref(), form, f)?,
            );
        }
    };
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let staff = admin.0.clone();
    let f2 = form.clone();
    let id2 = id.clone();
    let saved = db::run(&state.pool, move |c| {
        db::write(c, |c| {
            if let Some(other) = super::by_sku(c, &sku)?
                && Some(&other.id) != id2.as_ref()
            {
                return Ok(None);
            }
            let values = (
                p::sku.eq(&sku),
                p::name_sv.eq(f2.name_sv.trim()),
                p::name_en.eq(f2.name_en.trim()),
                p::description_sv.eq(f2.description_sv.trim()),
                p::description_en.eq(f2.description_en.trim()),
                p::kind.eq(kind.key()),
                p::exempt.eq(f2.exempt == "yes"),
                p::fee_ore.eq(fee),
                p::max_quantity.eq(max),
                p::active.eq(f2.active == "yes"),
                p::updated_at.eq(now),
            );
            let (pid, action) = match &id2 {
                Some(pid) => {
                    let n = diesel::update(p::table.find(pid)).set(values).execute(c)?;
                    if n == 0 {
                        return Err(AppError::NotFound);
                    }
                    (pid.clone(), "product.updated")
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
                f2.active == "yes",
                f2.exempt == "yes"
            );
            audit::record(
                c,
                now,
                &Actor {
                    id: Some(&staff.id),
                    kind: "staff",
                    ip: &ip,
                },
                action,
                "product",
                &pid,
                &details,
            )?;
            Ok(Some(pid))
        })
    })
    .await?;
    match saved {
        Some(_) => {
            flash(session, "staff-product-saved");
            Ok(redirect(Page::StaffProducts.path(locale)))
        }
        None => {
            let f = FormErrors::one(&tr, "sku", "product-error-sku-taken");
            private(
                StatusCode::CONFLICT,
                &page(&cx, &admin.0, id.as_deref(), form, f)?,
            )
        }
    }
}

pub async fn create(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AppError> {
    save(req, cx, admin, None, form.into_inner()).await
}

pub async fn update(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AppError> {
    save(req, cx, admin, Some(id.into_inner()), form.into_inner()).await
}
