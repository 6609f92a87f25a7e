"""The knowledge base: topic model, loader and indexes (no LSP, no engine imports)."""
