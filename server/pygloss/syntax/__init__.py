"""Pure syntax helpers shared by every layer: source text, offsets, tolerant parsing,
and import-based name resolution. Imports nothing else from pygloss."""
