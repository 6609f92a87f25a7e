"""``pygloss.listTopics``: every knowledge topic, for a client's "open a topic" picker.

Answers ``[{id, title, summary, area}]`` sorted by title (case-insensitive), then id.
The client opens the one picked with ``pygloss.explain <id>`` (see ``commands.py``).
"""

from __future__ import annotations

from typing import Any

from pygloss.lsp.server import PyglossServer, guarded

LIST_TOPICS_COMMAND = "pygloss.listTopics"


def list_topics(ls: PyglossServer) -> list[dict[str, str]]:
    topics = sorted(ls.engine.kb.topics.values(), key=lambda t: (t.title.lower(), t.id))
    return [{"id": t.id, "title": t.title, "summary": t.summary, "area": t.area} for t in topics]


def register(server: PyglossServer) -> None:
    @server.command(LIST_TOPICS_COMMAND)
    @guarded(server, default=[])
    def list_topics_command(ls: PyglossServer, *args: Any) -> list[dict[str, str]]:
        return list_topics(ls)
