"""Where a dotted name is defined, read from source files: nothing is imported or run.

:func:`search_path` gives the directories a file's imports are looked up in: the
file's own package root, its project root (the nearest ``pyproject.toml``,
``setup.py``, ``setup.cfg`` or ``.git``, and its ``src/``) and this interpreter's
``sys.path`` without the working directory — so the answer depends on the file,
never on where pygloss was started.  :class:`Modules` finds a module's file on that
path the way the import system would (a regular package or module in the first
directory that has one, else a namespace package; a package's submodules in its
own directory), indexes the names its top-level code binds (:class:`ModuleIndex`),
and follows ``from x import y`` and ``X = Y`` aliases to the statement that defines
a name (:meth:`Modules.lookup`).

What cannot be known from the source is said to be unknown, never guessed: a name
bound twice (``try: from _c import X`` / ``except ImportError: class X``), a module
without source (an extension module), a module whose ``__getattr__`` makes names.
"""

from __future__ import annotations

import ast
import builtins
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pygloss.files import Unreadable, read_bytes
from pygloss.rules._scopes import target_names
from pygloss.syntax.names import dotted_name

ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
_EXTENSION_SUFFIXES = (".so", ".pyd")
_MAX_HOPS = 12  # aliases followed for one name
MAX_INDEXES = 48  # parsed modules kept per search path
# Class decorators that return the class they are given (or an equivalent with the
# same bases): the decorated name is still that class.
KEEPS_CLASS = frozenset({
    "dataclasses.dataclass", "functools.total_ordering", "typing.final",
    "typing.runtime_checkable", "typing_extensions.final", "typing_extensions.runtime_checkable",
    "enum.unique", "enum.verify", "attr.s", "attr.attrs", "attr.define", "attr.frozen",
    "attr.mutable", "attrs.define", "attrs.frozen", "attrs.mutable", "typing.type_check_only",
    "attr._make.attrs", "attr._next_gen.define", "attr._next_gen.frozen",
    "attr._next_gen.mutable",
})  # fmt: skip
MAX_MODULE_BYTES = 20_000_000  # a module's source read to index it
_TYPE_ALIAS: tuple[type, ...] = tuple(t for t in [getattr(ast, "TypeAlias", None)] if t)


@dataclass(frozen=True)
class Binding:
    """One top-level binding of a name: ``class``, ``def``, ``module`` (``import``),
    ``from`` (``from module import name``), ``alias`` (``X = Y``) or ``value``."""

    kind: str
    node: ast.AST | None = None
    target: str = ""  # the module of ``module``/``from``, the dotted name of ``alias``
    name: str = ""  # the imported name of ``from``
    typing_only: bool = False  # under ``if TYPE_CHECKING:``
    conditional: bool = False  # in an if/try/with/loop body: it may not run
    line: int = 0  # of the binding statement (1-based)


