"""Login costs from Python, each beside its floor in the same run: offline ID-token
verification (RS256 and ES256, the shared vectors' tokens) beside PyJWT + cryptography
verifying the same RS256 token (signature, iss, aud; the library a Python developer would
otherwise use) and, when given criterion's directory, the Rust figure of the same run; and a whole `complete` through the binding (exchange + checks) beside a bare
`http.client` POST of the same exchange on a kept-alive connection.

    python bench_login.py EMULATOR_URL [CRITERION_DIR]
"""

from __future__ import annotations

import base64
import http.client
import json
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import jwt
import vipps_auth
from bench_cached import median_ns

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "tests" / "vectors" / "id_tokens.json").read_text())
CALLS = 20_000
REDIRECT_URI = "https://example.com/app/callback"


def token(name: str) -> str:
    return next(case["token"] for case in VECTORS["cases"] if case["name"] == name)


def id_tokens(criterion: Path | None) -> None:
    jwks, now = json.dumps(VECTORS["jwks"]), datetime.fromtimestamp(VECTORS["now"], timezone.utc)
    issuer, client_id, nonce = VECTORS["issuer"], VECTORS["client_id"], VECTORS["nonce"]

    verifier = vipps_auth.IdTokenVerifier(jwks, issuer, client_id)  # the JWKS read once

    def ours(name):
        value = token(name)
        return lambda: verifier.verify(value, nonce, now=now)

    rs256 = token("valid RS256")
    key = next(jwt.PyJWK(k) for k in VECTORS["jwks"]["keys"] if k["kty"] == "RSA")
    options = {"verify_exp": False, "verify_iat": False, "verify_nbf": False}  # the vector's clock is fixed

    def pyjwt():
        jwt.decode(rs256, key.key, algorithms=["RS256"], audience=client_id, issuer=issuer, options=options)

    figures = {name: median_ns(call, CALLS) for name, call in
               [("vipps_auth RS256", ours("valid RS256")), ("vipps_auth ES256", ours("valid ES256")), ("PyJWT RS256", pyjwt)]}
    for name, ns in figures.items():
        print(f"  ID-token verification, {name:17s} {ns / 1000:7.1f} µs")
    ours_rs256 = figures["vipps_auth RS256"]
    print(f"  vipps_auth vs PyJWT (RS256): {ours_rs256 / figures['PyJWT RS256']:.2f}x (goal <= 0.5x)")
    estimates = criterion / "id_token" / "verify_rs256" / "new" / "estimates.json" if criterion else None
    if estimates and estimates.exists():
        rust = json.loads(estimates.read_text())["median"]["point_estimate"]
        print(f"  vipps_auth from Python vs Rust (criterion median, {rust / 1000:.1f} µs): {ours_rs256 / rust:.2f}x (goal <= 1.5x)")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def follow(url: str) -> str:
    try:
        urllib.request.build_opener(NoRedirect).open(url)
    except urllib.error.HTTPError as answer:
        return answer.headers["Location"]
    raise AssertionError("no redirect")


def complete(url: str, rounds: int = 200) -> None:
    config = vipps_auth.Config(vipps_auth.Environment.custom(url))
    login = vipps_auth.LoginClient(config, "emu-client-id", "emu-client-secret")
    request = vipps_auth.AuthorizeRequest(redirect_uri=REDIRECT_URI, scope="name")
    connection = http.client.HTTPConnection(urllib.parse.urlparse(url).netloc)  # kept alive, as the SDK's
    headers = {"Authorization": "Basic ZW11LWNsaWVudC1pZDplbXUtY2xpZW50LXNlY3JldA==",  # the emulator's fake keys
               "Content-Type": "application/x-www-form-urlencoded"}
    sdk, bare = [], []
    for _ in range(rounds):  # interleaved, each with a fresh code made outside the timing
        authorization = login.authorize_blocking(request)
        callback = follow(authorization.url)
        began = time.perf_counter_ns()
        outcome = login.complete_blocking(authorization.pending, callback, with_userinfo=False)
        assert isinstance(outcome, vipps_auth.LoginResult.COMPLETED)
        sdk.append(time.perf_counter_ns() - began)

        authorization = login.authorize_blocking(request)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(follow(authorization.url)).query)
        verifier = json.loads(base64.urlsafe_b64decode(
            authorization.pending.serialize().removeprefix("vipps-login.v1.") + "=="))["verifier"]
        form = urllib.parse.urlencode({"grant_type": "authorization_code", "code": query["code"][0],
                                       "redirect_uri": REDIRECT_URI, "code_verifier": verifier}).encode()
        began = time.perf_counter_ns()
        connection.request("POST", "/access-management-1.0/access/oauth2/token", body=form, headers=headers)
        answer = connection.getresponse()
        answer.read()
        bare.append(time.perf_counter_ns() - began)
        assert answer.status == 200, answer.status
    s, b = statistics.median(sdk), statistics.median(bare)
    print(f"  complete (exchange + ID-token checks), binding: {s / 1e6:.2f} ms; a bare http.client exchange POST on a kept-alive connection: {b / 1e6:.2f} ms ({s / b:.2f}x)")


if __name__ == "__main__":
    id_tokens(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    complete(sys.argv[1])
