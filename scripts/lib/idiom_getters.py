"""Getters as properties, for the Kotlin and Swift rewrites: every zero-argument method of an
object becomes a property, except the actions of bindings/actions.txt (spelt in camelCase, as
Kotlin and Swift spell them)."""

import re
from pathlib import Path
from typing import Callable

LIST = Path(__file__).resolve().parents[2] / "bindings" / "actions.txt"


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


ACTIONS = {
    camel_case(line.strip())
    for line in LIST.read_text().splitlines()
    if line.strip() and not line.startswith("#")
}

Rewrite = Callable[[re.Match[str]], str]


def getters_as_properties(
    lines: list[str], block: re.Pattern[str], declared: re.Pattern[str], defined: re.Pattern[str],
    as_declared: Rewrite, as_defined: Rewrite,
) -> list[str]:
    """Rewrites the getters `declared` inside a `block` (an interface or protocol, ended by a
    `}` line) and `defined` anywhere; each pattern names the method in a group `name`."""
    inside = False
    for i, line in enumerate(lines):
        inside = bool(block.match(line)) or (inside and line != "}")
        if inside and (found := declared.match(line)) and found["name"] not in ACTIONS:
            lines[i] = as_declared(found)
        elif (found := defined.match(line)) and found["name"] not in ACTIONS:
            lines[i] = as_defined(found)
    return lines
