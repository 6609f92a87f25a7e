"""Talking to the payment gateway and the mail server."""

import httpx

GATEWAY = "https://payments.example.com"


def charge(customer_id: int, amount: float) -> str:
    response = httpx.post(f"{GATEWAY}/charges", json={"customer": customer_id, "amount": amount})
    response.raise_for_status()
    return response.json()["transaction"]


def refund(transaction: str) -> None:
    httpx.post(f"{GATEWAY}/refunds", json={"transaction": transaction}).raise_for_status()


def send_receipt(email: str, transaction: str) -> None:
    httpx.post("https://mail.example.com/send", json={"to": email, "body": transaction})
