//! The database: one code path for SQLite and PostgreSQL.
//!
//! Owns the connection type, the pool, backend detection from the URL, the embedded migrations and
//! the transaction helpers. Domain modules write their queries against [`DbConn`] and never match on
//! the backend themselves: the few places that must differ live here.

pub mod schema;
pub mod sig;

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, QueryResult, RunQueryDsl, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::AppError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to either backend. Queries are written once against this type.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Which database a URL points at, decided by its scheme alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// A file path (the `sqlite://` prefix removed).
    Sqlite(String),
    /// The URL as given to libpq.
    Postgres(String),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UrlError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got scheme {0:?})")]
    UnknownScheme(String),
    #[error("DATABASE_URL names no SQLite file")]
    EmptySqlitePath,
}

impl Backend {
    /// Picks the backend from the URL scheme. SQLite would accept almost any string as a file name,
    /// so anything that is not clearly one of the two is refused instead of guessed.
    pub fn from_url(url: &str) -> Result<Backend, UrlError> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(UrlError::EmptySqlitePath);
            }
            return Ok(Backend::Sqlite(path.to_owned()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Backend::Postgres(url.to_owned()));
        }
        let scheme = url.split("://").next().unwrap_or_default();
        Err(UrlError::UnknownScheme(scheme.chars().take(20).collect()))
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Backend::Sqlite(_))
    }
}

/// r2d2 manager that opens the backend chosen from the URL, instead of the derived `establish()`
/// that tries every variant and hides the real error.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    /// SQLite's page cache of each connection, in KiB.
    cache_kib: u32,
}

/// The page cache of a pages' connection (SQLite). A search that walks thousands of tickets
/// reads some 3 MB of index; with 1 MB it read them from the kernel again on every request (a
/// quarter of its time). A search of two common words at 1,000,000 tickets, on one core:
/// 570-610 requests/s with 1 MB, 770-935 with 4 MB, 850-1,040 with 8 MB; but 8 MB took the
/// portal's peak RSS under the scale benchmark to 62 of its 64 MiB. The pool has a connection
/// per core (see `Settings::db_pool_size`), so this is 4 MB a core.
const PAGE_CACHE_KIB: u32 = 4096;

/// The page cache of a background connection (SQLite): its jobs are not waited for.
const BACKGROUND_CACHE_KIB: u32 = 1024;

impl Manager {
    pub fn new(backend: Backend) -> Manager {
        Manager {
            backend,
            cache_kib: PAGE_CACHE_KIB,
        }
    }

