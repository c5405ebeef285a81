"""``talent match`` (a run from the command line) and ``talent weights fit``."""

from __future__ import annotations

from typing import ClassVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from talent.audit import CLI

weights_app = typer.Typer(
    help="Score weights: learn them from finished pairings.", no_args_is_help=True
)


class RunProgress:
    """A progress bar per stage of a run (load, rules, score, solve, store) in the terminal.

    Scoring, the long stage of a large run, advances by chunks of pairs; the bars are
    left on screen with their times, so the user sees where a run spent its time.
    """

    LABELS: ClassVar[dict[str, str]] = {
        "load": "load people and skills",
        "rules": "apply the hard rules",
        "score": "score candidate pairs",
        "solve": "solve the assignment",
        "store": "store the run",
    }

    def __init__(self, console: Console) -> None:
        self.bars = Progress(
            TextColumn("{task.description:24s}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RunProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bars.add_task(self.LABELS.get(stage, stage), total=total)
        self.bars.update(self.tasks[stage], completed=done, total=total)


def match(
    link: str = typer.Option(..., help="1-2 (senior -> young) or 2-3 (young -> clerk)"),
    unit: list[int] = typer.Option([], help="limit mentees to these unit ids (repeatable)"),
    cross_unit: bool = typer.Option(False, help="allow mentors from other courts"),
    dry_run: bool = typer.Option(False, help="solve and show the diff, store nothing"),
    top: int = typer.Option(20, help="rows of the proposal table to print"),
) -> None:
    """Run matching on a link, print the proposals and a summary."""
    from pydantic import ValidationError
    from sqlmodel import select

    from models import Person
    from models.matching_schemas import RunCreate
    from talent.db import session_scope
    from talent.errors import DomainError
    from talent.matching import run_views, runs

    console = Console()
    try:
        body = RunCreate(
            link=link,  # type: ignore[arg-type]  # the option's text: RunCreate validates it into a Link
            unit_ids=unit or None,
            cross_unit=cross_unit,
            dry_run=dry_run,
        )
    except ValidationError as error:
        for problem in error.errors():
            console.print(f"[red]{'.'.join(map(str, problem['loc']))}: {problem['msg']}")
        raise typer.Exit(2) from error
    try:
        with session_scope() as session, RunProgress(console) as progress:
            run = runs.create_run(session, body=body, actor=CLI, progress=progress)
            proposals = (
                []
                if run.id is None
                else run_views.list_proposals(session, run_id=run.id, limit=top)
            )
            names = dict(session.exec(select(Person.id, Person.name)).all())
    except DomainError as error:
        console.print(f"[red]{error.message}")
        raise typer.Exit(1) from error
    table = Table(title=f"proposals of run {run.id} (link {run.link}, first {top})")
    for column in ("mentee", "mentor", "score", "breakdown"):
        table.add_column(column)
    for p in proposals:
        parts = " ".join(f"{k}={v:.3f}" for k, v in p.breakdown.items())
        table.add_row(
            f"{names[p.mentee_id]} ({p.mentee_id})",
            f"{names[p.mentor_id]} ({p.mentor_id})",
            f"{p.score:.4f}",
            parts,
        )
    if proposals:
        console.print(table)
    console.print(
        f"run {run.id or '(dry run)'}: {run.n_proposals} proposals, {run.n_unmatched} unmatched, "
        f"{run.n_candidates} candidate pairs, objective {run.objective:.4f}, "
        f"total {run.timings.get('total', 0):.2f} s"
    )
    if run.diff is not None:
        d = run.diff
        console.print(
            f"diff against run {d.against_run_id}: +{len(d.gained)} pairs, -{len(d.lost)} pairs, "
            f"matched {d.matched_change:+d}, objective {d.objective_change:+.4f}"
        )


@weights_app.command("fit")
def weights_fit(
    min_samples: int = typer.Option(30, help="below this many rated pairings keep the defaults"),
    save: bool = typer.Option(True, help="put fitted weights in force for later runs"),
) -> None:
    """Fit the score weights from finished pairings' outcome ratings (cross-validated)."""
    from talent.db import session_scope
    from talent.matching.weights import fit_and_store

    with session_scope() as session:
        fit = fit_and_store(session, actor=CLI, min_samples=min_samples, save=save)
    typer.echo(fit.message)
    for name, weight in fit.weights.items():
        typer.echo(f"  {name:16s} {weight:.4f}")
    if fit.fitted and save:
        typer.echo("these weights are now in force for runs that give none")


def register(app: typer.Typer) -> None:
    app.command("match")(match)
    app.add_typer(weights_app, name="weights")
