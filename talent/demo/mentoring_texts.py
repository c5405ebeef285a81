"""Chinese wording of the demo's mentoring history (``talent.demo.mentoring``).

Templates take ``{case}`` (a case type of the session's focus skill, such as 买卖合同纠纷,
or the skill's name where it has no case types) and ``{skill}`` (the skill's name).
Texts for the ``1-2`` link speak to young judges and assistants, those for ``2-3`` to
clerks, who keep the record and the files rather than write judgments.
"""

from __future__ import annotations

TOPIC_OF_SKILL: dict[str, str] = {
    "judgment_writing": "judgment_writing",
    "courtroom_control": "courtroom_practice",
    "court_records": "courtroom_practice",
    "enforcement": "enforcement",
    "asset_investigation": "enforcement",
    "enforcement_adjudication": "enforcement",
    "mediation": "mediation",
    "case_filing": "mediation",
    "petition_handling": "mediation",
    "ethics": "ethics",
    "political_theory": "ethics",
}
"""The session topic a focus skill calls for; trial skills (case types) default to
``case_review`` and everything else to ``other``."""

CASE_SKILLS = frozenset(
    {
        "civil_trial",
        "contract_disputes",
        "marriage_family",
        "labor_disputes",
        "tort_liability",
        "commercial_trial",
        "financial_disputes",
        "corporate_bankruptcy",
        "criminal_trial",
        "juvenile_justice",
        "administrative_trial",
        "trial_supervision",
    }
)
"""Skills whose sessions work on cases: reviewed, written up or heard in court."""

NOTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("case_review", "1-2"): (
        "围绕学员承办的一起{case}开展案例研讨，梳理争议焦点和证据链条，学员汇报审理思路，导师逐项点评。",
        "复盘近期审结的{case}，重点讨论法律适用分歧和类案裁判尺度，明确同类案件的审查要点。",
        "结合{case}典型案例讲解{skill}的审理要点，对照最高法指导性案例分析裁判规则。",
        "共同研究一起拟提交专业法官会议讨论的{case}，指导学员撰写案件讨论提纲。",
    ),
    ("case_review", "2-3"): (
        "结合一起{case}的卷宗，讲解案件从立案到结案的流程节点和书记员在各环节的职责。",
        "翻阅已归档的{case}卷宗，讲解证据材料的装订顺序和卷宗目录的编制要求。",
    ),
    ("judgment_writing", "1-2"): (
        "逐段批改学员起草的{case}判决书初稿，重点指导事实认定部分的表述和说理的层次。",
        "对照全市优秀裁判文书，讲解{case}判决书“繁简分流”的写法，分析论证结构。",
        "审阅学员近一个月起草的三份裁判文书，指出格式、引用法条和数字核对方面的问题。",
    ),
    ("judgment_writing", "2-3"): (
        "讲解裁判文书校对和送达的规范，逐份核对学员近期校对的文书，指出当事人信息和日期的差错。",
        "指导学员起草{case}的送达回证和开庭传票，讲解格式文书的常见错误。",
    ),
    ("courtroom_practice", "1-2"): (
        "共同旁听一起{case}庭审，庭后复盘法庭调查和辩论环节的节奏把控以及对当事人情绪的引导。",
        "学员主持一起{case}庭前会议，导师现场观摩，会后点评争点归纳和证据交换的组织。",
        "观看全市庭审观摩评比的优秀庭审录像，讲解庭审驾驭的关键环节和突发情况处置。",
    ),
    ("courtroom_practice", "2-3"): (
        "指导学员做好一起{case}的庭审记录，讲解速录要点、笔录核对和当事人签字确认的规范。",
        "学员独立担任一场庭审的书记员，导师旁听后逐页点评庭审笔录。",
        "讲解庭前准备工作清单：排期、送达、法庭布置和庭审设备调试。",
    ),
    ("enforcement", "1-2"): (
        "带领学员参与一起{case}的现场执行，讲解执行措施的选择、执行风险的评估和现场安全防范。",
        "复盘一起{case}的办理过程，讲解网络查控、财产处置和终本程序的适用条件。",
        "讲解执行异议的审查要点，指导学员起草一份执行裁定书。",
    ),
    ("enforcement", "2-3"): (
        "讲解执行案件卷宗的整理要求和执行笔录的制作规范，结合一起{case}逐项示范。",
        "指导学员通过网络查控系统发起财产查询，讲解查询结果的登记和归档。",
    ),
    ("mediation", "1-2"): (
        "共同参与一起{case}的调解，讲解情绪疏导、利益平衡和调解方案设计的技巧。",
        "复盘一起调解未成功的{case}，分析当事人的真实诉求和可以切入的调解节点。",
        "讲解诉前调解与诉讼程序的衔接，以及司法确认的审查要点。",
    ),
    ("mediation", "2-3"): (
        "学员旁听导师主持的一次调解，会后讲解调解笔录的记录要点和调解协议的规范格式。",
        "讲解诉讼服务窗口的接待规范和{case}的登记要求，学员现场接待两名当事人。",
    ),
    ("ethics", "1-2"): (
        "学习“三个规定”及近期通报的违纪违法典型案例，交流如何防范人情案、关系案、金钱案。",
        "开展廉政谈心谈话，结合审判工作实际强调严守审判纪律、保守审判秘密。",
    ),
    ("ethics", "2-3"): (
        "学习法院工作人员廉政纪律规定，讲解卷宗保密和对外接待中的纪律要求。",
        "开展廉政谈心谈话，提醒学员与当事人及律师交往的边界。",
    ),
    ("other", "1-2"): (
        "讲解{skill}的工作要点，结合本庭工作布置一项练习，约定下次会面时交流。",
        "指导学员就审判实践中发现的问题撰写调研文章，讨论选题、提纲和论证思路。",
        "谈心谈话，了解学员近期的办案情况和思想状态，共同调整下一阶段的学习计划。",
    ),
    ("other", "2-3"): (
        "演示电子卷宗随案生成和在线庭审系统的操作，学员现场练习扫描、编目和上传。",
        "讲解{skill}的基本要求，结合学员的日常工作布置练习。",
        "谈心谈话，了解学员的工作和学习情况，鼓励其备考法律职业资格考试。",
    ),
}
"""Session notes by (topic, link)."""

