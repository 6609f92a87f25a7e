"""Hover cases in dataclass-heavy code (config objects, records, value types)."""

from __future__ import annotations

from tests.unit.hover.case import case

RECORDS = """\
from __future__ import annotations

import functools
from dataclasses import KW_ONLY, InitVar, dataclass, field
from typing import ClassVar, NamedTuple, TypedDict

import attrs


@dataclass
class Config:
    name: str
    retries: int = 3
    tags: list[str] = field(default_factory=list)
    registry: ClassVar[dict] = {}
    _: KW_ONLY
    verbose: bool = False


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0


@dataclass
class Broken:
    a: int = 0
    b: int


@dataclass
class Child(Config):
    level: int = 1
    secret: InitVar[str] = ""

    def __post_init__(self, secret):
        self.token = hash(secret)


@attrs.define
class Point:
    x: float
    _y: float = 0.0


class Pair(NamedTuple):
    left: int
    right: int = 0


class Movie(TypedDict, total=False):
    title: str
    year: int


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


def noisy(fn):
    def inner(*args):
        print("calling")
        fn(*args)
    return inner


def retry(times):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for _ in range(times):
                try:
                    return fn(*args, **kwargs)
                except OSError:
                    continue
        return wrapper
    return decorate


@timed
@retry(3)
def load(path):
    with open(path) as fh:
        return fh.read()


@noisy
def ping():
    return "pong"


def merge(base, *others, **overrides):
    merged = {**base, **overrides}
    first, *rest = others or [None]
    return merged, first, rest


@retry(5)
@timed
def save(path):
    return path
"""

