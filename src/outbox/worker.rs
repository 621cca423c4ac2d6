//! The background worker: claims due events, delivers them, records the outcome, and backs off
//! on failure. Several workers (in one process or in several instances) may run against one
//! database: claims are exclusive leases. On shutdown it finishes what it is sending and gives
//! back the leases of what it had not started.

use std::collections::BTreeMap;
use std::sync::Arc;

use time::Duration;
use tokio::sync::watch;

use super::health::{Dependency, Health};
use super::mail::{self, Mailer};
use super::webhook::Webhook;
use super::{CHANNEL_EMAIL, CHANNEL_PARTNER_EMAIL, CHANNEL_WEBHOOK, Event, Routing, State};
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{self, Pool};
use crate::error::AppError;
use crate::i18n::I18n;

pub use crate::config::DEFAULT_MAX_ATTEMPTS;

/// A periodic task the worker runs between deliveries. The features own their upkeep (closing
/// resolved tickets, renewal reminders, the search index); the outbox knows none of them, so
/// `crate::upkeep` lists them and hands them over with [`Worker::with_jobs`].
#[derive(Clone, Copy)]
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    pub run: fn(&mut db::DbConn, time::PrimitiveDateTime, &Settings) -> Result<usize, AppError>,
    /// Counted in [`Worker::housekeeping`]'s total: the job changes what people see (tickets
    /// closed, reminders queued), rather than tidying rows nobody reads.
    pub counted: bool,
    /// Also run as soon as the worker starts, not only `every` after it: a daily job would
    /// otherwise never run on a portal restarted more often than once a day.
    pub at_start: bool,
}

/// How often a failing (or not yet reached) channel is tried again for `/healthz`.
const PROBE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

#[derive(Clone, Debug)]
pub struct WorkerConfig {
    pub poll: std::time::Duration,
    pub lease: Duration,
    pub batch: i64,
    pub max_attempts: i32,
}

impl WorkerConfig {
    pub fn from_settings(s: &Settings) -> WorkerConfig {
        WorkerConfig {
            poll: std::time::Duration::from_millis(s.outbox_poll_ms),
            lease: Duration::seconds(s.outbox_lease_seconds),
            batch: 16,
            max_attempts: s.outbox_max_attempts,
        }
    }
}

pub struct Worker {
    pub id: String,
    pool: Pool,
    i18n: Arc<I18n>,
    settings: Arc<Settings>,
    clock: Clock,
    mailer: Mailer,
    webhook: Option<Webhook>,
    routing: Routing,
    config: WorkerConfig,
    health: Arc<Health>,
    jobs: Vec<Job>,
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub delivered: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Pass {
    pub fn total(&self) -> usize {
        self.delivered + self.failed + self.skipped
    }
}

impl Worker {
    pub fn new(
        pool: Pool,
        i18n: Arc<I18n>,
        settings: Arc<Settings>,
        clock: Clock,
        config: WorkerConfig,
    ) -> Result<Worker, mail::MailError> {
        let mailer = Mailer::from_settings(&settings)?;
        let webhook = settings.webhook_url.clone().map(|url| {
            Webhook::new(
                url,
                settings
                    .webhook_secret
                    .clone()
                    .unwrap_or_default()
                    .into_bytes(),
            )
        });
        let routing = Routing::from_settings(&settings);
        let health = Arc::new(Health::new(
            matches!(mailer, Mailer::Smtp(_)),
            webhook.is_some(),
        ));
        Ok(Worker {
            id: format!("w-{}", crate::random_hex(6)),
            pool,
            i18n,
            settings,
            clock,
            mailer,
            webhook,
            routing,
            config,
            health,
            jobs: vec![],
        })
    }

    /// The periodic jobs to run between deliveries.
    pub fn with_jobs(mut self, jobs: Vec<Job>) -> Worker {
        self.jobs = jobs;
        self
    }

    /// Reports SMTP and webhook status into `health` (the one `/healthz` reads) instead of a
    /// private one.
    pub fn with_health(mut self, health: Arc<Health>) -> Worker {
        for d in [Dependency::Smtp, Dependency::Webhook] {
            if self.health.get(d) != super::health::Status::NotConfigured {
                health.set_unknown(d);
            }
        }
        self.health = health;
        self
    }

