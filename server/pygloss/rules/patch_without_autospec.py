"""PG206 (opt-in): ``patch(...)`` / ``patch.object(...)`` that creates a plain
``MagicMock`` — no ``autospec=``, ``spec=`` or ``spec_set=``.

A plain mock accepts any call with any arguments and any attribute, so a test keeps
passing when the real function's signature changes or a method is renamed.  Not
flagged when the patch gives a replacement (``new`` / ``new_callable``) or wraps the
real object (``wraps=``: each call goes on to it, so a changed signature fails the
test), and not for ``patch.dict`` / ``patch.multiple``.  Also covers ``mocker.patch`` and
``mocker.patch.object``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._arguments import add_keywords
from pygloss.rules._mocks import mocker_call
from pygloss.rules.base import (
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Severity,
    Valid,
)
from pygloss.syntax.names import dotted_name
from pygloss.syntax.patches import PATCH, PATCH_KINDS, patch_kind

_SPECS = frozenset({"autospec", "spec", "spec_set", "new", "new_callable", "wraps", None})


class PatchWithoutAutospec(Rule):
    code = "PG206"
    name = "patch-without-autospec"
    message = "patch() without autospec: the mock accepts any call, so signature drift goes unseen"
    fix_title = "Add autospec=True"
    fix_safety = FixSafety.UNSAFE
    severity = Severity.HINT
    default_enabled = False
    topic = "pg206-patch-without-autospec"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    requires = ("mock",)  # patch comes from unittest.mock / mock / mocker

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        func = node.func
        last = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if last not in ("patch", "object") or not _unspecced(node, ctx):
            return
        spelled = dotted_name(node.func) or "patch"
        yield self.finding(
            ctx,
            node.func,
            f"`{spelled}(...)` makes a plain MagicMock that accepts any arguments and any "
            "attribute, so the test keeps passing if the real signature changes; pass "
            "`autospec=True` (or `spec=`)",
        )

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        for node in ctx.source.walk():
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute | ast.Name)
                and ctx.span(node.func) == (finding.start, finding.end)
                and _unspecced(node, ctx)
            ):
                if any(k.arg == "create" for k in node.keywords):
                    return None  # autospec cannot describe an attribute that does not exist
                edit = add_keywords(ctx, node, ["autospec=True"])
                return Fix(self.fix_title or "", FixSafety.UNSAFE, (edit,)) if edit else None
        return None

    VALID = [
        Valid(
            "from unittest import mock\n\n\n"
            '@mock.patch("shop.billing.charge", autospec=True)\n'
            "def test_charge(mock_charge):\n    mock_charge.return_value = 'txn'\n"
        ),
        Valid(
            "from unittest.mock import patch\n\n\ndef test_timeout():\n"
            '    with patch("shop.api.TIMEOUT", 0.1), patch.dict("os.environ", {"A": "1"}):\n'
            "        fetch()\n"
        ),
        Valid(
            "from unittest.mock import PropertyMock, patch\n\n\n"
            '@patch.object(Square, "area", new_callable=PropertyMock)\n'
            "def test_area(mock_area):\n    mock_area.return_value = 4\n"
        ),
        Valid(
            "def test_fetch(mocker):\n"
            '    mocker.patch("shop.api.get", spec=True)\n'
            '    mocker.patch.object(Client, "close", autospec=True)\n'
        ),
        # the mock forwards each call to the real function (FastAPI's tests)
        Valid(
            "import json\nfrom unittest.mock import patch\n\n\ndef test_fast_path():\n"
            '    with patch("shop.api.json.dumps", wraps=json.dumps) as dumps:\n'
            "        render()\n    dumps.assert_not_called()\n"
        ),
        Valid(
            "from unittest.mock import patch\n\n\ndef test_opts(opts):\n"
            '    with patch("shop.api.get", **opts):\n        fetch()\n'
        ),
    ]
    INVALID = [
        Invalid(
            "from unittest import mock\n\n\n"
            '@mock.patch("shop.billing.charge")\n'
            "def test_charge(mock_charge):\n    mock_charge.return_value = 'txn'\n",
            fixed="from unittest import mock\n\n\n"
            '@mock.patch("shop.billing.charge", autospec=True)\n'
            "def test_charge(mock_charge):\n    mock_charge.return_value = 'txn'\n",
        ),
        Invalid(
            "import unittest\nfrom unittest.mock import patch\n\n\n"
            "class ClientTests(unittest.TestCase):\n    def test_close(self):\n"
            '        with patch.object(Client, "close") as close:\n'
            "            shutdown()\n        close.assert_called_once()\n",
            fixed="import unittest\nfrom unittest.mock import patch\n\n\n"
            "class ClientTests(unittest.TestCase):\n    def test_close(self):\n"
            '        with patch.object(Client, "close", autospec=True) as close:\n'
            "            shutdown()\n        close.assert_called_once()\n",
        ),
        Invalid(
            "def test_fetch(mocker):\n    get = mocker.patch(\n"
            '        "shop.api.requests.get",\n        return_value=None,\n    )\n',
            fixed="def test_fetch(mocker):\n    get = mocker.patch(\n"
            '        "shop.api.requests.get",\n        return_value=None,\n'
            "        autospec=True,\n    )\n",
        ),
        Invalid(
            "from unittest import mock\n\n\ndef test_create():\n"
            '    with mock.patch("shop.flags.NEW_CHECKOUT", create=True):\n        run()\n'
        ),
    ]


def _unspecced(call: ast.Call, ctx: RuleContext) -> bool:
    """A patch that will make a plain mock (see module docstring)."""
    kind = patch_kind(call.func, ctx.imports)
    if kind is None:
        via = mocker_call(call, ctx)
        if via not in ("patch", "patch.object"):
            return False
        kind = f"{PATCH}.object" if via == "patch.object" else PATCH
    new_index = PATCH_KINDS[kind]
    if new_index < 0 or len(call.args) > new_index or not call.args:
        return False  # patch.dict / patch.multiple, or a positional `new`
    return not any(k.arg in _SPECS for k in call.keywords)
