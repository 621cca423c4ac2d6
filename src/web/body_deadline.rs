//! An overall deadline for request bodies. actix-web's client timeout covers only the headers: a
//! client that then sends its body a byte at a time would hold a connection and a handler for as
//! long as it likes. The body must arrive within `DONERA_BODY_TIMEOUT_SECONDS` of the headers;
//! after that the read fails and the request is answered 408 and the connection closed.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::{InternalError, PayloadError};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use futures_util::Stream;

use crate::AppState;

type Inner = Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>;

/// The request's payload, failing once the deadline has passed without the rest of it.
struct Deadline {
    inner: Inner,
    sleep: Pin<Box<tokio::time::Sleep>>,
    expired: Rc<Cell<bool>>,
}

fn timed_out() -> PayloadError {
    PayloadError::Io(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "request body timed out",
    ))
}

impl Stream for Deadline {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.expired.get() {
            return Poll::Ready(Some(Err(timed_out())));
        }
        match self.inner.as_mut().poll_next(cx) {
            Poll::Pending => {
                if self.sleep.as_mut().poll(cx).is_ready() {
                    self.expired.set(true);
                    return Poll::Ready(Some(Err(timed_out())));
                }
                Poll::Pending
            }
            ready => ready,
        }
    }
}

/// Puts the deadline on every request that may carry a body; answers 408 when it passed.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let seconds = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.body_timeout_seconds);
    let (Some(seconds), false) = (
        seconds,
        req.method() == Method::GET || req.method() == Method::HEAD,
    ) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let expired = Rc::new(Cell::new(false));
    let inner: Inner = Box::pin(req.take_payload());
    let wrapped: Inner = Box::pin(Deadline {
        inner,
        sleep: Box::pin(tokio::time::sleep(Duration::from_secs(seconds))),
        expired: expired.clone(),
    });
    req.set_payload(Payload::from(wrapped));
    // (The request is not cloned here: the router needs it unshared.)
    let result = next.call(req).await;
    if expired.get() {
        tracing::warn!("request body did not arrive in time: 408");
        return Err(
            InternalError::new("request body timed out", StatusCode::REQUEST_TIMEOUT).into(),
        );
    }
    result.map(ServiceResponse::map_into_boxed_body)
}
