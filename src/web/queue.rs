//! Paged lists with a state filter: the staff's order, validation and ticket queues, the audit
//! log and the member's ticket list. One place reads the page asked for, one builds the links to
//! the neighbouring pages, and one reads a queue's state filter and offers its choices.

use crate::error::AppError;
use crate::web::form::Choice;
use crate::web::page::Tr;

/// The deepest page a list serves; a larger number asks for this one.
pub const MAX_PAGE: i64 = 100_000;

/// The 1-based page asked for, within `1..=MAX_PAGE` (absent or nonsense is the first).
pub fn page_number(asked: Option<i64>) -> i64 {
    asked.unwrap_or(1).clamp(1, MAX_PAGE)
}

/// Links to the previous and next page, for the pager under a list.
pub struct Pager {
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `link(n)` is the list's URL at page `n`; `more` says another page follows this one.
    pub fn new(page: i64, more: bool, link: impl Fn(i64) -> String) -> Pager {
        Pager {
            prev: (page > 1).then(|| link(page - 1)),
            next: more.then(|| link(page + 1)),
        }
    }
}

/// The query of a staff queue filtered by state: none means the work to do (the queue's default
/// state), `all` every state.
#[derive(serde::Deserialize, Default, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub page: Option<i64>,
}

impl QueueQuery {
    /// The state to show: `Some(default)` when none is asked, `None` for `all`; an unknown state
    /// is a bad request.
    pub fn state<S>(
        &self,
        default: S,
        from_key: impl Fn(&str) -> Option<S>,
    ) -> Result<Option<S>, AppError> {
        match self.state.as_str() {
            "" => Ok(Some(default)),
            "all" => Ok(None),
            s => from_key(s).map(Some).ok_or(AppError::BadRequest),
        }
    }

    pub fn page(&self) -> i64 {
        page_number(self.page)
    }

    /// The state filter's choices, `keys` then `all`, each labelled by message `{prefix}{key}`;
    /// the one shown is selected (`default` when none was asked).
    pub fn choices(
        &self,
        tr: &Tr,
        keys: &[&'static str],
        default: &str,
        prefix: &str,
    ) -> Vec<Choice> {
        let current = self.current(default);
        keys.iter()
            .copied()
            .chain(["all"])
            .map(|s| Choice {
                value: s,
                label: tr.t(&format!("{prefix}{s}")),
                selected: s == current,
            })
            .collect()
    }

    /// The pager of a queue at `path`, keeping the state shown.
    pub fn pager(&self, path: &str, default: &str, page: i64, more: bool) -> Pager {
        let current = self.current(default);
        Pager::new(page, more, |p| format!("{path}?state={current}&page={p}"))
    }

    fn current<'a>(&'a self, default: &'a str) -> &'a str {
        if self.state.is_empty() {
            default
        } else {
            &self.state
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_in_range() {
        assert_eq!(page_number(None), 1);
        assert_eq!(page_number(Some(0)), 1);
        assert_eq!(page_number(Some(-5)), 1);
        assert_eq!(page_number(Some(7)), 7);
        assert_eq!(page_number(Some(i64::MAX)), MAX_PAGE);
    }

    #[test]
    fn the_pager_links_only_to_pages_that_exist() {
        let p = Pager::new(1, false, |n| n.to_string());
        assert_eq!((p.prev, p.next), (None, None));
        let p = Pager::new(3, true, |n| n.to_string());
        assert_eq!(
            (p.prev.as_deref(), p.next.as_deref()),
            (Some("2"), Some("4"))
        );
    }

    #[test]
    fn a_queue_reads_its_state_filter() {
        let q = |s: &str| QueueQuery {
            state: s.into(),
            page: None,
        };
        let from = |k: &str| (k == "open" || k == "done").then(|| k.to_owned());
        assert_eq!(
            q("").state("open".to_owned(), from).unwrap(),
            Some("open".into())
        );
        assert_eq!(q("all").state("open".to_owned(), from).unwrap(), None);
        assert_eq!(
            q("done").state("open".to_owned(), from).unwrap(),
            Some("done".into())
        );
        assert!(q("nonsense").state("open".to_owned(), from).is_err());
        assert_eq!(
            q("").pager("/q", "open", 2, true).next.as_deref(),
            Some("/q?state=open&page=3")
        );
    }
}
