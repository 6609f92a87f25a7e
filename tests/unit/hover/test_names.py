"""Name resolution from the syntax, and when jedi is worth asking (no jedi runs here)."""

from __future__ import annotations

import ast

import pytest

from pygloss.engine.cursor import cursor_at
from pygloss.engine.explain import imports_for
from pygloss.engine.names import resolve_syntax, worth_asking_jedi
from pygloss.syntax.source import Source
from tests.conftest import split_cursor

SERVICE = """\
from sqlalchemy.orm import Session
from unittest import TestCase
from app.clients import make_client, Base


class Repo:
    session: Session

    def __init__(self, engine):
        self.engine = engine
        self.client = make_client()
        self.items = []

    def save(self, row):
        self.session.add(row)
        self.items.append(row)
        self.client.get(row)
        self.engine.connect()
        self.save(row)


class Child(Repo, Base):
    def run(self):
        self.session.commit()
        self.unknown.get()


class Tests(TestCase):
    def test_it(self):
        self.assertRaises(ValueError)
"""


def at(text: str, needle: str, delta: int = 0) -> tuple[Source, int]:
    return Source(text), text.index(needle) + delta


def resolve(text: str, needle: str, delta: int = 0) -> tuple[str | None, bool]:
    """``(qualified name, worth asking jedi)`` for the chain under the cursor."""
    source, offset = at(text, needle, delta)
    cursor = cursor_at(source, offset)
    node = cursor.node
    parent = cursor.parent_of(node) if node is not None else None
    if isinstance(parent, ast.Attribute) and parent.value is node:
        node = parent  # the hover resolves the attribute after the name
    imports = imports_for(source)
    line = source.line_of(offset) + 1
    assert node is not None
    resolved = resolve_syntax(node, source, cursor.path, imports, line)
    ask = worth_asking_jedi(node, source, cursor.path, imports, line)
    return (resolved.name if resolved else None), ask


@pytest.mark.parametrize(
    ("needle", "delta", "expected"),
    [
        ("self.session.add", 14, ("sqlalchemy.orm.Session.add", False)),  # class annotation
        ("self.items.append", 12, ("builtins.list.append", False)),  # a list literal
        ("self.client.get", 13, (None, True)),  # assigned from a call jedi may type
        ("self.engine.connect", 13, (None, False)),  # an unannotated parameter
        ("self.save(row)", 6, (None, False)),  # the class's own method
        ("self.session.commit", 14, ("sqlalchemy.orm.Session.commit", False)),  # inherited
        ("self.unknown.get", 14, ("app.clients.Base.unknown.get", False)),  # imported base
        ("self.assertRaises", 6, ("unittest.TestCase.assertRaises", False)),
    ],
    ids=[
        "annotated",
        "literal",
        "untyped-call",
        "param",
        "own-method",
        "inherited",
        "imported-base",
        "testcase",
    ],
)
def test_self_attributes(needle: str, delta: int, expected: tuple[str | None, bool]) -> None:
    assert resolve(SERVICE, needle, delta) == expected


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("import asyncio\nasyncio.gath‸er()\n", ("asyncio.gather", False)),
        ("items = []\nitems.app‸end(1)\n", ("builtins.list.append", False)),
        ("names = set()\nnames.a‸dd(1)\n", ("builtins.set.add", False)),
        ("text = f'{1}'\ntext.spl‸it()\n", ("builtins.str.split", False)),
        # the latest binding before the line decides, even when it cannot be typed
        ("from x import load\nitems = []\nitems = load()\nitems.app‸end(1)\n", (None, True)),
        ("def f(items):\n    items.app‸end(1)\n", (None, False)),  # parameter: no jedi
        ("def items():\n    pass\nitems.app‸end\n", (None, False)),  # a def of this file
        ("from lib import *\nthing.app‸end(1)\n", (None, True)),  # only a star import explains
        ("thing.app‸end(1)\n", (None, False)),  # unbound and no star import
        ("from x import y\ny.app‸end(1)\n", ("x.y.append", False)),  # imports answer
    ],
    ids=[
        "import",
        "list",
        "set-call",
        "f-string",
        "rebound",
        "param",
        "def",
        "star",
        "unbound",
        "imported",
    ],
)
def test_locals_and_imports(marked: str, expected: tuple[str | None, bool]) -> None:
    text, offset = split_cursor(marked)
    needle = text[offset - 3 : offset]
    assert resolve(text, needle, 3) == expected


def test_statements_still_work_for_older_callers() -> None:
    text, offset = split_cursor("import asyncio\nasyncio.gath‸er()\n")
    source = Source(text)
    cursor = cursor_at(source, offset)
    resolved = resolve_syntax(
        cursor.node,
        source.statements,
        cursor.path,
        imports_for(source),
        2,  # type: ignore[arg-type]
    )
    assert resolved is not None and resolved.name == "asyncio.gather"
