//! Staff admins maintain the FAQ: articles (with a preview), categories, order and publishing.
//! Every change is audited.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use diesel::prelude::*;

use super::{Article, Category};
use crate::accounts::auth::StaffAdmin;
use crate::accounts::model::User;
use crate::audit::{self, Actor};
use crate::db;
use crate::db::schema::{faq_articles as a, faq_categories as c};
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

#[derive(serde::Deserialize, Default, Clone)]
pub struct ArticleForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub slug_sv: String,
    #[serde(default)]
    pub slug_en: String,
    #[serde(default)]
    pub title_sv: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub body_sv: String,
    #[serde(default)]
    pub body_en: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub preview: String,
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

fn slug_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl ArticleForm {
    fn from_article(x: &Article, cats: &[Category]) -> ArticleForm {
        ArticleForm {
            csrf: String::new(),
            category: cats
                .iter()
                .find(|c| c.id == x.category_id)
                .map(|c| c.key.clone())
                .unwrap_or_default(),
            slug_sv: x.slug_sv.clone(),
            slug_en: x.slug_en.clone(),
            title_sv: x.title_sv.clone(),
            title_en: x.title_en.clone(),
            body_sv: x.body_sv.clone(),
            body_en: x.body_en.clone(),
            position: x.position.to_string(),
            published: if x.published {
                "yes".into()
            } else {
                String::new()
            },
            preview: String::new(),
        }
    }

    fn check(&self, cats: &[Category]) -> Result<(String, i32), Vec<FieldError>> {
        let mut e = vec![];
        let cat = cats
            .iter()
            .find(|c| c.key == self.category)
            .map(|c| c.id.clone());
        if cat.is_none() {
            e.push(FieldError {
                field: "category",
                id: "form-error-choice",
            });
        }
        for (field, v) in [("slug_sv", &self.slug_sv), ("slug_en", &self.slug_en)] {
            if !slug_ok(v.trim()) {
                e.push(FieldError {
                    field,
                    id: "faq-error-slug",
                });
            }
        }
        if self.title_sv.trim().is_empty() && self.title_en.trim().is_empty() {
            e.push(FieldError {
                field: "title_sv",
                id: "faq-error-title",
            });
        }
        for (field, v, max) in [
            ("title_sv", &self.title_sv, 300),
            ("title_en", &self.title_en, 300),
            ("body_sv", &self.body_sv, 20_000),
            ("body_en", &self.body_en, 20_000),
        ] {
            if v.chars().count() > max || v.contains('\0') {
                e.push(FieldError {
                    field,
                    id: "form-error-too-long",
                });
            }
        }
        let position = self
            .position
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|p| (0..=100_000).contains(p));
        if position.is_none() {
            e.push(FieldError {
                field: "position",
                id: "faq-error-position",
            });
        }
        match (cat, position) {
            (Some(c), Some(p)) if e.is_empty() => Ok((c, p)),
            _ => Err(e),
        }
    }
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
            l.t("staff-faq-edit"),
        ),
        None => (
            Page::StaffFaqNew.path(locale).to_owned(),
            l.t("staff-faq-new"),
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
        db::write(conn, |conn| {
            // Slugs are unique per language.
            let taken: i64 = a::table
                .filter(
                    a::slug_sv
                        .eq(f.slug_sv.trim())
                        .or(a::slug_en.eq(f.slug_en.trim())),
                )
                .filter(a::id.ne(id2.clone().unwrap_or_default()))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                return Ok(None);
            }
            let values = (
                a::category_id.eq(&cat),
                a::slug_sv.eq(f.slug_sv.trim()),
                a::slug_en.eq(f.slug_en.trim()),
                a::title_sv.eq(f.title_sv.trim()),
                a::title_en.eq(f.title_en.trim()),
                a::body_sv.eq(f.body_sv.trim()),
                a::body_en.eq(f.body_en.trim()),
                a::position.eq(position),
                a::published.eq(f.published == "yes"),
                a::author_id.eq(Some(&staff.id)),
                a::updated_at.eq(now),
            );
            let (aid, action) = match &id2 {
                Some(aid) => {
                    if diesel::update(a::table.find(aid))
                        .set(values)
                        .execute(conn)?
                        == 0
                    {
                        return Err(AppError::NotFound);
                    }
                    (aid.clone(), "faq.article_updated")
                }
                None => {
                    let aid = uuid::Uuid::new_v4().to_string();
                    diesel::insert_into(a::table)
                        .values((
                            values,
                            a::id.eq(&aid),
                            a::helpful_yes.eq(0i64),
                            a::helpful_no.eq(0i64),
                        ))
                        .execute(conn)?;
                    (aid, "faq.article_created")
                }
            };
            audit::record(
                conn,
                now,
                &Actor {
                    id: Some(&staff.id),
                    kind: "staff",
                    ip: &ip,
                },
                action,
                "faq_article",
                &aid,
                &format!("published={}", f.published == "yes"),
            )?;
            Ok(Some(aid))
        })
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
        db::write(conn, |conn| {
            let n = diesel::delete(a::table.find(&id)).execute(conn)?;
            if n == 1 {
                audit::record(
                    conn,
                    now,
                    &Actor {
                        id: Some(&staff.id),
                        kind: "staff",
                        ip: &ip,
                    },
                    "faq.article_deleted",
                    "faq_article",
                    &id,
                    "",
                )?;
            }
            Ok::<_, AppError>(n == 1)
        })
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
        db::write(conn, |conn| {
            let n = diesel::update(c::table.filter(c::key.eq(&key)))
                .set((
                    c::name_sv.eq(&sv),
                    c::name_en.eq(&en),
                    c::position.eq(position),
                ))
                .execute(conn)?;
            if n == 0 {
                diesel::insert_into(c::table)
                    .values((
                        c::id.eq(uuid::Uuid::new_v4().to_string()),
                        c::key.eq(&key),
                        c::name_sv.eq(&sv),
                        c::name_en.eq(&en),
                        c::position.eq(position),
                    ))
                    .execute(conn)?;
            }
            audit::record(
                conn,
                now,
                &Actor {
                    id: Some(&staff.id),
                    kind: "staff",
                    ip: &ip,
                },
                "faq.category_saved",
                "faq_category",
                &key,
                &format!("{sv} / {en}"),
            )
        })
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
        db::write(conn, |conn| {
            let Some(key) = c::table
                .find(&id)
                .select(c::key)
                .first::<String>(conn)
                .optional()?
            else {
                return Ok::<_, AppError>(None);
            };
            let used: i64 = a::table
                .filter(a::category_id.eq(&id))
                .count()
                .get_result(conn)?;
            if used > 0 {
                return Ok(Some(false));
            }
            diesel::delete(c::table.find(&id)).execute(conn)?;
            audit::record(
                conn,
                now,
                &Actor {
                    id: Some(&staff.id),
                    kind: "staff",
                    ip: &ip,
                },
                "faq.category_deleted",
                "faq_category",
                &key,
                "",
            )?;
            Ok(Some(true))
        })
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
