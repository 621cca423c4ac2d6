//! Staff admins maintain the FAQ: articles (with a preview), categories, order and publishing.
//! Every change is audited.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::Category;
use super::service::{ArticleForm, slug_ok};
use crate::accounts::auth::StaffAdmin;
use crate::accounts::model::User;
use crate::audit::Actor;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::form::FieldError;
use crate::web::form::FormErrors;
use crate::web::page::Layout;
use crate::web::page::{Ctx, private, redirect};
use crate::web::request::{client_ip, flash};

pub struct Row {
    pub title: String,
    pub category: String,
    pub published: bool,
    pub yes: i64,
    pub no: i64,
    pub position: i32,
    pub href: String,
    pub delete: String,
}

#[derive(Template)]
#[template(path = "staff/faq.html")]
pub struct ListTpl {
    pub l: Layout,
    pub csrf: String,
    pub rows: Vec<Row>,
    pub categories: Vec<Category>,
    pub new: &'static str,
    pub categories_action: &'static str,
    /// Each category's delete action, in the order of `categories`.
    pub category_delete: Vec<String>,
    pub f: FormErrors,
}

/// A category in the article form's select.
pub struct CategoryChoice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/faq_article.html")]
pub struct EditTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: String,
    pub heading: String,
    pub form: ArticleForm,
    pub categories: Vec<CategoryChoice>,
    pub preview_sv: Option<String>,
    pub preview_en: Option<String>,
    pub list: &'static str,
}

pub async fn list(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let tpl = list_page(&cx, &admin.0, FormErrors::none()).await?;
    private(StatusCode::OK, &tpl)
}

async fn list_page(cx: &Ctx, admin: &User, f: FormErrors) -> Result<ListTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let (cats, arts) = db::run(&state.pool, |c| {
        Ok((super::categories(c)?, super::articles(c, true)?))
    })
    .await?;
    let l = cx.layout(Page::StaffFaq, "staff-faq-title", Some(admin))?;
    let rows = arts
        .iter()
        .map(|x| Row {
            title: x.text(locale).title.to_owned(),
            category: cats
                .iter()
                .find(|c| c.id == x.category_id)
                .map(|c| c.name(locale).to_owned())
                .unwrap_or_default(),
            published: x.published,
            yes: x.helpful_yes,
            no: x.helpful_no,
            position: x.position,
            href: Page::StaffFaqArticle.link(locale, &x.id),
            delete: Page::StaffFaqDelete.link(locale, &x.id),
        })
        .collect();
    Ok(ListTpl {
        csrf: csrf::token(session)?,
        rows,
        category_delete: cats
            .iter()
            .map(|c| Page::StaffFaqCategoryDelete.link(locale, &c.id))
            .collect(),
        categories: cats,
        new: Page::StaffFaqNew.path(locale),
        categories_action: Page::StaffFaqCategories.path(locale),

        f,
        l,
    })
}

async fn edit_page(
    cx: &Ctx,
    admin: &User,
    id: Option<&str>,
    form: ArticleForm,
    f: FormErrors,
    preview: bool,
) -> Result<EditTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let cats = db::run(&state.pool, super::categories).await?;
    let l = cx.layout(Page::StaffFaq, "staff-faq-title", Some(admin))?;
    let categories = cats
        .iter()
        .map(|c| CategoryChoice {
            value: c.key.clone(),
            label: c.name(locale).to_owned(),
            selected: c.key == form.category,
        })
        .collect();
    let (action, heading) = match id {
        Some(id) => (
            Page::StaffFaqArticle.link(locale, id),
            l.tr.t("staff-faq-edit"),
        ),
        None => (
            Page::StaffFaqNew.path(locale).to_owned(),
            l.tr.t("staff-faq-new"),
        ),
    };
    Ok(EditTpl {
        csrf: csrf::token(session)?,
        action,
        heading,
        preview_sv: preview.then(|| super::render(&form.body_sv)),
        preview_en: preview.then(|| super::render(&form.body_en)),
        form,
        categories,
        list: Page::StaffFaq.path(locale),
        f,
        l,
    })
}

pub async fn new_form(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let form = ArticleForm {
        position: "1000".into(),
        ..Default::default()
    };
    private(
        StatusCode::OK,
        &edit_page(&cx, &admin.0, None, form, FormErrors::none(), false).await?,
    )
}

pub async fn edit_form(
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    let id = id.into_inner();
    let i = id.clone();
    let (art, cats) = db::run(&state.pool, move |c| {
        Ok((super::by_id(c, &i)?, super::categories(c)?))
    })
    .await?;
    let art = art.ok_or(AppError::NotFound)?;
    let form = ArticleForm::from_article(&art, &cats);
    private(
        StatusCode::OK,
        &edit_page(&cx, &admin.0, Some(&id), form, FormErrors::none(), false).await?,
    )
}

