"""``workspace/executeCommand``: ``pygloss.explain``, ``pygloss.reloadKnowledge`` and
``pygloss.muteTopic``.

``pygloss.explain`` takes a topic id (``["mock-patch"]``), or the construct at a
position in an open document: ``[{"uri": ..., "position": {"line": 3,
"character": 4}}]`` or ``[uri, line, character]`` (the character in the negotiated
position encoding).  It returns ``{"topics": [{"id", "title"}], "markdown"}`` — the
topic's page as Markdown for an id, the full explanation for a position; titles are
plain text, for a picker — and shows
the (first) topic, since most clients drop a command's result ("Explain PGxxx" is a
code action running it): a client that shows topics itself (the VS Code extension
says so with the ``experimental.pygloss.showTopic`` capability) gets only the result;
one that supports ``window/showDocument`` gets the topic's text opened in the editor
(the page as Markdown from the built site, else the topic file; never a browser,
which may be on another machine); any other client gets the topic's title and
summary as a message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from pygloss.engine.render import RenderOptions
from pygloss.lsp.features.lifecycle import refresh_views
from pygloss.lsp.notes import notes_spec
from pygloss.lsp.server import PyglossServer, guarded
from pygloss.lsp.text import plain_markdown, plain_title

if TYPE_CHECKING:
    from pygloss.kb.model import Topic

EXPLAIN_COMMAND = "pygloss.explain"
RELOAD_COMMAND = "pygloss.reloadKnowledge"
MUTE_COMMAND = "pygloss.muteTopic"


def parse_explain_args(args: Sequence[Any]) -> str | tuple[str, types.Position] | None:
    """A topic id, or ``(uri, position)``; None when the arguments make no sense."""
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    if len(args) == 1 and isinstance(args[0], Mapping):
        uri, position = args[0].get("uri"), args[0].get("position")
        if isinstance(position, Mapping):
            line, character = position.get("line"), position.get("character")
            if isinstance(uri, str) and isinstance(line, int) and isinstance(character, int):
                return uri, types.Position(line=line, character=character)
        return None
    if len(args) == 3 and isinstance(args[0], str) and all(isinstance(a, int) for a in args[1:]):
        return args[0], types.Position(line=args[1], character=args[2])
    return None


def _explain_topic(ls: PyglossServer, topic_id: str) -> dict[str, Any] | None:
    topic = ls.engine.kb.get(topic_id)
    if topic is None:
        return None
    base = ls.page_base()

    def link(other: Topic) -> str:
        return f"[{other.title}]({other.link(base)})"

    from pygloss.pages.content import page_markdown

    markdown = page_markdown(topic, ls.engine.kb, link)  # the page, without front matter
    return {"topics": [{"id": topic.id, "title": plain_title(topic.title)}], "markdown": markdown}


def _explain_at(ls: PyglossServer, uri: str, position: types.Position) -> dict[str, Any] | None:
    doc = ls.store.get(uri)
    if doc is None or ls.too_large(doc):
        return None
    offset = doc.to_offset(position, ls.encoding)
    options = RenderOptions(
        verbosity="full", mute=ls.settings_for(uri).mute, pages=ls.page_base(uri)
    )
    found = ls.engine.explain(doc.source, offset, options, notes_spec(ls, doc))
    if found is None:
        return None
    topics = [{"id": t.id, "title": plain_title(t.title)} for t in found.topics]
    return {"topics": topics, "markdown": found.markdown}


SHOWS_TOPICS = "experimental.pygloss.showTopic"  # the client renders the result itself


async def _show_topic(ls: PyglossServer, topic_id: str) -> None:
    """Show the topic where the client will not: its text in the editor, or a message."""
    topic = ls.engine.kb.get(topic_id)
    if topic is None or ls.client_supports(SHOWS_TOPICS):
        return
    if ls.client_supports("window.show_document.support"):
        uri = ls.pages.text(topic, ls.engine.kb) or topic.uri
        await ls.window_show_document_async(
            types.ShowDocumentParams(uri=uri, external=False, take_focus=True)
        )
    else:
        summary = plain_markdown(topic.summary)
        _message(ls, f"{plain_title(topic.title)}: {summary} (pygloss kb show {topic.id})")


def _message(ls: PyglossServer, text: str) -> None:
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=text))


def register(server: PyglossServer) -> None:
    @server.command(EXPLAIN_COMMAND)
    @guarded(server)
    async def explain(ls: PyglossServer, *args: Any) -> dict[str, Any] | None:
        target = parse_explain_args(args)
        if target is None:
            _message(ls, f"pygloss.explain: expected a topic id or (uri, position), got {args!r}")
            return None
        if isinstance(target, str):
            result = _explain_topic(ls, target)
        else:
            result = await ls.run_slow(_explain_at, ls, *target)
        if result is None:
            if not ls.client_supports(SHOWS_TOPICS):  # that client says it (or asks)
                _message(ls, "pygloss: nothing to explain there")
            return None
        if result["topics"]:  # none when only the user's notes had something to say
            await _show_topic(ls, result["topics"][0]["id"])
        return result

    @server.command(RELOAD_COMMAND)
    @guarded(server)
    async def reload_knowledge(ls: PyglossServer, *args: Any) -> dict[str, Any]:
        kb = await ls.run_in_pool(ls.engine.reload_knowledge)
        await ls.run_in_pool(
            ls.pages.build, kb, lambda m: ls.log_once(m, types.MessageType.Warning)
        )
        ls.config_version += 1
        problems = [str(p) for p in kb.problems]
        for problem in problems:
            ls.log(f"knowledge base: {problem}", types.MessageType.Warning)
        _message(ls, f"pygloss: {len(kb)} topics loaded, {len(problems)} problems")
        refresh_views(ls)
        return {"topics": len(kb), "problems": problems}

    @server.command(MUTE_COMMAND)
    @guarded(server)
    def mute_topic(ls: PyglossServer, *args: Any) -> dict[str, Any] | None:
        topic_id = args[0] if len(args) == 1 and isinstance(args[0], str) else None
        if topic_id is None or ls.engine.kb.get(topic_id) is None:
            _message(ls, f"pygloss.muteTopic: unknown topic {args!r}")
            return None
        if ls.folders.mute(topic_id):
            refresh_views(ls)
        return {"muted": sorted(ls.settings.mute)}
