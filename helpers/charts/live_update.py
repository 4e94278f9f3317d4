"""A live explorer's change sent as one plotly update of only what changed, values set as built.

``FigureWidget.batch_update`` runs every value of every trace it is given through plotly's
validators, on every change: for the treaty explorer's 17 traces that was most of the 20 ms the
kernel spent on a change. The values an explorer sends are built by the functions that build
its static figure, which plotly validated when the explorer was made; ``plotly_update`` sets
them as they are, and sends the front end one message with the traces that changed.
"""

from __future__ import annotations

from plotly.basedatatypes import Undefined


def paths(spec: dict, prefix: str = "") -> dict:
    """Nested property dicts as plotly's dotted paths: ``{"title": {"text": t}}`` ->
    ``{"title.text": t}`` (lists are values, not nesting)."""
    out = {}
    for key, value in spec.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(paths(value, f"{path}."))
        else:
            out[path] = value
    return out


def data_arrays(trace: dict) -> dict:
    """The properties of a trace dict that hold one value per point (what a change moves)."""
    return {path: v for path, v in paths(trace).items() if isinstance(v, list)}


class LiveFigure:
    """A ``FigureWidget`` whose traces keep their number and kinds and whose per-point values
    change: ``update`` sends the traces whose values differ from the last sent, with the
    layout changes, as one ``plotly_update``."""

    def __init__(self, figure):
        self.figure = figure
        self.sent = [data_arrays(t.to_plotly_json()) for t in figure.data]

    def update(self, traces: list[dict], layout: dict) -> None:
        if len(traces) != len(self.sent):
            raise ValueError(
                f"{len(traces)} traces given for a figure of {len(self.sent)}: a live figure "
                "keeps its traces (an empty one stands for a group with nothing to show)"
            )
        new = [data_arrays(t) for t in traces]
        changed = [
            i for i, (now, then) in enumerate(zip(new, self.sent, strict=True)) if now != then
        ]
        keys = list(dict.fromkeys(k for i in changed for k in new[i]))
        restyle = {k: [new[i].get(k, Undefined) for i in changed] for k in keys}
        self.figure.plotly_update(
            restyle_data=restyle, relayout_data=paths(layout), trace_indexes=changed
        )
        for i in changed:
            self.sent[i] = new[i]
