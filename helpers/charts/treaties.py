"""Treaty timeline: every treaty and agreement as a bar from signature to end (or today),
coloured by kind, with era bands behind and parties, mediator and terms on hover."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import calendars, data, package_schema as ps, theme
from ..selectors import check_choice
from ._common import fmt_date, iso

TODAY = pd.Timestamp("2026-11-23")


def treaty_rows(party: str | None = None, kind: str | None = None, era: str | None = None) -> pd.DataFrame:
    """Treaties filtered by party code, kind and era (by signature date), sorted by signature."""
    tr = data.load("treaties")
    if party is not None:
        check_choice("party", party, list(theme.SIDE_NAMES))
        tr = tr[tr["parties"].str.split(";").apply(lambda ps_: party in ps_)]
    if kind is not None:
        check_choice("kind", kind, ps.enum_of("treaties", "kind"))
        tr = tr[tr["kind"] == kind]
    if era is not None:
        eras = data.load("eras").set_index("era_id")
        check_choice("era", era, list(eras.index))
        lo, hi = eras.at[era, "start_year"], eras.at[era, "end_year"]
        tr = tr[tr["signed_date"].dt.year.between(lo, hi)]
    return tr.sort_values("signed_date").reset_index(drop=True)


def _hover(r) -> str:
    parties = ", ".join(theme.side_name(p) for p in r.parties.split(";"))
    lines = [f"<b>{r.name_en}</b>" + (f" · {r.name_ja}" if isinstance(r.name_ja, str) else "")
             + (f" · {r.name_ru}" if isinstance(r.name_ru, str) else ""),
             f"{r.kind.replace('_', ' ')}; signed {fmt_date(r.signed_date)} ({calendars.as_written(r.signed_date)})",
             f"Parties: {parties}"]
    if isinstance(r.mediator, str):
        lines.append(f"Mediator: {', '.join(theme.side_name(m) for m in r.mediator.split(';'))}")
    lines.append(f"Ended: {fmt_date(r.ended_date)} ({r.end_reason})" if pd.notna(r.ended_date)
                 else f"Status: {r.end_reason if isinstance(r.end_reason, str) else 'in force or never formally ended'}")
    if isinstance(r.territorial_terms, str):
        lines.append("Territory: " + theme.wrap(r.territorial_terms))
    return "<br>".join(lines)


def prepared(tr: pd.DataFrame) -> pd.DataFrame:
    """Treaties with the bar geometry and hover text computed once (widgets only filter them)."""
    end = tr["ended_date"].fillna(TODAY)
    # a one-day instrument still needs a visible bar: at least 180 days wide
    label = [n if len(n) <= 48 else n[:47] + "…" for n in tr["name_en"]]
    return tr.assign(kind=tr["kind"].astype(str), bar_base=iso(tr["signed_date"]), label=label,
                     bar_ms=((end - tr["signed_date"]).dt.days.clip(lower=180) * 86_400_000).astype(int),
                     opacity=tr["ended_date"].notna().map({True: 1.0, False: 0.45}),
                     hover=[_hover(r) for r in tr.itertuples()])


def treaty_traces(tr: pd.DataFrame, kinds) -> list[dict]:
    """One bar trace per kind (fixed order, empty when absent), for in-place widget updates;
    ``tr`` comes from ``prepared()``."""
    recs = tr.to_dict("records") if isinstance(tr, pd.DataFrame) else tr
    traces = []
    for i, kind in enumerate(kinds):
        rows = [r for r in recs if r["kind"] == kind]
        traces.append(dict(type="bar", orientation="h", name=kind.replace("_", " "), base=[r["bar_base"] for r in rows],
                           x=[int(r["bar_ms"]) for r in rows], y=[r["label"] for r in rows],
                           marker=dict(color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)],
                                       opacity=[r["opacity"] for r in rows]),
                           hovertext=[r["hover"] for r in rows], hoverinfo="text", showlegend=bool(rows)))
    return traces


def era_bands(fig: go.Figure) -> None:
    """Alternately shaded era bands behind a time axis, named where the band is wide enough."""
    eras = data.load("eras")
    eras = eras[~eras["era_id"].isin(["orientation", "capstone"])]
    for i, e in enumerate(eras.itertuples()):
        label = {}
        if e.end_year - e.start_year >= 25:  # narrow eras would print their names on top of each other
            # alternate top and bottom so neighbouring era names never overprint
            label = dict(annotation_text=" ".join(e.title.split(":")[0].split(",")[0].split()[:2]),
                         annotation_position="top left" if i % 2 else "bottom left",
                         annotation_font=dict(size=10, color="#666"))
        fig.add_vrect(x0=f"{e.start_year}-01-01", x1=f"{e.end_year}-12-31", fillcolor="#888888",
                      opacity=0.08 if i % 2 else 0.0, line_width=0, layer="below", **label)


def treaty_timeline(party: str | None = None, kind: str | None = None, era: str | None = None,
                    controls: bool = True) -> go.Figure:
    """Gantt-style timeline of treaties; ``controls`` adds a plotly dropdown to show one kind at a time."""
    tr = treaty_rows(party, kind, era)
    if tr.empty:
        raise ValueError("no treaties match this selection; try another party, kind or era")
    kinds = list(dict.fromkeys(tr["kind"].astype(str)))
    fig = go.Figure(treaty_traces(prepared(tr), kinds))
    fig.update_layout(barmode="overlay", xaxis=dict(type="date", title_text="Year (bar: from signature to end, or to today)"),
                      yaxis=dict(autorange="reversed", title_text="", automargin=True, categoryorder="array",
                                 categoryarray=list(prepared(tr)["label"])),
                      legend=dict(title_text="Kind of instrument<br>(pale: no recorded end)"))
    start = tr["signed_date"].min()
    fig.update_xaxes(range=[f"{start.year - 5}-01-01", TODAY.isoformat()])
    if era is None:
        era_bands(fig)
    scope = ", ".join(x for x in [theme.side_name(party) if party else "", kind.replace("_", " ") if kind else "",
                                  era or ""] if x) or "all"
    desc = (f"Timeline of {len(tr)} treaties and agreements ({scope}), {tr['signed_date'].min().year}–"
            f"{tr['signed_date'].max().year}; each bar runs from signature to the end of the treaty, or to today "
            f"if it never formally ended. Still open-ended: {tr['ended_date'].isna().sum()}.")
    all_ids = tr["source_ids"].str.split(";").explode()
    theme.finish(fig, "Treaties and agreements: signed, in force, ended", theme.short_sources(all_ids), desc,
                 height=max(450, 130 + 24 * len(tr)))
    if controls and len(kinds) > 1:
        buttons = [dict(label="All kinds", method="restyle", args=[{"visible": [True] * len(kinds)}])]
        buttons += [dict(label=k.replace("_", " "), method="restyle",
                         args=[{"visible": [j == i for j in range(len(kinds))]}]) for i, k in enumerate(kinds)]
        fig.update_layout(updatemenus=[dict(type="dropdown", buttons=buttons, x=1.0, xanchor="right", y=1.08,
                                            yanchor="bottom")])
    return fig
