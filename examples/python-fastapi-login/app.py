"""Log in with Vipps MobilePay: a small FastAPI backend, asyncio all the way.

The home page has a "Log in with Vipps" button. /login sends the browser to Vipps with a fresh
state, nonce and PKCE challenge, and keeps the pending login server-side, keyed by its state.
/callback finishes the login with the URL Vipps sent the browser back to, and greets the user
by name. Every call to Vipps is awaited: no thread waits on the network. Settings come from
the environment: VIPPS_ENV, VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, and PUBLIC_URL (where this
app is reached, e.g. http://127.0.0.1:8000; its /callback must be a registered redirect URI).

Run it: see README.md in this folder.
"""

import os
from html import escape

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

import vipps_auth


def shop_app(login: vipps_auth.LoginClient, public_url: str, max_pending: int = 10_000) -> FastAPI:
    """The shop, logging in with `login` (one per process) and reached at `public_url`."""
    redirect_uri = public_url.rstrip("/") + "/callback"
    # state -> serialised pending login, at most `max_pending` (abandoned ones would pile up):
    # the oldest makes room. One event loop, so no lock; with several processes, keep them in
    # a shared store (README.md).
    pending_logins: dict[str, str] = {}
    app = FastAPI(title="Shop")

    @app.get("/", response_class=HTMLResponse)
    async def home() -> str:
        return page("<p>Welcome to the shop.</p><a id='login' class='vipps' href='/login'>Log in with Vipps</a>")

    @app.get("/login")
    async def start_login() -> RedirectResponse:
        authorization = await login.authorize(vipps_auth.AuthorizeRequest(redirect_uri=redirect_uri, scope="name email"))
        pending = authorization.pending
        if len(pending_logins) >= max_pending:
            del pending_logins[next(iter(pending_logins))]
        pending_logins[pending.state] = pending.serialize()
        return RedirectResponse(authorization.url, status_code=302)

    @app.get("/callback", response_class=HTMLResponse)
    async def callback(request: Request, state: str = "") -> HTMLResponse:
        stored = pending_logins.pop(state, None)
        if stored is None:
            raise HTTPException(400, "This login is unknown or was already completed: start again.")
        pending = vipps_auth.PendingLogin.restore(stored)
        try:
            result = await login.complete(pending, str(request.url), with_userinfo=True)
        except vipps_auth.VippsAuthError as error:
            body = f"<p id='error'>The login failed: {escape(error.hint)}</p><a href='/'>Try again</a>"
            return HTMLResponse(page(body), status_code=502)
        match result:
            case vipps_auth.LoginResult.COMPLETED(login=done):
                name = done.userinfo.name if done.userinfo and done.userinfo.name else "there"
                return HTMLResponse(page(f"<p id='greeting'>Hello, {escape(name)}!</p>"))
            case _:
                return HTMLResponse(page("<p id='cancelled'>You cancelled the login.</p><a href='/login'>Try again</a>"))

    @app.get("/metrics", response_class=PlainTextResponse)
    async def metrics() -> PlainTextResponse:
        # Logins started, completed, cancelled; requests to Vipps and how long they took.
        return PlainTextResponse(vipps_auth.metrics_prometheus(), media_type="text/plain; version=0.0.4")

    return app


def page(body: str) -> str:
    return f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Shop</title></head><body>{body}</body></html>"


def create_app() -> FastAPI:
    """The app as `uvicorn --factory app:create_app` makes it: settings from the environment."""
    if "PUBLIC_URL" not in os.environ:
        raise SystemExit("set PUBLIC_URL (where the browser reaches this app): see README.md in this folder")
    # VIPPS_ENV, VIPPS_CLIENT_ID and VIPPS_CLIENT_SECRET: a missing one raises an error naming it.
    login = vipps_auth.LoginClient.from_env(vipps_auth.Config.from_env())
    return shop_app(login, os.environ["PUBLIC_URL"])
