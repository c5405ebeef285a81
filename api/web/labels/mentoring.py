"""Words for the mentoring pages (escalation steps, dissolve reasons, goal and queue states).

Same form as the other modules of :mod:`api.web.labels`: each value a Chinese source string marked with ``N_``;
``VOCABULARIES`` is merged into ``labels.VOCABULARIES``. Guidance topics are not here: the
guidance service labels them in both languages (``guidance.topics(lang)``), and the pages
show its words so that the API and the pages name a topic the same way.
"""

from __future__ import annotations

from api.web.i18n import N_

# The escalation ladder a quiet pairing climbs (models.mentoring.EscalationRung).
RUNGS = {
    "overdue": N_("逾期未记录"),
    "reminded": N_("已提醒导师"),
    "escalated": N_("已上报规划员"),
    "dissolved": N_("已解除"),
}

# What a planner can do next on the ladder (escalation.NEXT_STEP's values).
RUNG_ACTIONS = {
    "reminded": N_("提醒导师"),
    "escalated": N_("上报处理"),
}

DISSOLVE_REASONS = {
    "mentor_left": N_("导师离岗"),
    "seconded": N_("导师挂职或借调"),
    "mismatch": N_("双方不合适"),
    "other": N_("其他原因"),
}

GOAL_STATES = {
    "open": N_("进行中"),
    "withdrawn": N_("已撤回"),
    "achieved": N_("已达成"),
    "past_due": N_("已逾期"),
}

REMATCH_STATUSES = {
    "waiting": N_("等待重新匹配"),
    "rematched": N_("已重新匹配"),
    "withdrawn": N_("已移出队列"),
}

# Rules the mentoring services name in a 409, as the pages say them.
MENTORING_RULES = {
    "already_ended": N_("该结对已经结束，不能再次结束"),
    "pairing_not_active": N_("该结对已经结束，不能再记录或设置目标"),
    "not_overdue": N_("该结对没有逾期，无需提醒或上报"),
    "escalation_order": N_("须按顺序处理：先提醒导师，再上报"),
    "no_change": N_("没有任何改动"),
    "already_confirmed": N_("该记录已确认过"),
    "duplicate_goal": N_("该技能已有进行中的目标"),
    "not_waiting": N_("该人员已不在等待队列中"),
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "rung": RUNGS,
    "rung_action": RUNG_ACTIONS,
    "dissolve_reason": DISSOLVE_REASONS,
    "goal_state": GOAL_STATES,
    "rematch_status": REMATCH_STATUSES,
    "mentoring_rule": MENTORING_RULES,
}
