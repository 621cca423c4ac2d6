//! Validation end to end: uploads of each kind and every refused kind, downloads guarded by
//! organisation, staff decisions with e-mail, outbox and audit, the concurrent-decision case, and
//! the validity rule at its edges.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{outbox_events, validation_requests};
use time::macros::date;

use crate::support::{
    BOUNDARY, JPEG, PDF, PNG, PW, login, multipart, orgnr, registered_member, staff_user,
};
use crate::support::{Browser, Kind, Resp, TestApp, backends};

impl Browser<'_> {
    pub async fn post_raw(&mut self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let req = self
            .app
            .srv
            .post(path)
            .insert_header((
                "cookie",
                self.cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            ))
            .insert_header(("content-type", content_type))
            .insert_header(("sec-fetch-site", "same-origin"));
        let mut res = req.no_decompress().send_body(body).await.unwrap();
        let bytes = res.body().limit(8 * 1024 * 1024).await.unwrap();
        Resp {
            status: res.status().as_u16(),
            headers: res.headers().clone(),
            body: bytes.to_vec(),
        }
    }

    /// Uploads a certificate through the member page, with the page's CSRF token.
    pub async fn upload(&mut self, path: &str, file_name: &str, data: &[u8], note: &str) -> Resp {
        let page = self.get(path).await;
        let csrf = page.attr("input[name=csrf]", "value").unwrap();
        let body = multipart(&[
            ("csrf", None, csrf.as_bytes()),
            ("file", Some(file_name), data),
            ("note", None, note.as_bytes()),
        ]);
        self.post_raw(
            path,
            &format!("multipart/form-data; boundary={BOUNDARY}"),
            body,
        )
        .await
    }
}

fn count_requests(app: &TestApp) -> i64 {
    let mut c = app.pool().get().unwrap();
    validation_requests::table
        .count()
        .get_result(&mut c)
        .unwrap()
}

fn outbox_kinds(app: &TestApp) -> Vec<String> {
    let mut c = app.pool().get().unwrap();
    outbox_events::table
        .select(outbox_events::kind)
        .load(&mut c)
        .unwrap()
}

