"""The words pages show for the domain's codes, one module per domain.

Each value is a Chinese source string marked with ``N_`` so that Babel extracts it; a
page translates it with ``label(kind, code)`` in the page's language. A code without a
label shows as itself, so a new code from a service is visible rather than lost.

``roster`` (roles, tiers, kinds of unit), ``matching`` (links, statuses, score features,
rules, why-not reasons), ``mentoring`` (the escalation ladder, dissolve reasons, goal and
queue states) and ``reserve`` (grades, pool states, readiness bands, decisions, record
kinds): each holds its ``VOCABULARIES``, merged here.
"""

from __future__ import annotations

from api.web.i18n import N_, Gettext
from api.web.labels import matching, mentoring, reserve, roster

VOCABULARIES: dict[str, dict[str, str]] = {
    **roster.VOCABULARIES,
    **matching.VOCABULARIES,
    **mentoring.VOCABULARIES,
    **reserve.VOCABULARIES,
}


def label(_: Gettext, kind: str, code: object) -> str:
    """The translated word for ``code`` in vocabulary ``kind``; the code itself if unknown."""
    text = VOCABULARIES[kind].get(str(code))
    return _(text) if text is not None else str(code)


__all__ = ["N_", "VOCABULARIES", "label"]