@dataclass
class ModuleIndex:
    """The names a module's top-level code binds, and what binds them."""

    name: str
    path: Path | None
    statements: list[ast.stmt]
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)
    typing_star_imports: list[str] = field(default_factory=list)
    stars: list[Binding] = field(default_factory=list)  # every star import, in order
    all_names: tuple[str, ...] | None = None  # a literal ``__all__``
    has_getattr: bool = False  # a module ``__getattr__`` may make any name
    compiled: bool = False  # the source of an extension module (Cython), not what runs

    @property
    def is_package(self) -> bool:
        return self.path is not None and self.path.stem == "__init__"

    @classmethod
    def build(cls, name: str, path: Path | None, statements: list[ast.stmt]) -> ModuleIndex:
        index = cls(name, path, statements)
        package = name if index.is_package else name.rpartition(".")[0]
        for statement, typing_only, conditional in _top_level(statements, False, False):
            index._add(statement, typing_only, conditional, package)
        return index

    def _add(self, statement: ast.stmt, typing_only: bool, conditional: bool, package: str) -> None:
        def bind(name: str, binding: Binding) -> None:
            binding = replace(binding, conditional=conditional, line=statement.lineno)
            self.bindings.setdefault(name, []).append(binding)

        if isinstance(statement, ast.ClassDef):
            bind(statement.name, Binding("class", statement, typing_only=typing_only))
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            if statement.name == "__getattr__":
                self.has_getattr = True
            bind(statement.name, Binding("def", statement, typing_only=typing_only))
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    bind(
                        alias.asname, Binding("module", target=alias.name, typing_only=typing_only)
                    )
                else:
                    top = alias.name.split(".")[0]
                    bind(top, Binding("module", target=top, typing_only=typing_only))
        elif isinstance(statement, ast.ImportFrom):
            module = absolute(statement.module, statement.level, package)
            if module is None:
                return
            for alias in statement.names:
                if alias.name == "*":
                    stars = self.typing_star_imports if typing_only else self.star_imports
                    stars.append(module)
                    if not typing_only:
                        self.stars.append(Binding("star", target=module, conditional=conditional,
                                                  line=statement.lineno))  # fmt: skip
                    continue
                binding = Binding("from", target=module, name=alias.name, typing_only=typing_only)
                bind(alias.asname or alias.name, binding)
        else:
            for target, value in _assignments(statement):
                if target == "__all__" and value is not None:
                    self.all_names = _literal_names(value)
                if isinstance(value, ast.Name | ast.Attribute) and _dotted_or_empty(value):
                    bind(
                        target,
                        Binding("alias", value, _dotted_or_empty(value), typing_only=typing_only),
                    )
                else:
                    bind(target, Binding("value", value, typing_only=typing_only))


@dataclass(frozen=True)
class Found:
    """What a dotted name is: ``module``, ``class``, ``def``, ``value`` (some other
    object), ``unknown`` (bound, but what it is cannot be read from the source) or
    ``missing`` (certainly not there).  *module* is the module whose code defines it;
    *qualname* its path in that module (``Outer.Inner`` for a nested class)."""

    kind: str
    module: str = ""
    qualname: str = ""
    node: ast.AST | None = None
    index: ModuleIndex | None = None
    reason: str = ""  # for ``unknown``/``missing``: why, in words
    scope: tuple[ast.AST, ...] = field(default=(), compare=False)  # enclosing classes

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.qualname}" if self.qualname else self.module


