//! Thin handlers of the staff help desk: the queue, a ticket with its internal notes, answers,
//! state, priority and assignment, canned replies and merging. Every action is audited by the
//! service it calls.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::member::{attachments, limits, long_text, related};
use super::model::{self, Canned, Ticket};
use super::queue::{self, BadFilter, Filter};
use super::service::{self, Update};
use super::views::{self, MessageView, Related, Row, RowLabels};
use super::{MAX_BODY, Priority, State};
use crate::AppState;
use crate::accounts::auth::Staff;
use crate::accounts::model::{self as accounts, Organisation, User};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, args, format};
use crate::web::csrf;
use crate::web::form::Choice;
use crate::web::form::FormErrors;
use crate::web::page::{Ctx, private, redirect};
use crate::web::page::{Layout, Tr};
use crate::web::request::{client_ip, flash};
use crate::web::upload;

/// A filter choice whose value is owned (staff ids).
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "staff/tickets.html")]
pub struct QueueTpl<'a> {
    pub l: Layout,
    pub path: &'static str,
    pub rows: Vec<Row<'a>>,
    pub states: Vec<Opt>,
    pub categories: Vec<Opt>,
    pub assignees: Vec<Opt>,
    pub priorities: Vec<Opt>,
    pub sorts: Vec<Opt>,
    pub dues: Vec<Opt>,
    pub q: String,
    /// `text` when the search's words are looked for in the text although they name an
    /// organisation; kept through the filter form.
    pub scope: String,
    /// The organisations the search names (their staff page, their name), and the same queue
    /// with the other scope: the text when their tickets are listed, and back.
    pub named: Vec<(String, String)>,
    pub named_intro: String,
    pub other_scope: String,
    pub other_scope_label: String,
    pub pager: crate::web::queue::Pager,
    pub canned: &'static str,
    pub is_admin: bool,
    /// The bulk form above the table: what it posts to, its token, the queue's query string
    /// to return to, the changes it offers, and after a refusal why, with the ticks kept.
    pub bulk_action: &'static str,
    pub csrf: String,
    pub back: String,
    pub bulk_groups: Vec<OptGroup>,
    pub f: FormErrors,
    pub picked: Vec<String>,
    /// The columns' message ids after the tick box (`views::QUEUE_COLUMNS`).
    pub columns: &'static [&'static str],
}

impl QueueTpl<'_> {
    /// Whether the row of ticket `number` stays ticked (after a refused bulk change).
    pub fn is_picked(&self, number: &str) -> bool {
        self.picked.iter().any(|p| p == number)
    }
}

/// Choices under one heading of a select (`<optgroup>`).
pub struct OptGroup {
    pub label: String,
    pub opts: Vec<Opt>,
}

/// What the bulk form held when a change was refused: the message, the ticked tickets and the
/// chosen change.
pub struct BulkState {
    pub f: FormErrors,
    pub picked: Vec<String>,
    pub change: String,
}

impl BulkState {
    pub fn none() -> BulkState {
        BulkState {
            f: FormErrors::none(),
            picked: vec![],
            change: String::new(),
        }
    }
}

/// The bulk form's changes: assign (to me, to nobody, to each staff member), a state, a
/// priority. Values are read back by `bulk::parse_change`.
fn bulk_groups(tr: &Tr, staff: &[(String, String)], chosen: &str) -> Vec<OptGroup> {
    let opt = |value: String, label: String| Opt {
        selected: value == chosen,
        value,
        label,
    };
    let mut assign = vec![
        opt("assign:me".into(), tr.t("bulk-assign-me")),
        opt(
            "assign:none".into(),
            tr.t("staff-tickets-filter-unassigned"),
        ),
    ];
    assign.extend(
        staff
            .iter()
            .map(|(id, name)| opt(format!("assign:{id}"), name.clone())),
    );
    vec![
        OptGroup {
            label: tr.t("bulk-group-assign"),
            opts: assign,
        },
        OptGroup {
            label: tr.t("bulk-group-state"),
            opts: views::states(tr, "")
                .into_iter()
                .map(|c| opt(format!("state:{}", c.value), c.label))
                .collect(),
        },
        OptGroup {
            label: tr.t("bulk-group-priority"),
            opts: views::priorities(tr, "")
                .into_iter()
                .map(|c| opt(format!("priority:{}", c.value), c.label))
                .collect(),
        },
    ]
}

