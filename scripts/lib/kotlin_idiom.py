"""Makes the generated Kotlin read as Kotlin and Java users write it:

- an object's values are properties (`pending.state`, `phoneLogin.phone`, `tokens.capacity`;
  `getState()` from Java), as the records' fields are; what acts or costs stays a method
  (`serialize()`, `toJson()`, …: the list in bindings/actions.txt);
- the named constructors UniFFI puts in companion objects (`Environment.custom(url)`,
  `PendingLogin.restore(text)`, `Config.fromEnv()`) become static methods, so Java calls them
  without `.Companion`;
- constructors and static methods with default arguments get `@JvmOverloads`, so
  `new Config(environment)` and `new AuthorizeRequest(redirectUri, "openid name")` compile;
  an object's method with defaults (declared by its interface, where `@JvmOverloads` cannot
  go) gets the overloads written out (`login.withStore(store)`);
- the top-level functions are static methods of `VippsAuth` (`VippsAuth.generateBindingMessage()`,
  not `Vipps_authKt`);
- every suspending method gets a twin for Java returning a `CompletableFuture`
  (`login.completeAsync(pending, callback, true)`), made by `javaFuture` (Futures.kt).

    python3 kotlin_idiom.py GENERATED.kt   (rewrites the file in place)
"""

import re
import sys

from idiom_getters import getters_as_properties

NAMED_CONSTRUCTOR = re.compile(r"^    (@Throws\(\w+::class\) | \*/ )?fun `")
SUSPENDING = re.compile(r"^    override suspend fun `(\w+)`\((.*)\) : (.+) \{$")
PARAMETER_NAME = re.compile(r"`(\w+)`:")
GETTER_DECLARED = re.compile(r"^    fun `(?P<name>\w+)`\(\): (?P<returns>.+)$")
GETTER_DEFINED = re.compile(r"^(?P<prefix>    |     \*/)override fun `(?P<name>\w+)`\(\): (?P<returns>.+) \{$")
INTERFACE = re.compile(r"^public interface (\w+)Interface \{$")
CLASS = re.compile(r"^open class (\w+)\b")
DECLARED_WITH_DEFAULTS = re.compile(r"^    fun `(\w+)`\((.* = .*)\): (.+)$")
OVERRIDE = re.compile(r"^(    |     \*/)override fun `(\w+)`\(")
# A parameter with an optional default; types and defaults hold no comma in this API.
PARAMETER = re.compile(r"`(\w+)`: ([^,=]+?)(?: = ([^,]+))?(?:, |$)")


def with_static_constructors(lines: list[str]) -> list[str]:
    depth = 0  # brace depth inside a top-level class's companion object; 0 outside one
    for i, line in enumerate(lines):
        if depth == 0:
            depth = 1 if line == "    companion object {" else 0
            continue
        if depth == 1 and NAMED_CONSTRUCTOR.match(line):
            lines[i] = line.replace("fun `", "@JvmStatic fun `", 1)
        depth += line.count("{") - line.count("}")
    return lines


def with_properties(lines: list[str]) -> list[str]:
    return getters_as_properties(
        lines, INTERFACE, GETTER_DECLARED, GETTER_DEFINED,
        lambda m: f"    val `{m['name']}`: {m['returns']}",
        lambda m: f"{m['prefix']}override val `{m['name']}`: {m['returns']} get() {{",
    )


def with_overloads(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if "@JvmStatic fun `" in line and " = " in line:
            lines[i] = line.replace("@JvmStatic fun `", "@JvmStatic @JvmOverloads fun `", 1)
        elif line.startswith("    constructor(") and " = " in line:
            lines[i] = "    @JvmOverloads " + line.lstrip()
        elif re.match(r"^data class \w+ \($", line):
            parameters = lines[i + 1 : lines.index("){", i)]
            if any(re.search(r" = .+ $", p) for p in parameters):
                lines[i] = line.replace(" (", " @JvmOverloads constructor (", 1)
    return lines


def with_method_overloads(lines: list[str]) -> list[str]:
    defaults: dict[tuple[str, str], tuple[list[tuple[str, str, str]], str]] = {}
    owner = None  # the class whose interface or body this line is in
    out: list[str] = []
    for line in lines:
        interface, cls = INTERFACE.match(line), CLASS.match(line)
        owner = interface.group(1) if interface else cls.group(1) if cls else owner
        declared, override = DECLARED_WITH_DEFAULTS.match(line), OVERRIDE.match(line)
        if declared and interface is None and owner:
            name, parameters, returns = declared.groups()
            defaults[(owner, name)] = (PARAMETER.findall(parameters), returns)
        elif override and (owner, override.group(2)) in defaults:
            name = override.group(2)
            parameters, returns = defaults[(owner, name)]
            start = doc_start(out, open_doc=override.group(1) != "    ")
            out[start:start] = java_overloads(name, parameters, returns)
        out.append(line)
    return out


def java_overloads(name: str, parameters: list[tuple[str, str, str]], returns: str) -> list[str]:
    """`name` without each run of trailing defaulted parameters, as `@JvmOverloads` makes them."""
    out = []
    for cut in range(len(parameters) - 1, -1, -1):
        if not parameters[cut][2]:
            break
        kept, dropped = parameters[:cut], parameters[cut:]
        declared = ", ".join(f"`{p}`: {t}" for p, t, _ in kept)
        passed = ", ".join([f"`{p}`" for p, _, _ in kept] + [default for _, _, default in dropped])
        out.append(f"    /** [{name}] with `{'`, `'.join(p for p, _, _ in dropped)}` at the default, for Java. */")
        out.append(f"    fun `{name}`({declared}): {returns} = `{name}`({passed})")
    return out


def with_class_name(lines: list[str]) -> list[str]:
    at = lines.index("package no.vipps.auth")
    return lines[:at] + ['@file:JvmName("VippsAuth")', ""] + lines[at:]


def with_futures(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        found = SUSPENDING.match(line)
        if found:
            name, parameters, returns = found.groups()
            arguments = ", ".join(f"`{p}`" for p in PARAMETER_NAME.findall(parameters))
            start = doc_start(out)
            out[start:start] = [
                f"    /** [{name}] for Java: a future; cancelling it stops the wait. */",
                f"    fun `{name}Async`({parameters}): java.util.concurrent.CompletableFuture<{returns}> =",
                f"        javaFuture {{ `{name}`({arguments}) }}",
                "",
            ]
        out.append(line)
    return out


def doc_start(lines: list[str], open_doc: bool = False) -> int:
    """Where the annotations and KDoc just above the end of `lines` begin; `open_doc` when
    the next line closes the KDoc (`     */override fun ...`)."""
    i = len(lines)
    while i > 0 and lines[i - 1].startswith("    @"):
        i -= 1
    if open_doc or (i > 0 and lines[i - 1] == "     */"):
        while not lines[i - 1].startswith("    /**"):
            i -= 1
        i -= 1
    return i


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path) as file:
        lines = file.read().split("\n")
    for rewrite in (
        with_static_constructors,
        with_properties,
        with_overloads,
        with_method_overloads,
        with_class_name,
        with_futures,
    ):
        lines = rewrite(lines)
    with open(path, "w") as file:
        file.write("\n".join(lines))
