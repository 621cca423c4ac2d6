//! What can go wrong with an uploaded usage export, as Fluent message ids with their variables.
//!
//! | id | variables | when |
//! | --- | --- | --- |
//! | `usage-error-not-csv` | none | not UTF-8 text, binary (NUL bytes), empty, or a first line that is not a CSV header |
//! | `usage-error-unknown-report` | none | a CSV file, but not one of the five supported reports |
//! | `usage-error-missing-columns` | `report`, `columns`, `count` | a supported report without some of the columns the check needs |
//! | `usage-error-row` | `line`, `expected`, `found` | a row with too few fields, or with too many that hold values (the message names no direction) |
//! | `usage-error-value` | `line`, `column`, `value`, `expected` | a date, yes/no, number or user name that cannot be read |
//! | `usage-error-too-large` | `limit_mb`, `size_mb` | the file is over 20 MB |
//! | `usage-error-too-many-rows` | `limit` | over 200 000 data rows |
//! | `usage-error-line-too-long` | `line`, `limit_kb` | a line (one record) over 64 KB: not an export, and never read whole |
//! | `usage-error-too-many-columns` | `line`, `limit` | a line with over 200 columns, refused before it is split |
//! | `usage-error-no-users` | none | no data rows, or no licensed user and no entered number of licenses |
//! | `usage-error-mixed-dates` | `report`, `expected`, `found` | an export whose report refresh date differs from the active-users export's (or rows of one file with different dates) |
//! | `usage-error-no-active-users` | none | among several files, none is the active-users export |
//! | `usage-error-several-active-users` | none | among several files, more than one is an active-users export |
//! | `usage-error-license-count` | none | the entered number of donated licenses is 0 |
//! | `usage-error-no-granted` | none | every licensed user holds only products that are not grants |
//!
//! Variable values are plain strings: `line`, `expected`/`found` (of `usage-error-row`), `count`,
//! `limit`, `limit_mb` and `size_mb` are decimal integers; `report` is a [`ReportKind::key`]
//! (`active-users`, `m365-apps`, `teams`, `email`, `yammer`), meant for a Fluent selector;
//! `columns` is the missing column names as Microsoft spells them, joined with ", ";
//! `column` is the column's header as written in the file; `value` is the offending value (at most
//! 40 characters); `expected` of `usage-error-value` is a [`ValueKind::key`] (`date`, `yes-no`,
//! `number`, `user`), again for a selector; dates are `YYYY-MM-DD`.

use std::fmt;

use time::Date;

use super::parse::ReportKind;

/// Every Fluent id an [`UsageError`] can carry, so the web layer can check its locale files.
pub const ERROR_IDS: &[&str] = &[
    "usage-error-not-csv",
    "usage-error-unknown-report",
    "usage-error-missing-columns",
    "usage-error-row",
    "usage-error-value",
    "usage-error-too-large",
    "usage-error-too-many-rows",
    "usage-error-line-too-long",
    "usage-error-too-many-columns",
    "usage-error-no-users",
    "usage-error-mixed-dates",
    "usage-error-no-active-users",
    "usage-error-several-active-users",
    "usage-error-license-count",
    "usage-error-no-granted",
];

/// What a value that could not be read should have been.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A `YYYY-MM-DD` date.
    Date,
    /// `True`/`False` (or `Yes`/`No`).
    YesNo,
    /// A whole number (activity counts, the report period).
    Number,
    /// A user principal name (or concealed identifier) that is empty.
    User,
}

impl ValueKind {
    /// A stable key for a Fluent selector: `date`, `yes-no`, `number` or `user`.
    pub fn key(self) -> &'static str {
        match self {
            ValueKind::Date => "date",
            ValueKind::YesNo => "yes-no",
            ValueKind::Number => "number",
            ValueKind::User => "user",
        }
    }
}

