//! Reads an error answer, whatever layer wrote it (API Management, Azure AD, RFC 7807,
//! an HTML error page, nothing at all), into one typed error with a remediation hint.

use super::call::Reply;
use crate::error::{Error, ServerError};
use crate::secret::{scrub, Secret};
use serde_json::Value;

/// Longest server message kept in an error.
const MAX_MESSAGE: usize = 300;

/// The error for a non-2xx answer. Secrets the server may echo are scrubbed.
pub(crate) fn refusal(reply: &Reply, secrets: &[&Secret]) -> Error {
    if (300..400).contains(&reply.status) {
        return Error::protocol(format!("unexpected redirect (HTTP {}); redirects are not followed", reply.status));
    }
    let (error, description) = words(&reply.body);
    let clean = |text: String| shorten(&scrub(&text, secrets));
    let error = error.map(clean);
    let description = description.map(clean);
    let hint = hint(reply.status, error.as_deref(), description.as_deref()).to_owned();
    Error::Refused(Box::new(ServerError {
        status: reply.status,
        error,
        description,
        hint,
        retry_after: reply.retry_after,
    }))
}

/// `(error code, message)` from any of the known body shapes.
fn words(body: &[u8]) -> (Option<String>, Option<String>) {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => {
            let field = |name: &str| map.get(name).and_then(Value::as_str).map(str::to_owned);
            // OAuth / Azure AD: {"error": "...", "error_description": "..."}
            if let Some(error) = field("error") {
                return (Some(error), field("error_description"));
            }
            // API Management: {"statusCode": 401, "message": "..."}
            if let Some(message) = field("message") {
                return (None, Some(message));
            }
            // RFC 7807 problem details: {"title": "...", "detail": "..."}
            let problem = [field("title"), field("detail")].into_iter().flatten().collect::<Vec<_>>();
            if !problem.is_empty() {
                return (None, Some(problem.join(": ")));
            }
            (None, Some(text.to_owned()))
        }
        _ if text.starts_with('<') => (None, html_title(text).map(|t| format!("HTML page: {t}"))),
        _ => (None, Some(text.lines().next().unwrap_or_default().to_owned())),
    }
}

fn html_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    Some(html[start..end].trim().to_owned()).filter(|t| !t.is_empty())
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// What to do, from the status and the server's words.
fn hint(status: u16, error: Option<&str>, description: Option<&str>) -> &'static str {
    let said = |needle: &str| {
        description.is_some_and(|d| d.to_ascii_lowercase().contains(needle))
            || error.is_some_and(|e| e.eq_ignore_ascii_case(needle))
    };
    if said("missing subscription key") {
        return "Send the subscription key (Ocp-Apim-Subscription-Key) from the portal's key page.";
    }
    if said("invalid subscription key") || said("subscription not found") {
        return "The subscription key is not valid here: test keys work only with apitest.vipps.no, production keys only with api.vipps.no.";
    }
    if said("merchant-serial-number") || said("msn") {
        return "Check the Merchant-Serial-Number: it must be a sales unit these keys may act for (partners send the merchant's MSN).";
    }
    if said("unauthorized_client") || said("aadsts700016") {
        return "The client_id is unknown in this environment: are these test keys used against production, or the other way round?";
    }
    if said("invalid_client") {
        return "The client_id and client_secret do not match: copy both again from the portal, for this environment and sales unit.";
    }
    if said("invalid_request") || said("unsupported_grant_type") {
        return "Vipps found the request malformed: please report this as a bug in vipps-auth.";
    }
    match status {
        401 => "The credentials were refused: check client_id, client_secret and the subscription key for this environment.",
        403 => "These keys have no access to this product: check the sales unit's products in the portal.",
        404 => "Endpoint not found: check the environment or base URL.",
        429 => "Vipps is throttling: slow down and honour Retry-After.",
        500..=599 => "Vipps could not answer, even after retries: try again later.",
        _ => "See the status and the server's message.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn reply(status: u16, body: &str) -> Reply {
        Reply::received(status, body.as_bytes(), SystemTime::now())
    }

    fn server(error: Error) -> ServerError {
        *match error {
            Error::Refused(s) => s,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn apim_missing_key() {
        let s = server(refusal(
            &reply(401, r#"{"statusCode":401,"message":"Access denied due to missing subscription key."}"#),
            &[],
        ));
        assert_eq!(s.error, None);
        assert!(s.hint.contains("Ocp-Apim-Subscription-Key"), "{}", s.hint);
    }

    #[test]
    fn azure_unknown_client() {
        let body = r#"{"error":"unauthorized_client","error_description":"AADSTS700016: Application not found","error_codes":[700016]}"#;
        let s = server(refusal(&reply(400, body), &[]));
        assert_eq!(s.error.as_deref(), Some("unauthorized_client"));
        assert!(s.hint.contains("test keys"), "{}", s.hint);
    }

    #[test]
    fn problem_json_and_html_and_empty() {
        let s = server(refusal(
            &reply(400, r#"{"type":"x","title":"Bad Request","detail":"MSN unknown","status":400}"#),
            &[],
        ));
        assert_eq!(s.description.as_deref(), Some("Bad Request: MSN unknown"));
        let s = server(refusal(&reply(502, "<html><title>502 Bad Gateway</title></html>"), &[]));
        assert_eq!(s.description.as_deref(), Some("HTML page: 502 Bad Gateway"));
        let s = server(refusal(&reply(500, ""), &[]));
        assert_eq!(s.description, None);
        assert!(s.hint.contains("try again later"));
    }

    #[test]
    fn echoed_secret_is_scrubbed_and_long_text_cut() {
        let secret = Secret::new("the-client-secret");
        let s = server(refusal(
            &reply(401, r#"{"error":"invalid_client","error_description":"bad secret the-client-secret"}"#),
            &[&secret],
        ));
        assert_eq!(s.description.as_deref(), Some("bad secret <redacted>"));
        let s = server(refusal(&reply(500, &"x".repeat(5000)), &[]));
        assert!(s.description.unwrap().chars().count() <= MAX_MESSAGE + 1);
    }

    #[test]
    fn redirect_is_a_protocol_error() {
        assert!(matches!(refusal(&reply(302, ""), &[]), Error::Protocol(_)));
    }
}