#[actix_web::test]
async fn each_allowed_type_is_accepted_and_typed_by_content() {
    let app = TestApp::start(Kind::Sqlite);
    for (i, (name, data, expected)) in [
        ("intyg.pdf", PDF, "application/pdf"),
        ("intyg.png", PNG, "image/png"),
        ("intyg.jpg", JPEG, "image/jpeg"),
        ("renamed-pdf.png", PDF, "application/pdf"),
        ("renamed-png.pdf", PNG, "image/png"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut b = Browser::new(&app);
        let email = format!("m{i}@example.org");
        registered_member(&mut b, "Föreningen", &orgnr(i as u32), &email).await;
        let res = b
            .upload(
                "/sv/konto/certifikat",
                name,
                data,
                "Årsmötesprotokoll bifogat",
            )
            .await;
        assert_eq!(res.status, 303, "{name}: {}", res.text());
        let page = b.get("/sv/konto/certifikat").await;
        assert!(
            page.select_text(".request.status-pending").is_some(),
            "{name}"
        );
        let href = page.attr(".request a", "href").unwrap();
        let file = b.get(&href).await;
        assert_eq!(file.status, 200);
        assert_eq!(
            file.header("content-type").as_deref(),
            Some(expected),
            "{name}"
        );
        assert!(
            file.header("content-disposition")
                .unwrap()
                .starts_with("attachment;"),
            "{name}"
        );
        assert_eq!(file.body, data);
    }
    assert_eq!(count_requests(&app), 5);
}

#[actix_web::test]
async fn refused_uploads_say_why_and_store_nothing() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(1), "anna@example.org").await;
    let events_before = outbox_kinds(&app).len();
    let big = vec![b'%'; 10 * 1024 * 1024 + 1];
    let cases: [(&str, &[u8], u16, &str); 4] = [
        (
            "page.pdf",
            b"<html><script>alert(1)</script></html>",
            400,
            "inte en PDF",
        ),
        ("empty.pdf", b"", 400, "Filen är tom"),
        ("gif.png", b"GIF89a\x01\0\x01\0", 400, "inte en PDF"),
        ("big.pdf", &big, 413, "Filen är för stor"),
    ];
    for (name, data, status, message) in cases {
        let res = b.upload("/sv/konto/certifikat", name, data, "x").await;
        assert_eq!(res.status, status, "{name}");
        let shown = res.select_text("#file-error").unwrap_or_default();
        assert!(shown.contains(message), "{name}: {shown}");
    }
    let page = b.get("/sv/konto/certifikat").await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    // A body cut off in the middle of the file part.
    let mut truncated = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("file", Some("a.pdf"), PDF),
    ]);
    truncated.truncate(truncated.len() - 30);
    assert_eq!(
        b.post_raw("/sv/konto/certifikat", &ct, truncated)
            .await
            .status,
        400
    );
    // No boundary at all.
    assert_eq!(
        b.post_raw(
            "/sv/konto/certifikat",
            "multipart/form-data",
            b"garbage".to_vec()
        )
        .await
        .status,
        400
    );
    // Thousands of parts.
    let many: Vec<(&str, Option<&str>, &[u8])> =
        (0..3000).map(|_| ("note", None, &b"x"[..])).collect();
    assert_eq!(
        b.post_raw("/sv/konto/certifikat", &ct, multipart(&many))
            .await
            .status,
        400
    );
    // A field the form does not have.
    let odd = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("organisation_id", None, b"someone-else"),
        ("file", Some("a.pdf"), PDF),
    ]);
    assert_eq!(
        b.post_raw("/sv/konto/certifikat", &ct, odd).await.status,
        400
    );
    // Without the token nothing is stored either.
    let forged = multipart(&[("csrf", None, b"wrong"), ("file", Some("a.pdf"), PDF)]);
    assert_eq!(
        b.post_raw("/sv/konto/certifikat", &ct, forged).await.status,
        403
    );
    assert_eq!(count_requests(&app), 0);
    assert_eq!(outbox_kinds(&app).len(), events_before);
    let mut c = app.pool().get().unwrap();
    let files: i64 = donera::db::schema::files::table
        .count()
        .get_result(&mut c)
        .unwrap();
    assert_eq!(files, 0, "no half-stored file");
}

#[actix_web::test]
async fn an_unconfirmed_member_cannot_upload() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    let form = crate::support::register_form("Föreningen", "802000-0009", "anna@example.org");
    b.submit("/sv/registrera", "/sv/registrera", &form).await;
    login(&mut b, "anna@example.org", PW).await;
    let page = b.get("/sv/konto/certifikat").await;
    assert!(page.attr("input[type=file]", "name").is_none());
    assert!(
        page.select_text(".notice")
            .unwrap()
            .contains("Bekräfta din e-postadress")
    );
    let csrf = page.attr("form.logout input[name=csrf]", "value").unwrap();
    let body = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("file", Some("a.pdf"), PDF),
    ]);
    let res = b
        .post_raw(
            "/sv/konto/certifikat",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
            body,
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(count_requests(&app), 0);
}

async fn pending_request(
    app: &TestApp,
    b: &mut Browser<'_>,
    n: u32,
    email: &str,
    file: (&str, &[u8]),
) -> String {
    registered_member(b, "Föreningen", &orgnr(n), email).await;
    assert_eq!(
        b.upload("/sv/konto/certifikat", file.0, file.1, "")
            .await
            .status,
        303
    );
    let mut c = app.pool().get().unwrap();
    validation_requests::table
        .order(validation_requests::submitted_at.desc())
        .select(validation_requests::id)
        .first(&mut c)
        .unwrap()
}

