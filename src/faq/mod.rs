//! The FAQ: ordered categories and bilingual articles in Markdown that staff edit, rendered to
//! sanitized HTML, searchable in each language, with feedback per article.

pub mod handlers;
pub mod service;
pub mod staff;

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::db::schema::{faq_articles as a, faq_categories as c};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::{I18n, Locale};

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = c)]
pub struct Category {
    pub id: String,
    pub key: String,
    pub name_sv: String,
    pub name_en: String,
    pub position: i32,
}

impl Category {
    pub fn name(&self, l: Locale) -> &str {
        match l {
            Locale::Sv => &self.name_sv,
            Locale::En => &self.name_en,
        }
    }
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = a)]
pub struct Article {
    pub id: String,
    pub category_id: String,
    pub slug_sv: String,
    pub slug_en: String,
    pub title_sv: String,
    pub title_en: String,
    pub body_sv: String,
    pub body_en: String,
    pub position: i32,
    pub published: bool,
    pub helpful_yes: i64,
    pub helpful_no: i64,
    pub author_id: Option<String>,
    pub updated_at: PrimitiveDateTime,
}

/// An article's text in one language, or in the other when it is missing there.
pub struct Localized<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// The text is in the other language (the page says so).
    pub fallback: bool,
}

impl Article {
    pub fn slug(&self, l: Locale) -> &str {
        match l {
            Locale::Sv => &self.slug_sv,
            Locale::En => &self.slug_en,
        }
    }

    pub fn text(&self, l: Locale) -> Localized<'_> {
        let (t, b, ot, ob) = match l {
            Locale::Sv => (&self.title_sv, &self.body_sv, &self.title_en, &self.body_en),
            Locale::En => (&self.title_en, &self.body_en, &self.title_sv, &self.body_sv),
        };
        if t.trim().is_empty() || b.trim().is_empty() {
            Localized {
                title: ot,
                body: ob,
                fallback: true,
            }
        } else {
            Localized {
                title: t,
                body: b,
                fallback: false,
            }
        }
    }
}

pub fn categories(conn: &mut DbConn) -> Result<Vec<Category>, AppError> {
    Ok(c::table
        .order((c::position.asc(), c::key.asc()))
        .select(Category::as_select())
        .load(conn)?)
}

/// Articles in category and position order; drafts only when `drafts`.
pub fn articles(conn: &mut DbConn, drafts: bool) -> Result<Vec<Article>, AppError> {
    let mut q = a::table.into_boxed();
    if !drafts {
        q = q.filter(a::published.eq(true));
    }
    Ok(q.order((a::position.asc(), a::id.asc()))
        .select(Article::as_select())
        .load(conn)?)
}

pub fn by_slug(conn: &mut DbConn, l: Locale, slug: &str) -> Result<Option<Article>, AppError> {
    let q = a::table.filter(a::published.eq(true)).into_boxed();
    let q = match l {
        Locale::Sv => q.filter(a::slug_sv.eq(slug)),
        Locale::En => q.filter(a::slug_en.eq(slug)),
    };
    Ok(q.select(Article::as_select()).first(conn).optional()?)
}

pub fn by_id(conn: &mut DbConn, id: &str) -> Result<Option<Article>, AppError> {
    Ok(a::table
        .find(id)
        .select(Article::as_select())
        .first(conn)
        .optional()?)
}

/// Markdown to HTML that can be shown as is: raw HTML in the source is shown as text, and the
/// result goes through ammonia (no scripts, no event attributes, no styles, no iframes, only
/// http(s) and mailto links, `rel="noopener noreferrer"` on links).
pub fn render(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
    .map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&out)
        .to_string()
}

/// Lower case with å, ä and ö folded to a and o, so "lankar" finds "länkar".
pub fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c => c,
        })
        .collect()
}

