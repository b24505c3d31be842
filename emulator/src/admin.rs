//! `/_emulator/*`: read the request log, queue faults, rotate secrets, reset. Admin calls are
//! not logged.

use crate::answers::json;
use crate::faults::Fault;
use crate::state::{Keys, State};
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{Response, StatusCode};
use serde_json::json;

pub(crate) async fn requests(Shared(state): Shared<State>) -> Response<Body> {
    let log = state.lock().log.clone();
    json(StatusCode::OK, json!({ "requests": log }))
}

/// Takes the body as JSON whatever its Content-Type, so `curl -d '{…}'` works.
pub(crate) async fn add_fault(Shared(state): Shared<State>, body: Bytes) -> Response<Body> {
    let fault: Fault = match serde_json::from_slice(&body) {
        Ok(fault) => fault,
        Err(e) => return json(StatusCode::BAD_REQUEST, json!({"error": format!("not a fault: {e}")})),
    };
    if !fault.path.starts_with('/') || fault.count == 0 {
        return json(
            StatusCode::BAD_REQUEST,
            json!({"error": "a fault needs a path starting with / and a count of at least 1"}),
        );
    }
    if fault.status.is_some_and(|s| !(100..=599).contains(&s)) {
        return json(StatusCode::BAD_REQUEST, json!({"error": "status must be 100..=599"}));
    }
    let mut inner = state.lock();
    inner.faults.push_back(fault);
    json(StatusCode::OK, json!({ "queued": inner.faults.len() }))
}

/// Reads (and ignores) the body: left unread, it makes hyper close the kept-alive connection,
/// and a client's next admin call on it fails.
pub(crate) async fn reset(Shared(state): Shared<State>, _body: Bytes) -> Response<Body> {
    state.reset();
    json(StatusCode::OK, json!({ "reset": true }))
}

/// Replaces the client_secret and subscription key, as a merchant does in the portal: from
/// now on only the new ones are accepted, until `reset` brings back the configured ones.
pub(crate) async fn rotate_secret(Shared(state): Shared<State>, body: Bytes) -> Response<Body> {
    match serde_json::from_slice::<Keys>(&body) {
        Ok(keys) if !keys.client_secret.is_empty() && !keys.subscription_key.is_empty() => {
            state.lock().keys = keys;
            json(StatusCode::OK, json!({ "rotated": true }))
        }
        _ => json(
            StatusCode::BAD_REQUEST,
            json!({"error": "expected {\"client_secret\": \"…\", \"subscription_key\": \"…\"}, both non-empty"}),
        ),
    }
}
