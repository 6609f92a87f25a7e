"""The examples/shop project: every PG2xx-PG4xx rule fires there, exactly where
intended, and the pitfalls are real when the app runs (FastAPI + SQLAlchemy)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pygloss.rules import all_rules
from tests.conftest import EXAMPLES, ROOT

SHOP = EXAMPLES / "shop"
EXPECTED = {
    ("shop/db.py", 11, "PG404"),
    ("shop/models.py", 37, "PG405"),
    ("shop/models.py", 38, "PG405"),
    ("shop/services.py", 20, "PG304"),
    ("shop/services.py", 32, "PG303"),
    ("shop/services.py", 38, "PG301"),
    ("shop/services.py", 42, "PG302"),
    ("shop/services.py", 43, "PG302"),
    ("shop/services.py", 47, "PG305"),
    ("shop/routers/users.py", 20, "PG401"),
    ("shop/routers/users.py", 30, "PG402"),
    ("tests/conftest.py", 12, "PG403"),
    ("tests/test_billing.py", 6, "PG205"),
    ("tests/test_billing.py", 13, "PG206"),
    ("tests/test_billing.py", 15, "PG206"),
    ("tests/test_billing.py", 16, "PG201"),
    ("tests/test_billing.py", 19, "PG204"),
    ("tests/test_billing.py", 21, "PG202"),
    ("tests/test_billing.py", 27, "PG203"),
    ("tests/test_billing.py", 28, "PG206"),
    ("tests/test_services.py", 11, "PG206"),
    ("tests/test_services.py", 18, "PG207"),
}


def test_check_lists_every_rule_of_the_shop_exactly_where_intended() -> None:
    result = subprocess.run(
        [sys.executable, "-P", "-m", "pygloss", "check", "examples/", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    reports = json.loads(result.stdout)
    found = {
        (Path(r["path"]).relative_to("examples/shop").as_posix(), r["line"], r["code"])
        for r in reports
        if r["path"].startswith("examples/shop/")
    }
    assert found == EXPECTED
    mine = {r.code for r in all_rules() if r.code[:3] in ("PG2", "PG3", "PG4")}
    assert {code for _, _, code in found} == mine


@pytest.fixture(scope="module")
def shop() -> Iterator[None]:
    sys.path.insert(0, str(SHOP))
    yield
    sys.path.remove(str(SHOP))
    for name in [m for m in sys.modules if m == "shop" or m.startswith("shop.")]:
        del sys.modules[name]


def test_the_shadowed_and_duplicate_routes_misbehave_for_real(shop: None) -> None:
    from fastapi.testclient import TestClient
    from shop.db import get_db  # type: ignore[import-not-found]
    from shop.main import app  # type: ignore[import-not-found]

    app.dependency_overrides[get_db] = lambda: None  # the real one trips over PG404
    client = TestClient(app)
    response = client.get("/users/me")  # PG401: taken for /users/{user_id}
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "user_id"]
    # PG402: the docs describe the second GET /users/ handler, which never runs
    assert app.openapi()["paths"]["/users/"]["get"]["operationId"].startswith("search_users")


def test_the_autocommit_session_factory_fails_on_first_use(shop: None) -> None:
    from shop.db import SessionLocal  # type: ignore[import-not-found]
    from sqlalchemy.exc import ArgumentError

    with pytest.raises(ArgumentError, match="autocommit=True is no longer supported"):
        SessionLocal()


def test_the_precision_bench_runs_and_reports_no_rule_failure() -> None:
    result = subprocess.run(
        [sys.executable, "bench/rules_corpus.py", "--select", "PG2,PG3,PG4", "--list", "examples/"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "examples/shop/shop/routers/users.py:20:13: PG401 " in result.stdout
    assert "  PG206: 6\n" in result.stdout and "rule failures: 0" in result.stdout
