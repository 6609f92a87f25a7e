"""PG402: the same HTTP method and path registered twice on one FastAPI app or router.

At run time the first registration handles every request; the generated OpenAPI
document describes the later one, so the docs and the behaviour disagree.  Paths
that differ only in parameter names (``/items/{id}`` and ``/items/{item_id}``) are
the same route.  No automatic fix: which handler should stay is the author's call.

Off by default (``extend-select = ["PG402"]`` turns it on): its one finding on the
ecosystem projects and reference corpora was FastAPI's documentation example that
registers ``GET /users`` twice on purpose, to show that the first one wins (0 of 1
judged worth acting on).  Nothing in the code tells such a demonstration from a
forgotten copy, so the rule cannot be narrowed; docs/rule-list.md states it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from pygloss.rules._routes import blocks, routes_in, shape
from pygloss.rules.base import Finding, Invalid, Related, Rule, RuleContext, Valid


class DuplicateRoute(Rule):
    code = "PG402"
    name = "duplicate-route"
    message = "Route registered twice: the first one serves requests, the docs show this one"
    topic = "pg402-duplicate-route"
    stubs = False  # a stub file never runs
    nodes = (ast.Module,)
    requires = ("fastapi",)  # routes are judged only in modules importing fastapi
    default_enabled = False  # measured precision too low on real code (docs/rule-list.md)

    def check(self, node: ast.AST, ctx: RuleContext) -> Iterator[Finding]:
        assert isinstance(node, ast.Module)
        for body in blocks(node, ctx):
            routes = routes_in(body, ctx)
            for index, later in enumerate(routes):
                earlier = next(
                    (
                        r
                        for r in routes[:index]
                        if r.owner == later.owner
                        and r.generation == later.generation
                        and r.statement is not later.statement
                        and r.methods & later.methods
                        and shape(r.path) == shape(later.path)
                    ),
                    None,
                )
                if earlier is None:
                    continue
                method = "/".join(sorted(earlier.methods & later.methods))
                where = ctx.source.line_label(ctx.span(earlier.path_node)[0])
                message = (
                    f"`{method} {later.path}` is already registered on `{later.owner}` "
                    f"({where}): that first handler serves every request, while the "
                    "OpenAPI docs describe this one"
                )
                related = (
                    Related(
                        *ctx.span(earlier.path_node),
                        f"`{method} {earlier.path}` first registered here",
                    ),
                )
                start, end = ctx.span(later.path_node)
                yield Finding(self.code, message, start, end, self.severity, {}, related)

    VALID = [
        Valid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/users")\nasync def list_users():\n    ...\n\n\n'
            '@app.post("/users")\nasync def create_user(user: dict):\n    ...\n'
        ),
        Valid(
            "from fastapi import APIRouter\n\n"
            'v1 = APIRouter(prefix="/v1")\nv2 = APIRouter(prefix="/v2")\n\n\n'
            '@v1.get("/items/{item_id}")\ndef read_item_v1(item_id: int):\n    ...\n\n\n'
            '@v2.get("/items/{item_id}")\ndef read_item_v2(item_id: int):\n    ...\n'
        ),
        Valid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/health")\n@app.head("/health")\ndef health():\n    return {}\n'
        ),
        Valid(
            "from fastapi import FastAPI\n\n\ndef create_app(debug: bool):\n"
            "    app = FastAPI()\n    if debug:\n\n"
            '        @app.get("/debug")\n        def debug_info():\n            ...\n\n'
            "    else:\n\n"
            '        @app.get("/debug")\n        def no_debug():\n            ...\n\n'
            "    return app\n"
        ),
        Valid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/items/{item_id:int}")\ndef by_id(item_id: int):\n    ...\n\n\n'
            '@app.get("/items/{slug}")\ndef by_slug(slug: str):\n    ...\n'
        ),
    ]
    INVALID = [
        Invalid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            '@app.get("/users")\nasync def read_users_1():\n    return ["Rick", "Morty"]\n\n\n'
            '@app.get("/users")\nasync def read_users_2():\n    return ["Bean", "Elfo"]\n'
        ),
        Invalid(
            "from fastapi import APIRouter\n\n"
            'router = APIRouter(prefix="/items", tags=["items"])\n\n\n'
            '@router.put("/{item_id}")\nasync def replace_item(item_id: int, item: dict):\n'
            "    ...\n\n\n"
            '@router.put("/{id}")\nasync def update_item(id: int, item: dict):\n    ...\n'
        ),
        Invalid(
            "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
            "def export_csv():\n    ...\n\n\n"
            'app.add_api_route("/export", export_csv, methods=["GET", "POST"])\n\n\n'
            '@app.api_route("/export", methods=["POST"])\ndef export_json():\n    ...\n'
        ),
        Invalid(
            "from fastapi import FastAPI\n\n\ndef create_app():\n    app = FastAPI()\n\n"
            '    @app.delete("/cache")\n    def clear_cache():\n        ...\n\n'
            '    @app.delete("/cache")\n    def purge_cache():\n        ...\n\n'
            "    return app\n"
        ),
    ]
