"""Context from enclosing sections: what an unqualified name in a section refers to.

Notes rarely qualify what they use.  A bullet ``chain(*iterables)`` under a heading
"Itertools" is ``itertools.chain``; ``s.add(x)`` under "Sets" is ``set.add``;
``car.setdefault(...)`` under "Dicts" is ``dict.setdefault``; ``session.expire(user)``
under "SQLAlchemy" is the ORM session's method; ``<str>.strip()`` (a placeholder in
a cheat sheet) is ``str.strip``.  A :class:`Context` holds what a section's heading
and its ancestors' headings name — modules and types — and the packages the notes
file imports, and :meth:`Context.resolve` qualifies a dotted name that the imports
could not:

1. a **receiver named like its type** (:data:`RECEIVERS`: ``session``, ``engine``,
   ``mocker``, ``monkeypatch``, ``loop``, ``app``, ``router``, ``logger``, ``mock_*``),
   when the package it belongs to is in context (``session`` is an SQLAlchemy session
   only in SQLAlchemy notes); the same table types these names under the cursor
   (:mod:`.hover`), where the file's imports are the context;
2. a **placeholder** ``<list>``, ``<str>``, ``<Match>``: the builtin type, or a class of
   a module in context;
3. a **receiver of a type in context**: ``car.setdefault`` under "Dicts" when
   ``dict`` has ``setdefault``;
4. a **member of a module in context**: ``chain`` under "Itertools" when
   ``itertools`` has ``chain``.

Only a fixed list of standard-library modules (:data:`INTROSPECTED`) is looked
into (imported once, on first use; none has side effects); a third-party package
named unambiguously by a heading (``SQLAlchemy``, ``FastAPI``) gives its
unqualified names a *guessed* qualification ``package.name``, which :mod:`.match`
compares by package and last component only.
"""

from __future__ import annotations

import builtins
import functools
import importlib
import re
import types
from collections.abc import Iterable
from dataclasses import dataclass

from pygloss.engine.names import CALL_RESULTS

INTROSPECTED = frozenset(
    [
        "itertools",
        "functools",
        "collections",
        "collections.abc",
        "typing",
        "enum",
        "dataclasses",
        "abc",
        "contextlib",
        "operator",
        "math",
        "statistics",
        "random",
        "string",
        "re",
        "os",
        "os.path",
        "sys",
        "json",
        "copy",
        "heapq",
        "bisect",
        "datetime",
        "time",
        "pathlib",
        "logging",
        "asyncio",
        "unittest",
        "unittest.mock",
        "shutil",
        "subprocess",
        "threading",
        "queue",
        "textwrap",
        "decimal",
        "fractions",
        "csv",
        "pickle",
        "struct",
        "array",
        "io",
        "tempfile",
        "inspect",
        "types",
        "weakref",
        "traceback",
        "warnings",
        "pprint",
        "secrets",
        "uuid",
        "hashlib",
        "base64",
        "glob",
        "fnmatch",
        "argparse",
        "sqlite3",
        "zipfile",
        "concurrent.futures",
        "numbers",
        "timeit",
    ]
)
BUILTIN_TYPES = frozenset(
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and not issubclass(value, BaseException)
)


@dataclass(frozen=True)
class Receiver:
    """A variable name that stands for an instance of *type* when *packages* are in
    context (any context when empty)."""

    type: str
    packages: tuple[str, ...] = ()


