"""Log in with Vipps MobilePay: a small Flask backend.

The home page has a "Log in with Vipps" button. /login sends the browser to Vipps with a fresh
state, nonce and PKCE challenge, and keeps the pending login server-side, keyed by its state.
/callback finishes the login with the URL Vipps sent the browser back to, and greets the user
by name. Settings come from the environment, as everywhere in vipps-auth: VIPPS_ENV,
VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, and PUBLIC_URL (where this app is reached, e.g.
http://127.0.0.1:8000; its /callback must be a registered redirect URI).

Run it: see README.md in this folder.
"""

import os
import threading
from html import escape
from typing import Union

from flask import Flask, Response, abort, redirect, request
from werkzeug.wrappers import Response as WerkzeugResponse

import vipps_auth


def shop_app(login: vipps_auth.LoginClient, public_url: str, max_pending: int = 10_000) -> Flask:
    """The shop, logging in with `login` (one per process) and reached at `public_url`."""
    redirect_uri = public_url.rstrip("/") + "/callback"
    # state -> serialised pending login, at most `max_pending` (abandoned ones would pile up):
    # the oldest makes room. With several processes, keep them in a shared store (README.md).
    pending_logins: dict[str, str] = {}
    lock = threading.Lock()
    app = Flask(__name__)

    @app.get("/")
    def home() -> str:
        return page("<p>Welcome to the shop.</p><a id='login' class='vipps' href='/login'>Log in with Vipps</a>")

    @app.get("/login")
    def start_login() -> WerkzeugResponse:
        request_ = vipps_auth.AuthorizeRequest(redirect_uri=redirect_uri, scope="name email")
        authorization = login.authorize_blocking(request_)
        pending = authorization.pending
        with lock:
            if len(pending_logins) >= max_pending:
                del pending_logins[next(iter(pending_logins))]
            pending_logins[pending.state] = pending.serialize()
        return redirect(authorization.url)

    @app.get("/callback")
    def callback() -> Union[str, tuple[str, int]]:
        with lock:
            stored = pending_logins.pop(request.args.get("state", ""), None)
        if stored is None:
            abort(400, "This login is unknown or was already completed: start again.")
        pending = vipps_auth.PendingLogin.restore(stored)
        try:
            result = login.complete_blocking(pending, request.url, with_userinfo=True)
        except vipps_auth.VippsAuthError as error:
            return page(f"<p id='error'>The login failed: {escape(error.hint)}</p><a href='/'>Try again</a>"), 502
        if not isinstance(result, vipps_auth.LoginResult.COMPLETED):
            return page("<p id='cancelled'>You cancelled the login.</p><a href='/login'>Try again</a>")
        user = result.login.userinfo
        return page(f"<p id='greeting'>Hello, {escape(user.name if user and user.name else 'there')}!</p>")

    @app.get("/metrics")
    def metrics() -> Response:
        # Logins started, completed, cancelled; requests to Vipps and how long they took.
        return Response(vipps_auth.metrics_prometheus(), mimetype="text/plain; version=0.0.4")

    return app


def page(body: str) -> str:
    return f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Shop</title></head><body>{body}</body></html>"


def create_app() -> Flask:
    """The app as `flask --app app run` finds it: settings from the environment."""
    if "PUBLIC_URL" not in os.environ:
        raise SystemExit("set PUBLIC_URL (where the browser reaches this app): see README.md in this folder")
    # VIPPS_ENV, VIPPS_CLIENT_ID and VIPPS_CLIENT_SECRET: a missing one raises an error naming it.
    login = vipps_auth.LoginClient.from_env(vipps_auth.Config.from_env())
    return shop_app(login, os.environ["PUBLIC_URL"])


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8000)
