//! `donera backup PATH`: a consistent copy of the SQLite database, taken while the portal runs.
//!
//! SQLite's online backup API (`sqlite3_backup_*`) is reachable only through C calls, and this
//! crate forbids `unsafe`. `VACUUM INTO` gives the same guarantee from SQL: it copies the database
//! as one read transaction sees it, which WAL mode lets run beside the portal's writers, and
//! writes a compact, ready-to-open file. PostgreSQL has its own tool, `pg_dump`.

use std::path::{Path, PathBuf};

use diesel::prelude::*;

use crate::db::{self, Backend, DbConn};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "the database is PostgreSQL: back it up with pg_dump, e.g. \
         pg_dump --format=custom --file=donera.dump \"$DATABASE_URL\" (restore with pg_restore)"
    )]
    Postgres,
    #[error("{0} already exists: a backup never overwrites a file, give a new name")]
    TargetExists(String),
    #[error("the backup path must be valid UTF-8: {0}")]
    Path(String),
    #[error("there is no SQLite database at {0}")]
    NoDatabase(String),
    #[error("cannot create {0}: {1}")]
    Create(String, std::io::Error),
    #[error(transparent)]
    Setup(#[from] db::SetupError),
    #[error("the copy failed: {0}")]
    Copy(String),
}

impl BackupError {
    /// 2 for what the operator asked wrongly (as for invalid settings), 1 for a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            BackupError::Postgres | BackupError::TargetExists(_) | BackupError::Path(_) => 2,
            _ => 1,
        }
    }
}

/// A finished backup.
#[derive(Debug)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
}

#[derive(QueryableByName)]
struct QuickCheck {
    #[diesel(sql_type = diesel::sql_types::Text)]
    quick_check: String,
}

/// Copies the SQLite database at `database_url` to `target`, a file that must not exist yet,
/// then checks that the copy opens and is intact.
pub fn backup(database_url: &str, target: &Path) -> Result<Backup, BackupError> {
    let source = match Backend::from_url(database_url).map_err(db::SetupError::from)? {
        Backend::Sqlite(path) => path,
        Backend::Postgres(_) => return Err(BackupError::Postgres),
    };
    if !Path::new(&source).is_file() {
        // Opening it would create an empty database, and back that up.
        return Err(BackupError::NoDatabase(source));
    }
    let shown = target.display().to_string();
    let target_text = target
        .to_str()
        .ok_or_else(|| BackupError::Path(shown.clone()))?;
    // Created here, empty, exclusively (an existing file is refused, even one that appears at the
    // same moment) and readable by the owner only: the copy holds password hashes and sessions.
    // VACUUM INTO accepts an empty file.
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(target) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BackupError::TargetExists(shown));
        }
        Err(e) => return Err(BackupError::Create(shown, e)),
    }
    match copy(database_url, target_text) {
        Ok(()) => Ok(Backup {
            path: target.to_owned(),
            bytes: std::fs::metadata(target).map_or(0, |m| m.len()),
        }),
        Err(e) => {
            // Leave no half-written file that could be mistaken for a backup.
            let _ = std::fs::remove_file(target);
            Err(e)
        }
    }
}

fn copy(database_url: &str, target: &str) -> Result<(), BackupError> {
    let mut conn = db::open(database_url)?;
    let DbConn::Sqlite(c) = &mut conn else {
        return Err(BackupError::Postgres);
    };
    // The file name is bound as a parameter (INTO takes any expression), so no quoting is needed
    // and no character of the path can change the statement.
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(target)
        .execute(c)
        .map_err(|e| BackupError::Copy(e.to_string()))?;
    let mut copy =
        SqliteConnection::establish(target).map_err(|e| BackupError::Copy(e.to_string()))?;
    let rows: Vec<QuickCheck> = diesel::sql_query("PRAGMA quick_check")
        .load(&mut copy)
        .map_err(|e| BackupError::Copy(e.to_string()))?;
    match rows.first() {
        Some(r) if r.quick_check == "ok" && rows.len() == 1 => Ok(()),
        _ => Err(BackupError::Copy(format!(
            "the copy is damaged: {}",
            rows.iter()
                .map(|r| r.quick_check.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}
