//! Static files embedded in the binary and served under content-hashed URLs
//! (`/static/app.3f2a9c1e.css`), so browsers may cache them forever.

use std::collections::HashMap;

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::AppError;

#[derive(RustEmbed)]
#[folder = "static/"]
struct StaticFiles;

struct Asset {
    body: web::Bytes,
    gzip: Option<web::Bytes>,
    content_type: String,
}

/// The embedded files, indexed by hashed name, and the map from plain name to hashed URL.
pub struct Assets {
    by_hashed: HashMap<String, Asset>,
    urls: HashMap<String, String>,
}

impl Assets {
    /// The files under `static/`, with `css` (rules made from the locales at start-up) at the
    /// end of `app.css`.
    pub fn load(css: &str) -> Assets {
        let mut by_hashed = HashMap::new();
        let mut urls = HashMap::new();
        for name in StaticFiles::iter() {
            let Some(mut file) = StaticFiles::get(&name) else {
                continue;
            };
            if name == "app.css" {
                let mut data = file.data.into_owned();
                data.extend_from_slice(css.as_bytes());
                file.data = data.into();
            }
            let digest = Sha256::digest(&file.data);
            let hash = crate::hex(&digest[..5]);
            let hashed = match name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{name}.{hash}"),
            };
            let mime = file.metadata.mimetype();
            let content_type = if mime.starts_with("text/") || mime.ends_with("svg+xml") {
                format!("{mime}; charset=utf-8")
            } else {
                mime.to_owned()
            };
            let compressible = mime.starts_with("text/") || mime.ends_with("svg+xml");
            let gzip = compressible.then(|| web::Bytes::from(super::page::gzip(&file.data)));
            urls.insert(name.to_string(), format!("/static/{hashed}"));
            by_hashed.insert(
                hashed,
                Asset {
                    body: web::Bytes::from(file.data.into_owned()),
                    gzip,
                    content_type,
                },
            );
        }
        Assets { by_hashed, urls }
    }

    /// The hashed URL of a file under `static/`. A missing name is a programming error that the
    /// test of every page catches; it yields a URL that 404s rather than a panic.
    pub fn url(&self, name: &str) -> String {
        self.urls
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("/static/missing/{name}"))
    }
}

pub async fn serve(
    req: HttpRequest,
    name: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let asset = state
        .assets
        .by_hashed
        .get(name.as_str())
        .ok_or(AppError::NotFound)?;
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, asset.content_type.as_str()))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .insert_header((header::VARY, HeaderValue::from_static("accept-encoding")));
    match &asset.gzip {
        Some(gz) if super::page::accepts_gzip(&req) => Ok(res
            .insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")))
            .body(gz.clone())),
        _ => Ok(res.body(asset.body.clone())),
    }
}
