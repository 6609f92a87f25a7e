"""Context for class bases and ``super()``: the MRO (C3) and where a lookup lands.

Classes of this file are linearised from their ``class`` statements; a builtin base,
or a class of a standard-library module this process has already imported
(``typing``, ``abc``, ``enum``...), uses the interpreter's own ``__mro__`` (nothing is
imported, no user code runs); another imported base is resolved by jedi when a
resolver is available (static analysis: by its qualified name, so jedi need not parse
this file), otherwise it is shown as one opaque entry.
On a class header the hover lists the MRO, the methods it overrides and, for
each method inherited from a class of this file, the class whose method a call on
an instance reaches; on the name of a method that overrides one of a base class of
this file, the method it overrides and the subclasses that reach another; on
``super()`` inside
a method it names the class whose method runs next (for an instance of this class,
and for subclasses in the file whose MRO differs); on a special method it names the
method it overrides.  A C3 failure is explained, as ``TypeError`` would say it.
"""

from __future__ import annotations

import ast
import builtins
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.syntax.names import qualify

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_RUNTIME_BASES = {
    "typing.NamedTuple": "builtins.tuple",
    "typing.TypedDict": "builtins.dict",
    "typing_extensions.TypedDict": "builtins.dict",
}


@dataclass(frozen=True)
class Klass:
    """One class in an MRO: its display name, and its methods when known."""

    name: str
    methods: frozenset[str] | None = field(compare=False)  # None: not known
    node: ast.ClassDef | None = field(default=None, compare=False)


class InconsistentMro(Exception):
    pass


def c3(head: Klass, parents: list[list[Klass]]) -> list[Klass]:
    """C3 linearisation of *head* given each base's own MRO (in base order)."""
    sequences = [list(p) for p in parents] + [[p[0] for p in parents if p]]
    result = [head]
    while True:
        sequences = [s for s in sequences if s]
        if not sequences:
            return result
        for sequence in sequences:
            candidate = sequence[0]
            if not any(candidate in s[1:] for s in sequences):
                break
        else:
            blocked = ", ".join(dict.fromkeys(f"`{s[0].name}`" for s in sequences))
            raise InconsistentMro(blocked)
        result.append(candidate)
        for s in sequences:
            if s and s[0] == candidate:
                del s[0]


class Linearizer:
    def __init__(self, env: ExplainEnv) -> None:
        self.env = env
        self.classes: dict[str, ast.ClassDef] = {}
        for statement in env.source.statements:
            if isinstance(statement, ast.ClassDef):
                self.classes[statement.name] = statement
        self._cache: dict[str, list[Klass]] = {}

    def of_class(self, node: ast.ClassDef, depth: int = 0) -> list[Klass]:
        if node.name in self._cache:
            return self._cache[node.name]
        if depth > 30:
            raise InconsistentMro("(inheritance too deep)")
        methods = frozenset(s.name for s in node.body if isinstance(s, _FUNCS))
        head = Klass(node.name, methods, node)
        parents = [self.of_base(base, depth) for base in node.bases]
        parents = [p for p in parents if p]
        mro = c3(head, parents) if parents else [head]
        if mro[-1].name != "object":
            mro.append(Klass("object", frozenset(dir(object))))
        self._cache[node.name] = mro
        return mro

    def of_base(self, base: ast.expr, depth: int) -> list[Klass]:
        if isinstance(base, ast.Subscript):  # Generic[T], Base[int]
            base = base.value
        if isinstance(base, ast.Name) and base.id in self.classes:
            return self.of_class(self.classes[base.id], depth + 1)
        imported = qualify(base, self.env.imports)
        qualified = imported or ast.unparse(base)
        if qualified in _RUNTIME_BASES:  # these build a subclass of a builtin
            qualified = _RUNTIME_BASES[qualified]
        if qualified.startswith("builtins."):
            value = getattr(builtins, qualified.split(".", 1)[1], None)
            if isinstance(value, type):
                return [Klass(k.__name__, frozenset(vars(k))) for k in value.__mro__]
        loaded = _loaded_class(imported) if imported else None
        if loaded is not None:
            return [_klass(k) for k in loaded.__mro__]
        resolved = self._jedi(base, imported)
        if resolved:
            return resolved
        return [Klass(ast.unparse(base), None), Klass("object", frozenset(dir(object)))]

    def _jedi(self, base: ast.expr, imported: str | None) -> list[Klass] | None:
        """The MRO of an imported class through jedi: by its qualified name when the
        imports give one (a two-line script, cached across files), else at its
        position in this file (a relative import, a class made by a call...)."""
        resolver = self.env.resolver
        if resolver is None:
            return None
        if imported is not None and not imported.startswith("."):
            entries = resolver.mro_of(imported)
        elif isinstance(base, ast.Name | ast.Attribute):
            source = self.env.source
            line, column = source.position(source.span(base)[1] - 1)
            entries = resolver.mro(source.text, source.path, line + 1, column)
        else:
            return None
        if not entries:
            return None
        # jedi's list is not always a linearisation (object may appear twice, with
        # typing-only bases after it): keep first occurrences, object last
        klasses: list[Klass] = []
        for entry in entries:
            short = entry.full_name.rsplit(".", 1)[-1]
            name = short if entry.module_name in ("builtins", "") else entry.full_name
            if short != "object" and all(k.name != name for k in klasses):
                klasses.append(Klass(name, None))
        return [*klasses, Klass("object", frozenset(dir(object)))]


