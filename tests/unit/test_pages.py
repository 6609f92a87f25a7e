"""The static site (``pygloss pages build``): a page for every topic and rule, the
rule facts, the index and rule table, the offline search index, and no broken link.

The browser checks (every page renders, search finds a name, screenshots) run in
CI's ``.ci/steps/15-pages.sh`` with Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pygloss.cli import main
from pygloss.engine.api import load_knowledge
from pygloss.kb.model import Topic
from pygloss.kb.terminal import render_topic
from pygloss.pages import SiteError, build_site
from pygloss.pages.content import page_markdown, rule_for, terminal_link
from pygloss.pages.links import check_links
from pygloss.pages.markdown import slug, to_html
from pygloss.rules import all_rules

KB = load_knowledge()
RULE_HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    report = build_site(out, KB)
    assert report.broken == []
    return out


def test_every_topic_and_rule_has_a_page(site: Path) -> None:
    for topic in KB.topics.values():
        page = (site / topic.page).read_text(encoding="utf-8")
        assert f'data-topic="{topic.id}"' in page
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert pages == {t.page for t in KB.topics.values()} | {"index.html", "rules.html"}
    for rule in all_rules():
        topic = KB.get(rule.topic)
        assert topic is not None and rule_for(topic) is rule


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_rule_page_has_the_rule_headings_and_facts(site: Path, rule: type) -> None:
    topic = KB.get(rule.topic)
    assert topic is not None
    page = (site / topic.page).read_text(encoding="utf-8")
    for heading in RULE_HEADINGS:
        assert f'id="{slug(heading)}">{heading.replace("?", "?")}</h2>' in page
    assert f"<code>{rule.code}</code>" in page and "Silence one line" in page
    expected = "safe:" if rule.fix_safety == "safe" else "unsafe:" if rule.fix_safety else "none:"
    assert expected in page


def test_a_topic_page_has_its_examples_see_also_and_docs(site: Path) -> None:
    topic = KB.get("mock-patch")
    assert topic is not None
    page = (site / topic.page).read_text(encoding="utf-8")
    assert '<figure class="code language-python">' in page
    for other_id in topic.see_also:
        other = KB.get(other_id)
        assert other is not None and f'href="../{other.page}"' in page
    assert all(f'href="{url}"' in page for url in topic.docs)
    assert "<code>unittest.mock.patch.object</code>" in page


def test_stated_output_and_norun_reasons_are_labelled() -> None:
    text = "```python\nprint(1)\n```\n\n```output\n1\n```\n\n```python norun: a sketch\nx(\n```\n"
    out = to_html(text)
    assert '<figure class="output"><div class="code-label">Output</div>' in out
    assert '<div class="code-label">Not run: a sketch</div>' in out
    assert "<script>" not in to_html("<script>alert(1)</script>")


def test_index_lists_every_area_and_the_rule_table_every_rule(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    for area in {t.area for t in KB.topics.values()}:
        assert f'id="area-{area}"' in index
    table = (site / "rules.html").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f'<tr id="{rule.code}">' in table


def test_the_search_index_knows_the_names(site: Path) -> None:
    script = (site / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(script.removeprefix("window.PYGLOSS_SEARCH = ").rstrip(";\n"))
    assert len(entries) == len(KB)
    patch = next(e for e in entries if e["id"] == "mock-patch")
    assert "unittest.mock.patch.object" in patch["names"]
    assert patch["url"] == "testing/mock-patch.html"


def test_a_broken_link_or_anchor_is_reported(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a.html").write_text(
        '<a href="b.html">ok</a> <a href="b.html#there">ok</a> <a href="b.html#nowhere">x</a>'
        '<a href="missing.html">x</a> <a href="https://example.org/">external</a>'
        '<a href="../outside.html">x</a>'
    )
    (copy / "b.html").write_text('<h2 id="there">There</h2>')
    problems = [(p.target, p.reason) for p in check_links(copy)]
    assert problems == [
        ("b.html#nowhere", "no such anchor"),
        ("missing.html", "no such page"),
        ("../outside.html", "points outside the site"),
    ]


def test_the_cli_builds_and_fails_on_a_broken_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    assert main(["pages", "build", str(out)]) == 0
    assert f"{len(KB) + 2} pages, 0 broken links" in capsys.readouterr().out
    assert main(["pages", "build", str(out)]) == 0  # a previous build is replaced
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(SiteError):
        build_site(foreign, KB)
    assert main(["pages", "build", str(foreign)]) == 2
    assert (foreign / "notes.txt").read_text() == "keep me"
    monkeypatch.setattr("pygloss.pages.content.NO_FIX", "see [nowhere](nowhere.html)")
    assert main(["pages", "build", str(out)]) == 1
    assert "broken link 'nowhere.html': no such page" in capsys.readouterr().out


@pytest.mark.parametrize(
    "topic",
    [KB.get("mock-patch"), KB.get("pg112-shared-mutable-class-attribute")],
    ids=lambda t: t.id,
)
def test_the_terminal_prints_the_page(topic: Topic, capsys: pytest.CaptureFixture[str]) -> None:
    page = page_markdown(topic, KB, terminal_link)
    assert main(["kb", "show", topic.id]) == 0
    shown = capsys.readouterr().out
    assert shown == render_topic(topic, page)
    if topic.area == "rules":
        assert main(["rule", topic.rules[0]]) == 0
        assert capsys.readouterr().out == shown


def test_the_server_builds_the_pages_once_and_links_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pygloss.engine.render import RenderOptions
    from pygloss.lsp.pages import LocalPages, site_key

    monkeypatch.setenv("PYGLOSS_PAGES_CACHE", str(tmp_path / "cache"))
    first = LocalPages()
    assert not first.find(KB) and first.base is None
    messages: list[str] = []
    first.build(KB, messages.append)
    assert messages == [] and first.base is not None
    site = tmp_path / "cache" / site_key(KB)
    assert first.base == site.resolve().as_uri() + "/"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [site.name]  # no scratch left
    second = LocalPages()  # a later server finds it
    assert second.find(KB) and second.base == first.base
    topic = KB.get("mock-patch")
    assert topic is not None
    assert topic.link(first.base) == f"{first.base}testing/mock-patch.html"
    assert topic.link("") == topic.uri  # no site: the file
    assert RenderOptions(pages=first.base).learn_more(topic) == topic.link(first.base)
    assert first.text(topic) == f"{first.base}testing/mock-patch.md"  # what explain opens
    assert LocalPages().text(topic) is None  # no knowledge base given: no site known


def test_before_the_site_is_built_explain_writes_the_one_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pygloss import __version__
    from pygloss.lsp.pages import LocalPages

    monkeypatch.setenv("PYGLOSS_PAGES_CACHE", str(tmp_path / "cache"))
    topic = KB.get("pg101-mutable-default")
    assert topic is not None
    url = LocalPages().text(topic, KB)  # no site in the cache yet
    assert url is not None and url.endswith(f"/text/{__version__}/pg101-mutable-default.md")
    text = Path(url.removeprefix("file://")).read_text(encoding="utf-8")
    assert text.startswith("# PG101") and "+++" not in text


def test_each_topic_page_has_its_text_beside_it(site: Path) -> None:
    from pygloss.pages.site import text_path, topic_text

    for topic in KB.topics.values():
        text = (site / text_path(topic.page)).read_text(encoding="utf-8")
        assert text == topic_text(topic, KB)
    patch = (site / "testing" / "mock-patch.md").read_text(encoding="utf-8")
    assert patch.startswith("# unittest.mock.patch") and "+++" not in patch
    assert "](../testing/mock-autospec.md)" in patch  # links between the texts
    assert (site / "testing" / "mock-autospec.md").is_file()


def test_a_new_site_removes_the_sites_no_server_used_for_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    from pygloss.lsp.pages import UNUSED_S, LocalPages, ensure_site, site_key
    from pygloss.pages.site import MARKER

    cache = tmp_path / "cache"
    now = time.time()
    ages = {  # site folder -> seconds since a server last used it
        "0.0.1-aaaa": UNUSED_S + 60,  # removed
        "0.0.2-bbbb": UNUSED_S - 3600,  # used within the month: kept
        ".0.0.3-cccc.12.34": 2 * 3600,  # a build that died two hours ago: removed
        ".0.0.4-dddd.56.78": 60,  # a build running now: kept
    }
    for name, age in ages.items():
        (cache / name).mkdir(parents=True)
        (cache / name / MARKER).write_text("pygloss\n")
        os.utime(cache / name / MARKER, (now - age, now - age))
    (cache / "notes-of-mine").mkdir()  # not a site: never touched
    base = ensure_site(KB, cache)
    assert base == (cache / site_key(KB)).resolve().as_uri() + "/"
    kept = sorted(p.name for p in cache.iterdir())
    assert kept == sorted(["0.0.2-bbbb", ".0.0.4-dddd.56.78", "notes-of-mine", site_key(KB)])
    # a server that finds a site marks it used, so no other build removes it
    marker = cache / site_key(KB) / MARKER
    os.utime(marker, (now - UNUSED_S - 60, now - UNUSED_S - 60))
    monkeypatch.setenv("PYGLOSS_PAGES_CACHE", str(cache))
    assert LocalPages().find(KB)
    assert now - marker.stat().st_mtime < 60


def test_a_failed_build_leaves_links_on_the_topic_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pygloss.lsp.pages import LocalPages

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PYGLOSS_PAGES_CACHE", str(blocker / "cache"))
    pages = LocalPages()
    messages: list[str] = []
    pages.build(KB, messages.append)
    assert pages.base is None
    assert len(messages) == 1 and "links open files" in messages[0]


@pytest.mark.parametrize(
    ("raw", "url", "warned"),
    [
        ({"url": "https://pygloss.example/kb"}, "https://pygloss.example/kb/", False),
        ({"url": "https://pygloss.example/kb/"}, "https://pygloss.example/kb/", False),
        ({"url": ""}, "", False),
        ({"url": "javascript:alert(1)"}, "", True),
        ("https://pygloss.example/", "", True),
    ],
)
def test_the_pages_url_setting(raw: object, url: str, warned: bool) -> None:
    from pygloss.lsp.settings import parse_settings

    settings, warnings = parse_settings({"pages": raw})
    assert settings.pages_url == url
    assert bool(warnings) == warned
