"""The capstone's evidence helper: gathering across every table, pinning, citations, charts,
checks, and clear messages on bad input."""

from __future__ import annotations

import json

import pytest

from helpers import data
from helpers.evidence import TURNING_POINTS, EvidenceError, EvidenceList, gather, turning_points

SOURCES = set(data.load("sources")["source_id"])
KINDS_WITH_SOURCES = ("events", "treaties", "conflicts", "figures", "documents")


@pytest.mark.parametrize(
    "request_",
    [dict(turning_point="portsmouth_1905"), dict(start="1938-07", end="1939-09")],
    ids=["turning_point", "range"],
)
def test_gather_returns_every_table_kind_with_resolving_sources(request_):
    ev = gather(**request_)
    for name in KINDS_WITH_SOURCES:
        table = getattr(ev, name)
        assert len(table), f"{name}: nothing gathered"
        assert {"id", "source_id", "citation"} <= set(table.columns)
        assert set(table["source_id"]) <= SOURCES, f"{name}: unresolved source ids"
        assert table["citation"].notna().all()
    assert len(ev.places) and ev.places["id"].str.startswith("place:").all()
    figures = ev.figures
    assert {"casualties", "deployments"} & set(figures["table"])
    assert "<details>" in ev._repr_html_()


def test_positional_forms_and_turning_points_span_the_course():
    assert (
        len(gather("1905").events)
        and len(gather("1945-08").documents)
        and len(gather("1918-1922").conflicts)
    )
    years = [int(tp.start[:4]) for tp in TURNING_POINTS]
    assert (
        min(years) <= 1855 and max(years) >= 2016 and len(turning_points()) == len(TURNING_POINTS)
    )
    for tp in TURNING_POINTS:
        assert len(gather(tp.turning_point_id)), tp.turning_point_id


@pytest.mark.parametrize(
    "call, words",
    [
        (
            lambda: gather(turning_point="portsmuth_1905"),
            ["portsmouth_1905", "august_1945", "start="],
        ),
        (lambda: gather("nonsense"), ["turning point", '"1905"', "start="]),
        (lambda: gather(start="1939-09", end="1938-07"), ["before it starts", "start="]),
        (lambda: gather(start="1939-13", end="1940"), ["not a real date", '"1945-08"']),
        (lambda: gather(start="1939"), ["both start= and end="]),
        (
            lambda: EvidenceList().pin("event:portsmouth_treaty_1905"),
            ["event:portsmouth_treaty_signed_1905", "event ids are"],
        ),
        (
            lambda: EvidenceList().pin("battle:mukden"),
            ["kinds are", "event", "casualties", "document"],
        ),
        (
            lambda: EvidenceList().pin("casualties:khalkhin_gol/japan/dead"),
            ["conflict/side/category", "casualties:khalkhin_gol/japan/"],
        ),
        (lambda: EvidenceList().chart("map"), ["timeline", "spread"]),
    ],
)
def test_bad_input_names_what_is_accepted(call, words):
    with pytest.raises(EvidenceError) as err:
        call()
    for w in words:
        assert w in str(err.value), (w, str(err.value))


def test_empty_range_says_so_and_points_to_neighbours():
    with pytest.raises(EvidenceError) as err:
        gather(start="1660", end="1670")
    msg = str(err.value)
    assert "nothing in the course data from 1660-01-01 to 1670-12-31" in msg
    assert "before it" in msg and "after it" in msg and "portsmouth_1905" in msg


PINS = [
    "event:portsmouth_treaty_signed_1905",
    "casualties:russo_japanese_war/japan/killed",
    "document:portsmouth_1905_art9_10_ja",
    "document:hwangseong_sinmun_1905_editorial",
]


