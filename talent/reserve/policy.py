"""The reserve-pool policy: eligibility rules, readiness weights, bands, 9-box cuts, star
selection and succession settings, read from a TOML file.

The file is ``$TALENT_RESERVE_POLICY`` when set, else the packaged
``talent/reserve/policy.toml`` (which documents every key). It is read afresh on every
call to :func:`load_policy`, so editing it changes the next evaluation without a restart.
Every key is optional and defaults to the value in the packaged file; unknown keys and
out-of-range values are refused with :class:`PolicyError` naming the key.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ENV_VAR = "TALENT_RESERVE_POLICY"
DEFAULT_PATH = Path(__file__).resolve().parent / "policy.toml"

Weight = Annotated[float, Field(ge=0)]
Share = Annotated[float, Field(ge=0, le=1)]
BandName = Annotated[str, Field(pattern=r"^(ready_now|ready_1_2|ready_3_5)$")]
GradeName = Annotated[
    str, Field(pattern=r"^(excellent|competent|basically_competent|incompetent)$")
]


class PolicyError(ValueError):
    """The policy file cannot be read or breaks a rule; the message names the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AssessmentRule(_Section):
    years: int = Field(default=3, ge=1, le=10)
    require_all_years: bool = True
    disallowed: tuple[GradeName, ...] = ("basically_competent", "incompetent")
    min_excellent: int = Field(default=1, ge=0)

    @model_validator(mode="after")
    def _reachable(self) -> AssessmentRule:
        if self.min_excellent > self.years:
            raise ValueError("min_excellent cannot exceed years")
        return self


class NegativeListRule(_Section):
    window_years: int = Field(default=3, ge=0, le=20)


class EligibilityPolicy(_Section):
    tiers: tuple[Annotated[int, Field(ge=1, le=3)], ...] = (1, 2)
    max_age: int = Field(default=40, ge=18, le=70)
    min_service_years: int = Field(default=3, ge=0, le=40)
    require_active: bool = True
    assessments: AssessmentRule = AssessmentRule()
    negative_list: NegativeListRule = NegativeListRule()


class PerformanceWeights(_Section):
    grades: Weight = 0.35
    indicators: Weight = 0.15
    on_time: Weight = 0.15
    acceptance: Weight = 0.15
    quality: Weight = 0.10
    volume: Weight = 0.10


class PotentialWeights(_Section):
    training: Weight = 0.25
    recognitions: Weight = 0.25
    mentor_evaluation: Weight = 0.20
    skill_growth: Weight = 0.20
    exchanges: Weight = 0.10


class GradePoints(_Section):
    excellent: Share = 1.0
    competent: Share = 0.7
    basically_competent: Share = 0.3
    incompetent: Share = 0.0


class RecognitionPoints(_Section):
    expert_judge: Weight = 1.0
    business_leader: Weight = 0.75
    star: Weight = 0.5
    other: Weight = 0.25


class LevelPoints(_Section):
    national: Weight = 1.0
    provincial: Weight = 0.6
    municipal: Weight = 0.3
    court: Weight = 0.15


class TrainingRule(_Section):
    required_hours: float = Field(default=90.0, gt=0)
    cap: float = Field(default=1.5, ge=1)
    competition_factor: Share = 0.8


class Bands(_Section):
    ready_now: Share = 0.70
    ready_1_2: Share = 0.45

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.ready_1_2 > self.ready_now:
            raise ValueError("ready_1_2 must not exceed ready_now")
        return self


class ReadinessPolicy(_Section):
    window_years: int = Field(default=3, ge=1, le=10)
    performance_weight: Weight = 0.5
    potential_weight: Weight = 0.5
    performance: PerformanceWeights = PerformanceWeights()
    potential: PotentialWeights = PotentialWeights()
    grade_points: GradePoints = GradePoints()
    recognition_points: RecognitionPoints = RecognitionPoints()
    level_points: LevelPoints = LevelPoints()
    training: TrainingRule = TrainingRule()
    bands: Bands = Bands()

    @model_validator(mode="after")
    def _some_weight(self) -> ReadinessPolicy:
        if self.performance_weight + self.potential_weight <= 0:
            raise ValueError("performance_weight and potential_weight are both zero")
        for name in ("performance", "potential"):
            if sum(getattr(self, name).model_dump().values()) <= 0:
                raise ValueError(f"the {name} weights are all zero")
        return self


class NineBoxPolicy(_Section):
    medium_from: Share = 0.34
    high_from: Share = 0.67

    @model_validator(mode="after")
    def _ordered(self) -> NineBoxPolicy:
        if not self.medium_from < self.high_from:
            raise ValueError("medium_from must be below high_from")
        return self


class StarPolicy(_Section):
    political: Weight = 0.4
    case: Weight = 0.4
    public: Weight = 0.2
    positive_bonus: Share = 0.05
    negative_penalty: Share = 0.25

    @model_validator(mode="after")
    def _some_weight(self) -> StarPolicy:
        if self.political + self.case + self.public <= 0:
            raise ValueError("the star weights are all zero")
        return self


class SuccessionPolicy(_Section):
    max_posts_per_person: int = Field(default=2, ge=1)
    a_ready_bands: tuple[BandName, ...] = ("ready_now",)
    b_ready_bands: tuple[BandName, ...] = ("ready_now", "ready_1_2")
    readiness_weight: Weight = 0.5
    skill_fit_weight: Weight = 0.5

    @model_validator(mode="after")
    def _some_weight(self) -> SuccessionPolicy:
        if self.readiness_weight + self.skill_fit_weight <= 0:
            raise ValueError("readiness_weight and skill_fit_weight are both zero")
        return self


class Policy(_Section):
    """The whole policy; ``Policy()`` is the packaged default."""

    eligibility: EligibilityPolicy = EligibilityPolicy()
    readiness: ReadinessPolicy = ReadinessPolicy()
    ninebox: NineBoxPolicy = NineBoxPolicy()
    star: StarPolicy = StarPolicy()
    succession: SuccessionPolicy = SuccessionPolicy()


class PolicyInForce(BaseModel):
    """The policy in force and the file it came from, as ``GET /reserve/policy`` shows it.

    A wire schema, kept here rather than in ``models``: it is the policy's own shape, and
    ``models`` imports nothing of ours.
    """

    path: str
    policy: Policy


def policy_path() -> Path:
    """The policy file in force: ``$TALENT_RESERVE_POLICY`` or the packaged default."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured) if configured else DEFAULT_PATH


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """A policy from TOML text.

    Raises
    ------
    PolicyError
        On TOML syntax errors, unknown keys, wrong types or out-of-range values; the
        message names the source and the dotted key.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"{source}: not valid TOML: {error}") from error
    try:
        return Policy.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in error.errors()
        )
        raise PolicyError(f"{source}: {problems}") from error


def load_policy(path: Path | str | None = None) -> Policy:
    """Read the policy file (``path``, else :func:`policy_path`); never cached.

    Raises
    ------
    PolicyError
        When the file is missing, unreadable or invalid.
    """
    target = Path(path) if path is not None else policy_path()
    try:
        text = target.read_text(encoding="utf-8")
    except OSError as error:
        raise PolicyError(f"{target}: cannot read the reserve policy: {error.strerror}") from error
    return parse_policy(text, source=str(target))
