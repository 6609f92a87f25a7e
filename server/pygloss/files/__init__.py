"""Files a workspace or a setting names: read, walked, globbed and written safely.

Every file pygloss opens because a workspace, a setting or a command line named it
goes through this package, which imports nothing else of pygloss (every layer may
use it):

* :mod:`.read` — :func:`read_bytes`, the bounded reader: regular files only, a size
  cap, a time cap, never blocking on a FIFO or a device, never raising;
* :mod:`.source` — Python source: decoded by PEP 263, with a :class:`Stamp` of what
  was read;
* :mod:`.walk` — :func:`walk` over a folder tree (each real folder once, depth and
  count caps, unreadable folders reported) and :func:`iter_python_files`;
* :mod:`.glob` — :func:`glob_files`, ``**`` globs with file, folder, depth and time caps;
* :mod:`.write` — :func:`write_if_unchanged`, an atomic rewrite that never loses an
  edit made since the file was read.
"""

from pygloss.files.glob import GlobLimits, glob_files, has_magic
from pygloss.files.read import READ_TIMEOUT, Unreadable, open_regular, read_bytes, read_head
from pygloss.files.source import (
    SourceFile,
    Stamp,
    decode_source,
    read_source,
    read_source_file,
    source_byte_limit,
)
from pygloss.files.walk import SKIP_DIRS, SOURCE_SUFFIXES, WalkLimits, iter_python_files, walk
from pygloss.files.write import write_if_unchanged

__all__ = [
    "READ_TIMEOUT",
    "SKIP_DIRS",
    "SOURCE_SUFFIXES",
    "GlobLimits",
    "SourceFile",
    "Stamp",
    "Unreadable",
    "WalkLimits",
    "decode_source",
    "glob_files",
    "has_magic",
    "iter_python_files",
    "open_regular",
    "read_bytes",
    "read_head",
    "read_source",
    "read_source_file",
    "source_byte_limit",
    "walk",
    "write_if_unchanged",
]
