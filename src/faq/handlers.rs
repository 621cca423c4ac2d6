//! The public FAQ: the index grouped by category with search, one page per article, and the
//! "did this answer your question?" feedback.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{Article, Segment};
use crate::accounts::auth::Viewer;
use crate::db;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::csrf;
use crate::web::page::Layout;
use crate::web::page::{Ctx, private, redirect};
use crate::web::request::{client_ip, flash};

pub struct ArticleLink {
    pub title: String,
    pub href: String,
    pub anchor: String,
    pub fallback: bool,
}

pub struct Group {
    pub name: String,
    pub articles: Vec<ArticleLink>,
}

pub struct Hit {
    pub title: Vec<Segment>,
    pub excerpt: Vec<Segment>,
    pub href: String,
}

#[derive(Template)]
#[template(path = "faq/index.html")]
pub struct IndexTpl {
    pub l: Layout,
    pub q: String,
    pub groups: Vec<Group>,
    pub hits: Option<Vec<Hit>>,
    pub action: &'static str,
    /// The FAQPage structured data, JSON made safe to sit inside a script element.
    pub json_ld: String,
    /// Where to ask when nothing matches: the contact form, or a member's new ticket.
    pub ask: String,
}

#[derive(Template)]
#[template(path = "faq/article.html")]
pub struct ArticleTpl {
    pub l: Layout,
    pub title: String,
    pub html: String,
    pub fallback: bool,
    pub csrf: String,
    pub feedback: String,
    pub index: &'static str,
    pub category: String,
    /// A new ticket (or the contact form) about this article.
    pub ask: String,
}

/// Where a reader asks a question, about `slug` when given: members from their own area (the
/// ticket then belongs to their organisation), everyone else through the contact form.
fn ask_link(
    user: Option<&crate::accounts::model::User>,
    locale: Locale,
    slug: Option<&str>,
) -> String {
    let member = user.is_some_and(|u| !u.role().is_staff());
    let page = if member {
        Page::TicketNew
    } else {
        Page::Contact
    };
    match slug {
        Some(s) => format!(
            "{}?{}",
            page.path(locale),
            serde_urlencoded::to_string([("article", s)]).unwrap_or_default()
        ),
        None => page.path(locale).to_owned(),
    }
}

#[derive(serde::Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// JSON inside `<script type="application/ld+json">`: no `<`, `>` or `&` that could end it.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub async fn index(
    cx: Ctx,
    viewer: Viewer,
    q: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let query: String = q.q.trim().chars().take(100).collect();
    let (cats, arts) = db::run(&state.pool, |c| {
        Ok((super::categories(c)?, super::articles(c, false)?))
    })
    .await?;
    let mut l = cx.layout(Page::Faq, "faq-title", viewer.person())?;
    if !query.is_empty() {
        let qs = serde_urlencoded::to_string([("q", query.as_str())]).unwrap_or_default();
        l.other_href = format!("{}?{qs}", Page::Faq.path(locale.other()));
    }
    let link = |a: &Article| {
        let t = a.text(locale);
        ArticleLink {
            title: t.title.to_owned(),
            href: Page::FaqArticle.link(locale, a.slug(locale)),
            anchor: a.slug(locale).to_owned(),
            fallback: t.fallback,
        }
    };
    let groups = cats
        .iter()
        .map(|c| Group {
            name: c.name(locale).to_owned(),
            articles: arts
                .iter()
                .filter(|a| a.category_id == c.id)
                .map(link)
                .collect(),
        })
        .filter(|g| !g.articles.is_empty())
        .collect();
    let hits = (!query.is_empty()).then(|| {
        super::search(&arts, locale, &query)
            .into_iter()
            .take(20)
            .map(|(a, _)| {
                let t = a.text(locale);
                Hit {
                    title: super::highlight(t.title, &query),
                    excerpt: super::highlight(&super::excerpt(t.body, &query), &query),
                    href: Page::FaqArticle.link(locale, a.slug(locale)),
                }
            })
            .collect()
    });
    let entities: Vec<serde_json::Value> = arts
        .iter()
        .map(|a| {
            let t = a.text(locale);
            serde_json::json!({"@type": "Question", "name": t.title, "acceptedAnswer": {"@type": "Answer", "text": t.body}})
        })
        .collect();
    let json = serde_json::json!({"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": locale.code(), "mainEntity": entities});
    let tpl = IndexTpl {
        l,
        q: query,
        groups,
        hits,
        action: Page::Faq.path(locale),
        json_ld: script_safe(&json.to_string()),
        ask: ask_link(viewer.0.as_ref(), locale, None),
    };
    private(StatusCode::OK, &tpl)
}

