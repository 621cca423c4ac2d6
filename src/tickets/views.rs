//! Template structs of the ticket pages, and how a ticket and its thread are put into words.

use askama::Template;
use time::PrimitiveDateTime;

use super::model::{Attachment, Message, Summary};
use super::{Category, Piece, Priority, State};
use crate::i18n::routes::Page;
use crate::i18n::{I18n, Locale, args, format};
use crate::web::form::Choice;
use crate::web::form::FormErrors;
use crate::web::page::{Layout, Tr};

pub struct FileView {
    pub name: String,
    pub href: String,
    pub size: String,
}

pub struct MessageView {
    pub id: i64,
    /// `customer`, `staff`, `internal` or `system`: the style of the message.
    pub style: &'static str,
    pub author: String,
    pub role: String,
    pub when: String,
    pub iso: String,
    pub pieces: Vec<Piece>,
    pub files: Vec<FileView>,
    /// For staff, when the message came by e-mail.
    pub mail: Option<MailView>,
}

/// How a message came by e-mail, for staff.
pub struct MailView {
    /// The original `.eml`, while it is kept.
    pub original: Option<String>,
    /// "rapport.exe was not accepted: …", one per attachment not taken.
    pub refused: Vec<String>,
}

impl MailView {
    pub fn new(tr: &Tr, original: Option<String>, m: &super::model::Mailed) -> MailView {
        MailView {
            original,
            refused: m
                .refused
                .iter()
                .map(|(name, why)| {
                    tr.ta(
                        &format!("mail-in-refused-{why}"),
                        &args([("name", name.clone().into())]),
                    )
                })
                .collect(),
        }
    }
}

/// The thread as one reader sees it; `file_href` gives where that reader downloads an attachment
/// (by file id).
pub fn thread(
    tr: &Tr,
    messages: Vec<(Message, Vec<Attachment>)>,
    file_href: &dyn Fn(&str) -> String,
) -> Vec<MessageView> {
    let l = tr.locale;
    messages
        .into_iter()
        .map(|(m, files)| {
            if super::erase::is_erased(&m.body) {
                return erased_message(tr, &m);
            }
            let (style, role) = match (m.author_kind.as_str(), m.internal) {
                ("staff", true) => ("internal", tr.t("ticket-role-internal")),
                ("staff", false) => ("staff", tr.t("ticket-role-staff")),
                ("merge" | "mail-closed" | "mail-subject", _) => ("system", String::new()),
                _ => ("customer", tr.t("ticket-role-customer")),
            };
            let pieces = match m.author_kind.as_str() {
                "merge" => vec![Piece {
                    text: tr.ta("ticket-merged-here", &args([("number", m.body.into())])),
                    href: None,
                }],
                // Notes on a ticket opened by e-mail, for staff only (internal): the ticket
                // the mail named, linked.
                kind @ ("mail-closed" | "mail-subject") => vec![Piece {
                    text: tr.ta(
                        &format!("ticket-{kind}"),
                        &args([("number", m.body.clone().into())]),
                    ),
                    href: Some(Page::StaffTicket.link(l, &m.body)),
                }],
                _ => super::pieces(&m.body),
            };
            MessageView {
                id: m.id,
                style,
                role,
                author: person(tr, &m.author_name),
                when: format::datetime(tr.i18n(), l, m.created_at),
                iso: iso_datetime(m.created_at),
                pieces,
                files: files
                    .into_iter()
                    .map(|f| FileView {
                        href: file_href(&f.file_id),
                        size: format!("{} kB", format::integer(l, (f.size + 1023) / 1024)),
                        name: f.name,
                    })
                    .collect(),
                mail: None,
            }
        })
        .collect()
}

/// A message whose text was erased: its time stays, its author and words are gone.
fn erased_message(tr: &Tr, m: &Message) -> MessageView {
    MessageView {
        id: m.id,
        style: "erased",
        role: String::new(),
        author: person(tr, &m.author_name),
        when: format::datetime(tr.i18n(), tr.locale, m.created_at),
        iso: iso_datetime(m.created_at),
        pieces: vec![Piece {
            text: tr.t("erased-content"),
            href: None,
        }],
        files: vec![],
        mail: None,
    }
}

