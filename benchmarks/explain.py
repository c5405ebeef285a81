"""Time "why not this mentor?" on the demo: the whole list of a mentee, and one named mentor.

    .venv/bin/python benchmarks/explain.py [--scale 1] [--every 6]

Loads the demo into a temporary SQLite file, stores a cross-court 1-2 run, then explains
every ``--every``-th proposed mentee: once for the whole list (each eligible mentor not
chosen is solved again with the pair forced, within the list budget) and once for one named
alternative. Prints one table of medians and maxima.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, select

from models import Link, Proposal
from models.matching_schemas import RunCreate
from talent.audit import Actor
from talent.db import make_engine
from talent.demo.load import load_demo
from talent.matching import explanations, runs
from talent.migrate import upgrade


def _timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--every", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'demo.db'}")
        upgrade(engine)
        with Session(engine) as session:
            load_demo(session, scale=args.scale)
            session.commit()
            run = runs.create_run(
                session,
                body=RunCreate(link=Link.senior_young, cross_unit=True),
                actor=Actor(None, "benchmark"),
            )
            proposals = session.exec(select(Proposal).where(Proposal.run_id == run.id)).all()
            mentees = sorted({p.mentee_id for p in proposals})[:: args.every]
            lists, singles, alternatives = [], [], []
            for mentee in mentees:
                took, rows = _timed(
                    lambda m=mentee: explanations.explain(session, run_id=run.id, mentee_id=m)
                )
                lists.append(took)
                others = [r for r in rows if r.eligible and not r.chosen]  # type: ignore[attr-defined]
                alternatives.append(len(others))
                if others:
                    took, _ = _timed(
                        lambda m=mentee, j=others[0].mentor_id: explanations.explain(
                            session, run_id=run.id, mentee_id=m, mentor_id=j
                        )
                    )
                    singles.append(took)
    print(
        f"demo scale {args.scale}, cross-court 1-2 run {run.id}: {run.n_candidates} candidate "
        f"pairs, {len(mentees)} mentees explained, median {statistics.median(alternatives)} "
        "alternatives each"
    )
    print(f"{'explain':<28}{'median s':>10}{'max s':>10}")
    for name, values in (("whole list of a mentee", lists), ("one named mentor", singles)):
        print(f"{name:<28}{statistics.median(values):>10.3f}{max(values):>10.3f}")


if __name__ == "__main__":
    main()
