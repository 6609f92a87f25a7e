"""convert.text_offset, the line locator for documents too big to index on every
keystroke: the same offset as to_offset for every position, encoding and line
break, including chunks that end between a \\r and its \\n."""

from __future__ import annotations

import random

import pytest
from lsprotocol import types

from pygloss.lsp import convert
from pygloss.lsp.convert import text_offset, to_offset
from pygloss.lsp.documents import INDEX_EDITS_UP_TO, DocumentStore
from pygloss.syntax.source import Source

PIECES = ["a", "bc", "\n", "\r", "\r\n", "é", "😀", " ", "\t", "\u2028", "\x0c"]


@pytest.mark.parametrize("scan", [3, 7, 1 << 16])
def test_text_offset_agrees_with_to_offset(monkeypatch: pytest.MonkeyPatch, scan: int) -> None:
    monkeypatch.setattr(convert, "_SCAN", scan)
    rng = random.Random(scan)
    for _ in range(200):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 200)))
        source = Source(text)
        for _ in range(20):
            position = types.Position(
                line=rng.randint(0, source.line_count + 2), character=rng.randint(0, 30)
            )
            for encoding in ("utf-8", "utf-16", "utf-32"):
                assert text_offset(text, position, encoding) == to_offset(
                    source, position, encoding
                ), (text, position, encoding)


def test_edits_of_a_big_document_apply_without_indexing_it() -> None:
    store = DocumentStore()
    text = "x = 1\r\n" * (INDEX_EDITS_UP_TO // 7 + 10) + "y = 2\n"
    doc = store.open("file:///big.py", text, 1)
    last = text.count("\n") - 1  # the line of "y = 2"
    edit = types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=last, character=4), end=types.Position(line=last, character=5)
        ),
        text="3",
    )
    store.change(doc.uri, 2, [edit])
    assert doc.text.endswith("y = 3\n") and len(doc.text) == len(text)
    assert doc._source is None  # no Source (and no line index) was built for the edit


@pytest.mark.parametrize("scan", [3, 1 << 16])
def test_text_offsets_agree_with_to_offsets(monkeypatch: pytest.MonkeyPatch, scan: int) -> None:
    monkeypatch.setattr(convert, "_SCAN", scan)
    rng = random.Random(scan + 1)
    for _ in range(200):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 200)))
        source = Source(text)
        for _ in range(20):
            lines = sorted(rng.randint(0, source.line_count + 2) for _ in range(2))
            if rng.random() < 0.1:
                lines.reverse()
            span = types.Range(
                start=types.Position(line=lines[0], character=rng.randint(0, 30)),
                end=types.Position(line=lines[1], character=rng.randint(0, 30)),
            )
            assert convert.text_offsets(text, span) == convert.to_offsets(source, span), span
