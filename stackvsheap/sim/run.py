"""Run one call of a program's entry function on a fresh machine."""

from __future__ import annotations

import gc as pygc
import sys
from dataclasses import dataclass, field

from ..lang import ir
from .cache import L1Cache
from . import languages  # noqa: F401  (registers the runtimes' intrinsics)
from .compile import Compiler
from .cost import Totals
from .machine import Limits, Machine, RunError
from .trace import Recorder


@dataclass
class CacheConfig:
    size_bytes: int = 32 * 1024
    ways: int = 8
    line_bytes: int = 64


@dataclass
class RunResult:
    program: ir.Program
    entry: str
    totals: Totals
    output: str
    error: RunError | None = None
    recorder: Recorder | None = None
    machine: Machine | None = None
    accesses: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def order_note(self) -> str | None:
        """Said with the output when something was printed after iterating a
        HashMap of 2+ entries: the order shown is one of those Rust could give."""
        m = self.machine
        if m is None or m.unordered_from is None or len(m.out) <= m.unordered_from:
            return None
        return ("printed after iterating a HashMap: the simulator shows one of the possible "
                "orders (a real run picks one at random: SipHash's keys are random)")


def choose_entry(program: ir.Program, entry: str | None, declared: str | None = None) -> ir.Func:
    """TRACE.md: --entry, else the snippet's declared entry, else the only
    function other than main, else main."""
    funcs = program.funcs
    name = entry or declared
    if name is not None:
        f = funcs.get(name)
        if f is None:
            raise ir.UnsupportedError(f"no function named {name}", (1, 1), program.file)
        return f
    plain = [f for n, f in funcs.items() if n != "main" and f.receiver is None and "." not in n]
    if len(plain) == 1:
        return plain[0]
    if "main" in funcs:
        return funcs["main"]
    raise ir.UnsupportedError(
        "cannot choose an entry function: pass --entry NAME", (1, 1), program.file
    )


def run_program(
    program: ir.Program,
    entry: str | None = None,
    *,
    declared_entry: str | None = None,
    record: bool = False,
    accesses: bool = False,
    realistic_gc: bool = False,
    limits: Limits = Limits(),
    cache: CacheConfig = CacheConfig(),
) -> RunResult:
    """Run the global initialisers, then one call of the entry function.
    Counters and the cache start fresh for the call, as `AllocsPerRun` and a
    counting allocator see it."""
    func = choose_entry(program, entry, declared_entry)
    if func.params:
        raise ir.UnsupportedError(
            f"entry function {func.name} must take no arguments", func.pos, program.file
        )
    l1 = L1Cache(cache.size_bytes, cache.ways, cache.line_bytes)
    m = Machine(program.language, cache=l1, limits=limits, realistic_gc=realistic_gc)
    init = ir.Func("init", (1, 1), [], [], ir.Block((1, 1), list(program.global_inits)))
    prog = ir.Program(
        program.language, program.file, program.source, program.funcs, program.globals,
        program.global_inits, program.sites,
        all_funcs=list(program.all_funcs or program.funcs.values()) + [init],
    )
    comp = Compiler(prog, m)
    error: RunError | None = None
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 200_000))
    # The simulated heap is millions of small Python objects that never form
    # garbage cycles; CPython's cyclic collector would rescan them all on
    # every generation-2 pass. Reference counting frees what we drop.
    gc_was_enabled = pygc.isenabled()
    pygc.disable()
    rec: Recorder | None = None
    try:
        try:
            comp.invoker(comp.codes[id(init)])([], None)
        except RunError as e:
            error = e
        if error is None:
            # the call starts with an empty cache and zeroed counters
            m.cache.reset()
            m.t.__init__()  # in place: compiled closures hold it
            if record or accesses:
                rec = Recorder()
                m.rec = rec
                rec.attach(m)
                comp = Compiler(prog, m)  # closures specialise on recording
            m.sp = m.stack_top
            try:
                comp.invoker(comp.codes[id(func)])([], None)
            except RunError as e:
                error = e
            except RecursionError:
                error = RunError(
                    "runtime: goroutine stack exceeds limit\nfatal error: stack overflow"
                    if program.language == "go"
                    else "thread 'main' has overflowed its stack\nfatal runtime error: stack overflow",
                    func.pos,
                )
            except MemoryError:
                error = RunError("out of memory: the simulation needs more memory than this machine has", func.pos)
    finally:
        sys.setrecursionlimit(old_limit)
        if gc_was_enabled:
            pygc.enable()
    m.cache.sync()
    m.t.cache_hits = m.cache.hits
    m.t.cache_misses = m.cache.misses
    if rec is not None:
        rec.finish()
    acc: list[tuple[str, int, int]] = []
    if accesses and rec is not None:
        acc = [
            ("w" if meta & 2 else "r", a, rec.access_size(j))
            for j, (a, meta) in enumerate(zip(rec.acc_addr, rec.acc_meta))
        ]
    return RunResult(
        program, func.name, m.t, "".join(m.out), error,
        rec if record else None, m, acc,
    )
