"""The capstone's evidence packets print: one PDF per turning point, printed for real in
Debian's chromium and read back with poppler-utils, each holding its documents with their
sources and no screen-only wording."""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers import data
from helpers.citations import source, title
from helpers.evidence import gather
from helpers.evidence.turning_points import BY_ID

pytestmark = [pytest.mark.browser]
SCREEN_WORDS = ("Shift+Enter", "double-click", "✘", "Run the cell")


def _found(part: str, text: str) -> bool:
    """``part`` in ``text`` by letters and digits only, so line breaks and wrapped addresses do
    not matter; a wholly CJK part by its characters without spaces."""
    latin = re.sub(r"[^A-Za-z0-9]", "", part)
    if latin:
        return latin in re.sub(r"[^A-Za-z0-9]", "", text)
    return re.sub(r"\s+", "", part) in re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    from publish.print import packets, poppler

    from .browser import require_chromium

    require_chromium()
    poppler.require()
    out = tmp_path_factory.mktemp("packets")
    paths = packets.build(out=out)
    return {p.name.split(".")[0]: p for p in paths}


def test_one_packet_per_turning_point_with_a_sane_page_count(printed):
    from publish.print import poppler

    assert set(printed) == set(BY_ID)
    for tp, path in printed.items():
        info = poppler.info(path)
        assert 2 <= info["pages"] <= 20, f"{tp}: {info['pages']} pages"
        assert (info["width_pt"], info["height_pt"]) == (596, 843), f"{tp}: not A4"


@pytest.mark.parametrize("tp", list(BY_ID))
def test_packet_holds_every_document_with_its_source_and_no_screen_words(printed, tp):
    text = subprocess.run(  # -raw: the page's reading order, each card's lines together
        ["pdftotext", "-raw", "-enc", "UTF-8", str(printed[tp]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    docs = data.peek("documents").set_index("document_id")
    ev = gather(tp)
    assert BY_ID[tp].label.split(":")[0] in text
    for item_id in dict.fromkeys(ev.documents["id"]):
        d = docs.loc[item_id.split(":", 1)[1]]
        assert _found(d["title"], text), f"{tp}: {d['title']!r} missing"
        src = source(d["source_id"])  # its title and address (text order may differ around them)
        for part in (title(src), src.url or ""):
            assert _found(part, text), f"{tp}: {part!r}, the source of {item_id}, missing"
    for word in SCREEN_WORDS:
        assert word not in text, f"{tp}: {word!r} on paper"
    if not ev.figures[ev.figures["table"] == "casualties"].empty:  # each source's figure
        row = ev.figures[ev.figures["table"] == "casualties"].iloc[0]
        assert f"{int(row['low']):,}" in text, f"{tp}: figure {row['low']} missing"


def test_an_unknown_turning_point_is_named_before_printing():
    from publish.print.lessons import PrintError
    from publish.print.packets import packet_html

    with pytest.raises(PrintError, match="the turning points are: shimoda_1855"):
        packet_html("portsmouth_1906")
