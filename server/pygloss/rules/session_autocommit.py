"""PG404: ``sessionmaker(autocommit=True)`` / ``Session(autocommit=True)``.

The "autocommit" session mode was deprecated in SQLAlchemy 1.4 and removed in
2.0, where ``Session(autocommit=True)`` raises ``ArgumentError`` (a
``sessionmaker`` raises when it makes its first session).  Sessions now begin a
transaction on first use; commit it explicitly or use ``with Session(engine) as
s, s.begin():``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._arguments import remove_argument
from pygloss.rules._flow import expects_error, final_names, qualified_in
from pygloss.rules.base import Finding, Fix, FixSafety, Invalid, Rule, RuleContext, Valid

FACTORIES = frozenset(
    {
        "sqlalchemy.orm.sessionmaker",
        "sqlalchemy.orm.Session",
        "sqlalchemy.orm.session.sessionmaker",
        "sqlalchemy.orm.session.Session",
        "sqlalchemy.ext.asyncio.AsyncSession",
        "sqlalchemy.ext.asyncio.async_sessionmaker",
    }
)


class SessionAutocommit(Rule):
    code = "PG404"
    name = "session-autocommit"
    message = "Session autocommit=True was removed in SQLAlchemy 2.0 (raises ArgumentError)"
    fix_title = "Remove autocommit=True"
    fix_safety = FixSafety.UNSAFE
    topic = "pg404-session-autocommit"
    stubs = False  # a stub file never runs
    nodes = (ast.Call,)
    calls = final_names(FACTORIES)
    requires = ("autocommit",)
    statement_local = True  # audited: its statement, imports, qualified()

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Call)
        keyword = _autocommit(node)
        if keyword is None:
            return
        factory = qualified_in(node.func, ctx, FACTORIES)
        if factory is None or expects_error(node, ctx):
            return
        name = factory.rsplit(".", 1)[1]
        message = (
            f"`{name}(autocommit=True)`: the autocommit mode was removed in SQLAlchemy 2.0 "
            "(`ArgumentError`); sessions begin a transaction on first use, so commit it "
            "(`session.commit()`, or `with Session(engine) as s, s.begin():`)"
        )
        yield self.finding(ctx, keyword, message)

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        for node in ctx.source.walk():
            if isinstance(node, ast.Call):
                keyword = _autocommit(node)
                if keyword is not None and ctx.span(keyword) == (finding.start, finding.end):
                    edit = remove_argument(ctx, node, keyword)
                    if edit is None:
                        return None
                    return Fix(self.fix_title or "", FixSafety.UNSAFE, (edit,))
        return None

    VALID = [
        Valid(
            "from sqlalchemy.orm import sessionmaker\n\n"
            "SessionLocal = sessionmaker(bind=engine, autoflush=False, autocommit=False)\n"
        ),
        Valid(
            "from sqlalchemy import create_engine\n\n"
            'engine = create_engine("postgresql://db/app", isolation_level="AUTOCOMMIT")\n'
        ),
        Valid(
            "from sqlalchemy.orm import Session\n\n\ndef rename(engine, user_id, name):\n"
            "    with Session(engine) as session, session.begin():\n"
            "        session.get(User, user_id).name = name\n"
        ),
        Valid(
            "import pytest\nfrom sqlalchemy.exc import ArgumentError\n"
            "from sqlalchemy.orm import Session\n\n\ndef test_autocommit_is_gone(engine):\n"
            "    with pytest.raises(ArgumentError):\n        Session(engine, autocommit=True)\n"
        ),
        Valid("from myorm import sessionmaker\n\nSessionLocal = sessionmaker(autocommit=True)\n"),
    ]
    INVALID = [
        Invalid(
            "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\n\n"
            'engine = create_engine("sqlite:///./app.db")\n'
            "SessionLocal = sessionmaker(autocommit=True, autoflush=False, bind=engine)\n",
            fixed="from sqlalchemy import create_engine\n"
            "from sqlalchemy.orm import sessionmaker\n\n"
            'engine = create_engine("sqlite:///./app.db")\n'
            "SessionLocal = sessionmaker(autoflush=False, bind=engine)\n",
        ),
        Invalid(
            "from sqlalchemy import orm\n\n\ndef get_db(engine):\n"
            "    db = orm.Session(engine, autocommit=True)\n    try:\n        yield db\n"
            "    finally:\n        db.close()\n",
            fixed="from sqlalchemy import orm\n\n\ndef get_db(engine):\n"
            "    db = orm.Session(engine)\n    try:\n        yield db\n"
            "    finally:\n        db.close()\n",
        ),
        Invalid(
            "from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker\n\n"
            "SessionLocal = async_sessionmaker(\n    engine,\n    class_=AsyncSession,\n"
            "    autocommit=True,\n)\n",
            fixed="from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker\n\n"
            "SessionLocal = async_sessionmaker(\n    engine,\n    class_=AsyncSession,\n)\n",
        ),
        Invalid(
            "import unittest\n\nfrom sqlalchemy.orm import Session\n\n\n"
            "class RepoTests(unittest.TestCase):\n    def setUp(self):\n"
            "        self.session = Session(autocommit=True)\n",
            fixed="import unittest\n\nfrom sqlalchemy.orm import Session\n\n\n"
            "class RepoTests(unittest.TestCase):\n    def setUp(self):\n"
            "        self.session = Session()\n",
        ),
    ]


def _autocommit(call: ast.Call) -> ast.keyword | None:
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg == "autocommit" and isinstance(value, ast.Constant) and value.value is True:
            return keyword
    return None
