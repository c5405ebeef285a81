"""The reserve pool of outstanding young cadres: eligibility, readiness, reviews, succession.

Imports roster and matching (skill fit of backups).

Pure (plain records and arrays, no session):
    ``policy``       the configurable policy file (``policy.toml`` beside it).
    ``eligibility``  the policy's rules over plain facts about a person.
    ``readiness``    performance, potential, composite score and band.
    ``ninebox``      the 9-box grid.
    ``star``         star selection (海法星) scores.
    ``succession``   skill fit of backups and the coverage of key posts.
    ``periods``      reporting periods of case-work metrics.

Use cases (a session first):
    ``evaluation``    the policy in force, eligibility and readiness from the database.
    ``candidates``    nomination, the lifecycle, undo, effective-dated history.
    ``records``       evaluation records: assessments, metrics, political file, lists.
    ``reviews``       review cycles and decisions, band calibration.
    ``pool``          the pool as reviewers see it.
    ``exports``       the review pack, comparison and the 9-box of the pool.
    ``sheet``         the cadre information sheet (DOCX).
    ``star_ranking``  star selection over a unit's staff, with names.
    ``key_posts``     key posts with holder, A / B backups and cover; suggestions.
"""
