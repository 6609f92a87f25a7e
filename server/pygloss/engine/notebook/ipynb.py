"""Read a Jupyter notebook file (nbformat 4 JSON) and write changed cell sources back
into it, keeping every other character of the file.

:func:`read_ipynb` parses the JSON text with the standard library and also finds
where each cell's ``source`` value sits in that text (a small walk over the JSON
structure; the values in between -- outputs, images, metadata -- are skipped by the
standard library's C scanner, so a 50 MB notebook full of images is read in well
under a second).  :func:`rewrite_ipynb` replaces only the ``source`` values of the
cells whose text changed, written in the same form as before: a string stays a
string; a list of lines stays a list with the same indentation and line breaks
between its items, and the lines that did not change keep their exact original
spelling (escapes included).  Outputs, metadata, execution counts, key order,
indentation and the final line break are untouched because they are never
rewritten.  Before returning, the new text is parsed again and must equal the old
notebook with just those cells' sources changed; otherwise :class:`NotebookError`
is raised and nothing should be written.

Refused with a clear message (:class:`NotebookError`): text that is not JSON, a
JSON value that is not a notebook, nbformat 3 (``worksheets``) and unknown major
versions.  A notebook whose kernel is not Python (R, Julia, ...) is read, with
:attr:`IpynbFile.skip` saying why pygloss does not check it.  A cell without a
``cell_type``, or whose ``source`` is neither a string nor a list of strings, is
skipped with a note.  Pure: text in, text out.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

from pygloss.engine.notebook.model import PYTHON_LANGUAGES, Cell

_WS = re.compile(r"[ \t\n\r]*")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_SCAN = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


class NotebookError(Exception):
    """The file cannot be read (or written back) as a notebook; the message says why."""


@dataclass(frozen=True)
class SourceSpan:
    """Where one cell's ``source`` value is in the file's text."""

    start: int
    end: int
    items: tuple[tuple[int, int], ...] | None  # each list item's span; None: a string


@dataclass
class IpynbFile:
    raw: str  # the JSON text (without a UTF-8 byte-order mark)
    data: dict[str, Any]
    cells: list[Cell]  # every cell, in order (its kind, joined source, language)
    spans: dict[int, SourceSpan]  # the code cells' ``source`` values, by cell index
    language: str  # the kernel's language ("python" when the file does not say)
    skip: str | None = None  # why pygloss does not check this notebook at all
    notes: list[str] = field(default_factory=list)  # cells skipped, and why


def read_ipynb(raw: str) -> IpynbFile:
    """The notebook in *raw* (see the module docstring); :class:`NotebookError` when
    it cannot be read."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise NotebookError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise NotebookError("not a notebook: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise NotebookError("not a notebook: the JSON is not an object")
    major = data.get("nbformat")
    if "worksheets" in data or major == 3:
        raise NotebookError(
            "nbformat 3 is not supported; convert it with "
            "`jupyter nbconvert --to notebook --nbformat 4`"
        )
    if major is not None and major != 4:
        raise NotebookError(f"nbformat {major!r} is not a version pygloss reads (only 4)")
    cells_data = data.get("cells")
    if not isinstance(cells_data, list):
        raise NotebookError("not a notebook: no `cells` list")
    language = _language(data.get("metadata"))
    notebook = IpynbFile(raw, data, [], {}, language)
    if language.lower() not in PYTHON_LANGUAGES:
        notebook.skip = f"a {language} notebook (kernel language {language!r}); not checked"
    locations = _locate_sources(raw)
    for index, item in enumerate(cells_data):
        notebook.cells.append(_cell(notebook, index, item, locations.get(index)))
    return notebook


def _language(metadata: object) -> str:
    if not isinstance(metadata, Mapping):
        return "python"
    info, spec = metadata.get("language_info"), metadata.get("kernelspec")
    for value in (
        info.get("name") if isinstance(info, Mapping) else None,
        spec.get("language") if isinstance(spec, Mapping) else None,
    ):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "python"


def _cell(notebook: IpynbFile, index: int, item: object, span: SourceSpan | None) -> Cell:
    number = index + 1
    if not isinstance(item, Mapping):
        notebook.notes.append(f"cell {number} is not a JSON object; skipped")
        return Cell("", kind="invalid")
    kind = item.get("cell_type")
    if not isinstance(kind, str):
        notebook.notes.append(f"cell {number} has no `cell_type`; skipped")
        return Cell("", kind="invalid")
    source = item.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        text = "".join(source)
    elif isinstance(source, str):
        text = source
    else:
        if kind == "code":
            notebook.notes.append(
                f"cell {number}: `source` is neither a string nor a list of strings; skipped"
            )
        return Cell("", kind="invalid")
    if kind == "code" and span is not None:
        notebook.spans[index] = span
    return Cell(text, kind=kind, language=notebook.language)


# -- locating the sources ----------------------------------------------------------
def _ws(raw: str, i: int) -> int:
    match = _WS.match(raw, i)
    return match.end() if match else i


def _members(raw: str, i: int) -> Any:
    """``(key, value start, value end)`` of each member of the object at *i*."""
    i = _ws(raw, i + 1)
    if raw[i] == "}":
        return
    while True:
        key, i = scanstring(raw, i + 1)
        i = _ws(raw, _ws(raw, i) + 1)  # past the colon
        _, end = _SCAN(raw, i)
        yield key, i, end
        i = _ws(raw, end)
        if raw[i] == "}":
            return
        i = _ws(raw, i + 1)  # past the comma


