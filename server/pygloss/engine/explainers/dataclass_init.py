"""Context for generated classes: the ``__init__`` signature and what is generated.

Covers ``@dataclass``, attrs (``@define``/``@frozen``/``@attr.s``), pydantic
``BaseModel``, ``NamedTuple`` and ``TypedDict`` classes written in this file.  Fields
are the annotated class attributes in order, after the fields of bases of the same
kind in this file (an overridden field keeps its first position); ``ClassVar`` is
excluded; ``KW_ONLY``, ``kw_only=``, ``init=False``, ``default_factory=`` and
``InitVar`` are honoured.  The field reading lives in :mod:`.fields`.
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.engine.explainers.field_bases import file_context
from pygloss.engine.explainers.fields import (
    Field,
    FieldsUnknown,
    Flavor,
    class_flavor,
    collect_fields,
)

NAMES = (
    "dataclasses.dataclass", "dataclasses.field", "attrs.define", "attrs.frozen",
    "attrs.mutable", "attrs.field", "attr.s", "attr.attrs", "attr.define", "attr.frozen",
    "attr.ib", "attr.mutable", "pydantic.BaseModel", "pydantic.Field",
    "typing.NamedTuple", "typing.TypedDict", "typing_extensions.TypedDict",
)  # fmt: skip


def _param(field: Field, flavor: Flavor) -> str:
    name = field.name.lstrip("_") if flavor.kind.startswith("attrs") else field.name
    name = field.alias or name
    text = f"{name}: {field.annotation}" if field.annotation else name
    if field.default is not None:
        text += f" = {field.default}"
    return text


WIDTH = 72  # a signature longer than this is shown one parameter per line
MAX_PARAMETERS = 10  # then "... and N more"


def signature_parts(cls: str, fields: list[Field], flavor: Flavor) -> tuple[str, list[str]]:
    """``(head, parameters)`` of the generated ``__init__`` (or the class call)."""
    params = [f for f in fields if f.init]
    positional = [_param(f, flavor) for f in params if not f.kw_only]
    keyword = [_param(f, flavor) for f in params if f.kw_only]
    if flavor.kind in ("pydantic", "typeddict"):
        positional, keyword = [], positional + keyword
    parts = (["self"] if flavor.kind not in ("namedtuple", "typeddict") else []) + positional
    if keyword:
        parts += ["*", *keyword]
    if flavor.kind == "pydantic" and flavor.options.get("extra") == "allow":
        parts.append("**extra_data")
    head = "__init__" if flavor.kind not in ("namedtuple", "typeddict") else cls
    return head, parts


def signature(cls: str, fields: list[Field], flavor: Flavor) -> str:
    head, parts = signature_parts(cls, fields, flavor)
    return f"{head}({', '.join(parts)})"


def shown_signature(cls: str, fields: list[Field], flavor: Flavor) -> tuple[str, bool]:
    """The signature as the hover shows it: inline code when short, else a code block
    with one parameter per line (at most :data:`MAX_PARAMETERS`); and whether it is
    a block."""
    head, parts = signature_parts(cls, fields, flavor)
    inline = f"{head}({', '.join(parts)})"
    if len(inline) <= WIDTH:
        return f"`{inline}`", False
    lines = [f"    {part}," for part in parts[:MAX_PARAMETERS]]
    more = [part for part in parts[MAX_PARAMETERS:] if part != "*"]
    if len(parts) > MAX_PARAMETERS:
        lines.append(f"    # ... and {len(more)} more")
    return "```python\n" + "\n".join([f"{head}(", *lines, ")"]) + "\n```", True


def _order_error(fields: list[Field], flavor: Flavor) -> str | None:
    if flavor.kind not in ("dataclass", "attrs", "namedtuple"):
        return None
    seen_default = None
    for field in fields:
        if not field.init or field.kw_only:
            continue
        if field.default is not None:
            seen_default = field.name
        elif seen_default is not None:
            return (
                f"⚠ `{field.name}` has no default but follows `{seen_default}`, which has one: "
                "defining this class raises `TypeError` (give it a default or make it "
                "keyword-only)."
            )
    return None


_ORDER = ("__lt__", "__le__", "__gt__", "__ge__")


def written_methods(node: ast.ClassDef) -> frozenset[str]:
    """Names the class body defines or assigns, as the decorator sees them: ``__hash__ =
    None`` beside an ``__eq__`` is what Python adds for any class defining ``__eq__``,
    so it does not count as a ``__hash__`` of the class's own."""
    names: set[str] = set()
    hash_none = False
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    names.add(target.id)
                    if target.id == "__hash__":
                        value = statement.value
                        hash_none = isinstance(value, ast.Constant) and value.value is None
    if hash_none and "__eq__" in names:
        names.discard("__hash__")
    return frozenset(names)


