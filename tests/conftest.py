"""Shared test helpers: paths into the repository and a cursor-marker parser."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
KNOWLEDGE = ROOT / "knowledge"
CURSOR = "‸"


def split_cursor(text: str) -> tuple[str, int]:
    """Remove the ``‸`` cursor marker from *text*; return the text and its offset."""
    offset = text.index(CURSOR)
    return text[:offset] + text[offset + 1 :], offset


def pytest_configure(config: pytest.Config) -> None:
    # Language servers started by the tests build the knowledge pages here, never in
    # the user's ~/.cache (lsp/pages.py); the folder is removed after the run.
    if "PYGLOSS_PAGES_CACHE" not in os.environ:
        os.environ["PYGLOSS_PAGES_CACHE"] = tempfile.mkdtemp(prefix="pygloss-pages-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop("PYGLOSS_PAGES_CACHE"), True))


@pytest.fixture(scope="session")
def local_pages() -> str:
    """The knowledge pages built where the servers under test look for them (so a
    server's links go to pages from its first diagnostic); their ``file://`` base URL."""
    from pygloss.engine.api import load_knowledge
    from pygloss.lsp.pages import cache_root, ensure_site

    return ensure_site(load_knowledge(), cache_root())


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected-output files of tests/fixtures/rules/ instead of comparing",
    )


@pytest.fixture(scope="session")
def engine():  # type: ignore[no-untyped-def]
    from pygloss.engine.api import Engine

    return Engine()
