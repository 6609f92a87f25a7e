"""Where "Learn more" and a diagnostic's code link go: the topic's page.

In order: the published site when the ``pages.url`` setting names one; else the
site this server built into the user's cache folder
(``$XDG_CACHE_HOME/pygloss/pages/<version>-<digest of the topics>/``, built once in
the background at start-up and reused by later servers); else, while that build
runs or if it failed, the topic's Markdown file.  Clients that render topics
themselves (the VS Code extension opens them in a Markdown preview) recognise these
links by the ``/pygloss/pages/`` folder, the configured URL, or the ``knowledge/``
file, and take the topic id from the file name.

Beside each page the site has the page's text as Markdown (``<area>/<id>.md``): the
``pygloss.explain`` command opens that in the editor (``window/showDocument``) for
clients that do not show topics themselves (before the site is built, that one page
is written alone under ``text/``).  Each server that uses a site marks it
as used; a new build removes the sites no server used for a month (and half-written
ones a dead build left), never one a server still links to.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pygloss import __version__

if TYPE_CHECKING:
    from pygloss.kb.index import KnowledgeBase
    from pygloss.kb.model import Topic

MARKER = ".pygloss-site"  # pygloss.pages.site.MARKER (a test checks): not imported
# here, since the site builder loads markdown-it, which the server needs only to build

SITE_FORMAT = "2"  # bump when the generator writes different files for the same topics
UNUSED_S = 30 * 24 * 3600  # a site no server used for this long is removed
STALE_SCRATCH_S = 3600  # a half-written site this old is from a build that died


def cache_root() -> Path:
    """``$PYGLOSS_PAGES_CACHE``, else ``$XDG_CACHE_HOME/pygloss/pages`` (``~/.cache``)."""
    if override := os.environ.get("PYGLOSS_PAGES_CACHE"):
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pygloss" / "pages"


def site_key(kb: KnowledgeBase) -> str:
    """A name for the site of *kb*: the version and a digest of every topic file."""
    import hashlib

    digest = hashlib.sha256(f"{__version__}/{SITE_FORMAT}".encode())
    for topic in sorted(kb.topics.values(), key=lambda t: t.id):
        digest.update(topic.id.encode())
        try:
            digest.update(topic.path.read_bytes())
        except OSError:
            digest.update(topic.markdown().encode())
    return f"{__version__}-{digest.hexdigest()[:16]}"


class LocalPages:
    """The site built for this server's knowledge base, once it is ready.

    *kb* gives the knowledge base: the first use of :attr:`base` looks for a site an
    earlier server built (cheap: a digest of the topic files), so links are pages from
    the first diagnostic on when one exists.
    """

    def __init__(self, kb: Callable[[], KnowledgeBase] | None = None) -> None:
        self._kb = kb
        self._base: str | None = None
        self._looked = False
        self._find_lock = threading.Lock()
        self._build_lock = threading.Lock()

    @property
    def base(self) -> str | None:
        """``file://…/`` of the built site, or None until it is built."""
        if not self._looked and self._kb is not None:
            self.find(self._kb())
        return self._base

    def find(self, kb: KnowledgeBase) -> bool:
        """Use the site of *kb* if an earlier server already built it; False when it
        has to be built.  ``_looked`` is set last, so a reader that sees it also sees
        the base this look found (a diagnostic made while the server starts links to
        the built site whenever one is on disk)."""
        with self._find_lock:
            if not self._looked:
                target = cache_root() / site_key(kb)
                if (target / "index.html").is_file():
                    self._base = target.resolve().as_uri() + "/"
                    _mark_used(target)
                self._looked = True
        return self._base is not None

    def text(self, topic: Topic, kb: KnowledgeBase | None = None) -> str | None:
        """``file://`` URL of the Markdown text of *topic*'s page: in the built site, or,
        while there is none (the first start builds it in the background), written
        alone beside the sites when *kb* is given; None when neither can be."""
        base = self.base
        if base is not None:
            from pygloss.pages.site import text_path

            return f"{base}{text_path(topic.page)}"
        if kb is None:
            return None
        return write_text_page(topic, kb, cache_root())

    def build(self, kb: KnowledgeBase, log: Callable[[str], None]) -> None:
        """Build (or find) the site for *kb*; call it off the event loop.  Links are
        files until a build that was needed has finished."""
        if self.find(kb):
            return
        with self._build_lock:
            try:
                self._base = ensure_site(kb, cache_root())
            except Exception as exc:  # a page link is a convenience: never fail for it
                log(f"pygloss: the knowledge pages could not be built ({exc!r}): links open files")


def ensure_site(kb: KnowledgeBase, root: Path) -> str:
    """The ``file://`` URL (ending in ``/``) of the site of *kb* under *root*, built
    there first unless a previous server already did (written to a temporary folder
    and renamed, so two servers starting at once never see half a site)."""
    target = root / site_key(kb)
    if not (target / "index.html").is_file():
        root.mkdir(parents=True, exist_ok=True)
        scratch = root / f".{target.name}.{os.getpid()}.{threading.get_ident()}"
        from pygloss.pages import build_site  # markdown-it: only when a site is built

        build_site(scratch, kb)
        try:
            scratch.rename(target)
        except OSError:  # another server renamed its copy first
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
        prune(root)
    _mark_used(target)
    return target.resolve().as_uri() + "/"


def write_text_page(topic: Topic, kb: KnowledgeBase, root: Path) -> str | None:
    """Write the text of *topic*'s page to ``<root>/text/<version>/<id>.md`` (links to
    other topics named with the command that shows them); its URL, None on failure."""
    from pygloss.pages.content import page_markdown, terminal_link

    target = root / "text" / __version__ / f"{topic.id}.md"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        scratch.write_text(page_markdown(topic, kb, terminal_link), encoding="utf-8")
        scratch.replace(target)
    except OSError:
        return None
    return target.resolve().as_uri()


def _mark_used(site: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only cache: the site is just never pruned
        (site / MARKER).touch()


def prune(root: Path) -> list[Path]:
    """Remove the sites in *root* that no server used for :data:`UNUSED_S`, and the
    half-written ones older than an hour; return them.  Only folders a build wrote
    (those with the site marker) are touched."""
    removed = []
    now = time.time()
    for folder in root.iterdir():
        try:
            used = (folder / MARKER).stat().st_mtime
        except OSError:  # not a site
            continue
        limit = STALE_SCRATCH_S if folder.name.startswith(".") else UNUSED_S
        if now - used > limit:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
