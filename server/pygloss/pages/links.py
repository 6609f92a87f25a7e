"""Check every link between the pages of a built site: the target file exists and,
for ``page.html#anchor``, the page has an element with that id.

Links to other sites (``https:``, ``mailto:``) are listed by the pages but not
fetched: the build runs offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class LinkProblem:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link {self.target!r}: {self.reason}"


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append(value)


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    scan.feed(path.read_text(encoding="utf-8"))
    return scan


def check_links(root: Path) -> list[LinkProblem]:
    """Every broken internal link or anchor under *root* (an empty list when none)."""
    root = root.resolve()
    scans = {p.resolve(): _scan(p) for p in sorted(root.rglob("*.html"))}
    problems: list[LinkProblem] = []
    for page, scan in scans.items():
        name = page.relative_to(root).as_posix()
        for link in scan.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # another site: not fetched offline
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if root not in (target, *target.parents):
                problems.append(LinkProblem(name, link, "points outside the site"))
            elif not target.is_file():
                problems.append(LinkProblem(name, link, "no such page"))
            elif parts.fragment:
                ids = scans[target].ids if target in scans else _scan(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(LinkProblem(name, link, "no such anchor"))
    return problems