    fn open(&self) -> Result<DbConn, diesel::ConnectionError> {
        match &self.backend {
            Backend::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // busy_timeout must come before journal_mode=WAL: switching to WAL takes a lock.
                // A bounded page cache (see PAGE_CACHE_KIB) and no memory-mapped reads: mapped
                // pages count in the portal's RSS (376 MiB at 200,000 tickets with 256 MB mapped
                // and 16 MB caches, 63.5 MiB with 1 MB caches and nothing mapped; issue 24's
                // scale benchmark). Checkpoints every 16 MB of log instead of 4 MB write pages
                // that busy periods change again and again only once.
                conn.batch_execute(&format!(
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA foreign_keys = ON;
                     PRAGMA cache_size = -{};
                     PRAGMA mmap_size = 0;
                     PRAGMA wal_autocheckpoint = 4000;",
                    self.cache_kib
                ))
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                // Before any statement that names them, migrations included (000040).
                sig::register(&mut conn)
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConn::Sqlite(conn))
            }
            Backend::Postgres(url) => {
                let mut conn = PgConnection::establish(url)?;
                // No parallel workers for the portal's statements: they read a page of rows, and
                // starting a worker costs more than that. At 1,000,000 tickets the planner sent a
                // search for an e-mail address (five tickets through the GIN index, 0.2 ms) to a
                // parallel plan that took 5.7 to 17.6 ms, most of it starting the worker; and
                // under load the cores are busy with other requests anyway.
                conn.batch_execute("SET max_parallel_workers_per_gather = 0")
                    .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConn::Pg(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        self.open().map_err(r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        match conn {
            DbConn::Sqlite(c) => c.is_broken(),
            DbConn::Pg(c) => c.is_broken(),
        }
    }
}

/// Errors from setting up the database, shown to the operator at start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(transparent)]
    Url(#[from] UrlError),
    #[error("cannot create the folder for the SQLite file {0}: {1}")]
    Folder(String, std::io::Error),
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("cannot build the connection pool: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("migrations failed: {0}")]
    Migrate(String),
}

/// Connects once directly (so a wrong password or path shows its real error), runs the pending
/// migrations, then builds the pool.
pub fn connect(url: &str, pool_size: u32) -> Result<Pool, SetupError> {
    let mut first = open(url)?;
    migrate(&mut first)?;
    drop(first);
    pool(url, pool_size, PAGE_CACHE_KIB)
}

/// The connections of the background work (the outbox worker with its periodic jobs, the IMAP
/// poller), apart from the pages' pool: a job that runs long (an index flush, the purge) holds
/// one of these, never a page's. Opened on a database [`connect`] has migrated.
pub fn background(url: &str) -> Result<Pool, SetupError> {
    pool(url, 2, BACKGROUND_CACHE_KIB)
}

fn pool(url: &str, size: u32, cache_kib: u32) -> Result<Pool, SetupError> {
    let manager = Manager {
        backend: Backend::from_url(url)?,
        cache_kib,
    };
    Ok(r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(5))
        .test_on_check_out(false)
        .build(manager)?)
}

/// One direct connection, without migrating: for commands that must not change the database
/// (`check-config`, `backup`). Creates the SQLite file's folder like [`connect`] does.
pub fn open(url: &str) -> Result<DbConn, SetupError> {
    let backend = Backend::from_url(url)?;
    if let Backend::Sqlite(path) = &backend
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| SetupError::Folder(path.clone(), e))?;
    }
    Ok(Manager::new(backend).open()?)
}

/// How many embedded migrations the database has not had yet.
pub fn pending_migrations(conn: &mut DbConn) -> Result<usize, SetupError> {
    let pending = match conn {
        DbConn::Sqlite(c) => c.pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConn::Pg(c) => c.pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.len()),
    };
    pending.map_err(|e| SetupError::Migrate(e.to_string()))
}

/// Applies the embedded migrations of the connection's backend; returns how many ran.
pub fn migrate(conn: &mut DbConn) -> Result<usize, SetupError> {
    let ran = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
        DbConn::Pg(c) => {
            // Serialise concurrent migrators (several instances, parallel tests) on one database.
            c.batch_execute("SELECT pg_advisory_lock(727274)")
                .map_err(|e| SetupError::Migrate(e.to_string()))?;
            let ran = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.len());
            c.batch_execute("SELECT pg_advisory_unlock(727274)")
                .map_err(|e| SetupError::Migrate(e.to_string()))?;
            ran
        }
    };
    ran.map_err(|e| SetupError::Migrate(e.to_string()))
}

/// Brings SQLite's planner statistics up to date where they are missing or stale (`PRAGMA
/// optimize`, which analyses only such tables, reading at most a sample of each index); nothing
/// on PostgreSQL, whose autovacuum keeps them. Returns 0: it changes nothing anyone sees.
pub fn refresh_statistics(conn: &mut DbConn) -> Result<usize, crate::error::AppError> {
    if let DbConn::Sqlite(c) = conn {
        c.batch_execute("PRAGMA analysis_limit = 2000; PRAGMA optimize = 0x10002;")?;
    }
    Ok(0)
}