fn opts(first: (&str, String), rest: Vec<Choice>, current: &str) -> Vec<Opt> {
    let mut v = vec![Opt {
        value: first.0.to_owned(),
        label: first.1,
        selected: current == first.0,
    }];
    v.extend(rest.into_iter().map(|c| Opt {
        value: c.value.to_owned(),
        label: c.label,
        selected: c.value == current,
    }));
    v
}

pub async fn queue(cx: Ctx, staff: Staff, q: web::Query<Filter>) -> Result<HttpResponse, AppError> {
    queue_response(
        &cx,
        &staff,
        q.into_inner(),
        BulkState::none(),
        StatusCode::OK,
    )
    .await
}

/// The queue page with `filter`; `bulk` is the bulk form as it comes back after a refusal.
pub(super) async fn queue_response(
    cx: &Ctx,
    staff: &Staff,
    filter: Filter,
    bulk: BulkState,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let mut filter = filter;
    filter.q = filter.q.chars().take(200).collect();
    let me = staff.0.id.clone();
    let fq = filter.clone();
    let caches = state.caches.clone();
    let search = state.search.clone();
    let now = state.clock.now_utc_naive();
    let searching = !filter.q.trim().is_empty();
    let work = move |c: &mut db::DbConn| {
        let rows = queue::queue(c, &fq, &me, &search, now)?;
        let policy = caches.sla.get(|| super::sla::load(c))?;
        Ok((rows, caches.staff.get(|| accounts::staff_names(c))?, policy))
    };
    // A filtered page reads one page of rows by an index; a search may walk many tickets.
    let (rows, staff_list, policy) = if searching {
        db::run(&state.pool, work).await?
    } else {
        db::run_quick(&state.pool, work).await?
    };
    let page = match rows {
        Ok(page) => page,
        Err(
            BadFilter::State
            | BadFilter::Category
            | BadFilter::Priority
            | BadFilter::Sort
            | BadFilter::Due
            | BadFilter::Cursor
            | BadFilter::Scope,
        ) => {
            return Err(AppError::BadRequest);
        }
    };
    let l = cx.layout(Page::StaffTickets, "staff-tickets-title", Some(&staff.0))?;
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| staff_list.iter().find(|(uid, _)| uid == id))
            .map_or("", |(_, name)| name.as_str())
    };
    let lb = RowLabels::new(&l.tr, true);
    let ratings = super::csat::RatingLabels::new(&l.tr);
    let mut dues = super::sla::DueCells::new(&l.tr, &policy.calendar, now);
    let mut rows: Vec<Row> = page
        .rows
        .iter()
        .map(|t| {
            let mut row = Row::new(
                &l.tr,
                &lb,
                t,
                Page::StaffTicket.link(locale, &t.number),
                now,
                Some(name_of(&t.assignee_id)),
            );
            (row.due, row.due_class) = dues.cell(t.due_at, t.first_response_at);
            row
        })
        .collect();
    super::csat::fill_rows(
        &ratings,
        &mut rows,
        page.rows.iter().map(|t| t.rating.as_deref()),
    );
    let tr = &l.tr;
    let mut state_opts = opts(
        ("", tr.t("staff-tickets-filter-active")),
        views::states(tr, ""),
        &filter.state,
    );
    state_opts.push(Opt {
        value: "all".into(),
        label: tr.t("staff-tickets-filter-all"),
        selected: filter.state == "all",
    });
    let mut assignees = vec![
        Opt {
            value: String::new(),
            label: tr.t("staff-tickets-filter-anyone"),
            selected: filter.assignee.is_empty(),
        },
        Opt {
            value: "mine".into(),
            label: tr.t("staff-tickets-filter-mine"),
            selected: filter.assignee == "mine",
        },
        Opt {
            value: "unassigned".into(),
            label: tr.t("staff-tickets-filter-unassigned"),
            selected: filter.assignee == "unassigned",
        },
    ];
    assignees.extend(staff_list.iter().map(|(id, name)| Opt {
        value: id.clone(),
        label: name.clone(),
        selected: filter.assignee == *id,
    }));
    let dues = vec![
        Opt {
            value: String::new(),
            label: tr.t("staff-tickets-filter-any"),
            selected: filter.due.is_empty(),
        },
        Opt {
            value: "late".into(),
            label: tr.t("sla-filter-late"),
            selected: filter.due == "late",
        },
    ];
    let sorts = ["activity", "due", "oldest", "newest"]
        .into_iter()
        .map(|s| Opt {
            value: s.into(),
            label: tr.t(&format!("staff-tickets-sort-{s}")),
            selected: filter.sort == s || (filter.sort.is_empty() && s == "activity"),
        })
        .collect();
    let path = Page::StaffTickets.path(locale);
    let by_name = page.by_name;
    let named_count = crate::i18n::args([("count", (page.named.len() as i64).into())]);
    let link = |dir: &str, cursor: String| filter.link(path, Some((dir, &cursor)));
    let tpl = QueueTpl {
        categories: opts(
            ("", tr.t("staff-tickets-filter-any")),
            views::categories(tr, ""),
            &filter.category,
        ),
        priorities: opts(
            ("", tr.t("staff-tickets-filter-any")),
            views::priorities(tr, ""),
            &filter.priority,
        ),
        states: state_opts,
        assignees,
        sorts,
        dues,
        q: filter.q.clone(),
        scope: filter.scope.clone(),
        named_intro: tr.ta(
            if by_name {
                "staff-tickets-named"
            } else {
                "staff-tickets-named-text"
            },
            &named_count,
        ),
        other_scope_label: if by_name {
            tr.t("staff-tickets-named-search-text")
        } else {
            tr.ta("staff-tickets-named-list", &named_count)
        },
        other_scope: Filter {
            scope: if filter.scope.is_empty() {
                "text".into()
            } else {
                String::new()
            },
            after: String::new(),
            before: String::new(),
            ..filter.clone()
        }
        .link(path, None),
        named: page
            .named
            .iter()
            .map(|(id, name)| (Page::StaffOrganisation.link(locale, id), name.clone()))
            .collect(),
        pager: crate::web::queue::Pager {
            prev: page.prev.map(|c| link("before", c)),
            next: page.next.map(|c| link("after", c)),
        },
        rows,
        path,
        canned: Page::StaffCanned.path(locale),
        is_admin: staff.0.role() == accounts::Role::Admin,
        bulk_action: Page::StaffTicketsBulk.path(locale),
        csrf: cx.csrf()?,
        back: filter.query_here(),
        bulk_groups: bulk_groups(tr, &staff_list, &bulk.change),
        f: bulk.f,
        picked: bulk.picked,
        columns: &views::QUEUE_COLUMNS,
        l,
    };
    private(status, &tpl)
}

