"""Vocabularies of the demo data set: courts, departments, skills and the phrases of texts.

Everything here is plain data; ``talent.demo.load`` draws from it. The court names are the real
Wuhai court system (see ``reference/seed-article-zh.txt``); the people's tribunals are named
after real towns of each district but are not checked against the courts' own rosters.
The phrases are written the way a court's HR department describes its staff, so that the
words of a person's expertise and goals follow from their department and skills, and text
similarity in matching has something to find.
"""

from __future__ import annotations

from dataclasses import dataclass


# --- courts and departments ------------------------------------------------------------
@dataclass(frozen=True)
class DepartmentSpec:
    """A department of one court: profile key, names and headcount at scale 1."""

    key: str
    name: str
    name_en: str
    headcount: int


@dataclass(frozen=True)
class CourtSpec:
    """A court, the prefix of its staff numbers and the code in its case numbers."""

    name: str
    name_en: str
    kind: str
    staff_prefix: str
    case_code: str
    departments: tuple[DepartmentSpec, ...]


def _dept(
    key: str, headcount: int, name: str | None = None, name_en: str | None = None
) -> DepartmentSpec:
    profile = PROFILES[key]
    return DepartmentSpec(key, name or profile.name, name_en or profile.name_en, headcount)


@dataclass(frozen=True)
class DepartmentProfile:
    """What a kind of department does: its staffing family, its field and its skills.

    ``family`` picks the staffing template (leadership, trial, enforcement, admin);
    ``core`` skills are held by everyone in the department, ``extra`` ones by some.
    """

    name: str
    name_en: str
    family: str
    area: str
    core: tuple[str, ...]
    extra: tuple[str, ...]
    case_kind: str = "民初"


PROFILES: dict[str, DepartmentProfile] = {
    "leadership": DepartmentProfile(
        "院领导",
        "Court Leadership",
        "leadership",
        "审判管理",
        ("trial_management", "political_theory", "judgment_writing"),
        ("research_writing",),
    ),
    "filing": DepartmentProfile(
        "立案庭",
        "Case Filing Division",
        "trial",
        "立案和诉讼服务",
        ("case_filing", "mediation", "petition_handling"),
        ("smart_court", "civil_trial", "legal_publicity"),
    ),
    "civil1": DepartmentProfile(
        "民事审判第一庭",
        "First Civil Division",
        "trial",
        "民事审判",
        ("civil_trial", "marriage_family", "labor_disputes", "tort_liability"),
        ("mediation", "contract_disputes"),
    ),
    "civil2": DepartmentProfile(
        "民事审判第二庭",
        "Second Civil Division (Commercial)",
        "trial",
        "商事审判",
        ("commercial_trial", "contract_disputes", "financial_disputes"),
        ("corporate_bankruptcy", "civil_trial"),
    ),
    "civil": DepartmentProfile(
        "民事审判庭",
        "Civil Division",
        "trial",
        "民事审判",
        ("civil_trial", "contract_disputes", "marriage_family"),
        ("tort_liability", "labor_disputes", "mediation", "financial_disputes"),
    ),
    "criminal": DepartmentProfile(
        "刑事审判庭",
        "Criminal Division",
        "trial",
        "刑事审判",
        ("criminal_trial",),
        ("juvenile_justice", "tort_liability", "legal_publicity"),
        "刑初",
    ),
    "administrative": DepartmentProfile(
        "行政审判庭",
        "Administrative Division",
        "trial",
        "行政审判",
        ("administrative_trial",),
        ("mediation", "legal_publicity"),
        "行初",
    ),
    "supervision": DepartmentProfile(
        "审判监督庭",
        "Trial Supervision Division",
        "trial",
        "审判监督",
        ("trial_supervision", "civil_trial"),
        ("criminal_trial", "petition_handling"),
        "民申",
    ),
    "tribunal": DepartmentProfile(
        "人民法庭",
        "People's Tribunal",
        "trial",
        "基层民事审判",
        ("civil_trial", "mediation", "marriage_family"),
        ("contract_disputes", "legal_publicity", "tort_liability"),
    ),
    "enforcement": DepartmentProfile(
        "执行局",
        "Enforcement Bureau",
        "enforcement",
        "执行",
        ("enforcement", "asset_investigation"),
        ("enforcement_adjudication", "corporate_bankruptcy", "smart_court"),
        "执",
    ),
    "management": DepartmentProfile(
        "审判管理办公室",
        "Trial Management Office",
        "admin",
        "审判管理",
        ("trial_management", "smart_court"),
        ("research_writing",),
    ),
    "research": DepartmentProfile(
        "研究室",
        "Research Office",
        "admin",
        "审判调研",
        ("research_writing", "judgment_writing"),
        ("legal_publicity", "trial_management"),
    ),
    "political": DepartmentProfile(
        "政治部",
        "Political Department (HR)",
        "admin",
        "政工人事",
        ("personnel_work", "political_theory"),
        ("document_drafting",),
    ),
    "office": DepartmentProfile(
        "办公室",
        "General Office",
        "admin",
        "综合行政",
        ("document_drafting",),
        ("legal_publicity", "smart_court", "political_theory"),
    ),
}

