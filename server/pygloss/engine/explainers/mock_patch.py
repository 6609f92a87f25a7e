"""Context for ``unittest.mock.patch`` decorators: which parameter gets which mock.

Stacked patch decorators apply bottom-up, so the decorator nearest the ``def``
supplies the first mock parameter (after ``self``/``cls`` in a method).  A patch
given a replacement (``new=`` or the positional ``new`` argument) and
``patch.dict`` supply no parameter.  The syntax facts live in
:mod:`pygloss.syntax.patches`, shared with rule PG201.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.patches import PATCH, PATCH_KINDS, assignments, param_matches


def decorated_function(env: ExplainEnv) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The def whose decorator list holds the target."""
    path = env.target.path
    if env.target.name not in PATCH_KINDS:
        return None
    for index, node in enumerate(path):
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and index + 1 < len(path)
            and any(d is path[index + 1] for d in node.decorator_list)
        ):
            return node
    return None


@explainer("mock-patch", names=tuple(PATCH_KINDS))
def patch_stack(env: ExplainEnv) -> str | None:
    func = decorated_function(env)
    if func is None:
        return None
    in_class = any(isinstance(n, ast.ClassDef) for n in env.target.path[:-1])
    pairs = assignments(func, env.imports, in_class)
    if not pairs:
        return None
    rows = ["| parameter | receives the mock of |", "|---|---|"]
    warnings = []
    for position, (decorator, param) in enumerate(pairs):
        where = "bottom decorator" if position == 0 else f"decorator {position + 1} from the bottom"
        if param is None:
            reason = "a replacement is given" if decorator.kind != PATCH + ".dict" else "patch.dict"
            rows.append(f"| — | `{decorator.target}` ({where}; none: {reason}) |")
            continue
        rows.append(f"| `{param.arg}` | `{decorator.target}` ({where}) |")
        if not param_matches(param.arg, decorator.target):
            others = [
                d.target
                for d, _ in pairs
                if d is not decorator and param_matches(param.arg, d.target)
            ]
            if others:
                warnings.append(
                    f"⚠ `{param.arg}` receives the mock of `{decorator.target}`, "
                    f"but its name suggests `{others[0]}`: stacked patches hand mocks bottom-up."
                )
    text = f"Mocks for `{func.name}`, bottom-up:\n\n" + "\n".join(rows)
    if warnings:
        text += "\n\n" + "\n".join(warnings)
    return text
