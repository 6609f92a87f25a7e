"""Shared test helpers: paths into the repository and a cursor-marker parser."""

from __future__ import annotations

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
