"""The table-driven hover suite: source + cursor -> topic ids and computed context.

Every case runs through :func:`pygloss.engine.explain.explain` against the real
knowledge base (every fixed topic id has landed, so the stand-ins of
:mod:`tests.unit.hover.kb` are no longer used: a test checks it), with jedi available
under a generous budget so the result does not depend on machine load.
"""

from __future__ import annotations

import pytest

from pygloss.engine.api import load_knowledge
from pygloss.engine.explain import explain
from pygloss.engine.jedi_resolver import JediResolver
from pygloss.syntax.source import Source
from tests.unit.hover import (
    corpus_async,
    corpus_broken,
    corpus_constructs,
    corpus_data,
    corpus_null,
    corpus_testing,
    corpus_web,
)
from tests.unit.hover.case import Case
from tests.unit.hover.kb import hover_kb, missing_fixed_ids

CORPORA = {
    "testing": corpus_testing.CASES,
    "async": corpus_async.CASES,
    "web": corpus_web.CASES,
    "data": corpus_data.CASES,
    "constructs": corpus_constructs.CASES,
    "null": corpus_null.CASES,
    "broken": corpus_broken.CASES,
}
REAL_PROJECT_STYLE = ("testing", "async", "web", "data")
ALL = [c.param(prefix) for prefix, cases in CORPORA.items() for c in cases]
RESOLVER = JediResolver(budget=10.0)


def run(case: Case):  # type: ignore[no-untyped-def]
    return explain(Source(case.source), case.offset, hover_kb(), None, RESOLVER)


@pytest.mark.parametrize("case", ALL)
def test_hover_case(case: Case) -> None:
    explanation = run(case)
    if case.topics is None:
        assert explanation is None, f"expected null, got {explanation and explanation.topics}"
        return
    assert explanation is not None, "expected a hover, got null"
    ids = [t.id for t in explanation.topics]
    assert ids[0] == case.topics[0], ids
    assert set(case.topics) <= set(ids), ids
    context = "\n".join(explanation.context)
    for phrase in case.phrases:
        assert phrase in context, f"{phrase!r} not in:\n{context}"


def test_the_table_is_big_enough() -> None:
    cases = [c for cases in CORPORA.values() for c in cases]
    real = [c for name in REAL_PROJECT_STYLE for c in CORPORA[name]]
    nulls = [c for c in cases if c.topics is None]
    broken = [c for c in cases if c.source.count("\n") and not Source(c.source).parse.complete]
    assert len(cases) >= 200
    assert len(real) * 2 >= len(cases)
    assert len(nulls) >= 40
    assert len(broken) >= 20
    ids = {(name, c.id) for name, cases in CORPORA.items() for c in cases}
    assert len(ids) == len(cases)


def test_the_cases_run_against_real_topics_only() -> None:
    assert missing_fixed_ids(load_knowledge()) == []
