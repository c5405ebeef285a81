"""Read a whole paged list endpoint (limit 500 is the API's maximum)."""

from __future__ import annotations

from typing import Any


def fetch_all(
    client: Any, url: str, headers: dict[str, str], params: dict[str, Any] | None = None
) -> list[dict]:
    rows: list[dict] = []
    offset = 0
    while True:
        query = {**(params or {}), "limit": 500, "offset": offset}
        page = client.get(url, params=query, headers=headers).json()
        rows.extend(page)
        if len(page) < 500:
            return rows
        offset += 500
