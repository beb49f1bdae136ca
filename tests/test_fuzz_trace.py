"""Bad input never crashes: mutated and random sources give a trace or a
clean `file:line:col` error, through the same path `stackvsheap trace` uses."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackvsheap.game.snippets import catalog
from stackvsheap.lang.ir import UnsupportedError
from stackvsheap.lang.load import parse_source
from stackvsheap.sim.machine import Limits
from stackvsheap.sim.run import run_program

SNIPPETS = {
    lang: [s.source for s in catalog().values() if s.language == lang] for lang in ("go", "rust")
}
LIMITS = Limits(max_steps=20_000, max_heap_bytes=8 << 20, max_frames=200)


def trace_or_clean_error(source: str, language: str) -> None:
    name = "fuzz.go" if language == "go" else "fuzz.rs"
    try:
        program = parse_source(source, name, language)
    except UnsupportedError as e:
        text = str(e)
        assert text.startswith(f"{name}:"), text
        assert e.pos[0] >= 0 and e.pos[1] >= 0
        return
    try:
        result = run_program(program, limits=LIMITS)
    except UnsupportedError:
        return  # e.g. no entry function to choose
    if result.error is not None:
        assert result.error.message


@st.composite
def mutated(draw: st.DrawFn, language: str) -> str:
    return draw(mutated_source(draw(st.sampled_from(SNIPPETS[language]))))


@st.composite
def mutated_source(draw: st.DrawFn, src: str) -> str:
    """A few random edits of `src`."""
    ops = draw(st.lists(st.tuples(
        st.sampled_from(["delete", "insert", "swap", "dup"]),
        st.integers(min_value=0, max_value=max(len(src) - 1, 0)),
        st.integers(min_value=1, max_value=12),
        st.text(alphabet="{}()[];:=&*+-<>,.!\n\t 0123456789abcxyz_\"'", max_size=8),
    ), min_size=1, max_size=4))
    for op, at, n, text in ops:
        if op == "delete":
            src = src[:at] + src[at + n:]
        elif op == "insert":
            src = src[:at] + text + src[at:]
        elif op == "swap":
            src = src[:at] + src[at + n:at + 2 * n] + src[at:at + n] + src[at + 2 * n:]
        else:
            src = src[:at] + src[at:at + n] * 2 + src[at + n:]
    return src


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("language", ["go", "rust"])
def test_mutated_snippets(language: str) -> None:
    if not SNIPPETS[language]:
        pytest.skip(f"no {language} snippets")
    try:
        parse_source(SNIPPETS[language][0], "probe", language)
    except ImportError:
        pytest.skip(f"no {language} front end in this build")

    @FUZZ
    @given(mutated(language))
    def check(source: str) -> None:
        trace_or_clean_error(source, language)

    check()


@pytest.mark.parametrize("language", ["go", "rust"])
def test_random_text(language: str) -> None:
    @FUZZ
    @given(st.text(max_size=200))
    def check(source: str) -> None:
        trace_or_clean_error(source, language)

    check()
