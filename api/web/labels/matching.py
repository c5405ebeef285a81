"""Words for matching: links, proposal and pairing statuses, score features, rules, reasons."""

from __future__ import annotations

from api.web.i18n import N_

LINKS = {
    "1-2": N_("资深法官带青年干警（1→2）"),
    "2-3": N_("青年干警带书记员（2→3）"),
}

STATUSES = {
    # proposals
    "proposed": N_("待审核"),
    "accepted": N_("已确认"),
    "rejected": N_("已驳回"),
    "stale": N_("已失效"),
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
    "mentors_conflicted_or_mismatched": N_("范围内的导师均与其存在利益冲突或曾因不合适解除结对"),
    "mentors_full_conflicted_or_mismatched": N_(
        "范围内的导师名额已满、存在利益冲突或曾因不合适解除结对"
    ),
    "mentor_slots_taken_by_others": N_("可选导师的名额均已分给其他人员"),
}

RULES = {
    "tier": N_("层级规则：导师须比徒弟高一个层级"),
    "inactive": N_("在岗规则：导师和徒弟都须在岗"),
    "same_person": N_("本人规则：不能自己带自己"),
    "conflict": N_("利益冲突规则：二人之间已申报利益冲突"),
    "mismatch": N_("不合适规则：二人的结对曾因不合适解除，不再重新结对"),
    "already_paired": N_("已结对规则：徒弟在该链条上已有进行中的结对"),
    "capacity": N_("名额规则：导师名额已满"),
    "out_of_scope": N_("范围规则：不在本次匹配范围内"),
    "not_considered": N_("本次匹配未考虑该导师"),
    "proposal_decided": N_("该建议已处理过"),
    "proposal_stale": N_("该建议已失效：徒弟已结对或导师名额已满"),
    "constraint": N_("数据已被他人同时修改，请刷新后重试"),
}

WHY_NOT = {
    # What held the mentor back (the capacity words are the capacity rule's, see RULES).
    "slots_taken": N_("名额规则：导师名额已满，%(slots)s 个名额由 %(names)s 占用"),
    "lower_score": N_("得分 %(score)s 低于所建议导师的 %(chosen)s"),
    "higher_score": N_("得分 %(score)s 高于所建议导师的 %(chosen)s"),
    "equal_score": N_("得分与所建议导师相同（%(score)s）"),
    # What forcing the pair would cost: the run solved again with it.
    "if_moved": N_("若改派此导师：%(score)s，%(matched)s"),
    "if_assigned": N_("若为其安排此导师：%(score)s，%(matched)s"),
    "score_down": N_("总分减少 %(amount)s"),
    "score_up": N_("总分增加 %(amount)s"),
    "score_same": N_("总分不变"),
    "matched_same": N_("配对人数不变"),
    "matched_down": N_("配对人数减少 %(n)s 人"),
    # The chain of moves it causes.
    "move": N_("%(mentee)s 改由 %(mentor)s 带教"),
    "move_out": N_("%(mentee)s 将没有导师"),
    "move_in": N_("%(mentee)s 由 %(mentor)s 带教（原未匹配）"),
    "nobody_else": N_("其他人不受影响"),
    "more_moves": N_("另有 %(n)s 人随之调整"),
    "not_computed": N_("改派代价未计算"),
}

SEPARATORS = {
    "names": N_("、"),
    "moves": N_("，"),
    "parts": N_("；"),
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "link": LINKS,
    "status": STATUSES,
    "run_status": RUN_STATUSES,
    "feature": FEATURES,
    "feature_hint": FEATURE_HINTS,
    "unmatched": UNMATCHED_REASONS,
    "rule": RULES,
}
