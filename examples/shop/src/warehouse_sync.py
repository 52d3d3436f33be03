"""Nightly sync of stock levels from the warehouse (api/inventory/swagger.json) to the shop.

The planted gaps are marked with comments.
"""

import os

import requests

WAREHOUSE_API = "https://warehouse.shop.example/api/v1"
SERVICE_AUTH = (os.environ.get("WAREHOUSE_USER", ""), os.environ.get("WAREHOUSE_PASSWORD", ""))


def fetch_stock_level(article_id: int) -> dict:
    """GET /stock/{id}: documented in the warehouse spec."""
    # Planted gap (code-tls-disabled): certificate checks were switched off years ago
    # "because the warehouse used a self-signed certificate", and never switched back on.
    response = requests.get(
        f"{WAREHOUSE_API}/stock/{article_id}",
        auth=SERVICE_AUTH,
        verify=False,
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def fetch_all_stock_levels(terminal_token: str) -> list:
    """GET /stock: documented, but called with the legacy terminal token."""
    # Planted gap (code-credentials-in-url): the session token travels in the query string
    # and ends up in the warehouse's access logs.
    response = requests.get(f"{WAREHOUSE_API}/stock?token={terminal_token}&limit=500", timeout=30)
    response.raise_for_status()
    return response.json()


def reserve_stock(order_id: str, article_id: int, quantity: int) -> None:
    """POST /reservations: documented (reserveStock)."""
    response = requests.post(
        f"{WAREHOUSE_API}/reservations",
        json={"orderId": order_id, "articleId": article_id, "quantity": quantity},
        auth=SERVICE_AUTH,
        timeout=10,
    )
    response.raise_for_status()
