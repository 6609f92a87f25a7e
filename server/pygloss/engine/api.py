"""The engine's front door, shared by the LSP layer and the CLI.

:class:`Engine` owns the loaded knowledge base, the per-project configuration
cache and the index of the user's notes, and exposes the pure operations:
``explain``, ``lint``, ``fix``.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
import time
from pathlib import Path

from pygloss.engine.background import BackgroundLinter
from pygloss.engine.config import Config, config_for, find_pyproject
from pygloss.engine.explain import Explanation, explain
from pygloss.engine.fixes import fix
from pygloss.engine.hints import ALL_KINDS, Hint, inlay_hints
from pygloss.engine.incremental import LintState, lint_edit
from pygloss.engine.jedi_resolver import JediResolver, modules_of
from pygloss.engine.knowledge import load_knowledge as load_knowledge
from pygloss.engine.knowledge import rule_topic
from pygloss.engine.lenses import Lens, code_lenses
from pygloss.engine.lint import LintResult, lint
from pygloss.engine.notebook.analysis import lint_notebook
from pygloss.engine.notebook.model import NotebookSource
from pygloss.engine.notes.hover import notes_extra
from pygloss.engine.notes.store import NotesIndex, NotesSpec
from pygloss.engine.python_target import project_python
from pygloss.engine.render import RenderOptions
from pygloss.kb.index import KnowledgeBase
from pygloss.kb.model import Topic
from pygloss.rules import get_rule
from pygloss.rules.base import Finding, Fix, Rule, RuleContext
from pygloss.syntax.names import ImportMap
from pygloss.syntax.source import Source

log = logging.getLogger("pygloss.engine")
START_UP_MODULES = ("builtins",)  # read by any inference: warmed once at start-up


@functools.lru_cache(maxsize=4)
def _named_modules(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Module (and each of its parent packages) -> the modules the knowledge base names
    in it: what importing it may lead a hover to ask jedi about."""
    found: dict[str, list[str]] = {}
    for module in modules_of(kb.names()):
        parts = module.split(".")
        for end in range(1, len(parts) + 1):
            found.setdefault(".".join(parts[:end]), []).append(module)
    return {name: tuple(dict.fromkeys(modules)) for name, modules in found.items()}


