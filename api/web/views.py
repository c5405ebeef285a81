"""View models: the public schemas that services return, arranged for one page.

Nothing here decides anything; it looks people and units up by id and puts numbers in
the shape a template draws (a bar per feature, a page of a list).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session

from api.web.i18n import Gettext
from api.web.labels import label
from models import Link, Unit, UnitKind
from models.matching_schemas import RunPublic
from models.schemas import PersonPublic, UnitPublic
from talent.errors import NotFound
from talent.services import org, people, runs

PAGE_SIZE = 20


@dataclass(frozen=True)
class Paging:
    """A 1-based page of a list the services return ``limit``/``offset`` slices of."""

    page: int
    size: int = PAGE_SIZE

    @classmethod
    def parse(cls, raw: str | None, size: int = PAGE_SIZE) -> Paging:
        """A page number from the query; anything unreadable is page 1."""
        try:
            number = int(raw or 1)
        except ValueError:
            number = 1
        return cls(page=min(max(number, 1), 100_000), size=size)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def limit(self) -> int:
        """One more than a page, so that a full page knows whether another follows."""
        return self.size + 1


@dataclass(frozen=True)
class PageOf:
    """The rows of one page and whether pages come before or after it."""

    rows: list
    page: int
    has_previous: bool
    has_next: bool

    @classmethod
    def cut(cls, rows: list, paging: Paging) -> PageOf:
        return cls(
            rows=rows[: paging.size],
            page=paging.page,
            has_previous=paging.page > 1,
            has_next=len(rows) > paging.size,
        )


class UnitNames:
    """Unit names in the page's language, with the court for a department."""

    def __init__(self, units: dict[int, Unit], lang: str) -> None:
        self.units = units
        self.lang = lang

    @classmethod
    def load(cls, session: Session, lang: str) -> UnitNames:
        return cls(org.units_by_id(session), lang)

    def name(self, unit_id: int | None) -> str:
        unit = self.units.get(unit_id) if unit_id is not None else None
        if unit is None:
            return "—"
        return (unit.name_en or unit.name) if self.lang == "en" else unit.name

    def court_id(self, unit_id: int) -> int:
        return org.court_of(self.units, unit_id)

    def full(self, unit_id: int | None) -> str:
        """'Department · Court' for a department, the name alone for a court."""
        if unit_id is None or unit_id not in self.units:
            return "—"
        court = self.court_id(unit_id)
        if court == unit_id:
            return self.name(unit_id)
        return f"{self.name(unit_id)} · {self.name(court)}"

    def courts(self) -> list[UnitPublic]:
        return [
            UnitPublic.model_validate(u)
            for u in self.units.values()
            if u.kind != UnitKind.department
        ]

    def departments_by_court(self) -> list[tuple[UnitPublic, list[UnitPublic]]]:
        """Each court with the departments under it, in id order."""
        grouped: dict[int, list[UnitPublic]] = {}
        for unit in self.units.values():
            if unit.kind == UnitKind.department:
                grouped.setdefault(self.court_id(unit.id), []).append(  # type: ignore[arg-type]
                    UnitPublic.model_validate(unit)
                )
        return [(court, grouped.get(court.id, [])) for court in self.courts()]


def people_by_id(session: Session, ids: Iterable[int]) -> dict[int, PersonPublic]:
    """The public record of each person id (ids that no longer exist are left out)."""
    found: dict[int, PersonPublic] = {}
    for person_id in sorted(set(ids)):
        try:
            found[person_id] = PersonPublic.model_validate(people.get_person(session, person_id))
        except NotFound:  # a deleted person shows as an id, never as a 500
            continue
    return found


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


def latest_runs(session: Session) -> list[RunPublic]:
    """The newest stored run of each link over all units, within courts and across them."""
    found = []
    for link in Link:
        for cross_unit in (False, True):
            run = runs.latest_run(session, runs.scope_key(link.value, None, cross_unit))
            if run is not None:
                found.append(runs.run_public(run))
    return found
