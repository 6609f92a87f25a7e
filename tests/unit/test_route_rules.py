"""PG401 / PG402 beyond the in-rule examples: Starlette's path matching, related
places in the CLI output, and the move fix declining when it could break code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import fix, fix_all
from pygloss.engine.lint import lint
from pygloss.rules._routes import compile_path, shape
from pygloss.syntax.source import Source

ONLY = Config(select=("PG401", "PG402"))


@pytest.mark.parametrize(
    ("template", "path", "matches"),
    [
        ("/users/{user_id}", "/users/me", True),
        ("/users/{user_id}", "/users/me/posts", False),
        ("/files/{rest:path}", "/files/a/b/c", True),
        ("/orders/{n:int}", "/orders/latest", False),
        ("/orders/{n:int}", "/orders/42", True),
        ("/price/{p:float}", "/price/1.5", True),
        ("/u/{id:uuid}", "/u/0b4e7e8c-0f1a-4c39-9a52-2b3f7a6d1c00", True),
        ("/a.b/{x}", "/aXb/1", False),
    ],
)
def test_paths_match_like_starlette(template: str, path: str, matches: bool) -> None:
    pattern = compile_path(template)
    assert pattern is not None and bool(pattern.match(path)) is matches


def test_unknown_convertor_is_not_judged() -> None:
    assert compile_path("/x/{y:slug}") is None
    assert shape("/items/{id}") == shape("/items/{item_id:str}") != shape("/items/{id:int}")


def _codes(code: str) -> list[str]:
    return [f.code for f in lint(Source(code), ONLY).findings]


def test_each_rebinding_is_a_new_app() -> None:
    code = (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n"
        '@app.get("/x/{y}")\ndef a(y): ...\n\napp = FastAPI()\n\n'
        '@app.get("/x/z")\ndef b(): ...\n\n@app.get("/x/z")\ndef c(): ...\n'
    )
    assert _codes(code) == ["PG402"]


def test_routes_in_different_methods_or_objects_never_clash() -> None:
    code = (
        "import fastapi\n\napi = fastapi.APIRouter()\nweb = fastapi.APIRouter()\n\n"
        '@api.get("/{p:path}")\ndef catch_all(p): ...\n\n'
        '@api.post("/login")\ndef login(): ...\n\n@web.get("/login")\ndef page(): ...\n'
    )
    assert _codes(code) == []


def test_move_declines_when_the_route_needs_a_name_defined_in_between() -> None:
    code = (
        "from typing import Annotated\n\nfrom fastapi import Depends, FastAPI\n\n"
        "app = FastAPI()\n\n\n"
        '@app.get("/users/{user_id}")\ndef read_user(user_id: int): ...\n\n\n'
        "class Me:\n    ...\n\n\n"
        '@app.get("/users/me")\ndef read_me(me: Annotated[Me, Depends()]): ...\n'
    )
    source = Source(code)
    (finding,) = lint(source, ONLY).findings
    assert finding.code == "PG401" and fix(source, finding) is None


def test_two_shadowed_routes_are_fixed_in_one_run() -> None:
    code = (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        '@app.get("/{page}")\ndef page(page: str): ...\n\n\n'
        '@app.get("/about")\ndef about(): ...\n\n\n'
        '@app.get("/contact")\ndef contact(): ...\n'
    )
    assert fix_all(code, ONLY).applied == 0  # moving a route is an unsafe fix
    result = fix_all(code, ONLY, unsafe=True)
    assert result.remaining == []
    assert result.text.index('"/about"') < result.text.index('"/{page}"')
    assert result.text.index('"/contact"') < result.text.index('"/{page}"')


def test_cli_json_and_text_carry_the_related_route(tmp_path: Path) -> None:
    (tmp_path / "api.py").write_text(
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        '@app.get("/users")\ndef one(): ...\n\n\n@app.get("/users")\ndef two(): ...\n'
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-P", "-m", "pygloss", "check", str(tmp_path), *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    # PG402 is opt-in (0 of 1 findings worth acting on in the ecosystem check)
    assert json.loads(run("--format", "json").stdout) == []
    (report,) = json.loads(run("--format", "json", "--extend-select", "PG402").stdout)
    assert report["code"] == "PG402" and report["line"] == 10
    assert report["related"] == [
        {"line": 6, "column": 10, "message": "`GET /users` first registered here"}
    ]
    text = run("--extend-select", "PG402").stdout
    assert f"  = note: {tmp_path / 'api.py'}:6:10: `GET /users` first registered here" in text
