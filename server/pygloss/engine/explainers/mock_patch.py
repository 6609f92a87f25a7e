"""Context for ``unittest.mock.patch`` decorators: which parameter gets which mock.

Stacked patch decorators apply bottom-up, so the decorator nearest the ``def``
supplies the first mock parameter (after ``self``/``cls`` in a method).  A patch
given a replacement (``new=`` or the positional ``new`` argument) and
``patch.dict`` supply no parameter; ``patch.multiple`` passes what it makes by
keyword.  Mocks beyond the named parameters still come positionally: into
``*args`` as its items (bottom-up), or, without ``*args``, to no parameter of
the def.  The syntax facts live in :mod:`pygloss.syntax.patches`, shared with
rule PG201.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.patches import (
    PATCH,
    PATCH_KINDS,
    assignments,
    makes_own_mock,
    new_callable,
    param_matches,
    received,
    unknown_from,
)


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
    made = {id(d): new_callable(d) for d, _ in pairs}
    # `new_callable=StringIO` hands over what it makes, not a mock
    receives = "the mock of" if all(makes_own_mock(d) for d, _ in pairs) else "the replacement of"
    rows = [f"| parameter | receives {receives} |", "|---|---|"]
    warnings = []
    vararg = func.args.vararg
    overflow = 0  # mocks past the named parameters: items of *args, in this order
    unknown = unknown_from(pairs)
    for position, (decorator, param) in enumerate(pairs):
        where = "bottom decorator" if position == 0 else f"decorator {position + 1} from the bottom"
        if made[id(decorator)]:
            where += f"; what `{made[id(decorator)]}()` returns"
        if position >= unknown:
            why = (
                "its `**` options may hold `new`, and then it passes nothing"
                if position == unknown
                else "the `**` options below make the count unknown"
            )
            rows.append(f"| ? | `{decorator.target}` ({where}; {why}) |")
            continue
        if param is None and decorator.injects:
            if vararg is not None:
                rows.append(f"| `{vararg.arg}[{overflow}]` | `{decorator.target}` ({where}) |")
            else:
                rows.append(
                    f"| — | `{decorator.target}` ({where}; passed, but no parameter is left) |"
                )
            overflow += 1
            continue
        if param is None:
            rows.append(f"| — | `{decorator.target}` ({where}; none: {_no_mock(decorator.kind)}) |")
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
                    f"⚠ `{param.arg}` receives {received(decorator)}, "
                    f"but its name suggests `{others[0]}`: stacked patches hand mocks bottom-up."
                )
    text = f"Mocks for `{func.name}`, bottom-up:\n\n" + "\n".join(rows)
    if overflow and vararg is not None:
        text += (
            f"\n\n`{vararg.arg}` collects, as a tuple, the mocks no named parameter takes, "
            "in the same bottom-up order."
        )
    if warnings:
        text += "\n\n" + "\n".join(warnings)
    return text


def _no_mock(kind: str) -> str:
    """Why a patch decorator of *kind* passes no positional argument."""
    if kind == PATCH + ".dict":
        return "patch.dict"
    if kind == PATCH + ".multiple":
        return "patch.multiple passes its mocks by keyword"
    return "a replacement is given"
