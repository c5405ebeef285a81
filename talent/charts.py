"""Chinese labels in matplotlib charts: find a font that draws them, at run time.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs: every hanzi becomes an
empty box and matplotlib only warns. The notebooks in ``notebooks/`` call
:func:`use_cjk_font` first; it picks an installed font that really covers the
characters the charts use (Noto Sans CJK from Debian's ``fonts-noto-cjk`` first), makes
it matplotlib's sans-serif font, and turns any later missing-glyph warning into an
error, so a chart can fail but never silently show boxes. Without such a font it raises
:class:`MissingCJKFont`, whose message says what to install.

Notes
-----
A font *covers* a text when its character map has a glyph for every character of the
text other than whitespace (``FT2Font.get_char_index(c) != 0``); the family name alone
proves nothing (a "CJK" family can be a Latin-only subset). Fonts are looked for in
matplotlib's font list first (its cache), then among the font files on the system, so
a font installed after matplotlib built its cache is found too (it is added to the
font manager for the rest of the process).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

__all__ = [
    "PREFERRED_FAMILIES",
    "PROBE",
    "CJKFont",
    "MissingCJKFont",
    "covers",
    "find_cjk_font",
    "use_cjk_font",
]

PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
)
"""Families tried first, simplified-Chinese sans-serif fonts before the others."""

PROBE = "法院后备干部库导师徒弟结对书记员青年干警资深法官人数月份小时得分"
"""Characters every chart of the notebooks draws; a font must cover them all."""

MISSING_MESSAGE = (
    "没有找到能显示中文的字体，图中的中文会显示成方框，因此停止绘图。"
    "请安装 Noto Sans CJK（Debian/Ubuntu：sudo apt-get install -y fonts-noto-cjk），"
    "然后重新启动内核。\n"
    "No font that draws Chinese was found, so charts would show boxes instead of labels. "
    "Install Noto Sans CJK (Debian/Ubuntu: sudo apt-get install -y fonts-noto-cjk) "
    "and restart the kernel."
)

_GLYPH_WARNING = r"Glyph \d+ .*missing from font"


class MissingCJKFont(RuntimeError):
    """No installed font covers the Chinese characters the charts need."""


@dataclass(frozen=True)
class CJKFont:
    """A font that covers the probe text: its family name and the file it lives in."""

    family: str
    path: str
    index: int = 0


def _face(path: str, index: int) -> FT2Font:
    try:
        return FT2Font(path, face_index=index)
    except TypeError:  # matplotlib before 3.10 reads the first face of a collection only
        return FT2Font(path)


def covers(path: str, text: str, index: int = 0) -> bool:
    """Whether the font in ``path`` (face ``index`` of a collection) has every glyph of ``text``.

    Examples
    --------
    >>> from matplotlib import font_manager
    >>> covers(font_manager.findfont("DejaVu Sans"), "法院")
    False
    """
    try:
        face = _face(path, index)
    except (OSError, RuntimeError, ValueError):  # unreadable or not a font FreeType knows
        return False
    return all(face.get_char_index(ord(char)) != 0 for char in text if not char.isspace())


def _rank(entry: font_manager.FontEntry, families: Sequence[str]) -> tuple[int, int, str, int]:
    """Preferred families first (in their order), regular weight before bold, then by name."""
    preference = families.index(entry.name) if entry.name in families else len(families)
    weight = entry.weight if isinstance(entry.weight, int) else 400
    return (preference, abs(weight - 400), entry.name, getattr(entry, "index", 0))


def _first_covering(
    entries: Iterable[font_manager.FontEntry], probe: str, families: Sequence[str]
) -> CJKFont | None:
    for entry in sorted(entries, key=lambda e: _rank(e, families)):
        index = getattr(entry, "index", 0)
        if entry.style == "normal" and covers(entry.fname, probe, index):
            return CJKFont(family=entry.name, path=entry.fname, index=index)
    return None


def find_cjk_font(
    probe: str = PROBE,
    *,
    families: Sequence[str] = PREFERRED_FAMILIES,
    entries: Iterable[font_manager.FontEntry] | None = None,
    system_fonts: Callable[[], Iterable[str]] | None = None,
) -> CJKFont | None:
    """The best installed font that covers ``probe``, or None.

    Parameters
    ----------
    probe : str
        The characters the font must draw.
    families : sequence of str
        Family names tried first, in this order; any other covering font comes after.
    entries : iterable of FontEntry, optional
        The fonts matplotlib knows (default: ``font_manager.fontManager.ttflist``).
    system_fonts : callable returning paths, optional
        Font files to scan when no known font covers ``probe`` (default:
        ``font_manager.findSystemFonts``); a covering one is added to the font manager.

    Returns
    -------
    CJKFont or None
    """
    known = list(font_manager.fontManager.ttflist if entries is None else entries)
    found = _first_covering(known, probe, families)
    if found is not None:
        return found
    seen = {entry.fname for entry in known}
    paths = (system_fonts or font_manager.findSystemFonts)()
    for path in sorted(set(paths) - seen):
        if not covers(path, probe):
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        name = font_manager.FontProperties(fname=path).get_name()
        return CJKFont(family=name, path=path)
    return None


def use_cjk_font(
    probe: str = PROBE,
    *,
    strict: bool = True,
    families: Sequence[str] = PREFERRED_FAMILIES,
    entries: Iterable[font_manager.FontEntry] | None = None,
    system_fonts: Callable[[], Iterable[str]] | None = None,
) -> CJKFont:
    """Make a font that covers ``probe`` matplotlib's sans-serif font, or fail clearly.

    Parameters
    ----------
    probe : str
        The characters the charts will draw.
    strict : bool, default True
        Turn matplotlib's missing-glyph warning into an error for the rest of the
        process, so a character the font lacks fails the cell instead of drawing a box.
    families, entries, system_fonts
        As for :func:`find_cjk_font`.

    Returns
    -------
    CJKFont
        The font now in use.

    Raises
    ------
    MissingCJKFont
        When no installed font covers ``probe``; the message (Chinese, then English)
        says what to install.
    """
    font = find_cjk_font(probe, families=families, entries=entries, system_fonts=system_fonts)
    if font is None:
        raise MissingCJKFont(MISSING_MESSAGE)
    others = [f for f in mpl.rcParams["font.sans-serif"] if f != font.family]
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [font.family, *others]
    # CJK fonts draw U+2212 too, but an ASCII hyphen keeps negative ticks in any font.
    mpl.rcParams["axes.unicode_minus"] = False
    if strict:
        warnings.filterwarnings("error", message=_GLYPH_WARNING, category=UserWarning)
    return font
