"""Writes tests/vectors/login_token_answers.json and id_tokens.json in a form a C program
reads line by line: a header line per case, then each string on its own line."""
import json
import sys

answers = json.load(open(sys.argv[1]))["cases"]
tokens = json.load(open(sys.argv[2]))
with open(sys.argv[3], "w") as out:
    for case in answers:
        out.write(f"A {case['status']} {case['expect']}\n{case['body']}\n")
    for case in tokens["cases"]:
        out.write(f"T {case['expect']} {tokens['leeway']} {tokens['now']} {case.get('msn', '-')} {case.get('acr', '-')}\n")
        for line in (case["token"], json.dumps(tokens["jwks"]), tokens["issuer"], tokens["client_id"], tokens["nonce"]):
            out.write(line + "\n")
