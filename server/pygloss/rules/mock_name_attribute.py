"""PG203: ``Mock(name="...")`` followed by reading ``.name`` on that mock.

``name`` is a constructor argument of ``Mock``/``MagicMock``/``AsyncMock``: it names
the mock in its repr.  Reading ``.name`` afterwards gives a new child mock, not the
string.  Flagged when, in the same function (or module), the mock is bound to a
name or ``self.<attr>`` and ``.name`` is read before any ``.name = ...`` assignment.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._arguments import remove_argument
from pygloss.rules._fixkit import newline_of, statement_alone
from pygloss.rules._flow import final_names, walk_scope
from pygloss.rules._mocks import qualified_mock_name
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Related,
    Rule,
    RuleContext,
    Valid,
)
from pygloss.syntax.names import dotted_name

NAMED = frozenset(
    "unittest.mock." + n
    for n in ("Mock", "MagicMock", "AsyncMock", "NonCallableMock", "NonCallableMagicMock")
)


class MockNameAttribute(Rule):
    code = "PG203"
    name = "mock-name-attribute"
    message = "Mock(name=...) names the mock's repr; reading .name gives a child mock"
    fix_title = "Create the mock, then assign .name"
    fix_safety = FixSafety.UNSAFE
    topic = "pg203-mock-name-attribute"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)  # the mock made, then the assignment holding it
    calls = final_names(NAMED)
    requires = ("mock",)  # mock classes come from unittest.mock / mock / mocker

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        assign = ctx.parent(node)
        if not isinstance(assign, ast.Assign) or assign.value is not node:
            return
        found = _named_mock(assign, ctx)
        if found is None:
            return
        held, keyword = found
        read = _first_name_read(assign, held, ctx)
        if read is None:
            return
        where = ctx.source.line_label(ctx.span(read)[0])
        message = (
            f"`name=` only names the mock in its repr: `{held}.name` ({where}) is a new "
            f"child mock, not {ctx.source.segment(keyword.value)}; create the mock, then "
            f"assign `{held}.name = ...`"
        )
        related = (Related(*ctx.span(read), f"`{held}.name` reads a child mock"),)
        yield self.finding(ctx, keyword, message, related)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        for node in ctx.source.walk():
            if not isinstance(node, ast.Assign):
                continue
            found = _named_mock(node, ctx)
            if found is None or ctx.span(found[1]) != (finding.start, finding.end):
                continue
            held, keyword = found
            start, end = ctx.span(node)
            if not statement_alone(ctx.source, start, end):
                return None
            assert isinstance(node.value, ast.Call)
            removal = remove_argument(ctx, node.value, keyword)
            if removal is None:
                return None
            line = ctx.source.line_text(ctx.source.line_of(start))
            indent = line[: len(line) - len(line.lstrip())]
            at = ctx.source.line_of(end)
            newline = newline_of(ctx.source, end)
            value = ctx.source.segment(keyword.value)
            if at + 1 < ctx.source.line_count:
                offset = ctx.source.line_starts[at + 1]
                insert = Edit(offset, offset, f"{indent}{held}.name = {value}{newline}")
            else:
                offset = len(ctx.source.text)
                insert = Edit(offset, offset, f"{newline}{indent}{held}.name = {value}")
            return Fix(self.fix_title or "", FixSafety.UNSAFE, (removal, insert))
        return None

    VALID = [
        Valid(
            "from unittest.mock import Mock\n\n\ndef test_author():\n"
            "    author = Mock()\n    author.name = 'Pushkin'\n"
            "    assert author.name == 'Pushkin'\n"
        ),
        Valid(
            "from unittest.mock import MagicMock\n\n\ndef test_repr():\n"
            "    client = MagicMock(name='api_client')\n"
            "    assert 'api_client' in repr(client)\n"
        ),
        Valid(
            "from unittest.mock import Mock\n\n\ndef test_configured():\n"
            "    author = Mock(name='author')\n    author.name = 'Pushkin'\n"
            "    assert author.name == 'Pushkin'\n"
        ),
        Valid(
            "from unittest.mock import Mock\n\n\ndef test_other_mock(other):\n"
            "    author = Mock(name='author')\n    assert other.name == 'x'\n"
        ),
        Valid(
            "from unittest.mock import Mock\n\n\ndef test_configure_mock():\n"
            "    author = Mock()\n    author.configure_mock(name='Pushkin')\n"
            "    assert author.name == 'Pushkin'\n"
        ),
    ]
    INVALID = [
        Invalid(
            "from unittest.mock import Mock\n\n\ndef test_author_name():\n"
            '    author = Mock(name="Pushkin")\n    assert author.name == "Pushkin"\n',
            fixed="from unittest.mock import Mock\n\n\ndef test_author_name():\n"
            '    author = Mock()\n    author.name = "Pushkin"\n'
            '    assert author.name == "Pushkin"\n',
        ),
        Invalid(
            "import unittest\nfrom unittest import mock\n\n\n"
            "class BookTests(unittest.TestCase):\n    def test_title(self):\n"
            '        self.book = mock.MagicMock(spec=["name"], name="Onegin")\n'
            "        self.assertEqual(render(self.book), self.book.name)\n",
            fixed="import unittest\nfrom unittest import mock\n\n\n"
            "class BookTests(unittest.TestCase):\n    def test_title(self):\n"
            '        self.book = mock.MagicMock(spec=["name"])\n'
            '        self.book.name = "Onegin"\n'
            "        self.assertEqual(render(self.book), self.book.name)\n",
        ),
        Invalid(
            "from unittest.mock import AsyncMock\n\n\nasync def test_worker(queue):\n"
            "    worker = AsyncMock(\n        name='worker-1',\n        return_value=None,\n    )\n"
            "    await queue.run(worker)\n    assert queue.last == worker.name\n",
            fixed="from unittest.mock import AsyncMock\n\n\nasync def test_worker(queue):\n"
            "    worker = AsyncMock(\n        return_value=None,\n    )\n"
            "    worker.name = 'worker-1'\n"
            "    await queue.run(worker)\n    assert queue.last == worker.name\n",
        ),
        Invalid(
            "from unittest.mock import Mock\n\n"
            "user = Mock(name='alice', email='alice@example.com')\n"
            "print(user.name)",
            fixed="from unittest.mock import Mock\n\n"
            "user = Mock(email='alice@example.com')\nuser.name = 'alice'\n"
            "print(user.name)",
        ),
    ]


def _named_mock(node: ast.Assign, ctx: RuleContext) -> tuple[str, ast.keyword] | None:
    """``(held, keyword)`` for ``held = Mock(..., name=...)``; ``held`` is ``x`` or ``self.x``."""
    value = node.value
    if len(node.targets) != 1 or not isinstance(value, ast.Call):
        return None
    held = dotted_name(node.targets[0])
    if (
        held is None
        or held.count(".") > 1
        or (held.count(".") == 1 and not held.startswith("self."))
    ):
        return None
    keyword = next((k for k in value.keywords if k.arg == "name"), None)
    if keyword is None or qualified_mock_name(value.func, ctx) not in NAMED:
        return None
    return held, keyword


def _first_name_read(node: ast.Assign, held: str, ctx: RuleContext) -> ast.Attribute | None:
    """The first ``held.name`` read after *node*, before ``held`` or ``held.name`` is set."""
    func = ctx.enclosing_function(node)
    if isinstance(func, ast.Lambda):
        return None
    body: list[ast.stmt] = list(func.body) if func is not None else list(ctx.source.statements)
    after = ctx.span(node)[1]
    events: list[tuple[int, bool, ast.AST]] = []
    for candidate in walk_scope(body):
        if not hasattr(candidate, "lineno") or ctx.span(candidate)[0] < after:
            continue
        if isinstance(candidate, ast.Attribute) and candidate.attr == "name":
            if dotted_name(candidate.value) == held:
                events.append(
                    (ctx.span(candidate)[0], isinstance(candidate.ctx, ast.Load), candidate)
                )
        elif isinstance(candidate, ast.Name | ast.Attribute) and not isinstance(
            candidate.ctx, ast.Load
        ):
            if dotted_name(candidate) == held:
                events.append((ctx.span(candidate)[0], False, candidate))
        elif (
            isinstance(candidate, ast.Call)
            and isinstance(candidate.func, ast.Attribute)
            and candidate.func.attr == "configure_mock"
            and dotted_name(candidate.func.value) == held
        ):
            events.append((ctx.span(candidate)[0], False, candidate))
    for _, is_read, event in sorted(events, key=lambda e: e[0]):
        if is_read:
            assert isinstance(event, ast.Attribute)
            return event
        return None
    return None
