//! Answers that are not what Vipps documents give a protocol error, never a panic.

mod common;
use common::*;
use vipps_auth::ErrorCode;

async fn answer_200_with(body: &str) -> vipps_auth::Error {
    let emulator = emulator();
    emulator.inject(Fault { body: Some(body.into()), ..Fault::status(STANDARD, 200, 1) });
    manager(&emulator).access_token(&merchant()).await.unwrap_err()
}

#[tokio::test]
async fn html_truncated_empty_and_wrong_json() {
    for body in [
        "<html><body>Gateway says hi</body></html>",
        r#"{"access_token":"abc","expires_in":"36"#,
        "",
        "[1,2,3]",
        r#"{"token_type":"Bearer","expires_in":"3600"}"#,
        r#"{"access_token":"abc","token_type":"Bearer"}"#,
        r#"{"access_token":"abc","token_type":"MAC","expires_in":60}"#,
        r#"{"access_token":42,"expires_in":60}"#,
    ] {
        let err = answer_200_with(body).await;
        assert_eq!(err.code(), ErrorCode::Protocol, "{body}: {err}");
    }
}

#[tokio::test]
async fn a_huge_body_is_cut_off() {
    let huge = format!(r#"{{"access_token":"{}","expires_in":60}}"#, "x".repeat(2 << 20));
    let err = answer_200_with(&huge).await;
    assert_eq!(err.code(), ErrorCode::Protocol);
    assert!(err.to_string().contains("larger than"), "{err}");
}

#[tokio::test]
async fn an_html_error_page_is_a_refusal_with_its_title() {
    let emulator = emulator();
    emulator.inject(Fault {
        body: Some("<html><head><title>Bad Gateway</title></head></html>".into()),
        ..Fault::status(STANDARD, 502, 10)
    });
    let err = manager(&emulator).access_token(&merchant()).await.unwrap_err();
    assert_eq!(err.server_error().unwrap().description.as_deref(), Some("HTML page: Bad Gateway"));
}
