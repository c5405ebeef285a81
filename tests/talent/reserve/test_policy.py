"""The policy file: defaults, validation, and a broken file refused through the service.

A stricter file changing eligibility with no code change: ``tests/api/reserve/test_policy.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from talent.errors import RuleViolation
from talent.reserve import evaluation
from talent.reserve.policy import (
    DEFAULT_PATH,
    ENV_VAR,
    Policy,
    PolicyError,
    load_policy,
    parse_policy,
    policy_path,
)


def test_the_packaged_file_is_the_documented_default() -> None:
    assert DEFAULT_PATH.name == "policy.toml" and DEFAULT_PATH.parent.name == "reserve"
    assert load_policy(DEFAULT_PATH) == Policy()
    assert parse_policy("") == Policy()


def test_the_environment_variable_points_at_the_file(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert policy_path() == DEFAULT_PATH
    target = tmp_path / "policy.toml"
    target.write_text("[eligibility]\nmax_age = 35\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(target))
    assert policy_path() == target
    assert load_policy().eligibility.max_age == 35
    assert load_policy().eligibility.min_service_years == 3  # untouched keys keep the default


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[eligibility]\nmax_agee = 35\n", "eligibility.max_agee"),
        ("[eligibility]\nmax_age = 'old'\n", "eligibility.max_age"),
        ("[eligibility]\nmax_age = 5\n", "eligibility.max_age"),
        ("[eligibility.assessments]\nyears = 2\nmin_excellent = 3\n", "min_excellent"),
        ("[eligibility.assessments]\ndisallowed = ['bad']\n", "eligibility.assessments.disallowed"),
        ("[ninebox]\nmedium_from = 0.8\nhigh_from = 0.5\n", "medium_from"),
        ("[readiness.bands]\nready_now = 0.3\nready_1_2 = 0.5\n", "ready_1_2"),
        ("[readiness.performance]\ngrades = -1\n", "readiness.performance.grades"),
        ("[succession]\na_ready_bands = ['someday']\n", "succession.a_ready_bands"),
        ("eligibility = [", "not valid TOML"),
    ],
)
def test_a_broken_policy_is_refused_naming_the_key(text: str, names: str) -> None:
    with pytest.raises(PolicyError, match=names.replace(".", r"\.")):
        parse_policy(text, source="test.toml")


def test_a_missing_file_is_a_policy_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(tmp_path / "absent.toml")


def test_the_service_turns_a_broken_file_into_a_rule_violation(monkeypatch, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[eligibility]\ntiers = 'all'\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(broken))
    with pytest.raises(RuleViolation) as caught:
        evaluation.current_policy()
    assert caught.value.rule == "reserve_policy" and "eligibility.tiers" in caught.value.message
