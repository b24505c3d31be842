"""Writes tests/vectors/phone_inputs.json in a form a C program reads line by line: a header
line per case, then each string on its own line."""
import json
import sys

vectors = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for case in vectors["phone_numbers"]:
        digits = "".join(c for c in case["input"] if c.isdigit())
        if "error" in case:
            out.write(f"P error\n{case['input']}\n{case['reason_contains']}\n{digits[1:] if len(digits) >= 4 else '-'}\n")
        else:
            out.write(f"P ok\n{case['input']}\n{case['login_hint']}\n{case['masked']}\n")
    for case in vectors["binding_messages"]:
        out.write(f"B {'ok' if case['ok'] else 'bad'}\n{case['input']}\n")
