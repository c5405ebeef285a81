"""Fitting weights from outcomes recovers the order of known weights."""

from __future__ import annotations

import numpy as np

from talent.matching.weights_fit import fit_weights

NAMES = ("skill_fit", "text_similarity", "org_proximity", "seniority", "mentor_quality")
DEFAULTS = dict.fromkeys(NAMES, 0.2)


def _synthetic(true_weights: np.ndarray, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    features = rng.uniform(0, 1, size=(n, len(true_weights)))
    quality = features @ true_weights + rng.normal(0, 0.03, size=n)
    ratings = np.clip(np.rint(1 + 4 * quality), 1, 5)
    return features, ratings


def test_fit_ranks_features_as_the_true_weights_do() -> None:
    true = np.array([0.45, 0.05, 0.15, 0.25, 0.10])
    features, ratings = _synthetic(true, 600, seed=1)
    fit = fit_weights(features, ratings, feature_names=NAMES, defaults=DEFAULTS)
    assert fit.fitted and fit.cv_r2 is not None and fit.cv_r2 > 0.5
    learned = np.array([fit.weights[name] for name in NAMES])
    assert abs(learned.sum() - 1) < 1e-5
    assert list(np.argsort(-learned)) == list(np.argsort(-true))


def test_too_few_samples_keeps_the_defaults() -> None:
    features, ratings = _synthetic(np.full(5, 0.2), 12, seed=2)
    fit = fit_weights(features, ratings, feature_names=NAMES, defaults=DEFAULTS)
    assert not fit.fitted and fit.weights == DEFAULTS and "12" in fit.message


def test_noise_only_outcomes_fall_back_or_stay_valid() -> None:
    rng = np.random.default_rng(3)
    features = rng.uniform(0, 1, size=(200, 5))
    ratings = np.full(200, 3.0)
    fit = fit_weights(features, ratings, feature_names=NAMES, defaults=DEFAULTS)
    assert not fit.fitted and fit.weights == DEFAULTS


def test_deterministic() -> None:
    features, ratings = _synthetic(np.array([0.3, 0.3, 0.2, 0.1, 0.1]), 100, seed=4)
    a = fit_weights(features, ratings, feature_names=NAMES, defaults=DEFAULTS)
    b = fit_weights(features, ratings, feature_names=NAMES, defaults=DEFAULTS)
    assert a == b


def test_random_outcomes_keep_the_defaults() -> None:
    rng = np.random.default_rng(5)
    features = rng.uniform(0, 1, size=(300, 5))
    ratings = rng.integers(1, 6, size=300).astype(float)
    fit = fit_weights(features, ratings, feature_names=NAMES, defaults=DEFAULTS)
    assert not fit.fitted and fit.weights == DEFAULTS and "do not predict" in fit.message
