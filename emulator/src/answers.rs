//! Error bodies in the shapes the layers in front of Vipps really use.

use axum::body::Body;
use axum::http::{Response, StatusCode};
use serde_json::{json, Value};

pub(crate) fn json(status: StatusCode, body: Value) -> Response<Body> {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert("content-type", "application/json;charset=UTF-8".parse().unwrap());
    response
}

/// Azure API Management, in front of `/accesstoken/get`.
pub(crate) fn apim(message: &str) -> Response<Body> {
    json(StatusCode::UNAUTHORIZED, json!({"statusCode": 401, "message": message}))
}

/// Azure AD / OAuth 2.0 style.
pub(crate) fn oauth(status: StatusCode, error: &str, description: &str) -> Response<Body> {
    json(
        status,
        json!({
            "error": error,
            "error_description": description,
            "error_codes": [code_of(description)],
            "timestamp": "2026-01-01 00:00:00Z",
            "trace_id": crate::jwt::random_hex(8),
            "correlation_id": crate::jwt::random_hex(8),
        }),
    )
}

/// RFC 7807 problem details.
pub(crate) fn problem(status: StatusCode, title: &str, detail: &str) -> Response<Body> {
    json(
        status,
        json!({"type": "https://developer.vippsmobilepay.com/docs/errors", "title": title, "status": status.as_u16(), "detail": detail}),
    )
}

/// The number in `AADSTS700016: ...`, as Azure AD repeats it in `error_codes`.
fn code_of(description: &str) -> u64 {
    description.strip_prefix("AADSTS").and_then(|rest| rest.split(':').next()).and_then(|n| n.parse().ok()).unwrap_or(0)
}
