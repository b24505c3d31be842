//! Rewrites the generated Python module so that it reads like Python and type-checks under
//! `mypy --strict`, without changing what it does:
//!
//! - an object's data are properties (`pending.state`), not methods (`pending.state()`);
//!   calls that do work or read something live stay methods;
//! - the error variants are module-level classes mypy can see (`ServerRefused`), still
//!   reachable as `VippsAuthError.ServerRefused`, the base class declares the fields every
//!   variant has (`code`, `detail`, `hint`), and each variant's constructor is typed, so its
//!   own fields are too (`ServerRefused.status: int`, not `Any`);
//! - optional arguments default to `None` in signatures and `help()`, not to a sentinel
//!   `object()` typed `Union[object, Optional[...]]`.

use std::{collections::HashMap, fs, io, path::Path};

/// Zero-argument methods that stay methods: they do work, or read something that changes.
/// One list for every language's generator.
const ACTIONS: &str = include_str!("../../actions.txt");

/// Where the generator wraps the error variants in a dummy class mypy ignores.
const ERROR_WRAPPER: &str = "class VippsAuthError:  # type: ignore";
const ERROR_END: &str = "VippsAuthError = _UniffiTempVippsAuthError";
const ERROR_BASE: &str = "class VippsAuthError(Exception):";
const ERROR_FIELDS: &str = "    code: int\n    detail: str\n    hint: str\n";

pub fn rewrite_dir(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "py") {
            let text = fs::read_to_string(&path)?;
            if text.contains(ERROR_WRAPPER) {
                fs::write(&path, rewrite(&text))?;
            }
        }
    }
    Ok(())
}

fn rewrite(module: &str) -> String {
    let mut out = String::with_capacity(module.len() + 4096);
    let (mut in_errors, mut in_wrapper_docstring, mut in_base) = (false, false, false);
    let field_types = error_field_types(module);
    let mut variant = None;
    for line in module.lines() {
        if line == ERROR_BASE {
            in_base = true;
        } else if in_base && line == "    pass" {
            in_base = false;
            out.push_str(ERROR_FIELDS);
            continue;
        }
        if line == ERROR_WRAPPER {
            (in_errors, in_wrapper_docstring) = (true, true);
            continue;
        }
        if in_wrapper_docstring {
            // Opened by an indented `"""`, closed by one at the start of a line.
            in_wrapper_docstring = line != "\"\"\"";
            continue;
        }
        if line.starts_with(ERROR_END) {
            in_errors = false;
        }
        let line = if in_errors { line.strip_prefix("    ").unwrap_or(line) } else { line };
        if in_errors {
            if let Some(name) =
                line.strip_prefix("class ").and_then(|rest| rest.split_once("(_UniffiTempVippsAuthError)"))
            {
                variant = field_types.get(name.0);
            }
            if let Some(typed) = variant.and_then(|types| typed_init(line, types)) {
                out.push_str(&typed);
                out.push('\n');
                continue;
            }
        }
        if is_property(line) {
            out.push_str("    @property\n");
        }
        out.push_str(&none_defaults(line));
        out.push('\n');
    }
    out
}

/// Each error variant's field types, in order, from the converter that reads it off the wire:
/// `return VippsAuthError.ServerRefused(` then one `_UniffiFfiConverterInt32.read(buf),` a field.
fn error_field_types(module: &str) -> HashMap<&str, Vec<String>> {
    let mut types = HashMap::new();
    let mut reading: Option<(&str, Vec<String>)> = None;
    for line in module.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix("return VippsAuthError.").and_then(|rest| rest.strip_suffix('(')) {
            reading = Some((name, Vec::new()));
        } else if let Some((name, fields)) = reading.as_mut() {
            match line.strip_prefix("_UniffiFfiConverter").and_then(|rest| rest.strip_suffix(".read(buf),")) {
                Some(converter) => fields.push(python_type(converter).unwrap_or_default()),
                None => {
                    if fields.iter().all(|field| !field.is_empty()) {
                        types.insert(*name, std::mem::take(fields));
                    }
                    reading = None;
                }
            }
        }
    }
    types
}

/// The Python type a scalar converter reads; `None` for one this rewrite does not know.
fn python_type(converter: &str) -> Option<String> {
    if let Some(inner) = converter.strip_prefix("Optional") {
        return python_type(inner).map(|inner| format!("typing.Optional[{inner}]"));
    }
    let scalar = match converter {
        "Boolean" => "bool",
        "String" => "str",
        "Float" | "Double" => "float",
        "Int8" | "Int16" | "Int32" | "Int64" | "UInt8" | "UInt16" | "UInt32" | "UInt64" => "int",
        _ => return None,
    };
    Some(scalar.to_owned())
}

/// `    def __init__(self, code, detail):` with the variant's field types filled in.
fn typed_init(line: &str, types: &[String]) -> Option<String> {
    let names = line.strip_prefix("    def __init__(self, ")?.strip_suffix("):")?;
    let names: Vec<&str> = names.split(", ").collect();
    (names.len() == types.len()).then(|| {
        let typed: Vec<String> = names.iter().zip(types).map(|(name, ty)| format!("{name}: {ty}")).collect();
        format!("    def __init__(self, {}) -> None:", typed.join(", "))
    })
}

