"""Log in with Vipps MobilePay from Python: the two calls of a backend (see
examples/python-web-login for a Flask app)."""

import vipps_auth

config = vipps_auth.Config.from_env()  # VIPPS_ENV: test, production, or a base URL
login = vipps_auth.LoginClient.from_env(config)  # VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET

# The handler that starts a login: keep the pending login server-side, keyed by its state.
request = vipps_auth.AuthorizeRequest(redirect_uri="https://example.com/app/callback", scope="name email")
authorization = login.authorize_blocking(request)  # `await login.authorize(request)` in async code
stored = {authorization.pending.state: authorization.pending.serialize()}
print(authorization.url)  # redirect the browser here

# The redirect handler: the URL the browser came back to.
callback = input()
pending = vipps_auth.PendingLogin.restore(stored.popitem()[1])
match login.complete_blocking(pending, callback, with_userinfo=True):
    case vipps_auth.LoginResult.COMPLETED(login=done):
        name = done.userinfo.name if done.userinfo else None
        print(f"logged in: {name} (sub {done.claims.sub})")
    case vipps_auth.LoginResult.CANCELLED():
        print("the user cancelled")
