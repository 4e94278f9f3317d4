"""Is a course CSV UTF-8 text with its Japanese, Russian and Chinese letters intact?

A spreadsheet saving "CSV" in the computer's legacy encoding either writes bytes that are
not UTF-8 (Windows-1251, Shift-JIS, Windows-1252) or replaces every letter it cannot hold
with ``?``. Read as UTF-8, the first gives garbage and the second gives names like ``??``
that then collide as duplicate keys. Both are found here, before any other check, by
looking at the columns that must hold non-Latin text: ``name_ja``, ``name_ru``, ``name_zh``,
and a ``name`` or ``excerpt_original`` whose row names its language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import Problem

LANGUAGES = {"ja": "Japanese", "zh": "Chinese", "ru": "Russian", "ko": "Korean", "mn": "Mongolian"}
SCRIPTS = {  # words of the Unicode character names of each language's letters
    "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "zh": ("CJK",),
    "ru": ("CYRILLIC",),
    "ko": ("HANGUL", "CJK"),
    "mn": ("CYRILLIC", "MONGOLIAN"),
}
ROW_LANGUAGE = {"name": "lang", "excerpt_original": "language"}  # text column -> its language
LEGACY = (  # (codec, what it is, Excel's "File origin" entry)
    ("cp1251", "Windows-1251 (Cyrillic)", "1251: Cyrillic (Windows)"),
    ("cp932", "Shift-JIS (Japanese)", "932: Japanese (Shift-JIS)"),
    ("cp1252", "Windows-1252 (Western European)", "1252: Western European (Windows)"),
)
SAVE_AS_UTF8 = (
    "in Excel, File > Save As with the type 'CSV UTF-8 (Comma delimited) (*.csv)' (not 'CSV "
    "(Comma delimited)'); in LibreOffice Calc, File > Save As, type 'Text CSV (.csv)', tick "
    "'Edit filter settings' and choose the character set 'Unicode (UTF-8)'; in Google Sheets, "
    "File > Download > Comma-separated values (.csv), which is always UTF-8"
)
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class TextProblem(Problem):
    """The file's text itself is wrong: until it is fixed nothing else in it can be trusted,
    so the loader reports these alone."""


def utf16(label: str) -> TextProblem:
    """Excel's 'Unicode Text' is UTF-16 with tabs."""
    return TextProblem(
        label,
        None,
        None,
        None,
        "the file is saved as UTF-16 ('Unicode Text'), not as UTF-8",
        "open it in the spreadsheet and save it as CSV UTF-8: " + SAVE_AS_UTF8,
    )


def not_utf8(label: str, header: list[str], rows: list[list[str]], numbers: list[int]):
    """The problem for a file that is not UTF-8; ``rows`` hold its bytes as Latin-1 text."""
    bad = [
        (number, column, cell)
        for row, number in zip(rows, numbers, strict=True)
        for column, cell in zip(header, row, strict=True)
        if not _is_utf8(cell)
    ]
    guess = _guess(header, rows) if bad else None
    row, column, cell = bad[0] if bad else (None, None, None)
    value = None if cell is None else _as(cell, guess[0] if guess else None)
    if guess:
        rule = f"the file is not UTF-8 text; it looks saved as {guess[1]}"
        reopen = (
            f"open it as {guess[1]} text so that its letters read right (LibreOffice Calc: "
            f"choose that character set when opening it; Excel: Data > From Text/CSV with File "
            f"origin '{guess[2]}')"
        )
    else:
        rule = "the file is not UTF-8 text; it was saved in a legacy encoding"
        reopen = (
            "open it choosing the encoding it was saved in (LibreOffice Calc: the character "
            "set when opening it; Excel: Data > From Text/CSV, File origin) until its letters "
            "read right"
        )
    return TextProblem(
        label, row, column, value, rule, f"{reopen}, then save it as CSV UTF-8: {SAVE_AS_UTF8}"
    )


def lost_text(label: str, header: list[str], rows: list[list[str]], numbers: list[int]):
    """The problem for non-Latin text replaced by ``?``, or None when none was lost."""
    lost = [
        (number, column, cell, lang)
        for row, number in zip(rows, numbers, strict=True)
        for column, cell, lang in _language_cells(header, row)
        if "?" in cell and not _has_script(cell, lang)
    ]
    if not lost:
        return None
    row, column, cell, lang = lost[0]
    names = sorted({LANGUAGES[lg] for *_, lg in lost})
    return TextProblem(
        label,
        row,
        column,
        cell,
        f"letters of this {LANGUAGES[lang]} text were replaced by '?' ({len(lost)} cells of "
        f"{_listed(names)} text in this file): it was saved in an encoding that cannot hold "
        "them",
        "a '?' cannot be turned back into the letters it replaced: take the file from before "
        f"(for example `git checkout -- lessons_data/{label}`) or go back to the spreadsheet "
        f"you edited, and save it as CSV UTF-8: {SAVE_AS_UTF8}",
    )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _language_cells(header: list[str], row: list[str]):
    """(column, cell, language) for every non-empty cell that must hold a language's text."""
    cells = dict(zip(header, row, strict=True))
    for column, cell in cells.items():
        lang = column.rsplit("_", 1)[-1] if column.startswith("name_") else None
        if column in ROW_LANGUAGE:
            lang = cells.get(ROW_LANGUAGE[column], "").strip()
        if lang in SCRIPTS and cell.strip():
            yield column, cell, lang


def _has_script(text: str, lang: str) -> bool:
    return any(
        word in unicodedata.name(ch, "") for ch in text if ord(ch) > 127 for word in SCRIPTS[lang]
    )


def _is_utf8(cell: str) -> bool:
    try:
        cell.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _as(cell: str, codec: str | None) -> str:
    raw = cell.encode("latin-1")
    return raw.decode(codec) if codec else raw.decode("utf-8", errors="replace")


def _guess(header, rows) -> tuple[str, str, str] | None:
    """The one legacy encoding under which the file reads best, or None if none stands out:
    language columns show their own alphabet (not another non-Latin one), and no word mixes
    two alphabets."""
    scores = {}
    for codec, *names in LEGACY:
        try:
            decoded = [[_as(c, codec) for c in row] for row in rows]
        except UnicodeDecodeError:
            continue
        score = 0
        for row in decoded:
            for _, cell, lang in _language_cells(header, row):
                if _has_script(cell, lang):
                    score += 1
                elif {_script(ch) for ch in cell} - {"LATIN", None}:  # another alphabet
                    score -= 1
            score -= sum(_mixed(word) for cell in row for word in WORD.findall(cell))
        scores[(codec, *names)] = score
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _mixed(word: str) -> bool:
    """A word whose letters come from two alphabets, as mis-decoded text gives."""
    scripts = {_script(ch) for ch in word}
    return len(scripts - {None}) > 1


def _script(ch: str) -> str | None:
    if ord(ch) < 128:
        return "LATIN"
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK", "HANGUL"):
        if name.startswith(script):
            return script
    if any(word in name for word in ("CJK", "HIRAGANA", "KATAKANA")):
        return "CJK"
    return None
