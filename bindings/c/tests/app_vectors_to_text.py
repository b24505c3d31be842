"""Writes tests/vectors/app_urls.json in a form a C program reads line by line: `L` and a
stored pending login per line, then per case `U <expect> <state or ->` and the URL and the
expected detail (code, resume URI or error; `-` when none is checked) on their own lines."""
import json
import sys

vectors = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for pending in vectors["pending_logins"]:
        out.write(f"L\n{pending}\n")
    for case in vectors["cases"]:
        detail = case.get("code") or case.get("resume_uri") or case.get("error") or "-"
        out.write(f"U {case['expect']} {case.get('state', '-')}\n{case['url']}\n{detail}\n")
