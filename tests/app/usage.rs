//! The active-usage check over HTTP: upload, verdict, bad files, the CSV download, saved history
//! and the staff's view of it.

use donera::accounts::model::Role;

use crate::support::{Browser, Kind, Resp, TestApp, backends};
use crate::support::{PDF, multipart, orgnr};
use crate::support::{PW, login, registered_member, staff_user};

const COMPLIANT: &[u8] = include_bytes!("../fixtures/usage/active-compliant.csv");
pub(crate) const NONCOMPLIANT: &[u8] = include_bytes!("../fixtures/usage/active-noncompliant.csv");
const TRUNCATED: &[u8] = include_bytes!("../fixtures/usage/bad-truncated.csv");
const OTHER: &[u8] = include_bytes!("../fixtures/usage/bad-other-report.csv");
const TEAMS_OTHER_DATE: &[u8] = include_bytes!("../fixtures/usage/combined-teams-other-date.csv");
const COMBINED: &[u8] = include_bytes!("../fixtures/usage/combined-active.csv");
const COMBINED_TEAMS: &[u8] = include_bytes!("../fixtures/usage/combined-teams.csv");

pub(crate) async fn post_usage(
    b: &mut Browser<'_>,
    path: &str,
    files: &[(&str, &[u8])],
    extra: &[(&str, &str)],
) -> Resp {
    let page = b.get(path).await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("csrf", None, csrf.as_bytes())];
    for (name, data) in files {
        parts.push(("files", Some(name), data));
    }
    for (k, v) in extra {
        parts.push((k, None, v.as_bytes()));
    }
    b.post_raw(
        path,
        "multipart/form-data; boundary=----donera-test-boundary",
        multipart(&parts),
    )
    .await
}

#[actix_web::test]
async fn a_member_uploads_the_export_and_reads_the_verdict_in_both_languages() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(1), "a@example.org").await;
    let ok = post_usage(
        &mut b,
        "/sv/konto/anvandning",
        &[("aktiva.csv", COMPLIANT)],
        &[("format", "page")],
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    let result = ok.select_text("#result").unwrap();
    assert!(
        result.contains("Organisationen uppfyller kravet"),
        "{result}"
    );
    assert!(
        result.contains("18 av 20") && result.contains("90,0\u{a0}%") || result.contains("90,0 %"),
        "{result}"
    );
    assert!(ok.attr("#result svg", "role").as_deref() == Some("img"));
    let bad = post_usage(
        &mut b,
        "/en/account/usage",
        &[("inactive.csv", NONCOMPLIANT)],
        &[("format", "page")],
    )
    .await;
    let result = bad.select_text("#result").unwrap();
    assert!(
        result.contains("You do not meet")
            && result.contains("12 of 20")
            && result.contains("5 more users must become active"),
        "{result}"
    );
    assert!(
        bad.select_text("#result table").is_some(),
        "inactive users listed"
    );
    assert!(
        bad.select_text("#result")
            .unwrap()
            .contains("How to reach 85 per cent")
    );
}

#[actix_web::test]
async fn several_exports_combine_and_mixed_dates_are_refused() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(1), "a@example.org").await;
    let one = post_usage(
        &mut b,
        "/en/account/usage",
        &[("active.csv", COMBINED)],
        &[],
    )
    .await;
    let two = post_usage(
        &mut b,
        "/en/account/usage",
        &[("active.csv", COMBINED), ("teams.csv", COMBINED_TEAMS)],
        &[],
    )
    .await;
    let count = |r: &Resp| {
        r.html()
            .select(&scraper::Selector::parse("#result tbody tr").unwrap())
            .count()
    };
    assert!(
        count(&two) < count(&one),
        "Teams activity makes users active: {} vs {}",
        count(&two),
        count(&one)
    );
    let mixed = post_usage(
        &mut b,
        "/en/account/usage",
        &[
            ("active.csv", COMBINED),
            ("teams-old.csv", TEAMS_OTHER_DATE),
        ],
        &[],
    )
    .await;
    assert_eq!(mixed.status, 400);
    assert!(
        mixed
            .select_text("#files-error")
            .unwrap()
            .contains("Export all reports on the same day")
    );
}

