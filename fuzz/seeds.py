"""Seeds every fuzz target's corpus from the shared vectors (tests/vectors/), so that each
starts from inputs that reach its parser's deeper paths. Usage: seeds.py VECTORS_DIR CORPUS_DIR"""
import hashlib
import json
import pathlib
import sys

vectors, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
load = lambda name: json.loads((vectors / name).read_text())
STATUS_200 = b"\x00"  # the first byte picks the status: 0 is 200

tokens, login_answers = load("token_responses.json"), load("login_token_answers.json")
id_tokens, app_urls = load("id_tokens.json"), load("app_urls.json")
callbacks, phones, hostile = load("callbacks.json"), load("phone_inputs.json"), load("hostile_answers.json")
header_values = [h for c in hostile["cases"] for h in c["fault"].get("headers", {}).values()]
phone_numbers = [p["input"] if isinstance(p, dict) else p for p in phones["phone_numbers"]]
discovery = {
    "issuer": "https://apitest.vipps.no/access-management-1.0/access/",
    "authorization_endpoint": "https://apitest.vipps.no/access-management-1.0/access/oauth2/auth",
    "token_endpoint": "https://apitest.vipps.no/access-management-1.0/access/oauth2/token",
    "jwks_uri": "https://apitest.vipps.no/access-management-1.0/access/.well-known/jwks.json",
    "userinfo_endpoint": "https://apitest.vipps.no/vipps-userinfo-api/userinfo",
    "backchannel_authentication_endpoint": "https://apitest.vipps.no/vipps-login-ciba/api/backchannel/authentication",
}
seeds = {
    "token_response": [STATUS_200 + c["body"].encode() for c in tokens["cases"]],
    "login_token_answer": [STATUS_200 + c["body"].encode() for c in login_answers["cases"]],
    "cache_headers": [v.encode() for v in header_values] + [b"max-age=3600", b"120", b"public, max-age=60"],
    "discovery": [b"\x00" + json.dumps(discovery).encode()],
    "jwks": [json.dumps(id_tokens["jwks"]).encode()],
    "id_token": [c["token"].encode() for c in id_tokens["cases"]],
    "callback": [c["input"].encode() for c in callbacks["cases"]],
    "app_url": [c["url"].encode() for c in app_urls["cases"]],
    "phone_number": [p.encode() for p in phone_numbers],
    "pending_login": [p.encode() for p in app_urls["pending_logins"]],
    "code_handoff": [b'{"v":1,"code":"the-code-123","state":"state-123456"}',
                     b'{"v":1,"code":"c","state":"state-123456","code_verifier":"' + b"v" * 43
                     + b'","nonce":"n","redirect_uri":"https://example.com/app/callback"}'],
    "userinfo": [b'{"sub":"c0ffee00-4712","name":"Kari Nordmann","email":"kari@example.com",'
                 b'"address":{"street_address":"Gate 1","postal_code":"0150","country":"NO"}}'],
    "phone_login_answers": [STATUS_200 + b'{"auth_req_id":"r","expires_in":600,"interval":5}',
                            b"\x02" + b'{"error":"authorization_pending"}', b"\x02" + b'{"error":"slow_down"}'],
}
for target, inputs in seeds.items():
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    for data in inputs:
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
print(f"seeded {sum(map(len, seeds.values()))} inputs for {len(seeds)} targets")