fn words(q: &str) -> Vec<String> {
    fold(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .take(8)
        .map(str::to_owned)
        .collect()
}

/// A piece of text, marked when it matched the search.
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Splits `text` into segments, marking words that start with one of the search words.
pub fn highlight(text: &str, q: &str) -> Vec<Segment> {
    let ws = words(q);
    let mut out: Vec<Segment> = vec![];
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Segment>| {
        if word.is_empty() {
            return;
        }
        let f = fold(word);
        let hit = ws.iter().any(|w| f.starts_with(w.as_str()));
        out.push(Segment {
            text: std::mem::take(word),
            hit,
        });
    };
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            match out.last_mut() {
                Some(s) if !s.hit && !s.text.chars().next().is_some_and(char::is_alphanumeric) => {
                    s.text.push(ch)
                }
                _ => out.push(Segment {
                    text: ch.to_string(),
                    hit: false,
                }),
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Search results: articles with a score, best first. Title matches weigh three times a body match.
pub fn search<'a>(articles: &'a [Article], l: Locale, q: &str) -> Vec<(&'a Article, usize)> {
    let ws = words(q);
    if ws.is_empty() {
        return vec![];
    }
    let mut hits: Vec<(&Article, usize)> = articles
        .iter()
        .filter_map(|art| {
            let t = art.text(l);
            let title = fold(t.title);
            let body = fold(t.body);
            let count = |hay: &str, w: &str| {
                hay.split(|c: char| !c.is_alphanumeric())
                    .filter(|x| x.starts_with(w))
                    .count()
            };
            let mut score = 0;
            for w in &ws {
                let s = 3 * count(&title, w) + count(&body, w);
                if s == 0 {
                    return None; // every word must be found
                }
                score += s;
            }
            Some((art, score))
        })
        .collect();
    hits.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.position.cmp(&y.0.position)));
    hits
}

/// The first sentence-ish stretch of plain text of an article, for result lists.
pub fn excerpt(markdown: &str, q: &str) -> String {
    let plain: String = markdown
        .lines()
        .map(|l| l.trim_start_matches(['-', '#', '>', ' ']).trim())
        .collect::<Vec<_>>()
        .join(" ");
    let plain = plain.replace("**", "").replace('_', " ");
    let ws = words(q);
    let folded = fold(&plain);
    let start = ws
        .iter()
        .filter_map(|w| folded.find(w.as_str()))
        .min()
        .unwrap_or(0);
    // Back to a character boundary a little before the first hit.
    let chars: Vec<char> = plain.chars().collect();
    let fchars = folded.chars().count();
    let at = if fchars == chars.len() {
        folded[..start].chars().count()
    } else {
        0
    };
    // Start a little before the first hit, at the beginning of a word.
    let mut from = at.saturating_sub(60);
    while from > 0 && from < at && !chars[from - 1].is_whitespace() {
        from += 1;
    }
    let s: String = chars[from..].iter().take(240).collect();
    if from > 0 {
        format!("…{s}…")
    } else {
        format!("{s}…")
    }
}

