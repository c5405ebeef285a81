"""Domain errors to HTTP, in one table. Every error body is ``{"detail": ...}``.

Messages are in the request's language (:func:`api.deps.request_language`: ``?lang=``,
the ``lang`` cookie, ``Accept-Language``; Chinese first): Chinese from
:mod:`api.error_words`, English from the services. Codes (``rule``, ``loc``, ``type``)
are the same in both.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError

from api import error_words
from api.deps import request_language
from talent.errors import DomainError, Forbidden, InvalidInput, NotFound, RuleViolation

STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    RuleViolation: 409,
    Forbidden: 403,
    InvalidInput: 422,
}


def _message(error: DomainError, lang: str) -> str:
    """The error's message in ``lang``: the service's own words, or their Chinese."""
    if lang == "en":
        return error.message
    if error.zh:
        return error.zh
    if isinstance(error, RuleViolation):
        return error_words.rule_sentence(error.rule)
    if isinstance(error, NotFound):
        return error_words.not_found(str(error.detail["entity"]), error.detail["id"])
    if isinstance(error, InvalidInput):
        return error_words.invalid(error.field)
    return "无权对这条记录执行此操作" if isinstance(error, Forbidden) else "请求有误"


def _body(error: DomainError, lang: str = "en") -> object:
    message = _message(error, lang)
    if isinstance(error, InvalidInput):
        # The same shape FastAPI uses for schema errors, so clients read one format.
        return [{"loc": ["body", *error.field.split(".")], "msg": message, "type": "value_error"}]
    if isinstance(error, RuleViolation):
        return {"rule": error.rule, "message": message, **error.detail}
    return message


async def domain_error_handler(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
    return JSONResponse({"detail": _body(error, request_language(request))}, status_code=status)


async def validation_error_handler(request: Request, error: Exception) -> JSONResponse:
    """Schema errors as FastAPI words them, in the request's language, without the input.

    The value sent is left out: it is the client's own, and a value pydantic refused (a
    lone surrogate, say) may not even encode as JSON.
    """
    assert isinstance(error, RequestValidationError)
    lang = request_language(request)
    detail = [
        {
            "loc": list(e.get("loc", ())),
            "msg": str(e.get("msg")) if lang == "en" else error_words.validation_message(e),
            "type": e.get("type"),
            **({"ctx": _plain(e["ctx"])} if e.get("ctx") else {}),
        }
        for e in error.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


def _plain(ctx: dict) -> dict:
    return {k: v if isinstance(v, int | float | bool) else str(v) for k, v in ctx.items()}


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
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(IntegrityError, integrity_error_handler)
    app.add_exception_handler(DataError, data_error_handler)
