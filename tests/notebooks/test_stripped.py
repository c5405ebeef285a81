"""Notebooks are committed without outputs: run ``make strip-notebooks`` before committing.

Outputs hold names and evaluations from whatever database the notebook last ran on, and
make every run a diff; execution counts are noise of the same kind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_are_notebooks_to_check() -> None:
    assert PATHS, f"no notebook in {NOTEBOOKS}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_notebook_has_no_outputs_or_execution_counts(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, (
        f"{path.name}: cells {dirty} carry outputs or execution counts; run `make strip-notebooks`"
    )


def test_stripping_changes_nothing() -> None:
    """nbstripout (what ``make strip-notebooks`` runs) finds nothing left to strip."""
    found = subprocess.run(
        [sys.executable, "-m", "nbstripout", "--verify", *map(str, PATHS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stdout + found.stderr
