"""How a function uses a parameter: can its shared mutable default change or escape?

A mutable default is one object for every call.  That is harmless while the function
only reads it (iterates it, looks keys up, copies it, passes it to ``len``/``sorted``/
``dict``/``", ".join``...).  It becomes visible once the object is changed in place
(``items.append``, ``d[k] = v``, ``items += ...``), here, in a function this one
passes it to, or through the attribute it is kept in (``self.ids = ids`` and, in the
class, ``self.ids.append(...)``): :attr:`Use.mutation`.  A function that returns,
yields or stores it, or passes it to a callable pygloss cannot follow, lets it escape,
but whether anything then changes it is not in the code.  :func:`risky_use` finds
the use to report; None means every use reads.

The analysis is syntactic and deliberately conservative: any use it does not
recognise as a read counts as risky.  A call to a function or method defined in the
same file (``helper(items)``, ``self._options(cnf)``, ``Base.__init__(self, cnf)``,
``super().__init__(cnf)``) is followed into that function's matching parameter, a
few calls deep; a call pygloss cannot follow counts as passing the object on.
Names bound to the parameter (``y = items``, ``y = items or []``) are followed; a
top-level ``items = <new value>`` that does not keep the old object ends the
parameter's life (``items = list(items)``).
"""

from __future__ import annotations

import ast

from pygloss.rules._call_targets import argument_parameter, call_target
from pygloss.rules._default_use import Use, best, callee
from pygloss.rules._walk import descendants
from pygloss.rules.base import RuleContext

Function = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda

# methods of list/dict/set/deque/Counter that do not change the object
_READ_METHODS = frozenset(
    {
        *("get", "keys", "values", "items", "copy", "count", "index"),
        *("issubset", "issuperset", "isdisjoint", "union", "intersection"),
        *("difference", "symmetric_difference", "most_common", "elements", "total"),
        *("__contains__", "__len__", "__getitem__", "__iter__", "__eq__", "__ne__"),
    }
)
# callables (by their last name) that read or copy an argument and keep no reference
_READERS = frozenset(
    {
        *("len", "bool", "str", "repr", "int", "float", "list", "tuple", "set", "frozenset"),
        *("dict", "sorted", "reversed", "iter", "enumerate", "zip", "map", "filter", "any"),
        *("all", "min", "max", "sum", "isinstance", "issubclass", "hash", "id", "type"),
        *("print", "format", "hasattr", "callable", "copy", "deepcopy", "dumps", "dump"),
        *("join", "update", "extend", "fromkeys", "bisect", "bisect_left", "bisect_right"),
        *("debug", "info", "warning", "warn", "error", "exception", "critical", "log"),
    }
)


_DEPTH = 3  # calls followed into functions of the same file


Chain = tuple[tuple[int, str], ...]  # the (function, parameter) pairs being followed


def _passed(ctx: RuleContext, call: ast.Call, value: ast.AST, chain: Chain) -> Use | str | None:
    """What passing *value* to *call* risks: followed into a function of this file,
    None when it only reads the matching parameter; when it only returns it, the
    fate of the call's value here."""
    name = callee(call) or "a callable"
    target = call_target(ctx, call) if len(chain) <= _DEPTH else None
    if target is None:
        return Use("passes", call, name)
    function, skip = target
    parameter = argument_parameter(function, skip, call, value)
    if parameter is None:
        return Use("passes", call, name)
    if (id(function), parameter) in chain:
        return None  # recursion: the function's own uses are being checked already
    inner = uses(ctx, function, parameter, chain)
    kept = [u for u in inner if not (u.kind == "returns" and u.whole)]
    if kept:
        return Use("passes", call, name, best(kept, ctx))
    return _fate(ctx, call, chain) if inner else None  # `cnf = merge(cnf)`