#[actix_web::test]
async fn files_are_served_only_to_their_organisation_and_staff() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    let id = pending_request(&app, &mut a, 1, "a@example.org", ("intyg.png", PNG)).await;
    let href = a
        .get("/sv/konto/certifikat")
        .await
        .attr(".request a", "href")
        .unwrap();
    let file_id = href.rsplit('/').next().unwrap().to_owned();
    assert_eq!(file_id.len(), 36, "ids are UUIDs, not counters");
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Andra", &orgnr(2), "b@example.org").await;
    assert_eq!(
        b.get(&href).await.status,
        404,
        "organisation B asks for A's file"
    );
    assert_eq!(
        b.get(&format!("/sv/personal/filer/{file_id}")).await.status,
        403,
        "members are not staff"
    );
    assert_eq!(b.get("/sv/personal/valideringar").await.status, 403);
    let mut visitor = Browser::new(&app);
    assert_eq!(visitor.get(&href).await.status, 303);

    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "agent@partner.example.org", PW).await;
    let view = s.get(&format!("/sv/personal/valideringar/{id}")).await;
    assert_eq!(view.status, 200);
    let img = view.attr("img.certificate-image", "src").unwrap();
    let inline = s.get(&img).await;
    assert_eq!(inline.header("content-type").as_deref(), Some("image/png"));
    assert!(
        inline
            .header("content-disposition")
            .unwrap()
            .starts_with("inline;")
    );
    let download = s.get(&format!("/sv/personal/filer/{file_id}")).await;
    assert!(
        download
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(
        download.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert!(
        download
            .header("content-security-policy")
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(
        s.get("/sv/personal/filer/00000000-0000-0000-0000-000000000000")
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn a_pdf_is_never_shown_inline() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    let id = pending_request(&app, &mut a, 1, "a@example.org", ("intyg.pdf", PDF)).await;
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "agent@partner.example.org", PW).await;
    let view = s.get(&format!("/en/staff/validations/{id}")).await;
    assert!(view.attr("img.certificate-image", "src").is_none());
    let href = view.attr("a.button.secondary", "href").unwrap();
    let res = s.get(&format!("{href}?inline=1")).await;
    assert!(
        res.header("content-disposition")
            .unwrap()
            .starts_with("attachment;")
    );
}

#[actix_web::test]
async fn staff_approve_and_the_member_sees_it_and_is_emailed() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        let id = pending_request(&app, &mut a, 1, "a@example.org", ("intyg.pdf", PDF)).await;
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        let queue = s.get("/sv/personal/valideringar").await;
        assert!(queue.text().contains("Föreningen"));
        let view = s.get(&format!("/sv/personal/valideringar/{id}")).await;
        // Defaults: today and 24 months less a day (Microsoft's certificate lasts two years),
        // and the certificate's expiry date to confirm.
        assert_eq!(
            view.attr("#valid_from", "value").as_deref(),
            Some("2026-11-28")
        );
        assert_eq!(
            view.attr("#valid_to", "value").as_deref(),
            Some("2028-11-27")
        );
        assert_eq!(
            view.attr("#certificate_expires", "value").as_deref(),
            Some("2028-11-27")
        );
        let action = format!("/sv/personal/valideringar/{id}/beslut");
        let bad = s
            .submit(
                &format!("/sv/personal/valideringar/{id}"),
                &action,
                &[
                    ("decision", "approve"),
                    ("valid_from", "2026-13-01"),
                    ("valid_to", "2026-01-01"),
                ],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.select_text("#valid_from-error").is_some());
        let ok = s
            .submit(
                &format!("/sv/personal/valideringar/{id}"),
                &action,
                &[
                    ("decision", "approve"),
                    ("valid_from", "2026-11-28"),
                    ("valid_to", "2027-11-27"),
                    ("certificate_expires", "2028-11-20"),
                ],
            )
            .await;
        assert_eq!(ok.status, 303, "{kind:?}: {}", ok.text());
        let page = a.get("/sv/konto/certifikat").await;
        let status = page.select_text(".request").unwrap();
        assert!(
            status.contains("28 november 2026") && status.contains("27 november 2027"),
            "{status}"
        );
        assert!(
            app.mailed_path("validation.approved", "a@example.org")
                .is_some()
        );
        assert!(outbox_kinds(&app).contains(&"validation.decided".to_owned()));
        let audit = {
            staff_user(&app, "admin@partner.example.org", Role::Admin).await;
            let mut ad = Browser::new(&app);
            login(&mut ad, "admin@partner.example.org", PW).await;
            ad.get(&format!("/sv/personal/logg?record={id}"))
                .await
                .text()
        };
        assert!(
            audit.contains("validation.approved") && audit.contains("validation.submitted"),
            "{kind:?}"
        );
        // A second decision on the same request is refused.
        let again = s
            .submit(
                &format!("/sv/personal/valideringar/{id}"),
                &action,
                &[("decision", "reject"), ("canned", "expired")],
            )
            .await;
        assert!(
            again.status == 409 || again.status == 403,
            "{}",
            again.status
        );

        // The rule at its edges.
        let mut c = app.pool().get().unwrap();
        let org: String = validation_requests::table
            .find(&id)
            .select(validation_requests::organisation_id)
            .first(&mut c)
            .unwrap();
        use donera::validation::is_validated;
        assert!(!is_validated(&mut c, &org, date!(2026 - 11 - 27)).unwrap());
        assert!(is_validated(&mut c, &org, date!(2026 - 11 - 28)).unwrap());
        assert!(is_validated(&mut c, &org, date!(2027 - 11 - 27)).unwrap());
        assert!(!is_validated(&mut c, &org, date!(2027 - 11 - 28)).unwrap());
    }
}

