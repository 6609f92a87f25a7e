"""Classes and their MRO, read from the code: this file, the source of the modules it
imports (:mod:`pygloss.engine.modules`), and the interpreter for builtins and the
standard-library modules this process has already imported.  Nothing is imported.

A base is resolved where the ``class`` statement sees it (the binding before that
line at module level, the enclosing class body for a nested class); a class found in
another module's source is linearised from its own ``class`` statement, recursively.
``typing`` bases are turned into classes as their ``__mro_entries__`` do
(``List[int]`` gives ``list`` and ``Generic``, ``Generic[T]`` gives ``Generic`` or
nothing, a ``TypedDict`` is a ``dict``, a ``NamedTuple`` a ``tuple``).  A base that
cannot be resolved (not found, computed by a call, bound in branches that may not
both run, a module without source) is an *unknown* class: its own bases are hidden,
so the MRO is stated only as far as it is certain (:func:`c3`), and the rest is said
to be unknown.

A class's ``methods`` are the names its body binds (every ``def``, assignment,
import or nested class); ``complete`` says whether nothing else can add one: a class
decorator, a metaclass other than ``type``/``ABCMeta``, or an ``__init_subclass__``
of a base may add methods the body does not show.
"""

from __future__ import annotations

import ast
import builtins
import sys
import threading
import weakref
from dataclasses import dataclass, field, replace
from pathlib import Path

from pygloss.engine.explainers.class_scope import (
    NOTHING,
    class_namespace,
    decorated_or_meta,
    enclosing_binding,
    hook_may_add,
    line_seen,
    nulled_names,
    qualname,
)
from pygloss.engine.modules import Found, ModuleIndex, Modules, modules_for
from pygloss.syntax.names import dotted_name
from pygloss.syntax.source import Source

RUNTIME_BASES = {  # their __mro_entries__ make the class a subclass of a builtin
    "typing.NamedTuple": "tuple",
    "typing.TypedDict": "dict",
    "typing_extensions.TypedDict": "dict",
    "typing_extensions.NamedTuple": "tuple",
}
PLAIN_METACLASSES = frozenset({"type", "ABCMeta", "abc.ABCMeta", "builtins.type"})
PLAIN_HOOKS = frozenset(
    {"builtins.object", "typing.Generic", "abc.ABC"}
)  # their hooks add no method
GENERIC, PROTOCOL = "typing.Generic", "typing.Protocol"
_MAX_DEPTH = 40


@dataclass(frozen=True)
class Klass:
    """One class of an MRO (equal by *key*).  *unknown* (a reason) marks a class whose
    bases are not known: what follows it in the MRO cannot be told."""

    name: str = field(compare=False)
    key: object = None
    methods: frozenset[str] | None = field(default=None, compare=False)
    node: ast.ClassDef | None = field(default=None, compare=False)
    local: bool = field(default=False, compare=False)  # a class statement of this file
    complete: bool = field(default=True, compare=False)
    unknown: str | None = field(default=None, compare=False)
    # its metaclass or an __init_subclass__ may add methods to its subclasses: True,
    # False, or None when a class in its MRO is not known
    hooks: bool | None = field(default=False, compare=False)
    typeddict: bool = field(default=False, compare=False)
    marker: bool = field(default=False, compare=False)  # "the rest of X's MRO", not a class
    maybe: frozenset[str] = field(default=frozenset(), compare=False)  # bound in branches
    nulled: frozenset[str] = field(default=frozenset(), compare=False)  # bound to None

    def defines(self, method: str) -> bool | None:
        """True/False when known; None when it may define *method* without showing it."""
        if self.methods is None:
            return None
        if method in self.methods:
            return True
        return False if self.complete and method not in self.maybe else None


@dataclass(frozen=True)
class Mro:
    """An MRO as far as it is known: *classes* in order; when *stop* is set, the order
    after the last class is not known (*stop* says why) and *rest* lists classes
    known to come later, in no particular order."""

    classes: list[Klass]
    stop: str | None = None
    rest: tuple[Klass, ...] = ()

    @property
    def complete(self) -> bool:
        return self.stop is None

    def holds(self, key: str) -> bool | None:
        """Whether the class named *key* is in it (None: not known)."""
        if any(k.key == key for k in (*self.classes, *self.rest)):
            return True
        return False if self.complete else None


class InconsistentMro(Exception):
    pass


