import pytest

from stackvsheap.game.goals import TOTALS, Goal, GoalError

ZERO = dict.fromkeys(TOTALS, 0)


def totals(**kw):
    return {**ZERO, **kw}


def test_combination_with_and_or_not():
    g = Goal.parse("heap_allocs == 0 and (cache_misses <= 4 or not gc_cycles == 0)")
    assert g.check(totals(cache_misses=4))
    assert not g.check(totals(cache_misses=5))
    assert g.check(totals(cache_misses=9, gc_cycles=1))
    assert not g.check(totals(heap_allocs=1))
    assert g.names() == ["cache_misses", "gc_cycles", "heap_allocs"]


def test_chained_and_total_vs_total():
    assert Goal.parse("0 < heap_allocs <= 3").check(totals(heap_allocs=3))
    assert not Goal.parse("0 < heap_allocs <= 3").check(totals(heap_allocs=0))
    assert Goal.parse("heap_frees >= heap_allocs").check(totals(heap_allocs=2, heap_frees=2))


@pytest.mark.parametrize("text,col", [
    ("heap_allocs ==", 15), ("heap_alocs == 0", 1), ("__import__('os')", 1),
    ("heap_allocs == 1.5", 16), ("heap_allocs + 1 == 2", 1), ("", 1),
    ("score in [1]", 1),
])
def test_bad_goals_are_refused_with_a_column(text, col):
    with pytest.raises(GoalError) as e:
        Goal.parse(text)
    assert e.value.col >= 1
    if text == "heap_alocs == 0":
        assert "unknown total 'heap_alocs'" in e.value.message
