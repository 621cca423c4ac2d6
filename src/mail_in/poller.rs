//! The IMAP side of support by e-mail: a task beside the outbox worker that reads the support
//! mailbox (`DONERA_IMAP_URL`), stores each message with [`receive`](super::receive::receive)
//! and only then moves it to the done folder, waiting in IDLE while the mailbox is quiet.
//!
//! A message leaves the mailbox only after its transaction committed, and storing is keyed by
//! Message-ID, so a crash or a lost connection between the two makes the next pass fetch it
//! again and find it already stored: one message, never none and never two.

use std::time::Duration;

use tokio::sync::watch;

use super::receive::{self, Inbox, Source};
use crate::clock::Clock;
use crate::db::{self, Pool};
use crate::imap::{IdleOutcome, ImapSettings, Mailbox};

/// Messages fetched at once, and their most bytes together (a batch sits in memory whole; a
/// message over `imap::PART` is a batch of its own, in a temporary file). Fewer, larger batches matter to the
/// server: each one's MOVE rewrites the mailbox's index (Dovecot spent more CPU than the portal
/// with batches of 10).
const BATCH: usize = 200;
const BATCH_BYTES: u64 = 8 * 1024 * 1024;
/// How long one IDLE lasts before the mailbox is read anyway (servers drop idle clients after
/// 30 minutes; a read now and then also catches a change a server failed to announce).
const IDLE: Duration = Duration::from_secs(5 * 60);
/// The pause before connecting again after an error, doubling up to the longest.
const RETRY_FIRST: Duration = Duration::from_secs(2);
const RETRY_LONGEST: Duration = Duration::from_secs(300);

/// Reads the mailbox until `stop` turns true.
pub async fn run(
    imap: ImapSettings,
    inbox: Inbox,
    pool: Pool,
    clock: Clock,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(server = %imap.host, mailbox = %imap.mailbox, "mail-in: reading the support mailbox");
    let mut pause = RETRY_FIRST;
    let inbox = std::sync::Arc::new(inbox);
    while !*stop.borrow() {
        match session(&imap, &inbox, &pool, &clock, &mut stop).await {
            Ok(()) => break,
            Err(e) => {
                tracing::warn!(error = %e, retry_in = pause.as_secs(), "mail-in: the support mailbox failed");
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stop.changed() => {}
                }
                pause = (pause * 2).min(RETRY_LONGEST);
            }
        }
    }
    tracing::info!("mail-in: stopped");
}

#[derive(Debug, thiserror::Error)]
enum PollError {
    #[error(transparent)]
    Imap(#[from] crate::imap::ImapError),
    #[error("database: {0}")]
    Db(#[from] crate::error::AppError),
}

/// One connection's life: batches until the mailbox is empty, then IDLE, until an error or stop.
async fn session(
    imap: &ImapSettings,
    inbox: &std::sync::Arc<Inbox>,
    pool: &Pool,
    clock: &Clock,
    stop: &mut watch::Receiver<bool>,
) -> Result<(), PollError> {
    let mut mailbox = Mailbox::connect(imap).await?;
    loop {
        if *stop.borrow() {
            let _ = mailbox.logout().await;
            return Ok(());
        }
        let batch = mailbox.fetch_batch(BATCH, BATCH_BYTES).await?;
        // A short batch may be short by bytes: only an empty one means the mailbox is empty.
        let full = !batch.is_empty();
        let mut stored = Vec::with_capacity(batch.len());
        for message in batch {
            let uid = message.uid;
            let (inbox, now) = (inbox.clone(), clock.now_utc_naive());
            let outcome = db::run(pool, move |c| match &message.file {
                Some(file) => receive::receive_file(c, now, &inbox, file, Source::Imap),
                None => receive::receive(c, now, &inbox, &message.raw, Source::Imap),
            })
            .await?;
            tracing::info!(uid, outcome = outcome.key(), "mail-in");
            stored.push(uid);
        }
        if !stored.is_empty() {
            mailbox.done(&stored).await?;
        }
        if full {
            continue;
        }
        let idle = mailbox.idle(IDLE);
        tokio::select! {
            r = idle => {
                let (back, outcome) = r?;
                if outcome == IdleOutcome::TimedOut {
                    tracing::debug!("mail-in: mailbox quiet");
                }
                mailbox = back;
            }
            // Stopping: the IDLE is dropped with its connection; nothing is half done.
            _ = stop.changed() => return Ok(()),
        }
    }
}
