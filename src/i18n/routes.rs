//! The route table: every page's path in each language, in one place. Handlers are registered from
//! it, the language switcher and `hreflang` links read it, and templates link through it.
//! Paths with a `{param}` are patterns; [`Page::link`] fills the parameter in.

use super::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    Eligibility,
    SelfCheck,
    Register,
    Terms,
    Login,
    Logout,
    ForgotPassword,
    Reset,
    Verify,
    Invitation,
    Account,
    ResendVerification,
    AccountSettings,
    Colleagues,
    ColleagueRemove,
    Staff,
    StaffAccounts,
    StaffAccountToggle,
    StaffAudit,
    Certificate,
    MemberFile,
    StaffValidations,
    StaffValidation,
    StaffValidationDecide,
    StaffFile,
    Products,
    Product,
    Orders,
    OrderNew,
    OrderConfirm,
    Order,
    OrderCancel,
    StaffOrders,
    StaffOrder,
    StaffOrderDecide,
    StaffProducts,
    StaffProductNew,
    StaffProduct,
    Usage,
    Faq,
    FaqArticle,
    FaqFeedback,
    StaffFaq,
    StaffFaqNew,
    StaffFaqCategories,
    StaffFaqArticle,
    StaffFaqDelete,
    Tickets,
    TicketNew,
    Ticket,
    Contact,
    ContactSent,
    VisitorTicket,
    VisitorFile,
    StaffTickets,
    StaffTicket,
    StaffTicketReply,
    StaffTicketUpdate,
    StaffTicketMerge,
    StaffTicketMail,
    StaffCanned,
    StaffCannedEdit,
    StaffOrganisation,
    StaffFaqCategoryDelete,
    LoginCode,
    TwoFactor,
    TwoFactorQr,
    StaffTwoFactorReset,
    Privacy,
    YourData,
    DataExport,
    AccountDelete,
    OrganisationDelete,
    StaffPrivacy,
    StaffPrivacyExport,
    StaffPrivacyErase,
    ColleagueAdmin,
    StaffSla,
    StaffTicketsBulk,
    StaffTicketPresence,
    TicketRating,
}

impl Page {
    /// Pages in the main navigation, in order.
    pub const NAV: [Page; 6] = [
        Page::Home,
        Page::Eligibility,
        Page::SelfCheck,
        Page::Products,
        Page::Faq,
        Page::Contact,
    ];

    /// Every page, for tests of the table itself.
    pub const ALL: [Page; 82] = [
        Page::StaffSla,
        Page::StaffTicketsBulk,
        Page::StaffTicketPresence,
        Page::TicketRating,
        Page::ColleagueAdmin,
        Page::Privacy,
        Page::YourData,
        Page::DataExport,
        Page::AccountDelete,
        Page::OrganisationDelete,
        Page::StaffPrivacy,
        Page::StaffPrivacyExport,
        Page::StaffPrivacyErase,
        Page::LoginCode,
        Page::TwoFactor,
        Page::TwoFactorQr,
        Page::StaffTwoFactorReset,
        Page::StaffOrganisation,
        Page::StaffFaqCategoryDelete,
        Page::Tickets,
        Page::TicketNew,
        Page::Ticket,
        Page::Contact,
        Page::ContactSent,
        Page::VisitorTicket,
        Page::VisitorFile,
        Page::StaffTickets,
        Page::StaffTicket,
        Page::StaffTicketReply,
        Page::StaffTicketUpdate,
        Page::StaffTicketMerge,
        Page::StaffTicketMail,
        Page::StaffCanned,
        Page::StaffCannedEdit,
        Page::Faq,
        Page::FaqArticle,
        Page::FaqFeedback,
        Page::StaffFaq,
        Page::StaffFaqNew,
        Page::StaffFaqCategories,
        Page::StaffFaqArticle,
        Page::StaffFaqDelete,
        Page::Usage,
        Page::Products,
        Page::Product,
        Page::Orders,
        Page::OrderNew,
        Page::OrderConfirm,
        Page::Order,
        Page::OrderCancel,
        Page::StaffOrders,
        Page::StaffOrder,
        Page::StaffOrderDecide,
        Page::StaffProducts,
        Page::StaffProductNew,
        Page::StaffProduct,
        Page::Certificate,
        Page::MemberFile,
        Page::StaffValidations,
        Page::StaffValidation,
        Page::StaffValidationDecide,
        Page::StaffFile,
        Page::Home,
        Page::Eligibility,
        Page::SelfCheck,
        Page::Register,
        Page::Terms,
        Page::Login,
        Page::Logout,
        Page::ForgotPassword,
        Page::Reset,
        Page::Verify,
        Page::Invitation,
        Page::Account,
        Page::ResendVerification,
        Page::AccountSettings,
        Page::Colleagues,
        Page::ColleagueRemove,
        Page::Staff,
        Page::StaffAccounts,
        Page::StaffAccountToggle,
        Page::StaffAudit,
    ];

