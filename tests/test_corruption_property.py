"""Random corruption of a valid table ends in a valid load or a DataError, nothing else."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DataError, data

from .conftest import DATA

TABLES = ["casualties", "places", "events"]


@st.composite
def corruption(draw):
    table = draw(st.sampled_from(TABLES))
    raw = (DATA / f"{table}.csv").read_bytes()
    kind = draw(st.sampled_from(["bytes", "cut", "cell", "swap_lines"]))
    if kind == "bytes":
        pos = draw(st.integers(0, len(raw) - 1))
        junk = draw(st.binary(min_size=1, max_size=8))
        raw = raw[:pos] + junk + raw[pos + len(junk) :]
    elif kind == "cut":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif kind == "cell":
        lines = raw.split(b"\n")
        n = draw(st.integers(0, max(0, len(lines) - 2)))
        cells = lines[n].split(b",")
        c = draw(st.integers(0, len(cells) - 1))
        cells[c] = draw(st.text(max_size=12)).encode("utf-8")
        lines[n] = b",".join(cells)
        raw = b"\n".join(lines)
    else:
        lines = raw.split(b"\n")
        a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[a], lines[b] = lines[b], lines[a]
        raw = b"\n".join(lines)
    return table, raw


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corruption())
def test_corruption_gives_valid_load_or_data_error(case):
    table, raw = case
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "lessons_data"
        shutil.copytree(DATA, target)
        (target / f"{table}.csv").write_bytes(raw)
        data.clear_cache()
        try:
            frames = data.load_all(target)
        except DataError as err:
            assert err.problems and all(p.file and p.rule and p.fix for p in err.problems)
        else:
            assert list(frames[table].columns)
        finally:
            data.clear_cache()
