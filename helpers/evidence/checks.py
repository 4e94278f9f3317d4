"""Checks of a student's evidence list: each says what is missing, never what to pin or write.

A check returns Markdown starting "✔ **Right.**" or "✘ **Not yet.**", like the course's
exercise checks, and recomputes everything from the data, so it stays right when rows change.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import theme
from ..charts.selectors import work_ids

MIN_ITEMS = 6
MIN_PERSPECTIVES = 3


def verdict(ok: bool, text: str) -> Markdown:
    return Markdown(("✔ **Right.** " if ok else "✘ **Not yet.** ") + text)


def _names(codes) -> str:
    return ", ".join(theme.PERSPECTIVE_NAMES.get(c, c) for c in sorted(codes)) or "none"


class Checks:
    """Mixed into ``EvidenceList``: needs ``question``, ``pins`` (id -> {note, counter}) and
    ``rows()``.
    """

    def check_question(self) -> Markdown:
        """Step 1: a question of your own, and a turning point or date range to gather for."""
        q = (self.question or "").strip()
        if not q:
            return verdict(
                False,
                'Your list has no question yet. Write it with `ev.ask("...?")`: which '
                "turning point, "
                "and what you want to find out about it.",
            )
        if not q.endswith("?") or len(q.split()) < 6:
            return verdict(
                False,
                "Your question should be a full question (at least six words, ending with "
                "'?') that "
                "evidence could answer one way or the other.",
            )
        if self.start is None:
            return verdict(
                False,
                'Choose what to gather for: `ev.ask("...?", turning_point="...")` or with '
                "`start=` and "
                "`end=`. The turning points are listed above the worked example.",
            )
        return verdict(
            True,
            f"Your question: *{q}* Can your evidence show it was **more** important than another "
            "turning point, or only that it was important? Say which in your justification.",
        )

    def perspectives(self) -> set[str]:
        """Standpoints behind the pinned items: each document's own, and each source's."""
        rows = self.rows()
        found = set()
        if not rows.empty:
            if "perspective" in rows:
                found |= set(rows["perspective"].dropna().astype(str))
            found |= set(rows["source_perspective"].dropna().astype(str))
        return found - {"nan", "<NA>"}

    def check_perspectives(self) -> Markdown:
        """Step 2: evidence from at least three standpoints (reference works do not count as
        one).
        """
        found = self.perspectives() - {"other"}
        if not self.pins:
            return verdict(
                False,
                'Your list is empty. Pin items with `ev.pin("id")`; `gather(...)` shows the ids.',
            )
        if len(found) < MIN_PERSPECTIVES:
            return verdict(
                False,
                f"Your evidence speaks from {len(found)} standpoint(s): {_names(found)}. "
                f"Encyclopedias "
                f"and other reference works count as 'other', not as a side. Pin documents "
                f"or sources "
                f"from at least {MIN_PERSPECTIVES} standpoints: whose voice is still missing?",
            )
        return verdict(
            True,
            f"{len(found)} standpoints: {_names(found)}. Which of them had the most to gain "
            f"from the "
            "story it tells?",
        )

    def disagreements(self) -> list[str]:
        """Pinned figures whose sources differ, and pairs of pinned documents from different sides
        written within two years of each other."""
        rows = self.rows()
        found = []
        figs = rows[rows["id"].str.match(r"^(casualties|deployments):")] if not rows.empty else rows
        for item_id, g in figs.groupby("id") if not figs.empty else []:
            g = g.assign(work=work_ids(g).values)
            if g["work"].nunique() >= 2 and (
                g["low"].min() != g["low"].max() or g["high"].min() != g["high"].max()
            ):
                found.append(item_id)
        docs = (
            rows[rows["id"].str.startswith("document:")].drop_duplicates("id")
            if not rows.empty
            else rows
        )
        for a in docs.to_dict("records"):
            for b in docs.to_dict("records"):
                if (
                    a["id"] < b["id"]
                    and a["perspective"] != b["perspective"]
                    and pd.notna(a["date"])
                    and pd.notna(b["date"])
                    and abs((a["date"] - b["date"]).days) <= 730
                ):
                    found.append(f"{a['id']} + {b['id']}")
        return found

    def check_disagreement(self) -> Markdown:
        """Step 3: a disagreement between sources (a figure, or two documents), explained in a
        note.
        """
        found = self.disagreements()
        if not found:
            return verdict(
                False,
                "No disagreement in your list yet. Pin a figure that several sources give "
                "differently "
                "(casualties:… or deployments:… ids in `gather(...)`), or two documents from "
                "different "
                "sides about the same moment.",
            )
        explained = [
            f for f in found if any((self.pins.get(i) or {}).get("note") for i in f.split(" + "))
        ]
        if not explained:
            return verdict(
                False,
                f"You have a disagreement ({found[0]}), but no note explaining it. Add one with "
                '`ev.note("id", "...")`: what did each source count or want, '
                "and when did it write?",
            )
        return verdict(
            True,
            f"{len(found)} disagreement(s) pinned, explained in your note on {explained[0]}. "
            f"Does your "
            "explanation rest on who wrote, what they counted, or when they wrote?",
        )

    def check_counter_evidence(self) -> Markdown:
        """Step 4: at least one item that speaks against your claim, with a note saying how."""
        counter = [i for i, p in self.pins.items() if p.get("counter")]
        if not counter:
            return verdict(
                False,
                "Nothing in your list speaks against your claim yet. Pin one item that does with "
                '`ev.pin("id", counter=True, note="...")`.',
            )
        if not any(self.pins[i].get("note") for i in counter):
            return verdict(
                False,
                f"{counter[0]} is marked as counter-evidence, but has no note: say how it weakens "
                f'your claim (`ev.note("{counter[0]}", "...")`).',
            )
        return verdict(
            True,
            f"{len(counter)} piece(s) of counter-evidence. In your account, answer it: does "
            f"it limit "
            "your claim, or can you show why it weighs less?",
        )

    def check_sources(self) -> Markdown:
        """Step 5: enough evidence, from independent works, with primary and scholarly sources among
        it.
        """
        rows = self.rows()
        if len(self.pins) < MIN_ITEMS:
            return verdict(
                False,
                f"Your list has {len(self.pins)} item(s); a defended account needs at "
                f"least {MIN_ITEMS}.",
            )
        kinds = set(rows["source_kind"].dropna().astype(str))
        works = work_ids(rows.dropna(subset=["source_id"])).nunique()
        missing = [
            label
            for kind, label in (
                ("primary", "a primary source (a document, or a source of kind primary)"),
                ("secondary", "a historian's study (a source of kind secondary)"),
            )
            if kind not in kinds
        ]
        if missing:
            return verdict(
                False,
                f"Your list has no {' and no '.join(missing)}. Reference works alone cannot carry "
                "a claim: look at the `source_kind` column of `ev.items()`.",
            )
        if works < 4:
            return verdict(
                False,
                f"Your items rest on {works} independent work(s): copies of one encyclopedia page "
                "count once. Find evidence from at least 4 different works.",
            )
        return verdict(
            True,
            f"{len(self.pins)} items resting on {works} independent works. Which one would "
            f"you drop "
            "last, and why?",
        )
