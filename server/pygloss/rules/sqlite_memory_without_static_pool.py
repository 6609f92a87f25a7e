"""PG403: ``create_engine("sqlite://")`` (an in-memory SQLite database) without
``poolclass=StaticPool`` in code that uses threads.

SQLAlchemy's pysqlite dialect gives a ``:memory:`` engine a ``SingletonThreadPool``:
one connection, hence one separate empty database, per thread.  Tables created in
the test's thread are missing in the thread that FastAPI's ``TestClient`` (or a
sync endpoint, or a thread pool) uses.  Flagged only when threads are surely in play:
the module imports a web framework (fastapi, starlette, flask, uvicorn), or it
imports threading / concurrent.futures / anyio and creates the engine at module
level, where every thread shares it.

``create_async_engine("sqlite+aiosqlite://")`` is not flagged: the aiosqlite
dialect already picks ``StaticPool`` for in-memory databases.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._arguments import add_keywords
from pygloss.rules._fixkit import import_name
from pygloss.rules._flow import final_names, qualified_in
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid

ENGINES = frozenset({"sqlalchemy.create_engine", "sqlalchemy.engine.create_engine"})
MEMORY_URLS = frozenset(
    {"sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://", "sqlite+pysqlite:///:memory:"}
)
# frameworks that run request handlers (and test clients) in other threads
WEB = frozenset({"fastapi", "starlette", "flask", "uvicorn"})
THREADS = frozenset({"threading", "concurrent", "socketserver", "anyio"})
_CONNECT_ARGS = 'connect_args={"check_same_thread": False}'


class SqliteMemoryWithoutStaticPool(Rule):
    code = "PG403"
    name = "sqlite-memory-without-static-pool"
    message = "In-memory SQLite without StaticPool: each thread gets its own empty database"
    fix_title = "Share one connection: poolclass=StaticPool, check_same_thread=False"
    fix_safety = FixSafety.UNSAFE
    topic = "pg403-sqlite-memory-without-static-pool"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    calls = final_names(ENGINES)
    requires = ("sqlite",)  # every in-memory URL starts with it
    statement_local = True  # audited: its statement, imports, qualified()

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        url = _memory_url(node)
        if url is None or not qualified_in(node.func, ctx, ENGINES):
            return
        if any(k.arg in (None, "poolclass", "pool") for k in node.keywords):
            return  # a pool chosen on purpose, or **options we cannot see
        if not _threaded(node, ctx):
            return
        message = (
            f"`{url.value!s}` is an in-memory SQLite database per connection, and the default "
            "pool keeps one connection per thread: tables created in one thread are missing "
            "in another (FastAPI's TestClient and sync endpoints run in other threads); "
            "pass `poolclass=StaticPool` and `check_same_thread: False`"
        )
        yield self.finding(ctx, url, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        call = next(
            (
                n
                for n in ctx.source.walk()
                if isinstance(n, ast.Call)
                and (url := _memory_url(n)) is not None
                and ctx.span(url) == (finding.start, finding.end)
            ),
            None,
        )
        if call is None:
            return None
        connect_args = next((k.value for k in call.keywords if k.arg == "connect_args"), None)
        if connect_args is not None and not _allows_other_threads(connect_args):
            return None
        try:
            pool, import_edit = import_name(
                ctx.source, ctx.imports, "sqlalchemy.pool", "StaticPool", path=ctx.path
            )
        except ValueError:
            return None
        keywords = [f"poolclass={pool}"]
        if connect_args is None:
            keywords.insert(0, _CONNECT_ARGS)
        edit = add_keywords(ctx, call, keywords)
        if edit is None:
            return None
        edits: list[Edit] = [edit]
        if import_edit is not None:
            edits.append(import_edit)
        return Fix(self.fix_title or "", FixSafety.UNSAFE, tuple(edits))

    VALID = [
        Valid(
            "from fastapi.testclient import TestClient\nfrom sqlalchemy import create_engine\n"
            "from sqlalchemy.pool import StaticPool\n\n"
            'engine = create_engine(\n    "sqlite://",\n'
            '    connect_args={"check_same_thread": False},\n    poolclass=StaticPool,\n)\n'
        ),
        Valid(
            "import threading\n\nfrom sqlalchemy import create_engine\n\n"
            'engine = create_engine("sqlite:///./app.db")\n'
        ),
        Valid(
            "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import Session\n\n\n"
            "def test_roundtrip():\n"
            '    engine = create_engine("sqlite://")\n'
            "    with Session(engine) as session:\n        session.execute(text('select 1'))\n"
        ),
        Valid(
            "from fastapi import FastAPI\n"
            "from sqlalchemy.ext.asyncio import create_async_engine\n\n"
            'engine = create_async_engine("sqlite+aiosqlite://")\napp = FastAPI()\n'
        ),
        Valid(
            "import threading\n\nimport sqlalchemy as sa\n\n"
            'engine = sa.create_engine("sqlite://", poolclass=sa.pool.NullPool)\n'
        ),
        Valid(
            "import threading\n\nfrom sqlalchemy import create_engine\n\n\n"
            "def test_each_thread_builds_its_own():\n"
            "    def work():\n        engine = create_engine('sqlite://')\n"
            "        make_tables(engine)\n\n"
            "    threads = [threading.Thread(target=work) for _ in range(3)]\n"
        ),
        Valid(
            "from flask import Flask\nfrom sqlalchemy import create_engine\n\n"
            'engine = create_engine("sqlite://", **settings.engine_options)\n'
        ),
    ]
    INVALID = [
        Invalid(
            "from fastapi.testclient import TestClient\nfrom sqlalchemy import create_engine\n"
            "from sqlalchemy.orm import sessionmaker\n\nfrom shop.main import app\n\n"
            'engine = create_engine("sqlite://")\nTestingSession = sessionmaker(bind=engine)\n',
            fixed="from fastapi.testclient import TestClient\n"
            "from sqlalchemy import create_engine\n"
            "from sqlalchemy.orm import sessionmaker\nfrom sqlalchemy.pool import StaticPool\n\n"
            "from shop.main import app\n\n"
            'engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, '
            "poolclass=StaticPool)\nTestingSession = sessionmaker(bind=engine)\n",
        ),
        Invalid(
            "import sqlalchemy as sa\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
            "engine = sa.create_engine(\n"
            '    "sqlite+pysqlite:///:memory:",\n    echo=True,\n)\n',
            fixed="import sqlalchemy as sa\nfrom fastapi import FastAPI\n\napp = FastAPI()\n"
            "engine = sa.create_engine(\n"
            '    "sqlite+pysqlite:///:memory:",\n    echo=True,\n'
            '    connect_args={"check_same_thread": False},\n'
            "    poolclass=sa.pool.StaticPool,\n)\n",
        ),
        Invalid(
            "from concurrent.futures import ThreadPoolExecutor\n\n"
            "from sqlalchemy import create_engine\nfrom sqlalchemy.pool import StaticPool\n\n"
            'engine = create_engine("sqlite:///:memory:", '
            'connect_args={"check_same_thread": False})\n'
            "workers = ThreadPoolExecutor(max_workers=4)\n",
            fixed="from concurrent.futures import ThreadPoolExecutor\n\n"
            "from sqlalchemy import create_engine\nfrom sqlalchemy.pool import StaticPool\n\n"
            'engine = create_engine("sqlite:///:memory:", '
            'connect_args={"check_same_thread": False}, poolclass=StaticPool)\n'
            "workers = ThreadPoolExecutor(max_workers=4)\n",
        ),
        Invalid(
            "import pytest\nfrom fastapi.testclient import TestClient\n"
            "from sqlalchemy import create_engine\n\n\n@pytest.fixture\ndef engine():\n"
            '    engine = create_engine("sqlite://", connect_args={"timeout": 5})\n'
            "    yield engine\n    engine.dispose()\n"
        ),
    ]


def _threaded(call: ast.Call, ctx: RuleContext) -> bool:
    """The module imports a web framework, or creates a module-level engine in a
    module that uses threads (an engine made inside one function of a threaded module
    is usually that function's own)."""
    imported = {t.split(".")[0] for t in ctx.imports.bindings.values()}
    if imported & WEB:
        return True
    return bool(imported & THREADS) and ctx.enclosing_function(call) is None


def _memory_url(call: ast.Call) -> ast.Constant | None:
    url = (
        call.args[0]
        if call.args
        else next((k.value for k in call.keywords if k.arg == "url"), None)
    )
    if isinstance(url, ast.Constant) and isinstance(url.value, str) and url.value in MEMORY_URLS:
        return url
    return None


def _allows_other_threads(connect_args: ast.expr) -> bool:
    """``{"check_same_thread": False, ...}`` written out."""
    if not isinstance(connect_args, ast.Dict):
        return False
    for key, value in zip(connect_args.keys, connect_args.values, strict=True):
        if isinstance(key, ast.Constant) and key.value == "check_same_thread":
            return isinstance(value, ast.Constant) and value.value is False
    return False
