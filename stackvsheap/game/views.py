"""Small values the play screen reads from a session: score against par, loops,
the last access, the GC phase, pointer targets and the stack pane's rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..sim.memory import Block


# ---- small values the screens read ---------------------------------------------


@dataclass(frozen=True)
class ScoreVsPar:
    """The running score (cycles so far), the run's final score and par."""

    score: int
    final: int
    par: int | None

    @property
    def delta(self) -> int | None:
        """Final score minus par: positive beats par (higher is better)."""
        return None if self.par is None else self.final - self.par


@dataclass(frozen=True)
class LoopInfo:
    """A loop of the source: where its condition is checked and its lines."""

    func: str
    cond_line: int
    cond_col: int
    first_line: int
    last_line: int
    over_map: bool = False  # `range` over a Go map: its order is unspecified

    def __contains__(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass(frozen=True)
class Access:
    """One memory access of a step, placed in the cache."""

    write: bool
    addr: int
    size: int
    set: int
    way: int
    hit: bool


@dataclass(frozen=True)
class GCView:
    """A GC cycle that ran in the step just run: the marking order (for the
    wave), who survived and who was swept."""

    cycle: int
    forced: bool
    order: tuple[tuple[Block, int], ...]   # (block, colour) as marking proceeded
    marked: frozenset[int]                 # block ids that ended black
    swept: tuple[Block, ...]               # freed by the sweep, in order

    @property
    def swept_bytes(self) -> int:
        return sum(b.size for b in self.swept)


@dataclass(frozen=True)
class Target:
    """A pointer inside a displayed value: where it points."""

    block: Block
    addr: int


Piece = "str | Target"


@dataclass(frozen=True)
class SlotRow:
    """One row of a frame box: a variable, a compiler temporary, the return
    address or the saved frame pointer. `pieces` is the value, text and
    pointer targets (the stack pane colours those as tags)."""

    kind: str           # "ret" | "fp" | "param" | "local" | "temp" | "reserved"
    name: str
    type: str
    addr: int
    size: int
    pieces: tuple[Any, ...]
    declared: bool = True
    moved: bool = False  # a Go variable moved to the heap: the slot holds its address


@dataclass
class FrameBox:
    """A frame on the stack, laid out by address (highest first)."""

    func: str
    depth: int
    top: int            # SP before the call: the caller's side of the return address
    bottom: int         # SP inside this frame (its lowest address)
    rows: list[SlotRow]
