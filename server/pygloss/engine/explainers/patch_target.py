"""Context for a ``patch("pkg.mod.name")`` target: what it replaces, and where to patch.

``patch`` replaces the attribute ``name`` of module ``pkg.mod``.  Code that reads
``pkg.mod.name`` when it runs sees the mock; a module that did ``from pkg.mod import
name`` holds its own reference, made at import time, and keeps calling the original.
So when *this* file imported ``name`` directly, calls to the local ``name`` here are
not affected: patch the name where it is looked up.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.names import qualify
from pygloss.syntax.patches import PATCH, PATCH_KINDS


def _patch_call(env: ExplainEnv) -> ast.Call | None:
    """The patch call whose function or target string is under the cursor."""
    node = env.target.node
    path = env.target.path
    for index in range(len(path) - 1, -1, -1):
        candidate = path[index]
        if isinstance(candidate, ast.Call) and (
            candidate.func is node or any(a is node for a in candidate.args)
        ):
            return candidate
    if isinstance(node, ast.Call):
        return node
    return None


def _string(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


@explainer(names=tuple(PATCH_KINDS))
def patch_target(env: ExplainEnv) -> str | None:
    call = _patch_call(env)
    if call is None:
        return None
    kind = qualify(call.func, env.imports)
    if kind == PATCH + ".object" and len(call.args) >= 2:
        owner, attribute = ast.unparse(call.args[0]), _string(call.args[1])
        if attribute is None:
            return None
        return (
            f"Replaces the attribute `{attribute}` of `{owner}` itself while the patch is "
            f"active: every caller that looks up `{owner}.{attribute}` sees the mock."
        )
    target = _string(call.args[0]) if call.args else None
    if target is None:
        return None
    if kind == PATCH + ".dict":
        clear = any(k.arg == "clear" and _true(k.value) for k in call.keywords)
        how = "empties it, then adds" if clear else "adds or overrides"
        return (
            f"While active, `patch.dict` {how} the given keys in the dict `{target}`, "
            "and restores its original contents afterwards."
        )
    if "." not in target:
        return (
            f"⚠ `{target}` has no module part: `patch` needs `package.module.name` and "
            "raises `TypeError` here."
        )
    module, _, name = target.rpartition(".")
    lines = [
        f"Replaces `{name}` in module `{module}` while the patch is active: code that "
        f"looks up `{module}.{name}` when it runs sees the mock."
    ]
    local = env.imports.bindings.get(name)
    if local == target:
        lines.append(
            f"⚠ This file did `from {module} import {name}`: the local `{name}` was bound "
            "at import time, so calls to it here still reach the original. Patch the name "
            f"where it is looked up (call `{module.rsplit('.', 1)[-1]}.{name}(...)`, or patch "
            "the module that uses it)."
        )
    elif local is not None and local.rsplit(".", 1)[-1] == name and local != target:
        lines.append(f"Note: `{name}` in this file is `{local}`, not `{target}`.")
    return "\n\n".join(lines)


def _true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True
