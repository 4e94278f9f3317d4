"""Comparing two turning points on stated criteria of significance: how much changed, for how
long, for whom, and how each side saw it.

    cmp = Comparison("portsmouth_1905", "august_1945")
    cmp.overview()          # what the course data holds for each criterion and turning point
    cmp.place("how_long", "august_1945", "territory:south_sakhalin/1945-08-25", note="...")
    cmp.table()             # the student's table: evidence and notes per cell, with sources
    cmp.check()             # which cells are still empty or one-sided

Every item placed in a cell must be one the evidence helper gathers for that turning point, so
the table can only hold what the course data holds for it.
"""

from __future__ import annotations

import difflib
import html

import pandas as pd
from IPython.display import HTML, Markdown, display

from .. import data, theme
from .checks import verdict
from .errors import EvidenceError
from .evidence_list import STYLE
from .gathering import Evidence, gather, resolve_range, rows_of
from .turning_points import BY_ID

# criterion id -> (the name students see, the question it asks)
CRITERIA = {
    "how_much": (
        "How much changed",
        "Borders, rulers, treaties, armies: what was different afterwards?",
    ),
    "how_long": (
        "For how long",
        "Did the change last, or was it undone, and when?",
    ),
    "for_whom": (
        "For whom",
        "The two governments only, or also soldiers, neighbours and the people of the places "
        "that changed hands?",
    ),
    "each_side": (
        "Seen from each side",
        "What did each side's own documents make of it?",
    ),
}


def _key(what: str) -> str:
    """The turning point id, or the range as written, that names a column of the table."""
    lo, hi, tp = resolve_range(what)
    return tp or f"{lo:%Y-%m-%d}/{hi:%Y-%m-%d}"


