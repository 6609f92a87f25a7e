"""Oracle check ``patch``: what the hover says ``patch("a.b.c.name")`` replaces vs what
``pkgutil.resolve_name`` (which ``patch`` uses) finds when the patch starts.

Targets are built from each module's own source: its functions (``mod.func``), the
methods and nested classes of its classes (``mod.Class.method``,
``mod.Outer.Inner.attr``), the names its package re-exports (``pkg.name``), and a
name it does not define.  Agreed: the stated kind (module, class of a module, other
object) and place match the resolved object, and a "does not define" warning
matches ``hasattr``.  Said-unknown: the hover says it does not know the kind.
"""

from __future__ import annotations

import ast
import inspect
import pkgutil
import re
from typing import Any

from oracle_common import hover, import_module, read_source, verdict

PER_KIND = 4
MISSING = "pygloss_oracle_missing_name"
MODULE = re.compile(r"^Replaces `(\w+)` in module `([\w.]+)` while")
CLASS = re.compile(r"^Replaces `(\w+)` on class `([\w.]+)` of module `([\w.]+)` while")
OTHER = re.compile(r"^Replaces the attribute `(\w+)` of `([\w.]+)` \(a (function|value) in module")
UNKNOWN = "is a module or a class is not known here"


def targets(module: str, tree: list[ast.stmt]) -> list[str]:
    found: list[str] = [f"{module}.{MISSING}"]
    functions = [s.name for s in tree if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
    found += [f"{module}.{name}" for name in functions[:PER_KIND]]
    classes = [s for s in tree if isinstance(s, ast.ClassDef)]
    for klass in classes[:PER_KIND]:
        methods = [s.name for s in klass.body if isinstance(s, ast.FunctionDef)]
        found += [f"{module}.{klass.name}.{m}" for m in methods[:2]]
        for inner in [s for s in klass.body if isinstance(s, ast.ClassDef)][:1]:
            found.append(f"{module}.{klass.name}.{inner.name}.__init__")
    imported = [a.asname or a.name for s in tree if isinstance(s, ast.ImportFrom) and s.level
                for a in s.names if a.name != "*"]  # fmt: skip
    found += [f"{module}.{name}" for name in imported[:PER_KIND]]
    return found


def claims(module: str, path: str) -> list[dict[str, Any]]:
    tree = read_source(path).statements
    found = []
    for target in targets(module, list(tree)):
        text = f'from unittest.mock import patch\n\n\n@patch("{target}")\ndef test(m):\n    pass\n'
        from pygloss.syntax.source import Source

        context = hover(Source(text), text.index(target))
        block = next((b for b in context or () if b.startswith("Replaces")), "")
        claim: dict[str, Any] = {"module": module, "target": target, "line": 0, "said": block}
        found.append(claim)
    return found


def judge(claim: dict[str, Any]) -> dict[str, Any]:
    target = str(claim["target"])
    claim = {**claim, "qualname": target}
    owner, _, name = target.rpartition(".")
    said = str(claim["said"])
    if import_module(str(claim["module"])) is None:
        return verdict(claim, "unreachable")
    try:
        obj = pkgutil.resolve_name(owner)
    except Exception:
        return verdict(claim, "unreachable")
    warned = f"does not define `{name}`" in said
    if warned and hasattr(obj, name):
        return verdict(claim, "disagreed", f"said {owner} does not define {name}; it does")
    if UNKNOWN in said:
        return verdict(claim, "said-unknown", why=re.sub(r"`[^`]*`", "X", said.split(": ")[-1]))
    if (match := MODULE.match(said)) is not None:
        ok = inspect.ismodule(obj) and import_module(match.group(2)) is obj
        return verdict(claim, "agreed" if ok else "disagreed", f"said module; is {obj!r}")
    if (match := CLASS.match(said)) is not None:
        module = import_module(match.group(3))
        named = _path(module, match.group(2)) if module is not None else None
        ok = inspect.isclass(obj) and named is obj
        return verdict(claim, "agreed" if ok else "disagreed", f"said class; is {obj!r}")
    if (match := OTHER.match(said)) is not None:
        ok = not inspect.ismodule(obj) and not inspect.isclass(obj)
        return verdict(claim, "agreed" if ok else "disagreed", f"said other; is {obj!r}")
    return verdict(claim, "silent", f"no statement: {said[:80]!r}")


def _path(module: Any, dotted: str) -> Any:
    value = module
    for part in dotted.split("."):
        value = getattr(value, part, None)
    return value


def judge_all(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [judge(claim) for claim in claims]
