"""The knowledge base the hover tests run against: the real topics, plus stand-ins.

Topic ids for construct kinds and for the names the hover issue needs are fixed in
the team's table (``/work/TEAM.md``) and written by the knowledge-base engineers.
Until a topic lands, a minimal stand-in with the same id, constructs and names is
used, so recognition and computed context are tested now; once the real topic is in
``knowledge/``, it replaces the stand-in automatically (see ``missing_fixed_ids``).
"""

from __future__ import annotations

from functools import lru_cache

from pygloss.engine.api import load_knowledge
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from tests.conftest import ROOT

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
    "mock-patch": ("unittest.mock.patch", "unittest.mock.patch.object", "unittest.mock.patch.dict"),
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


def _stand_in(topic_id: str, constructs: tuple[str, ...], names: tuple[str, ...]) -> Topic:
    return Topic(
        id=topic_id,
        title=f"{topic_id} (stand-in)",
        summary=f"Stand-in summary for {topic_id}.",
        area="stand-in",
        path=ROOT / "tests" / "fixtures" / "kb" / f"{topic_id}.md",
        names=names,
        constructs=constructs,
        docs=("https://docs.python.org/3/",),
    )


def missing_fixed_ids(kb: KnowledgeBase) -> list[str]:
    return sorted(i for i in [*CONSTRUCT_TOPICS, *NAME_TOPICS] if kb.get(i) is None)


@lru_cache(maxsize=1)
def hover_kb() -> KnowledgeBase:
    real = load_knowledge()
    topics = list(real.topics.values())
    for topic_id in missing_fixed_ids(real):
        constructs = CONSTRUCT_TOPICS.get(topic_id, ())
        names = NAME_TOPICS.get(topic_id, ())
        topics.append(_stand_in(topic_id, constructs, names))
    return KnowledgeBase(topics)