/// Whether `line` declares a zero-argument method of an object that should be a property.
fn is_property(line: &str) -> bool {
    let name = line.strip_prefix("    def ").and_then(|rest| rest.split_once("(self, ) -> "));
    name.is_some_and(|(name, _)| !is_action(name))
}

fn is_action(name: &str) -> bool {
    ACTIONS.lines().any(|line| !line.starts_with('#') && line.trim() == name)
}

/// `x: typing.Union[object, typing.Optional[T]] = _DEFAULT` and
/// `x:typing.Optional[T] = _DEFAULT` become `x: typing.Optional[T] = None`.
fn none_defaults(line: &str) -> String {
    const MARK: &str = " = _DEFAULT";
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(MARK) {
        let (head, tail) = rest.split_at(at);
        let annotation_start = annotation_start(head);
        let annotation = head[annotation_start..].trim();
        let optional = annotation
            .strip_prefix("typing.Union[object, ")
            .and_then(|inner| inner.strip_suffix(']'))
            .unwrap_or(annotation);
        if optional.starts_with("typing.Optional[") {
            out.push_str(&head[..annotation_start]);
            out.push(' ');
            out.push_str(optional);
            out.push_str(" = None");
        } else {
            out.push_str(head);
            out.push_str(MARK);
        }
        rest = &tail[MARK.len()..];
    }
    out.push_str(rest);
    out
}

/// Where the annotation ending `head` starts: after the last `:` outside brackets.
fn annotation_start(head: &str) -> usize {
    let mut depth = 0i32;
    for (at, c) in head.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' => depth -= 1,
            ':' if depth == 0 => return at + 1,
            _ => {}
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_arguments_default_to_none() {
        let line =
            "    def __init__(self, url: str,timeout_ms: typing.Union[object, typing.Optional[int]] = _DEFAULT):";
        assert_eq!(none_defaults(line), "    def __init__(self, url: str,timeout_ms: typing.Optional[int] = None):");
        let line = "def f(*, a:typing.Optional[typing.List[str]] = _DEFAULT, b:typing.List[str] = _DEFAULT):";
        assert_eq!(
            none_defaults(line),
            "def f(*, a: typing.Optional[typing.List[str]] = None, b:typing.List[str] = _DEFAULT):"
        );
    }

    #[test]
    fn error_variants_are_typed_from_their_converter() {
        let module = "class VippsAuthError:  # type: ignore\n    \"\"\"\n\"\"\"\n\
            \x20   class ServerRefused(_UniffiTempVippsAuthError):\n\
            \x20       def __init__(self, code, status, error):\n            pass\n\
            VippsAuthError = _UniffiTempVippsAuthError # type: ignore\n\
            \x20       if variant == 3:\n            return VippsAuthError.ServerRefused(\n\
            \x20               _UniffiFfiConverterInt32.read(buf),\n\
            \x20               _UniffiFfiConverterUInt16.read(buf),\n\
            \x20               _UniffiFfiConverterOptionalString.read(buf),\n            )\n";
        assert!(rewrite(module).contains(
            "class ServerRefused(_UniffiTempVippsAuthError):\n    def __init__(self, code: int, status: int, error: typing.Optional[str]) -> None:\n"
        ));
        let unknown = module.replace("UInt16", "TypeCustom");
        assert!(rewrite(&unknown).contains("    def __init__(self, code, status, error):\n"));
    }

    #[test]
    fn getters_become_properties_and_errors_module_level() {
        let module = "class VippsAuthError(Exception):\n    \"\"\"Doc.\"\"\"\n    pass\n_UniffiTempVippsAuthError = VippsAuthError\n\
            class VippsAuthError:  # type: ignore\n    \"\"\"\n    Doc.\n\"\"\"\n    \n\
            \x20   class Network(_UniffiTempVippsAuthError):\n        pass\n\
            \x20   _UniffiTempVippsAuthError.Network = Network # type: ignore\n\n\
            VippsAuthError = _UniffiTempVippsAuthError # type: ignore\n\
            class PendingLogin:\n    def state(self, ) -> str:\n        pass\n    def serialize(self, ) -> str:\n";
        let out = rewrite(module);
        assert!(out.contains(
            "\nclass Network(_UniffiTempVippsAuthError):\n    pass\n_UniffiTempVippsAuthError.Network = Network"
        ));
        assert!(out.starts_with("class VippsAuthError(Exception):\n    \"\"\"Doc.\"\"\"\n    code: int\n"));
        assert!(!out.contains("\n    Doc.") && !out.contains("# type: ignore\n    \"\"\""));
        assert!(out.contains("    @property\n    def state(self, ) -> str:"));
        assert!(out.contains("        pass\n    def serialize(self, ) -> str:"));
    }
}