class Modules:
    """Module files on one search path, parsed once each (thread-safe)."""

    def __init__(self, roots: tuple[str, ...]) -> None:
        self.roots = roots
        self._files: dict[str, tuple[str, Path | None]] = {}
        # the parsed modules, least recently used first (at most MAX_INDEXES: each
        # holds its module's syntax tree)
        self._indexes: OrderedDict[tuple[str, Path], tuple[float, ModuleIndex]] = OrderedDict()
        self._lock = threading.Lock()

    # -- finding modules -------------------------------------------------------------
    def locate(self, module: str) -> tuple[str, Path | None]:
        """``(state, path)``: ``source`` with its file, ``compiled`` (an extension or
        built-in module: no source), ``namespace`` (a directory without
        ``__init__``), or ``missing``."""
        if not module or not all(module.split(".")):
            return "missing", None
        with self._lock:
            found = self._files.get(module)
        if found is None:
            found = self._locate(module)
            with self._lock:
                self._files[module] = found
        return found

    def _locate(self, module: str) -> tuple[str, Path | None]:
        if module in sys.builtin_module_names:
            return "compiled", None
        parent, _, last = module.rpartition(".")
        if parent:
            state, path = self.locate(parent)
            if state == "source" and path is not None and path.stem == "__init__":
                directories = [path.parent]
            elif state == "namespace":
                directories = self._namespace_dirs(parent)
            else:
                return "missing", None
        else:
            directories = [Path(r) for r in self.roots]
        namespace = False
        for directory in directories:
            found = _in_directory(directory, last)
            if found is not None:
                return found
            namespace = namespace or (
                last in _entries(str(directory)) and (directory / last).is_dir()
            )
        return ("namespace", None) if namespace else ("missing", None)

    def _namespace_dirs(self, package: str) -> list[Path]:
        parts = package.split(".")
        return [Path(r, *parts) for r in self.roots if Path(r, *parts).is_dir()]

    def index(self, module: str) -> ModuleIndex | None:
        """The index of *module*'s source, or None when it has no readable source."""
        state, path = self.locate(module)
        if state not in ("source", "compiled-source") or path is None:
            return None
        index = self.index_file(module, path)
        if index is not None and state == "compiled-source":
            index.compiled = True
        return index

    def index_file(self, module: str, path: Path) -> ModuleIndex | None:
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return None
        with self._lock:
            cached = self._indexes.get((module, path))
            if cached is not None and cached[0] == mtime:
                self._indexes.move_to_end((module, path))
                return cached[1]
        data = read_bytes(path, MAX_MODULE_BYTES)  # a FIFO or /dev/zero named x.py: refused
        if isinstance(data, Unreadable):
            return None
        try:
            tree = ast.parse(data, filename=str(path))
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        index = ModuleIndex.build(module, path, tree.body)
        with self._lock:
            self._indexes[(module, path)] = (mtime, index)
            while len(self._indexes) > MAX_INDEXES:
                self._indexes.popitem(last=False)
        return index

    # -- names -------------------------------------------------------------------
    def resolve(self, dotted: str) -> Found:
        """What *dotted* names, the way ``pkgutil.resolve_name`` (and so ``patch``) finds
        it: the longest prefix that is a module, then attributes."""
        parts = dotted.split(".")
        if not all(parts):  # a relative name (".abc"), or not a name at all
            return Found("unknown", reason=f"`{dotted}` is not an absolute name")
        for cut in range(len(parts), 0, -1):
            module = ".".join(parts[:cut])
            state, _ = self.locate(module)
            if state == "missing":
                continue
            found = Found("module", module)
            for attribute in parts[cut:]:
                found = self.attribute(found, attribute)
                if found.kind in ("unknown", "missing", "value", "def"):
                    if attribute != parts[-1] and found.kind in ("value", "def"):
                        return Found("unknown", reason=f"`{found.qualified}` is not a class")
                    break
            return found
        return Found(
            "missing", reason=f"no module `{parts[0]}` is found on this file's import path"
        )

    def attribute(self, owner: Found, name: str) -> Found:
        """The attribute *name* of a module or class *owner*."""
        if owner.kind == "module":
            return self.lookup(owner.module, name)
        if owner.kind == "class" and isinstance(owner.node, ast.ClassDef):
            for statement, _, _ in _top_level(owner.node.body, False, False):
                if isinstance(statement, ast.ClassDef) and statement.name == name:
                    qualname = f"{owner.qualname}.{name}"
                    scope = (*owner.scope, owner.node)
                    return Found("class", owner.module, qualname, statement, owner.index, "", scope)
            return Found("unknown", owner.module, f"{owner.qualname}.{name}",
                         reason="an attribute of a class")  # fmt: skip
        return Found("unknown", reason=f"`{owner.qualified}` is not a module or class")

    def lookup(self, module: str, name: str, hops: int = 0) -> Found:
        """What *module*'s top-level code binds to *name*, aliases followed."""
        state, _ = self.locate(module)
        if state == "compiled":
            return Found("unknown", module, name, reason=f"`{module}` has no Python source")
        if state == "missing":
            return Found("missing", module, name, reason=f"no module `{module}` is found "
                         "on this file's import path")  # fmt: skip
        index = self.index(module)
        if index is None:
            if state == "namespace" and self.locate(f"{module}.{name}")[0] != "missing":
                return Found("module", f"{module}.{name}")
            return Found("unknown", module, name, reason=f"pygloss cannot read `{module}`")
        return self.lookup_in(index, name, hops)

    def lookup_in(
        self, index: ModuleIndex, name: str, hops: int = 0, before: int | None = None
    ) -> Found:
        """*name* in *index*'s module once its code has run, or (*before*, a 1-based
        line) as code at that line of the module's top level sees it."""
        module = index.name
        if hops > _MAX_HOPS:
            return Found("unknown", module, name, reason="too many aliases")
        bindings = index.bindings.get(name, [])
        if before is not None:
            bindings = [b for b in bindings if b.line < before]
        runtime = [b for b in bindings if not b.typing_only]
        if runtime:
            final = _final(runtime)
            if final is None:
                why = f"`{module}` binds `{name}` in branches that may not run"
                return Found("unknown", module, name, reason=why)
            later = [
                b
                for b in index.stars
                if b.line > final.line and (before is None or b.line < before)
            ]
            for rebinding in reversed(later):  # `from _c import *` after the definition
                found = self._star(rebinding.target, name, hops)
                if found.kind == "missing":
                    continue
                if rebinding.conditional or found.kind == "unknown":
                    why = f"`{module}` may rebind `{name}` by `from {rebinding.target} import *`"
                    return Found("unknown", module, name, reason=why)
                return found
            return self._follow(index, name, final, hops)
        if index.is_package and self.locate(f"{module}.{name}")[0] != "missing":
            return Found("module", f"{module}.{name}")
        for star in index.star_imports:
            found = self._star(star, name, hops)
            if found.kind != "missing":
                return found
        # what type checkers see (``if TYPE_CHECKING:``), for a module that makes its
        # names lazily in ``__getattr__`` or binds them nowhere else
        typing_only = [b for b in bindings if b.typing_only]
        if typing_only:
            final = _final(typing_only)
            if final is not None:
                return self._follow(index, name, final, hops)
        for star in index.typing_star_imports:
            found = self._star(star, name, hops)
            if found.kind != "missing":
                return found
        if index.has_getattr:
            return Found("unknown", module, name, reason=f"`{module}` makes names in `__getattr__`")
        if any(self.index(s) is None and _loaded_star(s, name).kind == "unknown"
               for s in index.star_imports):  # fmt: skip
            return Found("unknown", module, name, reason=f"`{module}` star-imports a module "
                         "pygloss cannot read")  # fmt: skip
        return Found("missing", module, name, reason=f"`{module}` does not define `{name}`")

    def qualified(self, index: ModuleIndex, expr: ast.expr) -> str | None:
        """The qualified name of a dotted expression of *index*'s module."""
        parts: list[str] = []
        while isinstance(expr, ast.Attribute):
            parts.insert(0, expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        found = self.lookup_in(index, expr.id)
        if found.kind == "missing" and expr.id in _BUILTINS:
            return ".".join(["builtins", expr.id, *parts])
        if found.kind == "missing" or not found.qualified:
            return None
        return ".".join([found.qualified, *parts])

    def _unknown_decorator(self, index: ModuleIndex, node: ast.ClassDef) -> str | None:
        """The first decorator of *node* not known to return the class it is given."""
        for decorator in node.decorator_list:
            head = decorator.func if isinstance(decorator, ast.Call) else decorator
            if self.qualified(index, head) in KEEPS_CLASS:
                continue
            if (
                isinstance(head, ast.Attribute)
                and head.attr == "register"
                and not isinstance(decorator, ast.Call)
                and self._is_abc(index, head.value)
            ):
                continue  # ABCMeta.register returns the class it registers
            if not self._returns_its_argument(index, head, isinstance(decorator, ast.Call)):
                return ast.unparse(head)
        return None

    def _is_abc(self, index: ModuleIndex, expr: ast.expr, depth: int = 0) -> bool:
        """Whether *expr* names a class built by ``abc.ABCMeta`` (read from its class
        statement: ``metaclass=ABCMeta``, or a base that is ``abc.ABC`` or such a class)."""
        qualified = self.qualified(index, expr)
        if qualified in ("abc.ABC", "abc.ABCMeta") or depth > 8 or qualified is None:
            return qualified == "abc.ABC"
        found = self.resolve(qualified)
        if found.kind != "class" or not isinstance(found.node, ast.ClassDef) or not found.index:
            return False
        node, owner = found.node, found.index
        for keyword in node.keywords:
            if keyword.arg == "metaclass":
                return self.qualified(owner, keyword.value) == "abc.ABCMeta"
        return any(self._is_abc(owner, base, depth + 1) for base in node.bases)

    def _returns_its_argument(self, index: ModuleIndex, head: ast.expr, called: bool) -> bool:
        """A decorator defined by a ``def`` whose every ``return`` gives back the object
        it was given (``def register(cls): REGISTRY.append(cls); return cls``); for a
        called decorator, the ``def`` its factory returns."""
        dotted = _dotted_or_empty(head)
        if not dotted:
            return False
        module_part, _, name = dotted.rpartition(".")
        found = (
            self.lookup_in(index, name)
            if not module_part
            else self.attribute(self.resolve(self.qualified_module(index, module_part)), name)
        )
        func = found.node
        if not isinstance(func, ast.FunctionDef) or func.decorator_list:
            return False
        if called:
            inner = {s.name: s for s in func.body if isinstance(s, ast.FunctionDef)}
            returned = [r.value for r in returns_of(func)]
            if len(returned) != 1 or not isinstance(returned[0], ast.Name):
                return False
            func = inner.get(returned[0].id)
            if func is None or func.decorator_list:
                return False
        params = [*func.args.posonlyargs, *func.args.args]
        if not params:
            return False
        returned = [r.value for r in returns_of(func)]
        return bool(returned) and all(
            isinstance(v, ast.Name) and v.id == params[0].arg for v in returned
        )

    def qualified_module(self, index: ModuleIndex, dotted: str) -> str:
        head, _, rest = dotted.partition(".")
        found = self.lookup_in(index, head)
        base = found.qualified if found.kind == "module" else head
        return f"{base}.{rest}" if rest else base

    def _star(self, module: str, name: str, hops: int) -> Found:
        index = self.index(module)
        if index is None:
            return _loaded_star(module, name)
        if name.startswith("_") and index.all_names is None:
            return Found("missing")
        if index.all_names is not None and name not in index.all_names:
            return Found("missing")
        return self.lookup_in(index, name, hops + 1)

    def _follow(self, index: ModuleIndex, name: str, binding: Binding, hops: int) -> Found:
        module = index.name
        if binding.kind == "class":
            assert isinstance(binding.node, ast.ClassDef)
            unknown = self._unknown_decorator(index, binding.node)
            if unknown is not None:
                why = f"`{name}` is bound to what its decorator `@{unknown}` returns"
                return Found("unknown", module, name, binding.node, index, why)
            return Found("class", module, name, binding.node, index)
        if binding.kind == "def":
            return Found("def", module, name, binding.node, index)
        if binding.kind == "module":
            return Found("module", binding.target)
        if binding.kind == "from":
            target = f"{binding.target}.{binding.name}"
            if self.locate(target)[0] != "missing":
                imported = self.lookup(binding.target, binding.name, hops + 1)
                if imported.kind == "missing":  # `from pkg import submodule`
                    return Found("module", target)
                return imported
            imported = self.lookup(binding.target, binding.name, hops + 1)
            if imported.kind != "missing":
                return imported
            # The name is bound here all the same: the import works (or this module
            # would not import at all), so what it is is not known.
            if self.locate(binding.target)[0] == "missing":
                return replace(imported, kind="unknown", module=module, qualname=name)
            # the module is there, so it makes the name in a way its source does not
            # show (``globals().update(...)``)
            why = f"`{binding.target}` makes `{binding.name}` in a way pygloss does not read"
            return Found("unknown", binding.target, binding.name, reason=why)
        if binding.kind == "alias":
            head, _, rest = binding.target.partition(".")
            found = self.lookup_in(index, head, hops + 1) if head != name else Found("unknown")
            if found.kind == "missing" and head in _BUILTINS:
                found = Found("unknown", "builtins", head, reason="a builtin")
            for part in rest.split(".") if rest else ():
                if found.kind not in ("module", "class"):
                    return Found("unknown", module, name, reason=f"`{name}` is an alias")
                found = self.attribute(found, part)
            return found
        return Found("value", module, name, binding.node, index)


_BUILTINS = frozenset(dir(builtins))


def returns_of(func: ast.AST) -> list[ast.Return]:
    """The ``return`` statements of *func* itself (not of nested defs or lambdas)."""
    found: list[ast.Return] = []
    stack: list[ast.AST] = list(ast.iter_child_nodes(func))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.Return):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _loaded_star(module: str, name: str) -> Found:
    """*name* from ``from module import *`` of a module without source: looked up in
    the module itself when it is a standard-library module this process has imported
    (nothing is imported), else unknown."""
    loaded = sys.modules.get(module)
    if loaded is None or module.split(".")[0] not in sys.stdlib_module_names:
        return Found("unknown", module, name, reason=f"`{module}` has no Python source")
    public = getattr(loaded, "__all__", None)
    if public is None:
        public = [n for n in dir(loaded) if not n.startswith("_")]
    if name not in public:
        return Found("missing")
    value = getattr(loaded, name, None)
    if isinstance(value, type):
        return Found("class", value.__module__, value.__qualname__)
    return Found("value", module, name)