def interpreted(klass: type) -> list[Klass]:
    """The MRO of a class the interpreter holds."""
    found: list[Klass] = []
    for k in klass.__mro__:
        qualified = f"{k.__module__}.{k.__qualname__}"
        name = _spelled(k)
        key: object = qualified if all(c.key != qualified for c in found) else (qualified, id(k))
        meta = type(k)
        plain = meta is type or f"{meta.__module__}.{meta.__qualname__}" == "abc.ABCMeta"
        own_hook = "__init_subclass__" in vars(k) and qualified not in PLAIN_HOOKS
        nulled = frozenset(n for n, v in vars(k).items() if v is None) or NOTHING
        found.append(
            Klass(name, key, frozenset(vars(k)), hooks=own_hook or not plain, nulled=nulled)
        )
    return found


def _spelled(klass: type) -> str:
    """How code names *klass*: ``dict``, ``types.ModuleType``, ``json.JSONDecoder``."""
    if klass.__module__ != "builtins":
        return f"{klass.__module__}.{klass.__qualname__}"
    if getattr(builtins, klass.__name__, None) is klass:
        return str(klass.__name__)
    import types

    spelled = next((n for n, v in vars(types).items() if v is klass), None)
    return f"types.{spelled}" if spelled else f"builtins.{klass.__qualname__}"


OBJECT = interpreted(object)[0]


def c3(head: Klass, parents: list[list[Klass]], direct: list[Klass]) -> Mro:
    """C3 linearisation of *head* given each base's own (possibly partial) MRO.

    An unknown class ends its sequence: its own bases are hidden.  A pick is certain
    while no other unknown class is pending, or when it is a direct base of *head* (a
    base listed before an unknown one cannot be one of its bases: the class could not
    be created).  The MRO stops at the first unknown class or before the first pick
    that an unknown class's hidden bases might have displaced.
    """
    sequences = [list(p) for p in parents] + [list(direct)]
    result = [head]
    while True:
        sequences = [s for s in sequences if s]
        if not sequences:
            return Mro(result)
        for sequence in sequences:
            candidate = sequence[0]
            if not any(candidate in s[1:] for s in sequences):
                break
        else:
            blocked = ", ".join(dict.fromkeys(f"`{s[0].name}`" for s in sequences))
            raise InconsistentMro(blocked)
        pending = [k for s in sequences for k in s if k.unknown is not None and k != candidate]
        stop = None
        if pending and candidate not in direct:
            stop = pending[0].unknown
        else:
            if not candidate.marker:
                result.append(candidate)
            stop = candidate.unknown
        for s in sequences:
            if s and s[0] == candidate:
                del s[0]
        if stop is not None:
            rest = [k for s in sequences for k in s if k.unknown is None]
            rest += [] if candidate in result or candidate.unknown else [candidate]
            return Mro(result, stop, tuple(dict.fromkeys(k for k in rest if k not in result)))


@dataclass(frozen=True)
class _Base:
    """One base of a class statement, resolved: what it contributes to the MRO."""

    mro: Mro
    alias: bool | None = False  # a typing alias: List[int], Generic[T], Base[T] of a Generic class
    typing_named: bool = False  # a typing alias of a builtin or ABC (List, Mapping...)
    generic: bool | None = False  # the class is a subclass of typing.Generic
    runtime: str | None = None  # "tuple"/"dict" for NamedTuple / TypedDict


