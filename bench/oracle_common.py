"""What the oracle's checks share: asking the hover (claims stage) and reaching the
objects the claims are about (judge stage).  See ``bench/oracle.py``."""

from __future__ import annotations

import ast
import contextlib
import importlib
import io
import logging
import re
import sys
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

CODE = re.compile(r"`([^`]+)`")
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


# -- claims stage: only pygloss is imported ----------------------------------------
@lru_cache(maxsize=1)
def knowledge() -> Any:
    from pygloss.engine.api import load_knowledge

    return load_knowledge()


class _Failures(logging.Handler):
    """Errors pygloss logs while answering (a failing explainer is logged, not raised)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


FAILURES = _Failures()
logging.getLogger("pygloss").addHandler(FAILURES)


def hover(source: Any, offset: int) -> tuple[str, ...] | None:
    """The computed context blocks of the hover at *offset* (None: no hover); an
    error pygloss logged while answering stops the oracle."""
    from pygloss.engine.explain import explain

    explanation = explain(source, offset, knowledge())
    if FAILURES.records:
        record = FAILURES.records[0]
        raise RuntimeError(f"pygloss logged an error at {source.path}:{offset}: "
                           f"{record.getMessage()}\n{record.exc_text or ''}")  # fmt: skip
    return None if explanation is None else explanation.context


def read_source(path: str) -> Any:
    from pygloss.syntax.source import Source

    return Source(Path(path).read_text(encoding="utf-8"), path)


def reachable_classes(
    statements: list[ast.stmt], prefix: str = ""
) -> Iterator[tuple[str, ast.ClassDef, tuple[ast.AST, ...]]]:
    """``(qualname, node, ancestors)`` for each class the module's namespace can reach:
    at top level (also in if/try blocks) and nested in such classes."""
    for statement in statements:
        if isinstance(statement, ast.ClassDef):
            qualname = f"{prefix}{statement.name}"
            yield qualname, statement, ()
            for inner, node, path in reachable_classes(statement.body, qualname + "."):
                yield inner, node, (statement, *path)
        elif isinstance(statement, ast.If | ast.Try | ast.With):
            children = [*statement.body, *getattr(statement, "orelse", [])]
            for handler in getattr(statement, "handlers", []):
                children += handler.body
            children += getattr(statement, "finalbody", [])
            yield from reachable_classes(children, prefix)


def is_final(source: Any, module: str, qualname: str, node: ast.AST) -> bool:
    """True when the module's final binding of the class's top-level name is this
    statement (not rebound, not defined twice in branches)."""
    from pygloss.engine.explainers.classes import Classes

    top = qualname.split(".")[0]
    classes = Classes(source)
    found = classes.modules.lookup_in(classes.index, top)
    if found.kind != "class":
        return False
    if "." not in qualname:
        return found.node is node
    for part in qualname.split(".")[1:]:
        found = classes.modules.attribute(found, part)
    return found.node is node


# -- judge stage: the modules are imported -----------------------------------------
_IMPORTED: dict[str, Any] = {}
_TAINTED: set[str] = set()  # modules left behind by an import that failed


def import_module(name: str) -> Any:
    """The module *name*, imported quietly (None when it does not import here, or was
    only half imported by an import that failed)."""
    if name in _IMPORTED:
        return _IMPORTED[name]
    module = None
    before = set(sys.modules)
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        try:
            module = importlib.import_module(name)
        except BaseException:
            _TAINTED.update(set(sys.modules) - before)
    if name in _TAINTED:
        module = None
    _IMPORTED[name] = module
    return module


def get_path(owner: Any, dotted: str) -> Any:
    value = owner
    for part in dotted.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def resolve_display(name: str, module: Any) -> Any:
    """The object a class name shown in a hover means: a builtin, a module-qualified
    ``package.module.Qual.Name``, or a class of the hovered module (``Outer.Inner``)."""
    import builtins

    if "." not in name:
        local = getattr(module, name, None) if module is not None else None
        builtin = getattr(builtins, name, None)
        return local if isinstance(local, type) and builtin is None else builtin
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        if sys.modules.get(".".join(parts[:cut])) is None and not _is_module(parts[:cut]):
            continue
        found = import_module(".".join(parts[:cut]))
        if found is not None:
            value = get_path(found, ".".join(parts[cut:]))
            if value is not None:
                return value
    local = get_path(module, name) if module is not None else None
    return local if isinstance(local, type) else None


def means(name: str, klass: type, module: Any) -> bool:
    """*name*, as the hover shows it, can mean *klass*: a dotted name is module-qualified
    (or, failing that, a nested class of the hovered module); a bare one is a class of
    the hovered module or a builtin (``class slice(AST)`` in ``ast`` shares a builtin's
    name)."""
    import builtins

    if "." in name:
        return resolve_display(name, module) is klass
    local = getattr(module, name, None) if module is not None else None
    return klass is local or klass is getattr(builtins, name, None)


def _is_module(parts: list[str]) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(".".join(parts)) is not None
    except (ImportError, ValueError, AttributeError):
        return False


def reach_class(claim: dict[str, Any]) -> type | None:
    """The class a claim is about, when the module imports and holds it."""
    if claim.get("ambiguous"):
        return None
    module = import_module(str(claim["module"]))
    if module is None or not same_file(module, claim.get("path")):
        return None
    value = get_path(module, str(claim["qualname"]))
    if not isinstance(value, type) or value.__qualname__ != claim["qualname"]:
        return None
    return value


def same_file(module: Any, path: object) -> bool:
    """The module imported here is the file the claim was made on (setuptools, for one,
    puts its own ``distutils`` in place of the standard library's)."""
    if path is None:
        return True
    file = getattr(module, "__file__", None)
    return file is not None and Path(file).resolve() == Path(str(path)).resolve()


def verdict(claim: dict[str, Any], name: str, detail: str = "", why: str = "") -> dict[str, Any]:
    where = f"{claim['module']}:{claim.get('line', '?')} {claim.get('qualname', '')}"
    return {"verdict": name, "where": where, "detail": detail, "why": why}


def mro_names(klass: type) -> list[str]:
    return [f"{k.__module__}.{k.__qualname__}" for k in klass.__mro__]


def in_stdlib(name: str) -> bool:
    return name.split(".")[0] in sys.stdlib_module_names
