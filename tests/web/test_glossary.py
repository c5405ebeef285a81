"""One word for each thing: no synonym the glossary avoids appears where users read words.

The glossary (``api/glossary.toml``) lists the words we use and the synonyms
seen before; this reads every template, message catalogue, vocabulary, export module and
notebook and fails on an avoided synonym (a longer word the glossary keeps is allowed).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GLOSSARY = ROOT / "api" / "glossary.toml"
READ = [
    *sorted((ROOT / "api" / "templates").glob("*.html")),
    *sorted((ROOT / "api" / "locales").rglob("*.po")),
    *sorted((ROOT / "api" / "web").rglob("*.toml")),
    *sorted((ROOT / "api" / "web").rglob("*.py")),
    *sorted((ROOT / "api" / "static").glob("*.js")),
    ROOT / "talent" / "mentoring" / "report_export.py",
    *sorted((ROOT / "talent" / "reserve").glob("*.py")),
    *sorted((ROOT / "talent" / "demo").rglob("*.py")),
    *sorted((ROOT / "notebooks").glob("*.ipynb")),
]


def _terms() -> dict[str, dict]:
    with GLOSSARY.open("rb") as handle:
        return tomllib.load(handle)


def test_every_term_has_both_languages_and_its_meaning() -> None:
    terms = _terms()
    assert len(terms) >= 8
    for key, term in terms.items():
        assert term["zh"] and term["en"] and term["means"], key
        assert term["zh"] not in term.get("avoid", []), key


def test_no_avoided_synonym_where_users_read_words() -> None:
    found = []
    for term in _terms().values():
        for word in term.get("avoid", []):
            for path in READ:
                if path == GLOSSARY:
                    continue
                text = path.read_text(encoding="utf-8")
                for kept in term.get("keep", []):
                    text = text.replace(kept, "")
                for number, line in enumerate(text.splitlines(), 1):
                    if word in line:
                        found.append(f"{path.relative_to(ROOT)}:{number}: {word} ({term['zh']})")
    assert not found, "\n".join(found[:40])


def test_the_test_reads_real_files() -> None:
    assert all(p.exists() for p in READ) and len(READ) > 40