def _fate(ctx: RuleContext, node: ast.expr, chain: Chain) -> Use | str | None:
    """What happens to the value of *node*: None (read), a name it is bound to, or a Use."""
    current: ast.AST = node
    parent = ctx.parent(current)
    contained = ""  # held by a new tuple/list/set: the container's fate is the value's
    # the value passes through `a or b`, `a if c else b`, `(a, b)`...
    while True:
        if isinstance(parent, ast.Tuple | ast.List | ast.Set):
            if not isinstance(getattr(parent, "ctx", ast.Load()), ast.Load):
                break
            contained = contained or type(parent).__name__.lower()
        elif not (
            isinstance(parent, ast.BoolOp)
            or (isinstance(parent, ast.IfExp) and current is not parent.test)
        ):
            break
        current, parent = parent, ctx.parent(parent)
    if isinstance(parent, ast.Starred):
        return None  # unpacked: `f(*items)`, `[*items]` copy the elements
    if isinstance(parent, ast.Attribute):
        grand = ctx.parent(parent)
        if isinstance(parent.ctx, ast.Store | ast.Del):
            return Use("mutates", parent)
        if isinstance(grand, ast.Call) and grand.func is parent:
            return None if parent.attr in _READ_METHODS else Use("mutates", grand)
        return None
    if isinstance(parent, ast.Subscript):
        if current is parent.slice:
            return None
        if isinstance(parent.ctx, ast.Store | ast.Del):
            return Use("mutates", parent)
        grand = ctx.parent(parent)
        return Use("mutates", grand) if isinstance(grand, ast.AugAssign) else None
    if isinstance(parent, ast.Call | ast.keyword):
        call = ctx.parent(parent) if isinstance(parent, ast.keyword) else parent
        if isinstance(parent, ast.keyword) and parent.arg is None:
            return None  # `f(**options)` copies the mapping
        if not isinstance(call, ast.Call) or call.func is current:
            return None
        name = callee(call)
        if name in _READERS or name.startswith("assert"):
            return None
        if name == "exec":
            return Use("mutates", call)  # the namespaces it is given
        if contained:
            return Use("passes", call, name or "a callable")
        return _passed(ctx, call, current if isinstance(parent, ast.Call) else parent.value, chain)
    if isinstance(parent, ast.Dict):
        is_unpacked = any(
            k is None and v is current for k, v in zip(parent.keys, parent.values, strict=True)
        )
        return None if is_unpacked else Use("stores", parent, said="puts it in a dict")
    if isinstance(parent, ast.Return | ast.Yield | ast.Lambda):
        verb = "yields it" if isinstance(parent, ast.Yield) else "returns it"
        said = f"{verb} inside a {contained}" if contained else verb
        return Use("returns", parent, whole=not contained, said=said)
    if isinstance(parent, ast.Assign | ast.AnnAssign | ast.NamedExpr):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        for target in targets:
            if not isinstance(target, ast.Name | ast.Tuple):
                return _stored(ctx, parent, target, chain)
        if contained and any(isinstance(t, ast.Tuple) for t in targets):
            return Use("stores", parent)  # `a, b = items, 1` binds the object itself
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        # `a, b = items` unpacks: a read; `pair = (items, 1)` is followed as `pair`
        return names[0] if names else None
    if isinstance(parent, ast.AugAssign):
        return Use("mutates", parent) if current is parent.target else None
    reads = (
        ast.Compare,
        ast.BinOp,
        ast.UnaryOp,
        ast.If,
        ast.While,
        ast.Assert,
        ast.IfExp,
        ast.For,
        ast.AsyncFor,
        ast.comprehension,
        ast.FormattedValue,
        ast.YieldFrom,
        ast.Expr,
        ast.Delete,
        ast.withitem,  # `with items:`, which a list, dict or set cannot be
        ast.match_case,  # a guard, `case _ if items:`
    )
    if parent is None or isinstance(parent, reads):
        return None
    if isinstance(parent, ast.arguments):  # `def inner(x=items)`: inner keeps it
        inner = ctx.parent(parent)
        name = "a lambda"
        if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"`{inner.name}`"
        return Use("stores", current, said=f"makes it the default of {name}")
    # any other node without a place of its own: reported where the value is
    return Use("stores", parent if hasattr(parent, "lineno") else current)


def _stored(ctx: RuleContext, statement: ast.AST, target: ast.expr, chain: Chain) -> Use:
    """``self.name = value`` (and other stores): with the place where the class, or a
    subclass in this file, changes ``self.name`` in place, when there is one."""
    if isinstance(target, ast.Subscript):
        return Use("stores", statement, said=f"puts it in `{ast.unparse(target.value)}[...]`")
    if not isinstance(target, ast.Attribute):
        return Use("stores", statement)
    said = f"keeps it as `{ast.unparse(target)}`"
    function = ctx.enclosing_function(statement)
    klass = ctx.parent(function) if function is not None else None
    if not (
        isinstance(klass, ast.ClassDef)
        and isinstance(target.value, ast.Name)
        and _first_parameter(function) == target.value.id
    ):
        return Use("stores", statement, said=said)
    # changes that only take items out are left aside: they cannot change an empty
    # default, and which default the attribute holds is not known here
    changes = [u for u in _attribute_changes(ctx, klass, target.attr, chain) if not u.removal]
    return Use("stores", statement, then=changes[0] if changes else None, said=said)


def _first_parameter(function: Function | None) -> str | None:
    if function is None or isinstance(function, ast.Lambda):
        return None
    positional = [*function.args.posonlyargs, *function.args.args]
    return positional[0].arg if positional else None


