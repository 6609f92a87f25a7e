"""Split a Markdown file into sections, code blocks, inline code and markers.

A deliberately small reader of the parts of CommonMark that notes use; it is not a
Markdown renderer.  Lines are numbered from 1, as editors show them.

* **Headings**: ATX (``#`` ... ``######``, optional closing ``#``s) and setext (a
  paragraph underlined with ``===`` for level 1 or ``---`` for level 2).  A section
  runs from its heading to the line before the next heading of the same or a higher
  level (a smaller number); the sections inside it are entries of their own.
* **Code blocks**: fenced with three or more backticks or tildes (indented up to
  three spaces); the closing fence uses the same character, at least as many.  An
  unterminated fence runs to the end of the file (as CommonMark says) and is
  reported.  Indented code blocks are not read: in notes they are mostly list
  continuations.
* **Inline code**: backtick spans in text and headings.
* **Markers**: ``<!-- pygloss: unittest.mock.patch, await -->`` on one line.
* **Labels**: the name a list item defines, ``- staticmethod: ...`` or
  ``* **Counter**: ...`` (a name, then a colon): read like inline code.
* A front matter block (``---`` or ``+++`` on the first line) is skipped; its
  ``title:`` is kept (the file's title, above every heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BLOCK_START = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|<|\|)")
_INLINE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_ANCHOR_LINK = re.compile(r"\[[^\]]*\]\(#[^)]*\)")
_LABEL = re.compile(
    r"^\s{0,8}[-*+]\s+(?:\*\*|__)?`?([A-Za-z_][\w.]*)(?:\(\))?`?(?:\*\*|__)?\s*:\s+\S"
)
_TITLE = re.compile(r"^title:\s*['\"]?(.*?)['\"]?\s*$")
MARKER = re.compile(r"<!--\s*pygloss:\s*(.*?)\s*-->")


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block: the fence's line, its language and its code."""

    line: int  # line of the opening fence
    lang: str  # first word of the info string, lower-cased ("" when untagged)
    code: str
    closed: bool = True

    @property
    def first_line(self) -> int:
        """Line of the first line of code."""
        return self.line + 1


@dataclass(frozen=True)
class Span:
    """An inline code span or a marker's text, with its line."""

    line: int
    text: str


@dataclass
class RawSection:
    """One heading and the lines it owns (``line`` .. ``end``, inclusive)."""

    line: int  # the heading's first line
    level: int
    heading: str
    end: int = 0
    body: int = 0  # first line after the heading (after a setext underline)
    parent: int | None = None  # index of the enclosing section
    children: list[int] = field(default_factory=list)


@dataclass
class Document:
    """The parts of one Markdown file that the notes index reads."""

    lines: list[str]
    sections: list[RawSection] = field(default_factory=list)
    blocks: list[CodeBlock] = field(default_factory=list)
    inline: list[Span] = field(default_factory=list)
    markers: list[Span] = field(default_factory=list)
    labels: list[Span] = field(default_factory=list)
    unterminated: int | None = None  # line of an unterminated fence
    title: str = ""  # the front matter's title


def parse_markdown(text: str) -> Document:
    """Read *text*: headings (ATX and setext), code blocks, inline code, markers."""
    lines = text.splitlines()
    doc = Document(lines)
    paragraph: list[int] = []  # lines of the paragraph being read (setext candidates)
    index = _front_matter_end(lines)
    for line in lines[1 : max(index - 1, 1)]:
        if found := _TITLE.match(line):
            doc.title = found.group(1).strip()
    while index < len(lines):
        line = lines[index]
        number = index + 1
        fence = _FENCE.match(line)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            paragraph = []
            index = _read_fence(doc, lines, index, fence)
            continue
        atx = _ATX.match(line)
        if atx:
            paragraph = []
            title = _ATX_CLOSE.sub("", atx.group(2) or "").strip()
            _add_heading(doc, number, len(atx.group(1)), title, number + 1)
            _read_text(doc, number, title)
        elif paragraph and _SETEXT.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            title = " ".join(lines[i - 1].strip() for i in paragraph)
            _add_heading(doc, paragraph[0], level, title, number + 1)
            paragraph = []
        elif not line.strip():
            paragraph = []
        else:
            if _BLOCK_START.match(line):  # a list item, quote, HTML or table row
                paragraph = []
            elif paragraph or not line.startswith(("    ", "\t")):
                paragraph.append(number)
            _read_text(doc, number, line)
        index += 1
    _close_sections(doc, len(lines))
    return doc


def _front_matter_end(lines: list[str]) -> int:
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0
    delimiter = lines[0].strip()
    for index in range(1, min(len(lines), 200)):
        if lines[index].strip() == delimiter:
            return index + 1
    return 0


def _read_fence(doc: Document, lines: list[str], index: int, fence: re.Match[str]) -> int:
    """Read the block opened at *index*; return the index after its closing fence."""
    indent, marker, info = len(fence.group(1)), fence.group(2), fence.group(3).strip()
    lang = info.split()[0].lower() if info else ""
    closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
    code: list[str] = []
    end = index + 1
    while end < len(lines):
        if closing.match(lines[end]):
            doc.blocks.append(CodeBlock(index + 1, lang, "\n".join(code) + "\n"))
            return end + 1
        code.append(_strip_indent(lines[end], indent))
        end += 1
    doc.blocks.append(CodeBlock(index + 1, lang, "\n".join(code) + "\n", closed=False))
    if doc.unterminated is None:
        doc.unterminated = index + 1
    return end


def _strip_indent(line: str, indent: int) -> str:
    removable = len(line) - len(line.lstrip(" "))
    return line[min(indent, removable) :]


def _read_text(doc: Document, number: int, line: str) -> None:
    if "](#" in line:  # a table of contents: links to headings are not about the code
        line = _ANCHOR_LINK.sub("", line)
    if "`" in line:
        for match in _INLINE.finditer(line):
            doc.inline.append(Span(number, match.group(2).strip()))
    if "<!--" in line:
        for match in MARKER.finditer(line):
            doc.markers.append(Span(number, match.group(1)))
    if ":" in line and (label := _LABEL.match(line)):
        doc.labels.append(Span(number, label.group(1)))


def _add_heading(doc: Document, line: int, level: int, title: str, body: int) -> None:
    doc.sections.append(RawSection(line=line, level=level, heading=title, body=body))


def _close_sections(doc: Document, line_count: int) -> None:
    """Set each section's last line, parent and children."""
    open_stack: list[int] = []
    for index, section in enumerate(doc.sections):
        while open_stack and doc.sections[open_stack[-1]].level >= section.level:
            doc.sections[open_stack.pop()].end = section.line - 1
        if open_stack:
            section.parent = open_stack[-1]
            doc.sections[open_stack[-1]].children.append(index)
        open_stack.append(index)
    for index in open_stack:
        doc.sections[index].end = line_count
