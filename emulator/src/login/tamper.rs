//! Admin calls that change how ID tokens are signed: `POST /_emulator/rotate-keys` replaces
//! the signing keys (the old kids vanish), `POST /_emulator/id-token` tampers with the next
//! ID tokens so that clients can prove they refuse them.

use super::keys::{Signing, SigningKeys};
use crate::answers::json;
use crate::state::State;
use axum::body::{Body, Bytes};
use axum::extract::State as Shared;
use axum::http::{Response, StatusCode};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// `{"signing": "none", "claims": {"aud": "someone-else", "nonce": null}, "header": {"jku": "…"}, "count": 1}`:
/// the next `count` ID tokens get these claims and header entries (`null` removes one) and
/// are signed as `signing` says (`rs256`, `es256`, `none`, `hs256_public_key`, `corrupt`,
/// `unknown_key`).
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Tampering {
    #[serde(default)]
    pub signing: Signing,
    #[serde(default)]
    pub claims: Map<String, Value>,
    #[serde(default)]
    pub header: Map<String, Value>,
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

pub(crate) async fn tamper_id_token(Shared(state): Shared<State>, body: Bytes) -> Response<Body> {
    match serde_json::from_slice::<Tampering>(&body) {
        Ok(tampering) if tampering.count > 0 => {
            let mut inner = state.lock();
            inner.login.tampering.push_back(tampering);
            json(StatusCode::OK, json!({ "queued": inner.login.tampering.len() }))
        }
        Ok(_) => json(StatusCode::BAD_REQUEST, json!({"error": "count must be at least 1"})),
        Err(e) => json(StatusCode::BAD_REQUEST, json!({"error": format!("not a tampering: {e}")})),
    }
}

/// The next ID token's tampering, if one is queued.
pub(crate) fn take(state: &State) -> Option<Tampering> {
    let mut inner = state.lock();
    let queue = &mut inner.login.tampering;
    let front = queue.front_mut()?;
    front.count -= 1;
    let tampering = front.clone();
    if front.count == 0 {
        queue.pop_front();
    }
    Some(tampering)
}

pub(crate) async fn rotate_keys(Shared(state): Shared<State>, _body: Bytes) -> Response<Body> {
    // RSA key generation takes a while: off the server's thread.
    let keys = match tokio::task::spawn_blocking(SigningKeys::generate).await {
        Ok(keys) => Arc::new(keys),
        Err(e) => return json(StatusCode::INTERNAL_SERVER_ERROR, json!({"error": e.to_string()})),
    };
    let jwks = keys.jwks();
    state.lock().login.signing = keys;
    json(StatusCode::OK, json!({ "rotated": true, "jwks": jwks }))
}
