//! Migrations on both backends, and concurrent writers through the app's pool.

use std::collections::BTreeSet;

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use donera::db::{self, DbConn};
use donera::throttle;
use time::Duration;

use crate::support::{Kind, TestApp, TestDb, backends};

#[derive(QueryableByName, Debug)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    nullable: i32,
}

/// Type families that mean the same on both backends.
fn family(t: &str) -> &'static str {
    let t = t.to_ascii_lowercase();
    if t.contains("int") || t.contains("serial") {
        "integer"
    } else if t.contains("char") || t == "text" {
        "text"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("timestamp") {
        "timestamp"
    } else if t.contains("blob") || t.contains("bytea") {
        "bytes"
    } else if t.contains("date") {
        "date"
    } else {
        "other"
    }
}

fn schema_of(kind: Kind) -> BTreeSet<(String, String, &'static str, bool)> {
    let test_db = TestDb::new(kind);
    let pool = db::connect(&test_db.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    let sql = match &*conn {
        DbConn::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type,
                    CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 0 ELSE 1 END AS nullable
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != '__diesel_schema_migrations'"
        }
        DbConn::Pg(_) => {
            "SELECT table_name::text, column_name::text, data_type::text,
                    CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable
             FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name != '__diesel_schema_migrations'"
        }
    };
    let cols: Vec<Column> = diesel::sql_query(sql).load(&mut *conn).unwrap();
    cols.into_iter()
        .map(|c| {
            (
                c.table_name,
                c.column_name,
                family(&c.data_type),
                c.nullable == 1,
            )
        })
        .collect()
}

#[test]
fn both_migration_folders_build_the_same_tables_and_columns() {
    let kinds = backends();
    let sqlite = schema_of(Kind::Sqlite);
    assert!(
        sqlite
            .iter()
            .any(|(t, c, _, _)| t == "throttle_hits" && c == "bucket")
    );
    assert!(
        !sqlite.iter().any(|(_, _, f, _)| *f == "other"),
        "{sqlite:?}"
    );
    if kinds.contains(&Kind::Postgres) {
        let pg = schema_of(Kind::Postgres);
        // The one difference on purpose: the search index (migration 000036, ARCHITECTURE.md).
        let index = |set: &BTreeSet<(String, String, &'static str, bool)>, table: &str| {
            set.iter()
                .filter(|(t, ..)| t == table)
                .map(|(_, c, f, n)| (c.clone(), *f, *n))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            index(&sqlite, "ticket_terms"),
            [
                ("term".into(), "text", false),
                ("ticket_id".into(), "text", false)
            ]
        );
        assert_eq!(
            index(&pg, "ticket_search"),
            [
                ("terms".into(), "other", false),
                ("ticket_id".into(), "text", false)
            ]
        );
        let sqlite: BTreeSet<_> = sqlite
            .into_iter()
            .filter(|(t, ..)| t != "ticket_terms")
            .collect();
        let pg: BTreeSet<_> = pg
            .into_iter()
            .filter(|(t, ..)| t != "ticket_search")
            .collect();
        let only_sqlite: Vec<_> = sqlite.difference(&pg).collect();
        let only_pg: Vec<_> = pg.difference(&sqlite).collect();
        assert!(
            only_sqlite.is_empty() && only_pg.is_empty(),
            "only SQLite: {only_sqlite:?}\nonly PostgreSQL: {only_pg:?}"
        );
    }
}