COURTS: tuple[CourtSpec, ...] = (
    CourtSpec(
        "乌海市中级人民法院",
        "Wuhai Intermediate People's Court",
        "intermediate_court",
        "ZY",
        "内03",
        (
            _dept("leadership", 7),
            _dept("filing", 14),
            _dept("civil1", 18),
            _dept("civil2", 16),
            _dept("criminal", 16),
            _dept("administrative", 10),
            _dept("supervision", 10),
            _dept("enforcement", 26),
            _dept("management", 8),
            _dept("research", 8),
            _dept("political", 12),
            _dept("office", 14),
        ),
    ),
    CourtSpec(
        "海勃湾区人民法院",
        "Haibowan District People's Court",
        "basic_court",
        "HBW",
        "内0302",
        (
            _dept("leadership", 5),
            _dept("filing", 14),
            _dept("civil1", 18),
            _dept("civil2", 16),
            _dept("criminal", 14),
            _dept("administrative", 8),
            _dept("enforcement", 28),
            _dept("management", 5),
            _dept("political", 8),
            _dept("office", 9),
            _dept("tribunal", 10, "千里山人民法庭", "Qianlishan People's Tribunal"),
        ),
    ),
    CourtSpec(
        "乌达区人民法院",
        "Wuda District People's Court",
        "basic_court",
        "WD",
        "内0304",
        (
            _dept("leadership", 4),
            _dept("filing", 8),
            _dept("civil", 14),
            _dept("criminal", 9),
            _dept("enforcement", 16),
            _dept("political", 5),
            _dept("office", 6),
            _dept("tribunal", 8, "乌兰淖尔人民法庭", "Wulannaoer People's Tribunal"),
        ),
    ),
    CourtSpec(
        "海南区人民法院",
        "Hainan District People's Court",
        "basic_court",
        "HN",
        "内0303",
        (
            _dept("leadership", 4),
            _dept("filing", 9),
            _dept("civil", 14),
            _dept("criminal", 10),
            _dept("enforcement", 17),
            _dept("political", 5),
            _dept("office", 6),
            _dept("tribunal", 8, "巴音陶亥人民法庭", "Bayintaohai People's Tribunal"),
            _dept("tribunal", 6, "拉僧庙人民法庭", "Lasengmiao People's Tribunal"),
        ),
    ),
)
"""The four courts at scale 1, the intermediate court first (443 people)."""