def _final(bindings: list[Binding]) -> Binding | None:
    """The binding that holds when the module's code has run: the last unconditional
    one, if no conditional binding follows it; None when that cannot be told."""
    for position in range(len(bindings) - 1, -1, -1):
        if not bindings[position].conditional:
            return bindings[position] if position == len(bindings) - 1 else None
    return bindings[0] if len(bindings) == 1 and _exclusive(bindings[0]) else None


def _exclusive(binding: Binding) -> bool:
    """A conditional binding that is the only one: the name may be unbound, but when it is
    bound it is this (``try: import x``); only imports and definitions count."""
    return binding.kind in ("class", "def", "module", "from")


def absolute(module: str | None, level: int, package: str) -> str | None:
    """The absolute name of ``from <level dots><module> import ...`` in *package*."""
    if not level:
        return module
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level - 1 == len(parts) and not module):
        return None
    base = parts[: len(parts) - (level - 1)]
    if module:
        base.append(module)
    return ".".join(base) or None


def _in_directory(directory: Path, name: str) -> tuple[str, Path | None] | None:
    """*name* in *directory* as the import system finds it: a regular package, then an
    extension module, then a ``.py`` file (a ``.pyi`` stub is not importable)."""
    entries = _entries(str(directory))
    if name in entries:
        init = directory / name / "__init__.py"
        if init.is_file():
            return "source", init
        if any(e.startswith("__init__.") for e in _entries(str(directory / name))):
            return "compiled", None
    if f"{name}.py" in entries:
        # an extension module wins the import, but one with a `.py` of the same name
        # beside it is, in practice, that file compiled (Cython's pure-Python mode)
        compiled = any(
            e.startswith(name + ".") and e.endswith(_EXTENSION_SUFFIXES) for e in entries
        )
        return "compiled-source" if compiled else "source", directory / f"{name}.py"
    if any(e.startswith(name + ".") and e.endswith(_EXTENSION_SUFFIXES) for e in entries):
        return "compiled", None
    return None


