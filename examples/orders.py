"""A small order service with a classic pitfall or two."""


def charge_card(customer, amount):
    return f"txn-{customer}-{amount}"


def send_receipt(customer, transaction):
    return f"receipt for {customer}: {transaction}"


def place_order(customer, amount, history=[]):
    transaction = charge_card(customer, amount)
    history.append(transaction)
    send_receipt(customer, transaction)
    return history
