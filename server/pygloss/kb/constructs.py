"""The construct vocabulary: the syntax kinds that knowledge topics trigger on.

Each key is a construct kind a topic may list in its ``constructs`` field; each value
is that kind's docstring, shown by ``pygloss kb`` and used by the hover recogniser
(``pygloss.engine.constructs``) to name what it found.  This module is the single
source of truth: the loader rejects a topic naming a kind that is not here.

A topic about one special method lists ``dunder-method:<name>`` (``dunder-method:__new__``):
on ``def __new__`` the hover shows it before the general ``dunder-method`` topic.
"""

from __future__ import annotations

import re

CONSTRUCTS: dict[str, str] = {
    "decorator": "A single `@expr` line above a def or class: bare `@x` applies x to the "
    "function; called `@x(...)` first calls x(...) and applies the result.",
    "decorator-stack": "Several decorators on one def/class: applied bottom-up, so the one "
    "nearest the def wraps first and the top one wraps last.",
    "async-def": "`async def`: calling it returns a coroutine object; the body runs only "
    "when the coroutine is awaited or scheduled as a task.",
    "await": "`await expr`: suspends the current coroutine until the awaitable finishes.",
    "async-with": "`async with`: an asynchronous context manager (`__aenter__`/`__aexit__`).",
    "async-for": "`async for`: iterates an asynchronous iterator (`__aiter__`/`__anext__`).",
    "yield": "`yield` in a def makes it a generator function.",
    "yield-from": "`yield from it`: delegates to a sub-iterator/generator and returns its "
    "return value.",
    "generator-expression": "`(expr for x in it)`: a lazy, single-use iterator.",
    "list-comprehension": "`[expr for x in it]`: builds a list eagerly, in its own scope.",
    "dict-comprehension": "`{k: v for x in it}`: builds a dict eagerly.",
    "set-comprehension": "`{expr for x in it}`: builds a set eagerly.",
    "lambda": "`lambda args: expr`: an anonymous function of one expression.",
    "with": "`with cm as x:`: a context manager's `__enter__`/`__exit__` around a block.",
    "try": "`try:` block whose exceptions are handled by except/else/finally clauses.",
    "except": "`except E as e:` clause (and `except*` for exception groups).",
    "else-clause": "`else:` on try (runs when no exception), for/while (runs when the loop "
    "ended without `break`).",
    "finally": "`finally:` runs on every exit from the try block, even return/break.",
    "raise-from": "`raise X from Y`: sets `__cause__` (explicit chaining); `from None` "
    "hides the context.",
    "global": "`global x`: assignments in this function bind the module-level name.",
    "nonlocal": "`nonlocal x`: assignments bind the name in the nearest enclosing function.",
    "star-args": "`*args` in a def collects extra positional arguments; in a call it "
    "unpacks an iterable into positional arguments.",
    "star-kwargs": "`**kwargs` in a def collects extra keyword arguments; in a call it "
    "unpacks a mapping into keyword arguments.",
    "star-unpacking": "`first, *rest = seq`, `[*a, *b]`, `{**a, **b}`: starred unpacking in "
    "assignments and displays.",
    "walrus": "`name := expr`: an assignment expression.",
    "compare-is": "`is` / `is not`: identity comparison, not equality.",
    "compare-none": "`== None` / `!= None`: equality with None (use `is None`).",
    "chained-comparison": "`a < b < c`: means `a < b and b < c`, evaluating b once.",
    "slice": "`seq[start:stop:step]`, including the shallow copy `seq[:]`.",
    "augmented-assign": "`x += y`: in place for mutable objects (lists), rebinding for "
    "immutable ones.",
    "floor-div-mod": "`//`, `%` and `divmod`: floor division and the matching remainder.",
    "bool-op-default": "`x = x or default`: replaces every falsy value, not only None.",
    "f-string": "`f'...{expr!r:spec}...'`: formatted string literal.",
    "class-bases": "`class C(A, B):` bases and the method resolution order (C3).",
    "metaclass-keyword": "`class C(metaclass=M):` the class object is built by M.",
    "dunder-method": "A special method such as `__init__`, `__new__`, `__call__`, "
    "`__enter__`/`__exit__`, `__iter__`/`__next__`, `__eq__`/`__hash__`.",
    "super-call": "`super()`: the next class in the MRO of the instance's type.",
    "property": "`@property`: a computed attribute with optional setter/deleter.",
    "staticmethod": "`@staticmethod`: a function in a class namespace, no implicit first argument.",
    "classmethod": "`@classmethod`: receives the class (`cls`) as the first argument.",
    "abstractmethod": "`@abstractmethod`: must be overridden before the class can be "
    "instantiated (needs ABC/ABCMeta).",
    "main-guard": "`if __name__ == '__main__':` runs only when the file is executed as a "
    "script or with `python -m`.",
    "slots": "`__slots__ = (...)` in a class body: instances get exactly those attributes "
    "and no per-instance `__dict__`.",
    "dunder-all": "`__all__ = [...]`: the names `from module import *` exports.",
    "mutable-default": "A mutable default value (`[]`, `{}`, `set()`) in a def: evaluated "
    "once, when the def runs, and shared by every call.",
    "match": "`match`/`case`: structural pattern matching (3.10+).",
    "type-params": "PEP 695 type parameters: `def f[T]`, `class C[T]`, `type X = ...` (3.12+).",
    "del": "`del x`: unbinds a name or deletes an item/attribute; it does not free memory "
    "directly.",
    "assert": "`assert cond, msg`: removed when Python runs with `-O`.",
    "import": "`import x`, `from x import y`, relative imports and `from x import *`.",
}


# ``dunder-method:__eq__``: the topic about one special method (shown first on its def).
_QUALIFIED = re.compile(r"^dunder-method:__[a-z][a-z0-9_]*[a-z0-9]__$")


def is_construct(kind: str) -> bool:
    """True when *kind* belongs to the vocabulary, or names one special method
    (``dunder-method:__eq__``)."""
    return kind in CONSTRUCTS or _QUALIFIED.match(kind) is not None


def special_method_kind(name: str) -> str:
    """The construct kind of the topic about special method *name* (``__eq__``)."""
    return f"dunder-method:{name}"
