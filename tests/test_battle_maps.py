"""Battle maps drawn as an atlas draws them: recorded positions only, arrows only between them,
terrain and the period's lines, a true scale bar, names that never print over each other."""

import math
import random

import pytest

from helpers import charts, data
from helpers.charts import battle_maps as bm
from helpers.charts import labels

from .test_bad_input import only, problems_of, set_cell

BATTLES = sorted(set(data.load("positions")["conflict_id"]))


def test_the_lessons_battles_have_recorded_positions():
    assert {"khalkhin_gol", "lake_khasan", "kuril_landing_1945", "battle_port_arthur_siege"} <= set(
        BATTLES
    )


@pytest.mark.parametrize("cid", BATTLES)
def test_every_position_drawn_is_a_recorded_one_with_its_source(cid):
    pos = data.load("positions").query("conflict_id == @cid")
    fig = charts.deployment_map(cid)
    recorded = {(r.formation, r.date) for r in pos.itertuples()}
    formations = [t for t in fig.data if t.hoverinfo == "text" and t.mode == "markers+text"]
    for frame in fig.frames:
        day = frame.name
        for t in frame.data:
            if t.mode == "markers+text" and t.lon:
                formation = t.name.rsplit(" (", 1)[0]
                dated = [d for f, d in recorded if f == formation and str(d.date()) <= day]
                assert dated, (cid, day, formation)  # never drawn before its first record
                assert "source:" in t.hovertext[0] and "km of the real place" in t.hovertext[0]
    assert len(fig.frames) == pos["date"].nunique() == len(fig.layout.sliders[0].steps)
    assert formations and not fig.layout.geo.showcountries  # today's borders are not drawn


def test_arrows_join_only_two_recorded_places_of_one_formation():
    recs = bm.position_records("khalkhin_gol")
    arrows = bm.moves(recs)
    assert arrows  # the 57th Special Corps: from the east bank (20 August) to Nomonhan (25 August)
    for m in arrows:
        assert m["start"]["formation"] == m["end"]["formation"]
        assert m["start"]["date"] < m["end"]["date"]
        assert (m["start"]["lon"], m["start"]["lat"]) != (m["end"]["lon"], m["end"]["lat"])
    # a formation recorded once has no arrow
    assert not bm.moves([recs[0]])


@pytest.mark.parametrize("cid", BATTLES)
def test_scale_bar_is_as_long_as_it_says_and_long_enough_to_read(cid):
    fig = charts.deployment_map(cid)
    bar = next(t for t in fig.data if t.name == "scale")
    km = float(bar.text[1].split()[0])
    lat = math.radians(bar.lat[0])
    measured = (bar.lon[1] - bar.lon[0]) * 111.2 * math.cos(lat)
    assert measured == pytest.approx(km, rel=0.01)
    # a bar a few px long says nothing: at least a fifteenth of the map's width, whatever its scale
    west, east = fig.layout.geo.lonaxis.range
    assert bar.lon[1] - bar.lon[0] >= (east - west) / 15, (cid, km)


def test_schematic_lines_say_so_on_the_map_and_the_river_is_terrain():
    by_hover = {r["hover"]: r for r in bm.ln.line_records()}
    named = 0
    for cid in BATTLES:
        fig = charts.deployment_map(cid)
        names = next(t for t in fig.data if t.name == "names of the lines")
        for text, hover in zip(names.text, names.hovertext, strict=True):
            r = by_hover[hover]
            assert ("schematic" in text) == (r["precision"] == "schematic"), text
            named += 1
    assert named >= 3
    khasan = {t.name for t in charts.deployment_map("lake_khasan").data}
    assert "Tumen River" in khasan
    # rivers are battlefield terrain: a regional map does not draw them
    assert "Tumen River" not in {t.name for t in charts.territory_map(1938).data}


def test_terrain_is_clipped_to_the_battles():
    assert bm.TERRAIN_FILE.stat().st_size < 20_000  # a page's budget: a clip, not the world layer
    lakes = bm._lakes()
    for battle, found in lakes.items():
        w, e, s, n = bm_box(battle)
        assert all(
            any(w <= x <= e and s <= y <= n for x, y in zip(lk["lon"], lk["lat"], strict=True))
            for lk in found
        )


def bm_box(battle):
    from publish.terrain import BOXES

    return BOXES[battle]


def test_a_position_dated_outside_its_conflict_is_refused(data_copy):
    set_cell(data_copy / "positions.csv", 2, "date", "1939-07-29")  # a Khasan row dated 1939
    p = only(problems_of(data_copy), file="positions.csv", row=2, column="date")
    assert "outside lake_khasan" in p.rule and "year" in p.fix


def test_a_position_off_the_globe_is_refused(data_copy):
    set_cell(data_copy / "positions.csv", 3, "lat", "130.611005")  # longitude typed as latitude
    p = only(problems_of(data_copy), file="positions.csv", row=3, column="lat")
    assert "-90" in p.fix


def test_placed_labels_never_overlap_or_leave_the_map():
    rng = random.Random(7)
    lon, lat = (118.0, 119.0), (47.5, 48.0)
    pts = [(rng.uniform(*lon), rng.uniform(*lat)) for _ in range(40)]
    texts = [f"Place {k}" for k in range(40)]
    taken: list = []
    kept, where = labels.placed_labels(
        [p[0] for p in pts], [p[1] for p in pts], texts, lon, lat, taken=taken
    )
    boxes = taken[len(pts) :]  # the names' boxes come after the markers'
    assert 0 < len(boxes) == sum(1 for k in kept if k) < len(pts)
    _, height = labels.projector(lon, lat)
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[1] >= 0 and a[2] <= labels.NARROWEST_MAP_PX and a[3] <= height
        assert not any(labels._overlap(a, b) for b in taken[: i + len(pts)] if b is not a)


def test_terrain_reader_clips_a_shapefile_to_the_battles(tmp_path):
    """A one-lake shapefile written byte by byte: the lake inside a battle's box is kept, named,
    its ring whole; a lake elsewhere is not."""
    import struct

    from publish import terrain

    def polygon(ring):
        pts = b"".join(struct.pack("<2d", x, y) for x, y in ring)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        body = struct.pack("<i4d2i", 5, min(xs), min(ys), max(xs), max(ys), 1, len(ring))
        return body + struct.pack("<i", 0) + pts

    near = [(118.0, 47.5), (118.1, 47.5), (118.1, 47.6), (118.0, 47.5)]  # in the Khalkhin Gol box
    far = [(10.0, 50.0), (10.1, 50.0), (10.1, 50.1), (10.0, 50.0)]
    records = b""
    for k, ring in enumerate([near, far], start=1):
        content = polygon(ring)
        records += struct.pack(">ii", k, len(content) // 2) + content
    shp = tmp_path / "lakes.shp"
    shp.write_bytes(b"\0" * 100 + records)
    names = [b"Near lake ", b"Far lake  "]
    header = struct.pack("<4xIHH20x", 2, 32 + 32 + 1, 11)
    field = b"name".ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([10]) + b"\0" * 15
    rows = b"".join(b" " + n for n in names)
    shp.with_suffix(".dbf").write_bytes(header + field + b"\r" + rows)
    lakes = terrain.lakes_in(shp)
    assert [lk["name"] for lk in lakes["khalkhin_gol"]] == ["Near lake"]
    assert lakes["khalkhin_gol"][0]["lon"] == [p[0] for p in near]
    assert "lake_khasan" not in lakes
