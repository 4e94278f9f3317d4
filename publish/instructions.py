"""Does a lesson's instruction ask for a control its chart has, where the reader reads it?

An instruction is the text just above a chart ("Move the year slider...", "choose the Battle of
Mukden in the Conflict menu", "Choose *Soviet Union* and *killed*"). ``asked(text)`` lists what
it asks for; ``unmet(text, controls)`` what of that the chart's controls do not offer.
Controls come from a static figure's layout (plotly's own menus and sliders:
``static_controls``) or from a live explorer's ipywidgets (``live_controls``). On a static
page, a sentence that names JupyterLab speaks about JupyterLab, not about the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

GENERIC = {"the", "a", "an", "this", "that", "its", "each", "one", "same"}
MENU = re.compile(r"\b(\w+)\s+(?:menu|dropdown)\b", re.I)
SLIDER = re.compile(r"\bslider\b", re.I)
PLAY = re.compile(r"\b(?:press|click) play\b|\bplay (?:the|button)\b", re.I)
LOG = re.compile(r"\blog(?:arithmic)? scale\b", re.I)
CHOOSE = re.compile(r"\b(?:choose|select|pick|switch)\b", re.I)
ITALIC = re.compile(r"(?<![*\w])[*_]([^*_]+?)[*_](?![*\w])")
SENTENCE = re.compile(r"(?<=[.;:!?])\s+")


@dataclass(frozen=True)
class Control:
    """One control: ``kind`` is menu, slider, buttons or play; ``name`` lower case ("" when the
    control has none); ``options`` the labels it offers, lower case."""

    kind: str
    name: str = ""
    options: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Ask:
    """One thing an instruction asks for: a control of ``kind`` (named ``name``, or any), or an
    option (``kind`` "option", ``name`` its label)."""

    kind: str
    name: str = ""

    def __str__(self) -> str:
        if self.kind == "option":
            return f"the choice {self.name!r}"
        return f"a {self.name + ' ' if self.name else ''}{self.kind}"


def _sentences(text: str, static: bool) -> list[str]:
    """The sentences of ``text`` that speak about the reader's own page."""
    text = re.sub(r"\*\*([^*]+)\*\*", r"\1", text)  # bold question headings: not choices
    out = [s for s in SENTENCE.split(text.replace("\n", " ")) if s.strip()]
    return [s for s in out if not (static and "jupyterlab" in s.lower())]


def asked(text: str, static: bool = False) -> list[Ask]:
    """What ``text`` (markdown) asks the reader to use; ``static``: read on a page without a
    kernel."""
    asks: list[Ask] = []
    for sentence in _sentences(text, static):
        plain = re.sub(r"[*_`]", "", sentence)
        for m in MENU.finditer(plain):
            word = m.group(1).lower()
            asks.append(Ask("menu", "" if word in GENERIC else word))
        if SLIDER.search(plain):
            asks.append(Ask("slider"))
        if PLAY.search(plain):
            asks.append(Ask("play"))
        if LOG.search(plain):
            asks.append(Ask("option", "log"))
        if CHOOSE.search(plain):
            asks += [Ask("option", m.group(1).strip().lower()) for m in ITALIC.finditer(sentence)]
    return list(dict.fromkeys(asks))


def _offers(ask: Ask, controls: list[Control]) -> bool:
    if ask.kind == "option":
        return any(o == ask.name or o.startswith(ask.name) for c in controls for o in c.options)
    return any(c.kind == ask.kind and (not ask.name or c.name == ask.name) for c in controls)


def unmet(text: str, controls: list[Control], static: bool = False) -> list[str]:
    """What ``text`` asks for that ``controls`` do not offer, as phrases for a message."""
    return [str(a) for a in asked(text, static) if not _offers(a, controls)]


def static_controls(layout: dict) -> list[Control]:
    """The controls plotly draws from a figure's layout (a dict, as in the figure's JSON)."""
    out = []
    for menu in layout.get("updatemenus") or []:
        labels = tuple(str(b.get("label", "")).lower() for b in menu.get("buttons") or [])
        kind = "buttons" if menu.get("type") == "buttons" else "menu"
        out.append(Control(kind, str(menu.get("name") or "").lower(), labels))
        if any("play" in label for label in labels):
            out.append(Control("play"))
    for slider in layout.get("sliders") or []:
        labels = tuple(str(s.get("label", "")).lower() for s in slider.get("steps") or [])
        out.append(Control("slider", str(slider.get("name") or "").lower(), labels))
    return out


def live_controls(box) -> list[Control]:
    """The ipywidgets controls of a live explorer (``box.controls``; none for a plain chart)."""
    import ipywidgets as W

    out = []
    for widget in getattr(box, "controls", {}).values():
        labels = tuple(
            str(o[0] if isinstance(o, tuple) else o).lower() for o in getattr(widget, "options", ())
        )
        name = str(getattr(widget, "description", "")).lower()
        if isinstance(widget, W.Play):
            out.append(Control("play", name))
        elif isinstance(widget, W.Dropdown | W.Select):
            out.append(Control("menu", name, labels))
        elif "Slider" in type(widget).__name__:
            out.append(Control("slider", name, labels))
        else:
            out.append(Control("buttons", name, labels))
    return out