/// Why an export (or a set of exports) cannot be checked. Nothing is stored in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// Not UTF-8 text, binary, empty, or no CSV header.
    NotCsv,
    /// A CSV file that is none of the supported reports.
    UnknownReport,
    /// A supported report lacking columns the check needs (Microsoft's names, in order).
    MissingColumns {
        report: ReportKind,
        columns: Vec<&'static str>,
    },
    /// A row with fewer fields than the header (truncated), or with extra non-empty fields.
    Row {
        line: u64,
        expected: usize,
        found: usize,
    },
    /// A value that cannot be read.
    Value {
        line: u64,
        column: String,
        value: String,
        expected: ValueKind,
    },
    /// Over [`super::parse::MAX_BYTES`].
    TooLarge { size: usize },
    /// Over [`super::parse::MAX_ROWS`] data rows.
    TooManyRows,
    /// A line (one CSV record) over [`super::parse::MAX_LINE_BYTES`].
    LineTooLong { line: u64 },
    /// A line with more than [`super::parse::MAX_COLUMNS`] columns.
    TooManyColumns { line: u64 },
    /// No data rows, or no licensed user (and no entered number of licenses).
    NoUsers,
    /// Exports of different report dates.
    MixedDates {
        report: ReportKind,
        expected: Date,
        found: Date,
    },
    /// Several files, none of them the active-users export.
    NoActiveUsers,
    /// Several files, more than one of them an active-users export.
    SeveralActiveUsers,
    /// The entered number of donated licenses is 0.
    LicenseCount,
    /// Every licensed user holds only products that are not grants (paid licences only).
    NoGranted,
}

