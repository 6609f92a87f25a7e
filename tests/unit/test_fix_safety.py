"""Fix safety, argued and attacked rule by rule.

The definition (``docs/rules.md``, "Fixes and their safety"): a fix is **safe** when
it cannot change what a program that ran without error does; an **unsafe** fix may,
even when it is what the author meant.  "Without error" means that no exception was
raised at the code the fix changes: a fix that removes an exception the original
always raises there is safe, unless something in the same body may catch it
(``try``/``except``, a ``with`` block such as ``pytest.raises``).

For every rule whose fix is still called safe, :data:`ARGUMENTS` states why, and
:data:`CASES` tries to break it with real programs, run before and after ``--fix``:

* ``same``: the safe fix applies, and the program prints the same and ends the same;
* ``raised``: the original raises (so it did not run without error); the safe fix
  applies and the fixed program runs;
* ``declined``: a program that ran without error and that the fix *would* change:
  ``--fix`` leaves it alone (the fix is offered as unsafe), and applying the unsafe
  fix really does change what it prints — so the label is what protects it.

The rules relabelled unsafe (issue #15) get a ``declined`` case each showing why,
except PG205, whose reason (the ``mock`` backport is another release of the library
than the running Python's ``unittest.mock``) needs the backport installed.
"""

from __future__ import annotations

import contextlib
import io
import sys
import textwrap
import types
import warnings
from dataclasses import dataclass

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix_all
from pygloss.rules import all_rules
from pygloss.rules.base import FixSafety

ARGUMENTS = {
    "PG108": "`object.__new__(cls, x)` inside a `__new__` raises TypeError whenever an "
    "argument reaches it (the class overrides `__new__`), so dropping the arguments "
    "changes only runs that raised; `*args` that are empty passed nothing. "
    "`super().__new__(...)` is unsafe: a subclass elsewhere can add a base "
    "(`class Number(Single, int)`) whose `__new__` takes the arguments.",
    "PG110": "timeit raises ValueError on a value that is neither a string nor "
    "callable; the fix is safe only when the call certainly returns such a value: a "
    "builtin of fixed result type (`len`, `sorted`, `list`, ...) or a plain module "
    "function (no decorator, never rebound) whose every return is None, a non-string "
    "constant or a display, or a coroutine or generator function. `a + b`, `max(...)`, "
    "a method (a subclass may override it) or a decorated function may give a string "
    "or a callable, which timeit runs.",
    "PG111": "`@dataclass` refuses a list, dict or set default with ValueError on every "
    "Python version, when the class is created; other unhashable defaults (`deque()`, "
    "`bytearray()`, dataclass instances) only since 3.11, so on an older Python the "
    "original ran, sharing one object: that fix is unsafe.",
    "PG116": "`list()`, `dict()`, `tuple()` with no argument, the builtin itself (not "
    "bound in any enclosing scope, not assigned through `global`, no star import that "
    "could bind it), build a new empty list or dict, or the empty tuple; the literal "
    "builds an equal object of the same type (the empty tuple is the very same object). "
    "A comment between the parentheses is kept.",
}

# The relabelled fixes and what breaks them (their cases below).
RELABELLED = {
    "PG102": "`arr is 0` is False for a numpy array; `arr == 0` is an array, and `if` on it raises",
    "PG105": "wraps() sets `__wrapped__`: inspect.signature (pytest, FastAPI) then reports "
    "the wrapped function's parameters, not the wrapper's",
    "PG114": "the TypeVar's `__name__` and repr change",
    "PG201": "the body may have been written against what each parameter really receives",
    "PG205": "the `mock` backport is another release than the running Python's unittest.mock",
    "PG301": "awaiting runs a coroutine that never ran: its errors and effects appear",
    "PG305": "asyncio.run works where no asyncio loop runs (a coroutine driven by trio, by "
    "hand, or with nest_asyncio's patch); `await` then runs the coroutine differently",
    "PG401": "the moved route answers the requests the other route answered",
    "PG403": "threads that had separate in-memory databases then share one",
}


@dataclass(frozen=True)
class Case:
    rule: str
    kind: str  # same | raised | declined | label
    code: str
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    stdout: str
    error: str | None


def run(code: str) -> Outcome:
    """Run *code* in a fresh namespace: what it printed and the exception it ended with."""
    out = io.StringIO()
    error = None
    module = types.ModuleType("adversary")  # dataclasses look their module up
    sys.modules["adversary"] = module
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(code, "adversary.py", "exec"), module.__dict__)
        except Exception as exc:
            error = type(exc).__name__
        finally:
            del sys.modules["adversary"]
    return Outcome(out.getvalue(), error)


def fixed(code: str, rule: str, *, unsafe: bool = False) -> str:
    return fix_all(code, Config(select=(rule,)), "adversary.py", unsafe=unsafe).text


def _case(rule: str, kind: str, code: str, note: str = "") -> Case:
    return Case(rule, kind, textwrap.dedent(code).lstrip(), note)


