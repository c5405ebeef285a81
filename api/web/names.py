"""Names for ids: units with their court, people by id, for the pages that list them.

Nothing here decides anything; pages show names, never ids, and look them up here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from api.web.i18n import translator
from models import Unit, UnitKind
from models.schemas import PersonPublic, UnitPublic
from talent.errors import NotFound
from talent.roster import people
from talent.roster import units as org


class UnitNames:
    """Unit names in the page's language, with the court for a department."""

    def __init__(self, units: dict[int, Unit], lang: str) -> None:
        self.units = units
        self.lang = lang
        self._ = translator(lang)
        self.comma = ", " if lang == "en" else "、"

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

    def scope(self, unit_ids: list[int] | None, subordinate_courts: bool = False) -> str:
        """A run's or report's scope in words: the chosen units, and the courts it adds."""
        if not unit_ids:
            return self._("全部单位")
        chosen = self.comma.join(self.full(u) for u in unit_ids)
        if not subordinate_courts:
            return chosen
        added = org.subordinate_courts_of(self.units, unit_ids)
        if not added:
            return chosen
        courts = self.comma.join(self.name(u.id) for u in added)
        return self._("%(chosen)s，含下级法院：%(courts)s", chosen=chosen, courts=courts)

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
                grouped.setdefault(self.court_id(unit.id), []).append(
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
