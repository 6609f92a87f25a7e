"""``pygloss.listTopics``: every knowledge topic, for a client's "open a topic" picker.

Answers ``[{id, title, summary, area}]``, title and summary as plain text (a picker
shows them as written), sorted by the title shown (:func:`pygloss.lsp.text.sort_key`).
The client opens the one picked with ``pygloss.explain <id>`` (see ``commands.py``).
"""

from __future__ import annotations

from typing import Any

from pygloss.lsp.server import PyglossServer, guarded
from pygloss.lsp.text import plain_markdown, plain_title, sort_key

LIST_TOPICS_COMMAND = "pygloss.listTopics"


def list_topics(ls: PyglossServer) -> list[dict[str, str]]:
    entries = [
        {
            "id": t.id,
            "title": plain_title(t.title),
            "summary": plain_markdown(t.summary),
            "area": t.area,
        }
        for t in ls.engine.kb.topics.values()
    ]
    return sorted(entries, key=lambda e: (*sort_key(e["title"]), e["id"]))


def register(server: PyglossServer) -> None:
    @server.command(LIST_TOPICS_COMMAND)
    @guarded(server, default=[])
    def list_topics_command(ls: PyglossServer, *args: Any) -> list[dict[str, str]]:
        return list_topics(ls)
