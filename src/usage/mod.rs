//! Cloud active-usage check (issue 9): parsing Microsoft 365 usage-report exports and the 85 % rule.
//!
//! An organisation with donated cloud services must keep 85 % of its donated licenses in active
//! use: a user is active who used at least one Microsoft 365 cloud service in the last 90 days.
//! The member uploads the admin center's "Active users" export (Microsoft Graph
//! `getOffice365ActiveUserDetail`) and, optionally, other user-detail exports of the same report
//! date (Microsoft 365 Apps usage, Teams user activity, Email activity, Yammer/Viva Engage activity)
//! as extra sources of activity.
//!
//! The check itself is pure: bytes in, figures out, no clock read (the reference date is the
//! report's own refresh date). What is stored is a saved result's figures ([`model`]); the
//! member's page is [`handlers`].
//!
//! - [`parse`]: [`parse_report`] reads one export into a typed [`Report`].
//! - [`check`](mod@check): [`check()`] judges parsed exports; [`check_files`] parses and judges a set of
//!   uploaded files in one call.
//! - [`error`]: [`UsageError`] with its Fluent ids ([`ERROR_IDS`]) and variables.
//!
//! ```
//! use donera::usage;
//!
//! let csv = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,\
//! Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,\
//! Teams Last Activity Date,Assigned Products\n\
//! 2025-03-31,anna@example.org,Anna,False,,2025-03-30,,,,MICROSOFT 365 BUSINESS PREMIUM\n";
//! let result = usage::check_files(&[csv.as_bytes()], None).unwrap();
//! assert_eq!(result.overall.share_text(), "100.0");
//! assert!(result.overall.passes);
//! ```

pub mod check;
pub mod error;
pub mod model;
pub mod parse;

pub use check::{
    AssignedProduct, Figures, Granted, InactiveUser, ProductFigures, THRESHOLD_PERCENT,
    UsageResult, WINDOW_DAYS, check, check_files, check_files_granted, check_granted,
    check_sources_granted, counted_activity, in_window, is_known_grant, looks_concealed,
};
pub use error::{ERROR_IDS, FileError, UsageError, ValueKind};
pub use parse::{
    ActiveUserRow, ActiveUsersReport, ActivityReport, ActivityRow, EmailCounts, LastActivity,
    MAX_BYTES, MAX_COLUMNS, MAX_LINE_BYTES, MAX_ROWS, Report, ReportKind, Service, parse_report,
    parse_seekable,
};
pub mod gate;
pub mod handlers;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

/// The member's usage-check page, in both languages.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    for l in Locale::ALL {
        cfg.service(
            actix_web::web::resource(Page::Usage.path(l))
                .route(crate::web::page_route().to(handlers::show))
                .route(actix_web::web::post().to(handlers::check)),
        );
    }
}

/// A saved check in a line, as the member's history and the staff's validation review show it.
pub struct Summary {
    pub date: String,
    pub figures: String,
    pub verdict: String,
    pub passes: bool,
}

pub fn summary(tr: &crate::web::page::Tr, i18n: &crate::i18n::I18n, s: &model::Saved) -> Summary {
    let l = tr.locale;
    Summary {
        date: crate::i18n::format::date(i18n, l, s.reference_date),
        figures: tr.ta(
            "usage-figures",
            &crate::i18n::args([
                ("active", crate::i18n::format::integer(l, s.active).into()),
                (
                    "licensed",
                    crate::i18n::format::integer(l, s.licensed).into(),
                ),
                (
                    "share",
                    crate::i18n::format::percent_tenths(l, s.share_tenths).into(),
                ),
            ]),
        ),
        verdict: tr.t(if s.passes {
            "usage-verdict-pass-short"
        } else {
            "usage-verdict-fail-short"
        }),
        passes: s.passes,
    }
}
