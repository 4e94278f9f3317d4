"""Show a chart or explorer with its text description printed beneath it.

The description (what the chart shows, in words) serves screen readers and anyone who
cannot see colour or hover; the website prints it under every chart.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
from IPython.display import HTML, display

from .theme import describe


def show(obj) -> None:
    """Display a figure, FigureWidget or explorer box, then its description."""
    fig = getattr(obj, "figure", obj)
    display(obj)
    if isinstance(fig, (go.Figure, go.FigureWidget)):
        text = describe(fig)
        if text:
            display(
                HTML(
                    f'<p class="chart-description"><strong>What this chart '
                    f"shows:</strong> {html.escape(text)}</p>"
                )
            )