def _loaded_class(qualified: str) -> type | None:
    """The class *qualified* names when its module is a standard-library module that
    this process has already imported (reading it runs no code: nothing is imported)."""
    parts = qualified.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            continue
        if parts[0] not in sys.stdlib_module_names:
            return None
        value: object = module
        for name in parts[cut:]:
            value = getattr(value, name, None)
        return value if isinstance(value, type) else None
    return None


def _klass(klass: type) -> Klass:
    if klass.__module__ == "builtins":
        return Klass(klass.__name__, frozenset(vars(klass)))
    return Klass(f"{klass.__module__}.{klass.__qualname__}", frozenset(vars(klass)))


def _chain(mro: list[Klass]) -> str:
    return " → ".join(f"`{k.name}`" for k in mro)


def _defines(klass: Klass, method: str) -> bool | None:
    return None if klass.methods is None else method in klass.methods


def next_definition(mro: list[Klass], after: int, method: str) -> str:
    for klass in mro[after + 1 :]:
        defines = _defines(klass, method)
        if defines is None:
            return f"`{klass.name}` (or a class after it; defined outside this file)"
        if defines:
            return f"`{klass.name}.{method}`"
    return f"nothing: no class after it defines `{method}` (`AttributeError`)"


def inherited(mro: list[Klass]) -> list[str]:
    """Where a call on an instance of ``mro[0]`` lands, for each method it inherits from
    a class of this file (``save`` → ``B.save``): dunders other than ``__init__`` are left
    out, and a method defined outside the file before it in the MRO stops the search."""
    reached: list[str] = []
    seen = set(mro[0].methods or ())
    for index, klass in enumerate(mro[1:-1], start=1):
        if klass.node is None:
            break  # defined outside this file: its methods are not known here
        for method in sorted(klass.methods or ()):
            if method in seen or (method.startswith("__") and method != "__init__"):
                continue
            seen.add(method)
            reached.append(f"`{method}()` runs `{mro[index].name}.{method}`")
    return reached


def _enclosing(path: tuple[ast.AST, ...]) -> tuple[ast.ClassDef | None, ast.AST | None]:
    for index in range(len(path) - 1, 0, -1):
        if isinstance(path[index], _FUNCS) and isinstance(path[index - 1], ast.ClassDef):
            return path[index - 1], path[index]  # type: ignore[return-value]
    return None, None