/// Runs `f` in a transaction that may write. On SQLite it begins as IMMEDIATE: a deferred
/// transaction that reads and then writes fails at once with "database is locked" when another
/// connection committed in between, whatever the busy timeout.
pub fn write<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    let result = f(conn);
    let end = match (&result, &mut *conn) {
        (Ok(_), DbConn::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConn::Pg(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConn::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConn::Pg(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (result, end) {
        (Ok(v), Ok(())) => Ok(v),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e), _) => Err(e),
    }
}

/// True inside a transaction (so the outbox can refuse to write outside one).
pub fn in_transaction(conn: &mut DbConn) -> bool {
    let depth = match conn {
        DbConn::Sqlite(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()
        }
        DbConn::Pg(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth()
        }
    };
    matches!(depth, Ok(Some(_)))
}

/// Serialises writers of the same logical record inside a [`write`] transaction, for checks that
/// count rows and then insert (rate limits, quotas). SQLite's IMMEDIATE transaction already holds
/// the only write lock; PostgreSQL's READ COMMITTED does not, so take an advisory lock on `key`
/// that lasts until the transaction ends.
pub fn lock_key(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(_) => Ok(()),
        // Written with diesel's own functions, not as `sql_query`, so the statement stays
        // prepared: an unprepared one is parsed and planned each time and costs a second round
        // trip, twice for each ticket the contact form opens.
        DbConn::Pg(c) => diesel::select(advisory::pg_advisory_xact_lock(advisory::hashtext(key)))
            .execute(c)
            .map(|_| ()),
    }
}

/// PostgreSQL's advisory locks, for [`lock_key`].
mod advisory {
    diesel::define_sql_function! {
        /// PostgreSQL's hash of a text, the lock's key.
        fn hashtext(key: diesel::sql_types::Text) -> diesel::sql_types::Integer;
    }

    diesel::define_sql_function! {
        /// Takes a lock until the transaction ends. PostgreSQL's result is `void`: the
        /// statement is only executed, its row never read, so the type named here is never
        /// decoded.
        fn pg_advisory_xact_lock(key: diesel::sql_types::Integer) -> diesel::sql_types::Integer;
    }
}

/// Runs blocking database work on the blocking thread pool, off the async workers.
pub async fn run<T, F>(pool: &Pool, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool
            .get()
            .map_err(|e| AppError::Unavailable(e.to_string()))?;
        f(&mut conn)
    })
    .await
    .map_err(|e| AppError::Internal(format!("blocking task failed: {e}")))?
}

/// [`run`] for a short, bounded read (a row by its key, a page of rows under a written-in
/// limit): on SQLite it runs at once on the calling worker when a connection is free, and only
/// otherwise goes to the blocking threads. SQLite reads are work on this machine's own processor,
/// not waiting, so handing them to another thread only adds two thread switches and a second
/// queue: at 1,000,000 tickets on one core the queue's first page made 2,630 requests/s with a
/// p99 of 8.6-14.5 ms that way, and 2,980 requests/s with a p99 of 6.6-8.0 ms run here (wrk, 16
/// connections, five runs each in turns). PostgreSQL's statements wait for its server, so they
/// always go to the blocking threads, where the worker renders other pages meanwhile (the same
/// page run on the worker made 1,360 requests/s against 2,150). Never for a search that may walk
/// many rows or for writes, which can wait for SQLite's lock: the worker serves every
/// connection it holds and would stall them all.
pub async fn run_quick<T, F>(pool: &Pool, f: F) -> Result<T, AppError>
where
    F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    let free = pool.try_get();
    if let Some(mut conn) = free.filter(|c| matches!(**c, DbConn::Sqlite(_))) {
        // As on the blocking threads, a panic becomes an error page, not a lost worker.
        return std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut conn)))
            .unwrap_or_else(|_| Err(AppError::Internal("database work panicked".into())));
    }
    // Busy, or PostgreSQL, whose connection `filter` has given back to the pool by now.
    run(pool, f).await
}

/// Paged lists fetch one row past the page to know whether another page follows: the offset
/// of 1-based `page`, and the rows cut back to `size` with that answer.
pub fn page_offset(page: i64, size: i64) -> i64 {
    (page.max(1) - 1) * size
}

