"""Predict mode: the questions follow the recorded run and the answers are the
compiler's (sites) or the trace's (loop allocation counts)."""

import pytest

from stackvsheap.game.predict import BASE, MAX_MULTIPLIER, Tally, questions
from stackvsheap.game.session import GameSession
from stackvsheap.sim.trace import ALLOC


@pytest.fixture(scope="module")
def inefficient():
    return GameSession.load("go/inefficient_sum")


def test_blog_claim_new_int_is_a_stack_question(inefficient):
    qs = questions(inefficient)
    assert [q.kind for q in qs] == ["site"] * 3
    assert all("new(int)" in q.text and q.answer == "stack" for q in qs)
    assert qs[0].reason == "does not escape the function"
    # The answers are the sites' (the compiler's verdicts), not hard-coded.
    assert [(q.line, q.answer) for q in qs] == [
        (s.line, s.placement) for s in inefficient.program.sites]


@pytest.mark.parametrize("ref", ["go/append_growth", "go/struct_in_loop",
                                 "rust/vec_push_growth", "rust/create_many_boxes"])
def test_questions_in_first_reach_order(ref):
    s = GameSession.load(ref)
    qs = questions(s)
    assert qs
    steps = [q.step for q in qs]
    assert steps == sorted(steps)
    for q in qs:
        if q.kind == "site":
            assert s.rec.step_line[q.step] == q.line
            assert s.rec.step_line.index(q.line) == q.step
            assert q.answer in ("stack", "heap")


def test_loop_count_is_the_traces_heap_allocs():
    # append_growth: every heap allocation of the run happens in its loop.
    s = GameSession.load("go/append_growth")
    loops = [q for q in questions(s) if q.kind == "loop"]
    assert len(loops) == 1
    assert loops[0].answer == s.final_totals.heap_allocs > 0
    assert loops[0].answer == sum(1 for ev in s.rec.events if ev[0] == ALLOC)


def test_loop_without_heap_allocations_counts_zero():
    s = GameSession.load("go/struct_in_loop")
    loops = {q.line: q.answer for q in questions(s) if q.kind == "loop"}
    assert 0 in loops.values() and 100 in loops.values()


def test_scoring_streak_and_reason(inefficient):
    q1, q2, q3 = questions(inefficient)
    t = Tally()
    f = t.answer(q1, "s")
    assert f.correct and f.points == BASE and t.streak == 1
    f = t.answer(q2, "stack")
    assert f.correct and f.points == 2 * BASE and t.streak == 2
    f = t.answer(q3, "h")
    assert not f.correct and f.points == 0 and t.streak == 0
    assert "does not escape the function" in f.message
    assert t.score == 3 * BASE and t.best_streak == 2 and (t.right, t.wrong) == (2, 1)
    # Answering again (after a step back) never re-scores.
    assert t.answer(q1, "h").correct and t.score == 3 * BASE
    assert "2/3" in t.summary()


def test_multiplier_is_capped():
    s = GameSession.load("go/struct_in_loop")
    t = Tally()
    for q in questions(s):
        t.answer(q, q.answer)
    n = len(questions(s))
    assert t.streak == n
    assert t.score == sum(BASE * min(i, MAX_MULTIPLIER) for i in range(1, n + 1))
    assert t.multiplier == min(n, MAX_MULTIPLIER)
