"""Context for class bases and ``super()``: the MRO (C3) and where a lookup lands.

The MRO comes from :mod:`.classes`: classes of this file and of the modules it
imports are linearised from their ``class`` statements, builtins and classes of
standard-library modules this process has already imported from the interpreter's
own ``__mro__``.  Where a base cannot be resolved the MRO is shown as far as it is
certain and the hover says where knowledge stops and why, instead of guessing.

On a class header the hover lists the MRO, the methods it overrides and, for
each method inherited from a class of this file, the class whose method a call on
an instance reaches; on the name of a method that overrides one of a base class of
this file, the method it overrides and the subclasses that reach another; on
``super()`` inside a method it names the class whose method runs next (for an
instance of this class, and for subclasses in the file whose MRO differs); on a
special method it names the method it overrides.  A C3 failure is explained, as
``TypeError`` would say it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from pygloss.engine.explainers import ExplainEnv, explainer
from pygloss.engine.explainers.classes import OBJECT, Classes, InconsistentMro, Klass, Mro

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
OBJECT_NAMES = OBJECT.methods or frozenset()


def chain(mro: Mro) -> str:
    names = " → ".join(f"`{k.name}`" for k in mro.classes)
    return names if mro.complete else names + " → …"


def stop_note(mro: Mro) -> str:
    """Where knowledge of *mro* stops, and what else it is known to hold."""
    if mro.complete:
        return ""
    last = mro.classes[-1]
    text = f"After `{last.name}` the order is not known: {mro.stop}."
    rest = [k for k in mro.rest if k.name != "object"]
    if rest:
        text += " Later come " + ", ".join(f"`{k.name}`" for k in rest[:4])
        text += " (in an order that depends on it) and `object`."
    return text


@dataclass(frozen=True)
class Lookup:
    """Where a method lookup along an MRO lands.  *definer*: the first class whose source
    defines it; *doubt*: an earlier class that may hold it without its source showing
    it (a decorator, metaclass or ``__init_subclass__`` may add methods); *unknown*: the
    class after which the MRO is not known, when the lookup got that far."""

    method: str
    definer: Klass | None = None
    doubt: Klass | None = None
    unknown: Klass | None = None
    checked: tuple[Klass, ...] = ()  # read, and their source does not define it

    @property
    def none(self) -> bool:
        """The first class that defines it binds it to ``None`` (``__hash__ = None``, or
        set by ``type`` for a class with ``__eq__`` and no ``__hash__``)."""
        return self.definer is not None and self.method in self.definer.nulled

    @property
    def nothing(self) -> bool:
        """Certainly found nowhere: the lookup raises ``AttributeError``."""
        return self.definer is None and self.doubt is None and self.unknown is None

    def target(self) -> str:
        """``D.m`` with its caveat, or a sentence saying it is not known."""
        m = self.method
        if self.definer is not None:
            found = f"`{self.definer.name}.{m}`" + (" (which is `None`)" if self.none else "")
            if self.doubt is None:
                return found
            return f"{found}, unless `{self.doubt.name}` or a class between them has its own `{m}`"
        if self.unknown is not None and self.unknown.unknown is not None:
            return f"`{self.unknown.name}` or a class after it, not known here"
        if self.unknown is not None:
            return f"a class after `{self.unknown.name}`, not known here"
        return (
            f"`{m}` of `{self.doubt.name}` or a class after it, if one has it" if self.doubt else ""
        )

    def why(self) -> str:
        """What keeps the answer from being certain (empty when it is certain)."""
        reasons = []
        if self.doubt is not None:
            reasons.append(f"`{self.doubt.name}` may hold methods its source does not show "
                           "(from a decorator, a metaclass or `__init_subclass__`)")  # fmt: skip
        if self.unknown is not None and self.unknown.unknown is not None:
            reasons.append(f"`{self.unknown.name}` is not known here")
        elif self.unknown is not None:
            reasons.append(f"the MRO is not known after `{self.unknown.name}`")
        return "; ".join(reasons)

    def searched(self) -> str:
        """Why no answer was found: the classes read, and what stopped the search."""
        names = [f"`{k.name}`" for k in self.checked]
        if len(names) > 4:
            names = [names[0], "…", names[-1]]
        read = ""
        if len(names) > 1:
            read = f"none of {', '.join(names)} defines `{self.method}` in its source"
        elif names:
            read = f"{names[0]} does not define `{self.method}` in its source"
        why = self.why()
        return f"{read}, and {why}" if read and why else read or why

    def fallback(self) -> str:
        """``object``'s method, which ends every MRO, when it has one."""
        return f"`object.{self.method}`" if self.method in OBJECT_NAMES else ""


def next_definition(mro: Mro, after: int, method: str) -> Lookup:
    """Where a lookup of *method* that starts after ``mro.classes[after]`` lands."""
    doubt: Klass | None = None
    checked: list[Klass] = []
    for klass in mro.classes[after + 1 :]:
        if klass.unknown is not None:
            return Lookup(method, None, doubt, klass, tuple(checked))
        defines = klass.defines(method)
        if defines:
            return Lookup(method, klass, doubt)
        if defines is None and doubt is None:
            doubt = klass
        checked.append(klass)
    unknown = mro.classes[-1] if not mro.complete else None
    return Lookup(method, None, doubt, unknown, tuple(checked))


