//! The 85 % active-use check: a pure function of parsed exports.
//!
//! - **Reference date**: the active-users export's `Report Refresh Date`. Every extra export must
//!   have the same date ([`UsageError::MixedDates`]).
//! - **Licensed users**: rows of the active-users export that are not deleted and hold at least one
//!   license (a `Has … License` that is true, or a non-empty `Assigned Products`). Rows with the
//!   same user principal name (case-insensitive) are one user. Only this export says who holds
//!   licenses: users that appear only in extra exports are not counted (see
//!   [`UsageResult::unmatched_activity_rows`]).
//! - **Active**: a last activity date in any service (Exchange, OneDrive, SharePoint, Skype for
//!   Business, Yammer/Viva Engage, Teams from the active-users export; Microsoft 365 Apps, Teams,
//!   Email and Yammer from extra exports, matched by user principal name, case-insensitive) within
//!   the 90 days that end on the reference date, both ends included: the reference date and the 89
//!   days before it. A date after the reference date (which Microsoft does not write) counts as
//!   active. Perpetual Office (Office Standard/Professional) never appears in these reports, so it
//!   can never count.
//! - **Mail merely received is not activity.** Microsoft defines the Email activity report's
//!   `Last Activity Date` as "the last time the user performed a read or send email activity", so
//!   it is used as written, with one safeguard: when the row's counts show that the user neither
//!   sent, read, created nor answered a meeting request during the report period (`Send Count`,
//!   `Read Count`, `Meeting Created Count` and `Meeting Interacted Count` all zero, at least one of
//!   those columns present) and the date lies inside that period (the `Report Period` days ending on
//!   the reference date; the whole file when there is no `Report Period`), the date can only come
//!   from received mail and is ignored. A date before the period cannot be judged by the counts and
//!   is trusted. The active-users export's `Exchange Last Activity Date` is trusted as written
//!   (Microsoft counts as Exchange-active only users who read or send mail).
//! - **Share** = active ÷ licensed users, or ÷ the number of donated licenses the member entered.
//!   It is given in tenths of a percent, rounded down (84.99 % is 84.9 %), so it never shows a pass
//!   that is not one. **Needed** = ⌈0.85 × licenses⌉ (20 → 17), **gap** = needed − active (never
//!   below 0), **passes** when active × 100 ≥ 85 × licenses (exactly 85 % passes). Integer
//!   arithmetic only.
//! - **Per product**: `Assigned Products` split on `+`; each product (case-insensitive) is judged
//!   on its own users, from the file (the entered number applies to the overall figure only).
//! - **Concealed names**: when Microsoft's privacy setting conceals user details, the reports show
//!   hashed identifiers (e.g. 32 hexadecimal digits) instead of user principal names and display
//!   names. The check works the same; [`UsageResult::concealed`] tells the page to explain why the
//!   list shows identifiers (and that the setting is under Settings → Org settings → Reports in the
//!   Microsoft 365 admin center). Extra exports match only if Microsoft hashed the same user the
//!   same way in both files.

use std::cmp::Reverse;
use std::collections::HashMap;

use time::{Date, Duration};

use super::error::{FileError, UsageError};
use super::parse::{
    ActiveUsersReport, ActivityReport, ActivityRow, LastActivity, Report, ReportKind, parse_report,
};

/// The share of licenses that must be in active use, in percent.
pub const THRESHOLD_PERCENT: u32 = 85;

/// Length of the activity window in days, the reference date included.
pub const WINDOW_DAYS: i64 = 90;

/// The figures of one verdict (the whole organisation, or one product).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures {
    /// Licensed users active in the window.
    pub active: u32,
    /// Licenses: licensed users in the file, or the number the member entered.
    pub licensed: u32,
    /// active ÷ licensed in tenths of a percent, rounded down: 849 means 84.9 %.
    pub share_tenths: u32,
    /// Active users needed for 85 %: ⌈0.85 × licensed⌉.
    pub needed: u32,
    /// Active users missing: needed − active, at least 0.
    pub gap: u32,
    /// active × 100 ≥ 85 × licensed.
    pub passes: bool,
}

impl Figures {
    /// The figures for `active` of `licensed`. With no licenses nothing is needed and it passes.
    pub fn new(active: u32, licensed: u32) -> Figures {
        let (a, l) = (u64::from(active), u64::from(licensed));
        let threshold = u64::from(THRESHOLD_PERCENT);
        let share_tenths = (a * 1000).checked_div(l).unwrap_or(0);
        let needed = (threshold * l).div_ceil(100);
        Figures {
            active,
            licensed,
            share_tenths: u32::try_from(share_tenths).unwrap_or(u32::MAX),
            needed: u32::try_from(needed).unwrap_or(u32::MAX),
            gap: u32::try_from(needed.saturating_sub(a)).unwrap_or(u32::MAX),
            passes: a * 100 >= threshold * l,
        }
    }

