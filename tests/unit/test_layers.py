"""The import boundary: lsp -> engine -> rules + kb (+ syntax), and only lsp sees pygls."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "pygloss"
ALLOWED = {
    # pygloss.files (the bounded reader, walk, glob and safe write) imports nothing
    # else of pygloss, so every layer may use it
    "files": {"files"},
    "syntax": {"syntax"},
    "kb": {"kb"},
    "rules": {"rules", "syntax"},
    "engine": {"engine", "rules", "kb", "syntax"},
    # the static site reads the knowledge base and the rule registry
    "pages": {"pages", "rules", "kb", "syntax", "<root>"},
    "lsp": {"lsp", "engine", "pages", "rules", "kb", "syntax", "<root>"},
    # the command line sits beside the LSP layer: it calls the engine (and starts the server)
    "cli": {"cli", "lsp", "engine", "pages", "rules", "kb", "syntax", "<root>"},
}
LSP_ONLY = ("pygls", "lsprotocol")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layer_imports_go_one_way(path: Path) -> None:
    relative = path.relative_to(PACKAGE)
    layer = relative.parts[0] if len(relative.parts) > 1 else "<root>"
    for name in _imports(path):
        top = name.split(".")[0]
        if top in LSP_ONLY:
            assert layer == "lsp", f"{relative} imports {name}: only pygloss.lsp may"
        if top != "pygloss" or layer not in ALLOWED:
            continue
        parts = name.split(".")
        target = parts[1] if len(parts) > 1 else "<root>"
        if target == "files" and layer != "<root>":
            continue
        if target == "__main__":
            target = "<root>"
        assert target in ALLOWED[layer], f"{relative} ({layer}) must not import {name}"


def test_the_check_sees_every_layer() -> None:
    layers = {p.relative_to(PACKAGE).parts[0] for p in _modules() if p.parent != PACKAGE}
    assert layers == set(ALLOWED) - {"<root>"}
