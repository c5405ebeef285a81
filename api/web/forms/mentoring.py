"""Forms of the mentoring pages: the log form, a log's correction, goals, ending, the ladder.

Each form keeps what the user typed (``values`` as strings) and parses it into the API's
own body (``LogCreate``, ``LogCorrection``, ``GoalCreate``, ``PairingEnd`` ...), so the
pages accept exactly what the API accepts. A form that fails comes back with a message per
field; the service's own refusals (a date before the pairing started, an unknown skill)
are turned into messages next to the field they name by ``log_service_error``.
"""

from __future__ import annotations

import calendar
import datetime as dt  # dt.date inside the forms whose own `date` field hides the name
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from starlette.datastructures import FormData

from api.web.forms.fields import text, ticked
from api.web.i18n import Gettext
from models.matching_schemas import PairingEnd
from models.mentoring import TOPIC_MAX, DissolveReason, LogCategory
from models.mentoring_schemas import (
    ActionItemIn,
    DissolveBody,
    EscalationStepIn,
    GoalCreate,
    GoalUpdate,
    LogContent,
    LogCorrection,
    LogCreate,
    WithdrawBody,
)
from models.schemas import PersonSkillPublic, SkillPublic

DEFAULT_MINUTES = 60
MINUTES_MAX = 600
NOTES_MAX = 4000
ITEM_MAX = 500
REASON_MAX = 1000
ITEM_ROWS = 2
SKILLS_MAX = 20


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


def _has_nul(*texts: str) -> bool:
    return any("\x00" in t for t in texts)


def _minutes(_: Gettext, raw: str) -> tuple[int | None, str | None]:
    text = raw.strip()
    if not text.isdigit() or not 1 <= int(text) <= MINUTES_MAX:
        return None, _("时长须是 1 到 %(n)s 之间的整数（分钟）", n=MINUTES_MAX)
    return int(text), None


def _session_day(_: Gettext, raw: str, today: date) -> tuple[date | None, str | None]:
    day = _day(raw)
    if day is None:
        return None, _("请填写日期（年-月-日）")
    if day > today:
        return None, _("日期不能晚于今天")
    return day, None


def _topic(_: Gettext, raw: str) -> tuple[str | None, str | None]:
    """The topic in the mentor's words, trimmed; kept exactly as typed otherwise."""
    topic = raw.strip()
    if not topic or len(topic) > TOPIC_MAX or _has_nul(topic):
        return None, _("请用一句话写明本次带教的主题（1 至 %(n)s 字）", n=TOPIC_MAX)
    return topic, None


def _category(_: Gettext, raw: str) -> tuple[LogCategory | None, str | None]:
    """The optional category: none chosen ("") is fine, a code not in the list is not."""
    if not raw:
        return None, None
    if raw not in {c.value for c in LogCategory}:
        return None, _("请从列表中选择类别，或选“不分类”")
    return LogCategory(raw), None


def _notes(_: Gettext, raw: str) -> str | None:
    if len(raw) > NOTES_MAX:
        return _("记录内容最多 %(n)s 字", n=NOTES_MAX)
    if _has_nul(raw):
        return _("内容含有无法保存的字符")
    return None


@dataclass
class ItemRow:
    """One optional agreed action item: its text and due date, as typed."""

    text: str = ""
    due: str = ""


@dataclass
class _LogFields:
    """What a log and its correction both carry: date, minutes, topic, category, skills, notes."""

    date: str = ""
    minutes: str = ""
    topic: str = ""
    category: str = ""
    skill_codes: list[str] = field(default_factory=list)
    notes: str = ""

    @staticmethod
    def _typed(form: FormData) -> dict[str, Any]:
        return {
            "date": text(form, "date", 32),
            "minutes": text(form, "minutes", 16),
            "topic": text(form, "topic", TOPIC_MAX * 2),
            "category": text(form, "category", 32),
            "skill_codes": ticked(form, "skill_codes", SKILLS_MAX + 1),
            "notes": text(form, "notes", NOTES_MAX * 2),
        }

    def _checked(self, _: Gettext, today: dt.date) -> tuple[dict[str, Any], dict[str, str]]:
        """The parsed fields for the schema, and a message per field that is wrong."""
        errors: dict[str, str] = {}
        day, problem = _session_day(_, self.date, today)
        if problem:
            errors["date"] = problem
        minutes, problem = _minutes(_, self.minutes)
        if problem:
            errors["minutes"] = problem
        topic, problem = _topic(_, self.topic)
        if problem:
            errors["topic"] = problem
        category, problem = _category(_, self.category)
        if problem:
            errors["category"] = problem
        if len(self.skill_codes) > SKILLS_MAX:
            errors["skill_codes"] = _("最多选择 %(n)s 项技能", n=SKILLS_MAX)
        if problem := _notes(_, self.notes):
            errors["notes"] = problem
        values = {
            "date": day,
            "minutes": minutes,
            "topic": topic,
            "category": category,
            "skill_codes": self.skill_codes,
            "notes": self.notes.strip() or None,
        }
        return values, errors


