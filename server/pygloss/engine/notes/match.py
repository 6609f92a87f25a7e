"""Which notes sections are *about* the names and construct kinds under the cursor.

A section matches a key in one of these tiers, best first:

0. its heading (or a marker) names the name: a dotted name, a name in backticks,
   or in words ("Frozen sets" for ``frozenset``, "Custom sort" for ``sorted``,
   "Refreshing objects" for ``Session.refresh`` in SQLAlchemy notes);
1. its own text uses the name, under a heading — its own or an ancestor's — that
   names the name or its module or type ("Itertools" over ``chain(...)``);
2. its heading names the name's type or module ("Lists" for ``list.append``,
   "SQLAlchemy" for ``sqlalchemy.select``);
3. its inline code names the name (the prose talks about it);
4. the name is the main name of its code (the most used, a quarter of the uses
   or more; or from the package most of its code uses);
5. its heading (or a marker) names the construct kind ("Context managers (with)",
   "Walrus", "Decorators"), or the notes-only topic under the cursor;
6. its code shows the kind, under an ancestor heading that names it;
7. the kind is the only construct its code shows, the code names nothing else, and
   it is a construct notes never show by accident (:data:`DELIBERATE_KINDS`: a
   mutable default, a walrus, ``nonlocal``...).

A name is more specific than a construct: every name tier comes first.
Then: sections matching more of the keys first, the more uses, the shorter.

What does **not** match (:class:`Miss`, listed by ``pygloss notes which``): a kind
only in passing in a section's code; a name used in passing in its code; a very
common name (``print``, ``len``...) or kind (``import``, f-strings) that no heading
or marker names; a heading word that is also an everyday word ("Types",
"Session", "Sets") when neither the section's own text nor the headings above it
corroborate it — the word must come with the thing in the section's code, or with
its package in the headings ("Refreshing" under "SQLAlchemy"); a section under a
heading about a package (FastAPI, SQLAlchemy) for a name from elsewhere, in a file
that does not import that package.  Words in prose never match.  Only a section's
own text counts (see :mod:`.index`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pygloss.engine.notes.context import RECEIVER_NAMES, attributes, is_module_path, members
from pygloss.engine.notes.index import Key, NotesFile, Section, loose_key
from pygloss.engine.notes.names import STDLIB
from pygloss.engine.notes.usage import PYTEST_FIXTURES
from pygloss.engine.notes.words import STOPWORDS, Terms, forms, stems

COMMON_NAMES = frozenset(
    "builtins." + name
    for name in [
        "print",
        "len",
        "list",
        "dict",
        "set",
        "tuple",
        "str",
        "int",
        "float",
        "bool",
        "range",
        "enumerate",
        "zip",
        "isinstance",
        "type",
        "object",
        "open",
        "sorted",
        "min",
        "max",
        "sum",
        "map",
        "filter",
        "repr",
        "id",
        "iter",
        "next",
        "abs",
        "any",
        "all",
        "hash",
        "getattr",
        "setattr",
        "hasattr",
        "input",
        "round",
        "super",
        "format",
        "reversed",
        "Exception",
        "ValueError",
        "TypeError",
        "KeyError",
        "None",
        "True",
        "False",
        "self",
        "NotImplementedError",
        "RuntimeError",
    ]
)
# kinds nearly every example shows in passing; a heading or marker can still name them
COMMON_KINDS = frozenset({"import", "f-string", "dunder-method"})
COMMON_DUNDERS = frozenset({"__init__", "__name__", "__main__"})
_SUBMODULES = frozenset({"unittest.mock", "os.path", "collections.abc", "concurrent.futures"})
_INTERNAL = frozenset({"testing", "tests", "test"})
_CAMEL_HEAD = re.compile(r"[A-Z][a-z]+(?=[A-Z])")
# kinds a snippet never shows in passing: alone in a section's code, they are its subject
DELIBERATE_KINDS = frozenset(
    {
        "mutable-default",
        "walrus",
        "global",
        "nonlocal",
        "chained-comparison",
        "raise-from",
        "yield-from",
        "metaclass-keyword",
        "match",
        "type-params",
        "else-clause",
        "star-unpacking",
        "bool-op-default",
    }
)
EXPLICIT = frozenset({"heading", "marker"})
LIMIT = 2
TEXT = frozenset({"code", "inline"})


@dataclass(frozen=True)
class Match:
    """A section that matches, with the key, tier and evidence that make it match."""

    section: Section
    key: Key
    tier: int
    uses: int
    origins: tuple[tuple[str, int], ...]
    reason: str
    line: int  # the line that matched: the heading's, or the first use's
    loose: bool = False  # matched by package and last component only
    breadth: int = 1  # how many of the keys the section matches
    closeness: int = -1  # the innermost part of the name its heading names (-1: none)
    coverage: int = 0  # how many parts of the name its heading names
    exact: bool = False  # named as written (a dotted name, backticks, a marker)
    beyond: int = 0  # kinds its heading names that are not under the cursor
    framed: bool = False  # the headings above it (or the file's title) are about it too

    @property
    def rank(self) -> tuple[int, bool, int, bool, int, bool, bool, int, int, int, int, str, int]:
        s = self.section
        shown = any(origin in TEXT for origin, _ in self.origins)
        return (
            self.tier,
            self.loose,
            self.beyond,
            not self.exact,
            -self.closeness,
            not self.framed,
            not shown,
            -self.coverage,
            -self.breadth,
            -self.uses,
            s.length,
            s.path,
            s.line,
        )

    def why(self) -> str:
        """``name asyncio.gather: named by its heading (heading, code ×3)``."""
        kind, value = self.key
        parts = [origin if n == 1 else f"{origin} ×{n}" for origin, n in self.origins]
        evidence = f" ({', '.join(parts)})" if parts else ""
        return f"{kind} {value}: {self.reason}{evidence}"


@dataclass(frozen=True)
class Miss:
    """A section that mentions a key but is not about it, and why."""

    section: Section
    key: Key
    reason: str

    def why(self) -> str:
        return f"{self.key[0]} {self.key[1]}: {self.reason}"


_ORDER = ("heading", "marker", "code", "inline")
HEADING_TIERS = frozenset({0, 2, 5})


def evaluate(
    files: Sequence[NotesFile], keys: Sequence[Key], packages: frozenset[str] | None = None
) -> tuple[list[Match], list[Miss]]:
    """Every section matching one of *keys* (best first), and the near misses.

    *packages* are the top-level packages the hovered file imports (None: unknown);
    a section under a heading about a package (FastAPI, SQLAlchemy, asyncio) only
    matches a name from elsewhere in a file that uses that package."""
    best: dict[tuple[str, int], Match] = {}
    matched_keys: dict[tuple[str, int], set[Key]] = {}
    misses: dict[tuple[str, int], Miss] = {}
    for notes in files:
        for key in dict.fromkeys(keys):
            for index in _candidates(notes, key):
                found = _judge(notes, notes.sections[index], key, keys)
                if isinstance(found, Match) and packages is not None:
                    found = _in_context(notes, found, packages)
                ident = (notes.path, index)
                if isinstance(found, Miss):
                    misses.setdefault(ident, found)
                    continue
                matched_keys.setdefault(ident, set()).add(key)
                if ident not in best or found.rank < best[ident].rank:
                    best[ident] = found
    kinds = {value for kind, value in keys if kind == "kind"}
    by_path = {notes.path: notes for notes in files}
    matches = [
        replace(
            m,
            breadth=len(matched_keys[i]),
            beyond=_beyond(m.section, kinds),
            framed=_framed(by_path[m.section.path], m.section, m.key),
        )
        for i, m in best.items()
    ]
    missed = [m for i, m in misses.items() if i not in best]
    return sorted(matches, key=lambda m: m.rank), missed


def _framed(notes: NotesFile, section: Section, key: Key) -> bool:
    """The headings above the section, or the file's title, are about *key* too: it sits
    in notes about it ("Dictionary › Create"), not in passing ("Enumerate ›
    Dictionary")."""
    # its own heading too: a top section naming the thing is in notes about it
    above = [notes.sections[i].terms for i in notes.ancestors(section.index)] + [notes.title]
    above.append(section.terms)
    kind, value = key
    for terms in above:
        if kind == "kind" and value in terms.kinds:
            return True
        if kind == "topic" and value in terms.topics:
            return True
        if kind == "name":
            parts = _parts(value)
            if _names(terms, parts[-1]) is not None or _owner_in(terms, value, parts[:-1]):
                return True
    return False


def _beyond(section: Section, kinds: set[str]) -> int:
    """How many construct kinds the heading names strongly, when none of them is under
    the cursor ("@mock.patch pitfall: decorator order" is about more than a lone patch)."""
    named = [kind for kind, strong in section.terms.kinds.items() if strong]
    return 0 if kinds.intersection(named) else len(named)


def candidates(files: Sequence[NotesFile], keys: Sequence[Key]) -> list[Match]:
    """Every section whose own text or heading matches one of *keys*, best first."""
    return evaluate(files, keys)[0]


def best_matches(
    files: Sequence[NotesFile], keys: Sequence[Key], limit: int = LIMIT
) -> list[Match]:
    """The best *limit* matches."""
    return pick(files, candidates(files, keys), limit)


def pick(files: Sequence[NotesFile], matches: Sequence[Match], limit: int = LIMIT) -> list[Match]:
    """The first *limit* matches.  A section and one containing it may both be shown:
    each matched on its own text, and they share none."""
    return list(matches[:limit])


def _parts(value: str) -> list[str]:
    parts = value.split(".")
    return parts[1:] if parts[0] == "builtins" and len(parts) > 1 else parts


def _names(terms: Terms, part: str) -> bool | None:
    """Whether *terms* name *part* (or its CamelCase tail): strongly, weakly, not at all."""
    found: bool | None = None
    for index, form in enumerate(forms(part)):
        named = terms.names_word(form)
        if named is not None:
            found = found or (named and index == 0)  # a CamelCase tail is a weak match
    return found


def _candidates(notes: NotesFile, key: Key) -> list[int]:
    kind, value = key
    found: list[int] = list(notes.by_key.get(key, ()))
    if kind == "kind":
        found += notes.by_kind.get(value, ())
    elif kind == "topic":
        found += notes.by_kind.get("topic:" + value, ())
    elif kind == "name" and not value.startswith("."):  # a relative import: the project's
        loose = loose_key(value)
        if loose is not None:
            found += notes.by_loose.get(loose, ())
        for part in _parts(value):
            for form in forms(part):
                lower = form.lower()
                for variant in (lower, *stems(lower)):
                    found += notes.by_word.get(variant, ())
    elif kind == "fixture":
        found += notes.by_word.get(value.lower(), ())
    return list(dict.fromkeys(found))


def _judge(notes: NotesFile, section: Section, key: Key, keys: Sequence[Key]) -> Match | Miss:
    if not section.excerpt and not section.own:
        return Miss(section, key, "no text of its own: its subsections are the answer")
    if key[0] == "kind":
        named = _heading_names(section)
        if named and not named.intersection(keys):
            about = named.pop()[1]
            return Miss(section, key, f"its heading is about {about}, which is not here")
        return _judge_kind(notes, section, key)
    if key[0] == "name":
        return _judge_name(notes, section, key)
    if key[0] == "topic":
        if key[1] in section.terms.topics:
            return _match(section, key, 5, f"its heading {section.heading!r} names it", {})
        return Miss(section, key, "its heading does not name it")
    return _judge_other(notes, section, key)


def _heading_names(section: Section) -> set[Key]:
    """The names a heading writes as dotted names (``@mock.patch pitfall``)."""
    return {k for k, origins in section.own.items() if k[0] == "name" and origins.get("heading")}


def _match(
    section: Section,
    key: Key,
    tier: int,
    reason: str,
    origins: dict[str, int],
    loose: bool = False,
    found: Key | None = None,
) -> Match:
    ordered = tuple((o, origins[o]) for o in _ORDER if origins.get(o))
    first = section.first.get(found or key)
    line = section.line if tier in HEADING_TIERS or first is None else first
    return Match(section, key, tier, sum(origins.values()), ordered, reason, line, loose)


def _judge_name(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    judged = _judge_name_tier(notes, section, key)
    if isinstance(judged, Miss):
        return judged
    if EXPLICIT & {origin for origin, _ in judged.origins}:
        parts = len(_parts(key[1]))
        return replace(judged, closeness=parts - 1, coverage=parts, exact=True)
    closeness, coverage = _coverage(section.terms, key[1])
    return replace(judged, closeness=closeness, coverage=coverage)


def _coverage(terms: Terms, value: str) -> tuple[int, int]:
    """The innermost part of *value* the heading names, and how many parts it names."""
    parts = _parts(value)
    named = [i for i, part in enumerate(parts) if _names(terms, part) is not None]
    for module in terms.modules:
        if value.startswith(module + "."):
            named.append(len(module.split(".")) - (len(value.split(".")) - len(parts)) - 1)
    return (max(named), len(set(named))) if named else (-1, 0)


def _judge_name_tier(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    value = key[1]
    origins, loose, found = _name_evidence(section, value)
    parts = _parts(value)
    last, owners = parts[-1], parts[:-1]
    chain = notes.chain(section.index)
    heading = repr(section.heading)
    if EXPLICIT & set(origins):
        how = f"named by its heading {heading}" if origins.get("heading") else "named by a marker"
        return _match(section, key, 0, how, origins, loose, found)
    word = _names(section.terms, last)
    if word is not None and _is_module_name(value) and _names_a_member(section.terms, value, value):
        word = None  # "pytest monkeypatch fixture" is about the fixture, not all of pytest
    if word is not None:
        if word or _corroborated(section, chain, value, last):
            return _match(section, key, 0, f"its heading {heading} names it", origins, loose, found)
        return Miss(
            section, key, f"{heading} names it in an everyday word that nothing corroborates"
        )
    text = TEXT & set(origins)
    if text:
        about = _about(notes, section, value, owners)
        # under a heading above that names only the module, a name used in passing in
        # the code is not what the section is about
        if about is not None and (about[1] or origins.get("inline") or _central(section, found)):
            return _match(section, key, 1, f"used under {about[0]!r}", origins, loose, found)
    if text and value in COMMON_NAMES:
        return Miss(section, key, "too common to match on its use alone")
    owner = _owner_in(section.terms, value, owners)
    if owner is not None:
        name, strong = owner
        if strong or _corroborated(section, chain, value, name):
            why = f"its heading {heading} names {name!r}"
            return _match(section, key, 2, why, origins, loose, found)
        if not text:
            return Miss(
                section, key, f"{heading} names {name!r} in an everyday word, uncorroborated"
            )
    if origins.get("inline"):
        return _match(section, key, 3, "named in its inline code", origins, loose, found)
    if origins.get("code"):
        if _central(section, found):
            return _match(section, key, 4, "the main name of its code", origins, loose, found)
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
    last = _parts(value)[-1]
    levels = [(section.index, True), *((i, False) for i in notes.ancestors(section.index))]
    for index, own in levels:
        terms = notes.sections[index].terms
        heading = notes.sections[index].heading
        if _names(terms, last) is not None:
            return heading, True
        owner = _owner_in(terms, value, owners)
        if owner is not None:
            return heading, own or not _is_module(value, owner[0])
    title = notes.title
    if _names(title, last) is not None:
        return "the file title", True
    owner = _owner_in(title, value, owners)
    if owner is not None:
        return "the file title", not _is_module(value, owner[0])
    return None


def _is_module(value: str, owner: str) -> bool:
    """*owner* (a word a heading names) is a module *value* is in, not its type."""
    if value.startswith("builtins."):
        return False  # "Lists" names the type list
    return "." in owner or value.startswith(owner + ".") or owner[:1].islower()


def _owner_in(terms: Terms, value: str, owners: list[str]) -> tuple[str, bool] | None:
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
        named = _names(terms, owner)
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
    parts = _parts(value)
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
        if any(_names(terms, other) for other in others):
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


def _defines(section: Section, dunder: str) -> bool:
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
    return any(_names(section.terms, name.rsplit(".", 1)[-1]) is not None for name in names)


def _is_module_name(value: str) -> bool:
    return all(part[:1].islower() or part.startswith("_") for part in value.split("."))


def _in_context(notes: NotesFile, match: Match, packages: frozenset[str]) -> Match | Miss:
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


def _judge_kind(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    kind = key[1]
    origins = dict(section.own.get(key, {}))
    heading = repr(section.heading)
    if origins.get("marker"):
        return _match(section, key, 5, "named by a marker", origins)
    named = section.terms.kinds.get(kind)
    if named is not None:
        if named or origins.get("code"):
            found = _match(section, key, 5, f"its heading {heading} names it", origins)
            return replace(found, exact=named)  # a technical phrase before an everyday word
        return Miss(section, key, f"{heading} names it in an everyday word, not in its code")
    if origins.get("inline") and section.terms.kinds:  # "Unpacking": `*args, **kwargs`
        return _match(section, key, 5, f"under {heading}, its text writes it as code", origins)
    if not origins.get("code"):
        return Miss(section, key, "its heading does not name it")
    if section.terms.kinds:  # "yield from" under "Generators" is not about a plain yield
        return Miss(section, key, f"in its code, but {heading} names another construct")
    for ancestor in notes.ancestors(section.index):
        if kind in notes.sections[ancestor].terms.kinds:
            above = notes.sections[ancestor].heading
            return _match(section, key, 6, f"in its code, under {above!r}", origins)
    if kind in notes.title.kinds:
        return _match(section, key, 6, "in its code, in notes whose title names it", origins)
    if kind in COMMON_KINDS:
        return Miss(section, key, "too common to match on its code alone")
    if _only_construct(section, kind):
        return _match(section, key, 7, "the only construct its code shows", origins)
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


def _judge_other(notes: NotesFile, section: Section, key: Key) -> Match | Miss:
    """Dunders, pytest fixtures and file names (``__init__.py``)."""
    kind, value = key
    origins = dict(section.own.get(key, {}))
    heading = repr(section.heading)
    if origins.get("heading") or origins.get("marker"):
        return _match(section, key, 0, f"named by its heading {heading}", origins)
    named = section.terms.names_word(value) if kind == "fixture" else None
    if named is not None and (named or origins):
        return _match(section, key, 0, f"its heading {heading} names it", origins)
    if kind == "fixture" and origins and section.terms.names_word("fixture") is not None:
        return _match(section, key, 0, f"its heading {heading} is about fixtures", origins)
    if kind == "dunder" and value in COMMON_DUNDERS and not origins.get("inline"):
        return Miss(section, key, "too common to match on its code alone")
    if origins.get("inline"):
        return _match(section, key, 3, "named in its inline code", origins)
    if origins.get("code") and kind == "fixture":
        chain = notes.chain(section.index)
        if any("pytest" in terms.modules for terms in chain):
            return _match(section, key, 1, "a fixture its code takes, under pytest", origins)
    if origins.get("code") and kind == "dunder" and _defines(section, value):
        return _match(section, key, 4, "the main name of its code", origins)
    return Miss(section, key, "only in passing in its code")
