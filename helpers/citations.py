"""Every form in which the course cites a work of ``sources.csv``, made in one place so that a
citation rule changed here changes on every chart, card, list, page and download.

A source is read from the validated table (``helpers.data``), never from the raw CSV. The forms:

- ``label``: the short form, "Author year", on chart axes, hovers, source lines and data tables;
- ``reference``: the full form, "Authors (year). *Title*. Publisher. Read in ... URL", as plain
  text, HTML or markdown;
- ``keyed``: the label followed by the reference, wherever a reader looks a source up (the
  bibliography page, document cards, evidence lists, further reading), so a chart label is
  found again by eye;
- ``bibliography_page``, ``csl_json`` and ``bibtex``: the whole list for the site and for
  reference managers.

Titles may mark a title inside them with asterisks (``A study of the *Manshū jihen*``); each
output form renders that markup here (``inline``) and nowhere else.
"""

from __future__ import annotations

import difflib
import html
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields

import pandas as pd

from . import data, theme
from .data import rules

MARKUPS = ("plain", "html", "markdown")
CSL_TYPE = {
    "primary": "document",
    "secondary": "book",
    "dataset": "dataset",
    "reference": "entry-encyclopedia",
}
BIB_TYPE = {"primary": "misc", "secondary": "book", "dataset": "misc", "reference": "misc"}
FILES = {"csl": "sources.csl.json", "bibtex": "sources.bib"}
# a publisher named like this is where the work appeared (journal, magazine, encyclopedia)
CONTAINER = re.compile(
    r"\bjournal\b|review|zhurnal|Acta |Japan Focus|magazine|Wikipedia", re.IGNORECASE
)


@dataclass(frozen=True)
class Source:
    """One row of sources.csv; empty cells are None."""

    source_id: str
    title: str
    kind: str
    perspective: str
    author: str | None = None
    year: int | None = None
    publisher: str | None = None
    url: str | None = None
    consulted_via: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> Source:
        values = {f.name: row.get(f.name) for f in fields(cls)}
        for name, value in values.items():
            values[name] = None if pd.isna(value) or not str(value).strip() else value
        values["year"] = None if values["year"] is None else int(values["year"])
        for name in ("source_id", "title", "kind", "perspective"):
            values[name] = str(values[name] or "")
        return cls(**values)

    @property
    def authors(self) -> list[str]:
        """The authors as written; ``;`` separates them (an institution may contain "and")."""
        return [a.strip() for a in (self.author or "").split(";") if a.strip()]


# ---------------------------------------------------------------------------- the table

_TABLE: list = [None, {}]  # the validated frame the dict below was built from, and the dict


def _by_id() -> dict[str, Source]:
    frame = data.peek("sources")
    if _TABLE[0] is not frame:  # the loader's cache was cleared or another data folder loaded
        _TABLE[:] = [frame, {r["source_id"]: Source.from_row(r) for r in frame.to_dict("records")}]
    return _TABLE[1]


def all_sources() -> list[Source]:
    """Every source, in the order of sources.csv."""
    return list(_by_id().values())


def source(source_id: str | Source) -> Source:
    """The source with this id; an unknown id names the closest ids that exist."""
    if isinstance(source_id, Source):
        return source_id
    by_id = _by_id()
    if source_id not in by_id:
        close = difflib.get_close_matches(str(source_id), list(by_id), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no source {source_id!r} in lessons_data/sources.csv{hint}")
    return by_id[source_id]


# ---------------------------------------------------------------------------- inline markup


def _runs(text: str) -> list[tuple[str, bool]]:
    """``text`` as (part, marked) runs: ``*...*`` marks a part; a lone asterisk stays literal."""
    parts = re.split(r"\*([^*]+)\*", text)
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|$])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def inline(text: str, markup: str = "plain", *, italic: bool = False) -> str:
    """``text`` with its ``*...*`` markup rendered for one output form. In an italic context
    (a title) a marked part is set upright, as a book title inside a title is."""
    if markup not in MARKUPS:
        raise ValueError(f"markup must be one of {', '.join(MARKUPS)}, not {markup!r}")
    out = []
    for part, marked in _runs(text):
        slanted = marked != italic
        if markup == "plain":
            out.append(part)
        elif markup == "html":
            esc = html.escape(part)
            if italic and not slanted:
                out.append(f'<span style="font-style:normal">{esc}</span>')
            else:
                out.append(f"<em>{esc}</em>" if slanted and not italic else esc)
        else:
            stripped = part.strip()
            if slanted and stripped:  # emphasis may not start or end with a space
                lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()) :]
                out.append(f"{lead}*{_md_escape(stripped)}*{trail}")
            else:
                out.append(_md_escape(part))
    return "".join(out)


