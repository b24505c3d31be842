"""Strips the native library inside a wheel and rewrites the wheel's RECORD to match.

maturin must build with the symbol table (uniffi-bindgen reads the bindings' metadata from
it); once the Python module is generated, nothing needs it: the module finds its functions
through the dynamic symbol table, which `strip` keeps.

    python strip_wheel.py WHEEL
"""

import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile


def digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def strip(data: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "library")
        with open(path, "wb") as file:
            file.write(data)
        subprocess.run(["strip", "--strip-all", path], check=True)
        with open(path, "rb") as file:
            return file.read()


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    entries = [(info, strip(data) if info.filename.endswith((".so", ".dylib")) else data) for info, data in entries]
    record = next(info.filename for info, _ in entries if info.filename.endswith(".dist-info/RECORD"))
    lines = [f"{info.filename},{digest(data)},{len(data)}" for info, data in entries if info.filename != record]
    lines.append(f"{record},,")
    temporary = wheel + ".tmp"
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            target.writestr(info, "\n".join(lines) + "\n" if info.filename == record else data)
    os.replace(temporary, wheel)


if __name__ == "__main__":
    main(sys.argv[1])
