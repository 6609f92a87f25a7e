"""pygloss: a Python language server that explains the Python under the cursor.

Layers (imports go one way only, enforced by ``tests/unit/test_layers.py``)::

    pygloss.lsp  ->  pygloss.engine  ->  pygloss.rules + pygloss.kb

``pygloss.cli`` calls the same engine functions as the LSP layer.
"""

__version__ = "0.1.0"