#[actix_web::test]
async fn a_rejection_needs_a_reason_and_reaches_the_member_in_their_language() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    let id = pending_request(&app, &mut a, 1, "a@example.org", ("intyg.pdf", PDF)).await;
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "agent@partner.example.org", PW).await;
    let view = format!("/en/staff/validations/{id}");
    let action = format!("/en/staff/validations/{id}/decision");
    let none = s
        .submit(
            &view,
            &action,
            &[
                ("decision", "reject"),
                ("canned", ""),
                ("reason_sv", " "),
                ("reason_en", ""),
            ],
        )
        .await;
    assert_eq!(none.status, 400);
    assert!(none.select_text("#canned-error").is_some());
    let ok = s
        .submit(
            &view,
            &action,
            &[
                ("decision", "reject"),
                ("canned", "unreadable"),
                ("reason_sv", ""),
                ("reason_en", ""),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    let sv = a.get("/sv/konto/certifikat").await;
    assert!(
        sv.select_text(".request")
            .unwrap()
            .contains("Certifikatet går inte att läsa")
    );
    let en = a.get("/en/account/certificate").await;
    assert!(
        en.select_text(".request")
            .unwrap()
            .contains("The certificate cannot be read")
    );
    assert!(
        app.mailed_path("validation.rejected", "a@example.org")
            .is_some()
    );
    // After a rejection a new certificate can be sent.
    assert!(sv.attr("input[type=file]", "name").is_some());
    assert_eq!(
        a.upload("/sv/konto/certifikat", "ny.pdf", PDF, "")
            .await
            .status,
        303
    );
    // While it is pending, another is refused.
    assert!(
        a.get("/sv/konto/certifikat")
            .await
            .attr("input[type=file]", "name")
            .is_none()
    );
}

#[actix_web::test]
async fn of_two_staff_deciding_at_once_exactly_one_wins() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        let id = pending_request(&app, &mut a, 1, "a@example.org", ("intyg.pdf", PDF)).await;
        staff_user(&app, "one@partner.example.org", Role::Agent).await;
        staff_user(&app, "two@partner.example.org", Role::Agent).await;
        let mut one = Browser::new(&app);
        let mut two = Browser::new(&app);
        login(&mut one, "one@partner.example.org", PW).await;
        login(&mut two, "two@partner.example.org", PW).await;
        let view = format!("/sv/personal/valideringar/{id}");
        let t1 = one
            .get(&view)
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let t2 = two
            .get(&view)
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let action = format!("/sv/personal/valideringar/{id}/beslut");
        let f1 = [
            ("csrf", t1.as_str()),
            ("decision", "approve"),
            ("valid_from", "2026-11-28"),
            ("valid_to", "2027-11-27"),
            ("certificate_expires", "2028-11-27"),
        ];
        let f2 = [
            ("csrf", t2.as_str()),
            ("decision", "reject"),
            ("canned", "unreadable"),
        ];
        let (r1, r2) = tokio::join!(one.post(&action, &f1), two.post(&action, &f2));
        let mut statuses = [r1.status, r2.status];
        statuses.sort();
        assert_eq!(statuses, [303, 409], "{kind:?}");
        let loser = if r1.status == 409 { &r1 } else { &r2 };
        assert_eq!(
            loser.select_text("h1").as_deref(),
            Some("Det här har redan gjorts")
        );
        let decided = outbox_kinds(&app)
            .iter()
            .filter(|k| *k == "validation.decided")
            .count();
        assert_eq!(decided, 1, "{kind:?}: one decision, one event");
    }
}

