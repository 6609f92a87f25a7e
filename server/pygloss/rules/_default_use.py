"""A use of a parameter's default object that lets it change or escape (PG101, PG117).

:class:`Use` is what :mod:`pygloss.rules._default_uses` finds; this module holds the
record, how a message says it, and which use to report.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from pygloss.rules.base import RuleContext

_REMOVERS = frozenset({"pop", "popitem", "popleft", "remove", "discard", "clear"})


@dataclass(frozen=True)
class Use:
    """A risky use: *kind* is ``mutates``, ``returns``, ``stores`` or ``passes``.

    For ``passes`` into a function of this file, *then* is what that function does
    with it; a pass to a callable pygloss cannot follow has no *then*.  For ``stores``
    on ``self.name``, *then* is a place where the class changes ``self.name`` in
    place.  *whole* marks a ``return`` of the object itself (not inside a tuple);
    *said* is how the message puts it (``yields it``, ``keeps it as `self.ids```)."""

    kind: str
    node: ast.AST
    callee: str = ""
    then: Use | None = None
    whole: bool = False
    said: str = ""

    @property
    def removal(self) -> bool:
        """Whether this use can only take items out (``del d[k]``, ``pop``, ``clear``):
        it cannot change an empty default, which has nothing to take out."""
        if self.kind == "passes":
            return self.then is not None and self.then.removal
        if self.kind != "mutates":
            return False
        if isinstance(self.node, ast.Subscript | ast.Attribute):
            return isinstance(self.node.ctx, ast.Del)
        return isinstance(self.node, ast.Call) and callee(self.node) in _REMOVERS

    @property
    def mutation(self) -> bool:
        """Whether the code shows the object changed in place: here, in a followed
        call, or through the attribute it is kept in."""
        if self.kind in ("passes", "stores"):
            return self.then is not None and self.then.mutation
        return self.kind == "mutates"

    @property
    def kept(self) -> bool:
        """Whether the object outlives the call here (returned, yielded or stored)."""
        if self.kind == "passes":
            return self.then is not None and self.then.kept
        return self.kind in ("returns", "stores")

    def describe(self, ctx: RuleContext) -> str:
        where = ctx.source.line_label(ctx.span(self.node)[0])
        if self.kind == "stores" and self.then is not None:
            changed = ctx.source.line_label(ctx.span(self.then.node)[0])
            method = ctx.enclosing_function(self.then.node)
            by = (
                f"`{method.name}`"
                if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef)
                else "the class"
            )
            return f"{self.said or 'stores it'} ({where}), which {by} changes in place ({changed})"
        if self.kind != "passes":
            return f"{self.said or f'{self.kind} it'} ({where})"
        said = f"passes it to `{self.callee}` ({where})"
        if self.then is None:
            return f"{said}, which pygloss cannot follow"
        return f"{said}, which {self.then.describe(ctx)}"


def best(uses: list[Use], ctx: RuleContext) -> Use | None:
    """The use to report: the first that shows a change, else the first that keeps
    the object (returns or stores it), else the first of the others."""
    if not uses:
        return None
    changes = [u for u in uses if u.mutation]
    kept = [u for u in uses if u.kept]
    return min(changes or kept or uses, key=lambda use: ctx.span(use.node)[0])


def callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""