def _elements(raw: str, i: int) -> Any:
    """``(start, end)`` of each element of the array at *i*."""
    i = _ws(raw, i + 1)
    if raw[i] == "]":
        return
    while True:
        _, end = _SCAN(raw, i)
        yield i, end
        i = _ws(raw, end)
        if raw[i] == "]":
            return
        i = _ws(raw, i + 1)


def _locate_sources(raw: str) -> dict[int, SourceSpan]:
    """Where ``cells[i].source`` is in *raw* (already known to be valid JSON); the
    last of duplicate keys wins, as in :func:`json.loads`."""
    top = _ws(raw, 0)
    found: dict[int, SourceSpan] = {}
    for key, start, _end in _members(raw, top):
        if key != "cells" or raw[start] != "[":
            continue
        found = {}
        for index, (cell_start, _cell_end) in enumerate(_elements(raw, start)):
            if raw[cell_start] != "{":
                continue
            found.pop(index, None)
            for name, value_start, value_end in _members(raw, cell_start):
                if name != "source":
                    continue
                items = None
                if raw[value_start] == "[":
                    items = tuple(_elements(raw, value_start))
                found[index] = SourceSpan(value_start, value_end, items)
    return found


# -- writing changed sources back ---------------------------------------------------
def rewrite_ipynb(notebook: IpynbFile, sources: Mapping[int, str]) -> str:
    """The file's text with the ``source`` of each cell in *sources* (by index) set to
    its new text, and nothing else changed; :class:`NotebookError` when that cannot
    be done exactly."""
    changed = {i: text for i, text in sources.items() if text != notebook.cells[i].text}
    if not changed:
        return notebook.raw
    raw = notebook.raw
    ascii_only = raw.isascii() and not _all_ascii(notebook.data)
    pieces: list[str] = []
    position = 0
    for index in sorted(changed):
        span = notebook.spans.get(index)
        if span is None:
            raise NotebookError(f"cell {index + 1}: its `source` was not found in the file")
        pieces.append(raw[position : span.start])
        pieces.append(_value(raw, span, changed[index], ascii_only))
        position = span.end
    pieces.append(raw[position:])
    new_raw = "".join(pieces)
    _verify(notebook, new_raw, changed)
    return new_raw


def _all_ascii(value: object) -> bool:
    if isinstance(value, str):
        return value.isascii()
    if isinstance(value, list):
        return all(_all_ascii(v) for v in value)
    if isinstance(value, dict):
        return all(_all_ascii(k) and _all_ascii(v) for k, v in value.items())
    return True


def _value(raw: str, span: SourceSpan, text: str, ascii_only: bool) -> str:
    """The JSON spelling of *text* in the form (and layout) of the old value."""
    if span.items is None:
        return json.dumps(text, ensure_ascii=ascii_only)
    lines = _LINES.findall(text)
    old_items = [raw[start:end] for start, end in span.items]
    old_lines = [json.loads(item) for item in old_items]
    new_items = [json.dumps(line, ensure_ascii=ascii_only) for line in lines]
    matcher = difflib.SequenceMatcher(a=old_lines, b=lines, autojunk=False)
    for tag, a_low, _a_high, b_low, b_high in matcher.get_opcodes():
        if tag == "equal":  # unchanged lines keep their exact old spelling
            for offset in range(b_high - b_low):
                new_items[b_low + offset] = old_items[a_low + offset]
    if not new_items:
        return "[]"
    first, between, last = _layout(raw, span)
    return "[" + first + between.join(new_items) + last + "]"


def _layout(raw: str, span: SourceSpan) -> tuple[str, str, str]:
    """The whitespace after ``[``, between items (after the comma) and before ``]``
    of a list value; for an empty list, nbformat's layout one level deeper than the
    ``"source"`` key."""
    items = span.items or ()
    if items:
        first = raw[span.start + 1 : items[0][0]]
        last = raw[items[-1][1] : span.end - 1]
        if len(items) > 1:
            gap = raw[items[0][1] : items[1][0]]
            between = gap[gap.index(",") :]
        else:
            between = "," + first
        return first, between, last
    line_start = max(raw.rfind("\n", 0, span.start), raw.rfind("\r", 0, span.start)) + 1
    indent = raw[line_start : line_start + _indent_width(raw, line_start)]
    newline = "\r\n" if "\r\n" in raw else "\n"
    step = " " if indent.startswith(" ") or not indent else "\t"
    return newline + indent + step, "," + newline + indent + step, newline + indent


def _indent_width(raw: str, line_start: int) -> int:
    width = 0
    while line_start + width < len(raw) and raw[line_start + width] in " \t":
        width += 1
    return width


def _verify(notebook: IpynbFile, new_raw: str, changed: Mapping[int, str]) -> None:
    """*new_raw* must read back as the old notebook with only *changed* sources new."""
    try:
        data = json.loads(new_raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise NotebookError(
            f"the rewritten notebook is not valid JSON ({exc}); not written"
        ) from None
    old = notebook.data
    expected = {**old, "cells": list(old["cells"])}
    for index, text in changed.items():
        expected["cells"][index] = {**old["cells"][index], "source": text}
    got_cells = data.get("cells") if isinstance(data, dict) else None
    if isinstance(got_cells, list):
        for index in changed:
            if index < len(got_cells) and isinstance(got_cells[index], dict):
                source = got_cells[index].get("source")
                if isinstance(source, list):
                    got_cells[index] = {**got_cells[index], "source": "".join(source)}
    if data != expected:
        raise NotebookError("the rewritten notebook would not read back as expected; not written")
