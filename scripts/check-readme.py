"""Every program in the README is a file that the test suite compiles and runs.

A code block in a programming language must follow a `<!-- snippet: PATH -->` line and be
exactly the content of PATH (which scripts/test.sh builds and runs against the emulator), so
the README cannot drift from code that works. Shell and text blocks are not checked here.
"""

import pathlib
import re
import sys

CHECKED = {"rust", "python", "kotlin", "java", "c", "cpp", "swift"}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
MARKER = re.compile(r"<!-- snippet: (\S+) -->\s*$")

root = pathlib.Path(__file__).resolve().parent.parent
readme = (root / "README.md").read_text()
problems, checked = [], 0
for block in FENCE.finditer(readme):
    language, body = block.group(1), block.group(2)
    if language not in CHECKED:
        continue
    line = readme.count("\n", 0, block.start()) + 1
    before = readme[: block.start()].rstrip("\n").rsplit("\n", 1)[-1]
    marker = MARKER.search(before)
    if not marker:
        problems.append(f"README.md:{line}: a {language} block without a `<!-- snippet: PATH -->` line before it")
        continue
    path = root / marker.group(1)
    if not path.is_file():
        problems.append(f"README.md:{line}: {marker.group(1)} does not exist")
    elif path.read_text().rstrip("\n") != body.rstrip("\n"):
        problems.append(f"README.md:{line}: the block differs from {marker.group(1)}; copy the file into the README")
    else:
        checked += 1
if problems or checked == 0:
    print("\n".join(problems) or "no snippet found", file=sys.stderr)
    sys.exit(1)
print(f"README: {checked} code blocks are the files the tests build and run")