    /// The share with one decimal and a point, e.g. `84.9` (the page may swap the point for a
    /// comma in Swedish).
    pub fn share_text(&self) -> String {
        format!("{}.{}", self.share_tenths / 10, self.share_tenths % 10)
    }
}

/// The verdict for one assigned product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductFigures {
    /// The product's name as the file writes it (first spelling met).
    pub product: String,
    pub figures: Figures,
}

/// A licensed user without activity in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InactiveUser {
    /// Display name; empty when the file has none.
    pub display_name: String,
    /// User principal name, or Microsoft's hashed identifier when concealed.
    pub upn: String,
    /// The identifier looks hashed (see [`looks_concealed`]).
    pub concealed: bool,
    pub products: Vec<String>,
    /// Last activity per service, all exports combined.
    pub last_activity: LastActivity,
    /// The latest of them; `None` when never active in any report.
    pub latest: Option<Date>,
    /// Days from `latest` to the reference date; `None` when never active.
    pub days_since: Option<i64>,
    /// The latest license assignment date, when the export gives one (a recent one explains
    /// why a user has not started yet).
    pub license_assigned: Option<Date>,
}

impl InactiveUser {
    /// What to show as the user's name: the display name, else the identifier.
    pub fn label(&self) -> &str {
        if self.display_name.is_empty() {
            &self.upn
        } else {
            &self.display_name
        }
    }
}

/// The outcome of a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageResult {
    /// The report refresh date: the last day of the window.
    pub reference_date: Date,
    /// The first day of the window (the reference date minus 89 days).
    pub window_start: Date,
    /// Licensed users found in the active-users export.
    pub licensed_in_file: u32,
    /// The number of donated licenses the member entered, if any.
    pub entered_licenses: Option<u32>,
    /// The overall verdict (its `licensed` is the entered number when there is one).
    pub overall: Figures,
    /// One verdict per assigned product, by name.
    pub products: Vec<ProductFigures>,
    /// Inactive licensed users: never active first, then the longest inactive, then by name.
    pub inactive: Vec<InactiveUser>,
    /// Identifiers look hashed: Microsoft's report privacy setting conceals user names.
    pub concealed: bool,
    /// The reports combined, the active-users export first, each kind once.
    pub sources: Vec<ReportKind>,
    /// Rows of extra exports whose user is not a licensed user of the active-users export.
    pub unmatched_activity_rows: u32,
}

/// Whether an identifier looks like one of Microsoft's concealed (hashed) names: no `@`, and at
/// least 16 hexadecimal digits (Microsoft writes 32).
pub fn looks_concealed(upn: &str) -> bool {
    !upn.contains('@') && upn.len() >= 16 && upn.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `date` lies in the 90-day window ending on `reference` (dates after it count too).
pub fn in_window(date: Date, reference: Date) -> bool {
    (reference - date).whole_days() < WINDOW_DAYS
}

/// The activity date an extra export's row contributes, if any: its `Last Activity Date`, except
/// an Email date that can only come from received mail (see the module documentation).
pub fn counted_activity(kind: ReportKind, row: &ActivityRow, reference: Date) -> Option<Date> {
    let date = row.last_activity?;
    if kind == ReportKind::Email
        && let Some(counts) = row.email
    {
        let in_period = row
            .report_period
            .is_none_or(|p| (reference - date).whole_days() < i64::from(p));
        if in_period && counts.own_actions() == Some(0) {
            return None;
        }
    }
    Some(date)
}

/// A licensed user while the check runs.
struct User<'a> {
    upn: &'a str,
    display_name: &'a str,
    products: Vec<&'a str>,
    activity: LastActivity,
    license_assigned: Option<Date>,
}

