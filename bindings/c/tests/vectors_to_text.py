"""Writes tests/vectors/token_responses.json in a form a C program reads with fscanf."""
import json
import sys

cases = json.load(open(sys.argv[1]))["cases"]
with open(sys.argv[2], "wb") as out:
    for case in cases:
        body = case["body"].encode()
        if "expect" in case:
            expected, lifetime, phrase = "ok", case["expect"]["lifetime_secs"], "-"
        else:
            e = case["expect_error"]
            expected, lifetime, phrase = e["code"], 0, e.get("hint_contains") or "-"
        out.write(f"{case['status']} {case['sent_at']} {len(body)} {expected} {lifetime} {phrase}\n".encode())
        out.write(body + b"\n")
