"""PG204: calling an assertion method that mocks do not have (``called_once_with``,
``assert_called_twice``, ``assert_has_call``, ``assert_called_once_wiht``).

Without the ``assert_`` prefix such a call just creates a child mock and checks
nothing; with an ``assert``-like prefix it raises ``AttributeError`` (unless the
mock was made with ``unsafe=True``).  The receiver must surely be a mock: a name
bound from ``Mock()``/``MagicMock()``/``create_autospec()``/``patch(...).start()``/
``mocker.patch(...)``, ``with patch(...) as name``, a parameter fed by ``@patch``,
or ``self.<attr>`` assigned only mocks in the class.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator

from pygloss.rules._mocks import makes_mock, mock_attributes, mock_names
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid

Function = ast.FunctionDef | ast.AsyncFunctionDef


@functools.cache
def real_attributes() -> frozenset[str]:
    """The public attributes of a real mock (``unittest.mock`` is imported on first use:
    it pulls in ``asyncio``, which a run that never meets a mock should not pay for)."""
    import unittest.mock

    return frozenset(n for n in dir(unittest.mock.AsyncMock()) if not n.startswith("_"))


@functools.cache
def assertions() -> frozenset[str]:
    return frozenset(n for n in real_attributes() if n.startswith("assert_"))


_PREFIXES = ("assert", "assret", "asert", "aseert", "assrt")
ADVICE = {
    "assert_called_twice": "check `call_count == 2`",
    "assert_not_called_with": "check that the call is not in `call_args_list`",
    "assert_has_call": "use `assert_any_call(...)`, or `assert_has_calls([call(...), ...])`",
    "assert_has_call_with": "use `assert_any_call(...)`",
}


class NonexistentMockAssertion(Rule):
    code = "PG204"
    name = "nonexistent-mock-assertion"
    message = "Not a Mock assertion: the call checks nothing (or raises AttributeError)"
    fix_title = "Call the real assertion method"
    fix_safety = FixSafety.UNSAFE
    topic = "pg204-nonexistent-mock-assertion"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    requires = ("mock",)  # mocks come from unittest.mock / mock / mocker
    statement_local = True  # audited: its function and class, imports, qualified()

    def wants_call(self, name: str) -> bool:
        return name not in real_attributes() and intended(name) is not None

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr in real_attributes():
            return
        meant = intended(func.attr)
        if meant is None or not _on_a_mock(func.value, node, ctx):
            return
        silent = not func.attr.startswith(_PREFIXES)
        effect = (
            "returns a child mock and checks nothing"
            if silent
            else "raises AttributeError instead of checking anything"
        )
        advice = ADVICE.get(func.attr) or (f"did you mean `{meant}`?" if meant else "")
        message = f"Mocks have no `{func.attr}`: the call {effect}" + (
            f"; {advice}" if advice else ""
        )
        start = ctx.span(func)[1] - len(func.attr)
        yield Finding(
            self.code,
            message,
            start,
            ctx.span(func)[1],
            self.severity,
            {"replacement": meant} if func.attr not in ADVICE else {},
        )

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        replacement = finding.data.get("replacement")
        if not isinstance(replacement, str) or not replacement:
            return None
        return Fix(
            self.fix_title or "",
            FixSafety.UNSAFE,
            (Edit(finding.start, finding.end, replacement),),
        )

    VALID = [
        Valid(
            "from unittest import mock\n\n\ndef test_sends(mailer):\n"
            "    sender = mock.Mock()\n    mailer.deliver(sender)\n"
            "    sender.assert_called_once_with('hi')\n    assert sender.call_count == 1\n"
        ),
        Valid(
            "from unittest.mock import create_autospec\n\n\ndef test_validator():\n"
            "    validator = create_autospec(Validator, instance=True)\n"
            "    validator.assert_valid('payload')\n"
        ),
        Valid(
            "def test_repository(repo):\n    repo.called_once_with(1)\n"
            "    repo.assert_called_twice()\n"
        ),
        Valid(
            "import unittest\nfrom unittest import mock\n\n\nclass T(unittest.TestCase):\n"
            '    @mock.patch("shop.api.fetch")\n    def test_fetch(self, mock_fetch):\n'
            "        mock_fetch.assert_awaited_once_with(1)\n"
            "        self.assertTrue(mock_fetch.called)\n"
        ),
        Valid(
            "from unittest.mock import MagicMock\n\n\ndef test_rebound():\n"
            "    client = MagicMock()\n    client = make_real_client()\n"
            "    client.called_once_with(1)\n"
        ),
        # what patch hands out is not a mock: what `new_callable` makes, or `new` itself
        Valid(
            "from io import StringIO\nfrom unittest.mock import patch\n\n\n"
            '@patch("sys.stdout", new_callable=StringIO)\ndef test_out(out):\n'
            "    out.called_once_with('x')\n"
        ),
        Valid(
            "from unittest import mock\n\n\ndef test_db(fake_db):\n"
            '    with mock.patch("shop.db", new=fake_db) as db:\n'
            "        db.called_once_with(1)\n"
        ),
    ]
    INVALID = [
        Invalid(
            "import unittest\nfrom unittest import mock\n\n\n"
            "class CheckoutTests(unittest.TestCase):\n"
            '    @mock.patch("shop.checkout.send_receipt")\n'
            "    def test_sends_receipt(self, mock_send_receipt):\n"
            '        checkout("alice")\n'
            '        mock_send_receipt.called_once_with("alice")\n',
            fixed="import unittest\nfrom unittest import mock\n\n\n"
            "class CheckoutTests(unittest.TestCase):\n"
            '    @mock.patch("shop.checkout.send_receipt")\n'
            "    def test_sends_receipt(self, mock_send_receipt):\n"
            '        checkout("alice")\n'
            '        mock_send_receipt.assert_called_once_with("alice")\n',
        ),
        Invalid(
            "def test_fetch(mocker):\n"
            '    get = mocker.patch("shop.api.requests.get")\n'
            '    fetch("https://example.com")\n'
            "    get.return_value.json.assert_called_once_wiht()\n",
            fixed="def test_fetch(mocker):\n"
            '    get = mocker.patch("shop.api.requests.get")\n'
            '    fetch("https://example.com")\n'
            "    get.return_value.json.assert_called_once_with()\n",
        ),
        Invalid(
            "from unittest.mock import MagicMock\n\n\ndef test_retry():\n"
            "    flaky = MagicMock(side_effect=[TimeoutError, 'ok'])\n"
            "    retry(flaky)\n    flaky.assert_called_twice()\n"
        ),
        Invalid(
            "import unittest\nfrom unittest import mock\n\n\n"
            "class QueueTests(unittest.TestCase):\n    def setUp(self):\n"
            "        self.queue = mock.AsyncMock()\n\n"
            "    async def test_publish(self):\n"
            "        await publish(self.queue, 'x')\n"
            "        self.queue.put.awaited_once_with('x')\n",
            fixed="import unittest\nfrom unittest import mock\n\n\n"
            "class QueueTests(unittest.TestCase):\n    def setUp(self):\n"
            "        self.queue = mock.AsyncMock()\n\n"
            "    async def test_publish(self):\n"
            "        await publish(self.queue, 'x')\n"
            "        self.queue.put.assert_awaited_once_with('x')\n",
        ),
        Invalid(
            "from unittest import mock\n\n\ndef test_log(caplog):\n"
            '    with mock.patch("shop.audit.log") as log:\n        close_account(7)\n'
            "    log.assert_has_call(mock.call(7))\n"
        ),
        Invalid(  # new_callable=AsyncMock: still a mock
            "from unittest.mock import AsyncMock, patch\n\n\n"
            '@patch("shop.api.fetch", new_callable=AsyncMock)\n'
            "def test_fetch(fetch):\n    fetch.awaited_once_with(1)\n",
            fixed="from unittest.mock import AsyncMock, patch\n\n\n"
            '@patch("shop.api.fetch", new_callable=AsyncMock)\n'
            "def test_fetch(fetch):\n    fetch.assert_awaited_once_with(1)\n",
        ),
    ]


@functools.lru_cache(maxsize=1024)
def intended(attr: str) -> str | None:
    """The assertion *attr* stands for: the real name, ``""`` when it is clearly meant
    as an assertion but no single real one fits, None when it does not look like one."""
    if attr in ADVICE:
        return ""
    if not attr.startswith(_PREFIXES):
        return "assert_" + attr if "assert_" + attr in assertions() else None
    if "_" not in attr or attr.split("_", 1)[0] not in _PREFIXES:
        return None  # `assertEqual` and friends: TestCase methods, not mock assertions
    ranked = sorted((_distance(attr, real), real) for real in assertions())
    best, name = ranked[0]
    if best > 2:
        return None  # e.g. `assert_valid` on a mock specced from a class that has it
    if best == 1 and ranked[1][0] > 1:
        return name
    return ""


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit (``wiht`` -> ``with``)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _on_a_mock(receiver: ast.expr, call: ast.Call, ctx: RuleContext) -> bool:
    """*receiver* is a mock or an attribute/return value of one."""
    chain: list[str] = []
    node = receiver
    while True:
        if isinstance(node, ast.Attribute):
            chain.insert(0, node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            if makes_mock(node, ctx):
                return True
            node = node.func
        else:
            break
    if not isinstance(node, ast.Name):
        return False
    func = ctx.enclosing_function(call)
    if not isinstance(func, Function):
        return False
    if node.id in mock_names(func, ctx):
        return True
    cls = ctx.parent(func)
    return (
        node.id == "self"
        and bool(chain)
        and isinstance(cls, ast.ClassDef)
        and chain[0] in mock_attributes(cls, ctx)
    )
