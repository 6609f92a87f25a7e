"""Big inputs stay bounded: a 50,000-line file, a 10 MB file, and the size limit.

* Diagnostics of a 50,000-line file (real stdlib code, concatenated) are answered:
  complete, or cut at the lint budget with a logged notice; hovers there answer.
  (The time limits here catch hangs; ``bench/robustness_big.py`` measures.)
* A file above ``max-file-size`` (default 2,000,000 characters; ``[tool.pygloss]
  max-file-size`` or the ``maxFileSize`` setting) is not analysed at all, and the
  user is told once per document, not on every request.
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from pygloss.engine.config import DEFAULT_MAX_FILE_SIZE, Config
from pygloss.engine.lint import lint
from pygloss.syntax import recovery as recovery_module
from pygloss.syntax import source as source_module
from pygloss.syntax.source import Source
from tests.conftest import ROOT
from tests.corpus import stdlib_lines
from tests.e2e.helpers import change_doc, close_doc, initialize, open_doc
from tests.robustness.common import (
    code_actions,
    diagnostics,
    end_position,
    hover,
    logged_errors,
    robust_config,
)

HERE = ROOT / "tests" / "robustness"
SIZE_NOTICE = "larger than max-file-size"
CUT_NOTICE = "stopped after"


@pytest_lsp.fixture(config=robust_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(
        lsp_client, capabilities="neovim", options={"pygloss": {"diagnostics": {"debounceMs": 0}}}
    )
    yield
    await lsp_client.shutdown_session()


def _messages(client: LanguageClient, needle: str, since: int = 0) -> list[str]:
    return [m.message for m in client.log_messages[since:] if needle in m.message]


async def test_fifty_thousand_lines_are_diagnosed_or_cut_with_a_notice(
    client: LanguageClient,
) -> None:
    # real stdlib code, after a pitfall that is surely reported
    text = "def add(item, bucket=[]):\n    bucket.append(item)\n" + stdlib_lines(49_998)
    assert text.count("\n") == 50_000
    seen = len(client.log_messages)
    uri = open_doc(client, HERE / "big_50k.py", text)
    try:
        # a hang detector only (3 s x 4 x HEADROOM, 60 s by default): the parse of 1.8 MB
        # cannot be interrupted and this machine is shared; bench/robustness_big.py
        # measures the real time against the issue's 3 s
        report = await diagnostics(client, uri, budget=3.0 * 4)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        cut = _messages(client, CUT_NOTICE, seen)
        assert len(cut) <= 1
        if cut:  # cut short: the notice names the document and the budget
            assert uri in cut[0] and "2.5 s" in cut[0]
        else:  # complete: the pitfall at the top is reported
            assert report.items
        lines = text.splitlines()
        for line in (10, 25_000, 49_990):
            column = len(lines[line]) - len(lines[line].lstrip())
            await hover(client, uri, types.Position(line=line, character=column))
        whole = types.Range(start=types.Position(line=25_000, character=0), end=end_position())
        await code_actions(client, uri, whole)
    finally:
        close_doc(client, uri)
    assert logged_errors(client, seen) == []


async def test_a_file_above_the_size_limit_is_skipped_with_one_message(
    client: LanguageClient,
) -> None:
    line = "def f(x=[]):\n    return x\n"
    text = line * (DEFAULT_MAX_FILE_SIZE // len(line) + 1)  # just over 2 MB
    seen = len(client.log_messages)
    uri = open_doc(client, HERE / "big_over_limit.py", text)
    try:
        for _ in range(2):
            report = await diagnostics(client, uri)
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            assert not report.items
            assert await hover(client, uri, types.Position(line=0, character=0)) is None
            whole = types.Range(start=types.Position(line=0, character=0), end=end_position())
            assert await code_actions(client, uri, whole) == []
        change_doc(client, uri, 2, text + "y = 1\n")
        report = await diagnostics(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert not report.items
        notices = _messages(client, SIZE_NOTICE, seen)
        assert len(notices) == 1 and uri in notices[0]
        # under the limit again: analysed as usual
        change_doc(client, uri, 3, line)
        report = await diagnostics(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert [d.code for d in report.items] == ["PG101"]
    finally:
        close_doc(client, uri)
    assert logged_errors(client, seen) == []


async def test_ten_megabytes_are_skipped_quickly(client: LanguageClient) -> None:
    text = "x = 1  # ten megabytes of this\n" * 340_000
    assert len(text) > 10_000_000
    uri = open_doc(client, HERE / "big_10mb.py", text)
    try:
        report = await diagnostics(client, uri)
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        assert not report.items
        assert await hover(client, uri, types.Position(line=170_000, character=0)) is None
    finally:
        close_doc(client, uri)


async def test_size_limit_from_pyproject(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pygloss]\nmax-file-size = 1000\n")
    small = "def f(x=[]):\n    return x\n"
    large = small + "# padding\n" * 200
    seen = len(client.log_messages)
    small_uri = open_doc(client, tmp_path / "small.py", small)
    large_uri = open_doc(client, tmp_path / "large.py", large)
    try:
        report = await diagnostics(client, small_uri)
        assert [d.code for d in report.items] == ["PG101"]  # type: ignore[union-attr]
        report = await diagnostics(client, large_uri)
        assert not report.items  # type: ignore[union-attr]
        (notice,) = _messages(client, SIZE_NOTICE, seen)
        assert large_uri in notice and "1000" in notice
    finally:
        close_doc(client, small_uri)
        close_doc(client, large_uri)


def test_lint_stops_at_its_deadline() -> None:
    source = Source("def f(x=[]):\n    return x\n" * 200, "big.py")
    result = lint(source, Config(), deadline=time.monotonic() - 1)
    assert result.truncated and result.checked == 0 and result.total > 0
    assert result.findings == []
    complete = lint(source, Config(), deadline=time.monotonic() + 3600)
    assert not complete.truncated and complete.checked == complete.total
    assert len(complete.findings) == 200


def test_one_syntax_error_in_a_huge_file_costs_a_few_parses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 50,000-line text ends in the middle of a block: everything before the
    parser's error is parsed in one piece (not statement by statement, which took
    ~9,000 parses and most of the 3 s), and what parsed is what a parse of that
    prefix gives."""
    text = stdlib_lines(50_000)
    calls: list[int] = []
    parse = recovery_module.parse_code

    def counting(code: str) -> ast.Module:
        calls.append(len(code))
        return parse(code)

    monkeypatch.setattr(source_module, "parse_code", counting)  # the first, whole parse
    monkeypatch.setattr(recovery_module, "parse_code", counting)  # the recovery's
    result = Source(text, "big.py").parse
    assert len(calls) <= 4, len(calls)
    assert [issue.line for issue in result.errors] == [49_999]
    last = text.rindex("\ndef ") + 1  # the truncated function is the last statement
    prefix = text[:last]
    expected = ast.parse(prefix).body
    assert [ast.dump(s, include_attributes=True) for s in result.statements] == [
        ast.dump(s, include_attributes=True) for s in expected
    ]
