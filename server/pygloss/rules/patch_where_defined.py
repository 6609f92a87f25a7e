"""PG202: ``patch("pkg.mod.name")`` in a module that did ``from pkg.mod import name``
and calls that ``name`` while the patch is active: the local name is not patched.

The patched scope is the decorated test (or, for a decorated ``TestCase`` class, its
``test*`` methods), the body of ``with patch(...)``, or what follows
``patch(...).start()`` (the other methods of the class when it is started in
``setUp``).  The fix patches this module's own name instead, when the module's
dotted name is certain (see :func:`pygloss.rules._mocks.module_name`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._lookup import LookupMissRule, Miss, first_miss, nodes_after, string_target
from pygloss.rules.base import FixSafety, Invalid, RuleContext, Valid
from pygloss.syntax.names import dotted_name
from pygloss.syntax.patches import PATCH, patch_kind

Function = ast.FunctionDef | ast.AsyncFunctionDef
_SETUP = frozenset({"setUp", "asyncSetUp", "setUpClass", "setup_method", "setup_class"})
_EXAMPLE = "examples/shop/tests/test_payments.py"


class PatchWhereDefined(LookupMissRule):
    code = "PG202"
    requires = ("mock",)  # patch comes from unittest.mock / mock
    calls = frozenset({"patch"})  # what miss() accepts: unittest.mock.patch, mock.patch
    name = "patch-where-defined"
    message = "Patched where the name is defined, but this module calls its own imported copy"
    fix_title = "Patch the name in this module, where it is looked up"
    fix_safety = FixSafety.UNSAFE
    topic = "pg202-patch-where-defined"
    stubs = False  # a stub file never runs

    def miss(self, call: ast.Call, ctx: RuleContext) -> Miss | None:
        target = string_target(call.args[0] if call.args else None)
        if target is None or patch_kind(call.func, ctx.imports) != PATCH:
            return None
        parent = ctx.parent(call)
        if isinstance(parent, Function) and call in parent.decorator_list:
            return first_miss(ctx, target, _all(parent.body), parent, call)
        if isinstance(parent, ast.ClassDef) and call in parent.decorator_list:
            for method in parent.body:
                if isinstance(method, Function) and method.name.startswith("test"):
                    miss = first_miss(ctx, target, _all(method.body), method, call)
                    if miss is not None:
                        return miss
            return None
        enclosing = ctx.enclosing_function(call)
        function = enclosing if isinstance(enclosing, Function) else None
        if isinstance(parent, ast.withitem):
            with_statement = ctx.parent(parent)
            assert isinstance(with_statement, ast.With | ast.AsyncWith)
            return first_miss(ctx, target, _all(with_statement.body), function, call)
        if function is None or not _started(call, parent, function, ctx):
            return None
        cls = ctx.parent(function)
        if function.name in _SETUP and isinstance(cls, ast.ClassDef):
            for method in cls.body:
                if isinstance(method, Function) and method is not function:
                    miss = first_miss(ctx, target, _all(method.body), method, call)
                    if miss is not None:
                        return miss
            return None
        return first_miss(ctx, target, nodes_after(function.body, call, ctx), function, call)

    VALID = [
        Valid(
            "import unittest\nfrom unittest import mock\n\nfrom shop import billing\n\n\n"
            "class ChargeTests(unittest.TestCase):\n"
            '    @mock.patch("shop.billing.gateway_charge")\n'
            "    def test_charge(self, mock_gateway_charge):\n"
            "        billing.charge(10)\n"
            "        mock_gateway_charge.assert_called_once_with(10)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from unittest.mock import patch\n\nfrom shop.billing import charge\n\n\n"
            "def test_checkout_charges():\n"
            '    with patch("tests.test_payments.charge") as mock_charge:\n'
            "        charge(10)\n    mock_charge.assert_called_once_with(10)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from unittest.mock import patch\n\nfrom shop.billing import charge\n\n\n"
            'def test_spy():\n    with patch("shop.billing.charge", wraps=charge) as spy:\n'
            "        checkout(10)\n    spy.assert_called_once_with(10)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from unittest.mock import patch\n\nfrom shop.billing import charge\n\n\n"
            'def test_after_patch():\n    with patch("shop.billing.charge"):\n'
            "        checkout(10)\n    charge(10)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from unittest import mock\n\nfrom shop.billing import charge\n\n\n"
            '@mock.patch("shop.billing.charge")\ndef test_local(mock_charge, charge=None):\n'
            "    charge(1)\n",
            path=_EXAMPLE,
        ),
    ]
    INVALID = [
        Invalid(
            "import unittest\nfrom unittest import mock\n\nfrom shop.billing import charge\n\n\n"
            "class ChargeTests(unittest.TestCase):\n"
            '    @mock.patch("shop.billing.charge")\n'
            "    def test_charge_is_mocked(self, mock_charge):\n"
            '        mock_charge.return_value = "txn-1"\n'
            '        self.assertEqual(charge(10), "txn-1")\n',
            fixed="import unittest\nfrom unittest import mock\n\n"
            "from shop.billing import charge\n\n\n"
            "class ChargeTests(unittest.TestCase):\n"
            '    @mock.patch("tests.test_payments.charge")\n'
            "    def test_charge_is_mocked(self, mock_charge):\n"
            '        mock_charge.return_value = "txn-1"\n'
            '        self.assertEqual(charge(10), "txn-1")\n',
            path=_EXAMPLE,
        ),
        Invalid(
            "from unittest.mock import patch\n\nfrom shop.calendar import is_weekday\n\n\n"
            "def test_weekend():\n"
            "    with patch('shop.calendar.is_weekday', return_value=False):\n"
            "        assert not is_weekday()\n",
            fixed="from unittest.mock import patch\n\nfrom shop.calendar import is_weekday\n\n\n"
            "def test_weekend():\n"
            "    with patch('tests.test_payments.is_weekday', return_value=False):\n"
            "        assert not is_weekday()\n",
            path=_EXAMPLE,
        ),
        Invalid(
            "import unittest\nfrom unittest import mock\n\n"
            "from shop.clock import now as current_time\n\n\n"
            "class ReportTests(unittest.TestCase):\n    def setUp(self):\n"
            '        self.patcher = mock.patch("shop.clock.now")\n'
            "        self.patcher.start()\n        self.addCleanup(self.patcher.stop)\n\n"
            "    def test_stamp(self):\n        self.assertIsNotNone(current_time())\n",
            fixed="import unittest\nfrom unittest import mock\n\n"
            "from shop.clock import now as current_time\n\n\n"
            "class ReportTests(unittest.TestCase):\n    def setUp(self):\n"
            '        self.patcher = mock.patch("tests.test_payments.current_time")\n'
            "        self.patcher.start()\n        self.addCleanup(self.patcher.stop)\n\n"
            "    def test_stamp(self):\n        self.assertIsNotNone(current_time())\n",
            path=_EXAMPLE,
        ),
        Invalid(
            "from unittest.mock import patch\n\nfrom shop.mail import send\n\n\n"
            "def test_send():\n"
            '    patch("shop.mail.send").start()\n    send("hi")\n',
            path="tests_without_init/test_mail.py",
        ),
    ]


def _all(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    for statement in statements:
        yield from ast.walk(statement)


def _started(call: ast.Call, parent: ast.AST | None, function: Function, ctx: RuleContext) -> bool:
    """``patch(...).start()``, or the patcher assigned and ``.start()``-ed in *function*."""
    if isinstance(parent, ast.Attribute) and parent.attr == "start":
        return True
    if not isinstance(parent, ast.Assign) or len(parent.targets) != 1:
        return False
    held = dotted_name(parent.targets[0])
    return held is not None and any(
        isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "start"
        and dotted_name(n.func.value) == held
        for n in ast.walk(function)
    )
