"""HTML error pages: a login redirect, 403, 404, 409 ... for requests to a page.

Everything else (the JSON API, ``/docs``) keeps the handlers it had, which these delegate to.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response

from api import errors
from api.web.labels import label
from api.web.page_headers import NOT_PAGES
from api.web.rendering import gettext_for, render
from api.web.security import (
    CsrfFailed,
    LoginRequired,
    PageForbidden,
)
from models import User
from talent.errors import DomainError, Forbidden, InvalidInput, NotFound

# Pages load only their own scripts, styles and images; none may be framed.

Handler = Callable[[Request, Exception], Awaitable[Response]]
# What FastAPI holds in ``app.exception_handlers``: a handler may be sync or async.
Registered = Callable[[Request, Any], Response | Awaitable[Response]]


def _is_page(request: Request) -> bool:
    """A page, or a path outside the API that is no page (an unknown one gets the HTML 404)."""
    if getattr(request.state, "web_page", False):
        return True
    return not request.url.path.startswith(NOT_PAGES)


def _user(request: Request) -> User | None:
    return getattr(request.state, "web_user", None)


def error_page(request: Request, status_code: int, message: str | None = None) -> Response:
    """The HTML page for an error status, in the page's language."""
    _ = gettext_for(request)
    titles = {
        400: _("请求有误"),
        403: _("无权访问"),
        404: _("页面不存在"),
        409: _("操作与现有数据冲突"),
        405: _("不支持该请求方式"),
        422: _("输入有误"),
    }
    return render(
        request,
        "error.html",
        _user(request),
        {
            "status": status_code,
            "title": titles.get(status_code, _("出错了")),
            "message": message,
        },
        status_code=status_code,
    )


async def _login_required(request: Request, _error: Exception) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = "/login" if target == "/" else f"/login?next={quote(target, safe='')}"
    return RedirectResponse(location, status_code=303)


async def _forbidden(request: Request, error: Exception) -> Response:
    _ = gettext_for(request)
    message = _("您的角色不能查看此页面。如需权限，请联系系统管理员。")
    return error_page(request, 403, message)


async def _csrf_failed(request: Request, _error: Exception) -> Response:
    _ = gettext_for(request)
    message = _("表单已过期或来源不明，未做任何更改。请返回并刷新页面后重试。")
    return error_page(request, 403, message)


def _delegating(page_handler: Handler, fallback: Registered) -> Handler:
    async def handle(request: Request, error: Exception) -> Response:
        if _is_page(request):
            return await page_handler(request, error)
        response = fallback(request, error)
        return await response if isawaitable(response) else response

    return handle


async def _domain_page(request: Request, error: Exception) -> Response:
    assert isinstance(error, DomainError)
    _ = gettext_for(request)
    if isinstance(error, NotFound):
        return error_page(request, 404, _("要找的记录不存在，可能已被删除。"))
    if isinstance(error, Forbidden):
        return await _forbidden(request, error)
    if isinstance(error, InvalidInput):
        return error_page(request, 422, error.message)
    rule = getattr(error, "rule", None)
    message = label(_, "rule", rule) if rule else error.message
    return error_page(request, 409, message)


async def _race_page(request: Request, _error: Exception) -> Response:
    """A constraint caught a concurrent change the service's own checks could not see."""
    return error_page(request, 409, label(gettext_for(request), "rule", "constraint"))


async def _http_page(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == 405:
        return error_page(request, 405)
    return error_page(request, error.status_code if error.status_code < 500 else 400)


async def _invalid_page(request: Request, _error: Exception) -> Response:
    # Pages parse their own inputs; what is left is a malformed path (/matching/runs/abc).
    return error_page(request, 404)


def install(app: FastAPI) -> None:
    """Answer page requests' errors as pages; hand every other request to the handler it had.

    Call it after ``api.errors.install(app)``: the page handlers wrap the handlers already
    registered.
    """
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(PageForbidden, _forbidden)
    app.add_exception_handler(CsrfFailed, _csrf_failed)
    previous = app.exception_handlers
    app.add_exception_handler(
        DomainError,
        _delegating(_domain_page, previous.get(DomainError, errors.domain_error_handler)),
    )
    app.add_exception_handler(
        IntegrityError,
        _delegating(_race_page, previous.get(IntegrityError, errors.integrity_error_handler)),
    )
    app.add_exception_handler(
        StarletteHTTPException,
        _delegating(_http_page, previous.get(StarletteHTTPException, http_exception_handler)),
    )
    app.add_exception_handler(
        RequestValidationError,
        _delegating(
            _invalid_page,
            previous.get(RequestValidationError, request_validation_exception_handler),
        ),
    )
