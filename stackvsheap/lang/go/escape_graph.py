"""The escape-analysis data-flow graph and its solver.

A port of `cmd/compile/internal/escape/graph.go`, `solve.go` and `leaks.go`
(Go 1.27). Vertices ("locations") are variables and allocating expressions;
an edge `dst <- src` carries `derefs`, the number of dereferences minus the
number of address-of operations on the way (`p = &q` is -1, `p = q` 0,
`p = *q` 1). Walking backwards from every location (the "root") with
Bellman-Ford gives the minimal derefs from each other location to it; a
location whose *address* (derefs < 0) reaches a root that outlives it must be
heap allocated.

Kept deliberately close to the Go source (same names, same queue order) so a
difference from the real compiler can be traced to one line of it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .. import ir

# ---- location attributes (graph.go) -----------------------------------------

#: The location's address escapes: it must be heap allocated.
ATTR_ESCAPES = 1
#: The expression's storage outlives the statement (cannot be reused at once).
ATTR_PERSISTS = 2
#: Memory reachable from it may be written (string->[]byte zero-copy check).
ATTR_MUTATES = 4
#: Closures reachable from it may be called without tracking their results.
ATTR_CALLS = 8
ATTR_ALL = ATTR_ESCAPES | ATTR_PERSISTS | ATTR_MUTATES | ATTR_CALLS


# ---- parameter leak summaries (leaks.go) ------------------------------------

LEAK_HEAP = 0
LEAK_MUTATOR = 1
LEAK_CALLEE = 2
LEAK_RESULT0 = 3
#: The compiler keeps per-result leaks for the first 5 results only.
NUM_ESC_RESULTS = 8 - LEAK_RESULT0


class Leaks:
    """Minimal derefs from a parameter to the heap, the mutator, the callee
    operand and each result; -1 where no flow exists (the compiler's `leaks`)."""

    __slots__ = ("v",)

    def __init__(self, values: list[int] | None = None) -> None:
        self.v = list(values) if values else [-1] * 8

    def get(self, i: int) -> int:
        return self.v[i]

    def add(self, i: int, derefs: int) -> None:
        old = self.v[i]
        if old < 0 or derefs < old:
            # Stored as a uint8 of derefs+1 in the compiler: saturates at 254.
            self.v[i] = min(derefs, 254)

    def heap(self) -> int:
        return self.v[LEAK_HEAP]

    def mutator(self) -> int:
        return self.v[LEAK_MUTATOR]

    def callee(self) -> int:
        return self.v[LEAK_CALLEE]

    def result(self, i: int) -> int:
        return self.v[LEAK_RESULT0 + i]

    def add_heap(self, d: int) -> None:
        self.add(LEAK_HEAP, d)

    def add_mutator(self, d: int) -> None:
        self.add(LEAK_MUTATOR, d)

    def add_callee(self, d: int) -> None:
        self.add(LEAK_CALLEE, d)

    def add_result(self, i: int, d: int) -> None:
        self.add(LEAK_RESULT0 + i, d)

    def optimize(self) -> None:
        """Drop result/mutator/callee flows no shorter than the heap flow."""
        x = self.heap()
        if x >= 0:
            for i in range(1, 8):
                if self.v[i] >= x:
                    self.v[i] = -1

    def any(self) -> bool:
        return any(x >= 0 for x in self.v)

    def copy(self) -> Leaks:
        return Leaks(self.v)

    def __repr__(self) -> str:
        return f"Leaks({self.v})"


#: The tag of a parameter without pointers or one the compiler does not tag:
#: the empty string decodes as "leaks to heap with derefs 0".
def heap_leaks() -> Leaks:
    lk = Leaks()
    lk.add_heap(0)
    return lk


# ---- notes, edges, holes ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Note:
    """Why a flow exists (the compiler's `note`), kept for the player's reason."""

    why: str
    where: Any  # an IR node, a Var, or a short text
    next: "Note | None" = None


@dataclass(slots=True)
class Edge:
    src: "Location"
    derefs: int
    notes: Note | None


class Location:
    """An abstract location that stores a Go value (graph.go `location`)."""

    __slots__ = (
        "n", "curfn", "kind", "label", "edges", "loop_depth", "result_index",
        "derefs", "walkgen", "dst", "dst_edge_idx", "queued_walk_all",
        "queued_walk_one", "attrs", "param_esc", "captured", "reassigned",
        "addrtaken", "param", "param_out", "escape_root", "escape_path",
        "heap_reason", "index",
    )

    def __init__(self, n: Any, curfn: "ir.Func | None", kind: str, label: str,
                 loop_depth: int, persists: bool) -> None:
        self.n = n  # ir.Var, ir.AllocSite, or None
        self.curfn = curfn
        self.kind = kind  # var | site | result | temp | heap | mutator | callee | blank
        self.label = label  # for explanations: a name or expression text
        self.edges: list[Edge] = []
        self.loop_depth = loop_depth
        self.result_index = 0
        self.derefs = 0
        self.walkgen = 0
        self.dst: Location | None = None
        self.dst_edge_idx = 0
        self.queued_walk_all = False
        self.queued_walk_one = 0
        self.attrs = ATTR_PERSISTS if persists else 0
        self.param_esc = Leaks()
        self.captured = False
        self.reassigned = False
        self.addrtaken = False
        self.param = False
        self.param_out = False
        # Why the location escapes: the root its address reached, and the
        # path of (location, edge) hops from it to that root.
        self.escape_root: Location | None = None
        self.escape_path: list[tuple[Location, Edge | None]] = []
        self.heap_reason = ""
        self.index = 0

    def has(self, attr: int) -> bool:
        return bool(self.attrs & attr)

    def as_hole(self) -> "Hole":
        return Hole(self, 0, None, False)

    def __repr__(self) -> str:
        return f"Loc({self.kind}:{self.label})"


@dataclass(frozen=True, slots=True)
class Hole:
    """A context an expression is evaluated into: "dst = <derefs>_"."""

    dst: Location
    derefs: int
    notes: Note | None
    addrtaken: bool

    def shift(self, delta: int) -> Hole:
        d = self.derefs + delta
        if d < -1:
            raise AssertionError(f"derefs underflow: {d}")
        return Hole(self.dst, d, self.notes, delta < 0)

    def note(self, where: Any, why: str) -> Hole:
        return Hole(self.dst, self.derefs, Note(why, where, self.notes), self.addrtaken)

    def deref(self, where: Any, why: str) -> Hole:
        return self.shift(1).note(where, why)

    def addr(self, where: Any, why: str) -> Hole:
        return self.shift(-1).note(where, why)

    def with_dst(self, dst: Location) -> Hole:
        return Hole(dst, self.derefs, self.notes, self.addrtaken)


# ---- the graph and its solver ----------------------------------------------


class Graph:
    """The locations of one batch of functions plus the pseudo-locations."""

    def __init__(self) -> None:
        self.all_locs: list[Location] = []
        self.heap_loc = Location(None, None, "heap", "{heap}", 0, False)
        self.heap_loc.attrs = ATTR_ALL
        self.mutator_loc = Location(None, None, "mutator", "{mutator}", 0, False)
        self.mutator_loc.attrs = ATTR_MUTATES
        self.callee_loc = Location(None, None, "callee", "{callee}", 0, False)
        self.callee_loc.attrs = ATTR_CALLS
        self.blank_loc = Location(None, None, "blank", "_", 0, False)
        # Set by the batch: does closure `fn` lose track of its results?
        self.closure_results_lost: set[int] = set()
        # Hooks the batch provides.
        self.contains_closure = lambda f, c: False
        self.in_mutual_batch = lambda fn: False
        self.closure_func_of = lambda loc: None  # Func of a func-literal site
        self.result_locs_of = lambda fn: []

    # graph.go
    def new_loc(self, n: Any, curfn: Any, kind: str, label: str, loop_depth: int,
                persists: bool) -> Location:
        loc = Location(n, curfn, kind, label, loop_depth, persists)
        loc.index = len(self.all_locs)
        self.all_locs.append(loc)
        return loc

    def heap_hole(self) -> Hole:
        return self.heap_loc.as_hole()

    def mutator_hole(self) -> Hole:
        return self.mutator_loc.as_hole()

    def callee_hole(self) -> Hole:
        return self.callee_loc.as_hole()

    def discard_hole(self) -> Hole:
        return self.blank_loc.as_hole()

    def flow(self, k: Hole, src: Location) -> None:
        if k.addrtaken:
            src.addrtaken = True
        dst = k.dst
        if dst is self.blank_loc:
            return
        if dst is src and k.derefs >= 0:  # dst = dst, dst = *dst, ...
            return
        if dst.has(ATTR_ESCAPES) and k.derefs < 0:  # dst = &src
            if not src.has(ATTR_ESCAPES):
                src.escape_root = dst
                src.escape_path = [(dst, Edge(src, k.derefs, k.notes))]
            src.attrs |= ATTR_ALL
            return
        dst.edges.append(Edge(src, k.derefs, k.notes))

    # solve.go
    def walk_all(self) -> None:
        todo: deque[Location] = deque()

        def enqueue(loc: Location) -> None:
            if not loc.queued_walk_all:
                loc.queued_walk_all = True
                if loc.has(ATTR_ESCAPES):
                    # Favor locations that escape: attrEscapes propagates faster.
                    todo.appendleft(loc)
                else:
                    todo.append(loc)

        for loc in self.all_locs:
            todo.appendleft(loc)
            loc.queued_walk_all = True
        for loc in (self.mutator_loc, self.callee_loc, self.heap_loc):
            todo.appendleft(loc)
            loc.queued_walk_all = True

        walkgen = 0
        while todo:
            root = todo.popleft()
            root.queued_walk_all = False
            walkgen += 1
            self.walk_one(root, walkgen, enqueue)

    def walk_one(self, root: Location, walkgen: int, enqueue: Any) -> None:
        root.walkgen = walkgen
        root.derefs = 0
        root.dst = None

        if root.has(ATTR_CALLS):
            fn = self.closure_func_of(root)
            if fn is not None and self.in_mutual_batch(fn) and id(fn) not in self.closure_results_lost:
                self.closure_results_lost.add(id(fn))
                # Re-flow from the closure's results, now that we lost track of them.
                for res in self.result_locs_of(fn):
                    enqueue(res)

        todo: deque[Location] = deque([root])
        while todo:
            l = todo.popleft()
            l.queued_walk_one = 0
            derefs = l.derefs
            new_attrs = 0

            # If l.derefs < 0, then l's address flows to root.
            address_of = derefs < 0
            if address_of:
                # "root = &l; l = x": l's address flows to root, x's does not.
                derefs = 0
                if self.outlives(root, l):
                    if not l.has(ATTR_ESCAPES):
                        l.escape_root = root
                        l.escape_path = self._path(root, l)
                    new_attrs |= ATTR_ALL
                elif root.has(ATTR_PERSISTS):
                    new_attrs |= ATTR_PERSISTS

            if derefs == 0:
                new_attrs |= root.attrs & (ATTR_MUTATES | ATTR_CALLS)

            # l's value flows to root: record parameter leaks for the tags.
            if l.param:
                if self.outlives(root, l):
                    self.leak_to(l, root, derefs)
                if root.has(ATTR_MUTATES):
                    l.param_esc.add_mutator(derefs)
                if root.has(ATTR_CALLS):
                    l.param_esc.add_callee(derefs)

            if new_attrs & ~l.attrs:
                l.attrs |= new_attrs
                enqueue(l)
                if l.attrs & ATTR_ESCAPES:
                    continue

            for i, edge in enumerate(l.edges):
                src = edge.src
                if src.has(ATTR_ESCAPES):
                    continue
                d = derefs + edge.derefs
                if src.walkgen != walkgen or src.derefs > d:
                    src.walkgen = walkgen
                    src.derefs = d
                    src.dst = l
                    src.dst_edge_idx = i
                    if src.queued_walk_one != walkgen:
                        src.queued_walk_one = walkgen
                        todo.append(src)

    def _path(self, root: Location, src: Location) -> list[tuple[Location, Edge | None]]:
        """(destination, edge) hops from src to root, as explainPath walks them."""
        out: list[tuple[Location, Edge | None]] = []
        seen: set[int] = set()
        while src is not root and src.dst is not None and id(src) not in seen:
            seen.add(id(src))
            dst = src.dst
            out.append((dst, dst.edges[src.dst_edge_idx]))
            src = dst
        return out

    def leak_to(self, l: Location, sink: Location, derefs: int) -> None:
        # A result parameter that doesn't escape (#44614) gets a result leak.
        if not sink.has(ATTR_ESCAPES) and sink.param_out and sink.curfn is l.curfn:
            ri = sink.result_index - 1
            if ri < NUM_ESC_RESULTS:
                l.param_esc.add_result(ri, derefs)
                return
        l.param_esc.add_heap(derefs)

    def outlives(self, l: Location, other: Location) -> bool:
        """Whether values stored in l may survive beyond other's lifetime."""
        if l.has(ATTR_ESCAPES):
            return True
        if l is self.mutator_loc or l is self.callee_loc:
            return False
        if l.param_out:
            # Closures may return locations allocated outside of them without
            # forcing them to the heap, if all call sites are known.
            if self.contains_closure(other.curfn, l.curfn) and id(l.curfn) not in self.closure_results_lost:
                return False
            return True
        # Declared outside other's loop scope in the same function.
        if l.curfn is other.curfn and l.loop_depth < other.loop_depth:
            return True
        # other is declared within a child closure of where l is declared.
        if self.contains_closure(l.curfn, other.curfn):
            return True
        return False
