"""Public wire schemas (create / update / public) where they differ from the tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import ConfigDict, StringConstraints, field_validator, model_validator
from sqlmodel import Field, SQLModel

from models.common import Gender, Role, UnitKind

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$"
    ),
]
StaffNo = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_\-]+$"
    ),
]


def _court_today() -> date:
    """The court's local date (``TALENT_TIMEZONE``); imported late, models sit below talent."""
    from talent.clock import today

    return today()


class Strict(SQLModel):
    """Bodies reject unknown fields so a typo is a 422 naming the field, not silence."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]  # SQLModel types it as its own SQLModelConfig, a superset of ConfigDict


# --- users -------------------------------------------------------------------------------
Password = Annotated[str, StringConstraints(min_length=8, max_length=128)]
"""A password as typed: at least 8 characters (never stripped: spaces count)."""


class UserCreate(Strict):
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=64)]
    password: Password
    role: Role
    person_id: int | None = None
    # True when an admin hands out a temporary password (the accounts page does).
    must_change_password: bool = False


class UserPublic(SQLModel):
    id: int
    username: str
    role: str
    person_id: int | None
    active: bool = True


class UserAccount(UserPublic):
    """An account as the admin's list shows it: the linked person by name, the last login."""

    last_login: datetime | None = None
    must_change_password: bool = False
    person_name: str | None = None
    person_position: str | None = None
    person_unit_id: int | None = None
    created_at: datetime | None = None


class UserUpdate(Strict):
    """What an admin changes on an account; a field left out is left alone.

    ``person_id: null`` unlinks the person; ``active: false`` ends the account's logins.
    """

    role: Role | None = None
    person_id: int | None = None
    active: bool | None = None


class UserPasswordReset(Strict):
    """A temporary password from the admin; the user must change it at next login."""

    password: Password


class UserPasswordChange(Strict):
    """A user's own new password, with the current one as proof."""

    current_password: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    new_password: Password


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"


class UserToken(Token):
    """The token, marked when the account still has to change its temporary password."""

    must_change_password: bool = False


# --- units -------------------------------------------------------------------------------
class UnitCreate(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    kind: UnitKind
    parent_id: int | None = None
    name_en: str | None = Field(default=None, max_length=200)


class UnitPublic(SQLModel):
    id: int
    name: str
    kind: str
    parent_id: int | None
    name_en: str | None


# --- skills ------------------------------------------------------------------------------
class SkillCreate(Strict):
    code: Code
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    name_en: str | None = Field(default=None, max_length=200)
    category: str | None = Field(default=None, max_length=64)
    parent_code: str | None = None


class SkillPublic(SQLModel):
    id: int
    code: str
    name: str
    name_en: str | None
    category: str | None
    parent_id: int | None
    parent_code: str | None = None


class SkillRelationCreate(Strict):
    a: str
    b: str
    weight: float = Field(ge=0, le=1)


class SkillRelationPublic(SQLModel):
    id: int
    a: str
    b: str
    weight: float


# --- people ------------------------------------------------------------------------------
class PersonFields(Strict):
    """Fields a planner may set on a person; shared by create, update and the roster import."""

    name: Name | None = None
    unit_id: int | None = None
    tier: int | None = Field(default=None, ge=1, le=3)
    position: str | None = Field(default=None, max_length=64)
    gender: Gender | None = None
    birth_date: date | None = None
    hire_date: date | None = None
    mentor_capacity: int | None = Field(default=None, ge=0, le=50)
    expertise: str | None = Field(default=None, max_length=4000)
    goals: str | None = Field(default=None, max_length=4000)
    is_business_leader: bool | None = None
    is_expert_judge: bool | None = None
    active: bool | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> PersonFields:
        if self.birth_date and self.hire_date and self.hire_date <= self.birth_date:
            raise ValueError("hire_date must be after birth_date")
        return self

    @field_validator("birth_date", "hire_date")
    @classmethod
    def _not_future(cls, value: date | None) -> date | None:
        if value is not None and value > _court_today():
            raise ValueError("date is in the future")
        return value


class PersonCreate(PersonFields):
    staff_no: StaffNo
    name: Name
    unit_id: int
    tier: int = Field(ge=1, le=3)


class PersonUpdate(PersonFields):
    staff_no: StaffNo | None = None


class PersonSkillIn(Strict):
    skill_code: str
    level: int = Field(ge=0, le=5)
    target_level: int | None = Field(default=None, ge=0, le=5)


class PersonSkillPublic(SQLModel):
    skill_id: int
    skill_code: str
    skill_name: str
    level: int
    target_level: int | None


class PersonPublic(SQLModel):
    id: int
    staff_no: str
    name: str
    gender: str | None
    birth_date: date | None
    hire_date: date | None
    unit_id: int
    position: str | None
    tier: int
    mentor_capacity: int
    expertise: str | None
    goals: str | None
    is_business_leader: bool
    is_expert_judge: bool
    active: bool


class PersonDetail(PersonPublic):
    skills: list[PersonSkillPublic] = []


# --- conflicts ---------------------------------------------------------------------------
class ConflictCreate(Strict):
    person_a: int
    person_b: int
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class ConflictPublic(SQLModel):
    id: int
    person_a: int
    person_b: int
    reason: str
    created_at: datetime


# --- roster import -----------------------------------------------------------------------
class ImportError_(SQLModel):
    row: int
    field: str
    message: str


class ImportResult(SQLModel):
    created: int
    updated: int
    errors: list[ImportError_]
    dry_run: bool = False


# --- audit -------------------------------------------------------------------------------
class AuditEventPublic(SQLModel):
    id: int
    seq: int
    created_at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    entity: str
    entity_id: str | None
    before: Any | None
    after: Any | None
    hash: str
    prev_hash: str