/// A ticket's subject as shown: "Content erased" once its content was erased.
pub fn subject(tr: &Tr, subject: &str) -> String {
    if super::erase::is_erased(subject) {
        tr.t("erased-content")
    } else {
        subject.to_owned()
    }
}

/// A requester's or author's name as shown: "Erased" once erased.
pub fn person(tr: &Tr, name: &str) -> String {
    if name.is_empty() {
        tr.t("erased-person")
    } else {
        name.to_owned()
    }
}

/// "3 d" / "5 h" / "12 min" since `then`.
pub fn age(tr: &Tr, now: PrimitiveDateTime, then: PrimitiveDateTime) -> String {
    let (id, n) = super::age_parts((now - then).whole_minutes());
    tr.ta(id, &args([("n", n.into())]))
}

/// A state as the requester reads it ("waiting for your reply").
pub fn state_label(tr: &Tr, key: &str) -> String {
    tr.t(&format!("ticket-state-{key}"))
}

/// A state as staff read it: "waiting" is waiting for the customer.
pub fn staff_state_label(tr: &Tr, key: &str) -> String {
    if key == State::Waiting.key() {
        tr.t("staff-ticket-state-waiting")
    } else {
        state_label(tr, key)
    }
}

pub fn category_label(tr: &Tr, key: &str) -> String {
    tr.t(&format!("ticket-category-{key}"))
}

pub fn priority_label(tr: &Tr, key: &str) -> String {
    tr.t(&format!("ticket-priority-{key}"))
}

/// The options of a select: each key with its label, `selected` marked.
fn choices(
    keys: impl IntoIterator<Item = &'static str>,
    label: impl Fn(&str) -> String,
    selected: &str,
) -> Vec<Choice> {
    keys.into_iter()
        .map(|k| Choice {
            value: k,
            label: label(k),
            selected: k == selected,
        })
        .collect()
}

pub fn categories(tr: &Tr, selected: &str) -> Vec<Choice> {
    choices(
        Category::ALL.map(Category::key),
        |k| category_label(tr, k),
        selected,
    )
}

/// States as staff choose them (they read "waiting" as waiting for the customer).
pub fn states(tr: &Tr, selected: &str) -> Vec<Choice> {
    choices(
        State::ALL.map(State::key),
        |k| staff_state_label(tr, k),
        selected,
    )
}

pub fn priorities(tr: &Tr, selected: &str) -> Vec<Choice> {
    choices(
        Priority::ALL.map(Priority::key),
        |k| priority_label(tr, k),
        selected,
    )
}

/// A ticket in a list.
pub struct Row<'a> {
    pub number: &'a str,
    pub href: String,
    pub subject: &'a str,
    pub state: &'a str,
    pub state_label: &'a str,
    pub category: &'a str,
    pub priority: &'a str,
    pub priority_label: &'a str,
    pub requester: &'a str,
    pub org: &'a str,
    pub assignee: &'a str,
    pub age: String,
    pub since_customer: String,
    pub updated: String,
    /// The next response target on the staff side ("svar senast tis 14:00", "försenat 3 h").
    pub due: String,
    /// `due-ok`, `due-soon` or `due-late` for the queue's colour; empty without a target.
    pub due_class: &'static str,
    /// The requester's satisfaction answer (`good`, `bad`) and its label; empty without one.
    pub csat: &'static str,
    pub csat_label: &'a str,
}

