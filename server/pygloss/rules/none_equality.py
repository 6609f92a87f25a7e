"""PG103: ``== None`` / ``!= None`` asks the object's ``__eq__`` instead of checking identity.

Silent where ``== None`` is how a library spells a query: inside the arguments of
``.filter()``, ``.where()`` and friends (SQLAlchemy, Django) and inside a subscript
(``df[df.col == None]``, element-wise in numpy/pandas).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._cst import replace_comparison_operator
from pygloss.rules.base import Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid
from pygloss.rules.is_literal import compare_link, comparison_pairs

# methods and functions whose arguments are query expressions, where `== None` is SQL
_QUERY_CALLS = frozenset(
    {
        "filter",
        "filter_by",
        "where",
        "having",
        "exclude",
        "join",
        "outerjoin",
        "and_",
        "or_",
        "not_",
        "case",
        "select",
        "query",
        "when",
        "mask",
        "loc",
    }
)


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def in_query_expression(ctx: RuleContext, node: ast.AST) -> bool:
    """True when *node* sits in a subscript or in the arguments of a query-building call."""
    child = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.Subscript) and child is ancestor.slice:
            return True
        if isinstance(ancestor, ast.Call) and child is not ancestor.func:
            func = ancestor.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _QUERY_CALLS:
                return True
        if isinstance(ancestor, ast.stmt | ast.Lambda):
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
    statement_local = True  # audited: reads only its own statement, imports, qualified()
    requires = ("None",)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Compare)
        reported = False
        for index, operator, left, right in comparison_pairs(node):
            if not isinstance(operator, ast.Eq | ast.NotEq):
                continue
            # `x == None == y` is one mistake: the left operand counts on the first link only
            if not (_is_none(right) or (index == 0 and _is_none(left))):
                continue
            if not reported and in_query_expression(ctx, node):
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
