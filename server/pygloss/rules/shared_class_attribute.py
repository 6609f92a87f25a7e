"""PG112: a mutable class attribute mutated through ``self``: one object for all instances.

``items = []`` in a class body creates one list that every instance reads through
``self.items``; ``self.items.append(x)`` changes it for all of them.  Silent when
the sharing is visibly deliberate or handled: a ``ClassVar`` annotation, access as
``ClassName.items`` / ``cls.items`` / ``type(self).items``, an instance attribute of
the same name assigned in a method, and dataclasses, attrs, pydantic models, enums,
named tuples and typed dicts.  Only instance methods count: the first parameter of a
classmethod, ``__new__``, ``__init_subclass__`` or ``__class_getitem__`` is a class,
and so is every method's in a metaclass (``class Meta(type)``), whose class-level
registries (``mcls.plugins[name] = cls``) are meant to be shared.

A warning when ``__init__`` empties or overwrites it (``clear()``, ``update()``,
``pop()``, ``x[0] = ...``, ``del``): setting up one instance then undoes what the others
see, which no design wants (CPython's ``smtpd.SMTPChannel.command_size_limits``,
cleared by each new channel; huey's ``SqliteStorage.ddl``, whose task-table slot one
storage rewrites for all).  An ``__init__`` that only adds to it (``append``, ``add``,
an item under a computed key) is a hint: that is the registry idiom as well as the
classic slip (peewee's ``SubclassAwareMetadata.models`` collects every model on
purpose), and the code does not say which.  Elsewhere
a hint: class-level state changed from ordinary methods is as often shared on
purpose (a lazily built lock, a lexer's state kept across instances for years) as
by mistake, and the code does not say which (28 installed packages: 0 of 4 such
findings judged worth acting on).  It is also a hint, with the reason, when the code
shows the sharing is the way the class uses the object: a memo table (every change
stores an item under a computed key, and the class reads items back, as pip's and
pytest's class-level caches do), or a fixed table whose existing keys are updated in
place (a dict display whose constant keys are the only ones written, numpy's
``executables``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._class_sharing import SHARED_HINTS, commented_as_shared, kept_on_purpose
from pygloss.rules._decorators import in_test_code
from pygloss.rules._resolve import own_nodes
from pygloss.rules._values import is_mutable
from pygloss.rules.base import Finding, Invalid, Rule, RuleContext, Severity, Valid

_MUTATORS = frozenset(
    [
        "append",
        "extend",
        "insert",
        "add",
        "update",
        "setdefault",
        "pop",
        "popitem",
        "remove",
        "discard",
        "clear",
        "appendleft",
        "extendleft",
        "popleft",
        "sort",
        "reverse",
    ]
)
_MANAGED_BASES = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic_settings.BaseSettings",
        "enum.Enum",
        "enum.IntEnum",
        "enum.StrEnum",
        "enum.Flag",
        "enum.IntFlag",
        "typing.NamedTuple",
        "typing.TypedDict",
        "typing_extensions.TypedDict",
        "django.db.models.Model",
    }
)
_MANAGED_DECORATORS = ("dataclasses.", "attr.", "attrs.", "pydantic.")
_MODEL_SUFFIXES = ("Model", "Schema", "Settings", "Enum")
# methods whose first parameter is the class, without a decorator saying so
_CLASS_FIRST = frozenset({"__new__", "__init_subclass__", "__class_getitem__"})
_METACLASSES = frozenset({"type", "builtins.type", "abc.ABCMeta", "enum.EnumMeta", "enum.EnumType"})


def _managed(ctx: RuleContext, klass: ast.ClassDef) -> bool:
    """A class whose attributes are turned into per-instance fields by a library."""
    for decorator in klass.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = ctx.qualified(target) or ""
        if name.startswith(_MANAGED_DECORATORS):
            return True
    for base in klass.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        name = ctx.qualified(target) or ""
        last = name.rsplit(".", 1)[-1] or getattr(target, "attr", "") or ""
        if name in _MANAGED_BASES or last.endswith(_MODEL_SUFFIXES) or last == "Base":
            return True
    return False


def _metaclass(ctx: RuleContext, klass: ast.ClassDef) -> bool:
    """A class whose instances are classes: it derives from ``type`` (or a metaclass
    named as one, ``...Meta``)."""
    for base in klass.bases:
        name = ctx.qualified(base) or ctx.source.segment(base)
        if name in _METACLASSES or name.rsplit(".", 1)[-1].endswith(("Meta", "Metaclass")):
            return True
    return False


def _class_level(klass: ast.ClassDef, ctx: RuleContext) -> dict[str, ast.stmt]:
    """Class attributes initialised to a mutable value (not ``ClassVar``)."""
    found: dict[str, ast.stmt] = {}
    for statement in klass.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            annotation = ctx.source.segment(statement.annotation)
            if "ClassVar" in annotation or "Final" in annotation:
                continue
            target, value = statement.target, statement.value
        else:
            continue
        if isinstance(target, ast.Name) and is_mutable(value, ctx):
            found[target.id] = statement
    return found


def _self_name(method: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The name of the instance in *method*; None when its first parameter is a class."""
    if method.name in _CLASS_FIRST:
        return None
    for decorator in method.decorator_list:
        if isinstance(decorator, ast.Name) and decorator.id in ("staticmethod", "classmethod"):
            return None
    params = method.args.posonlyargs + method.args.args
    return params[0].arg if params else None