/// The organisation behind a member's ticket, with what staff need at hand.
pub struct OrgPanel {
    /// The organisation's own staff page.
    pub href: String,
    pub name: String,
    pub number: String,
    pub validated: bool,
    pub members: Vec<(String, String)>,
    pub orders: Vec<Related>,
    pub validations: Vec<Related>,
}

#[derive(Template)]
#[template(path = "staff/ticket.html")]
pub struct TicketTpl {
    pub l: Layout,
    pub f: FormErrors,
    pub csrf: String,
    pub number: String,
    pub subject: String,
    pub state: String,
    pub state_label: String,
    pub category: String,
    pub priority: String,
    pub priority_label: String,
    pub opened: String,
    pub age: String,
    pub since_customer: String,
    pub targets: Vec<super::sla::TargetView>,
    pub requester: String,
    pub requester_email: String,
    pub requester_kind: String,
    pub requester_org: String,
    pub org: Option<OrgPanel>,
    pub others: Vec<Related>,
    pub related: Vec<Related>,
    pub messages: Vec<MessageView>,
    pub merged_into: Option<Related>,
    /// Mail to the requester bounced: the warning.
    pub bouncing: Option<String>,
    /// The requester's satisfaction answer, if they gave one.
    pub csat: Option<super::csat::StaffView>,
    pub reply_action: String,
    pub update_action: String,
    pub merge_action: String,
    pub body: String,
    pub internal: bool,
    pub reply_states: Vec<Choice>,
    pub states: Vec<Choice>,
    pub priorities: Vec<Choice>,
    pub assignees: Vec<Opt>,
    pub canned: Vec<Opt>,
    pub merge_target: String,
    pub queue: &'static str,
    pub max_files: usize,
    /// The newest message id on screen, sent back with a reply (see `service::StaffMessage`).
    pub seen: String,
    /// A reply was refused because messages arrived since the page was opened: those, shown
    /// above the kept draft.
    pub collision: bool,
    pub fresh: Vec<MessageView>,
    /// The refused reply had attachments, which must be chosen again.
    pub had_files: bool,
    /// Who else has the ticket open, as a sentence; where the script polls for it, and the
    /// script's URL.
    pub presence: String,
    pub presence_href: String,
    pub presence_js: String,
}