RECEIVERS: dict[str, tuple[Receiver, ...]] = {
    "session": (Receiver("sqlalchemy.orm.Session", ("sqlalchemy", "sqlmodel")),),
    "db_session": (Receiver("sqlalchemy.orm.Session", ("sqlalchemy", "sqlmodel")),),
    "engine": (Receiver("sqlalchemy.Engine", ("sqlalchemy", "sqlmodel")),),
    "mocker": (Receiver("pytest_mock.MockerFixture"),),
    "monkeypatch": (Receiver("pytest.MonkeyPatch"),),
    "loop": (Receiver("asyncio.AbstractEventLoop", ("asyncio",)),),
    "app": (Receiver("fastapi.FastAPI", ("fastapi",)), Receiver("flask.Flask", ("flask",))),
    "router": (Receiver("fastapi.APIRouter", ("fastapi",)),),
    "conn": (
        Receiver("sqlalchemy.Connection", ("sqlalchemy", "sqlmodel")),
        Receiver("sqlite3.Connection", ("sqlite3",)),
    ),
    "connection": (
        Receiver("sqlalchemy.Connection", ("sqlalchemy", "sqlmodel")),
        Receiver("sqlite3.Connection", ("sqlite3",)),
    ),
    "logger": (Receiver("logging.Logger", ("logging",)),),
    "file": (Receiver("io.IOBase"),),
    "fh": (Receiver("io.IOBase"),),
    "fp": (Receiver("io.IOBase"),),
    "error": (Receiver("builtins.Exception"),),
    "exc": (Receiver("builtins.Exception"),),
    "log": (Receiver("logging.Logger", ("logging",)),),
}
# methods (and attributes) whose result is an instance of the same class
SELF_RETURNING = {
    "pathlib.Path": frozenset(
        [
            "resolve",
            "absolute",
            "parent",
            "with_name",
            "with_suffix",
            "with_stem",
            "joinpath",
            "relative_to",
            "expanduser",
            "home",
            "cwd",
            "__truediv__",
        ]
    ),
}
_CLASS_RESULTS = {
    "builtins.open": "io.IOBase",  # a file object, text or binary
    "csv.writer": "csv.writer",  # the writer objects have no public class
    "csv.reader": "csv.reader",
    "pathlib.Path.open": "io.IOBase",
    "pathlib.Path.home": "pathlib.Path",
    "pathlib.Path.cwd": "pathlib.Path",
    "re.search": "re.Match",
    "re.match": "re.Match",
    "re.fullmatch": "re.Match",
    "re.compile": "re.Pattern",
    "re.Pattern.search": "re.Match",
    "re.Pattern.match": "re.Match",
    "re.Pattern.fullmatch": "re.Match",
    "datetime.datetime.now": "datetime.datetime",
    "datetime.datetime.utcnow": "datetime.datetime",
    "datetime.datetime.fromisoformat": "datetime.datetime",
    "datetime.datetime.fromtimestamp": "datetime.datetime",
    "datetime.datetime.strptime": "datetime.datetime",
    "datetime.date.today": "datetime.date",
    "datetime.date.fromisoformat": "datetime.date",
    "sqlite3.connect": "sqlite3.Connection",
    "sqlite3.Connection.execute": "sqlite3.Cursor",
    "sqlite3.Connection.cursor": "sqlite3.Cursor",
    "sqlite3.Cursor.execute": "sqlite3.Cursor",
    # iterators with no public class: what a for loop over them binds (`.__next__`)
    "os.scandir": "os.scandir",
    "os.scandir.__next__": "os.DirEntry",
    "pathlib.Path.iterdir": "pathlib.Path.iterdir",
    "pathlib.Path.iterdir.__next__": "pathlib.Path",
    "pathlib.Path.glob": "pathlib.Path.glob",
    "pathlib.Path.glob.__next__": "pathlib.Path",
    "pathlib.Path.rglob": "pathlib.Path.rglob",
    "pathlib.Path.rglob.__next__": "pathlib.Path",
    "sqlite3.Cursor.__next__": "builtins.tuple",
}
_MOCK_PACKAGES = ("unittest", "mock", "pytest_mock")
_MOCK_NAME = re.compile(r"^(?:mock|mocked|mock_\w+|\w+_mock|mocked_\w+)$")
MOCK_TYPE = "unittest.mock.MagicMock"
PLACEHOLDER = "_pl_"  # <list> in a cheat sheet is read as the name _pl_list


