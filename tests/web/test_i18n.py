"""The English catalogue covers every Chinese source string the pages show, and nothing stale."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from api.web import labels
from api.web.i18n import catalogue, po_files, translator

ROOT = Path(__file__).resolve().parents[2]


def _source_messages() -> set[str]:
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT,
        method_map,
        options_map,
        keywords={**DEFAULT_KEYWORDS, "N_": None},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_an_english_translation_and_none_is_stale() -> None:
    source = _source_messages()
    assert len(source) > 150
    entries = {}
    duplicated = []
    for path in po_files("en"):
        with path.open("rb") as handle:
            po = read_po(handle, locale="en")
        for m in po:
            if m.id:
                if m.id in entries:
                    duplicated.append((path.name, m.id))
                entries[m.id] = m
    assert not duplicated, f"translated in two catalogue files: {duplicated}"
    missing = sorted(m for m in source if not (m in entries and entries[m].string))
    fuzzy = sorted(m for m, entry in entries.items() if entry.fuzzy)
    stale = sorted(set(entries) - source)
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    assert not stale, f"in the catalogue but no longer in the pages: {stale}"


def test_translations_keep_their_placeholders() -> None:
    import re

    placeholder = re.compile(r"%\((\w+)\)s")
    for source, english in catalogue("en").items():
        assert set(placeholder.findall(source)) == set(placeholder.findall(english)), source


def test_every_vocabulary_word_is_translated() -> None:
    english = catalogue("en")
    for vocabulary in labels.VOCABULARIES.values():
        for word in vocabulary.values():
            assert word in english, word


def test_chinese_is_the_source_and_unknown_codes_show_as_themselves() -> None:
    zh, en = translator("zh"), translator("en")
    assert labels.label(zh, "role", "planner") == "人事干部"
    assert labels.label(en, "role", "planner") == "HR planner"
    assert labels.label(en, "rule", "some_new_rule") == "some_new_rule"
    assert en("匹配批次 #%(id)s", id=7) == "Matching run #7"