def test_pins_round_trip_through_json(tmp_path):
    path = tmp_path / "evidence.json"
    ev = EvidenceList(
        "Did the Treaty of Portsmouth end the rivalry or pause it?",
        turning_point="portsmouth_1905",
        file=path,
    )
    ev.pin(*PINS[:3])
    ev.pin(PINS[3], counter=True, note="a Korean voice")
    ev.pin(PINS[0])  # pinning again keeps one entry (re-running a cell)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [p["id"] for p in saved["pins"]] == PINS and saved["turning_point"] == "portsmouth_1905"
    again = EvidenceList.load(path)
    assert again.pins == ev.pins and again.question == ev.question and again.start == ev.start
    reopened = EvidenceList(file=path)  # a notebook re-run with the same file
    assert list(reopened.pins) == PINS
    ev.unpin(PINS[0])
    assert PINS[0] not in EvidenceList.load(path).pins


def test_citations_are_full():
    ev = EvidenceList()
    ev.pin("casualties:russo_japanese_war/japan/killed", "document:portsmouth_1905_art9_10_ja")
    text = " ".join(ev.citation_text())
    src = data.load("sources").set_index("source_id")
    for sid in ev.source_ids():
        row = src.loc[sid]
        assert str(row["title"]) in text
        if isinstance(row["author"], str):
            assert row["author"] in text
        if row["year"] is not None and str(row["year"]) != "<NA>":
            assert str(int(row["year"])) in text
    html = ev.show().data
    assert "<cite>" in html and "Krivosheev" in html and "Sources" in html


def test_charts_from_a_selection():
    ev = EvidenceList()
    assert "Nothing dated yet" in ev.timeline().data  # words, not an empty chart
    assert "No figures yet" in ev.spread().data
    ev.pin(*PINS)
    ev.pin("deployments:russo_japanese_war/japan/1904-02-01")
    assert "3 dated items" in ev.chart().layout.meta["description"]
    desc = ev.chart("spread").layout.meta["description"]
    assert "46,180 to 58,800" in desc and "one row per source" in desc
    assert gather("portsmouth_1905").timeline().data


def verdicts(ev):
    return {
        name: getattr(ev, f"check_{name}")().data
        for name in ("question", "perspectives", "disagreement", "counter_evidence", "sources")
    }


def test_checks_say_not_yet_then_right():
    ev = EvidenceList()
    assert all(v.startswith("✘ **Not yet.**") for v in verdicts(ev).values())
    ev.ask(
        "Did the Treaty of Portsmouth end the rivalry or only pause it?",
        turning_point="portsmouth_1905",
    )
    ev.pin("event:portsmouth_treaty_signed_1905", "treaty:portsmouth_1905")
    v = verdicts(ev)
    assert v["question"].startswith("✔ **Right.**")
    assert "standpoint" in v["perspectives"] and v["perspectives"].startswith("✘")
    ev.pin("casualties:russo_japanese_war/japan/killed")
    assert "no note" in ev.check_disagreement().data
    ev.note("casualties:russo_japanese_war/japan/killed", "they count different things")
    ev.pin("document:portsmouth_1905_art9_10_ja", "document:russia_war_manifesto_1904")
    ev.pin("document:hwangseong_sinmun_1905_editorial", counter=True)
    assert "no note" in ev.check_counter_evidence().data
    ev.note("document:hwangseong_sinmun_1905_editorial", "a Korean view")
    assert all(v.startswith("✔ **Right.**") for v in verdicts(ev).values()), verdicts(ev)


def test_checks_do_not_give_the_answer_away():
    ev = EvidenceList()
    ev.pin("event:portsmouth_treaty_signed_1905")
    for text in verdicts(ev).values():
        assert "document:" not in text.replace('ev.pin("id"', "")  # no suggested item ids


# ------------------------------------------------------------------ comparing two turning points


