"""LSP features, one module each, each with ``register(server)``."""
