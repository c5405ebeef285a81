"""The 9-box grid: performance x potential, each low / medium / high.

Notes
-----
With the policy's cuts ``m = medium_from`` and ``h = high_from`` (``m < h``), a score
``x`` in ``[0, 1]`` is **low** when ``x < m``, **medium** when ``m <= x < h`` and **high**
when ``x >= h``: a score exactly on a cut belongs to the upper level. Boxes are numbered
``1 + perf + 3 * pot`` with levels 0, 1, 2, so box 1 is low/low, box 3 high performance
with low potential, box 7 low performance with high potential and box 9 high/high.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np

from talent.reserve.policy import NineBoxPolicy

__all__ = ["BOX_LABELS", "LEVELS", "Placement", "box_of", "level_index", "placement"]

LEVELS: tuple[str, ...] = ("low", "medium", "high")

BOX_LABELS: dict[int, dict[str, str]] = {
    1: {"zh": "待改进", "en": "Talent risk"},
    2: {"zh": "稳定贡献", "en": "Effective"},
    3: {"zh": "业务骨干", "en": "Trusted professional"},
    4: {"zh": "待激发", "en": "Inconsistent player"},
    5: {"zh": "中坚力量", "en": "Core player"},
    6: {"zh": "高绩效", "en": "High performer"},
    7: {"zh": "潜力股", "en": "Rough diamond"},
    8: {"zh": "成长之星", "en": "Emerging talent"},
    9: {"zh": "未来之星", "en": "Future leader"},
}
"""Box number -> label, Chinese and English."""


class Placement(TypedDict):
    """Where one person sits on the grid (merged as is into the readiness on the wire)."""

    performance_level: str
    potential_level: str
    box: int
    box_label: str
    box_label_en: str


def level_index(scores: np.ndarray | float, policy: NineBoxPolicy) -> np.ndarray:
    """0 (low), 1 (medium) or 2 (high) for each score; a score on a cut goes up.

    Examples
    --------
    >>> from talent.reserve.policy import NineBoxPolicy
    >>> level_index(np.array([0.0, 0.34, 0.6699, 0.67, 1.0]), NineBoxPolicy()).tolist()
    [0, 1, 1, 2, 2]
    """
    cuts = np.array([policy.medium_from, policy.high_from], dtype=np.float64)
    return np.digitize(np.asarray(scores, dtype=np.float64), cuts, right=False)


def box_of(performance_level: int, potential_level: int) -> int:
    """The box number, 1..9, of a (performance, potential) pair of levels 0..2."""
    if performance_level not in (0, 1, 2) or potential_level not in (0, 1, 2):
        raise ValueError(f"levels must be 0, 1 or 2, got {performance_level}, {potential_level}")
    return 1 + performance_level + 3 * potential_level


def placement(performance: float, potential: float, policy: NineBoxPolicy) -> Placement:
    """Where one person sits: levels by name, box number and its labels."""
    perf, pot = (int(v) for v in level_index(np.array([performance, potential]), policy))
    box = box_of(perf, pot)
    return {
        "performance_level": LEVELS[perf],
        "potential_level": LEVELS[pot],
        "box": box,
        "box_label": BOX_LABELS[box]["zh"],
        "box_label_en": BOX_LABELS[box]["en"],
    }
