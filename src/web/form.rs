//! Field errors as templates show them: the message beside each field, an error summary at the
//! top linking to the fields, and the `aria-describedby` each input needs; and the checks of
//! the common kinds of field (short text, e-mail address) that every feature's forms use.

use crate::web::page::Tr;

/// A message beside one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub id: &'static str,
}

pub type Errors = Vec<FieldError>;

pub fn err(errors: &mut Errors, field: &'static str, id: &'static str) {
    errors.push(FieldError { field, id });
}

const MAX_TEXT: usize = 200;

/// A short line of text: required (or not), at most 200 characters, no control characters.
pub fn text(errors: &mut Errors, field: &'static str, value: &str, required: bool) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        err(errors, field, "form-error-required");
    } else if v.chars().count() > MAX_TEXT {
        err(errors, field, "form-error-too-long");
    } else if v.chars().any(char::is_control) {
        err(errors, field, "form-error-control");
    }
    v.to_owned()
}

/// An e-mail address, lowercased.
pub fn email(errors: &mut Errors, field: &'static str, value: &str) -> String {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        err(errors, field, "form-error-required");
    } else if v.len() > 254
        || v.chars().any(|c| c.is_control() || c.is_whitespace())
        || v.parse::<lettre::Address>().is_err()
    {
        err(errors, field, "form-error-email");
    }
    v
}

/// One option of a select or radio group.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

pub struct FormErrors {
    /// (field, message in words), in form order.
    pub items: Vec<(&'static str, String)>,
}

impl FormErrors {
    pub fn none() -> FormErrors {
        FormErrors { items: vec![] }
    }

    /// Message ids to words in the page's language.
    pub fn from_ids(tr: &Tr, errors: &[FieldError]) -> FormErrors {
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
