"""Engine functions behind inlay hints and code lenses, on plain strings."""

from __future__ import annotations

from pathlib import Path

from pygloss.engine.api import Engine
from pygloss.engine.hints import MUTABLE_DEFAULT, PATCH_TARGET, inlay_hints
from pygloss.engine.lenses import code_lenses
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.syntax.source import Source

PATCHED = """\
import os
from unittest import mock
from unittest.mock import patch


class TestFiles:
    @mock.patch("os.path.exists")
    @patch.dict("os.environ", {"A": "1"})
    @patch("os.remove", new=print)
    @mock.patch("os.remove")
    def test_rm(self, mock_remove, mock_exists):
        pass


@patch.object(os, "getcwd")
def test_cwd(getcwd_mock: mock.MagicMock, tmp_path, x=[]):
    return x
"""


def _after(text: str, offset: int, width: int = 12) -> str:
    return text[max(0, offset - width) : offset]


def test_patch_targets_follow_the_bottom_up_pairing() -> None:
    hints = [h for h in inlay_hints(Source(PATCHED)) if h.kind == PATCH_TARGET]
    assert [(h.label, _after(PATCHED, h.offset)) for h in hints] == [
        ("← os.remove", " mock_remove"),
        ("← os.path.exists", " mock_exists"),
        ("← os.getcwd", "(getcwd_mock"),
    ]
    assert hints[1].tooltip == (
        "`mock_exists` receives the mock of `os.path.exists` (decorator 4 from the bottom)"
    )


def test_patch_target_tooltip_says_what_new_callable_makes() -> None:
    """``new_callable=StringIO`` passes a ``StringIO``, not a mock; ``new=`` passes
    nothing, so its target labels no parameter."""
    text = (
        "from io import StringIO\nfrom unittest.mock import patch\n\n\n"
        '@patch("sys.stderr")\n'
        '@patch("sys.stdin", new=StringIO("y"))\n'
        '@patch("sys.stdout", new_callable=StringIO)\n'
        "def test_io(out, err):\n    pass\n"
    )
    hints = inlay_hints(Source(text), frozenset({PATCH_TARGET}))
    assert [(h.label, h.tooltip) for h in hints] == [
        (
            "← sys.stdout",
            "`out` receives the replacement of `sys.stdout` "
            "(bottom decorator; what `StringIO()` returns)",
        ),
        ("← sys.stderr", "`err` receives the mock of `sys.stderr` (decorator 3 from the bottom)"),
    ]


def test_no_patch_target_hint_behind_keywords_it_cannot_read() -> None:
    """``**options`` may hold ``new``: then the decorator passes nothing, so which
    parameter it (and every decorator above it) feeds is not in the code; the ones
    below are still known."""
    text = (
        "from unittest.mock import patch\n\n\n"
        '@patch("os.getcwd")\n'
        '@patch("sys.stdout", **OPTIONS)\n'
        '@patch("os.sep")\n'
        "def test_io(sep, out, cwd):\n    pass\n"
    )
    (hint,) = inlay_hints(Source(text), frozenset({PATCH_TARGET}))
    assert hint.tooltip == "`sep` receives the mock of `os.sep` (bottom decorator)"


def test_mutable_default_hint_sits_after_the_default() -> None:
    hints = [h for h in inlay_hints(Source(PATCHED)) if h.kind == MUTABLE_DEFAULT]
    assert [(h.label, _after(PATCHED, h.offset, 4)) for h in hints] == [("evaluated once", "x=[]")]


def test_kinds_filter_and_suppression_comments() -> None:
    text = "def f(a=[], b={}):  # noqa: PG101\n    return a, b\ndef g(c=set()): return c\n"
    assert [h.offset for h in inlay_hints(Source(text))] == [text.index("set()") + 5]
    assert inlay_hints(Source(text), frozenset({PATCH_TARGET})) == []


def test_unawaited_coroutine_hints_follow_pg301() -> None:
    text = (
        "import asyncio\nasync def main():\n    asyncio.sleep(1)\n"
        "    task = asyncio.sleep(2)\n    await asyncio.sleep(3)\n"
    )
    hints = inlay_hints(Source(text))
    assert [_after(text, h.offset, 16) for h in hints] == ["asyncio.sleep(1)", "asyncio.sleep(2)"]
    hint = hints[0]
    assert (hint.label, _after(text, hint.offset, 16)) == (
        "coroutine — not awaited",
        "asyncio.sleep(1)",
    )


def _kb(tmp_path: Path, **topics: dict[str, tuple[str, ...]]) -> KnowledgeBase:
    return KnowledgeBase(
        Topic(id=topic_id, title=topic_id.title(), summary="s.", area="t", path=tmp_path, **fields)
        for topic_id, fields in topics.items()
    )


