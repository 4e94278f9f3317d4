"""A test-wise student: strategies that pick an answer from the options alone, as shown.

Each strategy scores an item as the chance that it picks the right answer: when it cannot
choose between several options (two equally long, no option with a number), it picks one of
them at random, so a tie scores 1/k, never a lucky 1. ``python -m tests.testwise`` prints the
table per strategy, course-wide and per lesson.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable

from helpers.lesson import questions as quiz

ABSOLUTE = re.compile(
    r"\b(always|never|all|only|none|every|everyone|everything|nothing|no one|nobody|entirely|"
    r"completely|wholly|solely|totally|must|certainly|invariably|any|whole)\b",
    re.IGNORECASE,
)
HEDGED = re.compile(
    r"\b(may|might|could|some|often|partly|largely|mostly|most|probably|possibly|perhaps|"
    r"usually|mainly|likely|tend|tended|can|rather|seems?|suggests?|several|many|few)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9']+")


def shown(q: dict) -> list[str]:
    """The answers' texts in the order the quiz shows them."""
    return [q["answers"][i]["answer"] for i in quiz.display_order(q)]


def right_position(q: dict) -> int:
    return next(p for p, i in enumerate(quiz.display_order(q)) if q["answers"][i].get("correct"))


def best(scores: list[float]) -> list[int]:
    """Positions of the highest score (the strategy's candidates)."""
    top = max(scores)
    return [p for p, s in enumerate(scores) if s == top]


def words(text: str) -> set[str]:
    return set(WORD.findall(text.lower()))


def similarity(options: list[str]) -> list[float]:
    """Mean word overlap (Jaccard) of each option with the others."""
    sets = [words(o) for o in options]
    return [
        sum(len(a & b) / max(1, len(a | b)) for b in sets if b is not a) / (len(sets) - 1)
        for a in sets
    ]


def length_rank(options: list[str], position: int) -> int:
    """1 for the longest option, 2 for the second-longest ...; ties share the better rank."""
    return 1 + sum(len(o) > len(options[position]) for o in options)


STRATEGIES: dict[str, Callable[[dict, list[str]], list[int]]] = {
    "longest": lambda q, o: best([len(x) for x in o]),
    "second-longest": lambda q, o: (
        [p for p in range(len(o)) if length_rank(o, p) == 2] or best([len(x) for x in o])
    ),
    "shortest": lambda q, o: best([-len(x) for x in o]),
    "first": lambda q, o: [0],
    "last": lambda q, o: [len(o) - 1],
    "avoid absolute words": lambda q, o: best([-len(ABSOLUTE.findall(x)) for x in o]),
    "most hedged": lambda q, o: best([len(HEDGED.findall(x)) for x in o]),
    "most like the others": lambda q, o: best(similarity(o)),
    "least like the others": lambda q, o: best([-s for s in similarity(o)]),
    "has a number": lambda q, o: best([bool(re.search(r"\d", x)) for x in o]),
    "most names": lambda q, o: best([len(re.findall(r"(?<!^)\b[A-Z][a-z]+", x)) for x in o]),
    "echoes the question": lambda q, o: best([len(words(x) & words(q["question"])) for x in o]),
}


def score(strategy: str, q: dict) -> float:
    """The chance that the strategy picks the right answer of ``q``."""
    picks = STRATEGIES[strategy](q, shown(q))
    return (right_position(q) in picks) / len(picks)


def chance(q: dict) -> float:
    return 1 / len(q["answers"])


def items() -> dict[str, list[dict]]:
    """Every multiple-choice item, by lesson (the questions file's name)."""
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(quiz.QUESTION_DIR.glob("*.json"))
    }


def table() -> str:
    """Per strategy: course-wide score, its chance, and the best lesson's score."""
    lessons = items()
    every = [q for qs in lessons.values() for q in qs]
    base = sum(chance(q) for q in every) / len(every)
    lines = [
        f"{len(every)} items; chance {base:.0%}",
        f"{'strategy':24} {'course':>7} {'worst lesson':>24}",
    ]
    for name in STRATEGIES:
        course = sum(score(name, q) for q in every) / len(every)
        per = {k: sum(score(name, q) for q in qs) / len(qs) for k, qs in lessons.items() if qs}
        worst = max(per, key=per.get)
        lines.append(f"{name:24} {course:7.0%} {per[worst]:7.0%} {worst[:16]:>16}")
    ranks = [length_rank(shown(q), right_position(q)) for q in every]
    lines.append(
        "length rank of the right answer (1 = longest): "
        + ", ".join(f"{r}: {ranks.count(r)}" for r in sorted(set(ranks)))
    )
    positions = [right_position(q) + 1 for q in every]
    lines.append(
        "shown position of the right answer: "
        + ", ".join(f"{p}: {positions.count(p)}" for p in sorted(set(positions)))
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(table() + "\n")
