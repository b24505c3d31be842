"""Makes the generated Kotlin read as Java users write it: the named constructors that
UniFFI puts in companion objects (`Environment.custom(url)`, `PendingLogin.restore(text)`,
`Config.fromEnv()`) become static methods, so Java calls them without `.Companion`.

    python3 kotlin_for_java.py GENERATED.kt   (rewrites the file in place)
"""

import re
import sys

NAMED_CONSTRUCTOR = re.compile(r"^    (@Throws\(\w+::class\) | \*/ )?fun `")


def with_static_constructors(source: str) -> str:
    lines = source.split("\n")
    depth = 0  # brace depth inside a top-level class's companion object; 0 outside one
    for i, line in enumerate(lines):
        if depth == 0:
            depth = 1 if line == "    companion object {" else 0
            continue
        if depth == 1 and NAMED_CONSTRUCTOR.match(line):
            lines[i] = line.replace("fun `", "@JvmStatic fun `", 1)
        depth += line.count("{") - line.count("}")
    return "\n".join(lines)


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path) as file:
        source = file.read()
    with open(path, "w") as file:
        file.write(with_static_constructors(source))
