"""Page languages: Chinese first, English from the Babel catalogue in ``api/locales``.

Source strings in templates and page code are Chinese; the ``.po`` files in
``api/locales/en/LC_MESSAGES/`` hold their English translations, one file per part of the
interface (``messages.po`` for the shell and the planner's pages, others by module), read
and merged once per process, so there is no compiled ``.mo`` to fall out of date.

A page's language comes from ``?lang=`` (remembered in the ``lang`` cookie by
:class:`LanguageCookieMiddleware`), then that cookie, then Chinese. Unlike the API's
``request_language``, pages ignore ``Accept-Language``: the interface is Chinese unless
the user chooses English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs

from babel.messages.pofile import read_po
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
HTML_LANG = {"zh": "zh-CN", "en": "en"}
LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600

Gettext = Callable[..., str]


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Translations of the Chinese source strings into ``lang`` (empty for Chinese itself).

    Untranslated and fuzzy entries are left out, so they show in Chinese rather than blank.
    """
    if lang == DEFAULT_LANGUAGE:
        return {}
    table: dict[str, str] = {}
    for path in po_files(lang):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        table.update(
            (str(message.id), str(message.string))
            for message in catalog
            if message.id and message.string and not message.fuzzy
        )
    return table


def po_files(lang: str) -> list[Path]:
    """The catalogue files of ``lang``, in name order (a later file wins a duplicate)."""
    return sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po"))


def translator(lang: str) -> Gettext:
    """``_(message, **params)``: the message in ``lang``, %-formatted with ``params`` if any."""
    table = catalogue(lang)

    def gettext(message: str, **params: object) -> str:
        text = table.get(message, message)
        return text % params if params else text

    return gettext


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def chosen_language(query_string: str) -> str | None:
    """The language a ``?lang=`` query asks for, or None when it asks for none we speak."""
    values = parse_qs(query_string).get("lang")
    if values and values[-1] in LANGUAGES:
        return values[-1]
    return None


def page_language(connection: HTTPConnection) -> str:
    """The language of this page: ``?lang=``, then the ``lang`` cookie, then Chinese."""
    asked = chosen_language(connection.scope.get("query_string", b"").decode("latin-1"))
    if asked:
        return asked
    remembered = connection.cookies.get(LANG_COOKIE)
    return remembered if remembered in LANGUAGES else DEFAULT_LANGUAGE


class LanguageCookieMiddleware:
    """Remember ``?lang=en`` / ``?lang=zh`` in a cookie on whatever response answers it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Only pages remember the language; an API call's ``?lang=`` applies to that call.
        if scope["type"] != "http" or scope.get("path", "").startswith("/api/"):
            await self.app(scope, receive, send)
            return
        asked = chosen_language(scope.get("query_string", b"").decode("latin-1"))
        if asked is None:
            await self.app(scope, receive, send)
            return
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        cookie = (
            f"{LANG_COOKIE}={asked}; Path=/; Max-Age={LANG_COOKIE_MAX_AGE}; "
            f"HttpOnly; SameSite=Lax{secure}"
        )

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("Set-Cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)
