"""Which async library a module runs under, from its imports (rules/_async_library.py)."""

from __future__ import annotations

import pytest

from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.rules._async_library import async_library
from pygloss.rules.base import RuleContext
from pygloss.syntax.source import Source


@pytest.mark.parametrize(
    ("imports", "expected"),
    [
        pytest.param("import asyncio", "asyncio", id="asyncio"),
        pytest.param("from aiohttp import web", "asyncio", id="aiohttp"),
        pytest.param("from tornado import gen", "asyncio", id="tornado"),
        pytest.param("import trio", "trio", id="trio"),
        pytest.param("import trio.testing\nimport time", "trio", id="trio-submodule"),
        pytest.param("import anyio", "anyio", id="anyio"),
        pytest.param("import asyncio\nimport anyio", "anyio", id="anyio-wins-over-asyncio"),
        pytest.param(
            "import trio\nfrom anyio import fail_after", "anyio", id="anyio-wins-over-trio"
        ),
        pytest.param("from fastapi import FastAPI", "anyio", id="fastapi-runs-on-anyio"),
        pytest.param(
            "import asyncio\nfrom fastapi import FastAPI", "asyncio", id="fastapi-asyncio"
        ),
        pytest.param("import asyncio\nimport trio", "unknown", id="both"),
        pytest.param("import time", "unknown", id="none"),
        pytest.param("try:\n    import trio\nexcept ImportError:\n    pass", "trio", id="guarded"),
    ],
)
def test_imports_decide_the_library(imports: str, expected: str) -> None:
    source = Source(f"{imports}\n\nasync def main():\n    pass\n", "m.py")
    assert async_library(RuleContext(source)) == expected


@pytest.mark.parametrize(
    ("imports", "advice"),
    [
        pytest.param(
            "import asyncio",
            "if the calls are independent, `asyncio.gather` can run them concurrently",
            id="asyncio",
        ),
        pytest.param(
            "import trio",
            "if the calls are independent, a nursery (`nursery.start_soon`) can run them "
            "concurrently",
            id="trio",
        ),
    ],
)
def test_pg304_says_only_what_it_knows(imports: str, advice: str) -> None:
    # the rule cannot know whether the calls depend on each other, and says so; it
    # never proposes asyncio.gather in trio code, as message or fix
    code = f"{imports}\n\n\nasync def crawl(urls):\n    for url in urls:\n"
    code += "        await download(url)\n"
    found = lint(Source(code, "m.py"), Config(), "m.py").findings
    assert [(f.code, f.message) for f in found] == [
        (
            "PG304",
            "Consecutive awaits: each `await download(...)` starts only after the "
            f"previous one finishes; {advice}",
        )
    ]
    assert "do not depend" not in found[0].message