    /// Tries each configured channel that is failing or not yet reached, without sending
    /// anything: an SMTP connection (EHLO, STARTTLS where asked, NOOP) and a TCP connection to
    /// the webhook's host. Bounded by a few seconds, so a black-holed host cannot stall delivery.
    pub async fn probe(&self) {
        let limit = std::time::Duration::from_secs(3);
        if self.health.needs_probe(Dependency::Smtp) {
            let ok = matches!(
                tokio::time::timeout(limit, self.mailer.test_connection()).await,
                Ok(Ok(()))
            );
            self.note(Dependency::Smtp, ok, "SMTP server");
        }
        if let Some(w) = &self.webhook
            && self.health.needs_probe(Dependency::Webhook)
        {
            let ok = matches!(tokio::time::timeout(limit, w.reachable()).await, Ok(Ok(())));
            self.note(Dependency::Webhook, ok, "partner webhook");
        }
    }

    /// Records a channel's outcome, logging only when the state changes.
    fn note(&self, d: Dependency, ok: bool, what: &str) {
        let before = self.health.get(d);
        self.health.set(d, ok);
        let after = self.health.get(d);
        if before != after {
            if ok {
                tracing::info!(dependency = what, "reachable");
            } else {
                tracing::warn!(
                    dependency = what,
                    "not reachable; events wait in the outbox"
                );
            }
        }
    }

    /// Claims one batch of due events and delivers them.
    pub async fn run_once(&self) -> Result<Pass, AppError> {
        let now = self.clock.now_utc_naive();
        let (id, lease, batch) = (self.id.clone(), self.config.lease, self.config.batch);
        let events = db::run(&self.pool, move |c| super::claim(c, &id, now, lease, batch)).await?;
        let outcomes = futures_util::future::join_all(events.iter().map(|e| self.deliver(e))).await;
        let mut pass = Pass::default();
        let now = self.clock.now_utc_naive();
        let max = self.config.max_attempts;
        let mut marks = Vec::with_capacity(events.len());
        for (event, outcome) in events.into_iter().zip(outcomes) {
            match &outcome {
                Outcome::Delivered => {
                    pass.delivered += 1;
                    tracing::debug!(id = %event.id, kind = %event.kind, channel = %event.channel, "outbox event delivered");
                }
                Outcome::Skipped(_) => pass.skipped += 1,
                Outcome::Failed(error) => {
                    pass.failed += 1;
                    tracing::warn!(id = %event.id, kind = %event.kind, channel = %event.channel, attempt = event.attempts + 1, error = %error, "outbox delivery failed");
                }
            }
            let retry_in = super::backoff(event.attempts + 1, jitter());
            marks.push((event, outcome, retry_in));
        }
        if marks.is_empty() {
            return Ok(pass);
        }
        // The whole batch's outcomes in one transaction: one commit instead of one per event.
        let dead = db::run(&self.pool, move |c| {
            db::write(c, |c| {
                let mut dead = 0;
                // Delivered and skipped events a statement for each kind, not one each.
                let delivered: Vec<&Event> = marks
                    .iter()
                    .filter(|(_, o, _)| matches!(o, Outcome::Delivered))
                    .map(|(e, _, _)| e)
                    .collect();
                super::mark_all_delivered(c, &delivered, now)?;
                let mut skipped: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for (event, outcome, _) in &marks {
                    if let Outcome::Skipped(why) = outcome {
                        skipped.entry(*why).or_default().push(&event.id);
                    }
                }
                for (why, ids) in skipped {
                    super::mark_all_skipped(c, &ids, why)?;
                }
                for (event, outcome, retry_in) in &marks {
                    match outcome {
                        Outcome::Delivered | Outcome::Skipped(_) => {}
                        Outcome::Failed(error) => {
                            let state = super::mark_failed(c, event, error, now, *retry_in, max)?;
                            if state == State::Dead {
                                dead += 1;
                            }
                        }
                    }
                }
                Ok::<_, AppError>(dead)
            })
        })
        .await?;
        if dead > 0 {
            tracing::error!(dead, "outbox events given up after {max} attempts");
        }
        Ok(pass)
    }