/// Runs the check on an active-users export, extra activity exports of the same date, and the
/// number of donated licenses the member entered (if any). Linear in the number of rows.
pub fn check(
    active_users: &ActiveUsersReport,
    extras: &[ActivityReport],
    entered_licenses: Option<u32>,
) -> Result<UsageResult, UsageError> {
    if entered_licenses == Some(0) {
        return Err(UsageError::LicenseCount);
    }
    let reference = active_users.refresh_date;
    if let Some(extra) = extras.iter().find(|e| e.refresh_date != reference) {
        return Err(UsageError::MixedDates {
            report: extra.kind,
            expected: reference,
            found: extra.refresh_date,
        });
    }

    // Licensed users, one per user principal name.
    let mut users: Vec<User> = Vec::new();
    let mut by_upn: HashMap<String, usize> = HashMap::new();
    for row in active_users.rows.iter().filter(|r| r.is_licensed()) {
        let key = row.upn.to_lowercase();
        let i = *by_upn.entry(key).or_insert_with(|| {
            users.push(User {
                upn: &row.upn,
                display_name: &row.display_name,
                products: Vec::new(),
                activity: LastActivity::default(),
                license_assigned: None,
            });
            users.len() - 1
        });
        let user = &mut users[i];
        user.activity.merge(&row.last_activity);
        user.license_assigned = user.license_assigned.max(row.license_assigned);
        for p in &row.assigned_products {
            if !user.products.iter().any(|q| q.eq_ignore_ascii_case(p)) {
                user.products.push(p);
            }
        }
        if user.display_name.is_empty() {
            user.display_name = &row.display_name;
        }
    }

    // Activity from the extra exports.
    let mut unmatched: u32 = 0;
    for extra in extras {
        let Some(service) = extra.kind.service() else {
            continue;
        };
        for row in extra.rows.iter().filter(|r| !r.is_deleted) {
            match by_upn.get(&row.upn.to_lowercase()) {
                Some(&i) => {
                    if let Some(date) = counted_activity(extra.kind, row, reference) {
                        users[i].activity.record(service, date);
                    }
                }
                None => unmatched = unmatched.saturating_add(1),
            }
        }
    }

    let licensed_in_file = u32::try_from(users.len()).unwrap_or(u32::MAX);
    let denominator = entered_licenses.unwrap_or(licensed_in_file);
    if denominator == 0 {
        return Err(UsageError::NoUsers);
    }

    // Verdicts and the inactive list.
    let mut active_count: u32 = 0;
    let mut products: Vec<(String, u32, u32)> = Vec::new();
    let mut product_index: HashMap<String, usize> = HashMap::new();
    let mut inactive = Vec::new();
    let mut concealed = false;
    for user in &users {
        let latest = user.activity.latest();
        let active = latest.is_some_and(|d| in_window(d, reference));
        let user_concealed = looks_concealed(user.upn);
        concealed |= user_concealed;
        if active {
            active_count += 1;
        }
        for p in &user.products {
            let i = *product_index.entry(p.to_lowercase()).or_insert_with(|| {
                products.push(((*p).to_owned(), 0, 0));
                products.len() - 1
            });
            products[i].2 += 1;
            if active {
                products[i].1 += 1;
            }
        }
        if !active {
            inactive.push(InactiveUser {
                display_name: user.display_name.to_owned(),
                upn: user.upn.to_owned(),
                concealed: user_concealed,
                products: user.products.iter().map(|p| (*p).to_owned()).collect(),
                last_activity: user.activity,
                latest,
                days_since: latest.map(|d| (reference - d).whole_days()),
                license_assigned: user.license_assigned,
            });
        }
    }

    inactive.sort_by_cached_key(|u| {
        (
            u.days_since.is_some(),
            Reverse(u.days_since),
            u.label().to_lowercase(),
            u.upn.to_lowercase(),
        )
    });
    products.sort_by_cached_key(|(name, _, _)| name.to_lowercase());

    let mut sources = vec![ReportKind::ActiveUsers];
    for extra in extras {
        if !sources.contains(&extra.kind) {
            sources.push(extra.kind);
        }
    }

    Ok(UsageResult {
        reference_date: reference,
        window_start: reference - Duration::days(WINDOW_DAYS - 1),
        licensed_in_file,
        entered_licenses,
        overall: Figures::new(active_count, denominator),
        products: products
            .into_iter()
            .map(|(product, active, licensed)| ProductFigures {
                product,
                figures: Figures::new(active, licensed),
            })
            .collect(),
        inactive,
        concealed,
        sources,
        unmatched_activity_rows: unmatched,
    })
}

/// Parses every uploaded file and runs the check: exactly one must be the active-users export
/// (in any position), the others are extra activity exports of the same report date. Errors
/// name the file (its index in `files`) when they concern one.
pub fn check_files(
    files: &[&[u8]],
    entered_licenses: Option<u32>,
) -> Result<UsageResult, FileError> {
    let mut active_users: Option<ActiveUsersReport> = None;
    let mut extras: Vec<(usize, ActivityReport)> = Vec::new();
    for (i, bytes) in files.iter().enumerate() {
        let report = parse_report(bytes).map_err(|error| FileError {
            file: Some(i),
            error,
        })?;
        match report {
            Report::ActiveUsers(a) => {
                if active_users.is_some() {
                    return Err(FileError {
                        file: None,
                        error: UsageError::SeveralActiveUsers,
                    });
                }
                active_users = Some(a);
            }
            Report::Activity(a) => extras.push((i, a)),
        }
    }
    let Some(active_users) = active_users else {
        return Err(FileError {
            file: None,
            error: UsageError::NoActiveUsers,
        });
    };
    if let Some((i, extra)) = extras
        .iter()
        .find(|(_, e)| e.refresh_date != active_users.refresh_date)
    {
        return Err(FileError {
            file: Some(*i),
            error: UsageError::MixedDates {
                report: extra.kind,
                expected: active_users.refresh_date,
                found: extra.refresh_date,
            },
        });
    }
    let extras: Vec<ActivityReport> = extras.into_iter().map(|(_, e)| e).collect();
    check(&active_users, &extras, entered_licenses).map_err(|error| FileError { file: None, error })
}