pub fn split_page<T>(mut rows: Vec<T>, size: i64) -> (Vec<T>, bool) {
    let more = rows.len() as i64 > size;
    rows.truncate(size as usize);
    (rows, more)
}

/// Runs the same diesel code on the backend's own connection. For upserts and `RETURNING`, which
/// diesel's multi-backend connection does not offer, and for the busiest pages' queries: the
/// multi-backend connection writes out a statement's whole SQL text every time it runs, even when
/// the statement is already prepared, and on those pages that cost more than the reading itself.
/// The body is compiled once per backend.
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $body,
            $crate::db::DbConn::Pg($c) => $body,
        }
    };
}
pub(crate) use on_backend;

/// `query LIMIT N` with `N` written into the statement instead of bound. PostgreSQL plans a
/// bound limit as "a tenth of the rows", which makes the cached generic plan look worse than a
/// fresh one for every run, so such a statement is planned anew each time; with the number in
/// the text the generic plan is kept. `N` is part of the type, so the statement is found in the
/// prepared cache by type, without writing out its SQL on every run.
#[derive(Debug, Clone)]
pub struct LimitLiteral<Q, const N: u32> {
    query: Q,
}

impl<Q, const N: u32> LimitLiteral<Q, N> {
    pub fn new(query: Q) -> LimitLiteral<Q, N> {
        LimitLiteral { query }
    }
}

impl<Q: diesel::query_builder::Query, const N: u32> diesel::query_builder::Query
    for LimitLiteral<Q, N>
{
    type SqlType = Q::SqlType;
}

impl<Q: diesel::query_builder::QueryId, const N: u32> diesel::query_builder::QueryId
    for LimitLiteral<Q, N>
{
    type QueryId = LimitLiteral<Q::QueryId, N>;
    const HAS_STATIC_QUERY_ID: bool = Q::HAS_STATIC_QUERY_ID;
}

impl<Q, DB, const N: u32> diesel::query_builder::QueryFragment<DB> for LimitLiteral<Q, N>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        self.query.walk_ast(out.reborrow())?;
        out.push_sql(&format!(" LIMIT {N}"));
        Ok(())
    }
}

impl<Q, C, const N: u32> RunQueryDsl<C> for LimitLiteral<Q, N> {}

/// `query`, kept in the connection's cache of prepared statements only when `keep`. Diesel's
/// cache has no bound: a statement made in many shapes (the queue's, with its filters written
/// into the text) would fill it, a few kilobytes a shape on each connection.
pub struct CacheIf<Q> {
    query: Q,
    keep: bool,
}

impl<Q> CacheIf<Q> {
    pub fn new(query: Q, keep: bool) -> CacheIf<Q> {
        CacheIf { query, keep }
    }
}

impl<Q: diesel::query_builder::Query> diesel::query_builder::Query for CacheIf<Q> {
    type SqlType = Q::SqlType;
}

impl<Q> diesel::query_builder::QueryId for CacheIf<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for CacheIf<Q>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        if !self.keep {
            out.unsafe_to_cache_prepared();
        }
        self.query.walk_ast(out.reborrow())
    }
}

impl<Q, C> RunQueryDsl<C> for CacheIf<Q> {}

/// `a UNION ALL b`, where each side may have its own ORDER BY and LIMIT: several short lists in
/// one round trip to the database. Diesel's own `union_all` cannot be run on [`DbConn`], and
/// SQLite does not take a parenthesised side, so each backend gets its own form: run it with
/// [`on_backend!`]. Sides must select the same SQL types; nest for more than two.
pub struct UnionAll<A, B>(pub A, pub B);

impl<A, B> diesel::query_builder::Query for UnionAll<A, B>
where
    A: diesel::query_builder::Query,
    B: diesel::query_builder::Query<SqlType = A::SqlType>,
{
    type SqlType = A::SqlType;
}

