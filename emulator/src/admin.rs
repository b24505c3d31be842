//! `/_emulator/*`: read the request log, queue faults, rotate secrets, reset. Admin calls are
//! not logged.

use crate::answers::json;
use crate::faults::Fault;
use crate::merchants::{FIRST_MERCHANT_MSN, FIRST_USER_PHONE, MAX_MERCHANTS, MAX_USERS};
use crate::state::{Keys, State};
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{Response, StatusCode};
use serde_json::json;
use std::sync::atomic::{AtomicU32, Ordering};

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

/// `{"add": N}`: registers N more sales units after those there are; answers the whole range.
pub(crate) async fn add_merchants(Shared(state): Shared<State>, body: Bytes) -> Response<Body> {
    match register(&state.merchants, &body, MAX_MERCHANTS) {
        Ok(total) => {
            let last = (FIRST_MERCHANT_MSN + total).saturating_sub(1);
            json(StatusCode::OK, json!({"merchants": total, "first_msn": FIRST_MERCHANT_MSN, "last_msn": last}))
        }
        Err(refusal) => refusal,
    }
}

/// `{"add": N}`: registers N more phone users who approve; answers the whole range.
pub(crate) async fn add_users(Shared(state): Shared<State>, body: Bytes) -> Response<Body> {
    match register(&state.users, &body, MAX_USERS) {
        Ok(total) => {
            let last = (FIRST_USER_PHONE + u64::from(total)).saturating_sub(1);
            let range =
                json!({"users": total, "first_phone": FIRST_USER_PHONE.to_string(), "last_phone": last.to_string()});
            json(StatusCode::OK, range)
        }
        Err(refusal) => refusal,
    }
}

/// Adds the body's `add` to `count`, up to `max`; the new total.
fn register(count: &AtomicU32, body: &[u8], max: u32) -> Result<u32, Response<Body>> {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let Some(added) = value.get("add").and_then(serde_json::Value::as_u64).and_then(|n| u32::try_from(n).ok()) else {
        return Err(json(StatusCode::BAD_REQUEST, json!({"error": "expected {\"add\": N}, N a whole number"})));
    };
    let grown =
        count.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |now| now.checked_add(added).filter(|n| *n <= max));
    match grown {
        Ok(before) => Ok(before + added),
        Err(_) => Err(json(StatusCode::BAD_REQUEST, json!({"error": format!("at most {max} in all")}))),
    }
}
