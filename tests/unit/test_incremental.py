"""The incremental lint equals a full lint after every edit (seeded random edits of
real files: the standard library's ``unittest/mock.py``, ``asyncio/tasks.py``, its
``mock.patch`` tests, and the ``examples/shop`` project).

Each file gets a sequence of edits that build on each other: one-keystroke edits
inside function bodies (the cheap path), edits of a line inside the body of a
top-level def/class that add or remove line breaks (Enter, new, deleted and pasted
lines) or break the syntax (``xif``, an open bracket or quote), which must take the
cheap path most of the time, pitfalls typed in (``is 1``, ``== None``,
``=[]``, ``list()``, ``# noqa``...), edits of imports, decorators and def/class
header lines, new and deleted lines, and edits that break the syntax (an open
bracket or quote) followed, often, by the edit that undoes them.  After every edit
the findings (codes, messages, offsets, severity, data, related places), the syntax
errors, the line offsets and the parsed statements (every few edits, and after every
cheap edit that moved lines) must equal those of a full lint of the same text, with
every rule enabled.
"""

from __future__ import annotations

import ast
import random
import sysconfig
from pathlib import Path

import pytest

from pygloss.engine.config import Config
from pygloss.engine.incremental import LintState, lint_edit
from pygloss.engine.lint import lint
from pygloss.rules import all_rules
from pygloss.syntax.source import Source

ROOT = Path(__file__).resolve().parents[2]
STDLIB = Path(sysconfig.get_paths()["stdlib"])
EVERYTHING = Config(extend_select=("ALL",))

SNIPPETS = (
    "x",
    "1",
    " ",
    "_",
    ".",
    ",",
    " is 1",
    " is not ()",
    " == None",
    " != None",
    "list()",
    "dict()",
    "=[]",
    " or []",
    "yield ",
    "await ",
    "return ",
    "(",
    ")",
    "[",
    "'",
    '"""',
    ":",
    "\\",
    "#",
    "  # noqa",
    "  # noqa: PG102",
    "  # pygloss: ignore[PG103]",
    "lambda: 0",
    "groupby(",
    "TypeVar('U')",
    ":=",
    "self.",
    "@",
    "0.1 + 0.2",
    "async ",
)
LINES = (
    "    x = x or []\n",
    "    assert total == 0.1 + 0.2\n",
    "    if value is 1:\n        return list()\n",
    "import itertools\n",
    "from unittest import mock\n",
    "@overload\n",
    "def extra(a=[]):\n    return a == None, a\n",
    "class Extra:\n    items = []\n",
    "\n",
    "    (\n",
)


def _files() -> list[Path]:
    candidates = [
        STDLIB / "unittest" / "mock.py",
        STDLIB / "asyncio" / "tasks.py",
        ROOT / "examples" / "shop" / "shop" / "services.py",
        ROOT / "examples" / "shop" / "shop" / "db.py",
        ROOT / "examples" / "shop" / "shop" / "models.py",
        ROOT / "examples" / "shop" / "tests" / "test_billing.py",
    ]
    for patches in (
        STDLIB / "test" / "test_unittest" / "testmock" / "testpatch.py",
        STDLIB / "unittest" / "test" / "testmock" / "testpatch.py",
    ):
        if patches.exists():
            candidates.append(patches)
            break
    return candidates


def _edit(text: str, rng: random.Random) -> str:
    """One random edit of *text* (mostly one keystroke inside a line)."""
    lines = text.splitlines(keepends=True)
    kind = rng.random()
    line = rng.randrange(len(lines))
    start = sum(len(t) for t in lines[:line])
    body = lines[line].rstrip("\r\n")
    if kind < 0.55:  # type something inside a line
        at = start + rng.randint(0, len(body))
        return text[:at] + rng.choice(SNIPPETS) + text[at:]
    if kind < 0.75:  # delete a few characters inside a line
        if not body:
            return text
        at = start + rng.randrange(len(body))
        return text[:at] + text[at + rng.randint(1, 3) :]
    if kind < 0.85:  # replace a word
        at = start + rng.randint(0, len(body))
        return text[:at] + rng.choice(SNIPPETS) + text[at + rng.randint(1, 6) :]
    if kind < 0.95:  # a new line
        return text[:start] + rng.choice(LINES) + text[start:]
    return text[:start] + text[start + len(lines[line]) :]  # delete a line