/// What the reply form held, kept when it comes back (attachments must be chosen again).
#[derive(Default, Clone)]
pub struct ReplyForm {
    pub body: String,
    pub internal: String,
    pub state: String,
    pub canned: String,
    /// `send`, or `canned` to put the chosen canned reply into the text.
    pub action: String,
    /// The newest message id the agent saw, as posted.
    pub seen: String,
    /// Refused because newer messages exist (409): show them and offer to send anyway.
    pub collision: bool,
    pub had_files: bool,
}

async fn load(state: &AppState, number: String) -> Result<Ticket, AppError> {
    db::run_quick(&state.pool, move |c| model::by_number(c, &number))
        .await?
        .ok_or(AppError::NotFound)
}

struct Loaded {
    messages: Vec<(model::Message, Vec<model::Attachment>)>,
    staff: std::sync::Arc<Vec<(String, String)>>,
    canned: std::sync::Arc<Vec<Canned>>,
    /// The organisation with what the page shows of it, and whether it is validated today.
    org: Option<(Organisation, model::OrgOverview, bool)>,
    others: Vec<(String, String, String)>,
    merged_into: Option<Ticket>,
    sla: std::sync::Arc<super::sla::Policy>,
    csat: Option<super::csat::Answer>,
    /// The e-mails behind messages that came by mail, by message id.
    mailed: std::collections::HashMap<i64, model::Mailed>,
    /// The requester's address bounced (when, status), and no mail came from it since.
    bouncing: Option<(time::PrimitiveDateTime, String)>,
}

/// Everything the ticket page shows besides the ticket, its organisation and its thread (read
/// with the ticket where they can be), read in one go.
fn gather(
    c: &mut DbConn,
    thread: model::Thread,
    today: time::Date,
    caches: &super::Caches,
) -> Result<Loaded, AppError> {
    let model::Thread {
        ticket,
        org,
        answer,
        messages,
    } = thread;
    let tc = &ticket;
    let (org, others) = match &tc.organisation_id {
        Some(id) => {
            let mut overview = model::org_overview(c, id, &tc.id)?;
            let others = std::mem::take(&mut overview.others);
            let validated = crate::validation::approved_covers(
                overview
                    .requests
                    .iter()
                    .map(|r| (r.state.as_str(), r.valid_from, r.valid_to)),
                today,
            );
            (org.map(|o| (o, overview, validated)), others)
        }
        None => (None, vec![]),
    };
    let merged_into = match &tc.merged_into {
        Some(id) => model::by_id(c, id)?,
        None => None,
    };
    let ids: Vec<i64> = messages.iter().map(|(m, _)| m.id).collect();
    let (mailed, bouncing) = model::mail_of_thread(c, &ids, &tc.requester_email)?;
    Ok(Loaded {
        staff: caches.staff.get(|| accounts::staff_names(c))?,
        canned: caches.canned.get(|| model::canned_all(c))?,
        org,
        others,
        merged_into,
        sla: caches.sla.get(|| super::sla::load(c))?,
        csat: answer,
        mailed,
        bouncing,
        messages,
    })
}

