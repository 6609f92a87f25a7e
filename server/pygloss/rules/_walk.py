"""Fast child iteration over the stdlib ``ast``: the fields that can hold nodes, per class.

``ast.iter_child_nodes`` looks at every field of every node through a generator;
most fields hold identifiers, flags or operator singletons.  :func:`children`
looks only at the fields that may hold nodes (worked out once per node class),
which makes the walks that rules and the linter do several times faster.
Operator and expression-context singletons (``ast.Add()``, ``ast.Load()``) are
never returned.
"""

from __future__ import annotations

import ast

# fields that never hold nodes worth visiting: identifiers, flags, operator singletons
LEAVES = frozenset(
    {"ctx", "op", "ops", "id", "attr", "arg", "name", "asname", "module", "level", "kind"}
    | {"type_comment", "conversion", "is_async", "simple", "tag"}
)
CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(cls: type) -> tuple[str, ...]:
    """The fields of *cls* that may hold child nodes (cached; none for a type that is
    not a node: the strings of ``Global.names``, the ``None`` of ``Dict.keys``)."""
    fields = CHILD_FIELDS.get(cls)
    if fields is None:
        if cls is ast.Constant or not issubclass(cls, ast.AST):  # a name in a list, a None key
            fields = ()
        else:
            fields = tuple(f for f in cls._fields if f not in LEAVES)
        CHILD_FIELDS[cls] = fields
    return fields


def children(node: ast.AST) -> list[ast.AST]:
    """The child nodes of *node*, in field order (like ``ast.iter_child_nodes``)."""
    found: list[ast.AST] = []
    keep = found.append
    fields = CHILD_FIELDS.get(type(node))
    if fields is None:
        fields = child_fields(type(node))
    for name in fields:
        value = getattr(node, name, None)
        if type(value) is list:
            for item in value:  # a plain loop: a generator costs more on these short lists
                if isinstance(item, ast.AST):
                    keep(item)
        elif isinstance(value, ast.AST):
            keep(value)
    return found


def descendants(node: ast.AST) -> list[ast.AST]:
    """*node* and every node below it, in the order ``ast.walk`` yields them (breadth
    first, fields in order) but without the context and operator singletons."""
    found = [node]
    for current in found:  # the list grows as it is read: breadth first
        found.extend(children(current))
    return found
