"""The course on paper: ``python -m publish.print`` (``make print``) -> ``_build/print/``.

For every lesson notebook (``notebooks/*.ipynb`` except the index) it prints, in Debian's
chromium through Playwright's ``page.pdf()``:

* the student handout: the lesson page exactly as the website publishes it (``lessons``,
  ``pdf``), charts as plotly's own SVG, solutions and teacher notes absent;
* the worksheet: central question, documents with their three questions, written prompts,
  data-exercise steps and the writing task with the rubric, with ruled space (``worksheet``);
* the teacher edition: the same lesson from a second Sphinx build that keeps the teacher
  cells and opens every solution (``teacher``), reusing the site's execution cache;
* a handout of the slide deck (reveal.js print mode, ``slides``);

plus one course reader with every student handout in order (``reader``). A manifest of what
was printed (``manifest``) tells the website which PDFs to offer for download.
"""
