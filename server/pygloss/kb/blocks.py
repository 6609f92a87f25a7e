"""Markdown pieces of a topic body: fenced code blocks, stated outputs, headings.

Pure text helpers shared by the knowledge tests, ``pygloss kb check`` and the
terminal renderer.  Line numbers are 1-based file lines.

A ```` ```python ```` block is an example that the test suite runs.  Its info
string may be ``python norun: <reason>`` (not run; the reason is required) or
``python pytest`` (run with pytest as a test file), and may end with ``version: <spec>``
(``python version: >=3.12``: run, and true, only on those Python versions).  A
``print(...)  # -> value``
comment states what that print writes; an ```` ```output ```` block right after
a code block states the whole output.  This module only reads; it runs nothing.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_ARROW = re.compile(r"#\s*->\s?(?P<value>.*)$")
_VERSION_OPTION = re.compile(r"\bversion:\s*(?P<spec>\S+)\s*$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class CodeBlock:
    """One fenced code block of a Markdown text."""

    info: str
    code: str
    line: int
    """File line of the opening fence."""
    output: str | None = None
    """The text of an ```` ```output ```` block right after this one, if any."""

    @property
    def language(self) -> str:
        words = self.info.replace(":", " ").split()
        return words[0].lower() if words else ""

    @property
    def mode(self) -> str:
        """``run``, ``norun`` or ``pytest`` for python blocks; ``""`` otherwise."""
        info = self.info if "norun" in self.info else _VERSION_OPTION.sub("", self.info)
        words = info.replace(":", " ").split()
        if not words or words[0].lower() != "python":
            return ""
        return words[1] if len(words) > 1 else "run"

    @property
    def python(self) -> str:
        """The ``version: <spec>`` of the info string (``">=3.12"``); empty when absent."""
        match = None if "norun" in self.info else _VERSION_OPTION.search(self.info)
        return match.group("spec") if match else ""

    @property
    def norun_reason(self) -> str:
        """The reason after ``norun:`` (empty when absent)."""
        _, _, reason = self.info.partition("norun")
        return reason.lstrip().removeprefix(":").strip()


def code_blocks(text: str, first_line: int = 1) -> list[CodeBlock]:
    """Fenced blocks of *text*, whose first line is file line *first_line*.

    An unclosed fence runs to the end of the text.  An ``output`` block directly
    after another block (blank lines allowed) is attached to it as ``output``.
    """
    lines = text.splitlines()
    raw: list[tuple[str, str, int, int]] = []  # info, code, open line index, close index
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence, info = match.group("fence"), match.group("info").strip()
        j = i + 1
        while j < len(lines):
            close = _FENCE.match(lines[j])
            if close and close.group("fence").startswith(fence) and not close.group("info").strip():
                break
            j += 1
        raw.append((info, "\n".join(lines[i + 1 : j]) + "\n", i, j))
        i = j + 1
    blocks: list[CodeBlock] = []
    skip = False
    for n, (info, code, start, end) in enumerate(raw):
        if skip:
            skip = False
            continue
        output = None
        if n + 1 < len(raw) and raw[n + 1][0].lower() == "output":
            between = lines[end + 1 : raw[n + 1][2]]
            if all(not line.strip() for line in between):
                output = raw[n + 1][1]
                skip = True
        blocks.append(CodeBlock(info, code, first_line + start, output))
    return blocks


def python_blocks(text: str, first_line: int = 1) -> list[CodeBlock]:
    """The ```` ```python ```` blocks of *text* (see :func:`code_blocks`)."""
    return [b for b in code_blocks(text, first_line) if b.language == "python"]


def stated_outputs(code: str) -> dict[int, str]:
    """``{line: value}`` for each ``print(...)  # -> value`` call in *code*.

    *line* is the 1-based line where the ``print`` call starts; the comment sits
    on the line where the call ends.  Raises :class:`SyntaxError` on bad code.
    """
    return _scan_arrows(code)[0]


def orphan_arrows(code: str) -> list[int]:
    """Lines with a ``# -> value`` comment that is not at the end of a ``print`` call."""
    return _scan_arrows(code)[1]


def _scan_arrows(code: str) -> tuple[dict[int, str], list[int]]:
    tree = ast.parse(code)
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            match = _ARROW.match(tok.string)
            if match:
                comments[tok.start[0]] = match.group("value").rstrip()
    stated: dict[int, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "print"
            and node.end_lineno in comments
        ):
            stated[node.lineno] = comments.pop(node.end_lineno)
    return stated, sorted(comments)


def headings(text: str, min_level: int = 2, max_level: int = 4) -> list[str]:
    """ATX headings of levels *min_level*..*max_level* outside code fences."""
    found: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group("fence")
            if fence is None:
                fence = marker
            elif marker.startswith(fence) and not match.group("info").strip():
                fence = None
            continue
        if fence is not None:
            continue
        heading = _HEADING.match(line)
        if heading and min_level <= len(heading.group("hashes")) <= max_level:
            found.append(heading.group("text"))
    return found
