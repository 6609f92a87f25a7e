"""textDocument/hover: the explanation of the construct or name under the cursor.

Thin: convert the position, run :meth:`Engine.explain` off the event loop (the parse
is cached per document version by the document store), convert the result.
Markdown unless the client only accepts plain text; ``None`` when pygloss has
nothing to say, so editors show only the other servers' hovers.

On a range pygloss flagged, the hover starts with each finding's "why" (two lines at
most: the editor already shows the diagnostic's message above it) and a link to the
rule's page, then the explanation of the code, if any.
"""

from __future__ import annotations

import asyncio
import contextlib

from lsprotocol import types

from pygloss.engine.render import RenderOptions, escape, to_plaintext
from pygloss.lsp import hot
from pygloss.lsp.documents import Document
from pygloss.lsp.notes import notes_spec
from pygloss.lsp.server import PyglossServer, guarded


def _markup_kind(ls: PyglossServer) -> types.MarkupKind:
    hover = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    formats = hover.content_format if hover else None
    if formats and types.MarkupKind.Markdown not in formats:
        return types.MarkupKind.PlainText
    return types.MarkupKind.Markdown


WHY_CHARS = 200  # about two lines of a hover


def short_why(text: str, limit: int = WHY_CHARS) -> str:
    """*text*'s first sentences that fit in *limit* characters (at least the first
    sentence, cut at a word with "…" when even that is too long)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut, end = "", 0
    while (end := text.find(". ", end) + 1) > 0 and end <= limit:
        cut = text[:end]
    if cut:
        return cut
    return text[: text.rfind(" ", 0, limit - 1)].rstrip(",;:") + "…"


def why_at(ls: PyglossServer, doc: Document, offset: int) -> tuple[str, int, int] | None:
    """The "why" of the findings whose range holds *offset*, as Markdown, with the
    range they cover; None when the offset is on no finding, diagnostics are off, or
    this version's diagnostics are not computed yet."""
    settings = ls.settings_for(doc.uri)
    if not settings.diagnostics_enabled:
        return None
    cached = doc.cache.get("lint")  # the diagnostics already computed: a hover never lints
    if cached is None or cached[0] != (doc.revision, ls.generation):
        return None
    found = [
        f for f in cached[1].findings if f.start <= offset <= f.end and doc.owns(f.start, f.end)
    ]
    parts: list[str] = []
    base = ls.page_base(doc.uri)
    for code in dict.fromkeys(f.code for f in found):
        topic = ls.engine.rule_topic(code)
        if topic is not None and topic.id not in settings.mute:
            parts.append(
                f"**{code}** — {short_why(topic.summary)}  \n"
                f"[{escape(topic.title)}]({topic.link(base)})"
            )
    if not parts:
        return None
    return "\n\n".join(parts), min(f.start for f in found), max(f.end for f in found)


def register(server: PyglossServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded(server)
    async def hover(ls: PyglossServer, params: types.HoverParams) -> types.Hover | None:
        doc = ls.store.get(params.text_document.uri)
        if doc is None or ls.too_large(doc):
            return None
        hot.used(ls, doc.uri)
        if not ls.config_ready.is_set():  # a hover at start-up: wait for the folder settings
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ls.config_ready.wait(), 3)
        source, encoding = doc.source, ls.encoding
        offset = doc.to_offset(params.position, encoding)
        kind = _markup_kind(ls)
        settings = ls.settings_for(doc.uri)
        options = RenderOptions(
            verbosity=settings.verbosity,
            mute=settings.mute,
            markdown=kind == types.MarkupKind.Markdown,
            pages=ls.page_base(doc.uri),
        )
        notes = notes_spec(ls, doc)
        flagged = why_at(ls, doc, offset)
        explanation = await ls.run_slow(ls.engine.explain, source, offset, options, notes)
        parts: list[str] = []
        if flagged is not None:
            why, start, end = flagged
            parts.append(why if options.markdown else to_plaintext(why))
        if explanation is not None:
            parts.append(explanation.markdown)
            start, end = explanation.start, explanation.end
        if not parts:
            return None
        text = "\n\n---\n\n".join(parts)
        return types.Hover(
            contents=types.MarkupContent(kind=kind, value=text),
            range=doc.to_range(start, end, encoding) if doc.owns(start, end) else None,
        )
