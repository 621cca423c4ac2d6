//! Reading multipart uploads with explicit limits: the body's size is checked before reading and
//! again while streaming, the number of parts and each text field are capped, unknown fields are
//! refused, and the whole read must finish within a time limit. [`read`] keeps files in memory
//! (attachments and certificates, 10 MB each); [`read_spooled`] writes them to anonymous
//! temporary files as they arrive (usage exports, 20 MB each), so memory stays flat whatever the
//! body's size.

use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use actix_multipart::Multipart;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest file, in bytes.
    pub file: usize,
    /// Largest text field, in bytes.
    pub text: usize,
    /// Most parts in one body.
    pub parts: usize,
    /// Most files in one body.
    pub files: usize,
}

impl Limits {
    /// The largest body these limits allow, with room for headers and text fields.
    pub fn body(&self) -> usize {
        self.file * self.files + self.text * self.parts + 64 * 1024
    }
}

pub struct UploadedFile {
    pub field: String,
    pub name: String,
    pub data: Vec<u8>,
}

#[derive(Default)]
pub struct Parts {
    pub texts: HashMap<String, String>,
    pub files: Vec<UploadedFile>,
}

impl Parts {
    pub fn text(&self, name: &str) -> &str {
        self.texts.get(name).map(String::as_str).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadError {
    TooLarge,
    Malformed,
    TimedOut,
    /// More files than the form takes.
    TooManyFiles,
    /// A spooled file could not be written (the disk is full, say).
    Storage,
}

impl UploadError {
    pub fn fluent_id(self) -> &'static str {
        match self {
            UploadError::TooLarge => "upload-error-too-large",
            UploadError::Malformed => "upload-error-malformed",
            UploadError::TimedOut => "upload-error-timeout",
            UploadError::TooManyFiles => "upload-error-too-many",
            UploadError::Storage => "upload-error-storage",
        }
    }

    pub fn status(self) -> actix_web::http::StatusCode {
        use actix_web::http::StatusCode;
        match self {
            UploadError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UploadError::Malformed | UploadError::TooManyFiles => StatusCode::BAD_REQUEST,
            UploadError::TimedOut => StatusCode::REQUEST_TIMEOUT,
            UploadError::Storage => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Reads a multipart body whose text fields are among `texts` and file fields among `file_fields`.
pub async fn read(
    req: &HttpRequest,
    payload: web::Payload,
    limits: Limits,
    texts: &[&str],
    file_fields: &[&str],
) -> Result<Parts, UploadError> {
    // A declared length over the limit is refused before a byte of the body is read.
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limits.body()) {
        return Err(UploadError::TooLarge);
    }
    let work = read_parts(req, payload, limits, texts, file_fields);
    match tokio::time::timeout(std::time::Duration::from_secs(30), work).await {
        Ok(r) => r,
        Err(_) => Err(UploadError::TimedOut),
    }
}

/// A file of a spooled upload, positioned at its start.
pub struct SpooledFile {
    pub field: String,
    pub name: String,
    pub file: std::fs::File,
    pub size: u64,
}

#[derive(Default)]
pub struct SpooledParts {
    pub texts: HashMap<String, String>,
    pub files: Vec<SpooledFile>,
}

impl SpooledParts {
    pub fn text(&self, name: &str) -> &str {
        self.texts.get(name).map(String::as_str).unwrap_or_default()
    }
}

/// Like [`read`], but each file goes to an anonymous temporary file in `dir` (removed when it is
/// closed, and by the kernel if the process dies), in writes of at most [`SPOOL_BUFFER`] bytes.
pub async fn read_spooled(
    req: &HttpRequest,
    payload: web::Payload,
    limits: Limits,
    texts: &[&str],
    file_fields: &[&str],
    dir: &Path,
) -> Result<SpooledParts, UploadError> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limits.body()) {
        return Err(UploadError::TooLarge);
    }
    let work = spool_parts(req, payload, limits, texts, file_fields, dir);
    match tokio::time::timeout(std::time::Duration::from_secs(30), work).await {
        Ok(r) => r,
        Err(_) => Err(UploadError::TimedOut),
    }
}

/// Bytes collected before one write to a spooled file.
pub const SPOOL_BUFFER: usize = 256 * 1024;

async fn spool_parts(
    req: &HttpRequest,
    payload: web::Payload,
    limits: Limits,
    texts: &[&str],
    file_fields: &[&str],
    dir: &Path,
) -> Result<SpooledParts, UploadError> {
    let mut mp = Multipart::new(req.headers(), payload);
    let mut parts = SpooledParts::default();
    let mut count = 0usize;
    let mut total = 0usize;
    while let Some(field) = mp.next().await {
        let mut field = field.map_err(|_| UploadError::Malformed)?;
        count += 1;
        if count > limits.parts {
            return Err(UploadError::Malformed);
        }
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = file_fields.contains(&name.as_str());
        if !is_file && !texts.contains(&name.as_str()) {
            return Err(UploadError::Malformed);
        }
        if !is_file {
            let mut data = Vec::new();
            while let Some(chunk) = field.next().await {
                let chunk = chunk.map_err(|_| UploadError::Malformed)?;
                total += chunk.len();
                if data.len() + chunk.len() > limits.text || total > limits.body() {
                    return Err(UploadError::Malformed);
                }
                data.extend_from_slice(&chunk);
            }
            if parts.texts.contains_key(&name) {
                return Err(UploadError::Malformed);
            }
            let text = String::from_utf8(data).map_err(|_| UploadError::Malformed)?;
            parts.texts.insert(name, text);
            continue;
        }
        let original = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .unwrap_or_default()
            .to_owned();
        // Read no further than the form's number of files.
        if parts.files.len() >= limits.files && !original.is_empty() {
            return Err(UploadError::TooManyFiles);
        }
        // The writes below are to the page cache and at most SPOOL_BUFFER bytes each, short
        // enough for an async worker (tokio's `fs` would move each to the blocking pool).
        let mut file = tempfile::tempfile_in(dir)
            .or_else(|_| tempfile::tempfile())
            .map_err(|_| UploadError::Storage)?;
        let mut buffer: Vec<u8> = Vec::with_capacity(SPOOL_BUFFER);
        let mut size = 0usize;
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| UploadError::Malformed)?;
            total += chunk.len();
            size += chunk.len();
            if size > limits.file || total > limits.body() {
                return Err(UploadError::TooLarge);
            }
            buffer.extend_from_slice(&chunk);
            if buffer.len() >= SPOOL_BUFFER {
                file.write_all(&buffer).map_err(|_| UploadError::Storage)?;
                buffer.clear();
            }
        }
        file.write_all(&buffer).map_err(|_| UploadError::Storage)?;
        drop(buffer);
        // A file input left empty still sends a part, with no name and no bytes.
        if original.is_empty() && size == 0 {
            continue;
        }
        if parts.files.len() >= limits.files {
            return Err(UploadError::TooManyFiles);
        }
        file.seek(SeekFrom::Start(0))
            .map_err(|_| UploadError::Storage)?;
        parts.files.push(SpooledFile {
            field: name,
            name: original,
            file,
            size: size as u64,
        });
    }
    Ok(parts)
}