    async fn deliver(&self, event: &Event) -> Outcome {
        match event.channel.as_str() {
            CHANNEL_EMAIL | CHANNEL_PARTNER_EMAIL => {
                let reply_to = match event.channel.as_str() {
                    CHANNEL_EMAIL => self.routing.partner_email.as_deref(),
                    _ => None,
                };
                match mail::compose(&self.i18n, &self.settings, reply_to, event) {
                    Ok(message) => {
                        let sent = self.mailer.send(&event.id, message).await;
                        if let Mailer::Smtp(_) = self.mailer {
                            self.note(Dependency::Smtp, sent.is_ok(), "SMTP server");
                        }
                        match sent {
                            Ok(()) => Outcome::Delivered,
                            Err(e) => Outcome::Failed(e.to_string()),
                        }
                    }
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            CHANNEL_WEBHOOK => match &self.webhook {
                None => Outcome::Skipped("no DONERA_PARTNER_WEBHOOK_URL set"),
                Some(w) => {
                    let ts = self.clock.now().unix_timestamp();
                    let sent = w.send(event, ts).await;
                    self.note(Dependency::Webhook, sent.is_ok(), "partner webhook");
                    match sent {
                        Ok(()) => Outcome::Delivered,
                        Err(e) => Outcome::Failed(e),
                    }
                }
            },
            other => Outcome::Failed(format!("unknown channel {other}")),
        }
    }

    /// Runs one job now, logging what it did.
    async fn run_job(&self, job: Job) -> Result<usize, AppError> {
        let now = self.clock.now_utc_naive();
        let settings = self.settings.clone();
        let done = db::run(&self.pool, move |c| (job.run)(c, now, &settings)).await?;
        if done > 0 {
            tracing::info!(job = job.name, done, "upkeep");
        }
        Ok(done)
    }

    /// Runs every job once, now. Returns how much the counted jobs changed (see [`Job`]).
    pub async fn housekeeping(&self) -> Result<usize, AppError> {
        let mut total = 0;
        for job in self.jobs.clone() {
            let done = self.run_job(job).await?;
            if job.counted {
                total += done;
            }
        }
        Ok(total)
    }

    /// Runs until `stop` turns true: delivers while there is work, otherwise waits `poll`. What it
    /// has claimed when told to stop is delivered; leases it still holds are given back.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        tracing::info!(worker = %self.id, "outbox worker started");
        let mut last_run = first_last_runs(&self.jobs, self.clock.now());
        // Real time, not the app's clock: probing is about the network, not about rules.
        let mut last_probe: Option<std::time::Instant> = None;
        loop {
            if *stop.borrow() {
                break;
            }
            if last_probe.is_none_or(|t| t.elapsed() >= PROBE_EVERY) {
                last_probe = Some(std::time::Instant::now());
                self.probe().await;
            }
            let busy = match self.run_once().await {
                Ok(pass) => pass.total() > 0,
                Err(e) => {
                    tracing::warn!(error = %e, "outbox pass failed; retrying after the poll interval");
                    false
                }
            };
            for (job, last) in self.jobs.iter().zip(last_run.iter_mut()) {
                if self.clock.now() - *last >= job.every {
                    *last = self.clock.now();
                    if let Err(e) = self.run_job(*job).await {
                        tracing::warn!(job = job.name, error = %e, "upkeep failed; retrying later");
                    }
                }
            }
            if !busy {
                tokio::select! {
                    _ = tokio::time::sleep(self.config.poll) => {}
                    _ = stop.changed() => {}
                }
            }
        }
        let id = self.id.clone();
        match db::run(&self.pool, move |c| super::release(c, &id)).await {
            Ok(n) => tracing::info!(worker = %self.id, released = n, "outbox worker stopped"),
            Err(e) => tracing::warn!(error = %e, "outbox worker could not release its leases"),
        }
    }
}

/// When each job counts as last run at the worker's start: now, or a whole period ago for a job
/// that runs at start (so the first pass runs it).
fn first_last_runs(jobs: &[Job], started: time::OffsetDateTime) -> Vec<time::OffsetDateTime> {
    jobs.iter()
        .map(|j| {
            if j.at_start {
                started - j.every
            } else {
                started
            }
        })
        .collect()
}

enum Outcome {
    Delivered,
    Skipped(&'static str),
    Failed(String),
}

/// A number in [0, 1) for back-off jitter.
fn jitter() -> f64 {
    let mut b = [0u8; 4];
    let _ = getrandom::fill(&mut b);
    f64::from(u32::from_le_bytes(b)) / (f64::from(u32::MAX) + 1.0)
}

#[cfg(test)]
mod tests {
    use time::Duration;
    use time::macros::datetime;

    use super::{Job, first_last_runs};

    fn job(every: Duration, at_start: bool) -> Job {
        Job {
            name: "j",
            every,
            run: |_, _, _| Ok(0),
            counted: false,
            at_start,
        }
    }

    #[test]
    fn a_job_marked_at_start_is_due_at_once_and_the_others_a_period_later() {
        let t = datetime!(2026-12-03 08:00 UTC);
        let jobs = [
            job(Duration::hours(24), true),
            job(Duration::minutes(5), false),
        ];
        let last = first_last_runs(&jobs, t);
        assert!(t - last[0] >= jobs[0].every, "due now");
        assert!(t - last[1] < jobs[1].every, "not yet");
    }
}
