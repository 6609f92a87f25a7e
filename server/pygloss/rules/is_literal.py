"""PG102: ``is`` / ``is not`` with a literal compares identity, not value."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._cst import replace_comparison_operator
from pygloss.rules.base import Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid

_SINGLETONS = (type(None), bool, type(...))
_NEW_OBJECTS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)


def is_literal(node: ast.expr) -> bool:
    """A literal whose identity means nothing: numbers, strings, bytes, displays.

    ``None``, ``True``, ``False`` and ``...`` are singletons, so ``is`` is right
    for them.  ``-1`` counts as a number; a tuple display counts whatever it holds
    (it builds a new tuple each time, or one constant that ``is`` cannot rely on).
    """
    if isinstance(node, ast.Constant):
        return not isinstance(node.value, _SINGLETONS)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return isinstance(node.operand, ast.Constant) and isinstance(
            node.operand.value, int | float | complex
        )
    return isinstance(node, (ast.Tuple, ast.JoinedStr, *_NEW_OBJECTS))


def compare_link(ctx: RuleContext, finding: Finding) -> tuple[ast.Compare, int] | None:
    """The comparison and link index a PG102/PG103 finding was reported on."""
    index = finding.data.get("index")
    if not isinstance(index, int):
        return None
    for node in ctx.nodes_starting_at(finding.start):
        for compare in (node, ctx.parent(node)):
            if isinstance(compare, ast.Compare) and index < len(compare.ops):
                _, _, left, right = list(comparison_pairs(compare))[index]
                if (ctx.span(left)[0], ctx.span(right)[1]) == (finding.start, finding.end):
                    return compare, index
    return None


def comparison_pairs(
    compare: ast.Compare,
) -> Iterator[tuple[int, ast.cmpop, ast.expr, ast.expr]]:
    """``(index, operator, left, right)`` for each link of a (chained) comparison."""
    left = compare.left
    for index, (operator, right) in enumerate(zip(compare.ops, compare.comparators, strict=True)):
        yield index, operator, left, right
        left = right


class IsLiteral(Rule):
    code = "PG102"
    name = "is-literal"
    message = "`is` compares identity, not value: use `==` to compare with a literal"
    fix_title = "Compare with `==` / `!=`"
    fix_safety = FixSafety.UNSAFE
    topic = "pg102-is-literal"
    stubs = False  # a stub file never runs
    nodes = (ast.Compare,)
    operators = (ast.Is, ast.IsNot)
    statement_local = True  # audited: reads only its own statement, imports, qualified()

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Compare)
        for index, operator, left, right in comparison_pairs(node):
            if not isinstance(operator, ast.Is | ast.IsNot):
                continue
            literal = right if is_literal(right) else left if is_literal(left) else None
            if literal is None or (is_literal(left) and is_literal(right)):
                continue  # `1 is 1`, `[] is not []`: a test of the language itself
            spelled = "is" if isinstance(operator, ast.Is) else "is not"
            instead = "==" if isinstance(operator, ast.Is) else "!="
            text = ctx.source.segment(literal)
            shown = text if len(text) <= 20 and "\n" not in text else "..."
            message = (
                f"`{spelled} {shown}` compares identity, not value: a literal may or may not "
                f"be the same object; use `{instead}`"
            )
            start, end = ctx.span(left)[0], ctx.span(right)[1]
            yield Finding(self.code, message, start, end, self.severity, {"index": index})

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        found = compare_link(ctx, finding)
        if found is None:
            return None
        compare, index = found
        new = "==" if isinstance(compare.ops[index], ast.Is) else "!="
        edit = replace_comparison_operator(ctx, compare, index, new)
        return Fix(self.fix_title or "", FixSafety.UNSAFE, (edit,)) if edit else None

    VALID = [
        Valid("if x is None or y is not True or z is ...:\n    pass\n"),
        # two literals: code that tests the language, not a mistake (CPython's tests)
        Valid("self.assertTrue([] is not [])\nif 1 is 1: pass\n"),
        Valid("if x == 1 and name != 'a':\n    pass\n"),
        Valid("SENTINEL = object()\nif x is SENTINEL:\n    pass\n"),
        Valid("if type(x) is int or x is frozenset():\n    pass\n"),
        Valid("if x is not False:\n    pass\n"),
        Valid("if 'a' in names and x is y:\n    pass\n"),
    ]
    INVALID = [
        Invalid("if x is 1:\n    pass\n", fixed="if x == 1:\n    pass\n"),
        Invalid("if name is not 'admin':\n    pass\n", fixed="if name != 'admin':\n    pass\n"),
        Invalid("ok = -1 is code\n", fixed="ok = -1 == code\n"),
        Invalid("if x is ():\n    pass\n", fixed="if x == ():\n    pass\n"),
        Invalid("assert items is not []\n", fixed="assert items != []\n"),
        Invalid(
            "if (value  # the input\n        is b'\\x00'):\n    pass\n",
            fixed="if (value  # the input\n        == b'\\x00'):\n    pass\n",
        ),
        Invalid("if 0 < x is 2.5:\n    pass\n", fixed="if 0 < x == 2.5:\n    pass\n"),
    ]
