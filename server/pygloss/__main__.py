"""``python -m pygloss`` is the same as the ``pygloss`` command."""

from pygloss.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
