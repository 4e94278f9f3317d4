"""The bibliography downloads parse and hold one entry per source, linking only accepted hosts."""

import json
import re

from helpers import data
from publish import citations
from tests.test_sources import URL, accepted, host


def test_csl_json_parses_with_one_item_per_source():
    items = json.loads(citations.csl_json())
    src = data.load("sources")
    assert len(items) == len(src)
    assert {i["id"] for i in items} == set(src["source_id"])
    assert all(i["title"] for i in items)


def test_bibtex_has_one_entry_per_source_with_balanced_braces():
    text = citations.bibtex()
    entries = re.findall(r"^@(\w+)\{([^,\s]+),", text, re.M)
    assert len(entries) == len(data.load("sources"))
    assert len({k for _, k in entries}) == len(entries), "citation keys are unique"
    for chunk in text.split("\n@"):
        assert chunk.count("{") - chunk.count("\\{") == chunk.count("}") - chunk.count("\\}"), (
            chunk[:80]
        )


def test_downloads_link_only_accepted_hosts():
    ok = accepted()
    for text in (citations.csl_json(), citations.bibtex()):
        bad = {u for u in URL.findall(text.replace("\\%", "%")) if host(u) not in ok}
        assert not bad, sorted(bad)[:10]


def test_bibliography_page_offers_both_downloads():
    page = (citations.DATA.parent / "docs" / "bibliography.md").read_text(encoding="utf-8")
    assert 'href="data/sources.csl.json"' in page and 'href="data/sources.bib"' in page
