"""The FastAPI application."""

from fastapi import FastAPI

from shop.routers import users
from shop.services import place_order

app = FastAPI(title="shop")
app.include_router(users.router)


@app.post("/orders")
async def create_order(customer_id: int, amount: float):
    transaction = await place_order(order_id=1, customer_id=customer_id, amount=amount)
    return {"transaction": transaction}
