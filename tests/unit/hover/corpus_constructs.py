"""One or more small cases for every construct kind of the vocabulary."""

from __future__ import annotations

from tests.unit.hover.case import case

DIAMOND = (
    "class A:\n    def save(self): pass\n    def load(self): pass\nclass B(A):\n"
    "    def save(self): pass\n    def extra(self): pass\nclass C(A):\n    def save(self): pass\n"
    "class D(B, C):\n    pass\n"
)


CASES = [
    case("try-keyword", "try:\n    run()\nexcept ValueError:\n    pass\n", "try", "exceptions"),
    case(
        "else-on-try",
        "try:\n    run()\nexcept OSError:\n    pass\nelse:\n    done()\n",
        "else",
        "else-clauses",
    ),
    case(
        "else-on-for",
        "for x in xs:\n    if x:\n        break\nelse:\n    none()\n",
        "else:\n    none",
        "else-clauses",
    ),
    case("else-on-while", "while busy():\n    wait()\nelse:\n    done()\n", "else", "else-clauses"),
    case("else-on-if-null", "if x:\n    a()\nelse:\n    b()\n", "else", None),
    case(
        "raise-from",
        "try:\n    f()\nexcept KeyError as e:\n    raise ValueError('x') from e\n",
        "from e",
        "exception-chaining",
    ),
    case("raise-plain-null", "def f():\n    raise ValueError('x')\n", "raise", None),
    case(
        "global",
        "count = 0\ndef bump():\n    global count\n    count += 1\n",
        "global",
        "name-resolution",
    ),
    case(
        "nonlocal",
        "def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n += 1\n    return inner\n",
        "nonlocal",
        "name-resolution",
    ),
    case("augmented-list", "items = []\nitems += [1]\n", "+=", "augmented-assignment"),
    case("augmented-floordiv", "n = 10\nn //= 3\n", "//=", "augmented-assignment"),
    case("walrus", "import re\nif (m := re.match('a', s)):\n    print(m)\n", ":=", "walrus"),
    case(
        "compare-is-int",
        "def f(x):\n    return x is 256\n",
        "is 256",
        "identity-vs-equality",
        "small int",
        "-5 to 256",
    ),
    case(
        "compare-is-big-int",
        "def f(x):\n    return x is 1000\n",
        "is 1000",
        "identity-vs-equality",
        "outside CPython's small-int cache",
    ),
    case(
        "compare-is-str",
        "def f(s):\n    return s is 'ok'\n",
        "is 'ok'",
        "identity-vs-equality",
        "interned",
    ),
    case(
        "compare-is-not-list",
        "def f(s):\n    return s is not []\n",
        "is not",
        "identity-vs-equality",
        "builds a new object each time",
    ),
    case(
        "compare-is-true",
        "def f(flag):\n    return flag is True\n",
        "is True",
        "identity-vs-equality",
        "exact identity test",
    ),
    case("compare-none-eq", "def f(x):\n    return x == None\n", "==", "none-comparison"),
    case("compare-none-ne", "def f(x):\n    return None != x\n", "!=", "none-comparison"),
    case("compare-eq-null", "def f(x):\n    return x == 1\n", "==", None),
    case("chained", "def f(x):\n    return 0 < x <= 10\n", "<=", "chained-comparisons"),
    case("slice-step", "rev = word[::-1]\n", "::", "slicing"),
    case("subscript-null", "first = word[0]\n", "[0]", None),
    case("floordiv", "half = total // 2\n", "//", "division-and-modulo"),
    case("divmod", "q, r = divmod(n, 60)\n", "divmod", "division-and-modulo"),
    case("percent-format-null", "msg = 'x=%d' % x\n", "% x", None),
    case("genexp", "total = sum(x * x for x in xs)\n", "for x", "generator-expressions"),
    case("setcomp", "seen = {x.lower() for x in words}\n", "for x", "comprehensions"),
    case("lambda-sort", "rows.sort(key=lambda r: r[1])\n", "lambda", "lambda"),
    case(
        "yield-from",
        "def chain(a, b):\n    yield from a\n    yield from b\n",
        "yield from",
        "yield-from",
    ),
    case("del-stmt", "cache = {}\ndel cache['k']\n", "del", "del-statement"),
    case(
        "match-case",
        "match cmd:\n    case ['go', where]:\n        go(where)\n    case _:\n        pass\n",
        "match",
        "pattern-matching",
    ),
    case("import-star", "from os.path import *\n", "*", "imports"),
    case("dunder-all", "__all__ = ['load', 'dump']\n", "__all__", "dunder-all"),
    case(
        "mutable-default",
        "def add(item, bucket=[]):\n    bucket.append(item)\n",
        "[]",
        ("default-arguments", "pg101-mutable-default"),
    ),
    case(
        "mutable-default-dict-call",
        "def f(opts=dict()):\n    return opts\n",
        "dict()",
        ("dicts", "default-arguments"),
    ),
    case("immutable-default-null", "def add(item, bucket=None):\n    pass\n", "None", None),
    case(
        "property",
        "class C:\n    @property\n    def size(self):\n        return 1\n",
        "@property",
        "property",
        delta=1,
    ),
    case(
        "property-setter",
        "class C:\n    @property\n    def size(self):\n        return 1\n    @size.setter\n    def size(self, v):\n        pass\n",
        "@size.setter",
        "property",
        delta=6,
    ),
    case(
        "staticmethod",
        "class C:\n    @staticmethod\n    def make():\n        return C()\n",
        "@staticmethod",
        "staticmethod-classmethod",
        delta=1,
    ),
    case(
        "classmethod",
        "class C:\n    @classmethod\n    def make(cls):\n        return cls()\n",
        "classmethod",
        "staticmethod-classmethod",
    ),
    case(
        "abstractmethod",
        "from abc import ABC, abstractmethod\nclass Shape(ABC):\n    @abstractmethod\n    def area(self): ...\n",
        "@abstractmethod",
        "abstract-base-classes",
        delta=1,
    ),
    case(
        "metaclass-abcmeta",
        "from abc import ABCMeta\nclass Shape(metaclass=ABCMeta):\n    pass\n",
        "metaclass=",
        "metaclasses",
        "`abc.ABCMeta` records abstract methods",
    ),
    case(
        "metaclass-in-file",
        "class Registry(type):\n    def __new__(mcs, name, bases, ns):\n        return super().__new__(mcs, name, bases, ns)\n    def __call__(cls, *a):\n        return None\nclass Plugin(metaclass=Registry):\n    pass\n",
        "metaclass=",
        "metaclasses",
        "`__new__` — once per class statement",
        "⚠ `Registry.__call__` never calls `super().__call__`",
    ),
    case(
        "super-diamond",
        "class A:\n    def save(self): pass\nclass B(A):\n    def save(self):\n        super().save()\nclass C(A):\n    def save(self): pass\nclass D(B, C): pass\n",
        "super()",
        "super",
        "`super().save` in `B` runs `A.save` next",
        "For a `D` instance it runs `C.save` instead.",
    ),
    case(
        "mro-stdlib-base",
        "import enum\n\n\nclass Color(enum.Enum):\n    RED = 1\n\n    def __str__(self):\n"
        "        return super().__str__()\n",
        "super()",
        "super",
        "`super().__str__` in `Color` runs `enum.Enum.__str__` next",
        "(MRO: `Color` → `enum.Enum` → `object`)",
    ),
    case(
        "mro-inconsistent",
        "class A: pass\nclass B(A): pass\nclass C(A, B): pass\n",
        "class C",
        "mro",
        "⚠ No consistent MRO for `C`",
    ),
    case(
        "dunder-eq",
        "class P:\n    def __eq__(self, other):\n        return True\n",
        "__eq__",
        ("dunder-eq", "dunder-methods"),
    ),
    case("type-alias", "type Pair = tuple[int, int]\n", "type", "type-parameters"),
    case(
        "generic-def",
        "def first[T](xs: list[T]) -> T:\n    return xs[0]\n",
        "[T]",
        "type-parameters",
    ),
    case(
        "mro-inherited-methods",
        "class A:\n    def save(self): pass\n    def load(self): pass\nclass B(A):\n"
        "    def save(self): pass\nclass C(A):\n    def save(self): pass\nclass D(B, C):\n"
        "    def __repr__(self): return 'D'\n",
        "class D",
        "mro",
        "On a `D`: `save()` runs `B.save`, `load()` runs `A.load`.",
    ),
    case(
        "mro-inherited-with-an-imported-base",
        "from shop.base import Model\nclass Timestamped(Model):\n    def touch(self): pass\n"
        "class User(Timestamped):\n    pass\n",
        "class User",
        "mro",
        "MRO of `User` (C3): `User` → `Timestamped` → `Model` → …",
        "After `Model` the order is not known: no module `shop.base` is found",
        "On a `User`: `touch()` runs `Timestamped.touch` — unless `Model`, not known here,",
    ),
    case("star-unpacking-list", "merged = [*head, *tail]\n", "*tail", "unpacking"),
    case("star-unpacking-dict", "opts = {**defaults, **overrides}\n", "**defaults", "unpacking"),
    case("star-args-call", "send(*parts)\n", "*parts", "args-kwargs"),
    case("star-kwargs-call", "send(**options)\n", "**options", "args-kwargs"),
    case("keyword-only-star-null", "def f(*, key):\n    return key\n", "*", None),
    case("generic-class", "class Box[T]:\n    item: T\n", "[T]", "type-parameters"),
    case("relative-import", "from . import models\n", "from .", "imports"),
    case("absolute-import", "import os.path\n", "import", "imports"),
    case(
        "dunder-exit",
        "class T:\n    def __enter__(self):\n        return self\n"
        "    def __exit__(self, *exc):\n        return False\n",
        "__exit__",
        ("context-manager-exit", "dunder-methods"),
    ),
    case(
        "dunder-init-subclass",
        "class Base:\n    def __init_subclass__(cls, **kw):\n        super().__init_subclass__(**kw)\n",
        "__init_subclass__",
        ("init-subclass", "dunder-methods"),
    ),
    case(
        "dunder-next",
        "class It:\n    def __next__(self):\n        raise StopIteration\n",
        "__next__",
        ("dunder-next", "dunder-methods"),
    ),
    case(
        "dunder-call",
        "class F:\n    def __call__(self, x):\n        return x\n",
        "__call__",
        ("dunder-call", "dunder-methods"),
    ),
    case("plain-method-null", "class F:\n    def run(self, x):\n        return x\n", "run", None),
    case("modulo", "r = 17 % 5\n", "%", "division-and-modulo"),
    case(
        "method-overrides",
        DIAMOND,
        "save",
        "mro",
        "`B.save` overrides `A.save`: `save()` on a `B` runs this one (MRO: `B` → `A` → `object`).",
        nth=1,
    ),
    case(
        "method-overridden-again-in-a-subclass-mro",
        DIAMOND,
        "save",
        "mro",
        "`C.save` overrides `A.save`",
        "On a `D`, `save()` runs `B.save` instead.",
        nth=2,
    ),
    case("method-that-overrides-nothing-null", DIAMOND, "extra", None),
    case("method-of-a-base-class-null", DIAMOND, "load", None),
    case(
        "method-over-an-imported-base-null",
        "import unittest\nclass T(unittest.TestCase):\n    def setUp(self):\n        pass\n",
        "setUp",
        None,
    ),
    case(
        "metaclass-special-methods-serve-the-class",  # issue #21, case 5 (Celery's StepType)
        "class StepType(type):\n    def __str__(cls):\n        return cls.__name__\n\n"
        "    def __repr__(cls):\n        return f'<step: {cls.__name__}>'\n\n"
        "    def include(cls, parent):\n        return True\n\n\n"
        "class Step(metaclass=StepType):\n    pass\n",
        "metaclass=",
        "metaclasses",
        "- `__str__`, `__repr__`: serve `str(Step)`, `repr(Step)` on the class itself, not on "
        "its instances",
        "- `include`: callable on the class (`Step.include(...)`), not on its instances",
    ),
    case(
        "yield-in-a-decorated-generator",  # issue #21, case 6 (Tornado's @gen.coroutine)
        "from tornado import gen\n\n\nclass Handler:\n    @gen.coroutine\n"
        "    def get(self):\n        response = yield self.fetch()\n        return response\n",
        "yield",
        "generators",
        "`get` as written is a generator function, but it is decorated (`@gen.coroutine`): the "
        "name `get` is bound to what the decorator returns, so calling it gives whatever that "
        "is, not necessarily a generator.",
    ),
    case(
        "yield-in-a-contextmanager",
        "from contextlib import contextmanager\n\n\n@contextmanager\ndef opened(path):\n"
        "    handle = open(path)\n    yield handle\n    handle.close()\n",
        "yield handle",
        "generators",
        "`opened` as written is a generator function. `@contextmanager` wraps it: calling "
        "`opened(...)` returns a context manager",
    ),
    case(
        "class-attribute-named-like-a-builtin-null",  # `id = sa.Column(...)` is not builtins.id
        "import sqlalchemy as sa\n\n\nclass User:\n    id = sa.Column(sa.Integer)\n",
        "id =",
        None,
    ),
]
