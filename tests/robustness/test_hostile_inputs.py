"""Hostile input through the LSP layer: each case gets a clean answer (an empty result
or a well-formed one), logs no error, and the next request still works.

One server for the module (Neovim's capabilities: pulled diagnostics, UTF-8
positions).  After every case :func:`still_works` checks a small document's hover
and PG101 diagnostic, so a case that wedged the server fails there.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import ROOT
from tests.e2e.helpers import change_doc, close_doc, initialize, open_doc, range_of
from tests.robustness.common import (
    code_actions,
    diagnostics,
    end_position,
    hover,
    live_documents,
    logged_errors,
    open_uri,
    robust_config,
    server_text,
    within,
)

HERE = ROOT / "tests" / "robustness"
SENTINEL = (
    "from unittest import mock\n\np = mock.patch('os.remove')\n\ndef f(x=[]):\n    return x\n"
)
DEEP_DEFS = "".join(f"{'    ' * i}def f{i}(x=[]):\n" for i in range(200)) + "    " * 200 + "pass\n"
DEEP_BRACKETS = "x = " + "[" * 1000 + "]" * 1000 + "\n\ndef f(x=[]):\n    return x\n"
DEEP_CALLS = "y = " + "f(" * 1000 + ")" * 1000 + "\n"
DEEP_OPERATORS = "z = " + " + ".join(["a"] * 20000) + "\n"
# the parser itself gives up on these (MemoryError; RecursionError building the tree):
# that statement is reported as too deeply nested, the rest of the file is analysed
PG101_AFTER = "\n\ndef f(x=[]):\n    return x\n"
DEEP_UNARY = "u = " + "-" * 100_000 + "1" + PG101_AFTER
LONG_ATTRIBUTES = "v = a" + ".b" * 100_000 + PG101_AFTER


@pytest_lsp.fixture(config=robust_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(
        lsp_client, capabilities="neovim", options={"pygloss": {"diagnostics": {"debounceMs": 0}}}
    )
    yield
    await lsp_client.shutdown_session()


async def still_works(client: LanguageClient) -> None:
    """A fresh small document is answered as usual."""
    uri = open_doc(client, HERE / "sentinel.py", SENTINEL)
    try:
        report = await diagnostics(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [d.code for d in report.items] == ["PG101"]
        found = await hover(client, uri, types.Position(line=2, character=6))
        assert found is not None and "mock.patch" in found.contents.value  # type: ignore[union-attr]
    finally:
        close_doc(client, uri)


async def exercise(client: LanguageClient, uri: str, text: str) -> list[types.Diagnostic]:
    """Hover at a few places (including past the end), pull diagnostics, ask for
    actions on the whole text and for fix-all; return the diagnostics."""
    lines = text.splitlines() or [""]
    for line in (0, len(lines) // 2, len(lines) - 1):
        for character in (0, len(lines[line]) // 2, 10**6):
            await hover(client, uri, types.Position(line=line, character=character))
    await hover(client, uri, end_position())
    report = await diagnostics(client, uri)
    whole = types.Range(start=types.Position(line=0, character=0), end=end_position())
    await code_actions(client, uri, whole)
    await code_actions(client, uri, whole, ["source.fixAll.pygloss"])
    if isinstance(report, types.RelatedFullDocumentDiagnosticReport):
        return list(report.items)
    return []


CASES = [
    pytest.param("", [], id="empty"),
    pytest.param("x = 1\x00\ny = 2\n\ndef f(x=[]):\n    return x\n", ["PG101"], id="nul-bytes"),
    pytest.param("\ufeffdef f(x=[]):\n    return x\n", ["PG101"], id="bom"),
    pytest.param("import os\rdef f(x=[]):\r    return x\r", ["PG101"], id="cr-only"),
    pytest.param("def f(x=[]):\r\n\treturn x\r\n", ["PG101"], id="crlf-tabs"),
    pytest.param(DEEP_BRACKETS, ["PG101"], id="brackets-1000-deep"),
    pytest.param(DEEP_CALLS, [], id="calls-1000-deep"),
    pytest.param(DEEP_OPERATORS, [], id="operators-20000-long"),
    pytest.param(DEEP_UNARY, ["PG101"], id="unary-100000-deep"),
    pytest.param(LONG_ATTRIBUTES, ["PG101"], id="attributes-100000-long"),
    pytest.param(DEEP_DEFS, None, id="defs-200-deep"),
    pytest.param("x = [" + "1, " * 340_000 + "]\n", [], id="one-line-1mb"),
    pytest.param("s = '" + "😀中" * 1000 + "\nprint(s", [], id="unterminated-emoji"),
    pytest.param("x = '\ufffd\ufffd'\n\ufffd\n", [], id="replacement-chars"),
]


@pytest.mark.parametrize(("text", "codes"), CASES)
async def test_hostile_text_is_answered_cleanly(
    client: LanguageClient, text: str, codes: list[str] | None, request: pytest.FixtureRequest
) -> None:
    seen = len(client.log_messages)
    uri = open_doc(client, HERE / f"hostile_{request.node.callspec.id}.py", text)
    try:
        found = await exercise(client, uri, text)
        if codes is not None:
            assert [d.code for d in found] == codes
        held = await server_text(client, uri)
        assert held is not None and held["text"] == text
    finally:
        close_doc(client, uri)
    assert logged_errors(client, seen) == []
    await still_works(client)


async def test_bom_diagnostic_range_is_where_the_client_sees_it(client: LanguageClient) -> None:
    text = "\ufeffdef f(x=[]):\n    return x\n"
    uri = open_doc(client, HERE / "hostile_bom_range.py", text)
    try:
        report = await diagnostics(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [d.range for d in report.items] == [range_of(text, "[]", "utf-8")]
    finally:
        close_doc(client, uri)


async def test_cr_only_line_endings_keep_lines(client: LanguageClient) -> None:
    text = "import os\rdef f(x=[]):\r    return x\r"
    uri = open_doc(client, HERE / "hostile_cr_range.py", text)
    try:
        report = await diagnostics(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [d.range for d in report.items] == [range_of(text, "[]", "utf-8")]
        assert report.items[0].range.start.line == 1
    finally:
        close_doc(client, uri)


async def test_did_change_for_a_document_never_opened(client: LanguageClient) -> None:
    seen = len(client.log_messages)
    uri = (HERE / "never_opened.py").as_uri()
    change_doc(client, uri, 2, "def f(x=[]): return x\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=end_position(), end=end_position()), text="x"
                )
            ],
        )
    )
    close_doc(client, uri)  # closing what was never opened
    assert await server_text(client, uri) is None
    assert logged_errors(client, seen) == []
    await still_works(client)


@pytest.mark.parametrize(
    "uri",
    [
        pytest.param((HERE / "unknown.py").as_uri(), id="file"),
        pytest.param("untitled:Untitled-9", id="untitled"),
        pytest.param("vscode-notebook-cell:/nb.ipynb#W0sZmlsZQ%3D%3D", id="notebook-cell"),
        pytest.param("not a uri at all", id="garbage"),
    ],
)
async def test_requests_for_an_unknown_uri(client: LanguageClient, uri: str) -> None:
    seen = len(client.log_messages)
    assert await hover(client, uri, types.Position(line=0, character=0)) is None
    report = await diagnostics(client, uri)
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport) and not report.items
    whole = types.Range(start=types.Position(line=0, character=0), end=end_position())
    assert await code_actions(client, uri, whole) == []
    assert logged_errors(client, seen) == []
    await still_works(client)


@pytest.mark.parametrize(
    "uri",
    [
        pytest.param("untitled:Untitled-1", id="untitled"),
        pytest.param("vscode-notebook-cell:/work/nb.ipynb#W1sZmlsZQ%3D%3D", id="notebook-cell"),
        pytest.param("vscode-vfs://github/org/repo/app.py", id="virtual-file"),
    ],
)
async def test_non_file_uris_are_analysed_without_a_path(client: LanguageClient, uri: str) -> None:
    seen = len(client.log_messages)
    text = SENTINEL
    open_uri(client, uri, text)
    try:
        found = await exercise(client, uri, text)
        assert [d.code for d in found] == ["PG101"]
        shown = await hover(client, uri, types.Position(line=2, character=6))
        assert shown is not None and "mock.patch" in shown.contents.value  # type: ignore[union-attr]
    finally:
        close_doc(client, uri)
    assert logged_errors(client, seen) == []


async def test_invalid_utf8_module_on_disk_is_read_safely(
    client: LanguageClient, tmp_path: Path
) -> None:
    """A module the document imports is not valid UTF-8 on disk (jedi reads it)."""
    (tmp_path / "latin.py").write_bytes(b"NAME = '\xe9t\xe9'\n\xff\xfe\x00def g(): pass\n")
    text = "import latin\nfrom latin import NAME, g\nlatin.NAME\ng()\n"
    uri = open_doc(client, tmp_path / "main.py", text)
    seen = len(client.log_messages)
    try:
        for line, character in ((0, 8), (1, 19), (2, 7), (3, 0)):
            await hover(client, uri, types.Position(line=line, character=character))
        await diagnostics(client, uri)
    finally:
        close_doc(client, uri)
    assert logged_errors(client, seen) == []
    await still_works(client)


async def test_server_text_command_answers_none_for_bad_arguments(client: LanguageClient) -> None:
    for arguments in ([], [42], [None]):
        result = await within(
            client.workspace_execute_command_async(
                types.ExecuteCommandParams(command="pygloss.test.documentText", arguments=arguments)
            )
        )
        assert result is None


def test_check_cli_on_hostile_files(tmp_path: Path) -> None:
    """``pygloss check`` on the same inputs (and invalid UTF-8 on disk): one line per
    unreadable file, never a traceback; the rest is still checked."""
    import subprocess

    (tmp_path / "bad_utf8.py").write_bytes(b"x = '\xff\xfe'\ndef f(x=[]): return x\n")
    (tmp_path / "nul.py").write_bytes(b"x = 1\x00\n")
    (tmp_path / "bom.py").write_bytes("\ufeffdef f(x=[]): return x\n".encode())
    (tmp_path / "cr.py").write_bytes(b"import os\rdef f(x=[]):\r    return x\r")
    (tmp_path / "empty.py").write_bytes(b"")
    (tmp_path / "deep.py").write_text(DEEP_BRACKETS + DEEP_DEFS, encoding="utf-8")
    (tmp_path / "good.py").write_text("def g(y={}):\n    return y\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "good.py:1:" in done.stdout and "PG101" in done.stdout
    assert "bom.py:1:" in done.stdout and "cr.py:2:" in done.stdout


async def test_no_document_is_left_open(client: LanguageClient) -> None:
    """Run last: the server's store holds no document the tests did not close."""
    result = await live_documents(client)
    assert result["open"] == []
    await still_works(client)