#[actix_web::test]
async fn bad_files_are_named_with_their_line_and_nothing_is_saved() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(1), "a@example.org").await;
    for (name, data, expect) in [
        ("trasig.csv", TRUNCATED, "Rad "),
        ("annan.csv", OTHER, "en annan rapport"),
        ("intyg.pdf", PDF, "inte en CSV-fil"),
        ("tom.csv", &b""[..], "inte en CSV-fil"),
    ] {
        let res = post_usage(
            &mut b,
            "/sv/konto/anvandning",
            &[(name, data)],
            &[("save", "yes")],
        )
        .await;
        assert_eq!(res.status, 400, "{name}");
        let msg = res.select_text("#files-error").unwrap();
        assert!(msg.contains(expect), "{name}: {msg}");
        if !data.is_empty() {
            assert!(msg.starts_with(name), "{name}: the file is named: {msg}");
        }
    }
    let none = post_usage(&mut b, "/sv/konto/anvandning", &[], &[]).await;
    assert_eq!(none.status, 400);
    let zero = post_usage(
        &mut b,
        "/sv/konto/anvandning",
        &[("a.csv", COMPLIANT)],
        &[("licenses", "noll")],
    )
    .await;
    assert_eq!(zero.status, 400);
    assert!(zero.select_text("#licenses-error").is_some());
    assert_eq!(zero.attr("#licenses", "value").as_deref(), Some("noll"));
    assert!(
        b.get("/sv/konto/anvandning")
            .await
            .select_text("#history-heading")
            .is_none()
    );
}

#[actix_web::test]
async fn inactive_users_download_as_csv() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(1), "a@example.org").await;
    let res = post_usage(
        &mut b,
        "/en/account/usage",
        &[("inactive.csv", NONCOMPLIANT)],
        &[("format", "csv")],
    )
    .await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(
        res.header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );
    let text = res.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("User") && lines[0].contains("Days since"));
    assert_eq!(lines.len(), 1 + 8, "8 inactive users of 20: {text}");
}

#[actix_web::test]
async fn saved_figures_make_a_history_that_staff_see_and_other_organisations_do_not() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Föreningen", &orgnr(1), "a@example.org").await;
        assert_eq!(
            a.upload("/sv/konto/certifikat", "intyg.pdf", PDF, "")
                .await
                .status,
            303
        );
        let res = post_usage(
            &mut a,
            "/sv/konto/anvandning",
            &[("a.csv", NONCOMPLIANT)],
            &[("save", "yes")],
        )
        .await;
        assert!(
            res.select_text("#result")
                .unwrap()
                .contains("Siffrorna är sparade")
        );
        let page = a.get("/sv/konto/anvandning").await;
        assert!(
            page.select_text(".history").unwrap().contains("12 av 20"),
            "{kind:?}"
        );
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Andra", &orgnr(2), "b@example.org").await;
        assert!(
            b.get("/sv/konto/anvandning")
                .await
                .select_text(".history")
                .is_none()
        );
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        let q = s.get("/sv/personal/valideringar").await;
        let view = s.get(&q.attr("tbody a", "href").unwrap()).await;
        assert!(
            view.select_text(".usage-latest")
                .unwrap()
                .contains("12 av 20"),
            "{kind:?}"
        );
        let mut visitor = Browser::new(&app);
        assert_eq!(visitor.get("/sv/konto/anvandning").await.status, 303);
    }
}

/// An active-users export of 2025-03-31: `n` users with `products`, the first `active` active.
pub fn export(groups: &[(usize, usize, &str)]) -> Vec<u8> {
    let mut s = String::from(
        "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products\n",
    );
    let mut i = 0;
    for (n, active, products) in groups {
        for k in 0..*n {
            let last = if k < *active { "2025-03-30" } else { "" };
            s.push_str(&format!(
                "2025-03-31,u{i}@forening.example.se,User {i},False,,True,True,True,True,True,True,{last},,,,,,2023-09-01,2023-09-01,2023-09-01,2023-09-01,2023-09-01,2023-09-01,{products}\n"
            ));
            i += 1;
        }
    }
    s.into_bytes()
}

