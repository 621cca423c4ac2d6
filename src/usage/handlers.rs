//! The member's usage-check page: upload the exports, see the verdict, download the inactive
//! users as CSV, and optionally save the figures (never the files) to follow them over time.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use fluent_bundle::FluentValue;

use super::gate::{self, GateError};
use super::{Figures, FileError, Granted, Service, UsageResult, check_sources_granted};

use crate::accounts::auth::Member;
use crate::accounts::model::User;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{args, format};
use crate::web::csrf;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private};
use crate::web::page::{Layout, Tr};
use crate::web::upload::{self, Limits};

/// The five report types at most, 20 MB each.
fn limits() -> Limits {
    Limits {
        file: super::parse::MAX_BYTES,
        text: 1024,
        parts: 12,
        files: 5,
    }
}

#[derive(Template)]
#[template(path = "usage/page.html")]
pub struct UsageTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub licenses: String,
    pub history: Vec<super::Summary>,
    pub result: Option<ResultView>,
}

pub struct FiguresView {
    pub name: String,
    pub text: String,
    pub passes: bool,
    /// Bar widths in per mille of the chart: the active share and the 85 % mark.
    pub bar: i64,
}

pub struct InactiveView {
    pub name: String,
    pub upn: String,
    pub products: String,
    pub latest: String,
    pub days: String,
    pub days_sort: i64,
    pub services: Vec<(String, String)>,
}

pub struct AssignedView {
    pub name: String,
    pub text: String,
    pub status: String,
    pub granted: bool,
    /// The checkbox's field name in the upload form.
    pub field: &'static str,
}

pub struct ResultView {
    pub verdict: String,
    pub passes: bool,
    pub overall: FiguresView,
    pub products: Vec<FiguresView>,
    pub inactive: Vec<InactiveView>,
    pub concealed: bool,
    /// Every product of the export, with whether it was counted as a grant.
    pub assigned: Vec<AssignedView>,
    pub period: String,
    pub sources: String,
    pub saved: bool,
}

fn figures_view(tr: &Tr, name: String, f: &Figures) -> FiguresView {
    let l = tr.locale;
    // Numbers, not strings: the messages pick their plural form from them.
    let n = |v: u32| FluentValue::from(v);
    let id = if f.passes {
        "usage-product-pass"
    } else {
        "usage-product-fail"
    };
    FiguresView {
        text: tr.ta(
            id,
            &args([
                ("active", n(f.active)),
                ("licensed", n(f.licensed)),
                (
                    "share",
                    format::percent_tenths(l, i64::from(f.share_tenths)).into(),
                ),
                ("needed", n(f.needed)),
                ("gap", n(f.gap)),
            ]),
        ),
        name,
        passes: f.passes,
        bar: i64::from(f.share_tenths.min(1000)),
    }
}

fn result_view(tr: &Tr, i18n: &crate::i18n::I18n, r: &UsageResult, saved: bool) -> ResultView {
    let l = tr.locale;
    let date = |d: time::Date| format::date(i18n, l, d);
    let services = [
        Service::Exchange,
        Service::OneDrive,
        Service::SharePoint,
        Service::Teams,
        Service::Yammer,
        Service::M365Apps,
        Service::SkypeForBusiness,
    ];
    ResultView {
        verdict: tr.t(if r.overall.passes {
            "usage-verdict-pass"
        } else {
            "usage-verdict-fail"
        }),
        passes: r.overall.passes,
        overall: figures_view(tr, tr.t("usage-overall"), &r.overall),
        products: r
            .products
            .iter()
            .map(|p| figures_view(tr, p.product.clone(), &p.figures))
            .collect(),
        inactive: r
            .inactive
            .iter()
            .map(|u| InactiveView {
                name: u.label().to_owned(),
                upn: u.upn.clone(),
                products: u.products.join(", "),
                latest: u.latest.map(date).unwrap_or_else(|| tr.t("usage-never")),
                days: u
                    .days_since
                    .map(|d| format::integer(l, d))
                    .unwrap_or_else(|| tr.t("usage-never")),
                days_sort: u.days_since.unwrap_or(i64::MAX),
                services: services
                    .iter()
                    .map(|s| {
                        (
                            tr.t(&format!("usage-service-{}", s.key())),
                            u.last_activity
                                .get(*s)
                                .map(format::iso_date)
                                .unwrap_or_default(),
                        )
                    })
                    .collect(),
            })
            .collect(),
        concealed: r.concealed,
        assigned: r
            .assigned
            .iter()
            .zip(GRANTED_FIELDS)
            .map(|(a, field)| AssignedView {
                text: tr.ta(
                    "usage-assigned-users",
                    &args([
                        ("product", a.product.clone().into()),
                        ("users", a.users.into()),
                    ]),
                ),
                status: tr.t(if a.granted {
                    "usage-assigned-granted"
                } else {
                    "usage-assigned-paid"
                }),
                name: a.product.clone(),
                granted: a.granted,
                field,
            })
            .collect(),
        period: tr.ta(
            "usage-period",
            &args([
                ("from", date(r.window_start).into()),
                ("to", date(r.reference_date).into()),
            ]),
        ),
        sources: r
            .sources
            .iter()
            .map(|k| tr.t(&format!("usage-report-{}", k.key())))
            .collect::<Vec<_>>()
            .join(", "),
        saved,
    }
}

