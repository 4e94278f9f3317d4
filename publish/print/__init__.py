"""The course on paper: ``python -m publish.print`` (``make print``) -> ``_build/print/``.

For every lesson notebook (``notebooks/*.ipynb`` except the index) it prints, in Debian's
chromium through Playwright's ``page.pdf()``:

* the student handout: the lesson page of the website rearranged for paper (``handout``):
  the core path, then an appendix (go-deeper parts, the data exercise from its figures, a
  compact reference list); charts as plotly's own SVG drawn for paper (``charts``);
* the worksheet: central question, documents with their three questions, written prompts,
  data-exercise steps and the writing task with the rubric, with ruled space (``worksheet``);
* the teacher edition: the same lesson from a second Sphinx build that keeps the teacher
  cells and opens every solution (``teacher``), reusing the site's execution cache;
* a handout of the slide deck, two or six slides to a sheet (reveal.js print mode, ``slides``);

plus one course reader with every student handout in order (``reader``). A manifest of what
was printed (``manifest``) tells the website which PDFs to offer for download. ``check``
reads the page rules back from a printed PDF (page limits, page fill, split cards, Jupyter
leftovers, text size) for tests/test_print.py.
"""
