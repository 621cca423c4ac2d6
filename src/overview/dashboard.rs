//! The member's home page: their organisation, where its validation stands, and the steps to
//! the first order. It reads accounts and validation, so it lives above both.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::accounts::auth::Member;
use crate::accounts::model::{self, Organisation, User};
use crate::db;
use crate::eligibility::OrgType;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::web::page::{Ctx, Layout, private};

pub struct Step {
    pub text: String,
    pub done: bool,
}

#[derive(Template)]
#[template(path = "overview/dashboard.html")]
pub struct DashboardTpl {
    pub l: Layout,
    pub user: User,
    pub org: Organisation,
    pub org_type: String,
    pub review_note: Option<String>,
    pub csrf: String,
    pub resend: &'static str,
    pub settings: &'static str,
    pub colleagues: &'static str,
    pub certificate: &'static str,
    pub orders: &'static str,
    pub usage: &'static str,
    pub tickets: &'static str,
    pub your_data: &'static str,
    /// The validation's state in words, with its badge key.
    pub validation: Option<(String, String, String)>,
    pub steps: Vec<Step>,
}

pub async fn show(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let user = member.0;
    let org_id = user.organisation_id.clone().unwrap_or_default();
    let today = state.clock.now_utc_naive().date();
    let (org, latest, validated) = db::run(&state.pool, move |c| {
        let org = model::organisation(c, &org_id)?.ok_or(AppError::NotFound)?;
        let latest = crate::validation::model::of_organisation(c, &org_id)?
            .into_iter()
            .next();
        let validated = crate::validation::is_validated(c, &org_id, today)?;
        Ok((org, latest, validated))
    })
    .await?;
    let l = cx.layout(Page::Account, "dashboard-title", Some(&user))?;
    let validation = latest.map(|r| {
        let v = crate::validation::views::RequestView::new(&l.tr, &r, today, Page::MemberFile);
        // The countdown is in the status; the renewal prompt follows it in the last 60 days.
        let text = match v.next_step {
            Some(next) => format!("{} {next}", v.status_text),
            None => v.status_text,
        };
        (v.state.to_owned(), v.state_label, text)
    });
    let org_type = OrgType::from_key(&org.org_type)
        .map(|t| l.tr.t(&t.fluent_id()))
        .unwrap_or_default();
    let review_note = org.needs_review.then(|| {
        let group = crate::eligibility::OrgNumber::parse(&org.org_number)
            .map(|n| l.tr.t(n.group().fluent_id()))
            .unwrap_or_default();
        l.tr.ta(
            "dashboard-review-note",
            &crate::i18n::args([("group", group.into())]),
        )
    });
    let steps = vec![
        Step {
            text: l.tr.t("dashboard-step-confirm"),
            done: user.is_verified(),
        },
        Step {
            text: l.tr.t("dashboard-step-certificate"),
            done: validated,
        },
        Step {
            text: l.tr.t("dashboard-step-order"),
            done: false,
        },
    ];
    let tpl = DashboardTpl {
        csrf: cx.csrf()?,
        resend: Page::ResendVerification.path(locale),
        settings: Page::AccountSettings.path(locale),
        colleagues: Page::Colleagues.path(locale),
        certificate: Page::Certificate.path(locale),
        orders: Page::Orders.path(locale),
        usage: Page::Usage.path(locale),
        tickets: Page::Tickets.path(locale),
        your_data: Page::YourData.path(locale),
        validation,
        org_type,
        review_note,
        steps,
        user,
        org,
        l,
    };
    private(StatusCode::OK, &tpl)
}
