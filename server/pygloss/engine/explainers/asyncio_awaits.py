"""Context for ``await`` and ``async def`` calls: sequential awaits, un-awaited calls.

* An ``await`` in a loop body runs once per iteration, each finishing before the next
  starts; consecutive ``await`` statements also run one after another.  When a later
  one uses an earlier one's result, sequential is required, and the hover says so.
  Otherwise ``asyncio.gather(...)`` or an ``asyncio.TaskGroup`` could run them
  concurrently, but only if their effects are independent too, which the syntax
  cannot tell: the hover says that condition, and warns when the awaits all act
  through one object (two ``send``s on one connection usually must stay in order).
* Calling an ``async def`` returns a coroutine object and runs nothing; the body runs
  when it is awaited or scheduled (``asyncio.create_task``, ``gather``, ``run``).
"""

from __future__ import annotations

import ast

from pygloss.engine.explainers import ExplainEnv, explainer

_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _awaited_statement(stmt: ast.stmt) -> ast.Await | None:
    value = getattr(stmt, "value", None)
    if isinstance(stmt, ast.Expr | ast.Assign | ast.AnnAssign | ast.Return) and isinstance(
        value, ast.Await
    ):
        return value
    return None


def _bound(stmt: ast.stmt) -> set[str]:
    targets: list[ast.expr] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, ast.AnnAssign):
        targets = [stmt.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _call_name(node: ast.Await) -> str:
    value = node.value
    if isinstance(value, ast.Call):
        return ast.unparse(value.func)
    return ast.unparse(value)


def _siblings(path: tuple[ast.AST, ...], stmt: ast.stmt) -> list[ast.stmt] | None:
    for node in reversed(path):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and any(s is stmt for s in block):
                return block
    return None


@explainer(kinds=("await",))
def sequential_awaits(env: ExplainEnv) -> str | None:
    target = env.target_of("await")
    if target is None or not isinstance(target.node, ast.Await):
        return None
    awaited = target.node
    path = target.path
    loop = None
    for node in reversed(path):
        if isinstance(node, _SCOPES):
            break
        if isinstance(node, _LOOPS) and any(p is awaited for p in ast.walk(node)):
            in_body = any(any(p is s for s in node.body) for p in path)
            if in_body:
                loop = node
                break
    name = _call_name(awaited)
    if loop is not None:
        kind = "while" if isinstance(loop, ast.While) else "for"
        return (
            f"This `await {name}(...)` is in a `{kind}` loop: each iteration waits for it to "
            "finish before the next starts, so the calls run one after another. If they are "
            "independent, start them together: `await asyncio.gather(*(...))` or "
            "`async with asyncio.TaskGroup() as tg:` + `tg.create_task(...)`."
        )
    stmt = next((n for n in reversed(path) if isinstance(n, ast.stmt)), None)
    block = _siblings(path, stmt) if stmt is not None else None
    if stmt is None or block is None or _awaited_statement(stmt) is None:
        return None
    index = next(i for i, s in enumerate(block) if s is stmt)
    start = index
    while start > 0 and _awaited_statement(block[start - 1]) is not None:
        start -= 1
    stop = index + 1
    while stop < len(block) and _awaited_statement(block[stop]) is not None:
        stop += 1
    run = block[start:stop]
    if len(run) < 2:
        return None
    bound: set[str] = set()
    dependent = []
    for statement in run:
        awaited_here = _awaited_statement(statement)
        if awaited_here is not None and _used(awaited_here) & bound:
            dependent.append(_call_name(awaited_here))
        bound |= _bound(statement)
    awaits = [a for s in run if (a := _awaited_statement(s))]
    names = ", ".join(f"`{_call_name(a)}`" for a in awaits)
    text = f"These {len(run)} awaits run one after another: {names}."
    if dependent:
        return text + f" `{dependent[0]}` uses an earlier result, so that order is needed."
    func = next((n for n in reversed(path) if isinstance(n, _SCOPES)), None)
    params = _params(func) if isinstance(func, ast.AsyncFunctionDef) else set()
    receivers = [_receiver(a, params) for a in awaits]
    shared = next((r for r in receivers if r is not None and receivers.count(r) > 1), None)
    if shared is not None:
        count = receivers.count(shared)
        who = "they all act" if count == len(awaits) else f"{count} of them act"
        return text + (
            f" None uses another's result, but {who} through `{shared}`, and calls on "
            "one object (a connection, a stream, a session) often have to keep their "
            "order: run them concurrently (`asyncio.gather(...)`, a `TaskGroup`) only if "
            "their effects are independent."
        )
    return text + (
        " None uses another's result; if their effects do not depend on each other "
        "either (no write another one reads, no order a protocol requires), "
        "`asyncio.gather(...)` or a `TaskGroup` would run them concurrently."
    )


def _params(func: ast.AsyncFunctionDef) -> set[str]:
    args = func.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return {a.arg for a in every if a is not None}


def _receiver(node: ast.Await, params: set[str]) -> str | None:
    """What an awaited call acts through: the object of a method call (``conn`` in
    ``conn.send(...)``), or a callable the function was handed (ASGI's ``send``)."""
    value = node.value
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    if isinstance(func, ast.Attribute):
        return ast.unparse(func.value)
    return func.id if isinstance(func, ast.Name) and func.id in params else None


@explainer(kinds=("async-def",))
def unawaited_call(env: ExplainEnv) -> str | None:
    target = env.target_of("async-def")
    if target is None or not isinstance(target.node, ast.Call):
        return None
    name = ast.unparse(target.node.func)
    return (
        f"⚠ `{name}(...)` is an `async def`: calling it only creates a coroutine object; "
        f"its body does not run until it is awaited (`await {name}(...)`) or scheduled "
        "(`asyncio.create_task`, `gather`). Python warns "
        "`RuntimeWarning: coroutine ... was never awaited`."
    )