def generated(
    flavor: Flavor, post_init: bool, cls: str = "C", own: frozenset[str] = frozenset()
) -> str:
    """What the decorator or base adds to the class; *own*: the names its body writes
    (:func:`written_methods`)."""
    o = flavor.options
    if flavor.kind == "pydantic":
        return (
            "Generated: a keyword-only `__init__` that validates and converts every field "
            "(raising `ValidationError`), `__repr__`, `__eq__`, `model_dump()`, "
            "`model_validate()`. Names starting with `_` are private attributes, not fields."
        )
    if flavor.kind == "namedtuple":
        return (
            "Generated: a `tuple` subclass — immutable, indexable and unpackable — with "
            "`_fields`, `_replace()`, `_asdict()`; `==` compares like tuples."
        )
    if flavor.kind == "typeddict":
        total = (
            "every key is required" if o.get("total", True) else "keys are optional (total=False)"
        )
        return (
            "Calling it builds a plain `dict`, not an instance of the class "
            f"(`isinstance(d, {cls})` raises `TypeError`), and nothing is checked; "
            f"{total} for type checkers only."
        )
    # dataclasses and attrs' new API keep what the class body writes (attr.s replaces it)
    keeps = own if flavor.kind in ("dataclass", "attrs") else frozenset()
    made: list[str] = []
    kept: list[str] = []
    errors: list[str] = []

    def add(name: str, shown: str) -> None:
        if name in keeps:
            kept.append(f"`{name}`")
        else:
            made.append(shown)

    if o.get("init", True):
        add("__init__", "`__init__`")
    if o.get("repr", True):
        add("__repr__", "`__repr__`")
    eq = o.get("eq", True)
    if eq:
        add("__eq__", "`__eq__`")
    if o.get("order", flavor.kind == "attrs-classic"):
        written = [f"`{m}`" for m in _ORDER if m in keeps]
        if written and flavor.kind == "dataclass":
            errors.append(f"`order=True` with {written[0]} written in the class")
        else:
            made.append("`__lt__`/`__le__`/`__gt__`/`__ge__`")
    frozen = o.get("frozen", False)
    if frozen:
        written = [f"`{m}`" for m in ("__setattr__", "__delattr__") if m in keeps]
        if written and flavor.kind == "dataclass":
            errors.append(f"`frozen=True` with {written[0]} written in the class")
        else:
            made.append("a `__setattr__` that raises (frozen)")
    unsafe_hash = o.get("unsafe_hash", False)
    explicit_hash = "__hash__" in keeps
    if explicit_hash:
        if unsafe_hash and flavor.kind == "dataclass":
            errors.append("`unsafe_hash=True` with `__hash__` written in the class")
        else:
            kept.append("`__hash__`")
    elif unsafe_hash or (eq and frozen):
        made.append("`__hash__` from the fields")
    if o.get("slots", flavor.kind == "attrs"):
        made.append("`__slots__`")
    if flavor.kind == "dataclass" and o.get("match_args", True):
        add("__match_args__", "`__match_args__`")
    text = "Generated: " + ", ".join(made) + "." if made else "Nothing is generated."
    if kept:
        text += " Written in the class body, so kept: " + ", ".join(kept) + "."
    if errors:
        text += " " + "; ".join(errors) + ": the decorator raises `TypeError`."
    if eq and not frozen and not unsafe_hash and not explicit_hash:
        text += " With `eq` and not frozen, `__hash__` is `None`: instances are unhashable."
    if post_init:
        text += " `__post_init__` runs at the end of `__init__`."
    return text


def _owner(env: ExplainEnv) -> ast.ClassDef | None:
    for target in env.targets:
        for node in reversed(target.path):
            if isinstance(node, ast.ClassDef):
                return node
        if isinstance(target.node, ast.ClassDef):
            return target.node
    return None


@explainer(kinds=("class-bases", "decorator"), names=NAMES)
def generated_init(env: ExplainEnv) -> str | None:
    owner = _owner(env)
    if owner is None:
        return None
    context = file_context(env.source, env.imports)
    flavor = class_flavor(owner, context)
    if flavor is None:
        return None
    post_init = any(
        isinstance(s, ast.FunctionDef) and s.name == "__post_init__" for s in owner.body
    )
    made = generated(flavor, post_init, owner.name, written_methods(owner))
    if flavor.options.get("init") is False:
        return (
            f"`{owner.name}` — {flavor.label} with `init=False`: no `__init__` is generated, so "
            "the one it inherits runs.\n\n" + made
        )
    own_init = any(isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in owner.body)
    if own_init and flavor.kind in ("dataclass", "attrs", "pydantic"):
        return (
            f"`{owner.name}` — {flavor.label}. Its `__init__` is written in the class body, so "
            f"that is what runs: none is generated.\n\n" + made
        )
    try:
        fields, notes = collect_fields(owner, context, flavor)
    except FieldsUnknown as unknown:
        return (
            f"`{owner.name}` — {flavor.label}. Its `__init__` also takes the fields of "
            f"`{unknown}`, which pygloss cannot read, so its parameters are not shown.\n\n" + made
        )
    shown, block = shown_signature(owner.name, fields, flavor)
    lines = [f"`{owner.name}` — {flavor.label}" + ("." if block else f": {shown}")]
    error = _order_error(fields, flavor)
    if error:
        lines.append(error)
    lines.extend(notes[:2])
    lines.append(made)
    if block:  # last, so that a long one is what the line budget cuts
        what = "The generated `__init__`" if "__init__" in shown else "Calling it"
        lines.append(f"{what}:\n\n{shown}")
    return "\n\n".join(lines)
