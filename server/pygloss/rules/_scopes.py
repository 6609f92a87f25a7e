"""Which names a scope binds: enough to tell a builtin from a shadowing local.

This is deliberately not a full symbol table.  It answers one question cheaply:
is this ``Name`` bound in the module, in an enclosing function, lambda or
comprehension, or in the class body it sits directly in?  Rules use it (through
:meth:`RuleContext.qualified`) so that ``list()`` after ``def list(): ...`` or
inside ``def f(list): ...`` is not taken for the builtin.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from pygloss.rules._walk import children

Scope = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
_NEW_SCOPE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
Comprehension = ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def parameter_names(args: ast.arguments) -> set[str]:
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    if args.vararg is not None:
        names.add(args.vararg.arg)
    if args.kwarg is not None:
        names.add(args.kwarg.arg)
    return names


def target_names(target: ast.AST) -> Iterator[str]:
    """Names bound by an assignment target (``a``, ``a, *b``, ``[a, (b, c)]``)."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)


def _statement_bindings(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield node.name
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            yield from target_names(target)
    elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr | ast.For | ast.AsyncFor):
        yield from target_names(node.target)
    elif isinstance(node, ast.withitem) and node.optional_vars is not None:
        yield from target_names(node.optional_vars)
    elif isinstance(node, ast.ExceptHandler) and node.name:
        yield node.name
    elif isinstance(node, ast.Import | ast.ImportFrom):
        for alias in node.names:
            if alias.name != "*":
                yield (alias.asname or alias.name).split(".")[0]
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            yield from target_names(target)
    elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
        yield node.name
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest


_BINDERS = frozenset(
    {
        ast.FunctionDef,
        ast.AsyncFunctionDef,
        ast.ClassDef,
        ast.Assign,
        ast.AnnAssign,
        ast.AugAssign,
        ast.NamedExpr,
        ast.For,
        ast.AsyncFor,
        ast.withitem,
        ast.ExceptHandler,
        ast.Import,
        ast.ImportFrom,
        ast.Delete,
        ast.MatchAs,
        ast.MatchStar,
        ast.MatchMapping,
    }
)
# nodes that can hold a binding when walrus expressions are left out
_STRUCTURE = (ast.stmt, ast.excepthandler, ast.withitem, ast.match_case, ast.pattern)


def bound_names(scope: Scope | Iterable[ast.stmt], *, walrus: bool = True) -> set[str]:
    """Names bound directly in *scope* (not inside nested functions or classes).

    With ``walrus=False`` (the text has no ``:=``) expressions are not searched,
    which makes this several times faster.
    """
    names: set[str] = set()
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        names |= parameter_names(scope.args)
        body: list[ast.AST] = [scope.body] if isinstance(scope, ast.Lambda) else list(scope.body)
    elif isinstance(scope, ast.Module | ast.ClassDef):
        body = list(scope.body)
    else:
        body = list(scope)
    stack = body
    binders = _BINDERS
    while stack:
        node = stack.pop()
        if type(node) in binders:
            names.update(_statement_bindings(node))
        if isinstance(node, _NEW_SCOPE):
            if walrus:  # decorators, defaults and bases are evaluated in this scope
                stack.extend(getattr(node, "decorator_list", ()))
                if isinstance(node, ast.ClassDef):
                    stack.extend(node.bases)
            continue
        if isinstance(node, _COMPREHENSIONS):
            # only walrus targets leak out of a comprehension
            if walrus:
                stack.extend(n for n in ast.walk(node) if isinstance(n, ast.NamedExpr))
            continue
        if walrus:
            stack.extend(children(node))
        else:
            stack.extend(c for c in children(node) if isinstance(c, _STRUCTURE))
    return names


def comprehension_names(node: Comprehension) -> set[str]:
    names: set[str] = set()
    for generator in node.generators:
        names.update(target_names(generator.target))
    return names
