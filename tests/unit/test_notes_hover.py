"""The notes in ``Engine.explain``: appended below the explanation, alone when the
knowledge base has nothing, brief and plain-text variants, and the lookup keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from pygloss.engine.api import Engine
from pygloss.engine.explain import explain
from pygloss.engine.extras import ExtraEnv
from pygloss.engine.notes import NotesSpec
from pygloss.engine.notes.hover import keys_at
from pygloss.engine.render import RenderOptions
from pygloss.syntax.source import Source
from tests.conftest import split_cursor

NOTES = """\
# Gathering

Run coroutines at once.
Results come back in order.

```python
import asyncio
asyncio.gather(a(), b())
```

# Retry helper
<!-- pygloss: myteam.retry -->

Backs off twice.

# Patching

```python
from unittest import mock
mock.patch("a.b")
```
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> NotesSpec:
    root = tmp_path_factory.mktemp("hover-notes")
    (root / "notes.md").write_text(NOTES, encoding="utf-8")
    return NotesSpec(("notes.md",), str(root))


def _link(spec: NotesSpec, line: int) -> str:
    uri = (Path(spec.root or "") / "notes.md").resolve().as_uri()
    return f"[notes.md:{line}]({uri}#L{line})"


def _explain(engine: Engine, code: str, spec: NotesSpec, **options: object):  # type: ignore[no-untyped-def]
    text, offset = split_cursor(code)
    return engine.explain(Source(text), offset, RenderOptions(**options), spec)  # type: ignore[arg-type]


def test_the_section_is_appended_below_the_explanation(engine: Engine, notes: NotesSpec) -> None:
    found = _explain(engine, "import asyncio\nasyncio.ga‸ther(x())\n", notes)
    assert found is not None and found.topics[0].id == "asyncio-gather"
    assert found.markdown.endswith(
        "\n\n---\n\n**From your notes — Gathering**\n\n"
        "Run coroutines at once.\nResults come back in order.\n\n" + _link(notes, 1)
    )


def test_notes_alone_when_the_knowledge_base_has_nothing(engine: Engine, notes: NotesSpec) -> None:
    code = "from myteam import retry\nret‸ry(job)\n"
    found = _explain(engine, code, notes)
    assert found is not None and found.topics == ()
    assert found.markdown == (
        "**From your notes — Retry helper**\n\nBacks off twice.\n\n" + _link(notes, 11)
    )
    text, _ = split_cursor(code)
    assert text[found.start : found.end] == "retry"


def test_brief_shows_one_section_without_excerpt(engine: Engine, notes: NotesSpec) -> None:
    found = _explain(engine, "import asyncio\nasyncio.ga‸ther(x())\n", notes, verbosity="brief")
    assert found is not None
    assert found.markdown.endswith("---\n\n**From your notes — Gathering**\n\n" + _link(notes, 1))


def test_plain_text(engine: Engine, notes: NotesSpec) -> None:
    found = _explain(engine, "from myteam import retry\nret‸ry(job)\n", notes, markdown=False)
    assert found is not None
    uri = (Path(notes.root or "") / "notes.md").resolve().as_uri()
    assert found.markdown == (
        f"From your notes — Retry helper\n\nBacks off twice.\n\nnotes.md:11 <{uri}#L11>"
    )


def test_without_notes_nothing_changes(engine: Engine, notes: NotesSpec) -> None:
    text, offset = split_cursor("from myteam import retry\nret‸ry(job)\n")
    assert engine.explain(Source(text), offset) is None


def test_a_failing_extra_is_logged_and_the_hover_still_answered(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(env: ExtraEnv) -> None:
        raise RuntimeError("boom")

    text, offset = split_cursor("import asyncio\nasyncio.ga‸ther(x())\n")
    found = explain(Source(text), offset, engine.kb, RenderOptions(), None, [broken])
    assert found is not None and "From your notes" not in found.markdown
    assert "hover extra broken failed" in caplog.text


@pytest.mark.parametrize(
    ("code", "keys", "fallback"),
    [
        pytest.param(
            "from unittest import mock\nmo‸ck.patch('a')\n",
            [("name", "unittest.mock")],
            [("name", "unittest.mock.patch")],
            id="enclosing-attribute-as-fallback",
        ),
        pytest.param(
            "from unittest import mo‸ck\n",
            [("name", "unittest.mock")],
            [],
            id="import-alias",
        ),
        pytest.param(
            "async def f():\n    aw‸ait g()\n",
            [("kind", "await")],
            [],
            id="construct",
        ),
        pytest.param(
            "class S:\n    def m(self, session: Session):\n        session.com‸mit()\n",
            [],
            [],
            id="unresolved",
        ),
    ],
)
def test_keys_at(code: str, keys: list[tuple[str, str]], fallback: list[tuple[str, str]]) -> None:
    text, offset = split_cursor(code)
    found = keys_at(Source(text), offset)
    assert (list(found.keys), list(found.fallback)) == (keys, fallback)


def test_the_enclosing_attribute_is_tried_when_the_name_matches_nothing(
    engine: Engine, notes: NotesSpec
) -> None:
    found = _explain(engine, "from unittest import mock\nmo‸ck.patch('a')\n", notes)
    assert found is not None and "**From your notes — Patching**" in found.markdown
