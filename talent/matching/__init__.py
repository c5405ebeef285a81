"""Matching: propose mentor-mentee pairings that are optimal under the hard rules.

Imports roster and mentoring (a proposal accepted becomes a pairing); reserve and demo
stand on it.

Pure (plain arrays and records, no session):
    ``rules``        the hard rules of a link, vectorised: which pairs may be proposed.
    ``scoring``      pair features and scores.
    ``graph``        the skills graph: people, skills, units and what hangs between them.
    ``assignment``   the exact assignment solver, with a certificate of optimality.
    ``forcing``      the run solved again with one pair forced: what it would cost.
    ``weights_fit``  learning score weights from how finished pairings turned out.

Use cases (a session first):
    ``link_inputs``      what a run on one link needs from the database, as arrays.
    ``candidate_store``  a run's candidate pairs, stored and read back.
    ``runs``             solving a link and storing the run.
    ``run_views``        what a stored run shows: proposals, candidates, suggestions.
    ``explanations``     why this mentor and not another, with what forcing a pair costs.
    ``proposals``        a planner's accept / reject of proposals.
    ``weights``          the score weights in force.
    ``skills_graph``     the skills graph from the database: payload, chains, coverage.
"""
