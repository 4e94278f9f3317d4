"""Sources a teacher can cite (CONTRIBUTING.md, "Citing sources"): every link is on an accepted
host, every work without a link is a complete reference, and no downloadable data file links a
host outside the accepted list."""

import csv
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import data
from helpers.data.rules import is_source_id

ROOT = Path(__file__).resolve().parents[1]
HOSTS_FILE = Path(__file__).with_name("accepted_hosts.csv")
KINDS = {
    "publisher",
    "library",
    "archive",
    "government",
    "news",
    "encyclopedia",
    "university",
    "research",
}
URL = re.compile(r"https?://[^\s\"'<>),;]+")


def accepted() -> dict[str, dict]:
    with HOSTS_FILE.open(encoding="utf-8") as f:
        return {row["host"]: row for row in csv.DictReader(f)}


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def test_accepted_hosts_say_what_they_are_and_why():
    rows = accepted()
    assert rows
    for h, row in rows.items():
        assert h == h.lower() and not h.startswith("www."), h
        assert row["kind"] in KINDS, f"{h}: kind {row['kind']!r} not one of {sorted(KINDS)}"
        assert len(row["reason"].strip()) > 10, f"{h}: give a one-line reason"


def test_every_source_url_is_on_an_accepted_host():
    ok = accepted()
    src = data.load("sources")
    bad = [
        (r.source_id, r.url)
        for r in src.itertuples()
        if isinstance(r.url, str) and host(r.url) not in ok
    ]
    assert not bad, (
        "hosts not in tests/accepted_hosts.csv (cite the work at a canonical address, or add "
        "the host "
        f"with its kind and reason): {bad[:10]}"
    )


def test_every_source_without_url_is_a_complete_reference():
    src = data.load("sources")
    no_url = src[src["url"].isna()]
    incomplete = no_url[no_url["author"].isna() | no_url["title"].isna() | no_url["year"].isna()]
    assert incomplete.empty, incomplete["source_id"].tolist()


def test_wikipedia_is_cited_at_its_canonical_address():
    src = data.load("sources")
    for r in src.itertuples():
        if isinstance(r.url, str) and "wiki" in host(r.url):
            assert re.fullmatch(r"[a-z-]+\.wiki(pedia|source)\.org", host(r.url)), (
                r.source_id,
                r.url,
            )
            assert not host(r.url).startswith(("en.m.", "ja.m.")), r.url


def test_consulted_via_names_a_source_or_describes_the_copy():
    src = data.load("sources")
    ids = set(src["source_id"])
    for r in src.itertuples():
        via = r.consulted_via
        if isinstance(via, str):
            assert via in ids if is_source_id(via) else " " in via, (r.source_id, via)
            assert not URL.search(via), (
                f"{r.source_id}: consulted_via describes a copy, it does not link it"
            )


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "lessons_data").glob("*.csv"))
    + sorted((ROOT / "notebooks" / "sources").glob("*.json")),
    ids=lambda p: p.name,
)
def test_no_data_file_links_a_host_outside_the_list(path):
    ok = accepted()
    text = path.read_text(encoding="utf-8")
    bad = sorted({u for u in URL.findall(text) if host(u) not in ok})
    assert not bad, bad[:10]


def test_casualty_figures_taken_from_another_work_name_it():
    cas = data.load("casualties")
    src = set(data.load("sources")["source_id"])
    derived = cas["derived_from"].dropna()
    assert set(derived) <= src
    assert (derived != cas.loc[derived.index, "source_id"]).all(), (
        "derived_from names the original, not the row's own source"
    )


def test_reference_works_speak_for_no_side():
    src = data.load("sources")
    wiki = src[src["url"].fillna("").str.contains(r"\.wikipedia\.org/", regex=True)]
    assert (wiki["perspective"] == "other").all(), wiki.loc[
        wiki["perspective"] != "other", "source_id"
    ].tolist()
