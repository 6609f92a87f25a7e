"""Which open documents keep their syntax trees: the few in use, not all that are open.

A parsed document costs about 1 MB per 1,000 lines (the ``ast`` of its text, the
incremental lint's state, jedi's tree once it is hovered), and an editor keeps dozens
open: 50 standard-library modules held 110 MB of trees alone.  So only the
:data:`HOT_DOCUMENTS` documents edited, opened or hovered last keep them; when
another one is used, the least recently used goes *cold*: its parse, its incremental
lint state and jedi's tree of it are dropped, and its lint result keeps the findings
(what diagnostics, a hover's "why" and a pull's result id need) without the rules'
context.  A cold document is parsed again when it is next hovered or edited (a full
lint for its first edit, then incremental again: about 10 ms per 1,000 lines).

Runs on the event loop only.  A worker may still be using a cold document's tree: it
keeps its own reference, and what it stores afterwards is dropped by :func:`settle`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from pygloss.lsp.documents import Document
from pygloss.lsp.server import PyglossServer

HOT_DOCUMENTS = 4


def used(ls: PyglossServer, uri: str) -> None:
    """Document *uri* is in use (opened, edited, hovered): keep it hot; cool the
    least recently used beyond :data:`HOT_DOCUMENTS`."""
    hot: OrderedDict[str, None] = ls.hot
    hot[uri] = None
    hot.move_to_end(uri)
    cooled = False
    while len(hot) > HOT_DOCUMENTS:
        cold_uri, _ = hot.popitem(last=False)
        doc = ls.store.get(cold_uri)
        if doc is not None:
            cool(ls, doc)
            cooled = True
    if cooled:
        warm(ls)


def settle(ls: PyglossServer, doc: Document) -> None:
    """A lint of *doc* finished: if the document went cold meanwhile, drop what the
    lint kept; warm what hovers in the documents in use will need."""
    if doc.uri not in ls.hot:
        cool(ls, doc)
    warm(ls)


def warm(ls: PyglossServer) -> None:
    """jedi's warm-up: the modules the hot documents import that the knowledge base
    names (each document's list is made by its lint), not those of every open file."""
    if not ls.engine_loaded:
        return
    modules: list[str] = []
    for uri in ls.hot:
        doc = ls.store.get(uri)
        if doc is not None:
            modules.extend(doc.carry.get("hover modules", ()))
    ls.engine.want_warm(list(dict.fromkeys(modules)))


def forget(ls: PyglossServer, uri: str) -> None:
    """Document *uri* closed."""
    ls.hot.pop(uri, None)


def cool(ls: PyglossServer, doc: Document) -> None:
    """Drop *doc*'s trees; keep its findings."""
    if type(doc) is not Document:  # a notebook cell: its notebook holds the analysis
        return
    doc.carry.pop("lint", None)
    cached: Any = doc.cache.get("lint")
    if cached is not None and cached[1].context is not None:
        doc.cache["lint"] = (cached[0], replace(cached[1], context=None))
    doc.drop_parse()
    if ls.engine_loaded and doc.path is not None:
        ls.engine.document_closed(doc.path)  # jedi's tree of it
