//! Organisations, members and staff: registration, e-mail confirmation, log in and out,
//! forgotten passwords, invitations, staff accounts, and the sessions behind them.

pub mod auth;
pub mod handlers;
pub mod model;
pub mod password;
pub mod service;
pub mod sessions;
pub mod staff;
pub mod twofa;
pub mod twofa_handlers;
pub mod views;

use sha2::{Digest, Sha256};

/// A new single-use token: the value for the link (256 random bits) and the hash to store.
pub fn new_token() -> (String, String) {
    let plain = crate::random_hex(32);
    let hash = hash_token(&plain);
    (plain, hash)
}

/// Tokens are stored hashed, so a leaked table opens no account.
pub fn hash_token(plain: &str) -> String {
    crate::hex(&Sha256::digest(plain.as_bytes()))
}

use actix_web::web;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

/// Registers the account routes in both languages from the route table.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(
            r(Page::Register)
                .route(get().to(handlers::register_form))
                .route(web::post().to(handlers::register_submit)),
        )
        .service(r(Page::Terms).route(get().to(handlers::terms)))
        .service(
            r(Page::Login)
                .route(get().to(handlers::login_form))
                .route(web::post().to(handlers::login_submit)),
        )
        .service(r(Page::Logout).route(web::post().to(handlers::logout)))
        .service(
            r(Page::ForgotPassword)
                .route(get().to(handlers::forgot_form))
                .route(web::post().to(handlers::forgot_submit)),
        )
        .service(
            r(Page::Reset)
                .route(get().to(handlers::reset_form))
                .route(web::post().to(handlers::reset_submit)),
        )
        .service(
            r(Page::Verify)
                .route(get().to(handlers::confirm_form))
                .route(web::post().to(handlers::confirm_submit)),
        )
        .service(
            r(Page::Invitation)
                .route(get().to(handlers::invitation_form))
                .route(web::post().to(handlers::invitation_submit)),
        )
        .service(
            web::resource(Page::Account.path(l).trim_end_matches('/'))
                .route(get().to(handlers::account_root)),
        )
        .service(r(Page::ResendVerification).route(web::post().to(handlers::resend_confirmation)))
        .service(
            r(Page::AccountSettings)
                .route(get().to(handlers::settings_form))
                .route(web::post().to(handlers::settings_submit)),
        )
        .service(
            r(Page::Colleagues)
                .route(get().to(handlers::colleagues))
                .route(web::post().to(handlers::invite_colleague)),
        )
        .service(r(Page::ColleagueRemove).route(web::post().to(handlers::remove_colleague)))
        .service(r(Page::ColleagueAdmin).route(web::post().to(handlers::make_colleague_admin)))
        .service(
            r(Page::StaffAccounts)
                .route(get().to(staff::accounts))
                .route(web::post().to(staff::invite)),
        )
        .service(r(Page::StaffAccountToggle).route(web::post().to(staff::toggle)))
        .service(r(Page::StaffAudit).route(get().to(staff::audit_log)))
        .service(
            r(Page::LoginCode)
                .route(get().to(twofa_handlers::code_form))
                .route(web::post().to(twofa_handlers::code_submit)),
        )
        .service(
            r(Page::TwoFactor)
                .route(get().to(twofa_handlers::two_factor))
                .route(web::post().to(twofa_handlers::two_factor_submit)),
        )
        .service(r(Page::TwoFactorQr).route(get().to(twofa_handlers::qr)))
        .service(r(Page::StaffTwoFactorReset).route(web::post().to(twofa_handlers::staff_reset)));
    }
}