impl<A, B> diesel::query_builder::QueryId for UnionAll<A, B>
where
    A: diesel::query_builder::QueryId,
    B: diesel::query_builder::QueryId,
{
    type QueryId = UnionAll<A::QueryId, B::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = A::HAS_STATIC_QUERY_ID && B::HAS_STATIC_QUERY_ID;
}

impl<A, B> diesel::query_builder::QueryFragment<diesel::pg::Pg> for UnionAll<A, B>
where
    A: diesel::query_builder::QueryFragment<diesel::pg::Pg>,
    B: diesel::query_builder::QueryFragment<diesel::pg::Pg>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        out.push_sql("(");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") UNION ALL (");
        self.1.walk_ast(out.reborrow())?;
        out.push_sql(")");
        Ok(())
    }
}

impl<A, B> diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for UnionAll<A, B>
where
    A: diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>,
    B: diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
    ) -> QueryResult<()> {
        out.push_sql("SELECT * FROM (");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") UNION ALL SELECT * FROM (");
        self.1.walk_ast(out.reborrow())?;
        out.push_sql(")");
        Ok(())
    }
}

impl<A, B, C> RunQueryDsl<C> for UnionAll<A, B> {}

/// `column IN (values)` with the whole list bound as one value, so that the statement is the
/// same text for any number of values and stays prepared (diesel's `eq_any` writes one bind per
/// value and is prepared anew on every run): SQLite reads the list as a JSON array, PostgreSQL
/// as a text array. Text columns only.
pub struct AnyOf<C> {
    column: C,
    values: Vec<String>,
    json: String,
}

impl<C> AnyOf<C> {
    pub fn new(column: C, values: &[String]) -> AnyOf<C> {
        AnyOf {
            column,
            values: values.to_vec(),
            json: serde_json::to_string(values).unwrap_or_else(|_| "[]".to_owned()),
        }
    }
}

impl<C> diesel::expression::Expression for AnyOf<C> {
    type SqlType = diesel::sql_types::Bool;
}

impl<C> diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite> for AnyOf<C>
where
    C: diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::sqlite::Sqlite>,
    ) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (SELECT value FROM json_each(");
        out.push_bind_param::<diesel::sql_types::Text, _>(&self.json)?;
        out.push_sql("))");
        Ok(())
    }
}

impl<C> diesel::query_builder::QueryFragment<diesel::pg::Pg> for AnyOf<C>
where
    C: diesel::query_builder::QueryFragment<diesel::pg::Pg>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&self.values)?;
        out.push_sql(")");
        Ok(())
    }
}

impl<C> diesel::query_builder::QueryId for AnyOf<C> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C, QS> diesel::expression::AppearsOnTable<QS> for AnyOf<C> where
    C: diesel::expression::AppearsOnTable<QS>
{
}

impl<C, GB> diesel::expression::ValidGrouping<GB> for AnyOf<C> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// A boolean SQL condition given as text, for conditions that must be written out rather than
/// bound (see `tickets::model::queue`). Unlike `diesel::dsl::sql`, the statement it is part of
/// stays in the prepared-statement cache, keyed by its text: whoever builds one guarantees the
/// text is made only of fixed SQL and validated literals, and comes in few variants.
#[derive(Debug, Clone)]
pub struct Condition(std::borrow::Cow<'static, str>);

impl Condition {
    pub fn new(sql: impl Into<std::borrow::Cow<'static, str>>) -> Condition {
        Condition(sql.into())
    }
}

impl diesel::expression::Expression for Condition {
    type SqlType = diesel::sql_types::Bool;
}

impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for Condition {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.push_sql(&self.0);
        Ok(())
    }
}