# --- skills ------------------------------------------------------------------------------
SKILLS: tuple[tuple[str, str, str, str, str | None], ...] = (
    # (code, name, name_en, category, parent code); parents come before their children.
    ("trial_business", "审判业务", "Trial work", "trial", None),
    ("enforcement_business", "执行业务", "Enforcement work", "enforcement", None),
    ("litigation_services", "诉讼服务", "Litigation services", "litigation_service", None),
    ("core_competence", "综合素能", "Core competences", "competence", None),
    ("political_quality", "政治素质", "Political quality and integrity", "political", None),
    ("court_technology", "科技赋能", "Court technology", "technology", None),
    ("civil_trial", "民事审判", "Civil trial", "trial", "trial_business"),
    ("commercial_trial", "商事审判", "Commercial trial", "trial", "trial_business"),
    ("criminal_trial", "刑事审判", "Criminal trial", "trial", "trial_business"),
    ("administrative_trial", "行政审判", "Administrative trial", "trial", "trial_business"),
    ("trial_supervision", "审判监督", "Trial supervision and retrial", "trial", "trial_business"),
    ("contract_disputes", "合同纠纷", "Contract disputes", "trial", "civil_trial"),
    ("marriage_family", "婚姻家庭纠纷", "Marriage and family disputes", "trial", "civil_trial"),
    ("labor_disputes", "劳动争议", "Labour disputes", "trial", "civil_trial"),
    ("tort_liability", "侵权责任纠纷", "Tort liability disputes", "trial", "civil_trial"),
    ("financial_disputes", "金融借款纠纷", "Financial loan disputes", "trial", "commercial_trial"),
    ("corporate_bankruptcy", "公司与破产", "Company and bankruptcy cases", "trial", "commercial_trial"),
    ("juvenile_justice", "少年审判", "Juvenile justice", "trial", "criminal_trial"),
    ("enforcement", "执行实施", "Enforcement of judgments", "enforcement", "enforcement_business"),
    ("asset_investigation", "财产查控", "Asset investigation and seizure", "enforcement", "enforcement_business"),
    ("enforcement_adjudication", "执行裁决", "Enforcement objections", "enforcement", "enforcement_business"),
    ("case_filing", "立案审查", "Case filing", "litigation_service", "litigation_services"),
    ("mediation", "调解与多元解纷", "Mediation and diversified dispute resolution", "litigation_service", "litigation_services"),
    ("petition_handling", "涉诉信访", "Litigation-related petitions", "litigation_service", "litigation_services"),
    ("judgment_writing", "裁判文书写作", "Judgment writing", "competence", "core_competence"),
    ("courtroom_control", "庭审驾驭", "Courtroom control", "competence", "core_competence"),
    ("court_records", "庭审记录与卷宗管理", "Court records and case files", "competence", "core_competence"),
    ("research_writing", "调研写作", "Judicial research writing", "competence", "core_competence"),
    ("legal_publicity", "法治宣传", "Legal publicity", "competence", "core_competence"),
    ("document_drafting", "公文写作", "Official document drafting", "competence", "core_competence"),
    ("trial_management", "审判管理", "Trial management and quality analysis", "competence", "core_competence"),
    ("political_theory", "政治理论", "Political theory", "political", "political_quality"),
    ("ethics", "廉政纪律", "Ethics and discipline", "political", "political_quality"),
    ("personnel_work", "政工人事", "Personnel and cadre work", "political", "political_quality"),
    ("smart_court", "智慧法院应用", "Smart-court tools", "technology", "court_technology"),
)  # fmt: skip
"""The skill taxonomy: six categories and 29 skills below them (35 rows)."""

RELATIONS: tuple[tuple[str, str, float], ...] = (
    ("civil_trial", "commercial_trial", 0.8),
    ("contract_disputes", "financial_disputes", 0.7),
    ("contract_disputes", "commercial_trial", 0.6),
    ("marriage_family", "mediation", 0.7),
    ("labor_disputes", "mediation", 0.5),
    ("tort_liability", "criminal_trial", 0.4),
    ("tort_liability", "contract_disputes", 0.4),
    ("mediation", "case_filing", 0.8),
    ("case_filing", "petition_handling", 0.6),
    ("mediation", "petition_handling", 0.5),
    ("enforcement", "asset_investigation", 0.9),
    ("enforcement", "enforcement_adjudication", 0.7),
    ("enforcement_adjudication", "civil_trial", 0.5),
    ("corporate_bankruptcy", "enforcement", 0.6),
    ("criminal_trial", "juvenile_justice", 0.8),
    ("administrative_trial", "civil_trial", 0.4),
    ("administrative_trial", "criminal_trial", 0.3),
    ("trial_supervision", "judgment_writing", 0.6),
    ("judgment_writing", "courtroom_control", 0.6),
    ("judgment_writing", "research_writing", 0.7),
    ("court_records", "courtroom_control", 0.4),
    ("research_writing", "legal_publicity", 0.5),
    ("legal_publicity", "juvenile_justice", 0.5),
    ("legal_publicity", "mediation", 0.4),
    ("smart_court", "trial_management", 0.6),
    ("smart_court", "case_filing", 0.5),
    ("smart_court", "asset_investigation", 0.5),
    ("trial_management", "research_writing", 0.5),
    ("political_theory", "ethics", 0.7),
    ("personnel_work", "political_theory", 0.6),
    ("personnel_work", "document_drafting", 0.6),
    ("document_drafting", "research_writing", 0.6),
)
"""Weighted relations of the skills graph, each pair once."""


