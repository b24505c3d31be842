//! One logical call to Vipps: attempts, retries within a deadline, a capped body, logs
//! without secrets.

use super::clock_offset::ClockOffset;
use super::{backoff, client::client_for};
use crate::bounds;
use crate::config::{Config, HttpOptions, SystemInfo};
use crate::error::{Error, Result};
use crate::metrics::{self, Endpoint, Outcome};
use crate::secret::Secret;
use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CACHE_CONTROL, CONTENT_TYPE, DATE, RETRY_AFTER};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use url::Url;

/// Larger answers are not from a Vipps auth endpoint.
pub(crate) const MAX_BODY: usize = 1 << 20;

/// Whether a request may be sent again once it may have reached the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Replay {
    /// Asking again is harmless (client credentials).
    Safe,
    /// The request redeems a one-time code: retry only when it surely never left.
    OnlyIfUnsent,
}

/// Where a request goes: a path under the configured base URL, or an endpoint that the
/// discovery document named.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    Path(&'static str),
    Url(Url),
}

/// A request to a Vipps endpoint: a POST when it has a form, otherwise a GET.
pub(crate) struct Request {
    /// Where it goes, for logs ("standard token") and metrics.
    pub endpoint: Endpoint,
    pub target: Target,
    pub headers: HeaderMap,
    /// `application/x-www-form-urlencoded` body of a POST, or none. A secret: it may carry a
    /// code or the client secret.
    pub form: Option<Secret>,
    /// POST with an empty body even without a form (`/accesstoken/get`).
    pub post: bool,
    pub replay: Replay,
}

/// The final answer after retries.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Bytes,
    pub retry_after: Option<Duration>,
    /// When the attempt that produced this answer was sent: expiries count from here.
    pub sent_at: SystemTime,
    /// `Cache-Control: max-age`, when the server set one.
    pub max_age: Option<Duration>,
}

/// The transport for one configuration: shared client, options, base URL, system headers.
#[derive(Clone, Debug)]
pub(crate) struct Http {
    client: reqwest::Client,
    pub(crate) options: HttpOptions,
    base_url: Url,
    system_headers: HeaderMap,
    clock: Arc<ClockOffset>,
}

enum Failure {
    /// Never reached the server: always safe to retry.
    NotSent(Error),
    /// May have reached the server.
    Sent(Error),
    /// Retrying cannot help.
    Final(Error),
}

impl Http {
    pub(crate) fn new(config: &Config) -> Result<Self> {
        config.validate()?;
        Ok(Http {
            client: client_for(&config.http)?,
            options: config.http.clone(),
            base_url: config.environment.base_url()?,
            system_headers: system_headers(&config.system)?,
            clock: Arc::default(),
        })
    }

    pub(crate) fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// How far Vipps' clock is from this machine's, from the last answer's `Date` header.
    pub(crate) fn clock(&self) -> &ClockOffset {
        &self.clock
    }

    /// A GET of a public document (discovery, keys): its answer when it is 200, otherwise
    /// the refusal read from it.
    pub(crate) async fn get_document(&self, endpoint: Endpoint, target: Target) -> Result<Reply> {
        let request =
            Request { endpoint, target, headers: HeaderMap::new(), form: None, post: false, replay: Replay::Safe };
        let reply = self.send(&request).await?;
        match reply.status {
            200 => Ok(reply),
            _ => Err(super::refusal(&reply, &[])),
        }
    }

    pub(crate) async fn send(&self, post: &Request) -> Result<Reply> {
        let url = match &post.target {
            Target::Path(path) => self.url(path),
            Target::Url(url) => url.clone(),
        };
        let (method, path) = (if post.is_post() { "POST" } else { "GET" }, url.path().to_owned());
        let label = post.endpoint.label();
        let deadline = bounds::instant_after(Instant::now(), self.options.total_timeout);
        let mut retry = 0;
        loop {
            let budget = self.options.request_timeout.min(deadline.saturating_duration_since(Instant::now()));
            let timed = async {
                match tokio::time::timeout(budget, self.attempt(&url, post)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Failure::Sent(Error::Network {
                        message: format!("no complete answer within {} ms", budget.as_millis()),
                        timed_out: true,
                    })),
                }
            };
            let (outcome, took) = metrics::spans::attempt(post.endpoint, retry + 1, timed, outcome_of).await;
            metrics::request(post.endpoint, outcome_of(&outcome), took);
            let elapsed = took.as_millis();
            let wait = match &outcome {
                Ok(reply) => {
                    log::debug!("{}: {method} {path} -> {} in {elapsed} ms", label, reply.status);
                    let retryable = reply.status == 429 || reply.status >= 500;
                    if !retryable || post.replay == Replay::OnlyIfUnsent {
                        return outcome.map_err(Failure::into_error);
                    }
                    reply.retry_after.unwrap_or_else(|| backoff::delay(retry))
                }
                Err(Failure::NotSent(e)) => {
                    log::debug!("{}: {method} {path} not sent: {e}", label);
                    backoff::delay(retry)
                }
                Err(Failure::Sent(e)) if post.replay == Replay::Safe => {
                    log::debug!("{}: {method} {path} failed after {elapsed} ms: {e}", label);
                    backoff::delay(retry)
                }
                Err(_) => return outcome.map_err(Failure::into_error),
            };
            // A wait past the budget ends the call now: its refusal carries the retry-after.
            if retry >= self.options.max_retries || wait > deadline.saturating_duration_since(Instant::now()) {
                return outcome.map_err(Failure::into_error);
            }
            retry += 1;
            metrics::retry(post.endpoint, matches!(&outcome, Ok(reply) if reply.retry_after.is_some()));
            log::warn!(
                "{}: {method} {path} {}; retry {retry} of {} in {} ms",
                label,
                describe(&outcome),
                self.options.max_retries,
                wait.as_millis()
            );
            tokio::time::sleep(wait).await;
        }
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.base_url.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
        url.set_path(&joined);
        url
    }

    async fn attempt(&self, url: &Url, post: &Request) -> Result<Reply, Failure> {
        let method = if post.is_post() { reqwest::Method::POST } else { reqwest::Method::GET };
        let mut request =
            self.client.request(method, url.clone()).headers(self.system_headers.clone()).headers(post.headers.clone());
        request = match &post.form {
            Some(form) => {
                // The copy handed to the HTTP stack is freed there, unwiped: see SECURITY.md.
                let body = form.expose().to_owned();
                request.header(CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8").body(body)
            }
            None if post.post => request.body(Bytes::new()),
            None => request,
        };
        let sent_at = SystemTime::now();
        let mut response = request.send().await.map_err(|e| {
            let error = network_error(&e);
            if e.is_connect() {
                Failure::NotSent(error)
            } else {
                Failure::Sent(error)
            }
        })?;
        let status = response.status().as_u16();
        let header = |name| response.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        let retry_after = header(RETRY_AFTER).and_then(backoff::parse_retry_after);
        let max_age = header(CACHE_CONTROL).and_then(parse_max_age);
        if let Some(date) = header(DATE).and_then(|d| httpdate::parse_http_date(d).ok()) {
            self.clock.observe(date, SystemTime::now());
        }
        if response.content_length().is_some_and(|n| n > MAX_BODY as u64) {
            return Err(Failure::Final(too_large()));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| Failure::Sent(network_error(&e)))? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(Failure::Final(too_large()));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Reply { status, body: body.freeze(), retry_after, sent_at, max_age })
    }
}