@dataclass
class LogForm(_LogFields):
    """The one-screen log form: date, minutes, topic, category, skills, notes, action items."""

    minutes: str = str(DEFAULT_MINUTES)
    items: list[ItemRow] = field(default_factory=lambda: [ItemRow() for _ in range(ITEM_ROWS)])

    @classmethod
    def defaults(cls, *, today: dt.date, last_category: str | None) -> LogForm:
        """Today, 60 minutes and the category last used on this pairing; the topic is left
        for the mentor to write, as each session's is its own."""
        return cls(date=today.isoformat(), category=last_category or "")

    @classmethod
    def read(cls, form: FormData) -> LogForm:
        return cls(
            **cls._typed(form),
            items=[
                ItemRow(
                    text=text(form, f"item-{i}-text", ITEM_MAX * 2),
                    due=text(form, f"item-{i}-due", 32),
                )
                for i in range(ITEM_ROWS)
            ],
        )

    def parse(self, _: Gettext, *, today: dt.date) -> tuple[LogCreate | None, dict[str, str]]:
        """The log to create, or None and a message per field that is wrong."""
        values, errors = self._checked(_, today)
        day = values["date"]
        items = []
        for index, row in enumerate(self.items):
            text, due_raw = row.text.strip(), row.due.strip()
            if not text and not due_raw:
                continue
            due = _day(due_raw) if due_raw else None
            if not text:
                errors[f"item-{index}-text"] = _("请填写事项内容，或清空完成期限")
            elif len(text) > ITEM_MAX or _has_nul(text):
                errors[f"item-{index}-text"] = _("事项最多 %(n)s 字", n=ITEM_MAX)
            if due_raw and due is None:
                errors[f"item-{index}-due"] = _("请填写日期（年-月-日）")
            elif due is not None and day is not None and due < day:
                errors[f"item-{index}-due"] = _("完成期限不能早于带教日期")
            items.append((text, due))
        if errors:
            return None, errors
        try:
            body = LogCreate(
                **values, action_items=[ActionItemIn(text=t, due_date=d) for t, d in items]
            )
        except ValidationError as error:
            return None, _schema_errors(_, error)
        return body, {}


def _schema_errors(_: Gettext, error: ValidationError) -> dict[str, str]:
    """A schema refusal the checks above did not foresee, next to the field it names."""
    found: dict[str, str] = {}
    for problem in error.errors():
        head = str(problem["loc"][0]) if problem["loc"] else "notes"
        found.setdefault(head if head in LOG_FIELDS else "notes", _("请检查此项"))
    return found


LOG_FIELDS = ("date", "minutes", "topic", "category", "skill_codes", "notes")


def log_service_error(
    _: Gettext, field_name: str, *, day: date | None, start: date, end: date | None
) -> dict[str, str]:
    """A guidance service's ``InvalidInput`` as a message next to the form field it names.

    ``date`` (before the start or after the end), ``skill_codes.N`` (unknown skill) and
    ``action_items.N.due_date`` (due before the session) are the fields it can name.
    """
    parts = field_name.split(".")
    if parts[0] == "date":
        if day is not None and day < start:
            return {"date": _("日期不能早于结对开始日期 %(date)s", date=start.isoformat())}
        if end is not None:
            return {"date": _("日期不能晚于结对结束日期 %(date)s", date=end.isoformat())}
        return {"date": _("请填写日期（年-月-日）")}
    if parts[0] == "skill_codes":
        return {"skill_codes": _("所选技能不存在，请重新选择")}
    if parts[0] == "action_items" and len(parts) >= 2 and parts[1].isdigit():
        return {f"item-{parts[1]}-due": _("完成期限不能早于带教日期")}
    return {"notes": _("请检查此项")}


@dataclass
class CorrectionForm(_LogFields):
    """A correction of one log: the whole content again, and why it changes."""

    reason: str = ""

    @classmethod
    def of(cls, log: LogContent) -> CorrectionForm:
        """The form filled with the log as it stands (the user changes what is wrong)."""
        return cls(
            date=log.date.isoformat(),
            minutes=str(log.minutes),
            topic=log.topic,
            category=log.category.value if log.category else "",
            skill_codes=list(log.skill_codes),
            notes=log.notes or "",
        )

    @classmethod
    def read(cls, form: FormData) -> CorrectionForm:
        return cls(**cls._typed(form), reason=text(form, "reason", REASON_MAX * 2))

    def parse(self, _: Gettext, *, today: dt.date) -> tuple[LogCorrection | None, dict[str, str]]:
        values, errors = self._checked(_, today)
        reason = self.reason.strip()
        if not reason or len(reason) > REASON_MAX or _has_nul(reason):
            errors["reason"] = _("请写明更正原因（1 至 %(n)s 字）", n=REASON_MAX)
        if errors:
            return None, errors
        try:
            body = LogCorrection(**values, reason=reason)
        except ValidationError as error:
            return None, _schema_errors(_, error)
        return body, {}


