"""The pure engine: explain, lint and fix over source text and offsets.

Nothing here imports pygls or lsprotocol; the LSP layer and the CLI both call in.
"""
