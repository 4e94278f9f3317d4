"""Gathering across tables: for a turning point or a date range, every event, treaty, conflict,
figure (casualties and deployments, one row per source), document, territorial change and
place the course data holds, as tidy tables (one row per item and source) with ``source_id``
and a short citation. Every row has an ``id`` students pin to their evidence list.

Ids read ``kind:key``: ``event:<event_id>``, ``treaty:<treaty_id>``, ``conflict:<conflict_id>``,
``casualties:<conflict_id>/<side>/<category>``, ``deployments:<conflict_id>/<side>/<date>``,
``document:<document_id>``, ``territory:<territory_id>/<start date>``, ``place:<place_id>``,
``source:<source_id>``.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

import pandas as pd

from .. import data
from ..citations import label
from .errors import EvidenceError, listing
from .turning_points import BY_ID, TURNING_POINTS

KINDS = (
    "event",
    "treaty",
    "conflict",
    "casualties",
    "deployments",
    "document",
    "territory",
    "place",
    "source",
)
TABLES = ("events", "treaties", "conflicts", "figures", "documents", "territory", "places")
FORMATS = (
    'a turning point id (gather("portsmouth_1905")), a year ("1905"), a month ("1945-08"), a day '
    '("1945-08-09"), a span of years ("1918-1922"), or start= and end= '
    '(gather(start="1938-07", end="1939-09"))'
)


# -- dates -------------------------------------------------------------------------------
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_date(value, *, last: bool, what: str) -> pd.Timestamp:
    """``1905``, ``"1905"``, ``"1945-08"`` or ``"1945-08-09"``: the first day of that year, month or
    day, or with ``last`` its last day."""
    text = str(value).strip() if value is not None else ""
    m = _DATE.match(text)
    if not m:
        raise EvidenceError(
            f'{what} {value!r} is not a date the evidence helper reads; write a year ("1905"), '
            f'a month ("1945-08") or a day ("1945-08-09").'
        )
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return pd.Timestamp(year=year, month=int(month), day=int(day))
        if month:
            first = pd.Timestamp(year=year, month=int(month), day=1)
            return first + pd.offsets.MonthEnd(0) if last else first
        return (
            pd.Timestamp(year=year, month=12, day=31)
            if last
            else pd.Timestamp(year=year, month=1, day=1)
        )
    except ValueError as err:
        raise EvidenceError(
            f'{what} {value!r} is not a real date ({err}); write a year ("1905"), a month '
            f'("1945-08") or a day ("1945-08-09").'
        ) from None


def resolve_range(
    what=None, *, turning_point=None, start=None, end=None
) -> tuple[pd.Timestamp, pd.Timestamp, str | None]:
    """The date range (first day, last day, turning point id or None) a request stands for."""
    if what is not None and turning_point is None and start is None and end is None:
        text = str(what).strip()
        if text in BY_ID:
            turning_point = text
        elif re.match(r"^\d{4}\s*[-–]\s*\d{4}$", text):
            start, end = re.split(r"\s*[-–]\s*", text)
        elif _DATE.match(text):
            start = end = text
        else:
            raise EvidenceError(
                f"{what!r} is neither a turning point nor a date. gather() accepts {FORMATS}. "
                f"The turning points are: {', '.join(BY_ID)}."
            )
    elif what is not None:
        raise EvidenceError(
            f"give either one positional value or turning_point=/start=/end=, not both; "
            f"gather() accepts {FORMATS}."
        )
    if turning_point is not None:
        if start is not None or end is not None:
            raise EvidenceError(
                "give a turning point or a start and end, not both; "
                f"the turning point {turning_point!r} already has its own dates."
            )
        if turning_point not in BY_ID:
            close = difflib.get_close_matches(str(turning_point), list(BY_ID), n=2, cutoff=0.5)
            hint = f" Did you mean {' or '.join(close)}?" if close else ""
            raise EvidenceError(
                f"no turning point {turning_point!r}.{hint} The turning points are: "
                f"{', '.join(BY_ID)}; or choose your own range with start= and end=."
            )
        tp = BY_ID[turning_point]
        return pd.Timestamp(tp.start), pd.Timestamp(tp.end), turning_point
    if start is None or end is None:
        raise EvidenceError(f"a date range needs both start= and end=; gather() accepts {FORMATS}.")
    lo, hi = parse_date(start, last=False, what="start"), parse_date(end, last=True, what="end")
    if hi < lo:
        raise EvidenceError(
            f"the range ends ({hi.date()}) before it starts ({lo.date()}); give start= the "
            f"earlier date, "
            'e.g. gather(start="1938-07", end="1939-09").'
        )
    return lo, hi, None


# -- tidy tables ---------------------------------------------------------------------------
def _sources() -> pd.DataFrame:
    src = data.peek("sources")
    out = (
        src[["source_id", "kind", "perspective"]]
        .astype(str)
        .rename(columns={"kind": "source_kind", "perspective": "source_perspective"})
    )
    out["citation"] = [label(s) for s in src["source_id"]]
    return out


def _explode(df: pd.DataFrame, column: str = "source_ids") -> pd.DataFrame:
    out = df.assign(source_id=df[column].astype(str).str.split(";")).explode("source_id")
    out["source_id"] = out["source_id"].str.strip()
    return out.drop(columns=[column])


def _with_citations(df: pd.DataFrame) -> pd.DataFrame:
    return df.merge(_sources(), on="source_id", how="left").reset_index(drop=True)


def _overlaps(start, end, lo, hi):
    end = end.fillna(start)
    return (start <= hi) & (end >= lo)


def _within(dates, lo, hi):
    return dates.notna() & (dates >= lo) & (dates <= hi)


def collect(
    lo: pd.Timestamp | None = None, hi: pd.Timestamp | None = None
) -> dict[str, pd.DataFrame]:
    """Every table's rows for ``lo``-``hi`` (the whole course when both are None)."""
    everything = lo is None
    lo = lo if lo is not None else pd.Timestamp("1000-01-01")
    hi = hi if hi is not None else pd.Timestamp("2999-12-31")
    out: dict[str, pd.DataFrame] = {}

    ev = data.peek("events")
    ev = ev[everything | _overlaps(ev["date"], ev["end_date"], lo, hi)]
    out["events"] = _with_citations(
        _explode(
            pd.DataFrame(
                {
                    "id": "event:" + ev["event_id"],
                    "date": ev["date"],
                    "date_precision": ev["date_precision"].astype(str),
                    "title": ev["title_en"],
                    "kind": ev["kind"].astype(str),
                    "era_id": ev["era_id"],
                    "summary": ev["summary"],
                    "place_id": ev["place_id"],
                    "source_ids": ev["source_ids"],
                }
            )
        )
    )

    tr = data.peek("treaties")
    keep = (
        everything
        | _within(tr["signed_date"], lo, hi)
        | _within(tr["effective_date"], lo, hi)
        | _within(tr["ended_date"], lo, hi)
    )
    tr = tr[keep]
    out["treaties"] = _with_citations(
        _explode(
            pd.DataFrame(
                {
                    "id": "treaty:" + tr["treaty_id"],
                    "date": tr["signed_date"],
                    "date_precision": "day",
                    "title": tr["name_en"],
                    "kind": tr["kind"].astype(str),
                    "ended_date": tr["ended_date"],
                    "parties": tr["parties"],
                    "territorial_terms": tr["territorial_terms"],
                    "summary": tr["summary"],
                    "place_id": tr["signed_place_id"],
                    "source_ids": tr["source_ids"],
                }
            )
        )
    )

    co = data.peek("conflicts")
    co = co[everything | _overlaps(co["start_date"], co["end_date"], lo, hi)]
    out["conflicts"] = _with_citations(
        _explode(
            pd.DataFrame(
                {
                    "id": "conflict:" + co["conflict_id"],
                    "date": co["start_date"],
                    "date_precision": "day",
                    "end_date": co["end_date"],
                    "title": co["name_en"],
                    "era_id": co["era_id"],
                    "belligerents": co["belligerents"],
                    "outcome": co["outcome"],
                    "summary": co["summary"],
                    "place_id": co["place_id"],
                    "source_ids": co["source_ids"],
                }
            )
        )
    )
    names = data.peek("conflicts").set_index("conflict_id")["name_en"]

    cas = data.peek("casualties")
    cas = cas[cas["conflict_id"].isin(co["conflict_id"])]
    side, cat = cas["side"].astype(str), cas["category"].astype(str)
    starts = data.peek("conflicts").set_index("conflict_id")["start_date"]
    cas_rows = pd.DataFrame(
        {
            "id": "casualties:" + cas["conflict_id"] + "/" + side + "/" + cat,
            "table": "casualties",
            "date": cas["conflict_id"].map(starts),
            "conflict_id": cas["conflict_id"],
            "side": side,
            "measure": cat,
            "title": cas["conflict_id"].map(names) + ": " + side + ", " + cat.str.replace("_", " "),
            "low": cas["low"].astype("Int64"),
            "high": cas["high"].astype("Int64"),
            "source_id": cas["source_id"],
            "note": cas["note"],
            "derived_from": cas["derived_from"],
        }
    )
    dep = data.peek("deployments")
    dep = dep[everything | _within(dep["date"], lo, hi)]
    dside, day = dep["side"].astype(str), dep["date"].dt.strftime("%Y-%m-%d")
    dep_rows = pd.DataFrame(
        {
            "id": "deployments:" + dep["conflict_id"] + "/" + dside + "/" + day,
            "table": "deployments",
            "date": dep["date"],
            "conflict_id": dep["conflict_id"],
            "side": dside,
            "measure": dep["unit"].astype(str),
            "title": dep["conflict_id"].map(names)
            + ": "
            + dside
            + ", "
            + dep["formation"]
            + " ("
            + dep["unit"].astype(str)
            + ")",
            "low": dep["strength_low"].astype("Int64"),
            "high": dep["strength_high"].astype("Int64"),
            "source_id": dep["source_id"],
            "note": dep["note"],
            "place_id": dep["place_id"],
        }
    )
    out["figures"] = _with_citations(pd.concat([cas_rows, dep_rows], ignore_index=True))

    docs = data.peek("documents")
    docs = docs[everything | _within(docs["date"], lo, hi)]
    out["documents"] = _with_citations(
        pd.DataFrame(
            {
                "id": "document:" + docs["document_id"],
                "date": docs["date"],
                "date_precision": docs["date_precision"].astype(str),
                "title": docs["title"],
                "author": docs["author"],
                "perspective": docs["perspective"].astype(str),
                "language": docs["language"].astype(str),
                "era_id": docs["era_id"],
                "source_id": docs["source_id"],
            }
        )
    )

    ter = data.peek("territory")
    ter = ter[everything | _within(ter["start_date"], lo, hi) | _within(ter["end_date"], lo, hi)]
    out["territory"] = _with_citations(
        _explode(
            pd.DataFrame(
                {
                    "id": "territory:"
                    + ter["territory_id"].astype(str)
                    + "/"
                    + ter["start_date"].dt.strftime("%Y-%m-%d"),
                    "date": ter["start_date"],
                    "date_precision": "day",
                    "end_date": ter["end_date"],
                    "title": ter["name_en"] + ": held by " + ter["controller"].fillna("?"),
                    "controller": ter["controller"],
                    "basis_treaty_id": ter["basis_treaty_id"],
                    "place_id": ter["place_id"],
                    "source_ids": ter["source_ids"],
                }
            )
        )
    )

    pl = data.peek("places")
    used = set()
    for name in ("events", "treaties", "conflicts", "figures", "territory"):
        if "place_id" in out[name]:
            used |= set(out[name]["place_id"].dropna())
    pl = pl if everything else pl[pl["place_id"].isin(used)]
    out["places"] = pd.DataFrame(
        {
            "id": "place:" + pl["place_id"],
            "title": pl["name_en"],
            "name_ja": pl["name_ja"],
            "name_ru": pl["name_ru"],
            "name_zh": pl["name_zh"],
            "lat": pl["lat"],
            "lon": pl["lon"],
            "kind": pl["kind"].astype(str),
        }
    ).reset_index(drop=True)
    for name in TABLES:
        if "date" in out[name]:
            out[name] = out[name].sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    return out


