"""The server's speed policies, without a client: the adaptive debounce, one lint per
document at a time while edits come faster than lints finish, which documents keep
their trees (lsp/hot.py), and jedi's warm-up of what hovers will need.

Nothing here is timed: ``bench/lsp_keystroke.py`` (keystroke to diagnostics against
Ruff's server) and ``bench/hover_server.py --only memory`` measure them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from pygloss.engine import jedi_resolver
from pygloss.engine.jedi_resolver import JediResolver
from pygloss.engine.lint import LintResult
from pygloss.lsp import hot
from pygloss.lsp.features import diagnostics
from pygloss.lsp.server import PyglossServer, create_server
from pygloss.rules.base import Finding
from pygloss.syntax.source import Source

URI = "file:///tmp/pygloss-speed/module.py"


@pytest.fixture
def server() -> PyglossServer:
    from lsprotocol import types

    built = create_server()
    built.protocol.client_capabilities = types.ClientCapabilities()  # as initialize sets it
    return built


def test_the_debounce_adapts_to_what_the_last_lint_cost(server: PyglossServer) -> None:
    server.store.open(URI, "x = 1\n", 1)
    assert diagnostics.debounce(server, URI) == 0.0  # nothing known yet: at once
    server.lint_cost[URI] = diagnostics.FAST_LINT / 2
    assert diagnostics.debounce(server, URI) == 0.0
    server.lint_cost[URI] = diagnostics.FAST_LINT * 3  # an edit that took the full path
    assert diagnostics.debounce(server, URI) == diagnostics.SLOW_DELAY
    server.update_settings({"pygloss": {"diagnostics": {"debounceMs": 250}}})
    assert diagnostics.debounce(server, URI) == 0.25  # the setting, when given, is fixed
    server.update_settings({"pygloss": {"diagnostics": {"debounceMs": 0}}})
    server.lint_cost[URI] = 5.0
    assert diagnostics.debounce(server, URI) == 0.0


def test_a_lint_after_an_edit_records_its_cost(server: PyglossServer) -> None:
    doc = server.store.open(URI, "def f(x=[]):\n    return x\n", 1)
    diagnostics.lint_document(server, doc)  # the first lint (opened): no cost recorded
    assert URI not in server.lint_cost
    assert doc.carry["hover modules"] == []  # it imports nothing the knowledge base names
    server.store.change(URI, 2, [_insert(1, 4, "  ")])
    result = diagnostics.lint_document(server, doc)
    assert [f.code for f in result.findings] == ["PG101"]
    assert 0 <= server.lint_cost[URI] < 5


def _insert(line: int, column: int, text: str) -> Any:
    from lsprotocol import types

    at = types.Position(line=line, character=column)
    return types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text=text)


def test_edits_faster_than_lints_lint_one_version_at_a_time(
    server: PyglossServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    running, most, linted, published = [0], [0], [], []
    lock = threading.Lock()

    def slow_lint(ls: PyglossServer, doc: Any) -> LintResult:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        version = doc.version
        time.sleep(1.0)
        with lock:
            running[0] -= 1
        linted.append(version)
        return LintResult(findings=[Finding("PG101", "m", 0, 1)])

    monkeypatch.setattr(diagnostics, "lint_document", slow_lint)
    monkeypatch.setattr(
        server, "text_document_publish_diagnostics", lambda params: published.append(params)
    )

    async def type_fast() -> None:
        server.config_ready.set()
        server.store.open(URI, "x = 1\n", 1)
        diagnostics.schedule(server, URI, 0)
        for version in range(2, 8):  # an edit every 20 ms while each lint takes a second
            await asyncio.sleep(0.02)
            server.store.change(URI, version, [_insert(0, 0, " ")])
            diagnostics.schedule(server, URI, 0)
        await asyncio.wait_for(server.pending[URI], 10)

    asyncio.run(type_fast())
    assert most[0] == 1  # never two lints of the document at once
    assert linted == [1, 7]  # the open, then the latest version: none typed meanwhile
    assert [p.version for p in published] == [7]  # (version 1 was outdated when linted)


def test_only_the_documents_in_use_keep_their_trees(server: PyglossServer) -> None:
    docs = []
    for index in range(hot.HOT_DOCUMENTS + 2):
        uri = f"file:///tmp/pygloss-speed/m{index}.py"
        doc = server.store.open(uri, f"def f{index}(x=[]):\n    return x\n", 1)
        diagnostics.lint_document(server, doc)
        assert doc.source.parse.statements  # parsed
        hot.used(server, uri)
        docs.append(doc)
    cold, warm = docs[:2], docs[2:]
    for doc in cold:
        assert doc._source is None and "lint" not in doc.carry
        _, result = doc.cache["lint"]
        assert result.context is None and [f.code for f in result.findings] == ["PG101"]
    for doc in warm:
        assert doc._source is not None and "lint" in doc.carry
        assert doc.cache["lint"][1].context is not None
    # a cold document used again is parsed again and linted in full, with the same result
    hot.used(server, cold[0].uri)
    assert docs[2]._source is None  # the least recently used went cold in its place
    assert [f.code for f in diagnostics.lint_document(server, cold[0]).findings] == ["PG101"]
    assert cold[0].source.parse.statements


def test_hover_modules_are_the_imports_the_knowledge_base_names(server: PyglossServer) -> None:
    engine = server.engine
    source = Source("import os\nfrom unittest import mock\nimport functools as ft\n")
    modules = engine.hover_modules(source)
    assert "unittest.mock" in modules and "functools" in modules
    assert not any(m == "os" or m.startswith("os.") for m in modules)
    assert engine.hover_modules(Source("x = 1\n")) == []


def test_warm_up_loads_only_what_is_still_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[str] = []
    monkeypatch.setattr(jedi_resolver, "_jedi_warm_module", lambda m: warmed.append(m) or True)
    monkeypatch.setattr(jedi_resolver, "IDLE", 0.05)
    resolver = JediResolver(budget=5)
    resolver.touch()  # busy: nothing is warmed before it has been quiet a moment
    resolver.want(["json", "csv"])  # the documents in use import these ...
    resolver.want(["json", "decimal"])  # ... then another is used instead
    deadline = time.monotonic() + 10
    while resolver.wanted and time.monotonic() < deadline:
        time.sleep(0.05)
    assert resolver.wait_idle(5)
    assert sorted(warmed) == ["decimal", "json"]
    resolver.want(["json"])  # warm already: nothing more
    time.sleep(0.2)
    assert sorted(warmed) == ["decimal", "json"]


def test_loading_the_engine_is_not_counted_against_the_first_lint(
    server: PyglossServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine (with its knowledge base) and the rules are loaded once per server, on
    first use: on a loaded machine that alone could outlast the lint budget, and the
    first lint stopped with no node checked (CI saw it: '0 of 3 nodes checked')."""
    from pygloss.engine.api import Engine

    load = Engine.__init__

    def slow_load(self: Engine, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.4)
        load(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "__init__", slow_load)
    monkeypatch.setattr(diagnostics, "LINT_BUDGET", 0.3)
    assert not server.engine_loaded
    doc = server.store.open(URI, "def f(x=[]):\n    x.append(1)\n", 1)
    result = diagnostics.lint_document(server, doc)
    assert not result.truncated and [f.code for f in result.findings] == ["PG101"]
