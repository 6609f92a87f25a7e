"""PG201: stacked ``@patch`` decorators whose mock parameters are named in the wrong order.

The decorator nearest the ``def`` feeds the first mock parameter (after ``self``).
The rule judges by names: it reports only when the parameters' names clearly
belong to other decorators of the same stack (each name matches exactly one
target and each target exactly one name), so a stack it cannot read stays silent.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid
from pygloss.syntax.names import qualify
from pygloss.syntax.patches import (
    PatchDecorator,
    assignments,
    mock_parameters,
    param_matches,
    patch_decorator,
    received,
)

Function = ast.FunctionDef | ast.AsyncFunctionDef
# decorators that may sit between patches without changing the positional arguments
_TRANSPARENT = frozenset(
    {"unittest.skip", "unittest.skipIf", "unittest.skipUnless", "unittest.expectedFailure"}
)


class MisorderedPatchArguments(Rule):
    code = "PG201"
    name = "misordered-patch-arguments"
    message = "Mock parameters in the wrong order: stacked patches pass their mocks bottom-up"
    fix_title = "Reorder the mock parameters to match the decorators (bottom-up)"
    fix_safety = FixSafety.UNSAFE
    topic = "pg201-misordered-patch-arguments"
    stubs = False  # a stub file never runs
    nodes = (ast.FunctionDef, ast.AsyncFunctionDef)
    requires = ("mock",)  # patch comes from unittest.mock / mock / mocker

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, Function)
        if len(node.decorator_list) < 2:
            return
        plan = self._plan(node, ctx)
        if plan is None:
            return
        slots, wanted, feeders = plan
        wrong = [i for i, param in enumerate(slots) if wanted[i] is not param]
        first = slots[wrong[0]]
        named = next(feeders[i].target for i, param in enumerate(wanted) if param is first)
        message = (
            f"`{first.arg}` receives {received(feeders[wrong[0]])}, but its name "
            f"says `{named}`: stacked patches pass their mocks bottom-up (the decorator "
            "nearest the def feeds the first parameter)"
        )
        start = ctx.span(slots[wrong[0]])[0]
        end = ctx.span(slots[wrong[-1]])[1]
        yield Finding(self.code, message, start, end, self.severity, {"function": node.name})

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        for node in ctx.source.walk():
            if not isinstance(node, Function) or node.name != finding.data.get("function"):
                continue
            plan = self._plan(node, ctx)
            if plan is None:
                continue
            slots, wanted, _ = plan
            if ctx.span(slots[0])[0] > finding.start or ctx.span(slots[-1])[1] < finding.end:
                continue
            defaults = len(node.args.defaults)
            positional = [*node.args.posonlyargs, *node.args.args]
            if defaults and any(p in positional[-defaults:] for p in slots):
                return None  # moving a parameter would move its default too
            edits = [
                Edit(*ctx.span(param), ctx.source.segment(wanted[i]))
                for i, param in enumerate(slots)
                if wanted[i] is not param
            ]
            return Fix(self.fix_title or "", FixSafety.UNSAFE, tuple(edits))
        return None

    def _plan(
        self, func: Function, ctx: RuleContext
    ) -> tuple[list[ast.arg], list[ast.arg], list[PatchDecorator]] | None:
        """Mock parameter slots, the parameter each slot should hold, and each slot's feeder.

        None when the stack cannot be judged or is already in order.
        """
        if not _stack_is_plain(func, ctx):
            return None
        pairs = [(d, p) for d, p in _pairs(func, ctx) if d.injects]
        if len(pairs) < 2 or any(p is None for _, p in pairs):
            return None
        feeders = [d for d, _ in pairs]
        slots = [p for _, p in pairs if p is not None]
        params = mock_parameters(func, isinstance(ctx.parent(func), ast.ClassDef))
        # a decorator is "named" by exactly one parameter, which names nothing else
        owner: dict[int, ast.arg] = {}
        for index, decorator in enumerate(feeders):
            namers = [p for p in params if param_matches(p.arg, decorator.target)]
            if len(namers) != 1 or namers[0] not in slots:
                continue
            namer = namers[0]
            if sum(param_matches(namer.arg, d.target) for d in feeders) == 1:
                owner[index] = namer
        named_slots = {i for i, p in enumerate(slots) if p in owner.values()}
        if set(owner) != named_slots or len(set(map(id, owner.values()))) != len(owner):
            return None
        wanted = [owner.get(i, slot) for i, slot in enumerate(slots)]
        if all(w is s for w, s in zip(wanted, slots, strict=True)):
            return None
        return slots, wanted, feeders

    VALID = [
        # `**options` may hold `new` (then that patch passes nothing): the order of the
        # parameters is not in the code
        Valid(
            "from unittest import mock\n\nOPTIONS = {'new': 3}\n\n\n"
            '@mock.patch("shop.sync.upload")\n'
            '@mock.patch("shop.sync.os.path.exists", **OPTIONS)\n'
            "def test_uploads(mock_upload, mock_exists):\n    pass\n"
        ),
        Valid(
            "import unittest\nfrom unittest import mock\n\n\n"
            "class TestSync(unittest.TestCase):\n"
            '    @mock.patch("shop.sync.upload")\n'
            '    @mock.patch("shop.sync.os.path.exists")\n'
            "    def test_uploads_when_present(self, mock_exists, mock_upload):\n"
            "        mock_exists.return_value = True\n"
        ),
        Valid(
            "from unittest.mock import patch\n\n\n"
            '@patch("shop.jobs.send_mail")\n'
            '@patch("shop.jobs.TIMEOUT", new=3)\n'
            '@patch("shop.jobs.fetch_rates")\n'
            "def test_job(mock_fetch_rates, mock_send_mail, tmp_path):\n"
            "    assert mock_send_mail.called is False\n"
        ),
        Valid(
            "from unittest import mock\n\n\n"
            '@mock.patch("worker.getcwd", return_value="/home/")\n'
            '@mock.patch("worker.print")\n'
            '@mock.patch.dict("os.environ", {"MY_VAR": "testing"})\n'
            "def test_env(mock_print, mock_getcwd):\n"
            "    pass\n"
        ),
        Valid(
            "from unittest import mock\n\n\n"
            '@mock.patch("billing.gateway.charge")\n'
            '@mock.patch("billing.gateway.refund")\n'
            "def test_names_say_nothing(first, second):\n"
            "    pass\n"
        ),
        Valid(
            "from unittest import mock\n\n\n"
            '@mock.patch("shop.cache.get")\n'
            '@mock.patch("shop.db.get")\n'
            "def test_ambiguous(mock_get, other_get):\n"
            "    pass\n"
        ),
        Valid(
            "from unittest import mock\n\nimport pytest\n\n\n"
            '@mock.patch("shop.api.post")\n'
            "@with_retry_args\n"
            '@mock.patch("shop.api.get")\n'
            "def test_custom_decorator(mock_post, mock_get):\n"
            "    pass\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import unittest\nfrom unittest import mock\n\n\n"
            "class TestSync(unittest.TestCase):\n"
            '    @mock.patch("shop.sync.upload")\n'
            '    @mock.patch("shop.sync.os.path.exists")\n'
            "    def test_uploads_when_present(self, mock_upload, mock_exists):\n"
            "        mock_exists.return_value = True\n",
            fixed="import unittest\nfrom unittest import mock\n\n\n"
            "class TestSync(unittest.TestCase):\n"
            '    @mock.patch("shop.sync.upload")\n'
            '    @mock.patch("shop.sync.os.path.exists")\n'
            "    def test_uploads_when_present(self, mock_exists, mock_upload):\n"
            "        mock_exists.return_value = True\n",
        ),
        Invalid(
            "from unittest.mock import patch\n\nimport pytest\n\n\n"
            "@pytest.mark.slow\n"
            '@patch("shop.jobs.send_mail")\n'
            '@patch("shop.jobs.TIMEOUT", new=3)\n'
            '@patch("shop.jobs.fetch_rates")\n'
            "def test_job(mock_send_mail, mock_fetch_rates, tmp_path):\n"
            "    assert mock_send_mail.called is False\n",
            fixed="from unittest.mock import patch\n\nimport pytest\n\n\n"
            "@pytest.mark.slow\n"
            '@patch("shop.jobs.send_mail")\n'
            '@patch("shop.jobs.TIMEOUT", new=3)\n'
            '@patch("shop.jobs.fetch_rates")\n'
            "def test_job(mock_fetch_rates, mock_send_mail, tmp_path):\n"
            "    assert mock_send_mail.called is False\n",
        ),
        Invalid(
            "from unittest import TestCase, mock\n\nfrom shop import Cart, Inventory\n\n\n"
            "class CartTests(TestCase):\n"
            '    @mock.patch.object(Cart, "total", autospec=True)\n'
            '    @mock.patch.object(Inventory, "reserve")\n'
            '    @mock.patch.dict("os.environ", {"CURRENCY": "EUR"})\n'
            "    def test_checkout(self, total_mock, reserve_mock):\n"
            "        reserve_mock.return_value = True\n",
            fixed="from unittest import TestCase, mock\n\nfrom shop import Cart, Inventory\n\n\n"
            "class CartTests(TestCase):\n"
            '    @mock.patch.object(Cart, "total", autospec=True)\n'
            '    @mock.patch.object(Inventory, "reserve")\n'
            '    @mock.patch.dict("os.environ", {"CURRENCY": "EUR"})\n'
            "    def test_checkout(self, reserve_mock, total_mock):\n"
            "        reserve_mock.return_value = True\n",
        ),
        Invalid(
            "from unittest.mock import AsyncMock, MagicMock, patch\n\n\n"
            '@patch("shop.notify.sms")\n'
            '@patch("shop.notify.email")\n'
            '@patch("shop.notify.push")\n'
            "async def test_notify(\n"
            "    mock_sms: MagicMock, mock_email: MagicMock, mock_push: AsyncMock\n"
            "):\n"
            "    await notify_all()\n",
            fixed="from unittest.mock import AsyncMock, MagicMock, patch\n\n\n"
            '@patch("shop.notify.sms")\n'
            '@patch("shop.notify.email")\n'
            '@patch("shop.notify.push")\n'
            "async def test_notify(\n"
            "    mock_push: AsyncMock, mock_email: MagicMock, mock_sms: MagicMock\n"
            "):\n"
            "    await notify_all()\n",
        ),
    ]


def _pairs(func: Function, ctx: RuleContext) -> list[tuple[PatchDecorator, ast.arg | None]]:
    return assignments(func, ctx.imports, isinstance(ctx.parent(func), ast.ClassDef))


def _stack_is_plain(func: Function, ctx: RuleContext) -> bool:
    """No unknown decorator sits below a patch (it could add or consume arguments)."""
    seen_patch = False
    for decorator in func.decorator_list:
        found = patch_decorator(decorator, ctx.imports)
        if found is not None:
            if found.opaque:
                return False  # `**options` may hold `new`: the count is not in the code
            seen_patch = True
            continue
        if not seen_patch:
            continue  # above every patch: it wraps the finished stack
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = qualify(target, ctx.imports) or ""
        if not (name.startswith("pytest.mark.") or name in _TRANSPARENT):
            return False
    return True
