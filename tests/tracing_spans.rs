//! With the `tracing` feature, each request attempt and login step is a span: endpoint,
//! attempt, outcome and duration on each attempt, the step's name on each step, and nothing
//! secret anywhere. Run by scripts/test.sh: `cargo test --features tracing --test tracing_spans`.
#![cfg(feature = "tracing")]

mod common;
use common::*;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// A span's name and its fields as opened and recorded, with its parent's name as `parent`.
type Seen = (String, BTreeMap<String, String>);

/// Every span, by id.
#[derive(Clone, Default)]
struct Spans(Arc<Mutex<BTreeMap<u64, Seen>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}").trim_matches('"').to_owned());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Spans {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        if let Some(parent) = context.span(id).and_then(|span| span.parent()) {
            fields.insert("parent".to_owned(), parent.name().to_owned());
        }
        self.0.lock().unwrap().insert(id.into_u64(), (attributes.metadata().name().to_owned(), fields));
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _: Context<'_, S>) {
        if let Some((_, fields)) = self.0.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }
}

/// The one subscriber of this test process, seen by every thread.
fn spans() -> Spans {
    static SPANS: OnceLock<Spans> = OnceLock::new();
    SPANS
        .get_or_init(|| {
            let spans = Spans::default();
            tracing::subscriber::set_global_default(tracing_subscriber::registry().with(spans.clone())).unwrap();
            spans
        })
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_and_login_steps_are_spans_without_secrets() {
    let spans = spans();
    let emulator = emulator();
    emulator.inject(Fault::status(STANDARD, 503, 1));
    let token = manager(&emulator).access_token(&merchant()).await.unwrap();
    let outcome = browser_login(&login_client(&emulator), "name").await.unwrap();
    let LoginOutcome::Completed(login) = outcome else { panic!("cancelled") };

    let spans: Vec<_> = spans.0.lock().unwrap().values().cloned().collect();
    let attempts: Vec<_> = spans
        .iter()
        .filter(|(name, fields)| name == "vipps_auth.request" && fields["endpoint"] == "access_token")
        .filter(|(_, fields)| !fields.contains_key("parent"))
        .map(|(_, fields)| (fields["attempt"].clone(), fields["outcome"].clone()))
        .collect();
    assert_eq!(attempts, [("1".into(), "5xx".into()), ("2".into(), "2xx".into())]);
    assert!(spans.iter().all(|(name, f)| name != "vipps_auth.request" || f.contains_key("duration_ms")));
    assert!(spans.iter().any(|(name, f)| name == "vipps_auth" && f["step"] == "login.complete"));
    assert!(spans.iter().any(|(_, f)| f.get("endpoint").is_some_and(|e| e == "login_token")));

    let shown = format!("{spans:?}");
    let config = EmulatorConfig::default();
    for secret in [token.value(), &config.client_id, &config.client_secret, &config.msns[0], &login.claims.sub] {
        assert!(!shown.contains(secret), "a span carries `{secret}`");
    }
}

/// A blocking call does its work on a thread of the SDK's own; its spans stay the caller's.
#[test]
fn a_blocking_call_stays_inside_the_callers_span() {
    let spans = spans();
    let emulator = emulator();
    tracing::info_span!("the_callers_handler")
        .in_scope(|| manager(&emulator).access_token_blocking(&merchant()))
        .unwrap();

    let spans: Vec<_> = spans.0.lock().unwrap().values().cloned().collect();
    let mut requests = spans.iter().filter(|(name, _)| name == "vipps_auth.request");
    assert!(requests.any(|(_, fields)| fields.get("parent").is_some_and(|p| p == "the_callers_handler")), "{spans:?}");
}
