"""Hover cases in test suites written the way real projects write them (mock.patch)."""

from __future__ import annotations

from tests.unit.hover.case import case

BILLING_TESTS = """\
import os
import unittest
from unittest import mock
from unittest.mock import MagicMock, patch

from billing.gateway import charge_card
from billing import invoices


class TestInvoices(unittest.TestCase):
    def setUp(self):
        self.customer = {"id": 7, "email": "a@example.com"}

    @mock.patch("billing.invoices.send_email")
    @mock.patch("billing.invoices.charge_card")
    def test_pays_then_mails(self, mock_charge_card, mock_send_email):
        mock_charge_card.return_value = {"status": "ok"}
        invoices.pay(self.customer, 100)
        mock_send_email.assert_called_once()

    @patch("billing.invoices.send_email")
    @patch("billing.invoices.charge_card")
    def test_swapped_names(self, mock_send_email, mock_charge_card):
        invoices.pay(self.customer, 100)

    @patch.object(invoices.Ledger, "record")
    @patch.dict(os.environ, {"BILLING_MODE": "test"})
    @patch("billing.invoices.clock", new=lambda: 0)
    @patch("billing.invoices.audit")
    def test_ledger(self, mock_audit, mock_record):
        self.assertEqual(os.environ["BILLING_MODE"], "test")

    def test_context_manager_style(self):
        with patch("billing.gateway.charge_card") as fake:
            charge_card(self.customer, 5)
            fake.assert_not_called()
        with mock.patch("os.getcwd", return_value="/srv") as cwd:
            self.assertEqual(os.getcwd(), "/srv")

    def test_sequence(self):
        calls = [x for x in range(3) if x % 2 == 0]
        self.assertIs(calls[0], 0)
        assert calls, "expected calls"
        self.assertEqual(len(calls[:]), 2)

    def test_no_module_part(self):
        with patch("charge_card"):
            pass


if __name__ == "__main__":
    unittest.main()
"""

PYTEST_STYLE = """\
import pytest
from unittest import mock

from shop.cart import Cart


@pytest.fixture
def cart():
    return Cart()


@mock.patch("shop.cart.prices.lookup")
@mock.patch("shop.cart.stock.reserve")
def test_add(mock_reserve, mock_lookup, cart):
    mock_lookup.return_value = 10
    cart.add("apple", qty=2)
    assert cart.total == 20


@mock.patch.multiple("shop.cart", tax=mock.DEFAULT, shipping=mock.DEFAULT)
def test_totals(tax, shipping, cart):
    assert cart.total is not None


def test_with_new(monkeypatch):
    with mock.patch("shop.cart.clock.now", new=lambda: 0):
        pass
    results = {k: v for k, v in [("a", 1)]}
    assert results is not None


@pytest.mark.skipif(Cart is None, reason="no cart")
def test_skipped():
    pass


@pytest.mark.xfail(strict=True)
def test_known_bug():
    assert Cart().total == 1
"""

