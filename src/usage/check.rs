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
//! - **Granted licences only** (PRODUCT.md 6a): Microsoft compares assigned *granted* licences with
//!   active users; paid licences are not affected. A user counts when one of their assigned
//!   products is a grant ([`Granted`]: the products the member ticked, or by default the known
//!   grant names), or when the file names no product for them (nothing to tell them apart by).
//!   A user who holds only paid products is left out of the figures and the inactive list. Every
//!   product in `Assigned Products` is listed with its users in [`UsageResult::assigned`], so the
//!   page can let the member tick which are grants.
//! - **Per product**: `Assigned Products` split on `+`; each granted product (case-insensitive) is
//!   judged on its own users, from the file (the entered number applies to the overall figure
//!   only). Microsoft reviews each grant, so the overall verdict fails when any grant fails.
//! - **Concealed names**: when Microsoft's privacy setting conceals user details, the reports show
//!   hashed identifiers (e.g. 32 hexadecimal digits) instead of user principal names and display
//!   names. The check works the same; [`UsageResult::concealed`] tells the page to explain why the
//!   list shows identifiers (an admin can show names again in the Microsoft 365 admin center under
//!   Settings → Org settings → Services → Reports, "Display concealed user, group, and site names
//!   in all reports"). Display names are hashed too, so [`InactiveUser::label`] is then a hash as
//!   well. Extra exports match only if Microsoft hashed the same user the same way in both files.
//!   The share is not capped: an entered number below the active users gives more than 100 %.

use std::cmp::Reverse;
use std::collections::HashMap;

use time::{Date, Duration};

use super::error::{FileError, UsageError};
use super::parse::{
    ActiveUsersReport, ActivityReport, ActivityRow, LastActivity, Report, ReportKind,
    parse_seekable,
};

/// Which assigned products are grants: the free licences the 85 % rule covers. Paid products,
/// discounted or not, are not counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Granted {
    /// The products whose names are Microsoft's nonprofit grants ([`is_known_grant`]).
    #[default]
    KnownGrants,
    /// The products the member named or ticked (case-insensitive, surrounding spaces ignored).
    Named(Vec<String>),
}

impl Granted {
    pub fn includes(&self, product: &str) -> bool {
        match self {
            Granted::KnownGrants => is_known_grant(product),
            Granted::Named(names) => names
                .iter()
                .any(|n| n.trim().eq_ignore_ascii_case(product.trim())),
        }
    }
}

/// The names ticked as grants by default: Business Basic (the grant for nonprofits), Business
/// Premium (the donation that ended in 2025 and that some organisations still hold), the Office
/// 365 E1 and E2 grants, and any name that says grant or donation. A member with paid Premium
/// unticks it.
pub fn is_known_grant(product: &str) -> bool {
    let p = product.to_lowercase();
    let words: Vec<&str> = p.split(|c: char| !c.is_alphanumeric()).collect();
    p.contains("business basic")
        || p.contains("business premium")
        || (p.contains("office 365") && (words.contains(&"e1") || words.contains(&"e2")))
        || words.contains(&"grant")
        || words.contains(&"donation")
}

/// A product of the `Assigned Products` column, with its licensed users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignedProduct {
    /// The name as the file writes it (first spelling met).
    pub product: String,
    pub users: u32,
    /// Counted as a grant in this check.
    pub granted: bool,
}

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
    /// One verdict per granted product, by name.
    pub products: Vec<ProductFigures>,
    /// Every product of the `Assigned Products` column, granted or not, by name.
    pub assigned: Vec<AssignedProduct>,
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
    check_granted(
        active_users,
        extras,
        entered_licenses,
        &Granted::KnownGrants,
    )
}

