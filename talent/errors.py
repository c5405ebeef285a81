"""Domain errors. Services raise these; ``api.errors`` maps them to HTTP in one table."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: a message a user can read, plus structured detail.

    ``message`` is English; ``zh``, when given, says the same in Chinese with the same
    particulars (names, counts). Without it the API words a Chinese error from the rule,
    the record kind or the field.
    """

    def __init__(self, message: str, *, zh: str | None = None, **detail: Any) -> None:
        super().__init__(message)
        self.message = message
        self.zh = zh
        self.detail = detail


class NotFound(DomainError):
    """An id that does not exist (404)."""

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(f"{entity} {entity_id} not found", entity=entity, id=entity_id)


class RuleViolation(DomainError):
    """A business rule refuses the change (409); ``rule`` names it."""

    def __init__(self, rule: str, message: str, *, zh: str | None = None, **detail: Any) -> None:
        super().__init__(message, zh=zh, rule=rule, **detail)
        self.rule = rule


class Forbidden(DomainError):
    """The actor's role allows the call but not on this record (403)."""


class InvalidInput(DomainError):
    """Input that passed the schema but is wrong in context (422); ``field`` names it."""

    def __init__(self, field: str, message: str, *, zh: str | None = None, **detail: Any) -> None:
        super().__init__(message, zh=zh, field=field, **detail)
        self.field = field
