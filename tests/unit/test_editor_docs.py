"""docs/editors.md shows the exact Neovim and Emacs setups that CI runs in real
editors (tests/editors/), and covers every editor the docs promise."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "editors.md"


@pytest.mark.parametrize(
    ("snippet", "fence"),
    [
        ("tests/editors/nvim/init.lua", "lua"),
        ("tests/editors/nvim/pygloss.lua", "lua"),
        ("tests/editors/emacs/pygloss.el", "elisp"),
    ],
)
def test_doc_shows_the_snippets_ci_runs(snippet: str, fence: str) -> None:
    code = (ROOT / snippet).read_text()
    assert f"```{fence}\n{code}```" in DOC.read_text()


def test_doc_covers_each_editor() -> None:
    headings = [line for line in DOC.read_text().splitlines() if line.startswith("#")]
    for editor in (
        "Neovim",
        "nvim-lspconfig",
        "Helix",
        "eglot",
        "lsp-mode",
        "Sublime Text",
        "Zed",
        "Kate",
        "JupyterLab",
    ):
        assert any(editor in heading for heading in headings), editor


def test_doc_settings_block_parses_without_warnings() -> None:
    import json

    from pygloss.lsp.settings import parse_settings

    text = DOC.read_text()
    block = text.split("## Settings", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    settings, warnings = parse_settings(json.loads(block))
    assert warnings == []
    assert settings.code_lens and settings.inlay_hints
