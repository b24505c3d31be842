import asyncio
import os

import vipps_auth

# VIPPS_ENV: "test", "production", or a base URL such as the emulator's.
# Or by name: vipps_auth.Environment.test(), .production(), .custom(url).
tokens = vipps_auth.TokenManager(vipps_auth.Config(vipps_auth.Environment(os.environ["VIPPS_ENV"])))  # one per process
keys = vipps_auth.Credentials(
    os.environ["VIPPS_CLIENT_ID"],
    os.environ["VIPPS_CLIENT_SECRET"],
    os.environ["VIPPS_SUBSCRIPTION_KEY"],
    msn=os.environ.get("VIPPS_MSN"),  # Merchant-Serial-Number: for partners
)
token = tokens.access_token_blocking(keys)  # threads share one request
token = asyncio.run(tokens.access_token(keys))  # asyncio: `await tokens.access_token(keys)`
print(f"Authorization: {token.token_type} <{len(token.value)} chars>")
# Vipps answered 401 with this token? tokens.invalidate(keys) and ask again.
