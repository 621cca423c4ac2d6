//! The staff's page of one organisation: who its members are, whether it is validated, and its
//! validation requests, orders and tickets, each linked to its own staff page.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::accounts::auth::Staff;
use crate::accounts::model;
use crate::db;
use crate::eligibility::OrgType;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, args, format};
use crate::web::page::private;
use crate::web::page::{Ctx, Layout};

/// The tickets the page lists at a time, last activity first; older ones are a page further,
/// by a cursor (`?after=`), so that a busy organisation's page stays as quick as a new one's.
const TICKETS_SHOWN: i64 = 25;

/// The page's query: where the tickets list starts (see [`crate::tickets::queue::Cursor`]).
#[derive(serde::Deserialize)]
pub struct Paging {
    #[serde(default)]
    after: String,
}

pub struct MemberRow {
    pub name: String,
    pub email: String,
    pub status: String,
    /// Mail to the address bounced, and none came from it since (support by e-mail).
    pub bouncing: Option<String>,
}

/// A linked line of one of the lists, with its state.
pub struct Item {
    pub label: String,
    pub href: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "overview/organisation.html")]
pub struct OrganisationTpl {
    pub l: Layout,
    pub name: String,
    pub number: String,
    pub org_type: String,
    pub registered: String,
    pub validated: bool,
    /// Why the organisation was flagged for a closer look at registration, if it was.
    pub flag: Option<String>,
    pub members: Vec<MemberRow>,
    /// Validation requests, orders and tickets, newest first, each under its heading.
    pub sections: Vec<(String, Vec<Item>)>,
    /// The organisation's stored files against its quota.
    pub storage: String,
    /// Links to the tickets' next page (older) and back to the first, where there are such.
    pub older: Option<String>,
    pub newest: Option<String>,
}

pub async fn show(
    cx: Ctx,
    staff: Staff,
    id: web::Path<String>,
    paging: web::Query<Paging>,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let id = id.into_inner();
    let after = match paging.after.as_str() {
        "" => None,
        text => match crate::tickets::queue::Cursor::parse(text) {
            Some(c) if c.part == 0 => Some(c),
            _ => return Err(AppError::BadRequest),
        },
    };
    let first_page = after.is_none();
    let today = state.clock.now_utc_naive().date();
    let (org, members, requests, orders, tickets, stored) = db::run_quick(&state.pool, move |c| {
        let org = model::organisation(c, &id)?.ok_or(AppError::NotFound)?;
        let members = model::members_of(c, &id)?;
        let emails: Vec<String> = members.iter().map(|m| m.email.clone()).collect();
        let mut bouncing = crate::tickets::model::bouncing_of(c, &emails)?;
        let members: Vec<_> = members
            .into_iter()
            .map(|m| {
                let bounce = bouncing.remove(&m.email.to_lowercase());
                (m, bounce)
            })
            .collect();
        Ok((
            org,
            members,
            crate::validation::model::of_organisation(c, &id)?,
            crate::orders::model::of_organisation(c, &id)?,
            crate::tickets::model::of_organisation_after::<{ TICKETS_SHOWN as u32 + 1 }>(
                c,
                &id,
                after.as_ref().map(|a| (a.key, a.number.as_str())),
            )?,
            crate::storage::org_usage(c, &id)?,
        ))
    })
    .await?;
    let mut l = cx.layout_at(
        Page::StaffOrganisation,
        "staff-ticket-org",
        Some(&staff.0),
        [
            Page::StaffOrganisation.link(Locale::Sv, &org.id),
            Page::StaffOrganisation.link(Locale::En, &org.id),
        ],
    )?;
    l.title = org.name.clone();
    let tr = &l.tr;
    let date = |d: time::Date| format::date(&state.i18n, locale, d);
    let validated = crate::validation::approved_covers(
        requests
            .iter()
            .map(|r| (r.state.as_str(), r.valid_from, r.valid_to)),
        today,
    );
    let members = members
        .into_iter()
        .map(|(m, bounce)| MemberRow {
            status: tr.t(m.member_status()),
            bouncing: bounce.map(|(at, status)| {
                tr.ta(
                    "staff-org-member-bouncing",
                    &args([
                        ("when", format::datetime(&state.i18n, locale, at).into()),
                        ("status", status.into()),
                    ]),
                )
            }),
            name: m.name,
            email: m.email,
        })
        .collect();
    let validations = requests
        .iter()
        .map(|r| {
            let v = crate::validation::views::RequestView::new(tr, r, today, Page::StaffFile);
            Item {
                label: tr.ta(
                    "ticket-link-validation",
                    &args([("date", date(r.submitted_at.date()).into())]),
                ),
                href: v.staff_href,
                state: v.state_label,
            }
        })
        .collect();
    let orders = orders
        .iter()
        .map(|o| Item {
            label: tr.ta(
                "ticket-link-order",
                &args([
                    ("reference", o.reference().into()),
                    ("date", date(o.submitted_at.date()).into()),
                ]),
            ),
            href: Page::StaffOrder.link(locale, &o.id),
            state: tr.t(&format!("order-state-{}", o.state)),
        })
        .collect();
    // One ticket past the page was read: it says an older page exists.
    let here = Page::StaffOrganisation.link(locale, &org.id);
    let mut tickets = tickets;
    let more = tickets.len() as i64 > TICKETS_SHOWN;
    tickets.truncate(TICKETS_SHOWN as usize);
    let older = tickets.last().filter(|_| more).map(|t| {
        let cursor = crate::tickets::queue::Cursor {
            part: 0,
            key: t.updated_at,
            number: t.number.clone(),
        };
        format!("{here}?after={}#tickets", cursor.encode())
    });
    let newest = (!first_page).then(|| format!("{here}#tickets"));
    let tickets = tickets
        .iter()
        .map(|t| Item {
            label: format!(
                "{} · {}",
                t.number,
                crate::tickets::views::subject(tr, &t.subject)
            ),
            href: Page::StaffTicket.link(locale, &t.number),
            state: crate::tickets::views::staff_state_label(tr, &t.state),
        })
        .collect();
    let quota = state.settings.org_storage_quota_bytes;
    let storage = if quota > 0 {
        tr.ta(
            "staff-org-storage-used",
            &args([
                ("used", crate::storage::megabytes(locale, stored).into()),
                ("quota", crate::storage::megabytes(locale, quota).into()),
                (
                    "share",
                    format::percent_tenths(locale, stored.saturating_mul(1000) / quota).into(),
                ),
            ]),
        )
    } else {
        tr.ta(
            "staff-org-storage-unlimited",
            &args([("used", crate::storage::megabytes(locale, stored).into())]),
        )
    };
    let tpl = OrganisationTpl {
        storage,
        older,
        newest,
        name: org.name,
        org_type: OrgType::from_key(&org.org_type)
            .map(|t| tr.t(&t.fluent_id()))
            .unwrap_or_default(),
        registered: date(org.created_at.date()),
        validated,
        flag: org
            .needs_review
            .then(|| crate::validation::views::group_label(tr, &org.org_number)),
        number: org.org_number,
        members,
        sections: vec![
            (tr.t("staff-ticket-org-validations"), validations),
            (tr.t("staff-ticket-org-orders"), orders),
            (tr.t("staff-org-tickets"), tickets),
        ],
        l,
    };
    private(StatusCode::OK, &tpl)
}
