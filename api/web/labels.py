"""The words pages show for the domain's codes (roles, tiers, links, statuses, rules, reasons).

Each value is a Chinese source string marked with ``N_`` so that Babel extracts it; a
page translates it with ``label(kind, code)`` in the page's language. A code without a
label shows as itself, so a new code from a service is visible rather than lost.
"""

from __future__ import annotations

from api.web import labels_mentoring, labels_reserve
from api.web.i18n import N_, Gettext

ROLES = {
    "admin": N_("系统管理员"),
    "planner": N_("人事规划员"),
    "mentor": N_("导师"),
    "reviewer": N_("后备干部评审员"),
}

TIERS = {
    "1": N_("资深法官"),
    "2": N_("青年干警"),
    "3": N_("书记员"),
}

LINKS = {
    "1-2": N_("资深法官带青年干警（1→2）"),
    "2-3": N_("青年干警带书记员（2→3）"),
}

UNIT_KINDS = {
    "intermediate_court": N_("中级人民法院"),
    "basic_court": N_("基层人民法院"),
    "department": N_("部门"),
}

STATUSES = {
    # proposals
    "proposed": N_("待审核"),
    "accepted": N_("已确认"),
    "rejected": N_("已驳回"),
    "superseded": N_("已被新批次取代"),
    # pairings
    "active": N_("进行中"),
    "completed": N_("已结业"),
    "dissolved": N_("已解除"),
    "unchanged": N_("未变更"),
}

RUN_STATUSES = {
    "completed": N_("已生成"),
    "superseded": N_("已被新批次取代"),
    "dry_run": N_("试算"),
}

FEATURES = {
    "skill_fit": N_("技能匹配"),
    "text_similarity": N_("专长与目标相近"),
    "org_proximity": N_("组织距离"),
    "seniority": N_("资历差"),
    "mentor_quality": N_("导师带教成效"),
    "rematch": N_("重新匹配优先加分"),
}

FEATURE_HINTS = {
    "skill_fit": N_("导师擅长的技能正是徒弟要提升的技能"),
    "text_similarity": N_("导师专长与徒弟培养目标的文字相近程度"),
    "org_proximity": N_("同部门最高，同法院次之，跨法院最低"),
    "seniority": N_("工作年限差距接近最有利的差距时最高"),
    "mentor_quality": N_("导师以往带教评价与业务荣誉"),
}

UNMATCHED_REASONS = {
    "no_eligible_mentor": N_("范围内没有符合条件的导师"),
    "all_mentors_full": N_("范围内的导师名额均已满"),
    "only_conflicted_mentors": N_("范围内的导师均与其存在利益冲突"),
    "mentors_full_or_conflicted": N_("范围内的导师名额已满或存在利益冲突"),
    "mentor_slots_taken_by_others": N_("可选导师的名额已分给可选导师更少的人员"),
}

RULES = {
    "tier": N_("层级规则：导师须比徒弟高一个层级"),
    "inactive": N_("在岗规则：导师和徒弟都须在岗"),
    "same_person": N_("本人规则：不能自己带自己"),
    "conflict": N_("利益冲突规则：二人之间已申报利益冲突"),
    "already_paired": N_("已结对规则：徒弟在该链条上已有进行中的结对"),
    "full": N_("名额规则：导师名额已满"),
    "capacity": N_("名额规则：导师名额已满"),
    "out_of_scope": N_("范围规则：不在本次匹配范围内"),
    "not_considered": N_("本次匹配未考虑该导师"),
    "proposal_decided": N_("该建议已处理过"),
    "constraint": N_("数据已被他人同时修改，请刷新后重试"),
}

WHY_NOT = {
    "lower_score": N_("得分 %(score)s 低于所建议导师的 %(chosen)s"),
    "tie": N_("得分相同，按导师编号较小者优先"),
    "slots_taken": N_("其 %(slots)s 个名额已分给可选导师更少的人员：%(names)s"),
}

# The reserve pool's and the mentoring pages' words live in their own modules, merged below.
VOCABULARIES: dict[str, dict[str, str]] = {
    "role": ROLES,
    "tier": TIERS,
    "link": LINKS,
    "unit_kind": UNIT_KINDS,
    "status": STATUSES,
    "run_status": RUN_STATUSES,
    "feature": FEATURES,
    "feature_hint": FEATURE_HINTS,
    "unmatched": UNMATCHED_REASONS,
    "rule": RULES,
    **labels_mentoring.VOCABULARIES,
    **labels_reserve.VOCABULARIES,
}


def label(_: Gettext, kind: str, code: object) -> str:
    """The translated word for ``code`` in vocabulary ``kind``; the code itself if unknown."""
    text = VOCABULARIES[kind].get(str(code))
    return _(text) if text is not None else str(code)
