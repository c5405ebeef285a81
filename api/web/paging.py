"""A page of a list: which slice to ask a service for, and whether pages come before or after."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 20


@dataclass(frozen=True)
class Paging:
    """A 1-based page of a list the services return ``limit``/``offset`` slices of."""

    page: int
    size: int = PAGE_SIZE

    @classmethod
    def parse(cls, raw: str | None, size: int = PAGE_SIZE) -> Paging:
        """A page number from the query; anything unreadable is page 1."""
        try:
            number = int(raw or 1)
        except ValueError:
            number = 1
        return cls(page=min(max(number, 1), 100_000), size=size)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def limit(self) -> int:
        """One more than a page, so that a full page knows whether another follows."""
        return self.size + 1


@dataclass(frozen=True)
class PageOf:
    """The rows of one page and whether pages come before or after it."""

    rows: list
    page: int
    has_previous: bool
    has_next: bool

    @classmethod
    def cut(cls, rows: list, paging: Paging) -> PageOf:
        return cls(
            rows=rows[: paging.size],
            page=paging.page,
            has_previous=paging.page > 1,
            has_next=len(rows) > paging.size,
        )
