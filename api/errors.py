"""Domain errors to HTTP, in one table. Every error body is ``{"detail": ...}``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError

from talent.errors import DomainError, Forbidden, InvalidInput, NotFound, RuleViolation

STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    RuleViolation: 409,
    Forbidden: 403,
    InvalidInput: 422,
}


def _body(error: DomainError) -> object:
    if isinstance(error, InvalidInput):
        # The same shape FastAPI uses for schema errors, so clients read one format.
        return [
            {"loc": ["body", *error.field.split(".")], "msg": error.message, "type": "value_error"}
        ]
    if isinstance(error, RuleViolation):
        return {"rule": error.rule, "message": error.message, **error.detail}
    return error.message


async def domain_error_handler(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
    return JSONResponse({"detail": _body(error)}, status_code=status)


async def integrity_error_handler(_request: Request, error: Exception) -> JSONResponse:
    """A race that a constraint caught after the service's own check passed."""
    message = str(getattr(error, "orig", error)).splitlines()[0][:300]
    return JSONResponse(
        {"detail": {"rule": "constraint", "message": f"conflicting change: {message}"}},
        status_code=409,
    )


async def data_error_handler(_request: Request, error: Exception) -> JSONResponse:
    """A value the schema let through but the database cannot hold (an id past 2**31 on
    PostgreSQL, a NUL character in text): the request is at fault, not the server."""
    message = str(getattr(error, "orig", error)).splitlines()[0][:300]
    return JSONResponse(
        {
            "detail": [
                {"loc": ["request"], "msg": f"value not storable: {message}", "type": "value_error"}
            ]
        },
        status_code=422,
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error_handler)
    app.add_exception_handler(IntegrityError, integrity_error_handler)
    app.add_exception_handler(DataError, data_error_handler)
