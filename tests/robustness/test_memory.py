"""Closed documents release their caches.

A small sample of ``bench/robustness_memory.py`` (which measures resident memory
over 2,000 cycles): documents are opened, edited, hovered, diagnosed, fixed and
closed; afterwards no :class:`Document` and no :class:`Source` of theirs is alive
in the server (``pygloss.test.liveDocuments`` looks after a garbage collection), and
jedi's cached tree of a closed document is dropped.
"""

from __future__ import annotations

from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import EXAMPLES, ROOT
from tests.e2e.helpers import change_doc, close_doc, initialize, open_doc, position_of
from tests.robustness.common import (
    code_actions,
    diagnostics,
    end_position,
    hover,
    live_documents,
    logged_errors,
    robust_config,
    within,
)

DOCUMENTS = 8
ROUNDS = 3


@pytest_lsp.fixture(config=robust_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client)
    yield
    await lsp_client.shutdown_session()


async def test_closed_documents_leave_nothing_behind(client: LanguageClient) -> None:
    base = (EXAMPLES / "test_orders.py").read_text(encoding="utf-8")
    paths = [ROOT / "tests" / "robustness" / f"memory_{n}.py" for n in range(DOCUMENTS)]
    for round_ in range(ROUNDS):
        for path in paths:
            uri = open_doc(client, path, base)
            text = base + f"\ndef extra_{round_}(x=[]):\n    return x\n"
            change_doc(client, uri, 2, text)
            await hover(client, uri, position_of(text, "mock.patch", 6))
            await hover(client, uri, position_of(text, "x=[]", 2))
            whole = types.Range(start=types.Position(line=0, character=0), end=end_position())
            for action in await code_actions(client, uri, whole):
                if isinstance(action, types.CodeAction) and action.data is not None:
                    await within(client.code_action_resolve_async(action))
            close_doc(client, uri)
    # the pull-diagnostics path too (push with VS Code above): an unknown document
    await diagnostics(client, paths[0].as_uri())
    live = await live_documents(client)
    ours = {p.as_uri() for p in paths}
    assert live["open"] == []
    assert [uri for uri in live["documents"] if uri in ours] == []
    assert [p for p in live["sources"] if p in {str(p) for p in paths}] == []
    assert logged_errors(client) == []


def test_jedi_drops_the_tree_of_a_closed_document(tmp_path: Path) -> None:
    """jedi (parso) caches the tree of every text it was given, by path, for the life
    of the process; closing the document drops it (before the worker's next call)."""
    from parso import cache

    from pygloss.engine.jedi_resolver import JediResolver

    resolver = JediResolver(budget=60)
    text = "import os\n" + "x = 1\n" * 2000 + "os.path\n"
    path = str(tmp_path / "closed.py")

    def cached() -> bool:
        return any(Path(path) in by_path for by_path in cache.parser_cache.values())

    assert resolver.goto(text, path, 2002, 4) is not None
    assert cached()
    resolver.document_closed(path)
    assert resolver.goto("import os\nos.path\n", None, 2, 4) is not None  # another call
    assert not cached()