/// Fills an empty FAQ from the locale files (`faq-seed-*`); staff own the content afterwards.
pub fn seed_if_empty(
    conn: &mut DbConn,
    i18n: &I18n,
    now: PrimitiveDateTime,
) -> Result<usize, AppError> {
    db::write(conn, |conn| {
        let n: i64 = c::table.count().get_result(conn)?;
        if n > 0 || !i18n.has(Locale::Sv, "faq-seed-articles") {
            return Ok(0);
        }
        let t = |l: Locale, id: &str| i18n.format(l, id, None).trim().to_owned();
        let cats = t(Locale::Sv, "faq-seed-categories");
        let mut ids = std::collections::HashMap::new();
        for (i, key) in cats.split_whitespace().enumerate() {
            let id = uuid::Uuid::new_v4().to_string();
            let name = |l| t(l, &format!("faq-seed-category-{key}"));
            diesel::insert_into(c::table)
                .values((
                    c::id.eq(&id),
                    c::key.eq(key),
                    c::name_sv.eq(name(Locale::Sv)),
                    c::name_en.eq(name(Locale::En)),
                    c::position.eq(i as i32 * 10),
                ))
                .execute(conn)?;
            ids.insert(key.to_owned(), id);
        }
        let list = t(Locale::Sv, "faq-seed-articles");
        let mut count = 0;
        for (i, key) in list.split_whitespace().enumerate() {
            let m = |l, what: &str| t(l, &format!("faq-seed-{key}-{what}"));
            let Some(cat) = ids.get(&m(Locale::Sv, "category")) else {
                continue;
            };
            diesel::insert_into(a::table)
                .values((
                    a::id.eq(uuid::Uuid::new_v4().to_string()),
                    a::category_id.eq(cat),
                    a::slug_sv.eq(m(Locale::Sv, "slug")),
                    a::slug_en.eq(m(Locale::En, "slug")),
                    a::title_sv.eq(m(Locale::Sv, "title")),
                    a::title_en.eq(m(Locale::En, "title")),
                    a::body_sv.eq(m(Locale::Sv, "body")),
                    a::body_en.eq(m(Locale::En, "body")),
                    a::position.eq(i as i32 * 10),
                    a::published.eq(true),
                    a::helpful_yes.eq(0i64),
                    a::helpful_no.eq(0i64),
                    a::updated_at.eq(now),
                ))
                .execute(conn)?;
            count += 1;
        }
        Ok(count)
    })
}

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use crate::i18n::routes::Page;
    use actix_web::web;
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(r(Page::Faq).route(get().to(handlers::index)))
            .service(r(Page::FaqArticle).route(get().to(handlers::article)))
            .service(r(Page::FaqFeedback).route(web::post().to(handlers::feedback)))
            .service(r(Page::StaffFaq).route(get().to(staff::list)))
            .service(
                r(Page::StaffFaqNew)
                    .route(get().to(staff::new_form))
                    .route(web::post().to(staff::create)),
            )
            .service(r(Page::StaffFaqCategories).route(web::post().to(staff::save_category)))
            .service(
                r(Page::StaffFaqArticle)
                    .route(get().to(staff::edit_form))
                    .route(web::post().to(staff::update)),
            )
            .service(r(Page::StaffFaqDelete).route(web::post().to(staff::delete)))
            .service(r(Page::StaffFaqCategoryDelete).route(web::post().to(staff::delete_category)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_is_made_harmless() {
        let cases = [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<a href=\"https://x\" onclick=\"alert(1)\" style=\"color:red\">x</a>",
            "<div style=\"position:fixed\"><b>unclosed",
            "![img](javascript:alert(1))",
            "<svg onload=alert(1)>",
            "</p><script>x</script><p>",
        ];
        for md in cases {
            let html = render(md);
            // Raw HTML comes out as escaped text; what must never appear is a live element or
            // attribute, so the check parses the result like a browser would.
            let doc = scraper::Html::parse_fragment(&html);
            for el in doc
                .root_element()
                .descendants()
                .filter_map(scraper::ElementRef::wrap)
            {
                let name = el.value().name();
                assert!(
                    !["script", "iframe", "svg", "style", "object", "embed"].contains(&name),
                    "{md:?} -> {html}"
                );
                for (attr, value) in el.value().attrs() {
                    assert!(
                        !attr.starts_with("on") && attr != "style",
                        "{md:?} -> {html}"
                    );
                    let v = value.trim().to_lowercase();
                    assert!(
                        !v.starts_with("javascript:") && !v.starts_with("data:"),
                        "{md:?} -> {html}"
                    );
                }
            }
        }
    }

    #[test]
    fn excerpts_start_at_a_word() {
        let text = "Det här är en lång inledning som handlar om helt andra saker än det man söker efter, och först här kommer ordet validering.";
        let e = excerpt(text, "validering");
        assert!(e.starts_with('…'));
        let first = e.trim_start_matches('…').split_whitespace().next().unwrap();
        assert!(text.split_whitespace().any(|w| w == first), "{e}");
        assert!(e.contains("validering"));
    }

    #[test]
    fn markdown_renders_and_links_get_noopener() {
        let html = render("**Viktigt:**\n\n- ett\n- två\n\n[Microsoft](https://www.microsoft.com)");
        assert!(html.contains("<strong>Viktigt:</strong>"));
        assert!(html.contains("<li>ett</li>"));
        assert!(html.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn search_folds_case_and_swedish_letters() {
        assert_eq!(fold("Länkar ÅÄÖ"), "lankar aao");
        let segs = highlight("Validering tar 5–10 arbetsdagar.", "VALIDERING arbetsdag");
        let marked: Vec<&str> = segs
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["Validering", "arbetsdagar"]);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "Validering tar 5–10 arbetsdagar.");
    }
}