RATINGS = ("1", "2", "3", "4", "5")
END_STATUSES = ("completed", "dissolved")


@dataclass
class EndForm:
    """Ending a pairing: completed or dissolved, an outcome rating 1-5, a reason."""

    status: str = ""
    outcome_rating: str = ""
    reason_code: str = ""
    reason: str = ""

    @classmethod
    def read(cls, form: FormData) -> EndForm:
        return cls(
            status=text(form, "status", 16),
            outcome_rating=text(form, "outcome_rating", 4).strip(),
            reason_code=text(form, "reason_code", 32),
            reason=text(form, "reason", REASON_MAX * 2),
        )

    def parse(self, _: Gettext) -> tuple[PairingEnd | DissolveBody | None, dict[str, str]]:
        """``PairingEnd`` to complete, ``DissolveBody`` to dissolve (it queues the mentee)."""
        errors: dict[str, str] = {}
        if self.status not in END_STATUSES:
            errors["status"] = _("请选择结业或解除")
        if self.outcome_rating and self.outcome_rating not in RATINGS:
            errors["outcome_rating"] = _("带教评价须是 1 到 5 分")
        reason = self.reason.strip()
        if len(reason) > REASON_MAX or _has_nul(reason):
            errors["reason"] = _("理由最多 %(n)s 字", n=REASON_MAX)
        elif self.status == "dissolved" and not reason:
            errors["reason"] = _("解除结对须写明理由")
        if self.status == "dissolved" and self.reason_code not in {r.value for r in DissolveReason}:
            errors["reason_code"] = _("请选择解除原因")
        if errors:
            return None, errors
        rating = int(self.outcome_rating) if self.outcome_rating else None
        if self.status == "dissolved":
            return DissolveBody(
                reason_code=DissolveReason(self.reason_code), reason=reason, outcome_rating=rating
            ), {}
        return PairingEnd(status="completed", outcome_rating=rating, reason=reason or None), {}


def step_body(form: FormData, _: Gettext) -> tuple[EscalationStepIn | None, dict[str, str]]:
    """The next rung a planner puts a quiet pairing on, with an optional note."""
    step = text(form, "step", 16)
    note = text(form, "note", NOTES_MAX * 2).strip()
    if step not in ("reminded", "escalated"):
        return None, {"step": _("请选择提醒或上报")}
    if len(note) > NOTES_MAX or _has_nul(note):
        return None, {"note": _("记录内容最多 %(n)s 字", n=NOTES_MAX)}
    return EscalationStepIn(step=step, note=note or None), {}  # type: ignore[arg-type]  # step is one of the two, checked above


def withdraw_body(form: FormData, _: Gettext) -> tuple[str, WithdrawBody | None, str | None]:
    """What was typed as the reason, the valid withdrawal, or why it is not one."""
    typed = text(form, "reason", REASON_MAX * 2)
    try:
        return typed, WithdrawBody(reason=typed), None
    except ValidationError:
        return typed, None, _("请写明移出队列的原因（1 至 %(n)s 字）", n=REASON_MAX)


# --- goals -----------------------------------------------------------------------------------
GOAL_MONTHS = 6
LEVEL_MAX = 5
DESCRIPTION_MAX = 500
GOAL_FIELDS = ("skill_code", "target_level", "due_date", "description")


@dataclass(frozen=True)
class GoalSkill:
    """One skill the goal form offers: the mentee's level in it and whether a goal can go on it.

    ``held`` says the mentee holds the skill (those come first in the select); ``taken``
    that an open goal on it exists (409 ``duplicate_goal``); ``next_level`` is the default
    target, one above the mentee's level, or None when the mentee is already at the top.
    """

    code: str
    name: str
    level: int | None
    held: bool
    taken: bool

    @property
    def next_level(self) -> int | None:
        level = self.level or 0
        return level + 1 if level < LEVEL_MAX else None

    @property
    def open(self) -> bool:
        """A goal can be set on it: no open goal yet and a level left to reach."""
        return not self.taken and self.next_level is not None