BROKEN = ("xif ", "(", "x = ", "return )", "def ", "'")


def _body_edit(text: str, rng: random.Random) -> tuple[str, str] | None:
    """An edit of one line inside the body of a random top-level def/class, and its
    kind: ``lines`` (a line break added or removed: Enter, a new, deleted or
    pasted line) or ``broken`` (a keystroke that usually breaks the syntax)."""
    source = Source(text)
    if not source.parse.complete:
        return None
    bodies = [
        (s.body[0].lineno - 1, s.end_lineno or s.lineno)
        for s in source.statements
        if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and s.body
    ]
    if not bodies:
        return None
    first, stop = rng.choice(bodies)
    line = rng.randrange(first, stop)
    lines = text.splitlines(keepends=True)
    start = source.line_starts[line]
    body = lines[line].rstrip("\r\n")
    indent = body[: len(body) - len(body.lstrip())] or "    "
    kind = rng.random()
    if kind < 0.2:  # a new line before this one
        return text[:start] + indent + rng.choice(
            ("x = 1", "pass", "y = [] or None")
        ) + "\n" + text[start:], "lines"
    if kind < 0.35 and line > first:  # delete this line
        return text[:start] + text[start + len(lines[line]) :], "lines"
    if kind < 0.5:  # Enter in the middle or at the end of the line
        at = start + rng.randint(min(len(indent), len(body)), len(body))
        return text[:at] + "\n" + indent + text[at:], "lines"
    if kind < 0.6:  # paste a few lines of the same body
        other = rng.randrange(first, stop)
        pasted = "".join(lines[other : other + rng.randint(1, 3)])
        if not pasted.endswith("\n"):
            return None
        return text[:start] + pasted + text[start:], "lines"
    at = start + (len(indent) if kind < 0.8 else len(body))
    return text[:at] + rng.choice(BROKEN) + text[at:], "broken"


def _check(path: Path, name: str, edits: int, seed: int, crlf: bool = False) -> int:
    text = path.read_text(encoding="utf-8")
    if crlf:  # Windows line endings (the edits still type bare \n: mixed endings too)
        text = text.replace("\n", "\r\n")
    rng = random.Random(seed)
    state: LintState | None = None
    source = Source(text, name)
    result, state = lint_edit(source, None, EVERYTHING, name)
    assert result.findings == lint(Source(text, name), EVERYTHING, name).findings
    cheap = 0
    history = [text]
    for number in range(edits):
        broken = not Source(text).parse.complete
        kind = "other"
        if len(history) > 1 and rng.random() < (0.8 if broken else 0.2):
            history.pop()
            text = history[-1]  # undo the last edit
        else:
            body_edit = _body_edit(text, rng) if rng.random() < 0.5 else None
            text, kind = body_edit or (_edit(text, rng), "other")
            history.append(text)
        source = Source(text, name)
        rules_before = state.key if state is not None else None
        result, state = lint_edit(source, state, EVERYTHING, name)
        fast = state is not None and state.stats.get("reparsed") == 1
        cheap += fast
        # (an edit that adds or removes a word some rule's `requires` looks for changes
        # the rules that run: the full path, rightly; such edits are not counted)
        if kind != "other" and state is not None and state.key == rules_before:
            outcome = "broken" if source.parse.errors else "parses"
            TALLY[kind, outcome, fast] = TALLY.get((kind, outcome, fast), 0) + 1
        full_source = Source(text, name)
        full = lint(full_source, EVERYTHING, name)
        where = f"{path.name}, seed {seed}, edit {number}"
        assert result.findings == full.findings, where
        assert result.syntax_errors == full.syntax_errors, where
        assert not result.truncated and not result.failures, where
        assert source.line_starts == full_source.line_starts, where
        if number % 7 == 0 or (fast and state is not None and state.stats.get("lines_moved")):
            spliced = ast.Module(body=list(source.statements), type_ignores=[])
            whole = ast.Module(body=list(full_source.statements), type_ignores=[])
            assert ast.dump(spliced, include_attributes=True) == ast.dump(
                whole, include_attributes=True
            ), where
    return cheap


