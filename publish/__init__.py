"""Publishing the course: the static website, reveal.js slide decks and the student edition.

Run from the repository root (the Makefile does):

* ``python -m publish.site``    -> ``_build/site/``   (``make site``)
* ``python -m publish.slides``  -> ``_build/slides/`` (``make slides``)
* ``python -m publish.student`` -> ``_build/student/`` (``make student``)

Nothing here needs the network at build time except ``publish.slides`` on its first run,
which fetches reveal.js once from the npm registry into ``_build/vendor/`` (``npm pack``).
"""