class Classes:
    """Linearises the classes of one file (and of what it imports), caching each."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.modules: Modules = modules_for(source.path)
        self.index = file_index(source)
        self._cache: dict[int, Mro] = {}
        self._active: set[int] = set()

    def mro(self, node: ast.ClassDef, path: tuple[ast.AST, ...] = ()) -> Mro:
        """The MRO of the class statement *node* of this file (*path*: its ancestors)."""
        return self._mro(node, self.index, path, 0)

    def _mro(self, node: ast.ClassDef, index: ModuleIndex, path: tuple[ast.AST, ...],
             depth: int) -> Mro:  # fmt: skip
        cached = self._cache.get(id(node))
        if cached is not None:
            return cached
        if depth > _MAX_DEPTH or id(node) in self._active:
            raise InconsistentMro("(a class that inherits from itself, or too deep)")
        self._active.add(id(node))
        try:
            result = self._linearize(node, index, path, depth)
        finally:
            self._active.discard(id(node))
        self._cache[id(node)] = result
        return result

    def _linearize(self, node: ast.ClassDef, index: ModuleIndex, path: tuple[ast.AST, ...],
                   depth: int) -> Mro:  # fmt: skip
        local = index is self.index
        name = qualname(node, path)
        decorated, plain_meta = decorated_or_meta(node, PLAIN_METACLASSES)
        certain, conditional = class_namespace(node)
        methods = frozenset(certain)
        head = Klass(
            name if local else f"{index.name}.{name}",
            (index.name, name, node.lineno),
            methods,
            node,
            local,
            complete=not decorated and plain_meta,
            hooks=hook_may_add(node) or not plain_meta,
            maybe=frozenset(conditional),
            nulled=nulled_names(node, certain),
        )
        if index.compiled and node.decorator_list:  # @cython.cclass: an extension type
            reason = f"`{head.name}` is compiled (an extension type), so its bases are not read"
            return Mro([replace(head, complete=False, hooks=None)], reason)
        bases = [self._base(b, node, index, path, depth) for b in node.bases]
        if any(b.runtime == "dict" or b.mro.classes[0].typeddict for b in bases):
            return self._typeddict(head, bases)
        if any(b.runtime == "tuple" for b in bases):
            head = replace(head, hooks=True)  # the NamedTuple machinery writes the class
        parents, direct = self._entries(bases, node)
        if not parents:
            parents, direct = [[OBJECT]], [OBJECT]
        return _settle(c3(head, parents, direct))

    def _entries(
        self, bases: list[_Base], node: ast.ClassDef
    ) -> tuple[list[list[Klass]], list[Klass]]:
        """Each base's MRO as ``__mro_entries__`` turns it into classes."""
        parents: list[list[Klass]] = []
        protocol = any(b.mro.classes[0].key == PROTOCOL and not b.alias for b in bases)
        for position, base in enumerate(bases):
            later = bases[position + 1 :]
            if base.alias and base.mro.classes[0].key == GENERIC and not base.typing_named:
                if protocol or any(b.alias for b in later):
                    continue  # Generic[T] gives no class when another base is generic
                if any(b.alias is None for b in later):
                    parents.append(
                        list(
                            _unknown(
                                "Generic",
                                "whether `Generic[...]` adds "
                                "`Generic` depends on a base that is not known",
                            ).classes
                        )
                    )
                    continue
            sequences = [base.mro]
            if base.typing_named:
                known = [b.alias or b.generic for b in later]
                if None in known:
                    sequences.append(_unknown("Generic", "whether `Generic` is added is not known"))
                elif not any(known):
                    sequences.append(Mro(interpreted(_typing("Generic"))))  # type: ignore[arg-type]
            for mro in sequences:
                sequence = list(mro.classes)
                if mro.stop is not None and sequence[-1].unknown is None:
                    rest = f"(the rest of `{sequence[0].name}`)"
                    marker = Klass(rest, ("rest", sequence[0].key), unknown=mro.stop, marker=True)
                    sequence.append(marker)
                parents.append(sequence)
        return parents, [p[0] for p in parents]

    def _typeddict(self, head: Klass, bases: list[_Base]) -> Mro:
        """A TypedDict class is a plain ``dict`` subclass, whatever its bases say."""
        mro = [replace(head, typeddict=True, complete=False, hooks=True)]
        if any(b.alias and b.mro.classes[0].key == GENERIC for b in bases):
            mro += interpreted(_typing("Generic"))[:1]  # type: ignore[arg-type]
        return Mro(mro + interpreted(dict))

    def _base(self, base: ast.expr, node: ast.ClassDef, index: ModuleIndex,
              path: tuple[ast.AST, ...], depth: int) -> _Base:  # fmt: skip
        written = ast.unparse(base)
        subscripted = isinstance(base, ast.Subscript)
        target = base.value if isinstance(base, ast.Subscript) else base
        dotted = dotted_name(target)
        if dotted is None:
            reason = f"`{_short(written)}` is computed when the class statement runs"
            return _Base(_unknown(written, reason), alias=None, generic=None)
        head, _, rest = dotted.partition(".")
        enclosing = enclosing_binding(head, node, path)
        if enclosing is not None:
            found_node, scope = enclosing
            if isinstance(found_node, ast.ClassDef) and not rest:
                return self._class(self._mro(found_node, index, scope, depth + 1), subscripted)
            reason = f"`{head}` is a local name of the code around it"
            return _Base(_unknown(written, reason), alias=None, generic=None)
        found = self.modules.lookup_in(index, head, before=line_seen(node, path))
        if found.kind == "missing" and isinstance(getattr(builtins, head, None), type):
            found = Found("class", "builtins", head)
        parts = rest.split(".") if rest else []
        while parts and found.kind in ("module", "class"):
            found = self.modules.attribute(found, parts.pop(0))
        if parts:  # stopped at something that is not a module or class
            name = ".".join(p for p in (found.qualname, *parts) if p)
            found = Found("unknown", found.module, name, reason=found.reason)
        remote = index is not self.index
        shown = written if not remote else found.qualified or written
        return self._found(found, shown, subscripted, depth)

    def _class(self, mro: Mro, subscripted: bool) -> _Base:
        generic = mro.holds(GENERIC)
        return _Base(mro, alias=subscripted and generic is not False, generic=generic)

    def _found(self, found: Found, written: str, subscripted: bool, depth: int) -> _Base:
        qualified = found.qualified
        if qualified in RUNTIME_BASES and not subscripted:
            builtin = RUNTIME_BASES[qualified]
            return _Base(Mro(interpreted(getattr(builtins, builtin))), runtime=builtin)
        if found.module == "builtins":
            value = getattr(builtins, found.qualname, None)
            if isinstance(value, type):
                return _Base(Mro(interpreted(value)), alias=False)
        if found.index is not self.index:
            loaded = (
                loaded_value(qualified) if found.kind in ("class", "value", "unknown") else None
            )
            if isinstance(loaded, type):
                return self._class(Mro(interpreted(loaded)), subscripted)
            origin = getattr(loaded, "__origin__", None)
            if isinstance(origin, type) and getattr(loaded, "_name", None):  # typing.List...
                return _Base(Mro(interpreted(origin)), alias=True, typing_named=True)
        if found.kind == "class" and isinstance(found.node, ast.ClassDef) and found.index:
            try:
                return self._class(self._mro(found.node, found.index, found.scope, depth + 1),
                                   subscripted)  # fmt: skip
            except InconsistentMro:
                reason = f"`{written}` has no consistent MRO"
                return _Base(_unknown(written, reason), alias=None, generic=None)
        unknown = _unknown(written, _why(found, written))
        if found.qualname:  # the same unknown class, however each module spells it
            unknown.classes[0] = replace(unknown.classes[0], key=("unknown", found.qualified))
        return _Base(unknown, alias=None, generic=None)


