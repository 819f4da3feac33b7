"""Pairs of claims the consistency check never compares, whatever their keys say.

Kept apart from the check's grouping so that each veto is one small, documented rule.

* **One sentence, two values.** A sentence that gives one key two different values states
  two claims the key has not told apart ("28.1% against 25.4% in 2017", "another 179 dead,
  bringing the toll to close to 600", "between 40 and 50 years ... no more than six and a half
  years"): writers do not contradict themselves within a sentence. Two sentences of one
  article still are compared: a lead and a body that disagree is what the check is for.
* **A part and its whole.** "Of the 1,200 arrivals, 700 were children": one figure is a part
  of the other, or both are parts of one total read in the same article.
"""

from __future__ import annotations

from figures.model import Claim, Figure

__all__ = ["never_compared", "part_and_whole"]


def never_compared(a: Claim, b: Claim) -> bool:
    """Must this pair of claims stay apart even when their keys and times match?"""
    return a.path == b.path and a.sentence_start == b.sentence_start


def part_and_whole(f: Figure, g: Figure) -> bool:
    """Is one figure (of one article) a part of the other, or are both parts of one total?"""
    return f.part_of == g.index or g.part_of == f.index or (f.part_of is not None and f.part_of == g.part_of)