# -- every item of the course, for pinning -------------------------------------------------
_CATALOG: dict = {}


def catalog() -> dict[str, pd.DataFrame]:
    """``collect()`` over the whole course, cached for as long as the loaded data stays the same."""
    key = tuple(
        id(data.peek(t))
        for t in (
            "events",
            "treaties",
            "conflicts",
            "casualties",
            "deployments",
            "documents",
            "territory",
            "places",
            "sources",
        )
    )
    if _CATALOG.get("key") != key:
        _CATALOG.clear()
        _CATALOG.update(key=key, tables=collect())
    return _CATALOG["tables"]


def table_of(kind: str) -> str:
    return {
        "event": "events",
        "treaty": "treaties",
        "conflict": "conflicts",
        "casualties": "figures",
        "deployments": "figures",
        "document": "documents",
        "territory": "territory",
        "place": "places",
    }[kind]


def rows_of(item_id: str) -> pd.DataFrame:
    """The tidy rows behind one id (one per source); an unknown id names the accepted forms."""
    check_id(item_id)
    kind = item_id.split(":", 1)[0]
    if kind == "source":
        src = _sources()
        row = src[src["source_id"] == item_id.split(":", 1)[1]]
        full = data.peek("sources").set_index("source_id").loc[row["source_id"].iloc[0]]
        return row.assign(id=item_id, title=full["title"], date=pd.NaT).reset_index(drop=True)
    table = catalog()[table_of(kind)]
    return table[table["id"] == item_id].reset_index(drop=True)


