"""What a value or an annotation is, as far as the syntax tells: shared by rules.

``is_mutable``: a list/dict/set display or comprehension, or a call of a mutable
standard container type.  ``is_immutable_annotation``: an annotation that promises
read-only use (``Sequence[int]``, ``Mapping[str, int] | None``).  ``widen_to_optional``:
an annotation rewritten to accept None (for fixes that default to None).
"""

from __future__ import annotations

import ast

from pygloss.rules.base import RuleContext, tail_name
from pygloss.syntax.names import qualify

MUTABLE_CALLS = frozenset(
    {
        "builtins.list",
        "builtins.dict",
        "builtins.set",
        "builtins.bytearray",
        "collections.deque",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
    }
)
_MUTABLE_NAMES = frozenset(name.rsplit(".", 1)[1] for name in MUTABLE_CALLS)
MUTABLE_DISPLAYS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
_NONE_FRIENDLY = frozenset({"Optional", "Any", "object", "None"})


# Annotations that promise the function will not mutate the value (ruff's B006
# ignores these parameters too): sharing one object is then harmless.
IMMUTABLE_TYPES = frozenset(
    f"{module}.{name}"
    for module in ("typing", "collections.abc", "typing_extensions")
    for name in (
        "Sequence",
        "Mapping",
        "Iterable",
        "Collection",
        "Container",
        "Reversible",
        "AbstractSet",
        "Set",
        "FrozenSet",
        "Tuple",
        "ByteString",
        "Sized",
        "Callable",
        "Literal",
        "LiteralString",
    )
) | {f"builtins.{n}" for n in ("tuple", "frozenset", "str", "bytes", "int", "float", "bool")}
_UNIONS = frozenset({"typing.Optional", "typing.Union", "typing_extensions.Optional"})


def is_mutable(node: ast.expr, ctx: RuleContext) -> bool:
    if isinstance(node, MUTABLE_DISPLAYS):
        return True
    if isinstance(node, ast.Call):
        name = tail_name(node.func)
        return name in ctx.aliases(_MUTABLE_NAMES) and ctx.qualified(node.func) in MUTABLE_CALLS
    return False


def unquoted(annotation: ast.expr | None) -> ast.expr | None:
    """*annotation* with a string annotation (``"tuple[int, ...]"``) parsed; None when
    that string is not an expression."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            return ast.parse(annotation.value.strip(), mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    return annotation


def is_immutable_annotation(annotation: ast.expr, ctx: RuleContext) -> bool:
    """True for ``Sequence[int]``, ``Mapping[str, int] | None``, ``"tuple[int, ...]"``..."""
    parsed = unquoted(annotation)
    return parsed is not None and _immutable(parsed, ctx)


def _immutable(annotation: ast.expr, ctx: RuleContext) -> bool:
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _immutable_or_none(annotation.left, ctx) and _immutable_or_none(
            annotation.right, ctx
        )
    if isinstance(annotation, ast.Subscript):
        head = qualify(annotation.value, ctx.imports)
        if head in _UNIONS:
            members = annotation.slice
            elements = members.elts if isinstance(members, ast.Tuple) else [members]
            return all(_immutable_or_none(e, ctx) for e in elements)
        if head in ("typing.Annotated", "typing_extensions.Annotated"):
            inner = annotation.slice
            first = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
            return _immutable(first, ctx)
        return head in IMMUTABLE_TYPES
    return qualify(annotation, ctx.imports) in IMMUTABLE_TYPES


def _immutable_or_none(annotation: ast.expr, ctx: RuleContext) -> bool:
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        return True
    return _immutable(annotation, ctx)


def widen_to_optional(annotation: ast.expr, ctx: RuleContext) -> str | None:
    """The annotation rewritten to accept None; '' when it already does; None to decline."""
    text = ctx.source.segment(annotation)
    if _accepts_none(annotation):
        return ""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        quote = text[:1]
        if quote not in "'\"" or text[1:2] == quote or "\\" in text:
            return None
        return f"{quote}{annotation.value} | None{quote}"
    if isinstance(annotation, ast.Name | ast.Attribute | ast.Subscript | ast.BinOp):
        return f"{text} | None"
    return None


def _accepts_none(annotation: ast.expr) -> bool:
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        return True
    if isinstance(annotation, ast.Name | ast.Attribute):
        name = annotation.id if isinstance(annotation, ast.Name) else annotation.attr
        return name in _NONE_FRIENDLY
    if isinstance(annotation, ast.Subscript):
        return _accepts_none(annotation.value)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _accepts_none(annotation.left) or _accepts_none(annotation.right)
    return False