def _attribute_of(node: ast.AST, owner: str) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr if node.value.id == owner else None
    return None


def _mutated(node: ast.AST, owner: str) -> str | None:
    """The attribute ``owner.<attr>`` that *node* mutates in place, if any."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _attribute_of(node.func.value, owner) if node.func.attr in _MUTATORS else None
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del):
        return _attribute_of(node.value, owner)
    if isinstance(node, ast.AugAssign):
        target = node.target
        inner = target.value if isinstance(target, ast.Subscript) else target
        return _attribute_of(inner, owner)
    return None


# mutators that take away or overwrite what is there (the others only add)
_RESETS = frozenset(
    ["update", "pop", "popitem", "remove", "discard", "clear", "popleft", "sort", "reverse"]
)


def _resets(node: ast.AST) -> bool:
    """A change that removes or overwrites what other instances put or read: a reset
    method, ``del x[k]``, or ``x[k] = ...`` with a constant key (a fixed slot)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in _RESETS
    if isinstance(node, ast.Subscript):
        return isinstance(node.ctx, ast.Del) or isinstance(node.slice, ast.Constant)
    return False


def _registers(node: ast.AST, owner: str | None) -> bool:
    """A mutation that stores the instance itself: the class-wide registry idiom."""
    return isinstance(node, ast.Call) and any(
        isinstance(arg, ast.Name) and arg.id == owner for arg in node.args
    )