/// The thread with, on each message that came by e-mail, its original and refused files.
fn with_mail(
    tr: &Tr,
    number: &str,
    mut messages: Vec<views::MessageView>,
    mailed: &std::collections::HashMap<i64, model::Mailed>,
) -> Vec<views::MessageView> {
    for m in &mut messages {
        if let Some(mail) = mailed.get(&m.id) {
            let original = mail
                .has_original
                .then(|| Page::StaffTicketMail.link_with(tr.locale, &[number, &m.id.to_string()]));
            m.mail = Some(views::MailView::new(tr, original, mail));
        }
    }
    messages
}

/// The original e-mail behind a message, as a download for staff.
pub async fn mail_original(
    state: web::Data<AppState>,
    _staff: Staff,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (number, message) = path.into_inner();
    let message: i64 = message.parse().map_err(|_| AppError::NotFound)?;
    let found = db::run(&state.pool, move |c| {
        let Some(t) = model::by_number(c, &number)? else {
            return Ok(None);
        };
        Ok(model::mail_original(c, &t.id, message)?.map(|raw| (t.number, raw)))
    })
    .await?;
    let (number, raw) = found.ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("message/rfc822")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{number}-{message}.eml\""),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(raw))
}

/// The ticket by number and the rest of its page, in one trip to the database: for the page
/// itself and for its return after a refused form.
async fn load_page(state: &AppState, number: String) -> Result<(Ticket, Loaded), AppError> {
    let today = state.clock.now_utc_naive().date();
    let caches = state.caches.clone();
    db::run_quick(&state.pool, move |c| {
        let thread = model::by_number_with_thread(c, &number)?.ok_or(AppError::NotFound)?;
        let t = thread.ticket.clone();
        let loaded = gather(c, thread, today, &caches)?;
        Ok((t, loaded))
    })
    .await
}

async fn ticket_page(
    cx: &Ctx,
    user: &User,
    t: &Ticket,
    f: FormErrors,
    form: ReplyForm,
    merge_target: String,
) -> Result<TicketTpl, AppError> {
    let (t, loaded) = load_page(&cx.state, t.number.clone()).await?;
    build_page(cx, user, &t, loaded, f, form, merge_target).await
}

