"""Construct kinds in notes code come from the hover's recognisers.

``kinds_in`` runs the recognisers only on the tokens that can spell a construct; it
must find the same kinds as running them on every token, on a corpus of real code:
the hover's own table of cases, the shared notes, the test notes and the examples.
(Counts may differ where a recogniser also fires away from the construct's own
tokens — the hover's unawaited-call case of ``async-def`` — which indexing ignores.)
"""

from __future__ import annotations

import importlib
import re
import sys
import tokenize

import pytest

from pygloss.engine.notes.constructs import kinds_in, scan, tokens
from pygloss.engine.notes.markdown import parse_markdown
from pygloss.engine.notes.names import base_imports
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source
from tests.conftest import ROOT

NOTES = [
    ROOT / "tests" / "fixtures" / "notes" / "team-notes.md",
    ROOT.parent / "shared" / "notes" / "python-notes.md",
]


def _corpus() -> list[tuple[str, str]]:
    sources: list[tuple[str, str]] = []
    for path in sorted((ROOT / "tests" / "unit" / "hover").glob("corpus_*.py")):
        module = importlib.import_module(f"tests.unit.hover.{path.stem}")
        for case in getattr(module, "CASES", ()):
            sources.append((f"{path.stem}:{case.id}", case.source))
    for notes in NOTES:
        if notes.exists():
            doc = parse_markdown(notes.read_text(encoding="utf-8"))
            for block in doc.blocks:
                if block.lang in ("", "python", "py"):
                    sources.append((f"{notes.name}:{block.line}", block.code))
    for path in sorted((ROOT / "examples").glob("*.py")):
        sources.append((path.name, path.read_text(encoding="utf-8")))
    return sources


CORPUS = _corpus()


def _imports(source: Source) -> ImportMap:
    imports = ImportMap(base_imports().bindings)
    imports.add_statements(source.statements)
    return imports


def test_the_corpus_is_real() -> None:
    assert len(CORPUS) > 200


def test_the_filtered_tokens_find_what_every_token_finds() -> None:
    missed = []
    for name, text in CORPUS:
        source = Source(text)
        fast = kinds_in(source, _imports(source))
        slow = kinds_in(source, _imports(source), every_token=True)
        if set(fast) != set(slow):
            missed.append(f"{name}: {set(slow) - set(fast)} missed, {set(fast) - set(slow)} extra")
    assert missed == []


def test_the_scanner_finds_the_tokens_the_stdlib_tokenizer_finds() -> None:
    kinds = (tokenize.NAME, tokenize.OP, tokenize.STRING)
    f_string = re.compile(r"(?<![\w])[rR]?[fF][rR]?['\"]")
    differ = []
    for name, text in CORPUS:
        if sys.version_info >= (3, 12) and f_string.search(text):
            continue  # 3.12 tokenizes inside f-strings; the scanner keeps them whole
        reference = [(t.type, t.string, t.start) for t in tokens(Source(text)) if t.type in kinds]
        fast = [(t.type, t.string, t.start) for t in scan(text) if t.type in kinds]
        if fast != reference:
            differ.append(name)
    assert differ == []


def test_the_scanner_skips_comments_and_unterminated_strings() -> None:
    found = [(t.type, t.string) for t in scan("x = 'open  # a comment now\nawait y  # c\n")]
    assert found == [
        (tokenize.NAME, "x"),
        (tokenize.OP, "="),
        (tokenize.NAME, "open"),
        (tokenize.NAME, "await"),
        (tokenize.NAME, "y"),
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("async def f():\n    await g()\n    await h()\n", {"async-def": 1, "await": 2}),
        ("class C(metaclass=M):\n    pass\n", {"metaclass-keyword": 1}),
        (
            "@a\n@b\ndef f(x=[]):\n    pass\n",
            {"decorator": 1, "decorator-stack": 1, "mutable-default": 1},
        ),
        ("x = [i for i in y if i]\n", {"list-comprehension": 1}),
        ("plain = call(arg)\n", {}),
        ("def broken(:\n", {}),
    ],
)
def test_kinds_counted_once_per_construct(code: str, expected: dict[str, int]) -> None:
    source = Source(code)
    assert dict(kinds_in(source, _imports(source))) == expected


def test_a_block_that_does_not_parse_still_shows_the_statements_that_do() -> None:
    source = Source("async def ok():\n    await go()\n\nx = (\n")
    assert dict(kinds_in(source, _imports(source))) == {"async-def": 1, "await": 1}
