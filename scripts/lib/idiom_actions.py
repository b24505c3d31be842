"""The zero-argument methods that stay methods (bindings/actions.txt), in camelCase as Kotlin
and Swift spell them."""

from pathlib import Path

LIST = Path(__file__).resolve().parents[2] / "bindings" / "actions.txt"


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


ACTIONS = {
    camel_case(line.strip())
    for line in LIST.read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
