"""Recognisers for definition constructs: decorators, class bases and metaclasses,
special methods, ``super()``, the method decorators, mutable defaults and PEP 695
type parameters.
"""

from __future__ import annotations

import ast

from pygloss.engine.constructs import (
    DECORATOR_KINDS,
    DUNDERS,
    FUNCS,
    Found,
    at_node,
    at_token,
    decorator_at,
    decorator_found,
    recognizer,
    stmt_of,
)
from pygloss.engine.cursor import Cursor
from pygloss.syntax.names import ImportMap, qualify


@recognizer("decorator")
def _decorator(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``@`` or anywhere in the expression of a decorator above a def or class."""
    return decorator_found(cursor, "decorator")


@recognizer("decorator-stack")
def _decorator_stack(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On any decorator of a def or class that has two or more of them."""
    return decorator_found(cursor, "decorator-stack")


def class_header(cursor: Cursor) -> ast.ClassDef | None:
    """The class whose header (``class`` keyword, name or bases) holds the cursor."""
    for index, node in enumerate(cursor.path):
        if not isinstance(node, ast.ClassDef):
            continue
        inner = cursor.path[index + 1] if index + 1 < len(cursor.path) else None
        if inner is None:
            on_header = cursor.word("class", node.name) or cursor.op("(", ")", ",")
            if on_header and cursor.offset < _body_start(cursor, node):
                return node
        elif any(inner is b for b in node.bases) or any(inner is k for k in node.keywords):
            return node
    return None


def _body_start(cursor: Cursor, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    return cursor.span(node.body[0])[0] if node.body else cursor.span(node)[1]


@recognizer("class-bases")
def _class_bases(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``class``, the class name or a base of a class that lists bases; or on the
    name of an ordinary method (``def save``) that a base class of this file defines
    too, i.e. that overrides it (special methods are ``dunder-method``)."""
    node = class_header(cursor)
    if node is None:
        return _overriding_method(cursor)
    if not node.bases:
        return None
    inner = cursor.path[-1]
    if any(inner is k for k in node.keywords):
        return None
    if isinstance(inner, ast.keyword) or cursor.innermost(ast.keyword) is not None:
        return None
    start = cursor.span(node)[0]
    return Found("class-bases", start, cursor.span(node.bases[-1])[1] + 1, node)


def _overriding_method(cursor: Cursor) -> Found | None:
    node = cursor.path[-1] if cursor.path else None
    if not isinstance(node, FUNCS) or node.name in DUNDERS or not cursor.word(node.name):
        return None
    owner = cursor.parent_of(node)
    if not isinstance(owner, ast.ClassDef) or not owner.bases:
        return None
    classes = {s.name: s for s in cursor.source.statements if isinstance(s, ast.ClassDef)}
    todo, seen = list(owner.bases), {owner.name}
    while todo and len(seen) < 50:
        base = todo.pop()
        if isinstance(base, ast.Subscript):  # Generic[T], Base[int]
            base = base.value
        klass = classes.get(base.id) if isinstance(base, ast.Name) else None
        if klass is None or klass.name in seen:
            continue
        seen.add(klass.name)
        if any(isinstance(s, FUNCS) and s.name == node.name for s in klass.body):
            return at_token(cursor, "class-bases", node)
        todo.extend(klass.bases)
    return None


@recognizer("metaclass-keyword")
def _metaclass(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``metaclass=M`` in a class header (the keyword or its value)."""
    node = class_header(cursor)
    if node is None:
        return None
    for keyword in node.keywords:
        if keyword.arg == "metaclass" and any(p is keyword for p in cursor.path):
            return at_node(cursor, "metaclass-keyword", keyword)
    return None


@recognizer("dunder-method")
def _dunder(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the name of a special method defined in a class (``def __init__``)."""
    node = cursor.path[-1] if cursor.path else None
    if not isinstance(node, FUNCS) or node.name not in DUNDERS:
        return None
    if not isinstance(cursor.parent_of(node), ast.ClassDef) or not cursor.word(node.name):
        return None
    return at_token(cursor, "dunder-method", node)


@recognizer("super-call")
def _super(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``super`` in ``super()`` (or on the attribute called through it)."""
    node = cursor.path[-1] if cursor.path else None
    if isinstance(node, ast.Name) and node.id == "super":
        call = cursor.parent_of(node)
        if isinstance(call, ast.Call) and call.func is node:
            return at_node(cursor, "super-call", call)
    if isinstance(node, ast.Attribute) and is_super_call(node.value):
        start, end = cursor.span(node)
        if cursor.word(node.attr):
            return Found("super-call", start, end, node)
    return None


def is_super_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _method_decorator(cursor: Cursor, imports: ImportMap, kind: str) -> Found | None:
    found = decorator_at(cursor)
    if found is None:
        return None
    owner, decorator = found
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    qualified = qualify(target, imports)
    if DECORATOR_KINDS.get(qualified or "") == kind:
        start, end = cursor.span(decorator)
        return Found(kind, start - 1, end, owner)
    accessor = isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
    if kind == "property" and accessor and target.attr in ("setter", "getter", "deleter"):  # type: ignore[attr-defined]
        start, end = cursor.span(decorator)
        return Found(kind, start - 1, end, owner)
    return None


@recognizer("property")
def _property(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``@property`` or ``@name.setter`` / ``.getter`` / ``.deleter``."""
    return _method_decorator(cursor, imports, "property")


@recognizer("staticmethod")
def _staticmethod(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On a ``@staticmethod`` decorator (its ``@`` or its name), the builtin one."""
    return _method_decorator(cursor, imports, "staticmethod")


@recognizer("classmethod")
def _classmethod(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On a ``@classmethod`` decorator (its ``@`` or its name), the builtin one."""
    return _method_decorator(cursor, imports, "classmethod")


@recognizer("abstractmethod")
def _abstractmethod(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``@abstractmethod`` / ``@abc.abstractmethod``."""
    return _method_decorator(cursor, imports, "abstractmethod")


MUTABLE_CALLS = frozenset(
    {"builtins.list", "builtins.dict", "builtins.set", "builtins.bytearray",
     "collections.defaultdict", "collections.OrderedDict", "collections.deque",
     "collections.Counter"}
)  # fmt: skip


def is_mutable_value(node: ast.AST, imports: ImportMap) -> bool:
    if isinstance(node, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp):
        return True
    return isinstance(node, ast.Call) and qualify(node.func, imports) in MUTABLE_CALLS


@recognizer("mutable-default")
def _mutable_default(cursor: Cursor, imports: ImportMap) -> Found | None:
    """Anywhere on a mutable default value (``[]``, ``{}``, ``set()``...) of a def."""
    func = cursor.innermost(*FUNCS, ast.Lambda)
    if func is None:
        return None
    args = func.args  # type: ignore[attr-defined]
    defaults = [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
    for default in defaults:
        if any(p is default for p in cursor.path) and is_mutable_value(default, imports):
            return at_node(cursor, "mutable-default", default)
    return None


@recognizer("type-params")
def _type_params(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``type`` of ``type X = ...``, or in the ``[T]`` of ``def f[T]`` / ``class C[T]``."""
    stmt = stmt_of(cursor)
    type_alias = getattr(ast, "TypeAlias", None)
    if type_alias is not None and isinstance(stmt, type_alias) and cursor.word("type"):
        return at_token(cursor, "type-params", stmt)
    params = getattr(stmt, "type_params", None)
    if params and isinstance(stmt, (*FUNCS, ast.ClassDef)):
        start = cursor.span(params[0])[0] - 1
        end = cursor.span(params[-1])[1] + 1
        inside = any(any(p is q for q in params) for p in cursor.path)
        if inside or (start <= cursor.offset < end and cursor.op("[", "]", ",")):
            return Found("type-params", start, end, stmt)
    return None