#[actix_web::test]
async fn the_queue_lists_pending_requests_oldest_first_with_flags() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    pending_request(&app, &mut a, 1, "a@example.org", ("intyg.pdf", PDF)).await;
    app.clock.advance(time::Duration::days(3));
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Bolaget AB", "556036-0793", "b@example.org").await;
    assert_eq!(
        b.upload("/sv/konto/certifikat", "x.pdf", PDF, "")
            .await
            .status,
        303
    );
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "agent@partner.example.org", PW).await;
    let q = s.get("/sv/personal/valideringar").await;
    let doc = q.html();
    let rows: Vec<String> = doc
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .map(|r| r.text().collect::<String>())
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("Föreningen") && rows[0].contains("3 dagar"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("Bolaget AB") && rows[1].contains("aktiebolag"),
        "{rows:?}"
    );
    assert_eq!(
        s.get("/sv/personal/valideringar?state=approved")
            .await
            .html()
            .select(&scraper::Selector::parse("tbody tr").unwrap())
            .count(),
        0
    );
    assert_eq!(
        s.get("/sv/personal/valideringar?state=bogus").await.status,
        400
    );
}

#[actix_web::test]
async fn a_validation_ends_with_its_certificate_and_counts_down_on_the_dashboard() {
    use time::Duration;
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    let id = pending_request(
        &app,
        &mut a,
        7,
        "nedrakning@example.org",
        ("intyg.pdf", PDF),
    )
    .await;
    staff_user(&app, "frist@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "frist@partner.example.org", PW).await;
    let view = format!("/sv/personal/valideringar/{id}");
    let action = format!("{view}/beslut");
    let approve = |expires: &'static str| {
        [
            ("decision", "approve"),
            ("valid_from", "2026-11-28"),
            ("valid_to", "2028-11-27"),
            ("certificate_expires", expires),
        ]
    };
    // A certificate that has run out before the period starts is refused beside its field.
    let bad = s.submit(&view, &action, &approve("2026-11-27")).await;
    assert_eq!(bad.status, 400);
    assert!(bad.select_text("#certificate_expires-error").is_some());
    let missing = s.submit(&view, &action, &approve("")).await;
    assert_eq!(missing.status, 400);
    // The certificate's own date caps the two years staff proposed.
    let ok = s.submit(&view, &action, &approve("2027-01-27")).await;
    assert_eq!(ok.status, 303, "{}", ok.text());
    let renew = "Hämta ett nytt valideringscertifikat i Nonprofit Hub";
    let dashboard = a.get("/sv/konto/").await.text();
    assert!(
        dashboard.contains("till och med 27 januari 2027")
            && dashboard.contains("Valideringen gäller i 61 dagar till.")
            && !dashboard.contains(renew),
        "{dashboard}"
    );
    // 60 days before the end the member is asked to renew.
    app.clock.advance(Duration::days(1));
    login(&mut a, "nedrakning@example.org", PW).await;
    let dashboard = a.get("/sv/konto/").await.text();
    assert!(
        dashboard.contains("i 60 dagar till.") && dashboard.contains(renew),
        "{dashboard}"
    );
    // The last day.
    app.clock.advance(Duration::days(59));
    login(&mut a, "nedrakning@example.org", PW).await;
    let dashboard = a.get("/sv/konto/").await.text();
    assert!(
        dashboard.contains("Valideringen gäller bara i dag."),
        "{dashboard}"
    );
    // The day after, it has expired and new orders are refused with what to do.
    app.clock.advance(Duration::days(1));
    login(&mut a, "nedrakning@example.org", PW).await;
    let dashboard = a.get("/sv/konto/").await.text();
    assert!(
        dashboard.contains("Valideringen gällde till och med 27 januari 2027"),
        "{dashboard}"
    );
    let form = a.get("/sv/konto/bestallningar/ny").await.text();
    assert!(
        form.contains("Organisationens validering har gått ut")
            && form.contains("ladda upp det på sidan Valideringscertifikat"),
        "{form}"
    );
}

