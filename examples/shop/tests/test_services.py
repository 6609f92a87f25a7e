"""Service tests in the pytest style, with pytest-mock and monkeypatch."""

import pytest

from shop import services
from shop.billing import charge


@pytest.mark.asyncio
async def test_place_order_charges(mocker):
    fake_charge = mocker.patch("shop.billing.charge", return_value="txn-1")
    mocker.patch("shop.services.notify_warehouse", autospec=True)
    assert await services.place_order(1, 7, 12.5) == "txn-1"
    fake_charge.assert_called_once_with(7, 12.5)


def test_charge_is_stubbed(monkeypatch):
    monkeypatch.setattr("shop.billing.charge", lambda customer_id, amount: "txn-stub")
    assert charge(7, 1.0) == "txn-stub"
