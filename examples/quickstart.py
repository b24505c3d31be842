import asyncio

import vipps_auth

# VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
# Or in code: vipps_auth.Config(vipps_auth.Environment.test()), .production(), .custom(url).
tokens = vipps_auth.TokenManager(vipps_auth.Config.from_env())  # one per process
# VIPPS_CLIENT_ID, VIPPS_CLIENT_SECRET, VIPPS_SUBSCRIPTION_KEY, and VIPPS_MSN for partners.
# Or in code: vipps_auth.Credentials(client_id, client_secret, subscription_key, msn=None).
keys = vipps_auth.Credentials.from_env()
token = tokens.access_token_blocking(keys)  # threads share one request
token = asyncio.run(tokens.access_token(keys))  # asyncio: `await tokens.access_token(keys)`
print(f"Authorization: {token.token_type} <{len(token.value)} chars>")
# Vipps answered 401 with this token? tokens.invalidate(keys) and ask again.
