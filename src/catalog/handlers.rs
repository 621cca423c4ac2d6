//! The public catalogue: the list and one page per product.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::AppState;
use crate::accounts::handlers::{layout, private};
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::orders::views::{CatalogTpl, ProductTpl, ProductView};
use crate::web::auth::Viewer;

pub async fn list(
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let products = db::run(&state.pool, super::active).await?;
    let l = layout(
        &state,
        locale,
        Page::Products,
        "products-title",
        viewer.0.as_ref(),
        &session,
        None,
    )?;
    let products = products
        .iter()
        .map(|p| ProductView::new(&l.tr, p, Page::Product.link(locale, &p.sku)))
        .collect();
    private(StatusCode::OK, &CatalogTpl { l, products })
}

pub async fn show(
    state: web::Data<AppState>,
    locale: Locale,
    session: Session,
    viewer: Viewer,
    sku: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let sku = sku.into_inner();
    let s = sku.clone();
    let product = db::run(&state.pool, move |c| super::by_sku(c, &s)).await?;
    let Some(product) = product.filter(|p| p.active) else {
        return Err(AppError::NotFound);
    };
    let paths = [
        Page::Product.link(Locale::Sv, &sku),
        Page::Product.link(Locale::En, &sku),
    ];
    let l = layout(
        &state,
        locale,
        Page::Products,
        "products-title",
        viewer.0.as_ref(),
        &session,
        Some(paths),
    )?;
    let exempt_note = product.exempt.then(|| l.t("product-exempt-why"));
    let p = ProductView::new(&l.tr, &product, Page::Product.link(locale, &product.sku));
    let mut tpl = ProductTpl {
        p,
        exempt_note,
        list: Page::Products.path(locale),
        l,
    };
    tpl.l.title = tpl.p.name.clone();
    private(StatusCode::OK, &tpl)
}