LENS_SOURCE = """\
import dataclasses
from abc import ABCMeta
from typing import NamedTuple
from unittest import mock


@dataclasses.dataclass(frozen=True)
class Point:
    x: int


class Base(metaclass=ABCMeta):
    pass


class Pair(NamedTuple):
    a: int


@mock.patch("os.remove")
@mock.patch("os.path.exists")
def test(a, b):
    pass


@staticmethod
def single():
    pass
"""


def test_lenses_only_where_something_is_explained(tmp_path: Path) -> None:
    kb = _kb(
        tmp_path,
        dataclasses={"names": ("dataclasses.dataclass",)},
        metaclasses={"constructs": ("metaclass-keyword",)},
        named_tuples={"names": ("typing.NamedTuple",)},
    )
    source = Source(LENS_SOURCE)
    lenses = code_lenses(source, kb)
    found = [(lens.title, lens.topics, LENS_SOURCE[lens.offset :][:9]) for lens in lenses]
    assert found == [
        ("Explain @dataclasses.dataclass", ("dataclasses",), "dataclass"),
        ("Explain metaclass=ABCMeta", ("metaclasses",), "metaclass"),
        ("Explain NamedTuple class", ("named_tuples",), "NamedTupl"),
    ]
    # each lens sits on the first line of its definition, decorators included
    assert [source.position(lens.start) for lens in lenses] == [(6, 0), (11, 0), (15, 0)]
    assert [lens.offset for lens in lenses] == [
        LENS_SOURCE.index("dataclass(frozen"),
        LENS_SOURCE.index("metaclass="),
        LENS_SOURCE.index("NamedTuple)"),
    ]
    # muted topics do not count; nothing known: no lens at all
    assert [lens.title for lens in code_lenses(source, kb, frozenset({"dataclasses"}))] == [
        "Explain metaclass=ABCMeta",
        "Explain NamedTuple class",
    ]
    assert code_lenses(source, _kb(tmp_path)) == []
    # a decorator stack needs a topic for the construct
    stacks = _kb(tmp_path, decorators={"constructs": ("decorator-stack",)})
    (lens,) = code_lenses(source, stacks)
    assert (lens.title, lens.topics) == ("Explain 2 stacked decorators", ("decorators",))
    assert lens.offset == LENS_SOURCE.index('@mock.patch("os.remove")')


def test_each_lens_explains_what_explain_explains() -> None:
    """The contract with ``pygloss.explain``: at each lens's offset, explain answers,
    and shows the topics the lens is about."""
    engine = Engine()
    source = Source(REAL_LENSES)
    lenses = engine.code_lenses(source)
    assert [lens.title for lens in lenses] == [
        "Explain @dataclass",
        "Explain @attrs.define",
        "Explain BaseModel class",
        "Explain NamedTuple class",
        "Explain TypedDict class",
        "Explain metaclass=ABCMeta",
        "Explain 2 stacked decorators",
        "Explain 2 stacked decorators",
    ]
    for lens in lenses:
        found = engine.explain(source, lens.offset)
        assert found is not None, lens
        assert set(lens.topics) <= {t.id for t in found.topics}, lens


REAL_LENSES = """\
from dataclasses import dataclass
from abc import ABCMeta
from typing import NamedTuple, TypedDict
from pydantic import BaseModel
from unittest import mock
import attrs
from functools import lru_cache


@dataclass(frozen=True)
class P:
    x: int


@attrs.define
class A:
    y: int


class M(BaseModel):
    z: int


class N(NamedTuple):
    a: int


class TD(TypedDict):
    b: int


class Base(metaclass=ABCMeta):
    pass


class C:
    @staticmethod
    @lru_cache
    def f():
        pass


@mock.patch("os.remove")
@mock.patch("os.path.exists")
def test(mock_exists, mock_remove):
    pass
"""


def test_decorator_stack_lens_uses_the_real_knowledge_base() -> None:
    source = Source(LENS_SOURCE)
    lenses = Engine().code_lenses(source)
    (lens,) = [lens for lens in lenses if "stacked" in lens.title]
    assert lens.title == "Explain 2 stacked decorators"
    assert lens.topics == ("decorators",)
    assert source.position(lens.start) == (19, 0)


def test_patch_hints_in_nested_bodies() -> None:
    text = (
        "from unittest import mock\n"
        "try:\n    pass\nexcept Exception:\n"
        "    class T:\n        @mock.patch('a.b')\n        def test(self, m_b): pass\n"
        "match x:\n    case 1:\n        @mock.patch('a.c')\n        def t2(mock_c): pass\n"
        "def outer():\n    @mock.patch('a.d')\n    def inner(self, mock_d): pass\n"
    )
    labels = [h.label for h in inlay_hints(Source(text), frozenset({PATCH_TARGET}))]
    # `self` is skipped only for methods; in a plain function it receives the mock
    assert labels == ["← a.b", "← a.c", "← a.d"]
    hint = inlay_hints(Source(text))[-1]
    assert _after(text, hint.offset, 5) == "(self"
