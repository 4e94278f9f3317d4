"""Every citation form comes from helpers.citations: each form for awkward sources (no link, no
author, a Wikipedia revision, names in other scripts, inner titles), the downloads, and the same
label for the same source on a chart, a document card and the bibliography page."""

import html
import json
import re

import pytest

from helpers import charts, citations, data
from helpers.citations import Source
from helpers.lesson import documents
from tests.test_sources import URL, accepted, host

from .conftest import ROOT

BOOK = Source(  # a book cited bibliographically: no link
    source_id="coox_nomonhan",
    author="Alvin D. Coox",
    title="Nomonhan: Japan Against Russia, 1939",
    year=1985,
    publisher="Stanford University Press",
    kind="secondary",
    perspective="american",
)
PAGE = Source(  # no author, no year
    source_id="press_armistice",
    title="Russia and Japan declare armistice",
    publisher="Papers Past, National Library of New Zealand",
    url="https://paperspast.natlib.govt.nz/newspapers/CHP19380812.2.61",
    kind="primary",
    perspective="other",
)
REVISION = Source(  # a Wikipedia article at an older revision, read in a mirror
    source_id="wp_khalkhin_gol_2006",
    author="Wikipedia contributors",
    title="Battle of Khalkhin Gol",
    year=2006,
    publisher="Wikipedia",
    url="https://en.wikipedia.org/w/index.php?title=Battle_of_Khalkhin_Gol&oldid=71827437",
    kind="reference",
    perspective="other",
    consulted_via="a mirror copy of that revision",
)
SCRIPTS = Source(  # names in Cyrillic and Japanese, several authors, an inner title
    source_id="koshkin_manshu",
    author="Анатолий Кошкин (Anatoly Koshkin); 小林真人",
    title="A study of the *Manshū jihen* & its 100% aftermath",
    year=2011,
    publisher="Вече",
    kind="secondary",
    perspective="russian_soviet",
)


# ---------------------------------------------------------------------------- short form


def test_label_is_first_author_up_to_a_comma_or_parenthesis_and_the_year():
    assert citations.label(BOOK) == "Alvin D. Coox 1985"
    assert citations.label(SCRIPTS) == "Анатолий Кошкин 2011"
    assert citations.label(PAGE) == "Papers Past"  # no author: the publisher; no year: none
    assert citations.label(REVISION) == "Wikipedia contributors 2006"
    long = Source("x", "T", "primary", "other", author="Ministry of Internal Affairs of the USSR")
    # never cut short with an ellipsis (a chart wraps it instead)
    assert citations.label(long) == "Ministry of Internal Affairs of the USSR"
    described = Source("x", "T", "primary", "other", author="(book text)", publisher="Google Books")
    assert citations.label(described) == "Google Books"
    assert citations.label(Source("bare_id", "T", "primary", "other")) == "bare_id"


def test_source_line_names_each_label_once_and_counts_the_rest():
    by_label = {}
    for sid in data.load("sources")["source_id"]:
        by_label.setdefault(citations.label(sid), []).append(sid)
    shared = next(ids for ids in by_label.values() if len(ids) > 1)  # e.g. Wikipedia contributors
    distinct = [ids[0] for ids in by_label.values() if len(ids) == 1][:5]
    line = citations.source_line(shared + distinct + distinct[:2] + ["not_a_source"], limit=4)
    assert line.startswith(citations.label(shared[0]) + "; " + citations.label(distinct[0]))
    assert line.count(";") == 3 and line.endswith(" and 2 more.")
    assert "sources.csv" not in line  # no file name under a chart


# ---------------------------------------------------------------------------- full form


def test_reference_of_a_book_without_a_link():
    assert citations.reference(BOOK) == (
        "Alvin D. Coox (1985). Nomonhan: Japan Against Russia, 1939. Stanford University Press."
    )
    assert "<a " not in citations.reference(BOOK, "html")
    assert "<cite>Nomonhan: Japan Against Russia, 1939</cite>" in citations.reference(BOOK, "html")


def test_reference_without_author_or_year_starts_with_the_title():
    assert citations.reference(PAGE, "markdown") == (
        "*Russia and Japan declare armistice*. Papers Past, National Library of New Zealand. "
        "<https://paperspast.natlib.govt.nz/newspapers/CHP19380812.2.61>"
    )


def test_wikipedia_revision_keeps_its_oldid_in_every_form():
    for markup in citations.MARKUPS:
        assert "oldid=71827437" in citations.reference(REVISION, markup).replace("&amp;", "&")
    assert citations.reference(REVISION).endswith(
        "Wikipedia. Read in a mirror copy of that revision. " + REVISION.url
    )
    assert 'href="' + html.escape(REVISION.url) + '"' in citations.reference(REVISION, "html")
    assert citations.csl_item(REVISION)["URL"] == REVISION.url
    assert "oldid=71827437" in citations.bib_entry(REVISION)


def test_a_work_read_in_another_source_names_it_by_its_label():
    quoting = citations.all_sources()[0]
    quoted = Source("q", "Quoted", "primary", "other", consulted_via=quoting.source_id)
    assert f"Read as quoted in {citations.label(quoting)}." in citations.reference(quoted)


def test_a_copy_that_already_says_how_it_was_read_is_not_read_in_twice():
    for via, said in (
        ("quoted in a history blog", "Quoted in a history blog."),
        ("read in the NDL viewer", "Read in the NDL viewer."),
        ("an offline copy", "Read in an offline copy."),
    ):
        s = Source("x", "T", "primary", "other", consulted_via=via)
        assert citations.read_via(s) == said