async fn build_page(
    cx: &Ctx,
    user: &User,
    t: &Ticket,
    loaded: Loaded,
    f: FormErrors,
    form: ReplyForm,
    merge_target: String,
) -> Result<TicketTpl, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let mut l = cx.layout_at(
        Page::StaffTickets,
        "staff-ticket-title",
        Some(user),
        [
            Page::StaffTicket.link(Locale::Sv, &t.number),
            Page::StaffTicket.link(Locale::En, &t.number),
        ],
    )?;
    l.title = l.tr.ta(
        "ticket-title-number",
        &args([("number", t.number.clone().into())]),
    );
    let tr = &l.tr;
    let now = state.clock.now_utc_naive();
    let date = |d: time::Date| format::date(&state.i18n, locale, d);
    let org = loaded.org.map(|(o, overview, validated)| OrgPanel {
        members: overview.members,
        orders: overview
            .orders
            .iter()
            .map(|(id, at)| Related {
                label: tr.ta(
                    "ticket-link-order",
                    &args([
                        ("reference", crate::orders::model::reference(id).into()),
                        ("date", date(at.date()).into()),
                    ]),
                ),
                href: Some(Page::StaffOrder.link(locale, id)),
            })
            .collect(),
        validations: overview
            .requests
            .iter()
            .take(model::OVERVIEW_ITEMS as usize)
            .map(|r| Related {
                label: tr.ta(
                    "ticket-link-validation",
                    &args([("date", date(r.submitted_at.date()).into())]),
                ),
                href: Some(Page::StaffValidation.link(locale, &r.id)),
            })
            .collect(),
        validated,
        href: Page::StaffOrganisation.link(locale, &o.id),
        name: o.name,
        number: o.org_number,
    });
    let others = loaded
        .others
        .iter()
        .map(|(number, subject, state)| Related {
            label: format!(
                "{} · {} · {}",
                number,
                views::subject(tr, subject),
                views::staff_state_label(tr, state)
            ),
            href: Some(Page::StaffTicket.link(locale, number)),
        })
        .collect();
    let canned_opts = loaded
        .canned
        .iter()
        .map(|c| Opt {
            value: c.id.clone(),
            label: c.title(locale).to_owned(),
            selected: c.id == form.canned,
        })
        .collect();
    let mut assignees = vec![Opt {
        value: String::new(),
        label: tr.t("staff-tickets-filter-unassigned"),
        selected: t.assignee_id.is_none(),
    }];
    assignees.extend(loaded.staff.iter().map(|(id, name)| Opt {
        value: id.clone(),
        label: name.clone(),
        selected: t.assignee_id.as_deref() == Some(id.as_str()),
    }));
    let reply_state = if form.state.is_empty() {
        State::Waiting.key()
    } else {
        form.state.as_str()
    };
    let newest = loaded.messages.last().map_or(0, |(m, _)| m.id);
    let after: i64 = form.seen.trim().parse().unwrap_or(0);
    let fresh = if form.collision {
        let new: Vec<_> = loaded
            .messages
            .iter()
            .filter(|(m, _)| m.id > after)
            .cloned()
            .collect();
        with_mail(
            tr,
            &t.number,
            views::thread(tr, new, &|id| Page::StaffFile.link(locale, id)),
            &loaded.mailed,
        )
    } else {
        vec![]
    };
    // After a collision the draft goes out only once the agent has seen what arrived; any other
    // refused form keeps the id it was opened with, so the check still holds.
    let seen = if form.collision || form.seen.is_empty() {
        newest.to_string()
    } else {
        form.seen.clone()
    };
    // Opening (or getting back) the page counts as reading the ticket.
    let readers = state
        .caches
        .presence
        .visit(now, &t.number, &user.id, &user.name);
    let requester_kind = tr.t(if t.organisation_id.is_some() {
        "ticket-requester-member"
    } else {
        "ticket-requester-visitor"
    });
    Ok(TicketTpl {
        csrf: csrf::token(session)?,
        number: t.number.clone(),
        subject: views::subject(tr, &t.subject),
        state: t.state.clone(),
        state_label: views::staff_state_label(tr, &t.state),
        category: views::category_label(tr, &t.category),
        priority: t.priority.clone(),
        priority_label: views::priority_label(tr, &t.priority),
        opened: format::datetime(&state.i18n, locale, t.created_at),
        age: views::age(tr, now, t.created_at),
        since_customer: views::age(tr, now, t.customer_at),
        targets: super::sla::ticket_targets(tr, &loaded.sla, t, now),
        requester: views::person(tr, &t.requester_name),
        requester_email: t.requester_email.clone(),
        requester_kind,
        requester_org: t.requester_org.clone(),
        org,
        others,
        related: related(state, tr, t, true).await?,
        messages: with_mail(
            tr,
            &t.number,
            views::thread(tr, loaded.messages, &|id| Page::StaffFile.link(locale, id)),
            &loaded.mailed,
        ),
        bouncing: loaded.bouncing.map(|(at, status)| {
            tr.ta(
                "staff-ticket-bouncing",
                &args([
                    ("email", t.requester_email.clone().into()),
                    ("when", format::datetime(&state.i18n, locale, at).into()),
                    ("status", status.into()),
                ]),
            )
        }),
        merged_into: loaded.merged_into.map(|m| Related {
            label: m.number.clone(),
            href: Some(Page::StaffTicket.link(locale, &m.number)),
        }),
        csat: loaded.csat.as_ref().map(|a| super::csat::staff_view(tr, a)),
        reply_action: Page::StaffTicketReply.link(locale, &t.number),
        update_action: Page::StaffTicketUpdate.link(locale, &t.number),
        merge_action: Page::StaffTicketMerge.link(locale, &t.number),
        body: form.body.chars().take(MAX_BODY).collect(),
        internal: !form.internal.is_empty(),
        reply_states: views::states(tr, reply_state)
            .into_iter()
            .filter(|c| c.value != "new")
            .collect(),
        states: views::states(tr, &t.state),
        priorities: views::priorities(tr, &t.priority),
        assignees,
        canned: canned_opts,
        merge_target,
        queue: Page::StaffTickets.path(locale),
        max_files: super::MAX_FILES,
        seen,
        collision: form.collision,
        fresh,
        had_files: form.had_files,
        presence: super::presence::sentence(tr, &readers),
        presence_href: Page::StaffTicketPresence.link(locale, &t.number),
        presence_js: state.assets.url("presence.js"),
        f,
        l,
    })
}

