"""PG115: ``assert x == 0.3`` in a test: exact equality of floats is fragile.

Only in test files (``test_*.py``, ``*_test.py``, ``conftest.py``), only for ``==``
in an ``assert``, and only when one side is visibly a float computation or a
non-integral float literal while the other side computes something: a call or
arithmetic (not a literal, not ``round(...)``/``int(...)``/``len(...)``, not already
``approx``).  A value only read back (``config["RATE"]``, ``client.retry_delay``) is
left alone: a float stored and read back unchanged is exactly equal to itself.

Off by default: on real test suites most exact comparisons are deliberate and
deterministic (a mock clock advanced by the same additions, a serializer's output
pinned to the last digit); docs/rule-list.md states the measured precision.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._fixkit import import_name
from pygloss.rules.base import (
    Edit,
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Rule,
    RuleContext,
    Severity,
    Valid,
)

_EXACT_CALLS = frozenset(
    {
        "builtins.round",
        "builtins.int",
        "builtins.len",
        "builtins.str",
        "builtins.bool",
        "math.floor",
        "math.ceil",
        "math.isclose",
        "pytest.approx",
        "builtins.repr",
    }
)


_NUMBER_CALLS = frozenset({"len", "sum", "float", "int", "abs", "round", "min", "max"})


def _number(node: ast.expr) -> bool:
    """Visibly a number: a numeric literal, ``len(...)``-like call, or arithmetic of those."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float | complex) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return _number(node.operand)
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id in _NUMBER_CALLS
    if isinstance(node, ast.BinOp):
        return _number(node.left) and _number(node.right)
    return False


def _text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
    )


