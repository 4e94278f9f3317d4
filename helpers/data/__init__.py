"""The course data: ``lessons_data/`` read, typed and validated against ``datapackage.json``.

``load("casualties")`` returns one table, ``load_all()`` every table; any broken rule raises
one ``DataError`` naming file, row, column and fix. The modules beside this one do the work:
reading a CSV however a spreadsheet saved it (``csv_reading``), refusing one that is not UTF-8
or lost its non-Latin letters (``text_encoding``), the schema (``package_schema``), cell checks
by frictionless (``schema_check``) with words for impossible dates (``date_cells``), rules across
rows and tables (``rules``), and the data dictionary generated from the schema (``datadict``).
"""

from .loading import clear_cache, load, load_all, peek

__all__ = ["clear_cache", "load", "load_all", "peek"]