def test_names_in_other_scripts_survive_every_form():
    for text in (
        citations.reference(SCRIPTS),
        citations.reference(SCRIPTS, "html"),
        citations.reference(SCRIPTS, "markdown"),
        json.dumps(citations.csl_item(SCRIPTS), ensure_ascii=False),
        citations.bib_entry(SCRIPTS),
    ):
        assert "Анатолий Кошкин" in text and "小林真人" in text and "Вече" in text
    assert citations.csl_item(SCRIPTS)["author"] == [
        {"literal": "Анатолий Кошкин (Anatoly Koshkin)"},
        {"literal": "小林真人"},
    ]
    assert "author = {{Анатолий Кошкин (Anatoly Koshkin)} and {小林真人}}" in (
        citations.bib_entry(SCRIPTS)
    )


def test_an_institution_with_and_in_its_name_stays_one_author():
    s = Source("gov", "T", "primary", "other", author="Prime Minister of Japan and His Cabinet")
    assert citations.csl_item(s)["author"] == [{"literal": s.author}]


def test_keyed_form_puts_the_label_before_the_reference():
    assert citations.keyed(BOOK, "markdown") == (
        "**Alvin D. Coox 1985** · " + citations.reference(BOOK, "markdown")
    )
    assert citations.keyed(BOOK).startswith("<b>Alvin D. Coox 1985</b> · ")


def test_unknown_markup_and_unknown_id_are_named():
    with pytest.raises(ValueError, match="markup must be one of plain, html, markdown"):
        citations.reference(BOOK, "latex")
    with pytest.raises(KeyError, match="no source 'wp_battle_of_tsushimaa'.*wp_battle_of_tsushima"):
        citations.label("wp_battle_of_tsushimaa")


# ---------------------------------------------------------------------------- inner titles


def test_inner_title_is_rendered_once_per_output_form():
    assert citations.title(SCRIPTS) == "A study of the Manshū jihen & its 100% aftermath"
    assert citations.title(SCRIPTS, "html") == (
        '<cite>A study of the <span style="font-style:normal">Manshū jihen</span> '
        "&amp; its 100% aftermath</cite>"
    )
    assert citations.title(SCRIPTS, "markdown") == (
        "*A study of the* Manshū jihen *& its 100% aftermath*"
    )
    assert citations.csl_item(SCRIPTS)["title"] == (
        "A study of the <i>Manshū jihen</i> & its 100% aftermath"
    )
    assert "title = {{A study of the \\emph{Manshū jihen} \\& its 100\\% aftermath}}" in (
        citations.bib_entry(SCRIPTS)
    )
    # outside a title (a lesson's statement) the marked part is what is set in italics
    assert citations.inline("Japanese name *Nomonhan jiken*", "html") == (
        "Japanese name <em>Nomonhan jiken</em>"
    )


def test_a_lone_asterisk_and_markdown_syntax_stay_literal():
    s = Source("x", "5* hotel [sic] | <b>_raw_</b> $1", "primary", "other")
    assert citations.title(s) == s.title
    assert citations.title(s, "markdown") == r"*5\* hotel \[sic\] \| \<b\>\_raw\_\</b\> \$1*"
    assert "&lt;b&gt;" in citations.title(s, "html")


# ---------------------------------------------------------------------------- the whole list


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
    page = (ROOT / "docs" / "bibliography.md").read_text(encoding="utf-8")
    for name in citations.FILES.values():
        assert f'href="data/{name}"' in page


def test_bibliography_page_lists_every_source_once_under_its_perspective():
    page = citations.bibliography_page()
    src = data.load("sources")
    anchors = re.findall(r'<span id="source-([a-z0-9_]+)"></span>', page)
    assert sorted(anchors) == sorted(src["source_id"])
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    for sid, perspective in zip(src["source_id"], src["perspective"], strict=True):
        name = citations.theme.PERSPECTIVE_NAMES[perspective]
        section = next(s for s in sections if s.startswith(name))
        assert f'id="source-{sid}"' in section


# ---------------------------------------------------------------------------- one label everywhere


def _chart_labels(fig) -> set[str]:
    """The source labels a casualty chart writes above its rows (numbered when two share a
    label); group headers (bold, in the side's colour) and the source line are left out."""
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations if a.text]
    labels = {t for t in texts if "<" not in t and not t.startswith("Source:")}
    return {re.sub(r" \(\d+\)$", "", label) for label in labels}


def test_same_label_on_chart_document_card_and_bibliography():
    sid = "shishov_russia_japan"  # a source of a casualty figure and of a document
    expected = citations.label(sid)
    assert expected in _chart_labels(charts.casualty_chart("lake_khasan", "killed"))
    doc = data.load("documents").set_index("source_id").loc[sid, "document_id"]
    doc = doc if isinstance(doc, str) else doc.iloc[0]
    assert f"<b>{html.escape(expected)}</b> · " in documents.card_html(doc)
    assert f'<span id="source-{sid}"></span>**{expected}** · ' in citations.bibliography_page()


def test_every_casualty_chart_label_is_found_in_the_bibliography():
    cas = data.load("casualties")
    page = citations.bibliography_page()
    for conflict in cas["conflict_id"].astype(str).unique():
        fig = charts.casualty_chart(conflict, cas[cas.conflict_id == conflict].category.iloc[0])
        for shown in _chart_labels(fig):
            assert f"**{citations.inline(shown, 'markdown')}** · " in page, (conflict, shown)