CASES = [
    case(
        "dataclass-config",
        RECORDS,
        "@dataclass\nclass Config",
        "dataclasses",
        "`Config` — a dataclass.",
        "The generated `__init__`:\n\n```python\n__init__(\n    self,\n    name: str,\n"
        "    retries: int = 3,\n    tags: list[str] = <factory list()>,\n    *,\n"
        "    verbose: bool = False,\n)\n```",
        "`registry` is a `ClassVar`",
        delta=1,
    ),
    case(
        "dataclass-frozen-order",
        RECORDS,
        "@dataclass(frozen=True",
        "dataclasses",
        "`__lt__`/`__le__`/`__gt__`/`__ge__`",
        "a `__setattr__` that raises (frozen)",
        "`__hash__` from the fields",
        delta=1,
    ),
    case(
        "dataclass-order-error",
        RECORDS,
        "@dataclass\nclass Broken",
        "dataclasses",
        "⚠ `b` has no default but follows `a`",
        delta=1,
    ),
    case(
        "dataclass-inherited",
        RECORDS,
        "@dataclass\nclass Child",
        "dataclasses",
        "```python\n__init__(\n    self,\n    name: str,\n    retries: int = 3,\n"
        "    tags: list[str] = <factory list()>,\n    level: int = 1,\n"
        "    secret: InitVar[str] = '',\n    *,\n    verbose: bool = False,\n)\n```",
        "`__post_init__` runs at the end of `__init__`",
        delta=1,
    ),
    case(
        "dataclass-child-bases",
        RECORDS,
        "class Child(Config)",
        "mro",
        "MRO of `Child` (C3): `Child` → `Config` → `object`",
        "a dataclass",
    ),
    case("dataclass-field-name", RECORDS, "field(default_factory", "dataclasses", "a dataclass"),
    case(
        "dataclass-unhashable",
        RECORDS,
        "@dataclass\nclass Config",
        "dataclasses",
        "instances are unhashable",
        delta=1,
    ),
    case(
        "attrs-define",
        RECORDS,
        "@attrs.define",
        "attrs",
        "`Point` — an attrs class: `__init__(self, x: float, y: float = 0.0)`",
        "`__slots__`",
        delta=7,
    ),
    case(
        "namedtuple-base",
        RECORDS,
        "class Pair(NamedTuple)",
        "namedtuple",
        "`Pair(left: int, right: int = 0)`",
        "a `tuple` subclass",
        delta=11,
    ),
    case("namedtuple-mro", RECORDS, "class Pair(", "mro", "`Pair` → `tuple` → `object`"),
    case(
        "typeddict-base",
        RECORDS,
        "class Movie(TypedDict",
        "typed-dict",
        "keys are optional (total=False)",
        "Calling it builds a plain `dict`, not an instance of the class (`isinstance(d, Movie)` "
        "raises `TypeError`)",
        delta=12,
    ),
    case(
        "wraps-name",
        RECORDS,
        "@functools.wraps(fn)\n    def wrapper(*args, **kwargs):\n        return",
        "functools-wraps",
        "Copies `__name__`",
        delta=11,
    ),
    case(
        "deco-stack-timed",
        RECORDS,
        "@timed",
        "decorators",
        "Means: `load = timed(retry(3)(load))` (bottom-up)",
        "`timed` returns `wrapper`, which uses `@functools.wraps(fn)`",
    ),
    case(
        "deco-factory-retry",
        RECORDS,
        "@retry(3)",
        "decorators",
        "`retry(...)` is called first, when the `def` runs; what it returns then receives `load`.",
        "`retry(...)` returns `wrapper`, which uses",
    ),
    case(
        # in a stack, a decorator above another receives what that one returned
        "deco-factory-above-another",
        RECORDS,
        "@retry(5)",
        "decorators",
        "what it returns then receives what the decorators below it made of `save`.",
    ),
    case(
        "deco-no-wraps",
        RECORDS,
        "@noisy",
        "decorators",
        "⚠ `noisy` returns `inner` without `@functools.wraps(fn)`",
        "⚠ `inner` calls `fn` but never returns its result",
    ),
    case("for-else-null-for", RECORDS, "for _ in range(times)", None),
    case("star-args-def", RECORDS, "*others", "args-kwargs"),
    case("star-kwargs-def", RECORDS, "**overrides)", "args-kwargs"),
    case("dict-unpacking", RECORDS, "**base", "unpacking"),
    case("star-rest", RECORDS, "*rest =", "unpacking"),
    case("or-default", RECORDS, "or [None]", "short-circuit-defaults"),
    case("except-oserror", RECORDS, "except OSError", "exceptions"),
    case("with-open", RECORDS, "with open(path)", "context-managers"),
    case("future-import", RECORDS, "from __future__", "imports"),
    case("post-init-dunder", RECORDS, "__post_init__", "dunder-methods"),
    case("dataclass-field-type-null", RECORDS, "retries: int", None, delta=9),
    case("hash-call-null", RECORDS, "hash(secret)", None, delta=5),
    case("print-null", RECORDS, 'print("calling")', None, delta=7),
    case("fh-read-null", RECORDS, "fh.read()", None, delta=3),
    case("merged-null", RECORDS, "merged, first", None),
    case(
        "itertools-groupby",
        "import itertools\nfrom operator import itemgetter\n\n\ndef by_day(rows):\n"
        "    rows = sorted(rows, key=itemgetter('day'))\n"
        "    return {d: list(g) for d, g in itertools.groupby(rows, key=itemgetter('day'))}\n",
        "groupby",
        "itertools-groupby",
    ),
    case(
        "slots-in-a-class-body",  # issue #21, case 8
        "class Point:\n    __slots__ = ('x', 'y')\n\n    def __init__(self, x, y):\n"
        "        self.x, self.y = x, y\n",
        "__slots__",
        "slots",
        "Instances of `Point` have no `__dict__`: every class of its MRO stores its attributes "
        "in slots, so they hold only `x`, `y`; assigning any other attribute raises "
        "`AttributeError`.",
    ),
    case(
        "slots-under-a-base-without-slots",
        "class Base:\n    pass\n\n\nclass Point(Base):\n    __slots__ = ('x', 'y')\n",
        "__slots__",
        "slots",
        "Instances of `Point` still get a `__dict__`: `Base` defines no `__slots__`",
    ),
    case(
        "method-of-a-typed-parameter",  # issue #21, case 8: d: dict[str, list]
        "def group(rows, d: dict[str, list]):\n    for key, value in rows:\n"
        "        d.setdefault(key, []).append(value)\n",
        "setdefault",
        "dicts",
    ),
    case(
        "method-of-a-typing-alias-annotation",
        "from typing import Dict, List\n\n\ndef group(d: Dict[str, List[int]]):\n"
        "    return d.setdefault('k', [])\n",
        "setdefault",
        "dicts",
    ),
    case(
        "dataclass-long-signature-one-parameter-per-line",  # issue #21, case 9
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Settings:\n"
        + "".join(f"    option_{n}: str = 'value {n}'\n" for n in range(14)),
        "@dataclass",
        "dataclasses",
        "```python\n__init__(\n    self,\n    option_0: str = 'value 0',\n",
        "    option_8: str = 'value 8',\n    # ... and 5 more\n)\n```",
    ),
    case(
        "dataclass-with-its-own-init",  # dataclass keeps an __init__ the class defines
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Point:\n    x: int\n\n"
        "    def __init__(self, text):\n        self.x = int(text)\n",
        "@dataclass",
        "dataclasses",
        "`Point` — a dataclass. Its `__init__` is written in the class body, so that is what "
        "runs: none is generated.",
    ),
    case(
        "dataclass-init-false",
        "from dataclasses import dataclass\n\n\n@dataclass(init=False)\nclass Point:\n"
        "    x: int = 0\n",
        "@dataclass",
        "dataclasses",
        "`Point` — a dataclass with `init=False`: no `__init__` is generated, so the one it "
        "inherits runs.",
    ),
    case(
        "dataclass-base-from-an-unknown-module",
        "from dataclasses import dataclass\n\nfrom elsewhere import Base\n\n\n@dataclass\n"
        "class Point(Base):\n    x: int = 0\n",
        "@dataclass",
        "dataclasses",
        "`Point` — a dataclass. Its `__init__` also takes the fields of `Base`, which pygloss "
        "cannot read, so its parameters are not shown.",
    ),
    case(
        "pydantic-alias-and-extra",
        "from pydantic import BaseModel, ConfigDict, Field\n\n\nclass Key(BaseModel):\n"
        "    model_config = ConfigDict(extra='allow')\n"
        "    in_: str = Field(alias='in')\n    type_: str = Field(default='key', alias='type')\n",
        "class Key",
        "mro",
        "`Key` — a pydantic model: `__init__(self, *, in_: str, type: str = 'key', **extra_data)`",
    ),
]
