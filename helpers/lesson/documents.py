"""Primary-source documents as cards students read: headnote, the excerpt in its original
language beside the English, the citable source, and three scaffolded questions. Where the
English reads above US grade 10 the card opens with an adapted version (``adapted_excerpts.csv``),
labelled as adapted, and keeps the verbatim English and the original one click away.

The card is plain HTML with its own small stylesheet and no script, so it reads the same in
JupyterLab, on the website, in a slide deck and on paper, with no kernel and no network.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .. import data, theme
from ..citations import keyed

LANGUAGE_NAMES = {
    "en": "English",
    "ja": "Japanese · 日本語",
    "ru": "Russian · Русский",
    "zh": "Chinese · 中文",
    "ko": "Korean · 한국어",
    "mn": "Mongolian · Монгол",
    "fr": "French · Français",
    "de": "German · Deutsch",
}
# a perspective takes the colour of the side it speaks for, as on the charts
PERSPECTIVE_SIDES = {
    "japanese": "japan",
    "russian_soviet": "ussr",
    "chinese": "china",
    "korean": "korea",
    "mongolian": "mongolia",
    "american": "usa",
    "british": "uk",
}
ADAPTED_LABEL = "Adapted"
QUESTIONS = (
    ("q_sourcing", "Sourcing"),
    ("q_context", "Context"),
    ("q_corroboration", "Corroboration"),
)

STYLE = """<style>
.doc-card{border:1px solid #b9b9b9;border-left:6px solid #4d4d4d;border-radius:6px;padding:12px 16px;margin:10px 0 16px;
  max-width:1000px;background:#fcfcfa;color:#1d1d1d;font-size:15px;line-height:1.5;break-inside:avoid}
.doc-card h4{margin:4px 0 2px;font-size:17px}
.doc-meta{font-size:13px;color:#4a4a4a;margin:0}
.doc-persp{display:inline-block;padding:0 8px;border:2px solid;border-radius:10px;background:#fff;color:#1d1d1d;font-weight:600;font-size:12px}
.doc-headnote{margin:8px 0;font-style:italic}
.doc-excerpts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px;margin:8px 0}
.doc-excerpts blockquote{margin:0;padding:8px 12px;border-left:3px solid #8a8a8a;background:#fff}
.doc-lang{font-size:12px;font-weight:600;color:#555;margin-bottom:4px;font-style:normal}
.doc-source{font-size:13px;color:#333;margin:6px 0;overflow-wrap:anywhere}
.doc-adapted{margin:8px 0;padding:8px 12px;border-left:3px solid #8a8a8a;background:#fff}
.doc-adapted-label{display:inline-block;padding:0 6px;border:1px solid #555;border-radius:4px;font-size:12px;font-weight:700;color:#1d1d1d;margin-right:6px}
.doc-verbatim summary{cursor:pointer;font-size:13px;font-weight:600;color:#333;margin:4px 0}
.doc-questions{margin:6px 0 0 0;padding-left:22px}
.doc-questions li{margin:3px 0}
</style>"""  # noqa: E501 (embedded JS/CSS/template text)


def _date(row) -> str:
    d = row["date"]
    if pd.isna(d):
        return "date not known"
    return {"day": f"{d.day} {d:%B %Y}", "month": f"{d:%B %Y}", "year": f"{d:%Y}"}[
        row["date_precision"]
    ]


def card_html(document_id: str) -> str:
    """One document as a self-contained HTML card; an unknown id names the ids that exist."""
    docs = data.peek("documents").set_index("document_id")
    if document_id not in docs.index:
        raise KeyError(
            f"no document {document_id!r} in documents.csv; "
            f"the documents are: {', '.join(docs.index)}"
        )
    row = docs.loc[document_id]
    colour = theme.side_colour(PERSPECTIVE_SIDES.get(row["perspective"], "other"))
    perspective = theme.PERSPECTIVE_NAMES.get(row["perspective"], row["perspective"].capitalize())
    excerpts = []
    if pd.notna(row["excerpt_original"]):
        excerpts.append(_excerpt(row["excerpt_original"], row["language"], "original"))
    if row["language"] != "en" or pd.isna(row["excerpt_original"]):
        by = row["translation_by"]
        label = (
            "original"
            if row["language"] == "en"
            else f"translation: {by}"
            if pd.notna(by)
            else "translation"
        )
        excerpts.append(_excerpt(row["excerpt_en"], "en", label))
    texts = f'<div class="doc-excerpts">{"".join(excerpts)}</div>'
    adapted = adapted_text(document_id)
    if adapted is not None:
        summary = (
            "Read the original English, word for word"
            if row["language"] == "en"
            else "Read the English translation, word for word, and the original "
            f"({LANGUAGE_NAMES.get(row['language'], row['language'])})"
            if pd.notna(row["excerpt_original"])
            else "Read the English translation, word for word"
        )
        texts = (
            f'<div class="doc-adapted" lang="en"><div class="doc-lang">'
            f'<span class="doc-adapted-label">{ADAPTED_LABEL}</span>English, shortened and in '
            f"plain words, with the same meaning; [...] marks what is left out</div>"
            f"{html.escape(adapted)}</div>"
            f'<details class="doc-verbatim"><summary>{html.escape(summary)}</summary>'
            f"{texts}</details>"
        )
    questions = "".join(
        f"<li><strong>{name}.</strong> {html.escape(row[col])}</li>" for col, name in QUESTIONS
    )
    return (
        f'<article class="doc-card" id="doc-{document_id}" style="border-left-color:{colour}" '
        f'aria-label="Document: {html.escape(row["title"])}">'
        f'<p class="doc-meta"><span class="doc-persp" '
        f'style="border-color:{colour}">{html.escape(perspective)}</span> '
        f"{html.escape(row['kind'].capitalize())} · {_date(row)}</p>"
        f'<h4>{html.escape(row["title"])}</h4><p class="doc-meta">{html.escape(row["author"])}</p>'
        f'<p class="doc-headnote">{html.escape(row["headnote"])}</p>'
        f"{texts}"
        f'<p class="doc-source"><strong>Source:</strong> {keyed(row["source_id"])}</p>'
        f'<ol class="doc-questions">{questions}</ol></article>'
    )


def adapted_text(document_id: str) -> str | None:
    """The adapted English of a document, or None when its verbatim English is read as it is."""
    adapted = data.peek("adapted_excerpts").set_index("document_id")["excerpt_adapted"]
    return adapted[document_id] if document_id in adapted.index else None


def _excerpt(text: str, lang: str, label: str) -> str:
    name = LANGUAGE_NAMES.get(lang, lang)
    return (
        f'<blockquote lang="{lang}"><div class="doc-lang">{html.escape(name)} '
        f"({html.escape(label)})</div>"
        f"{html.escape(text)}</blockquote>"
    )


def document(document_id: str) -> HTML:
    """Show one document card in a lesson."""
    return HTML(STYLE + card_html(document_id))


def lesson_documents(era_id: str) -> pd.DataFrame:
    """The documents of one lesson, oldest first."""
    docs = data.load("documents")
    return docs[docs["era_id"] == era_id].sort_values("date")