def check_id(item_id) -> None:
    """Raise ``EvidenceError`` unless ``item_id`` names an item of the course data."""
    if not isinstance(item_id, str) or ":" not in item_id:
        raise EvidenceError(
            f"{item_id!r} is not an evidence id; ids read kind:key, with kind one of "
            f'{", ".join(KINDS)} (e.g. "event:portsmouth_treaty_signed_1905", '
            '"casualties:khalkhin_gol/japan/killed"). gather(...) lists the ids of a period.'
        )
    kind, key = item_id.split(":", 1)
    if kind not in KINDS:
        raise EvidenceError(
            f"unknown kind {kind!r} in {item_id!r}; the kinds are: {', '.join(KINDS)}."
        )
    if kind == "source":
        known = list(data.peek("sources")["source_id"])
    else:
        table = catalog()[table_of(kind)]
        known = list(dict.fromkeys(table.loc[table["id"].str.startswith(kind + ":"), "id"]))
        known = [k.split(":", 1)[1] for k in known]
    if key not in known:
        close = difflib.get_close_matches(key, known, n=4, cutoff=0.5)
        hint = f" Did you mean: {', '.join(f'{kind}:{c}' for c in close)}?" if close else ""
        form = {
            "casualties": " (casualties ids read conflict/side/category)",
            "deployments": " (deployments ids read conflict/side/YYYY-MM-DD)",
            "territory": " (territory ids read territory/YYYY-MM-DD, the start of that control)",
        }.get(kind, "")
        raise EvidenceError(
            f"no {kind} {key!r} in the course data{form}.{hint} The {kind} ids are: "
            f"{listing(known)}. gather(...) lists every id of a period."
        )