/// The ticket page as a response: plain (200), or again after a refused form with what was
/// refused, why, and the input kept.
async fn respond(
    cx: &Ctx,
    user: &User,
    t: &Ticket,
    (f, form, target): (FormErrors, ReplyForm, String),
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let tpl = ticket_page(cx, user, t, f, form, target).await?;
    private(status, &tpl)
}

pub async fn show(
    cx: Ctx,
    staff: Staff,
    number: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    let (t, loaded) = load_page(state, number.into_inner()).await?;
    let tpl = build_page(
        &cx,
        &staff.0,
        &t,
        loaded,
        FormErrors::none(),
        ReplyForm::default(),
        String::new(),
    )
    .await?;
    private(StatusCode::OK, &tpl)
}

/// The reply form's text fields; the rest of the multipart body is attachments.
const REPLY_FIELDS: [&str; 7] = [
    "csrf", "body", "internal", "state", "canned", "action", "seen",
];

pub async fn reply(
    req: HttpRequest,
    cx: Ctx,
    staff: Staff,
    number: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let t = load(state, number.into_inner()).await?;
    let tr = Tr::new(state.i18n.clone(), locale);
    let parts = match upload::read(&req, payload, limits(), &REPLY_FIELDS, &["files"]).await {
        Ok(p) => p,
        Err(e) => {
            let f = FormErrors::one(&tr, "files", e.fluent_id());
            return respond(
                &cx,
                &staff.0,
                &t,
                (f, ReplyForm::default(), String::new()),
                e.status(),
            )
            .await;
        }
    };
    csrf::verify(session, parts.text("csrf"))?;
    let text = |name: &str| parts.text(name).to_owned();
    let mut form = ReplyForm {
        body: text("body"),
        internal: text("internal"),
        state: text("state"),
        canned: text("canned"),
        action: text("action"),
        seen: text("seen").chars().take(20).collect(),
        collision: false,
        had_files: false,
    };
    if form.action == "canned" {
        let id = form.canned.clone();
        let canned = db::run(&state.pool, move |c| model::canned(c, &id)).await?;
        let (f, status) = match canned {
            Some(c) => {
                // Written in the requester's language, whatever the page's.
                let text =
                    super::fill_placeholders(c.body(t.locale()), &t.requester_name, &t.number);
                form.body = if form.body.trim().is_empty() {
                    text
                } else {
                    format!("{}\n\n{text}", form.body.trim_end())
                };
                (FormErrors::none(), StatusCode::OK)
            }
            None => (
                FormErrors::one(&tr, "canned", "form-error-choice"),
                StatusCode::BAD_REQUEST,
            ),
        };
        return respond(&cx, &staff.0, &t, (f, form, String::new()), status).await;
    }
    let mut e = vec![];
    let body = long_text(&mut e, "body", &form.body, MAX_BODY);
    let internal = !form.internal.is_empty();
    let next = if form.state.is_empty() {
        None
    } else {
        match State::from_key(&form.state) {
            Some(s) if s != State::New => Some(s),
            _ => {
                crate::web::form::err(&mut e, "state", "form-error-choice");
                None
            }
        }
    };
    let mut f = FormErrors::from_ids(&tr, &e);
    let files_in = attachments(&tr, parts.files, &mut f);
    if !f.is_empty() {
        return respond(
            &cx,
            &staff.0,
            &t,
            (f, form, String::new()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let routing = state.routing.clone();
    let key = state.settings.secret_key.clone();
    let (u, id) = (staff.0.clone(), t.id.clone());
    // No field (an older page) checks nothing; an unreadable one counts every message as new.
    let seen = match form.seen.trim() {
        "" => None,
        s => Some(s.parse::<i64>().unwrap_or(0)),
    };
    let had_files = !files_in.is_empty();
    let sent = db::run(&state.pool, move |c| {
        let m = service::StaffMessage {
            ticket_id: &id,
            staff: &u,
            body: &body,
            internal,
            state: next,
            files: &files_in,
            seen,
        };
        service::staff_message(c, now, &routing, &m, &ip, &key)
    })
    .await;
    match sent {
        Ok(()) => {}
        Err(AppError::Conflict) => {
            form.collision = true;
            form.had_files = had_files;
            let f = FormErrors::none();
            return respond(
                &cx,
                &staff.0,
                &t,
                (f, form, String::new()),
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(e) => return Err(e),
    }
    flash(
        session,
        if internal {
            "staff-ticket-noted"
        } else {
            "staff-ticket-answered"
        },
    );
    Ok(redirect(&Page::StaffTicket.link(locale, &t.number)))
}

#[derive(serde::Deserialize, Default)]
pub struct UpdateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    assignee: String,
}

pub async fn update(
    req: HttpRequest,
    cx: Ctx,
    staff: Staff,
    number: web::Path<String>,
    form: web::Form<UpdateForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let t = load(state, number.into_inner()).await?;
    let mut e = vec![];
    let new_state = State::from_key(&form.state);
    let priority = Priority::from_key(&form.priority);
    if new_state.is_none() {
        crate::web::form::err(&mut e, "ticket_state", "form-error-choice");
    }
    if priority.is_none() {
        crate::web::form::err(&mut e, "priority", "form-error-choice");
    }
    let (Some(new_state), Some(priority), true) = (new_state, priority, e.is_empty()) else {
        let tr = Tr::new(state.i18n.clone(), locale);
        let f = FormErrors::from_ids(&tr, &e);
        return respond(
            &cx,
            &staff.0,
            &t,
            (f, ReplyForm::default(), String::new()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    let u = Update {
        state: new_state,
        priority,
        assignee: (!form.assignee.is_empty()).then(|| form.assignee.clone()),
    };
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let (user, id) = (staff.0.clone(), t.id.clone());
    let key = state.settings.secret_key.clone();
    let changed = db::run(&state.pool, move |c| {
        service::update(c, now, &id, &user, &u, &ip, &key)
    })
    .await?;
    flash(
        session,
        if changed {
            "staff-ticket-updated"
        } else {
            "staff-ticket-unchanged"
        },
    );
    Ok(redirect(&Page::StaffTicket.link(locale, &t.number)))
}

#[derive(serde::Deserialize, Default)]
pub struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    target: String,
}

pub async fn merge(
    req: HttpRequest,
    cx: Ctx,
    staff: Staff,
    number: web::Path<String>,
    form: web::Form<MergeForm>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    csrf::verify(session, &form.csrf)?;
    let t = load(state, number.into_inner()).await?;
    let target: String = form.target.trim().chars().take(40).collect();
    let ip = client_ip(&req);
    let now = state.clock.now_utc_naive();
    let (user, id, tg) = (staff.0.clone(), t.id.clone(), target.clone());
    let outcome = if target.is_empty() {
        Err(service::MergeError::TargetMissing)
    } else {
        db::run(&state.pool, move |c| {
            service::merge(c, now, &id, &tg, &user, &ip)
        })
        .await?
    };
    match outcome {
        Ok(into) => {
            flash(session, "staff-ticket-merged");
            Ok(redirect(&Page::StaffTicket.link(locale, &into)))
        }
        Err(e) => {
            let tr = Tr::new(state.i18n.clone(), locale);
            let f = FormErrors::one(&tr, "target", e.fluent_id());
            respond(
                &cx,
                &staff.0,
                &t,
                (f, ReplyForm::default(), target),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    }
}
