"""Billing tests in the unittest style."""

import unittest
from unittest import mock

import mock as mock_backport

from shop import billing
from shop.billing import send_receipt


class ChargeTests(unittest.TestCase):
    @mock.patch("shop.billing.httpx.post")
    @mock.patch("shop.billing.GATEWAY", new="https://sandbox.example.com")
    @mock.patch("shop.billing.send_receipt")
    def test_charge_posts_to_the_gateway(self, mock_post, mock_send_receipt):
        mock_post.return_value.json.return_value = {"transaction": "txn-1"}
        self.assertEqual(billing.charge(7, 12.5), "txn-1")
        mock_post.called_once_with("https://sandbox.example.com/charges", json=mock.ANY)

    @mock.patch("shop.billing.send_receipt", autospec=True)
    def test_receipt_is_sent(self, mock_send_receipt):
        send_receipt("alice@example.com", "txn-1")
        mock_send_receipt.assert_called_once_with("alice@example.com", "txn-1")

    def test_refund_names_the_transaction(self):
        transaction = mock_backport.Mock(name="txn-9")
        with mock.patch("shop.billing.httpx.post") as post:
            billing.refund(transaction.name)
        post.assert_called_once()
