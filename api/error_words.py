"""The Chinese words of the API's errors: a sentence per rule, a name per kind of record,
and pydantic's validation errors, so that a Chinese request reads its error in Chinese.

The rules of a pairing use the sentences the pages show (``api.web.labels.matching``), so a
409 and the page that explains it say the same; the other rules have theirs here. English
requests keep the services' own messages.
"""

from __future__ import annotations

from typing import Any

from api.web.labels.matching import RULES

RULE_SENTENCES: dict[str, str] = {
    **RULES,
    "already_ended": "该结对已经结束",
    "already_confirmed": "该记录已经确认过",
    "already_in_pool": "此人已在优秀年轻干部库中",
    "already_reviewed": "本轮评议已对此人作出决定",
    "demo_exists": "数据库里已有人员，演示数据只能载入空库",
    "duplicate_assessment": "同一期间已有这项考核",
    "duplicate_backup": "此人已是该岗位的后备人选",
    "duplicate_case_metric": "同一期间已有办案数据",
    "duplicate_conflict": "二人之间已申报过利益冲突",
    "duplicate_cycle": "该评议周期已存在",
    "duplicate_goal": "该结对已有同一技能的进行中目标",
    "duplicate_key_post": "该关键岗位已存在",
    "duplicate_relation": "这两项技能之间已有关联",
    "duplicate_skill_code": "技能代码已被使用",
    "duplicate_staff_no": "工号已被使用",
    "duplicate_standard": "该岗位标准已存在",
    "duplicate_unit": "同一上级单位下已有同名单位",
    "duplicate_username": "用户名已被占用",
    "escalation_order": "催办须按顺序：先提醒导师，再告知导师所在部门负责人，每次逾期每一步只做一次",
    "holder_as_backup": "岗位现任者不能兼任本岗位后备",
    "illegal_transition": "当前状态不允许这一步操作",
    "inactive_backup": "不在岗人员不能作为后备",
    "last_admin": "这是最后一个在用的系统管理员账号，不能停用或改为其他角色",
    "list_item_not_open": "该事项已经办结",
    "no_change": "没有要保存的修改",
    "not_eligible": "不符合入库条件",
    "not_overdue": "该结对未逾期，无需催办",
    "not_waiting": "该重新匹配记录已不在等待中",
    "nothing_to_undo": "没有可撤销的操作",
    "pairing_not_active": "该结对不在进行中",
    "person_has_account": "此人已有账号，一人只能有一个账号",
    "reserve_policy": "后备干部政策文件有误",
    "roster_changed": "花名册在试导入后已有变动，请重新试导入",
    "self_relation": "技能不能与自己关联",
    "unit_tree": "单位层级不对：部门须在法院或部门之下，基层法院只能在中级法院之下或为顶层单位",
}

RECORD_NAMES: dict[str, str] = {
    "action item": "待办事项",
    "audit_event": "审计记录",
    "backup": "后备人选",
    "candidate": "后备干部",
    "conflict": "利益冲突申报",
    "cycle": "评议周期",
    "document": "材料",
    "goal": "带教目标",
    "guidance log": "带教记录",
    "key_post": "关键岗位",
    "list_item": "事项",
    "matching run": "匹配批次",
    "pairing": "结对",
    "person": "人员",
    "proposal": "匹配建议",
    "rematch entry": "重新匹配队列记录",
    "skill": "技能",
    "unit": "单位",
    "user": "账号",
}

# pydantic's error types, with the context values they name.
VALIDATION_SENTENCES: dict[str, str] = {
    "missing": "必填",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "greater_than": "须大于 {gt}",
    "greater_than_equal": "须大于或等于 {ge}",
    "less_than": "须小于 {lt}",
    "less_than_equal": "须小于或等于 {le}",
    "int_parsing": "须是整数",
    "int_type": "须是整数",
    "int_from_float": "须是整数",
    "float_parsing": "须是数字",
    "float_type": "须是数字",
    "bool_parsing": "须是 true 或 false",
    "bool_type": "须是 true 或 false",
    "string_type": "须是文字",
    "date_parsing": "须是日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "须是日期（YYYY-MM-DD）",
    "date_type": "须是日期（YYYY-MM-DD）",
    "datetime_parsing": "须是时间（YYYY-MM-DDTHH:MM）",
    "enum": "须是以下之一：{expected}",
    "literal_error": "须是以下之一：{expected}",
    "extra_forbidden": "不接受这个字段",
    "json_invalid": "JSON 格式有误",
    "dict_type": "须是对象",
    "list_type": "须是列表",
    "model_type": "须是对象",
    "value_error": "值有误",
}


def rule_sentence(rule: str) -> str:
    return RULE_SENTENCES.get(rule, f"违反规则（{rule}）")


def not_found(entity: str, entity_id: object) -> str:
    return f"{RECORD_NAMES.get(entity, entity)}不存在（编号 {entity_id}）"


def invalid(field: str) -> str:
    return f"“{field}”的值有误"


def validation_message(error: dict[str, Any]) -> str:
    """A pydantic error's message in Chinese, naming the field (``loc``'s last name)."""
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "请求"
    sentence = VALIDATION_SENTENCES.get(str(error.get("type")), "值有误")
    try:
        sentence = sentence.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        sentence = VALIDATION_SENTENCES.get("value_error", "值有误")
    return f"{where}：{sentence}"
