"""The demo: a deterministic, realistic Wuhai-like court system (``talent demo``).

``load.load_demo`` writes it: each court system is planned in memory first (``staff``,
``skills``, ``conflicts``, ``pairings``, ``person_texts``, gathered by ``plan``), then
written as rows (``rows``), with the login accounts (``accounts``), a year of mentoring
history (``mentoring``) and the reserve pool (``reserve/``). ``draws`` holds the seeded
random draws; ``names``, ``texts`` and ``mentoring_texts`` the vocabularies. The same
seed gives the same rows. Stands on every other domain; nothing imports it.
"""
