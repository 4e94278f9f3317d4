"""The course's sources as reference-manager files: CSL-JSON and BibTeX, generated from
``sources.csv``.

Both are offered on the bibliography page (``docs/bibliography.md``) and written next to the data
downloads by the site build. Only what ``sources.csv`` holds is exported: a work cited
bibliographically has no URL, and no file links a copy of a work (CONTRIBUTING.md, "Citing
sources").
"""

from __future__ import annotations

import json
import re
import unicodedata

from .common import DATA

CSL_TYPE = {
    "primary": "document",
    "secondary": "book",
    "dataset": "dataset",
    "reference": "entry-encyclopedia",
}
BIB_TYPE = {"primary": "misc", "secondary": "book", "dataset": "misc", "reference": "misc"}
FILES = {"csl": "sources.csl.json", "bibtex": "sources.bib"}


def _rows() -> list[dict]:
    import csv

    with (DATA / "sources.csv").open(encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def _authors(author: str) -> list[dict]:
    """Names as CSL 'literal' parts: the sources are institutions as often as people, in several
    scripts.
    """
    if not author:
        return []
    parts = re.split(r";\s*|\s+and\s+", author)
    return [{"literal": p.strip()} for p in parts if p.strip()]


def _container(row: dict) -> dict:
    """Journal-like publishers become the container title; the rest stay the publisher."""
    pub = row.get("publisher", "")
    if re.search(r"\bjournal\b|review|zhurnal|Acta |Japan Focus|magazine|Wikipedia", pub, re.I):
        return {"container-title": pub}
    return {"publisher": pub} if pub else {}


def csl_items() -> list[dict]:
    items = []
    for r in _rows():
        item = {
            "id": r["source_id"],
            "type": CSL_TYPE.get(r.get("kind", ""), "document"),
            "title": r.get("title", ""),
        }
        if r.get("author"):
            item["author"] = _authors(r["author"])
        if r.get("year"):
            item["issued"] = {"date-parts": [[int(r["year"])]]}
        item.update(_container(r))
        if r.get("url"):
            item["URL"] = r["url"]
        notes = [
            n
            for n in (
                r.get("note"),
                f"Consulted via: {r['consulted_via']}" if r.get("consulted_via") else "",
            )
            if n
        ]
        if notes:
            item["note"] = " ".join(notes)
        items.append(item)
    return items


def csl_json() -> str:
    return json.dumps(csl_items(), ensure_ascii=False, indent=1) + "\n"


def _bib_escape(text: str) -> str:
    text = text.replace("\\", "\\textbackslash{}")
    for ch in "&%$#_{}":
        text = text.replace(ch, "\\" + ch)
    return text.replace("~", "\\textasciitilde{}").replace("^", "\\textasciicircum{}")


def _bib_key(sid: str, seen: set) -> str:
    key = unicodedata.normalize("NFKD", sid)
    key = re.sub(r"[^A-Za-z0-9_:-]", "", key) or "source"
    while key in seen:
        key += "x"
    seen.add(key)
    return key


def bibtex() -> str:
    out, seen = [], set()
    for r in _rows():
        fields = [("title", "{" + _bib_escape(r.get("title", "")) + "}")]
        if r.get("author"):
            # braces keep institutions and non-Latin names whole
            fields.append(
                (
                    "author",
                    " and ".join(
                        "{" + _bib_escape(a["literal"]) + "}" for a in _authors(r["author"])
                    ),
                )
            )
        if r.get("year"):
            fields.append(("year", r["year"]))
        cont = _container(r)
        if "container-title" in cont:
            fields.append(
                (
                    "journal" if r.get("kind") == "secondary" else "howpublished",
                    _bib_escape(cont["container-title"]),
                )
            )
        elif "publisher" in cont:
            fields.append(("publisher", _bib_escape(cont["publisher"])))
        if r.get("url"):
            fields.append(("url", r["url"].replace("%", "\\%").replace("#", "\\#")))
        note = " ".join(
            n
            for n in (
                r.get("note"),
                f"Consulted via: {r['consulted_via']}" if r.get("consulted_via") else "",
            )
            if n
        )
        if note:
            fields.append(("note", _bib_escape(note)))
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        out.append(
            f"@{BIB_TYPE.get(r.get('kind', ''), 'misc')}"
            f"{{{_bib_key(r['source_id'], seen)},\n{body}\n}}\n"
        )
    return "\n".join(out)


def write(folder) -> list:
    """Write both files into ``folder``; returns their paths."""
    from .common import write_if_changed

    paths = [folder / FILES["csl"], folder / FILES["bibtex"]]
    write_if_changed(paths[0], csl_json())
    write_if_changed(paths[1], bibtex())
    return paths
