"""What a lesson prints for a table: a dash for a missing value and no dtype footer."""

from __future__ import annotations

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from helpers import data, tables


@pytest.fixture(scope="module")
def shown():
    ip = InteractiveShell.instance()
    tables.register(ip)

    def formatted(obj) -> dict:
        return ip.display_formatter.format(obj)[0]

    return formatted


def test_missing_values_print_as_a_dash_and_no_dtype_footer(shown):
    """Lesson 00's worked example: a source with no year and rows with no note."""
    cas, src = data.load("casualties"), data.load("sources")
    rows = cas[
        (cas["conflict_id"] == "lake_khasan")
        & (cas["side"] == "japan")
        & (cas["category"] == "wounded")
    ].merge(src[["source_id", "perspective", "year"]], on="source_id")
    table = rows[["source_id", "perspective", "year", "low", "high", "note"]]
    assert table.isna().any().any(), "the example needs a missing value to test"
    per_perspective = rows.groupby("perspective", observed=True)["high"].max()
    for obj in (table, per_perspective, table["year"]):
        out = shown(obj)
        for mime in ("text/plain", "text/html"):
            text = out[mime]
            assert "<NA>" not in text and "&lt;NA&gt;" not in text and "NaN" not in text, text
            assert "dtype" not in text and "Name:" not in text, text
    assert tables.MISSING in shown(table)["text/plain"]
    assert tables.MISSING in shown(table)["text/html"]


def test_columns_without_gaps_keep_their_type():
    df = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, 2.25]})
    out = tables.dashed(df)
    assert list(out["a"]) == [1, tables.MISSING] and out["b"].dtype == float