# --- expertise texts ---------------------------------------------------------------------
@dataclass(frozen=True)
class Topics:
    """Case types of a skill: ``擅长{items}{suffix}{work}`` reads 擅长买卖合同、民间借贷纠纷审理."""

    items: tuple[str, ...]
    suffix: str
    work: str


TOPICS: dict[str, Topics] = {
    "civil_trial": Topics(("相邻关系", "物业服务合同", "人格权", "不当得利"), "纠纷", "审理"),
    "contract_disputes": Topics(
        ("买卖合同", "民间借贷", "房屋租赁合同", "建设工程施工合同", "承揽合同"), "纠纷", "审理"
    ),
    "marriage_family": Topics(("离婚", "抚养费", "法定继承", "赡养", "婚约财产"), "纠纷", "审理"),
    "labor_disputes": Topics(
        ("劳动合同", "追索劳动报酬", "工伤保险待遇", "确认劳动关系"), "纠纷", "审理"
    ),
    "tort_liability": Topics(
        ("机动车交通事故责任", "医疗损害责任", "健康权", "产品责任"), "纠纷", "审理"
    ),
    "commercial_trial": Topics(("股东出资", "保证合同", "票据", "保险合同"), "纠纷", "审理"),
    "financial_disputes": Topics(
        ("金融借款合同", "信用卡", "融资租赁合同", "小额借款合同"), "纠纷", "审理"
    ),
    "corporate_bankruptcy": Topics(("破产清算", "破产重整", "执转破", "公司解散"), "案件", "审理"),
    "criminal_trial": Topics(
        (
            "盗窃",
            "诈骗",
            "危险驾驶",
            "毒品犯罪",
            "电信网络诈骗",
            "涉黑涉恶犯罪",
            "非法吸收公众存款",
            "环境资源犯罪",
        ),
        "案件",
        "审理",
    ),
    "juvenile_justice": Topics(("未成年人犯罪", "侵害未成年人权益"), "案件", "审理"),
    "administrative_trial": Topics(
        ("行政征收补偿", "工伤认定", "政府信息公开", "行政处罚", "行政协议"), "案件", "审理"
    ),
    "trial_supervision": Topics(("民事再审审查", "申诉复查", "发回重审"), "案件", "办理"),
    "enforcement": Topics(
        ("涉民生案件执行", "涉企案件执行", "终本案件清理", "腾房交地执行", "打击拒执犯罪"),
        "",
        "工作",
    ),
    "asset_investigation": Topics(
        ("网络查控", "不动产查封处置", "网络司法拍卖", "悬赏执行"), "", "工作"
    ),
    "enforcement_adjudication": Topics(
        ("执行异议", "执行复议", "案外人执行异议之诉"), "案件", "审查"
    ),
    "case_filing": Topics(("登记立案", "繁简分流", "网上立案审查", "诉讼服务"), "", "工作"),
    "mediation": Topics(("诉前调解", "委派调解", "多元解纷", "特邀调解对接"), "", "工作"),
    "petition_handling": Topics(("涉诉信访接待", "信访积案化解", "申诉来访答疑"), "", "工作"),
    "trial_management": Topics(("审判质效分析", "流程节点管理", "案件质量评查"), "", "工作"),
    "research_writing": Topics(("类案裁判规则", "审判调研", "司法建议"), "", "工作"),
    "personnel_work": Topics(("干部考核", "教育培训", "政治素质档案", "干部选拔任用"), "", "工作"),
    "document_drafting": Topics(("公文起草", "综合材料", "会议组织", "督查督办"), "", "工作"),
    "political_theory": Topics(("理论学习", "党建工作"), "", "工作"),
    "legal_publicity": Topics(("法治进校园", "以案释法", "庭审直播"), "", "工作"),
    "smart_court": Topics(("电子卷宗随案生成", "在线庭审", "智慧执行平台"), "", "应用"),
}