CASES = [
    # -- PG108 ---------------------------------------------------------------------
    _case(
        "PG108",
        "same",
        """
        class Money:
            def __new__(cls, *args):
                return object.__new__(cls, *args)

            def __init__(self, amount=0):
                self.amount = amount

        print(Money().amount)
        """,
        "empty *args passed nothing before the fix",
    ),
    _case(
        "PG108",
        "raised",
        """
        class Money:
            def __new__(cls, amount):
                return object.__new__(cls, amount)

            def __init__(self, amount):
                self.amount = amount

        print(Money(5).amount)
        """,
    ),
    _case(
        "PG108",
        "declined",
        """
        class Single:
            def __new__(cls, *args):
                return super().__new__(cls, *args)

        class Number(Single, int):
            pass

        print(Number(7))
        """,
        "a subclass puts int.__new__ after Single.__new__ in the MRO",
    ),
    _case(
        "PG108",
        "declined",
        """
        class Strict:
            def __new__(cls, *args):
                try:
                    return object.__new__(cls, *args)
                except TypeError:
                    return None

        print(type(Strict(1)).__name__)
        """,
        "the TypeError is caught in the same body",
    ),
    # -- PG110 ---------------------------------------------------------------------
    _case(
        "PG110",
        "raised",
        """
        import timeit

        def work():
            total = sum(range(10))

        timeit.timeit(work(), number=3)
        print("timed")
        """,
    ),
    _case(
        "PG110",
        "raised",
        """
        import timeit

        print(timeit.timeit(len([1, 2]), number=3) >= 0)
        """,
    ),
    _case(
        "PG110",
        "declined",
        """
        import timeit

        def stmt():
            print("built")
            return "x = " + "1"

        timeit.timeit(stmt(), number=3)
        """,
        "`+` of two strings is a statement string, which timeit runs",
    ),
    _case(
        "PG110",
        "declined",
        """
        import timeit

        class Bench:
            def step(self):
                return [1]

            def run(self):
                return timeit.Timer(self.step()).timeit(2)

        class Fast(Bench):
            def step(self):
                print("step")
                return lambda: None

        Fast().run()
        """,
        "a subclass overrides the method and returns a callable",
    ),
    _case(
        "PG110",
        "declined",
        """
        import functools
        import timeit

        def as_statement(func):
            @functools.wraps(func)
            def wrapper():
                func()
                return "pass"

            return wrapper

        @as_statement
        def work():
            print("work")

        timeit.timeit(work(), number=2)
        """,
        "the decorator makes the call return a statement string",
    ),
    _case(
        "PG110",
        "declined",
        """
        import timeit

        def work():
            print("work")

        try:
            timeit.timeit(work(), number=2)
        except ValueError:
            print("not timed")
        """,
        "the ValueError is caught in the same body",
    ),
    # -- PG111 ---------------------------------------------------------------------
    _case(
        "PG111",
        "raised",
        """
        from dataclasses import dataclass

        @dataclass
        class Cart:
            items: list = []

        print(Cart().items, Cart().items is not Cart().items)
        """,
    ),
    _case(
        "PG111",
        "raised",
        """
        from dataclasses import dataclass, field

        @dataclass
        class Index:
            names: dict = field(default={})

        print(Index().names)
        """,
    ),
    _case(
        "PG111",
        "declined",
        """
        from dataclasses import dataclass

        try:
            @dataclass
            class Cart:
                items: list = []
        except ValueError:
            print("refused, as the test expects")
        """,
        "a test that checks the ValueError",
    ),
    _case(
        "PG111",
        "declined",
        """
        import contextlib
        from dataclasses import dataclass

        with contextlib.suppress(ValueError):
            @dataclass
            class Cart:
                items: list = []

            print("created")
        """,
        "a context manager swallows the ValueError",
    ),
    _case(
        "PG111",
        "label",
        """
        from collections import deque
        from dataclasses import dataclass

        @dataclass
        class Queue:
            pending: deque = deque()
        """,
        "Python 3.10 accepts a deque default and shares it; only 3.11+ raises",
    ),
    # -- PG116 ---------------------------------------------------------------------
    _case(
        "PG116",
        "same",
        """
        items = list()
        items.append(1)
        index = dict()
        index["a"] = items
        print(items, index, tuple() is (), type(tuple()).__name__)
        """,
    ),
    _case(
        "PG116",
        "same",
        """
        pending = list(
            # filled by the worker
        )
        print(pending == [], type(pending).__name__)
        """,
        "the comment stays",
    ),
    _case(
        "PG116",
        "declined",
        """
        import sys
        import types

        helpers = types.ModuleType("pg116_helpers")
        helpers.dict = lambda: "the helpers' dict"
        helpers.__all__ = ["dict"]
        sys.modules["pg116_helpers"] = helpers
        from pg116_helpers import *

        print(dict())
        """,
        "a star import binds the name",
    ),
    _case(
        "PG116",
        "declined",
        """
        def setup():
            global list
            list = tuple

        setup()
        print(list())
        """,
        "a `global` assignment rebinds the name",
    ),
    # -- the relabelled fixes: why each is unsafe ----------------------------------
    _case(
        "PG102",
        "declined",
        """
        import numpy as np

        readings = np.array([0, 3])
        if readings is 0:
            print("zero")
        else:
            print("not zero")
        """,
        "a numpy operand",
    ),
    _case(
        "PG105",
        "declined",
        """
        import inspect

        def with_db(func):
            def wrapper(*args, **kwargs):
                return func("db", *args, **kwargs)

            return wrapper

        @with_db
        def handler(db, request):
            return db, request

        print(inspect.signature(handler))
        """,
        "inspect.signature after wraps: a framework would now ask for `db`",
    ),
    _case(
        "PG114",
        "declined",
        """
        from typing import TypeVar

        T = TypeVar("U")
        print(T)
        """,
    ),
    _case(
        "PG201",
        "declined",
        """
        import os
        from unittest import mock

        @mock.patch("os.getcwd", return_value="/work")
        @mock.patch("os.listdir", return_value=["a.txt"])
        def show(mock_getcwd, mock_listdir):
            print(mock_getcwd.return_value)

        show()
        """,
        "a mock parameter read by position: the body uses what it receives",
    ),
    _case(
        "PG301",
        "declined",
        """
        import asyncio

        async def notify():
            raise ConnectionError("mail server down")

        async def main():
            notify()
            print("ok")

        asyncio.run(main())
        """,
        "a program that printed ok raises",
    ),
    _case(
        "PG305",
        "declined",
        """
        import asyncio

        async def child():
            return asyncio.get_running_loop() is not None

        async def main():
            return asyncio.run(child())

        driven_by_hand = main()
        try:
            driven_by_hand.send(None)
        except StopIteration as stop:
            print(stop.value)
        """,
        "a coroutine driven without an asyncio loop",
    ),
    _case(
        "PG401",
        "declined",
        """
        from fastapi import FastAPI
        from fastapi.testclient import TestClient

        app = FastAPI()


        @app.get("/{page}")
        def page(page: str):
            return {"page": page}


        @app.get("/about")
        def about():
            return {"about": True}


        print(TestClient(app).get("/about").json())
        """,
        "the other route answered /about",
    ),
    _case(
        "PG403",
        "declined",
        """
        import threading

        from sqlalchemy import create_engine, text

        engine = create_engine("sqlite://")
        with engine.begin() as connection:
            connection.execute(text("create table log (line text)"))

        def count_tables():
            with engine.connect() as connection:
                print(connection.execute(text("select count(*) from sqlite_master")).scalar())

        worker = threading.Thread(target=count_tables)
        worker.start()
        worker.join()
        """,
        "the worker thread had its own empty database",
    ),
]


