//! The Login part of the demo: a browser-style login, a cancelled one, and a signing-key
//! rotation survived without restart. The demo plays the browser itself.

use crate::demo::{check, login_client, step};
use crate::describe;
use vipps_auth::{AuthorizeRequest, LoginClient, LoginOutcome, Scopes};
use vipps_emulator::Emulator;

const REDIRECT_URI: &str = "https://example.com/app/callback";
const JWKS: &str = "/access-management-1.0/access/.well-known/jwks.json";

pub fn run(emulator: &Emulator) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let client = login_client(emulator)?;
        let browser = Browser::new(emulator)?;

        let name = login(&client, &browser, Consent::AtOnce).await?.ok_or("the login was cancelled")?;
        step(&format!(
            "Login: authorize URL with state, nonce and PKCE S256; the browser came back with a code; ID token verified (RS256, iss, aud, nonce, exp); userinfo says {name}"
        ));

        let cancelled = login(&client, &browser, Consent::Cancel).await?;
        check(cancelled.is_none(), "a login cancelled on the consent page comes back as cancelled")?;
        step("Login cancelled on the consent page: reported as cancelled, not as an error");

        browser.post("/_emulator/rotate-keys", String::new()).await?;
        login(&client, &browser, Consent::AtOnce).await?.ok_or("the login after the rotation was cancelled")?;
        check(emulator.count(JWKS) == 2, "a rotation makes one JWKS refetch")?;
        step("Vipps rotated its signing keys: the next login refetched them once and verified; no restart");
        crate::demo_app::run(emulator, &client).await
    })
}

enum Consent {
    AtOnce,
    Cancel,
}

/// One login through the emulator; the user's name, or `None` when cancelled.
async fn login(client: &LoginClient, browser: &Browser, consent: Consent) -> Result<Option<String>, String> {
    let request = AuthorizeRequest::new(REDIRECT_URI, Scopes::parse("name email").map_err(describe)?);
    let authorization = client.authorize(&request).await.map_err(describe)?;
    let callback = match consent {
        Consent::AtOnce => browser.redirect_of(browser.http.get(&authorization.url)).await?,
        Consent::Cancel => {
            let page = browser.http.get(format!("{}&_emulator_consent=page", authorization.url)).send().await;
            let page = page.map_err(|e| e.to_string())?.text().await.map_err(|e| e.to_string())?;
            let ticket = page.split("name=\"ticket\" value=\"").nth(1).and_then(|rest| rest.split('"').next());
            let form = format!("ticket={}&decision=cancel", ticket.ok_or("no consent page")?);
            browser.post("/access-management-1.0/access/oauth2/auth/consent", form).await?
        }
    };
    match client.complete(&authorization.pending, &callback, true).await.map_err(describe)? {
        LoginOutcome::Completed(login) => Ok(login.userinfo.and_then(|info| info.name)),
        LoginOutcome::Cancelled { .. } => Ok(None),
    }
}

/// What a browser does with redirects, done by hand so each hop can be shown.
pub(crate) struct Browser {
    pub(crate) http: reqwest::Client,
    base_url: String,
}

impl Browser {
    pub(crate) fn new(emulator: &Emulator) -> Result<Self, String> {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build();
        Ok(Browser { http: http.map_err(|e| e.to_string())?, base_url: emulator.base_url().into() })
    }

    async fn post(&self, path: &str, form: String) -> Result<String, String> {
        let request = self.http.post(format!("{}{path}", self.base_url));
        self.redirect_of(request.header("content-type", "application/x-www-form-urlencoded").body(form)).await
    }

    /// Where the answer redirects to (empty when it does not).
    pub(crate) async fn redirect_of(&self, request: reqwest::RequestBuilder) -> Result<String, String> {
        let answer = request.send().await.map_err(|e| e.to_string())?;
        Ok(answer.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned())
    }
}