class MutableClassAttribute(Rule):
    code = "PG112"
    name = "shared-mutable-class-attribute"
    message = "Mutable class attribute mutated through `self`: every instance shares it"
    topic = "pg112-shared-mutable-class-attribute"
    stubs = False  # a stub file never runs
    nodes = (ast.ClassDef,)
    statement_local = True  # audited: its class body and text, path, imports, qualified()

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.ClassDef)
        if in_test_code(ctx):
            return  # tests share state across instances on purpose (collecting calls...)
        candidates = {
            name: s
            for name, s in _class_level(node, ctx).items()
            if not any(hint in name.lower() for hint in SHARED_HINTS)
            and not commented_as_shared(ctx, s)
        }
        if not candidates:
            return
        body = ctx.source.segment(node)
        candidates = {name: s for name, s in candidates.items() if f".{name}" in body}
        if not candidates or _managed(ctx, node) or _metaclass(ctx, node):
            return
        mutated: dict[str, tuple[str, str]] = {}  # attribute -> (method, instance name)
        reset: set[str] = set()  # attributes `__init__` empties or overwrites
        changes: dict[str, list[ast.AST]] = {}  # attribute -> every node that changes it
        excluded: set[str] = set()
        for statement in node.body:
            if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            text = ctx.source.segment(statement)
            if not any(name in text for name in candidates):
                continue  # it cannot touch them: every node below names one it counts
            owner = _self_name(statement)
            augmented: set[int] = set()  # `self.x += ...` mutates first, then rebinds
            for inner in own_nodes(statement):
                if isinstance(inner, ast.AugAssign):
                    augmented.add(id(inner.target))
                if isinstance(inner, ast.Attribute) and id(inner) not in augmented:
                    value = inner.value
                    if isinstance(value, ast.Name) and value.id in (node.name, "cls"):
                        excluded.add(inner.attr)  # shared on purpose: Class.items, cls.items
                    elif isinstance(value, ast.Call) and getattr(value.func, "id", "") == "type":
                        excluded.add(inner.attr)
                    elif owner and isinstance(inner.ctx, ast.Store) and _attribute_of(inner, owner):
                        excluded.add(inner.attr)  # an instance attribute shadows it
                name = _mutated(inner, owner) if owner else None
                if name in candidates:
                    changes.setdefault(name, []).append(inner)
                if name in candidates and _registers(inner, owner):
                    excluded.add(name)  # `self.instances.append(self)`: a registry on purpose
                elif (
                    name in candidates
                    and owner
                    and (name not in mutated or statement.name == "__init__")
                ):
                    mutated[name] = (statement.name, owner)  # `__init__` wins
                if name in candidates and statement.name == "__init__" and _resets(inner):
                    reset.add(name)
        for name, (method, owner) in mutated.items():
            if name in excluded:
                continue
            statement = candidates[name]
            assert isinstance(statement, ast.Assign | ast.AnnAssign)
            target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
            message = (
                f"`{name}` is one object created with the class and shared by every instance: "
                f"`{method}` mutates it through `{owner}.{name}`, so changes show up in all "
                "instances"
            )
            why = kept_on_purpose(node, statement, name, changes.get(name, []))
            if why:
                message += f"; {why}, so the sharing may be intended"
                yield self.finding(ctx, target, message, severity=Severity.HINT)
            elif method == "__init__" and name in reset:  # one instance's set-up undoes
                fresh = f"give each instance its own in `__init__` (`{owner}.{name} = ...`)"
                yield self.finding(ctx, target, f"{message}; {fresh}")
            elif method == "__init__":  # only adds: a registry of them all, or a slip
                message += (
                    "; each new instance adds to the same object, which a registry of all "
                    f"instances does on purpose; if each needs its own, assign `{owner}.{name}` "
                    "in `__init__`"
                )
                yield self.finding(ctx, target, message, severity=Severity.HINT)
            else:
                message += (
                    f"; if each instance needs its own, assign `{owner}.{name}` in `__init__`"
                )
                yield self.finding(ctx, target, message, severity=Severity.HINT)

    VALID = [
        Valid(
            "class Cart:\n    def __init__(self):\n        self.items = []\n\n"
            "    def add(self, x):\n        self.items.append(x)\n",
        ),
        # the comment says the sharing is the point (ecosystem: tornado's IOLoop keeps
        # strong references to every pending task; idlelib's cached screen sizes)
        Valid(
            "class IOLoop:\n"
            "    # a set of all pending tasks, so that each has a strong reference\n"
            "    _pending_tasks = set()\n\n"
            "    def _register_task(self, f):\n        self._pending_tasks.add(f)\n",
        ),
        Valid(
            "class ZoomHeight:\n    # Cached values, one for each set of screen dimensions.\n"
            "    _sizes = {}\n\n"
            "    def size(self, key):\n        self._sizes[key] = measure(key)\n",
        ),
        Valid(
            "from typing import ClassVar\n\nclass Plugin:\n    registry: ClassVar[list] = []\n\n"
            "    def register(self):\n        self.registry.append(self)\n",
        ),
        Valid(
            "class Plugin:\n    registry = []\n\n    def register(self):\n"
            "        Plugin.registry.append(self)\n        self.registry.append(self)\n",
        ),
        Valid(
            "class Cart:\n    items = []\n\n    def __init__(self):\n        self.items = []\n\n"
            "    def add(self, x):\n        self.items.append(x)\n",
        ),
        Valid(
            "from dataclasses import dataclass, field\n\n@dataclass\nclass Cart:\n"
            "    items: list = field(default_factory=list)\n\n"
            "    def add(self, x):\n        self.items.append(x)\n",
        ),
        Valid(
            "class Config:\n    DEFAULTS = {'a': 1}\n\n    def get(self, k):\n"
            "        return self.DEFAULTS.get(k)\n"
        ),
        Valid(
            "from pydantic import BaseModel\n\nclass Cart(BaseModel):\n    items: list = []\n\n"
            "    def add(self, x):\n        self.items.append(x)\n",
        ),
        Valid(  # a metaclass's registry: its instances are classes, shared on purpose
            "class PluginMeta(type):\n    plugins = {}\n\n"
            "    def __new__(mcls, name, bases, ns):\n"
            "        cls = super().__new__(mcls, name, bases, ns)\n"
            "        mcls.plugins[name] = cls\n        return cls\n\n"
            "    def forget(self, name):\n        self.plugins.pop(name)\n",
        ),
        Valid(
            "import abc\n\nclass Registry(abc.ABCMeta):\n    seen = []\n\n"
            "    def __init__(cls, name, bases, ns):\n        super().__init__(name, bases, ns)\n"
            "        cls.seen.append(name)\n",
        ),
        Valid(  # the first parameter of these is the class, whatever its name
            "class Node:\n    kinds = []\n\n    def __init_subclass__(klass, **kw):\n"
            "        klass.kinds.append(klass.__name__)\n\n"
            "    def __new__(klass, *args):\n        klass.kinds.append(args)\n"
            "        return super().__new__(klass)\n\n"
            "    @classmethod\n    def reset(klass):\n        klass.kinds.clear()\n",
        ),
    ]
    INVALID = [
        # set up by `__init__`: each new instance changes what all of them see
        Invalid(
            "class Channel:\n    limits = {}\n\n    def __init__(self, size):\n"
            "        self.limits.clear()\n        self.limits['line'] = size\n",
        ),
        Invalid(  # one storage's option rewrites the schema of all (huey's ddl)
            "class Storage:\n    ddl = ['create table kv', 'create table task']\n\n"
            "    def __init__(self, strict):\n        if strict:\n"
            "            self.ddl[1] = 'create table task autoincrement'\n",
        ),
        # `__init__` only adds: the registry idiom, or the classic slip; a hint (peewee's
        # SubclassAwareMetadata.models collects every model's metadata on purpose)
        Invalid(
            "class Cart:\n    items = []\n\n    def __init__(self, first):\n"
            "        self.items.append(first)\n",
            severity="hint",
        ),
        # changed by other methods: shared on purpose as often as not, a hint
        Invalid(
            "class Cart:\n    items = []\n\n    def add(self, x):\n        self.items.append(x)\n",
            severity="hint",
        ),
        Invalid(
            "class Cache:\n    store: dict = {}\n\n"
            "    def put(self, k, v):\n        self.store[k] = v\n",
            severity="hint",
        ),
        Invalid(
            "class Tags:\n    seen = set()\n\n"
            "    def mark(self, tag):\n        self.seen |= {tag}\n",
            severity="hint",
        ),
        Invalid(
            "class Log:\n    lines = list()\n\n    async def write(me, line):\n"
            "        if line:\n            me.lines.extend([line])\n",
            severity="hint",
        ),
        Invalid(
            "class Counter:\n    counts = {}\n\n    def bump(self, k):\n"
            "        self.counts[k] += 1\n",
            severity="hint",
        ),
        # the way the class uses it says the sharing may be intended: hints
        Invalid(
            "class Source:\n    _by_path: dict = {}\n\n    def __init__(self, path):\n"
            "        if path not in self._by_path:\n            self._by_path[path] = load(path)\n"
            "        self.data = self._by_path[path]\n",
            severity="hint",
        ),
        Invalid(
            "class Compiler:\n    executables = {'version_cmd': None, 'linker': ['ld']}\n\n"
            "    def update(self):\n        self.executables['version_cmd'] = ['cc', '-V']\n",
            severity="hint",
        ),
        # near-misses: a constant key that is not in the display, a key never read back
        Invalid(
            "class Compiler:\n    executables = {'linker': ['ld']}\n\n"
            "    def update(self):\n        self.executables['version_cmd'] = ['cc', '-V']\n",
            severity="hint",
        ),
        Invalid(
            "class Lexer:\n    state = {}\n\n    def push(self, key, value):\n"
            "        self.state[key] = value\n",
            severity="hint",
        ),
    ]
