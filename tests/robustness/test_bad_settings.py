"""Malformed settings, a bad ``[tool.pygloss]`` and broken user notes: one clear
message naming each problem (once, however many requests follow), defaults for the
rest, and the server keeps answering.
"""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import ROOT
from tests.e2e.helpers import close_doc, initialize, open_doc, position_of
from tests.robustness.common import diagnostics, hover, logged_errors, robust_config

TEXT = "from unittest import mock\n\np = mock.patch('os.remove')\n\ndef f(x=[]):\n    return x\n"
BAD_SETTINGS = {
    "pygloss": {
        "select": 5,  # wrong type
        "ignore": ["PG9"],  # fine (matches nothing)
        "severity": {"PG101": "hint", "PG102": "loud"},  # one good, one bad
        "hover": {"verbosity": "shouty", "mute": "all"},
        "diagnostics": {"enable": "yes", "debounceMs": "fast"},
        "inlayHints": 3,
        "codeLens": {"enable": "sometimes"},
        "maxFileSize": -1,
        "perFileIgnores": ["not", "a", "table"],
        "unknownKey": {"deep": [1, 2, 3]},
    }
}
# each problem and the words its message must contain
EXPECTED = {
    "select": ("select", "5"),
    "severity": ("PG102", "loud"),
    "verbosity": ("verbosity", "shouty"),
    "mute": ("mute",),
    "enable": ("diagnostics.enable",),
    "debounce": ("debounceMs",),
    "inlay": ("inlayHints",),
    "lens": ("codeLens",),
    "size": ("max-file-size", "-1"),
    "per-file": ("per-file-ignores",),
    "unknown": ("unknownKey",),
}


@pytest_lsp.fixture(config=robust_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, capabilities="neovim", options=BAD_SETTINGS)
    yield
    await lsp_client.shutdown_session()


def warnings_about(client: LanguageClient, *words: str) -> list[str]:
    return [
        m.message
        for m in client.log_messages
        if m.type == types.MessageType.Warning and all(w in m.message for w in words)
    ]


async def test_malformed_settings_warn_once_each_and_defaults_apply(
    client: LanguageClient,
) -> None:
    uri = open_doc(client, ROOT / "tests" / "robustness" / "settings_bad.py", TEXT)
    try:
        for _ in range(3):  # several requests: still one message per problem
            report = await diagnostics(client, uri)
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            (finding,) = report.items  # diagnostics on (the bad "enable" is ignored)
            assert finding.code == "PG101"
            assert finding.severity == types.DiagnosticSeverity.Hint  # the good part applied
            shown = await hover(client, uri, position_of(TEXT, "mock.patch", 1))
            assert shown is not None and "mock.patch" in shown.contents.value  # type: ignore[union-attr]
    finally:
        close_doc(client, uri)
    for problem, words in EXPECTED.items():
        assert len(warnings_about(client, *words)) == 1, (problem, words, client.log_messages)
    assert logged_errors(client) == []


async def test_garbage_configuration_changes_keep_the_server_up(client: LanguageClient) -> None:
    uri = open_doc(client, ROOT / "tests" / "robustness" / "settings_garbage.py", TEXT)
    try:
        for garbage in (42, ["a", "b"], {"pygloss": "x"}, None, {"pygloss": {"hover": None}}):
            client.workspace_did_change_configuration(
                types.DidChangeConfigurationParams(settings=garbage)
            )
            report = await diagnostics(client, uri)
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            assert [d.code for d in report.items] == ["PG101"]
        assert warnings_about(client, "settings: expected an object")
    finally:
        close_doc(client, uri)
    assert logged_errors(client) == []


async def test_bad_tool_pygloss_warns_with_the_file_and_key(
    client: LanguageClient, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "pyproject.toml").write_text(
        "[tool.pygloss]\nselect = 5\nseverity = { PG101 = 'loud' }\n"
        "max-file-size = 'big'\nexclude = [1, 2]\ncolour = 'blue'\n",
        encoding="utf-8",
    )
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pyproject.toml").write_text("[tool.pygloss\nselect = [\n", encoding="utf-8")
    seen = len(client.log_messages)
    for folder in (bad, broken):
        uri = open_doc(client, folder / "mod.py", TEXT)
        try:
            for _ in range(2):
                report = await diagnostics(client, uri)
                assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
                # the workspace settings' select = 5 is ignored too: defaults apply
                assert "PG101" in [d.code for d in report.items]
        finally:
            close_doc(client, uri)
    messages = [m.message for m in client.log_messages[seen:]]
    for words in (
        ("select", "5"),
        ("PG101", "loud"),
        ("max-file-size", "big"),
        ("exclude",),
        ("colour", "unknown"),
    ):
        found = [
            m for m in messages if str(bad / "pyproject.toml") in m and all(w in m for w in words)
        ]
        assert len(found) == 1, (words, messages)
    cannot_read = [m for m in messages if str(broken / "pyproject.toml") in m]
    assert len(cannot_read) == 1 and "cannot read" in cannot_read[0]
    assert logged_errors(client, seen) == []


async def test_broken_notes_files_are_named_once(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# mock.patch\n\nMy own words on mock.patch.\n")
    (tmp_path / "binary.md").write_bytes(b"\xff\xfe\x00\x01# mock.patch\n\x80\x81\n" * 50)
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pygloss]\nnotes = ["good.md", "binary.md", "folder.md", "missing.md"]\n'
    )
    seen = len(client.log_messages)
    uri = open_doc(client, tmp_path / "mod.py", TEXT)
    try:
        for _ in range(3):  # the good notes file still shows
            shown = await hover(client, uri, position_of(TEXT, "mock.patch", 1))
            assert shown is not None and "My own words" in shown.contents.value  # type: ignore[union-attr]
        report = await diagnostics(client, uri)
        assert [d.code for d in report.items] == ["PG101"]  # type: ignore[union-attr]
    finally:
        close_doc(client, uri)
    messages = [m.message for m in client.log_messages[seen:]]
    for name in ("binary.md", "folder.md", "missing.md"):
        about = [m for m in messages if name in m]
        assert len(about) == 1, (name, messages)
    assert logged_errors(client, seen) == []