TALLY: dict[tuple[str, str, bool], int] = {}  # (edit kind, result parses?, fast?) -> count


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_incremental_lint_equals_full_lint(path: Path) -> None:
    edits = 40 if len(path.read_text(encoding="utf-8")) > 20_000 else 150
    name = f"/project/tests/test_{path.stem}.py"  # a test file: PG115 runs too
    TALLY.clear()
    cheap = sum(_check(path, name, edits, seed) for seed in (1, 2))
    assert cheap >= 10  # the cheap path was really taken (not only the full one)
    # edits inside a body that add or remove lines, and those that break the syntax
    # there, take the fast path (most of the time: a pasted line can end a body, a
    # broken line can swallow the next statement, ...)
    for kind, outcome in (("lines", "parses"), ("broken", "broken")):
        fast, slow = TALLY.get((kind, outcome, True), 0), TALLY.get((kind, outcome, False), 0)
        assert fast >= 2 and fast >= slow, (kind, outcome, TALLY)


def test_incremental_lint_equals_full_lint_with_crlf() -> None:
    path = ROOT / "examples" / "shop" / "shop" / "services.py"
    TALLY.clear()
    cheap = sum(_check(path, "/project/shop/services.py", 100, seed, crlf=True) for seed in (3, 4))
    assert cheap >= 10
    assert TALLY.get(("lines", "parses", True), 0) >= 2, TALLY
    assert TALLY.get(("broken", "broken", True), 0) >= 2, TALLY


def test_every_rule_declares_its_locality() -> None:
    """Statement-local is opt-in; the rules that opted in (audited) are listed here,
    so that a new opt-in is a reviewed change."""
    local = {rule.code for rule in all_rules() if rule.statement_local}
    assert local == {
        *("PG102", "PG103", "PG111", "PG112", "PG113", "PG114", "PG115"),
        *("PG116", "PG204", "PG302", "PG303", "PG305", "PG403", "PG404", "PG405"),
    }


def test_module_wide_rules_see_other_statements() -> None:
    """An edit inside one function changes a module-wide finding elsewhere (PG104:
    the function becomes a generator), and the incremental lint reports it."""
    text = "def gen(n):\n    return n\n\n\ndef user():\n    yield 1\n    yield gen(2)\n"
    state: LintState | None = None
    result, state = lint_edit(Source(text, "m.py"), None, EVERYTHING, "m.py")
    assert not any(f.code == "PG104" for f in result.findings)
    edited = text.replace("return n", "yield n ")
    result, state = lint_edit(Source(edited, "m.py"), state, EVERYTHING, "m.py")
    assert state is not None and state.stats["reparsed"] == 1  # the cheap path
    assert [f.code for f in result.findings if f.code == "PG104"] == ["PG104"]


def test_a_failing_fast_path_falls_back_to_the_full_lint(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from pygloss.engine import api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug in the fast path")

    monkeypatch.setattr(api, "lint_edit", broken)
    engine = object.__new__(api.Engine)  # lint_edit needs no knowledge base
    text = "def f(a=[]):\n    return a == None, a\n"
    result, state = engine.lint_edit(Source(text, "m.py"), None, EVERYTHING, "m.py")
    assert state is None
    assert [f.code for f in result.findings] == ["PG101", "PG103"]
    assert "incremental lint failed" in caplog.text
