"""Makes the generated Swift read as Swift: an object's values are read-only properties
(`pending.state`, `phoneLogin.phone`, `tokens.capacity`), as Kotlin's and Python's are; what
acts or costs stays a method (the list in bindings/actions.txt).

    python3 swift_idiom.py GENERATED.swift   (rewrites the file in place)
"""

import re
import sys

from idiom_getters import getters_as_properties

PROTOCOL = re.compile(r"^public protocol \w+Protocol\b")
GETTER_DECLARED = re.compile(r"^    func (?P<name>\w+)\(\)  -> (?P<returns>.+)$")
GETTER_DEFINED = re.compile(r"^open func (?P<name>\w+)\(\) -> (?P<returns>.+)  \{$")


def with_properties(lines: list[str]) -> list[str]:
    return getters_as_properties(
        lines, PROTOCOL, GETTER_DECLARED, GETTER_DEFINED,
        lambda m: f"    var {m['name']}: {m['returns']} {{ get }}",
        lambda m: f"open var {m['name']}: {m['returns']} {{",
    )


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path) as file:
        lines = file.read().split("\n")
    with open(path, "w") as file:
        file.write("\n".join(with_properties(lines)))