def inherited(mro: Mro) -> list[str]:
    """Where a call on an instance of the head lands, for each method it inherits from
    a class of this file (``save`` → ``B.save``): dunders other than ``__init__`` are
    left out, and a class not of this file, or that may hold more than its source
    shows, ends the search.  Nothing for a decorated class or one whose metaclass or
    inherited ``__init_subclass__`` may add methods; when a class of its MRO is not
    known, the last entry says that it might."""
    head = mro.classes[0]
    node = head.node
    if node is None or node.decorator_list or head.hooks is True:
        return []
    reached: list[str] = []
    seen = set(head.methods or ())
    for klass in mro.classes[1:]:
        if not klass.local or klass.node is None or klass.methods is None:
            break
        for method in sorted(_defs(klass.node)):
            if method in seen or (method.startswith("__") and method != "__init__"):
                continue
            seen.add(method)
            reached.append(f"`{method}()` runs `{klass.name}.{method}`")
        seen |= klass.methods
        if not klass.complete or klass.maybe:
            break
    if reached and head.hooks is None:
        unknown = next((k.name for k in mro.classes if k.unknown is not None), None)
        source = f"`{unknown}`" if unknown else "a class it inherits from"
        reached.append(
            f"unless {source}, not known here, adds its own to `{head.name}` (with a "
            "metaclass or `__init_subclass__`)"
        )
    return reached


def _defs(node: ast.ClassDef) -> list[str]:
    return [s.name for s in node.body if isinstance(s, _FUNCS)]


def _ancestors(path: tuple[ast.AST, ...], node: ast.AST) -> tuple[ast.AST, ...]:
    for index, candidate in enumerate(path):
        if candidate is node:
            return path[:index]
    return ()


def _enclosing(path: tuple[ast.AST, ...]) -> tuple[ast.ClassDef | None, ast.AST | None, int]:
    for index in range(len(path) - 1, 0, -1):
        if isinstance(path[index], _FUNCS) and isinstance(path[index - 1], ast.ClassDef):
            return path[index - 1], path[index], index - 1  # type: ignore[return-value]
    return None, None, -1


@explainer(kinds=("class-bases", "super-call", "dunder-method"), priority=0)
def mro_context(env: ExplainEnv) -> str | None:
    classes = Classes(env.source)
    header = env.target_of("class-bases")
    try:
        if header is not None and isinstance(header.node, _FUNCS):
            return _override_context(header.node, header.path, classes)
        if header is not None and isinstance(header.node, ast.ClassDef):
            return _header_context(header.node, _ancestors(header.path, header.node), classes)
        return _method_context(env, classes)
    except InconsistentMro as error:
        name = header.node.name if header is not None else "this class"  # type: ignore[attr-defined]
        return (
            f"⚠ No consistent MRO for `{name}`: C3 cannot order {error} — each must come "
            "before another that must come before it (a base listed before its own "
            "subclass, or two bases that order shared parents differently). Python raises "
            "`TypeError: Cannot create a consistent method resolution order (MRO)`."
        )


def _header_context(node: ast.ClassDef, ancestors: tuple[ast.AST, ...], classes: Classes) -> str:
    mro = classes.mro(node, ancestors)
    text = f"MRO of `{node.name}` (C3): {chain(mro)}"
    note = stop_note(mro)
    if note:
        text += "\n\n" + note
    overrides = []
    for method in sorted(_defs(node)):
        if method.startswith("__") and method != "__init__":
            continue
        for klass in mro.classes[1:]:
            defines = klass.defines(method)
            if defines is None:
                break
            if defines:
                overrides.append(f"`{method}` overrides `{klass.name}.{method}`")
                break
    if overrides:
        text += "\n\n" + "; ".join(overrides[:4]) + "."
    reached = inherited(mro)
    if reached:
        caveat = reached.pop() if reached[-1].startswith("unless ") else None
        more = f" and {len(reached) - 6} more" if len(reached) > 6 else ""
        text += f"\n\nOn a `{node.name}`: " + ", ".join(reached[:6]) + more
        text += f" — {caveat}." if caveat else "."
    return text


def _subclasses(classes: Classes, owner: ast.ClassDef) -> Iterator[tuple[ast.ClassDef, Mro, int]]:
    """The other top-level classes of the file whose MRO holds *owner*: each with its
    MRO and the position of *owner* in it (classes without a consistent MRO left out)."""
    for other in classes.source.statements:
        if not isinstance(other, ast.ClassDef) or other is owner:
            continue
        try:
            other_mro = classes.mro(other)
        except InconsistentMro:
            continue
        for index, klass in enumerate(other_mro.classes):
            if klass.node is owner:
                yield other, other_mro, index
                break