STRENGTHS: dict[str, tuple[str, ...]] = {
    "judgment_writing": (
        "裁判文书说理充分、逻辑严密",
        "多篇裁判文书获评全区优秀裁判文书",
        "文书规范，改判发回率低",
    ),
    "courtroom_control": (
        "庭审驾驭能力强，善于归纳争议焦点",
        "庭审节奏把控得当",
        "多次承担庭审直播和观摩庭",
    ),
    "mediation": ("善于做当事人思想工作，调解撤诉率高", "注重案结事了，调解成功率高"),
    "research_writing": ("多篇调研文章在省级刊物发表", "参与自治区高院重点调研课题"),
    "legal_publicity": ("经常进社区、进校园开展普法宣讲", "担任中小学法治副校长"),
    "smart_court": ("熟练运用智慧法院办案平台", "熟悉电子卷宗随案生成和在线庭审"),
    "trial_management": ("熟悉审判质效指标分析", "善于运用数据研判审判运行态势"),
    "court_records": ("庭审记录准确完整，速录能力突出", "卷宗装订归档规范及时", "送达工作及时规范"),
    "document_drafting": ("公文写作功底扎实", "擅长起草综合材料和工作报告"),
    "personnel_work": ("熟悉干部考核、教育培训和队伍管理", "熟悉干部选拔任用程序"),
    "political_theory": ("政治理论功底扎实", "积极参与青年理论学习小组"),
    "ethics": ("严守廉洁纪律，作风扎实",),
    "enforcement": ("执行攻坚经验丰富", "参与执行攻坚·赋能夜课堂授课"),
    "asset_investigation": ("善于运用网络查控系统查找被执行人财产",),
    "case_filing": ("熟悉登记立案和繁简分流规则",),
    "petition_handling": ("接访耐心细致，善于化解信访矛盾",),
    "criminal_trial": ("证据审查细致，量刑规范",),
    "administrative_trial": ("注重行政争议实质性化解",),
}

LEADER_FIELDS: dict[str, str] = {
    # skill -> the field a court leader is in charge of (分管)
    "civil_trial": "民事审判",
    "criminal_trial": "刑事审判",
    "commercial_trial": "商事审判",
    "administrative_trial": "行政审判",
    "enforcement": "执行",
}

CLERK_STRENGTHS = ("court_records", "smart_court", "ethics")
"""The skills a clerk's strengths are told from."""

CLERK_DUTIES: dict[str, str] = {
    # by department key first, then by family
    "filing": "负责登记立案、诉讼材料收转和诉讼服务窗口工作",
    "tribunal": "负责法庭案件庭审记录、送达和巡回审判保障工作",
    "trial": "负责{area}案件庭审记录、送达和卷宗归档",
    "enforcement": "负责执行案件的文书送达、查控登记和卷宗归档",
    "admin": "负责{dept}日常事务性工作和材料归档",
    "leadership": "负责院领导办公室文稿和日常事务",
}


# --- goals texts -------------------------------------------------------------------------
GOALS: dict[str, tuple[str, str]] = {
    # skill -> (verb, object); two goals with one verb read 提升庭审驾驭能力和调解技巧.
    "courtroom_control": ("提升", "庭审驾驭能力"),
    "mediation": ("提升", "调解技巧"),
    "judgment_writing": ("提高", "裁判文书说理水平"),
    "research_writing": ("加强", "调研写作能力"),
    "legal_publicity": ("提升", "普法宣讲能力"),
    "smart_court": ("提升", "智慧法院系统应用水平"),
    "court_records": ("提高", "庭审速录和卷宗归档质量"),
    "contract_disputes": ("掌握", "合同纠纷裁判规则"),
    "marriage_family": ("掌握", "婚姻家庭案件调处方法"),
    "labor_disputes": ("掌握", "劳动争议案件审理要点"),
    "tort_liability": ("掌握", "侵权责任认定和损害赔偿计算"),
    "civil_trial": ("夯实", "民事审判基本功"),
    "commercial_trial": ("熟悉", "商事审判思维和裁判规则"),
    "financial_disputes": ("熟悉", "金融借款案件审理规则"),
    "corporate_bankruptcy": ("熟悉", "破产案件办理流程"),
    "criminal_trial": ("提高", "刑事证据审查和量刑规范化能力"),
    "juvenile_justice": ("学习", "少年审判工作方法"),
    "administrative_trial": ("提高", "行政行为合法性审查能力"),
    "trial_supervision": ("熟悉", "再审审查标准"),
    "enforcement": ("提升", "执行攻坚能力"),
    "asset_investigation": ("掌握", "网络查控和财产处置技能"),
    "enforcement_adjudication": ("熟悉", "执行异议审查规则"),
    "case_filing": ("熟悉", "登记立案和繁简分流规则"),
    "petition_handling": ("提升", "涉诉信访化解能力"),
    "document_drafting": ("提高", "公文写作水平"),
    "trial_management": ("提升", "审判质效数据分析能力"),
    "personnel_work": ("熟悉", "干部人事工作流程"),
    "political_theory": ("加强", "政治理论学习"),
    "ethics": ("筑牢", "廉洁自律防线"),
}