/// The words a list repeats on every row, looked up once per page instead of once per row.
pub struct RowLabels {
    staff: bool,
    states: Vec<(&'static str, String)>,
    categories: Vec<(&'static str, String)>,
    priorities: Vec<(&'static str, String)>,
    /// Each age unit's text around the number.
    ages: Vec<(&'static str, String, String)>,
    /// What an erased ticket shows in place of its subject and requester.
    erased: (String, String),
}

impl RowLabels {
    /// `staff` reads states as the help desk does ("waiting for the customer").
    pub fn new(tr: &Tr, staff: bool) -> RowLabels {
        const MARK: &str = "\u{E000}";
        RowLabels {
            staff,
            states: State::ALL
                .into_iter()
                .map(|s| {
                    let label = if staff {
                        staff_state_label(tr, s.key())
                    } else {
                        state_label(tr, s.key())
                    };
                    (s.key(), label)
                })
                .collect(),
            categories: Category::ALL
                .into_iter()
                .map(|c| (c.key(), category_label(tr, c.key())))
                .collect(),
            priorities: Priority::ALL
                .into_iter()
                .map(|p| (p.key(), priority_label(tr, p.key())))
                .collect(),
            ages: ["ticket-age-minutes", "ticket-age-hours", "ticket-age-days"]
                .into_iter()
                .map(|id| {
                    let text = tr.ta(id, &args([("n", MARK.into())]));
                    let (a, b) = text.split_once(MARK).unwrap_or((&text, ""));
                    (id, a.to_owned(), b.to_owned())
                })
                .collect(),
            erased: (tr.t("erased-content"), tr.t("erased-person")),
        }
    }

    fn find<'a>(list: &'a [(&'static str, String)], key: &str) -> &'a str {
        list.iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn age(&self, now: PrimitiveDateTime, then: PrimitiveDateTime) -> String {
        let (id, n) = super::age_parts((now - then).whole_minutes());
        self.ages
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, a, b)| {
                // Pushed, not `format!`: a queue page makes a hundred of these.
                let mut s = String::with_capacity(a.len() + b.len() + 4);
                s.push_str(a);
                s.push_str(&n.to_string());
                s.push_str(b);
                s
            })
            .unwrap_or_default()
    }
}

impl<'a> Row<'a> {
    /// `assignee` is the assignee's name on the staff side, `None` on the requester's. The row
    /// borrows its text from `t` and `lb`: a queue page of 50 rows made 500 copies otherwise.
    pub fn new(
        tr: &Tr,
        lb: &'a RowLabels,
        t: &'a Summary,
        href: String,
        now: PrimitiveDateTime,
        assignee: Option<&'a str>,
    ) -> Row<'a> {
        Row {
            number: &t.number,
            href,
            subject: if super::erase::is_erased(&t.subject) {
                &lb.erased.0
            } else {
                &t.subject
            },
            state: &t.state,
            state_label: RowLabels::find(&lb.states, &t.state),
            category: RowLabels::find(&lb.categories, &t.category),
            priority: &t.priority,
            priority_label: RowLabels::find(&lb.priorities, &t.priority),
            requester: if t.requester_name.is_empty() {
                &lb.erased.1
            } else {
                &t.requester_name
            },
            org: &t.requester_org,
            assignee: assignee.unwrap_or_default(),
            age: lb.age(now, t.created_at),
            since_customer: lb.age(now, t.customer_at),
            // Only the requester's list shows the time; the queue shows ages.
            updated: if lb.staff {
                String::new()
            } else {
                format::datetime(tr.i18n(), tr.locale, t.updated_at)
            },
            due: String::new(),
            due_class: "",
            csat: "",
            csat_label: "",
        }
    }
}

/// The message ids of the queue's columns after its tick box, in the order of their cells in
/// `templates/staff/tickets.html`: its header and the narrow layout's names both come from here.
pub const QUEUE_COLUMNS: [&str; 11] = [
    "ticket-col-number",
    "ticket-col-subject",
    "ticket-col-requester",
    "ticket-category",
    "ticket-col-state",
    "ticket-col-priority",
    "ticket-col-assignee",
    "ticket-col-due",
    "ticket-col-age",
    "ticket-col-customer",
    "ticket-col-csat",
];

/// The stylesheet rules that put each queue cell's column name before it in the narrow layout,
/// where every ticket is a card, in both languages. In the stylesheet rather than in every cell
/// (as `data-label`): the names were a quarter of a queue page's HTML, some 13 kB of 55.
pub fn narrow_queue_css(i18n: &I18n) -> String {
    let mut css = String::from(
        "\n/* Made from the locales at start-up: tickets::views::narrow_queue_css. */\n",
    );
    css.push_str("@media (max-width: 50rem) {\n");
    for l in Locale::ALL {
        for (i, id) in QUEUE_COLUMNS.iter().enumerate() {
            // `nth-child` counts the tick box first.
            css.push_str(&format!(
                "  :lang({}) table.queue td:nth-child({})::before {{ content: \"{}: \"; }}\n",
                l.code(),
                i + 2,
                css_string(&i18n.text(l, id))
            ));
        }
    }
    css.push_str("}\n");
    css
}

/// `text` inside a CSS string in double quotes: quotes, backslashes and control characters as
/// escapes, so no message can end the string or the rule.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// What a ticket is about beyond its text: a linked order, validation request or FAQ article.
pub struct Related {
    pub label: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "tickets/list.html")]
pub struct ListTpl<'a> {
    pub l: Layout,
    pub rows: Vec<Row<'a>>,
    pub new_href: &'static str,
    pub faq_href: &'static str,
    /// The pages before and after this one, if any (50 tickets a page).
    pub pager: crate::web::queue::Pager,
    /// Set on a page past the last: the first page, to go back to.
    pub first: Option<String>,
}

/// The fields of a new ticket as typed, kept when the form comes back with errors.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewFields {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub article: String,
}

#[derive(Template)]
#[template(path = "tickets/new.html")]
pub struct NewTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub form: NewFields,
    pub categories: Vec<Choice>,
    /// Orders and validation requests the ticket may be about: (value, label, selected).
    pub links: Vec<(String, String, bool)>,
    pub article_title: Option<String>,
    pub max_files: usize,
    pub faq_href: &'static str,
}

