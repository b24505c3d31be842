//! The listener: every connection is served by the router behind a front door that logs the
//! request and applies faults — including dropping the connection without an answer. Paths
//! match case-insensitively, as at Vipps' gateway (its own examples call `/accessToken/get`),
//! and every answer carries a `Date` header from the emulator's clock.

use crate::faults::{self, Verdict};
use crate::login::{
    self, AUTHORIZE_PATH, CIBA_PATH, CONSENT_PATH, DISCOVERY_PATH, JWKS_PATH, TOKEN_PATH, USERINFO_PATH,
    USER_EXISTS_PATH,
};
use crate::state::{LoggedRequest, State};
use crate::{admin, app_site, phone, tokens};
use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, Uri};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

pub(crate) fn router(state: State) -> Router {
    Router::new()
        .route("/accesstoken/get", post(tokens::standard))
        .route("/miami/v1/token", post(tokens::specialized))
        .route("/_emulator/requests", get(admin::requests))
        .route("/_emulator/faults", post(admin::add_fault))
        .route("/_emulator/reset", post(admin::reset))
        .route("/_emulator/rotate-secret", post(admin::rotate_secret))
        .route("/_emulator/rotate-keys", post(login::rotate_keys))
        .route("/_emulator/id-token", post(login::tamper_id_token))
        .route("/_emulator/phone-redirects", get(phone::phone_redirects))
        .route("/_emulator/merchants", post(admin::add_merchants))
        .route("/_emulator/users", post(admin::add_users))
        .route(DISCOVERY_PATH, get(login::discovery))
        .route(JWKS_PATH, get(login::jwks))
        .route(AUTHORIZE_PATH, get(login::authorize))
        .route(CONSENT_PATH, post(login::consent))
        .route(TOKEN_PATH, post(login::token))
        .route(USERINFO_PATH, get(login::userinfo))
        .route(login::RESUME_PATH, get(login::resume))
        .route(app_site::AASA_PATH, get(app_site::apple_app_site_association))
        .route(app_site::ASSETLINKS_PATH, get(app_site::assetlinks))
        .route(CIBA_PATH, post(phone::start))
        .route(USER_EXISTS_PATH, post(phone::user_exists))
        .with_state(state)
}

/// Accepts connections until `stop` changes.
pub(crate) async fn serve(listener: TcpListener, state: State, mut stop: watch::Receiver<bool>) {
    let router = router(state.clone());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
            _ = stop.changed() => return,
        };
        let cut = Arc::new(Notify::new());
        let service = {
            let (router, state, cut) = (router.clone(), state.clone(), cut.clone());
            hyper::service::service_fn(move |request| front_door(request, router.clone(), state.clone(), cut.clone()))
        };
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            // Dropping the connection future closes the socket, answered or not.
            tokio::select! {
                _ = connection => {}
                _ = cut.notified() => {}
                _ = stop.changed() => {}
            }
        });
    }
}

async fn front_door(
    request: Request<hyper::body::Incoming>,
    router: Router,
    state: State,
    cut: Arc<Notify>,
) -> Result<Response<Body>, Infallible> {
    let mut response = logged(request, router, &state, cut).await?;
    if let Ok(date) = HeaderValue::from_str(&httpdate::fmt_http_date(state.now())) {
        response.headers_mut().insert("date", date);
    }
    Ok(response)
}

async fn logged(
    mut request: Request<hyper::body::Incoming>,
    router: Router,
    state: &State,
    cut: Arc<Notify>,
) -> Result<Response<Body>, Infallible> {
    let path = request.uri().path().to_owned();
    *request.uri_mut() = lowercase_path(request.uri());
    if path.starts_with("/_emulator/") {
        return router.oneshot(request.map(Body::new)).await;
    }
    let mut entry = LoggedRequest {
        method: request.method().to_string(),
        path: path.clone(),
        status: 0,
        headers: request
            .headers()
            .iter()
            .filter(|(name, _)| name.as_str() == "merchant-serial-number" || name.as_str().starts_with("vipps-system-"))
            .map(|(name, value)| (canonical(name.as_str()), value.to_str().unwrap_or("").to_owned()))
            .collect(),
        at_ms: state.started.elapsed().as_millis() as u64,
    };
    let response = match faults::apply(state, &path).await {
        Verdict::Proceed(None) => router.oneshot(request.map(Body::new)).await?,
        Verdict::Proceed(Some(fault)) => faults::shape(router.oneshot(request.map(Body::new)).await?, &fault).await,
        Verdict::Answer(response) => response,
        Verdict::Drop => {
            state.lock().log.push(entry);
            cut.notify_one();
            return std::future::pending().await;
        }
    };
    entry.status = response.status().as_u16();
    state.lock().log.push(entry);
    Ok(response)
}

/// The same URI with its path in lower case: routes are written in lower case.
fn lowercase_path(uri: &Uri) -> Uri {
    let lowered = match uri.query() {
        Some(query) => format!("{}?{query}", uri.path().to_ascii_lowercase()),
        None => uri.path().to_ascii_lowercase(),
    };
    lowered.parse().unwrap_or_else(|_| uri.clone())
}

/// `vipps-system-name` → `Vipps-System-Name`, as the admin API reports header names.
fn canonical(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}
