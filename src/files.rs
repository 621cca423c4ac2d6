//! Uploaded files: their type decided by content (never by name or the browser's word), stored in
//! the database with size and SHA-256, and served back only as downloads.

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use time::PrimitiveDateTime;

use crate::db::DbConn;
use crate::db::schema::files;
use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    /// Plain UTF-8 text (logs, e-mails pasted into a file): recognised by having no binary bytes.
    Text,
}

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Text => "text/plain",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::Text => "txt",
        }
    }

    pub fn from_mime(m: &str) -> Option<Kind> {
        [Kind::Pdf, Kind::Png, Kind::Jpeg, Kind::Text]
            .into_iter()
            .find(|k| k.mime() == m)
    }

    pub fn is_image(self) -> bool {
        matches!(self, Kind::Png | Kind::Jpeg)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    WrongType,
}

impl FileProblem {
    pub fn fluent_id(self) -> &'static str {
        match self {
            FileProblem::Empty => "upload-error-empty",
            FileProblem::WrongType => "upload-error-type",
        }
    }
}

/// The file's type from its first bytes, if it is one of `allowed`.
pub fn detect(bytes: &[u8], allowed: &[Kind]) -> Result<Kind, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    let kind = match infer::get(bytes) {
        Some(t) => Kind::from_mime(t.mime_type()).ok_or(FileProblem::WrongType)?,
        None if is_plain_text(bytes) => Kind::Text,
        None => return Err(FileProblem::WrongType),
    };
    if allowed.contains(&kind) {
        Ok(kind)
    } else {
        Err(FileProblem::WrongType)
    }
}

/// UTF-8 without NUL or other control characters than tab, line feed, carriage return and form
/// feed: what a text editor saves. A UTF-8 byte-order mark is allowed.
fn is_plain_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|s| {
        s.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    })
}

/// A file name fit to show as text: no folders, no control characters, at most 120 characters.
/// It is never used to store or serve the file.
pub fn display_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | '"'))
        .take(120)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        "file".into()
    } else {
        clean
    }
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = files)]
pub struct FileInfo {
    pub id: String,
    pub organisation_id: Option<String>,
    pub original_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: PrimitiveDateTime,
    /// When the content (bytes and name) was removed, e.g. by the retention purge; the row stays
    /// as the record that there was a file, with its type, size and hash.
    pub erased_at: Option<PrimitiveDateTime>,
}

pub struct NewFile<'a> {
    pub organisation_id: Option<&'a str>,
    pub uploaded_by: &'a str,
    pub name: &'a str,
    pub kind: Kind,
    pub data: &'a [u8],
}

/// Stores a file; returns its id (a UUID, not a guessable number).
pub fn insert(conn: &mut DbConn, now: PrimitiveDateTime, f: &NewFile) -> Result<String, AppError> {
    let id = uuid::Uuid::new_v4().to_string();
    let sha = crate::hex(&Sha256::digest(f.data));
    diesel::insert_into(files::table)
        .values((
            files::id.eq(&id),
            files::organisation_id.eq(f.organisation_id),
            files::uploaded_by.eq(f.uploaded_by),
            files::original_name.eq(display_name(f.name)),
            files::content_type.eq(f.kind.mime()),
            files::size.eq(f.data.len() as i64),
            files::sha256.eq(sha),
            files::data.eq(f.data),
            files::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

pub fn info(conn: &mut DbConn, id: &str) -> Result<Option<FileInfo>, AppError> {
    Ok(files::table
        .find(id)
        .select(FileInfo::as_select())
        .first(conn)
        .optional()?)
}

/// The file with its bytes; none once its content was erased (a download must never be an
/// empty file).
pub fn load(conn: &mut DbConn, id: &str) -> Result<Option<(FileInfo, Vec<u8>)>, AppError> {
    Ok(files::table
        .find(id)
        .filter(files::erased_at.is_null())
        .select((FileInfo::as_select(), files::data))
        .first(conn)
        .optional()?)
}

/// Removes the content of the files `ids` (bytes and name), keeping the row with `erased_at`
/// set. Returns how many were still there to erase.
pub fn erase(conn: &mut DbConn, ids: &[String], now: PrimitiveDateTime) -> Result<usize, AppError> {
    Ok(diesel::update(
        files::table
            .filter(files::id.eq_any(ids))
            .filter(files::erased_at.is_null()),
    )
    .set((
        files::data.eq(Vec::<u8>::new()),
        files::original_name.eq(""),
        files::erased_at.eq(now),
    ))
    .execute(conn)?)
}

/// Serves a stored file: as an attachment under a generated name with the detected type, or, for
/// images only, inline (so staff see them in an `<img>`). Never sniffed, never a document that
/// could run script: a sandboxing CSP goes with it.
pub fn respond(info: &FileInfo, data: Vec<u8>, inline: bool, stem: &str) -> HttpResponse {
    let kind = Kind::from_mime(&info.content_type);
    let ext = kind.map_or("bin", Kind::extension);
    let inline = inline && kind.is_some_and(Kind::is_image);
    let disposition = if inline { "inline" } else { "attachment" };
    let content_type = kind.map_or("application/octet-stream", Kind::mime);
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"{stem}-{}.{ext}\"", &info.id[..8]),
        ))
        .insert_header((
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; sandbox; frame-ancestors 'none'"),
        ))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        ))
        .body(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const PNG: &[u8] =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    pub const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

    #[test]
    fn types_come_from_content() {
        let all = [Kind::Pdf, Kind::Png, Kind::Jpeg];
        assert_eq!(detect(PDF, &all), Ok(Kind::Pdf));
        assert_eq!(detect(PNG, &all), Ok(Kind::Png));
        assert_eq!(detect(JPEG, &all), Ok(Kind::Jpeg));
        assert_eq!(
            detect(b"<html><script>alert(1)</script>", &all),
            Err(FileProblem::WrongType)
        );
        assert_eq!(detect(b"GIF89a....", &all), Err(FileProblem::WrongType));
        assert_eq!(detect(b"", &all), Err(FileProblem::Empty));
        assert_eq!(detect(PNG, &[Kind::Pdf]), Err(FileProblem::WrongType));
    }

    #[test]
    fn plain_text_is_text_only_when_allowed() {
        let with_text = [Kind::Pdf, Kind::Text];
        assert_eq!(
            detect("Loggfil: ändrat\r\n\tok\n".as_bytes(), &with_text),
            Ok(Kind::Text)
        );
        // infer recognises HTML, which is not one of the allowed types.
        assert_eq!(
            detect(b"<html><script>x</script>", &with_text),
            Err(FileProblem::WrongType)
        );
        assert_eq!(detect(b"abc\0def", &with_text), Err(FileProblem::WrongType));
        assert_eq!(
            detect(b"\xff\xfe\x00", &with_text),
            Err(FileProblem::WrongType)
        );
        assert_eq!(
            detect(b"\x1b[31mred", &with_text),
            Err(FileProblem::WrongType)
        );
        assert_eq!(detect(PDF, &with_text), Ok(Kind::Pdf));
        assert_eq!(detect(b"plain", &[Kind::Pdf]), Err(FileProblem::WrongType));
    }

    #[test]
    fn hostile_names_become_plain_text() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("C:\\Users\\x\\intyg.pdf"), "intyg.pdf");
        assert_eq!(display_name("<script>x.pdf"), "scriptx.pdf");
        assert_eq!(display_name(".htaccess"), "htaccess");
        assert_eq!(display_name("a\r\nb.pdf"), "ab.pdf");
        assert_eq!(display_name(""), "file");
        assert_eq!(display_name(&"å".repeat(300)).chars().count(), 120);
    }
}
