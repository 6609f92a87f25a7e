"""Where code runs, for the asyncio and mock rules: the ``async def`` a node runs in
directly, the nodes of one function's own scope, and the names it reads.

Complements :mod:`pygloss.rules._scopes` (which names a scope binds).  A function's
own scope excludes the bodies of nested functions, classes and lambdas; their
decorators and defaults, evaluated in the enclosing scope, are included.
"""

from __future__ import annotations

import ast
from collections.abc import Container, Iterable, Iterator

from pygloss.rules._parents import BLOCK_FIELDS
from pygloss.rules._scopes import bound_names
from pygloss.rules.base import RuleContext
from pygloss.syntax.names import dotted_name

Function = ast.FunctionDef | ast.AsyncFunctionDef


def running_in_async_def(node: ast.AST, ctx: RuleContext) -> ast.AsyncFunctionDef | None:
    """The ``async def`` whose body runs *node* directly (not a nested def or lambda,
    not its own decorators, defaults or annotations)."""
    child: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, ast.AsyncFunctionDef):
            return ancestor if any(child is s for s in ancestor.body) else None
        if isinstance(ancestor, ast.FunctionDef | ast.Lambda | ast.ClassDef):
            return None
        child = ancestor
    return None


def own_statements(function: Function) -> Iterator[ast.stmt]:
    """The statements *function*'s body runs directly, at any depth of ``if``, loop,
    ``with``, ``try`` and ``match`` (a nested def or class is one of them; the
    statements in its body are not), in source order: for each of them,
    :func:`running_in_async_def` names *function* when it is an ``async def``."""
    stack: list[ast.AST] = list(reversed(function.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.stmt):
            yield node
            if isinstance(node, Function | ast.ClassDef):
                continue
        inner = [kid for name in BLOCK_FIELDS for kid in getattr(node, name, ())]
        stack.extend(reversed(inner))


def walk_scope(nodes: Iterable[ast.AST]) -> Iterator[ast.AST]:
    """*nodes* and their descendants in this scope, in source order."""
    stack = list(nodes)[::-1]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            children: list[ast.AST] = [*node.decorator_list, *node.args.defaults]
            children += [d for d in node.args.kw_defaults if d is not None]
        elif isinstance(node, ast.ClassDef):
            children = [*node.decorator_list, *node.bases, *node.keywords]
        elif isinstance(node, ast.Lambda):
            children = [*node.args.defaults, *(d for d in node.args.kw_defaults if d)]
        else:
            children = list(ast.iter_child_nodes(node))
        stack.extend(reversed(children))


def local_names(func: Function) -> set[str]:
    """Parameters and names bound in *func*'s own scope."""
    return bound_names(func)


def reads(nodes: Iterable[ast.AST], name: str) -> Iterator[ast.Name]:
    """Every read of *name* in *nodes*, nested functions and lambdas included."""
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
                yield node


def statement_of(node: ast.AST, ctx: RuleContext) -> ast.stmt | None:
    """The innermost statement holding *node* (itself when it is one)."""
    current: ast.AST | None = node
    while current is not None and not isinstance(current, ast.stmt):
        current = ctx.parent(current)
    return current


def _expects_raise(func: ast.expr) -> bool:
    """``self.assertRaises``, ``pytest.raises``, SQLAlchemy's ``expect_raises_message``..."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return "raises" in name.lower()


def expects_error(node: ast.AST, ctx: RuleContext) -> bool:
    """True inside ``with self.assertRaises(...)`` / ``with pytest.raises(...)`` (or any
    context manager whose name says it expects a raise): the code there is expected
    to fail, so pointing out that it fails is noise."""
    child: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if isinstance(ancestor, Function | ast.Lambda | ast.ClassDef):
            return False
        in_body = any(child is s for s in getattr(ancestor, "body", ()))
        if isinstance(ancestor, ast.With | ast.AsyncWith) and in_body:
            for item in ancestor.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and _expects_raise(call.func):
                    return True
        child = ancestor
    return False


def final_names(qualified: Iterable[str]) -> frozenset[str]:
    """The last names of *qualified* names: a rule matching them with
    :func:`qualified_in` sets its ``calls`` to these (an import alias of one is
    added per module by the dispatch)."""
    return frozenset(name.rsplit(".", 1)[-1] for name in qualified)


def qualified_in(node: ast.AST, ctx: RuleContext, wanted: Container[str]) -> str | None:
    """The qualified name of *node* when it is one of *wanted*, else None.

    Resolves through the module's imports first (cheap) and confirms with the
    shadowing-aware :meth:`RuleContext.qualified` only for candidates.
    """
    dotted = dotted_name(node)
    if dotted is None or ctx.imports.resolve(dotted) not in wanted:
        return None
    qualified = ctx.qualified(node)
    return qualified if qualified in wanted else None