def test_comparison_overview_reads_every_criterion_from_the_gathered_evidence():
    from helpers.evidence import CRITERIA, Comparison

    cmp = Comparison("portsmouth_1905", "august_1945")
    for key in cmp.keys:
        gathered = set(gather(key).ids())
        for criterion in CRITERIA:
            items = cmp.suggestions(criterion, key)
            assert items, f"{criterion} / {key}: the data holds nothing"
            assert {i for i, _ in items} <= gathered, f"{criterion} / {key}: an id not gathered"
    # how long: the data's own dates, a holder followed past a change of status (Korea 1905-1910)
    lasting = dict(cmp.suggestions("how_long", "portsmouth_1905"))
    assert (
        "1905-1945 (40 years), then by Soviet Union"
        in lasting["territory:south_sakhalin/1905-09-05"]
    )
    assert "1905-1945" in lasting["territory:korea/1905-11-17"]
    later = dict(cmp.suggestions("how_long", "august_1945"))
    assert (
        "1945-1991 (46 years), then by Russian Federation" in later["territory:habomai/1945-09-03"]
    )
    sides = {t.split(":")[0] for _, t in cmp.suggestions("each_side", "august_1945")}
    assert {"Japanese", "Soviet/Russian", "Chinese", "American"} <= sides
    html = cmp.overview().data
    assert all(name in html for name, _ in CRITERIA.values())


def test_comparison_table_fills_cell_by_cell_and_its_check_says_what_is_missing():
    from helpers.evidence import CRITERIA, Comparison

    cmp = Comparison("portsmouth_1905", "august_1945", question="Which mattered more?")
    assert "8 cell(s)" in cmp.check().data and "Not yet" in cmp.check().data
    for key in cmp.keys:
        for criterion in CRITERIA:
            first = cmp.suggestions(criterion, key)[0][0]
            cmp.place(criterion, key, first)
    assert "Not yet" in cmp.check().data  # the each-side cells hold one side each
    cmp.place("each_side", "portsmouth_1905", "document:hwangseong_sinmun_1905_editorial")
    cmp.place("each_side", "august_1945", "document:stalin_address_1945_09_02")
    assert "No note yet" in cmp.check().data
    for criterion in CRITERIA:
        for key in cmp.keys:
            item = next(iter(cmp.cells[(criterion, key)]))
            cmp.place(criterion, key, item, note="what it shows")
    assert "Right" in cmp.check().data
    frame = cmp.to_frame()
    assert len(frame) == 10 and set(frame["criterion"]) == set(CRITERIA)
    table = cmp.table().data
    assert "Which mattered more?" in table and "Nicholas II 1904" not in table
    assert "Hwangseong Sinmun" in table or "Republic of Korea" in table  # the cited source


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda C: C("august_1945", "august_1945"), "two different turning points"),
        (lambda C: C("august_1945", "agust_1945"), "The turning points are: shimoda_1855"),
        (
            lambda C: C("portsmouth_1905", "august_1945").place(
                "how_much", "august_1945", "treaty:portsmouth_1905"
            ),
            "not in the evidence gathered for 'august_1945'",
        ),
        (
            lambda C: C("portsmouth_1905", "august_1945").place(
                "how_mcuh", "august_1945", "treaty:japanese_surrender_1945"
            ),
            "Did you mean 'how_much'",
        ),
        (
            lambda C: C("portsmouth_1905", "august_1945").place(
                "how_much", "shimoda_1855", "treaty:japanese_surrender_1945"
            ),
            "not one of the two compared",
        ),
    ],
    ids=["same", "typo", "other_column", "criterion", "third_point"],
)
def test_comparison_bad_input_says_how_to_fix_it(call, words):
    from helpers.evidence import Comparison

    with pytest.raises(EvidenceError, match=words):
        call(Comparison)


def test_comparison_with_blanks_says_what_to_fill_in():
    from helpers.evidence import Comparison

    blank = Comparison("portsmouth_1905", ...)
    assert "Choose your two turning points" in blank.overview().data
    blank.place(..., ..., ...)  # shows the hint, raises nothing
    assert "Not yet" in blank.check().data and "Choose" in blank._repr_html_()
    chosen = Comparison("portsmouth_1905", "august_1945")
    chosen.place("how_much", ..., ...)
    assert chosen.to_frame().empty
