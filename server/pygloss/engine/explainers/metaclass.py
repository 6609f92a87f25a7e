"""Context for ``metaclass=M``: which of M's methods run, and when.

Read from M's definition when it is in this file: ``__prepare__`` runs before the class
body (it makes the namespace), ``__new__`` and ``__init__`` run once when each class
statement using M (or inheriting from such a class) executes — at import time — and
``__call__`` runs at each instantiation ``C(...)``, deciding whether ``C.__new__`` and
``C.__init__`` run at all (through ``super().__call__``).  M's other special methods
serve operations on the class object itself (``__str__`` serves ``str(C)``, ``__len__``
``len(C)``, ``__getitem__`` ``C[key]``), never on its instances, and are not called
as ``C.__str__()`` (that finds the instances' ``__str__`` in C's own MRO first); M's
ordinary methods are callable on the class (``C.method()``) but not on its instances.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TIMING = {
    "__prepare__": "before the class body runs: returns the namespace the body fills",
    "__new__": "once per class statement (at import time), building the class object",
    "__init__": "once per class statement, right after `__new__`, on the new class",
    "__call__": "at every instantiation `{cls}(...)`",
}
# What each special method of a metaclass serves, on the class {cls} it builds.
OPERATIONS = {
    "__str__": "str({cls})", "__repr__": "repr({cls})", "__format__": "format({cls})",
    "__len__": "len({cls})", "__iter__": "iter({cls})", "__reversed__": "reversed({cls})",
    "__contains__": "x in {cls}", "__getitem__": "{cls}[key]", "__setitem__": "{cls}[key] = v",
    "__delitem__": "del {cls}[key]", "__bool__": "bool({cls})", "__hash__": "hash({cls})",
    "__eq__": "{cls} == x", "__ne__": "{cls} != x", "__lt__": "{cls} < x", "__le__": "{cls} <= x",
    "__gt__": "{cls} > x", "__ge__": "{cls} >= x", "__or__": "{cls} | x", "__ror__": "x | {cls}",
    "__and__": "{cls} & x", "__instancecheck__": "isinstance(x, {cls})",
    "__subclasscheck__": "issubclass(x, {cls})", "__getattr__": "{cls}.name for a missing name",
    "__getattribute__": "every {cls}.name", "__setattr__": "{cls}.name = v",
    "__delattr__": "del {cls}.name", "__dir__": "dir({cls})",
}  # fmt: skip
KNOWN = {
    "abc.ABCMeta": "`abc.ABCMeta` records abstract methods; `{cls}(...)` raises `TypeError` "
    "while any `@abstractmethod` is not overridden.",
    "enum.EnumMeta": "`enum.EnumMeta` turns the class attributes into members when the "
    "class is created; `{cls}(value)` looks a member up instead of building one.",
    "enum.EnumType": "`enum.EnumType` turns the class attributes into members when the "
    "class is created; `{cls}(value)` looks a member up instead of building one.",
}


def _calls_super_call(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(method):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__call__"
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__new__"
        ):
            return True
    return False


@explainer(kinds=("metaclass-keyword",))
def metaclass_timing(env: ExplainEnv) -> str | None:
    target = env.target_of("metaclass-keyword")
    if target is None or not isinstance(target.node, ast.keyword):
        return None
    owner = next((n for n in reversed(target.path) if isinstance(n, ast.ClassDef)), None)
    cls = owner.name if owner is not None else "C"
    value = target.node.value
    name = ast.unparse(value)
    definition = None
    if isinstance(value, ast.Name):
        for statement in env.source.statements:
            if isinstance(statement, ast.ClassDef) and statement.name == value.id:
                definition = statement
    if definition is None:
        from pygloss.syntax.names import qualify

        qualified = qualify(value, env.imports) or ""
        if qualified in KNOWN:
            return KNOWN[qualified].format(cls=cls)
        return (
            f"`{name}` builds `{cls}`: its `__new__`/`__init__` run when this class statement "
            f"executes (at import time), its `__call__` at each `{cls}(...)`."
        )
    methods = {m.name: m for m in definition.body if isinstance(m, _FUNCS)}
    rows = [f"`{name}` builds `{cls}`. Its methods in this file:"]
    for method, when in _TIMING.items():
        if method in methods:
            rows.append(f"- `{method}` — {when.format(cls=cls)}")
    call = methods.get("__call__")
    if call is not None and not _calls_super_call(call):
        rows.append(
            f"⚠ `{name}.__call__` never calls `super().__call__`: `{cls}.__init__` does not run "
            "on instantiation (unless it builds the instance itself)."
        )
    others = [m for m in methods if m not in _TIMING]
    served = [m for m in others if m in OPERATIONS]
    if served:
        listed = ", ".join(f"`{m}`" for m in served[:4])
        uses = ", ".join(f"`{OPERATIONS[m].format(cls=cls)}`" for m in served[:4])
        rows.append(f"- {listed}: serve {uses} on the class itself, not on its instances")
    special = [m for m in others if m.startswith("__") and m.endswith("__") and m not in OPERATIONS]
    if special:
        listed = ", ".join(f"`{m}`" for m in special[:4])
        rows.append(
            f"- {listed}: special methods of the class object `{cls}`, not of its instances"
        )
    if "mro" in others:
        rows.append("- `mro` — called by `type` for each class it builds, to compute `__mro__`")
    plain = [m for m in others if not (m.startswith("__") and m.endswith("__")) and m != "mro"]
    if plain:
        listed = ", ".join(f"`{m}`" for m in plain[:4])
        rows.append(
            f"- {listed}: callable on the class (`{cls}.{plain[0]}(...)`), not on its instances"
        )
    if len(rows) == 1:
        rows.append(f"- none of `__new__`/`__init__`/`__call__`: `{cls}` is built as by `type`")
    rows.append(f"Subclasses of `{cls}` get the same metaclass, so its hooks run for them too.")
    return "\n".join(rows)
