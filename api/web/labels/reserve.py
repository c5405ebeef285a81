"""Words for the reserve-pool pages (grades, pool states, readiness bands, decisions, record kinds).

Same form as the other modules of :mod:`api.web.labels`: each value a Chinese source string marked with ``N_``;
``VOCABULARIES`` is merged into ``labels.VOCABULARIES``. The codes are the reserve
module's (``models.reserve`` and the rule names of ``talent.reserve``); a code without a
word here shows as itself.
"""

from __future__ import annotations

from api.web.i18n import N_

GRADES = {
    "excellent": N_("优秀"),
    "competent": N_("称职"),
    "basically_competent": N_("基本称职"),
    "incompetent": N_("不称职"),
}

POOL_STATES = {
    "nominated": N_("已提名"),
    "in_pool": N_("在库"),
    "inspection": N_("考察对象"),
    "appointed": N_("已使用"),
    "removed": N_("撤销资格"),
}

BANDS = {
    "ready_now": N_("可立即使用"),
    "ready_1_2": N_("1-2年内可用"),
    "ready_3_5": N_("3-5年内可用"),
}

DECISIONS = {
    "admit": N_("入库"),
    "retain": N_("保留"),
    "exit": N_("退出"),
}

EVENT_ACTIONS = {
    "nominate": N_("提名"),
    "admit": N_("入库"),
    "retain": N_("保留"),
    "exit": N_("退出"),
    "list_for_inspection": N_("列为考察对象"),
    "appoint": N_("使用（任职）"),
    "remove": N_("撤销资格"),
    "undo_admit": N_("撤销入库"),
    "undo_exit": N_("撤销退出"),
    "undo_list_for_inspection": N_("撤销考察"),
    "undo_appoint": N_("撤销使用"),
    "undo_remove": N_("恢复资格"),
}

SOURCES = {
    "party_group": N_("党组推荐"),
    "organisation_department": N_("组织部门推荐"),
    "own_unit": N_("所在单位推荐"),
    "party_branch": N_("基层党支部推荐"),
}

ELIGIBILITY_RULES = {
    "active": N_("不在岗"),
    "tier": N_("层级不符"),
    "age": N_("年龄超限"),
    "service_years": N_("工作年限不足"),
    "assessment_grades": N_("近年考核等次不符"),
    "negative_list": N_("负面清单有在效事项"),
}

RESERVE_RULES = {
    "already_reviewed": N_("该候选人在这一轮已有评审决定"),
    "not_eligible": N_("不符合入库条件，不能入库"),
    "illegal_transition": N_("当前状态下不能进行该操作"),
    "nothing_to_undo": N_("没有可以撤销的步骤"),
    "already_in_pool": N_("此人已有进行中的后备资格"),
    "duplicate_cycle": N_("该评审轮次已存在"),
    "reserve_policy": N_("后备干部政策文件有误，请联系系统管理员"),
}

ACTIVITY_KINDS = {
    "training": N_("培训"),
    "secondment": N_("挂职"),
    "paired_support": N_("对口支援"),
    "competition": N_("竞赛"),
    "award": N_("表彰奖励"),
    "recognition": N_("称号"),
}

RECOGNITIONS = {
    "business_leader": N_("审判业务带头人"),
    "expert_judge": N_("专家型法官"),
    "star": N_("海法星"),
    "other": N_("其他称号"),
}

HONOUR_LEVELS = {
    "national": N_("国家级"),
    "provincial": N_("自治区级"),
    "municipal": N_("市级"),
    "court": N_("院级"),
}

RECORD_KINDS = {
    # political quality file
    "annual_review": N_("年度政治素质考察"),
    "theory_study": N_("理论学习"),
    "party_life": N_("组织生活"),
    "talk": N_("谈心谈话"),
    # positive / negative list
    "commendation": N_("表扬"),
    "petition": N_("化解信访"),
    "pioneer": N_("先锋岗"),
    "discipline": N_("违反纪律"),
    "complaint": N_("当事人投诉"),
    "conduct": N_("行为规范"),
}

POLARITIES = {
    "positive": N_("正面清单"),
    "negative": N_("负面清单"),
}

RECORD_STATUSES = {
    "open": N_("在效"),
    "closed": N_("已关闭"),
    "dismissed": N_("经核查不属实"),
}

LEVELS = {
    "low": N_("低"),
    "medium": N_("中"),
    "high": N_("高"),
}

BOXES = {
    "1": N_("待改进"),
    "2": N_("稳定贡献"),
    "3": N_("业务骨干"),
    "4": N_("待激发"),
    "5": N_("中坚力量"),
    "6": N_("高绩效"),
    "7": N_("潜力股"),
    "8": N_("成长之星"),
    "9": N_("未来之星"),
}

READINESS_FEATURES = {
    # performance
    "grades": N_("年度考核等次"),
    "indicators": N_("考核指标得分（共性+个性）"),
    "on_time": N_("按期结案率"),
    "acceptance": N_("服判息诉率"),
    "quality": N_("案件质量（改判发回率越低越好）"),
    "volume": N_("结案数量"),
    # potential
    "training": N_("培训学时"),
    "recognitions": N_("荣誉与称号"),
    "mentor_evaluation": N_("带教结业评价"),
    "skill_growth": N_("技能成长"),
    "exchanges": N_("挂职与对口支援"),
}

COVERAGE_ISSUES = {
    "vacant": N_("岗位空缺"),
    "no_a_backup": N_("缺 A 角"),
    "no_b_backup": N_("缺 B 角"),
    "no_emergency_cover": N_("缺应急顶岗"),
    "a_not_ready": N_("A 角尚未成熟"),
    "b_not_ready": N_("B 角尚未成熟"),
    "backup_inactive": N_("后备人选不在岗"),
    "backup_overloaded": N_("后备人选兼顾岗位过多"),
}

BACKUP_ROLES = {
    "A": N_("A 角"),
    "B": N_("B 角"),
    "emergency": N_("应急顶岗"),
}

GENDERS = {
    "male": N_("男"),
    "female": N_("女"),
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "grade": GRADES,
    "pool_state": POOL_STATES,
    "band": BANDS,
    "decision": DECISIONS,
    "event_action": EVENT_ACTIONS,
    "source": SOURCES,
    "eligibility_rule": ELIGIBILITY_RULES,
    "reserve_rule": RESERVE_RULES,
    "activity": ACTIVITY_KINDS,
    "recognition": RECOGNITIONS,
    "honour_level": HONOUR_LEVELS,
    "record_kind": RECORD_KINDS,
    "polarity": POLARITIES,
    "record_status": RECORD_STATUSES,
    "level": LEVELS,
    "box": BOXES,
    "readiness_feature": READINESS_FEATURES,
    "coverage_issue": COVERAGE_ISSUES,
    "backup_role": BACKUP_ROLES,
    "gender": GENDERS,
}