pub async fn article(
    cx: Ctx,
    viewer: Viewer,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let slug = slug.into_inner();
    let s = slug.clone();
    let found = db::run(&state.pool, move |c| {
        let Some(a) = super::by_slug(c, locale, &s)? else {
            return Ok(None);
        };
        let cats = super::categories(c)?;
        Ok(Some((a, cats)))
    })
    .await?;
    let Some((art, cats)) = found else {
        return Err(AppError::NotFound);
    };
    let paths = [
        Page::FaqArticle.link(Locale::Sv, &art.slug_sv),
        Page::FaqArticle.link(Locale::En, &art.slug_en),
    ];
    let mut l = cx.layout_at(Page::Faq, "faq-title", viewer.person(), paths)?;
    let t = art.text(locale);
    l.title = t.title.to_owned();
    let tpl = ArticleTpl {
        title: t.title.to_owned(),
        html: super::render(t.body),
        fallback: t.fallback,
        csrf: csrf::token(session)?,
        feedback: Page::FaqFeedback.link(locale, art.slug(locale)),
        index: Page::Faq.path(locale),
        category: cats
            .iter()
            .find(|c| c.id == art.category_id)
            .map(|c| c.name(locale).to_owned())
            .unwrap_or_default(),
        ask: ask_link(viewer.0.as_ref(), locale, Some(art.slug(locale))),
        l,
    };
    private(StatusCode::OK, &tpl)
}

#[derive(serde::Deserialize)]
pub struct FeedbackForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    helpful: String,
}

/// One answer per article and address a day, thirty answers an hour per address: counted, not
/// stored with the address, and no account needed.
pub async fn feedback(
    req: HttpRequest,
    cx: Ctx,
    slug: web::Path<String>,
    form: web::Form<FeedbackForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let yes = match form.helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest),
    };
    let slug = slug.into_inner();
    let s = slug.clone();
    let Some(art) = db::run(&state.pool, move |c| super::by_slug(c, locale, &s)).await? else {
        return Err(AppError::NotFound);
    };
    let ip = crate::accounts::hash_token(&client_ip(&req));
    let now = state.clock.now_utc_naive();
    let id = art.id.clone();
    let counted = db::run(&state.pool, move |c| {
        use crate::throttle::hit;
        if !hit(
            c,
            &format!("faq-feedback:{ip}"),
            now,
            time::Duration::hours(1),
            30,
        )? || !hit(
            c,
            &format!("faq-feedback:{ip}:{id}"),
            now,
            time::Duration::days(1),
            1,
        )? {
            return Ok(false);
        }
        use crate::db::schema::faq_articles as a;
        use diesel::prelude::*;
        db::write(c, |c| {
            let q = diesel::update(a::table.find(&id));
            if yes {
                q.set(a::helpful_yes.eq(a::helpful_yes + 1)).execute(c)?
            } else {
                q.set(a::helpful_no.eq(a::helpful_no + 1)).execute(c)?
            };
            Ok::<_, AppError>(true)
        })
    })
    .await?;
    flash(
        session,
        if counted {
            "faq-feedback-thanks"
        } else {
            "faq-feedback-already"
        },
    );
    Ok(redirect(&Page::FaqArticle.link(locale, &slug)))
}
