"""Fix helpers: add keyword arguments to a call, or remove one argument, keeping
the call's layout (one line, or one argument per line with a trailing comma).

Edits are computed on the text between the stdlib ``ast`` positions of the
arguments; comments inside the argument list are not touched.
"""

from __future__ import annotations

import ast

from pygloss.rules.base import Edit, RuleContext


def _arguments(call: ast.Call) -> list[ast.AST]:
    """Positional and keyword arguments in source order."""
    nodes: list[ast.AST] = [*call.args, *call.keywords]
    return sorted(nodes, key=lambda n: (n.lineno, n.col_offset))  # type: ignore[attr-defined]


def _closing_paren(ctx: RuleContext, call: ast.Call) -> int:
    return ctx.span(call)[1] - 1


def add_keywords(ctx: RuleContext, call: ast.Call, keywords: list[str]) -> Edit | None:
    """Append ``keywords`` (``"name=value"`` texts) to *call*'s arguments."""
    source = ctx.source
    arguments = _arguments(call)
    close = _closing_paren(ctx, call)
    if source.text[close] != ")":
        return None
    if not arguments:
        return Edit(close, close, ", ".join(keywords))
    last_end = ctx.span(arguments[-1])[1]
    between = source.text[last_end:close]
    if "," in between.split("#")[0]:  # a trailing comma: one argument per line
        comma = last_end + between.index(",") + 1
        line = source.line_of(ctx.span(arguments[-1])[0])
        text = source.line_text(line)
        indent = text[: len(text) - len(text.lstrip())]
        if source.line_of(close) == line:
            return Edit(comma, comma, "".join(f" {k}," for k in keywords))
        newline = "\r\n" if "\r\n" in source.text[last_end:close] else "\n"
        return Edit(comma, comma, "".join(f"{newline}{indent}{k}," for k in keywords))
    return Edit(last_end, last_end, "".join(f", {k}" for k in keywords))


def remove_argument(ctx: RuleContext, call: ast.Call, node: ast.AST) -> Edit | None:
    """Remove one argument (and the comma that separates it) from *call*."""
    source = ctx.source
    arguments = _arguments(call)
    if not any(node is a for a in arguments):
        return None
    index = next(i for i, a in enumerate(arguments) if a is node)
    start, end = ctx.span(node)
    if len(arguments) == 1:
        open_paren = ctx.span(call.func)[1]
        close = _closing_paren(ctx, call)
        inside = source.text[open_paren:close]
        if "#" in inside or not inside.startswith("("):
            return None
        return Edit(open_paren + 1, close, "")
    if index > 0:
        previous_end = ctx.span(arguments[index - 1])[1]
        if "#" in source.text[previous_end:start]:
            return None
        return Edit(previous_end, end, "")
    next_start = ctx.span(arguments[1])[0]
    if "#" in source.text[end:next_start]:
        return None
    return Edit(start, next_start, "")
