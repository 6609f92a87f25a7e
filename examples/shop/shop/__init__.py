"""A small shop service: users, orders and payments over FastAPI and SQLAlchemy."""
