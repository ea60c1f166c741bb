"""Regenerate the lock files from the requirement inputs with uv (`make lock`).

Each lock is `uv pip compile --generate-hashes --universal` of its input file: every package
with an exact version and the sha256 of each of its distributions, so pip's hash-checking
mode (any pip >= 23) installs exactly that set on Linux, macOS or Windows, Python 3.11+.
The header records the uv version and a digest of the input files (the `-r` includes
followed), so tests/test_lock.py can tell an input edited without relocking.

The dev lock is resolved under the runtime lock as constraints: the tests run on the very
versions `make run` installs.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (lock, input, constraint locks), in build order: a constraint lock is built before its user.
LOCKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("requirements.lock", "requirements.txt", ()),
    ("requirements-dev.lock", "requirements-dev.txt", ("requirements.lock",)),
)
PYTHON_VERSION = "3.11"  # the oldest Python the project supports (pyproject requires-python)
DIGEST_LINE = re.compile(r"^# inputs sha256: ([0-9a-f]{64}) \((.*)\)$", re.M)
INCLUDE_LINE = re.compile(r"^\s*(?:-r|--requirement)[ =]\s*(\S+)", re.M)


def input_files(name: str, root: Path = ROOT) -> list[str]:
    """`name` and every file it includes with `-r`, depth first, each once."""
    seen: list[str] = []

    def walk(rel: str) -> None:
        if rel in seen:
            return
        seen.append(rel)
        for inc in INCLUDE_LINE.findall((root / rel).read_text()):
            walk(str((Path(rel).parent / inc).as_posix()))

    walk(name)
    return seen


def input_digest(name: str, root: Path = ROOT) -> str:
    """sha256 over the names and bytes of `name` and its includes."""
    h = hashlib.sha256()
    for rel in input_files(name, root):
        h.update(rel.encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return h.hexdigest()


def recorded_digest(lock_text: str) -> str | None:
    m = DIGEST_LINE.search(lock_text)
    return m[1] if m else None


def uv_command() -> str:
    # The uv installed beside this interpreter (`make lock` pins it there), else one on PATH.
    local = Path(sys.executable).parent / "uv"
    found = str(local) if local.exists() else shutil.which("uv")
    if found is None:
        sys.exit("uv not found: `make lock` installs the pinned uv into .venv")
    return found


def compile_lock(uv: str, lock: str, source: str, constraints: tuple[str, ...], extra: list[str]) -> None:
    # uv keeps the versions an existing lock pins unless told to upgrade (extra: --upgrade,
    # --upgrade-package NAME), so relocking after one input change moves nothing else.
    cmd = [uv, "pip", "compile", "--quiet", "--generate-hashes", "--universal", *extra]
    cmd += ["--python-version", PYTHON_VERSION, "--custom-compile-command", "make lock"]
    for c in constraints:
        cmd += ["--constraint", c]
    cmd += [source, "--output-file", lock]
    subprocess.run(cmd, cwd=ROOT, check=True)
    version = subprocess.run([uv, "--version"], capture_output=True, text=True, check=True).stdout.split()[1]
    path = ROOT / lock
    text = path.read_text()
    files = " ".join(input_files(source))
    stamp = f"# inputs sha256: {input_digest(source)} ({files})\n# locked with uv {version}\n"
    # After uv's two header lines (its note and the command), before the first package.
    head, sep, rest = text.partition("\n#    make lock\n")
    if not sep:
        sys.exit(f"{lock}: unexpected uv header")
    path.write_text(head + sep + stamp + rest)


def main() -> None:
    uv = uv_command()
    for lock, source, constraints in LOCKS:
        compile_lock(uv, lock, source, constraints, sys.argv[1:])
        print(f"{lock}: from {' '.join(input_files(source))}")


if __name__ == "__main__":
    main()
