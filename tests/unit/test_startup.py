"""What each command imports: the paths that do not need a module never load it.

Start-up time is measured by ``bench/startup.py``; these tests pin the import work it
depends on (a module list, not a time), so that a stray top-level import is caught
where it is added.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pygloss.engine.knowledge import load_knowledge, rule_topic, rule_topic_alone
from pygloss.kb.index import KnowledgeBase
from pygloss.rules import all_rules

PROBE = """
import json, sys
from pygloss.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as exc:
    status = exc.code
sys.stdout.flush()
print("\\n" + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

HEAVY = (
    "asyncio",
    "ssl",
    "unittest",
    "concurrent.futures",
    "multiprocessing",
    "jedi",
    "parso",
    "libcst",
    "markdown_it",
    "pygls",
    "lsprotocol",
    "pygloss.engine.api",
    "pygloss.engine.explain",
    "pygloss.engine.notes",
    "pygloss.lsp",
)


def imported(tmp_path: Path, *argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-P", "-c", PROBE, *argv],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_version_imports_no_command(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--version")
    assert heavy(modules) == []
    assert not any(m.startswith(("pygloss.rules", "pygloss.engine", "pygloss.kb")) for m in modules)


@pytest.mark.parametrize(
    "source", ["x = 1\n", "def f(x=[]):\n    return x\n"], ids=["clean", "dirty"]
)
def test_check_one_file_imports_no_heavy_module(tmp_path: Path, source: str) -> None:
    (tmp_path / "one.py").write_text(source)
    modules = imported(tmp_path, "check", "--no-cache", "one.py")
    assert heavy(modules) == []
    assert "pygloss.kb.index" not in modules  # the "why" reads the one topic it prints


def test_a_check_the_cache_answers_imports_no_rule(tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text("def f(x=[]):\n    return x\n")
    cold = imported(tmp_path, "check", "one.py")
    assert "pygloss.rules.mutable_default" in cold
    warm = imported(tmp_path, "check", "one.py")
    assert heavy(warm) == []
    assert not [m for m in warm if m.startswith(("pygloss.rules", "pygloss.engine.lint"))]


def test_rule_imports_no_engine(tmp_path: Path) -> None:
    modules = imported(tmp_path, "rule", "PG101")
    assert heavy(modules) == []


def test_kb_show_imports_no_engine(tmp_path: Path) -> None:
    modules = imported(tmp_path, "kb", "show", "mock-patch")
    assert heavy(modules) == []


@functools.cache
def whole_base() -> KnowledgeBase:
    return load_knowledge()


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_rule_topic_read_alone_is_the_one_in_the_whole_base(rule: type) -> None:
    whole = rule_topic(whole_base(), rule.code)  # type: ignore[attr-defined]
    assert whole is not None
    assert rule_topic_alone(rule.code) == whole  # type: ignore[attr-defined]


SERVER_PROBE = """
import json, sys
from pygloss.lsp.server import create_server
create_server()
print(json.dumps(sorted(sys.modules)))
"""


def test_the_server_is_built_without_the_engine(tmp_path: Path) -> None:
    """What ``initialize`` waits for: the features are registered, the engine (rules,
    knowledge base, jedi, libcst, the notes) is imported on first use."""
    result = subprocess.run(
        [sys.executable, "-P", "-c", SERVER_PROBE],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = set(json.loads(result.stdout))
    assert "pygloss.lsp.features.diagnostics" in modules
    late = (
        "jedi",
        "libcst",
        "markdown_it",
        "tomllib",
        "pygloss.engine.api",
        "pygloss.engine.lint",
        "pygloss.engine.notes",
        "pygloss.kb.index",
        "pygloss.files",
        "pygloss.pages.site",
        "pygloss.rules.mutable_default",
    )
    assert sorted(m for m in modules if any(m == x or m.startswith(x + ".") for x in late)) == []


def test_the_servers_site_marker_is_the_site_builders() -> None:
    from pygloss.lsp.pages import MARKER
    from pygloss.pages.site import MARKER as BUILT

    assert MARKER == BUILT
