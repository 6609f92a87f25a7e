"""Recognisers for expression constructs: await, yield, comprehensions, lambda,
stars, the walrus, comparisons, slices, augmented assignment, ``//``/``%``,
``x or default`` and f-strings.

Operators are recognised on the operator token itself (found by the tokenizer in
:mod:`pygloss.engine.cursor`), so the operands' own hovers are not shadowed.
"""

from __future__ import annotations

import ast

from pygloss.engine.constructs import (
    COMPREHENSIONS,
    FUNCS,
    Found,
    at_node,
    at_token,
    recognizer,
)
from pygloss.engine.cursor import Cursor
from pygloss.syntax.names import ImportMap, qualify


@recognizer("await")
def _await(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``await`` keyword."""
    node = cursor.innermost(ast.Await)
    if node is not None and cursor.word("await"):
        return at_token(cursor, "await", node)
    return None


@recognizer("yield")
def _yield(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``yield`` keyword of a plain ``yield`` expression."""
    node = cursor.innermost(ast.Yield, ast.YieldFrom)
    if isinstance(node, ast.Yield) and cursor.word("yield"):
        return at_token(cursor, "yield", node)
    return None


@recognizer("yield-from")
def _yield_from(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``yield`` or ``from`` of ``yield from``."""
    node = cursor.innermost(ast.Yield, ast.YieldFrom)
    if isinstance(node, ast.YieldFrom) and cursor.word("yield", "from"):
        return at_token(cursor, "yield-from", node)
    return None


def _comprehension(cursor: Cursor, kind: str) -> Found | None:
    node = cursor.innermost(*COMPREHENSIONS)
    if node is None or COMPREHENSIONS[type(node)] != kind:
        return None
    inner = cursor.path[-1]
    generators = node.generators  # type: ignore[attr-defined]
    # on the brackets or the for/in/if keywords, not on the element or the iterable
    on_syntax = cursor.word("for", "in", "if") or cursor.op("[", "]", "{", "}", "(", ")")
    if (inner is node or any(inner is g for g in generators)) and on_syntax:
        return at_node(cursor, kind, node)
    return None


@recognizer("generator-expression")
def _genexp(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the parentheses or the ``for``/``in``/``if`` keywords of ``(x for x in it)``."""
    return _comprehension(cursor, "generator-expression")


@recognizer("list-comprehension")
def _listcomp(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the brackets or the ``for``/``in``/``if`` keywords of ``[x for x in it]``."""
    return _comprehension(cursor, "list-comprehension")


@recognizer("dict-comprehension")
def _dictcomp(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the braces or the ``for``/``in``/``if`` keywords of ``{k: v for ...}``."""
    return _comprehension(cursor, "dict-comprehension")


@recognizer("set-comprehension")
def _setcomp(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the braces or the ``for``/``in``/``if`` keywords of ``{x for x in it}``."""
    return _comprehension(cursor, "set-comprehension")


@recognizer("lambda")
def _lambda(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``lambda`` keyword."""
    node = cursor.innermost(ast.Lambda)
    if node is not None and cursor.word("lambda"):
        return at_token(cursor, "lambda", node)
    return None


def _star_param(cursor: Cursor, attr: str) -> ast.arg | None:
    func = cursor.innermost(*FUNCS, ast.Lambda)
    if func is None:
        return None
    param: ast.arg | None = getattr(func.args, attr)  # type: ignore[attr-defined]
    if param is None:
        return None
    if cursor.path[-1] is param and cursor.word(param.arg):
        return param
    stars = "*" if attr == "vararg" else "**"
    token = cursor.token
    if cursor.op(stars) and token is not None and cursor.source.span(param)[0] == token.end:
        return param
    return None


@recognizer("star-args")
def _star_args(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``*args`` in a def (star or name), or on the ``*`` of ``f(*items)``."""
    param = _star_param(cursor, "vararg")
    if param is not None:
        start, end = cursor.span(param)
        return Found("star-args", start - 1, end, param)
    starred = cursor.innermost(ast.Starred)
    if starred is not None and cursor.op("*") and isinstance(cursor.parent_of(starred), ast.Call):
        return at_node(cursor, "star-args", starred)
    return None


@recognizer("star-kwargs")
def _star_kwargs(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``**kwargs`` in a def (stars or name), or on the ``**`` of ``f(**options)``."""
    param = _star_param(cursor, "kwarg")
    if param is not None:
        start, end = cursor.span(param)
        return Found("star-kwargs", start - 2, end, param)
    node = cursor.path[-1] if cursor.path else None
    in_call = isinstance(cursor.parent_of(node), ast.Call) if node is not None else False
    if isinstance(node, ast.keyword) and node.arg is None and cursor.op("**") and in_call:
        return at_node(cursor, "star-kwargs", node)
    return None


@recognizer("star-unpacking")
def _star_unpacking(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``*`` of ``first, *rest = seq`` / ``[*a, *b]``, or the ``**`` of ``{**a, **b}``."""
    starred = cursor.innermost(ast.Starred)
    displays = (ast.List, ast.Tuple, ast.Set)
    if starred is not None and cursor.op("*") and isinstance(cursor.parent_of(starred), displays):
        return at_node(cursor, "star-unpacking", starred)
    node = cursor.path[-1] if cursor.path else None
    if isinstance(node, ast.Dict) and cursor.op("**") and cursor.token is not None:
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None and cursor.span(value)[0] == cursor.token.end:
                start, end = cursor.span(value)
                return Found("star-unpacking", start - 2, end, node)
    return None


@recognizer("walrus")
def _walrus(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``:=`` of an assignment expression."""
    node = cursor.innermost(ast.NamedExpr)
    return at_node(cursor, "walrus", node) if node is not None and cursor.op(":=") else None


def compare_operator(cursor: Cursor) -> tuple[ast.Compare, int] | None:
    """The Compare under the cursor and the index of the operator token, if on one."""
    node = cursor.path[-1] if cursor.path else None
    token = cursor.token
    if not isinstance(node, ast.Compare) or token is None:
        return None
    if token.string not in ("is", "not", "in", "==", "!=", "<", "<=", ">", ">="):
        return None
    operands = [node.left, *node.comparators]
    for index in range(len(node.ops)):
        left_end = cursor.span(operands[index])[1]
        right_start = cursor.span(operands[index + 1])[0]
        if left_end <= token.start and token.end <= right_start:
            return node, index
    return None


def _operator_span(cursor: Cursor, node: ast.Compare, index: int) -> tuple[int, int]:
    operands = [node.left, *node.comparators]
    text = cursor.source.text
    start, end = cursor.span(operands[index])[1], cursor.span(operands[index + 1])[0]
    while start < end and text[start] in " \t\\\r\n(":
        start += 1
    while end > start and text[end - 1] in " \t\\\r\n)":
        end -= 1
    return start, end


@recognizer("compare-is")
def _compare_is(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``is`` / ``is not`` in a comparison."""
    found = compare_operator(cursor)
    if found is None or not isinstance(found[0].ops[found[1]], ast.Is | ast.IsNot):
        return None
    start, end = _operator_span(cursor, *found)
    return Found("compare-is", start, end, found[0])


@recognizer("compare-none")
def _compare_none(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``==`` / ``!=`` when one side is the literal ``None``."""
    found = compare_operator(cursor)
    if found is None or not isinstance(found[0].ops[found[1]], ast.Eq | ast.NotEq):
        return None
    node, index = found
    operands = [node.left, *node.comparators]
    pair = operands[index : index + 2]
    if not any(isinstance(p, ast.Constant) and p.value is None for p in pair):
        return None
    start, end = _operator_span(cursor, node, index)
    return Found("compare-none", start, end, node)


@recognizer("chained-comparison")
def _chained(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On any operator of a comparison with two or more operators (``a < b < c``)."""
    found = compare_operator(cursor)
    if found is None or len(found[0].ops) < 2:
        return None
    return at_node(cursor, "chained-comparison", found[0])


@recognizer("slice")
def _slice(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On a ``:`` of a slice, or the brackets of a subscript that slices (``seq[:]``)."""
    node = cursor.path[-1] if cursor.path else None
    if isinstance(node, ast.Slice) and cursor.op(":"):
        subscript = cursor.parent_of(node)
        return at_node(cursor, "slice", subscript if subscript else node)
    slicing = isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)
    if slicing and cursor.op("[", "]", ":"):
        return at_node(cursor, "slice", node)  # type: ignore[arg-type]
    return None


@recognizer("augmented-assign")
def _augmented(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the operator of an augmented assignment (``+=``, ``|=``, ...)."""
    node = cursor.path[-1] if cursor.path else None
    if isinstance(node, ast.AugAssign) and cursor.op(*_AUGMENTED):
        return at_token(cursor, "augmented-assign", node)
    return None


_AUGMENTED = ("+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "&=", "|=", "^=", ">>=", "<<=")


def _is_string_formatting(node: ast.BinOp) -> bool:
    left = node.left
    return (
        isinstance(left, ast.JoinedStr)
        or (isinstance(left, ast.Constant) and isinstance(left.value, str | bytes))
        or isinstance(node.right, ast.Tuple | ast.Dict)
    )


@recognizer("floor-div-mod")
def _floor_div_mod(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On ``//`` or ``%`` (not ``%``-formatting of a string), or on ``divmod`` in a call."""
    node = cursor.path[-1] if cursor.path else None
    if isinstance(node, ast.BinOp) and cursor.op("//", "%"):
        modulo = isinstance(node.op, ast.Mod) and not _is_string_formatting(node)
        if isinstance(node.op, ast.FloorDiv) or modulo:
            return at_token(cursor, "floor-div-mod", node)
    if isinstance(node, ast.AugAssign) and cursor.op("//=", "%="):
        return at_token(cursor, "floor-div-mod", node)
    called = node is not None and isinstance(cursor.parent_of(node), ast.Call)
    if isinstance(node, ast.Name) and called and qualify(node, imports) == "builtins.divmod":
        return at_node(cursor, "floor-div-mod", node)
    return None


def _is_default_value(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant | ast.List | ast.Dict | ast.Set | ast.Tuple | ast.Call):
        return True
    return isinstance(node, ast.Name) and node.id in ("None",)


@recognizer("bool-op-default")
def _bool_op_default(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the ``or`` of ``x = x or default`` (an ``or`` whose last operand is a literal)."""
    node = cursor.path[-1] if cursor.path else None
    if not (isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and cursor.word("or")):
        return None
    if not _is_default_value(node.values[-1]):
        return None
    parent = cursor.parent_of(node)
    if isinstance(parent, ast.Assign | ast.AnnAssign | ast.Return | ast.keyword | ast.AugAssign):
        return at_node(cursor, "bool-op-default", node)
    return None


@recognizer("f-string")
def _f_string(cursor: Cursor, imports: ImportMap) -> Found | None:
    """On the literal text, quotes or prefix of an f-string (not inside ``{...}``)."""
    node = cursor.path[-1] if cursor.path else None
    joined = None
    if isinstance(node, ast.JoinedStr):
        joined = node
    elif isinstance(node, ast.Constant | ast.FormattedValue):
        parent = cursor.parent_of(node)  # (before 3.12 a FormattedValue spans the f-string)
        joined = parent if isinstance(parent, ast.JoinedStr) else None
    if joined is None:
        return None
    return at_node(cursor, "f-string", joined)
