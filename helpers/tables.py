"""How a lesson prints a table: a missing value as a dash, never ``<NA>``, and no dtype footer.

pandas shows a missing value in the course's nullable columns as ``<NA>`` and ends a printed
Series with ``Name: high, dtype: Int64``: words of the library, not of the data. ``register()``
(called by ``helpers.setup``) gives IPython a DataFrame and Series display that prints neither; a
Series is shown as a one-column table headed by its name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported by the tables themselves; setup() must not pay for it
    import pandas as pd

MISSING = "—"


def _limits() -> dict:
    import pandas as pd

    return dict(
        max_rows=pd.get_option("display.max_rows"), max_cols=pd.get_option("display.max_columns")
    )


def dashed(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with each missing value written as a dash (pandas' ``na_rep`` skips the nullable
    columns' ``<NA>``); columns with nothing missing keep their type and format."""
    gaps = [c for c in df.columns if df[c].isna().any()]
    if not gaps:
        return df
    return df.assign(
        **{str(c): df[c].astype(object).where(df[c].notna(), MISSING) for c in gaps}
    ).set_axis(df.columns, axis=1)


def frame_html(df: pd.DataFrame) -> str:
    return dashed(df).to_html(na_rep=MISSING, notebook=True, **_limits())


def frame_text(df: pd.DataFrame) -> str:
    return dashed(df).to_string(na_rep=MISSING, **_limits())


def _as_frame(s: pd.Series) -> pd.DataFrame:
    return s.to_frame(name=s.name if s.name is not None else "")


def series_html(s: pd.Series) -> str:
    return frame_html(_as_frame(s))


def series_text(s: pd.Series) -> str:
    return frame_text(_as_frame(s))


def register(ip=None) -> None:
    """Use these displays in the running IPython (nothing happens outside one)."""
    if ip is None:
        from IPython import get_ipython

        ip = get_ipython()
    if ip is None:
        return
    # by name: IPython matches the types once pandas is loaded, so setup() does not load it
    html_ = ip.display_formatter.formatters["text/html"]
    plain = ip.display_formatter.formatters["text/plain"]
    for module, name, as_html, as_text in (
        ("pandas.core.frame", "DataFrame", frame_html, frame_text),
        ("pandas.core.series", "Series", series_html, series_text),
    ):
        html_.for_type_by_name(module, name, as_html)
        plain.for_type_by_name(module, name, lambda obj, p, cycle, f=as_text: p.text(f(obj)))