def call_result(callee: str) -> str | None:
    """The type an instance a call of *callee* (qualified) returns, when known: a class
    (its last part capitalized) gives an instance of itself; the factories the hover
    knows (``logging.getLogger``, ``sqlalchemy.create_engine``) theirs; a method of
    :data:`SELF_RETURNING` its own class."""
    if callee in CALL_RESULTS:
        return CALL_RESULTS[callee]
    if callee in _CLASS_RESULTS:
        return _CLASS_RESULTS[callee]
    owner, _, method = callee.rpartition(".")
    if method in SELF_RETURNING.get(owner, ()):
        return owner
    return callee if method[:1].isupper() else None


RECEIVER_NAMES = {
    name: receiver.type for name, receivers in RECEIVERS.items() for receiver in receivers
}


@functools.cache
def is_module_path(dotted: str) -> bool:
    """Whether *dotted* names a module: a known top-level package, a submodule of an
    introspected module, or (not looked into) a lower-case part under a package."""
    parent, _, name = dotted.rpartition(".")
    if not parent:
        return name[:1].islower()
    if parent in INTROSPECTED:
        value = getattr(importlib.import_module(parent), name, None)
        return isinstance(value, types.ModuleType) or dotted in INTROSPECTED
    return name[:1].islower() and is_module_path(parent) and not members(parent)


def receiver_type(name: str, packages: Iterable[str]) -> str | None:
    """The type a variable called *name* stands for when *packages* (top-level names)
    are in context, else None."""
    available = set(packages)
    for receiver in RECEIVERS.get(name, ()):
        if not receiver.packages or available.intersection(receiver.packages):
            return receiver.type
    if _MOCK_NAME.match(name) and available.intersection(_MOCK_PACKAGES):
        return MOCK_TYPE
    return None


@functools.cache
def members(module: str) -> frozenset[str]:
    """Public names of an introspected standard-library module (empty otherwise)."""
    if module not in INTROSPECTED:
        return frozenset()
    try:
        found = importlib.import_module(module)
    except Exception:  # pragma: no cover - a stdlib module missing from this build
        return frozenset()
    return frozenset(name for name in dir(found) if not name.startswith("_"))


@functools.cache
def attributes(type_name: str) -> frozenset[str]:
    """Attributes of a builtin type, or of a class of an introspected module."""
    if type_name.startswith("builtins."):
        value = getattr(builtins, type_name[len("builtins.") :], None)
    else:
        module, _, name = type_name.rpartition(".")
        value = None
        if name in members(module):
            value = getattr(importlib.import_module(module), name, None)
    if not isinstance(value, type):
        return frozenset()
    return frozenset(name for name in dir(value) if not name.startswith("__"))


@dataclass(frozen=True)
class Context:
    """What a section's headings (innermost first) and the file's imports name."""

    modules: tuple[str, ...] = ()  # modules and packages the headings name
    types: tuple[str, ...] = ()  # qualified types the headings name
    packages: frozenset[str] = frozenset()  # top-level packages in context
    subjects: tuple[str, ...] = ()  # packages a heading names unambiguously: guesses go there

    @classmethod
    def build(
        cls,
        modules: Iterable[str],
        types: Iterable[str],
        imported: Iterable[str],
        subjects: Iterable[str] = (),
    ) -> Context:
        named = tuple(dict.fromkeys(modules))
        tops = {module.split(".")[0] for module in (*named, *imported)}
        return cls(named, tuple(dict.fromkeys(types)), frozenset(tops), tuple(subjects))

    def resolve(self, dotted: str) -> tuple[str, bool] | None:
        """``(qualified name, guessed)`` for a dotted name the imports do not know."""
        head, _, rest = dotted.partition(".")
        typed = self.type_of(head)
        if typed is not None:
            return (f"{typed}.{rest}" if rest else typed), False
        parts = dotted.split(".")
        for index in range(1, len(parts) - 1):  # db.session.commit: the session's commit
            typed = receiver_type(parts[index], self.packages)
            if typed is not None:
                return ".".join([typed, *parts[index + 1 :]]), False
        if rest:
            attribute = rest.partition(".")[0]
            for type_name in self.types:
                if attribute in attributes(type_name):
                    return f"{type_name}.{rest}", False
            return None
        for module in self.modules:
            if module in INTROSPECTED and head in members(module):
                return f"{module}.{head}", False
        for module in self.subjects:
            if module not in INTROSPECTED and head[:1].isalpha() and head not in BUILTIN_TYPES:
                return f"{module}.{head}", True
        return None

    def type_of(self, name: str) -> str | None:
        """The type a variable or placeholder called *name* stands for here (a package
        the headings name first: `conn` under "SQLite" is sqlite3's)."""
        if name.startswith(PLACEHOLDER):
            return self.placeholder(name[len(PLACEHOLDER) :])
        named = {module.split(".")[0] for module in self.modules}
        return receiver_type(name, named) or receiver_type(name, self.packages)

    def placeholder(self, word: str) -> str | None:
        if word in BUILTIN_TYPES:
            return "builtins." + word
        for module in self.modules:
            if word in classes(module):
                return f"{module}.{word}"
        found = class_lexicon().get(word.lower(), ())
        return found[0] if (found and word[:1].isupper()) or word in _LOWER_CLASSES else None