GENERIC_CASES: tuple[str, ...] = (
    "离婚纠纷",
    "民间借贷纠纷",
    "物业服务合同纠纷",
    "劳动争议",
    "相邻关系纠纷",
    "机动车交通事故责任纠纷",
)
"""Everyday civil disputes: the cases of a session whose focus skill has no case types."""

ENFORCEMENT_CASES: tuple[str, ...] = (
    "涉民生执行案件",
    "涉企执行案件",
    "腾房交地执行案件",
    "拒不执行判决裁定案件",
    "终本后恢复执行案件",
)
"""The cases of an enforcement session."""

CLOSINGS: tuple[str, ...] = (
    "学员进步明显，下一步重点提升独立分析能力。",
    "约定下次由学员主讲，导师点评。",
    "学员对相关问题理解到位，能够举一反三。",
    "学员在细节把握上仍需加强，已约定专项练习。",
    "",
    "",
)
"""An optional last sentence of the notes (empty: none)."""

ACTION_ITEMS: dict[str, tuple[str, ...]] = {
    "case_review": (
        "完成{case}类案检索并形成检索报告",
        "梳理本案争议焦点，形成审理报告初稿",
        "整理同类案件裁判观点对照表",
    ),
    "judgment_writing": (
        "按批改意见修改判决书初稿并提交导师",
        "精读三篇优秀裁判文书并撰写读书笔记",
        "整理本月文书校对中发现的问题清单",
    ),
    "courtroom_practice": (
        "独立主持一次庭前会议并做书面小结",
        "整理庭审笔录常见问题清单",
        "观看两场庭审直播并记录庭审驾驭要点",
    ),
    "enforcement": (
        "完成名下两起案件的网络查控并汇报结果",
        "梳理终本案件的恢复执行线索",
        "起草一份执行裁定书交导师审阅",
    ),
    "mediation": (
        "一周内回访当事人，跟进调解意向",
        "总结一份调解案例心得",
        "熟悉诉前调解案件的登记和转办流程",
    ),
    "ethics": ("学习“三个规定”并撰写心得体会",),
    "other": (
        "提交调研文章提纲",
        "熟练掌握电子卷宗系统的扫描和编目操作",
        "制定下一季度的学习计划",
    ),
}
"""Agreed action items by topic."""

CORRECTIONS: dict[str, str] = {
    "minutes": "时长填写有误，更正为实际时长",
    "skills": "补充本次涉及的技能",
    "notes": "补充记录本次会面的约定事项",
}
"""Why a log was corrected, by the field the correction changes."""

NOTE_ADDENDUM = "会后已将相关资料发给学员。"

LEVEL_REASONS: tuple[str, ...] = (
    "导师季度评估：{skill}方面能够独立承担相应工作，评定提升一级",
    "结合近期办案质效和导师评价，{skill}水平提升",
    "导师评估：{skill}进步明显，达到下一等级要求",
)
"""Why a mentee's level rose (the mentor's assessment)."""

DESCRIPTION_GOALS: dict[str, tuple[str, ...]] = {
    "1-2": (
        "帮带期内独立起草不少于二十份裁判文书",
        "撰写一篇调研文章并参加全市法院调研成果评选",
        "参加一次全市法院庭审观摩评比",
        "在青年干警上讲台活动中主讲一次业务课",
    ),
    "2-3": (
        "熟练掌握电子卷宗随案生成的全部操作",
        "庭审速录达到每分钟一百二十字以上",
        "参加法律职业资格考试",
    ),
}
"""Goals without a skill target (a description only), by link."""

REMINDER_NOTES: tuple[str, ...] = (
    "政治部电话提醒导师尽快安排帮带活动并及时记录",
    "已向导师发送提醒通知，请本月内安排一次面对面指导",
    "提醒导师：帮带记录已超过一个月未更新",
)
ESCALATION_NOTES: tuple[str, ...] = (
    "提醒后仍无帮带记录，已报政治部分管领导，约谈导师了解原因",
    "两次提醒后仍未开展帮带活动，提交政治部研究是否调整帮带关系",
)

DISSOLVE_CODES: dict[str, str] = {
    "导师工作调整，帮带关系解除": "seconded",
    "学员岗位调整至其他部门": "other",
    "双方工作时间难以协调，经协商解除": "mismatch",
    "帮带计划执行不到位，经政治部评估后解除": "mismatch",
    "导师退休，帮带关系终止": "mentor_left",
    "导师调离本院，帮带关系终止": "mentor_left",
    "学员调离本院，帮带关系终止": "other",
}
"""The re-match reason code of each dissolution reason the demo roster uses."""

WITHDRAWN_REASON = "学员已调离本院，无需重新匹配"
