"""The recogniser registry covers the construct vocabulary, one documented function each."""

from __future__ import annotations

import inspect

import pytest

from pygloss.engine.constructs import RECOGNIZERS
from pygloss.kb.constructs import CONSTRUCTS


def test_every_construct_kind_has_a_recognizer() -> None:
    assert sorted(set(CONSTRUCTS) - set(RECOGNIZERS)) == []


def test_every_recognizer_is_for_a_kind_of_the_vocabulary() -> None:
    assert sorted(set(RECOGNIZERS) - set(CONSTRUCTS)) == []


@pytest.mark.parametrize("kind", sorted(CONSTRUCTS))
def test_each_recognizer_says_where_the_cursor_must_be(kind: str) -> None:
    recognizer = RECOGNIZERS[kind]
    doc = inspect.getdoc(recognizer)
    assert doc, f"the recogniser of {kind!r} ({recognizer.__name__}) has no docstring"
    assert len(doc.split()) >= 4, f"the docstring of {recognizer.__name__} says too little"
