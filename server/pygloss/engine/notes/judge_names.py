"""Whether a section is about a name: its heading names it, its type or module (in
words or written out), or its code is about it; everyday heading words need
corroboration (see :mod:`.match` for the tiers)."""

from __future__ import annotations

import re
from dataclasses import replace

from pygloss.engine.notes.context import RECEIVER_NAMES, attributes, is_module_path, members
from pygloss.engine.notes.index import Key, NotesFile, Section, loose_key
from pygloss.engine.notes.names import STDLIB
from pygloss.engine.notes.usage import PYTEST_FIXTURES
from pygloss.engine.notes.verdict import (
    COMMON_DUNDERS,
    COMMON_NAMES,
    EXPLICIT,
    TEXT,
    Match,
    Miss,
    matched,
    name_parts,
    names_part,
)
from pygloss.engine.notes.vocabulary import STOPWORDS
from pygloss.engine.notes.words import Terms

_SUBMODULES = frozenset({"unittest.mock", "os.path", "collections.abc", "concurrent.futures"})
_INTERNAL = frozenset({"testing", "tests", "test"})
_CAMEL_HEAD = re.compile(r"[A-Z][a-z]+(?=[A-Z])")


def judge_name(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    judged = _judge_name_tier(notes, section, key)
    if isinstance(judged, Miss):
        return judged
    if EXPLICIT & {origin for origin, _ in judged.origins}:
        parts = len(name_parts(key[1]))
        return replace(judged, closeness=parts - 1, coverage=parts, exact=True)
    closeness, coverage = _coverage(section.terms, key[1])
    return replace(judged, closeness=closeness, coverage=coverage)


def _coverage(terms: Terms, value: str) -> tuple[int, int]:
    """The innermost part of *value* the heading names, and how many parts it names."""
    parts = name_parts(value)
    named = [i for i, part in enumerate(parts) if names_part(terms, part) is not None]
    for module in terms.modules:
        if value.startswith(module + "."):
            named.append(len(module.split(".")) - (len(value.split(".")) - len(parts)) - 1)
    return (max(named), len(set(named))) if named else (-1, 0)


def _judge_name_tier(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    value = key[1]
    origins, loose, found = _name_evidence(section, value)
    parts = name_parts(value)
    last, owners = parts[-1], parts[:-1]
    chain = notes.chain(section.index)
    heading = repr(section.heading)
    if EXPLICIT & set(origins):
        how = f"named by its heading {heading}" if origins.get("heading") else "named by a marker"
        return matched(section, key, 0, how, origins, loose, found)
    word = names_part(section.terms, last)
    if word is not None and _is_module_name(value) and _names_a_member(section.terms, value, value):
        word = None  # "pytest monkeypatch fixture" is about the fixture, not all of pytest
    if word is not None:
        if word or _corroborated(section, chain, value, last):
            return matched(
                section, key, 0, f"its heading {heading} names it", origins, loose, found
            )
        return Miss(
            section, key, f"{heading} names it in an everyday word that nothing corroborates"
        )
    text = TEXT & set(origins)
    if text:
        about = _about(notes, section, value, owners)
        # under a heading above that names only the module, a name used in passing in
        # the code is not what the section is about
        if about is not None and (about[1] or origins.get("inline") or _central(section, found)):
            return matched(section, key, 1, f"used under {about[0]!r}", origins, loose, found)
    if text and value in COMMON_NAMES:
        return Miss(section, key, "too common to match on its use alone")
    owner = owner_in(section.terms, value, owners)
    if owner is not None:
        name, strong = owner
        if strong or _corroborated(section, chain, value, name):
            why = f"its heading {heading} names {name!r}"
            return matched(section, key, 2, why, origins, loose, found)
        if not text:
            return Miss(
                section, key, f"{heading} names {name!r} in an everyday word, uncorroborated"
            )
    if origins.get("inline"):
        return matched(section, key, 3, "named in its inline code", origins, loose, found)
    if origins.get("code"):
        if _central(section, found):
            return matched(section, key, 4, "the main name of its code", origins, loose, found)
        return Miss(section, key, "used in passing in its code")
    return Miss(section, key, "its heading does not name it")


def _name_evidence(section: Section, value: str) -> tuple[dict[str, int], bool, Key]:
    """Origins of *value* in the section's own text (exact, else by package and last
    component), whether that was loose, and the key found."""
    key: Key = ("name", value)
    if key in section.own:
        return dict(section.own[key]), False, key
    loose = loose_key(value)
    if loose is None:
        return {}, False, key
    for other, origins in section.own.items():
        if other[0] == "name" and loose_key(other[1]) == loose and _alike(section, other, value):
            return dict(origins), True, other
    return {}, False, key


_FAMILY_PREFIXES = ("Async", "Magic", "NonCallable", "Base", "Abstract")


def _alike(section: Section, evidence: Key, value: str) -> bool:
    """The notes' name stands for *value* though they differ: the notes guessed the
    module (`create_engine` under "SQLAlchemy"), or both are the same method of one
    family of classes (``Session``/``AsyncSession``, ``Mock``/``MagicMock``) — not
    any two methods of a package that share a name (``TestClient.get``, ``app.get``)."""
    if evidence in section.guessed:
        return True
    mine, theirs = value.split("."), evidence[1].split(".")
    if len(mine) < 3 or len(theirs) < 3:
        return False
    return _family(mine[-2]) == _family(theirs[-2])


def _family(name: str) -> str:
    for prefix in _FAMILY_PREFIXES:
        if name.startswith(prefix) and name[len(prefix) :][:1].isupper():
            return name[len(prefix) :]
    return name


def _about(
    notes: NotesFile, section: Section, value: str, owners: list[str]
) -> tuple[str, bool] | None:
    """The heading (own or above) naming *value* or its module or type, and whether it
    is the section's own or names more than the module (the name or its type)."""
    last = name_parts(value)[-1]
    levels = [(section.index, True), *((i, False) for i in notes.ancestors(section.index))]
    for index, own in levels:
        terms = notes.sections[index].terms
        heading = notes.sections[index].heading
        if names_part(terms, last) is not None:
            return heading, True
        owner = owner_in(terms, value, owners)
        if owner is not None:
            return heading, own or not _is_module(value, owner[0])
    title = notes.title
    if names_part(title, last) is not None:
        return "the file title", True
    owner = owner_in(title, value, owners)
    if owner is not None:
        return "the file title", not _is_module(value, owner[0])
    return None


def _is_module(value: str, owner: str) -> bool:
    """*owner* (a word a heading names) is a module *value* is in, not its type."""
    if value.startswith("builtins."):
        return False  # "Lists" names the type list
    return "." in owner or value.startswith(owner + ".") or owner[:1].islower()


def owner_in(terms: Terms, value: str, owners: list[str]) -> tuple[str, bool] | None:
    """(word, strong) when *terms* name a module or type *value* belongs to (not
    ``object``: every class has its attributes; and only attributes the type has,
    when it can be looked into)."""
    if value.startswith("builtins.object.") or not _is_attribute(value):
        return None
    best: tuple[str, bool] | None = None
    for module, strong in terms.modules.items():
        if not value.startswith(module + ".") or _names_a_member(terms, module, value):
            continue
        if any(other.startswith(module + ".") for other in terms.modules):
            continue  # "unittest mock" names unittest.mock, not all of unittest
        if value.split(".")[len(module.split(".")) :][0] in _INTERNAL or any(
            part.startswith("_") for part in value.split(".")
        ):
            continue  # a package's tests and private parts are not what notes are about
        if best is None or strong > best[1]:
            best = (module, strong)
    builtin = value.startswith("builtins.")
    path = value.split(".")
    for index, owner in enumerate(owners):
        if not builtin and is_module_path(".".join(path[: index + 1])):
            continue  # a module in the name's path (sympy.abc.x): modules are matched above
        named = names_part(terms, owner)
        module = ".".join(value.split(".")[:index])
        if named is not None and not builtin and _names_a_member(terms, module, value):
            continue
        if named is not None and (best is None or named > best[1]):
            best = (owner, named)
    return best


def _names_a_member(terms: Terms, module: str, value: str) -> bool:
    """The heading names one thing *in* the module besides the name looked up
    ("pytest monkeypatch fixture", "Property mocking"): it is about that, not about
    the module as a whole (a heading naming several, "unittest (mock, patch,
    MagicMock)", is about the module)."""
    names = members(module)
    # PropertyMock: "Property mocking" is about it, not about all of unittest.mock
    heads = {found.group().lower() for m in names if (found := _CAMEL_HEAD.match(m))}
    inside = {m.lower() for m in names} | heads | PYTEST_FIXTURES
    parts = {p.lower() for p in value.split(".")}
    parts |= {name for name, typed in RECEIVER_NAMES.items() if value.startswith(typed + ".")}
    module_words = {w.lower() for w in module.split(".")}
    others = [
        word
        for word in terms.written - terms.phrase_words - module_words - parts - STOPWORDS
        if word in inside or f"{module}.{word}" in _SUBMODULES
    ]
    return len(others) == 1  # one other thing: about it; several: about the module


def _is_attribute(value: str) -> bool:
    """False for ``abc.ABC.func`` (not an attribute of ``abc.ABC``); True when the type
    cannot be looked into, or for a module's name."""
    owner, _, attribute = value.rpartition(".")
    if not owner or (
        not owner.rsplit(".", 1)[-1][:1].isupper() and not owner.startswith("builtins.")
    ):
        return True
    known = attributes(owner)
    return not known or attribute in known or attribute.startswith("__")


def _corroborated(section: Section, chain: list[Terms], value: str, word: str) -> bool:
    """A weak heading word naming *word* (a part of *value*) is backed by the section's
    own text using that thing, or by another part of *value* named above."""
    full = value.split(".")
    parts = name_parts(value)
    skipped = len(full) - len(parts)
    index = next((i for i, p in enumerate(parts) if p.lower() == word.lower()), len(parts) - 1)
    prefix = ".".join(full[: skipped + index + 1])
    last = parts[-1].lower()
    for key in section.own:
        if key[0] == "bare" and index == len(parts) - 1 and key[1].lower() == last:
            return True
        if key[0] != "name":
            continue
        if key[1] == prefix or key[1].startswith(prefix + "."):
            return True
        same_top = key[1].split(".")[0] == full[0]
        if same_top and index == len(parts) - 1 and key[1].rsplit(".", 1)[-1].lower() == last:
            return True
    others = [p for p in parts if p.lower() != word.lower()]
    if not others or value.startswith("builtins."):
        return False
    for terms in chain:
        if any(names_part(terms, other) for other in others):
            return True
        if any(value.startswith(m + ".") and strong for m, strong in terms.modules.items()):
            return True
    return False


def _central(section: Section, key: Key) -> bool:
    """*key* is the main name of the section's code: the most used (a quarter of the
    uses or more), or of the package most of them come from."""
    counts: dict[str, int] = {}
    for k, origins in section.own.items():
        if not origins.get("code"):
            continue
        named = k[0] == "name" and "." in k[1] and not _incidental(k[1])
        if named or (k[0] == "dunder" and k[1] not in COMMON_DUNDERS):
            counts[k[1]] = origins["code"]
    names = set(counts)
    mine = counts.get(key[1], 0)
    if not mine or _heading_names_its_code(section, names - {key[1]}):
        return False  # "overload": its code is about overload, not every typing name in it
    total = sum(counts.values())
    if mine == max(counts.values()) and mine * 4 >= total and (mine > 1 or len(counts) == 1):
        return True
    top = key[1].split(".")[0]
    share = sum(n for k, n in counts.items() if k.split(".")[0] == top)
    return top != "builtins" and 2 * share > total


_RECEIVER_TYPES = frozenset(RECEIVER_NAMES.values())


def _incidental(name: str) -> bool:
    """A name that says little about what a section's code is about: a very common
    one, a keyword of one (``open(..., encoding=)``), or the type of a variable named
    like it (``session``, ``file``)."""
    return (
        name in COMMON_NAMES or name.rpartition(".")[0] in COMMON_NAMES or name in _RECEIVER_TYPES
    )


def defines(section: Section, dunder: str) -> bool:
    """The section's code is about this special method: it shows at most two (not
    counting ``__init__``) and no name of a module of its own."""
    dunders = [k for k in section.own if k[0] == "dunder" and k[1] not in COMMON_DUNDERS]
    names = [
        k
        for k, origins in section.own.items()
        if k[0] == "name"
        and "." in k[1]
        and not k[1].startswith("builtins.")
        and origins.get("code")
    ]
    return ("dunder", dunder) in dunders and len(dunders) <= 2 and not names


def _heading_names_its_code(section: Section, names: set[str]) -> bool:
    """The heading names one of *names* (in words or as written)."""
    return any(names_part(section.terms, name.rsplit(".", 1)[-1]) is not None for name in names)


def _is_module_name(value: str) -> bool:
    return all(part[:1].islower() or part.startswith("_") for part in value.split("."))


def in_context(notes: NotesFile, match: Match, packages: frozenset[str]) -> Match | Miss:
    """A name matched in a section about a package, from a file that does not use it,
    outside that package: the section is not about this code."""
    kind, value = match.key
    if kind != "name" or match.tier == 0:
        return match
    about = {
        module.split(".")[0]
        for terms in notes.chain(match.section.index)
        for module, strong in terms.modules.items()
        if strong and module.split(".")[0] not in STDLIB
    }
    top = value.split(".")[0]
    if not about or top in about or top.split("_")[0] in about or about & packages:
        return match
    named = ", ".join(sorted(about))
    return Miss(match.section, match.key, f"it is about {named}, which this file does not import")
