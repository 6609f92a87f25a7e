"""Whether a section is about a construct kind, a dunder, a pytest fixture or a file
name (see :mod:`.match` for the tiers)."""

from __future__ import annotations

from dataclasses import replace

from pygloss.engine.notes.index import Key, NotesFile, Section
from pygloss.engine.notes.judge_names import defines
from pygloss.engine.notes.verdict import (
    COMMON_DUNDERS,
    COMMON_KINDS,
    COMMON_NAMES,
    DELIBERATE_KINDS,
    Match,
    Miss,
    matched,
)


def judge_kind(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    kind = key[1]
    origins = dict(section.own.get(key, {}))
    heading = repr(section.heading)
    if origins.get("marker"):
        return matched(section, key, 5, "named by a marker", origins)
    named = section.terms.kinds.get(kind)
    if named is not None:
        if named or origins.get("code"):
            found = matched(section, key, 5, f"its heading {heading} names it", origins)
            return replace(found, exact=named)  # a technical phrase before an everyday word
        return Miss(section, key, f"{heading} names it in an everyday word, not in its code")
    if origins.get("inline") and section.terms.kinds:  # "Unpacking": `*args, **kwargs`
        return matched(section, key, 5, f"under {heading}, its text writes it as code", origins)
    if not origins.get("code"):
        return Miss(section, key, "its heading does not name it")
    if section.terms.kinds:  # "yield from" under "Generators" is not about a plain yield
        return Miss(section, key, f"in its code, but {heading} names another construct")
    for ancestor in notes.ancestors(section.index):
        if kind in notes.sections[ancestor].terms.kinds:
            above = notes.sections[ancestor].heading
            return matched(section, key, 6, f"in its code, under {above!r}", origins)
    if kind in notes.title.kinds:
        return matched(section, key, 6, "in its code, in notes whose title names it", origins)
    if kind in COMMON_KINDS:
        return Miss(section, key, "too common to match on its code alone")
    if _only_construct(section, kind):
        return matched(section, key, 7, "the only construct its code shows", origins)
    return Miss(section, key, "only in passing in its code; no heading names it")


def _only_construct(section: Section, kind: str) -> bool:
    """The section's code shows no name of its own and no other construct, and the
    construct is one that notes never show by accident (a mutable default, a walrus)."""
    if kind not in DELIBERATE_KINDS:
        return False
    for k, origins in section.own.items():
        if not origins.get("code"):
            continue
        if k[0] == "kind" and k[1] != kind and k[1] not in COMMON_KINDS:
            return False
        if k[0] == "name" and k[1] not in COMMON_NAMES and "." in k[1]:
            return False
    return True


def judge_other(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    """Dunders, pytest fixtures and file names (``__init__.py``)."""
    kind, value = key
    origins = dict(section.own.get(key, {}))
    heading = repr(section.heading)
    if origins.get("heading") or origins.get("marker"):
        return matched(section, key, 0, f"named by its heading {heading}", origins)
    named = section.terms.names_word(value) if kind == "fixture" else None
    if named is not None and (named or origins):
        return matched(section, key, 0, f"its heading {heading} names it", origins)
    if kind == "fixture" and origins and section.terms.names_word("fixture") is not None:
        return matched(section, key, 0, f"its heading {heading} is about fixtures", origins)
    if kind == "dunder" and value in COMMON_DUNDERS and not origins.get("inline"):
        return Miss(section, key, "too common to match on its code alone")
    if origins.get("inline"):
        return matched(section, key, 3, "named in its inline code", origins)
    if origins.get("code") and kind == "fixture":
        chain = notes.chain(section.index)
        if any("pytest" in terms.modules for terms in chain):
            return matched(section, key, 1, "a fixture its code takes, under pytest", origins)
    if origins.get("code") and kind == "dunder" and defines(section, value):
        return matched(section, key, 4, "the main name of its code", origins)
    return Miss(section, key, "only in passing in its code")