CASES = [
    # a skip or xfail mark is not explained as parametrize (judged corpus)
    case("mark-skipif", PYTEST_STYLE, "skipif", "pytest-marks"),
    case("mark-xfail", PYTEST_STYLE, "xfail", "pytest-marks"),
    case(
        "patch-stack-bottom",
        BILLING_TESTS,
        'mock.patch("billing.invoices.charge_card")',
        "mock-patch",
        "| `mock_charge_card` | `billing.invoices.charge_card` (bottom decorator) |",
        "| `mock_send_email` | `billing.invoices.send_email` (decorator 2 from the bottom) |",
        delta=6,
    ),
    case(
        "patch-stack-top",
        BILLING_TESTS,
        'mock.patch("billing.invoices.send_email")',
        ("mock-patch", "decorators"),
        "Mocks for `test_pays_then_mails`, bottom-up",
        delta=1,
    ),
    case(
        "patch-stack-swapped",
        BILLING_TESTS,
        '@patch("billing.invoices.charge_card")',
        "mock-patch",
        "⚠ `mock_send_email` receives the mock of `billing.invoices.charge_card`",
        delta=2,
    ),
    case(
        "patch-target-string",
        BILLING_TESTS,
        '"billing.invoices.charge_card"',
        "mock-patch",
        "Replaces `charge_card` on `billing.invoices` while the patch is active",
        "Whether `billing.invoices` is a module or a class is not known here: no module "
        "`billing` is found on this file's import path.",
        delta=3,
    ),
    case(
        "patch-object-attr",
        BILLING_TESTS,
        '"record"',
        "mock-patch",
        "Replaces the attribute `record` of `invoices.Ledger`",
        delta=2,
    ),
    case(
        "patch-object-table",
        BILLING_TESTS,
        "@patch.object",
        "mock-patch",
        "| `mock_audit` | `billing.invoices.audit` (bottom decorator) |",
        "| `mock_record` | `invoices.Ledger.record` (decorator 4 from the bottom) |",
        delta=8,
    ),
    case(
        "patch-dict-none",
        BILLING_TESTS,
        "@patch.dict",
        "mock-patch-dict",
        "none: patch.dict",
        delta=8,
    ),
    case(
        "patch-new-none",
        BILLING_TESTS,
        '@patch("billing.invoices.clock"',
        "mock-patch",
        "none: a replacement is given",
        delta=2,
    ),
    case(
        "patch-direct-import",
        BILLING_TESTS,
        'patch("billing.gateway.charge_card")',
        "mock-patch",
        "⚠ This file did `from billing.gateway import charge_card`",
        delta=1,
    ),
    case(
        "patch-cm-os",
        BILLING_TESTS,
        'mock.patch("os.getcwd"',
        "mock-patch",
        "Replaces `getcwd` in module `os`",
        delta=6,
    ),
    case(
        "patch-no-module",
        BILLING_TESTS,
        'patch("charge_card")',
        "mock-patch",
        "has no module part",
        delta=1,
    ),
    case("magicmock-import", BILLING_TESTS, "MagicMock", "magicmock"),
    case("unittest-main-guard", BILLING_TESTS, "if __name__", "main-guard"),
    case("unittest-listcomp", BILLING_TESTS, "for x in range(3)", "comprehensions"),
    case("unittest-modulo", BILLING_TESTS, "% 2", "division-and-modulo"),
    case("unittest-slice-copy", BILLING_TESTS, "calls[:]", "slicing", delta=5),
    case("unittest-assert", BILLING_TESTS, "assert calls", "assert-statement"),
    case("unittest-with", BILLING_TESTS, "with patch", "context-managers"),
    case("unittest-import-from", BILLING_TESTS, "from billing import", "imports"),
    case("unittest-setup-null", BILLING_TESTS, "def setUp", None, delta=4),
    case("unittest-self-customer-null", BILLING_TESTS, "self.customer = ", None, delta=6),
    case(
        "unittest-class-bases", BILLING_TESTS, "class TestInvoices", "mro", "MRO of `TestInvoices`"
    ),
    case("unittest-string-null", BILLING_TESTS, '"a@example.com"', None, delta=3),
    case("unittest-assert-equal-null", BILLING_TESTS, "assertEqual(os.environ", None, delta=3),
    case(
        "pytest-stack",
        PYTEST_STYLE,
        '@mock.patch("shop.cart.stock.reserve")',
        "mock-patch",
        "| `mock_reserve` | `shop.cart.stock.reserve` (bottom decorator) |",
        "| `mock_lookup` | `shop.cart.prices.lookup` (decorator 2 from the bottom) |",
        delta=7,
    ),
    case("pytest-multiple", PYTEST_STYLE, "mock.patch.multiple", "mock-patch", delta=12),
    case(
        "pytest-new-cm",
        PYTEST_STYLE,
        'mock.patch("shop.cart.clock.now"',
        "mock-patch",
        "Replaces `now` on `shop.cart.clock` while the patch is active",
        delta=6,
    ),
    case("pytest-fixture-at", PYTEST_STYLE, "@pytest.fixture", ("pytest-fixtures", "decorators")),
    case("pytest-lambda", PYTEST_STYLE, "lambda: 0", "lambda"),
    case("pytest-dictcomp", PYTEST_STYLE, "for k, v in", "comprehensions"),
    case(
        "pytest-is-not-none",
        PYTEST_STYLE,
        "is not None",
        "identity-vs-equality",
        "`None` is a singleton",
        nth=0,
    ),
    case("pytest-cart-null", PYTEST_STYLE, "Cart()", None, delta=1),
    case("pytest-qty-null", PYTEST_STYLE, "qty=2", None),
    case(
        "parametrize-says-what-it-does",  # issue #21, case 9: not a 600-character "Means:"
        "import pytest\n\n\n@pytest.mark.parametrize(\n    ('value', 'expected'),\n    ["
        + ", ".join(f"({n}, {n + 1})" for n in range(1, 19))
        + "],\n)\ndef test_inc(value, expected):\n    assert value + 1 == expected\n",
        "@pytest",
        "pytest-parametrize",
        "Runs `test_inc` once per case: 18 cases, each passing `value` and `expected`; pytest "
        "reports each case as its own test (the first is `test_inc[1-2]`).",
    ),
]
