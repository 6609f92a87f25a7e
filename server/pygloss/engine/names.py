"""Fully qualified names for the code under the cursor: syntax first, jedi second.

This is the only module that imports jedi.  Resolution order:

1. **Syntax** (:func:`resolve_syntax`, no jedi): a ``Name``/``Attribute`` chain is
   qualified through the file's imports (module level and the enclosing function's),
   and a local head is typed from its binding in the enclosing scopes — a parameter
   or variable annotation (``session: Session``, ``Annotated[Session, ...]``), an
   assignment from a call (``app = FastAPI()``), ``with X(...) as x`` — so
   ``session.commit`` becomes ``sqlalchemy.orm.Session.commit``.  A small table says
   what calling a known factory's instance gives (``sessionmaker(...)()`` -> Session).
2. **jedi** (:class:`JediResolver`), only when the syntax has no answer: ``Script``
   (never ``Interpreter``: pygloss never runs or imports the user's code) in one
   worker thread, with a time budget; on time-out, or while the worker is busy, the
   caller gets None and answers with what the syntax found.  jedi is not thread-safe,
   so every jedi call (including the start-up warm-up) runs in that one thread.
"""

from __future__ import annotations

import ast
import logging
import queue
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from pygloss.syntax.names import ImportMap, dotted_name

log = logging.getLogger("pygloss.names")

# Calling an *instance* of the key gives an instance of the value.
FACTORY_RESULTS = {
    "sqlalchemy.orm.sessionmaker": "sqlalchemy.orm.Session",
    "sqlalchemy.ext.asyncio.async_sessionmaker": "sqlalchemy.ext.asyncio.AsyncSession",
}
# What calling a known function returns.
CALL_RESULTS = {
    "logging.getLogger": "logging.Logger",
    "sqlalchemy.create_engine": "sqlalchemy.Engine",
    "sqlalchemy.orm.Session": "sqlalchemy.orm.Session",
}
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_MAX_DEPTH = 4


@dataclass(frozen=True)
class Resolved:
    """A qualified name and how it was found (``import``, ``binding`` or ``jedi``)."""

    name: str
    how: str
    instance: bool = False  # the head is an instance of a class (``session.commit``)


def candidates(name: str, module: str | None = None) -> list[str]:
    """Spellings to look up in the knowledge base for *name*, most exact first.

    Topics name objects as users import them (``asyncio.gather``), while jedi reports
    where they are defined (``asyncio.tasks.gather``): when the defining *module* is
    known, the object path is tried under each shorter prefix of that module.
    """
    found = [name]
    if module and name.startswith(module + ".") and "." in module:
        rest = name[len(module) + 1 :]
        parts = module.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            found.append(".".join(parts[:cut]) + "." + rest)
    return list(dict.fromkeys(found))


def _annotation_type(node: ast.expr | None, imports: ImportMap) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return None
    if isinstance(node, ast.Subscript):
        outer = _qualify(node.value, imports)
        if outer in ("typing.Annotated", "typing_extensions.Annotated", "typing.Optional"):
            inner = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
            return _annotation_type(inner, imports)
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        left = _annotation_type(node.left, imports)
        return left or _annotation_type(node.right, imports)
    return _qualify(node, imports)


def _qualify(node: ast.AST, imports: ImportMap) -> str | None:
    dotted = dotted_name(node)
    return imports.resolve(dotted) if dotted else None


class _Scope:
    """Bindings of one name visible at a line: the enclosing defs, then the module."""

    def __init__(self, statements: Sequence[ast.stmt], path: Sequence[ast.AST], line: int) -> None:
        self.statements = statements
        self.path = path
        self.line = line

    def bodies(self) -> list[tuple[ast.AST | None, list[ast.stmt]]]:
        scopes: list[tuple[ast.AST | None, list[ast.stmt]]] = []
        for node in reversed(self.path):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                scopes.append((node, list(node.body)))
        scopes.append((None, list(self.statements)))
        return scopes


