"""Context for ``yield`` in a decorated ``def``: the function written here is a
generator function, but its name is bound to what the decorator returns.

Known decorators say what that is (``@contextmanager``, ``@asynccontextmanager``,
``@pytest.fixture``); for any other, the hover says only what is known: calling the
name gives whatever the decorator made, not necessarily a generator (Tornado's
``@gen.coroutine`` makes a function that returns a Future).
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.names import qualify

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
KNOWN = {
    "contextlib.contextmanager": "`@contextmanager` wraps it: calling `{f}(...)` returns a "
    "context manager, and `with {f}(...) as x` runs the body up to `yield` on entry (`x` is "
    "the yielded value) and the rest on exit.",
    "contextlib.asynccontextmanager": "`@asynccontextmanager` wraps it: calling `{f}(...)` "
    "returns an async context manager, and `async with {f}(...) as x` runs the body up to "
    "`yield` on entry and the rest on exit.",
    "pytest.fixture": "`@pytest.fixture` makes it a fixture: pytest runs the body up to "
    "`yield` when a test needs `{f}` (for each test, unless `scope=` shares it), hands the "
    "yielded value to the test, and runs the rest as teardown when that scope ends.",
}


@explainer(kinds=("yield", "yield-from"))
def decorated_generator(env: ExplainEnv) -> str | None:
    target = env.target_of("yield") or env.target_of("yield-from")
    if target is None:
        return None
    func = next((n for n in reversed(target.path) if isinstance(n, (*_FUNCS, ast.Lambda))), None)
    if not isinstance(func, _FUNCS) or not func.decorator_list:
        return None
    kind = "an async generator function" if isinstance(func, ast.AsyncFunctionDef) else (
        "a generator function")  # fmt: skip
    lines = []
    for decorator in func.decorator_list:
        head = decorator.func if isinstance(decorator, ast.Call) else decorator
        known = KNOWN.get(qualify(head, env.imports) or "")
        if known is not None and len(func.decorator_list) == 1:
            return f"`{func.name}` as written is {kind}. " + known.format(f=func.name)
        lines.append(f"`@{_short(ast.unparse(head))}`")
    return (
        f"`{func.name}` as written is {kind}, but it is decorated ({', '.join(lines)}): the "
        f"name `{func.name}` is bound to what the decorator returns, so calling it gives "
        "whatever that is, not necessarily a generator."
    )


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
