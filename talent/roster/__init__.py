"""The roster: courts and their departments, people, skills, skill levels, conflicts.

Everything else stands on it; it imports no other domain.

Pure:
    ``spreadsheet/``  reading and checking CSV/XLSX roster files, the blank template.

Use cases (a session first):
    ``units``         the court tree: units, a unit's court, a unit and the units below it.
    ``people``        creating, editing and listing people; a person with their skills.
    ``skills``        the skill taxonomy and the weighted relations between skills.
    ``skill_levels``  the history of every skill-level change (who, when, from, to, why).
    ``conflicts``     declared conflicts of interest between two people.
    ``access``        who may read a person.
    ``importing``     the roster import: check a file, then upsert its people at once.
"""