class Engine:
    def __init__(self, kb: KnowledgeBase | None = None, jedi_budget: float = 0.5) -> None:
        self.kb = kb if kb is not None else load_knowledge()
        self.resolver = JediResolver(jedi_budget)
        self.notes = NotesIndex()  # set ``self.notes.warn`` to route its warnings
        self.background = BackgroundLinter()  # big documents' lint (a child process)
        self._configs: dict[str, tuple[float, Config, list[str]]] = {}
        self._lock = threading.Lock()

    # -- configuration ---------------------------------------------------------
    def config_for(self, path: str | None) -> tuple[Config, list[str]]:
        """``[tool.pygloss]`` for *path* (cached until the pyproject changes)."""
        if path is None:
            return Config(), []
        pyproject = find_pyproject(Path(path))
        if pyproject is None:
            return Config(), []
        key = str(pyproject)
        try:
            mtime = os.stat(pyproject).st_mtime
        except OSError:
            return Config(), []
        with self._lock:
            cached = self._configs.get(key)
            if cached is not None and cached[0] == mtime:
                return cached[1], cached[2]
        config, warnings = config_for(Path(path))
        with self._lock:
            self._configs[key] = (mtime, config, warnings)
        return config, warnings

    def files_changed(self, paths: list[str]) -> bool:
        """Files changed on disk (the editor watches them): drop what was read from
        them.  True when results may differ, so open documents should be re-checked.

        Handles ``pyproject.toml``; notes files are re-indexed on their next use (a
        hover), so they do not ask for a re-check.
        """
        self.notes.files_changed(paths)
        changed = False
        for path in paths:
            if Path(path).name == "pyproject.toml":
                with self._lock:
                    self._configs.pop(str(Path(path)), None)
                changed = True
        return changed

    # -- operations --------------------------------------------------------------
    def explain(
        self,
        source: Source,
        offset: int,
        options: RenderOptions | None = None,
        notes: NotesSpec | None = None,
    ) -> Explanation | None:
        """The hover at *offset*; with *notes*, the matching sections of the user's notes.
        Statements are those that hold for the file's project Python
        (:func:`pygloss.engine.python_target.project_python`)."""
        if isinstance(source, NotebookSource) and source.in_cell(offset, offset) is None:
            return None  # IPython syntax (or between cells): nothing pygloss can explain
        extras = [notes_extra(self.notes, notes)] if notes is not None and notes.patterns else []
        python = project_python(source.path)
        return explain(source, offset, self.kb, options, self.resolver, extras, python)

    def document_closed(self, path: str) -> None:
        """Release what is cached for an editor's document that was closed."""
        self.resolver.document_closed(path)

    def warm_up(self, everything: bool = False) -> str:
        """Start-up: load what every hover needs into jedi's caches (``builtins``,
        which any inference reads); the modules a file imports are warmed when it is
        opened (:meth:`warm_for`), so memory goes to what hovers will need.  With
        *everything*, every standard-library module the knowledge base names (the
        start-up warm-up before; benchmarks).  Blocks until done: call it from a
        background thread.  Returns a one-line summary for the log."""
        started = time.perf_counter()
        if everything:
            names = self.kb.names()
            modules = [m for m in modules_of(names) if m.split(".")[0] in sys.stdlib_module_names]
        else:
            modules = list(START_UP_MODULES)
        found = self.resolver.warm_up(modules)
        seconds = time.perf_counter() - started
        return f"pygloss: jedi warm-up done: {found} modules in {seconds:.1f} s"

    def hover_modules(self, source: Source) -> list[str]:
        """The modules *source* imports that the knowledge base names (what a hover in
        it may ask jedi about): pass them, for the documents in use, to
        :meth:`want_warm`."""
        known = _named_modules(self.kb)
        wanted: list[str] = []
        for target in ImportMap.from_statements(source.statements).bindings.values():
            parts = target.split(".")
            for end in range(len(parts), 0, -1):
                modules = known.get(".".join(parts[:end]))
                if modules:
                    wanted.extend(modules)
                    break
        return list(dict.fromkeys(wanted))

    def want_warm(self, modules: list[str]) -> None:
        """Warm these modules in jedi's caches in the background (each once per
        process, each step only while no hover or edit is under way: :meth:`busy`),
        instead of those wanted before that are not warm yet."""
        self.resolver.want(modules)

    def busy(self) -> None:
        """An edit or a request is being handled: jedi's warm-up waits until it has been
        quiet a moment, so it never competes with a lint or a hover."""
        self.resolver.touch()

    def lint(
        self,
        source: Source,
        config: Config | None = None,
        path: str | None = None,
        deadline: float | None = None,
    ) -> LintResult:
        """Findings for an editor's document; nothing for a file ``exclude`` matches
        (as in ruff's server; the command line still checks a file named explicitly)."""
        if config is not None and path is not None and config.is_excluded(path):
            return LintResult(syntax_errors=source.parse.errors)
        if isinstance(source, NotebookSource):
            return lint_notebook(source, None, config, deadline, path=path, incremental=False)[0]
        return lint(source, config, path, deadline=deadline)

    def lint_edit(
        self,
        source: Source,
        previous: LintState | None,
        config: Config | None = None,
        path: str | None = None,
        deadline: float | None = None,
    ) -> tuple[LintResult, LintState | None]:
        """:meth:`lint` for the next version of a document, re-checking only what the
        edit touched when it can (same result; see :mod:`pygloss.engine.incremental`).
        Returns the state to pass with the version after."""
        if config is not None and path is not None and config.is_excluded(path):
            return LintResult(syntax_errors=source.parse.errors), None
        try:
            if isinstance(source, NotebookSource):
                return lint_notebook(source, previous, config, deadline, path=path)
            return lint_edit(source, previous, config, path, deadline)
        except Exception:  # a bug in the fast path must not cost the diagnostics
            log.exception("incremental lint failed on %s; linting in full", path or "<text>")
            if isinstance(source, NotebookSource):
                fresh = source.fresh()
                return lint_notebook(fresh, None, config, deadline, path=path, incremental=False)
            return lint(Source(source.text, source.path), config, path, deadline=deadline), None

    def fix(
        self,
        source: Source,
        finding: Finding,
        path: str | None = None,
        ctx: RuleContext | None = None,
    ) -> Fix | None:
        """The finding's fix; in a notebook, only one whose edits each lie in a cell
        and leave IPython syntax alone."""
        found = fix(source, finding, path, ctx)
        if isinstance(source, NotebookSource) and found is not None:
            return found if source.cell_edits(found.edits) is not None else None
        return found

    def inlay_hints(self, source: Source, kinds: frozenset[str] = ALL_KINDS) -> list[Hint]:
        found = inlay_hints(source, kinds)
        if isinstance(source, NotebookSource):
            return [h for h in found if source.in_cell(h.offset, h.offset, "") is not None]
        return found

    def code_lenses(self, source: Source, mute: frozenset[str] = frozenset()) -> list[Lens]:
        found = code_lenses(source, self.kb, mute)
        if isinstance(source, NotebookSource):
            return [x for x in found if source.in_cell(x.start, x.start, "") is not None]
        return found

    # -- knowledge ---------------------------------------------------------------
    def reload_knowledge(self) -> KnowledgeBase:
        """Read the knowledge base again (after its files were edited) and use it."""
        self.kb = load_knowledge()
        return self.kb

    def rule(self, code: str) -> type[Rule] | None:
        return get_rule(code)

    def rule_topic(self, code: str) -> Topic | None:
        return rule_topic(self.kb, code)

    def why(self, code: str) -> str:
        """One line on why a rule's pattern is a problem (the topic summary)."""
        topic = self.rule_topic(code)
        return topic.summary if topic else ""
