"""PG103: ``== None`` / ``!= None`` asks the object's ``__eq__`` instead of checking identity.

Silent where the comparison builds a value for someone else rather than asking a
question: inside a call's arguments (``.filter(User.email == None)`` is SQL,
``assert_compile(col == None, "x IS NULL")`` and ``assertFalse(obj == None)`` test
``__eq__`` itself), in a ``lambda`` (a query or test expression handed over) and in a
subscript (``df[df.col == None]``, element-wise in numpy/pandas).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._cst import replace_comparison_operator
from pygloss.rules.base import Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid
from pygloss.rules.is_literal import compare_link, comparison_pairs


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def handed_over(ctx: RuleContext, node: ast.AST) -> bool:
    """True when *node* sits in a call's arguments, a lambda or a subscript."""
    child = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Subscript) and child is ancestor.slice:
            return True
        if isinstance(ancestor, ast.Call) and child is not ancestor.func:
            return True
        if isinstance(ancestor, ast.Lambda):
            return True
        if isinstance(ancestor, ast.stmt):
            return False
        child = ancestor
    return False


class NoneEquality(Rule):
    code = "PG103"
    name = "none-equality"
    message = "Comparison to None with `==`: use `is None` / `is not None`"
    fix_title = "Compare with `is` / `is not`"
    fix_safety = FixSafety.UNSAFE
    topic = "pg103-none-equality"
    stubs = False  # a stub file never runs
    nodes = (ast.Compare,)
    operators = (ast.Eq, ast.NotEq)
    statement_local = True  # audited: reads only its own statement, imports, qualified()
    requires = ("None",)
    # style, and Ruff's E711 already reports it; measured precision in docs/rule-list.md
    default_enabled = False

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Compare)
        reported = False
        for index, operator, left, right in comparison_pairs(node):
            if not isinstance(operator, ast.Eq | ast.NotEq):
                continue
            # `x == None == y` is one mistake: the left operand counts on the first link only
            if not (_is_none(right) or (index == 0 and _is_none(left))):
                continue
            if not reported and handed_over(ctx, node):
                return
            reported = True
            equal = isinstance(operator, ast.Eq)
            message = (
                f"`{'==' if equal else '!='} None` asks the object's `__eq__`; "
                f"use `{'is' if equal else 'is not'} None` to test for None"
            )
            start, end = ctx.span(left)[0], ctx.span(right)[1]
            yield Finding(self.code, message, start, end, self.severity, {"index": index})

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        found = compare_link(ctx, finding)
        if found is None:
            return None
        compare, index = found
        new = "is" if isinstance(compare.ops[index], ast.Eq) else "is not"
        edit = replace_comparison_operator(ctx, compare, index, new)
        return Fix(self.fix_title or "", FixSafety.UNSAFE, (edit,)) if edit else None

    VALID = [
        Valid("if x is None or y is not None:\n    pass\n"),
        Valid("if x == 0 or y != '':\n    pass\n"),
        Valid("rows = session.query(User).filter(User.email == None).all()\n"),
        Valid("stmt = select(User).where(and_(User.a != None, User.b == 1))\n"),
        Valid("missing = df[df['price'] == None]\n"),
        Valid("if x == 'None':\n    pass\n"),
        # SQL expressions and tests of `__eq__` itself (ecosystem: SQLAlchemy's and
        # CPython's tests)
        Valid("self.assert_compile(column('q') == None, 'q IS NULL')\n"),
        Valid("self.assertFalse(timezone(ZERO) == None)\nis_false(engine == None)\n"),
        Valid("null_comparisons = combinations(lambda col: any_(col) == None)\n"),
    ]
    INVALID = [
        Invalid("if x == None:\n    pass\n", fixed="if x is None:\n    pass\n"),
        Invalid("if x != None:\n    pass\n", fixed="if x is not None:\n    pass\n"),
        Invalid("ok = None == result\n", fixed="ok = None is result\n"),
        Invalid(
            "assert compute(\n    1) != None\n",
            fixed="assert compute(\n    1) is not None\n",
        ),
        Invalid(
            "found = [r for r in rows if r.parent == None]\n",
            fixed="found = [r for r in rows if r.parent is None]\n",
        ),
        Invalid("def f(x):\n    return x == None\n", fixed="def f(x):\n    return x is None\n"),
    ]
