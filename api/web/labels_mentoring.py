"""Words for the mentoring pages (guidance topics, escalation steps, goal states).

Same form as :mod:`api.web.labels`: each value a Chinese source string marked with ``N_``;
``VOCABULARIES`` is merged into ``labels.VOCABULARIES``.
"""

from __future__ import annotations

from api.web.i18n import N_  # noqa: F401  (used as the vocabularies grow)

VOCABULARIES: dict[str, dict[str, str]] = {}
