"""Order processing: the async side of the shop."""

import asyncio
import json
import time
from urllib.request import urlopen

import httpx

from shop import billing


async def fetch_rate(client: httpx.AsyncClient, currency: str) -> float:
    response = await client.get(f"https://rates.example.com/{currency}")
    return response.json()["rate"]


async def fetch_rates(client: httpx.AsyncClient, currencies: list[str]) -> list[float]:
    rates = []
    for currency in currencies:
        rates.append(await fetch_rate(client, currency))
    return rates


async def notify_warehouse(order_id: int) -> None:
    async with httpx.AsyncClient() as client:
        await client.post("https://warehouse.example.com/orders", json={"order": order_id})


async def place_order(order_id: int, customer_id: int, amount: float) -> str:
    transaction = billing.charge(customer_id, amount)
    asyncio.create_task(notify_warehouse(order_id))
    return transaction


async def cancel_order(order_id: int, transaction: str) -> None:
    billing.refund(transaction)
    notify_warehouse(order_id)


async def wait_for_settlement(transaction: str) -> None:
    while json.load(urlopen(f"{billing.GATEWAY}/charges/{transaction}", timeout=5))["pending"]:
        time.sleep(1)


async def nightly_report() -> dict:
    rates = asyncio.run(fetch_rates(httpx.AsyncClient(), ["EUR", "USD"]))
    return {"rates": rates}
