//! What belongs to the environment is fetched once per process: many login clients for one
//! emulator — a client per merchant, or a client per request — share one discovery fetch and
//! one JWKS fetch, and a key rotation met by all of them costs one refetch.

mod common;
use common::*;

/// A browser login through `client`, to completion.
async fn log_in(client: &LoginClient) {
    let authorization = client.authorize(&login_request("name")).await.unwrap();
    let callback = follow(&authorization.url).await;
    let outcome = client.complete(&authorization.pending, &callback, false).await.unwrap();
    assert!(matches!(outcome, LoginOutcome::Completed(_)));
}

#[tokio::test]
async fn fifty_clients_fetch_discovery_and_the_keys_once() {
    let emulator = emulator();
    let clients: Vec<LoginClient> = (0..50).map(|_| login_client(&emulator)).collect();
    for client in &clients {
        log_in(client).await;
    }
    assert_eq!((emulator.count(DISCOVERY), emulator.count(JWKS)), (1, 1));
    // A client made per request, after the others: the same documents still.
    log_in(&login_client(&emulator)).await;
    assert_eq!((emulator.count(DISCOVERY), emulator.count(JWKS)), (1, 1));
}

#[tokio::test]
async fn a_rotation_met_by_many_clients_costs_one_refetch() {
    let emulator = emulator();
    let clients: Vec<LoginClient> = (0..10).map(|_| login_client(&emulator)).collect();
    log_in(&clients[0]).await;
    rotate_keys(&emulator).await;
    for client in &clients {
        log_in(client).await;
    }
    assert_eq!(emulator.count(JWKS), 2);
}

#[tokio::test]
async fn partner_clients_share_the_environment_too() {
    let emulator = emulator();
    let partner = || LoginClient::new(config_for(&emulator), partner_auth()).unwrap();
    let clients = [partner(), partner(), login_client(&emulator)];
    for client in &clients {
        log_in(client).await;
    }
    assert_eq!((emulator.count(DISCOVERY), emulator.count(JWKS)), (1, 1));
}