/// [`check`] on the granted products the member chose.
pub fn check_granted(
    active_users: &ActiveUsersReport,
    extras: &[ActivityReport],
    entered_licenses: Option<u32>,
    granted: &Granted,
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

    // Every assigned product with its users; then only the users of a grant (or of no named
    // product) are counted.
    let mut assigned: Vec<AssignedProduct> = Vec::new();
    let mut assigned_index: HashMap<String, usize> = HashMap::new();
    for user in &users {
        for p in &user.products {
            let i = *assigned_index.entry(p.to_lowercase()).or_insert_with(|| {
                assigned.push(AssignedProduct {
                    product: (*p).to_owned(),
                    users: 0,
                    granted: granted.includes(p),
                });
                assigned.len() - 1
            });
            assigned[i].users = assigned[i].users.saturating_add(1);
        }
    }
    assigned.sort_by_cached_key(|a| a.product.to_lowercase());
    let before = users.len();
    users.retain(|u| u.products.is_empty() || u.products.iter().any(|p| granted.includes(p)));
    if users.is_empty() && before > 0 {
        return Err(UsageError::NoGranted);
    }
    for user in &mut users {
        user.products.retain(|p| granted.includes(p));
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

    let products: Vec<ProductFigures> = products
        .into_iter()
        .map(|(product, active, licensed)| ProductFigures {
            product,
            figures: Figures::new(active, licensed),
        })
        .collect();
    let mut overall = Figures::new(active_count, denominator);
    // Microsoft reviews each grant: one grant below 85 % fails the organisation.
    overall.passes &= products.iter().all(|p| p.figures.passes);
    Ok(UsageResult {
        reference_date: reference,
        window_start: reference - Duration::days(WINDOW_DAYS - 1),
        licensed_in_file,
        entered_licenses,
        overall,
        products,
        assigned,
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
    check_files_granted(files, entered_licenses, &Granted::KnownGrants)
}

/// [`check_files`] on the granted products the member chose.
pub fn check_files_granted(
    files: &[&[u8]],
    entered_licenses: Option<u32>,
    granted: &Granted,
) -> Result<UsageResult, FileError> {
    check_sources_granted(
        files.iter().map(|b| std::io::Cursor::new(*b)),
        entered_licenses,
        granted,
    )
}

/// [`check_files_granted`] on files read as streams (uploads spooled to disk), so that no file
/// is held in memory whole.
pub fn check_sources_granted<R: std::io::Read + std::io::Seek>(
    files: impl IntoIterator<Item = R>,
    entered_licenses: Option<u32>,
    granted: &Granted,
) -> Result<UsageResult, FileError> {
    let mut active_users: Option<ActiveUsersReport> = None;
    let mut extras: Vec<(usize, ActivityReport)> = Vec::new();
    for (i, source) in files.into_iter().enumerate() {
        let report = parse_seekable(source).map_err(|error| FileError {
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
    check_granted(&active_users, &extras, entered_licenses, granted)
        .map_err(|error| FileError { file: None, error })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::usage::parse::{EmailCounts, Service, parse_report};

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/usage/", $name)).as_slice()
        };
    }

    fn run(files: &[&[u8]], entered: Option<u32>) -> UsageResult {
        check_files(files, entered).unwrap()
    }

    /// An active-users export of 2025-03-31: per user, whether active and the assigned products.
    fn export(users: &[(bool, &str)]) -> Vec<u8> {
        let mut s = String::from(
            "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products\n",
        );
        for (i, (active, products)) in users.iter().enumerate() {
            let last = if *active { "2025-03-30" } else { "" };
            s.push_str(&format!(
                "2025-03-31,u{i}@forening.example.se,User {i},False,,True,True,True,True,True,True,{last},,,,,,2023-09-01,2023-09-01,2023-09-01,2023-09-01,2023-09-01,2023-09-01,{products}\n"
            ));
        }
        s.into_bytes()
    }

    fn users(n: usize, active: usize, products: &'static str) -> Vec<(bool, &'static str)> {
        (0..n).map(|i| (i < active, products)).collect()
    }

    #[test]
    fn seventeen_of_twenty_granted_passes_and_sixteen_fails() {
        let pass = run(
            &[&export(&users(20, 17, "MICROSOFT 365 BUSINESS BASIC"))],
            None,
        );
        assert!(pass.overall.passes);
        assert_eq!((pass.overall.share_tenths, pass.overall.needed), (850, 17));
        let fail = run(
            &[&export(&users(20, 16, "MICROSOFT 365 BUSINESS BASIC"))],
            None,
        );
        assert!(!fail.overall.passes);
        assert_eq!((fail.overall.share_tenths, fail.overall.gap), (800, 1));
        // Floored to one decimal: 17 of 19 is 89.47 %, shown as 89.4.
        let floor = run(
            &[&export(&users(19, 17, "MICROSOFT 365 BUSINESS BASIC"))],
            None,
        );
        assert_eq!(floor.overall.share_text(), "89.4");
    }

    #[test]
    fn paid_licences_are_listed_but_not_counted() {
        // 10 on the Basic grant (9 active), 10 on paid Business Standard (none active).
        let mut list = users(10, 9, "MICROSOFT 365 BUSINESS BASIC");
        list.extend(users(10, 0, "MICROSOFT 365 BUSINESS STANDARD"));
        let r = run(&[&export(&list)], None);
        assert_eq!((r.overall.active, r.overall.licensed), (9, 10));
        assert!(r.overall.passes);
        assert_eq!(r.inactive.len(), 1);
        let assigned: Vec<(&str, u32, bool)> = r
            .assigned
            .iter()
            .map(|a| (a.product.as_str(), a.users, a.granted))
            .collect();
        assert_eq!(
            assigned,
            [
                ("MICROSOFT 365 BUSINESS BASIC", 10, true),
                ("MICROSOFT 365 BUSINESS STANDARD", 10, false),
            ]
        );
        assert_eq!(r.products.len(), 1);
    }

    #[test]
    fn a_user_with_a_grant_and_a_paid_product_counts_once_for_the_grant() {
        let r = run(
            &[&export(&[
                (true, "MICROSOFT 365 BUSINESS BASIC+POWER BI PRO"),
                (false, "POWER BI PRO"),
            ])],
            None,
        );
        assert_eq!((r.overall.active, r.overall.licensed), (1, 1));
        assert!(r.inactive.is_empty());
    }

    #[test]
    fn a_paid_only_export_says_no_granted_licences_were_found() {
        let bytes = export(&users(5, 5, "MICROSOFT 365 BUSINESS STANDARD"));
        assert_eq!(
            check_files(&[&bytes], None).unwrap_err().error,
            UsageError::NoGranted
        );
    }

    #[test]
    fn the_old_premium_donation_counts_by_default_and_can_be_unticked() {
        let mut list = users(20, 19, "MICROSOFT 365 BUSINESS PREMIUM");
        list.extend(users(2, 0, "OFFICE 365 E1"));
        let r = run(&[&export(&list)], None);
        // 19 of 22 is 86.3 %, but each grant is judged on its own: E1 at 0 % fails.
        assert_eq!((r.overall.active, r.overall.licensed), (19, 22));
        assert_eq!(r.overall.share_tenths, 863);
        assert!(!r.overall.passes);
        assert_eq!(r.products.len(), 2);
        // The member says Premium is paid now: only E1 is a grant.
        let only_e1 = Granted::Named(vec!["office 365 e1".into()]);
        let r = check_files_granted(&[&export(&list)], None, &only_e1).unwrap();
        assert_eq!((r.overall.active, r.overall.licensed), (0, 2));
        let premium = Granted::Named(vec![" Microsoft 365 Business Premium ".into()]);
        let r = check_files_granted(&[&export(&list)], None, &premium).unwrap();
        assert_eq!((r.overall.active, r.overall.licensed), (19, 20));
        assert!(r.overall.passes);
    }

    #[test]
    fn known_grant_names() {
        for g in [
            "MICROSOFT 365 BUSINESS BASIC",
            "Microsoft 365 Business Premium Donation",
            "OFFICE 365 E1",
            "Office 365 E2 (Nonprofit Grant)",
        ] {
            assert!(is_known_grant(g), "{g}");
        }
        for p in [
            "MICROSOFT 365 BUSINESS STANDARD",
            "OFFICE 365 E3",
            "POWER BI PRO",
            "MICROSOFT TEAMS EXPLORATORY",
            "MICROSOFT 365 E1O",
        ] {
            assert!(!is_known_grant(p), "{p}");
        }
    }

    fn labels(r: &UsageResult) -> Vec<&str> {
        r.inactive.iter().map(InactiveUser::label).collect()
    }

    #[test]
    fn figures_arithmetic() {
        let f = Figures::new(17, 20);
        assert_eq!(
            (f.share_tenths, f.needed, f.gap, f.passes),
            (850, 17, 0, true)
        );
        assert_eq!(f.share_text(), "85.0");
        let f = Figures::new(16, 20);
        assert_eq!(
            (f.share_tenths, f.needed, f.gap, f.passes),
            (800, 17, 1, false)
        );
        // 84.99 % is shown as 84.9 and fails.
        let f = Figures::new(8499, 10000);
        assert_eq!(
            (f.share_text().as_str(), f.needed, f.gap),
            ("84.9", 8500, 1)
        );
        assert!(!f.passes);
        // 5 of 6 is 83.33 %: needed ⌈5.1⌉ = 6.
        assert_eq!(Figures::new(5, 6).needed, 6);
        assert_eq!(Figures::new(1, 1).needed, 1);
        assert_eq!(Figures::new(85, 100).needed, 85);
        assert!(Figures::new(85, 100).passes);
        assert!(!Figures::new(84, 100).passes);
        assert_eq!(Figures::new(2, 3).share_text(), "66.6");
        assert_eq!(Figures::new(3, 3).share_text(), "100.0");
        let empty = Figures::new(0, 0);
        assert_eq!((empty.share_tenths, empty.needed, empty.gap), (0, 0, 0));
        let huge = Figures::new(u32::MAX, u32::MAX);
        assert!(huge.passes);
        assert_eq!(huge.share_tenths, 1000);
    }

    #[test]
    fn compliant() {
        let r = run(&[fixture!("active-compliant.csv")], None);
        assert_eq!(r.reference_date, date!(2025 - 03 - 31));
        assert_eq!(r.window_start, date!(2025 - 01 - 01));
        assert_eq!(r.licensed_in_file, 20);
        assert_eq!(
            r.overall,
            Figures {
                active: 18,
                licensed: 20,
                share_tenths: 900,
                needed: 17,
                gap: 0,
                passes: true
            }
        );
        assert_eq!(r.products.len(), 1);
        assert_eq!(r.products[0].product, "MICROSOFT 365 BUSINESS PREMIUM");
        assert_eq!(r.products[0].figures, r.overall);
        // Never active first, then the longest inactive.
        assert_eq!(labels(&r), ["Tove Törnqvist", "Ulf Ulriksson"]);
        let ulf = &r.inactive[1];
        assert_eq!(ulf.latest, Some(date!(2024 - 11 - 15)));
        assert_eq!(ulf.days_since, Some(136));
        assert_eq!(
            ulf.last_activity.get(Service::OneDrive),
            Some(date!(2024 - 10 - 02))
        );
        assert_eq!(ulf.license_assigned, Some(date!(2023 - 09 - 01)));
        assert_eq!(r.inactive[0].latest, None);
        assert_eq!(r.inactive[0].days_since, None);
        assert!(!r.concealed);
        assert_eq!(r.sources, [ReportKind::ActiveUsers]);
        assert_eq!(r.unmatched_activity_rows, 0);
    }

    #[test]
    fn non_compliant() {
        let r = run(&[fixture!("active-noncompliant.csv")], None);
        assert_eq!(
            r.overall,
            Figures {
                active: 12,
                licensed: 20,
                share_tenths: 600,
                needed: 17,
                gap: 5,
                passes: false
            }
        );
        assert_eq!(
            labels(&r),
            [
                "Maja Månsson",
                "Per Persson",
                "Tove Törnqvist",
                "Rut Rask",
                "Olivia Olsson",
                "Ulf Ulriksson",
                "Sara Sandberg",
                "Nils Nord",
            ]
        );
        let days: Vec<Option<i64>> = r.inactive.iter().map(|u| u.days_since).collect();
        assert_eq!(
            days,
            [
                None,
                None,
                None,
                Some(806),
                Some(303),
                Some(203),
                Some(120),
                Some(90)
            ]
        );
    }

    #[test]
    fn exactly_85_percent_passes() {
        let r = run(&[fixture!("active-exactly-85.csv")], None);
        assert_eq!(
            r.overall,
            Figures {
                active: 17,
                licensed: 20,
                share_tenths: 850,
                needed: 17,
                gap: 0,
                passes: true
            }
        );
        assert_eq!(r.inactive.len(), 3);
    }

    #[test]
    fn eighty_nine_days_before_counts_ninety_does_not() {
        let r = run(&[fixture!("active-boundary.csv")], None);
        assert_eq!((r.overall.active, r.overall.licensed), (2, 3));
        assert_eq!(labels(&r), ["Day Ninety"]);
        assert_eq!(r.inactive[0].days_since, Some(90));
        assert_eq!(r.inactive[0].latest, Some(date!(2024 - 12 - 31)));
        let reference = date!(2025 - 03 - 31);
        assert!(in_window(reference, reference));
        assert!(in_window(date!(2025 - 01 - 01), reference));
        assert!(!in_window(date!(2024 - 12 - 31), reference));
        assert!(in_window(date!(2025 - 04 - 01), reference));
    }

    #[test]
    fn two_products_judged_separately() {
        let r = run(&[fixture!("active-two-products.csv")], None);
        let products: Vec<(&str, u32, u32, bool)> = r
            .products
            .iter()
            .map(|p| {
                let f = p.figures;
                (p.product.as_str(), f.active, f.licensed, f.passes)
            })
            .collect();
        // "Office 365 E1" and "OFFICE 365 E1" are one product, spelt as first met.
        assert_eq!(
            products,
            [
                ("MICROSOFT 365 BUSINESS PREMIUM", 9, 10, true),
                ("Office 365 E1", 5, 10, false),
            ]
        );
        let e1 = r.products[1].figures;
        assert_eq!((e1.share_tenths, e1.needed, e1.gap), (500, 9, 4));
        assert_eq!(
            r.overall,
            Figures {
                active: 12,
                licensed: 18,
                share_tenths: 666,
                needed: 16,
                gap: 4,
                passes: false
            }
        );
        assert_eq!(r.overall.share_text(), "66.6");
        let both = run(&[fixture!("bom-crlf.csv")], None);
        assert_eq!(
            both.inactive[0].products,
            ["MICROSOFT 365 BUSINESS PREMIUM"]
        );
    }

    #[test]
    fn deleted_and_unlicensed_users_are_left_out() {
        let r = run(&[fixture!("active-deleted-unlicensed.csv")], None);
        // a (active), b (never), e (a Has … License only, active); f holds only Teams
        // Exploratory, which is not a grant, so it is listed but not counted.
        assert_eq!((r.overall.active, r.overall.licensed), (2, 3));
        assert_eq!(labels(&r), ["B Never"]);
        let products: Vec<(&str, u32, u32)> = r
            .products
            .iter()
            .map(|p| (p.product.as_str(), p.figures.active, p.figures.licensed))
            .collect();
        assert_eq!(products, [("MICROSOFT 365 BUSINESS PREMIUM", 1, 2)]);
        assert!(
            r.assigned
                .iter()
                .any(|a| a.product == "MICROSOFT TEAMS EXPLORATORY" && !a.granted)
        );
    }

    #[test]
    fn several_exports_combined() {
        let alone = run(&[fixture!("combined-active.csv")], None);
        assert_eq!((alone.overall.active, alone.overall.licensed), (1, 7));

        // In any order: the active-users export is found among them.
        let r = run(
            &[
                fixture!("combined-teams.csv"),
                fixture!("combined-m365apps.csv"),
                fixture!("combined-active.csv"),
                fixture!("combined-email.csv"),
                fixture!("combined-yammer.csv"),
            ],
            None,
        );
        assert_eq!(
            r.overall,
            Figures {
                active: 5,
                licensed: 7,
                share_tenths: 714,
                needed: 6,
                gap: 1,
                passes: false
            }
        );
        // David only received mail; Gustav did nothing anywhere.
        assert_eq!(labels(&r), ["David Dunér", "Gustav Gran"]);
        assert_eq!(r.inactive[0].latest, None);
        assert_eq!(
            r.sources,
            [
                ReportKind::ActiveUsers,
                ReportKind::Teams,
                ReportKind::M365Apps,
                ReportKind::Email,
                ReportKind::Yammer,
            ]
        );
        // The guest in the Teams export holds no license in the active-users export.
        assert_eq!(r.unmatched_activity_rows, 1);

        let parsed: Vec<ActivityReport> = [
            fixture!("combined-teams.csv"),
            fixture!("combined-m365apps.csv"),
        ]
        .iter()
        .map(|b| match parse_report(b).unwrap() {
            Report::Activity(a) => a,
            Report::ActiveUsers(_) => panic!(),
        })
        .collect();
        let Report::ActiveUsers(active) = parse_report(fixture!("combined-active.csv")).unwrap()
        else {
            panic!()
        };
        let r = check(&active, &parsed, None).unwrap();
        assert_eq!(r.overall.active, 3);
        assert_eq!(
            labels(&r),
            ["David Dunér", "Eva Engström", "Fredrik Fors", "Gustav Gran"]
        );
    }

    #[test]
    fn activity_found_only_in_an_extra_export_is_shown_per_service() {
        let r = run(
            &[
                fixture!("combined-active.csv"),
                fixture!("combined-teams.csv"),
            ],
            None,
        );
        assert!(!labels(&r).contains(&"Bo Bäck"));
        let r = run(
            &[
                fixture!("combined-active.csv"),
                fixture!("combined-email.csv"),
            ],
            None,
        );
        let bo = r.inactive.iter().find(|u| u.label() == "Bo Bäck").unwrap();
        assert_eq!(
            bo.last_activity.get(Service::Teams),
            Some(date!(2024 - 11 - 01))
        );
        assert_eq!(bo.days_since, Some(150));
        let david = r
            .inactive
            .iter()
            .find(|u| u.label() == "David Dunér")
            .unwrap();
        assert_eq!(david.last_activity.get(Service::Exchange), None);
    }

    #[test]
    fn mail_merely_received_is_not_activity() {
        let reference = date!(2025 - 03 - 31);
        let row =
            |last: Option<Date>, period: Option<u32>, email: Option<EmailCounts>| ActivityRow {
                line: 2,
                upn: "a@x.se".into(),
                display_name: String::new(),
                is_deleted: false,
                last_activity: last,
                report_period: period,
                email,
            };
        let received_only = EmailCounts {
            send: Some(0),
            receive: Some(40),
            read: Some(0),
            meeting_created: Some(0),
            meeting_interacted: Some(0),
        };
        let in_period = Some(date!(2025 - 03 - 25));
        // Inside the period, no own action: the date can only be received mail.
        assert_eq!(
            counted_activity(
                ReportKind::Email,
                &row(in_period, Some(90), Some(received_only)),
                reference
            ),
            None
        );
        assert_eq!(
            counted_activity(
                ReportKind::Email,
                &row(in_period, None, Some(received_only)),
                reference
            ),
            None
        );
        // Before a 7-day period the counts say nothing: Microsoft's date (read or send) is trusted.
        let earlier = Some(date!(2025 - 03 - 01));
        assert_eq!(
            counted_activity(
                ReportKind::Email,
                &row(earlier, Some(7), Some(received_only)),
                reference
            ),
            earlier
        );
        // One read, one meeting answer, or no count columns at all: the date counts.
        for counts in [
            EmailCounts {
                read: Some(1),
                ..received_only
            },
            EmailCounts {
                meeting_interacted: Some(1),
                ..received_only
            },
            EmailCounts {
                receive: Some(3),
                ..EmailCounts::default()
            },
        ] {
            assert_eq!(
                counted_activity(
                    ReportKind::Email,
                    &row(in_period, Some(90), Some(counts)),
                    reference
                ),
                in_period
            );
        }
        // Other reports are taken as written.
        assert_eq!(
            counted_activity(
                ReportKind::Teams,
                &row(in_period, Some(90), None),
                reference
            ),
            in_period
        );
        assert_eq!(
            counted_activity(
                ReportKind::Email,
                &row(None, Some(90), Some(received_only)),
                reference
            ),
            None
        );
    }

    #[test]
    fn entered_number_of_licenses() {
        let r = run(&[fixture!("active-compliant.csv")], Some(25));
        assert_eq!(r.licensed_in_file, 20);
        assert_eq!(r.entered_licenses, Some(25));
        assert_eq!(
            r.overall,
            Figures {
                active: 18,
                licensed: 25,
                share_tenths: 720,
                needed: 22,
                gap: 4,
                passes: false
            }
        );
        // The products are still judged on the file.
        assert_eq!(r.products[0].figures.licensed, 20);
        assert_eq!(
            check_files(&[fixture!("active-compliant.csv")], Some(0)),
            Err(FileError {
                file: None,
                error: UsageError::LicenseCount
            })
        );
    }

    #[test]
    fn concealed_names() {
        let r = run(&[fixture!("concealed.csv")], None);
        assert!(r.concealed);
        assert_eq!((r.overall.active, r.overall.licensed), (3, 4));
        assert_eq!(r.inactive[0].upn, "D41D8CD98F00B204E9800998ECF8427E");
        assert!(r.inactive[0].concealed);
        assert!(looks_concealed("554630B7593DDE8E04F27933A965D5B2"));
        assert!(looks_concealed("554630b7593dde8e04f27933a965d5b2"));
        assert!(!looks_concealed("anna@forening.example.se"));
        assert!(!looks_concealed("cafe"));
        assert!(!looks_concealed("ZZZZ30B7593DDE8E04F27933A965D5B2"));
    }

    #[test]
    fn file_set_errors() {
        let err = check_files(
            &[
                fixture!("combined-active.csv"),
                fixture!("combined-teams-other-date.csv"),
            ],
            None,
        )
        .unwrap_err();
        assert_eq!(
            err,
            FileError {
                file: Some(1),
                error: UsageError::MixedDates {
                    report: ReportKind::Teams,
                    expected: date!(2025 - 03 - 31),
                    found: date!(2025 - 03 - 30),
                }
            }
        );
        assert_eq!(err.error.fluent_id(), "usage-error-mixed-dates");
        assert_eq!(
            check_files(&[fixture!("combined-teams.csv")], None).unwrap_err(),
            FileError {
                file: None,
                error: UsageError::NoActiveUsers
            }
        );
        assert_eq!(
            check_files(&[], None).unwrap_err().error,
            UsageError::NoActiveUsers
        );
        assert_eq!(
            check_files(
                &[
                    fixture!("combined-active.csv"),
                    fixture!("active-compliant.csv")
                ],
                None
            )
            .unwrap_err()
            .error,
            UsageError::SeveralActiveUsers
        );
        assert_eq!(
            check_files(
                &[
                    fixture!("combined-active.csv"),
                    fixture!("bad-other-report.csv")
                ],
                None
            )
            .unwrap_err(),
            FileError {
                file: Some(1),
                error: UsageError::UnknownReport
            }
        );
        // Through `check` directly, too.
        let Report::ActiveUsers(active) = parse_report(fixture!("combined-active.csv")).unwrap()
        else {
            panic!()
        };
        let Report::Activity(other) =
            parse_report(fixture!("combined-teams-other-date.csv")).unwrap()
        else {
            panic!()
        };
        assert!(matches!(
            check(&active, &[other], None),
            Err(UsageError::MixedDates { .. })
        ));
    }

    #[test]
    fn no_licensed_user() {
        let text = "Report Refresh Date,User Principal Name,Is Deleted,Has Exchange License,\
            Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,\
            Teams Last Activity Date,Assigned Products\n\
            2025-03-31,a@x.se,False,False,2025-03-30,,,,\n\
            2025-03-31,b@x.se,True,True,2025-03-30,,,,P\n";
        assert_eq!(
            check_files(&[text.as_bytes()], None).unwrap_err().error,
            UsageError::NoUsers
        );
        // With an entered number the share is simply 0.
        let r = check_files(&[text.as_bytes()], Some(5)).unwrap();
        assert_eq!(
            (r.overall.active, r.overall.licensed, r.overall.gap),
            (0, 5, 5)
        );
    }

    #[test]
    fn duplicate_rows_of_one_user_are_one_user() {
        let text = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,\
            Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,\
            Teams Last Activity Date,Assigned Products\n\
            2025-03-31,A@x.se,,False,2024-01-01,,,,P1\n\
            2025-03-31,a@X.se,Anna,False,,,,2025-03-01,P2\n\
            2025-03-31,a@x.se,Old Anna,True,2025-03-30,,,,P1\n";
        let granted = Granted::Named(vec!["P1".into(), "P2".into()]);
        let r = check_files_granted(&[text.as_bytes()], None, &granted).unwrap();
        assert_eq!((r.overall.active, r.overall.licensed), (1, 1));
        assert_eq!(r.products.len(), 2);
    }

    /// 200 000 users (the row limit) through parse and check. Every tenth user is inactive, and
    /// a Teams export makes every hundredth of those active again.
    #[test]
    fn two_hundred_thousand_rows() {
        let mut active = String::from(
            "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Has Exchange License,\
             Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,\
             Teams Last Activity Date,Assigned Products\n",
        );
        let mut teams = String::from(
            "Report Refresh Date,User Principal Name,Last Activity Date,Team Chat Message Count\n",
        );
        for i in 0..MAX_ROWS_FOR_TEST {
            let last = if i % 10 == 0 { "" } else { "2025-03-30" };
            let product = if i % 2 == 0 { "M365BP" } else { "E1" };
            active.push_str(&format!(
                "2025-03-31,u{i}@a.se,U{i},False,True,{last},,,,{product}\n"
            ));
            if i % 1000 == 0 {
                teams.push_str(&format!("2025-03-31,U{i}@A.SE,2025-03-02,1\n"));
            }
        }
        assert!(active.len() <= crate::usage::parse::MAX_BYTES);
        let granted = Granted::Named(vec!["M365BP".into(), "E1".into()]);
        let r =
            check_files_granted(&[active.as_bytes(), teams.as_bytes()], None, &granted).unwrap();
        assert_eq!(r.overall.licensed, 200_000);
        assert_eq!(r.overall.active, 180_000 + 200);
        assert_eq!(r.overall.share_text(), "90.1");
        // 90.1 % overall, but every inactive user holds M365BP, which at 80.2 % fails on its own:
        // Microsoft reviews each grant, so the organisation fails.
        assert!(!r.overall.passes);
        assert_eq!(r.inactive.len(), 19_800);
        assert_eq!(r.products.len(), 2);
        assert_eq!(r.products[0].product, "E1");
        assert_eq!(r.products[0].figures.active, 100_000);
        assert_eq!(r.products[1].figures.active, 80_200);
    }

    const MAX_ROWS_FOR_TEST: usize = crate::usage::parse::MAX_ROWS;
}