async fn save(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: Option<String>,
    form: ArticleForm,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let cats = db::run(&state.pool, super::categories).await?;
    let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
    if form.preview == "yes" {
        return private(
            StatusCode::OK,
            &edit_page(&cx, &admin.0, id.as_deref(), form, FormErrors::none(), true).await?,
        );
    }
    let (cat, position) = match form.check(&cats) {
        Ok(v) => v,
        Err(errors) => {
            let f = FormErrors::from_ids(&tr, &errors);
            return private(
                StatusCode::BAD_REQUEST,
                &edit_page(&cx, &admin.0, id.as_deref(), form, f, false).await?,
            );
        }
    };
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let staff = admin.0.clone();
    let f = form.clone();
    let id2 = id.clone();
    let saved = db::run(&state.pool, move |conn| {
        super::service::save_article(
            conn,
            now,
            &Actor::staff(&staff.id, &ip),
            id2.as_deref(),
            &f,
            &cat,
            position,
        )
    })
    .await?;
    match saved {
        Some(_) => {
            flash(session, "staff-faq-saved");
            Ok(redirect(Page::StaffFaq.path(locale)))
        }
        None => {
            let f = FormErrors::one(&tr, "slug_sv", "faq-error-slug-taken");
            private(
                StatusCode::CONFLICT,
                &edit_page(&cx, &admin.0, id.as_deref(), form, f, false).await?,
            )
        }
    }
}

pub async fn create(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<ArticleForm>,
) -> Result<HttpResponse, AppError> {
    save(req, cx, admin, None, form.into_inner()).await
}

pub async fn update(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<ArticleForm>,
) -> Result<HttpResponse, AppError> {
    save(req, cx, admin, Some(id.into_inner()), form.into_inner()).await
}

#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub async fn delete(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let id = id.into_inner();
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let staff = admin.0.clone();
    let gone = db::run(&state.pool, move |conn| {
        super::service::delete_article(conn, now, &Actor::staff(&staff.id, &ip), &id)
    })
    .await?;
    if !gone {
        return Err(AppError::NotFound);
    }
    flash(session, "staff-faq-deleted");
    Ok(redirect(Page::StaffFaq.path(locale)))
}

#[derive(serde::Deserialize, Default)]
pub struct CategoryForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    name_sv: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    position: String,
}

/// Adds a category, or renames and moves the one with the same key.
pub async fn save_category(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<CategoryForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let key = form.key.trim().to_owned();
    let position = form
        .position
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|p| (0..=100_000).contains(p));
    let (sv, en) = (
        form.name_sv.trim().to_owned(),
        form.name_en.trim().to_owned(),
    );
    let mut e = vec![];
    if !slug_ok(&key) {
        e.push(FieldError {
            field: "key",
            id: "faq-error-slug",
        });
    }
    if sv.is_empty() || en.is_empty() || sv.chars().count() > 100 || en.chars().count() > 100 {
        e.push(FieldError {
            field: "name_sv",
            id: "form-error-required",
        });
    }
    if position.is_none() {
        e.push(FieldError {
            field: "position",
            id: "faq-error-position",
        });
    }
    let Some(position) = position.filter(|_| e.is_empty()) else {
        let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
        let tpl = list_page(&cx, &admin.0, FormErrors::from_ids(&tr, &e)).await?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    };
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let staff = admin.0.clone();
    db::run(&state.pool, move |conn| {
        super::service::save_category(
            conn,
            now,
            &Actor::staff(&staff.id, &ip),
            &key,
            [&sv, &en],
            position,
        )
    })
    .await?;
    flash(session, "staff-faq-saved");
    Ok(redirect(Page::StaffFaq.path(locale)))
}

/// Deletes an empty category. One that still holds articles is refused with a message: its
/// articles would otherwise lose their place in the FAQ.
pub async fn delete_category(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    id: web::Path<String>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let id = id.into_inner();
    let now = state.clock.now_utc_naive();
    let ip = client_ip(&req);
    let staff = admin.0.clone();
    let outcome = db::run(&state.pool, move |conn| {
        super::service::delete_category(conn, now, &Actor::staff(&staff.id, &ip), &id)
    })
    .await?;
    match outcome {
        None => Err(AppError::NotFound),
        Some(true) => {
            flash(session, "staff-faq-category-deleted");
            Ok(redirect(Page::StaffFaq.path(locale)))
        }
        Some(false) => {
            let tr = crate::web::page::Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::one(&tr, "key", "faq-error-category-in-use");
            let tpl = list_page(&cx, &admin.0, f).await?;
            private(StatusCode::CONFLICT, &tpl)
        }
    }
}