impl diesel::query_builder::QueryId for Condition {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS> diesel::expression::AppearsOnTable<QS> for Condition {}

impl<QS> diesel::expression::SelectableExpression<QS> for Condition {}

impl<GB> diesel::expression::ValidGrouping<GB> for Condition {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// An SQL expression of type `ST` given as fixed text (an aggregate the two backends type
/// differently, say), which unlike `diesel::dsl::sql` leaves its statement prepared: on
/// PostgreSQL an unprepared statement is parsed and planned on every run, with a round trip of
/// its own. Only for text written in the code, never from input.
pub struct Fixed<ST>(&'static str, std::marker::PhantomData<ST>);

impl<ST> Fixed<ST> {
    pub const fn new(sql: &'static str) -> Fixed<ST> {
        Fixed(sql, std::marker::PhantomData)
    }
}

impl<ST: diesel::expression::TypedExpressionType> diesel::expression::Expression for Fixed<ST> {
    type SqlType = ST;
}

impl<ST, DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for Fixed<ST> {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.push_sql(self.0);
        Ok(())
    }
}

impl<ST> diesel::query_builder::QueryId for Fixed<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST, QS> diesel::expression::AppearsOnTable<QS> for Fixed<ST> where Fixed<ST>: diesel::Expression
{}

impl<ST, QS> diesel::expression::SelectableExpression<QS> for Fixed<ST> where
    Fixed<ST>: diesel::Expression
{
}

impl<ST, GB> diesel::expression::ValidGrouping<GB> for Fixed<ST> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// True when the database answers a trivial query (for `/healthz`).
pub fn ping(conn: &mut DbConn) -> Result<(), AppError> {
    conn.batch_execute("SELECT 1").map_err(AppError::from)
}

/// The plan each backend would run a statement with, line by line: SQLite's `EXPLAIN QUERY PLAN`
/// details, PostgreSQL's `EXPLAIN` lines. For the tests that hold the busiest statements to
/// their indexes (see `tickets::queue::explain`).
pub trait ExplainPlan: diesel::Connection {
    fn plan_of<Q>(&mut self, query: &Q) -> QueryResult<Vec<String>>
    where
        Q: diesel::query_builder::QueryFragment<Self::Backend>;
}

/// `EXPLAIN …` of a statement, selecting `ST`.
struct Explained<'a, Q, ST> {
    prefix: &'static str,
    query: &'a Q,
    columns: std::marker::PhantomData<ST>,
}

impl<Q, ST: 'static> diesel::query_builder::QueryId for Explained<'_, Q, ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, ST> diesel::query_builder::Query for Explained<'_, Q, ST> {
    type SqlType = ST;
}

impl<Q, ST, DB> diesel::query_builder::QueryFragment<DB> for Explained<'_, Q, ST>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> QueryResult<()> {
        out.unsafe_to_cache_prepared();
        out.push_sql(self.prefix);
        self.query.walk_ast(out.reborrow())
    }
}

impl<Q, ST, C> RunQueryDsl<C> for Explained<'_, Q, ST> {}

impl ExplainPlan for diesel::SqliteConnection {
    fn plan_of<Q>(&mut self, query: &Q) -> QueryResult<Vec<String>>
    where
        Q: diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>,
    {
        use diesel::sql_types::{Integer, Text};
        // (id, parent, notused, detail)
        let rows: Vec<(i32, i32, i32, String)> =
            Explained::<_, (Integer, Integer, Integer, Text)> {
                prefix: "EXPLAIN QUERY PLAN ",
                query,
                columns: std::marker::PhantomData,
            }
            .load(self)?;
        Ok(rows.into_iter().map(|r| r.3).collect())
    }
}

impl ExplainPlan for diesel::PgConnection {
    fn plan_of<Q>(&mut self, query: &Q) -> QueryResult<Vec<String>>
    where
        Q: diesel::query_builder::QueryFragment<diesel::pg::Pg>,
    {
        Explained::<_, diesel::sql_types::Text> {
            prefix: "EXPLAIN ",
            query,
            columns: std::marker::PhantomData,
        }
        .load(self)
    }
}

