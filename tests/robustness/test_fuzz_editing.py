"""Fuzzed editing through the LSP layer (hypothesis).

Each example opens a real file (the bundled examples and small stdlib modules), then
replays a random sequence of incremental edits — inserts, deletes and replacements
of random spans with partial tokens, unbalanced brackets, tabs, CRLF and lone CR,
NUL, emoji, combining marks — sometimes several changes in one ``didChange``,
interleaved with hover, diagnostic and code-action requests at random positions
(some past the end of a line or of the file).  After every edit the server's copy
of the document (read with the test-only ``pygloss.test.documentText`` command)
must equal the client's; every request must get a well-formed answer in time; and
no error may be logged.

The client is Neovim's recorded capabilities: diagnostics are pulled and positions
are UTF-8 code units, so multi-byte characters exercise the conversions
(``PYGLOSS_FUZZ_CLIENT=visual-studio-code`` fuzzes UTF-16 and pushed diagnostics).
``PYGLOSS_FUZZ_EXAMPLES`` sets the number of examples (the suite runs a small
sample; docs/design/robustness.md records a long run).  Inputs that once broke the server
are kept as ``@example`` cases.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest_lsp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import EXAMPLES, ROOT
from tests.e2e.helpers import (
    close_doc,
    initialize,
    open_doc,
    position_at,
    pulls_diagnostics,
    wait_for_diagnostics,
)
from tests.robustness.common import (
    code_actions,
    diagnostics,
    hover,
    logged_errors,
    robust_config,
    server_text,
    within,
)

STDLIB = Path(os.__file__).parent
FILES = [
    EXAMPLES / "orders.py",
    EXAMPLES / "test_orders.py",
    STDLIB / "bisect.py",
    STDLIB / "abc.py",
    STDLIB / "shlex.py",
]
SNIPPETS = [
    "def ", "class C(", "async def g(", "await ", "lambda x: ", "yield ", "return",
    "(", ")", "[", "]]", "{", "}", "((((", ":", ",", ".", "@", "@mock.patch('os.rem",
    "'", '"', "'''", 'f"{x', "#", "\\", "\t", "\n", "\r\n", "\r", "    ", "\n\n\n",
    "\x00", "\x0c", "\u2028", "😀", "👍🏽", "e\u0301", "中文", "𝔘", "x=[]", "def f(x=[]):\n",
    "import asyncio\n", "from unittest import mock\n", "with open(p) as f:\n    ", "is ",
]  # fmt: skip
ALPHABET = st.characters(
    codec="utf-8", exclude_categories=("Cs",), include_characters="\t\r\n\x00😀中"
)
fraction = st.floats(min_value=0, max_value=1)
replacement = st.one_of(st.sampled_from(SNIPPETS), st.text(ALPHABET, max_size=10))
edit = st.tuples(st.just("edit"), fraction, st.integers(0, 40), replacement)
multi = st.tuples(st.just("multi"), st.lists(edit, min_size=2, max_size=4))
request = st.one_of(
    st.tuples(st.just("hover"), fraction, st.booleans()),
    st.tuples(st.just("diagnostics")),
    st.tuples(st.just("actions"), fraction, st.integers(0, 200)),
)
operations = st.lists(st.one_of(edit, edit, multi, request), min_size=1, max_size=14)
EXAMPLES_COUNT = int(os.environ.get("PYGLOSS_FUZZ_EXAMPLES", "10"))
CLIENT = os.environ.get("PYGLOSS_FUZZ_CLIENT", "neovim")  # or visual-studio-code, emacs


@pytest_lsp.fixture(config=robust_config(), scope="module")
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    result = await initialize(
        lsp_client, capabilities=CLIENT, options={"pygloss": {"diagnostics": {"debounceMs": 0}}}
    )
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


def _offset(text: str, frac: float) -> int:
    """An offset into *text*, never between the two characters of a CRLF."""
    offset = min(len(text), int(frac * len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1
    return offset


class Session:
    """The client's side of one fuzzed document."""

    counter = 0

    def __init__(self, client: LanguageClient, path: Path) -> None:
        Session.counter += 1
        self.client = client
        self.encoding: str = client.encoding  # type: ignore[attr-defined]
        self.text = path.read_text(encoding="utf-8")
        self.version = 1
        name = f"fuzz_{Session.counter}_{path.name}"
        self.uri = open_doc(client, ROOT / "tests" / "robustness" / name, self.text)

    def change(self, edits: list[tuple[str, float, int, str]]) -> None:
        changes: list[types.TextDocumentContentChangeEvent] = []
        for _, frac, length, new in edits:
            start = _offset(self.text, frac)
            end = _offset(self.text, min(1.0, (start + length) / max(1, len(self.text))))
            end = max(start, min(end, start + length))
            rng = types.Range(
                start=position_at(self.text, start, self.encoding),
                end=position_at(self.text, end, self.encoding),
            )
            changes.append(types.TextDocumentContentChangePartial(range=rng, text=new))
            self.text = self.text[:start] + new + self.text[end:]
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=self.uri, version=self.version
                ),
                content_changes=changes,
            )
        )

    def position(self, frac: float, past_end: bool) -> types.Position:
        position = position_at(self.text, _offset(self.text, frac), self.encoding)
        if past_end:  # past the end of that line (and maybe of the file)
            return types.Position(
                line=position.line + int(frac * 3), character=position.character + 500
            )
        return position

    def span(self, frac: float, length: int) -> types.Range:
        start = _offset(self.text, frac)
        end = _offset(self.text, min(1.0, (start + length) / max(1, len(self.text))))
        return types.Range(
            start=position_at(self.text, start, self.encoding),
            end=position_at(self.text, max(start, end), self.encoding),
        )


@settings(
    max_examples=EXAMPLES_COUNT,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=bool(os.environ.get("CI")),
)
@given(path=st.sampled_from(FILES), ops=operations)
@example(path=FILES[0], ops=[("edit", 0.5, 0, "\r"), ("hover", 0.5, True), ("diagnostics",)])
@example(path=FILES[2], ops=[("edit", 0.0, 0, "((((" * 300), ("hover", 0.0, False)])
@example(path=FILES[1], ops=[("multi", [("edit", 0.3, 5, "😀"), ("edit", 0.3, 0, "\r\n")])])
async def test_fuzzed_edits_keep_the_server_in_sync_and_answering(
    client: LanguageClient,
    path: Path,
    ops: list[tuple],  # type: ignore[type-arg]
) -> None:
    seen = len(client.log_messages)
    session = Session(client, path)
    try:
        for op in ops:
            kind = op[0]
            if kind in ("edit", "multi"):
                session.change([op] if kind == "edit" else op[1])
                held = await server_text(client, session.uri)
                assert held is not None
                assert held["version"] == session.version
                assert held["text"] == session.text
            elif kind == "hover":
                await hover(client, session.uri, session.position(op[1], op[2]))
            elif kind == "diagnostics" and pulls_diagnostics(client):
                await diagnostics(client, session.uri)
            elif kind == "diagnostics":  # pushed: the current version's are published
                await within(wait_for_diagnostics(client, session.uri, session.version))
            else:
                await code_actions(client, session.uri, session.span(op[1], op[2]))
        # whatever the edits left, a whole-document action pass still answers
        await code_actions(client, session.uri, session.span(0, 10**6), ["source.fixAll.pygloss"])
    finally:
        close_doc(client, session.uri)
    assert logged_errors(client, seen) == [], sys.stderr
