//! Field errors as templates show them: the message beside each field, an error summary at the
//! top linking to the fields, and the `aria-describedby` each input needs.

use crate::web::page::Tr;

pub struct FormErrors {
    /// (field, message in words), in form order.
    pub items: Vec<(&'static str, String)>,
}

impl FormErrors {
    pub fn none() -> FormErrors {
        FormErrors { items: vec![] }
    }

    /// Message ids to words in the page's language.
    pub fn from_ids(tr: &Tr, errors: &[crate::accounts::service::FieldError]) -> FormErrors {
        FormErrors {
            items: errors.iter().map(|e| (e.field, tr.t(e.id))).collect(),
        }
    }

    pub fn one(tr: &Tr, field: &'static str, id: &str) -> FormErrors {
        FormErrors {
            items: vec![(field, tr.t(id))],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.items.iter().any(|(f, _)| *f == field)
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The ids an input's `aria-describedby` lists: its hint, if any, and its error, if any.
    pub fn describedby(&self, field: &str, hint: bool) -> String {
        let mut ids = vec![];
        if hint {
            ids.push(format!("{field}-hint"));
        }
        if self.has(field) {
            ids.push(format!("{field}-error"));
        }
        ids.join(" ")
    }
}