_DIRECTORIES: dict[str, tuple[float, frozenset[str]]] = {}


def _entries(directory: str) -> frozenset[str]:
    """The names in *directory* (cached until it changes)."""
    try:
        mtime = os.stat(directory).st_mtime
    except OSError:
        return frozenset()
    cached = _DIRECTORIES.get(directory)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    try:
        names = frozenset(os.listdir(directory))
    except OSError:
        names = frozenset()
    if len(_DIRECTORIES) > 4096:
        _DIRECTORIES.clear()
    _DIRECTORIES[directory] = (mtime, names)
    return names


def _top_level(
    statements: list[ast.stmt], typing_only: bool, conditional: bool
) -> Iterator[tuple[ast.stmt, bool, bool]]:
    """The statements that run in this scope (into if/try/with/loops, not defs), each
    with whether it is under ``if TYPE_CHECKING:`` and whether it may not run."""
    for statement in statements:
        yield statement, typing_only, conditional
        if isinstance(statement, ast.If):
            guarded = typing_only or _is_type_checking(statement.test)
            yield from _top_level(statement.body, guarded, True)
            yield from _top_level(statement.orelse, typing_only, True)
        elif isinstance(statement, ast.Try | ast.TryStar):
            yield from _top_level(statement.body, typing_only, True)
            for handler in statement.handlers:
                yield from _top_level(handler.body, typing_only, True)
            yield from _top_level(statement.orelse, typing_only, True)
            yield from _top_level(statement.finalbody, typing_only, conditional)
        elif isinstance(statement, ast.With | ast.AsyncWith):
            yield from _top_level(statement.body, typing_only, True)
        elif isinstance(statement, ast.For | ast.AsyncFor | ast.While):
            yield from _top_level(statement.body, typing_only, True)
            yield from _top_level(statement.orelse, typing_only, True)
        elif isinstance(statement, ast.Match):
            for case in statement.cases:
                yield from _top_level(case.body, typing_only, True)


