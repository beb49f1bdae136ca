"""The small IR both front ends lower to and the simulator compiles.

A typed tree. Front ends resolve names, types, implicit dereferences, method
receivers, range loops and (for Rust) drops, so the simulator only sees a few
language-neutral forms plus `Intrinsic` calls for each runtime's library.

Places (things with an address) are `VarRef`, `FieldRef`, `IndexRef` and
`Deref`; every other expression is a value. Aggregate types (structs, arrays,
tuples) evaluate to a tuple of leaf values.

Allocation decisions live in `AllocSite`s: the front end (Go: escape
analysis; Rust: the library's rules) sets `placement` to "stack" or "heap"
and `reason` to a sentence a player can read. Variables carry their own
placement the same way (Go's "moved to heap").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .types import Type

Pos = tuple[int, int]  # 1-based (line, column), as the compilers print them


class UnsupportedError(Exception):
    """Source outside the subset, a syntax error, or a compile error.

    `str()` is `file:line:col: message`.
    """

    def __init__(self, message: str, pos: Pos = (0, 0), file: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.file = file

    def __str__(self) -> str:
        line, col = self.pos
        return f"{self.file or '<input>'}:{line}:{col}: {self.message}"


# ---- sites and variables ----------------------------------------------------


@dataclass(eq=False)
class AllocSite:
    """An expression that may allocate: `new(T)`, `&T{}`, `make`, `append`,
    slice literals, closures, concatenation, `Box::new`, `vec!`, ...

    `kind` names the operation ("new", "addr_lit", "make", "append",
    "slice_lit", "func_lit", "concat", "convert", "box", "vec", "collect",
    "string", "rc", "clone", ...). `text` is the expression as the compiler
    prints it (Go: `make([]*int, 1000)`, `&T{...}`, `func literal`).
    """

    pos: Pos
    kind: str
    text: str
    placement: str = "heap"  # "heap" or "stack"
    reason: str = ""
    # Go only: the compiler gave no verdict for this site (not listed in trace sites).
    silent: bool = False
    # Go only, set by escape analysis for "stack" sites whose size is known only
    # at run time: None = placement is final; N >= 0 = the object lives in an
    # N-byte stack buffer when it fits and is heap-allocated by the runtime
    # otherwise (cmd/compile walk: make([]T, n) gets 32 bytes, a non-escaping
    # concatenation / string(bytes) / []byte(s) 32, string(rune) 4; 0 = the
    # runtime always allocates). See stackvsheap/lang/go/escape_report.py.
    stack_buffer_bytes: int | None = None
    # Go only: a []byte(s) conversion that does not escape and is never written
    # aliases the string's bytes: no allocation and no copy (OSTR2BYTESTMP).
    zero_copy: bool = False
    # Go only, `append` sites, set by lang/go/slicepass.py: where the backing
    # store comes from when the slice must grow (ssagen `(*state).append`).
    # Neither: runtime.growslice (the heap). `stack_store`: the standard
    # strategy: growing from length 0 to at most K = 32/sizeof(T) elements
    # takes the function's K-element stack store instead, once per call; one
    # store per slice operand (`append_store` slot), offered by the first such
    # append in the function only. `use_buf`: runtime.growsliceBuf: grow
    # inside that store, one size class at a time, while the new length fits
    # (slice pass, when the capacity is observed).
    stack_store: bool = False
    use_buf: bool = False
    # Go only, `append` sites: the slice pass made this append non-escaping
    # (placement "stack") although escape analysis (and `-m`) says it
    # escapes, because the slice's backing store is copied to the heap by a
    # "move2heap" Intrinsic right before the slice variable escapes.
    move2heap: bool = False


@dataclass(eq=False)
class Var:
    """A local, parameter, result or global variable."""

    name: str
    ty: Type
    pos: Pos
    is_param: bool = False
    is_global: bool = False
    # Go: the address is taken or a closure captures it (a `kind: "var"` site).
    addr_taken: bool = False
    captured: bool = False
    placement: str = "stack"  # "heap" when moved to the heap
    reason: str = ""
    # Rust: the binding is `mut`; Go: always True.
    mutable: bool = True
    # Go loop variables: False when cmd/compile/internal/loopvar leaves it
    # shared by all iterations (one heap object for the whole loop).
    per_iteration: bool = True

    def __repr__(self) -> str:
        return f"Var({self.name}: {self.ty})"


# ---- expressions ------------------------------------------------------------


@dataclass(eq=False)
class Expr:
    ty: Type
    pos: Pos


@dataclass(eq=False)
class Const(Expr):
    """A literal. Go strings and Rust &str are Python `str`; Rust chars are
    one-character `str` with a CharType; nil / None is Python None."""

    value: Any


@dataclass(eq=False)
class Zero(Expr):
    """The zero value of `ty` (Go's implicit zero; Rust never needs it)."""


@dataclass(eq=False)
class VarRef(Expr):
    var: Var


@dataclass(eq=False)
class FuncRef(Expr):
    """A declared function used as a value (`f := add`). `ty` is a FuncType."""

    func: "Func"


@dataclass(eq=False)
class FieldRef(Expr):
    """Field `index` of a struct- or tuple-typed place or value."""

    base: Expr
    index: int


@dataclass(eq=False)
class IndexRef(Expr):
    """Element of an array (place or value), a slice / Vec / &[T] (the
    element lives in the backing block), or a string (a byte value).
    Bounds are checked at run time."""

    base: Expr
    index: Expr


@dataclass(eq=False)
class Deref(Expr):
    """`*p`: the place a pointer (any flavor) points to. Nil panics."""

    ptr: Expr


@dataclass(eq=False)
class AddrOf(Expr):
    """`&place`: a pointer to a place. (Go `&T{...}` is an `Alloc`.)"""

    place: Expr


@dataclass(eq=False)
class Unary(Expr):
    op: str  # "-", "!", "^" (Go bitwise not), "+"
    x: Expr


@dataclass(eq=False)
class Binary(Expr):
    """Arithmetic, comparison, logic (`&&`/`||` short-circuit), shifts.
    Integer overflow wraps in Go; in Rust (debug) it panics: `checked`."""

    op: str
    x: Expr
    y: Expr
    checked: bool = False


@dataclass(eq=False)
class Convert(Expr):
    """Numeric conversion (`int64(x)`, Rust `as`). String conversions that
    may allocate are `StrConvert`."""

    x: Expr


@dataclass(eq=False)
class Call(Expr):
    """Call of a declared function (methods are lowered to functions whose
    first parameter is the receiver). Multiple results: `ty` is a TupleType."""

    func: "Func"
    args: list[Expr]


@dataclass(eq=False)
class CallValue(Expr):
    """Call through a function value (a closure)."""

    callee: Expr
    args: list[Expr]


@dataclass(eq=False)
class Alloc(Expr):
    """A new object of type `ty.elem` (`ty` is a PtrType) initialised from
    `init` (or zeroed): Go `new(T)`, `&T{...}`, Rust `Box::new(v)`,
    `Rc::new(v)`. Placed per `site.placement`."""

    site: AllocSite
    init: Expr | None


@dataclass(eq=False)
class MakeSlice(Expr):
    """`make([]T, len, cap)`; slice and Vec literals are `SliceLit`."""

    site: AllocSite
    length: Expr
    cap: Expr | None


@dataclass(eq=False)
class SliceLit(Expr):
    """`[]T{a, b}`, Rust `vec![a, b]`: a backing array holding the elements."""

    site: AllocSite
    elems: list[Expr]


@dataclass(eq=False)
class CompositeLit(Expr):
    """A struct, tuple or array value. `elems` are in leaf order of the
    members (field order for structs); missing Go fields are zero."""

    elems: list[Expr]


@dataclass(eq=False)
class SliceExpr(Expr):
    """`a[lo:hi]` of an array place, slice or string; Rust `&v[..]`; Go
    `a[lo:hi:max]` (`max` bounds the capacity)."""

    base: Expr
    lo: Expr | None
    hi: Expr | None
    max: "Expr | None" = None


@dataclass(eq=False)
class Len(Expr):
    x: Expr


@dataclass(eq=False)
class Cap(Expr):
    x: Expr


@dataclass(eq=False)
class Append(Expr):
    """Go `append(s, a, b)` or `append(s, t...)` (`spread`)."""

    site: AllocSite
    slice: Expr
    args: list[Expr]
    spread: bool = False


@dataclass(eq=False)
class CopySlice(Expr):
    """Go `copy(dst, src)`: returns the count copied."""

    dst: Expr
    src: Expr


@dataclass(eq=False)
class Concat(Expr):
    """Go string concatenation `a + b + c` (all operands at once, as the
    runtime's concatstrings does)."""

    site: AllocSite
    parts: list[Expr]


@dataclass(eq=False)
class StrConvert(Expr):
    """Go `string(bytes)`, `[]byte(s)`, `string(rune)`."""

    site: AllocSite
    x: Expr


@dataclass(eq=False)
class Capture:
    """A variable a closure captures: by reference (a pointer to it is
    stored in the closure) or by value (copied in)."""

    var: Var            # the captured variable in the enclosing function
    inner: Var          # the variable as seen inside the closure body
    by_ref: bool


@dataclass(eq=False)
class FuncLit(Expr):
    """A closure. `ty` is a FuncType."""

    site: AllocSite
    func: "Func"
    captures: list[Capture]


@dataclass(eq=False)
class IfExpr(Expr):
    """Rust `if` as an expression (and Go's never)."""

    cond: Expr
    then: "Block"
    else_: "Block | None"


@dataclass(eq=False)
class BlockExpr(Expr):
    """Rust block expression: statements then an optional tail value."""

    block: "Block"


@dataclass(eq=False)
class LoopExpr(Expr):
    """Rust `loop { ... break value; }`."""

    body: "Block"
    label: str | None = None


@dataclass(eq=False)
class Intrinsic(Expr):
    """A runtime library operation the simulator implements natively
    (Rust: "vec_push", "vec_pop", "vec_new", "vec_with_capacity",
    "string_from", "push_str", "rc_new", "rc_clone", "clone", "iter_*",
    "collect", "option_unwrap", ...). Each runtime registers its names.

    Go: "decode_rune" (frontend.py); "move2heap", inserted by the slice pass
    (lang/go/slicepass.py) as `s = move2heap(s)` right before a slice
    variable whose appends use the stack stops being exclusive (`return s`,
    `x = s`, `range s`): args `[s]`, `extra` True to keep the capacity
    (runtime.moveSlice) or False (moveSliceNoCap: the next size class above
    the length), `site` the heap copy's (silent) AllocSite. When `s` points
    into the current frame its elements are copied to a new heap object;
    otherwise `s` is returned unchanged (cmd/compile ssagen `move2heap`)."""

    name: str
    args: list[Expr]
    site: AllocSite | None = None
    extra: Any = None


# ---- statements -------------------------------------------------------------


@dataclass(eq=False)
class Stmt:
    pos: Pos


@dataclass(eq=False)
class Decl(Stmt):
    """A variable comes into scope, initialised from `init` or zeroed. A var
    whose placement is "heap" gets a fresh heap object here (each time the
    statement runs, so once per loop iteration)."""

    var: Var
    init: Expr | None


@dataclass(eq=False)
class DeclTuple(Stmt):
    """`a, b := f()` / Rust `let (a, b) = t`: several vars from one
    tuple-valued expression (a None var discards its part)."""

    vars: list[Var | None]
    init: Expr


@dataclass(eq=False)
class Assign(Stmt):
    """`a, b = x, y`: all right-hand sides are evaluated before any store.
    A None target discards (`_`)."""

    targets: list[Expr | None]
    values: list[Expr]


@dataclass(eq=False)
class AssignTuple(Stmt):
    """`a, b = f()`."""

    targets: list[Expr | None]
    value: Expr


@dataclass(eq=False)
class OpAssign(Stmt):
    """`x op= y`, `x++` (op "+", y = 1). Go `s += t` on strings is a Concat
    assignment, lowered by the front end to Assign."""

    target: Expr
    op: str
    value: Expr
    checked: bool = False


@dataclass(eq=False)
class ExprStmt(Stmt):
    expr: Expr


@dataclass(eq=False)
class Print(Stmt):
    """Go `println(a, b)` (space separated, to the output pane) or Rust
    `println!("{} {:?}", a, b)` (`fmt` holds the format pieces). Rust's
    `site` is std's stdout buffer, allocated at the first print of the run."""

    args: list[Expr]
    fmt: list[str] | None = None
    site: AllocSite | None = None


@dataclass(eq=False)
class If(Stmt):
    cond: Expr
    then: "Block"
    else_: "Block | None"


@dataclass(eq=False)
class Loop(Stmt):
    """Every loop form. Per iteration: `cond` (None = forever), `body`,
    `post`. `per_iter` lists Go 1.22 loop variables whose address is taken:
    each iteration gets a fresh copy (a new heap object if moved to heap)."""

    cond: Expr | None
    body: "Block"
    post: "Stmt | None" = None
    per_iter: list[Var] = field(default_factory=list)
    label: str | None = None
    # The line the game highlights while evaluating the condition.
    cond_pos: Pos | None = None
    # Go `switch`, lowered to a loop whose body runs once and breaks
    # (lang/go/switch.py): no loop to escape analysis.
    once: bool = False


@dataclass(eq=False)
class Break(Stmt):
    label: str | None = None
    value: Expr | None = None  # Rust `break value`


@dataclass(eq=False)
class Continue(Stmt):
    label: str | None = None


@dataclass(eq=False)
class Return(Stmt):
    values: list[Expr]


@dataclass(eq=False)
class Drop(Stmt):
    """Rust: drop the value in `place` (recursively: Box contents, Vec
    elements, struct fields in declaration order). Inserted by the front
    end at scope ends, for temporaries and for `drop(x)`."""

    place: Expr


@dataclass(eq=False)
class Block(Stmt):
    stmts: list[Stmt]
    # Variables declared directly in this block: they leave scope at its end.
    scope: list[Var] = field(default_factory=list)
    tail: Expr | None = None  # Rust tail expression
    end_pos: Pos | None = None


# ---- functions and programs -------------------------------------------------


@dataclass(eq=False)
class Func:
    name: str
    pos: Pos
    params: list[Var]
    results: list[Type]
    body: Block
    # Every local declared anywhere in the body (params excluded), in order.
    locals: list[Var] = field(default_factory=list)
    # For closures: the enclosing function and the captured variables.
    outer: "Func | None" = None
    captures: list[Capture] = field(default_factory=list)
    receiver: str | None = None  # type name for methods (display)
    end_pos: Pos | None = None

    @property
    def display_name(self) -> str:
        return f"{self.receiver}.{self.name}" if self.receiver else self.name


@dataclass(eq=False)
class Site:
    """One entry of the trace's `sites` list (TRACE.md)."""

    line: int
    col: int
    kind: str  # "var" or "expr"
    placement: str
    reason: str
    name: str | None = None  # kind "var"
    expr: str | None = None  # kind "expr"

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"line": self.line, "col": self.col, "kind": self.kind}
        if self.kind == "var":
            d["name"] = self.name
        else:
            d["expr"] = self.expr
        d["placement"] = self.placement
        d["reason"] = self.reason
        return d


@dataclass(eq=False)
class Program:
    language: str  # "go" or "rust"
    file: str
    source: str
    funcs: dict[str, Func]
    globals: list[Var]
    global_inits: list[Stmt]
    sites: list[Site]
    # Every Func, closures included, so the compiler can prepare them all.
    all_funcs: list[Func] = field(default_factory=list)
    # Go: the parameter summaries escape analysis computed, as the compiler
    # prints them ("12:6: leaking param: p to result ~r0 level=0"); not sites.
    escape_leaks: list[str] = field(default_factory=list)


def children(node: Expr | Stmt) -> Iterator[Expr | Stmt]:
    """The sub-expressions and sub-statements of a node, in field order."""
    for v in vars(node).values():
        if isinstance(v, (Expr, Stmt)):
            yield v
        elif isinstance(v, list):
            for x in v:
                if isinstance(x, (Expr, Stmt)):
                    yield x


def walk(root: Expr | Stmt) -> Iterator[Expr | Stmt]:
    """Every expression and statement at or below `root`, pre-order. A
    closure's body is its own `Func`, so walking a function does not enter
    the closures it creates."""
    stack: list[Any] = [root]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(list(children(n))))
