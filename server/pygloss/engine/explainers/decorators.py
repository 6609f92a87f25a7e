"""Context for decorators: what the decorated name becomes, and whether the wrapper
keeps the function's identity and result.

``@deco`` above ``def f`` means ``f = deco(f)``; ``@deco(args)`` means
``f = deco(args)(f)``; a stack applies bottom-up: ``f = a(b(f))``.  When the decorator
is a function defined in this file, its wrapper (the inner def it returns) is read:
without ``@functools.wraps(func)`` the result loses ``__name__``, ``__doc__`` and
``__wrapped__``; a wrapper that calls ``func`` but never returns its result makes every
call return ``None``.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.engine.explainers.field_bases import module_context
from pygloss.engine.modules import modules_for, returns_of
from pygloss.syntax.names import ImportMap, qualify

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
WRAPS = "functools.wraps"


SHORT = 40  # a decorator spelled longer than this is shown with its arguments elided


def desugar(owner: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    expression = owner.name
    for decorator in reversed(owner.decorator_list):
        spelled = ast.unparse(decorator)
        if len(spelled) > SHORT and isinstance(decorator, ast.Call):
            spelled = f"{ast.unparse(decorator.func)}(...)"
        expression = f"{spelled}({expression})"
    return f"{owner.name} = {expression}"


def _defined(statements: list[ast.stmt], name: str) -> ast.FunctionDef | None:
    found = None
    for statement in statements:
        if isinstance(statement, ast.FunctionDef) and statement.name == name:
            found = statement
    return found


def _returned_def(
    func: ast.FunctionDef | ast.AsyncFunctionDef,
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The inner def *func* returns, when every one of its ``return`` statements returns
    it (a decorator that returns the function itself on some path is not read)."""
    inner = {s.name: s for s in func.body if isinstance(s, _FUNCS)}
    returned = {r.value.id if isinstance(r.value, ast.Name) else None for r in returns_of(func)}
    if len(returned) != 1:
        return None
    name = returned.pop()
    return inner.get(name) if name is not None else None


def _calls(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name
        for n in ast.walk(node)
    )


def _returns_result(wrapper: ast.FunctionDef | ast.AsyncFunctionDef, func: str) -> bool | None:
    """True when some ``return`` gives the wrapped call's result; None if func is not called."""
    if not _calls(wrapper, func):
        return None
    holders: set[str] = set()
    for node in ast.walk(wrapper):
        if isinstance(node, ast.Assign) and _calls(node.value, func):
            holders |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        value = node.value if isinstance(node, ast.Return) else None
        if value is not None and (
            _calls(value, func) or (isinstance(value, ast.Name) and value.id in holders)
        ):
            return True
    return False


def _uses_wraps(wrapper: ast.FunctionDef | ast.AsyncFunctionDef, imports: ImportMap) -> bool:
    for decorator in wrapper.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if qualify(target, imports) == WRAPS:
            return True
    return False


def _definition(
    head: ast.expr, statements: list[ast.stmt], imports: ImportMap, path: str | None
) -> tuple[ast.FunctionDef, ImportMap] | None:
    """The ``def`` of the decorator *head*: in this file, or read from the source of the
    module it is imported from (with that module's imports)."""
    if isinstance(head, ast.Name):
        local = _defined(statements, head.id)
        if local is not None:
            return local, imports
    qualified = qualify(head, imports)
    if qualified is None or qualified.startswith(("builtins.", ".")):
        return None
    modules = modules_for(path)
    found = modules.resolve(qualified)
    if found.kind != "def" or not isinstance(found.node, ast.FunctionDef) or found.index is None:
        return None
    return found.node, module_context(found.index, modules).imports


def wrapper_report(
    decorator: ast.expr, statements: list[ast.stmt], imports: ImportMap, path: str | None = None
) -> list[str]:
    """Findings on a decorator whose ``def`` can be read (empty when it cannot)."""
    called = isinstance(decorator, ast.Call)
    head = decorator.func if isinstance(decorator, ast.Call) else decorator
    found = _definition(head, statements, imports, path)
    if found is None:
        return []
    definition, imports = found
    layer: ast.FunctionDef | ast.AsyncFunctionDef | None = definition
    if called:
        layer = _returned_def(definition)  # the decorator the factory returns
    if layer is None or not layer.args.args:
        return []
    func = layer.args.args[0].arg
    wrapper = _returned_def(layer)
    if wrapper is None:
        return []
    findings = []
    name = ast.unparse(head)
    spelled = f"`{name}`" if not called else f"`{name}(...)`"
    if _uses_wraps(wrapper, imports):
        findings.append(
            f"{spelled} returns `{wrapper.name}`, which uses `@functools.wraps({func})`: the "
            "result keeps the function's `__name__`, `__doc__` and gets `__wrapped__`."
        )
    else:
        findings.append(
            f"⚠ {spelled} returns `{wrapper.name}` without `@functools.wraps({func})`: the "
            f"decorated function's `__name__` becomes `{wrapper.name}` and its docstring "
            "is lost."
        )
    returns = _returns_result(wrapper, func)
    if returns is False:
        findings.append(
            f"⚠ `{wrapper.name}` calls `{func}` but never returns its result: every call of "
            "the decorated function returns `None`."
        )
    return findings


@explainer(kinds=("decorator", "decorator-stack"))
def decorator_context(env: ExplainEnv) -> str | None:
    target = env.target_of("decorator") or env.target_of("decorator-stack")
    if target is None or not isinstance(target.node, (*_FUNCS, ast.ClassDef)):
        return None
    owner = target.node
    decorator = next((d for d in owner.decorator_list if any(p is d for p in target.path)), None)
    lines = [
        f"Means: `{desugar(owner)}`" + (" (bottom-up)" if len(owner.decorator_list) > 1 else "")
    ]
    if decorator is not None:
        if isinstance(decorator, ast.Call):
            # below it, other decorators have already been applied to the function
            below = decorator is not owner.decorator_list[-1]
            receives = (
                f"what the decorators below it made of `{owner.name}`"
                if below
                else f"`{owner.name}`"
            )
            lines.append(
                f"`{ast.unparse(decorator.func)}(...)` is called first, when the `"
                f"{'class' if isinstance(owner, ast.ClassDef) else 'def'}` runs; what it "
                f"returns then receives {receives}."
            )
        statements = list(env.source.statements)
        lines.extend(wrapper_report(decorator, statements, env.imports, env.source.path))
    return "\n\n".join(lines)


@explainer(names=(WRAPS,))
def wraps_context(env: ExplainEnv) -> str | None:
    wrapped = None
    for node in env.target.path:
        if isinstance(node, _FUNCS):
            for decorator in node.decorator_list:
                if any(p is decorator for p in env.target.path) and isinstance(decorator, ast.Call):
                    wrapped = ast.unparse(decorator.args[0]) if decorator.args else None
                    return (
                        f"Copies `__name__`, `__qualname__`, `__doc__`, `__module__` and "
                        f"`__dict__` from `{wrapped}` onto `{node.name}`, and sets "
                        f"`{node.name}.__wrapped__ = {wrapped}`."
                    )
    return None