def top_level_statements(statements: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module's (or class body's) own code runs, in if/try/with/loop
    blocks too, not in defs or classes."""
    for statement, _, _ in _top_level(statements, False, False):
        yield statement


def _is_type_checking(test: ast.expr) -> bool:
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _assignments(statement: ast.stmt) -> Iterator[tuple[str, ast.expr | None]]:
    """``(name, value)`` for each name *statement* binds (value None: not one value)."""
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id, statement.value
            else:
                yield from ((n, None) for n in target_names(target))
    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        if statement.value is not None:
            yield statement.target.id, statement.value
    elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        yield statement.target.id, None
    elif isinstance(statement, ast.For | ast.AsyncFor):
        yield from ((n, None) for n in target_names(statement.target))
    elif isinstance(statement, ast.With | ast.AsyncWith):
        for item in statement.items:
            if item.optional_vars is not None:
                yield from ((n, None) for n in target_names(item.optional_vars))
    elif isinstance(statement, ast.Delete):
        for target in statement.targets:
            yield from ((n, None) for n in target_names(target))
    elif isinstance(statement, _TYPE_ALIAS):
        yield getattr(statement, "name").id, None  # noqa: B009  (``type X = ...``, 3.12+)
    if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        for node in ast.walk(statement):
            if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                yield node.target.id, None


def _dotted_or_empty(node: ast.expr) -> str:
    return dotted_name(node) or ""


def _literal_names(value: ast.expr) -> tuple[str, ...] | None:
    if isinstance(value, ast.List | ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
    ):
        return tuple(e.value for e in value.elts)  # type: ignore[attr-defined]
    return None


def project_root(path: Path) -> Path | None:
    """The nearest directory above *path* holding a project marker."""
    for directory in path.parents:
        if any((directory / marker).exists() for marker in ROOT_MARKERS):
            return directory
    return None


def search_path(path: str | None) -> tuple[str, ...]:
    """Where the imports of the file *path* are found (see the module docstring)."""
    roots: list[str] = []
    if path:
        file = Path(path).absolute()
        top = file.parent
        while (top / "__init__.py").is_file():
            top = top.parent
        roots.append(str(top))
        root = project_root(file)
        if root is not None:
            roots.extend(str(r) for r in (root / "src", root) if r.is_dir())
    cwd = os.getcwd()
    for entry in sys.path:
        if entry and entry != "." and os.path.isabs(entry) and entry != cwd:
            roots.append(entry)
    return tuple(dict.fromkeys(roots))


_SHARED: dict[tuple[str, ...], Modules] = {}
_SHARED_LOCK = threading.Lock()


def modules_for(path: str | None) -> Modules:
    """The :class:`Modules` of the search path of *path* (one per distinct path)."""
    roots = _roots(path)
    with _SHARED_LOCK:
        found = _SHARED.get(roots)
        if found is None:
            if len(_SHARED) > 32:
                _SHARED.clear()
            found = _SHARED[roots] = Modules(roots)
        return found


@lru_cache(maxsize=256)
def _roots_of(directory: str, sys_path: tuple[str, ...]) -> tuple[str, ...]:
    return search_path(str(Path(directory) / "_.py"))


def _roots(path: str | None) -> tuple[str, ...]:
    if not path:
        return search_path(None)
    return _roots_of(str(Path(path).absolute().parent), tuple(sys.path))
