"""One loaded run, as the play screen sees it: a position in the recorded
trace, the moves a player makes, and what each step means in words.

Pure and Textual-free (like frogmouth's `History`): the play screen, the
duel, the results screen and the tests all drive the same object. Moving is
delta-based (`TraceCursor.seek`): stepping back undoes one step, it never
replays from the start. What the panes draw is read from the cursor at the
current position, plus two small indexes kept in step with it: the live
heap by span or chunk (`HeapMap`) and the L1 cache.

Position k (0..N) means steps 0..k-1 have run and step k is next. The step
"just run" (k-1) is the one the narration explains and whose effects the
panes show; the code pane marks its line and, more faintly, the next one.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any, Iterable

from ..lang import ir
from ..sim.cache import L1Cache
from ..sim.cost import Totals
from ..sim.trace import ALLOC, CALL, FREE, REALLOC, TraceCursor
from . import loading
from .heapmap import HeapMap
from .loops import find_loops
from .session_view import SessionView
from .views import LoopInfo

# A recorded step costs about 100 bytes (a loop of arithmetic) to 500 (a heap
# allocation and GC colours every few steps): the recording stops at ten
# million steps or 1.5 GiB of memory, whichever comes first.
GAME_MAX_STEPS = 10_000_000
GAME_MAX_RECORD_MB = 1536


class LoadError(loading.LoadError):
    """A snippet that cannot be played: `str()` is `file:line:col: message`,
    with the parts kept apart (the picker and the editor mark the place)."""

    def __init__(self, file: str, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.file = file
        self.line = max(line, 1)
        self.col = max(col, 1)
        self.message = message

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


# ---- the session -------------------------------------------------------------------


class GameSession(SessionView):
    """One snippet, run once on the simulated machine and recorded, and the
    player's position in that run."""

    def __init__(
        self,
        program: ir.Program,
        result: Any,
        *,
        snippet: Any = None,
        display: str | None = None,
        entry: str | None = None,
        forced_gc: tuple[int, ...] = (),
    ) -> None:
        if result.recorder is None:
            raise ValueError("the run was not recorded")
        self.program = program
        self.result = result
        self.snippet = snippet
        self.display = display or program.file
        self.entry_arg = entry
        self.forced_gc = forced_gc
        self.language: str = program.language
        self.go = self.language == "go"
        self.rec = result.recorder
        self.machine = result.machine
        self.heap = HeapMap(self.language, self.machine.heap)
        cursor = TraceCursor.at_start(self.rec)  # (nothing live at 0: an empty map)
        if cursor is None:  # rewind from the end, the heap map by deltas
            cursor = TraceCursor(self.rec)
            self.heap.rebuild(cursor.heap.values())
        self.cursor = cursor
        self.final_totals: Totals = cursor.totals_at(self.rec.nsteps)
        self.source_lines = program.source.splitlines()
        self._ordinal: dict[int, int] = {}
        self._call_line: dict[int, int] = {}
        self._index_events()
        self._sites_by_line: dict[int, list[ir.Site]] = {}
        for s in program.sites:
            self._sites_by_line.setdefault(s.line, []).append(s)
        self._first_reach: dict[int, int] = {}
        for line in self._sites_by_line:
            try:
                self._first_reach[line] = self.rec.step_line.index(line, 0, max(self.rec.nsteps, 0))
            except ValueError:
                pass
        self._loops = find_loops(program)
        self._truth_lines = self._find_truth_lines()
        reached = [self._first_reach[ln] for ln in self._truth_lines if ln in self._first_reach]
        self._truth_step = min(reached) if reached else -1
        self._cache: L1Cache | None = None
        self._cache_pos = -1
        self._cache_ring: dict[int, object] = {}
        self._seek(0)

    # ---- loading -----------------------------------------------------------

    @classmethod
    def load(cls, ref: str, entry: str | None = None) -> GameSession:
        """Parse and run a snippet id or a .go/.rs path. Raises `LoadError`
        (`file:line:col: message`) for anything that cannot be played."""
        from ..game.snippets import resolve

        try:
            snip = resolve(ref)
        except (FileNotFoundError, ValueError) as e:
            raise LoadError(ref, 1, 1, str(e)) from None
        display = snip.path.name if snip.id != str(snip.path) else ref
        try:
            source = snip.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise LoadError(display, 1, 1, f"cannot read file: {e}") from None
        try:
            from ..lang.load import parse_source

            program = parse_source(source, display, snip.language)
        except ir.UnsupportedError as e:
            raise LoadError(display, e.pos[0], e.pos[1], e.message.replace("\n", "; ")) from None
        except LoadError:
            raise
        except Exception as e:  # a front-end bug must not reach the player as a traceback
            raise LoadError(display, 1, 1, f"internal error in the {snip.language} front end: "
                            f"{type(e).__name__}: {e}") from None
        return cls.from_program(program, snippet=snip, display=display, entry=entry)

    @classmethod
    def from_program(
        cls,
        program: ir.Program,
        *,
        snippet: Any = None,
        display: str | None = None,
        entry: str | None = None,
        forced_gc: Iterable[int] = (),
    ) -> GameSession:
        """Run an already parsed program (tests build IR by hand)."""
        from ..sim.machine import Limits, RunError
        from ..sim.run import run_program
        from ..sim.trace import forcing_gc

        display = display or program.file
        forced = tuple(sorted(set(forced_gc)))
        try:
            with forcing_gc(forced):
                result = run_program(
                    program, entry, declared_entry=getattr(snippet, "entry", None),
                    record=True,
                    limits=Limits(max_steps=GAME_MAX_STEPS, max_record_mb=GAME_MAX_RECORD_MB),
                )
        except ir.UnsupportedError as e:
            raise LoadError(display, e.pos[0], e.pos[1], e.message.replace("\n", "; ")) from None
        except RunError as e:
            raise LoadError(display, e.pos[0], e.pos[1], e.message.replace("\n", "; ")) from None
        except Exception as e:
            raise LoadError(display, 1, 1, f"internal error in the simulator: "
                            f"{type(e).__name__}: {e}") from None
        err = result.error
        if err is not None and err.message.startswith("step limit exceeded"):
            raise LoadError(
                display, err.pos[0], err.pos[1],
                f"too long to play: more than {GAME_MAX_STEPS:,} steps "
                "(try `stackvsheap trace`, which does not record)",
            )
        if err is not None and err.message.startswith("recording limit exceeded"):
            raise LoadError(
                display, err.pos[0], err.pos[1],
                f"too long to play: {err.message.split(': ', 1)[1]} "
                "(try `stackvsheap trace`, which does not record)",
            )
        if result.recorder is None or result.recorder.nsteps < 0:
            raise LoadError(display, 1, 1, (err.message if err else "the program did not run"))
        return cls(program, result, snippet=snippet, display=display, entry=entry, forced_gc=forced)

    def with_forced_gc(self, at: int | None = None) -> GameSession:
        """The same program re-run with a GC cycle forced at step `at`
        (default: the next step), positioned just after that cycle. Go only."""
        if not self.go:
            raise ValueError("Rust has no garbage collector")
        k = self.position if at is None else at
        k = max(1, min(k, self.n_steps - 1))
        s = GameSession.from_program(
            self.program, snippet=self.snippet, display=self.display, entry=self.entry_arg,
            forced_gc=(*self.forced_gc, k),
        )
        s.jump(k + 1)
        return s

    # ---- facts about the run -------------------------------------------------

    @property
    def title(self) -> str:
        return getattr(self.snippet, "title", None) or self.display

    @property
    def snippet_id(self) -> str:
        return getattr(self.snippet, "id", None) or self.display

    @property
    def claim(self) -> str:
        return getattr(self.snippet, "claim", "") or ""

    @property
    def truth(self) -> str | None:
        return getattr(self.snippet, "truth", None)

    @property
    def par(self) -> int | None:
        return getattr(self.snippet, "par", None)

    @property
    def entry(self) -> str:
        return self.result.entry

    @property
    def error(self) -> str | None:
        """The runtime error that ended the run early, as `file:line:col: message`."""
        e = self.result.error
        if e is None:
            return None
        line, col = e.pos
        return f"{self.display}:{max(line, 1)}:{max(col, 1)}: {e.message.replace(chr(10), '; ')}"

    @property
    def n_steps(self) -> int:
        return self.rec.nsteps

    @property
    def position(self) -> int:
        return self.cursor.pos

    @property
    def at_start(self) -> bool:
        return self.cursor.pos == 0

    @property
    def at_end(self) -> bool:
        return self.cursor.pos >= self.rec.nsteps

    @property
    def cache_geometry(self) -> tuple[int, int, int]:
        c = self.machine.cache
        return c.sets, c.ways, c.line_bytes

    # ---- moving --------------------------------------------------------------

    def _seek(self, k: int) -> None:
        """Move the cursor and keep the heap map in step, by deltas."""
        rec = self.rec
        k = max(0, min(rec.nsteps, k))
        a = self.cursor.pos
        if k == a:
            return
        self.cursor.seek(k)
        ev = rec.events
        heap = self.heap
        lo, hi = (a, k) if k > a else (k, a)
        e0, e1 = rec.step_e[lo], rec.step_e[hi]
        # (a few events: an insort each; many, as a jump makes: one sort at the end)
        with heap.batch() if e1 - e0 > 64 else nullcontext():
            if k > a:
                for j in range(e0, e1):
                    e = ev[j]
                    if e[0] in (ALLOC, FREE, REALLOC):
                        heap.apply(e)
                    elif e[0] == CALL and k - a == 1:
                        self._call_line[id(e[1])] = rec.step_line[a]
            else:
                for j in range(e1 - 1, e0 - 1, -1):
                    e = ev[j]
                    if e[0] in (ALLOC, FREE, REALLOC):
                        heap.undo(e)
        if k < a or (k - a) > 1:
            heap.newest = None
            # the newest block is the last allocation of the step just run
            if k > 0:
                for j in range(rec.step_e[k] - 1, rec.step_e[k - 1] - 1, -1):
                    e = ev[j]
                    if e[0] == ALLOC and e[1].alive:
                        heap.newest = e[1]
                        break

    def step(self, n: int = 1) -> bool:
        """Run the next `n` steps; False if already at the end."""
        if self.at_end:
            return False
        self._seek(self.cursor.pos + max(1, n))
        return True

    def back(self, n: int = 1) -> bool:
        """Undo the last `n` steps; False if already at the start."""
        if self.at_start:
            return False
        self._seek(self.cursor.pos - max(1, n))
        return True

    def jump(self, k: int) -> bool:
        """Go to position k (clamped to 0..N); False if already there."""
        k = max(0, min(self.n_steps, k))
        if k == self.position:
            return False
        self._seek(k)
        return True

    def start(self) -> bool:
        return self.jump(0)

    def end(self) -> bool:
        return self.jump(self.n_steps)

    def next_line(self) -> bool:
        """Run until a statement on another source line has run in this
        frame or an outer one (calls are stepped over)."""
        if self.at_end:
            return False
        return self.jump(self.next_line_target())

    def next_line_target(self) -> int:
        """Where `next_line` would go (the UI decides how to get there)."""
        rec = self.rec
        pos, n = self.position, rec.nsteps
        if pos == 0:
            return 1
        line0, depth0 = rec.step_line[pos - 1], rec.step_depth[pos - 1]
        lines, depths = rec.step_line, rec.step_depth
        for s in range(pos, n):
            d = depths[s]
            if d < depth0 or (d == depth0 and lines[s] != line0):
                return s + 1
        return n

    # -- loops ----------------------------------------------------------------

    def current_loop(self) -> LoopInfo | None:
        """The innermost loop around the line just run (or, before a loop
        starts, the one about to run) in the current function."""
        if self.at_end:
            return None
        rec = self.rec
        pos = self.position
        cands = []
        if pos > 0 and rec.step_depth[pos - 1] == rec.step_depth[pos]:
            cands.append(rec.step_line[pos - 1])
        cands.append(rec.step_line[pos])
        for line in cands:
            best: LoopInfo | None = None
            for lp in self._loops:
                if line in lp and (best is None or lp.last_line - lp.first_line < best.last_line - best.first_line):
                    best = lp
            if best is not None:
                return best
        return None

    def _loop_depth(self) -> int:
        rec = self.rec
        pos = self.position
        return rec.step_depth[pos]

    def skip_iteration(self) -> bool:
        """Jump to the next check of the current loop's condition (past the
        loop when there is none)."""
        k = self.skip_iteration_target()
        return k is not None and self.jump(k)

    def end_of_loop(self) -> bool:
        """Jump past the current loop: the statement after it is next."""
        k = self.end_of_loop_target()
        return k is not None and self.jump(k)

    def skip_iteration_target(self) -> int | None:
        lp = self.current_loop()
        if lp is None:
            return None
        rec = self.rec
        d = self._loop_depth()
        lines, cols, depths = rec.step_line, rec.step_col, rec.step_depth
        s = self.position
        n = rec.nsteps
        while True:
            try:
                s = lines.index(lp.cond_line, s, n)
            except ValueError:
                return self.end_of_loop_target()
            if depths[s] < d:
                return self.end_of_loop_target()
            if depths[s] == d and cols[s] == lp.cond_col:
                return s + 1
            s += 1

    def end_of_loop_target(self) -> int | None:
        lp = self.current_loop()
        if lp is None:
            return None
        rec = self.rec
        d = self._loop_depth()
        lines, depths = rec.step_line, rec.step_depth
        n = rec.nsteps
        for s in range(self.position, n):
            ds = depths[s]
            if ds < d or (ds == d and lines[s] not in lp):
                return s
        return n
