//! Template structs of the validation pages and how a request is put into words.

use askama::Template;

use super::model::{Request, State};
use crate::i18n::args;
use crate::i18n::format;
use crate::i18n::routes::Page;
use crate::web::form::Choice;
use crate::web::form::FormErrors;
use crate::web::page::{Layout, Tr};

/// A request as both the member and staff pages show it.
pub struct RequestView {
    pub id: String,
    pub state: &'static str,
    pub state_label: String,
    pub submitted: String,
    pub status_text: String,
    pub next_step: Option<String>,
    pub note: String,
    pub file_href: String,
    /// The certificate's content went under the retention rules: say so instead of a link.
    pub file_removed: bool,
    pub staff_href: String,
}

impl RequestView {
    pub fn new(tr: &Tr, r: &Request, today: time::Date, file_page: Page) -> RequestView {
        let l = tr.locale;
        let date = |d: time::Date| format::date(tr.i18n(), l, d);
        let submitted = r.submitted_at.date();
        let expired = r.state() == State::Approved && r.valid_to.is_some_and(|to| to < today);
        let (state, status_text, next_step) = match r.state() {
            State::Pending => (
                "pending",
                tr.ta(
                    "validation-status-pending",
                    &args([("date", date(super::expected_decision(submitted)).into())]),
                ),
                None,
            ),
            State::Approved if expired => (
                "expired",
                tr.ta(
                    "validation-status-expired",
                    &args([("to", r.valid_to.map(date).unwrap_or_default().into())]),
                ),
                Some(tr.t("validation-next-expired")),
            ),
            State::Approved => {
                let mut text = tr.ta(
                    "validation-status-approved",
                    &args([
                        ("from", r.valid_from.map(date).unwrap_or_default().into()),
                        ("to", r.valid_to.map(date).unwrap_or_default().into()),
                    ]),
                );
                let left = r.valid_to.and_then(|to| super::days_left(to, today));
                if let Some(days) = left {
                    text.push(' ');
                    text.push_str(&tr.ta("validation-countdown", &args([("days", days.into())])));
                }
                let renew = left.is_some_and(|d| d <= super::RENEW_FROM_DAYS);
                (
                    "approved",
                    text,
                    renew.then(|| tr.t("validation-next-renew")),
                )
            }
            State::Rejected => (
                "rejected",
                tr.ta(
                    "validation-status-rejected",
                    &args([("reason", r.reason(l).unwrap_or_default().to_owned().into())]),
                ),
                Some(tr.t("validation-next-rejected")),
            ),
        };
        RequestView {
            id: r.id.clone(),
            state,
            state_label: tr.t(&format!("validation-state-{state}")),
            submitted: date(submitted),
            status_text,
            next_step,
            note: r.note.clone(),
            file_href: file_page.link(l, &r.file_id),
            file_removed: r.file_erased_at.is_some(),
            staff_href: Page::StaffValidation.link(l, &r.id),
        }
    }
}

#[derive(Template)]
#[template(path = "validation/member.html")]
pub struct MemberTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub current: Option<RequestView>,
    pub history: Vec<RequestView>,
    /// Why no upload is possible right now, if it is not.
    pub blocked: Option<String>,
    pub note: String,
    pub max_mb: usize,
}

pub struct QueueView {
    pub href: String,
    pub org_name: String,
    pub org_number: String,
    pub flag: Option<String>,
    pub age: String,
    pub submitted: String,
    pub state_label: String,
    pub file_type: String,
}

#[derive(Template)]
#[template(path = "staff/validations.html")]
pub struct QueueTpl {
    pub l: Layout,
    pub rows: Vec<QueueView>,
    pub states: Vec<Choice>,
    pub path: &'static str,
    pub pager: crate::web::queue::Pager,
}

#[derive(Template)]
#[template(path = "staff/validation.html")]
pub struct RequestTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub req: RequestView,
    /// The organisation's staff page.
    pub org_href: String,
    pub org_name: String,
    pub org_number: String,
    pub org_type: String,
    pub flag: Option<String>,
    pub history: Vec<RequestView>,
    pub file_name: String,
    pub file_size: String,
    pub file_type: String,
    pub sha256: String,
    pub inline_src: Option<String>,
    pub decide: String,
    pub pending: bool,
    pub valid_from: String,
    pub valid_to: String,
    pub certificate_expires: String,
    pub canned: Vec<Choice>,
    pub reason_sv: String,
    pub reason_en: String,
    pub decision: String,
    pub queue: &'static str,
    /// The organisation's latest saved usage check.
    pub usage: Option<crate::usage::Summary>,
}

/// Why a registration was flagged for a closer look: its number's group.
pub fn group_label(tr: &crate::web::page::Tr, number: &str) -> String {
    let group = crate::eligibility::OrgNumber::parse(number)
        .map(|n| tr.t(n.group().fluent_id()))
        .unwrap_or_default();
    tr.ta(
        "validations-flag",
        &crate::i18n::args([("group", group.into())]),
    )
}
