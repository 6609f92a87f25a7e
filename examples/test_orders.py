"""Tests for a small order service, in the style of a real test suite.

`pygloss explain examples/test_orders.py:13:6` explains the stacked patches.
"""

import unittest
from unittest import mock

from examples import orders


class TestPlaceOrder(unittest.TestCase):
    @mock.patch("examples.orders.send_receipt")
    @mock.patch("examples.orders.charge_card")
    def test_charges_then_sends_receipt(self, mock_charge_card, mock_send_receipt):
        mock_charge_card.return_value = "txn-1"
        orders.place_order("alice", 12.5)
        mock_send_receipt.assert_called_once_with("alice", "txn-1")