def _years(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
    years = (hi - lo).days / 365.25
    return f"{years:.0f} years" if years >= 1.5 else f"{(hi - lo).days // 30} months"


def _in_range(ev: Evidence, table: pd.DataFrame) -> pd.DataFrame:
    items = table.drop_duplicates("id")
    return items[(items["date"] >= ev.start) & (items["date"] <= ev.end)]


def how_much(ev: Evidence) -> list[tuple[str, str]]:
    """Treaties signed, changes of control begun and conflicts started within the range."""
    out = [
        (r["id"], f"{r['title']}, signed {r['date']:%d %b %Y}")
        for r in _in_range(ev, ev.treaties).to_dict("records")
    ]
    out += [
        (
            r["id"],
            f"{r['title'].split(': held by')[0]} passes to {theme.side_name(r['controller'])}",
        )
        for r in _in_range(ev, ev.territory).to_dict("records")
    ]
    wars = _in_range(ev, ev.conflicts)
    out += [(r["id"], f"{r['title']}: {r['outcome']}") for r in wars.to_dict("records")][:4]
    return out


def how_long(ev: Evidence) -> list[tuple[str, str]]:
    """How long each change of control begun in the range lasted, who held the place next, and
    how long each treaty signed in it stayed in force."""
    every = data.peek("territory")
    out = []
    for r in _in_range(ev, ev.territory).to_dict("records"):
        name, holder = r["title"].split(": held by")[0], theme.side_name(r["controller"])
        tid, end = r["id"].split(":", 1)[1].split("/")[0], r["end_date"]
        rows = every[every["territory_id"] == tid]
        after = rows[rows["start_date"] == end]
        while len(after) and after["controller"].iloc[0] == r["controller"]:  # one holder on
            end = after["end_date"].iloc[0]
            after = rows[rows["start_date"] == end] if pd.notna(end) else after.iloc[0:0]
        if pd.isna(end):
            out.append(
                (r["id"], f"{name}: held by {holder} from {r['date']:%Y}, no end in the data")
            )
            continue
        then = f", then by {theme.side_name(after['controller'].iloc[0])}" if len(after) else ""
        out.append(
            (
                r["id"],
                f"{name}: held by {holder} {r['date']:%Y}-{end:%Y} "
                f"({_years(r['date'], end)}){then}",
            )
        )
    for r in _in_range(ev, ev.treaties).to_dict("records"):
        ended = r["ended_date"]
        span = (
            "no end date in the data"
            if pd.isna(ended)
            else f"in force until {ended:%Y} ({_years(r['date'], ended)})"
        )
        out.append((r["id"], f"{r['title']}: {span}"))
    return out


def for_whom(ev: Evidence) -> list[tuple[str, str]]:
    """Whose losses the figures count, and the places whose people changed rulers."""
    cas = ev.figures[ev.figures["table"] == "casualties"]
    out = []
    for side, g in cas.groupby("side", sort=False):
        most = g["id"].value_counts().index[0]  # the figure the most sources give
        out.append(
            (
                most,
                f"{theme.side_name(side)}: losses counted in {g['conflict_id'].nunique()} "
                f"conflict(s); the most sources give {g.loc[g['id'] == most, 'title'].iloc[0]}",
            )
        )
    for r in _in_range(ev, ev.territory).to_dict("records"):
        name = r["title"].split(": held by")[0]
        out.append((r["id"], f"the people of {name} came under {theme.side_name(r['controller'])}"))
    return out


def each_side(ev: Evidence) -> list[tuple[str, str]]:
    """The documents gathered, by the perspective they speak from."""
    docs = ev.documents.drop_duplicates("id")
    return [
        (
            r["id"],
            f"{theme.PERSPECTIVE_NAMES.get(r['perspective'], r['perspective'])}: {r['title']}",
        )
        for r in docs.sort_values(["perspective", "date"]).to_dict("records")
    ]


SUGGEST = {"how_much": how_much, "how_long": how_long, "for_whom": for_whom, "each_side": each_side}


class Comparison:
    """Two turning points (or date ranges) set side by side, one cell per criterion and turning
    point; each cell holds items the evidence helper gathered for that turning point."""

    def __init__(self, first, second, question: str | None = None):
        self.question = None if question in (None, Ellipsis) else str(question).strip()
        self.keys, self.evidence, self.cells = None, {}, {}
        if first is Ellipsis or second is Ellipsis:  # a blank not yet filled in
            return
        self.keys = (_key(first), _key(second))
        if self.keys[0] == self.keys[1]:
            raise EvidenceError(
                f"a comparison needs two different turning points; both are {self.keys[0]!r}. "
                f"The turning points are: {', '.join(BY_ID)}."
            )
        self.evidence = {k: gather(w) for k, w in zip(self.keys, (first, second), strict=True)}
        self.cells: dict[tuple[str, str], dict[str, str | None]] = {
            (c, k): {} for c in CRITERIA for k in self.keys
        }

    def _blank(self) -> Markdown | None:
        """Until both turning points are chosen, what to fill in."""
        if self.keys is not None:
            return None
        return Markdown(
            "*Choose your two turning points first: replace each `...` with a turning point id "
            "from the table in section 1, in quotes.*"
        )

    def label(self, key: str) -> str:
        return BY_ID[key].label if key in BY_ID else key.replace("/", " to ")

    # -- what the data holds -----------------------------------------------------------------
    def suggestions(self, criterion: str, key: str) -> list[tuple[str, str]]:
        """(id, what it shows) the course data holds for one cell."""
        return SUGGEST[self._criterion(criterion)](self.evidence[self._turning_point(key)])

    def overview(self) -> HTML:
        """The criteria against the two turning points, each cell what the data holds for it."""
        if self._blank():
            return self._blank()
        return HTML(STYLE + self._grid(lambda c, k: self.suggestions(c, k), "What the data holds"))

    # -- the student's table -----------------------------------------------------------------
    def place(self, criterion, turning_point, *item_ids, note=None) -> None:
        """Put items (ids from ``gather``) into one cell, with an optional note; ``...`` (a blank
        not yet filled in) places nothing."""
        if self._blank():
            display(self._blank())
            return
        if Ellipsis in (criterion, turning_point, *item_ids):
            display(
                Markdown(
                    "*Replace each `...`: a criterion ("
                    + ", ".join(f"`{c}`" for c in CRITERIA)
                    + f"), one of `{self.keys[0]}` or `{self.keys[1]}`, and an id from its "
                    "`gather(...)` tables, all in quotes.*"
                )
            )
            return
        cell = self.cells[(self._criterion(criterion), self._turning_point(turning_point))]
        if not item_ids:
            raise EvidenceError(
                f'place() needs at least one id, e.g. cmp.place("{criterion}", '
                f'"{turning_point}", "event:...").'
            )
        gathered = set(self.evidence[turning_point].ids())
        for item_id in item_ids:
            rows_of(item_id)  # an unknown id names the accepted forms
            if item_id not in gathered:
                close = difflib.get_close_matches(item_id, list(gathered), n=3, cutoff=0.6)
                hint = f" Did you mean: {', '.join(close)}?" if close else ""
                raise EvidenceError(
                    f"{item_id!r} is not in the evidence gathered for {turning_point!r}, so it "
                    f"cannot stand in that column.{hint} gather({turning_point!r}) shows its ids."
                )
        for item_id in item_ids:
            cell[item_id] = None if note is Ellipsis else note
        display(HTML(STYLE + self._grid(self._placed, "Your evidence", only=criterion)))

    def _placed(self, criterion: str, key: str) -> list[tuple[str, str]]:
        out = []
        for item_id, note in self.cells[(criterion, key)].items():
            r = rows_of(item_id)
            cites = "; ".join(dict.fromkeys(r["citation"].dropna()))
            text = f"{r.iloc[0]['title']} ({cites})" + (f" — {note}" if note else "")
            out.append((item_id, text))
        return out

    def table(self) -> HTML:
        """The student's comparison: each cell's items with their sources and notes."""
        if self._blank():
            return self._blank()
        head = f"<h4>{html.escape(self.question)}</h4>" if self.question else ""
        return HTML(STYLE + head + self._grid(self._placed, "Your evidence"))

    def to_frame(self) -> pd.DataFrame:
        """One row per placed item: criterion, turning point, id, note."""
        rows = [
            {"criterion": c, "turning_point": k, "id": i, "note": n}
            for (c, k), cell in self.cells.items()
            for i, n in cell.items()
        ]
        return pd.DataFrame(rows, columns=["criterion", "turning_point", "id", "note"])

    def _repr_html_(self) -> str:
        return self._blank().data if self._blank() else self.table().data

    def check(self) -> Markdown:
        """Every cell holds evidence, each side's column has documents from two perspectives,
        and a note says what each cell shows."""
        if self._blank():
            return verdict(False, self._blank().data.strip("*"))
        empty = [f"{CRITERIA[c][0]} / {k}" for (c, k), cell in self.cells.items() if not cell]
        if empty:
            return verdict(
                False,
                f"{len(empty)} cell(s) of your table are still empty: {'; '.join(empty)}. A "
                "comparison needs evidence on both sides of every criterion.",
            )
        for key in self.keys:
            ids = [i for i in self.cells[("each_side", key)] if i.startswith("document:")]
            seen = set(
                data.peek("documents")
                .set_index("document_id")
                .loc[[i.split(":", 1)[1] for i in ids], "perspective"]
                .astype(str)
            ) - {"other"}
            if len(seen) < 2:
                return verdict(
                    False,
                    f"The 'seen from each side' cell of {key} has documents from "
                    f"{len(seen)} side(s). Place documents from at least two sides there.",
                )
        bare = [
            f"{CRITERIA[c][0]} / {k}"
            for (c, k), cell in self.cells.items()
            if not any(cell.values())
        ]
        if bare:
            return verdict(
                False,
                f"No note yet in: {'; '.join(bare)}. Say in each cell what its evidence shows.",
            )
        return verdict(
            True,
            "Every criterion has evidence for both turning points. Which criterion decides your "
            "comparison, and would the answer change if you saw it from the other side?",
        )

    # -- checks of what comes in ---------------------------------------------------------------
    def _criterion(self, criterion) -> str:
        if criterion not in CRITERIA:
            close = difflib.get_close_matches(str(criterion), list(CRITERIA), n=1, cutoff=0.4)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise EvidenceError(
                f"no criterion {criterion!r}.{hint} The criteria are: {', '.join(CRITERIA)}."
            )
        return criterion

    def _turning_point(self, key) -> str:
        if key not in self.keys:
            raise EvidenceError(
                f"{key!r} is not one of the two compared; write {self.keys[0]!r} or "
                f"{self.keys[1]!r}."
            )
        return key

    def _grid(self, cell_items, caption: str, only: str | None = None) -> str:
        head = "".join(f"<th>{html.escape(self.label(k))}</th>" for k in self.keys)
        body = []
        for c, (name, question) in CRITERIA.items():
            if only is not None and c != only:
                continue
            cells = []
            for k in self.keys:
                items = cell_items(c, k)
                cells.append(
                    "<td>"
                    + (
                        "<ul>"
                        + "".join(
                            f"<li>{html.escape(t)} <code>{html.escape(i)}</code></li>"
                            for i, t in items
                        )
                        + "</ul>"
                        if items
                        else "<em>nothing yet</em>"
                    )
                    + "</td>"
                )
            body.append(
                f"<tr><th>{html.escape(name)}<br><small>{html.escape(question)}</small></th>"
                + "".join(cells)
                + "</tr>"
            )
        return (
            f'<table class="evidence"><caption>{html.escape(caption)}</caption>'
            f"<tr><th>Criterion</th>{head}</tr>{''.join(body)}</table>"
        )
