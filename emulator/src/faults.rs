//! Scripted misbehaviour: the next `count` requests to a path get a chosen answer, a delay,
//! or a dropped connection.

use crate::state::State;
use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode};
use serde::Deserialize;
use std::time::Duration;

#[derive(Clone, Debug, Deserialize)]
pub struct Fault {
    pub path: String,
    #[serde(default = "one")]
    pub count: u32,
    /// Answer with this status instead of the real handler; `None` only delays.
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    #[serde(default)]
    pub delay_ms: u64,
    pub body: Option<String>,
    #[serde(default)]
    pub drop_connection: bool,
}

fn one() -> u32 {
    1
}

/// What to do with a request after its fault, if any, has been taken.
pub(crate) enum Verdict {
    Proceed,
    Answer(Response<Body>),
    Drop,
}

/// Takes the first queued fault for `path`, waits its delay, and says what to do.
pub(crate) async fn apply(state: &State, path: &str) -> Verdict {
    let Some(fault) = take(state, path) else { return Verdict::Proceed };
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop_connection {
        return Verdict::Drop;
    }
    match fault.status {
        Some(status) => Verdict::Answer(answer(&fault, status)),
        None => Verdict::Proceed,
    }
}

fn take(state: &State, path: &str) -> Option<Fault> {
    let mut inner = state.lock();
    let index = inner.faults.iter().position(|f| f.path.eq_ignore_ascii_case(path))?;
    let fault = &mut inner.faults[index];
    fault.count -= 1;
    let taken = fault.clone();
    if fault.count == 0 {
        inner.faults.remove(index);
    }
    Some(taken)
}

fn answer(fault: &Fault, status: u16) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = fault
        .body
        .clone()
        .unwrap_or_else(|| format!(r#"{{"statusCode":{},"message":"Injected fault"}}"#, status.as_u16()));
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Some(seconds) = fault.retry_after {
        response.headers_mut().insert("retry-after", HeaderValue::from(seconds));
    }
    response
}
