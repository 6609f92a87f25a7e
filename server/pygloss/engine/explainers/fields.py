"""Read the fields of a dataclass-like class from its ``class`` statement.

:func:`class_flavor` says which generator builds the class (dataclass, attrs,
pydantic, NamedTuple, TypedDict) and with which options; :func:`collect_fields`
returns the fields in ``__init__`` order, inherited ones first.
"""

from __future__ import annotations

import ast
import keyword
from dataclasses import dataclass, field
from typing import Any

from pygloss.engine.explainers.field_bases import ModuleContext, resolve_base
from pygloss.syntax.names import ImportMap, dotted_name, qualify

DATACLASS = {"dataclasses.dataclass"}
ATTRS = {"attrs.define", "attrs.frozen", "attrs.mutable", "attr.define", "attr.frozen",
         "attr.mutable"}  # fmt: skip
ATTRS_CLASSIC = {"attr.s", "attr.attrs", "attrs.attrs"}
FIELD_CALLS = {"dataclasses.field", "attrs.field", "attr.ib", "attr.attrib", "pydantic.Field"}
BASES = {
    "pydantic.BaseModel": "pydantic",
    "typing.NamedTuple": "namedtuple",
    "typing.TypedDict": "typeddict",
    "typing_extensions.TypedDict": "typeddict",
}
LABELS = {
    "dataclass": "a dataclass",
    "attrs": "an attrs class",
    "attrs-classic": "an attrs class (`attr.s`)",
    "pydantic": "a pydantic model",
    "namedtuple": "a NamedTuple",
    "typeddict": "a TypedDict",
}


@dataclass(frozen=True)
class Flavor:
    kind: str
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True)
class Field:
    name: str
    annotation: str
    default: str | None = None
    init: bool = True
    kw_only: bool = False
    alias: str | None = None  # the __init__ parameter's name, when not the field's


def _constant_options(call: ast.Call) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for given in call.keywords:
        if given.arg and isinstance(given.value, ast.Constant):
            options[given.arg] = given.value.value
    return options


ROOTS = frozenset(BASES)


class FieldsUnknown(Exception):
    """A base may bring fields that cannot be read (its name is the message)."""


def class_flavor(node: ast.ClassDef, context: ModuleContext, depth: int = 0) -> Flavor | None:
    imports = context.imports
    for decorator in node.decorator_list:
        func = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = qualify(func, imports)
        options = _constant_options(decorator) if isinstance(decorator, ast.Call) else {}
        if name in DATACLASS:
            return Flavor("dataclass", options)
        if name in ATTRS:
            if name and name.endswith("frozen"):
                options.setdefault("frozen", True)
            return Flavor("attrs", options)
        if name in ATTRS_CLASSIC:
            return Flavor("attrs-classic", options)
    for base in node.bases:
        ref = resolve_base(base, context, ROOTS)
        if ref.kind == "root":
            return Flavor(BASES[ref.name], _class_options(node, BASES[ref.name]))
        if ref.kind == "class" and ref.node is not None and ref.context and depth < 10:
            inherited = class_flavor(ref.node, ref.context, depth + 1)
            if inherited is not None and inherited.kind in ("pydantic", "typeddict"):
                own = _class_options(node, inherited.kind)
                merged = {**inherited.options, **own} if inherited.kind == "pydantic" else own
                return Flavor(inherited.kind, merged)
    return None