impl UsageError {
    /// The Fluent message id (one of [`ERROR_IDS`]).
    pub fn fluent_id(&self) -> &'static str {
        match self {
            UsageError::NotCsv => "usage-error-not-csv",
            UsageError::UnknownReport => "usage-error-unknown-report",
            UsageError::MissingColumns { .. } => "usage-error-missing-columns",
            UsageError::Row { .. } => "usage-error-row",
            UsageError::Value { .. } => "usage-error-value",
            UsageError::TooLarge { .. } => "usage-error-too-large",
            UsageError::TooManyRows => "usage-error-too-many-rows",
            UsageError::LineTooLong { .. } => "usage-error-line-too-long",
            UsageError::TooManyColumns { .. } => "usage-error-too-many-columns",
            UsageError::NoUsers => "usage-error-no-users",
            UsageError::MixedDates { .. } => "usage-error-mixed-dates",
            UsageError::NoActiveUsers => "usage-error-no-active-users",
            UsageError::SeveralActiveUsers => "usage-error-several-active-users",
            UsageError::LicenseCount => "usage-error-license-count",
            UsageError::NoGranted => "usage-error-no-granted",
        }
    }

    /// The 1-based line of the file the problem is on, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            UsageError::Row { line, .. }
            | UsageError::Value { line, .. }
            | UsageError::LineTooLong { line }
            | UsageError::TooManyColumns { line } => Some(*line),
            _ => None,
        }
    }

    /// The message's variables (see the table in this module's documentation).
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        match self {
            UsageError::NotCsv
            | UsageError::UnknownReport
            | UsageError::NoUsers
            | UsageError::NoActiveUsers
            | UsageError::SeveralActiveUsers
            | UsageError::LicenseCount
            | UsageError::NoGranted => Vec::new(),
            UsageError::MissingColumns { report, columns } => vec![
                ("report", report.key().to_owned()),
                ("columns", columns.join(", ")),
                ("count", columns.len().to_string()),
            ],
            UsageError::Row {
                line,
                expected,
                found,
            } => vec![
                ("line", line.to_string()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
            UsageError::Value {
                line,
                column,
                value,
                expected,
            } => vec![
                ("line", line.to_string()),
                ("column", column.clone()),
                ("value", value.clone()),
                ("expected", expected.key().to_owned()),
            ],
            UsageError::TooLarge { size } => vec![
                (
                    "limit_mb",
                    (super::parse::MAX_BYTES / (1024 * 1024)).to_string(),
                ),
                ("size_mb", size.div_ceil(1024 * 1024).to_string()),
            ],
            UsageError::TooManyRows => vec![("limit", super::parse::MAX_ROWS.to_string())],
            UsageError::LineTooLong { line } => vec![
                ("line", line.to_string()),
                (
                    "limit_kb",
                    (super::parse::MAX_LINE_BYTES / 1024).to_string(),
                ),
            ],
            UsageError::TooManyColumns { line } => vec![
                ("line", line.to_string()),
                ("limit", super::parse::MAX_COLUMNS.to_string()),
            ],
            UsageError::MixedDates {
                report,
                expected,
                found,
            } => vec![
                ("report", report.key().to_owned()),
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
        }
    }
}

impl fmt::Display for UsageError {
    /// An English description for logs; pages use [`UsageError::fluent_id`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.fluent_id())?;
        for (name, value) in self.vars() {
            write!(f, " {name}={value:?}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UsageError {}

/// An error of [`super::check::check_files`]: which file (index into its list) when the problem
/// is in one file, `None` when it concerns the set (no or several active-users exports).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: Option<usize>,
    pub error: UsageError,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.file {
            Some(i) => write!(f, "file {}: {}", i + 1, self.error),
            None => self.error.fmt(f),
        }
    }
}

impl std::error::Error for FileError {}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use time::macros::date;

    use super::*;

    fn every_variant() -> Vec<UsageError> {
        vec![
            UsageError::NotCsv,
            UsageError::UnknownReport,
            UsageError::MissingColumns {
                report: ReportKind::Email,
                columns: vec!["Last Activity Date", "User Principal Name"],
            },
            UsageError::Row {
                line: 7,
                expected: 24,
                found: 3,
            },
            UsageError::Value {
                line: 9,
                column: "Is Deleted".into(),
                value: "Maybe".into(),
                expected: ValueKind::YesNo,
            },
            UsageError::TooLarge { size: 30_000_000 },
            UsageError::TooManyRows,
            UsageError::NoUsers,
            UsageError::MixedDates {
                report: ReportKind::Teams,
                expected: date!(2025 - 03 - 31),
                found: date!(2025 - 03 - 30),
            },
            UsageError::NoActiveUsers,
            UsageError::SeveralActiveUsers,
            UsageError::LicenseCount,
            UsageError::NoGranted,
            UsageError::LineTooLong { line: 1 },
            UsageError::TooManyColumns { line: 2 },
        ]
    }

    #[test]
    fn every_id_is_listed_once() {
        let ids: HashSet<&str> = every_variant().iter().map(UsageError::fluent_id).collect();
        assert_eq!(ids.len(), ERROR_IDS.len());
        assert_eq!(ids, ERROR_IDS.iter().copied().collect::<HashSet<_>>());
    }

    #[test]
    fn variables() {
        let all = every_variant();
        assert_eq!(
            all[2].vars(),
            [
                ("report", "email".to_owned()),
                (
                    "columns",
                    "Last Activity Date, User Principal Name".to_owned()
                ),
                ("count", "2".to_owned()),
            ]
        );
        assert_eq!(
            all[8].vars(),
            [
                ("report", "teams".to_owned()),
                ("expected", "2025-03-31".to_owned()),
                ("found", "2025-03-30".to_owned()),
            ]
        );
        assert_eq!(all[5].vars()[1], ("size_mb", "29".to_owned()));
        assert_eq!(all[3].line(), Some(7));
        assert_eq!(all[0].line(), None);
        assert_eq!(
            all[13].vars(),
            [("line", "1".to_owned()), ("limit_kb", "64".to_owned())]
        );
        assert_eq!(
            all[14].vars(),
            [("line", "2".to_owned()), ("limit", "200".to_owned())]
        );
        assert_eq!(
            all[4].to_string(),
            "usage-error-value line=\"9\" column=\"Is Deleted\" value=\"Maybe\" expected=\"yes-no\""
        );
        let file = FileError {
            file: Some(1),
            error: UsageError::NotCsv,
        };
        assert_eq!(file.to_string(), "file 2: usage-error-not-csv");
    }
}
