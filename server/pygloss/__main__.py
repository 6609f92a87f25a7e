"""``python -m pygloss`` is the same as the ``pygloss`` command.

``python -m`` puts the current directory first on ``sys.path``, and editors start the
server in the user's workspace: a ``tomllib.py`` or ``jedi.py`` there would then be
imported (so run) in place of the real module.  pygloss never runs the user's code,
so that entry goes before anything else is imported.
"""

import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from pygloss.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
