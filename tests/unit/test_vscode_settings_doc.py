"""The VS Code settings say what docs/hover.md says (issue #20, item 8): each
verbosity's description in client-vscode/package.json is the sentence the docs give,
its line budgets are the renderer's, and the commands it names exist."""

from __future__ import annotations

import json
import re

from pygloss.engine.render import FULL_LINES, RenderOptions
from tests.conftest import ROOT

PACKAGE = json.loads((ROOT / "client-vscode" / "package.json").read_text(encoding="utf-8"))
SETTINGS = PACKAGE["contributes"]["configuration"]["properties"]
HOVER_DOC = (ROOT / "docs" / "hover.md").read_text(encoding="utf-8")


def test_each_verbosity_is_described_as_in_the_docs() -> None:
    verbosity = SETTINGS["pygloss.hover.verbosity"]
    assert verbosity["enum"] == ["brief", "normal", "full"]
    for value, description in zip(verbosity["enum"], verbosity["enumDescriptions"], strict=True):
        documented = re.search(rf"^  - `{value}`(?: \(default\))?: (.+)$", HOVER_DOC, re.MULTILINE)
        assert documented is not None, f"docs/hover.md does not describe {value}"
        assert documented.group(1) == description
    normal, full = verbosity["enumDescriptions"][1:]
    assert f"at most {RenderOptions().max_lines} lines" in normal
    assert "example" in normal  # normal shows a short example when it fits
    assert f"up to {FULL_LINES} lines" in full


def test_the_commands_settings_name_exist() -> None:
    titles = {
        f"{c.get('category', '')}: {c['title']}".lstrip(": ")
        for c in PACKAGE["contributes"]["commands"]
    }
    for name, setting in SETTINGS.items():
        for named in re.findall(
            r"\*\*(pygloss: [^*]+)\*\*", setting.get("markdownDescription", "")
        ):
            assert named in titles, f"{name} names {named!r}, which is not a command"