def _override_context(
    node: ast.FunctionDef | ast.AsyncFunctionDef, path: tuple[ast.AST, ...], classes: Classes
) -> str | None:
    """On the name of a method that overrides one of a base class of this file: which
    method it overrides, and the subclasses of the file whose instances reach another."""
    owner, _, index = _enclosing(path)
    if owner is None:
        return None
    mro = classes.mro(owner, path[:index])
    found = next_definition(mro, 0, node.name)
    if found.definer is None:
        return None
    lines = [
        f"`{owner.name}.{node.name}` overrides {found.target()}: `{node.name}()` on a "
        f"`{owner.name}` runs this one (MRO: {chain(mro)})."
    ]
    for other, other_mro, _ in _subclasses(classes, owner):
        reached = next_definition(other_mro, -1, node.name)
        if reached.definer is None or reached.definer.node is not owner or reached.doubt:
            lines.append(f"On a `{other.name}`, `{node.name}()` runs {_runs(reached)} instead.")
    return "\n\n".join(lines[:4])


def _runs(lookup: Lookup) -> str:
    if lookup.nothing:
        return f"nothing (no class defines `{lookup.method}`: `AttributeError`)"
    text = lookup.target()
    return text + (f" ({lookup.why()})" if lookup.why() and lookup.definer is None else "")


def _method_context(env: ExplainEnv, classes: Classes) -> str | None:
    target = env.target_of("super-call") or env.target_of("dunder-method")
    if target is None:
        return None
    owner, method_def, index = _enclosing(target.path)
    if owner is None or method_def is None or not owner.bases:
        return None
    method = method_def.name  # type: ignore[attr-defined]
    call = target.node.value if isinstance(target.node, ast.Attribute) else target.node
    if isinstance(call, ast.Call) and call.args:  # super(C, self): only for C itself
        first = call.args[0]
        if not (isinstance(first, ast.Name) and first.id == owner.name):
            return None
    if isinstance(target.node, ast.Attribute):
        method = target.node.attr
    elif target.kind == "super-call":
        parent = next(
            (p for p in target.path if isinstance(p, ast.Attribute) and p.value is target.node),
            None,
        )
        method = parent.attr if parent is not None else method
    mro = classes.mro(owner, target.path[:index])
    found = next_definition(mro, 0, method)
    if target.kind == "dunder-method":
        return _dunder_override(owner.name, found)
    lines = [_super_sentence(owner.name, found, mro)]
    for other, other_mro, position in _subclasses(classes, owner):
        here = next_definition(other_mro, position, method)
        if (here.definer, here.doubt, here.unknown) != (found.definer, found.doubt, found.unknown):
            lines.append(f"For a `{other.name}` instance it runs {_runs(here)} instead.")
    return "\n\n".join(lines[:4])


def _dunder_override(owner: str, found: Lookup) -> str | None:
    m = found.method
    if found.nothing:
        return None
    if found.none and found.doubt is None:
        assert found.definer is not None
        definer = found.definer.name
        if m == "__hash__":
            return (
                f"`{owner}.__hash__` overrides `{definer}.__hash__`, which is `None` "
                f"(instances of `{definer}` are unhashable): this definition makes `{owner}` "
                "instances hashable again, and `super().__hash__()` here would raise "
                "`TypeError`."
            )
        return (
            f"`{owner}.{m}` overrides `{definer}.{m}`, which is `None` (`{definer}` turns "
            f"the operation off): `super().{m}(...)` here would raise `TypeError`."
        )
    if found.definer is not None:
        return f"`{owner}.{m}` overrides {found.target()}; `super().{m}(...)` here reaches it."
    fallback = found.fallback()
    if fallback:
        return (
            f"Which `{m}` `{owner}.{m}` overrides is not known: {found.searched()}; it is "
            f"{fallback} unless a class before `object` in the MRO has its own."
        )
    return f"Whether `{owner}.{m}` overrides another `{m}` is not known: {found.searched()}."


def _super_sentence(owner: str, found: Lookup, mro: Mro) -> str:
    m = found.method
    if found.nothing:
        return (
            f"`super().{m}` in `{owner}` finds no `{m}`: no class after `{owner}` in its MRO "
            f"defines it, so the call raises `AttributeError` (MRO: {chain(mro)})."
        )
    if found.none and found.doubt is None:
        assert found.definer is not None
        return (
            f"`super().{m}` in `{owner}` finds `{found.definer.name}.{m}`, which is `None`: "
            f"calling it raises `TypeError` (MRO: {chain(mro)})."
        )
    if found.definer is not None:
        return f"`super().{m}` in `{owner}` runs {found.target()} next (MRO: {chain(mro)})."
    fallback = found.fallback()
    unless = f"; it is {fallback} unless a class before `object` has its own" if fallback else ""
    return (
        f"What `super().{m}` in `{owner}` runs is not known: {found.searched()}{unless} "
        f"(MRO: {chain(mro)})."
    )


__all__ = ["Klass", "Lookup", "chain", "inherited", "mro_context", "next_definition"]
