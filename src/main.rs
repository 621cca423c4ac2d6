//! The `donera` binary: settings, pool, migrations, server start. Nothing else.

use std::process::ExitCode;

use actix_web::{HttpServer, web};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use donera::clock::Clock;
use donera::config::{SecretSource, Settings};
use donera::i18n::I18n;
use donera::outbox::{self, worker::Worker, worker::WorkerConfig};
use donera::{AppState, db};

// glibc's malloc spent about a tenth of the portal's CPU under load (many threads, large page
// buffers freed while small ones are live: malloc_consolidate); mimalloc spends less. Built
// without transparent huge pages (Cargo.toml, `no_thp`): its arenas asked for them, and where
// the kernel grants them on request (THP "madvise", Debian's default) every first touch took
// 2 MiB: 26 MiB of memory at rest instead of 9, and a peak of 68 MiB under the scale benchmark
// instead of 48 (issue 24's limit is 64), at the same speed.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "donera", version, about = "The Donera portal")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the portal (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a staff account; the password is read from standard input (one line).
    CreateStaff {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "agent"])]
        role: String,
    },
    /// Run the active-usage check on exported report files and print the figures.
    CheckUsage {
        /// The CSV exports (the Active users report and, optionally, others of the same date).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// The number of donated licences, when it differs from the licensed users in the file.
        #[arg(long)]
        licenses: Option<u32>,
        /// A product of the export's "Assigned Products" column that is a grant (repeatable);
        /// without it the known grant names count (Business Basic, Business Premium, E1, E2).
        #[arg(long = "granted", value_name = "NAME")]
        granted: Vec<String>,
    },
    /// Fill the database with tickets and messages for the benchmark, and a staff account to
    /// read them with.
    SeedBench {
        #[arg(long, default_value_t = 10_000)]
        tickets: usize,
        #[arg(long, default_value_t = 50_000)]
        messages: usize,
        #[arg(long, default_value = "bench-staff@donera.invalid")]
        staff_email: String,
        #[arg(long, default_value = "bench-staff-password-1")]
        staff_password: String,
    },
    /// Check the settings and connect to the database, the SMTP server and the webhook (a signed
    /// `ping`, no mail sent); one line per dependency, status 1 at the first failure.
    CheckConfig,
    /// Copy the SQLite database to PATH (a new file) while the portal runs; PostgreSQL: use pg_dump.
    Backup { path: std::path::PathBuf },
    /// Show the outbox: events by state and the last errors; `outbox retry ID` re-queues one.
    Outbox {
        #[command(subcommand)]
        action: Option<OutboxAction>,
    },
    /// Store one e-mail read from standard input (an MTA's pipe transport) on its ticket, or open
    /// one; status 0 when stored (or already known), 75 (EX_TEMPFAIL, the MTA retries) when the
    /// database cannot be reached.
    MailIn,
    /// Remove what the retention settings no longer allow to keep (what the worker does daily);
    /// one line per kind with the count.
    Purge {
        /// Only count what would be removed; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum OutboxAction {
    /// Put a dead event back in the queue with a fresh set of attempts.
    Retry { id: String },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout with status 0, usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // A filter that does not parse would silently log at another level: refuse it like any
    // other bad setting.
    let filter = match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() => match EnvFilter::try_new(v.trim()) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("donera: invalid settings: RUST_LOG is not a valid log filter: {e}");
                return ExitCode::from(2);
            }
        },
        _ => EnvFilter::new("info"),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        // Colour codes only for a person at a terminal, not in journald or a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    // Checking files needs no settings or database.
    if let Some(Command::CheckUsage {
        files,
        licenses,
        granted,
    }) = &cli.command
    {
        return check_usage(files, *licenses, granted);
    }
    let (settings, secret) = match Settings::from_env(|k| std::env::var(k).ok()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("donera: invalid settings: {e}");
            return ExitCode::from(2);
        }
    };
    match secret {
        SecretSource::FileCreated => tracing::info!(
            path = %settings.data_dir.join("secret.key").display(),
            "DONERA_SECRET_KEY is not set: generated a new secret key and stored it (mode 0600)"
        ),
        SecretSource::FileExisting => tracing::info!(
            path = %settings.data_dir.join("secret.key").display(),
            "DONERA_SECRET_KEY is not set: using the stored secret key"
        ),
        SecretSource::Environment => {}
    }
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings),
        Command::Migrate => migrate(&settings),
        Command::Outbox { action } => outbox(&settings, action),
        Command::Purge { dry_run } => return purge(&settings, dry_run),
        Command::MailIn => return mail_in(&settings),
        Command::CheckConfig => {
            let ok = donera::ops::check_config(&settings, &Clock::System, &mut std::io::stdout());
            return if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        Command::Backup { path } => return backup(&settings, &path),
        Command::CreateStaff { email, name, role } => {
            return create_staff(&settings, &email, &name, &role);
        }
        Command::SeedBench {
            tickets,
            messages,
            staff_email,
            staff_password,
        } => seed_bench(&settings, tickets, messages, &staff_email, &staff_password),
        // Handled before the settings are read.
        Command::CheckUsage { .. } => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("donera: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    let ran = db::migrate(&mut conn)?;
    tracing::info!(ran, "migrations are up to date");
    Ok(())
}

fn seed_bench(
    settings: &Settings,
    tickets: usize,
    messages: usize,
    email: &str,
    pw: &str,
) -> anyhow::Result<()> {
    use donera::accounts::{model, password, service};
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    db::migrate(&mut conn)?;
    let now = Clock::System.now_utc_naive();
    let started = std::time::Instant::now();
    let staff_id = match model::user_by_email(&mut conn, email)? {
        Some(u) => u.id,
        None => {
            let hash = password::hash(pw)?;
            service::create_staff(
                &mut conn,
                now,
                email,
                "Bench Staff",
                // An agent: admins must enrol a second factor before any staff page opens.
                model::Role::Agent,
                &hash,
            )?
        }
    };
    let seeded = donera::tickets::seed::bench(&mut conn, now, tickets, messages, &staff_id)?;
    println!(
        "seeded tickets={} messages={} first={} staff={email} in {} ms",
        seeded.tickets,
        seeded.messages,
        seeded.first,
        started.elapsed().as_millis()
    );
    Ok(())
}

/// sysexits.h: a temporary failure; MTAs keep the message and try again.
const EX_TEMPFAIL: u8 = 75;
/// sysexits.h: the input was not usable (here: larger than any mail the portal takes).
const EX_DATAERR: u8 = 65;
/// The largest message read from the pipe: the upload limit's worth of files in base64 and
/// more, with room to spare; larger mail is refused rather than held in memory.
const MAX_PIPED_MAIL: u64 = 64 * 1024 * 1024;

fn mail_in(settings: &Settings) -> ExitCode {
    use std::io::Read;
    // Into a temporary file, not memory: a 25 MB message is read from it in parts.
    let spooled = tempfile::tempfile().and_then(|mut file| {
        let n = std::io::copy(
            &mut std::io::stdin().lock().take(MAX_PIPED_MAIL + 1),
            &mut file,
        )?;
        Ok((file, n))
    });
    let file = match spooled {
        Ok((_, n)) if n > MAX_PIPED_MAIL => {
            eprintln!("donera: the message is larger than {MAX_PIPED_MAIL} bytes");
            return ExitCode::from(EX_DATAERR);
        }
        Ok((file, _)) => file,
        Err(e) => {
            eprintln!("donera: cannot read the message: {e}");
            return ExitCode::from(EX_TEMPFAIL);
        }
    };
    let inbox = donera::mail_in::receive::Inbox::from_settings(settings);
    let stored = db::connect(&settings.database_url, 1)
        .map_err(anyhow::Error::from)
        .and_then(|pool| Ok(pool.get()?))
        .and_then(|mut conn| {
            let now = Clock::System.now_utc_naive();
            Ok(donera::mail_in::receive::receive_file(
                &mut conn,
                now,
                &inbox,
                &file,
                donera::mail_in::receive::Source::Pipe,
            )?)
        });
    match stored {
        Ok(outcome) => {
            tracing::info!(outcome = outcome.key(), "mail-in");
            println!("{}", outcome.key());
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Database trouble: the MTA keeps the message and tries again later.
            tracing::error!("mail-in: {e:#}");
            eprintln!("donera: {e:#}");
            ExitCode::from(EX_TEMPFAIL)
        }
    }
}

fn backup(settings: &Settings, path: &std::path::Path) -> ExitCode {
    match donera::ops::backup(&settings.database_url, path) {
        Ok(b) => {
            println!("backup written to {} ({} bytes)", b.path.display(), b.bytes);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("donera: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

fn check_usage(
    files: &[std::path::PathBuf],
    licenses: Option<u32>,
    granted: &[String],
) -> ExitCode {
    let granted = if granted.is_empty() {
        donera::usage::Granted::KnownGrants
    } else {
        donera::usage::Granted::Named(granted.to_vec())
    };
    let mut data = vec![];
    for f in files {
        match std::fs::read(f) {
            Ok(d) => data.push(d),
            Err(e) => {
                eprintln!("donera: cannot read {}: {e}", f.display());
                return ExitCode::from(2);
            }
        }
    }
    let started = std::time::Instant::now();
    let refs: Vec<&[u8]> = data.iter().map(Vec::as_slice).collect();
    match donera::usage::check_files_granted(&refs, licenses, &granted) {
        Ok(r) => {
            let o = r.overall;
            println!(
                "reference {} active {} licensed {} share {}% needed {} passes {} inactive {} elapsed_ms {}",
                r.reference_date,
                o.active,
                o.licensed,
                o.share_text(),
                o.needed,
                o.passes,
                r.inactive.len(),
                started.elapsed().as_millis()
            );
            for p in &r.products {
                let f = p.figures;
                println!(
                    "grant {:?} active {} licensed {} share {}% needed {} passes {}",
                    p.product,
                    f.active,
                    f.licensed,
                    f.share_text(),
                    f.needed,
                    f.passes
                );
            }
            for a in r.assigned.iter().filter(|a| !a.granted) {
                println!("not counted {:?} users {}", a.product, a.users);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("donera: {e}");
            ExitCode::from(1)
        }
    }
}

fn create_staff(settings: &Settings, email: &str, name: &str, role: &str) -> ExitCode {
    use donera::accounts::{model::Role, password, service};
    let mut errors = vec![];
    let email = donera::web::form::email(&mut errors, "email", email);
    let name = name.trim();
    if !errors.is_empty() || name.is_empty() || name.chars().count() > 200 {
        eprintln!("donera: give a valid --email and a --name of 1 to 200 characters");
        return ExitCode::from(2);
    }
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        eprintln!("donera: could not read the password from standard input");
        return ExitCode::from(2);
    }
    let pw = line.trim_end_matches(['\r', '\n']);
    if let Err(p) = password::check(pw, &email, None) {
        eprintln!(
            "donera: the password is not acceptable ({p:?}): at least 10 characters, not a common one"
        );
        return ExitCode::from(2);
    }
    let role = if role == "admin" {
        Role::Admin
    } else {
        Role::Agent
    };
    let result = (|| -> anyhow::Result<String> {
        let hash = password::hash(pw)?;
        let pool = db::connect(&settings.database_url, 1)?;
        let mut conn = pool.get()?;
        let now = Clock::System.now_utc_naive();
        Ok(service::create_staff(
            &mut conn, now, &email, name, role, &hash,
        )?)
    })();
    match result {
        Ok(id) => {
            println!("created {} {email} ({id})", role.key());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("donera: could not create the staff account: {e}");
            ExitCode::FAILURE
        }
    }
}

fn outbox(settings: &Settings, action: Option<OutboxAction>) -> anyhow::Result<()> {
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    match action {
        Some(OutboxAction::Retry { id }) => {
            let now = Clock::System.now_utc_naive();
            if outbox::retry(&mut conn, &id, now)? {
                println!("re-queued {id}");
                Ok(())
            } else {
                anyhow::bail!(
                    "no dead or skipped event with id {id} that can be sent again (an e-mail \
                     whose recipient the retention purge removed cannot)"
                )
            }
        }
        None => {
            println!("{:<10} {:>8}", "state", "events");
            let counts = outbox::counts(&mut conn)?;
            for state in outbox::State::ALL {
                let n = counts
                    .iter()
                    .find(|(s, _)| s == state.key())
                    .map_or(0, |(_, n)| *n);
                println!("{:<10} {:>8}", state.key(), n);
            }
            let errors = outbox::recent_errors(&mut conn, 10)?;
            if !errors.is_empty() {
                println!("\nlast errors:");
                for e in errors {
                    println!(
                        "{}  {:<9} {:<24} {:<13} attempts {:>2}  {}",
                        e.id,
                        e.state,
                        e.kind,
                        e.channel,
                        e.attempts,
                        e.last_error.unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
    }
}

fn purge(settings: &Settings, dry_run: bool) -> ExitCode {
    let mut conn = match db::connect(&settings.database_url, 1)
        .map_err(anyhow::Error::from)
        .and_then(|pool| Ok(pool.get()?))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("donera: cannot open the database: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let now = Clock::System.now_utc_naive();
    match donera::privacy::purge::run(&mut conn, now, &settings.retention, dry_run) {
        Ok(report) => {
            let verb = if dry_run { "would remove" } else { "removed" };
            for (kind, n) in &report.counts {
                println!("{:<22} {verb} {n}", kind.key());
            }
            if !dry_run {
                tracing::info!(removed = %report, "privacy purge");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("donera: the purge failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    log_settings(&settings);
    let pool = db::connect(&settings.database_url, settings.db_pool_size)?;
    let i18n = I18n::load(false)?;
    let listen = settings.listen.clone();
    let workers = settings.workers;
    let background = db::background(&settings.database_url)?;
    let blocking = settings.blocking_threads();
    let base_url = settings.base_url.clone();
    let state = web::Data::new(
        AppState::new(settings, pool, i18n, Clock::System)
            .map_err(|e| anyhow::anyhow!("cannot render the start pages: {e}"))?,
    );
    actix_web::rt::System::new().block_on(async move {
        // Built inside the runtime: lettre's SMTP pool starts a Tokio task when it is created.
        let worker = Worker::new(
            background.clone(),
            state.i18n.clone(),
            state.settings.clone(),
            state.clock.clone(),
            WorkerConfig::from_settings(&state.settings),
        )
        .map_err(|e| std::io::Error::other(format!("DONERA_SMTP_URL: {e}")))?
        .with_health(state.health.clone())
        .with_jobs(donera::upkeep::jobs());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mail_in = state.settings.imap.clone().map(|imap| {
            actix_web::rt::spawn(donera::mail_in::poller::run(
                imap,
                donera::mail_in::receive::Inbox::from_settings(&state.settings),
                background.clone(),
                state.clock.clone(),
                stopped.clone(),
            ))
        });
        let worker = actix_web::rt::spawn(worker.run(stopped));
        let server = HttpServer::new(move || donera::app(state.clone()))
            .workers(workers)
            // A thread per pooled connection and per hashing permit: more would only queue on
            // the pool.
            .worker_max_blocking_threads(blocking)
            .shutdown_timeout(20)
            .bind(&listen)?;
        // The bound address, which differs from the setting when it asks for port 0.
        let bound = server
            .addrs()
            .first()
            .map_or_else(|| listen.clone(), ToString::to_string);
        // Without DONERA_BASE_URL the address is the listening one, port 0 resolved.
        let shown = if base_url == format!("http://{listen}") {
            format!("http://{bound}")
        } else {
            base_url
        };
        println!("Donera is running at {shown}/ (listening on {bound})");
        tracing::info!(listen = %bound, workers, "server started");
        let result = server.run().await;
        // The server has stopped taking requests (SIGTERM or SIGINT): let the outbox worker
        // finish what it is sending and give back what it holds.
        let _ = stop.send(true);
        if tokio::time::timeout(std::time::Duration::from_secs(15), worker)
            .await
            .is_err()
        {
            tracing::warn!("outbox worker did not stop within 15 s");
        }
        if let Some(mail_in) = mail_in
            && tokio::time::timeout(std::time::Duration::from_secs(5), mail_in)
                .await
                .is_err()
        {
            tracing::warn!("mail-in did not stop within 5 s");
        }
        result
    })?;
    tracing::info!("server stopped");
    Ok(())
}

/// One line with every setting in effect (secrets as `set`/`unset`), so an operator and the
/// start-up tests can see what the portal runs with.
fn log_settings(s: &Settings) {
    let set = |o: bool| if o { "set" } else { "unset" };
    tracing::info!(
        database = %redacted(&s.database_url),
        listen = %s.listen,
        base_url = %s.base_url,
        program_name = %s.program_name,
        partner_name = s.partner_name.as_deref().unwrap_or(""),
        partner_url = s.partner_url.as_deref().unwrap_or(""),
        data_dir = %s.data_dir.display(),
        workers = s.workers,
        db_pool_size = s.db_pool_size,
        smtp = %s.smtp_url.as_deref().map_or_else(|| "unset".to_owned(), redacted),
        smtp_ca_file = set(s.smtp_ca_pem.is_some()),
        mail_from = %s.mail_from,
        partner_email = s.partner_email.as_deref().unwrap_or(""),
        support_email = s.support_email.as_deref().unwrap_or(""),
        imap = %s.imap.as_ref().map_or_else(
            || "unset".to_owned(),
            |i| format!("{}@{}:{}/{} done={} oauth2={}", i.user, i.host, i.port, i.mailbox, i.done_folder, set(i.oauth2.is_some()))
        ),
        imap_ca_file = set(s.imap.as_ref().is_some_and(|i| i.ca_pem.is_some())),
        webhook = s.webhook_url.as_deref().unwrap_or(""),
        webhook_secret = set(s.webhook_secret.is_some()),
        metrics_token = set(s.metrics_token.is_some()),
        max_upload_bytes = s.max_upload_bytes,
        validation_months = s.validation_months,
        outbox_max_attempts = s.outbox_max_attempts,
        outbox_poll_ms = s.outbox_poll_ms,
        outbox_lease_seconds = s.outbox_lease_seconds,
        ticket_auto_close_days = s.ticket_auto_close_days,
        contact_min_fill_seconds = s.contact_min_fill_seconds,
        contact_ip_limit_per_hour = s.contact_ip_limit,
        register_ip_limit_per_hour = s.register_ip_limit,
        contact_email_limit_per_hour = s.contact_email_limit,
        staff_2fa = s.staff_2fa.key(),
        body_timeout_seconds = s.body_timeout_seconds,
        org_storage_quota_bytes = s.org_storage_quota_bytes,
        upload_bytes_per_hour = s.upload_bytes_per_hour,
        controller_name = %s.controller_name,
        controller_email = s.controller_email.as_deref().unwrap_or(""),
        retain_ticket_months = s.retention.ticket_months,
        retain_rejected_certificate_months = s.retention.rejected_certificate_months,
        retain_approved_certificate_months = s.retention.approved_certificate_months,
        retain_visitor_link_days = s.retention.visitor_link_days,
        retain_outbox_days = s.retention.outbox_days,
        retain_audit_ip_months = s.retention.audit_ip_months,
        retain_order_years = s.retention.order_years,
        trusted_proxies = %s
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(","),
        "settings"
    );
}

/// A URL with its password replaced, for the log.
fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}
