"""Patch where the name is looked up (PG202, PG207): a patch of ``"pkg.mod.name"`` in
a module that did ``from pkg.mod import name`` and calls that local ``name`` while
the patch is active.  The local name still holds the original object, so those
calls are not patched.

Only calls ``name(...)`` count as uses (passing the real function on, as in
``side_effect=name`` or ``wraps=name``, is often deliberate), and only where the
local name is not rebound.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pygloss.rules._flow import walk_scope
from pygloss.rules._mocks import module_name
from pygloss.rules._scopes import bound_names
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Related, Rule, RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Miss:
    """A patch target that misses the local name *local* called at *call*."""

    target: ast.Constant
    local: str
    module: str  # where the name was imported from
    call: ast.Call


def from_imports(ctx: RuleContext, scope: Function | None) -> dict[str, str]:
    """``{local: "pkg.mod.name"}`` for ``from pkg.mod import name [as local]`` at module
    level and in *scope*."""
    found: dict[str, str] = {}
    statements: list[ast.AST] = list(ctx.source.statements)
    if scope is not None:
        statements += list(walk_scope(scope.body))
    for statement in statements:
        if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            for alias in statement.names:
                if alias.name != "*":
                    found[alias.asname or alias.name] = f"{statement.module}.{alias.name}"
    return found


def string_target(node: ast.expr | None) -> ast.Constant | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value:
        return node
    return None


def first_miss(
    ctx: RuleContext,
    target: ast.Constant,
    scope_nodes: Iterable[ast.AST],
    enclosing: Function | None,
    skip: ast.AST,
) -> Miss | None:
    """The first call of a local from-imported name that *target* means, in
    *scope_nodes* (outside *skip*, the patch expression itself)."""
    wanted = str(target.value)
    locals_for = [n for n, q in from_imports(ctx, enclosing).items() if q == wanted]
    if not locals_for:
        return None
    rebound = bound_names(enclosing) if enclosing is not None else set()
    skipped = {id(n) for n in ast.walk(skip)}
    for node in scope_nodes:
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in locals_for
            and id(node) not in skipped
            and not _imported_in(enclosing, node.func.id, rebound)
        ):
            return Miss(target, node.func.id, wanted.rpartition(".")[0], node)
    return None


def _imported_in(enclosing: Function | None, name: str, rebound: set[str]) -> bool:
    """True when *name* is rebound in the function by something other than the import."""
    if enclosing is None or name not in rebound:
        return False
    for node in walk_scope(enclosing.body):
        if isinstance(node, ast.ImportFrom) and any(
            (a.asname or a.name) == name for a in node.names
        ):
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return True
        if isinstance(node, Function | ast.ClassDef) and node.name == name:
            return True
    params = enclosing.args
    return any(a.arg == name for a in (*params.posonlyargs, *params.args, *params.kwonlyargs))


def nodes_after(statements: list[ast.stmt], anchor: ast.AST, ctx: RuleContext) -> Iterator[ast.AST]:
    """Every node of *statements* that starts after *anchor* ends."""
    end = ctx.span(anchor)[1]
    for statement in statements:
        for node in ast.walk(statement):
            if hasattr(node, "lineno") and ctx.span(node)[0] >= end:
                yield node


def describe(ctx: RuleContext, miss: Miss) -> tuple[str, tuple[Related, ...]]:
    """The message and related place for *miss*."""
    here = module_name(ctx.path)
    instead = f'"{here}.{miss.local}"' if here else f"this module's `{miss.local}`"
    where = ctx.source.line_label(ctx.span(miss.call)[0])
    message = (
        f"`{miss.target.value!s}` is patched, but this module calls its own `{miss.local}` "
        f"({where}), bound by `from {miss.module} import ...` before the patch: that "
        f"call still reaches the original; patch where the name is looked up: {instead}"
    )
    related = (
        Related(
            *ctx.span(miss.call.func),
            f"`{miss.local}` here is the original object, not the mock",
        ),
    )
    return message, related


def retarget(ctx: RuleContext, miss: Miss, title: str) -> Fix | None:
    """Patch ``"<this module>.<local>"`` instead; None when the module name is unsure."""
    here = module_name(ctx.path)
    text = ctx.source.segment(miss.target)
    if here is None or len(text) < 2 or text[0] not in "'\"" or text[:3] in ('"""', "'''"):
        return None
    quote = text[0]
    start, end = ctx.span(miss.target)
    return Fix(title, FixSafety.UNSAFE, (Edit(start, end, f"{quote}{here}.{miss.local}{quote}"),))


class LookupMissRule(Rule):
    """What PG202 and PG207 share: a finding on each patch target :meth:`miss` returns,
    fixed by :func:`retarget`.  Subclasses say which calls are patches."""

    nodes = (ast.Call,)

    def miss(self, call: ast.Call, ctx: RuleContext) -> Miss | None:
        raise NotImplementedError

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        found = self.miss(node, ctx)
        if found is not None:
            message, related = describe(ctx, found)
            yield self.finding(ctx, found.target, message, related)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        for node in ctx.source.walk():
            if isinstance(node, ast.Call) and node.args:
                found = self.miss(node, ctx)
                if found is not None and ctx.span(found.target) == (finding.start, finding.end):
                    return retarget(ctx, found, self.fix_title or "")
        return None
