"""The words pages show for the domain's codes, one vocabulary file per domain.

A vocabulary maps a domain's codes to Chinese source strings; a page translates one with
``label(_, kind, code)`` in the page's language. A code without a label shows as itself,
so a new code from a service is visible rather than lost.

``roster.toml`` (roles, tiers, kinds of unit), ``mentoring.toml`` (the escalation ladder,
dissolve reasons, goal and queue states) and ``reserve.toml`` (grades, pool states,
readiness bands, decisions, record kinds) are plain data: one ``[kind]`` table a
vocabulary, one ``code = "词"`` a line, every value a message, which Babel extracts
with :func:`extract_words` (``babel.cfg``). ``matching`` (links, statuses, score
features, rules, why-not reasons) is a module whose words are marked with ``N_``; its
``VOCABULARIES`` is merged here with the files'.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from api.web.i18n import N_, Gettext, translator
from api.web.labels import matching

HERE = Path(__file__).resolve().parent


def vocabularies(domain: str) -> dict[str, dict[str, str]]:
    """The vocabularies of ``<domain>.toml`` by kind, each checked to map codes to words."""
    with (HERE / f"{domain}.toml").open("rb") as handle:
        tables = tomllib.load(handle)
    for kind, words in tables.items():
        if not isinstance(words, dict) or not all(isinstance(w, str) for w in words.values()):
            raise ValueError(f"{domain}.toml: [{kind}] is not a table of words")
    return tables


VOCABULARIES: dict[str, dict[str, str]] = {
    **vocabularies("roster"),
    **matching.VOCABULARIES,
    **vocabularies("mentoring"),
    **vocabularies("reserve"),
    **vocabularies("audit"),
}


def label(_: Gettext, kind: str, code: object) -> str:
    """The translated word for ``code`` in vocabulary ``kind``; the code itself if unknown."""
    text = VOCABULARIES[kind].get(str(code))
    return _(text) if text is not None else str(code)


def words(lang: str) -> Callable[[str, object], str]:
    """``word(kind, code)``: :func:`label` in ``lang``, for exports written outside a page."""
    _ = translator(lang)
    return lambda kind, code: label(_, kind, code)


def extract_words(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor for the vocabulary files: every word, with its line number.

    The files hold one ``code = "词"`` a line, so each line is read as TOML on its own: a
    table header, a comment or a blank line holds no word.
    """
    for lineno, line in enumerate(fileobj, 1):
        for word in tomllib.loads(line.decode("utf-8")).values():
            if isinstance(word, str):
                yield lineno, None, word, []


__all__ = ["N_", "VOCABULARIES", "extract_words", "label", "vocabularies"]
