"""talent.charts: a font that really draws Chinese is found, used, and its absence is loud."""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Iterator

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib import font_manager

from talent import charts

REQUIRE_FONT = os.environ.get("TALENT_TEST_REQUIRE_BROWSER") == "1"
DEJAVU = font_manager.findfont("DejaVu Sans", fallback_to_default=False)


@pytest.fixture
def cjk_font() -> charts.CJKFont:
    font = charts.find_cjk_font()
    if font is None:
        message = "no Chinese font is installed (apt-get install -y fonts-noto-cjk)"
        if REQUIRE_FONT:
            pytest.fail(message + " and TALENT_TEST_REQUIRE_BROWSER=1")
        pytest.skip(message)
    return font


@pytest.fixture
def restored_rc() -> Iterator[None]:
    with matplotlib.rc_context():
        yield


def _dejavu_only() -> list[font_manager.FontEntry]:
    return [e for e in font_manager.fontManager.ttflist if e.fname == DEJAVU]


def _render(title: str) -> None:
    fig, ax = plt.subplots()
    try:
        ax.set_title(title)
        ax.plot([-1, 1])
        fig.savefig(io.BytesIO(), format="png")
    finally:
        plt.close(fig)


def test_found_font_covers_every_probe_character(cjk_font: charts.CJKFont) -> None:
    assert charts.covers(cjk_font.path, charts.PROBE, cjk_font.index)


def test_latin_font_does_not_cover_chinese() -> None:
    assert charts.covers(DEJAVU, "Court 2026")
    assert not charts.covers(DEJAVU, "法院")
    assert not charts.covers("/nonexistent/font.ttf", "法院")


def test_chinese_renders_without_a_missing_glyph_after_use(
    cjk_font: charts.CJKFont, restored_rc: None
) -> None:
    used = charts.use_cjk_font()
    assert used == cjk_font
    assert matplotlib.rcParams["font.sans-serif"][0] == cjk_font.family
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a box would come with a missing-glyph warning
        _render("优秀年轻干部库构成（海勃湾区人民法院，-3）")


def test_a_missing_glyph_fails_instead_of_drawing_a_box(
    cjk_font: charts.CJKFont, restored_rc: None
) -> None:
    with warnings.catch_warnings():
        charts.use_cjk_font()
        with pytest.raises(UserWarning, match="missing from font"):
            _render("法院 \N{LINEAR B SYLLABLE B008 A}")


def test_preferred_family_is_refused_when_its_file_lacks_the_glyphs() -> None:
    impostor = font_manager.FontEntry(fname=DEJAVU, name="Noto Sans CJK SC", style="normal")
    found = charts.find_cjk_font(entries=[impostor], system_fonts=lambda: [DEJAVU])
    assert found is None


def test_a_font_matplotlib_has_not_cached_is_found_on_disk(cjk_font: charts.CJKFont) -> None:
    found = charts.find_cjk_font(
        entries=_dejavu_only(), system_fonts=lambda: [DEJAVU, cjk_font.path]
    )
    assert found is not None
    assert found.path == cjk_font.path
    assert charts.covers(found.path, charts.PROBE)


def test_no_chinese_font_raises_a_clear_message(restored_rc: None) -> None:
    before = list(matplotlib.rcParams["font.sans-serif"])
    with pytest.raises(charts.MissingCJKFont) as raised:
        charts.use_cjk_font(entries=_dejavu_only(), system_fonts=lambda: [DEJAVU])
    message = str(raised.value)
    assert "fonts-noto-cjk" in message
    assert "没有找到能显示中文的字体" in message and "No font that draws Chinese" in message
    assert matplotlib.rcParams["font.sans-serif"] == before
