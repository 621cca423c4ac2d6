//! Staff admins create, edit and retire products; every change is audited.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::catalog::{ProductForm, ProductKind};
use super::views::{ProductView, StaffProductTpl, StaffProductsTpl};
use crate::accounts::auth::StaffAdmin;
use crate::audit::Actor;
use crate::db::{self};
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::Choice;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::request::{client_ip, flash};

pub async fn list(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let products = db::run(&state.pool, super::catalog::all).await?;
    let l = cx.layout(Page::StaffProducts, "staff-products-title", Some(&admin.0))?;
    let products: Vec<ProductView> = products
        .iter()
        .map(|p| {
            let mut v = ProductView::new(&l.tr, p, Page::StaffProduct.link(locale, &p.id));
            v.changed = super::catalog::differs_from_seed(p, &state.i18n);
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
            label: l
                .tr
                .t(&format!("product-kind-{}", k.key().replace('_', "-"))),
            selected: form.kind == k.key(),
        })
        .collect();
    Ok(StaffProductTpl {
        csrf: csrf::token(session)?,
        action,
        heading: l.tr.t(heading),
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
    let product = db::run(&state.pool, move |c| super::catalog::by_id(c, &i))
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
    let checked = match form.check() {
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
        super::catalog::save_product(
            c,
            now,
            &Actor::staff(&staff.id, &ip),
            id2.as_deref(),
            &f2,
            checked,
        )
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
