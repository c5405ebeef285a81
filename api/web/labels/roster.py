"""Words for the roster's codes: roles, tiers, kinds of unit."""

from __future__ import annotations

from api.web.i18n import N_

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

UNIT_KINDS = {
    "intermediate_court": N_("中级人民法院"),
    "basic_court": N_("基层人民法院"),
    "department": N_("部门"),
}

VOCABULARIES: dict[str, dict[str, str]] = {"role": ROLES, "tier": TIERS, "unit_kind": UNIT_KINDS}
