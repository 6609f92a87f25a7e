"""The jedi worker: its time budget, busy refusal, answer cache, warm-up, and that a
hover answers from the syntax when jedi does not answer in time."""

from __future__ import annotations

import threading

from pygloss.engine.explain import explain
from pygloss.engine.jedi_resolver import JediName, JediResolver, modules_of
from pygloss.syntax.source import Source
from tests.unit.hover.kb import hover_kb


def blocking(release: threading.Event, answer: list[JediName]):  # type: ignore[no-untyped-def]
    def lookup(text: str, path: str | None, line: int, column: int) -> list[JediName]:
        release.wait(10)
        return answer

    lookup.__name__ = "blocking_lookup"
    return lookup


ANSWER = [JediName("json.dumps", "json", "function")]


def test_a_slow_lookup_times_out_is_not_queued_behind_and_its_late_answer_is_kept() -> None:
    resolver = JediResolver(budget=0.05)
    release = threading.Event()
    lookup = blocking(release, ANSWER)
    assert resolver._lookup(lookup, "text", None, 1, 0) is None  # over budget
    assert resolver.stats["timeouts"] == 1
    # while the slow lookup still runs, another one is refused at once
    assert resolver._lookup(lookup, "other text", None, 1, 0) is None
    assert resolver.stats["busy"] == 1
    release.set()
    assert resolver.wait_idle(10)
    # the answer that came too late is cached for the next hover at that place
    assert resolver._lookup(lookup, "text", None, 1, 0) == ANSWER
    assert resolver.stats["cached"] == 1
    resolver.forget()
    assert resolver._lookup(lookup, "text", None, 1, 0) == ANSWER  # looked up again
    assert resolver.stats["lookups"] == 2


def test_a_failing_lookup_is_logged_and_answers_none() -> None:
    def broken(text: str, path: str | None, line: int, column: int) -> list[JediName]:
        raise ValueError("jedi broke")

    resolver = JediResolver(budget=5)
    assert resolver._lookup(broken, "text", None, 1, 0) is None
    assert resolver.stats["errors"] == 1
    assert resolver._lookup(broken, "text", None, 1, 0) is None  # errors are not cached
    assert resolver.stats["errors"] == 2


def test_a_lookup_may_queue_behind_one_warm_up_step() -> None:
    resolver = JediResolver(budget=10)
    release = threading.Event()
    step = resolver._submit(blocking(release, []), "x", None, 1, 0, warm=True)
    assert step is not None and resolver.busy()
    assert resolver._submit(blocking(release, []), "y", None, 1, 0, warm=True) is None
    threading.Timer(0.05, release.set).start()
    assert resolver._lookup(blocking(release, ANSWER), "text", None, 1, 0) == ANSWER


def test_goto_with_real_jedi() -> None:
    resolver = JediResolver(budget=30)
    names = resolver.goto("import json\njson.dumps\n", None, 2, 6)
    assert names is not None
    assert [n.full_name for n in names] == ["json.dumps"]


def test_warm_up_loads_modules_once() -> None:
    resolver = JediResolver(budget=30)
    assert resolver.warm_up(["json", "json.decoder", "no_such_module_pygloss"]) == 2
    assert {"json", "json.decoder", "no_such_module_pygloss"} <= resolver.warmed
    assert resolver.warm_up(["json"]) == 0  # already warm: nothing queued
    assert resolver.warm_up(["json.encoder"], wait=False) == 0
    assert "json.encoder" in resolver.warmed


def test_modules_of_lists_every_prefix_packages_first() -> None:
    assert modules_of(["unittest.mock.patch.object", "asyncio.gather"]) == [
        "asyncio",
        "unittest",
        "unittest.mock",
        "unittest.mock.patch",
    ]


def test_the_syntax_answer_stands_when_jedi_does_not_answer_in_time() -> None:
    """`session` is bound to a call the syntax cannot type, so jedi is asked; with
    jedi held busy by a slow lookup, the hover answers at once with what the syntax
    knows (the `with` statement)."""
    text = (
        "from shop.db import open_session\n\n"
        "with open_session() as session:\n    session.commit()\n"
    )
    offset = text.index("commit")
    kb = hover_kb()
    resolver = JediResolver(budget=0.05)
    release = threading.Event()
    resolver._lookup(blocking(release, []), "slow", None, 1, 0)  # times out, keeps running
    try:
        held = explain(Source(text), offset, kb, None, resolver)
    finally:
        release.set()
    assert held == explain(Source(text), offset, kb, None, None)
    assert resolver.stats["busy"] >= 1
