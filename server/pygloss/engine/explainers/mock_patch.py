"""Context for ``unittest.mock.patch`` decorators: which parameter gets which mock.

Stacked patch decorators apply bottom-up, so the decorator nearest the ``def``
supplies the first mock parameter (after ``self``/``cls`` in a method).  A patch
given a replacement (``new=`` or the positional ``new`` argument) and
``patch.dict`` supply no parameter.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.names import ImportMap, qualify

PATCH = "unittest.mock.patch"
PATCH_KINDS = {
    PATCH: 1,  # positional index of `new`
    PATCH + ".object": 2,
    PATCH + ".dict": -1,  # never injects
    PATCH + ".multiple": -1,
}


@dataclass(frozen=True)
class PatchDecorator:
    node: ast.expr
    kind: str
    target: str
    injects: bool


def patch_decorator(node: ast.expr, imports: ImportMap) -> PatchDecorator | None:
    """Describe *node* when it is a ``@patch(...)``-family decorator."""
    if not isinstance(node, ast.Call):
        return None
    kind = qualify(node.func, imports)
    if kind not in PATCH_KINDS:
        return None
    new_index = PATCH_KINDS[kind]
    has_new = any(k.arg == "new" for k in node.keywords) or (
        new_index >= 0 and len(node.args) > new_index
    )
    return PatchDecorator(node, kind, _target_text(node, kind), not has_new and new_index >= 0)


def _target_text(node: ast.Call, kind: str) -> str:
    args = node.args
    if kind == PATCH + ".object" and len(args) >= 2:
        owner = ast.unparse(args[0])
        attribute = args[1]
        if isinstance(attribute, ast.Constant) and isinstance(attribute.value, str):
            return f"{owner}.{attribute.value}"
        return f"{owner}.<{ast.unparse(attribute)}>"
    if args:
        first = args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
        return ast.unparse(first)
    return "?"


def _name_hint(param: str) -> str:
    lowered = param.lower()
    for prefix in ("mock_", "mocked_", "patched_", "fake_", "m_"):
        if lowered.startswith(prefix):
            lowered = lowered[len(prefix) :]
            break
    for suffix in ("_mock", "_patch"):
        if lowered.endswith(suffix):
            lowered = lowered[: -len(suffix)]
    return lowered


def target_keys(target: str) -> set[str]:
    """Spellings a parameter name could use for a patch target."""
    parts = [p.lower() for p in target.replace("<", "").replace(">", "").split(".") if p]
    keys = set()
    for n in range(1, min(3, len(parts)) + 1):
        keys.add("_".join(parts[-n:]))
    return keys


def param_matches(param: str, target: str) -> bool:
    return _name_hint(param) in target_keys(target)


def decorated_function(env: ExplainEnv) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The def whose decorator list holds the target."""
    path = env.target.path
    for index, node in enumerate(path):
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and index + 1 < len(path)
            and any(d is path[index + 1] for d in node.decorator_list)
        ):
            return node
    return None


def mock_parameters(func: ast.FunctionDef | ast.AsyncFunctionDef, in_class: bool) -> list[ast.arg]:
    params = [*func.args.posonlyargs, *func.args.args]
    if in_class and params and params[0].arg in ("self", "cls"):
        params = params[1:]
    return params


def assignments(
    func: ast.FunctionDef | ast.AsyncFunctionDef, imports: ImportMap, in_class: bool
) -> list[tuple[PatchDecorator, ast.arg | None]]:
    """Patch decorators bottom-up, each with the parameter that receives its mock."""
    decorators = [patch_decorator(d, imports) for d in reversed(func.decorator_list)]
    params = iter(mock_parameters(func, in_class))
    pairs: list[tuple[PatchDecorator, ast.arg | None]] = []
    for decorator in decorators:
        if decorator is None:
            continue
        pairs.append((decorator, next(params, None) if decorator.injects else None))
    return pairs


@explainer("mock-patch")
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