def _class_options(node: ast.ClassDef, kind: str) -> dict[str, Any]:
    """Class keywords (``total=False``, ``extra="allow"``), and for pydantic the
    constants of a ``model_config = ConfigDict(...)`` (or dict) in the body."""
    options = _constant_options(_keywords_call(node))
    if kind != "pydantic":
        return options
    for statement in node.body:
        if not (
            isinstance(statement, ast.Assign)
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id == "model_config"
        ):
            continue
        value = statement.value
        if isinstance(value, ast.Call):
            options.update(_constant_options(value))
        elif isinstance(value, ast.Dict):
            for key, item in zip(value.keys, value.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(item, ast.Constant):
                    options[str(key.value)] = item.value
    return options


def _same_family(parent: Flavor, child: Flavor) -> bool:
    """A base's fields are inherited by a class of the same generator (attrs styles mix)."""
    family = {"attrs-classic": "attrs"}
    return family.get(parent.kind, parent.kind) == family.get(child.kind, child.kind)


def _keywords_call(node: ast.ClassDef) -> ast.Call:
    return ast.Call(func=ast.Name("_"), args=[], keywords=node.keywords)


def _is(annotation: ast.expr, imports: ImportMap, *names: str) -> bool:
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    qualified = qualify(target, imports) or dotted_name(target) or ""
    return qualified in names or qualified.rsplit(".", 1)[-1] in {
        n.rsplit(".", 1)[-1] for n in names
    }


def _field_from(
    name: str,
    annotation: ast.expr | None,
    value: ast.expr | None,
    imports: ImportMap,
    kw_only: bool,
) -> Field:
    spelled = ast.unparse(annotation) if annotation is not None else ""
    if isinstance(value, ast.Call) and qualify(value.func, imports) in FIELD_CALLS:
        keywords = {k.arg: k.value for k in value.keywords if k.arg}
        default = None
        if "default" in keywords:
            default = ast.unparse(keywords["default"])
        elif value.args and qualify(value.func, imports) == "pydantic.Field":
            first = value.args[0]
            default = (
                None
                if isinstance(first, ast.Constant) and first.value is ...
                else ast.unparse(first)
            )
        factory = keywords.get("default_factory") or keywords.get("factory")
        if factory is not None:
            default = f"<factory {ast.unparse(factory)}()>"
        init_flag = keywords.get("init")
        init = not (isinstance(init_flag, ast.Constant) and init_flag.value is False)
        kw = keywords.get("kw_only")
        if isinstance(kw, ast.Constant) and isinstance(kw.value, bool):
            kw_only = kw.value
        return Field(name, spelled, default, init, kw_only, _alias(keywords))
    default = ast.unparse(value) if value is not None else None
    return Field(name, spelled, default, True, kw_only)


def _alias(keywords: dict[str, ast.expr]) -> str | None:
    """The ``alias=`` (pydantic: else ``validation_alias=``) that names the parameter."""
    for key in ("alias", "validation_alias"):
        value = keywords.get(key)
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            valid = value.value.isidentifier() and not keyword.iskeyword(value.value)
            if valid:
                return value.value
    return None


def collect_fields(
    node: ast.ClassDef, context: ModuleContext, flavor: Flavor, depth: int = 0, own: bool = True
) -> tuple[list[Field], list[str]]:
    """Fields in ``__init__`` order (inherited first) and notes on skipped attributes;
    raises :class:`FieldsUnknown` when a base may bring fields that cannot be read.
    With *own* false, only the fields of its bases (a plain class between two
    dataclasses passes its bases' fields on)."""
    imports = context.imports
    fields: dict[str, Field] = {}
    notes: list[str] = []
    for base in reversed(node.bases):
        ref = resolve_base(base, context, ROOTS)
        if ref.kind == "unknown":
            raise FieldsUnknown(ref.name)
        if ref.kind != "class" or ref.node is None or ref.context is None or depth > 10:
            continue
        parent_flavor = class_flavor(ref.node, ref.context)
        if parent_flavor is None or _same_family(parent_flavor, flavor):
            inherited, _ = collect_fields(
                ref.node, ref.context, flavor, depth + 1, own=parent_flavor is not None
            )
            for item in inherited:
                fields[item.name] = item
    if not own:
        return list(fields.values()), notes
    kw_only = bool(flavor.options.get("kw_only", False))
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
            annotation = statement.annotation
            if _is(annotation, imports, "typing.ClassVar"):
                notes.append(f"`{name}` is a `ClassVar`: a class attribute, not a field.")
                continue
            if _is(annotation, imports, "dataclasses.KW_ONLY"):
                kw_only = True
                continue
            if flavor.kind == "pydantic" and name.startswith("_"):
                continue
            if flavor.kind == "attrs-classic" and not flavor.options.get("auto_attribs"):
                value = statement.value
                if not (
                    isinstance(value, ast.Call) and qualify(value.func, imports) in FIELD_CALLS
                ):
                    continue
            item = _field_from(name, annotation, statement.value, imports, kw_only)
            if _is(annotation, imports, "dataclasses.InitVar"):
                notes.append(
                    f"`{name}` is an `InitVar`: passed to `__init__` and `__post_init__`, "
                    "not stored."
                )
            if flavor.kind == "typeddict" and _is(annotation, imports, "typing.NotRequired"):
                item = Field(item.name, item.annotation, "<optional>", True, True)
            if name in fields:
                position = list(fields).index(name)
                items = list(fields.items())
                items[position] = (name, item)
                fields = dict(items)
            else:
                fields[name] = item
        elif isinstance(statement, ast.Assign) and flavor.kind == "attrs-classic":
            value = statement.value
            if isinstance(value, ast.Call) and qualify(value.func, imports) in FIELD_CALLS:
                for target in statement.targets:
                    if isinstance(target, ast.Name):
                        fields[target.id] = _field_from(target.id, None, value, imports, kw_only)
    return list(fields.values()), notes
