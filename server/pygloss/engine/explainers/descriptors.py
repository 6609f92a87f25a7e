"""Context for ``def __get__``: are the instances data or non-data descriptors?

Reading ``obj.attr`` through an instance calls the descriptor's ``__get__`` unless the
descriptor is *non-data* (its type has neither ``__set__`` nor ``__delete__``) and the
instance's ``__dict__`` has an entry named ``attr``: that entry then wins and
``__get__`` is not called (``functools.cached_property`` relies on it).  A *data*
descriptor wins over the instance ``__dict__``.  Which one a class is comes from its
MRO (:mod:`.classes`): any class of it that defines ``__set__`` or ``__delete__``
(even as ``None``) makes it data; when a class of the MRO cannot be read, or may hold
methods its source does not show, the hover says it cannot tell.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.engine.explainers.classes import Classes, InconsistentMro
from pygloss.engine.explainers.mro import Lookup, next_definition

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_HIDDEN = (
    "reading it through an instance calls `__get__` only while the instance's "
    "`__dict__` has no entry of that name; once it has one (`functools.cached_property` "
    "stores its result there), that value is returned and `__get__` is not called"
)


def _owner(path: tuple[ast.AST, ...], node: ast.AST) -> tuple[ast.ClassDef, int] | None:
    """The class statement whose body defines *node*, with its index in *path*."""
    for index in range(1, len(path)):
        if path[index] is node and isinstance(path[index - 1], ast.ClassDef):
            return path[index - 1], index - 1  # type: ignore[return-value]
    return None


def _where(lookup: Lookup, owner: ast.ClassDef) -> str:
    assert lookup.definer is not None
    if lookup.definer.node is owner:
        return f"it defines `{lookup.method}`"
    return f"it inherits `{lookup.method}` from `{lookup.definer.name}`"


@explainer(kinds=("dunder-method",))
def descriptor_kind(env: ExplainEnv) -> str | None:
    target = env.target_of("dunder-method")
    if target is None or not isinstance(target.node, _FUNCS) or target.node.name != "__get__":
        return None
    found = _owner(target.path, target.node)
    if found is None:
        return None
    owner, index = found
    try:
        mro = Classes(env.source).mro(owner, target.path[:index])
    except InconsistentMro:
        return None
    lookups = [next_definition(mro, -1, m) for m in ("__set__", "__delete__")]
    name = owner.name
    data = next((lookup for lookup in lookups if lookup.definer is not None), None)
    if data is not None:
        return (
            f"`{name}` makes data descriptors ({_where(data, owner)}): where one serves an "
            "attribute, reading it through an instance calls `__get__` whatever the instance's "
            "`__dict__` holds."
        )
    if all(lookup.nothing for lookup in lookups):
        bases = any(k.name != "object" for k in mro.classes[1:])
        where = (
            "neither it nor a base defines `__set__` or `__delete__`"
            if bases
            else "it defines neither `__set__` nor `__delete__`"
        )
        return (
            f"`{name}` makes non-data descriptors ({where}; a subclass that adds one makes "
            f"data descriptors): where one serves an attribute, {_HIDDEN}."
        )
    why = next(lookup.why() for lookup in lookups if not lookup.nothing)
    return (
        f"Whether `{name}` makes data descriptors is not known here: {why}. With `__set__` or "
        "`__delete__` somewhere in its MRO, `__get__` runs on every read through an instance; "
        "without, an entry of that name in the instance's `__dict__` hides it."
    )
