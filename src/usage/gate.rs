//! Usage checks run one at a time, on a thread of their own.
//!
//! Parsing a set of exports takes a CPU for up to a second and holds the parsed rows in memory.
//! On the blocking pool it would take a thread every database call needs (the pool has as many
//! threads as connections), so a few uploads at once stalled every page. Here a check waits for
//! the one permit (at most [`WAIT`]) and then runs on a new thread; the permit goes with the
//! thread, so a client that disconnects does not free it before the work is done. The permit is
//! per process, as the CPU and memory it protects are.

use std::time::Duration;

use tokio::sync::Semaphore;

/// Checks that may run at once in this process.
pub const PERMITS: usize = 1;

/// How long a check waits for its turn before the member is asked to try again.
pub const WAIT: Duration = Duration::from_secs(20);

static CHECKS: Semaphore = Semaphore::const_new(PERMITS);

/// Why a check did not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateError {
    /// Other checks held the permit for [`WAIT`].
    Busy,
    /// The thread could not be started or ended without an answer (a panic).
    Failed,
}

/// Runs `work` on its own thread once a permit is free.
pub async fn run<T, F>(work: F) -> Result<T, GateError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let permit = match tokio::time::timeout(WAIT, CHECKS.acquire()).await {
        Ok(Ok(p)) => p,
        Ok(Err(_)) => return Err(GateError::Failed),
        Err(_) => return Err(GateError::Busy),
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("usage-check".into())
        .spawn(move || {
            let _permit = permit;
            let _ = tx.send(work());
        })
        .map_err(|_| GateError::Failed)?;
    rx.await.map_err(|_| GateError::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_off_the_caller_and_returns_its_value() {
        let caller = std::thread::current().id();
        let (value, thread) = run(|| (21 * 2, std::thread::current().id())).await.unwrap();
        assert_eq!(value, 42);
        assert_ne!(thread, caller);
    }
}