#[test]
fn migrating_twice_changes_nothing() {
    for kind in backends() {
        let test_db = TestDb::new(kind);
        let pool = db::connect(&test_db.url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        assert_eq!(db::migrate(&mut conn).unwrap(), 0, "{kind:?}");
    }
}

#[test]
fn a_failed_write_transaction_leaves_nothing_behind() {
    for kind in backends() {
        let test_db = TestDb::new(kind);
        let pool = db::connect(&test_db.url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        let now = time::macros::datetime!(2026-11-28 10:00);
        let result: Result<(), donera::error::AppError> = db::write(&mut conn, |c| {
            throttle::hit(c, "x", now, Duration::minutes(15), 10).map(|_| ())?;
            Err(donera::error::AppError::BadRequest)
        });
        assert!(result.is_err());
        assert_eq!(
            throttle::count(&mut conn, "x", now, Duration::minutes(15)).unwrap(),
            0,
            "{kind:?}"
        );
    }
}

/// 50 writers at once, each a transaction that reads and then writes (the pattern that fails at
/// once with "database is locked" on SQLite unless it begins IMMEDIATE), through the app's pool
/// and its blocking-thread runner.
#[actix_web::test]
async fn fifty_concurrent_writers_all_succeed_and_limits_hold() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let now = app.clock.now_utc_naive();
        let writers = (0..50).map(|i| {
            let pool = app.pool().clone();
            async move {
                db::run(&pool, move |c| {
                    throttle::hit(
                        c,
                        &format!("bucket-{}", i % 5),
                        now,
                        Duration::minutes(15),
                        1000,
                    )
                })
                .await
            }
        });
        let results = futures_util::future::join_all(writers).await;
        let failures: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(failures.is_empty(), "{kind:?}: {failures:?}");
        assert!(results.iter().all(|r| matches!(r, Ok(true))));
        let mut conn = app.pool().get().unwrap();
        let total: i64 = (0..5)
            .map(|b| {
                throttle::count(
                    &mut conn,
                    &format!("bucket-{b}"),
                    now,
                    Duration::minutes(15),
                )
                .unwrap()
            })
            .sum();
        assert_eq!(total, 50, "{kind:?}");

        // With a limit of 10, exactly 10 of 50 concurrent attempts get through.
        let attempts = (0..50).map(|_| {
            let pool = app.pool().clone();
            async move {
                db::run(&pool, move |c| {
                    throttle::hit(c, "limited", now, Duration::minutes(15), 10)
                })
                .await
            }
        });
        let results = futures_util::future::join_all(attempts).await;
        let allowed = results.iter().filter(|r| matches!(r, Ok(true))).count();
        let errors: Vec<_> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{kind:?}: {errors:?}");
        assert_eq!(allowed, 10, "{kind:?}");
    }
}

