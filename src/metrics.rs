//! `/metrics` for Prometheus: requests by route pattern and status with their latency, counted by
//! a middleware, and the work waiting in the database (outbox backlog, open tickets, pending
//! validations and orders), queried when scraped.
//!
//! Off unless `DONERA_METRICS_TOKEN` is set: then [`AppState::metrics`] holds the registry (no
//! global) and the page wants that token as a bearer token. Reads the features' tables but changes
//! nothing. Labels are bounded: a route is its pattern (`/sv/produkter/{sku}`), never the raw path.

use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use time::PrimitiveDateTime;

use crate::AppState;
use crate::db::{self, DbConn, on_backend};
use crate::error::AppError;

/// What `prometheus_client::encoding::text` writes; Prometheus asks for it and parses it.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The route label of a request that matched no route (404s of unknown paths).
pub const UNMATCHED: &str = "unmatched";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: &'static str,
}

/// 1 ms to about 8 s, doubling.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 14))
}

/// The registry and the metrics in it. The counters and gauges are atomics: recording a request
/// takes a short read lock on the label map (a write lock the first time a label set is seen).
pub struct Metrics {
    registry: Registry,
    token_digest: [u8; 32],
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    outbox_events: Family<StateLabels, Gauge>,
    outbox_oldest_pending: Gauge,
    tickets_open: Family<StateLabels, Gauge>,
    validations_pending: Gauge,
    orders_pending: Gauge,
}

impl Metrics {
    pub fn new(token: &str) -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram, fn() -> Histogram>::new_with_constructor(
            latency_histogram,
        );
        let outbox_events = Family::<StateLabels, Gauge>::default();
        let outbox_oldest_pending = Gauge::default();
        let tickets_open = Family::<StateLabels, Gauge>::default();
        let validations_pending = Gauge::default();
        let orders_pending = Gauge::default();
        registry.register(
            "donera_http_requests",
            "HTTP requests by route pattern and status",
            requests.clone(),
        );
        registry.register_with_unit(
            "donera_http_request_duration",
            "Time to the response head, by route pattern",
            Unit::Seconds,
            latency.clone(),
        );
        registry.register(
            "donera_outbox_events",
            "Outbox events (e-mails and webhook calls) by state",
            outbox_events.clone(),
        );
        registry.register_with_unit(
            "donera_outbox_oldest_pending_age",
            "Age of the oldest pending outbox event (0 when none is pending)",
            Unit::Seconds,
            outbox_oldest_pending.clone(),
        );
        registry.register(
            "donera_tickets_open",
            "Support tickets not closed, by state",
            tickets_open.clone(),
        );
        registry.register(
            "donera_validation_requests_pending",
            "Validation requests waiting for a staff decision",
            validations_pending.clone(),
        );
        registry.register(
            "donera_orders_pending",
            "Orders submitted and waiting for a staff decision",
            orders_pending.clone(),
        );
        Metrics {
            registry,
            token_digest: Sha256::digest(token.as_bytes()).into(),
            requests,
            latency,
            outbox_events,
            outbox_oldest_pending,
            tickets_open,
            validations_pending,
            orders_pending,
        }
    }

    /// True when the `Authorization` header carries the token. Both sides are hashed first, so
    /// the comparison takes the same time whatever the length or the first wrong byte.
    pub fn authorized(&self, header: Option<&HeaderValue>) -> bool {
        let Some(given) = header.and_then(|v| v.to_str().ok()).and_then(bearer_token) else {
            return false;
        };
        let digest: [u8; 32] = Sha256::digest(given.as_bytes()).into();
        digest.ct_eq(&self.token_digest).into()
    }

    fn observe(&self, route: String, status: u16, elapsed: Duration) {
        self.latency
            .get_or_create(&RouteLabels {
                route: route.clone(),
            })
            .observe(elapsed.as_secs_f64());
        self.requests
            .get_or_create(&RequestLabels { route, status })
            .inc();
    }

    /// Sets the gauges from a database snapshot; every known state is written, 0 when absent.
    fn record(&self, snap: &Snapshot) {
        let count = |metric: &str, state: &str| {
            snap.counts
                .iter()
                .filter(|c| c.metric == metric && c.state == state)
                .map(|c| c.n)
                .sum::<i64>()
        };
        for s in crate::outbox::State::ALL {
            self.outbox_events
                .get_or_create(&StateLabels { state: s.key() })
                .set(count("outbox", s.key()));
        }
        for s in crate::tickets::State::ALL {
            if s != crate::tickets::State::Closed {
                self.tickets_open
                    .get_or_create(&StateLabels { state: s.key() })
                    .set(count("tickets", s.key()));
            }
        }
        self.validations_pending.set(count(
            "validations",
            crate::validation::State::Pending.key(),
        ));
        self.orders_pending.set(count(
            "orders",
            crate::orders::model::State::Submitted.key(),
        ));
        self.outbox_oldest_pending.set(snap.oldest_pending_age);
    }

    /// The registry in the text format.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut out = String::with_capacity(8 * 1024);
        prometheus_client::encoding::text::encode(&mut out, &self.registry)?;
        Ok(out)
    }
}

