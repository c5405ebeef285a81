"""The ``talent`` command (Typer): database, demo data, users, serving, audit, import."""

from __future__ import annotations

import sys

import typer

from talent.audit import CLI
from talent.cli import matching, roster
from talent.config import get_settings

app = typer.Typer(
    help="talent: mentoring-chain matching and reserve pool for court HR.", no_args_is_help=True
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
roster.register(app)
matching.register(app)


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Apply the migrations to TALENT_DATABASE_URL (default: ./talent.db)."""
    from talent.migrate import upgrade

    upgrade(revision=revision)
    typer.echo(f"database at {revision}: {get_settings().database_url}")


@app.command()
def demo(
    scale: int = typer.Option(1, min=1, max=1000, help="multiply the staff (1 = about 450 people)"),
    seed: int = typer.Option(2024, help="random seed; the same seed gives the same data"),
    if_empty: bool = typer.Option(False, "--if-empty", help="do nothing when people already exist"),
    as_of: str | None = typer.Option(
        None, "--as-of", help="date the demo as if loaded on this day (YYYY-MM-DD; default today)"
    ),
) -> None:
    """Load the demo court system (a Wuhai-like intermediate court and three district courts)."""
    from datetime import date

    try:
        reference_date = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        typer.echo(f"demo: --as-of {as_of!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None
    from talent.db import session_scope
    from talent.demo.load import has_data, load_demo

    with session_scope() as session:
        if has_data(session):
            if if_empty:
                typer.echo("demo: the database already holds people; nothing loaded")
                return
            typer.echo("demo: the database already holds people; use a fresh database", err=True)
            raise typer.Exit(1)
        summary = load_demo(session, scale=scale, seed=seed, reference_date=reference_date)
    typer.echo(
        f"demo loaded: {summary.people} people, {summary.units} units, {summary.skills} skills, "
        f"{summary.pairings} pairings, {summary.guidance_logs} guidance logs, {summary.users} users in {summary.seconds:.1f} s"
    )


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
    reload: bool = typer.Option(False),
) -> None:
    """Serve the API and web pages (api.main:app) with uvicorn."""
    import uvicorn

    uvicorn.run("api.main:app", host=host, port=port, reload=reload, proxy_headers=True)


@app.command("create-user")
def create_user(
    username: str,
    role: str = typer.Option(..., help="admin, planner, mentor or reviewer"),
    person_id: int | None = typer.Option(None, help="link the account to a person"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="read the password from stdin"
    ),
) -> None:
    """Create a login account (asks for the password unless --password-stdin)."""
    from pydantic import ValidationError

    from models.schemas import UserCreate
    from talent.db import session_scope
    from talent.errors import DomainError
    from talent.users import create_user as create

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    try:
        body = UserCreate(
            username=username,
            password=password,
            role=role,  # type: ignore[arg-type]  # the option's text: UserCreate validates it into a Role
            person_id=person_id,
        )
        with session_scope() as session:
            user = create(session, body=body, actor=CLI)
            typer.echo(f"created user {user.username} (id {user.id}, role {user.role})")
    except ValidationError as error:
        for problem in error.errors():
            typer.echo(f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}", err=True)
        raise typer.Exit(2) from error
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(1) from error


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the hash chain; exits 1 and names the first broken event."""
    from talent.audit import verify
    from talent.db import session_scope

    with session_scope() as session:
        report = verify(session)
    if report.ok:
        typer.echo(f"audit chain ok: {report.checked} events")
        return
    typer.echo(
        f"audit chain BROKEN at event seq={report.broken_seq} id={report.broken_id}: {report.problem} "
        f"({report.checked} events verified before it)",
        err=True,
    )
    raise typer.Exit(1)