_FILE_INDEXES: weakref.WeakKeyDictionary[Source, ModuleIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def file_index(source: Source) -> ModuleIndex:
    """The bindings of the hovered file (from its text, not from the disk)."""
    with _LOCK:
        found = _FILE_INDEXES.get(source)
    if found is None:
        path = Path(source.path) if source.path else None
        found = ModuleIndex.build(module_name(path), path, list(source.statements))
        with _LOCK:
            _FILE_INDEXES[source] = found
    return found


def module_name(path: Path | None) -> str:
    """The dotted name *path* is imported as, from its package directories (``__main__``
    for a file outside any package or without a path)."""
    if path is None:
        return "__main__"
    path = path.absolute()
    parts = [] if path.stem == "__init__" else [path.stem]
    directory = path.parent
    while (directory / "__init__.py").is_file():
        parts.insert(0, directory.name)
        directory = directory.parent
    return ".".join(parts) or "__main__"


def _settle(mro: Mro) -> Mro:
    """The head is complete only when nothing after it may add methods to it (a hook of
    a later class, or a class that is not known); it has hooks if any of them has."""
    head, later = mro.classes[0], mro.classes[1:]
    hooks: bool | None = False
    if head.hooks or any(k.hooks for k in later):
        hooks = True
    elif not mro.complete or any(k.hooks is None or k.unknown for k in later):
        hooks = None
    complete = head.complete and hooks is False
    return Mro([replace(head, complete=complete, hooks=hooks), *later], mro.stop, mro.rest)


def _typing(name: str) -> object:
    import typing

    return getattr(typing, name)


def loaded_value(qualified: str) -> object:
    """What *qualified* names when its module is a standard-library module that this
    process has already imported (reading it runs no code: nothing is imported)."""
    parts = qualified.split(".")
    if parts[0] not in sys.stdlib_module_names:
        return None
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        value: object = module
        for name in parts[cut:]:
            value = getattr(value, name, None)
        return value
    return None


def _unknown(shown: str, reason: str) -> Mro:
    return Mro([Klass(_short(shown), ("unknown", shown), unknown=reason)], reason)


def _short(written: str) -> str:
    """*written* shortened when it is long and not a dotted name (a call...)."""
    if dotted_name_text(written) or len(written) <= 40:
        return written
    return written[:37] + "..."


def dotted_name_text(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


def _why(found: Found, shown: str) -> str:
    if found.kind in ("missing", "unknown") and found.reason.startswith("no module"):
        return f"{found.reason}, so the bases of `{shown}` are not known"
    if found.kind in ("value", "def"):
        return f"`{shown}` is computed at run time, not a class statement pygloss can read"
    if found.kind == "module":
        return f"`{shown}` is a module"
    return f"pygloss cannot resolve `{shown}` ({found.reason or 'not a class statement'})"
