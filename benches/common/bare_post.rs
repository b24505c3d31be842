//! The floor the SDK's Login requests are measured against: a form POST with HTTP Basic, as
//! a hand-written client would send it.

pub async fn bare_post(http: &reqwest::Client, url: &str, form: String) -> bytes::Bytes {
    let sent = http
        .post(url)
        .basic_auth("emu-client-id", Some("emu-client-secret"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    sent.bytes().await.unwrap()
}
