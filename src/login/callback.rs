//! What came back on the redirect URI: a code, a cancelled login, or an error. Parsed from
//! the full URL or the bare query string, strictly where it matters (one value per parameter,
//! a state, never a code beside an error) and leniently where Vipps itself errs (its
//! documented `…&error_description=…?state=…`).

use crate::error::{Error, Result};
use crate::secret::Secret;
use std::collections::HashMap;

/// The outcome the callback carries. Its state is still to be checked against the pending
/// login's: [`LoginClient::complete`](super::LoginClient::complete) does that. Debug shows
/// neither the code nor the state.
#[derive(Clone, PartialEq, Eq)]
pub enum Callback {
    /// The user consented: redeem `code` once.
    Code { code: Secret, state: String, scope: Option<String> },
    /// The user cancelled (`access_denied`): a normal outcome, not an error.
    Cancelled { state: String, description: Option<String> },
    /// Vipps sent the user back with an error (`server_error`, `outdated_app_version`...).
    Failed { state: String, error: String, description: Option<String> },
}

impl Callback {
    pub fn state(&self) -> &str {
        match self {
            Callback::Code { state, .. } | Callback::Cancelled { state, .. } | Callback::Failed { state, .. } => state,
        }
    }
}

impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Callback::Code { scope, .. } => f.debug_struct("Code").field("scope", scope).finish_non_exhaustive(),
            Callback::Cancelled { description, .. } => {
                f.debug_struct("Cancelled").field("description", description).finish_non_exhaustive()
            }
            Callback::Failed { error, description, .. } => {
                f.debug_struct("Failed").field("error", error).field("description", description).finish_non_exhaustive()
            }
        }
    }
}

/// Parses `https://shop.example/callback?code=…&state=…`, `?code=…` or `code=…&state=…`.
pub fn parse_callback(input: &str) -> Result<Callback> {
    let params = parameters(input)?;
    let take = |name: &str| params.get(name).cloned();
    let state = take("state").filter(|s| !s.is_empty());
    let (code, error) = (take("code"), take("error"));
    let description = take("error_description");
    match (code, error) {
        (Some(_), Some(_)) => Err(Error::callback("it carries both a code and an error")),
        (None, None) => Err(Error::callback("it has neither `code` nor `error`")),
        (code, error) => {
            let Some(state) = state else {
                return Err(Error::StateMismatch("the callback has no state".into()));
            };
            Ok(match (code, error) {
                (Some(code), _) if code.is_empty() => return Err(Error::callback("its code is empty")),
                (Some(code), _) => Callback::Code { code: code.into(), state, scope: take("scope") },
                (None, Some(error)) if error == "access_denied" => Callback::Cancelled { state, description },
                (None, Some(error)) => Callback::Failed { state, error, description },
                (None, None) => unreachable!("matched above"),
            })
        }
    }
}

/// Each parameter once, from the query part (the fragment is ignored).
pub(crate) fn parameters(input: &str) -> Result<HashMap<String, String>> {
    let input = input.trim();
    let input = input.split_once('#').map_or(input, |(before, _)| before);
    let query = match input.split_once('?') {
        Some((_, query)) => query,
        None if input.contains("://") => "",
        None => input,
    };
    // Vipps' documented error example puts `?state=` where `&state=` belongs.
    let query = query.replace("?state=", "&state=");
    let mut params = HashMap::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()).into_owned() {
        if params.insert(name.clone(), value).is_some() {
            return Err(Error::callback(format!("it repeats `{name}`, a sign of tampering")));
        }
    }
    Ok(params)
}
