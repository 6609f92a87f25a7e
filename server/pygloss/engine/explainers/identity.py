"""Context for ``is`` / ``is not``: what a literal on either side means.

``x is 5`` asks whether ``x`` is *the same object* as the constant ``5``.  It can seem
to work because CPython keeps one object for each small int (-5..256), interns
identifier-like string constants, and shares equal constants within one code object;
values computed at run time (``int("300")``, ``"a" * 50``, data read from a file) are
new objects, so the same test turns false.  ``==`` compares values and is right;
``is`` is right for singletons: ``None``, ``True``/``False``, ``...``, sentinels.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer


def _literal(node: ast.expr) -> object | None:
    """A literal operand's description key, or None for a non-literal."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return -node.value
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Dict | ast.Set | ast.Tuple | ast.JoinedStr):
        return node
    return None


def _why(value: object) -> str:
    if isinstance(value, bool) or value is None or value is Ellipsis:
        return ""
    if isinstance(value, int):
        cached = -5 <= value <= 256
        return (
            f"`{value}` is a small int: CPython keeps one object for every int from -5 to 256, "
            "so `is` happens to match here, but it is an implementation detail"
            if cached
            else f"`{value}` is outside CPython's small-int cache (-5..256): an equal int "
            "computed at run time is usually a different object"
        )
    if isinstance(value, str | bytes):
        return (
            "identifier-like string constants are interned and equal constants in one "
            "function share an object, so `is` may match; strings built at run time "
            "(joined, read, decoded) are new objects"
        )
    if isinstance(value, float):
        return "equal floats are not cached: only constants within one code object are shared"
    return "a display (`[...]`, `{...}`, `(...)`, an f-string) builds a new object each time"


@explainer(kinds=("compare-is",))
def identity_with_literal(env: ExplainEnv) -> str | None:
    target = env.target_of("compare-is")
    if target is None or not isinstance(target.node, ast.Compare):
        return None
    node = target.node
    operands = [node.left, *node.comparators]
    for index, op in enumerate(node.ops):
        if not isinstance(op, ast.Is | ast.IsNot):
            continue
        left, right = operands[index], operands[index + 1]
        for side in (right, left):
            value = _literal(side)
            if value is None and not (isinstance(side, ast.Constant) and side.value is None):
                continue
            spelled = ast.unparse(side)
            if isinstance(side, ast.Constant) and isinstance(side.value, bool):
                return (
                    f"`{spelled}` is a singleton, so this is an exact identity test: it is "
                    "false for other truthy or falsy values such as `1`, `0` or `[]` "
                    "(`if x:` tests truthiness)."
                )
            if isinstance(side, ast.Constant) and (side.value is None or side.value is Ellipsis):
                return (
                    f"`{spelled}` is a singleton: there is only one such object, so `is` "
                    "is the right test (and cannot be fooled by a custom `__eq__`)."
                )
            negated = "is not" if isinstance(op, ast.IsNot) else "is"
            equal = "!=" if negated == "is not" else "=="
            return (
                f"⚠ `{negated} {spelled}` compares identity with a literal. {_why(value)}. "
                f"Compare values with `{equal}`; Python warns: "
                '`SyntaxWarning: "is" with a literal`.'
            )
    return None
