"""Hover cases in a FastAPI app with SQLAlchemy models, written as real projects do."""

from __future__ import annotations

from tests.unit.hover.case import case

MODELS = """\
from datetime import datetime

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

engine = create_engine("sqlite:///app.db")
SessionLocal = sessionmaker(bind=engine, autoflush=False)


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created: Mapped[datetime] = mapped_column(default=datetime.utcnow)


class User(TimestampMixin, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    orders: Mapped[list["Order"]] = relationship(back_populates="user")

    def __repr__(self):
        return f"User({self.name!r})"


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="orders")


def add_user(session: Session, name: str) -> User:
    user = User(name=name)
    session.add(user)
    session.commit()
    return user


def rename_all(prefix):
    with SessionLocal() as session:
        for user in session.query(User).all():
            user.name = prefix + user.name
        session.commit()


def count_orders():
    session = SessionLocal()
    try:
        return session.query(Order).count()
    finally:
        session.close()
"""

APP = """\
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from .db import SessionLocal

app = FastAPI()
router = APIRouter(prefix="/items")


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


class UserOut(BaseModel):
    id: int
    name: str = "anonymous"
    tags: list[str] = Field(default_factory=list)


@app.get("/users/{user_id}")
def read_user(user_id: int, db: Annotated[Session, Depends(get_db)]):
    user = db.get(UserOut, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    return user


@app.get("/users/me")
def read_me():
    return {"id": 0}


@app.post("/users/me")
def update_me():
    return {"ok": True}


@router.get("/{item_id:int}")
def read_item(item_id: int):
    return {"item_id": item_id}


@router.get("/latest")
def latest_item():
    return {"item_id": -1}


@router.api_route("/{path:path}", methods=["GET", "POST"])
def catch_all(path: str):
    return {"path": path}


@router.get("/special")
def special():
    return {}


app.include_router(router)
"""

CASES = [
    case(
        "session-commit-annotated", MODELS, "session.commit()", "sqlalchemy-flush-commit", delta=9
    ),
    case("session-add-annotated", MODELS, "session.add(user)", "sqlalchemy-session", delta=9),
    case(
        "session-with-sessionmaker",
        MODELS,
        "session.commit()",
        "sqlalchemy-flush-commit",
        nth=1,
        delta=9,
    ),
    case("session-assigned-sessionmaker", MODELS, "session.close()", "sqlalchemy-session", delta=9),
    case(
        "sqla-class-bases-mixin",
        MODELS,
        "class User(",
        "mro",
        "MRO of `User` (C3): `User` → `TimestampMixin` → `Base` → `sqlalchemy.orm.decl_api.DeclarativeBase`",
    ),
    case("sqla-dunder-repr", MODELS, "__repr__", ("dunder-repr", "dunder-methods")),
    case("sqla-fstring-repr", MODELS, 'f"User(', "f-strings"),
    case("sqla-with-session", MODELS, "with SessionLocal()", "context-managers"),
    case("sqla-try", MODELS, "try:\n        return", "exceptions"),
    case("sqla-finally", MODELS, "finally:\n        session.close", "exceptions"),
    case("sqla-augmented-null", MODELS, "prefix + user.name", None, delta=7),
    case("sqla-tablename-null", MODELS, "__tablename__", None),
    case("sqla-mapped-column", MODELS, "mapped_column(primary_key", "sqlalchemy-orm", delta=3),
    case("sqla-user-name-null", MODELS, "user.name = prefix", None, delta=6),
    case("sqla-import-from", MODELS, "from datetime import", "imports"),
    case(
        "route-shadowed",
        APP,
        '@app.get("/users/me")',
        "fastapi-routes",
        "Route 2 of 3 on `app`",
        "⚠ Shadowed: every request to `/users/me` matches `/users/{user_id}`",
        delta=5,
    ),
    case(
        "route-first",
        APP,
        '@app.get("/users/{user_id}")',
        "fastapi-routes",
        "1. GET `/users/{user_id}` → `read_user` ← this one",
        delta=5,
    ),
    case(
        "route-other-method",
        APP,
        '@app.post("/users/me")',
        "fastapi-routes",
        "POST `/users/me` → `update_me` ← this one",
        delta=5,
    ),
    case(
        "route-int-convertor",
        APP,
        '@router.get("/latest")',
        "fastapi-routes",
        "GET `/{item_id:int}`",
        delta=8,
    ),
    case(
        "route-path-catch-all",
        APP,
        '@router.get("/special")',
        "fastapi-routes",
        "matches `/{path:path}` (`catch_all`",
        delta=8,
    ),
    case(
        "route-api-route",
        APP,
        "@router.api_route",
        "fastapi-routes",
        "GET/POST `/{path:path}` → `catch_all` ← this one",
        delta=8,
    ),
    case(
        "pydantic-base",
        APP,
        "class UserOut(BaseModel)",
        "pydantic",
        "`UserOut` — a pydantic model.",
        "```python\n__init__(\n    self,\n    *,\n    id: int,\n    name: str = 'anonymous',\n"
        "    tags: list[str] = <factory list()>,\n)\n```",
        delta=14,
    ),
    case("pydantic-class-name", APP, "class UserOut", "mro", "a pydantic model", delta=7),
    case("pydantic-field", APP, "Field(default_factory", "pydantic", "a pydantic model"),
    case("fastapi-get-db-yield", APP, "yield db", "generators"),
    case("fastapi-is-none", APP, "user is None", "identity-vs-equality", "singleton", delta=5),
    case("fastapi-raise-null", APP, "raise HTTPException", None),
    case("fastapi-app-instance-null", APP, "app = FastAPI()", None),
    case("fastapi-depends-null", APP, "Depends(get_db)", None, delta=9),
    case("fastapi-include-router", APP, "include_router", "fastapi-routes"),
    case("fastapi-relative-import", APP, "from .db", "imports"),
    case("fastapi-return-dict-null", APP, 'return {"id": 0}', None, delta=9),
    case(
        "session-from-a-factory-jedi",
        "from sqlalchemy.orm import Session\n\n\ndef open_session() -> Session:\n"
        "    return Session()\n\n\ndef save(item):\n    session = open_session()\n"
        "    session.add(item)\n    session.commit()\n",
        "session.commit",
        "sqlalchemy-flush-commit",
        delta=9,
    ),
]
