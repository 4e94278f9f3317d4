"""The published website, built for real and opened in headless Chromium.

The site is built once per session into ``_build/site/`` (Sphinx is incremental and the
lessons' outputs come from jupyter-cache, but nothing is skipped: a build error or a cell
error fails here). It is then served on a free local port by a plain static server and
every page is opened with every request to another host blocked and recorded. Per page:
no console error, no failed or third-party request, every plotly chart drawn, maps with
land, no serious or critical axe violation, and a screenshot in ``_build/screens/site/``.

``COURSE_TEST_NOTEBOOKS=<folder>`` builds from another notebook folder (for developing the
publishing code against sample lessons); the default is ``notebooks/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import NOTEBOOK_DIR, ROOT

pytestmark = [pytest.mark.site, pytest.mark.browser]

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"), key=lambda p: (p.name != "index.ipynb", p.name))
SCREENS = ROOT / "_build" / "screens" / "site"
FIXED_PAGES = ["index.html", "glossary.html", "bibliography.html", "data.html", "contributing.html"]
PAGES = FIXED_PAGES + [f"notebooks/{p.stem}.html" for p in NOTEBOOKS]
BAD_IMPACTS = {"serious", "critical"}


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _cells_tagged(tag: str):
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if tag in _tags(cell):
                yield path, cell


def _phrases(text: str, min_len: int = 24) -> list[str]:
    """Distinctive lines of a cell, markup stripped, to look for in the published files."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"[*_`#>\[\]()|]", "", line).strip()
        line = re.sub(r"\s+", " ", line)
        if len(line) >= min_len:
            out.append(line[:60])
    return out


# ------------------------------------------------------------------ fixtures

IDLE_JS = """() => new Promise(done => requestAnimationFrame(() => requestIdleCallback(() => done(true),
                                                                                   {timeout: 30000})))"""  # noqa: E501 (embedded JS/CSS/template text)


# Per chart: the paragraph right above its cell, as the reader sees it (emphasis kept as
# markdown's *...*, which marks the choices an instruction names), and the controls plotly drew.
INSTRUCTIONS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => {
  const cell = gd.closest('div.cell');
  const above = cell && cell.previousElementSibling;
  let text = '';
  if (above && above.tagName === 'P') {
    const copy = above.cloneNode(true);
    copy.querySelectorAll('strong, b').forEach(e => e.replaceWith('**' + e.textContent + '**'));
    copy.querySelectorAll('em, i').forEach(e => e.replaceWith('*' + e.textContent + '*'));
    text = copy.textContent;
  }
  const lay = gd.layout || {};
  return {id: gd.id, text, layout: {
    updatemenus: (lay.updatemenus || []).map(m => ({type: m.type, name: m.name,
      buttons: (m.buttons || []).map(b => ({label: b.label}))})),
    sliders: (lay.sliders || []).map(sl => ({name: sl.name,
      steps: (sl.steps || []).map(t => ({label: t.label}))}))}};
})"""
LEFTOVERS = ("✘", "Shift+Enter", "double-click", "Your list has 0")  # case-sensitive


SCREENSHOT_MS_PER_SCREEN = 15_000  # one viewport of charts, on a loaded 2-core machine


def _screenshot_ms(page) -> int:
    """A full-page screenshot renders the whole page (a lesson is 20 or more screens of charts):
    its time limit grows with the page's height, never below Playwright's default 30 s."""
    screens = page.evaluate(
        "() => Math.ceil(document.documentElement.scrollHeight / window.innerHeight)"
    )
    return max(30_000, screens * SCREENSHOT_MS_PER_SCREEN)


def _until_idle(page) -> None:
    """Until the page's main thread has nothing left to do (late scripts, redraws and the
    errors they log have run): a condition, where a fixed pause would be tuned to one machine."""
    page.evaluate(IDLE_JS)


@pytest.fixture(scope="module")
def server(site):
    from publish.browser import serve

    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def visits(browser, server):
    """Each page opened once (lazily); its report is shared by the per-page tests."""
    from axe_playwright_python.sync_playwright import Axe

    from publish.browser import CHARTS_JS, open_page

    if SCREENS.exists():
        shutil.rmtree(SCREENS)
    SCREENS.mkdir(parents=True)
    axe = Axe()
    reports: dict[str, dict] = {}

    def visit(name: str) -> dict:
        if name not in reports:
            page, watch = open_page(browser, server + name)
            _until_idle(page)
            page.screenshot(
                path=str(SCREENS / (name.replace("/", "__").replace(".html", ".png"))),
                full_page=True,
                timeout=_screenshot_ms(page),
            )
            # recorded before axe runs: axe fetches @imported stylesheets itself, resolving
            # their relative URLs against the page (a false 404 that a reader never sees)
            report = {
                "charts": page.evaluate(CHARTS_JS),
                "problems": watch.problems(),
                "instructions": page.evaluate(INSTRUCTIONS_JS),
            }
            violations = axe.run(page).response["violations"]
            report["axe"] = [
                f"{v['id']} ({v['impact']}): {v['help']} -> "
                + "; ".join(str(n["target"]) for n in v["nodes"][:5])
                for v in violations
                if v.get("impact") in BAD_IMPACTS
            ]
            reports[name] = report
            page.context.close()
        return reports[name]

    return visit


# ------------------------------------------------------------------ the build


def test_every_page_is_built(site):
    missing = [p for p in PAGES + ["search.html", "searchindex.js"] if not (site / p).exists()]
    assert not missing, f"pages missing from {site}: {missing}"


def test_plotly_js_and_the_base_maps_a_page_uses_are_shared_files(site):
    copies = [p for p in site.rglob("*.js") if b"plotly.js v" in p.read_bytes()[:200]]
    assert [p.relative_to(site).as_posix() for p in copies] == ["_static/plotly.min.js"]
    every_scope = set()
    for page in PAGES:
        html = (site / page).read_text(encoding="utf-8")
        assert html.count("_static/plotly.min.js") == 1, (
            f"{page} must load the shared plotly.js exactly once"
        )
        scopes = {
            f"{scope}_{res}m"
            for res, scope in re.findall(r'"resolution":(\d+),"scope":"([a-z]+)"', html)
        }
        loaded = set(re.findall(r"_static/course-geo-([a-z]+_\d+m)\.js", html))
        assert loaded == scopes, f"{page} draws maps on {scopes} but loads base maps {loaded}"
        assert all(html.count(f"_static/course-geo-{s}.js") == 1 for s in scopes), (
            f"{page} loads a base map twice"
        )
        assert len(html.encode()) < 3_000_000, f"{page} looks like it embeds plotly.js itself"
        every_scope |= scopes
    # every lesson map is zoomed to the region; the world map is for wider views (an explorer
    # or a student's own selection), shipped but not needed by a page as the lessons stand
    shipped = {p.stem for p in (ROOT / "helpers" / "assets" / "topojson").glob("*.json")}
    assert "asia_50m" in every_scope and every_scope <= shipped, (
        f"the lessons' maps should use the regional map and only shipped ones: {every_scope}"
    )


def test_no_reference_to_another_host_in_scripts_or_styles(site):
    """Links to sources are fine; anything a page *loads* must be local."""
    loaded = re.compile(
        r"<(?:script|link|img|iframe|source)\b[^>]*?\b(?:src|href)=\"(https?:)?//", re.I
    )
    bad = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if loaded.search(p.read_text(encoding="utf-8"))
    ]
    assert not bad, f"pages that load something from another host: {bad}"


def test_every_local_link_resolves(site):
    """No link or asset on any page points to a file the site does not have."""
    from urllib.parse import unquote, urlsplit

    ref = re.compile(r"\b(?:href|src)=\"([^\"]+)\"")
    broken = []
    for page in site.rglob("*.html"):
        if "_static" in page.relative_to(site).parts:  # theme template fragments, not pages
            continue
        for url in ref.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if (
                parts.scheme
                or url.startswith(("#", "//", "javascript:", "mailto:"))
                or not parts.path
            ):
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {url}")
    assert not broken, "broken local links:\n  " + "\n  ".join(broken[:20])


def test_teacher_notes_are_not_published(site):
    # a teacher note may quote what students see too (the timing note names the sections)
    shown = "\n".join(
        cell.source
        for path in NOTEBOOKS
        for cell in nbformat.read(path, as_version=4).cells
        if "teacher" not in _tags(cell)
    )
    phrases = [
        ph
        for _, cell in _cells_tagged("teacher")
        for ph in _phrases(cell.source)
        if ph not in shown
    ]
    assert phrases, "no notebook has a cell tagged `teacher`, so nothing here would be checked"
    published = {
        p: p.read_text(encoding="utf-8", errors="ignore")
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix in (".html", ".js", ".ipynb", ".txt", ".json")
        and p.name != "plotly.min.js"
    }
    leaks = [
        (p.relative_to(site).as_posix(), ph)
        for ph in phrases
        for p, text in published.items()
        if ph in text
    ]
    assert not leaks, f"teacher notes found on the site: {leaks[:5]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_download_is_the_student_edition(site, path):
    html = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert f"_sources/notebooks/{path.stem}.ipynb" in html, "the page has no .ipynb download button"
    nb = nbformat.read(site / "_sources" / "notebooks" / f"{path.stem}.ipynb", as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if {"solution", "teacher"} & set(_tags(c))]
    assert not tagged, f"the downloadable notebook still has solution/teacher cells {tagged}"
    assert nb.metadata.get("kernelspec", {}).get("name") == "russo-japanese-course"


def test_every_csv_is_downloadable_from_the_data_page(site):
    html = (site / "data.html").read_text(encoding="utf-8")
    for csv_path in sorted((ROOT / "lessons_data").glob("*.csv")):
        served = site / "data" / csv_path.name
        assert served.exists() and served.read_bytes() == csv_path.read_bytes(), (
            f"{csv_path.name} not published"
        )
        assert f'href="data/{csv_path.name}"' in html, f"data.html does not link {csv_path.name}"
    if (ROOT / "lessons_data" / "DATA_DICTIONARY.md").exists():
        assert "Data dictionary" in html, "the data dictionary is not on the data page"


def test_contributor_guide_is_a_page_in_the_navigation(site):
    """CONTRIBUTING.md is published whole as contributing.html, which every page's navigation
    links; its links into the repository lead nowhere on the site, so none is left a link."""
    import html as htmllib

    guide = htmllib.unescape((site / "contributing.html").read_text(encoding="utf-8"))
    sections = re.findall(
        r"^## (.+)$", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M
    )
    missing = [s for s in sections if s.replace("`", "") not in guide]
    assert sections and not missing, f"sections of CONTRIBUTING.md not on the page: {missing}"
    hrefs = [h.split("?")[0] for h in re.findall(r'href="([^"#]+)', guide)]
    broken = [h for h in hrefs if ":" not in h and not (site / h).exists()]
    assert not broken, f"contributing.html links files the site does not have: {broken}"
    for page in ["index.html", f"notebooks/{NOTEBOOKS[-1].stem}.html"]:
        text = (site / page).read_text(encoding="utf-8")
        nav = re.search(r"<nav[^>]*bd-docs-nav.*?</nav>", text, re.S)
        assert nav and re.search(r'href="(\.\./)?contributing\.html"', nav.group(0)), (
            f"{page}: the navigation does not link the contributor guide"
        )


def test_glossary_lists_every_term(site):
    path = ROOT / "lessons_data" / "glossary.csv"
    import csv
    import html as htmllib

    page = htmllib.unescape((site / "glossary.html").read_text(encoding="utf-8"))
    terms = [
        r["term"].strip() for r in csv.DictReader(open(path, encoding="utf-8-sig")) if r.get("term")
    ]
    missing = [t for t in terms if t not in page]
    assert not missing, f"glossary terms missing from glossary.html: {missing[:10]}"


def test_bibliography_is_grouped_by_perspective(site):
    path = ROOT / "lessons_data" / "sources.csv"
    import csv

    page = (site / "bibliography.html").read_text(encoding="utf-8")
    rows = list(csv.DictReader(open(path, encoding="utf-8-sig")))
    missing = [r["source_id"] for r in rows if f'id="source-{r["source_id"]}"' not in page]
    assert not missing, f"sources missing from bibliography.html: {missing[:10]}"
    from helpers.theme import PERSPECTIVE_NAMES as labels

    for perspective in {r.get("perspective") for r in rows if r.get("perspective") in labels}:
        assert labels[perspective] in page, f"no section for the {perspective} perspective"


# ------------------------------------------------------------------ every page in the browser


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_with_no_error_and_no_other_host(visits, name):
    problems = visits(name)["problems"]
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", PAGES)
def test_page_charts_are_drawn(visits, name):
    charts = visits(name)["charts"]
    empty = [c["id"] for c in charts if not c["svgs"] or not (c["traces"] or c["marks"])]
    assert not empty, f"{name}: plotly charts with an empty SVG: {empty}"
    bare_maps = [c["id"] for c in charts if c["geo"] and not c["landDrawn"]]
    assert not bare_maps, f"{name}: maps drawn without land (base map not loaded): {bare_maps}"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_accessibility_violation(visits, name):
    violations = visits(name)["axe"]
    assert not violations, f"{name}: axe found\n  " + "\n  ".join(violations)


def test_lessons_have_charts(visits):
    lessons = [f"notebooks/{p.stem}.html" for p in NOTEBOOKS if p.name != "index.ipynb"]
    assert lessons, f"no lesson notebook besides index.ipynb in {NOTEBOOK_DIR}"
    without = [name for name in lessons if not visits(name)["charts"]]
    assert not without, f"lesson pages with no chart at all: {without}"


def _first_page_with(site: Path, needle: str) -> str | None:
    for name in PAGES:
        if needle in (site / name).read_text(encoding="utf-8"):
            return name
    return None


def test_solution_toggle_opens(site, browser, server):
    from publish.browser import open_page

    name = _first_page_with(site, 'class="cell tag_solution') or _first_page_with(
        site, 'class="tag-solution'
    )
    assert name, f"no published page folds a cell tagged `solution` ({NOTEBOOK_DIR})"
    page, watch = open_page(browser, server + name)
    details = page.locator("details.toggle-details").first
    assert details.count() == 1, "the solution is not folded behind a toggle"
    summary = details.locator("summary")
    assert "solution" in summary.inner_text().lower()
    body = details.locator(".toggle-details__container")
    assert not body.is_visible(), "the solution is visible before the toggle is opened"
    summary.click()
    try:  # waits for the condition (the toggle may animate), bounded by the page's default timeout
        page.wait_for_function("d => d.open", arg=details.element_handle())
        body.wait_for(state="visible")
    except PlaywrightTimeout:
        pytest.fail("clicking 'Show solution' did not open it")
    assert not watch.problems()
    page.context.close()


def test_question_gives_feedback_when_answered(site, browser, server):
    from publish.browser import open_page

    name = _first_page_with(site, 'type="radio"')
    assert name, f"no published page has a check-your-understanding question ({NOTEBOOK_DIR})"
    page, watch = open_page(browser, server + name)
    radio = page.locator("input[type=radio]").first
    radio_id = radio.get_attribute("id")
    group = radio.locator("xpath=ancestor::fieldset[1]")
    if group.count() == 0:
        group = radio.locator("xpath=..")
    before = group.inner_text()
    page.locator(f"label[for='{radio_id}']").click()
    try:
        page.wait_for_function("r => r.checked", arg=radio.element_handle())
    except PlaywrightTimeout:
        pytest.fail("clicking the answer's label did not select it")
    try:  # the feedback is revealed by CSS once the answer is checked
        page.wait_for_function(
            "([g, n]) => g.innerText.length > n", arg=[group.element_handle(), len(before)]
        )
    except PlaywrightTimeout:
        pytest.fail(f"no feedback appeared after answering a question on {name}")
    assert not watch.problems()
    page.context.close()


def _search_term(site: Path) -> str:
    import csv

    path = ROOT / "lessons_data" / "glossary.csv"
    if path.exists():
        for row in csv.DictReader(open(path, encoding="utf-8-sig")):
            words = [w for w in re.findall(r"[A-Za-z]{5,}", row.get("term", ""))]
            if words:
                return words[0]
    return "Okhotsk"  # on the course index


@pytest.mark.parametrize("how", ["server", "file"])
def test_search_finds_a_term(site, browser, server, how):
    from publish.browser import open_page

    term = _search_term(site)
    base = server if how == "server" else site.as_uri() + "/"
    page, watch = open_page(browser, f"{base}search.html?q={term}")
    page.wait_for_function(
        "() => document.querySelector('#search-results') && "
        "document.querySelector('#search-results').innerText.match(/found|did not match/i)",
        timeout=20000,
    )
    hits = page.locator("#search-results ul.search li")
    assert hits.count() >= 1, f"searching for {term!r} ({how}) found nothing"
    assert not watch.problems(), watch.problems()
    page.context.close()


@pytest.mark.parametrize(
    "name", ["index.html", *[f"notebooks/{p.stem}.html" for p in NOTEBOOKS[-1:]]]
)
def test_page_works_from_file_url(site, browser, name):
    from publish.browser import CHARTS_JS, open_page

    page, watch = open_page(browser, (site / name).as_uri())
    _until_idle(page)
    charts = page.evaluate(CHARTS_JS)
    assert all(c["svgs"] for c in charts)
    problems = watch.problems()
    assert not problems, f"{name} from file://:\n  " + "\n  ".join(problems)
    page.context.close()


def test_a_cell_error_fails_the_build(tmp_path):
    """A lesson that raises is not published: the build stops and names the notebook."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    from publish import site as site_build

    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    nb = new_notebook(cells=[new_markdown_cell("# Broken lesson"), new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {
        "name": "russo-japanese-course",
        "display_name": "course",
        "language": "python",
    }
    nbformat.write(nb, nb_dir / "99_broken.ipynb")
    from publish.common import preserved_environ

    with preserved_environ(), pytest.raises(SystemExit, match="99_broken.ipynb"):
        site_build.build(tmp_path / "site", nb_dir, check_data=False, work=tmp_path / "work")
    assert not (tmp_path / "site" / "notebooks" / "99_broken.html").exists()


def test_document_card_and_place_to_write(site, browser, server):
    """A lesson page shows a document card with its original beside the English and the
    source linked as sources.csv gives it, and boxes each place to write; all offline."""
    from helpers import data
    from publish.browser import open_page

    name = _first_page_with(site, 'class="doc-card"')
    assert name, f"no published lesson shows a document card ({NOTEBOOK_DIR})"
    page, watch = open_page(browser, server + name)
    docs = data.load("documents").set_index("document_id")
    with_original = [d for d in docs.index if isinstance(docs.at[d, "excerpt_original"], str)]
    card = (
        page.locator(".doc-card").filter(has=page.locator("blockquote[lang]:not([lang=en])")).first
    )
    card.scroll_into_view_if_needed()
    doc_id = card.get_attribute("id").removeprefix("doc-")
    assert doc_id in with_original
    lang = docs.at[doc_id, "language"]
    original, english = (
        card.locator(f'blockquote[lang="{lang}"]'),
        card.locator('blockquote[lang="en"]'),
    )
    assert original.is_visible() and english.is_visible()
    left, right = original.bounding_box(), english.bounding_box()
    assert abs(left["y"] - right["y"]) < 5 and left["x"] < right["x"], (
        "original and English are not side by side"
    )
    url = data.load("sources").set_index("source_id").at[docs.at[doc_id, "source_id"], "url"]
    if isinstance(url, str):
        assert card.locator(".doc-source a").get_attribute("href") == url
    box = page.locator(".response-box").first
    assert box.is_visible() and "Your answer" in box.inner_text()
    assert not watch.problems(), watch.problems()
    page.context.close()


# ------------------------------------------------------------------ nothing that needs a kernel


def leftovers(html: str) -> list[str]:
    """The words of a notebook driven in JupyterLab, or of a check run without a student, found
    in a page."""
    return [f"{word!r} in ...{html[max(0, i - 60) : i + 40]!r}..." for word in LEFTOVERS
            if (i := html.find(word)) >= 0]  # fmt: skip


def test_leftovers_are_found():
    assert leftovers("<p>Run it (Shift+Enter)</p>") and leftovers("✘ <b>Not yet.</b>")
    assert not leftovers("<p>shift+enter, Double-click</p>")  # the check is case-sensitive


def test_no_page_shows_what_only_works_in_a_kernel(site):
    found = {
        p.relative_to(site).as_posix(): hits
        for p in sorted(site.rglob("*.html"))
        if (hits := leftovers(p.read_text(encoding="utf-8")))
    }
    assert not found, "pages with JupyterLab words or failed checks:\n" + "\n".join(
        f"  {page}: {hits}" for page, hits in found.items()
    )


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.name != "index.ipynb"], ids=lambda p: p.stem
)
def test_student_steps_send_the_reader_to_jupyterlab(site, path):
    """A lesson's exercise steps appear without output, after a note with the notebook download."""
    from publish import live_only

    steps = live_only.student_steps(nbformat.read(path, as_version=4).cells)
    html = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
    if not steps:
        assert "kernel-note" not in html
        return
    note = re.search(r'<div class="kernel-note[^"]*">(.*?)</div>', html, re.S)
    assert note and "JupyterLab" in note.group(1), f"{path.stem}: no note before the steps"
    assert f'href="../_sources/notebooks/{path.stem}.ipynb"' in note.group(1)
    assert html.count("tag_remove-output") >= len(steps), "a step still shows its output"


@pytest.mark.parametrize("name", [f"notebooks/{p.stem}.html" for p in NOTEBOOKS])
def test_instructions_match_the_page_controls(visits, name):
    """The text above each chart asks only for the controls the chart has on this page."""
    from publish import instructions

    bad = [
        f"{c['text'][:90]!r} asks for {', '.join(missing)}"
        for c in visits(name)["instructions"]
        if (
            missing := instructions.unmet(
                c["text"], instructions.static_controls(c["layout"]), static=True
            )
        )
    ]
    assert not bad, f"{name}:\n  " + "\n  ".join(bad)


# ------------------------------------------------------------------ places to write


def test_a_typed_answer_stays_in_the_browser_and_can_be_saved(site, browser, server):
    from publish.browser import open_page

    name = _first_page_with(site, "response-box")
    assert name, "no page has a place to write"
    page, watch = open_page(browser, server + name)
    boxes = page.locator(".response-box textarea")
    assert boxes.count() == page.locator(".response-box").count(), "a box has no text area"
    boxes.nth(1).fill("Document B names Korea; C does not.")
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('.response-box textarea').length")
    assert boxes.nth(1).input_value() == "Document B names Korea; C does not."
    assert boxes.nth(0).input_value() == ""
    with page.expect_download() as saved:
        page.locator(".response-box button", has_text="Save my answers").first.click()
    text = open(saved.value.path(), encoding="utf-8").read()
    assert "Document B names Korea; C does not." in text and "Your answer" in text
    page.emulate_media(media="print")
    printed = page.locator(".course-answer-print").nth(1)
    assert printed.is_visible() and "names Korea" in printed.inner_text()
    assert not boxes.nth(1).is_visible(), "the text area prints instead of its text"
    assert not watch.problems(), watch.problems()  # nothing was sent anywhere
    page.context.close()


# ------------------------------------------------------------------ one name per lesson


def _link_texts(html: str, stem: str) -> list[str]:
    """The text of every link to a lesson's page in ``html``, markup stripped."""
    found = re.findall(rf'<a [^>]*href="notebooks/{stem}\.html"[^>]*>(.*?)</a>', html, re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for text in found]


def _article(html: str) -> str:
    """The page's own content, without the sidebar and the footer's links."""
    return re.search(r"<article.*?</article>", html, re.S).group(0)


def test_every_lesson_has_one_name(site):
    """The name in eras.csv is the lesson's H1, its sidebar entry, its row on the home page and
    its link in the glossary; the sidebar lists the course introduction apart from the lessons."""
    import csv
    import html as htmllib

    from publish.common import notebook_title

    eras = list(csv.DictReader(open(ROOT / "lessons_data" / "eras.csv", encoding="utf-8-sig")))
    home = htmllib.unescape((site / "index.html").read_text(encoding="utf-8"))
    glossary = htmllib.unescape((site / "glossary.html").read_text(encoding="utf-8"))
    nav = re.search(r"<nav[^>]*bd-docs-nav.*?</nav>", home, re.S).group(0)
    captions = re.findall(
        r'<p aria-level="2" class="caption"[^>]*><span class="caption-text">([^<]+)', nav
    )
    assert captions[:2] == ["Start here", "Lessons"], f"sidebar captions: {captions}"
    lessons_part = nav.split(">Lessons<", 1)[1].split('class="caption"', 1)[0]
    listed = re.findall(r'href="notebooks/([^"#]+)\.html"[^>]*>([^<]+)<', lessons_part)
    expected = []
    for era in sorted(eras, key=lambda e: int(e["order"])):
        stem = era["notebook"].removesuffix(".ipynb")
        name = f"Lesson {int(era['order']):02d} · {era['title']}"
        expected.append((stem, name))
        nb = nbformat.read(NOTEBOOK_DIR / era["notebook"], as_version=4)
        assert notebook_title(nb) == name, f"{era['notebook']}: its H1 is not {name!r}"
        assert _link_texts(_article(home), stem) == [era["title"]], f"home page names lesson {stem}"
        named = set(_link_texts(_article(glossary), stem))
        assert named <= {era["title"]}, f"the glossary names lesson {stem} {named}"
    assert [(s, t.strip()) for s, t in listed] == expected, "the sidebar's lessons differ"
