"""Imports that fixes add and remove, checked with Ruff itself.

Every file layout below passes ``ruff check --select I`` (isort's order) before an
import is added; after adding each import a fix may add (stdlib, third party, first
party, a name into an existing ``from`` import) it must still pass.  The project
around the files has a ``shop`` package, so Ruff, like pygloss, counts ``shop`` as
first party.  Imports that a fix leaves unused are removed, and the result passes
``--select I,F401``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pygloss.engine.config import Config
from pygloss.engine.fixes import apply_edits, fix_all
from pygloss.rules._fixkit import import_name
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

RUFF = shutil.which("ruff")
pytestmark = pytest.mark.skipif(RUFF is None, reason="ruff is a test dependency; not on PATH")

LAYOUTS = {
    "code-only": "x = 1\n",
    "empty": "",
    "docstring-only": '"""Helpers."""\n',
    "docstring-def": '"""Helpers."""\n\n\ndef f():\n    return 1\n',
    "docstring-code": '"""Helpers."""\n\nLIMIT = 3\n',
    "comment-header": "# Copyright the authors\n\n\nclass A:\n    pass\n",
    "future": "from __future__ import annotations\n\nimport os\n\nx = os.sep\n",
    "sections": (
        "import os\nimport sys\n\nimport pytest\n\nfrom shop import app\n\n\n"
        "def f():\n    return os, sys, pytest, app\n"
    ),
    "third-party-only": "import httpx\n\nclient = httpx.Client()\n",
    "first-party-only": "from shop import app\n\n\nclass A:\n    pass\n",
    "from-imports": (
        '"""Models."""\n\nfrom collections import OrderedDict\nfrom dataclasses import dataclass\n'
        "from typing import Any\n\nfrom sqlalchemy import create_engine\n\n\n@dataclass\n"
        "class A:\n    x: Any = None\n"
    ),
    "wrapped-from": (
        "from dataclasses import (\n    asdict,\n    dataclass,\n    replace,\n)\n\n"
        "from sqlalchemy.orm import (\n    Session,\n    sessionmaker,\n)\n\n"
        "x = asdict, dataclass, replace, Session, sessionmaker\n"
    ),
    "long-from": (
        "from dataclasses import KW_ONLY, FrozenInstanceError, InitVar, asdict, astuple, fields\n"
        "\nx = 1\n"
    ),
    "commented-sections": (
        "# standard library\nimport os\n\n# third party\nimport pytest\n\n"
        "# ours\nfrom shop import app\n\nx = os, pytest, app\n"
    ),
}
ADDED = {
    "import-asyncio": ("asyncio", "sleep", "module"),
    "import-functools": ("functools", "wraps", "module"),
    "from-dataclasses": ("dataclasses", "field", "from"),
    "from-abc": ("abc", "ABC", "from"),
    "import-pytest": ("pytest", "approx", "module"),
    "from-sqlalchemy-pool": ("sqlalchemy.pool", "StaticPool", "from"),
    "from-sqlalchemy": ("sqlalchemy", "text", "from"),
    "first-party": ("shop.models", "User", "from"),
    "future": ("__future__", "annotations", "from"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    (root / "pyproject.toml").write_text('[project]\nname = "shop"\n\n[tool.ruff]\n')
    (root / "shop").mkdir()
    (root / "shop" / "__init__.py").write_text("app = 1\n")
    (root / "shop" / "models.py").write_text("User = 1\n")
    (root / "code").mkdir()
    return root


def ruff(project: Path, files: list[Path], select: str) -> list[dict[str, object]]:
    assert RUFF is not None
    done = subprocess.run(
        [RUFF, "check", "--select", select, "--output-format", "json", "--exit-zero"]
        + [str(f) for f in files],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def _added(text: str, path: Path, module: str, name: str, style: str) -> str:
    source = Source(text, str(path))
    imports = ImportMap.from_statements(source.statements)
    _, edit = import_name(source, imports, module, name, style=style, path=str(path))
    return text if edit is None else apply_edits(text, [edit])  # None: imported already


def test_added_imports_keep_isort_order(project: Path) -> None:
    before, after = [], {}
    for layout, text in LAYOUTS.items():
        original = project / "code" / f"{layout.replace('-', '_')}.py"
        original.write_text(text)
        before.append(original)
        for added, (module, name, style) in ADDED.items():
            if added == "future" and "__future__" in text:
                continue
            path = project / "code" / f"{layout.replace('-', '_')}__{added.replace('-', '_')}.py"
            result = _added(text, path, module, name, style)
            compile(result, str(path), "exec")
            spelled = f"import {module}" if style == "module" else f"from {module} import"
            assert spelled in result or name in result, (layout, added, result)
            path.write_text(result)
            after[str(path)] = result
    assert ruff(project, before, "I") == []  # the layouts are sorted to begin with
    unsorted = ruff(project, [Path(p) for p in after], "I")
    shown = {str(r["filename"]): after[str(r["filename"])] for r in unsorted}
    assert shown == {}


def test_a_name_joins_a_from_import_in_ruffs_order() -> None:
    text = "from m import ALPHA, Beta, gamma\n"
    for name, expected in [
        ("ZETA", "from m import ALPHA, ZETA, Beta, gamma\n"),
        ("Alpha", "from m import ALPHA, Alpha, Beta, gamma\n"),
        ("delta", "from m import ALPHA, Beta, delta, gamma\n"),
        ("_x", "from m import ALPHA, Beta, _x, gamma\n"),
    ]:
        assert _added(text, Path("x.py"), "m", name, "from") == expected


def test_a_long_from_import_is_wrapped_with_a_trailing_comma() -> None:
    text = LAYOUTS["long-from"]
    assert _added(text, Path("x.py"), "dataclasses", "field", "from") == (
        "from dataclasses import (\n    KW_ONLY,\n    FrozenInstanceError,\n    InitVar,\n"
        "    asdict,\n    astuple,\n    field,\n    fields,\n)\n\nx = 1\n"
    )


FIXED = [
    pytest.param(
        "import time\n\n\nasync def poll(job):\n    while not job.done:\n        time.sleep(1)\n",
        "PG302",
        "import asyncio\n\n\nasync def poll(job):\n    while not job.done:\n"
        "        await asyncio.sleep(1)\n",
        id="time-was-the-only-import",
    ),
    pytest.param(
        "import time\n\nimport httpx\n\n\nasync def poll(client):\n    time.sleep(1)\n"
        "    await client.get(httpx.URL('/'))\n    time.sleep(2)\n",
        "PG302",
        "import asyncio\n\nimport httpx\n\n\nasync def poll(client):\n"
        "    await asyncio.sleep(1)\n    await client.get(httpx.URL('/'))\n"
        "    await asyncio.sleep(2)\n",
        id="two-uses-fixed-in-one-run",
    ),
    pytest.param(
        "import time\n\n\nasync def poll():\n    started = time.time()\n    time.sleep(1)\n"
        "    return started\n",
        "PG302",
        "import asyncio\nimport time\n\n\nasync def poll():\n    started = time.time()\n"
        "    await asyncio.sleep(1)\n    return started\n",
        id="time-still-used",
    ),
    pytest.param(
        "import os, time\n\n\nasync def poll():\n    time.sleep(os.cpu_count())\n",
        "PG302",
        "import asyncio\nimport os\n\n\nasync def poll():\n"
        "    await asyncio.sleep(os.cpu_count())\n",
        id="one-name-of-two",
    ),
    pytest.param(
        "from time import monotonic, sleep\n\n\nasync def poll():\n    sleep(monotonic())\n",
        "PG302",
        "import asyncio\nfrom time import monotonic\n\n\nasync def poll():\n"
        "    await asyncio.sleep(monotonic())\n",
        id="from-import-keeps-the-rest",
    ),
    pytest.param(
        'import time\n\n__all__ = ["time"]\n\n\nasync def poll():\n    time.sleep(1)\n',
        "PG302",
        'import asyncio\nimport time\n\n__all__ = ["time"]\n\n\nasync def poll():\n'
        "    await asyncio.sleep(1)\n",
        id="re-exported",
    ),
    pytest.param(
        "import asyncio\n\nfrom shop import app\n\n\nasync def handler():\n"
        "    return asyncio.run(app.sync())\n",
        "PG305",
        "from shop import app\n\n\nasync def handler():\n    return await app.sync()\n",
        id="asyncio-run-was-the-only-use",
    ),
]


@pytest.mark.parametrize(("code", "rule", "expected"), FIXED)
def test_imports_a_fix_made_unused_are_removed(
    project: Path, code: str, rule: str, expected: str
) -> None:
    path = project / "code" / "unused.py"
    fixed = fix_all(code, Config(select=(rule,)), str(path), unsafe=True).text
    assert fixed == expected
    path.write_text(fixed)
    assert ruff(project, [path], "I,F401") == []


def test_an_init_module_keeps_its_imports(project: Path) -> None:
    code = "import time\n\n\nasync def poll():\n    time.sleep(1)\n"
    path = project / "shop" / "__init__.py"
    fixed = fix_all(code, Config(select=("PG302",)), str(path), unsafe=True).text
    assert fixed == (
        "import asyncio\nimport time\n\n\nasync def poll():\n    await asyncio.sleep(1)\n"
    )
