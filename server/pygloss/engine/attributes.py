"""What ``self.name`` / ``cls.name`` refers to, read from the class (syntax only, no jedi).

Inside a method of a class ``C`` of this file, the first attribute after ``self`` (or
``cls``) is looked up in order:

1. ``C``'s body: a method, a nested class, an annotated or assigned class attribute;
2. ``C``'s methods: ``self.name: T = ...`` or ``self.name = value``;
3. ``C``'s bases: those defined in this file are searched the same way (depth
   first, in base order); the first *imported* base met answers for everything else
   (``self.assertRaises`` in a ``unittest.TestCase`` subclass is
   ``unittest.TestCase.assertRaises``).

:func:`self_attribute` returns an :class:`Attribute` saying which of these it found:
a type (``session: Session`` -> ``sqlalchemy.orm.Session``), an untyped binding (a
value the syntax cannot type: jedi may know), a member the class defines itself
(nothing to look up), an imported base, or nothing.
"""

from __future__ import annotations

import ast
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pygloss.engine.scopes import statements_in
from pygloss.syntax.names import ImportMap, qualify

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_MAX_CLASSES = 8
# (assigned value, the method it is assigned in or None) -> (qualified type, instance)
ValueTyper = Callable[[ast.expr, ast.AST | None], tuple[str, bool] | None]
AnnotationTyper = Callable[[ast.expr], str | None]


@dataclass(frozen=True)
class Attribute:
    """``kind``: ``type`` (``name`` is its qualified type), ``untyped``, ``own``,
    ``base`` (``name`` is the imported base) or ``unknown``."""

    kind: str
    name: str = ""
    instance: bool = True
    value: ast.expr | None = None  # for ``untyped``: the value assigned


UNKNOWN = Attribute("unknown")


def enclosing_class(path: Sequence[ast.AST]) -> tuple[ast.ClassDef, ast.AST] | None:
    """``(class, method)`` for the innermost method (of a class) on the node *path*."""
    for index in range(len(path) - 2, -1, -1):
        node, child = path[index], path[index + 1]
        if isinstance(node, ast.ClassDef) and isinstance(child, _FUNCS):
            return node, child
    return None


def self_attribute(
    attr: str,
    path: Sequence[ast.AST],
    statements: Sequence[ast.stmt],
    imports: ImportMap,
    type_of: ValueTyper,
    annotation_of: AnnotationTyper,
) -> Attribute:
    """What ``self.attr`` is in the method on *path*: *type_of* types an assigned
    value, *annotation_of* an annotation."""
    found = enclosing_class(path)
    if found is None:
        return UNKNOWN
    classes = {s.name: s for s in statements if isinstance(s, ast.ClassDef)}
    seen: set[str] = set()
    pending: list[ast.ClassDef | str] = [found[0]]  # depth first, bases in order
    while pending and len(seen) < _MAX_CLASSES:
        item = pending.pop(0)
        if isinstance(item, str):
            return Attribute("base", item)  # the first imported base answers
        if item.name in seen:
            continue
        seen.add(item.name)
        answer = _in_class(item, attr, type_of, annotation_of)
        if answer is not None:
            return answer
        bases: list[ast.ClassDef | str] = []
        for base in item.bases:
            if isinstance(base, ast.Name) and base.id in classes:
                bases.append(classes[base.id])
            elif (qualified := qualify(base, imports)) not in (None, "builtins.object"):
                bases.append(qualified)
        pending[:0] = bases
    return UNKNOWN


def _in_class(
    klass: ast.ClassDef, attr: str, type_of: ValueTyper, annotation_of: AnnotationTyper
) -> Attribute | None:
    member = _members(klass).get(attr)
    if member is None:
        return None
    node, method = member
    if isinstance(node, ast.AnnAssign):
        return _annotated(annotation_of(node.annotation))
    if isinstance(node, ast.Assign):
        found = type_of(node.value, method)
        return Attribute("type", *found) if found else Attribute("untyped", value=node.value)
    return Attribute("own")


_MEMBERS: weakref.WeakKeyDictionary[ast.ClassDef, dict[str, tuple[ast.AST, ast.AST | None]]] = (
    weakref.WeakKeyDictionary()
)


def _members(klass: ast.ClassDef) -> dict[str, tuple[ast.AST, ast.AST | None]]:
    """name -> ``(defining node, method it is assigned in or None)``, built once per
    class: the class body first, then ``self.name`` assignments in method order."""
    found = _MEMBERS.get(klass)
    if found is not None:
        return found
    members: dict[str, tuple[ast.AST, ast.AST | None]] = {}
    for statement in klass.body:
        if isinstance(statement, (*_FUNCS, ast.ClassDef)):
            members.setdefault(statement.name, (statement, None))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            members.setdefault(statement.target.id, (statement, None))
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    members.setdefault(target.id, (statement, None))
    for method in klass.body:
        if not isinstance(method, _FUNCS) or not method.args.args:
            continue
        owner = method.args.args[0].arg
        for node in statements_in(method.body):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and _is_name(target.value, owner):
                    members.setdefault(target.attr, (node, method))
    _MEMBERS[klass] = members
    return members


def _annotated(found: str | None) -> Attribute:
    return Attribute("type", found) if found else Attribute("untyped")


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