def title(src: str | Source, markup: str = "plain", *, link: bool = False) -> str:
    """The title set as a title: in italics (``<cite>`` in HTML), its inner titles upright;
    with ``link=True`` (HTML) a link to the work where it has an address."""
    s = source(src)
    if markup != "html":
        return inline(s.title, markup, italic=True)
    text = f"<cite>{inline(s.title, 'html', italic=True)}</cite>"
    return f'<a href="{html.escape(s.url)}">{text}</a>' if link and s.url else text


# ---------------------------------------------------------------------------- short form


def label(src: str | Source) -> str:
    """ "Author year": the first author (else the publisher, else the id) up to a comma or a
    parenthesis, then the year if the work has one (never cut short: charts wrap it). An author
    written in parentheses describes a work with no named author: skipped."""
    s = source(src)
    names = [a for a in s.authors[:1] if not a.startswith("(")] + [s.publisher or ""]
    who = next((w.strip() for w in names if w.strip()), s.source_id)
    who = re.split(r",| \(", who)[0].strip() or who
    return who if s.year is None else f"{who} {s.year}"


def source_line(ids: Iterable[str], limit: int = 4) -> str:
    """A chart's source line: the labels of its sources (each once), the rest counted."""
    labels = list(dict.fromkeys(label(sid) for sid in dict.fromkeys(ids) if sid in _by_id()))
    more = f" and {len(labels) - limit} more" if len(labels) > limit else ""
    return "; ".join(labels[:limit]) + more + "."


# ---------------------------------------------------------------------------- full form


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def read_via(src: str | Source) -> str:
    """How the work was read when not in itself, as a sentence; "" when read directly."""
    via = source(src).consulted_via
    if via is None:
        return ""
    if rules.is_source_id(via) and via in _by_id():
        return f"Read as quoted in {label(via)}."
    if re.match(r"(read|quoted|as|text)\b", via, re.IGNORECASE):  # already says how
        return _sentence(via[0].upper() + via[1:])
    return _sentence(f"Read in {via}")


def _link(url: str, markup: str) -> str:
    if markup == "html":
        return f'<a href="{html.escape(url)}" rel="noopener">{html.escape(url)}</a>'
    return f"<{url}>" if markup == "markdown" else url


def _text(text: str, markup: str) -> str:
    return {"plain": text, "html": html.escape(text), "markdown": _md_escape(text)}[markup]


def reference(src: str | Source, markup: str = "plain") -> str:
    """The full citation: "Authors (year). *Title*. Publisher. Read in .... URL". With no
    author the title leads; with no year the year is left out; the URL is the whole address
    (a Wikipedia revision's ``oldid`` included), last so that it copies cleanly."""
    if markup not in MARKUPS:
        raise ValueError(f"markup must be one of {', '.join(MARKUPS)}, not {markup!r}")
    s = source(src)
    year = f" ({s.year})" if s.year is not None else ""
    if s.author:
        head = [_sentence(_text(s.author, markup) + year), _sentence(title(s, markup))]
    else:
        head = [_sentence(title(s, markup) + year)]
    publisher = s.publisher if s.publisher != s.author else None  # an institution's own site
    tail = [_sentence(_text(publisher, markup))] if publisher else []
    via = read_via(s)
    tail += [_text(via, markup)] if via else []
    tail += [_link(s.url, markup)] if s.url else []
    return " ".join(head + tail)


