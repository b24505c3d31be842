//! The token cache at platform scale, against the emulator's registered sales units: no
//! request after the first per merchant while the merchants fit the bound, and past it only
//! the overflow refetches — the tokens in use stay.

mod common;
use common::*;
use futures_util::stream::{self, StreamExt};
use vipps_auth::{Credentials, MerchantCredentials, TokenManager};

/// The keys of registered sales unit `i` (from 0), as a partner platform holds them.
fn unit(i: u32) -> Credentials {
    let msn = vipps_emulator::FIRST_MERCHANT_MSN + i;
    MerchantCredentials::new(
        format!("emu-client-id-{msn}"),
        format!("emu-client-secret-{msn}"),
        DEFAULT_SUBSCRIPTION_KEY,
        Some(msn.to_string()),
    )
    .unwrap()
    .into()
}

/// Asks for a token for each unit in `units`, 32 at a time; how many requests that sent.
async fn pass(emulator: &Emulator, tokens: &TokenManager, units: &[Credentials]) -> usize {
    let before = emulator.count(STANDARD);
    let asks = stream::iter(units).map(|keys| tokens.access_token(keys)).buffer_unordered(32);
    asks.for_each(|token| async move { token.map(drop).expect("a token") }).await;
    emulator.count(STANDARD) - before
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_merchants_cost_one_request_each_then_none() {
    let emulator = emulator_with(EmulatorConfig { merchants: 20_000, ..Default::default() });
    let tokens = manager(&emulator);
    let units: Vec<Credentials> = (0..20_000).map(unit).collect();
    let requests = [pass(&emulator, &tokens, &units).await, pass(&emulator, &tokens, &units).await];
    assert_eq!(requests, [20_000, 0]);
    assert_eq!(tokens.cached_entries(), 20_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merchants_filling_the_bound_exactly_never_refetch() {
    let emulator = emulator_with(EmulatorConfig { merchants: 500, ..Default::default() });
    let tokens = TokenManager::with_capacity(config_for(&emulator), 500).unwrap();
    let units: Vec<Credentials> = (0..500).map(unit).collect();
    let mut requests = Vec::new();
    for _ in 0..3 {
        requests.push(pass(&emulator, &tokens, &units).await);
    }
    assert_eq!(requests, [500, 0, 0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_bound_only_the_overflow_refetches_and_the_tokens_in_use_stay() {
    let emulator = emulator_with(EmulatorConfig { merchants: 150, ..Default::default() });
    let tokens = TokenManager::with_capacity(config_for(&emulator), 100).unwrap();
    let (kept, overflow): (Vec<Credentials>, Vec<Credentials>) =
        ((0..100).map(unit).collect(), (100..150).map(unit).collect());
    assert_eq!(pass(&emulator, &tokens, &kept).await, 100);
    for _ in 0..3 {
        // The first hundred are read before any newcomer asks, so each sweep finds them in use.
        assert_eq!(pass(&emulator, &tokens, &kept).await, 0, "a token in use was dropped for a newcomer");
        assert_eq!(pass(&emulator, &tokens, &overflow).await, 50);
        assert_eq!(tokens.cached_entries(), 100);
    }
}
