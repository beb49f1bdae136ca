"""Fuzzing Go maps: mutated map corpus files give a trace or one clean
`file:line:col` error; generated sequences of inserts, deletes, lookups and
ranges print what a Python dict says they should (also through fmt.Println,
keys sorted), and, for inserts only,
allocate what internal/runtime/maps would (an independent count from its
growth rules: growToSmall, growToTable, doubling at 7/8 load, hinted
tables)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackvsheap.lang.go.frontend import parse_go
from stackvsheap.sim.run import run_program
from tests.test_fuzz_trace import mutated_source, trace_or_clean_error

CORPUS = Path(__file__).resolve().parent.parent / "differential" / "go" / "corpus"
SOURCES = sorted(p.read_text() for p in CORPUS.glob("map_*.go"))

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

OPS = st.lists(st.tuples(st.sampled_from(["set", "del", "get", "inc"]), st.integers(0, 40)),
               max_size=60)


def test_map_corpus_is_there() -> None:
    assert len(SOURCES) >= 15


@FUZZ
@given(st.data())
def test_mutated_map_programs(data: st.DataObject) -> None:
    src = data.draw(mutated_source(data.draw(st.sampled_from(SOURCES))))
    trace_or_clean_error(src, "go")


def _program(ops: list[tuple[str, int]], hint: int | None, escapes: bool) -> str:
    make = f"make(map[int]int, {hint})" if hint is not None else "make(map[int]int)"
    body = []
    for op, k in ops:
        if op == "set":
            body.append(f"\tm[{k}] = {k * 3}")
        elif op == "del":
            body.append(f"\tdelete(m, {k})")
        elif op == "inc":
            body.append(f"\tm[{k}]++")
        else:
            body.append(f"\tif v, ok := m[{k}]; ok {{\n\t\tprintln({k}, v)\n\t}}")
    sink = "\tkeep = m\n" if escapes else ""
    return (
        "package main\n\nimport \"fmt\"\n\nvar keep map[int]int\n\nfunc run() {\n"
        f"\tm := {make}\n" + "\n".join(body) + "\n"
        "\tsum := 0\n\tfor k, v := range m {\n\t\tsum += k*1000 + v\n\t}\n"
        f"{sink}\tprintln(len(m), sum)\n\tfmt.Println(m)\n}}\n\nfunc main() {{\n\trun()\n}}\n"
    )


def _expected_output(ops: list[tuple[str, int]]) -> str:
    d: dict[int, int] = {}
    out = []
    for op, k in ops:
        if op == "set":
            d[k] = k * 3
        elif op == "del":
            d.pop(k, None)
        elif op == "inc":
            d[k] = d.get(k, 0) + 1
        elif k in d:
            out.append(f"{k} {d[k]}\n")
    out.append(f"{len(d)} {sum(k * 1000 + v for k, v in d.items())}\n")
    out.append("map[" + " ".join(f"{k}:{d[k]}" for k in sorted(d)) + "]\n")  # fmt sorts the keys
    return "".join(out)


def _expected_allocs(n: int, hint: int | None, escapes: bool) -> int:
    """internal/runtime/maps for n distinct inserts (no deletes), one table."""
    allocs = 1 if escapes else 0  # the Map header (in the frame when it does not escape)
    h = hint or 0
    if h > 8:
        cap = 8
        while cap < h * 8 // 7:
            cap *= 2
        allocs += 3  # directory, table, groups
        used, left = 0, cap * 7 // 8
    else:
        if n == 0:
            return allocs
        if escapes:
            allocs += 1  # growToSmall (a map in the frame has its group there)
        if n <= 8:
            return allocs
        allocs += 3  # growToTable: table, groups, directory
        cap, used = 16, 8
        left = 14 - 8
    for _ in range(used, n):
        if left == 0:
            cap *= 2
            allocs += 2  # the bigger table and its groups
            left = cap * 7 // 8 - used
        used += 1
        left -= 1
    return allocs


@FUZZ
@given(OPS, st.one_of(st.none(), st.integers(0, 120)), st.booleans())
def test_generated_map_programs_behave_like_a_dict(ops: list[tuple[str, int]], hint: int | None,
                                                   escapes: bool) -> None:
    src = _program(ops, hint, escapes)
    result = run_program(parse_go(src, "fuzz.go"), "run")
    if result.error is not None and "tombstones" in result.error.message:
        return  # refused by name: the real count would depend on the hash seed
    assert result.error is None, (result.error, src)
    assert result.output == _expected_output(ops)


@FUZZ
@given(st.integers(0, 700), st.one_of(st.none(), st.integers(0, 700)), st.booleans())
def test_inserts_allocate_as_the_swiss_table_grows(n: int, hint: int | None, escapes: bool) -> None:
    src = (
        "package main\n\nvar keep map[int]int\n\nfunc run() {\n"
        f"\tm := {'make(map[int]int, %d)' % hint if hint is not None else 'make(map[int]int)'}\n"
        f"\tfor i := 0; i < {n}; i++ {{\n\t\tm[i] = i\n\t}}\n"
        + ("\tkeep = m\n" if escapes else "\t_ = m\n")
        + "}\n\nfunc main() {\n\trun()\n}\n"
    )
    result = run_program(parse_go(src, "fuzz.go"), "run")
    assert result.error is None, result.error
    assert result.totals.heap_allocs == _expected_allocs(n, hint, escapes)
