"""Predict mode: questions the player answers before the run reaches them.

Pure (no Textual). `questions(session)` lists, in the order the recorded run
first reaches them:
- one "site" question per allocation site (stack or heap?): the answer and
  the reason are the site's, i.e. the Go compiler's `-m` verdict or the Rust
  front end's placement, both checked differentially against the toolchains;
- one "loop" question per loop that contains allocation sites: how many heap
  allocations will this loop make (its first execution)? The answer is counted
  from the trace's ALLOC events, callees included.

`Tally` scores answers: a right answer scores `BASE` times the streak
multiplier (1, 2, 3, capped at `MAX_MULTIPLIER`), a wrong one resets the streak
and its `Feedback` carries the compiler's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..sim.trace import ALLOC

BASE = 100
MAX_MULTIPLIER = 4


@dataclass(frozen=True)
class Question:
    """One prediction. `step` is the index of the step the run is about to
    take when the question is asked (the play screen stops there)."""

    kind: str          # "site" (answer "stack"/"heap") or "loop" (answer an int)
    step: int
    line: int
    col: int
    text: str          # the prompt shown to the player
    answer: str | int
    reason: str        # shown when the answer is wrong
    key: tuple         # stable identity: ("site", line, col) / ("loop", line, col)

    def check(self, given: str | int) -> bool:
        if self.kind == "site":
            g = str(given).strip().lower()
            return {"s": "stack", "h": "heap"}.get(g, g) == self.answer
        try:
            return int(str(given).strip()) == self.answer
        except ValueError:
            return False


@dataclass(frozen=True)
class Feedback:
    question: Question
    given: str | int
    correct: bool
    points: int
    streak: int        # after this answer
    message: str       # "right: heap" / "wrong: it is heap: <reason>"


@dataclass
class Tally:
    """Scoring of a predict run. `answer` once per question; repeats are ignored
    (step-back must not re-ask or re-score)."""

    score: int = 0
    streak: int = 0
    best_streak: int = 0
    right: int = 0
    wrong: int = 0
    answered: dict[tuple, Feedback] = field(default_factory=dict)

    def answer(self, q: Question, given: str | int) -> Feedback:
        if q.key in self.answered:
            return self.answered[q.key]
        ok = q.check(given)
        if ok:
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
            self.right += 1
            points = BASE * min(self.streak, MAX_MULTIPLIER)
            self.score += points
            msg = f"right: {q.answer}" + (f" (x{min(self.streak, MAX_MULTIPLIER)} streak)"
                                          if self.streak > 1 else "")
        else:
            self.streak = 0
            self.wrong += 1
            points = 0
            msg = f"wrong: it is {q.answer}: {q.reason}"
        fb = Feedback(q, given, ok, points, self.streak, msg)
        self.answered[q.key] = fb
        return fb

    @property
    def multiplier(self) -> int:
        return max(1, min(self.streak, MAX_MULTIPLIER))

    def summary(self) -> str:
        n = self.right + self.wrong
        return (f"predictions: {self.right}/{n} right, score {self.score}, "
                f"best streak {self.best_streak}")


def questions(session: Any) -> list[Question]:
    """The questions for a recorded `GameSession`, in the order asked."""
    rec = session.rec
    n = max(rec.nsteps, 0)
    lines = rec.step_line
    first: dict[int, int] = {}
    for s in range(n):
        first.setdefault(lines[s], s)
    out: list[tuple[tuple, Question]] = []
    site_lines = set()
    for site in session.program.sites:
        s = first.get(site.line)
        if s is None:  # never reached: nothing to predict
            continue
        site_lines.add(site.line)
        what = site.name if site.kind == "var" else site.expr
        text = f"line {site.line}: `{what}`: stack or heap? (s/h)"
        q = Question("site", s, site.line, site.col, text, site.placement, site.reason,
                     ("site", site.line, site.col))
        out.append(((s, 1, site.col), q))
    for lp in session._loops:
        if not any(lp.first_line <= ln <= lp.last_line for ln in site_lines):
            continue
        s0 = next((s for s in range(n) if lp.first_line <= lines[s] <= lp.last_line), None)
        if s0 is None:
            continue
        count = _allocs_in_loop(rec, s0, lp, n)
        text = f"line {lp.cond_line}: how many heap allocations will this loop make?"
        reason = _loop_reason(session.program.sites, lp)
        q = Question("loop", s0, lp.cond_line, lp.cond_col, text, count, reason,
                     ("loop", lp.cond_line, lp.cond_col))
        out.append(((s0, 0, lp.cond_col), q))
    out.sort(key=lambda t: t[0])
    return [q for _, q in out]


def _allocs_in_loop(rec: Any, s0: int, lp: Any, n: int) -> int:
    """ALLOC events from step s0 until the run leaves the loop (a step at the
    loop's depth outside its lines, or a return from its function)."""
    depths, lines = rec.step_depth, rec.step_line
    d = depths[s0]
    s1 = n
    for s in range(s0 + 1, n):
        ds = depths[s]
        if ds < d or (ds == d and not lp.first_line <= lines[s] <= lp.last_line):
            s1 = s
            break
    end = rec.step_e[s1] if s1 < len(rec.step_e) else len(rec.events)
    return sum(1 for ev in rec.events[rec.step_e[s0]:end] if ev[0] == ALLOC)


def _loop_reason(sites: list[Any], lp: Any) -> str:
    inside = [s for s in sites if lp.first_line <= s.line <= lp.last_line]
    parts = [f"{s.line}:{s.col} {s.name if s.kind == 'var' else s.expr}: "
             f"{s.placement} ({s.reason})" for s in inside]
    return "counted from the run; sites in the loop: " + "; ".join(parts)
