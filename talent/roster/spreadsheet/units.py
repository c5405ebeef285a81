"""Resolving a unit cell to a unit id: a unique name, 'court/department', or the id.

Rosters name units as people say them, and many courts have a 立案庭: the directory
picks the one meant from the names written above it, and suggests close names when
nothing matches. It works on plain ``UnitRecord`` rows, not on the database.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from talent.roster.spreadsheet.cells import Cell, CellError, cell_text


@dataclass(frozen=True)
class UnitRecord:
    """What resolving a unit name needs to know of a unit."""

    id: int
    name: str
    parent_id: int | None = None
    name_en: str | None = None


def _unit_key(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text)).lower()


class UnitDirectory:
    """Resolve a unit cell: a unique name, 'court/department' (ancestors in order), or an id.

    Examples
    --------
    >>> units = UnitDirectory([UnitRecord(1, "甲法院"), UnitRecord(2, "立案庭", 1),
    ...                        UnitRecord(3, "乙法院"), UnitRecord(4, "立案庭", 3)])
    >>> units.resolve("乙法院/立案庭"), units.resolve("甲法院"), units.resolve(4)
    (4, 1, 4)
    """

    def __init__(self, units: Iterable[UnitRecord]) -> None:
        self._units = {unit.id: unit for unit in units}
        self._by_name: dict[str, list[int]] = {}
        for unit in sorted(self._units.values(), key=lambda u: u.id):
            for name in {_unit_key(unit.name), _unit_key(unit.name_en or "")} - {""}:
                self._by_name.setdefault(name, []).append(unit.id)
        self._resolved: dict[str, int | CellError] = {}

    def path(self, unit_id: int) -> str:
        """The shortest 'court/department' that names the unit alone (the full path at most)."""
        chain = self._chain(unit_id)
        for length in range(1, len(chain) + 1):
            names = [self._units[i].name for i in chain[-length:]]
            if self._matches([_unit_key(n) for n in names], adjacent=True) == [unit_id]:
                return "/".join(names)
        return "/".join(self._units[i].name for i in chain)

    def _chain(self, unit_id: int) -> list[int]:
        """The unit and the units above it, root first."""
        chain: list[int] = []
        current: int | None = unit_id
        while current is not None and current in self._units and current not in chain:
            chain.append(current)
            current = self._units[current].parent_id
        return chain[::-1]

    def _names(self, unit_id: int) -> set[str]:
        unit = self._units[unit_id]
        return {_unit_key(unit.name), _unit_key(unit.name_en or "")} - {""}

    def _matches(self, segments: list[str], *, adjacent: bool) -> list[int]:
        """Units named ``segments[-1]`` with the other segments, in order, above them.

        ``adjacent``: the segments are the units right above (乌海市中级人民法院/立案庭 is the
        intermediate court's own 立案庭); otherwise any units above, in order, will do.
        """
        *ancestors, name = segments
        found = []
        for unit_id in self._by_name.get(name, []):
            above = self._chain(unit_id)[:-1]
            if adjacent:
                tail = (
                    above[len(above) - len(ancestors) :] if len(ancestors) <= len(above) else None
                )
                fits = tail is not None and all(
                    a in self._names(u) for a, u in zip(ancestors, tail, strict=True)
                )
            else:
                wanted = iter(ancestors)
                need = next(wanted, None)
                for unit_above in above:
                    if need is not None and need in self._names(unit_above):
                        need = next(wanted, None)
                fits = need is None
            if fits:
                found.append(unit_id)
        return found

    def resolve(self, value: Cell) -> int:
        """The unit id a cell names; ``CellError`` 'unknown_unit' or 'ambiguous_unit' otherwise."""
        text = cell_text(value)
        cached = self._resolved.get(text)
        if cached is None:
            try:
                cached = self._find(text)
            except CellError as error:
                cached = error
            self._resolved[text] = cached
        if isinstance(cached, CellError):
            raise cached
        return cached

    def _find(self, text: str) -> int:
        key = _unit_key(text)
        segments = [s for s in re.split(r"[/\\>]", key) if s]
        if not segments:
            raise CellError("unknown_unit", names=())
        candidates = self._matches(segments, adjacent=True) or self._matches(
            segments, adjacent=False
        )
        if not candidates and key.isdecimal() and len(key) <= 18 and int(key) in self._units:
            return int(key)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            paths = [self.path(unit_id) for unit_id in candidates]
            raise CellError("ambiguous_unit", candidates=paths, example=paths[0])
        close = difflib.get_close_matches(segments[-1], self._by_name, n=3, cutoff=0.6)
        names = sorted({self.path(self._by_name[name][0]) for name in close})
        raise CellError("unknown_unit", names=names)