# -- the result of gather() ----------------------------------------------------------------
@dataclass
class Evidence:
    """What the course data holds for one period: ``events``, ``treaties``, ``conflicts``,
    ``figures``, ``documents``, ``territory``, ``places`` (tidy tables, one row per item and
    source, each with ``id``, ``source_id`` and ``citation``)."""

    start: pd.Timestamp
    end: pd.Timestamp
    turning_point: str | None
    tables: dict[str, pd.DataFrame] = field(repr=False)

    def __getattr__(self, name):
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(
            f"gathered evidence has no {name!r}; its tables are: {', '.join(TABLES)}"
        )

    @property
    def label(self) -> str:
        span = f"{self.start:%d %b %Y} to {self.end:%d %b %Y}"
        return f"{BY_ID[self.turning_point].label} ({span})" if self.turning_point else span

    def ids(self) -> list[str]:
        """Every id gathered, in table order."""
        return [i for name in TABLES for i in dict.fromkeys(self.tables[name]["id"])]

    def __len__(self) -> int:
        return len(self.ids())

    def counts(self) -> dict[str, int]:
        return {name: self.tables[name]["id"].nunique() for name in TABLES}

    def sources(self) -> pd.DataFrame:
        """Every source cited by what was gathered, with how many rows cite it."""
        rows = pd.concat(
            [
                t[["source_id", "citation", "source_kind", "source_perspective"]]
                for n, t in self.tables.items()
                if "source_id" in t
            ],
            ignore_index=True,
        )
        return rows.value_counts().rename("rows").reset_index()

    def timeline(self):
        """The gathered events, treaties, conflicts and documents on one time axis."""
        from .charts import timeline

        return timeline(self.tables, f"What the data holds: {self.label}")

    def _repr_html_(self) -> str:
        counts = self.counts()
        head = (
            f"<p><strong>Evidence gathered for {html.escape(self.label)}</strong>: "
            + ", ".join(f"{n} {name}" for name, n in counts.items())
            + '. Open a table, copy an id, and pin it: <code>ev.pin("id")</code>.</p>'
        )
        parts = [head]
        for name in TABLES:
            t = self.tables[name]
            if t.empty:
                continue
            parts.append(
                f"<details><summary>{name} ({counts[name]})</summary>{_html_table(name, t)}"
                f"</details>"
            )
        return "".join(parts)