def _walk_scope(statements: Iterable[ast.stmt]) -> Iterable[ast.AST]:
    """Nodes of a scope's statements, not descending into nested defs or classes."""
    stack: list[ast.AST] = []
    stack.extend(reversed(list(statements)))
    while stack:
        node = stack.pop()
        yield node
        for child in reversed(list(ast.iter_child_nodes(node))):
            if not isinstance(child, _SCOPES):
                stack.append(child)


def _binding_type(
    head: str, scope: _Scope, imports: ImportMap, depth: int
) -> tuple[str, bool] | None:
    """``(qualified type, is_instance)`` of the local *head*, or None."""
    if depth > _MAX_DEPTH:
        return None
    for owner, body in scope.bodies():
        if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
            args = owner.args
            for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                if arg.arg == head:
                    found = _annotation_type(arg.annotation, imports)
                    return (found, True) if found else None
        best: tuple[int, str, bool] | None = None
        for node in _walk_scope(body):
            result = _bound_here(node, head, scope, imports, depth)
            line = getattr(node, "lineno", 0)
            if result is not None and line <= scope.line and (best is None or line >= best[0]):
                best = (line, *result)
        if best is not None:
            return best[1], best[2]
    return None


def _bound_here(
    node: ast.AST, head: str, scope: _Scope, imports: ImportMap, depth: int
) -> tuple[str, bool] | None:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        if node.target.id == head:
            found = _annotation_type(node.annotation, imports)
            return (found, True) if found else None
        return None
    if isinstance(node, ast.Assign):
        if any(isinstance(t, ast.Name) and t.id == head for t in node.targets):
            return _value_type(node.value, scope, imports, depth)
        return None
    if isinstance(node, ast.With | ast.AsyncWith):
        for item in node.items:
            var = item.optional_vars
            if isinstance(var, ast.Name) and var.id == head:
                return _value_type(item.context_expr, scope, imports, depth)
    return None


def _value_type(
    value: ast.expr, scope: _Scope, imports: ImportMap, depth: int
) -> tuple[str, bool] | None:
    if isinstance(value, ast.Await):
        value = value.value
    if not isinstance(value, ast.Call):
        return None
    func = value.func
    qualified = _qualify(func, imports)
    if qualified in CALL_RESULTS:
        return CALL_RESULTS[qualified], True
    if qualified in FACTORY_RESULTS:
        return qualified, True
    if qualified is not None:
        # a call of a class gives an instance; of anything else, unknown (PEP 8 names)
        return (qualified, True) if qualified.rsplit(".", 1)[-1][:1].isupper() else None
    if isinstance(func, ast.Name):  # calling a local: an instance of a known factory?
        inner = _binding_type(func.id, scope, imports, depth + 1)
        if inner is not None and inner[1] and inner[0] in FACTORY_RESULTS:
            return FACTORY_RESULTS[inner[0]], True
    return None