#[actix_web::test]
async fn a_mixed_export_is_judged_on_the_granted_licences_the_member_ticks() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(41), "grant@example.org").await;
    // 20 on the old Premium donation (17 active), 10 on paid Business Standard (none active).
    let mixed = export(&[
        (20, 17, "MICROSOFT 365 BUSINESS PREMIUM"),
        (10, 0, "MICROSOFT 365 BUSINESS STANDARD"),
    ]);
    let first = post_usage(
        &mut b,
        "/sv/konto/anvandning",
        &[("aktiva.csv", &mixed)],
        &[("format", "page")],
    )
    .await;
    assert_eq!(first.status, 200);
    let result = first.select_text("#result").unwrap();
    assert!(
        result.contains("Organisationen uppfyller kravet")
            && result.contains("17 av 20 licenser")
            && result
                .contains("MICROSOFT 365 BUSINESS STANDARD: 10 användare – räknas inte (betald)")
            && result.contains("MICROSOFT 365 BUSINESS PREMIUM: 20 användare – räknas (donerad)"),
        "{result}"
    );
    // The ticks carry the member's choice into the next upload.
    let doc = first.html();
    let sel = scraper::Selector::parse("input[type=checkbox][name^=granted_]").unwrap();
    let boxes: Vec<(String, String, bool)> = doc
        .select(&sel)
        .map(|e| {
            let v = e.value();
            (
                v.attr("name").unwrap().to_owned(),
                v.attr("value").unwrap().to_owned(),
                v.attr("checked").is_some(),
            )
        })
        .collect();
    assert_eq!(boxes.len(), 2, "{boxes:?}");
    assert!(boxes.contains(&(
        "granted_1".into(),
        "MICROSOFT 365 BUSINESS STANDARD".into(),
        false
    )));
    // Ticking both counts the paid users too: 17 of 30 fails.
    let both = post_usage(
        &mut b,
        "/en/account/usage",
        &[("active.csv", &mixed)],
        &[
            ("format", "page"),
            ("granted_set", "1"),
            ("granted_0", "MICROSOFT 365 BUSINESS PREMIUM"),
            ("granted_1", "MICROSOFT 365 BUSINESS STANDARD"),
        ],
    )
    .await;
    let result = both.select_text("#result").unwrap();
    assert!(
        result.contains("You do not meet") && result.contains("17 of 30"),
        "{result}"
    );
    // A paid-only export: a clear message, no verdict.
    let paid = post_usage(
        &mut b,
        "/sv/konto/anvandning",
        &[(
            "aktiva.csv",
            &export(&[(5, 5, "MICROSOFT 365 BUSINESS STANDARD")]),
        )],
        &[("format", "page")],
    )
    .await;
    assert_eq!(paid.status, 400);
    assert!(paid.select_text("#result").is_none());
    assert!(
        paid.text()
            .contains("Filen innehåller inga donerade licenser, bara betalda."),
        "{}",
        paid.text()
    );
}

/// A header with `columns` columns, the first of them a real one.
fn wide_header(columns: usize) -> Vec<u8> {
    let mut line = b"Report Refresh Date".to_vec();
    for i in 1..columns {
        line.extend_from_slice(format!(",c{i}").as_bytes());
    }
    line.extend_from_slice(b"\r\n2025-03-31\r\n");
    line
}

