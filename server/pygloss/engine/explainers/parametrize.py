"""Context for ``@pytest.mark.parametrize``: how many tests it makes of the function.

Read from the decorator's literal arguments: the argument names, the number of
cases (the product with the function's other ``parametrize`` decorators), and the
id pytest gives the first case when its values are plain literals and no ``ids=``
is given (pytest joins the values' ``str`` with ``-``).  Nothing is said about
arguments that are not literals.
"""

from __future__ import annotations

import ast
import math

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.names import qualify

PARAMETRIZE = "pytest.mark.parametrize"
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def argnames(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [n.strip() for n in node.value.split(",") if n.strip()]
    if isinstance(node, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return [e.value for e in node.elts]  # type: ignore[attr-defined]
    return None


def cases(call: ast.Call) -> tuple[list[str], list[ast.expr]] | None:
    """The argument names and the case expressions of a literal ``parametrize``."""
    if len(call.args) < 2:
        return None
    names = argnames(call.args[0])
    values = call.args[1]
    if names is None or not isinstance(values, ast.List | ast.Tuple):
        return None
    return names, list(values.elts)


def first_id(names: list[str], case: ast.expr) -> str | None:
    """pytest's id for *case* when every value is a plain literal, else None."""
    values = [case] if len(names) == 1 else None
    if values is None and isinstance(case, ast.Tuple | ast.List) and len(case.elts) == len(names):
        values = list(case.elts)
    if values is None:
        return None
    parts = []
    for value in values:
        if not isinstance(value, ast.Constant) or isinstance(value.value, bytes):
            return None
        text = str(value.value)
        if isinstance(value.value, str) and not (text.isascii() and text.isprintable()):
            return None
        parts.append(text)
    return "-".join(parts)


@explainer(names=(PARAMETRIZE,))
def parametrize_context(env: ExplainEnv) -> str | None:
    func = next((n for n in reversed(env.target.path) if isinstance(n, _FUNCS)), None)
    call = next(
        (d for d in getattr(func, "decorator_list", ()) if any(p is d for p in env.target.path)),
        None,
    )
    if (
        func is None
        or not isinstance(call, ast.Call)
        or qualify(call.func, env.imports) != PARAMETRIZE
    ):
        return None
    found = cases(call)
    if found is None:
        return None
    names, values = found
    quoted = [f"`{n}`" for n in names]
    spelled = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    text = (
        f"Runs `{func.name}` once per case: {len(values)} case{'s' * (len(values) != 1)}, "
        f"each passing {spelled}; pytest reports each case as its own test"
    )
    ident = first_id(names, values[0]) if values else None
    if ident is not None and not any(k.arg == "ids" for k in call.keywords):
        text += f" (the first is `{func.name}[{ident}]`)"
    text += "."
    others = [
        d for d in func.decorator_list
        if d is not call and isinstance(d, ast.Call) and qualify(d.func, env.imports) == PARAMETRIZE
    ]  # fmt: skip
    counts = [cases(d) for d in others]
    if others and all(c is not None for c in counts):
        total = math.prod([len(values), *(len(c[1]) for c in counts if c)])
        text += (
            f" With the function's other `parametrize` decorator{'s' * (len(others) > 1)}, "
            f"pytest runs every combination: {total} tests."
        )
    return text