def _id(case: Case) -> str:
    same_rule = [c for c in CASES if c.rule == case.rule]
    return f"{case.rule}-{case.kind}-{same_rule.index(case)}"


def test_every_safe_fix_is_argued_and_attacked() -> None:
    safe = {r.code for r in all_rules() if r.fix_safety is FixSafety.SAFE}
    assert safe == set(ARGUMENTS)
    for code in safe:
        kinds = {c.kind for c in CASES if c.rule == code}
        assert kinds & {"same", "raised"}, f"{code}: no case where the safe fix applies"
        assert "declined" in kinds, f"{code}: no attack on the safe fix"


def test_the_relabelled_fixes_are_unsafe() -> None:
    rules = {r.code: r for r in all_rules()}
    for code in RELABELLED:
        assert rules[code].fix_safety is FixSafety.UNSAFE, code
    shown = {c.rule for c in CASES if c.kind == "declined"}
    assert set(RELABELLED) - shown == {"PG205"}


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_adversary(case: Case) -> None:
    before = run(case.code)
    after_safe = fixed(case.code, case.rule)
    if case.kind == "same":
        assert before.error is None, before
        assert after_safe != case.code, "the safe fix did not apply"
        assert run(after_safe) == before
    elif case.kind == "raised":
        assert before.error is not None, "the original was expected to raise"
        assert after_safe != case.code, "the safe fix did not apply"
        assert run(after_safe).error is None
    elif case.kind == "declined":
        assert before.error is None, before
        assert after_safe == case.code, "--fix changed a program it may break"
        after_unsafe = fixed(case.code, case.rule, unsafe=True)
        assert after_unsafe != case.code, "no unsafe fix either: nothing was attacked"
        assert run(after_unsafe) != before, "the unsafe fix did not change the outcome"
    else:  # label: the reason is a Python version other than the running one
        assert after_safe == case.code
        assert fixed(case.code, case.rule, unsafe=True) != case.code


def test_the_comment_inside_an_empty_call_is_kept() -> None:
    (case,) = [c for c in CASES if c.note == "the comment stays"]
    assert fixed(case.code, "PG116").startswith("pending = [\n    # filled by the worker\n]\n")
