"""Which async library a module runs under, from its imports (rules/_async_library.py)."""

from __future__ import annotations

import pytest

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
