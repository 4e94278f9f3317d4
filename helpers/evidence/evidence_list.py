"""A student's evidence list: items pinned by id in notebook cells, so the list lives in the
notebook (the pin calls and their outputs) and is rebuilt when the notebook is run again.
With ``file=`` it is also saved to a JSON file beside the notebook after every change.

    ev = EvidenceList()
    ev.ask("Did Portsmouth settle the rivalry or only pause it?", turning_point="portsmouth_1905")
    ev.pin("event:portsmouth_treaty_signed_1905", note="the terms")
    ev.pin("casualties:russo_japanese_war/japan/killed", note="sources differ because ...")
    ev.pin("document:hwangseong_sinmun_1905_editorial", counter=True, note="...")
    ev.show()          # the list with full citations
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from .. import data
from ..citations import keyed, reference, sort_key
from . import charts
from .checks import Checks
from .errors import EvidenceError
from .gathering import Evidence, gather, resolve_range, rows_of, table_of

STYLE = """<style>
.evidence{border-collapse:collapse;font-size:13px;max-width:1000px;margin:6px 0}
.evidence th,.evidence td{border:1px solid #c9c9c9;padding:4px 8px;text-align:left;vertical-align:top}
.evidence th{background:#f0f0f0}
.ev-counter{background:#fdf3e7}
.ev-cites li{margin:3px 0}
</style>"""  # noqa: E501 (embedded JS/CSS/template text)


class EvidenceList(Checks):
    """Items pinned by id (``kind:key``), each with an optional note and a counter-evidence mark."""

    def __init__(
        self,
        question: str | None = None,
        *,
        turning_point: str | None = None,
        start=None,
        end=None,
        file: str | Path | None = None,
    ):
        self.question = None
        self.turning_point, self.start, self.end = None, None, None
        self.pins: dict[str, dict] = {}
        self.file = Path(file) if file is not None else None
        if self.file is not None and self.file.exists():
            self._load(json.loads(self.file.read_text(encoding="utf-8")))
        if question is not None or turning_point is not None or start is not None:
            self.ask(question, turning_point=turning_point, start=start, end=end)

    # -- building the list -----------------------------------------------------------------
    def ask(
        self, question: str | None = None, *, turning_point: str | None = None, start=None, end=None
    ) -> None:
        """Set the question and the turning point (or date range) the list is about; ``...`` (a
        blank
        not yet filled in) leaves that part unset. Shows the question."""
        question, turning_point, start, end = (
            None if v is Ellipsis else v for v in (question, turning_point, start, end)
        )
        if turning_point is not None or start is not None or end is not None:
            lo, hi, tp = resolve_range(turning_point=turning_point, start=start, end=end)
            self.turning_point, self.start, self.end = tp, lo, hi
        if question is not None:
            self.question = str(question).strip()
        self._save()
        span = "" if self.start is None else f" · {self.start:%d %b %Y} to {self.end:%d %b %Y}"
        display(
            HTML(
                f"<p><strong>Question:</strong> "
                f"{html.escape(self.question or '(none yet)')}{html.escape(span)}</p>"
            )
        )

    def gather(self) -> Evidence | Markdown:
        """Everything the data holds for the list's turning point or range (until one is set, says
        how
        to set it).
        """
        if self.start is None:
            return Markdown(
                "*Your list has no turning point or range yet: set one in step 1 with "
                '`ev.ask("...?", turning_point="...")` or '
                '`ev.ask("...?", start="...", end="...")`.*'
            )
        if self.turning_point:
            return gather(turning_point=self.turning_point)
        return gather(start=f"{self.start:%Y-%m-%d}", end=f"{self.end:%Y-%m-%d}")

    def pin(self, *item_ids: str, note: str | None = None, counter: bool = False) -> None:
        """Add items by id (pinning one again updates its note and mark) and show what was pinned,
        so the cell's output records it; ``...`` (a blank not yet filled in) pins nothing."""
        if any(i is Ellipsis for i in item_ids):
            display(
                Markdown(
                    "*Replace `...` with an id from the tables `gather(...)` shows, in "
                    "quotes, e.g. "
                    '`ev.pin("event:...")`.*'
                )
            )
            return
        if note is Ellipsis:
            note = None
        if not item_ids:
            raise EvidenceError(
                'pin() needs at least one id, e.g. ev.pin("event:portsmouth_treaty_signed_1905").'
            )
        for item_id in item_ids:
            rows_of(item_id)  # raises on an unknown id, naming the accepted ones
        for item_id in item_ids:
            entry = self.pins.setdefault(item_id, {"note": None, "counter": False})
            if note is not None:
                entry["note"] = note
            entry["counter"] = bool(counter) or (entry["counter"] and note is None)
        self._save()
        display(
            HTML(
                STYLE
                + f"<p>Pinned ({len(self.pins)} in your list):</p>"
                + self._table(list(item_ids))
            )
        )

    def note(self, item_id: str, text: str) -> None:
        """Write or replace the note on a pinned item (``...`` leaves it as it is)."""
        if item_id is Ellipsis or text is Ellipsis:
            display(
                Markdown(
                    "*Replace `...` with the id of a pinned item and your note, both in quotes.*"
                )
            )
            return
        self._pinned(item_id)["note"] = text
        self._save()
        display(HTML(STYLE + self._table([item_id])))

    def unpin(self, item_id: str) -> None:
        self._pinned(item_id)
        del self.pins[item_id]
        self._save()
        display(
            HTML(
                f"<p>Removed <code>{html.escape(item_id)}</code>; {len(self.pins)} "
                f"item(s) left.</p>"
            )
        )

    def _pinned(self, item_id: str) -> dict:
        if item_id not in self.pins:
            shown = ", ".join(self.pins) or "nothing yet"
            raise EvidenceError(
                f"{item_id!r} is not in your list; pin it first with ev.pin(...). Your list "
                f"holds: {shown}."
            )
        return self.pins[item_id]

    # -- reading the list ------------------------------------------------------------------
    def rows(self, kind: str | None = None) -> pd.DataFrame:
        """The tidy rows (one per item and source) behind the pinned items."""
        parts = [
            rows_of(i)
            .rename(columns={"note": "source_note"})
            .assign(note=self.pins[i]["note"], counter=self.pins[i]["counter"])
            for i in self.pins
            if kind is None or i.startswith(kind + ":")
        ]
        if not parts:
            return pd.DataFrame(
                columns=[
                    "id",
                    "date",
                    "title",
                    "source_id",
                    "citation",
                    "source_kind",
                    "source_perspective",
                    "perspective",
                    "low",
                    "high",
                    "note",
                    "counter",
                ]
            )
        out = pd.concat(parts, ignore_index=True)
        for col in ("perspective", "low", "high", "date"):
            if col not in out:
                out[col] = pd.NA
        return out

    def items(self) -> pd.DataFrame:
        """One row per pinned item: id, kind, date, what, sources, note, counter-evidence."""
        out = []
        for item_id, pin in self.pins.items():
            r = rows_of(item_id)
            first = r.iloc[0]
            out.append(
                {
                    "id": item_id,
                    "kind": item_id.split(":", 1)[0],
                    "date": first.get("date") if "date" in r else pd.NaT,
                    "what": first.get("title"),
                    "sources": "; ".join(dict.fromkeys(r["citation"].dropna())),
                    "source_kind": "; ".join(dict.fromkeys(r["source_kind"].dropna().astype(str))),
                    "note": pin["note"],
                    "counter": pin["counter"],
                }
            )
        return pd.DataFrame(
            out, columns=["id", "kind", "date", "what", "sources", "source_kind", "note", "counter"]
        )

    def source_ids(self) -> list[str]:
        """Every source behind the list, in order of first use."""
        rows = self.rows()
        return list(dict.fromkeys(rows["source_id"].dropna())) if not rows.empty else []

    def _table(self, ids) -> str:
        body = []
        for item_id in ids:
            r = rows_of(item_id)
            pin = self.pins[item_id]
            first = r.iloc[0]
            date = (
                ""
                if "date" not in r or pd.isna(first.get("date"))
                else f"{pd.Timestamp(first['date']):%Y-%m-%d}"
            )
            if item_id.startswith(("casualties:", "deployments:")):
                what = "; ".join(f"{_figure(x)} ({x['citation']})" for x in r.to_dict("records"))
            else:
                what = "; ".join(dict.fromkeys(r["citation"].dropna())) if "citation" in r else ""
            mark = " <em>(counter-evidence)</em>" if pin["counter"] else ""
            note = f"<br><em>Note:</em> {html.escape(pin['note'])}" if pin["note"] else ""
            cls = ' class="ev-counter"' if pin["counter"] else ""
            body.append(
                f"<tr{cls}><td><code>{html.escape(item_id)}</code>{mark}</td><td>{date}</td>"
                f"<td>{html.escape(str(first.get('title')))}{note}</td><td>{html.escape(what)}</td></tr>"
            )
        return (
            '<table class="evidence"><tr><th>id</th><th>date</th><th>what</th><th>sources</th></tr>'
            + "".join(body)
            + "</table>"
        )

    def citations(self) -> HTML:
        """Every source behind the list with its full citation, alphabetically, and the items that
        cite
        it.
        """
        ids = self.source_ids()
        if not ids:
            return HTML("<p>No sources yet: your list is empty.</p>")
        rows = self.rows()
        src = data.peek("sources").set_index("source_id")
        order = sorted(ids, key=sort_key)
        items = []
        for sid in order:
            used = ", ".join(
                f"<code>{html.escape(i)}</code>"
                for i in dict.fromkeys(rows.loc[rows["source_id"] == sid, "id"])
            )
            items.append(
                f"<li>{keyed(sid)} <code>[{html.escape(sid)}]</code> · "
                f"{src.at[sid, 'kind']}, "
                f"{src.at[sid, 'perspective']} perspective · for {used}</li>"
            )
        return HTML(STYLE + f'<ol class="ev-cites">{"".join(items)}</ol>')

    def citation_text(self) -> list[str]:
        """The full citations as plain text, one per source (for copying into an essay)."""
        return [reference(s) for s in self.source_ids()]

    def show(self) -> HTML:
        """The whole list: question, items with notes, and the full citations."""
        head = f"<h4>Evidence list: {html.escape(self.question or '(no question yet)')}</h4>"
        if self.start is not None:
            head += f"<p>{self.start:%d %B %Y} to {self.end:%d %B %Y}</p>"
        if not self.pins:
            return HTML(
                STYLE
                + head
                + '<p>Nothing pinned yet. Pin items with <code>ev.pin("id")</code>.</p>'
            )
        return HTML(
            STYLE + head + self._table(list(self.pins)) + "<h4>Sources</h4>" + self.citations().data
        )

    # the same; lessons call report(), which a notebook check cannot mistake for a chart's show()
    report = show

    def _repr_html_(self) -> str:
        return self.show().data

    def __len__(self) -> int:
        return len(self.pins)

    # -- charts ----------------------------------------------------------------------------
    def timeline(self):
        """The pinned events, treaties, conflicts, documents and changes of control on a time
        axis.
        """
        tables = {
            name: rows
            for name in ("events", "treaties", "conflicts", "territory", "documents")
            if not (
                rows := pd.concat(
                    [rows_of(i) for i in self.pins if table_of(i.split(":")[0]) == name]
                    or [pd.DataFrame(columns=["id", "date", "title", "source_id"])]
                )
            ).empty
        }
        counter = frozenset(i for i, p in self.pins.items() if p["counter"])
        return charts.timeline(tables, "Your evidence on a time axis", counter)

    def spread(self):
        """The pinned figures with every source's value or range."""
        figs = [rows_of(i) for i in self.pins if i.startswith(("casualties:", "deployments:"))]
        return charts.spread(
            pd.concat(figs, ignore_index=True) if figs else None,
            "Your figures: every source's number",
        )

    def chart(self, kind: str = "timeline"):
        """``chart()`` or ``chart("timeline")``: the time axis; ``chart("spread")``: the figures."""
        if kind not in ("timeline", "spread"):
            raise EvidenceError(f"no chart {kind!r}; the charts are: timeline, spread.")
        return self.timeline() if kind == "timeline" else self.spread()

    # -- saving ----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "turning_point": self.turning_point,
            "start": None if self.start is None else f"{self.start:%Y-%m-%d}",
            "end": None if self.end is None else f"{self.end:%Y-%m-%d}",
            "pins": [{"id": i, **p} for i, p in self.pins.items()],
            "citations": self.citation_text(),
        }

    def _load(self, state: dict) -> None:
        self.question = state.get("question")
        if state.get("turning_point"):
            self.start, self.end, self.turning_point = resolve_range(
                turning_point=state["turning_point"]
            )
        elif state.get("start"):
            self.start, self.end, _ = resolve_range(start=state["start"], end=state["end"])
        for p in state.get("pins", []):
            rows_of(p["id"])
            self.pins[p["id"]] = {"note": p.get("note"), "counter": bool(p.get("counter"))}

    def save(self, path: str | Path | None = None) -> Path:
        """Write the list as JSON (to ``path``, else the list's own ``file``)."""
        target = Path(path) if path is not None else self.file
        if target is None:
            raise EvidenceError(
                'save() needs a path, e.g. ev.save("my_evidence.json"), or make the list with '
                'EvidenceList(file="my_evidence.json").'
            )
        target.write_text(
            json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        return target

    @classmethod
    def load(cls, path: str | Path) -> EvidenceList:
        """A list saved with ``save()``; every id is checked against the data again."""
        path = Path(path)
        if not path.exists():
            raise EvidenceError(
                f'no evidence file {str(path)!r}; save one with ev.save("{path.name}").'
            )
        ev = cls()
        ev._load(json.loads(path.read_text(encoding="utf-8")))
        return ev

    def _save(self) -> None:
        if self.file is not None:
            self.save()


def _figure(r) -> str:
    lo, hi = r.get("low"), r.get("high")
    if lo is None or pd.isna(lo):
        return "?"
    return f"{int(lo):,}" if pd.isna(hi) or lo == hi else f"{int(lo):,}–{int(hi):,}"