/// A timestamp as read from the database: SQLite's text read by hand when it has the one shape
/// the portal writes (`2026-12-06 04:08:29.955211`, the fraction optional), and by diesel's own
/// parser otherwise (diesel tries up to 18 formats with `time`'s general parser, which was a
/// twentieth of a queue page's CPU: 50 tickets have 250 timestamps). PostgreSQL's binary
/// timestamps go to diesel unchanged. For `#[diesel(deserialize_as = Ts)]` on a
/// `PrimitiveDateTime` field ([`OptTs`] on an optional one).
#[derive(diesel::deserialize::FromSqlRow)]
pub struct Ts(pub time::PrimitiveDateTime);

/// [`Ts`] for a column that may be NULL.
#[derive(diesel::deserialize::FromSqlRow)]
pub struct OptTs(pub Option<time::PrimitiveDateTime>);

impl From<Ts> for time::PrimitiveDateTime {
    fn from(t: Ts) -> Self {
        t.0
    }
}

impl From<OptTs> for Option<time::PrimitiveDateTime> {
    fn from(t: OptTs) -> Self {
        t.0
    }
}

/// `YYYY-MM-DD HH:MM:SS` with an optional `.` and one to nine digits, nothing else.
fn timestamp_text(s: &str) -> Option<time::PrimitiveDateTime> {
    let b = s.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let n = num(20..b.len())?;
            n * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let month = time::Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let date = time::Date::from_calendar_date(
        i32::try_from(num(0..4)?).ok()?,
        month,
        u8::try_from(num(8..10)?).ok()?,
    )
    .ok()?;
    let at = time::Time::from_hms_nano(
        u8::try_from(num(11..13)?).ok()?,
        u8::try_from(num(14..16)?).ok()?,
        u8::try_from(num(17..19)?).ok()?,
        nanos,
    )
    .ok()?;
    Some(time::PrimitiveDateTime::new(date, at))
}

fn sqlite_timestamp(
    mut value: diesel::sqlite::SqliteValue<'_, '_, '_>,
) -> diesel::deserialize::Result<time::PrimitiveDateTime> {
    if value.value_type() == Some(diesel::sqlite::SqliteType::Text)
        && let Some(t) = timestamp_text(value.read_text())
    {
        return Ok(t);
    }
    <time::PrimitiveDateTime as diesel::deserialize::FromSql<
        diesel::sql_types::Timestamp,
        diesel::sqlite::Sqlite,
    >>::from_sql(value)
}

fn pg_timestamp(
    value: diesel::pg::PgValue<'_>,
) -> diesel::deserialize::Result<time::PrimitiveDateTime> {
    <time::PrimitiveDateTime as diesel::deserialize::FromSql<
        diesel::sql_types::Timestamp,
        diesel::pg::Pg,
    >>::from_sql(value)
}

impl diesel::deserialize::FromSql<diesel::sql_types::Timestamp, diesel::sqlite::Sqlite> for Ts {
    fn from_sql(
        value: diesel::sqlite::SqliteValue<'_, '_, '_>,
    ) -> diesel::deserialize::Result<Self> {
        sqlite_timestamp(value).map(Ts)
    }
}

impl diesel::deserialize::FromSql<diesel::sql_types::Timestamp, diesel::pg::Pg> for Ts {
    fn from_sql(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
        pg_timestamp(value).map(Ts)
    }
}

impl
    diesel::deserialize::FromSql<
        diesel::sql_types::Nullable<diesel::sql_types::Timestamp>,
        diesel::sqlite::Sqlite,
    > for OptTs
{
    fn from_sql(
        value: diesel::sqlite::SqliteValue<'_, '_, '_>,
    ) -> diesel::deserialize::Result<Self> {
        sqlite_timestamp(value).map(|t| OptTs(Some(t)))
    }

    fn from_nullable_sql(
        value: Option<diesel::sqlite::SqliteValue<'_, '_, '_>>,
    ) -> diesel::deserialize::Result<Self> {
        match value {
            Some(v) => sqlite_timestamp(v).map(|t| OptTs(Some(t))),
            None => Ok(OptTs(None)),
        }
    }
}