/// The token of an `Authorization: Bearer <token>` header (the scheme in any case, RFC 9110).
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[derive(QueryableByName, Debug)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    metric: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    state: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// The database's part of a scrape.
struct Snapshot {
    counts: Vec<CountRow>,
    oldest_pending_age: i64,
}

/// Every count in one round trip; the state names are the features' keys (`outbox::State`,
/// `tickets::State`, `validation::State`, `orders::model::State`).
const COUNTS: &str = "\
    SELECT 'outbox' AS metric, state, COUNT(*) AS n FROM outbox_events GROUP BY state \
    UNION ALL SELECT 'tickets', state, COUNT(*) FROM tickets WHERE state <> 'closed' GROUP BY state \
    UNION ALL SELECT 'validations', state, COUNT(*) FROM validation_requests \
        WHERE state = 'pending' GROUP BY state \
    UNION ALL SELECT 'orders', state, COUNT(*) FROM orders WHERE state = 'submitted' GROUP BY state";

fn snapshot(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<Snapshot, AppError> {
    use crate::db::schema::outbox_events as ev;
    let counts = on_backend!(conn, |c| diesel::sql_query(COUNTS).load::<CountRow>(c))?;
    let oldest: Option<PrimitiveDateTime> = ev::table
        .filter(ev::state.eq(crate::outbox::State::Pending.key()))
        .select(diesel::dsl::min(ev::created_at))
        .first(conn)?;
    Ok(Snapshot {
        counts,
        oldest_pending_age: oldest.map_or(0, |t| (now - t).whole_seconds().max(0)),
    })
}

/// `GET /metrics`: 404 when off, 401 without the right bearer token.
pub async fn scrape(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(metrics) = state.metrics.clone() else {
        return Err(AppError::NotFound);
    };
    if !metrics.authorized(req.headers().get(header::AUTHORIZATION)) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .content_type("text/plain; charset=utf-8")
            .body("a bearer token is required\n"));
    }
    let now = state.clock.now_utc_naive();
    let snap = db::run(&state.pool, move |c| snapshot(c, now)).await?;
    metrics.record(&snap);
    let body = metrics
        .encode()
        .map_err(|e| AppError::Internal(format!("cannot encode the metrics: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type(CONTENT_TYPE)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// Counts every request by route pattern and status and times it. Does nothing when metrics are
/// off; holds no lock while the request runs.
pub async fn track<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| s.metrics.clone());
    let Some(metrics) = metrics else {
        return next.call(req).await;
    };
    let route = req.match_pattern().unwrap_or_else(|| UNMATCHED.to_owned());
    let started = Instant::now();
    let result = next.call(req).await;
    let status = match &result {
        Ok(res) => res.status().as_u16(),
        Err(e) => e.as_response_error().status_code().as_u16(),
    };
    metrics.observe(route, status, started.elapsed());
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_read_in_any_case_of_the_scheme() {
        assert_eq!(bearer_token("Bearer abc"), Some("abc"));
        assert_eq!(bearer_token("bearer  abc "), Some("abc"));
        assert_eq!(bearer_token("Basic abc"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("Bearerabc"), None);
    }

    #[test]
    fn only_the_token_is_authorized() {
        let m = Metrics::new("0123456789abcdef");
        let h = |s: &str| HeaderValue::from_str(s).unwrap();
        assert!(m.authorized(Some(&h("Bearer 0123456789abcdef"))));
        assert!(!m.authorized(Some(&h("Bearer 0123456789abcdeF"))));
        assert!(!m.authorized(Some(&h("Bearer 0123456789abcdef0"))));
        assert!(!m.authorized(None));
    }

    #[test]
    fn the_text_names_every_metric_with_its_labels() {
        let m = Metrics::new("0123456789abcdef");
        m.observe("/sv/produkter/{sku}".into(), 200, Duration::from_millis(3));
        m.record(&Snapshot {
            counts: vec![CountRow {
                metric: "tickets".into(),
                state: "new".into(),
                n: 4,
            }],
            oldest_pending_age: 12,
        });
        let text = m.encode().unwrap();
        for want in [
            "donera_http_requests_total{route=\"/sv/produkter/{sku}\",status=\"200\"} 1",
            "donera_http_request_duration_seconds_count{route=\"/sv/produkter/{sku}\"} 1",
            "donera_outbox_events{state=\"dead\"} 0",
            "donera_outbox_oldest_pending_age_seconds 12",
            "donera_tickets_open{state=\"new\"} 4",
            "donera_validation_requests_pending 0",
            "donera_orders_pending 0",
        ] {
            assert!(text.contains(want), "{want} in\n{text}");
        }
        assert!(!text.contains("state=\"closed\""));
    }
}
