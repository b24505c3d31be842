//! What a phone app was opened with, for Kotlin and Swift apps (and every binding's vector
//! run): the same parser as Rust's, read against the app's stored pending logins.

use super::error::VippsAuthError;
use crate::app::{self, AppUrl};
use crate::login::PendingLogin;
use std::fmt;

/// What the app should do with the URL it was opened with. Its text form never shows the
/// code.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug, Display)]
pub enum AppUrlOutcome {
    /// Open `resume_uri` in the same browser session that started the login.
    Resume { state: String, resume_uri: String },
    /// Hand `code` and `state` to the backend (or finish with the pending login).
    Code { state: String, code: String, scope: Option<String> },
    /// The user cancelled: a normal outcome.
    Cancelled { state: String, description: Option<String> },
    /// Vipps or its app reported an error (`outdated_app_version`...).
    Failed { state: String, error: String, description: Option<String> },
    /// Not this app's login: ignore it, or route it elsewhere.
    NotOurs { reason: String },
}

/// Reads `url` against the pending logins the app stored (as `serialize` wrote them). A
/// stray URL is `NotOurs`, never an error; only an unreadable stored login is one.
#[uniffi::export]
pub fn parse_app_url(url: String, pending_logins: Vec<String>) -> Result<AppUrlOutcome, VippsAuthError> {
    let pending = pending_logins.iter().map(|text| PendingLogin::restore(text)).collect::<crate::Result<Vec<_>>>()?;
    Ok(match app::parse_app_url(&url, &pending) {
        AppUrl::Resume { state, resume_uri } => AppUrlOutcome::Resume { state, resume_uri },
        AppUrl::Code { state, code, scope } => AppUrlOutcome::Code { state, code: code.into_string(), scope },
        AppUrl::Cancelled { state, description } => AppUrlOutcome::Cancelled { state, description },
        AppUrl::Failed { state, error, description } => AppUrlOutcome::Failed { state, error, description },
        AppUrl::NotOurs { reason } => AppUrlOutcome::NotOurs { reason },
    })
}

impl fmt::Display for AppUrlOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppUrlOutcome::Resume { .. } => f.write_str("Resume(state redacted)"),
            AppUrlOutcome::Code { .. } => f.write_str("Code(code redacted, state redacted)"),
            AppUrlOutcome::Cancelled { .. } => f.write_str("Cancelled"),
            AppUrlOutcome::Failed { error, .. } => write!(f, "Failed({error})"),
            AppUrlOutcome::NotOurs { reason } => write!(f, "NotOurs({reason})"),
        }
    }
}

impl fmt::Debug for AppUrlOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