def keyed(src: str | Source, markup: str = "html") -> str:
    """The label in bold, then the reference: how a reader finds a chart's label again."""
    s = source(src)
    lab = _text(label(s), markup)
    bold = {"plain": lab, "html": f"<b>{lab}</b>", "markdown": f"**{lab}**"}[markup]
    return f"{bold} · {reference(s, markup)}"


def sort_key(src: str | Source) -> tuple[str, int]:
    """Alphabetical by what the reference starts with (author, else title), then by year."""
    s = source(src)
    return ((s.author or inline(s.title)).casefold(), s.year or 0)


# ---------------------------------------------------------------------------- the whole list


def bibliography_page() -> str:
    """The site's bibliography (markdown): every source keyed, grouped by perspective, each
    with an anchor ``source-<id>``, its kind and its id."""
    out = []
    for key, name in theme.PERSPECTIVE_NAMES.items():
        items = sorted((s for s in all_sources() if s.perspective == key), key=sort_key)
        if not items:
            continue
        out += [f"## {name} perspective" if key != "other" else f"## {name}", ""]
        for s in items:
            out.append(
                f'- <span id="source-{s.source_id}"></span>{keyed(s, "markdown")} '
                f"[{s.kind}; id `{s.source_id}`]"
            )
        out.append("")
    return "\n".join(out)


def _note(s: Source) -> str:
    return " ".join(n for n in (s.note, read_via(s)) if n)


def csl_item(src: str | Source) -> dict:
    """One source as CSL-JSON: names as literals (institutions, several scripts), inner titles
    as ``<i>``, which CSL processors set upright inside an italic title."""
    s = source(src)
    item = {
        "id": s.source_id,
        "type": CSL_TYPE[s.kind],
        "title": "".join(f"<i>{p}</i>" if m else p for p, m in _runs(s.title)),
    }
    if s.authors:
        item["author"] = [{"literal": a} for a in s.authors]
    if s.year is not None:
        item["issued"] = {"date-parts": [[s.year]]}
    if s.publisher:
        item["container-title" if CONTAINER.search(s.publisher) else "publisher"] = s.publisher
    if s.url:
        item["URL"] = s.url
    if _note(s):
        item["note"] = _note(s)
    return item


def csl_json() -> str:
    return json.dumps([csl_item(s) for s in all_sources()], ensure_ascii=False, indent=1) + "\n"


def _bib_escape(text: str) -> str:
    text = text.replace("\\", "\\textbackslash{}")
    for ch in "&%$#_{}":
        text = text.replace(ch, "\\" + ch)
    return text.replace("~", "\\textasciitilde{}").replace("^", "\\textasciicircum{}")


def _bib_key(source_id: str, seen: set) -> str:
    key = re.sub(r"[^A-Za-z0-9_:-]", "", unicodedata.normalize("NFKD", source_id)) or "source"
    while key in seen:
        key += "x"
    seen.add(key)
    return key


def bib_entry(src: str | Source, seen: set | None = None) -> str:
    """One source as BibTeX; braces keep institutions and non-Latin names whole."""
    s = source(src)
    marked = "".join(
        f"\\emph{{{_bib_escape(p)}}}" if m else _bib_escape(p) for p, m in _runs(s.title)
    )
    fields_ = [("title", "{" + marked + "}")]
    if s.authors:
        fields_.append(("author", " and ".join("{" + _bib_escape(a) + "}" for a in s.authors)))
    if s.year is not None:
        fields_.append(("year", str(s.year)))
    if s.publisher and CONTAINER.search(s.publisher):
        where = "journal" if s.kind == "secondary" else "howpublished"
        fields_.append((where, _bib_escape(s.publisher)))
    elif s.publisher:
        fields_.append(("publisher", _bib_escape(s.publisher)))
    if s.url:
        fields_.append(("url", s.url.replace("%", "\\%").replace("#", "\\#")))
    if _note(s):
        fields_.append(("note", _bib_escape(_note(s))))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields_)
    key = _bib_key(s.source_id, set() if seen is None else seen)
    return f"@{BIB_TYPE[s.kind]}{{{key},\n{body}\n}}\n"


def bibtex() -> str:
    seen: set = set()
    return "\n".join(bib_entry(s, seen) for s in all_sources())