async fn page(
    cx: &Ctx,
    user: &User,
    f: FormErrors,
    licenses: String,
    result: Option<ResultView>,
) -> Result<UsageTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let org = user.organisation_id.clone().unwrap_or_default();
    let history = db::run(&state.pool, move |c| super::model::saved(c, &org, 20)).await?;
    let l = cx.layout(Page::Usage, "usage-title", Some(user))?;
    let history = history
        .iter()
        .map(|s| super::summary(&l.tr, &state.i18n, s))
        .collect();
    Ok(UsageTpl {
        csrf: csrf::token(session)?,
        action: Page::Usage.path(locale),
        licenses,
        history,
        result,
        f,
        l,
    })
}

pub async fn show(cx: Ctx, member: Member) -> Result<HttpResponse, AppError> {
    // Said before the member chooses files, not only after they send them.
    let f = if member.0.is_verified() {
        FormErrors::none()
    } else {
        FormErrors::one(&cx.tr(), "files", "usage-error-unconfirmed")
    };
    let tpl = page(&cx, &member.0, f, String::new(), None).await?;
    private(StatusCode::OK, &tpl)
}

/// A file error in words, naming the file when it concerns one.
fn file_error(tr: &Tr, e: &FileError, names: &[String]) -> String {
    let mut a = fluent_bundle::FluentArgs::new();
    for (k, v) in e.error.vars() {
        let v = match k {
            "report" => tr.t(&format!("usage-report-{v}")),
            "expected" if v.chars().all(|c| c.is_ascii_lowercase() || c == '-') => {
                tr.t(&format!("usage-value-{v}"))
            }
            _ => v,
        };
        // Counts and line numbers as numbers, so that plurals select and thousands are grouped.
        match v.parse::<u64>() {
            Ok(n) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => a.set(k, n),
            _ => a.set(k, FluentValue::from(v)),
        }
    }
    let text = tr.ta(e.error.fluent_id(), &a);
    match e.file.and_then(|i| names.get(i)) {
        Some(name) => tr.ta(
            "usage-error-in-file",
            &args([("file", name.clone().into()), ("error", text.into())]),
        ),
        None => text,
    }
}

/// Checkboxes of the products in the last result, one field each (the upload reader takes each
/// text field once).
const GRANTED_FIELDS: [&str; 30] = [
    "granted_0",
    "granted_1",
    "granted_2",
    "granted_3",
    "granted_4",
    "granted_5",
    "granted_6",
    "granted_7",
    "granted_8",
    "granted_9",
    "granted_10",
    "granted_11",
    "granted_12",
    "granted_13",
    "granted_14",
    "granted_15",
    "granted_16",
    "granted_17",
    "granted_18",
    "granted_19",
    "granted_20",
    "granted_21",
    "granted_22",
    "granted_23",
    "granted_24",
    "granted_25",
    "granted_26",
    "granted_27",
    "granted_28",
    "granted_29",
];

const TEXT_FIELDS: [&str; 35] = [
    "csrf",
    "licenses",
    "save",
    "format",
    "granted_set",
    "granted_0",
    "granted_1",
    "granted_2",
    "granted_3",
    "granted_4",
    "granted_5",
    "granted_6",
    "granted_7",
    "granted_8",
    "granted_9",
    "granted_10",
    "granted_11",
    "granted_12",
    "granted_13",
    "granted_14",
    "granted_15",
    "granted_16",
    "granted_17",
    "granted_18",
    "granted_19",
    "granted_20",
    "granted_21",
    "granted_22",
    "granted_23",
    "granted_24",
    "granted_25",
    "granted_26",
    "granted_27",
    "granted_28",
    "granted_29",
];

