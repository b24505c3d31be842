//! The merchant's web site as a phone sees it: `/.well-known/apple-app-site-association` and
//! `/.well-known/assetlinks.json` for the configured app, served as `application/json`
//! without redirects, so a universal-link checker has something real to read.

use crate::answers::json;
use crate::state::State;
use axum::body::Body;
use axum::extract::State as Shared;
use axum::http::{Response, StatusCode};
use serde_json::json;

pub(crate) const AASA_PATH: &str = "/.well-known/apple-app-site-association";
pub(crate) const ASSETLINKS_PATH: &str = "/.well-known/assetlinks.json";

pub(crate) async fn apple_app_site_association(Shared(state): Shared<State>) -> Response<Body> {
    let app = &state.config.app;
    let components: Vec<_> = app.paths.iter().map(|path| json!({ "/": path })).collect();
    json(
        StatusCode::OK,
        json!({
            "applinks": {"details": [{"appIDs": app.ios_app_ids, "components": components}]},
            "webcredentials": {"apps": app.ios_app_ids},
        }),
    )
}

pub(crate) async fn assetlinks(Shared(state): Shared<State>) -> Response<Body> {
    let app = &state.config.app;
    json(
        StatusCode::OK,
        json!([{
            "relation": ["delegate_permission/common.handle_all_urls"],
            "target": {
                "namespace": "android_app",
                "package_name": app.android_package,
                "sha256_cert_fingerprints": app.android_fingerprints,
            },
        }]),
    )
}
