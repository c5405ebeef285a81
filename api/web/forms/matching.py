"""Forms of the matching pages: what the user typed, kept as typed, and its parsed value.

A form that fails to parse comes back with a message per field (``errors``) and every
value as the user left it (``values``), so that nothing typed is lost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pydantic import ValidationError
from starlette.datastructures import FormData

from api.web.forms.fields import text, texts
from api.web.i18n import Gettext
from models import Link
from models.matching_schemas import BulkDecision, RejectBody, RunCreate
from talent.matching import scoring

REASON_MAX = 500
MAX_UNITS = 200


def _checked(form: FormData, name: str) -> bool:
    return text(form, name) in ("1", "on", "true")


@dataclass
class RunForm:
    """The matching run form: link, scope, cross-unit, one slider per feature."""

    link: str = Link.senior_young.value
    unit_ids: list[str] = field(default_factory=list)
    include_subordinate_courts: bool = False
    cross_unit: bool = False
    weights: dict[str, str] = field(default_factory=dict)

    @classmethod
    def defaults(cls, weights: dict[str, float]) -> RunForm:
        """The form as it first shows: link 1-2, every unit, the weights in force."""
        return cls(weights={k: f"{weights.get(k, 0.0):.2f}" for k in scoring.FEATURES})

    @classmethod
    def read(cls, form: FormData) -> RunForm:
        return cls(
            link=text(form, "link", 8),
            unit_ids=texts(form, "unit_ids", MAX_UNITS + 1),
            include_subordinate_courts=_checked(form, "include_subordinate_courts"),
            cross_unit=_checked(form, "cross_unit"),
            weights={k: text(form, f"w_{k}", 32).strip() for k in scoring.FEATURES},
        )

    def parse(self, _: Gettext, *, dry_run: bool) -> tuple[RunCreate | None, dict[str, str]]:
        """The run to create, or None and a message per field that is wrong."""
        errors: dict[str, str] = {}
        if self.link not in {link.value for link in Link}:
            errors["link"] = _("请选择一条带教链条")
        unit_ids: list[int] = []
        for raw in self.unit_ids:
            if not raw.isdigit():
                errors["unit_ids"] = _("请从列表中选择单位")
                break
            unit_ids.append(int(raw))
        if len(unit_ids) > MAX_UNITS:
            errors["unit_ids"] = _("最多选择 %(n)s 个单位", n=MAX_UNITS)
        weights: dict[str, float] = {}
        for key in scoring.FEATURES:
            try:
                value = float(self.weights.get(key, ""))
            except ValueError:
                value = math.nan
            if not (0.0 <= value <= 1.0):
                errors[f"w_{key}"] = _("权重须是 0 到 1 之间的数")
                continue
            weights[key] = value
        if len(weights) == len(scoring.FEATURES) and sum(weights.values()) <= 0:
            errors["weights"] = _("至少一项权重须大于 0")
        if errors:
            return None, errors
        body = RunCreate(
            link=Link(self.link),
            unit_ids=sorted(set(unit_ids)) or None,
            include_subordinate_courts=self.include_subordinate_courts,
            cross_unit=self.cross_unit,
            weights=weights,
            dry_run=dry_run,
        )
        return body, {}


def service_errors(_: Gettext, field_name: str, message: str) -> dict[str, str]:
    """A service's ``InvalidInput`` as a message next to the form field it names.

    ``unit_ids.0`` is the field ``unit_ids``; fields the form knows get its own words, any
    other keeps the service's message.
    """
    head = field_name.split(".", 1)[0].split("[", 1)[0] or "weights"
    known = {
        "unit_ids": _("请从列表中选择单位"),
        "weights": _("权重须是 0 到 1 之间的数"),
        "link": _("请选择一条带教链条"),
    }
    return {head: known.get(head, message)}


def reject_reason(form: FormData, _: Gettext) -> tuple[str, RejectBody | None, str | None]:
    """What was typed as the reason, the valid rejection, or the message why it is not one."""
    typed = text(form, "reason", REASON_MAX * 4)
    try:
        return typed, RejectBody(reason=typed), None
    except ValidationError:
        return typed, None, _("请填写驳回理由（1 至 %(n)s 字）", n=REASON_MAX)


@dataclass
class BulkForm:
    """Several proposals accepted, or rejected with one reason."""

    proposal_ids: list[str] = field(default_factory=list)
    action: str = ""
    reason: str = ""

    @classmethod
    def read(cls, form: FormData) -> BulkForm:
        return cls(
            proposal_ids=texts(form, "proposal_ids", 501),
            action=text(form, "action", 16),
            reason=text(form, "reason", REASON_MAX * 4),
        )

    def parse(self, _: Gettext) -> tuple[BulkDecision | None, dict[str, str]]:
        errors: dict[str, str] = {}
        ids = [int(v) for v in self.proposal_ids if v.isdigit()]
        if not ids:
            errors["proposal_ids"] = _("请先勾选要处理的建议")
        elif len(ids) > 500:
            errors["proposal_ids"] = _("一次最多处理 500 条建议")
        if self.action not in ("accept", "reject"):
            errors["action"] = _("请选择批量确认或批量驳回")
        if self.action == "reject" and not (0 < len(self.reason.strip()) <= REASON_MAX):
            errors["reason"] = _("批量驳回须填写理由（1 至 %(n)s 字）", n=REASON_MAX)
        if errors:
            return None, errors
        try:
            body = BulkDecision(
                proposal_ids=ids,
                action=self.action,  # type: ignore[arg-type]  # the form's text, checked above; the schema validates it
                reason=self.reason.strip() or None,
            )
        except ValidationError:
            return None, {"proposal_ids": _("请先勾选要处理的建议")}
        return body, {}
