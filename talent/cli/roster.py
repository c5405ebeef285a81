"""``talent import FILE``: the roster import on the command line, with a progress bar."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from talent.roster.importing import RosterImportResult

PHASES = {"check": ("检查", "checking"), "write": ("写入", "writing")}
SUMMARY = {
    "zh": "{mode}新增 {created} 人，更新 {updated} 人，未变 {unchanged} 人（{seconds:.1f} 秒）",
    "en": "{mode}{created} created, {updated} updated, {unchanged} unchanged ({seconds:.1f} s)",
}
MODES = {
    ("zh", False): "已导入：",
    ("zh", True): "试运行，未写入：将",
    ("en", False): "imported: ",
    ("en", True): "dry run, nothing written: would have ",
}
FAILED = {
    "zh": "导入失败：{count} 处错误，未写入任何数据",
    "en": "import failed: {count} errors, nothing was written",
}
ROW = {"zh": "第 {row} 行 [{field}] {message}", "en": "row {row} [{field}] {message}"}
WARNING = {"zh": "提示", "en": "warning"}
MORE = {"zh": "……另有 {count} 处错误未列出", "en": "... and {count} more errors not listed"}


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def import_command(
    file: Path = typer.Argument(
        ..., exists=True, dir_okay=False, readable=True, help="CSV or XLSX roster"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="check and count, write nothing"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="language of the messages"),
) -> None:
    """Import a roster (CSV or XLSX): upsert people by 工号; any error means nothing is written."""
    from talent.audit import CLI
    from talent.db import session_scope
    from talent.errors import DomainError
    from talent.roster.importing import import_roster

    language = lang.value
    started = time.perf_counter()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def advance(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            zh, en = PHASES[phase]
            tasks[phase] = progress.add_task(en if language == "en" else zh, total=total)
        progress.update(tasks[phase], completed=done, total=total)

    try:
        with progress, session_scope() as session:
            result = import_roster(
                session,
                content=file.read_bytes(),
                filename=file.name,
                actor=CLI,
                dry_run=dry_run,
                lang=language,
                progress=advance,
            )
    except DomainError as error:
        typer.echo(error.message, err=True)
        raise typer.Exit(1) from error
    _report(result, language, seconds=time.perf_counter() - started)
    if result.errors:
        raise typer.Exit(1)


def _report(result: RosterImportResult, lang: str, *, seconds: float) -> None:
    for warning in result.warnings:
        typer.echo(f"{WARNING[lang]}: " + ROW[lang].format(**warning.model_dump()), err=True)
    if result.errors:
        for error in result.errors:
            typer.echo(ROW[lang].format(**error.model_dump()), err=True)
        if result.error_count > len(result.errors):
            typer.echo(MORE[lang].format(count=result.error_count - len(result.errors)), err=True)
        typer.echo(FAILED[lang].format(count=result.error_count), err=True)
        return
    typer.echo(
        SUMMARY[lang].format(
            mode=MODES[(lang, result.dry_run)],
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            seconds=seconds,
        )
    )


def register(app: typer.Typer) -> None:
    """Add ``talent import FILE [--dry-run] [--lang zh|en]`` to ``app``."""
    app.command("import")(import_command)
