//! The public catalogue: the list and one page per product.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::views::{CatalogTpl, ProductTpl, ProductView};
use crate::accounts::auth::Viewer;
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::page::{Ctx, private};

pub async fn list(cx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let products = db::run(&state.pool, super::catalog::active).await?;
    let l = cx.layout(Page::Products, "products-title", viewer.person())?;
    let products = products
        .iter()
        .map(|p| ProductView::new(&l.tr, p, Page::Product.link(locale, &p.sku)))
        .collect();
    private(StatusCode::OK, &CatalogTpl { l, products })
}

pub async fn show(
    cx: Ctx,
    viewer: Viewer,
    sku: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let sku = sku.into_inner();
    let s = sku.clone();
    let product = db::run(&state.pool, move |c| super::catalog::by_sku(c, &s)).await?;
    let Some(product) = product.filter(|p| p.active) else {
        return Err(AppError::NotFound);
    };
    let paths = [
        Page::Product.link(Locale::Sv, &sku),
        Page::Product.link(Locale::En, &sku),
    ];
    let l = cx.layout_at(Page::Products, "products-title", viewer.person(), paths)?;
    let exempt_note = product.exempt.then(|| l.tr.t("product-exempt-why"));
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
