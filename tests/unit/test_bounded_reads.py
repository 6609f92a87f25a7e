"""Every file pygloss reads because a workspace or a setting named it goes through
``pygloss.files`` (regular files only, size and time caps: docs/robustness.md).

A read written directly (``open``, ``Path.read_text``/``read_bytes``/``open``,
``glob``/``rglob``, ``os.walk``) anywhere else in the package fails this test,
unless its module is listed below with what it reads — files pygloss ships, or
a path the user named on the command line.  Two readers added since the bounded
reader existed (``requires-python`` and the MRO hover's module index) read a
workspace's files directly; this test would have caught both.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "pygloss"
READ_ATTRIBUTES = {"read_text", "read_bytes", "rglob", "glob", "iglob", "walk", "open"}
# module (relative to the package) -> what it reads directly, and why that is safe
ALLOWED = {
    "files": "the bounded reader itself",
    "kb": "the knowledge base pygloss ships (and `pygloss kb check DIR`, a folder the user names)",
    "pages": "the static site built from the shipped knowledge base",
    "lsp/pages.py": "the shipped topic files, to name the site built from them",
    "cli/check_input.py": "a non-regular path named on the command line (bounded there)",
    "engine/background.py": "/proc/<pid>/status of its own child process",
    "engine/knowledge.py": "one topic file of the shipped knowledge base",
    "cli/check_cache.py": "os.walk over pygloss's own modules (the cache key's code fingerprint)",
}


def _allowed(relative: Path) -> bool:
    return any(relative.as_posix() == key or relative.parts[0] == key for key in ALLOWED)


def direct_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.append(f"{path.name}:{node.lineno}: open(...)")
        elif isinstance(func, ast.Attribute) and func.attr in READ_ATTRIBUTES:
            owner = ast.unparse(func.value)
            if func.attr == "open" and owner in ("os", "io", "codecs"):
                found.append(f"{path.name}:{node.lineno}: {owner}.open(...)")
            elif func.attr == "open" and not owner.endswith(("path", "Path")):
                continue  # store.open(...), notebooks.open(...): not file reads
            elif func.attr == "walk" and owner != "os":
                continue  # ast.walk, source.walk
            else:
                found.append(f"{path.name}:{node.lineno}: {owner}.{func.attr}(...)")
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "load"
            and ast.unparse(func.value) in ("tomllib", "json", "pickle")
        ):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(func)}(file)")
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if not _allowed(p.relative_to(PACKAGE)))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_workspace_files_are_read_only_through_pygloss_files(path: Path) -> None:
    assert direct_reads(path) == [], "read it with pygloss.files (read_bytes, walk, glob_files)"


def test_the_check_sees_a_direct_read(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import tomllib, os\nfrom pathlib import Path\n"
        "def f(path: Path):\n"
        "    open(path).read()\n    path.read_bytes()\n    Path(path).read_text()\n"
        "    tomllib.load(open(path, 'rb'))\n    os.walk(path)\n    path.rglob('*.md')\n"
    )
    assert len(direct_reads(sample)) == 7
