"""A hover on a range pygloss flagged starts with the rule's "why" (two lines at most)
and a link to the rule's page, above the explanation of the code (issue #20, item 1)."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient

from pygloss.lsp.features.hover import WHY_CHARS, short_why
from tests.conftest import ROOT
from tests.e2e.helpers import (
    close_doc,
    initialize,
    open_doc,
    position_of,
    server_config,
    wait_for_diagnostics,
)

TEXT = """import asyncio
import time


def logged(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


async def fetch():
    time.sleep(1)
    await asyncio.sleep(0)


def tags_for(post, tags=[]):
    tags.append(post)
    return tags
"""


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize(lsp_client, options={"pygloss": {"diagnostics": {"debounceMs": 0}}})
    yield
    await lsp_client.shutdown_session()


async def _hover(client: LanguageClient, uri: str, position: types.Position) -> types.Hover:
    found = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position)
    )
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("needle", "delta", "code", "page"),
    [
        pytest.param(
            "time.sleep(1)", 6, "PG302", "rules/pg302-blocking-call-in-async.html", id="sleep"
        ),
        pytest.param(
            "def wrapper", 5, "PG105", "rules/pg105-missing-functools-wraps.html", id="wraps"
        ),
        pytest.param("tags=[]", 6, "PG101", "rules/pg101-mutable-default.html", id="default"),
    ],
)
async def test_the_why_and_the_page_come_first(
    client: LanguageClient, local_pages: str, needle: str, delta: int, code: str, page: str
) -> None:
    uri = open_doc(client, ROOT / f"scratch_flagged_{code}.py", TEXT)
    diagnostics = await wait_for_diagnostics(client, uri, 1)
    assert code in {d.code for d in diagnostics}
    value = (await _hover(client, uri, position_of(TEXT, needle, delta))).contents.value
    why, _, explained = value.partition("\n\n---\n\n")
    first, link = why.split("  \n")
    assert first.startswith(f"**{code}** — ") and len(first) <= WHY_CHARS + 20
    assert link.startswith("[") and link.endswith(f"]({local_pages}{page})")
    assert explained == "" or explained.startswith("**")  # then any explanation of the code
    close_doc(client, uri)


def test_short_why_keeps_whole_sentences_within_two_lines() -> None:
    assert short_why("One. Two.") == "One. Two."
    long = "A first sentence that says it. " + "x " * 200
    assert short_why(long) == "A first sentence that says it."
    assert short_why("word " * 100).endswith("…") and len(short_why("word " * 100)) <= WHY_CHARS
