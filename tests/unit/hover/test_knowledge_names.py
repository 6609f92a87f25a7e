"""A hover on a name shows a topic about that name, not about a namesake: found
while judging the hover corpus (``tests/fixtures/hover_judged.jsonl``)."""

from __future__ import annotations

from pygloss.engine.api import load_knowledge
from pygloss.engine.explain import explain
from pygloss.syntax.source import Source

SOURCE = "from typing import Final, final\n\n\n@final\nclass Leaf:\n    LIMIT: Final = 3\n"


def test_typing_final_is_not_explained_as_typing_final_constants_only() -> None:
    kb = load_knowledge()
    for needle in ("final\n", "@final"):
        found = explain(Source(SOURCE), SOURCE.index(needle) + needle.index("final"), kb)
        assert found is not None and found.topics[0].id == "typing-final"
        # the hover (its summary) says what the lower-case decorator does
        assert "the @final decorator (lower case)" in found.markdown.replace("`", "")
        assert "must not be subclassed or a method overridden" in found.markdown