@explainer(kinds=("class-bases", "super-call", "dunder-method"), priority=0)
def mro_context(env: ExplainEnv) -> str | None:
    linearizer = Linearizer(env)
    header = env.target_of("class-bases")
    try:
        if header is not None and isinstance(header.node, _FUNCS):
            return _override_context(header.node, header.path, linearizer)
        if header is not None and isinstance(header.node, ast.ClassDef):
            mro = linearizer.of_class(header.node)
            text = f"MRO of `{header.node.name}` (C3): {_chain(mro)}"
            overrides = []
            for method in sorted(mro[0].methods or ()):
                if method.startswith("__") and method != "__init__":
                    continue
                for index, klass in enumerate(mro[1:-1], start=1):
                    if _defines(klass, method):
                        overrides.append(f"`{method}` overrides `{mro[index].name}.{method}`")
                        break
            if overrides:
                text += "\n\n" + "; ".join(overrides[:4]) + "."
            reached = inherited(mro)
            if reached:
                more = f" and {len(reached) - 6} more" if len(reached) > 6 else ""
                text += f"\n\nOn a `{mro[0].name}`: " + ", ".join(reached[:6]) + more + "."
            return text
        return _method_context(env, linearizer)
    except InconsistentMro as error:
        name = header.node.name if header is not None else "this class"  # type: ignore[attr-defined]
        return (
            f"⚠ No consistent MRO for `{name}`: C3 cannot order {error} — each must come "
            "before another that must come before it (a base listed before its own "
            "subclass, or two bases that order shared parents differently). Python raises "
            "`TypeError: Cannot create a consistent method resolution order (MRO)`."
        )


def _subclasses(
    linearizer: Linearizer, owner: ast.ClassDef
) -> Iterator[tuple[ast.ClassDef, list[Klass], int]]:
    """The other classes of the file whose MRO holds *owner*: each with its MRO and
    the position of *owner* in it (classes without a consistent MRO left out)."""
    for other in linearizer.classes.values():
        if other is owner:
            continue
        try:
            other_mro = linearizer.of_class(other)
        except InconsistentMro:
            continue
        names = [k.name for k in other_mro]
        if owner.name in names:
            yield other, other_mro, names.index(owner.name)


def _override_context(
    node: ast.FunctionDef | ast.AsyncFunctionDef, path: tuple[ast.AST, ...], linearizer: Linearizer
) -> str | None:
    """On the name of a method that overrides one of a base class of this file: which
    method it overrides, and the subclasses of the file whose instances reach another."""
    owner, _ = _enclosing(path)
    if owner is None:
        return None
    mro = linearizer.of_class(owner)
    found = next_definition(mro, 0, node.name)
    if found.startswith("nothing"):
        return None
    lines = [
        f"`{owner.name}.{node.name}` overrides {found}: `{node.name}()` on a `{owner.name}` "
        f"runs this one (MRO: {_chain(mro)})."
    ]
    for other, other_mro, _ in _subclasses(linearizer, owner):
        reached = next_definition(other_mro, -1, node.name)
        if reached != f"`{owner.name}.{node.name}`":
            lines.append(f"On a `{other.name}`, `{node.name}()` runs {reached} instead.")
    return "\n\n".join(lines[:4])


def _method_context(env: ExplainEnv, linearizer: Linearizer) -> str | None:
    target = env.target_of("super-call") or env.target_of("dunder-method")
    if target is None:
        return None
    owner, method_def = _enclosing(target.path)
    if owner is None or method_def is None or not owner.bases:
        return None
    method = method_def.name  # type: ignore[attr-defined]
    if isinstance(target.node, ast.Attribute):
        method = target.node.attr
    elif target.kind == "super-call":
        parent = next(
            (p for p in target.path if isinstance(p, ast.Attribute) and p.value is target.node),
            None,
        )
        method = parent.attr if parent is not None else method
    mro = linearizer.of_class(owner)
    if target.kind == "dunder-method":
        found = next_definition(mro, 0, method)
        if found.startswith("nothing"):
            return None
        return (
            f"`{owner.name}.{method}` overrides {found}; `super().{method}(...)` here reaches it."
        )
    lines = [f"`super().{method}` in `{owner.name}` runs {next_definition(mro, 0, method)} next "
             f"(MRO: {_chain(mro)})."]  # fmt: skip
    for other, other_mro, index in _subclasses(linearizer, owner):
        here = next_definition(other_mro, index, method)
        if here != next_definition(mro, 0, method):
            lines.append(f"For a `{other.name}` instance it runs {here} instead.")
    return "\n\n".join(lines[:4])