#[derive(Template)]
#[template(path = "tickets/thread.html")]
pub struct ThreadTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub number: String,
    pub subject: String,
    pub state: String,
    pub state_label: String,
    pub category: String,
    pub opened: String,
    pub related: Vec<Related>,
    pub messages: Vec<MessageView>,
    /// Where the reply form posts; `None` when the ticket takes no replies (closed).
    pub action: Option<String>,
    pub message: String,
    /// Members may attach files; visitors write text only.
    pub files: bool,
    pub max_files: usize,
    pub back: Option<&'static str>,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ContactFields {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub started: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// The honeypot: hidden from people, filled in by robots.
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub article: String,
}

#[derive(Template)]
#[template(path = "tickets/contact.html")]
pub struct ContactTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub started: String,
    pub action: &'static str,
    pub form: ContactFields,
    pub categories: Vec<Choice>,
    pub article_title: Option<String>,
    pub faq_href: &'static str,
    /// A refusal of the whole form (too many tickets, too fast), in words.
    pub refusal: Option<String>,
    pub login_href: &'static str,
}

#[derive(Template)]
#[template(path = "tickets/contact_sent.html")]
pub struct SentTpl {
    pub l: Layout,
    pub number: Option<String>,
    pub faq_href: &'static str,
}

/// A `<time datetime>` value: `2026-11-29T00:05:45Z`. `PrimitiveDateTime`'s own display leaves
/// the hour unpadded (`0:05:45.0`), which HTML does not accept.
pub fn iso_datetime(t: time::PrimitiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        t.date(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod iso_tests {
    #[test]
    fn times_after_midnight_are_padded() {
        let t = time::Date::from_calendar_date(2026, time::Month::November, 29)
            .unwrap()
            .with_hms_nano(0, 5, 45, 123)
            .unwrap();
        assert_eq!(super::iso_datetime(t), "2026-11-29T00:05:45Z");
    }
}
