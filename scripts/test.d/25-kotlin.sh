#!/usr/bin/env bash
# Kotlin/JVM: Maven builds the library with cargo, generates the bindings, compiles them and
# runs the JUnit suite through JNA against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -Dstyle.color=never -f bindings/kotlin test
python3 - bindings/kotlin/target/surefire-reports <<'PY'
import sys, pathlib, xml.etree.ElementTree as ET
suites = [ET.parse(p).getroot() for p in pathlib.Path(sys.argv[1]).glob("TEST-*.xml")]
count = lambda key: sum(int(s.get(key)) for s in suites)
print(f"Kotlin: {count('tests')} tests in {len(suites)} classes, {count('failures') + count('errors')} failed")
assert count("tests") > 0
PY