impl
    diesel::deserialize::FromSql<
        diesel::sql_types::Nullable<diesel::sql_types::Timestamp>,
        diesel::pg::Pg,
    > for OptTs
{
    fn from_sql(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
        pg_timestamp(value).map(|t| OptTs(Some(t)))
    }

    fn from_nullable_sql(
        value: Option<diesel::pg::PgValue<'_>>,
    ) -> diesel::deserialize::Result<Self> {
        match value {
            Some(v) => pg_timestamp(v).map(|t| OptTs(Some(t))),
            None => Ok(OptTs(None)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_by_hand_are_what_diesel_writes_and_nothing_else() {
        use time::macros::datetime;
        for (text, at) in [
            ("2026-12-06 04:08:29", datetime!(2026-12-06 04:08:29)),
            ("2026-12-06 04:08:29.9", datetime!(2026-12-06 04:08:29.9)),
            (
                "2025-01-31 23:59:59.955211",
                datetime!(2025-01-31 23:59:59.955211),
            ),
            (
                "2024-02-29 00:00:00.123456789",
                datetime!(2024-02-29 00:00:00.123456789),
            ),
            (
                "0999-12-31 12:00:00.000000001",
                datetime!(0999-12-31 12:00:00.000000001),
            ),
        ] {
            assert_eq!(timestamp_text(text), Some(at), "{text}");
        }
        // What diesel writes (its own format for SQLite) comes back exactly.
        let format = time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond]"
        );
        let at = datetime!(2026-11-03 10:05:07.123456789);
        assert_eq!(timestamp_text(&at.format(&format).unwrap()), Some(at));
        // Anything else is left to diesel's parser (which knows more shapes) or refused.
        for text in [
            "",
            "2026-12-06",
            "2026-12-06T04:08:29",
            "2026-12-06 04:08:29Z",
            "2026-12-06 04:08:29+01:00",
            "2026-12-06 04:08:29.",
            "2026-12-06 04:08:29.1234567890",
            "2026-13-06 04:08:29",
            "2026-02-30 04:08:29",
            "2026-12-06 24:08:29",
            "2026-12-06 04:60:29",
            "2026-12-06 04:08:2x",
            "+026-12-06 04:08:29",
            "2461010.5",
        ] {
            assert_eq!(timestamp_text(text), None, "{text:?}");
        }
    }

    #[test]
    fn pages_fetch_one_row_past_the_page() {
        assert_eq!(page_offset(1, 50), 0);
        assert_eq!(page_offset(3, 50), 100);
        assert_eq!(page_offset(0, 50), 0);
        assert_eq!(split_page(vec![1, 2, 3], 2), (vec![1, 2], true));
        assert_eq!(split_page(vec![1, 2], 2), (vec![1, 2], false));
    }

    #[test]
    fn backend_comes_from_the_scheme() {
        assert_eq!(
            Backend::from_url("sqlite://data/donera.db"),
            Ok(Backend::Sqlite("data/donera.db".into()))
        );
        assert_eq!(
            Backend::from_url("sqlite:///tmp/x.db"),
            Ok(Backend::Sqlite("/tmp/x.db".into()))
        );
        assert!(matches!(
            Backend::from_url("postgres://u@h/db"),
            Ok(Backend::Postgres(_))
        ));
        assert!(matches!(
            Backend::from_url("postgresql://u@h/db"),
            Ok(Backend::Postgres(_))
        ));
        assert_eq!(
            Backend::from_url("mysql://x"),
            Err(UrlError::UnknownScheme("mysql".into()))
        );
        assert_eq!(
            Backend::from_url("data/donera.db"),
            Err(UrlError::UnknownScheme("data/donera.db".into()))
        );
        assert_eq!(
            Backend::from_url("sqlite://"),
            Err(UrlError::EmptySqlitePath)
        );
    }
}