#[actix_web::test]
async fn renewal_reminders_go_out_sixty_and_fourteen_days_before_the_end_once_each() {
    use diesel::prelude::*;
    use donera::db::schema::outbox_events as ev;
    use time::Duration;
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        let id = pending_request(&app, &mut a, 8, "paminn@example.org", ("intyg.pdf", PDF)).await;
        staff_user(&app, "paminnelse@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        login(&mut s, "paminnelse@partner.example.org", PW).await;
        let view = format!("/sv/personal/valideringar/{id}");
        let ok = s
            .submit(
                &view,
                &format!("{view}/beslut"),
                &[
                    ("decision", "approve"),
                    ("valid_from", "2026-11-28"),
                    ("valid_to", "2028-11-27"),
                    ("certificate_expires", "2027-01-27"),
                ],
            )
            .await;
        assert_eq!(ok.status, 303);
        let run = |app: &TestApp| {
            let mut c = app.pool().get().unwrap();
            donera::validation::service::send_reminders(&mut c, app.clock.now_utc_naive()).unwrap()
        };
        let reminders = |app: &TestApp| -> Vec<(Option<String>, String, String)> {
            let mut c = app.pool().get().unwrap();
            ev::table
                .filter(ev::kind.eq("validation.reminder"))
                .order(ev::created_at.asc())
                .select((ev::recipient, ev::locale, ev::payload))
                .load(&mut c)
                .unwrap()
        };
        // 61 days left: nothing yet.
        assert_eq!(run(&app), 0, "{kind:?}");
        // 60 days left: one e-mail, in the user's language, with the upload link; once.
        app.clock.advance(Duration::days(1));
        assert_eq!(run(&app), 1, "{kind:?}");
        assert_eq!(run(&app), 0, "{kind:?}");
        let sent = reminders(&app);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].0.as_deref(), Some("paminn@example.org"));
        assert_eq!(sent[0].1, "sv");
        assert!(
            sent[0].2.contains("\"days\":60") && sent[0].2.contains("/sv/konto/certifikat"),
            "{}",
            sent[0].2
        );
        // 15 days left: the 60-day reminder was sent; 14 days left: the second one, once.
        app.clock.advance(Duration::days(45));
        assert_eq!(run(&app), 0, "{kind:?}");
        app.clock.advance(Duration::days(1));
        assert_eq!(run(&app), 1, "{kind:?}");
        assert_eq!(run(&app), 0, "{kind:?}");
        // After the end: no more.
        app.clock.advance(Duration::days(14));
        assert_eq!(run(&app), 0, "{kind:?}");
        assert_eq!(reminders(&app).len(), 2);
    }
}
