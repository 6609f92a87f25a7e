"""What ``pygloss check`` hands a worker and gets back: plain, picklable data.

Apart from :mod:`pygloss.cli.check_files` (which does the work) so that a run whose
results all come from the cache (:mod:`pygloss.cli.check_cache`) never imports the
engine or the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pygloss.engine.config import Config
    from pygloss.files import Stamp

SYNTAX_ERROR = "PG000"
NOTEBOOK_SUFFIX = ".ipynb"
TOO_LARGE = "larger than max-file-size"
"""Why a file was skipped (:attr:`FileReport.skipped`), as the summary counts it."""
NOT_SOURCE = "not readable as Python source"
MAX_NOTEBOOK_BYTES = 256 * 1024 * 1024  # a notebook's file, outputs included


@dataclass(frozen=True)
class FileJob:
    path: str
    config: Config
    fix: str = "none"  # "none" | "safe" | "unsafe"
    unsafe_fixes: bool = False  # show unsafe fixes as available
    text: str | None = None  # the source, already read (standard input, a pipe): no disk read


@dataclass
class FileReport:
    path: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # 1-based line (a notebook: (cell, line)) -> text, for the code frames
    lines: dict[Any, str] = field(default_factory=dict)
    original: str | None = None
    fixed: str | None = None  # the new text when fixes changed it
    applied: int = 0
    encoding: str = "utf-8"  # how to write *fixed* back (the file's own encoding)
    stamp: Stamp | None = None  # what was read: *fixed* is written only over that
    failed: bool = False  # the file could not be checked (an error, not a policy skip)
    skipped: str | None = None
    """Why the file was not checked, by policy: :data:`TOO_LARGE` or :data:`NOT_SOURCE`
    (binary, not decodable, not a regular file); None when it was checked (or failed)."""
    rule_failures: list[str] = field(default_factory=list)
    """Codes of the rules that raised on this file: it was checked without them."""
    cell_diffs: list[tuple[int, str, str]] = field(default_factory=list)
    """A notebook's changed cells: (cell number, old source, new source), for --diff."""
