"""Assessing a mentee's skill level from the pairing page (its mentor, a planner, an admin).

The assessment is the API's ``POST /people/{id}/skill-levels``
(:func:`talent.mentoring.goals.set_skill_level`): it records the level in the history and
marks achieved every open goal of the mentee on that skill whose target it reaches, so
that the next target on the same skill can be set right away.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from pydantic import ValidationError
from sqlmodel import select
from starlette.responses import Response

from api.deps import PathId, SessionDep, actor_of
from api.web.forms.fields import text
from api.web.pages.mentoring import _to_pairing, refusal
from api.web.rendering import flash, gettext_for
from api.web.security import CheckedForm, PairingPage
from models import Skill
from models.mentoring_schemas import SkillLevelSet
from talent import clock
from talent.errors import InvalidInput, RuleViolation
from talent.mentoring import access, goals
from talent.roster import people

router = APIRouter()

DEFAULT_REASON = "带教评定"
"""The basis recorded when the assessor gives none: the mentor's assessment itself."""


@router.post("/pairings/{pairing_id}/skill-level", name="web.pairing_assess")
def assess(
    pairing_id: PathId, request: Request, session: SessionDep, user: PairingPage, data: CheckedForm
) -> Response:
    """Record the mentee's level in a skill; say which goal it achieved, if any."""
    _ = gettext_for(request)
    pairing = access.pairing_as(
        session, pairing_id=pairing_id, user=user, allowed=goals.GOAL_SETTERS, doing="assess"
    )
    mentee = people.get_person(session, pairing.mentee_id)
    code = text(data, "skill_code", 64)
    raw_day = text(data, "effective_date", 16)
    try:
        body = SkillLevelSet(
            skill_code=code,
            level=int(text(data, "level", 2) or "-1"),
            reason=text(data, "reason", 1000).strip() or DEFAULT_REASON,
            effective_date=date.fromisoformat(raw_day) if raw_day else None,
        )
    except (ValueError, ValidationError):
        flash(request, _("请选择技能和 0 到 5 级之间的水平，日期不能晚于今天。"), "error")
        return _to_pairing(request, pairing_id, "#goals")
    before = {
        g.id for g in goals.list_goals(session, pairing_id=pairing_id, user=user) if g.achieved
    }
    try:
        change = goals.set_skill_level(
            session, person_id=mentee.id, body=body, user=user, actor=actor_of(user)
        )
    except RuleViolation as error:
        session.rollback()
        flash(request, refusal(_, error), "error")
        return _to_pairing(request, pairing_id, "#goals")
    except InvalidInput:
        session.rollback()
        flash(request, _("评定日期不能早于该技能最近一次记录的日期。"), "error")
        return _to_pairing(request, pairing_id, "#goals")
    skill = session.exec(select(Skill).where(Skill.code == change.skill_code)).first()
    reached = [
        g
        for g in goals.list_goals(session, pairing_id=pairing_id, user=user)
        if g.status == "achieved" and g.id not in before
    ]
    said = _(
        "已记录：%(name)s 的%(skill)s水平为 %(level)s 级（%(date)s）。",
        name=mentee.name,
        skill=skill.name if skill else change.skill_code,
        level=body.level,
        date=(body.effective_date or clock.today()).isoformat(),
    )
    if reached:
        said += " " + _("目标已达成，可以设定下一个目标。")
    flash(request, said, "success")
    return _to_pairing(request, pairing_id, "#goals")