async fn read_parts(
    req: &HttpRequest,
    payload: web::Payload,
    limits: Limits,
    texts: &[&str],
    file_fields: &[&str],
) -> Result<Parts, UploadError> {
    let mut mp = Multipart::new(req.headers(), payload);
    let mut parts = Parts::default();
    let mut count = 0usize;
    let mut total = 0usize;
    while let Some(field) = mp.next().await {
        let mut field = field.map_err(|_| UploadError::Malformed)?;
        count += 1;
        if count > limits.parts {
            return Err(UploadError::Malformed);
        }
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = file_fields.contains(&name.as_str());
        if !is_file && !texts.contains(&name.as_str()) {
            return Err(UploadError::Malformed);
        }
        let cap = if is_file { limits.file } else { limits.text };
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| UploadError::Malformed)?;
            total += chunk.len();
            if data.len() + chunk.len() > cap || total > limits.body() {
                return Err(if is_file {
                    UploadError::TooLarge
                } else {
                    UploadError::Malformed
                });
            }
            data.extend_from_slice(&chunk);
        }
        if is_file {
            // A file input left empty still sends a part, with no name and no bytes.
            let original = field
                .content_disposition()
                .and_then(|cd| cd.get_filename())
                .unwrap_or_default()
                .to_owned();
            if original.is_empty() && data.is_empty() {
                continue;
            }
            if parts.files.len() >= limits.files {
                return Err(UploadError::TooManyFiles);
            }
            parts.files.push(UploadedFile {
                field: name,
                name: original,
                data,
            });
        } else {
            if parts.texts.contains_key(&name) {
                return Err(UploadError::Malformed);
            }
            let text = String::from_utf8(data).map_err(|_| UploadError::Malformed)?;
            parts.texts.insert(name, text);
        }
    }
    Ok(parts)
}
