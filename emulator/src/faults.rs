//! Scripted misbehaviour: the next `count` requests to a path get a chosen answer, a delay,
//! or a dropped connection — or the real answer with hostile headers, a body that arrives
//! late, or a body cut off mid-way. Enough to play any proxy or broken gateway.

use crate::state::State;
use axum::body::{Body, Bytes};
use axum::http::{HeaderName, HeaderValue, Response, StatusCode};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io;
use std::time::Duration;

#[derive(Clone, Debug, Deserialize)]
pub struct Fault {
    pub path: String,
    #[serde(default = "one")]
    pub count: u32,
    /// Answer with this status instead of the real handler; `None` keeps the real answer
    /// (delayed, or shaped by the fields below).
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    #[serde(default)]
    pub delay_ms: u64,
    pub body: Option<String>,
    /// The scripted `body` this many times over: a megabyte of JSON in a short request.
    pub body_repeat: Option<usize>,
    #[serde(default)]
    pub drop_connection: bool,
    /// Set on the answer, scripted or real, as given: any `Retry-After`, `Cache-Control`,
    /// `Date` or `Content-Type`, and a `Content-Length` that lies.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The headers go at once; the body this much later.
    #[serde(default)]
    pub body_delay_ms: u64,
    /// Only this many bytes of the body are sent, then the connection is cut.
    pub truncate_body_at: Option<usize>,
}

/// No scripted body grows past 16 MiB.
const MAX_REPEATED: usize = 16 << 20;

fn one() -> u32 {
    1
}

/// The next request to no path, answered by the real handler: set what you need.
impl Default for Fault {
    fn default() -> Self {
        Fault {
            path: String::new(),
            count: one(),
            status: None,
            retry_after: None,
            delay_ms: 0,
            body: None,
            body_repeat: None,
            drop_connection: false,
            headers: BTreeMap::new(),
            body_delay_ms: 0,
            truncate_body_at: None,
        }
    }
}

/// What to do with a request after its fault, if any, has been taken.
pub(crate) enum Verdict {
    /// Let the real handler answer, then shape its answer with the fault, if any.
    Proceed(Option<Fault>),
    Answer(Response<Body>),
    Drop,
}

/// Takes the first queued fault for `path`, waits its delay, and says what to do.
pub(crate) async fn apply(state: &State, path: &str) -> Verdict {
    let Some(fault) = take(state, path) else { return Verdict::Proceed(None) };
    if fault.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
    }
    if fault.drop_connection {
        return Verdict::Drop;
    }
    match fault.status {
        Some(status) => Verdict::Answer(shape(answer(&fault, status), &fault).await),
        None => Verdict::Proceed(Some(fault)),
    }
}

fn take(state: &State, path: &str) -> Option<Fault> {
    let mut inner = state.lock();
    let index = inner.faults.iter().position(|f| f.path.eq_ignore_ascii_case(path))?;
    let fault = &mut inner.faults[index];
    fault.count = fault.count.saturating_sub(1);
    let taken = fault.clone();
    if fault.count == 0 {
        inner.faults.remove(index);
    }
    Some(taken)
}

fn answer(fault: &Fault, status: u16) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = match &fault.body {
        Some(body) => body.repeat(fault.body_repeat.unwrap_or(1).min(MAX_REPEATED / body.len().max(1))),
        None => format!(r#"{{"statusCode":{},"message":"Injected fault"}}"#, status.as_u16()),
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Some(seconds) = fault.retry_after {
        response.headers_mut().insert("retry-after", HeaderValue::from(seconds));
    }
    response
}

/// The fault's headers on `response`, and its body late or cut off.
pub(crate) async fn shape(mut response: Response<Body>, fault: &Fault) -> Response<Body> {
    // A streamed body has no length of its own, so hyper sends the Content-Length it is
    // given, lie or not.
    let lies_about_length = fault.headers.keys().any(|name| name.eq_ignore_ascii_case("content-length"));
    if fault.body_delay_ms > 0 || fault.truncate_body_at.is_some() || lies_about_length {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
        let mut parts = parts;
        // The whole length is promised even when less will come.
        parts.headers.insert("content-length", HeaderValue::from(bytes.len()));
        response = Response::from_parts(parts, trickle(bytes, fault.body_delay_ms, fault.truncate_body_at));
    }
    for (name, value) in &fault.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::from_str(value)) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// The body after `delay_ms`, or its first `cut_at` bytes and then a broken connection.
fn trickle(bytes: Bytes, delay_ms: u64, cut_at: Option<usize>) -> Body {
    let stream = futures_util::stream::unfold(Some(bytes), move |left| async move {
        let bytes = left?;
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        match cut_at {
            Some(at) if at < bytes.len() => Some((Ok(bytes.slice(..at)), None)),
            _ => Some((Ok::<_, io::Error>(bytes), None)),
        }
    });
    let cut = cut_at.map(|_| Err(io::Error::new(io::ErrorKind::ConnectionAborted, "cut by a fault")));
    Body::from_stream(futures_util::StreamExt::chain(stream, futures_util::stream::iter(cut)))
}