    pub fn path(self, locale: Locale) -> &'static str {
        use Locale::{En, Sv};
        match (self, locale) {
            (Page::Home, Sv) => "/sv/",
            (Page::Home, En) => "/en/",
            (Page::Eligibility, Sv) => "/sv/behorighet",
            (Page::Eligibility, En) => "/en/eligibility",
            (Page::SelfCheck, Sv) => "/sv/behorighet/testa",
            (Page::SelfCheck, En) => "/en/eligibility/check",
            (Page::Register, Sv) => "/sv/registrera",
            (Page::Register, En) => "/en/register",
            (Page::Terms, Sv) => "/sv/villkor",
            (Page::Terms, En) => "/en/terms",
            (Page::Login, Sv) => "/sv/logga-in",
            (Page::Login, En) => "/en/login",
            (Page::LoginCode, Sv) => "/sv/logga-in/kod",
            (Page::LoginCode, En) => "/en/login/code",
            (Page::TwoFactor, Sv) => "/sv/tvastegsverifiering",
            (Page::TwoFactor, En) => "/en/two-step-verification",
            (Page::TwoFactorQr, Sv) => "/sv/tvastegsverifiering/qr.svg",
            (Page::TwoFactorQr, En) => "/en/two-step-verification/qr.svg",
            (Page::StaffTwoFactorReset, Sv) => "/sv/personal/konton/{id}/tvastegsverifiering",
            (Page::StaffTwoFactorReset, En) => "/en/staff/accounts/{id}/two-step-verification",
            (Page::Privacy, Sv) => "/sv/integritet",
            (Page::Privacy, En) => "/en/privacy",
            (Page::YourData, Sv) => "/sv/konto/dina-uppgifter",
            (Page::YourData, En) => "/en/account/your-data",
            (Page::DataExport, Sv) => "/sv/konto/dina-uppgifter/export.zip",
            (Page::DataExport, En) => "/en/account/your-data/export.zip",
            (Page::AccountDelete, Sv) => "/sv/konto/radera",
            (Page::AccountDelete, En) => "/en/account/delete",
            (Page::OrganisationDelete, Sv) => "/sv/konto/organisation/radera",
            (Page::OrganisationDelete, En) => "/en/account/organisation/delete",
            (Page::StaffPrivacy, Sv) => "/sv/personal/integritet",
            (Page::StaffPrivacy, En) => "/en/staff/privacy",
            (Page::StaffPrivacyExport, Sv) => "/sv/personal/integritet/export",
            (Page::StaffPrivacyExport, En) => "/en/staff/privacy/export",
            (Page::StaffPrivacyErase, Sv) => "/sv/personal/integritet/radera",
            (Page::StaffPrivacyErase, En) => "/en/staff/privacy/erase",
            (Page::ColleagueAdmin, Sv) => "/sv/konto/kollegor/{id}/administrator",
            (Page::ColleagueAdmin, En) => "/en/account/colleagues/{id}/admin",
            (Page::Logout, Sv) => "/sv/logga-ut",
            (Page::Logout, En) => "/en/logout",
            (Page::ForgotPassword, Sv) => "/sv/glomt-losenord",
            (Page::ForgotPassword, En) => "/en/forgot-password",
            (Page::Reset, Sv) => "/sv/glomt-losenord/{token}",
            (Page::Reset, En) => "/en/forgot-password/{token}",
            (Page::Verify, Sv) => "/sv/bekrafta/{token}",
            (Page::Verify, En) => "/en/confirm/{token}",
            (Page::Invitation, Sv) => "/sv/inbjudan/{token}",
            (Page::Invitation, En) => "/en/invitation/{token}",
            (Page::Account, Sv) => "/sv/konto/",
            (Page::Account, En) => "/en/account/",
            (Page::ResendVerification, Sv) => "/sv/konto/bekrafta-igen",
            (Page::ResendVerification, En) => "/en/account/resend-confirmation",
            (Page::AccountSettings, Sv) => "/sv/konto/installningar",
            (Page::AccountSettings, En) => "/en/account/settings",
            (Page::Colleagues, Sv) => "/sv/konto/kollegor",
            (Page::Colleagues, En) => "/en/account/colleagues",
            (Page::ColleagueRemove, Sv) => "/sv/konto/kollegor/{id}/ta-bort",
            (Page::ColleagueRemove, En) => "/en/account/colleagues/{id}/remove",
            (Page::Staff, Sv) => "/sv/personal/",
            (Page::Staff, En) => "/en/staff/",
            (Page::StaffAccounts, Sv) => "/sv/personal/konton",
            (Page::StaffAccounts, En) => "/en/staff/accounts",
            (Page::StaffAccountToggle, Sv) => "/sv/personal/konton/{id}/status",
            (Page::StaffAccountToggle, En) => "/en/staff/accounts/{id}/status",
            (Page::StaffAudit, Sv) => "/sv/personal/logg",
            (Page::StaffAudit, En) => "/en/staff/audit",
            (Page::Certificate, Sv) => "/sv/konto/certifikat",
            (Page::Certificate, En) => "/en/account/certificate",
            (Page::MemberFile, Sv) => "/sv/konto/filer/{id}",
            (Page::MemberFile, En) => "/en/account/files/{id}",
            (Page::StaffValidations, Sv) => "/sv/personal/valideringar",
            (Page::StaffValidations, En) => "/en/staff/validations",
            (Page::StaffValidation, Sv) => "/sv/personal/valideringar/{id}",
            (Page::StaffValidation, En) => "/en/staff/validations/{id}",
            (Page::StaffValidationDecide, Sv) => "/sv/personal/valideringar/{id}/beslut",
            (Page::StaffValidationDecide, En) => "/en/staff/validations/{id}/decision",
            (Page::StaffFile, Sv) => "/sv/personal/filer/{id}",
            (Page::StaffFile, En) => "/en/staff/files/{id}",
            (Page::Products, Sv) => "/sv/produkter",
            (Page::Products, En) => "/en/products",
            (Page::Product, Sv) => "/sv/produkter/{sku}",
            (Page::Product, En) => "/en/products/{sku}",
            (Page::Orders, Sv) => "/sv/konto/bestallningar",
            (Page::Orders, En) => "/en/account/orders",
            (Page::OrderNew, Sv) => "/sv/konto/bestallningar/ny",
            (Page::OrderNew, En) => "/en/account/orders/new",
            (Page::OrderConfirm, Sv) => "/sv/konto/bestallningar/bekrafta",
            (Page::OrderConfirm, En) => "/en/account/orders/confirm",
            (Page::Order, Sv) => "/sv/konto/bestallningar/{id}",
            (Page::Order, En) => "/en/account/orders/{id}",
            (Page::OrderCancel, Sv) => "/sv/konto/bestallningar/{id}/avbryt",
            (Page::OrderCancel, En) => "/en/account/orders/{id}/cancel",
            (Page::StaffOrders, Sv) => "/sv/personal/bestallningar",
            (Page::StaffOrders, En) => "/en/staff/orders",
            (Page::StaffOrder, Sv) => "/sv/personal/bestallningar/{id}",
            (Page::StaffOrder, En) => "/en/staff/orders/{id}",
            (Page::StaffOrderDecide, Sv) => "/sv/personal/bestallningar/{id}/beslut",
            (Page::StaffOrderDecide, En) => "/en/staff/orders/{id}/decision",
            (Page::StaffProducts, Sv) => "/sv/personal/produkter",
            (Page::StaffProducts, En) => "/en/staff/products",
            (Page::StaffProductNew, Sv) => "/sv/personal/produkter/ny",
            (Page::StaffProductNew, En) => "/en/staff/products/new",
            (Page::StaffProduct, Sv) => "/sv/personal/produkter/{id}",
            (Page::StaffProduct, En) => "/en/staff/products/{id}",
            (Page::Usage, Sv) => "/sv/konto/anvandning",
            (Page::Usage, En) => "/en/account/usage",
            (Page::Faq, Sv) => "/sv/fragor",
            (Page::Faq, En) => "/en/faq",
            (Page::FaqArticle, Sv) => "/sv/fragor/{slug}",
            (Page::FaqArticle, En) => "/en/faq/{slug}",
            (Page::FaqFeedback, Sv) => "/sv/fragor/{slug}/svar",
            (Page::FaqFeedback, En) => "/en/faq/{slug}/feedback",
            (Page::StaffFaq, Sv) => "/sv/personal/fragor",
            (Page::StaffFaq, En) => "/en/staff/faq",
            (Page::StaffFaqNew, Sv) => "/sv/personal/fragor/ny",
            (Page::StaffFaqNew, En) => "/en/staff/faq/new",
            (Page::StaffFaqCategories, Sv) => "/sv/personal/fragor/kategorier",
            (Page::StaffFaqCategories, En) => "/en/staff/faq/categories",
            (Page::StaffFaqArticle, Sv) => "/sv/personal/fragor/{id}",
            (Page::StaffFaqArticle, En) => "/en/staff/faq/{id}",
            (Page::StaffFaqDelete, Sv) => "/sv/personal/fragor/{id}/ta-bort",
            (Page::StaffFaqDelete, En) => "/en/staff/faq/{id}/delete",
            (Page::Tickets, Sv) => "/sv/konto/arenden",
            (Page::Tickets, En) => "/en/account/tickets",
            (Page::TicketNew, Sv) => "/sv/konto/arenden/nytt",
            (Page::TicketNew, En) => "/en/account/tickets/new",
            (Page::Ticket, Sv) => "/sv/konto/arenden/{number}",
            (Page::Ticket, En) => "/en/account/tickets/{number}",
            (Page::Contact, Sv) => "/sv/kontakt",
            (Page::Contact, En) => "/en/contact",
            (Page::ContactSent, Sv) => "/sv/kontakt/skickat",
            (Page::ContactSent, En) => "/en/contact/sent",
            (Page::VisitorTicket, Sv) => "/sv/kontakt/arende/{token}",
            (Page::VisitorTicket, En) => "/en/contact/ticket/{token}",
            (Page::VisitorFile, Sv) => "/sv/kontakt/arende/{token}/filer/{id}",
            (Page::VisitorFile, En) => "/en/contact/ticket/{token}/files/{id}",
            (Page::StaffTickets, Sv) => "/sv/personal/arenden",
            (Page::StaffTickets, En) => "/en/staff/tickets",
            (Page::StaffTicket, Sv) => "/sv/personal/arenden/{number}",
            (Page::StaffTicket, En) => "/en/staff/tickets/{number}",
            (Page::StaffTicketReply, Sv) => "/sv/personal/arenden/{number}/svar",
            (Page::StaffTicketReply, En) => "/en/staff/tickets/{number}/reply",
            (Page::StaffTicketUpdate, Sv) => "/sv/personal/arenden/{number}/andra",
            (Page::StaffTicketUpdate, En) => "/en/staff/tickets/{number}/update",
            (Page::StaffTicketMerge, Sv) => "/sv/personal/arenden/{number}/sla-ihop",
            (Page::StaffTicketMerge, En) => "/en/staff/tickets/{number}/merge",
            (Page::StaffTicketMail, Sv) => "/sv/personal/arenden/{number}/mejl/{message}",
            (Page::StaffTicketMail, En) => "/en/staff/tickets/{number}/mail/{message}",
            // POST only; registered before `StaffTicket`, whose pattern it also matches.
            (Page::StaffTicketsBulk, Sv) => "/sv/personal/arenden/markerade",
            (Page::StaffTicketsBulk, En) => "/en/staff/tickets/selected",
            (Page::StaffTicketPresence, Sv) => "/sv/personal/arenden/{number}/narvaro",
            (Page::StaffTicketPresence, En) => "/en/staff/tickets/{number}/presence",
            (Page::StaffSla, Sv) => "/sv/personal/svarstider",
            (Page::StaffSla, En) => "/en/staff/response-targets",
            (Page::TicketRating, Sv) => "/sv/kontakt/omdome/{token}",
            (Page::TicketRating, En) => "/en/contact/rating/{token}",
            (Page::StaffCanned, Sv) => "/sv/personal/svarsmallar",
            (Page::StaffCanned, En) => "/en/staff/canned-replies",
            (Page::StaffCannedEdit, Sv) => "/sv/personal/svarsmallar/{id}",
            (Page::StaffCannedEdit, En) => "/en/staff/canned-replies/{id}",
            (Page::StaffOrganisation, Sv) => "/sv/personal/organisationer/{id}",
            (Page::StaffOrganisation, En) => "/en/staff/organisations/{id}",
            (Page::StaffFaqCategoryDelete, Sv) => "/sv/personal/fragor/kategorier/{id}/ta-bort",
            (Page::StaffFaqCategoryDelete, En) => "/en/staff/faq/categories/{id}/delete",
        }
    }

    /// The path with its `{param}` filled in (the value is URL-safe: tokens and UUIDs).
    pub fn link(self, locale: Locale, param: &str) -> String {
        let p = self.path(locale);
        match (p.find('{'), p.find('}')) {
            // Pushed, not `format!`: a queue page makes fifty of these.
            (Some(a), Some(b)) => {
                let mut out = String::with_capacity(p.len() + param.len());
                out.push_str(&p[..a]);
                out.push_str(param);
                out.push_str(&p[b + 1..]);
                out
            }
            _ => p.to_owned(),
        }
    }

    /// The path with its parameters filled in order, for pages with more than one.
    pub fn link_with(self, locale: Locale, params: &[&str]) -> String {
        let mut rest = self.path(locale);
        let mut out = String::with_capacity(rest.len() + 64);
        let mut params = params.iter();
        while let (Some(a), Some(b)) = (rest.find('{'), rest.find('}')) {
            out.push_str(&rest[..a]);
            out.push_str(params.next().copied().unwrap_or_default());
            rest = &rest[b + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Fluent id of the page's name in navigation and titles.
    pub fn nav_id(self) -> &'static str {
        match self {
            Page::Home => "nav-home",
            Page::Eligibility => "nav-eligibility",
            Page::SelfCheck => "nav-self-check",
            Page::Products => "nav-products",
            Page::Faq => "nav-faq",
            Page::Contact => "nav-contact",
            _ => "nav-home",
        }
    }

    /// The staff area's pages, all under `/en/staff/` (and `/sv/personal/`).
    pub fn is_staff(self) -> bool {
        self.path(Locale::En).starts_with("/en/staff/")
    }

    /// Member area and staff area pages need a logged-in person.
    pub fn is_private(self) -> bool {
        matches!(
            self,
            Page::Account
                | Page::ResendVerification
                | Page::AccountSettings
                | Page::Colleagues
                | Page::ColleagueRemove
                | Page::Staff
                | Page::StaffAccounts
                | Page::StaffAccountToggle
                | Page::StaffAudit
                | Page::Certificate
                | Page::MemberFile
                | Page::StaffValidations
                | Page::StaffValidation
                | Page::StaffValidationDecide
                | Page::StaffFile
                | Page::Orders
                | Page::OrderNew
                | Page::OrderConfirm
                | Page::Order
                | Page::OrderCancel
                | Page::StaffOrders
                | Page::StaffOrder
                | Page::StaffOrderDecide
                | Page::StaffProducts
                | Page::StaffProductNew
                | Page::StaffProduct
                | Page::Usage
                | Page::StaffFaq
                | Page::StaffFaqNew
                | Page::StaffFaqCategories
                | Page::StaffFaqArticle
                | Page::StaffFaqDelete
                | Page::Tickets
                | Page::TicketNew
                | Page::Ticket
                | Page::StaffTickets
                | Page::StaffTicket
                | Page::StaffTicketReply
                | Page::StaffTicketUpdate
                | Page::StaffTicketMerge
                | Page::StaffTicketMail
                | Page::StaffCanned
                | Page::StaffCannedEdit
                | Page::StaffOrganisation
                | Page::StaffFaqCategoryDelete
                | Page::TwoFactor
                | Page::TwoFactorQr
                | Page::StaffTwoFactorReset
                | Page::YourData
                | Page::DataExport
                | Page::AccountDelete
                | Page::OrganisationDelete
                | Page::StaffPrivacy
                | Page::StaffPrivacyExport
                | Page::StaffPrivacyErase
                | Page::ColleagueAdmin
                | Page::StaffSla
                | Page::StaffTicketsBulk
                | Page::StaffTicketPresence
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the route pattern `pattern` (`{name}` for one segment) matches `path`.
    fn matches(pattern: &str, path: &str) -> bool {
        let (a, b): (Vec<_>, Vec<_>) = (pattern.split('/').collect(), path.split('/').collect());
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, y)| x == y || (x.starts_with('{') && x.ends_with('}') && !y.is_empty()))
    }

    /// `crate::configure` registers the help desk's routes first, for speed: that is only free
    /// while no page's pattern matches another module's path. These are the pairs where one
    /// does, each registered by one module, the fixed path first.
    #[test]
    fn routes_do_not_overlap() {
        use Page::*;
        let allowed = [
            (Order, OrderNew),
            (Order, OrderConfirm),
            (StaffProduct, StaffProductNew),
            (StaffFaqArticle, StaffFaqNew),
            (StaffFaqArticle, StaffFaqCategories),
            (Ticket, TicketNew),
            (StaffTicket, StaffTicketsBulk),
        ];
        for l in Locale::ALL {
            let mut found = Vec::new();
            for p in Page::ALL {
                for q in Page::ALL {
                    if p != q && p.path(l).contains('{') && matches(p.path(l), q.path(l)) {
                        found.push((p, q));
                    }
                }
            }
            assert_eq!(found.len(), allowed.len(), "{l:?}: {found:?}");
            assert!(
                found.iter().all(|f| allowed.contains(f)),
                "{l:?}: {found:?}"
            );
        }
        assert!(matches("/sv/a/{id}", "/sv/a/b") && !matches("/sv/a/{id}", "/sv/a/b/c"));
    }

    #[test]
    fn every_path_starts_with_its_locale_and_is_ascii() {
        for page in Page::ALL {
            for l in Locale::ALL {
                let p = page.path(l);
                assert!(p.starts_with(&format!("/{}/", l.code())), "{p}");
                assert!(p.is_ascii(), "{p}");
                assert_eq!(Locale::from_path(p), Some(l));
            }
        }
    }

    #[test]
    fn paths_are_unique() {
        let mut all: Vec<&str> = Page::ALL
            .iter()
            .flat_map(|p| Locale::ALL.map(|l| p.path(l)))
            .collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn links_fill_the_parameter() {
        assert_eq!(
            Page::Reset.link(Locale::Sv, "abc"),
            "/sv/glomt-losenord/abc"
        );
        assert_eq!(
            Page::ColleagueRemove.link(Locale::En, "u1"),
            "/en/account/colleagues/u1/remove"
        );
        assert_eq!(Page::Login.link(Locale::En, "x"), "/en/login");
        assert_eq!(
            Page::VisitorFile.link_with(Locale::Sv, &["t0k", "f1"]),
            "/sv/kontakt/arende/t0k/filer/f1"
        );
        assert_eq!(
            Page::VisitorFile.link_with(Locale::En, &["t0k", "f1"]),
            "/en/contact/ticket/t0k/files/f1"
        );
    }
}
