"""Reminders, sent one a second by a background task."""

import json
import time
from pathlib import Path

import httpx


async def remind(client: httpx.AsyncClient, path: Path) -> None:
    for user in json.loads(path.read_text()):
        await client.post("https://mail.example.com/send", json=user)
        time.sleep(1)