def is_float_expression(node: ast.expr) -> bool:
    """A non-integral float literal, true division with a number on one side at least
    (``tmp_path / name`` joins paths), or arithmetic involving those."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, float) and not node.value.is_integer()
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return is_float_expression(node.operand)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Div):
            left, right = node.left, node.right
            if _text(left) or _text(right):
                return False
            return any(_number(side) or is_float_expression(side) for side in (left, right))
        if isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Pow):
            return is_float_expression(node.left) or is_float_expression(node.right)
    return False


def _read_back(node: ast.expr) -> bool:
    """A name, attribute or subscript chain: a stored value read back, nothing computed."""
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name)


def _computed(node: ast.expr, ctx: RuleContext) -> bool:
    """The side under test: not a literal, not a value read back and not an exact
    integer-like computation."""
    if isinstance(node, ast.Constant | ast.JoinedStr) or _read_back(node):
        return False
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return False
    if isinstance(node, ast.Call):
        name = ctx.qualified(node.func) or ""
        return name not in _EXACT_CALLS and not name.endswith("approx")
    return not isinstance(node, ast.List | ast.Tuple | ast.Dict | ast.Set)


def _converts(node: ast.expr) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "float"
        for n in ast.walk(node)
    )


def _float_side(node: ast.Assert, ctx: RuleContext) -> ast.expr | None:
    test = node.test
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    if not isinstance(test.ops[0], ast.Eq):
        return None
    left, right = test.left, test.comparators[0]
    if _converts(left) or _converts(right):
        return None  # `float(n) / float(d) == value`: checking exact conversion on purpose
    if is_float_expression(right) and _computed(left, ctx):
        return right
    if is_float_expression(left) and _computed(right, ctx):
        return left
    # `0.1 + 0.2 == 0.3`: float arithmetic on one side at least
    arithmetic = isinstance(left, ast.BinOp) or isinstance(right, ast.BinOp)
    if arithmetic and is_float_expression(right) and is_float_expression(left):
        return right
    return None


class FloatEqualityInTest(Rule):
    code = "PG115"
    name = "float-equality-in-test"
    message = "Exact `==` with a float in a test: use `pytest.approx`"
    fix_title = "Compare with `pytest.approx(...)`"
    fix_safety = FixSafety.UNSAFE
    topic = "pg115-float-equality-in-test"
    stubs = False  # a stub file never runs
    severity = Severity.HINT
    default_enabled = False  # measured precision too low on real suites (docs/rule-list.md)
    nodes = (ast.Assert,)
    statement_local = True  # audited: reads only its own statement, imports, qualified()
    requires = ("assert",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Assert)
        if not ctx.is_test_file:
            return
        side = _float_side(node, ctx)
        if side is None:
            return
        text = ctx.source.segment(side)
        shown = text if len(text) <= 30 and "\n" not in text else "..."
        message = (
            f"`== {shown}` compares floats exactly: rounding makes tiny differences "
            f"(0.1 + 0.2 != 0.3); use `== pytest.approx({shown})`"
        )
        yield self.finding(ctx, side, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        side = ctx.find_node(finding.start, finding.end, ast.expr)
        if side is None:
            return None
        spelling, import_edit = import_name(
            ctx.source, ctx.imports, "pytest", "approx", style="module", path=ctx.path
        )
        edit = Edit(finding.start, finding.end, f"{spelling}({ctx.source.segment(side)})")
        return Fix(
            self.fix_title or "", FixSafety.UNSAFE, (import_edit, edit) if import_edit else (edit,)
        )

    VALID = [
        Valid(
            "import pytest\n\ndef test_mean():\n    assert mean([1, 2]) == pytest.approx(1.5)\n",
            path="test_stats.py",
        ),
        Valid("def test_mean():\n    assert mean([0.1, 0.2]) == 0.15\n", path="stats.py"),
        Valid("def test_round():\n    assert round(ratio(), 2) == 0.33\n", path="test_stats.py"),
        Valid("def test_count():\n    assert total() == 3.0\n", path="test_stats.py"),
        Valid("def test_ne():\n    assert ratio() != 0.5\n", path="test_stats.py"),
        Valid("def test_literal():\n    assert 0.5 == 0.5\n", path="test_stats.py"),
        Valid("def test_len():\n    assert len(xs) == 3\n", path="stats_test.py"),
        # `/` joins paths: no number on either side
        Valid(
            "def test_config(tmp_path, name):\n    assert found() == tmp_path / name\n"
            '    assert where() == tmp_path / "pyproject.toml"\n',
            path="test_files.py",
        ),
        # stored and read back unchanged: exact equality is right (ecosystem: celery's
        # `client._retry_delay == 0.1`, aiohttp's `call_args.kwargs[...] == 2.5`)
        Valid(
            "def test_config(app):\n    app.config['RATE'] = 1.2\n"
            "    assert app.config['RATE'] == 1.2\n    assert app.client.retry_delay == 0.1\n",
            path="test_config.py",
        ),
    ]
    INVALID = [
        Invalid(
            "import pytest\n\ndef test_total():\n    assert total([0.1, 0.2]) == 0.3\n",
            fixed="import pytest\n\ndef test_total():\n"
            "    assert total([0.1, 0.2]) == pytest.approx(0.3)\n",
            path="test_cart.py",
        ),
        Invalid(
            "def test_sum():\n    assert 0.1 + 0.2 == 0.3\n",
            fixed="import pytest\n\n\ndef test_sum():\n"
            "    assert 0.1 + 0.2 == pytest.approx(0.3)\n",
            path="test_math.py",
        ),
        Invalid(
            "from pytest import approx\n\ndef test_mean(values):\n    assert 2.5 == mean(values)\n",
            fixed="from pytest import approx\n\ndef test_mean(values):\n"
            "    assert approx(2.5) == mean(values)\n",
            path="conftest.py",
        ),
        Invalid(
            '"""Tests."""\n\ndef test_ratio():\n    assert ratio(1, 3) == 1 / 3\n',
            fixed='"""Tests."""\n\nimport pytest\n\n\ndef test_ratio():\n'
            "    assert ratio(1, 3) == pytest.approx(1 / 3)\n",
            path="ratio_test.py",
        ),
        Invalid(
            "class TestPrice:\n    def test_tax(self):\n        assert self.cart.tax() == -0.07\n",
            fixed="import pytest\n\n\nclass TestPrice:\n    def test_tax(self):\n"
            "        assert self.cart.tax() == pytest.approx(-0.07)\n",
            path="test_price.py",
        ),
    ]
