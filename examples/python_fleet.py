"""Many instances of one Python backend sharing Redis: one token request per refresh for the
whole fleet, and each login completed once, whichever instance the callback reaches."""

import os

import vipps_auth

store = vipps_auth.RedisStore(os.environ["VIPPS_REDIS_URL"])  # redis://user:password@host:6379/0, or rediss://
config = vipps_auth.Config.from_env()  # VIPPS_ENV: test, production, or a base URL

# Machine tokens: this process's cache first, then the fleet's, then Vipps.
tokens = vipps_auth.TokenManager(config, store=store)
keys = vipps_auth.Credentials.from_env()  # VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, VIPPS_MSN
print(f"token: {len(tokens.access_token_blocking(keys).value)} characters", flush=True)

# Login: the pending login waits in Redis, sealed, for whichever instance gets the callback.
login = vipps_auth.LoginClient.from_env(config).with_store(store)
request = vipps_auth.AuthorizeRequest(redirect_uri="https://example.com/app/callback", scope="name email")
print(login.authorize_blocking(request).url, flush=True)  # redirect the browser here

callback = input()  # the redirect handler, on any instance
match login.complete_stored_blocking(callback, with_userinfo=True):
    case vipps_auth.LoginResult.COMPLETED(login=done):
        name = done.userinfo.name if done.userinfo else None
        print(f"logged in: {name} (sub {done.claims.sub})")
    case vipps_auth.LoginResult.CANCELLED():
        print("the user cancelled")
