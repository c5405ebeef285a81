"""A score drawn as bars: one per feature, its contribution and the weight it was given."""

from __future__ import annotations

from dataclasses import dataclass

from api.web.i18n import Gettext
from api.web.labels import label


@dataclass(frozen=True)
class Bar:
    """One feature's part of a score, drawn as a bar against the most it could give."""

    key: str
    label: str
    hint: str
    value: float
    weight: float | None

    @property
    def percent(self) -> int:
        """How full the bar is: the contribution over the feature's weight (its maximum)."""
        if not self.weight or self.weight <= 0:
            return 0
        return round(max(0.0, min(1.0, self.value / self.weight)) * 100)


def feature_bars(
    _: Gettext, breakdown: dict[str, float] | None, weights: dict[str, float]
) -> list[Bar]:
    """Bars for the weighted features in weight order; other parts (a bonus) only when non-zero."""
    breakdown = breakdown or {}
    bars = [
        Bar(
            key=key,
            label=label(_, "feature", key),
            hint=label(_, "feature_hint", key),
            value=float(breakdown.get(key, 0.0)),
            weight=float(weight),
        )
        for key, weight in weights.items()
    ]
    bars.extend(
        Bar(key=key, label=label(_, "feature", key), hint="", value=float(value), weight=None)
        for key, value in breakdown.items()
        if key not in weights and value
    )
    return bars