def goal_skill_choices(
    held: Sequence[PersonSkillPublic],
    skills: Sequence[SkillPublic],
    open_goal_codes: Collection[str],
) -> list[GoalSkill]:
    """The mentee's own skills first (as the roster lists them), then every other skill."""
    own = {s.skill_code for s in held}
    return [
        GoalSkill(s.skill_code, s.skill_name, s.level, True, s.skill_code in open_goal_codes)
        for s in held
    ] + [
        GoalSkill(s.code, s.name, None, False, s.code in open_goal_codes)
        for s in skills
        if s.code not in own
    ]


def months_ahead(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day.

    >>> months_ahead(date(2026, 8, 31), 6)
    datetime.date(2027, 2, 28)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _goal_schema_errors(_: Gettext, error: ValidationError) -> dict[str, str]:
    """``GoalCreate``'s own refusals, next to the field each names."""
    words = {
        "skill_code": _("所选技能不存在，请重新选择"),
        "target_level": _("目标水平须是 1 到 %(n)s 级", n=LEVEL_MAX),
        "due_date": _("请填写日期（年-月-日）"),
        "description": _("目标说明最多 %(n)s 字", n=DESCRIPTION_MAX),
    }
    found: dict[str, str] = {}
    for problem in error.errors():
        head = str(problem["loc"][0]) if problem["loc"] else "description"
        head = head if head in GOAL_FIELDS else "description"
        found.setdefault(head, words[head])
    return found


@dataclass
class GoalForm:
    """A skill target for the pairing: skill, target level, due date and an optional note."""

    skill_code: str = ""
    target_level: str = ""
    due_date: str = ""
    description: str = ""

    @classmethod
    def defaults(cls, *, choices: Sequence[GoalSkill], today: date) -> GoalForm:
        """The first skill a goal can go on (the mentee's own first), one level up, six months."""
        first = next((c for c in choices if c.open), None)
        return cls(
            skill_code=first.code if first else "",
            target_level=str(first.next_level) if first else "",
            due_date=months_ahead(today, GOAL_MONTHS).isoformat(),
        )

    @classmethod
    def read(cls, form: FormData) -> GoalForm:
        return cls(
            skill_code=text(form, "skill_code", 128),
            target_level=text(form, "target_level", 16),
            due_date=text(form, "due_date", 32),
            description=text(form, "description", DESCRIPTION_MAX * 2),
        )

    def parse(self, _: Gettext) -> tuple[GoalCreate | None, dict[str, str]]:
        """The API's ``GoalCreate``, or None and a message per field that is wrong.

        Only the form's own syntax is checked here (a whole number, a date); which
        combinations make a goal, and the level it must exceed, are the service's rules.
        """
        errors: dict[str, str] = {}
        target = self.target_level.strip()
        if target and not (target.isascii() and target.isdigit()):
            errors["target_level"] = _("目标水平须是 1 到 %(n)s 级", n=LEVEL_MAX)
        due_raw = self.due_date.strip()
        due = _day(due_raw) if due_raw else None
        if due_raw and due is None:
            errors["due_date"] = _("请填写日期（年-月-日）")
        description = self.description.strip()
        if _has_nul(description):
            errors["description"] = _("内容含有无法保存的字符")
        if errors:
            return None, errors
        try:
            body = GoalCreate(
                skill_code=self.skill_code.strip() or None,
                target_level=int(target) if target else None,
                due_date=due,
                description=description or None,
            )
        except ValidationError as error:
            return None, _goal_schema_errors(_, error)
        return body, {}


def goal_service_error(
    _: Gettext, field_name: str, *, body: GoalCreate, level: int | None, start: date
) -> dict[str, str]:
    """``goals.create_goal``'s ``InvalidInput`` next to the form field it names.

    ``level`` is the mentee's current level in the chosen skill (the target must exceed
    it); ``start`` the pairing's first day (no goal is due before it).
    """
    if field_name == "skill_code":
        if body.skill_code is None:
            return {"skill_code": _("请选择技能")}
        return {"skill_code": _("所选技能不存在，请重新选择")}
    if field_name == "target_level":
        if body.target_level is None:
            return {"target_level": _("请选择目标水平")}
        return {
            "target_level": _("目标须高于徒弟目前的水平（%(n)s 级）", n=level or 0),
        }
    if field_name == "due_date":
        return {"due_date": _("期限不能早于结对开始日期 %(date)s", date=start.isoformat())}
    return {"description": _("请选择技能并设定目标水平，或写下目标说明")}


def goal_status_body(form: FormData, _: Gettext) -> tuple[GoalUpdate | None, str | None]:
    """A change of a goal's status (``withdrawn``, or ``open`` again) as the API's ``GoalUpdate``."""
    try:
        return GoalUpdate(status=text(form, "status", 16)), None  # type: ignore[arg-type]  # the form's text: the schema validates it (refused below)
    except ValidationError:
        return None, _("请选择目标的新状态")
