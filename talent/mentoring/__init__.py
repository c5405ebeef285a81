"""Mentoring: pairings, what mentors log, goals, the cadence of a pairing and reports.

Imports roster only.

Use cases (a session first):
    ``pairings``      creating a pairing under every hard rule, listing, ending.
    ``guidance``      guidance logs, their corrections, confirmations and action items;
                      who may read or write on a pairing.
    ``goals``         development goals of a pairing and assessed skill levels.
    ``overdue``       how long a pairing has been quiet (its arithmetic is pure).
    ``escalation``    the escalation ladder of a quiet pairing.
    ``reminders``     what each mentor should do next.
    ``rematch``       the re-match queue of mentees whose pairing was dissolved.
    ``capacity``      a mentor's used and free slots on each link.
    ``pairing_page``  the pairing page in one read.
    ``reports``       the mentoring report of a unit over a period.
    ``report_export`` that report as CSV and XLSX (pure: rows in, bytes out).
"""
