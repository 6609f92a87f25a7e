"""The LSP layer: the only package that imports pygls or lsprotocol.

Handlers here translate: LSP request -> engine call -> LSP result.
"""