AMBITIONS: dict[str, tuple[str, ...]] = {
    "judge": ("争取独立承办重大疑难复杂案件", "争取入选优秀年轻干部库", "努力成为审判业务骨干"),
    "assistant": (
        "争取早日入额成为员额法官",
        "做到提笔能写、开口能讲、业务精通",
        "为独立承办案件打好基础",
    ),
    "officer": ("争取成为执行攻坚骨干", "提高执行案件办理效率和质量"),
    "staff": ("做到提笔能写、开口能讲、业务精通", "争取入选优秀年轻干部库"),
    "clerk": (
        "争取通过国家统一法律职业资格考试",
        "争取向法官助理岗位发展",
        "尽快适应岗位要求，提高工作效率和质量",
    ),
    "senior_admin": ("推动队伍建设规范化、科学化", "总结工作经验，形成调研成果"),
    "senior": (
        "总结类案审理经验，形成调研成果",
        "推动审判质效持续提升",
        "带头攻坚重大疑难复杂案件",
    ),
}

MENTOR_PLEDGES: dict[str, tuple[str, ...]] = {
    "judicial": (
        "发挥传帮带作用，带出一批青年业务骨干",
        "带教青年干警提升办案能力",
        "做好资深法官领衔带教，把审判经验传下去",
    ),
    "admin": ("发挥传帮带作用，带出一批青年业务骨干", "带教青年干警提升综合能力"),
}


# --- conflicts and pairing outcomes -------------------------------------------------------
CASE_CONFLICT = (
    "二人在（{year}）{code}{kind}{no}号案件中存在利害关系"
    "（一方为承办人，另一方近亲属系该案当事人），应予回避"
)
SPOUSE_CONFLICT = "二人系夫妻关系，不宜结成带教对子"
KIN_CONFLICT = "二人系{relation}关系，属近亲属，应予回避"
PARENT_RELATIONS = {
    ("male", "male"): "父子",
    ("male", "female"): "父女",
    ("female", "male"): "母子",
    ("female", "female"): "母女",
}
SIBLING_RELATIONS = {
    # (elder's gender, younger's gender) -> relation
    ("male", "male"): "兄弟",
    ("male", "female"): "兄妹",
    ("female", "male"): "姐弟",
    ("female", "female"): "姐妹",
}

COMPLETED_REASONS: dict[str, tuple[str, ...]] = {
    "1-2": (
        "带教期满，徒弟考核优秀",
        "带教期满，徒弟已能独立承办复杂案件",
        "徒弟入额成为员额法官，带教圆满结束",
        "带教期满，考核合格",
    ),
    "2-3": (
        "带教期满，考核合格",
        "徒弟通过法律职业资格考试，带教目标完成",
        "带教期满，徒弟庭审记录和文书送达已能独立完成",
    ),
}
DISSOLVED_REASONS: tuple[str, ...] = (
    "导师工作调整，带教关系解除",
    "徒弟岗位调整至其他部门",
    "双方工作时间难以协调，经协商解除",
    "带教计划执行不到位，经政治部评估后解除",
)
MENTOR_LEFT_REASONS: tuple[str, ...] = ("导师退休，带教关系终止", "导师调离本院，带教关系终止")
MENTEE_LEFT_REASON = "徒弟调离本院，带教关系终止"
