"""Fix helper: move a whole statement (a decorated ``def`` with the comments just
above it) before an earlier statement of the same block.

The move is declined (None) when it could change what the code means: when the
moved statement needs, at the time it runs, a name that the statements it jumps
over bind (a decorator argument, a default value or an annotation such as
``Depends(current_user)`` defined in between), when those statements read a name
the moved statement binds, or when either statement shares its lines with other
code.
"""

from __future__ import annotations

import ast

from pygloss.rules._fixkit import newline_of, statement_alone
from pygloss.rules._scopes import bound_names
from pygloss.rules.base import Edit, RuleContext
from pygloss.syntax.source import Source


def move_above(
    ctx: RuleContext, body: list[ast.stmt], moving: ast.stmt, anchor: ast.stmt
) -> tuple[Edit, ...] | None:
    """Edits moving *moving* (later in *body*) to just before *anchor*."""
    positions = {id(s): i for i, s in enumerate(body)}
    if id(moving) not in positions or id(anchor) not in positions:
        return None
    first, last = positions[id(anchor)], positions[id(moving)]
    if first >= last:
        return None
    jumped = body[first:last]
    if _needed_when_run(moving) & bound_names(jumped):
        return None
    if bound_names([moving]) & {n.id for s in jumped for n in _names(s)}:
        return None
    source = ctx.source
    for statement in (anchor, moving):
        if not statement_alone(source, _first_offset(ctx, statement), ctx.span(statement)[1]):
            return None
    block_start = _block_start(source, _first_offset(ctx, moving))
    block_end = _next_line(source, ctx.span(moving)[1])
    anchor_start = _block_start(source, _first_offset(ctx, anchor))
    gap_start = _blank_lines_above(source, block_start)
    newline = newline_of(source, block_start)
    text = source.text[block_start:block_end]
    if not text.endswith(("\n", "\r")):
        text += newline
    separator = source.text[_blank_lines_above(source, anchor_start) : anchor_start]
    separator = separator or source.text[gap_start:block_start] or ""
    return (
        Edit(anchor_start, anchor_start, text + separator),
        Edit(gap_start, block_end, ""),
    )


def _names(node: ast.AST) -> list[ast.Name]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]


def _needed_when_run(statement: ast.stmt) -> set[str]:
    """Names a statement reads when it executes (a def: not its body)."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        args = statement.args
        parts: list[ast.AST] = [*statement.decorator_list, *args.defaults]
        parts += [d for d in args.kw_defaults if d is not None]
        every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        parts += [a.annotation for a in every if a is not None and a.annotation is not None]
        if statement.returns is not None:
            parts.append(statement.returns)
    elif isinstance(statement, ast.ClassDef):
        parts = [*statement.decorator_list, *statement.bases, *statement.keywords]
    else:
        parts = [statement]
    return {n.id for part in parts for n in _names(part)}


def _first_offset(ctx: RuleContext, statement: ast.stmt) -> int:
    """Where the statement's text starts: its first decorator's ``@`` for a def."""
    start = ctx.span(statement)[0]
    for decorator in getattr(statement, "decorator_list", ()):
        start = min(start, ctx.span(decorator)[0])
    if start == ctx.span(statement)[0]:
        return start
    text = ctx.source.line_text(ctx.source.line_of(start))
    return ctx.source.line_starts[ctx.source.line_of(start)] + len(text) - len(text.lstrip())


def _block_start(source: Source, offset: int) -> int:
    """Start of *offset*'s line, extended up over comment lines directly above it."""
    line = source.line_of(offset)
    while line > 0 and source.line_text(line - 1).lstrip().startswith("#"):
        line -= 1
    return source.line_starts[line]


def _blank_lines_above(source: Source, line_start: int) -> int:
    """Start of the run of blank lines that ends at *line_start*."""
    line = source.line_of(line_start)
    while line > 0 and not source.line_text(line - 1).strip():
        line -= 1
    return source.line_starts[line]


def _next_line(source: Source, offset: int) -> int:
    line = source.line_of(offset)
    return source.line_starts[line + 1] if line + 1 < source.line_count else len(source.text)
