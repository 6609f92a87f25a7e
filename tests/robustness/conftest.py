"""The servers these tests start find the knowledge pages already built (see
``local_pages`` in tests/conftest.py), so their links are pages from the start."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _pages_built(local_pages: str) -> str:
    return local_pages
