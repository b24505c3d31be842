"""Makes the generated Swift read as Swift: an object's values are read-only properties
(`pending.state`, `phoneLogin.phone`, `tokens.capacity`), as Kotlin's and Python's are; what
acts or costs stays a method (the list in bindings/actions.txt).

    python3 swift_idiom.py GENERATED.swift   (rewrites the file in place)
"""

import re
import sys

from idiom_actions import ACTIONS

PROTOCOL = re.compile(r"^public protocol \w+Protocol\b")
GETTER_DECLARED = re.compile(r"^    func (\w+)\(\)  -> (.+)$")
GETTER_DEFINED = re.compile(r"^open func (\w+)\(\) -> (.+)  \{$")


def with_properties(lines: list[str]) -> list[str]:
    in_protocol = False
    for i, line in enumerate(lines):
        if PROTOCOL.match(line):
            in_protocol = True
        elif line == "}":
            in_protocol = False
        declared, defined = GETTER_DECLARED.match(line), GETTER_DEFINED.match(line)
        if in_protocol and declared and declared.group(1) not in ACTIONS:
            lines[i] = f"    var {declared.group(1)}: {declared.group(2)} {{ get }}"
        elif defined and defined.group(1) not in ACTIONS:
            lines[i] = f"open var {defined.group(1)}: {defined.group(2)} {{"
    return lines


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path) as file:
        lines = file.read().split("\n")
    with open(path, "w") as file:
        file.write("\n".join(with_properties(lines)))
