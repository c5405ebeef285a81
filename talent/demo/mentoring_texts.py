"""Chinese wording of the demo's mentoring history (``talent.demo.mentoring``).

Templates take ``{case}`` (a case type of the session's focus skill, such as 买卖合同纠纷,
or the skill's name where it has no case types) and ``{skill}`` (the skill's name).
Texts for the ``1-2`` link speak to young judges and assistants, those for ``2-3`` to
clerks, who keep the record and the files rather than write judgments.

A session's category (``models.mentoring.LogCategory``) picks its texts; its topic is a
line in the mentor's own words that goes with the notes it heads (``TOPIC_WORDS``).
"""

from __future__ import annotations

CATEGORY_OF_SKILL: dict[str, str] = {
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
"""The session category a focus skill calls for; trial skills (case types) default to
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
        "围绕徒弟承办的一起{case}开展案例研讨，梳理争议焦点和证据链条，徒弟汇报审理思路，导师逐项点评。",
        "复盘近期审结的{case}，重点讨论法律适用分歧和类案裁判尺度，明确同类案件的审查要点。",
        "结合{case}典型案例讲解{skill}的审理要点，对照最高法带教性案例分析裁判规则。",
        "共同研究一起拟提交专业法官会议讨论的{case}，带教徒弟撰写案件讨论提纲。",
    ),
    ("case_review", "2-3"): (
        "结合一起{case}的卷宗，讲解案件从立案到结案的流程节点和书记员在各环节的职责。",
        "翻阅已归档的{case}卷宗，讲解证据材料的装订顺序和卷宗目录的编制要求。",
    ),
    ("judgment_writing", "1-2"): (
        "逐段批改徒弟起草的{case}判决书初稿，重点带教事实认定部分的表述和说理的层次。",
        "对照全市优秀裁判文书，讲解{case}判决书“繁简分流”的写法，分析论证结构。",
        "审阅徒弟近一个月起草的三份裁判文书，指出格式、引用法条和数字核对方面的问题。",
    ),
    ("judgment_writing", "2-3"): (
        "讲解裁判文书校对和送达的规范，逐份核对徒弟近期校对的文书，指出当事人信息和日期的差错。",
        "带教徒弟起草{case}的送达回证和开庭传票，讲解格式文书的常见错误。",
    ),
    ("courtroom_practice", "1-2"): (
        "共同旁听一起{case}庭审，庭后复盘法庭调查和辩论环节的节奏把控以及对当事人情绪的引导。",
        "徒弟主持一起{case}庭前会议，导师现场观摩，会后点评争点归纳和证据交换的组织。",
        "观看全市庭审观摩评比的优秀庭审录像，讲解庭审驾驭的关键环节和突发情况处置。",
    ),
    ("courtroom_practice", "2-3"): (
        "带教徒弟做好一起{case}的庭审记录，讲解速录要点、笔录核对和当事人签字确认的规范。",
        "徒弟独立担任一场庭审的书记员，导师旁听后逐页点评庭审笔录。",
        "讲解庭前准备工作清单：排期、送达、法庭布置和庭审设备调试。",
    ),
    ("enforcement", "1-2"): (
        "带领徒弟参与一起{case}的现场执行，讲解执行措施的选择、执行风险的评估和现场安全防范。",
        "复盘一起{case}的办理过程，讲解网络查控、财产处置和终本程序的适用条件。",
        "讲解执行异议的审查要点，带教徒弟起草一份执行裁定书。",
    ),
    ("enforcement", "2-3"): (
        "讲解执行案件卷宗的整理要求和执行笔录的制作规范，结合一起{case}逐项示范。",
        "带教徒弟通过网络查控系统发起财产查询，讲解查询结果的登记和归档。",
    ),
    ("mediation", "1-2"): (
        "共同参与一起{case}的调解，讲解情绪疏导、利益平衡和调解方案设计的技巧。",
        "复盘一起调解未成功的{case}，分析当事人的真实诉求和可以切入的调解节点。",
        "讲解诉前调解与诉讼程序的衔接，以及司法确认的审查要点。",
    ),
    ("mediation", "2-3"): (
        "徒弟旁听导师主持的一次调解，会后讲解调解笔录的记录要点和调解协议的规范格式。",
        "讲解诉讼服务窗口的接待规范和{case}的登记要求，徒弟现场接待两名当事人。",
    ),
    ("ethics", "1-2"): (
        "学习“三个规定”及近期通报的违纪违法典型案例，交流如何防范人情案、关系案、金钱案。",
        "开展廉政谈心谈话，结合审判工作实际强调严守审判纪律、保守审判秘密。",
    ),
    ("ethics", "2-3"): (
        "学习法院工作人员廉政纪律规定，讲解卷宗保密和对外接待中的纪律要求。",
        "开展廉政谈心谈话，提醒徒弟与当事人及律师交往的边界。",
    ),
    ("other", "1-2"): (
        "讲解{skill}的工作要点，结合本庭工作布置一项练习，约定下次会面时交流。",
        "带教徒弟就审判实践中发现的问题撰写调研文章，讨论选题、提纲和论证思路。",
        "谈心谈话，了解徒弟近期的办案情况和思想状态，共同调整下一阶段的学习计划。",
    ),
    ("other", "2-3"): (
        "演示电子卷宗随案生成和在线庭审系统的操作，徒弟现场练习扫描、编目和上传。",
        "讲解{skill}的基本要求，结合徒弟的日常工作布置练习。",
        "谈心谈话，了解徒弟的工作和学习情况，鼓励其备考法律职业资格考试。",
    ),
}
"""Session notes by (category, link)."""

TOPIC_WORDS: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {
    ("case_review", "1-2"): (
        ("讨论一起{case}的裁判思路", "研讨徒弟承办的{case}，梳理争议焦点和证据链条"),
        ("复盘近期审结的{case}，统一类案裁判尺度", "{case}法律适用分歧的讨论"),
        ("结合带教性案例讲{skill}的审理要点", "对照最高法带教性案例研究{case}的裁判规则"),
        ("准备提交专业法官会议的{case}", "带教起草{case}的案件讨论提纲"),
    ),
    ("case_review", "2-3"): (
        ("结合{case}卷宗熟悉立案到结案的流程节点", "书记员在{case}各环节的职责"),
        ("{case}卷宗的装订顺序和目录编制", "翻阅归档卷宗，学习卷宗整理"),
    ),
    ("judgment_writing", "1-2"): (
        ("批改{case}判决书初稿的事实认定部分", "{case}判决书说理层次的修改"),
        ("对照优秀裁判文书学习{case}判决书的繁简写法", "研读全市优秀裁判文书的论证结构"),
        ("审阅近一个月起草的三份裁判文书", "裁判文书格式、法条引用和数字核对"),
    ),
    ("judgment_writing", "2-3"): (
        ("核对近期校对的裁判文书，找当事人信息和日期差错", "裁判文书校对和送达规范"),
        ("起草{case}的送达回证和开庭传票", "格式文书的常见错误"),
    ),
    ("courtroom_practice", "1-2"): (
        ("复盘上周{case}庭审中法庭调查和辩论的节奏", "旁听{case}庭审后复盘庭审驾驭"),
        ("点评徒弟主持的{case}庭前会议", "{case}庭前会议的争点归纳和证据交换"),
        ("观摩优秀庭审录像，学习突发情况处置", "庭审驾驭的关键环节"),
    ),
    ("courtroom_practice", "2-3"): (
        ("{case}庭审记录的速录要点和笔录核对", "做好{case}的庭审记录"),
        ("逐页点评上次庭审笔录", "独立担任书记员后的庭审笔录点评"),
        ("梳理庭前准备工作清单", "排期、送达和法庭布置的准备"),
    ),
    ("enforcement", "1-2"): (
        ("一起{case}现场执行的措施选择和安全防范", "参与{case}现场执行"),
        ("复盘{case}的办理过程", "网络查控、财产处置和终本程序的适用"),
        ("执行异议的审查要点", "带教起草一份执行裁定书"),
    ),
    ("enforcement", "2-3"): (
        ("{case}卷宗整理和执行笔录制作", "执行卷宗的整理要求"),
        ("练习用网络查控系统发起财产查询", "财产查询结果的登记和归档"),
    ),
    ("mediation", "1-2"): (
        ("一起{case}的调解方案设计", "共同调解{case}，谈情绪疏导和利益平衡"),
        ("复盘一起调解未成功的{case}", "找准{case}当事人的真实诉求"),
        ("诉前调解与诉讼程序的衔接", "司法确认的审查要点"),
    ),
    ("mediation", "2-3"): (
        ("旁听调解后讲调解笔录的记录要点", "调解协议的规范格式"),
        ("诉讼服务窗口的接待规范和{case}登记", "现场接待当事人，学习{case}的登记要求"),
    ),
    ("ethics", "1-2"): (
        ("学习“三个规定”和近期通报的典型案例", "如何防范人情案、关系案、金钱案"),
        ("廉政谈心谈话：严守审判纪律、保守审判秘密", "廉政谈心谈话"),
    ),
    ("ethics", "2-3"): (
        ("学习廉政纪律规定，讲卷宗保密和对外接待", "卷宗保密和对外接待中的纪律要求"),
        ("廉政谈心谈话：与当事人及律师交往的边界", "廉政谈心谈话"),
    ),
    ("other", "1-2"): (
        ("{skill}的工作要点和一项练习", "结合本庭工作交流{skill}"),
        ("调研文章的选题、提纲和论证思路", "带教撰写调研文章"),
        ("谈心谈话，调整下一阶段的学习计划", "了解近期办案情况和思想状态"),
    ),
    ("other", "2-3"): (
        ("演示电子卷宗随案生成和在线庭审系统", "练习电子卷宗的扫描、编目和上传"),
        ("{skill}的基本要求和日常练习", "结合日常工作练习{skill}"),
        ("谈心谈话，聊工作学习和法律职业资格考试备考", "谈心谈话"),
    ),
}
"""How a mentor would title each session of ``NOTES``, entry for entry: ``TOPIC_WORDS[key][i]``
holds the ways to say what the notes ``NOTES[key][i]`` record (same ``{case}``, ``{skill}``)."""

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
    "徒弟进步明显，下一步重点提升独立分析能力。",
    "约定下次由徒弟主讲，导师点评。",
    "徒弟对相关问题理解到位，能够举一反三。",
    "徒弟在细节把握上仍需加强，已约定专项练习。",
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
"""Agreed action items by category."""

CORRECTIONS: dict[str, str] = {
    "minutes": "时长填写有误，更正为实际时长",
    "skills": "补充本次涉及的技能",
    "notes": "补充记录本次会面的约定事项",
}
"""Why a log was corrected, by the field the correction changes."""

NOTE_ADDENDUM = "会后已将相关资料发给徒弟。"

LEVEL_REASONS: tuple[str, ...] = (
    "导师季度评估：{skill}方面能够独立承担相应工作，评定提升一级",
    "结合近期办案质效和导师评价，{skill}水平提升",
    "导师评估：{skill}进步明显，达到下一等级要求",
)
"""Why a mentee's level rose (the mentor's assessment)."""

DESCRIPTION_GOALS: dict[str, tuple[str, ...]] = {
    "1-2": (
        "带教期内独立起草不少于二十份裁判文书",
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
    "政治部电话提醒导师尽快安排带教活动并及时记录",
    "已向导师发送提醒通知，请本月内安排一次面对面带教",
    "提醒导师：带教记录已超过一个月未更新",
)
ESCALATION_NOTES: tuple[str, ...] = (
    "提醒后仍无带教记录，已报政治部分管领导，约谈导师了解原因",
    "两次提醒后仍未开展带教活动，提交政治部研究是否调整带教关系",
)

DISSOLVE_CODES: dict[str, str] = {
    "导师工作调整，带教关系解除": "seconded",
    "徒弟岗位调整至其他部门": "other",
    "双方工作时间难以协调，经协商解除": "mismatch",
    "带教计划执行不到位，经政治部评估后解除": "mismatch",
    "导师退休，带教关系终止": "mentor_left",
    "导师调离本院，带教关系终止": "mentor_left",
    "徒弟调离本院，带教关系终止": "other",
}
"""The re-match reason code of each dissolution reason the demo roster uses."""

WITHDRAWN_REASON = "徒弟已调离本院，无需重新匹配"
