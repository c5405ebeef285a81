"""Every notebook in notebooks/ runs top to bottom on a freshly generated demo database.

The database is a temporary SQLite file, migrated and loaded with the demo as ``make run``
does; the kernel reads it through ``TALENT_DATABASE_URL``. A notebook fails the suite when
any cell raises, when it takes two minutes or more, when a chart would show boxes for
Chinese (matplotlib's missing-glyph warning), or when it writes to the database.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from talent.charts import find_cjk_font
from talent.db import make_engine
from talent.demo.load import REFERENCE_DATE, load_demo
from talent.migrate import upgrade

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
EXPECTED = ("matching_quality.ipynb", "mentoring_activity.ipynb", "reserve_review.ipynb")
TIME_LIMIT_SECONDS = 120
REQUIRE_FONT = os.environ.get("TALENT_TEST_REQUIRE_BROWSER") == "1"


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file holding the demo court system (seed 2024)."""
    path = tmp_path_factory.mktemp("notebooks") / "demo.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        load_demo(session, reference_date=REFERENCE_DATE)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def chinese_font() -> None:
    if find_cjk_font() is None:
        message = "no Chinese font is installed (apt-get install -y fonts-noto-cjk)"
        if REQUIRE_FONT:
            pytest.fail(message + " and TALENT_TEST_REQUIRE_BROWSER=1")
        pytest.skip(message)


def row_counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in SQLModel.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def outputs(notebook: nbformat.NotebookNode, kind: str) -> list[nbformat.NotebookNode]:
    return [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == kind
    ]


def test_the_issue_s_notebooks_are_all_there() -> None:
    assert tuple(p.name for p in notebook_paths()) == EXPECTED


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_on_the_demo(
    path: Path, demo_url: str, chinese_font: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TALENT_DATABASE_URL", demo_url)  # the kernel inherits it
    before = row_counts(demo_url)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=TIME_LIMIT_SECONDS,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError with the failing cell and its traceback
    elapsed = time.perf_counter() - started

    assert elapsed < TIME_LIMIT_SECONDS, f"{path.name} took {elapsed:.1f} s"
    # A chart that fails to render (a glyph the font lacks: talent.charts makes that an
    # error) leaves an error output while the cell itself still reports success.
    errors = [f"{o.ename}: {o.evalue}" for o in outputs(notebook, "error")]
    assert not errors, f"{path.name}: {errors}"
    streams = "".join(output.text for output in outputs(notebook, "stream"))
    assert demo_url.removeprefix("sqlite:///") in streams, "the notebook read another database"
    assert "missing from font" not in streams
    charts = [o for o in outputs(notebook, "display_data") if "image/png" in o.data]
    assert charts, f"{path.name} drew no chart"
    assert row_counts(demo_url) == before, f"{path.name} wrote to the database"
