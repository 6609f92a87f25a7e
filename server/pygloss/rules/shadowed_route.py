"""PG401: a FastAPI route that can never be reached, because a route registered
earlier on the same app/router, for the same method, matches its path first
(``/users/{user_id}`` before ``/users/me``).

Routes are matched in registration order and the first whose path template
matches wins (a ``{user_id: int}`` annotation does not change matching: the
request then fails validation with 422).  The diagnostic points at the later
path and its ``relatedInformation`` at the earlier one; the fix moves the later
route's whole definition above the earlier one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._routes import Route, blocks, compile_path, routes_in
from pygloss.rules._statements import move_above
from pygloss.rules.base import (
    Finding,
    Fix,
    FixSafety,
    Invalid,
    Related,
    Rule,
    RuleContext,
    Valid,
)


class ShadowedRoute(Rule):
    code = "PG401"
    name = "shadowed-route"
    message = "Unreachable route: an earlier route's path template matches this path first"
    fix_title = "Move this route above the route that shadows it"
    fix_safety = FixSafety.UNSAFE
    topic = "pg401-shadowed-route"
    stubs = False  # a stub file never runs
    nodes = (ast.Module,)
    requires = ("fastapi",)  # routes are judged only in modules importing fastapi

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Module)
        for body in blocks(node, ctx):
            routes = routes_in(body, ctx)
            for later, earlier in _shadowed(routes):
                where = ctx.source.line_label(ctx.span(earlier[0].path_node)[0])
                first = earlier[0]
                message = (
                    f"`{later.shown}` is unreachable: `{first.path}` ({where}), registered "
                    f"earlier on `{later.owner}`, matches `{later.path}` first; declare "
                    f"`{later.path}` before it"
                )
                related = tuple(
                    Related(
                        *ctx.span(e.path_node),
                        f"`{e.shown}` is registered first and matches `{later.path}`",
                    )
                    for e in earlier
                )
                start, end = ctx.span(later.path_node)
                yield Finding(
                    self.code,
                    message,
                    start,
                    end,
                    self.severity,
                    {"earlier": ctx.span(first.statement)[0]},
                    related,
                )

    def fix(self, ctx: RuleContext, finding: Finding) -> Fix | None:
        module = ast.Module(body=list(ctx.source.statements), type_ignores=[])
        for body in blocks(module, ctx):
            for later, earlier in _shadowed(routes_in(body, ctx)):
                if ctx.span(later.path_node) != (finding.start, finding.end):
                    continue
                edits = move_above(ctx, body, later.statement, earlier[0].statement)
                if edits is None:
                    return None
                return Fix(self.fix_title or "", FixSafety.UNSAFE, edits)
        return None

    VALID = [
        Valid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/users/me")\nasync def read_me():\n    return {"user": "me"}\n\n\n'
            '@app.get("/users/{user_id}")\nasync def read_user(user_id: int):\n'
            '    return {"user": user_id}\n'
        ),
        Valid(
            "from fastapi import APIRouter\n\n"
            'router = APIRouter(prefix="/items", tags=["items"])\n\n\n'
            '@router.get("/{item_id}")\nasync def read_item(item_id: str):\n    ...\n\n\n'
            '@router.post("/search")\nasync def search_items(query: dict):\n    ...\n'
        ),
        Valid(
            "from fastapi import APIRouter\n\n"
            'users = APIRouter(prefix="/users")\nadmin = APIRouter(prefix="/admin")\n\n\n'
            '@users.get("/{user_id}")\ndef read_user(user_id: int):\n    ...\n\n\n'
            '@admin.get("/stats")\ndef stats():\n    ...\n'
        ),
        Valid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/orders/{order_id:int}")\ndef read_order(order_id: int):\n    ...\n\n\n'
            '@app.get("/orders/latest")\ndef latest_order():\n    ...\n'
        ),
        Valid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/files/{name}")\ndef read_file(name: str):\n    ...\n\n\n'
            '@app.get("/files/archive/all")\ndef read_archive():\n    ...\n'
        ),
    ]
    INVALID = [
        Invalid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/users/{user_id}")\nasync def read_user(user_id: int):\n'
            '    return {"user": user_id}\n\n\n'
            '@app.get("/users/me")\nasync def read_me():\n    return {"user": "me"}\n',
            fixed="from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/users/me")\nasync def read_me():\n    return {"user": "me"}\n\n\n'
            '@app.get("/users/{user_id}")\nasync def read_user(user_id: int):\n'
            '    return {"user": user_id}\n',
        ),
        Invalid(
            "from fastapi import APIRouter, Depends\n\n"
            'router = APIRouter(prefix="/reports", tags=["reports"])\n\n\n'
            '@router.get("/{report_id}", response_model=dict)\n'
            "async def read_report(report_id: str):\n    ...\n\n\n"
            "# Summary of every report, newest first.\n"
            '@router.get("/summary")\nasync def summary(user=Depends(current_user)):\n'
            "    ...\n",
            fixed="from fastapi import APIRouter, Depends\n\n"
            'router = APIRouter(prefix="/reports", tags=["reports"])\n\n\n'
            "# Summary of every report, newest first.\n"
            '@router.get("/summary")\nasync def summary(user=Depends(current_user)):\n'
            "    ...\n\n\n"
            '@router.get("/{report_id}", response_model=dict)\n'
            "async def read_report(report_id: str):\n    ...\n",
        ),
        Invalid(
            "from fastapi import FastAPI\n\n\ndef create_app():\n    app = FastAPI()\n\n"
            '    @app.api_route("/static/{rest:path}", methods=["GET", "HEAD"])\n'
            "    def serve_static(rest: str):\n        ...\n\n"
            '    @app.get("/static/health/check")\n    def health():\n        ...\n\n'
            "    return app\n",
            fixed="from fastapi import FastAPI\n\n\ndef create_app():\n    app = FastAPI()\n\n"
            '    @app.get("/static/health/check")\n    def health():\n        ...\n\n'
            '    @app.api_route("/static/{rest:path}", methods=["GET", "HEAD"])\n'
            "    def serve_static(rest: str):\n        ...\n\n"
            "    return app\n",
        ),
        Invalid(
            "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
            '@router.delete("/sessions/{session_id}")\ndef end_session(session_id: str):\n'
            "    ...\n\n\ndef require_admin():\n    ...\n\n\n"
            '@router.delete("/sessions/all", dependencies=[require_admin()])\n'
            "def end_all_sessions():\n    ...\n"
        ),
    ]


def _shadowed(routes: list[Route]) -> Iterator[tuple[Route, list[Route]]]:
    """Each static route with the earlier routes whose templates match it."""
    for index, later in enumerate(routes):
        if not later.is_static:
            continue
        earlier = []
        for route in routes[:index]:
            if (
                route.owner != later.owner
                or route.generation != later.generation
                or route.is_static
                or route.statement is later.statement
                or not (route.methods & later.methods)
            ):
                continue
            pattern = compile_path(route.path)
            if pattern is not None and pattern.match(later.path):
                earlier.append(route)
        if earlier:
            yield later, earlier
