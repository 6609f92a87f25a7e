"""libcst for fixes that rewrite code: parse only the smallest piece that is needed.

Detection never uses libcst (the stdlib ``ast`` is an order of magnitude faster).
When a fix must rewrite an expression while keeping its comments, parentheses and
line breaks, :func:`rewrite_expression` parses just that expression's text with
libcst (wrapped in parentheses so that a multi-line expression parses on its own),
lets the rule transform it, and turns the result back into one :class:`Edit`.
libcst is imported on the first fix that needs it, never during linting.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from pygloss.rules.base import Edit, RuleContext

if TYPE_CHECKING:
    import libcst

Transform = Callable[["libcst.BaseExpression"], "libcst.BaseExpression | None"]


def rewrite_expression(ctx: RuleContext, node: ast.expr, transform: Transform) -> Edit | None:
    """An edit replacing *node*'s text by ``transform(<its libcst tree>)``.

    The transform gets the expression without the wrapping parentheses and returns
    the replacement node, or None to decline.  Returns None when the text does not
    parse with libcst or the transform declines.
    """
    import libcst as cst

    start, end = ctx.span(node)
    text = ctx.source.text[start:end]
    try:
        wrapped = cst.parse_expression(f"({text})")
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return None
    if len(wrapped.lpar) != 1 or len(wrapped.rpar) != 1:
        return None  # the text had its own outer parentheses: keep it simple
    inner = wrapped.with_changes(lpar=[], rpar=[])
    replaced = transform(inner)
    if replaced is None:
        return None
    code = cst.Module(body=[]).code_for_node(replaced)
    if code == text:
        return None
    return Edit(start, end, code)


def replace_comparison_operator(
    ctx: RuleContext, compare: ast.Compare, index: int, operator: str
) -> Edit | None:
    """Replace the *index*-th operator of *compare* by one of ``== != is is not``."""
    import libcst as cst

    def build(whitespace_before: cst.BaseParenthesizableWhitespace) -> cst.BaseCompOp:
        after = cst.SimpleWhitespace(" ")
        if operator == "==":
            return cst.Equal(whitespace_before=whitespace_before, whitespace_after=after)
        if operator == "!=":
            return cst.NotEqual(whitespace_before=whitespace_before, whitespace_after=after)
        if operator == "is":
            return cst.Is(whitespace_before=whitespace_before, whitespace_after=after)
        if operator == "is not":
            return cst.IsNot(whitespace_before=whitespace_before, whitespace_after=after)
        raise ValueError(operator)

    def transform(expression: cst.BaseExpression) -> cst.BaseExpression | None:
        if not isinstance(expression, cst.Comparison) or index >= len(expression.comparisons):
            return None
        targets = list(expression.comparisons)
        target = targets[index]
        old = target.operator
        before = getattr(old, "whitespace_before", None) or cst.SimpleWhitespace(" ")
        new = build(before)
        # keep the original spacing after the operator (a comment or line break)
        after = getattr(old, "whitespace_after", None)
        if after is not None:
            new = new.with_changes(whitespace_after=after)
        targets[index] = target.with_changes(operator=new)
        return expression.with_changes(comparisons=targets)

    return rewrite_expression(ctx, compare, transform)
