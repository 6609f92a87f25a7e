"""Context for ``__slots__`` in a class body: do the instances still get a ``__dict__``?

They do unless every class of the MRO stores its attributes in slots: a class
statement without ``__slots__`` (or with ``"__dict__"`` among them) gives its
instances a ``__dict__``, and so does a class the interpreter holds whose instances
have one (``__dictoffset__``).  Read from :mod:`.classes`; when a class of the MRO is
not known, or may be rebuilt by a decorator (``@dataclass(slots=True)``), the hover
says it cannot tell.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.engine.explainers.classes import Classes, InconsistentMro, Klass, loaded_value
from pygloss.syntax.names import ImportMap, dotted_name


def slot_names(node: ast.ClassDef) -> list[str] | None:
    """The names a literal ``__slots__`` of the class body lists (None: not a literal)."""
    for statement in node.body:
        value = None
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__slots__" for t in statement.targets
        ):
            value = statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            value = statement.value if statement.target.id == "__slots__" else None
        if value is None:
            continue
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return [value.value]
        elements = value.elts if isinstance(value, ast.Tuple | ast.List | ast.Set) else None
        if isinstance(value, ast.Dict):
            elements = [k for k in value.keys if k is not None]
        if elements is None or not all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elements
        ):
            return None
        return [e.value for e in elements]  # type: ignore[attr-defined]
    return None


def keeps_class(node: ast.ClassDef, imports: ImportMap) -> bool:
    """Whether every decorator of *node* returns the very class it is given: only
    ``@dataclass`` without ``slots=True`` is known to (with it, the class is rebuilt)."""
    for decorator in node.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        written = dotted_name(call.func if call else decorator)
        if written is None or imports.resolve(written) != "dataclasses.dataclass":
            return False
        slots = next((k.value for k in call.keywords if k.arg == "slots"), None) if call else None
        if slots is not None and not (isinstance(slots, ast.Constant) and slots.value is False):
            return False
    return True


def gives_dict(klass: Klass, imports: ImportMap | None = None) -> bool | None:
    """Whether instances get a ``__dict__`` from *klass* (None: cannot tell).  With
    *imports* (those of the file holding the class), a class of this file whose
    decorators all keep it (:func:`keeps_class`) is judged by its body."""
    if klass.unknown is not None:
        return None
    if klass.node is not None:
        decorated = bool(klass.node.decorator_list)
        if decorated and not (imports and klass.local and keeps_class(klass.node, imports)):
            return None
        if "__slots__" in klass.maybe:
            return None
        if "__slots__" not in (klass.methods or ()):
            return True
        names = slot_names(klass.node)
        return None if names is None else "__dict__" in names
    if klass.name == "object":
        return False
    value = loaded_value(klass.name if "." in klass.name else f"builtins.{klass.name}")
    offset = getattr(value, "__dictoffset__", None)
    return None if offset is None else offset != 0


@explainer(kinds=("slots",))
def slots_context(env: ExplainEnv) -> str | None:
    target = env.target_of("slots")
    if target is None:
        return None
    owner = next((n for n in reversed(target.path) if isinstance(n, ast.ClassDef)), None)
    if owner is None:
        return None
    ancestors = target.path[: list(target.path).index(owner)]
    try:
        mro = Classes(env.source).mro(owner, tuple(ancestors))
    except InconsistentMro:
        return None
    names = slot_names(owner)
    listed = ", ".join(f"`{n}`" for n in names) if names else ""
    verdicts = [(k, gives_dict(k, env.imports)) for k in mro.classes]
    with_dict = next((k for k, v in verdicts if v), None)
    if with_dict is not None:
        why = (
            "lists `__dict__` among its slots"
            if with_dict.node is owner
            else "defines no `__slots__`"
            if with_dict.node is not None
            else "gives its instances one"
        )
        return (
            f"Instances of `{owner.name}` still get a `__dict__`: `{with_dict.name}` {why}, so "
            "any attribute can be assigned; these slots only give "
            + (listed or "the listed names")
            + " fixed storage."
        )
    unknown = next((k for k, v in verdicts if v is None), None)
    if unknown is not None or not mro.complete:
        if unknown is not None and unknown.node is not None and unknown.node.decorator_list:
            why = (
                f"on what the decorator of `{unknown.name}` does with the class (one may "
                "rebuild it, as `@dataclass(slots=True)` does)"
            )
        else:
            who = f"`{unknown.name}`" if unknown is not None else "a class after " + (
                f"`{mro.classes[-1].name}`")  # fmt: skip
            why = f"on {who}, whose slots pygloss cannot read"
        return (
            f"Whether instances of `{owner.name}` get a `__dict__` is not known here: it "
            f"depends {why}."
        )
    bases = any(k.name != "object" for k in mro.classes[1:])
    held = listed or "the listed slots"
    if bases:
        held += " and the slots of its bases"
    return (
        f"Instances of `{owner.name}` have no `__dict__`: every class of its MRO stores its "
        f"attributes in slots, so they hold only {held}; assigning any other attribute "
        "raises `AttributeError`."
    )
