"""Pairs of claims the consistency check never compares, whatever their keys say.

Kept apart from the check's grouping so that each veto is one small, documented rule.

* **One sentence, two values.** A sentence that gives one key two different values states
  two claims the key has not told apart ("28.1% against 25.4% in 2017", "another 179 dead,
  bringing the toll to close to 600", "between 40 and 50 years ... no more than six and a half
  years"): writers do not contradict themselves within a sentence. Two sentences of one
  article still are compared: a lead and a body that disagree is what the check is for.
"""

from __future__ import annotations

from figures.model import Claim

__all__ = ["never_compared"]


def never_compared(a: Claim, b: Claim) -> bool:
    """Must this pair of claims stay apart even when their keys and times match?"""
    return a.path == b.path and a.sentence_start == b.sentence_start
