"""Learn the score weights from how finished pairings turned out.

Notes
-----
Each finished pairing with an outcome rating ``r`` (1-5) gives one sample: the feature
vector ``x`` of its (mentee, mentor) pair and the target ``y = (r - 1) / 4``. A linear
model ``y ~ b + sum_k c_k x_k`` with non-negative coefficients (scikit-learn
``LinearRegression(positive=True)``) is fitted; the weights are ``c / sum(c)``, so they
keep the meaning of the score (a convex combination of features in [0, 1]). Quality is
the mean R^2 over ``KFold(5, shuffle=True, random_state)``. Below ``min_samples``
samples, when every coefficient is zero, or when the cross-validated R^2 is below
``MIN_R2`` (the features do not predict outcomes), the defaults are kept and the
result says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score

MIN_SAMPLES = 30
MIN_R2 = 0.05
"""A fit that explains less than this (cross-validated) is noise: the defaults stay."""


@dataclass(frozen=True)
class WeightFit:
    weights: dict[str, float]
    fitted: bool
    n_samples: int
    cv_r2: float | None
    message: str


def fit_weights(
    features: np.ndarray,
    ratings: np.ndarray,
    *,
    feature_names: tuple[str, ...],
    defaults: Mapping[str, float],
    min_samples: int = MIN_SAMPLES,
    random_state: int = 0,
) -> WeightFit:
    """Fit weights from ``features`` (n, k) and outcome ``ratings`` (n,) in 1..5."""
    n = len(ratings)
    if n < min_samples:
        return WeightFit(
            dict(defaults),
            False,
            n,
            None,
            f"only {n} rated pairings (need {min_samples}): defaults kept",
        )
    y = (np.asarray(ratings, dtype=np.float64) - 1.0) / 4.0
    model = LinearRegression(positive=True)
    folds = KFold(n_splits=5, shuffle=True, random_state=random_state)
    cv = float(np.mean(cross_val_score(model, features, y, cv=folds, scoring="r2")))
    if not cv >= MIN_R2:  # also catches NaN from constant outcomes
        return WeightFit(
            dict(defaults),
            False,
            n,
            cv,
            f"cross-validated R^2 {cv:.3f} on {n} rated pairings: the features do not predict "
            "outcomes, defaults kept",
        )
    model.fit(features, y)
    coef = np.clip(model.coef_, 0.0, None)
    if coef.sum() <= 0:
        return WeightFit(
            dict(defaults), False, n, cv, "no feature predicts the outcomes: defaults kept"
        )
    weights = coef / coef.sum()
    return WeightFit(
        dict(zip(feature_names, weights.round(6).tolist(), strict=True)),
        True,
        n,
        cv,
        f"fitted on {n} rated pairings, cross-validated R^2 {cv:.3f}",
    )
