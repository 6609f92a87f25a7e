"""Build the site: one page per topic (a rule's topic is its rule page), the index by
area, the rule table, the offline search index, the style and script; beside each
topic's ``.html`` page, its text as Markdown (``.md``, no front matter) for editors
that show a topic as a text document.

``build_site(out)`` writes everything under *out* and then checks every link and
anchor between the pages (:mod:`.links`); the report lists what is broken.
"""

from __future__ import annotations

import html
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pygloss import __version__
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.pages.content import page_markdown, rule_for
from pygloss.pages.layout import Page, frame
from pygloss.pages.links import LinkProblem, check_links
from pygloss.pages.markdown import inline_html, plain, to_html
from pygloss.rules import all_rules

ASSETS = Path(__file__).parent / "assets"
BODY_CHARS = 2000  # of each topic's text in the search index
MARKER = ".pygloss-site"  # marks a folder build_site wrote (and may replace)


class SiteError(Exception):
    """The site cannot be written where asked."""


@dataclass
class BuildReport:
    out: Path
    pages: list[str] = field(default_factory=list)
    broken: list[LinkProblem] = field(default_factory=list)


def area_title(area: str) -> str:
    return area.replace("-", " ").capitalize() if area else "Other"


def _relative(page: str, target: str) -> str:
    """The URL of site path *target* seen from site path *page*."""
    return "../" * page.count("/") + target


def topic_page(topic: Topic, kb: KnowledgeBase) -> Page:
    def link(other: Topic) -> str:
        return f"[{other.title}]({_relative(topic.page, other.page)})"

    markdown = page_markdown(topic, kb, link)
    title_line, _, rest = markdown.partition("\n")
    summary, _, rest = rest.strip("\n").partition("\n\n")
    if rule_for(topic) is not None:
        up = f'<a href="{_relative(topic.page, "rules.html")}">Rules</a>'
    else:
        index = _relative(topic.page, "index.html")
        up = f'<a href="{index}#area-{topic.area}">{html.escape(area_title(topic.area))}</a>'
    main = (
        f'<nav class="crumbs">{up}</nav>\n'
        f'<article class="topic" data-topic="{html.escape(topic.id)}">\n'
        f"<h1>{inline_html(title_line.removeprefix('# '))}</h1>\n"
        f'<p class="summary">{inline_html(summary)}</p>\n'
        f"{to_html(rest)}</article>"
    )
    return Page(topic.page, plain(topic.title), main, plain(topic.summary))


def text_path(page: str) -> str:
    """The site path of the Markdown text of the page at site path *page*."""
    return page.removesuffix(".html") + ".md"


def topic_text(topic: Topic, kb: KnowledgeBase) -> str:
    """The page of *topic* as Markdown, its links to other topics relative ``.md`` files."""

    def link(other: Topic) -> str:
        return f"[{other.title}]({_relative(topic.page, text_path(other.page))})"

    return page_markdown(topic, kb, link)


def index_page(kb: KnowledgeBase) -> Page:
    by_area: dict[str, list[Topic]] = defaultdict(list)
    for topic in kb.topics.values():
        by_area[topic.area].append(topic)
    parts = [
        "<h1>pygloss knowledge base</h1>",
        '<p class="summary">Every topic pygloss explains on hover, and every pitfall it '
        'flags (<a href="rules.html">the rule table</a>), one page each. Search by a name '
        "such as <code>mock.patch.object</code>, a rule code or a word.</p>",
        '<nav class="areas">'
        + " ".join(
            f'<a href="#area-{area}">{html.escape(area_title(area))}</a>'
            for area in sorted(by_area)
        )
        + "</nav>",
    ]
    for area in sorted(by_area):
        topics = sorted(by_area[area], key=lambda t: (plain(t.title).lower(), t.id))
        items = "\n".join(
            f'<li><a href="{t.page}">{inline_html(t.title)}</a>'
            f'<span class="gist">{inline_html(t.summary)}</span></li>'
            for t in topics
        )
        parts.append(
            f'<section><h2 id="area-{area}">{html.escape(area_title(area))} '
            f'<span class="count">{len(topics)}</span></h2>\n<ul class="topics">\n{items}\n</ul>'
            "</section>"
        )
    return Page("index.html", "pygloss knowledge base", "\n".join(parts), "Topics and rules")


def rules_page(kb: KnowledgeBase) -> Page:
    rows = []
    for rule in all_rules():
        topic = kb.get(rule.topic)
        code = f'<a href="{topic.page}">{rule.code}</a>' if topic else rule.code
        fix = f"{rule.fix_safety}: {inline_html(rule.fix_title or '')}" if rule.fix_safety else "—"
        on = "yes" if rule.default_enabled else "no"
        rows.append(
            f'<tr id="{rule.code}"><td>{code}</td><td><code>{rule.name}</code></td>'
            f"<td>{inline_html(rule.message)}</td><td>{fix}</td><td>{rule.severity}</td>"
            f"<td>{on}</td></tr>"
        )
    main = (
        "<h1>Rules</h1>\n"
        '<p class="summary">Every rule pygloss checks, from its registry. A <b>safe</b> fix '
        "keeps what the code does and is applied by <code>pygloss check --fix</code> and the "
        "editor's fix-all; an <b>unsafe</b> fix can change what the code does, so it is only "
        "offered (marked <i>unsafe</i>) and applied by <code>--fix --unsafe-fixes</code>; "
        "each rule's page says why under <i>Fix safety</i>.</p>\n"
        '<table class="rules"><thead><tr><th>Code</th><th>Name</th><th>What is wrong</th>'
        "<th>Fix</th><th>Severity</th><th>On by default</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>"
    )
    return Page("rules.html", "Rules", main, "Every rule pygloss checks")


def search_index(kb: KnowledgeBase) -> str:
    entries = [
        {
            "id": t.id,
            "title": plain(t.title),
            "url": t.page,
            "area": area_title(t.area),
            "summary": plain(t.summary),
            "names": list(t.names),
            "rules": list(t.rules),
            "text": plain(t.body)[:BODY_CHARS],
        }
        for t in sorted(kb.topics.values(), key=lambda t: t.id)
    ]
    payload = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return f"window.PYGLOSS_SEARCH = {payload};\n"


def build_site(out: Path, kb: KnowledgeBase) -> BuildReport:
    """Write the site for *kb* into *out*: a new folder, or one this function wrote
    before (its pages are replaced); any other non-empty folder is refused."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise SiteError(f"{out} is not empty and not a pygloss site: not overwriting it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"pygloss {__version__}\n", encoding="utf-8")
    report = BuildReport(out)
    pages = [index_page(kb), rules_page(kb)]
    pages += [topic_page(t, kb) for t in sorted(kb.topics.values(), key=lambda t: t.page)]
    for page in pages:
        target = out / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(frame(page, __version__), encoding="utf-8")
        report.pages.append(page.path)
    for topic in kb.topics.values():
        (out / text_path(topic.page)).write_text(topic_text(topic, kb), encoding="utf-8")
    (out / "search-index.js").write_text(search_index(kb), encoding="utf-8")
    for asset in ("style.css", "search.js"):
        shutil.copyfile(ASSETS / asset, out / asset)
    report.broken = check_links(out)
    return report