/// An attempt's outcome for the metrics: its status class, or why there was none.
fn outcome_of(outcome: &Result<Reply, Failure>) -> Outcome {
    match outcome {
        Ok(reply) => Outcome::of_status(reply.status),
        Err(Failure::NotSent(e) | Failure::Sent(e) | Failure::Final(e)) => match e {
            Error::Network { timed_out: true, .. } => Outcome::Timeout,
            _ => Outcome::Network,
        },
    }
}

impl Reply {
    /// An answer read elsewhere (the shared vectors, a caller's own request), to decode.
    pub(crate) fn received(status: u16, body: &[u8], sent_at: SystemTime) -> Reply {
        Reply { status, body: Bytes::copy_from_slice(body), retry_after: None, sent_at, max_age: None }
    }
}

impl Request {
    fn is_post(&self) -> bool {
        self.post || self.form.is_some()
    }
}

/// `max-age=N` from a `Cache-Control` value, clamped to [`bounds::MAX_AGE`]; `no-store`
/// and `no-cache` count as the least max-age.
pub(crate) fn parse_max_age(value: &str) -> Option<Duration> {
    let directives = || value.split(',').map(|part| part.trim().to_ascii_lowercase());
    if directives().any(|d| d == "no-store" || d == "no-cache") {
        return Some(bounds::MAX_AGE.min);
    }
    let seconds = directives().find_map(|d| Some(d.strip_prefix("max-age=")?.trim_matches('"').to_owned()))?;
    if seconds.is_empty() || !seconds.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(bounds::MAX_AGE.clamp_secs(seconds.parse().unwrap_or(u64::MAX)))
}

impl Failure {
    fn into_error(self) -> Error {
        match self {
            Failure::NotSent(e) | Failure::Sent(e) | Failure::Final(e) => e,
        }
    }
}

fn describe(outcome: &Result<Reply, Failure>) -> String {
    match outcome {
        Ok(reply) => format!("answered HTTP {}", reply.status),
        Err(Failure::NotSent(e) | Failure::Sent(e) | Failure::Final(e)) => e.to_string(),
    }
}

fn too_large() -> Error {
    Error::protocol(format!("response body larger than {} KiB", MAX_BODY / 1024))
}

/// The error and its causes, naming the host and path that failed but never the query
/// (a URL may one day carry a code).
fn network_error(error: &reqwest::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    if let Some(url) = error.url() {
        message = message.replace(url.as_str(), &format!("{}{}", url.origin().ascii_serialization(), url.path()));
    }
    Error::Network { message, timed_out: error.is_timeout() }
}

fn system_headers(system: &SystemInfo) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    for (name, value) in system.headers() {
        let value = HeaderValue::from_str(value).map_err(|e| Error::config("system", e.to_string()))?;
        headers.insert(HeaderName::from_static(name), value);
    }
    Ok(headers)
}

/// A header value holding a secret: marked sensitive so it never shows in Debug output.
pub(crate) fn secret_header(value: &str) -> Result<HeaderValue> {
    let mut header = HeaderValue::from_str(value)
        .map_err(|_| Error::config("credentials", "not a valid header value (value not shown)"))?;
    header.set_sensitive(true);
    Ok(header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_clamped_and_junk_ignored() {
        let (least, most) = (Some(bounds::MAX_AGE.min), Some(bounds::MAX_AGE.max));
        assert_eq!(parse_max_age("public, max-age=3600"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_max_age("max-age=0"), least);
        assert_eq!(parse_max_age("no-store"), least);
        assert_eq!(parse_max_age("max-age=18446744073709551615"), most);
        assert_eq!(parse_max_age("max-age=999999999999999999999999"), most);
        for ignored in ["max-age=-5", "max-age=1e309", "max-age=NaN", "max-age=", "private"] {
            assert_eq!(parse_max_age(ignored), None, "{ignored}");
        }
    }
}
