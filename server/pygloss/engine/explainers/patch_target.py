"""Context for a ``patch("pkg.mod.name")`` target: what it replaces, and where to patch.

``patch`` resolves ``"pkg.mod"`` when the patch starts as ``pkgutil.resolve_name``
does (the longest importable module prefix, then attributes) and replaces its
attribute ``name``.  What ``pkg.mod`` is — a module, a class, another object — is
read from the source of the modules on this file's import path
(:mod:`pygloss.engine.modules`, nothing is imported); when it cannot be read, the
hover says so instead of naming a kind.

The ⚠ about a name this file imported directly comes from rule PG202's own analysis
(:class:`pygloss.rules.patch_where_defined.PatchWhereDefined`), so the hover and the
diagnostic agree: it is shown only where the test calls that local name while the
patch is active.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.engine.modules import Found, modules_for
from pygloss.rules.base import RuleContext
from pygloss.rules.fixture_patch_where_defined import FixturePatchWhereDefined
from pygloss.rules.patch_where_defined import PatchWhereDefined
from pygloss.syntax.names import qualify
from pygloss.syntax.patches import PATCH, PATCH_KINDS

_WHERE_DEFINED = PatchWhereDefined()
_FIXTURE_WHERE_DEFINED = FixturePatchWhereDefined()
# pytest-mock's mocker.patch... take the same arguments as unittest.mock's
MOCKER_KINDS = {
    "pytest_mock.MockerFixture.patch": PATCH,
    **{f"pytest_mock.MockerFixture.patch.{k}": f"{PATCH}.{k}" for k in ("object", "dict")},
}


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


@explainer(names=(*PATCH_KINDS, *MOCKER_KINDS))
def patch_target(env: ExplainEnv) -> str | None:
    call = _patch_call(env)
    if call is None:
        return None
    kind = qualify(call.func, env.imports)
    fixture = kind not in PATCH_KINDS and env.target.name in MOCKER_KINDS
    if fixture:
        kind = MOCKER_KINDS[env.target.name or ""]
    if kind == PATCH + ".object" and len(call.args) >= 2:
        owner, attribute = ast.unparse(call.args[0]), _string(call.args[1])
        if attribute is None:
            return None
        return (
            f"Replaces the attribute `{attribute}` of `{owner}` itself while the patch is "
            f"active: every caller that looks up `{owner}.{attribute}` sees "
            f"{replacement(call, kind)}."
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
    create = any(k.arg == "create" and _true(k.value) for k in call.keywords)
    new = replacement(call, kind)
    lines = [replaced(target, env.source.path, create, new)]
    lines.extend(_local_copy(env, call, target, fixture, new))
    return "\n\n".join(lines)


def replacement(call: ast.Call, kind: str | None) -> str:
    """What the patch puts in place, in words: a mock, unless ``new`` (by keyword or
    position) or ``new_callable`` is given."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return "the replacement"
    position = 2 if (kind or "").endswith(".object") else 1
    new = next((k.value for k in call.keywords if k.arg == "new"), None)
    if new is None and len(call.args) > position:
        new = call.args[position]
    if new is not None:
        return f"`{_short(ast.unparse(new))}`, the replacement it is given"
    factory = next((k.value for k in call.keywords if k.arg == "new_callable"), None)
    if factory is not None:
        return f"what `{_short(ast.unparse(factory))}()` returns"
    return "the mock"


def _short(code: str) -> str:
    return code if len(code) <= 40 else code[:37] + "..."


def replaced(target: str, path: str | None, create: bool = False, new: str = "the mock") -> str:
    """What ``patch(target)`` replaces, with the kind of its owner when it is known;
    *new* names what replaces it."""
    owner, _, name = target.rpartition(".")
    modules = modules_for(path)
    found = modules.resolve(owner)
    if found.kind == "module":
        text = (
            f"Replaces `{name}` in module `{found.module}` while the patch is active: code "
            f"that looks up `{target}` when it runs sees {new}."
        )
        attribute = modules.lookup(found.module, name)
        if attribute.kind == "missing" and not create:
            text += (
                f"\n\n⚠ `{found.module}` does not define `{name}`: the patch raises "
                "`AttributeError` when it starts (`create=True` adds the name instead)."
            )
        return text
    if found.kind == "class":
        klass, _, module = found.qualname, None, found.module
        return (
            f"Replaces `{name}` on class `{klass}` of module `{module}` while the patch is "
            f"active: lookups of `{name}` on the class and on its instances (unless an "
            f"instance has its own) see {new}."
        )
    if found.kind in ("def", "value"):
        what = "a function" if found.kind == "def" else "a value"
        return (
            f"Replaces the attribute `{name}` of `{owner}` ({what} in module "
            f"`{found.module}`, not a module or a class) while the patch is active."
        )
    return (
        f"Replaces `{name}` on `{owner}` while the patch is active: code that looks it up "
        f"there when it runs sees {new}. Whether `{owner}` is a module or a class is "
        f"not known here: {_why(found)}."
    )


def _why(found: Found) -> str:
    return found.reason or "it cannot be read from the source"


def _local_copy(env: ExplainEnv, call: ast.Call, target: str, fixture: bool, new: str) -> list[str]:
    """PG202's (PG207's, for ``mocker.patch``) finding for this patch, as a ⚠; else a
    note when this file holds its own copy of the name (bound by ``from ... import``)
    that the patch leaves alone."""
    module, _, name = target.rpartition(".")
    ctx = RuleContext(env.source)
    path = env.target.path
    parents: dict[ast.AST, ast.AST] = {path[i + 1]: path[i] for i in range(len(path) - 1)}
    for node in path:  # a withitem has no position, so it is not on the cursor's path
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                parents[item] = node
                parents[item.context_expr] = item
    ctx.set_parents(parents)
    miss = (_FIXTURE_WHERE_DEFINED if fixture else _WHERE_DEFINED).miss(call, ctx)
    if miss is not None:
        line = env.source.position(env.source.span(miss.call)[0])[0] + 1
        return [
            f"⚠ This file did `from {miss.module} import {name}` and calls its own "
            f"`{miss.local}` (line {line}) while the patch is active: that call still "
            f"reaches the original. Patch the name where it is looked up (this module's "
            f"`{miss.local}`), or call `{module.rsplit('.', 1)[-1]}.{name}(...)`."
        ]
    local = env.imports.bindings.get(name)
    if local == target:
        return [
            f"Note: this file's own `{name}` (from `from {module} import {name}`) is not "
            f"replaced; only code that looks the name up in `{module}` sees {new}."
        ]
    if local is not None and local.rsplit(".", 1)[-1] == name:
        return [f"Note: `{name}` in this file is `{local}`, not `{target}`."]
    return []


def _true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True
