//! Codes, verifiers, nonces, states, tokens and client secrets never appear in a log line,
//! an error or Debug output of a whole login.

mod common;
use common::*;

#[tokio::test]
async fn a_whole_login_leaks_nothing() {
    capture_logs();
    let emulator = emulator();
    let client = login_client(&emulator);
    let authorization = client.authorize(&login_request("name phoneNumber")).await.unwrap();
    let url = url::Url::parse(&authorization.url).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    let callback = follow(&authorization.url).await;
    let code = url::Url::parse(&callback).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.into_owned();
    let outcome = client.complete(&authorization.pending, &callback, true).await.unwrap();
    let LoginOutcome::Completed(login) = &outcome else { panic!("cancelled") };

    // A replay, so that an error message is in the output too.
    let replay = login_client(&emulator).complete(&authorization.pending, &callback, false).await.unwrap_err();

    let stored = authorization.pending.serialize();
    let secrets = [
        code.as_str(),
        query["state"].as_str(),
        query["nonce"].as_str(),
        stored.expose(),
        login.access_token.expose(),
        login.id_token.expose(),
        DEFAULT_CLIENT_SECRET,
        "4712345678",
    ];
    let seen = [
        captured_logs(),
        format!("{authorization:?}"),
        format!("{:?}", authorization.pending),
        format!("{outcome:?}"),
        format!("{replay} {replay:?}"),
        format!("{client:?}"),
    ];
    for text in &seen {
        for secret in secrets {
            assert!(!text.contains(secret), "`{secret}` leaked into: {text}");
        }
    }
    assert!(captured_logs().contains("login completed"), "the log did record the login");
}
