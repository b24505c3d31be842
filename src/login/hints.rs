//! What to do about Login errors, in the words of Vipps' Login FAQ.

use crate::error::Error;

/// The hint for an error `error` code the callback carried.
pub(crate) fn callback_error(error: &str) -> &'static str {
    match error {
        "server_error" => "A temporary error at Vipps: let the user try again.",
        "login_required" | "interaction_required" => "The user must log in interactively: start a normal login.",
        "invalid_app_callback_uri" => "The app_callback_uri is malformed: check it against Vipps' rules.",
        "app_callback_uri_not_registered" => "Register the app_callback_uri as a redirect URI in the portal.",
        "outdated_app_version" => "The user's Vipps or MobilePay app is too old: ask them to update it.",
        "wrong_challenge" => "The user chose the wrong number in the app: let them try again.",
        "invalid_state" | "invalid_request" | "invalid_scope" | "unsupported_response_type" => {
            "Vipps refused the authorize request: check the scopes, the state (at least 8 characters) and PKCE."
        }
        _ => "The login did not complete: let the user try again; if it keeps failing, check the portal settings.",
    }
}

/// Replaces a token-endpoint refusal's hint with Login's own remediation.
pub(crate) fn token_endpoint(error: Error) -> Error {
    let Error::Refused(mut server) = error else { return error };
    let hint = match server.error.as_deref() {
        Some("invalid_grant") => {
            "The code expired (a couple of minutes), was used before, or the redirect_uri differs from the authorize request's: it must match exactly (trailing `/`, `%20`, case). Start a new login."
        }
        Some("invalid_client") => {
            "Client authentication failed: keys from the other environment, Login not activated for the sales unit, or client_secret_post vs client_secret_basic not matching the portal setting."
        }
        Some("invalid_request") => "The request was refused: check the redirect_uri (exact match) and that PKCE is used.",
        Some("invalid_scope") => "A scope is not available to this sales unit: request only the scopes of its plan.",
        Some("unauthorized_client") => "This client may not use this grant: check that Login is activated for the sales unit.",
        _ => return Error::Refused(server),
    };
    server.hint = hint.to_owned();
    Error::Refused(server)
}
