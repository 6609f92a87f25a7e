"""The knowledge base the hover tests run against: the real topics in ``knowledge/``.

The hover cases expect a topic with each id below for the construct kinds and names
they hover; ``missing_fixed_ids`` lists any that ``knowledge/`` lacks, so a renamed or
deleted topic fails one clear test instead of many hover cases.
"""

from __future__ import annotations

from functools import lru_cache

from pygloss.engine.api import load_knowledge
from pygloss.kb.index import KnowledgeBase

CONSTRUCT_TOPICS: dict[str, tuple[str, ...]] = {
    "decorators": ("decorator", "decorator-stack"),
    "generators": ("yield",),
    "yield-from": ("yield-from",),
    "generator-expressions": ("generator-expression",),
    "comprehensions": ("list-comprehension", "dict-comprehension", "set-comprehension"),
    "lambda": ("lambda",),
    "context-managers": ("with",),
    "exceptions": ("try", "except", "finally"),
    "else-clauses": ("else-clause",),
    "exception-chaining": ("raise-from",),
    "name-resolution": ("global", "nonlocal"),
    "args-kwargs": ("star-args", "star-kwargs"),
    "unpacking": ("star-unpacking",),
    "walrus": ("walrus",),
    "identity-vs-equality": ("compare-is",),
    "none-comparison": ("compare-none",),
    "chained-comparisons": ("chained-comparison",),
    "slicing": ("slice",),
    "augmented-assignment": ("augmented-assign",),
    "division-and-modulo": ("floor-div-mod",),
    "short-circuit-defaults": ("bool-op-default",),
    "f-strings": ("f-string",),
    "mro": ("class-bases",),
    "metaclasses": ("metaclass-keyword",),
    "dunder-methods": ("dunder-method",),
    "super": ("super-call",),
    "property": ("property",),
    "staticmethod-classmethod": ("staticmethod", "classmethod"),
    "abstract-base-classes": ("abstractmethod",),
    "main-guard": ("main-guard",),
    "dunder-all": ("dunder-all",),
    "imports": ("import",),
    "default-arguments": ("mutable-default",),
    "pattern-matching": ("match",),
    "type-parameters": ("type-params",),
    "del-statement": ("del",),
    "assert-statement": ("assert",),
    "async-await": ("async-def", "await"),
    "async-with-for": ("async-with", "async-for"),
}
NAME_TOPICS: dict[str, tuple[str, ...]] = {
    "mock-patch": ("unittest.mock.patch", "unittest.mock.patch.object"),
    "mock-patch-dict": ("unittest.mock.patch.dict",),
    "dataclasses": ("dataclasses.dataclass", "dataclasses.field"),
    "functools-wraps": ("functools.wraps",),
    "asyncio-gather": ("asyncio.gather",),
    "asyncio-task-group": ("asyncio.TaskGroup",),
    "itertools-groupby": ("itertools.groupby",),
    "fastapi-routes": tuple(
        f"fastapi.{owner}.{method}"
        for owner in ("FastAPI", "APIRouter")
        for method in ("get", "post", "put", "delete", "patch", "api_route")
    ),
    "sqlalchemy-session": ("sqlalchemy.orm.Session",),
}


def missing_fixed_ids(kb: KnowledgeBase) -> list[str]:
    return sorted(i for i in [*CONSTRUCT_TOPICS, *NAME_TOPICS] if kb.get(i) is None)


@lru_cache(maxsize=1)
def hover_kb() -> KnowledgeBase:
    return load_knowledge()