# modules whose classes a heading may name without naming the module ("Counter",
# "TypedDict", "Path", "Decimal"); earlier modules win a name they share
LEXICON_MODULES = [
    "collections",
    "enum",
    "dataclasses",
    "pathlib",
    "decimal",
    "fractions",
    "datetime",
    "re",
    "unittest.mock",
    "threading",
    "queue",
    "io",
    "logging",
    "argparse",
    "contextlib",
    "functools",
    "abc",
    "string",
    "array",
    "struct",
    "csv",
    "sqlite3",
    "json",
    "asyncio",
    "collections.abc",
    "numbers",
    "typing",
]
_LOWER_CLASSES = frozenset({"deque", "defaultdict", "array", "partial", "date", "datetime"})


@functools.cache
def classes(module: str) -> frozenset[str]:
    """Public classes of an introspected module."""
    if not members(module):
        return frozenset()
    found = importlib.import_module(module)
    top = module.split(".")[0]
    names: set[str] = set()
    for name in members(module):
        value = getattr(found, name, None)
        home = str(getattr(value, "__module__", "") or "")
        if home.split(".")[0].lstrip("_") != top.lstrip("_"):
            continue  # a re-export (queue.deque is collections.deque)
        if isinstance(value, type) or (top == "typing" and name[:1].isupper()):
            names.add(name)
    return frozenset(names)


@functools.cache
def class_lexicon() -> dict[str, tuple[str, ...]]:
    """Lower-cased class name -> qualified names, over :data:`LEXICON_MODULES`."""
    lexicon: dict[str, list[str]] = {}
    for module in LEXICON_MODULES:
        for name in sorted(classes(module)):
            if name[:1].isupper() or name in _LOWER_CLASSES:
                lexicon.setdefault(name.lower(), []).append(f"{module}.{name}")
    return {word: tuple(names) for word, names in lexicon.items()}


_PLACEHOLDERS = re.compile(r"(?<![\w)\]])<([A-Za-z_]\w*)>")


def fill_placeholders(code: str) -> str:
    """``<list>.append(<el>)`` -> ``_pl_list.append(_pl_el)``: a cheat sheet's
    placeholders as names, so that the code parses and its receivers can be typed."""
    if "<" not in code:
        return code
    return _PLACEHOLDERS.sub(lambda m: PLACEHOLDER + m.group(1), code)


def heading_types(types: Iterable[str], words: Iterable[str], modules: Iterable[str]) -> list[str]:
    """Qualified types a heading names: builtin type words, and words that are classes
    of a module in context or of the lexicon (``Counter``, ``TypedDict``, ``Paths``)."""
    found = [f"builtins.{name}" for name in types]
    in_context = list(modules)
    lexicon = class_lexicon()
    for word in words:
        local = [
            f"{module}.{name}"
            for module in in_context
            for name in classes(module)
            if name.lower() == word
        ]
        found.extend(local or lexicon.get(word, ())[:1])
    return list(dict.fromkeys(found))
