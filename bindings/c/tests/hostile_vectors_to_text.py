"""Writes tests/vectors/hostile_answers.json for a C program: the calls' budget on the first
line, then per case its name and the fault to queue (path and count filled in), a line each."""
import json
import sys

vectors = json.load(open(sys.argv[1]))
calls = vectors["calls"]
with open(sys.argv[2], "w") as out:
    out.write(f"{calls['request_timeout_ms']} {calls['total_timeout_ms']} {calls['max_retries']}\n")
    for case in vectors["cases"]:
        fault = dict(case["fault"], path="/accesstoken/get", count=calls["count"])
        out.write(case["name"] + "\n" + json.dumps(fault, separators=(",", ":")) + "\n")
