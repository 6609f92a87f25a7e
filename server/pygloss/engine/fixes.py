"""Fixes: build one on demand, apply edits, and fix a whole file.

``fix(source, finding)`` asks the finding's rule for its fix (None when the rule
declines or raises).  ``apply_edits`` applies non-overlapping edits in one pass.
``fix_all`` applies the fixes of a whole file, safe ones only unless told
otherwise, re-linting between passes so fixes that touch the same place are applied
in later passes (at most ``MAX_PASSES``); then it removes the imports the fixes left
unused (``Fix.frees``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pygloss.engine.config import Config
from pygloss.engine.lint import lint
from pygloss.rules import get_rule
from pygloss.rules._unused_imports import drop_if_unused
from pygloss.rules.base import Edit, Finding, Fix, FixSafety, RuleContext
from pygloss.syntax.source import Source

log = logging.getLogger("pygloss.fixes")
MAX_PASSES = 10


def fix(
    source: Source, finding: Finding, path: str | None = None, ctx: RuleContext | None = None
) -> Fix | None:
    """The fix the finding's rule offers, or None.

    *ctx*: the :class:`RuleContext` of the lint run that produced *finding* (its
    ``LintResult.context``), so that many fixes of one document share one index.
    """
    rule_cls = get_rule(finding.code)
    if rule_cls is None or rule_cls.fix_safety is None:
        return None
    try:
        context = ctx if ctx is not None and ctx.source is source else RuleContext(source, path)
        return rule_cls().fix(context, finding)
    except Exception:
        log.exception("fix for %s failed", finding.code)
        return None


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits that do not overlap; insertions at one offset keep their order."""
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[1].end, pair[0]))
    out: list[str] = []
    position = 0
    for _, edit in ordered:
        if edit.start < position:
            raise ValueError(f"overlapping edit at {edit.start}")
        out.append(text[position : edit.start])
        out.append(edit.new_text)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def _overlaps(edit: Edit, taken: Sequence[tuple[int, int]]) -> bool:
    for start, end in taken:
        if edit.start < end and start < edit.end:
            return True
        if edit.start == edit.end and start < edit.start < end:
            return True
        if start == end and edit.start < start < edit.end:
            return True
    return False


@dataclass(frozen=True)
class FixAllResult:
    text: str
    applied: int
    remaining: list[Finding]


def fix_all(
    text: str,
    config: Config | None = None,
    path: str | None = None,
    *,
    unsafe: bool = False,
    codes: set[str] | None = None,
) -> FixAllResult:
    """Apply every (safe, unless *unsafe*) fix until nothing more applies."""
    applied = 0
    freed: set[str] = set()
    for _ in range(MAX_PASSES):
        source = Source(text, path)
        result = lint(source, config, path)
        taken: list[tuple[int, int]] = []
        edits: list[Edit] = []
        for finding in result.findings:
            if codes is not None and finding.code not in codes:
                continue
            rule_cls = get_rule(finding.code)
            if rule_cls is None or rule_cls.fix_safety is None:
                continue
            if rule_cls.fix_safety is FixSafety.UNSAFE and not unsafe:
                continue
            found = fix(source, finding, path, result.context)
            if found is None or (found.safety is FixSafety.UNSAFE and not unsafe):
                continue
            # an edit identical to one already taken (two fixes adding the same
            # import) is applied once
            fresh = [edit for edit in found.edits if edit not in edits]
            if any(_overlaps(edit, taken) for edit in fresh):
                continue
            edits.extend(fresh)
            taken.extend((edit.start, edit.end) for edit in fresh)
            freed.update(found.frees)
            applied += 1
        if not edits:
            if freed and (cleaned := _drop_unused(text, path, freed)) != text:
                text, freed = cleaned, set()
                continue  # lint the tidied text again
            return FixAllResult(text, applied, result.findings)
        text = apply_edits(text, edits)
    remaining = lint(Source(text, path), config, path).findings
    return FixAllResult(text, applied, remaining)


def _drop_unused(text: str, path: str | None, names: set[str]) -> str:
    """*text* without the imports of *names* that nothing uses any more (fixes that
    each rewrote one of several uses could not remove them themselves)."""
    for name in sorted(names):
        source = Source(text, path)
        if source.parse.errors:
            break
        edit = drop_if_unused(source, path, name, (0, 0))
        if edit is not None:
            text = apply_edits(text, [edit])
    return text
