"""Test fixtures: an in-memory database and a client for the app."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from shop.db import get_db
from shop.main import app
from shop.models import Base

engine = create_engine("sqlite://")


@pytest.fixture
def client():
    Base.metadata.create_all(engine)

    def override_get_db():
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_db] = override_get_db
    yield TestClient(app)
    app.dependency_overrides.clear()
    Base.metadata.drop_all(engine)