def _attribute_changes(ctx: RuleContext, klass: ast.ClassDef, attr: str, chain: Chain) -> list[Use]:
    """In-place changes of ``self.<attr>`` in the methods of *klass* and of the classes
    of this file that derive from it."""
    family = [klass]
    for other in ctx.module_classes.values():
        if other not in family and any(
            isinstance(b, ast.Name) and ctx.module_classes.get(b.id) in family for b in other.bases
        ):
            family.append(other)
    found: list[Use] = []
    for owner in family:
        for method in owner.body:
            if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            me = _first_parameter(method)
            for node in descendants(method):
                if not (
                    isinstance(node, ast.Attribute)
                    and node.attr == attr
                    and isinstance(node.value, ast.Name)
                    and node.value.id == me
                ):
                    continue
                grand = ctx.parent(node)
                if isinstance(grand, ast.AugAssign) and grand.target is node:
                    found.append(Use("mutates", grand))
                elif isinstance(node.ctx, ast.Load):
                    fate = _fate(ctx, node, chain)
                    if isinstance(fate, Use) and fate.kind == "mutates":
                        found.append(fate)
    return sorted(found, key=lambda use: ctx.span(use.node)[0])


def _rebinds(statement: ast.stmt, name: str) -> bool:
    targets = (
        statement.targets
        if isinstance(statement, ast.Assign)
        else [statement.target]
        if isinstance(statement, ast.AnnAssign) and statement.value is not None
        else []
    )
    return any(isinstance(t, ast.Name) and t.id == name for t in targets)


def _walk_uses(
    ctx: RuleContext, nodes: list[ast.AST], live: set[str], chain: Chain, found: list[Use]
) -> set[str]:
    """Record the risky uses of the *live* names in *nodes*; the names bound to them."""
    aliases: set[str] = set()
    for top in nodes:
        for node in descendants(top):
            target = node.target if isinstance(node, ast.AugAssign) else None
            if isinstance(target, ast.Name) and target.id in live:
                found.append(Use("mutates", node))  # `items += [...]` works in place
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in live:
                fate = _fate(ctx, node, chain)
                if isinstance(fate, Use):
                    found.append(fate)
                elif isinstance(fate, str):
                    aliases.add(fate)
    return aliases


def _blocks(statement: ast.stmt) -> tuple[list[ast.AST], list[list[ast.stmt]]] | None:
    """A compound statement's header expressions and its blocks (None: not compound)."""
    if isinstance(statement, ast.If | ast.While):
        return [statement.test], [statement.body, statement.orelse]
    if isinstance(statement, ast.For | ast.AsyncFor):
        return [statement.iter], [statement.body, statement.orelse]
    if isinstance(statement, ast.With | ast.AsyncWith):
        return [item.context_expr for item in statement.items], [statement.body]
    if isinstance(statement, ast.Try | ast.TryStar):
        handlers = [handler.body for handler in statement.handlers]
        return [], [statement.body, *handlers, statement.orelse, statement.finalbody]
    if isinstance(statement, ast.Match):
        return [statement.subject], [case.body for case in statement.cases]
    return None


def _scan(
    ctx: RuleContext, statements: list[ast.stmt], live: set[str], chain: Chain, found: list[Use]
) -> set[str]:
    """Scan a block in order: ``items = list(items)`` ends the old object's life for
    the rest of that block (not after it: another branch may have kept it).  Returns
    the names bound to the object in the block."""
    bound: set[str] = set()
    for statement in statements:
        if not live:
            break
        compound = _blocks(statement)
        if compound is not None:
            headers, blocks = compound
            aliases = _walk_uses(ctx, headers, live, chain, found)
            for block in blocks:
                aliases |= _scan(ctx, block, set(live), chain, found)
        else:
            aliases = _walk_uses(ctx, [statement], live, chain, found)
            for old in list(live):
                if _rebinds(statement, old) and old not in aliases:
                    live.discard(old)  # `items = list(items)`: a new object from here on
        live |= aliases
        bound |= aliases
    return bound


def uses(ctx: RuleContext, function: Function, name: str, chain: Chain = ()) -> list[Use]:
    """Every use of parameter *name* in *function* through which its default object
    may change or escape the call (empty when every use only reads it)."""
    chain = (*chain, (id(function), name))
    found: list[Use] = []
    if isinstance(function, ast.Lambda):
        _walk_uses(ctx, [function.body], {name}, chain, found)
    else:
        _scan(ctx, function.body, {name}, chain, found)
    return found


def risky_use(ctx: RuleContext, function: Function, name: str, empty: bool = False) -> Use | None:
    """The use of parameter *name* to report: the first that changes or keeps its
    default object, else the first pass to a callable pygloss cannot follow; None when
    every use only reads it.  With *empty* (the default is ``[]``, ``{}``, ``set()``...)
    uses that can only take items out do not count."""
    found = uses(ctx, function, name)
    return best([u for u in found if not u.removal] if empty else found, ctx)