def _html_table(name: str, t: pd.DataFrame) -> str:
    if name == "places":
        rows = t.assign(where=t["lat"].round(2).astype(str) + ", " + t["lon"].round(2).astype(str))
        body = "".join(
            f"<tr><td><code>{html.escape(r['id'])}</code></td><td>{html.escape(str(r['title']))}</td>"
            f"<td>{html.escape(str(r['where']))}</td></tr>"
            for r in rows.to_dict("records")
        )
        return (
            f'<table class="evidence"><tr><th>id</th><th>place</th><th>lat, lon</th></tr>{body}'
            f"</table>"
        )
    grouped = []
    for item_id, g in t.groupby("id", sort=False):
        r = g.iloc[0]
        date = "" if pd.isna(r.get("date")) else f"{pd.Timestamp(r['date']):%Y-%m-%d}"
        if name == "figures":
            what = "; ".join(f"{_range(x)} ({x['citation']})" for x in g.to_dict("records"))
            grouped.append((item_id, date, r["title"], what))
        else:
            extra = f" · {r['perspective']}" if name == "documents" else ""
            grouped.append(
                (
                    item_id,
                    date,
                    f"{r['title']}{extra}",
                    "; ".join(dict.fromkeys(g["citation"].dropna())),
                )
            )
    body = "".join(
        f"<tr><td><code>{html.escape(i)}</code></td><td>{d}</td><td>{html.escape(str(ti))}</td>"
        f"<td>{html.escape(str(w))}</td></tr>"
        for i, d, ti, w in grouped
    )
    label = "every source's figure" if name == "figures" else "sources"
    return (
        f'<table class="evidence"><tr><th>id</th><th>date</th><th>what</th><th>{label}</th>'
        f"</tr>{body}</table>"
    )


def _range(r) -> str:
    lo, hi = r["low"], r["high"]
    if pd.isna(lo):
        return "?"
    return f"{int(lo):,}" if pd.isna(hi) or lo == hi else f"{int(lo):,}–{int(hi):,}"


def nothing_found(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
    ev = data.peek("events").sort_values("date")
    before, after = ev[ev["date"] < lo].tail(1), ev[ev["date"] > hi].head(1)
    near = []
    if not before.empty:
        near.append(
            f"the last event before it is {before.iloc[0]['title_en']} "
            f"({before.iloc[0]['date']:%Y-%m-%d})"
        )
    if not after.empty:
        near.append(
            f"the next after it is {after.iloc[0]['title_en']} ({after.iloc[0]['date']:%Y-%m-%d})"
        )
    return (
        f"nothing in the course data from {lo:%Y-%m-%d} to {hi:%Y-%m-%d}: no event, treaty, "
        f"conflict, figure, "
        f"document or change of territory. {_sentence('; '.join(near))}. Widen the range, or "
        f"choose a turning "
        f"point: {', '.join(tp.turning_point_id for tp in TURNING_POINTS)}."
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def gather(what=None, *, turning_point=None, start=None, end=None) -> Evidence:
    """Everything the course data holds for a turning point or a date range.

    ``gather("portsmouth_1905")`` or ``gather(turning_point="portsmouth_1905")``;
    ``gather("1905")``,
    ``gather("1945-08")``, ``gather("1918-1922")``; ``gather(start="1938-07", end="1939-09")``.
    Bad input raises ``EvidenceError`` naming what it accepts; so does a range with nothing in it.
    """
    lo, hi, tp = resolve_range(what, turning_point=turning_point, start=start, end=end)
    tables = collect(lo, hi)
    result = Evidence(lo, hi, tp, tables)
    if not any(len(tables[n]) for n in TABLES if n != "places"):
        raise EvidenceError(nothing_found(lo, hi))
    return result
