"""The real data package loads, is typed as promised, and the selectors answer."""

import hashlib

import pandas as pd
import pytest

from helpers import data
from helpers.charts import selectors
from helpers.charts.selectors import ChoiceError
from helpers.data import package_schema as ps

from .conftest import DATA


def test_every_table_loads_typed():
    frames = data.load_all()
    assert set(frames) == set(ps.table_names())
    for name, df in frames.items():
        assert list(df.columns) == ps.field_names(name), name
        assert len(df) > 0, f"{name}.csv has no rows"
        for field in ps.fields(name):
            col = df[field["name"]]
            if field["type"] == "date":
                assert str(col.dtype).startswith("datetime64"), (name, field["name"])
            elif field["type"] == "integer":
                assert str(col.dtype) == "Int64", (name, field["name"])
            elif field.get("constraints", {}).get("enum"):
                assert isinstance(col.dtype, pd.CategoricalDtype), (name, field["name"])
                assert list(col.cat.categories) == field["constraints"]["enum"]
            elif field["type"] == "string":
                assert str(col.dtype) == "string", (name, field["name"])


def test_load_returns_copies_and_caches():
    first = data.load("eras")
    first.loc[0, "title"] = "changed"
    assert data.load("eras").loc[0, "title"] != "changed"


def test_dates_before_1677_survive():
    """Nanosecond timestamps end at 1677; the course starts in 1639 and must keep its day."""
    eras = data.load("eras").set_index("era_id")
    assert (
        eras.loc[["orientation", "northern_frontier", "capstone"], "start_year"].tolist()
        == [1639] * 3
    )
    events = data.load("events").set_index("event_id")
    moskvitin = events.at["moskvitin_reaches_okhotsk_sea_1639", "date"]
    assert moskvitin.isoformat() == "1639-08-01T00:00:00"


def test_every_date_before_1677_is_the_day_the_csv_writes():
    """Every date column of every table: the loaded day is the CSV's day, never NaT or shifted."""
    import csv

    checked = []
    for name in ps.table_names():
        dates = [f["name"] for f in ps.fields(name) if f["type"] == "date"]
        if not dates:
            continue
        frame = data.load(name)
        with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                for column in dates:
                    if row[column] and row[column] < "1677":
                        loaded = frame.at[i, column]
                        assert loaded.strftime("%Y-%m-%d") == row[column], (name, i + 2, column)
                        checked.append(row[column])
    assert "1639-08-01" in checked and len(checked) > 10, checked


def test_unknown_table_names_valid_ones():
    with pytest.raises(KeyError, match="casualties"):
        data.load("casualty")


def test_loading_never_writes_data_files():
    before = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.iterdir() if p.is_file()
    }
    data.clear_cache()
    data.load_all()
    after = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.iterdir() if p.is_file()
    }
    assert before == after


def test_casualties_for_joins_sources():
    cas = data.load("casualties")
    conflict = cas["conflict_id"].iloc[0]
    rows = selectors.casualties_for(conflict)
    assert len(rows) == (cas["conflict_id"] == conflict).sum()
    assert rows["perspective"].notna().all()
    with pytest.raises(ChoiceError, match=conflict):
        selectors.casualties_for(conflict + "x")


def test_deployments_between_filters_dates():
    dep = data.load("deployments")
    lo, hi = dep["date"].min(), dep["date"].max()
    middle = lo + (hi - lo) / 2
    rows = selectors.deployments_between(lo, middle)
    assert len(rows) and (rows["date"] <= middle).all() and (rows["date"] >= lo).all()
    with pytest.raises(ValueError, match="after end"):
        selectors.deployments_between(hi, lo)


def test_events_in_era_sorted_and_checked():
    ev = selectors.events_in_era("border_wars")
    assert ev["date"].is_monotonic_increasing and (ev["era_id"] == "border_wars").all()
    with pytest.raises(ChoiceError, match="border_wars"):
        selectors.events_in_era("border_war")
