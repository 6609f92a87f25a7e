"""Talking to the payment gateway and the mail server."""

import requests

GATEWAY = "https://payments.example.com"


def charge(customer_id: int, amount: float) -> str:
    response = requests.post(f"{GATEWAY}/charges", json={"customer": customer_id, "amount": amount}, timeout=10)
    response.raise_for_status()
    return response.json()["transaction"]


def refund(transaction: str) -> None:
    requests.post(f"{GATEWAY}/refunds", json={"transaction": transaction}, timeout=10).raise_for_status()


def send_receipt(email: str, transaction: str) -> None:
    requests.post("https://mail.example.com/send", json={"to": email, "body": transaction}, timeout=10)