pub async fn check(
    req: HttpRequest,
    cx: Ctx,
    member: Member,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let user = member.0;
    let tr = Tr::new(state.i18n.clone(), locale);
    // Uploads cost disk, memory and CPU: only members whose address is confirmed, checked before
    // a byte of the body is read.
    if !user.is_verified() {
        let f = FormErrors::one(&tr, "files", "usage-error-unconfirmed");
        let tpl = page(&cx, &user, f, String::new(), None).await?;
        return private(StatusCode::FORBIDDEN, &tpl);
    }
    let spooled = upload::read_spooled(
        &req,
        payload,
        limits(),
        &TEXT_FIELDS,
        &["files"],
        &state.settings.data_dir,
    )
    .await;
    let parts = match spooled {
        Ok(p) => p,
        Err(e) => {
            let tpl = page(
                &cx,
                &user,
                FormErrors::one(&tr, "files", e.fluent_id()),
                String::new(),
                None,
            )
            .await?;
            return private(e.status(), &tpl);
        }
    };
    csrf::verify(session, parts.text("csrf"))?;
    let licenses_raw = parts.text("licenses").trim().to_owned();
    let kept: String = licenses_raw.chars().take(12).collect();
    let entered = if licenses_raw.is_empty() {
        None
    } else {
        match licenses_raw.parse::<u32>() {
            Ok(n) if (1..=1_000_000).contains(&n) => Some(n),
            _ => {
                let tpl = page(
                    &cx,
                    &user,
                    FormErrors::one(&tr, "licenses", "usage-error-licenses"),
                    kept,
                    None,
                )
                .await?;
                return private(StatusCode::BAD_REQUEST, &tpl);
            }
        }
    };
    if parts.files.is_empty() {
        let tpl = page(
            &cx,
            &user,
            FormErrors::one(&tr, "files", "upload-error-missing"),
            kept,
            None,
        )
        .await?;
        return private(StatusCode::BAD_REQUEST, &tpl);
    }
    // The member's ticks from an earlier result; the known grant names on a first upload.
    let granted = if parts.text("granted_set") == "1" {
        Granted::Named(
            GRANTED_FIELDS
                .iter()
                .map(|f| parts.text(f).trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect(),
        )
    } else {
        Granted::KnownGrants
    };
    let save = parts.text("save") == "yes";
    let as_csv = parts.text("format") == "csv";
    let names: Vec<String> = parts
        .files
        .iter()
        .map(|f| crate::files::display_name(&f.name))
        .collect();
    let files: Vec<std::fs::File> = parts.files.into_iter().map(|f| f.file).collect();
    // Parsing 200,000 rows takes a while: off the async workers and off the database's blocking
    // pool, one check at a time (see `gate`).
    let result = gate::run(move || check_sources_granted(files, entered, &granted)).await;
    let result = match result {
        Ok(Ok(r)) => r,
        Err(e) => {
            let id = match e {
                GateError::Busy => "usage-error-busy",
                GateError::Failed => "upload-error-storage",
            };
            let f = FormErrors::one(&tr, "files", id);
            let tpl = page(&cx, &user, f, kept, None).await?;
            return private(StatusCode::SERVICE_UNAVAILABLE, &tpl);
        }
        Ok(Err(e)) => {
            let msg = file_error(&tr, &e, &names);
            let f = FormErrors {
                items: vec![("files", msg)],
            };
            let tpl = page(&cx, &user, f, kept, None).await?;
            return private(StatusCode::BAD_REQUEST, &tpl);
        }
    };
    if as_csv {
        return Ok(csv_response(&tr, &result));
    }
    if save {
        let org = user.organisation_id.clone().unwrap_or_default();
        let uid = user.id.clone();
        let now = state.clock.now_utc_naive();
        let r = result.clone();
        db::run(&state.pool, move |c| {
            super::model::save(c, &org, &uid, now, &r)
        })
        .await?;
    }
    let view = result_view(&tr, &state.i18n, &result, save);
    let tpl = page(&cx, &user, FormErrors::none(), kept, Some(view)).await?;
    private(StatusCode::OK, &tpl)
}

/// A spreadsheet cell that cannot be read as a formula.
fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

fn csv_response(tr: &Tr, r: &UsageResult) -> HttpResponse {
    let services = [
        Service::Exchange,
        Service::OneDrive,
        Service::SharePoint,
        Service::Teams,
        Service::Yammer,
        Service::M365Apps,
        Service::SkypeForBusiness,
    ];
    let mut w = csv::Writer::from_writer(vec![]);
    let mut head = vec![
        tr.t("usage-col-name"),
        tr.t("usage-col-upn"),
        tr.t("usage-col-products"),
        tr.t("usage-col-days"),
    ];
    head.extend(
        services
            .iter()
            .map(|s| tr.t(&format!("usage-service-{}", s.key()))),
    );
    let _ = w.write_record(&head);
    for u in &r.inactive {
        let mut row = vec![
            cell(u.label()),
            cell(&u.upn),
            cell(&u.products.join(" + ")),
            u.days_since.map(|d| d.to_string()).unwrap_or_default(),
        ];
        row.extend(services.iter().map(|s| {
            u.last_activity
                .get(*s)
                .map(format::iso_date)
                .unwrap_or_default()
        }));
        let _ = w.write_record(&row);
    }
    let body = w.into_inner().unwrap_or_default();
    // A BOM so that spreadsheet programs read the Swedish letters right.
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(body);
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"inactive-{}.csv\"",
                format::iso_date(r.reference_date)
            ),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .body(out)
}

/// The organisation's latest saved check, for staff pages.
#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+46"), "'+46");
        assert_eq!(cell("Anna"), "Anna");
    }
}