def resolve_syntax(
    node: ast.AST,
    statements: Sequence[ast.stmt],
    path: Sequence[ast.AST],
    imports: ImportMap,
    line: int,
) -> Resolved | None:
    """Qualify a Name/Attribute chain from imports and local bindings (1-based *line*)."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    for owner in path:
        if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
            imports = imports.scoped(owner.body)
    head, _, rest = dotted.partition(".")
    scope = _Scope(statements, path, line)
    local = _binding_type(head, scope, imports, 0)
    if local is not None:
        if not rest:
            return None  # a local variable itself: Pylance already shows its type
        return Resolved(f"{local[0]}.{rest}", "binding", instance=local[1])
    if _is_shadowed(head, scope):
        return None
    qualified = imports.resolve(dotted)
    return Resolved(qualified, "import") if qualified else None


def _is_shadowed(head: str, scope: _Scope) -> bool:
    """True when *head* is defined in this file (a def, class or plain assignment)."""
    if head in ("self", "cls"):
        return True
    for owner, body in scope.bodies():
        if isinstance(owner, ast.FunctionDef | ast.AsyncFunctionDef):
            args = owner.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            if any(a is not None and a.arg == head for a in params):
                return True
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if node.name == head:
                    return True
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == head for t in node.targets
            ):
                return True
    return False


# -- jedi -------------------------------------------------------------------------------


@dataclass(frozen=True)
class JediName:
    full_name: str
    module_name: str
    type: str


class JediResolver:
    """jedi ``Script`` lookups in one daemon worker thread, each with a time budget.

    A daemon thread (not a ``ThreadPoolExecutor``, whose workers are joined at exit)
    so a long warm-up never delays the server's shutdown.
    """

    def __init__(self, budget: float = 0.5) -> None:
        self.budget = budget
        self._queue: queue.SimpleQueue[tuple[Any, tuple[Any, ...], Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._lock = threading.Lock()
        self._running: Future[Any] | None = None
        self._thread: threading.Thread | None = None
        self.timeouts = 0

    def _work(self) -> None:
        while True:
            func, args, future = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(func(*args))
            except BaseException as exc:  # reported to the waiting caller
                future.set_exception(exc)

    def _submit(self, func: Any, *args: Any) -> Future[Any] | None:
        with self._lock:
            if self._running is not None and not self._running.done():
                return None  # busy (warm-up or a slow lookup): do not queue behind it
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="pygloss-jedi", daemon=True)
                self._thread.start()
            future: Future[Any] = Future()
            self._running = future
            self._queue.put((func, args, future))
            return future

    def _wait(self, future: Future[Any] | None) -> Any:
        if future is None:
            return None
        try:
            return future.result(timeout=self.budget)
        except FutureTimeout:
            self.timeouts += 1
            return None
        except Exception:
            log.exception("jedi lookup failed")
            return None

    def goto(self, text: str, path: str | None, line: int, column: int) -> list[JediName] | None:
        """Names at a 1-based *line* and 0-based code-point *column*; None on time-out."""
        return self._wait(self._submit(_jedi_goto, text, path, line, column))  # type: ignore[no-any-return]

    def mro(self, text: str, path: str | None, line: int, column: int) -> list[JediName] | None:
        """The MRO of the class named at the position, as ``(name, module)`` entries."""
        return self._wait(self._submit(_jedi_mro, text, path, line, column))  # type: ignore[no-any-return]

    def warm_up(self, names: Iterable[str]) -> Future[Any] | None:
        """Load the modules behind *names* into jedi's caches (in the background)."""
        return self._submit(_jedi_warm_up, sorted(set(names)))


def _script(text: str, path: str | None) -> Any:
    import jedi

    return jedi.Script(text, path=path, environment=jedi.InterpreterEnvironment())


def _jedi_goto(text: str, path: str | None, line: int, column: int) -> list[JediName]:
    script = _script(text, path)
    names = script.goto(line, column, follow_imports=True) or script.infer(line, column)
    return [
        JediName(n.full_name, n.module_name or "", n.type) for n in names if n.full_name is not None
    ]


def _jedi_mro(text: str, path: str | None, line: int, column: int) -> list[JediName]:
    script = _script(text, path)
    for name in script.infer(line, column):
        for value in name._name.infer():  # jedi internals: the inferred ClassValue
            if not hasattr(value, "py__mro__"):
                continue
            entries = []
            for klass in value.py__mro__():
                module = klass.get_root_context().py__name__() or ""
                entries.append(JediName(f"{module}.{klass.py__name__()}", module, "class"))
            return entries
    return []


def _jedi_warm_up(names: list[str]) -> None:
    by_package: dict[str, list[str]] = {}
    for name in names:
        by_package.setdefault(name.split(".")[0], []).append(name)
    for package, members in by_package.items():
        modules = {".".join(n.split(".")[:i]) for n in members for i in range(1, n.count(".") + 1)}
        lines = [f"import {m}" for m in sorted(modules)] + members
        text = "\n".join(lines) + "\n"
        try:
            script = _script(text, None)
            for index, member in enumerate(members, start=len(modules) + 1):
                script.goto(index, len(member))
        except Exception:
            log.debug("jedi warm-up of %s failed", package, exc_info=True)
