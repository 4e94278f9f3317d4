"""The capstone's evidence packets: one PDF per turning point, for classes without devices.

A packet holds what the evidence helper gathers for its turning point (``gather``), so paper
and screen show the same evidence: the criteria of significance as the comparison table reads
them from the data, every document (headnote, text, original, questions, source), every
casualty figure with each source's value or range, the treaties, changes of control and
events, and the full reference of every source it cites. Printed with Playwright's PDF
printing in Debian's chromium, as the rest of ``publish.print``.

``python -m publish.print.packets [--paper a4|letter] [--turning-points august_1945 ...]``
(``make packets``) writes ``_build/print/packets/<turning point>.<paper>.pdf``.
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

import pandas as pd

from ..common import BUILD, write_if_changed
from .lessons import PAPERS, PrintError, paper

OUT = BUILD / "print" / "packets"
KIND = "Evidence packet"

CSS = """
body { font-family: "DejaVu Serif", "Noto Serif CJK JP", serif; font-size: 10pt; line-height: 1.35;
       color: #111; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; border-bottom: 1px solid #777; break-after: avoid; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; }
p { margin: 3pt 0; }
.kind { font: 600 9pt "DejaVu Sans", sans-serif; letter-spacing: .06em; text-transform: uppercase;
        color: #555; }
.doc { border: 0.8pt solid #999; border-radius: 4pt; padding: 6pt 9pt; margin: 8pt 0; }
.doc h3, .doc .meta { break-after: avoid; }
.doc blockquote p, .doc > p { orphans: 3; widows: 3; }
.doc .meta, .small { font-family: "DejaVu Sans", sans-serif; font-size: 8.5pt; color: #333; }
.meta, td, li { overflow-wrap: anywhere; }
tr.group td { background: #f3f3f3; font-weight: 600; }
.doc blockquote { margin: 4pt 0 4pt 8pt; padding-left: 8pt; border-left: 2pt solid #777; }
.doc .original { font-size: 8.5pt; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 4pt 0; }
th, td { border: 0.6pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { break-inside: avoid; }
.crit ul { font-size: 9.5pt; }
td.num { white-space: nowrap; }
ul { margin: 2pt 0 2pt 14pt; padding: 0; }
.sources { column-count: 2; column-gap: 30pt; padding-left: 22pt; font-size: 8pt; }
.sources li { margin: 0 0 2pt; break-inside: avoid; }
"""  # noqa: E501 (embedded CSS)


def _esc(value) -> str:
    return (
        ""
        if value is None or (isinstance(value, float) and pd.isna(value))
        else html.escape(str(value))
    )


def _date(value) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%d %b %Y}"


def _labels(rows: pd.DataFrame) -> str:
    return "; ".join(dict.fromkeys(rows["citation"].dropna()))


def _criteria(ev) -> str:
    from helpers.evidence.comparison import CRITERIA, SUGGEST

    parts = []
    for cid, (name, question) in CRITERIA.items():
        items = SUGGEST[cid](ev)
        body = "".join(f"<li>{_esc(text)}</li>" for _, text in items) or "<li>nothing</li>"
        parts.append(
            f'<div class="crit"><h3>{_esc(name)}</h3><p class="small">{_esc(question)}</p>'
            f"<ul>{body}</ul></div>"
        )
    return "".join(parts)


def _documents(ev) -> str:
    from helpers import data, theme
    from helpers.citations import reference

    docs = data.peek("documents").set_index("document_id")
    out = []
    for n, item_id in enumerate(dict.fromkeys(ev.documents["id"]), start=1):
        d = docs.loc[item_id.split(":", 1)[1]]
        side = theme.PERSPECTIVE_NAMES.get(str(d["perspective"]), str(d["perspective"]))
        original = (
            f'<p class="original" lang="{_esc(d["language"])}"><em>Original:</em> '
            f"{_esc(d['excerpt_original'])}</p>"
            if str(d["language"]) != "en" and isinstance(d["excerpt_original"], str)
            else ""
        )
        translation = (
            f" Translation: {_esc(d['translation_by'])}."
            if isinstance(d["translation_by"], str)
            else ""
        )
        out.append(
            f'<div class="doc"><h3>Document {n}. {_esc(d["title"])}</h3>'
            f'<p class="meta">{_esc(d["author"])} · {_date(d["date"])} · {_esc(side)} '
            f"perspective</p><p><em>{_esc(d['headnote'])}</em></p>"
            f"<blockquote>{_esc(d['excerpt_en'])}</blockquote>{original}"
            f'<p class="meta">Source: {_esc(reference(d["source_id"]))}{translation}</p></div>'
        )
    return "".join(out) or "<p>The course data holds no document for this turning point.</p>"


def _figure(r) -> str:
    lo, hi = r["low"], r["high"]
    if pd.isna(lo):
        return "?"
    return f"{int(lo):,}" if pd.isna(hi) or lo == hi else f"{int(lo):,} to {int(hi):,}"


def _figures(ev) -> str:
    cas = ev.figures[ev.figures["table"] == "casualties"]
    left = ev.figures.loc[ev.figures["table"] == "deployments", "id"].nunique()
    note = (
        f"<p class='small'>Troop, ship and aircraft strengths ({left} figures) are left out of "
        "the packet to keep it short; ask your teacher if your argument needs them.</p>"
        if left
        else ""
    )
    if cas.empty:
        return "<p>The course data holds no casualty figure for this turning point.</p>" + note
    from helpers import data, theme

    names = data.peek("conflicts").set_index("conflict_id")["name_en"]
    rows = []
    for conflict, c in cas.groupby("conflict_id", sort=False):
        rows.append(f"<tr class='group'><td colspan='2'>{_esc(names[conflict])}</td></tr>")
        for _, g in c.groupby("id", sort=False):
            r = g.iloc[0]
            what = f"{theme.side_name(r['side'])}: {r['measure'].replace('_', ' ')}"
            each = "<br>".join(
                f"{_figure(x)} ({_esc(x['citation'])})"
                for x in g.sort_values("low").to_dict("records")
            )
            rows.append(f"<tr><td>{_esc(what)}</td><td class='num'>{each}</td></tr>")
    return (
        "<p>One row per figure; every source's number or range, lowest first. Sources that "
        "differ are evidence too: ask who counted, what, and when.</p>"
        "<table><tr><th>What is counted</th><th>Each source's figure</th></tr>"
        + "".join(rows)
        + "</table>"
        + note
    )


def _dated(table: pd.DataFrame, cols) -> str:
    if table.empty:
        return "<p>None in the course data.</p>"
    rows = []
    for _, g in table.groupby("id", sort=False):
        r = g.iloc[0]
        what = " ".join(_esc(r[c]) for c in cols if c in r and isinstance(r[c], str))
        rows.append(
            f"<tr><td class='num'>{_date(r['date'])}</td><td><strong>{_esc(r['title'])}</strong>"
            f" {what}</td><td>{_esc(_labels(g))}</td></tr>"
        )
    return "<table><tr><th>Date</th><th>What</th><th>Sources</th></tr>" + "".join(rows) + "</table>"


def _control(table: pd.DataFrame) -> str:
    from helpers import theme

    if table.empty:
        return "<p>No change of control in the course data.</p>"
    rows = []
    for _, g in table.groupby("id", sort=False):
        r = g.iloc[0]
        rows.append(
            f"<tr><td>{_esc(r['title'].split(': held by')[0])}</td>"
            f"<td>{_esc(theme.side_name(str(r['controller'])))}</td>"
            f"<td class='num'>{_date(r['date'])}</td>"
            f"<td class='num'>{_date(r['end_date']) or 'no end in the data'}</td>"
            f"<td>{_esc(_labels(g))}</td></tr>"
        )
    return (
        "<p>Every period of control that began or ended in this turning point's dates.</p>"
        "<table><tr><th>Place</th><th>Held by</th><th>From</th><th>To</th><th>Sources</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _sources(ev) -> str:
    from helpers.citations import keyed, sort_key

    ids = {s for name, t in ev.tables.items() if "source_id" in t for s in t["source_id"].dropna()}
    ids |= set(ev.documents["source_id"])
    items = "".join(f"<li>{keyed(s)}</li>" for s in sorted(sorted(ids), key=sort_key))
    return f'<ol class="sources">{items}</ol>'


def packet_html(turning_point: str) -> str:
    """The packet of one turning point as a printable HTML page."""
    from helpers.evidence import gather
    from helpers.evidence.turning_points import BY_ID

    if turning_point not in BY_ID:
        raise PrintError(
            f"no turning point {turning_point!r}; the turning points are: {', '.join(BY_ID)}"
        )
    ev = gather(turning_point)
    tp = BY_ID[turning_point]
    counts = ev.counts()
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(tp.label)}: evidence packet</title><style>{CSS}</style></head><body>"
        f'<p class="kind">Capstone · evidence packet</p><h1>{_esc(tp.label)}</h1>'
        f"<p>{_date(ev.start)} to {_date(ev.end)}. Everything the course data holds for this "
        f"turning point: {counts['documents']} documents, {counts['events']} events, "
        f"{counts['treaties']} treaties, {counts['territory']} changes of control and the "
        f"figures of {counts['conflicts']} conflicts, each with its source. Build your "
        f"evidence list from it on paper: write down each item you use with its source, and "
        f"for a figure, every source's number. The list of sources at the end gives each "
        f"source in full. Of every document ask: who wrote it, when, and for whom? What was "
        f"happening then? Which other document or figure agrees or disagrees with it?</p>"
        f"<h2>1. The criteria of significance: what the data holds</h2>{_criteria(ev)}"
        f"<h2>2. Documents</h2>{_documents(ev)}"
        f"<h2>3. Figures: casualties, by source</h2>{_figures(ev)}"
        f"<h2>4. Treaties</h2>"
        f"{_dated(ev.treaties, ('territorial_terms',))}"
        f"<h2>5. Who held which place</h2>{_control(ev.territory)}"
        f"<h2>6. Events</h2>{_dated(ev.events, ('summary',))}"
        f"<h2>7. Sources</h2>{_sources(ev)}</body></html>"
    )


def build(turning_points=None, paper_name: str = "a4", out: Path = OUT) -> list[Path]:
    """One PDF per turning point (default: every one) in ``out``; returns their paths."""
    from helpers.evidence.turning_points import BY_ID

    from ..browser import chromium, serve
    from . import pdf, poppler

    fmt, key = paper(paper_name), paper_name.strip().lower()
    chosen = list(turning_points or BY_ID)
    pages = {tp: packet_html(tp) for tp in chosen}  # bad ids stop before the browser starts
    work = BUILD / "print_work" / "packets"
    for tp, page in pages.items():
        write_if_changed(work / f"{tp}.html", page)
    done = []
    with serve(BUILD) as base, chromium() as browser:
        for tp in chosen:
            url = base + (work / f"{tp}.html").resolve().relative_to(BUILD.resolve()).as_posix()
            target = out / f"{tp}.{key}.pdf"
            pdf.print_url(browser, url, target, fmt, BY_ID[tp].label, KIND)
            print(f"packet: {target.name}: {poppler.info(target)['pages']} pages")
            done.append(target)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m publish.print.packets", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--paper", default="a4", help=f"{' or '.join(PAPERS)} (default a4)")
    parser.add_argument("--turning-points", nargs="*", metavar="ID", help="default: every one")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    build(args.turning_points, args.paper, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
