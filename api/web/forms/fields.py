"""Reading a form's raw fields: text as typed, cut to a bound, and lists of ticked values.

A value is cut well past its limit rather than at it, so a form can still say "too long"
and show what was typed; the cut only stops a huge body from travelling further.
"""

from __future__ import annotations

from starlette.datastructures import FormData

CODE_MAX = 64


def text(form: FormData, name: str, keep: int = 1000) -> str:
    """The field as typed (an upload or a missing field reads as ""), at most ``keep`` characters."""
    value = form.get(name)
    return value[:keep] if isinstance(value, str) else ""


def texts(form: FormData, name: str, most: int) -> list[str]:
    """Every value sent under ``name`` (ticked boxes, repeated fields), at most ``most``."""
    return [v[:CODE_MAX] for v in form.getlist(name) if isinstance(v, str)][:most]


def ticked(form: FormData, name: str, most: int) -> list[str]:
    """Ticked values, each once (checkboxes are a set), in the order sent, at most ``most``."""
    sent = [v[:CODE_MAX] for v in form.getlist(name) if isinstance(v, str)]
    return list(dict.fromkeys(sent))[:most]
