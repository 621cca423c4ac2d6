//! The route table: every page's path in each language, in one place. Handlers are registered from
//! it, the language switcher and `hreflang` links read it, and templates link through it.

use super::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    Eligibility,
    SelfCheck,
}

impl Page {
    /// The pages that exist, in navigation order after Home.
    pub const ALL: [Page; 3] = [Page::Home, Page::Eligibility, Page::SelfCheck];

    pub fn path(self, locale: Locale) -> &'static str {
        use Locale::{En, Sv};
        match (self, locale) {
            (Page::Home, Sv) => "/sv/",
            (Page::Home, En) => "/en/",
            (Page::Eligibility, Sv) => "/sv/behorighet",
            (Page::Eligibility, En) => "/en/eligibility",
            (Page::SelfCheck, Sv) => "/sv/behorighet/testa",
            (Page::SelfCheck, En) => "/en/eligibility/check",
        }
    }

    /// Fluent id of the page's name in navigation and titles.
    pub fn nav_id(self) -> &'static str {
        match self {
            Page::Home => "nav-home",
            Page::Eligibility => "nav-eligibility",
            Page::SelfCheck => "nav-self-check",
        }
    }
}

// Areas not yet open to visitors are reserved here for the issues that add them:
// products `/sv/produkter` `/en/products`, FAQ `/sv/fragor` `/en/faq`, contact `/sv/kontakt`
// `/en/contact`, register `/sv/registrera` `/en/register`, log in `/sv/logga-in` `/en/login`,
// forgotten password `/sv/glomt-losenord` `/en/forgot-password`, member area `/sv/konto/…`
// `/en/account/…`, staff area `/sv/personal/…` `/en/staff/…`.
#[cfg(test)]
mod tests {
    use super::*;

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
}
