"""jedi's project detection and file reads, bounded (pygloss.engine.jedi_project).

On ordinary layouts the project is the one jedi itself would pick; on hostile ones
(``manage.py``, ``.jedi/project.json`` or a buildout script that is ``/dev/zero``
or a FIFO) nothing blocks or reads without bound.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from jedi.api.project import get_default_project

from pygloss.engine import jedi_project
from pygloss.engine.jedi_resolver import JediResolver

LAYOUTS = {
    "git-root": {".git/HEAD": "", "src/pkg/__init__.py": "", "src/pkg/mod.py": ""},
    "pyproject": {"pyproject.toml": "", "app/__init__.py": "", "app/views.py": ""},
    "django": {
        "manage.py": "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'site.settings'\n",
        "site/__init__.py": "",
        "site/views.py": "",
    },
    "not-django": {"manage.py": "print('hello')\n", "setup.py": "", "m/x.py": ""},
    "jedi-json": {
        ".jedi/project.json": '[1, {"path": "%ROOT%", "added_sys_path": ["%ROOT%/extra"]}]',
        "a/b.py": "",
    },
    "bare": {"lib/deep/x.py": ""},
}


def build(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("%ROOT%", str(root)))


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    jedi_project._cache.clear()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_project_is_the_one_jedi_would_choose(tmp_path: Path, layout: str) -> None:
    build(tmp_path, LAYOUTS[layout])
    for name in LAYOUTS[layout]:
        if not name.endswith(".py"):
            continue
        path = tmp_path / name
        ours = jedi_project.project_for(str(path))
        theirs = get_default_project(path.parent)
        assert (ours.path, ours._django, ours.added_sys_path) == (
            theirs.path,
            theirs._django,
            theirs.added_sys_path,
        ), name


@pytest.mark.timeout(60)
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
@pytest.mark.parametrize("name", ["manage.py", ".jedi/project.json"])
def test_hostile_project_files_are_not_read(tmp_path: Path, name: str, target: str) -> None:
    (tmp_path / "setup.py").write_text("")
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(target)
    project = jedi_project.project_for(str(tmp_path / "m.py"))
    assert project.path == tmp_path and not project._django  # as if the file were absent


def test_a_deeply_nested_project_json_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".jedi").mkdir()
    (tmp_path / ".jedi" / "project.json").write_text("[1, " + "[" * 100_000 + "]" * 100_000 + "]")
    (tmp_path / ".git").mkdir()
    assert jedi_project.project_for(str(tmp_path / "m.py")).path == tmp_path


def test_unsafe_keys_of_a_committed_project_json_are_dropped(tmp_path: Path) -> None:
    (tmp_path / ".jedi").mkdir()
    settings = {"path": str(tmp_path), "load_unsafe_extensions": True, "environment_path": "/"}
    (tmp_path / ".jedi" / "project.json").write_text(json.dumps([1, settings]))
    project = jedi_project.project_for(str(tmp_path / "m.py"))
    assert project.path == tmp_path and not project.load_unsafe_extensions
    assert project._environment_path is None


@pytest.mark.timeout(120)
def test_hovering_through_jedi_in_a_hostile_tree_finishes(tmp_path: Path) -> None:
    """jedi's lookups in a folder whose manage.py, project.json and buildout script
    are endless or blocking: answered, nothing read without bound."""
    (tmp_path / "manage.py").symlink_to("/dev/zero")
    (tmp_path / ".jedi").mkdir()
    os.mkfifo(tmp_path / ".jedi" / "project.json")
    (tmp_path / "buildout.cfg").write_text("[buildout]\n")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "zero").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "bin" / "fifo")
    (tmp_path / "bin" / "script").write_text("#!/usr/bin/python\nimport sys\n")
    (tmp_path / "helper.py").write_text("def helper():\n    return 1\n")
    text = "from helper import helper\nhelper()\n"
    resolver = JediResolver(budget=60)
    names = resolver.goto(text, str(tmp_path / "main.py"), 2, 1)
    assert names is not None and [n.full_name for n in names] == ["helper.helper"]
    assert resolver.stats["errors"] == 0
