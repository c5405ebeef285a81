"""Forms of the reserve-pool pages: a review decision, a lifecycle step, an undo.

Each form keeps what the user typed (``values``) and, when it does not parse or a service
refuses it, a message per field (``errors``) in the page's language, so the candidate's
file is shown again with the message next to the field and nothing typed lost.
Field names carry the form's prefix (``remove_reason``), since one page holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from starlette.datastructures import FormData

from api.web.forms.fields import text
from api.web.i18n import Gettext
from api.web.labels import label
from models.reserve_schemas import ReviewCreate, TransitionCreate, UndoCreate
from talent.errors import InvalidInput, RuleViolation

TEXT_MAX = 4000


def _first_error_fields(error: ValidationError) -> list[str]:
    return [str(e["loc"][0]) if e["loc"] else "" for e in error.errors()]


def rule_message(_: Gettext, error: RuleViolation) -> str:
    """A reserve rule's words (the service's message for a rule the pages do not know)."""
    word = label(_, "reserve_rule", error.rule)
    return word if word != error.rule else error.message


@dataclass
class ReviewForm:
    """A decision in a cycle: admit / retain / exit with a comment; the band confirmed
    (left empty) or overridden with a comment."""

    cycle: str = ""
    decision: str = ""
    comment: str = ""
    band: str = ""
    band_comment: str = ""

    @classmethod
    def read(cls, form: FormData) -> ReviewForm:
        return cls(
            cycle=text(form, "cycle", 64).strip(),
            decision=text(form, "decision", 32),
            comment=text(form, "comment", TEXT_MAX * 2),
            band=text(form, "band", 32),
            band_comment=text(form, "band_comment", TEXT_MAX * 2),
        )

    def values(self) -> dict[str, str]:
        return {
            "cycle": self.cycle,
            "decision": self.decision,
            "comment": self.comment,
            "band": self.band,
            "band_comment": self.band_comment,
        }

    def parse(self, _: Gettext) -> tuple[ReviewCreate | None, dict[str, str]]:
        """The review to record, or None and a message per field that is wrong."""
        messages = {
            "cycle": _("轮次编号写作年份，如 2026，或年份加后缀，如 2026-2"),
            "decision": _("请选择入库、保留或退出"),
            "comment": _("说明最多 %(n)s 字", n=TEXT_MAX),
            "band": _("请选择列表中的成熟度等级"),
            "band_comment": _("说明最多 %(n)s 字", n=TEXT_MAX),
        }
        try:
            body = ReviewCreate(
                cycle=self.cycle,
                decision=self.decision,  # type: ignore[arg-type]  # the form's text: the schema validates it into a Decision
                comment=self.comment.strip() or None,
                band=self.band or None,  # type: ignore[arg-type]  # the form's text: the schema validates it into a Band
                band_comment=self.band_comment.strip() or None,
            )
        except ValidationError as error:
            fields = _first_error_fields(error)
            return None, {f: messages.get(f, _("输入有误")) for f in fields}
        return body, {}

    def refusal(self, _: Gettext, error: InvalidInput | RuleViolation) -> dict[str, str]:
        """The service's refusal next to the field it concerns."""
        if isinstance(error, InvalidInput):
            words = {
                "comment": _("候选人不符合当前政策，决定保留须写明理由"),
                "band_comment": _("调整建议的成熟度等级须写明理由"),
                "cycle": _("该轮次的评审日期早于候选人最近一次状态变动，请换一个新轮次"),
            }
            return {error.field: words.get(error.field, error.message)}
        if error.rule == "already_reviewed":
            return {
                "cycle": _(
                    "该候选人在 %(cycle)s 轮次已有评审决定，请换一个新轮次", cycle=self.cycle
                )
            }
        if error.rule == "not_eligible":
            reasons = "、".join(
                label(_, "eligibility_rule", r) for r in error.detail.get("reasons", [])
            )
            return {"decision": f"{rule_message(_, error)}：{reasons}"}
        return {"decision": rule_message(_, error)}


@dataclass
class TransitionForm:
    """A lifecycle step outside a cycle: listed for inspection, appointed, removed."""

    action: str = ""
    reason: str = ""
    effective_date: str = ""

    @classmethod
    def read(cls, form: FormData) -> TransitionForm:
        return cls(
            action=text(form, "action", 64),
            reason=text(form, "reason", TEXT_MAX * 2),
            effective_date=text(form, "effective_date", 32).strip(),
        )

    @property
    def prefix(self) -> str:
        return self.action if self.action.isidentifier() else "move"

    def values(self) -> dict[str, str]:
        return {
            f"{self.prefix}_reason": self.reason,
            f"{self.prefix}_date": self.effective_date,
        }

    def parse(self, _: Gettext) -> tuple[TransitionCreate | None, dict[str, str]]:
        errors: dict[str, str] = {}
        effective = None
        if self.effective_date:
            try:
                effective = date.fromisoformat(self.effective_date)
            except ValueError:
                errors[f"{self.prefix}_date"] = _("日期格式为 年-月-日，如 2026-11-25")
        if self.action == "remove" and not self.reason.strip():
            errors[f"{self.prefix}_reason"] = _("撤销资格须写明原因")
        if errors:
            return None, errors
        try:
            body = TransitionCreate(
                action=self.action,
                reason=self.reason.strip() or None,
                effective_date=effective,
            )
        except ValidationError as error:
            words = {
                "action": _("请选择一项操作"),
                "reason": _("原因最多 %(n)s 字", n=TEXT_MAX),
                "effective_date": _("日期须在 1950 年至 2100 年之间"),
            }
            keys = {"action": "move", "effective_date": f"{self.prefix}_date"}
            return None, {
                keys.get(f, f"{self.prefix}_{f}"): words.get(f, _("输入有误"))
                for f in _first_error_fields(error)
            }
        return body, {}

    def refusal(self, _: Gettext, error: InvalidInput | RuleViolation) -> dict[str, str]:
        if isinstance(error, InvalidInput):
            if error.field == "effective_date":
                words = (
                    _("生效日期不能晚于今天")
                    if "future" in error.message
                    else _("生效日期不能早于候选人最近一次状态变动")
                )
                return {f"{self.prefix}_date": words}
            return {f"{self.prefix}_reason": _("撤销资格须写明原因")}
        # a rule refuses the step itself (the form of that step may not even be shown)
        return {"move": rule_message(_, error)}


@dataclass
class UndoForm:
    """Undo the latest step, with the reason for correcting the record."""

    reason: str = ""

    @classmethod
    def read(cls, form: FormData) -> UndoForm:
        return cls(reason=text(form, "reason", TEXT_MAX * 2))

    def values(self) -> dict[str, str]:
        return {"undo_reason": self.reason}

    def parse(self, _: Gettext) -> tuple[UndoCreate | None, dict[str, str]]:
        try:
            return UndoCreate(reason=self.reason), {}
        except ValidationError:
            return None, {"undo_reason": _("请写明撤销原因（1 至 %(n)s 字）", n=TEXT_MAX)}

    def refusal(self, _: Gettext, error: InvalidInput | RuleViolation) -> dict[str, str]:
        if isinstance(error, RuleViolation):
            return {"undo_reason": rule_message(_, error)}
        return {"undo_reason": error.message}