#[test]
fn the_throttle_window_slides() {
    let test_db = TestDb::new(Kind::Sqlite);
    let pool = db::connect(&test_db.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    let t0 = time::macros::datetime!(2026-11-28 10:00);
    for _ in 0..3 {
        assert!(throttle::hit(&mut conn, "b", t0, Duration::minutes(15), 3).unwrap());
    }
    assert!(
        !throttle::hit(
            &mut conn,
            "b",
            t0 + Duration::minutes(14),
            Duration::minutes(15),
            3
        )
        .unwrap()
    );
    assert!(
        throttle::hit(
            &mut conn,
            "b",
            t0 + Duration::minutes(15),
            Duration::minutes(15),
            3
        )
        .unwrap()
    );
    throttle::clear(&mut conn, "b").unwrap();
    assert_eq!(
        throttle::count(&mut conn, "b", t0, Duration::hours(1)).unwrap(),
        0
    );
    throttle::hit(&mut conn, "old", t0, Duration::minutes(15), 3).unwrap();
    assert_eq!(
        throttle::purge(&mut conn, t0 + Duration::days(2), Duration::days(1)).unwrap(),
        1
    );
}

/// `db::lock_key` holds PostgreSQL's advisory lock on the key until its transaction ends, and
/// its statement stays prepared (it is run for each ticket the contact form opens).
#[test]
fn a_key_stays_locked_until_the_transaction_ends() {
    if !backends().contains(&Kind::Postgres) {
        return;
    }
    #[derive(QueryableByName)]
    struct Got {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        got: bool,
    }
    let test_db = TestDb::new(Kind::Postgres);
    let pool = db::connect(&test_db.url, 2).unwrap();
    let mut holder = pool.get().unwrap();
    let mut other = pool.get().unwrap();
    let try_lock = |c: &mut DbConn, key: &str| -> bool {
        db::write(c, |c| -> Result<bool, donera::error::AppError> {
            Ok(
                diesel::sql_query("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got")
                    .bind::<Text, _>(key)
                    .get_result::<Got>(c)?
                    .got,
            )
        })
        .unwrap()
    };
    db::write(&mut holder, |c| -> Result<(), donera::error::AppError> {
        db::lock_key(c, "storage:org-a")?;
        db::lock_key(c, "storage:org-a")?;
        assert!(!try_lock(&mut other, "storage:org-a"), "held by the first");
        assert!(try_lock(&mut other, "storage:org-b"), "another key is free");
        Ok(())
    })
    .unwrap();
    assert!(try_lock(&mut other, "storage:org-a"), "released at commit");
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let prepared = diesel::sql_query(
        "SELECT count(*) AS n FROM pg_prepared_statements \
         WHERE statement LIKE '%pg_advisory_xact_lock(hashtext($1))%'",
    )
    .get_result::<Count>(&mut *holder)
    .unwrap();
    assert_eq!(prepared.n, 1, "the lock's statement is kept prepared");
}

/// Every connection of the pool plans without parallel workers on PostgreSQL (see
/// `db::Manager::open`): a search planned in parallel took 30 times as long as alone.
#[test]
fn postgres_connections_plan_without_parallel_workers() {
    if !backends().contains(&Kind::Postgres) {
        return;
    }
    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = Text)]
        max_parallel_workers_per_gather: String,
    }
    let test_db = TestDb::new(Kind::Postgres);
    let pool = db::connect(&test_db.url, 2).unwrap();
    let held: Vec<_> = (0..2).map(|_| pool.get().unwrap()).collect();
    for mut conn in held {
        let s: Setting = diesel::sql_query("SHOW max_parallel_workers_per_gather")
            .get_result(&mut *conn)
            .unwrap();
        assert_eq!(s.max_parallel_workers_per_gather, "0");
    }
}

/// `db::run_quick` (see its doc): on SQLite a free connection is used on the calling thread; a
/// busy one sends the work to the blocking threads, where it waits for the connection instead
/// of stalling the worker; on PostgreSQL it always goes there. A panic is an error either way.
#[actix_web::test]
async fn quick_reads_run_on_the_worker_only_on_a_free_sqlite_connection() {
    for kind in backends() {
        let test_db = TestDb::new(kind);
        let pool = db::connect(&test_db.url, 1).unwrap();
        let here = std::thread::current().id();
        let ran_on = db::run_quick(&pool, |c| {
            throttle::count(
                c,
                "x",
                time::macros::datetime!(2026-11-28 10:00),
                Duration::minutes(1),
            )?;
            Ok(std::thread::current().id())
        })
        .await
        .unwrap();
        assert_eq!(ran_on == here, kind == Kind::Sqlite, "{kind:?}");

        // The only connection is held: the read waits on a blocking thread until it is back.
        let held = pool.get().unwrap();
        let waiting = actix_web::rt::spawn({
            let pool = pool.clone();
            async move { db::run_quick(&pool, |_| Ok(std::thread::current().id())).await }
        });
        actix_web::rt::task::yield_now().await;
        assert!(!waiting.is_finished(), "{kind:?}: ran without a connection");
        drop(held);
        let ran_on = waiting.await.unwrap().unwrap();
        assert_ne!(ran_on, here, "{kind:?}");

        let panicked = db::run_quick(&pool, |_| -> Result<(), donera::error::AppError> {
            panic!("a bug in a read")
        })
        .await;
        assert!(
            matches!(panicked, Err(donera::error::AppError::Internal(_))),
            "{kind:?}"
        );
        // The connection came back: the pool still answers.
        assert!(db::run_quick(&pool, |_| Ok(())).await.is_ok(), "{kind:?}");
    }
}
