"""``python -P -m pygloss`` is the same as the ``pygloss`` command.

Plain ``python -m pygloss`` is refused before this module runs (see
``pygloss/__init__.py``): it would put the current directory first on ``sys.path``.
"""

from pygloss.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