#[actix_web::test]
async fn hostile_exports_are_refused_by_line_length_and_column_count_beside_the_field() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen", &orgnr(1), "a@example.org").await;
        // The attack: one 20 MB line of commas.
        let mut commas = vec![b','; donera::usage::MAX_BYTES];
        commas[..20].copy_from_slice(b"Report Refresh Date,");
        let long_row = {
            let mut f = COMPLIANT.to_vec();
            f.extend_from_slice(b"2025-03-31,");
            f.extend(std::iter::repeat_n(b'x', donera::usage::MAX_LINE_BYTES));
            f.extend_from_slice(b"\r\n");
            f
        };
        // A quoted field that never closes: every later line break is inside it.
        let unclosed = {
            let header = COMPLIANT.split(|b| *b == b'\n').next().unwrap();
            let mut f = header.to_vec();
            f.extend_from_slice(b"\n2025-03-31,\"");
            f.extend(std::iter::repeat_n(b"a\n", 35_000).flatten());
            f
        };
        let cases: [(&str, Vec<u8>, &str); 4] = [
            ("kommatecken.csv", commas, "Rad 1 har fler än 200 kolumner"),
            (
                "bred.csv",
                wide_header(201),
                "Rad 1 har fler än 200 kolumner",
            ),
            ("lang.csv", long_row, "Rad 24 är längre än 64 kB"),
            ("oavslutad.csv", unclosed, "Rad 2 är längre än 64 kB"),
        ];
        for (name, data, expect) in cases {
            let res = post_usage(&mut b, "/sv/konto/anvandning", &[(name, &data)], &[]).await;
            assert_eq!(res.status, 400, "{kind:?} {name}");
            let msg = res.select_text("#files-error").unwrap();
            assert!(
                msg.contains(name) && msg.contains(expect),
                "{kind:?} {name}: {msg}"
            );
        }
        // In English too, and 200 columns are still read (and judged on their names).
        let res = post_usage(
            &mut b,
            "/en/account/usage",
            &[("wide.csv", &wide_header(201))],
            &[],
        )
        .await;
        assert!(
            res.select_text("#files-error")
                .unwrap()
                .contains("Line 1 has more than 200 columns"),
            "{kind:?}"
        );
        let res = post_usage(
            &mut b,
            "/en/account/usage",
            &[("wide.csv", &wide_header(200))],
            &[],
        )
        .await;
        assert!(
            res.select_text("#files-error")
                .unwrap()
                .contains("different report"),
            "{kind:?}"
        );
        // The member can still check a real export afterwards.
        let ok = post_usage(&mut b, "/sv/konto/anvandning", &[("a.csv", COMPLIANT)], &[]).await;
        assert_eq!(ok.status, 200, "{kind:?}");
        assert!(ok.select_text("#result").is_some(), "{kind:?}");
    }
}

#[actix_web::test]
async fn an_unconfirmed_member_is_asked_to_confirm_the_address_before_uploading() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        let email = "ny@example.org";
        let res = b
            .submit(
                "/sv/registrera",
                "/sv/registrera",
                &crate::support::register_form("Nya föreningen", &orgnr(2), email),
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        login(&mut b, email, PW).await;
        let page = b.get("/sv/konto/anvandning").await;
        assert_eq!(page.status, 200, "{kind:?}");
        assert!(
            page.select_text("#files-error")
                .unwrap()
                .contains("Bekräfta din e-postadress"),
            "{kind:?}"
        );
        let res = post_usage(&mut b, "/sv/konto/anvandning", &[("a.csv", COMPLIANT)], &[]).await;
        assert_eq!(res.status, 403, "{kind:?}");
        assert!(res.select_text("#result").is_none(), "{kind:?}");
        assert!(
            res.select_text("#files-error")
                .unwrap()
                .contains("Bekräfta din e-postadress innan du laddar upp"),
            "{kind:?}"
        );
        let res = post_usage(&mut b, "/en/account/usage", &[("a.csv", COMPLIANT)], &[]).await;
        assert_eq!(res.status, 403, "{kind:?}");
        assert!(
            res.select_text("#files-error")
                .unwrap()
                .contains("Confirm your e-mail address"),
            "{kind:?}"
        );
        // Confirmed, the same upload is checked.
        let path = app.mailed_path("member.email_verification", email).unwrap();
        let res = b.submit(&path, &path, &[]).await;
        assert_eq!(res.status, 303, "{kind:?}");
        let page = b.get("/sv/konto/anvandning").await;
        assert!(page.select_text("#files-error").is_none(), "{kind:?}");
        let res = post_usage(&mut b, "/sv/konto/anvandning", &[("a.csv", COMPLIANT)], &[]).await;
        assert_eq!(res.status, 200, "{kind:?}: {}", res.text());
        assert!(res.select_text("#result").is_some(), "{kind:?}");
    }
}
