"""PG207: ``monkeypatch.setattr("pkg.mod.name", value)`` / ``mocker.patch("pkg.mod.name")``
in a test that then calls its own ``name`` from ``from pkg.mod import name``: the
pytest fixtures patch the attribute of ``pkg.mod``, not the name this module holds.

Same rule as PG202 for the pytest fixtures; the patched scope is the rest of the
test (or fixture) after the call.  ``monkeypatch`` / ``mocker`` must be parameters
of that function.
"""

from __future__ import annotations

import ast

from pygloss.rules._lookup import LookupMissRule, Miss, first_miss, nodes_after, string_target
from pygloss.rules._mocks import fixture_parameter, mocker_call
from pygloss.rules.base import FixSafety, Invalid, RuleContext, Valid

Function = ast.FunctionDef | ast.AsyncFunctionDef
_MONKEYPATCH = frozenset({"monkeypatch"})
_EXAMPLE = "examples/shop/tests/test_payments.py"


class FixturePatchWhereDefined(LookupMissRule):
    code = "PG207"
    requires = ("mock", "monkeypatch")  # the mocker / monkeypatch fixtures
    calls = frozenset({"setattr", "patch"})  # monkeypatch.setattr, mocker.patch
    name = "fixture-patch-where-defined"
    message = "monkeypatch/mocker patched where the name is defined, not where this test calls it"
    fix_title = "Patch the name in this module, where it is looked up"
    fix_safety = FixSafety.UNSAFE
    topic = "pg207-fixture-patch-where-defined"
    stubs = False  # a stub file never runs

    def miss(self, call: ast.Call, ctx: RuleContext) -> Miss | None:
        target = string_target(call.args[0] if call.args else None)
        func = call.func
        if target is None or not isinstance(func, ast.Attribute):
            return None
        if func.attr == "setattr":
            if len(call.args) != 2 or not fixture_parameter(func.value, ctx, _MONKEYPATCH):
                return None
        elif mocker_call(call, ctx) != "patch":
            return None
        function = ctx.enclosing_function(call)
        if not isinstance(function, Function):
            return None
        return first_miss(ctx, target, nodes_after(function.body, call, ctx), function, call)

    VALID = [
        Valid(
            "from shop import billing\n\n\ndef test_charge(monkeypatch):\n"
            '    monkeypatch.setattr("shop.billing.gateway_charge", lambda amount: "txn")\n'
            '    assert billing.charge(10) == "txn"\n',
            path=_EXAMPLE,
        ),
        Valid(
            "from shop.billing import charge\n\n\ndef test_charge(mocker):\n"
            '    mocker.patch("tests.test_payments.charge", return_value="txn")\n'
            '    assert charge(10) == "txn"\n',
            path=_EXAMPLE,
        ),
        Valid(
            "from shop.billing import charge\n\n\ndef test_real_then_fake(monkeypatch):\n"
            '    assert charge(0) == "txn-0"\n'
            '    monkeypatch.setattr("shop.billing.charge", lambda amount: "fake")\n'
            "    assert checkout(0)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from shop.billing import charge\n\n\ndef test_object_form(monkeypatch):\n"
            "    import shop.billing\n"
            '    monkeypatch.setattr(shop.billing, "charge", lambda amount: "fake")\n'
            "    charge(1)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from shop.billing import charge\n\n\ndef test_settings(monkeypatch, settings):\n"
            '    monkeypatch.setitem(settings, "shop.billing.charge", "fake")\n'
            "    charge(1)\n",
            path=_EXAMPLE,
        ),
        Valid(
            "from shop.billing import charge\n\n\ndef helper(mocker_like):\n"
            '    mocker_like.patch("shop.billing.charge")\n    charge(1)\n',
            path=_EXAMPLE,
        ),
    ]
    INVALID = [
        Invalid(
            "from shop.billing import charge\n\n\ndef test_charge(mocker):\n"
            '    mocker.patch("shop.billing.charge", return_value="txn")\n'
            '    assert charge(10) == "txn"\n',
            fixed="from shop.billing import charge\n\n\ndef test_charge(mocker):\n"
            '    mocker.patch("tests.test_payments.charge", return_value="txn")\n'
            '    assert charge(10) == "txn"\n',
            path=_EXAMPLE,
        ),
        Invalid(
            "import pytest\n\nfrom shop.rates import fetch_rate\n\n\n"
            "@pytest.mark.parametrize('currency', ['EUR', 'USD'])\n"
            "def test_rate(monkeypatch, currency):\n"
            "    monkeypatch.setattr('shop.rates.fetch_rate', lambda c: 1.0)\n"
            "    assert fetch_rate(currency) == 1.0\n",
            fixed="import pytest\n\nfrom shop.rates import fetch_rate\n\n\n"
            "@pytest.mark.parametrize('currency', ['EUR', 'USD'])\n"
            "def test_rate(monkeypatch, currency):\n"
            "    monkeypatch.setattr('tests.test_payments.fetch_rate', lambda c: 1.0)\n"
            "    assert fetch_rate(currency) == 1.0\n",
            path=_EXAMPLE,
        ),
        Invalid(
            "from pytest_mock import MockerFixture\n\nfrom shop.mail import send as send_mail\n\n\n"
            "async def test_notify(mocker: MockerFixture):\n"
            '    sent = mocker.patch("shop.mail.send")\n'
            '    send_mail("hi")\n    sent.assert_called_once()\n',
            fixed="from pytest_mock import MockerFixture\n\n"
            "from shop.mail import send as send_mail\n\n\n"
            "async def test_notify(mocker: MockerFixture):\n"
            '    sent = mocker.patch("tests.test_payments.send_mail")\n'
            '    send_mail("hi")\n    sent.assert_called_once()\n',
            path=_EXAMPLE,
        ),
        Invalid(
            "from shop.clock import now\n\n\ndef test_stamp(monkeypatch):\n"
            '    monkeypatch.setattr("shop.clock.now", lambda: 0)\n    assert now() == 0\n',
            path="loose_tests/test_clock.py",
        ),
    ]
