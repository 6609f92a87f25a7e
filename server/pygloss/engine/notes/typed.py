"""The type of an expression at the cursor, as the notes type it (:mod:`.keys`): a
literal, a name bound once (an assignment, ``with ... as``, ``except ... as``, a
``for`` loop over a known iterator), a call of a class or a known factory, a receiver
named like its type; and the special method an operator, a subscript or a ``with``
calls on a typed value."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from pygloss.engine.cursor import Cursor
from pygloss.engine.names import LITERAL_TYPES as NAMES_LITERAL_TYPES
from pygloss.engine.names import resolve_syntax
from pygloss.engine.notes.context import call_result, receiver_type
from pygloss.engine.notes.usage import OPERATIONS, OPERATORS, SET_METHODS
from pygloss.syntax.names import ImportMap, qualify

# the hover's literal types but tuples: a tuple's few methods would match notes
# about sequences in general (a display's bracket still keys it: notes/keys.py)
LITERAL_TYPES = {k: v for k, v in NAMES_LITERAL_TYPES.items() if k is not ast.Tuple}
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def typed_by_name(node: ast.AST, cursor: Cursor, imports: ImportMap) -> str | None:
    """``session.commit`` (SQLAlchemy imported), ``", ".join``, ``monkeypatch.setattr``
    (a parameter): what the hover leaves unresolved, typed as the notes type it."""
    head: ast.AST = node
    parts: list[str] = []
    while isinstance(head, ast.Attribute):
        parts.append(head.attr)
        head = head.value
    rest = ".".join(reversed(parts))
    if type(head) in LITERAL_TYPES or (
        isinstance(head, ast.Constant) and isinstance(head.value, str)
    ):
        literal = LITERAL_TYPES.get(type(head), "builtins.str")
        return f"{literal}.{rest}" if rest else None
    if isinstance(head, ast.Call | ast.BinOp) and rest:  # Counter(words).most_common
        typed_call = type_of(head, cursor, imports)
        return f"{typed_call}.{rest}" if typed_call else None
    if not isinstance(head, ast.Name) or head.id in imports.bindings:
        return None
    packages = {target.split(".")[0] for target in imports.bindings.values()}
    if head.id in ("mocker", "monkeypatch") and not is_parameter(head.id, cursor.path):
        return None
    typed = receiver_type(head.id, packages)
    if typed is None and rest:  # found = re.search(...); found.group
        bound = bound_once(head.id, cursor)
        typed = type_of(bound, cursor, imports) if bound is not None else None
    if typed is None:
        return None
    return f"{typed}.{rest}" if rest else typed


def is_parameter(name: str, path: Sequence[ast.AST]) -> bool:
    function = next((n for n in reversed(path) if isinstance(n, FUNCS)), None)
    if function is None:
        return False
    args = function.args
    return any(a.arg == name for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))


_SUBSCRIPT_METHODS: dict[type[ast.expr_context], str] = {
    ast.Load: "__getitem__",
    ast.Store: "__setitem__",
    ast.Del: "__delitem__",
}
_MAX_DEPTH = 6


def type_of(node: ast.AST, cursor: Cursor, imports: ImportMap, depth: int = 0) -> str | None:
    """The type of an expression, as the notes type it: a literal, a name bound to a
    value of a known type (as the hover types names), a call of a class or a known
    factory, an attribute or operator result of a type that returns its own type."""
    if type(node) in LITERAL_TYPES:
        return LITERAL_TYPES[type(node)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        return "builtins.str" if isinstance(node.value, str) else "builtins.bytes"
    if isinstance(node, ast.Tuple):
        return "builtins.tuple"
    if depth >= _MAX_DEPTH:
        return None
    if isinstance(node, ast.Call):
        callee: str | None = qualify(node.func, imports)
        if callee is None and isinstance(node.func, ast.Attribute):
            owner = type_of(node.func.value, cursor, imports, depth + 1)
            callee = f"{owner}.{node.func.attr}" if owner else None
        return call_result(callee) if callee else None
    if isinstance(node, ast.Attribute):
        owner = type_of(node.value, cursor, imports, depth + 1)
        return call_result(f"{owner}.{node.attr}") if owner else None
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        left = type_of(node.left, cursor, imports, depth + 1)
        return call_result(f"{left}.{OPERATORS[type(node.op)]}") if left else None
    if not isinstance(node, ast.Name):
        return None
    probe = ast.Attribute(value=node, attr="__class__", ctx=ast.Load())
    line = cursor.source.line_of(cursor.offset) + 1
    resolved = resolve_syntax(probe, cursor.source, cursor.path, imports, line)
    if resolved is not None and resolved.instance:
        return resolved.name.removesuffix(".__class__")
    if resolved is None and node.id not in imports.bindings:
        bound = bound_once(node.id, cursor)
        if bound is not None:  # found = re.search(...): the hover's tables do not know it
            return type_of(bound, cursor, imports, depth + 1)
        packages = {target.split(".")[0] for target in imports.bindings.values()}
        return receiver_type(node.id, packages)
    return None


def bound_once(name: str, cursor: Cursor) -> ast.expr | None:
    """The value *name* is assigned once in the function (or module) around the cursor."""
    scope: Sequence[ast.stmt] = cursor.source.statements
    for node in reversed(cursor.path):
        if isinstance(node, FUNCS) and not isinstance(node, ast.Lambda):
            scope = node.body
            break
    values: list[ast.expr] = []
    for node in ast.walk(ast.Module(body=list(scope), type_ignores=[])):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id == name:
                values.append(node.value)
        elif isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name):
            if node.optional_vars.id == name:  # with open(path) as fh
                values.append(node.context_expr)
        elif isinstance(node, ast.ExceptHandler) and node.name == name and node.type is not None:
            values.append(ast.Call(func=node.type, args=[], keywords=[]))  # an instance
        elif (
            isinstance(node, ast.For | ast.AsyncFor)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
        ):  # for entry in os.scandir(path): an item of what it iterates
            step = ast.Attribute(value=node.iter, attr="__next__", ctx=ast.Load())
            values.append(ast.Call(func=step, args=[], keywords=[]))
    return values[0] if len(values) == 1 else None


def operation_keys(cursor: Cursor, imports: ImportMap) -> list[tuple[str, tuple[int, int]]]:
    """``a | b`` on sets, ``xs + ys`` on lists, ``root / 'etc'`` on paths, ``d['k']``:
    the special method called (and, for a set operator, the method it stands for);
    the cursor on the operator or the brackets."""
    node = cursor.node
    token = cursor.token
    found: list[tuple[str, tuple[int, int]]] = []
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS and token is not None:
        method = OPERATORS[type(node.op)]
        for operand in (node.left, node.right):
            typed = type_of(operand, cursor, imports)
            if typed is not None and method in OPERATIONS.get(typed, ()):
                span = (token.start, token.end)
                found.append((f"{typed}.{method}", span))
                if typed in ("builtins.set", "builtins.frozenset"):
                    found.append((f"{typed}.{SET_METHODS[method]}", span))
                break
        return found
    if node is None:
        return found
    parent = cursor.parent_of(node)
    entered: list[ast.expr] = []  # `with conn:`, on the keyword or on what it enters
    if isinstance(node, ast.With | ast.AsyncWith):
        entered = [item.context_expr for item in node.items]
    elif isinstance(parent, ast.withitem) and node is parent.context_expr:
        entered = [node]
    for manager in entered:
        typed = type_of(manager, cursor, imports)
        if typed is not None and "__enter__" in OPERATIONS.get(typed, ()):
            found.append((f"{typed}.__enter__", cursor.span(manager)))
    if entered:
        return found
    subscript = node if isinstance(node, ast.Subscript) else cursor.parent_of(node)
    on_index = isinstance(node, ast.Subscript) or (
        isinstance(subscript, ast.Subscript)
        and node is subscript.slice
        and isinstance(node, ast.Constant | ast.UnaryOp)
    )
    if isinstance(subscript, ast.Subscript) and isinstance(subscript.slice, ast.Slice):
        return found  # items[1:3] is the slice kind
    if isinstance(subscript, ast.Subscript) and on_index:
        container = type_of(subscript.value, cursor, imports)
        item_method = _SUBSCRIPT_METHODS.get(type(subscript.ctx))
        if container in OPERATIONS and item_method is not None:
            found.append((f"{container}.{item_method}", cursor.span(subscript)))
    return found
