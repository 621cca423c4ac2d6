//! The FAQ's writes: articles and categories, each change audited in its own transaction.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use super::{Article, Category};
use crate::audit::{self, Actor};
use crate::db::schema::{faq_articles as a, faq_categories as c};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::web::form::FieldError;

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

/// A slug or category key: lowercase letters, digits and hyphens.
pub fn slug_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl ArticleForm {
    pub fn from_article(x: &Article, cats: &[Category]) -> ArticleForm {
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

    pub fn check(&self, cats: &[Category]) -> Result<(String, i32), Vec<FieldError>> {
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

/// Creates (`id` is `None`) or updates an article and audits it, in one transaction. `None`
/// when another article has one of its slugs.
#[allow(clippy::too_many_arguments)]
pub fn save_article(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &Actor,
    id: Option<&str>,
    form: &ArticleForm,
    category_id: &str,
    position: i32,
) -> Result<Option<String>, AppError> {
    let cat = category_id;
    db::write(conn, |conn| {
        // Slugs are unique per language.
        let taken: i64 = a::table
            .filter(
                a::slug_sv
                    .eq(form.slug_sv.trim())
                    .or(a::slug_en.eq(form.slug_en.trim())),
            )
            .filter(a::id.ne(id.unwrap_or_default()))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Ok(None);
        }
        let values = (
            a::category_id.eq(&cat),
            a::slug_sv.eq(form.slug_sv.trim()),
            a::slug_en.eq(form.slug_en.trim()),
            a::title_sv.eq(form.title_sv.trim()),
            a::title_en.eq(form.title_en.trim()),
            a::body_sv.eq(form.body_sv.trim()),
            a::body_en.eq(form.body_en.trim()),
            a::position.eq(position),
            a::published.eq(form.published == "yes"),
            a::author_id.eq(actor.id),
            a::updated_at.eq(now),
        );
        let (aid, action) = match id {
            Some(aid) => {
                if diesel::update(a::table.find(aid))
                    .set(values)
                    .execute(conn)?
                    == 0
                {
                    return Err(AppError::NotFound);
                }
                (aid.to_owned(), "faq.article_updated")
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
            actor,
            action,
            "faq_article",
            &aid,
            &format!("published={}", form.published == "yes"),
        )?;
        Ok(Some(aid))
    })
}

/// Deletes an article and audits it; `false` when there was none.
pub fn delete_article(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &Actor,
    id: &str,
) -> Result<bool, AppError> {
    db::write(conn, |conn| {
        let n = diesel::delete(a::table.find(id)).execute(conn)?;
        if n == 1 {
            audit::record(
                conn,
                now,
                actor,
                "faq.article_deleted",
                "faq_article",
                id,
                "",
            )?;
        }
        Ok::<_, AppError>(n == 1)
    })
}

/// Adds a category, or renames and moves the one with the same key; audited.
pub fn save_category(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &Actor,
    key: &str,
    [sv, en]: [&str; 2],
    position: i32,
) -> Result<(), AppError> {
    db::write(conn, |conn| {
        let n = diesel::update(c::table.filter(c::key.eq(key)))
            .set((
                c::name_sv.eq(sv),
                c::name_en.eq(en),
                c::position.eq(position),
            ))
            .execute(conn)?;
        if n == 0 {
            diesel::insert_into(c::table)
                .values((
                    c::id.eq(uuid::Uuid::new_v4().to_string()),
                    c::key.eq(key),
                    c::name_sv.eq(sv),
                    c::name_en.eq(en),
                    c::position.eq(position),
                ))
                .execute(conn)?;
        }
        audit::record(
            conn,
            now,
            actor,
            "faq.category_saved",
            "faq_category",
            key,
            &format!("{sv} / {en}"),
        )
    })
}

/// Deletes an empty category and audits it: `None` when there is none, `Some(false)` when it
/// still holds articles (they would lose their place in the FAQ), `Some(true)` when deleted.
pub fn delete_category(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &Actor,
    id: &str,
) -> Result<Option<bool>, AppError> {
    db::write(conn, |conn| {
        let Some(key) = c::table
            .find(id)
            .select(c::key)
            .first::<String>(conn)
            .optional()?
        else {
            return Ok::<_, AppError>(None);
        };
        let used: i64 = a::table
            .filter(a::category_id.eq(id))
            .count()
            .get_result(conn)?;
        if used > 0 {
            return Ok(Some(false));
        }
        diesel::delete(c::table.find(id)).execute(conn)?;
        audit::record(
            conn,
            now,
            actor,
            "faq.category_deleted",
            "faq_category",
            &key,
            "",
        )?;
        Ok(Some(true))
    })
}
