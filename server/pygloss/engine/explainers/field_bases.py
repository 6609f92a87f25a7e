"""Where the bases of a dataclass-like class come from, for reading inherited fields.

A base is a class of the same module (its ``class`` statement), a class of another
module found on the file's import path (:mod:`pygloss.engine.modules`, read from its
source with that module's imports), a root that makes the flavor (``BaseModel``,
``NamedTuple``...), a class that certainly has no fields (a builtin, a class the
interpreter holds that is not a dataclass), or unknown — and then the fields it
may bring are not known, which the hover says instead of showing a signature.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from pygloss.engine.explainers.classes import file_index, loaded_value
from pygloss.engine.modules import (
    ModuleIndex,
    Modules,
    absolute,
    modules_for,
    top_level_statements,
)
from pygloss.syntax.names import ImportMap, qualify
from pygloss.syntax.source import Source


@dataclass(frozen=True)
class ModuleContext:
    """What names mean in one module: its imports (absolute) and its classes."""

    imports: ImportMap
    classes: dict[str, ast.ClassDef]
    index: ModuleIndex | None = None
    modules: Modules | None = None


@dataclass(frozen=True)
class BaseRef:
    """A resolved base: ``class`` (with its node and module), ``root`` (a flavor's root,
    by qualified name), ``plain`` (certainly no fields) or ``unknown``."""

    kind: str
    name: str
    node: ast.ClassDef | None = None
    context: ModuleContext | None = None


def file_context(source: Source, imports: ImportMap) -> ModuleContext:
    """The hovered file's context: its imports, relative ones made absolute from the
    file's package (when it has a path)."""
    index = file_index(source)
    modules = modules_for(source.path)
    if index.path is not None and any(t.startswith(".") for t in imports.bindings.values()):
        return module_context(index, modules)
    classes = {s.name: s for s in source.statements if isinstance(s, ast.ClassDef)}
    return ModuleContext(imports, classes, index, modules)


def module_context(index: ModuleIndex, modules: Modules) -> ModuleContext:
    """The context of another module: relative imports made absolute."""
    package = index.name if index.is_package else index.name.rpartition(".")[0]
    imports = ImportMap()
    for statement in top_level_statements(index.statements):
        if isinstance(statement, ast.Import):
            imports.add(statement)
        elif isinstance(statement, ast.ImportFrom):
            module = absolute(statement.module, statement.level, package)
            if module is not None:
                imports.add(ast.ImportFrom(module=module, names=statement.names, level=0))
    classes = {s.name: s for s in index.statements if isinstance(s, ast.ClassDef)}
    return ModuleContext(imports, classes, index, modules)


def resolve_base(base: ast.expr, context: ModuleContext, roots: frozenset[str]) -> BaseRef:
    """What the base expression *base* of a class in *context* is."""
    if isinstance(base, ast.Subscript):  # Generic[T], Base[int]
        base = base.value
    written = ast.unparse(base)
    if isinstance(base, ast.Name) and base.id in context.classes:
        return BaseRef("class", written, context.classes[base.id], context)
    qualified = qualify(base, context.imports)
    if qualified is None:
        return BaseRef("unknown", written)
    if qualified in roots:
        return BaseRef("root", qualified)
    if qualified.startswith("builtins."):
        return BaseRef("plain", qualified)
    loaded = loaded_value(qualified)
    origin = getattr(loaded, "__origin__", None)
    if not isinstance(loaded, type) and isinstance(origin, type):
        loaded = origin  # `typing.Dict` and the like stand for the class they alias
    if isinstance(loaded, type):
        has_fields = any(hasattr(loaded, a) for a in ("__dataclass_fields__", "__attrs_attrs__"))
        return BaseRef("unknown" if has_fields else "plain", qualified)
    modules = context.modules
    if modules is None:
        return BaseRef("unknown", written)
    found = modules.resolve(qualified)
    if found.kind == "class" and isinstance(found.node, ast.ClassDef) and found.index:
        remote = module_context(found.index, modules)
        return BaseRef("class", found.qualified, found.node, remote)
    return BaseRef("unknown", written)
