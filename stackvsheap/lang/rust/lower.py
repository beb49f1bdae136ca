"""Typed Rust syntax -> the shared IR, with ownership made explicit.

What rustc's MIR building and drop elaboration do, for the subset:

* a use of a non-Copy place moves it: the move path (the local, or a field
  or Box content below it) becomes "moved", and using it again is
  `use of moved value`;
* every local is dropped at the end of its scope, in reverse declaration
  order, unless it was moved out; a local moved on some paths only gets a
  runtime drop flag (a hidden bool) that the drop tests;
* a partly moved local drops only what is left (`cursor = node.next` moves
  one field out of a Box: the Box's other fields are dropped and its block
  freed, without dropping the moved field);
* temporaries live to the end of their statement (or, for a block's tail
  expression, of the enclosing statement: edition 2021), `if`/`while`
  conditions are their own scopes, `match` scrutinees live to the end of the
  match;
* assigning to an initialised place computes the new value first, then
  drops the old one, then stores;
* `break`, `continue` and `return` drop everything in the scopes they leave.

Library calls become `ir.Intrinsic`s implemented in `sim/rustruntime.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, NoReturn

from .. import ir
from ..ir import UnsupportedError
from ..types import (
    ArrayType, FloatType, FuncType, IntType, OptionType, PtrType, SliceType,
    StringType, StructType, TupleType, Type, UnitType,
)
from . import ast as A
from . import reasons
from .moves import INIT, MAYBE, MOVED, UNINIT, MoveState, Partial, merge_states
from .rtypes import (
    BOOL, NEVER, RUST_STR, STRING, UNIT, USIZE, IterT, NeverT, RangeT, is_copy, is_debug,
    is_display, needs_drop,
)
from .typeck import Binding, Checker, FnInfo

Pos = tuple[int, int]


def min_non_zero_cap(elem: Type) -> int:
    """RawVec::MIN_NON_ZERO_CAP (library/alloc/src/raw_vec.rs)."""
    if elem.size == 1:
        return 8
    if elem.size <= 1024:
        return 4
    return 1


@dataclass(eq=False)
class Entry:
    var: ir.Var
    kind: str = "normal"     # "normal", "into_iter" (a consumed Vec), "array_iter"
    extra: Any = None        # into_iter: the index var


@dataclass(eq=False)
class Scope:
    entries: list[Entry] = field(default_factory=list)
    kind: str = "block"      # "block", "fn", "temps", "loop"


@dataclass(eq=False)
class LoopFrame:
    label: str | None
    node: Any
    depth: int                              # len(scopes) outside the loop
    breaks: list[MoveState] = field(default_factory=list)
    continues: list[MoveState] = field(default_factory=list)
    value_var: ir.Var | None = None         # `loop` with `break value`


@dataclass(eq=False)
class PlaceInfo:
    ir: ir.Expr
    path: tuple | None            # (var, projections) when the place is a move path
    mutable: bool                 # may be assigned / mutably borrowed
    why_not: str = ""             # the error when it may not
    desc: str = ""                # how rustc names the place in messages


@dataclass(eq=False)
class ChainSpec:
    """An iterator chain for the runtime: source, adapters, consumer."""

    source: str             # "range", "range_incl", "borrow", "into_iter", "array_into_iter"
    src_elem: Type          # element type of the source collection (or the range's integer type)
    items: list[Type]       # item type at the source and after each adapter
    adapters: list[str]     # "map" / "filter"
    terminal: str           # "sum", "count", "collect"
    result: Type
    array_len: int = 0
    borrow_kind: str = "vec"  # "vec", "slice", "array" for borrowing sources
    in_place: bool = False
    trusted_len: bool = True


class CrateLower:
    def __init__(self, ck: Checker) -> None:
        self.ck = ck
        self.file = ck.file
        self.var_of: dict[Binding, ir.Var] = {}
        self.hidden: dict[tuple, ir.Var] = {}
        self.alloc_sites: dict[tuple, ir.AllocSite] = {}
        self.funcs: dict[str, ir.Func] = {}
        self.info_func: dict[int, ir.Func] = {}
        self.var_counts: dict[Binding, int] = {}

    # ---- shared helpers ------------------------------------------------------------------

    def fail(self, msg: str, pos: Pos) -> NoReturn:
        raise UnsupportedError(msg, pos, self.file)

    def var(self, b: Binding) -> ir.Var:
        v = self.var_of.get(b)
        if v is None:
            is_param = b.kind in ("param", "self", "closure_param")
            v = ir.Var(b.name, b.ty, b.pos, is_param=is_param, mutable=b.mutable)
            v.placement = "stack"
            if b.kind == "closure_param":
                v.reason = "a closure parameter: " + reasons.var_reason(b.ty)
            elif is_param:
                v.reason = reasons.param_reason(b.ty)
            else:
                v.reason = reasons.var_reason(b.ty, self.var_counts.get(b))
            self.var_of[b] = v
        return v

    def hidden_var(self, key: tuple, name: str, t: Type, pos: Pos) -> ir.Var:
        v = self.hidden.get(key)
        if v is None or v.ty != t:
            v = ir.Var(name, t, pos)
            v.placement = "stack"
            v.hidden = True  # type: ignore[attr-defined]
            self.hidden[key] = v
        return v

    def site(self, node: Any, kind: str, reason: str, tag: str = "") -> ir.AllocSite:
        key = (id(node), tag)
        s = self.alloc_sites.get(key)
        if s is None:
            text = getattr(node, "src", "") or kind
            s = ir.AllocSite(node.pos, kind, text, "heap", reason)
            self.alloc_sites[key] = s
            s.listed = True  # type: ignore[attr-defined]
        return s

    # ---- the crate ---------------------------------------------------------------------------

    def run(self) -> ir.Program:
        ck = self.ck
        infos = list(ck.fns.values()) + list(ck.methods.values())
        for info in infos:
            f = info.decl
            params: list[ir.Var] = []
            for k, b in enumerate(info.bindings):
                params.append(self.var(b))
            f_ir = ir.Func(f.name, f.pos, params, [info.ret] if not isinstance(info.ret, UnitType) else [],
                           ir.Block(f.body.pos, []), receiver=f.impl_type, end_pos=f.end_pos)
            self.funcs[info.key] = f_ir
            self.info_func[id(info)] = f_ir
        # parameters given as `_` get a hidden variable so the arguments have a slot
        for info in infos:
            f_ir = self.info_func[id(info)]
            ps: list[ir.Var] = []
            bi = iter(info.bindings)
            if info.self_kind is not None:
                ps.append(self.var(next(bi)))
            for k, p in enumerate(info.decl.params):
                pt = info.params[k + (1 if info.self_kind else 0)]
                if isinstance(p.pattern, A.PIdent):
                    ps.append(self.var(next(bi)))
                elif isinstance(p.pattern, A.PWild):
                    ps.append(self.hidden_var(("param", id(p)), "_", pt, p.pos))
                else:
                    self.fail("unsupported: patterns in function parameters", p.pos)
            f_ir.params = ps
        for info in infos:
            self.lower_fn(info)
        funcs: dict[str, ir.Func] = {}
        for info in infos:
            funcs[info.key] = self.info_func[id(info)]
        all_funcs: list[ir.Func] = []
        seen: set[int] = set()

        def add(f: ir.Func) -> None:
            if id(f) in seen:
                return
            seen.add(id(f))
            all_funcs.append(f)
            for c in _closures_in(f.body):
                add(c)
        for f in funcs.values():
            add(f)
        sites: list[ir.Site] = []
        for f in all_funcs:
            for v in list(f.params) + list(f.locals):
                if getattr(v, "hidden", False):
                    continue
                sites.append(ir.Site(v.pos[0], v.pos[1], "var", "stack", v.reason, name=v.name))
        for s in _alloc_sites_in(all_funcs):
            sites.append(ir.Site(s.pos[0], s.pos[1], "expr", s.placement, s.reason, expr=s.text))
        sites.sort(key=lambda s: (s.line, s.col, s.kind))
        return ir.Program("rust", self.file, ck.crate.source, funcs, [], [], sites, all_funcs)

    def lower_fn(self, info: FnInfo) -> None:
        f_ir = self.info_func[id(info)]
        flags: set[tuple] = set()
        for attempt in range(3):
            fl = FnLower(self, info.decl, info.ret, flags)
            body, locals_ = fl.lower_fn_body(info, f_ir)
            if fl.need_flags <= flags:
                break
            flags = flags | fl.need_flags
        f_ir.body = body
        f_ir.locals = locals_


def _walk(node: Any, visit: Callable[[Any], bool]) -> None:
    """Visit IR nodes pre-order; `visit` returning False prunes below a node."""
    stack = [node]
    while stack:
        n = stack.pop()
        if visit(n):
            stack.extend(ir.children(n))


def _closures_in(body: ir.Block) -> list[ir.Func]:
    out: list[ir.Func] = []

    def visit(n: Any) -> bool:
        if isinstance(n, ir.FuncLit):
            out.append(n.func)
            return False
        return True
    _walk(body, visit)
    return out


def _alloc_sites_in(funcs: list[ir.Func]) -> list[ir.AllocSite]:
    out: list[ir.AllocSite] = []
    seen: set[int] = set()

    def visit(n: Any) -> bool:
        s = getattr(n, "site", None)
        if isinstance(s, ir.AllocSite) and getattr(s, "listed", False) and id(s) not in seen:
            seen.add(id(s))
            out.append(s)
        return not isinstance(n, ir.FuncLit)
    for f in funcs:
        _walk(f.body, visit)
    return out


def _locals_in(body: ir.Block, params: list[ir.Var], exclude: list[ir.Var] = ()) -> list[ir.Var]:
    """Every variable the body declares or uses (a `for` loop's variable is
    written by the loop's `next` without a Decl)."""
    out: list[ir.Var] = []
    seen: set[int] = {id(p) for p in params} | {id(v) for v in exclude}

    def visit(n: Any) -> bool:
        if isinstance(n, ir.VarRef):
            if id(n.var) not in seen and not n.var.is_global:
                seen.add(id(n.var))
                out.append(n.var)
        elif isinstance(n, ir.Decl):
            if id(n.var) not in seen:
                seen.add(id(n.var))
                out.append(n.var)
        elif isinstance(n, ir.DeclTuple):
            for v in n.vars:
                if v is not None and id(v) not in seen:
                    seen.add(id(v))
                    out.append(v)
        return not isinstance(n, ir.FuncLit)
    _walk(body, visit)
    out.sort(key=lambda v: (getattr(v, "hidden", False), v.pos))
    return out


def _is_place_expr(e: A.Expr) -> bool:
    if isinstance(e, A.Path):
        return getattr(e, "binding", None) is not None
    if isinstance(e, A.Field):
        return True
    if isinstance(e, A.Index):
        return not getattr(e, "slice", False)
    if isinstance(e, A.Unary) and e.op == "*":
        return True
    return False


def _scalar(t: Type) -> bool:
    return t.nleaves == 1 and not t.is_aggregate


class FnLower:
    """Lowers one function (or closure) body."""

    def __init__(self, cl: CrateLower, owner: Any, ret: Type, flags: set[tuple]) -> None:
        self.cl = cl
        self.file = cl.file
        self.owner = owner
        self.ret = ret
        self.state = MoveState()
        self.scopes: list[Scope] = []
        self.loops: list[LoopFrame] = []
        self.flagged = flags
        self.need_flags: set[tuple] = set()
        self.cur: list[ir.Stmt] = []
        self.captures: dict[Binding, ir.Capture] = {}
        self.func: ir.Func | None = None
        self.reachable = True

    # ---- errors ------------------------------------------------------------------------------

    def fail(self, msg: str, pos: Pos) -> NoReturn:
        raise UnsupportedError(msg, pos, self.file)

    # ---- emission -----------------------------------------------------------------------------

    def emit(self, s: ir.Stmt) -> None:
        self.cur.append(s)

    def capture_stmts(self, fn: Callable[[], Any]) -> tuple[list[ir.Stmt], Any]:
        saved = self.cur
        self.cur = []
        try:
            r = fn()
            return self.cur, r
        finally:
            self.cur = saved

    def unit_expr(self, lower: Callable[[], Any], pos: Pos) -> ir.Expr:
        """A statement-like expression (assignment, loop, `if` without a
        value): lowered as statements, its value is `()`."""
        stmts, _ = self.capture_stmts(lower)
        return self.seq(stmts, ir.CompositeLit(UNIT, pos, []), pos)

    def run_diverged(self, value: ir.Expr, pos: Pos) -> None:
        """A value whose evaluation never completes (`loop {}`, `panic!()`) is
        not used, but it still runs: emit it as a statement."""
        self.emit(ir.ExprStmt(pos, value))

    def seq(self, stmts: list[ir.Stmt], value: ir.Expr, pos: Pos) -> ir.Expr:
        """`{ stmts; value }` as an expression."""
        if not stmts:
            return value
        return ir.BlockExpr(value.ty, pos, ir.Block(pos, stmts, [], value))

    # ---- variables, scopes and drop flags ------------------------------------------------------

    def var_for(self, b: Binding, pos: Pos) -> ir.Var:
        if b.owner is self.owner or not isinstance(self.owner, A.Closure):
            return self.cl.var(b)
        c = self.captures.get(b)
        if c is None:
            if b not in getattr(self.owner, "captured", []):
                return self.cl.var(b)
            outer = self.outer_var(b)
            inner = ir.Var(b.name, b.ty, b.pos, mutable=b.mutable)
            inner.placement = "stack"
            inner.hidden = True  # type: ignore[attr-defined]
            c = ir.Capture(outer, inner, True)
            self.captures[b] = c
        return c.inner

    def outer_var(self, b: Binding) -> ir.Var:
        fn = getattr(self, "parent", None)
        if fn is None:
            return self.cl.var(b)
        return fn.var_for(b, b.pos)

    def hidden(self, node: Any, tag: str, t: Type, name: str = "") -> ir.Var:
        return self.cl.hidden_var((id(node), tag), name or f"<{tag}>", t, getattr(node, "pos", (0, 0)))

    def push_scope(self, kind: str = "block") -> Scope:
        s = Scope([], kind)
        s.start = (self.cur, len(self.cur))  # type: ignore[attr-defined]
        self.scopes.append(s)
        return s

    def flag_paths(self, var: ir.Var, proj: tuple = ()) -> list[tuple]:
        n = len(proj)
        return [k for k in self.flagged if k[0] is var and k[1][:n] == proj]

    def flag_var(self, key: tuple) -> ir.Var:
        var, proj = key
        return self.cl.hidden_var(("flag", id(var), proj), f"<drop flag {var.name}>", BOOL, var.pos)

    def set_flags(self, var: ir.Var, proj: tuple, value: bool, pos: Pos, decl: bool = False) -> None:
        for key in self.flag_paths(var, proj):
            fv = self.flag_var(key)
            c = ir.Const(BOOL, pos, value)
            self.emit(ir.Decl(pos, fv, c) if decl else ir.Assign(pos, [ir.VarRef(BOOL, pos, fv)], [c]))

    def declare(self, var: ir.Var, pos: Pos, init: bool, scope: Scope | None = None,
                kind: str = "normal", extra: Any = None) -> None:
        """`var` comes into scope (already initialised when `init`)."""
        sc = scope if scope is not None else self.scopes[-1]
        sc.entries.append(Entry(var, kind, extra))
        self.state.vars[var] = INIT if init else UNINIT
        self.set_flags(var, (), init, pos, decl=True)

    def mark_moved(self, path: tuple, pos: Pos) -> None:
        var, proj = path
        if var not in self.state.vars:
            return
        self.state.set(var, proj, MOVED)
        self.set_flags(var, proj, False, pos)

    def mark_init(self, path: tuple, pos: Pos) -> None:
        var, proj = path
        if var not in self.state.vars:
            return
        self.state.set(var, proj, INIT)
        self.set_flags(var, proj, True, pos)

    def check_usable(self, path: tuple | None, pos: Pos, what: str, name: str) -> None:
        """`what`: "use" (move or copy), "borrow"."""
        if path is None:
            return
        var, proj = path
        if var not in self.state.vars:
            return
        s = self.state.get(var, proj)
        if s == INIT:
            return
        root = self.state.get(var, ())
        if not isinstance(root, Partial):
            name = var.name  # rustc names the local whose move made this unusable
        if s == UNINIT:
            self.fail(f"used binding `{name}` isn't initialized", pos)
        if s == MAYBE:
            self.fail(f"{'borrow' if what == 'borrow' else 'use'} of moved value: `{name}`", pos)
        if isinstance(s, Partial):
            self.fail(f"{'borrow' if what == 'borrow' else 'use'} of partially moved value: `{name}`", pos)
        # a parent may have been moved while the child path itself looks fine
        self.fail(f"{'borrow' if what == 'borrow' else 'use'} of moved value: `{name}`", pos)

    # ---- drops -----------------------------------------------------------------------------

    def drop_path(self, path: tuple, place: ir.Expr, t: Type, state: Any, pos: Pos,
                  out: list[ir.Stmt]) -> None:
        """Statements dropping whatever of `place` is still initialised."""
        if not needs_drop(t) or state is None:
            return
        if state == INIT:
            out.append(ir.Drop(pos, place))
            return
        if state in (UNINIT, MOVED):
            return
        if state == MAYBE:
            self.need_flags.add(path)
            if path in self.flagged:
                fv = self.flag_var(path)
                out.append(ir.If(pos, ir.VarRef(BOOL, pos, fv), ir.Block(pos, [ir.Drop(pos, place)]), None))
            else:
                out.append(ir.Drop(pos, place))  # pass 1: a placeholder until flags exist
            return
        assert isinstance(state, Partial)
        var, proj = path
        if isinstance(t, (StructType, TupleType)):
            fields = t.fields if isinstance(t, StructType) else [(str(i), e) for i, e in enumerate(t.elems)]
            for i, (_, ft) in enumerate(fields):
                self.drop_path((var, proj + (i,)), ir.FieldRef(ft, pos, place, i), ft, state.get(i), pos, out)
            return
        if isinstance(t, PtrType) and t.flavor == "box":
            inner = ir.Deref(t.elem, pos, place)
            self.drop_path((var, proj + ("*",)), inner, t.elem, state.get("*"), pos, out)
            out.append(ir.ExprStmt(pos, ir.Intrinsic(UNIT, pos, "box_free", [place])))
            return
        out.append(ir.Drop(pos, place))

    def drop_entry(self, e: Entry, pos: Pos, out: list[ir.Stmt]) -> None:
        v = e.var
        st = self.state.vars.get(v)
        ref = ir.VarRef(v.ty, pos, v)
        if e.kind == "into_iter":
            if st is None or st in (UNINIT, MOVED):
                return
            idx = e.extra
            call = ir.ExprStmt(pos, ir.Intrinsic(UNIT, pos, "into_iter_drop", [ref, ir.VarRef(USIZE, pos, idx)]))
            if st == MAYBE:
                self.need_flags.add((v, ()))
                if (v, ()) in self.flagged:
                    out.append(ir.If(pos, ir.VarRef(BOOL, pos, self.flag_var((v, ()))), ir.Block(pos, [call]), None))
                    return
            out.append(call)
            return
        self.drop_path((v, ()), ref, v.ty, st, pos, out)

    def scope_drops(self, sc: Scope, pos: Pos) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for e in reversed(sc.entries):
            self.drop_entry(e, pos, out)
        return out

    def pop_scope(self, sc: Scope, pos: Pos) -> None:
        """Leave `sc` normally: drop its variables and forget them."""
        assert self.scopes and self.scopes[-1] is sc
        if self.reachable:
            for s in self.scope_drops(sc, pos):
                self.emit(s)
        self.scopes.pop()
        for e in sc.entries:
            self.state.forget(e.var)

    def exit_drops(self, depth: int, pos: Pos) -> list[ir.Stmt]:
        """Drops for leaving every scope above `depth` (break/continue/return)."""
        out: list[ir.Stmt] = []
        for sc in reversed(self.scopes[depth:]):
            out.extend(self.scope_drops(sc, pos))
        return out

    def unreachable(self) -> None:
        self.reachable = False

    # ---- functions -------------------------------------------------------------------------------

    def lower_fn_body(self, info: FnInfo, f_ir: ir.Func) -> tuple[ir.Block, list[ir.Var]]:
        self.func = f_ir
        f = info.decl
        fn_scope = self.push_scope("fn")
        for v in f_ir.params:
            fn_scope.entries.append(Entry(v))
            self.state.vars[v] = INIT
        for key in self.flagged:
            if any(key[0] is v for v in f_ir.params):
                pass
        self.cur = []
        for v in f_ir.params:
            self.set_flags(v, (), True, f.pos, decl=True)
        self.lower_body(f.body, info.ret, f.end_pos)
        body = ir.Block(f.body.pos, self.cur, [v for v in f_ir.params], None, f.end_pos)
        return body, _locals_in(body, f_ir.params)

    def lower_body(self, body: A.Block, ret: Type, end: Pos,
                   pre: Callable[[Scope], None] | None = None) -> None:
        """The outermost block: its value is returned after every local and
        parameter is dropped (tail temporaries after the locals: 2021)."""
        self.push_scope("temps")  # the tail expression's temporaries: dropped after the locals
        block_scope = self.push_scope("block")
        if pre is not None:
            pre(block_scope)
        for s in body.stmts:
            self.lower_stmt(s)
        value: ir.Expr | None = None
        if body.tail is not None and self.reachable:
            value = self.value(body.tail)
            value = self.coerced(body.tail, value)
        if not self.reachable:
            if value is not None:  # a diverging tail (`loop {}`, `panic!()`) still runs
                self.run_diverged(value, body.tail.pos)
            self.scopes.pop()
            self.scopes.pop()
            self.scopes.pop()
            return
        drops = self.exit_drops(0, end)
        has_value = value is not None and not isinstance(ret, UnitType) and not isinstance(value.ty, NeverT)
        # the tail is evaluated on its own line; the drops happen at the `}`
        tail_pos = body.tail.pos if body.tail is not None else end
        if has_value:
            if drops:
                rv = self.hidden(body, "ret", ret, "<return value>")
                self.emit(ir.Decl(tail_pos, rv, value))
                self.cur.extend(drops)
                self.emit(ir.Return(end, [ir.VarRef(ret, end, rv)]))
            else:
                self.emit(ir.Return(tail_pos, [value]))
        else:
            if value is not None:
                self.emit(ir.ExprStmt(body.tail.pos if body.tail else end, value))
            self.cur.extend(drops)
            if drops or value is not None:
                self.emit(ir.Return(end, []))
        self.scopes.pop()
        self.scopes.pop()
        self.scopes.pop()

    # ---- statements --------------------------------------------------------------------------

    def lower_stmt(self, s: A.Stmt) -> None:
        if not self.reachable:
            return
        temps = self.push_scope("temps")
        if isinstance(s, A.Let):
            self.lower_let(s, temps)
        elif isinstance(s, A.ExprStmt):
            self.lower_expr_stmt(s.expr, s.pos)
        else:
            self.fail("unsupported: statement", s.pos)
        if self.scopes and self.scopes[-1] is temps:
            self.pop_scope(temps, s.pos)
        else:  # pragma: no cover - defensive
            self.scopes.remove(temps)

    def lower_expr_stmt(self, e: A.Expr, pos: Pos) -> None:
        """An expression whose value is not used: dropped right away."""
        if isinstance(e, (A.If, A.Match, A.While, A.Loop, A.For, A.Block)) and \
                (isinstance(e.ty, (UnitType, NeverT)) or isinstance(e, (A.While, A.For))):
            self.lower_stmt_form(e)
            return
        if isinstance(e, A.Assign):
            self.lower_assign(e)
            return
        if isinstance(e, A.CompoundAssign):
            self.lower_compound(e)
            return
        if isinstance(e, (A.Return, A.Break, A.Continue)):
            self.lower_jump(e)
            return
        if isinstance(e, A.PrintMacro):
            self.lower_print(e)
            return
        if isinstance(e, A.PanicMacro):
            self.emit(ir.ExprStmt(e.pos, self.panic(e)))
            self.unreachable()
            return
        if isinstance(e, A.Call) and getattr(e, "callee", None) == ("builtin", "drop"):
            self.lower_drop_call(e)
            return
        if _is_place_expr(e) and is_copy(e.ty):
            return
        v = self.value(e)
        t = e.ty
        if isinstance(t, NeverT):
            self.emit(ir.ExprStmt(pos, v))
            self.unreachable()
            return
        if needs_drop(t):
            tmp = self.hidden(e, "discard", t, "<temporary>")
            self.emit(ir.Decl(pos, tmp, v))
            self.emit(ir.Drop(pos, ir.VarRef(t, pos, tmp)))
        else:
            self.emit(ir.ExprStmt(pos, v))

    def lower_stmt_form(self, e: A.Expr) -> None:
        """Control flow used as a statement (its value, if any, is ())."""
        if isinstance(e, A.If):
            self.lower_if_stmt(e)
        elif isinstance(e, A.Match):
            self.lower_match(e, None)
        elif isinstance(e, A.While):
            self.lower_while(e)
        elif isinstance(e, A.Loop):
            if getattr(e, "ty", None) is not None and not isinstance(e.ty, (UnitType, NeverT)):
                v = self.lower_loop_expr(e)
                self.emit(ir.ExprStmt(e.pos, v))
            else:
                self.lower_loop_stmt(e)
        elif isinstance(e, A.For):
            self.lower_for(e)
        elif isinstance(e, A.Block):
            self.lower_block_stmt(e)

    def lower_block_stmt(self, b: A.Block) -> None:
        sc = self.push_scope("block")
        saved = self.cur
        self.cur = []
        for s in b.stmts:
            self.lower_stmt(s)
        if b.tail is not None and self.reachable:
            temps = self.push_scope("temps")
            self.lower_expr_stmt(b.tail, b.tail.pos)
            if self.scopes[-1] is temps:
                self.pop_scope(temps, b.tail.pos)
        scope_vars = [e.var for e in sc.entries if not getattr(e.var, "hidden", False)]
        self.pop_scope(sc, b.end_pos)
        blk_stmts = self.cur
        self.cur = saved
        self.emit(ir.Block(b.pos, blk_stmts, scope_vars, None, b.end_pos))

    def lower_let(self, s: A.Let, temps: Scope) -> None:
        pat = s.pattern
        block_scope = self.scopes[-2]
        if s.init is None:
            for b in self._pattern_bindings(pat):
                v = self.var_for(b, b.pos)
                self.declare(v, b.pos, False, block_scope)
            return
        init = s.init
        if isinstance(pat, A.PIdent):
            b = pat.binding  # type: ignore[attr-defined]
            if isinstance(init, A.VecMacro):
                n = len(init.elems) if init.repeat is None else None
                if init.repeat is not None and isinstance(init.repeat[1], A.Lit):
                    n = init.repeat[1].value
                if n is not None:
                    self.cl.var_counts[b] = n
            elif isinstance(init, A.Call) and getattr(init, "callee", None) in (
                    ("builtin", "Vec::new"), ("builtin", "String::new")):
                self.cl.var_counts[b] = 0
            if isinstance(init, A.Ref) and not _is_place_expr(init.x) and not isinstance(init.x, A.Lit) \
                    and not getattr(init.x, "slice", False):
                # `let r = &temp();`: the temporary lives as long as the binding
                value = self.borrow_extended(init, block_scope)
            else:
                value = self.value(init)
                value = self.coerced(init, value)
            if not self.reachable:  # `let x = { loop {} };` still runs its initialiser
                self.run_diverged(value, init.pos)
                return
            v = self.var_for(b, b.pos)
            self.emit(ir.Decl(b.pos, v, value))
            self.declare(v, b.pos, True, block_scope)
            return
        if isinstance(pat, A.PWild):
            # `let _ = expr;`: a place is not even read; a value is dropped at once
            if _is_place_expr(init):
                self.place(init)
                return
            self.lower_expr_stmt(init, s.pos)
            return
        # tuple patterns (and `&x`): put the value somewhere, then bind from it
        src = self.scrutinee(init, s.pos, temps, [pat])
        if not self.reachable:
            return
        self.bind_pattern(pat, src, block_scope)

    def borrow_extended(self, e: A.Ref, scope: Scope) -> ir.Expr:
        x = e.x
        t = x.ty
        tmp = self.hidden(e, "extended", t, "<temporary>")
        val = self.value(x)
        self.emit(ir.Decl(e.pos, tmp, val))
        self.declare(tmp, e.pos, True, scope)
        return ir.AddrOf(e.ty, e.pos, ir.VarRef(t, e.pos, tmp))

    def _pattern_bindings(self, p: A.Pattern) -> list[Binding]:
        out: list[Binding] = []

        def walk(p: A.Pattern) -> None:
            if isinstance(p, A.PIdent):
                out.append(p.binding)  # type: ignore[attr-defined]
            elif isinstance(p, A.PTuple):
                for x in p.elems:
                    walk(x)
            elif isinstance(p, (A.PSome, A.PRef)):
                walk(p.inner)
            elif isinstance(p, A.POr):
                for x in p.alts:
                    walk(x)
        walk(p)
        return out

    # ---- patterns -----------------------------------------------------------------------------

    def scrutinee(self, e: A.Expr, pos: Pos, scope: Scope, pats: list[A.Pattern] | None = None) -> PlaceInfo:
        """The place a pattern is matched against: the expression's own place,
        or a temporary (registered in `scope`). `&place` matched by patterns
        that look through the reference is matched on the place itself."""
        if _is_place_expr(e):
            return self.place(e)
        if isinstance(e, A.Ref) and _is_place_expr(e.x) and pats and \
                all(getattr(p, "derefs", 0) >= 1 for p in pats):
            inner = self.place(e.x)
            self.check_usable(inner.path, e.pos, "borrow", inner.desc)
            if e.mutable:
                self.require_mutable(inner, e.pos, "borrow")
            # the pattern's first implicit dereference is this `&`
            return PlaceInfo(inner.ir, inner.path, inner.mutable and e.mutable, desc=inner.desc,
                             why_not="ref")
        t = e.ty
        tmp = self.hidden(e, "scrutinee", t, "<match value>")
        val = self.value(e)
        if not self.reachable:
            self.run_diverged(val, e.pos)
            return PlaceInfo(ir.VarRef(t, pos, tmp), (tmp, ()), True)
        if isinstance(t, NeverT):
            self.emit(ir.ExprStmt(e.pos, val))
            self.unreachable()
            return PlaceInfo(ir.VarRef(t, pos, tmp), (tmp, ()), True)
        self.emit(ir.Decl(e.pos, tmp, val))
        self.declare(tmp, e.pos, True, scope)
        return PlaceInfo(ir.VarRef(t, e.pos, tmp), (tmp, ()), True, desc="value")

    def pat_place(self, p: A.Pattern, src: PlaceInfo) -> PlaceInfo:
        """Apply the pattern's implicit dereferences (match ergonomics)."""
        n = getattr(p, "derefs", 0)
        if n and src.why_not == "ref":
            n -= 1
            src = PlaceInfo(src.ir, src.path, src.mutable, "", src.desc)
            src.by_ref_done = True  # type: ignore[attr-defined]
        pl = src
        for _ in range(n):
            pt = pl.ir.ty
            assert isinstance(pt, PtrType)
            pl = PlaceInfo(ir.Deref(pt.elem, p.pos, pl.ir), None, pt.flavor == "mut", desc=f"*{pl.desc}")
        if getattr(src, "by_ref_done", False):
            pl.by_ref_done = True  # type: ignore[attr-defined]
        return pl

    def pattern_test(self, p: A.Pattern, src: PlaceInfo) -> ir.Expr | None:
        """A boolean expression that is true when `p` matches (None: always)."""
        if isinstance(p, (A.PIdent, A.PWild)):
            return None
        pl = self.pat_place(p, src)
        t = p.ty
        pos = p.pos
        if isinstance(p, A.PSome) or isinstance(p, A.PNone):
            test = ir.Intrinsic(BOOL, pos, "opt_is_some", [pl.ir])
            if isinstance(p, A.PNone):
                return ir.Unary(BOOL, pos, "!", test)
            inner = self.pattern_test(p.inner, self.payload(pl, t, pos))
            return test if inner is None else ir.Binary(BOOL, pos, "&&", test, inner)
        if isinstance(p, A.PTuple):
            conds = []
            for i, sub in enumerate(p.elems):
                et = t.elems[i]  # type: ignore[union-attr]
                c = self.pattern_test(sub, PlaceInfo(ir.FieldRef(et, pos, pl.ir, i),
                                                     _ext(pl.path, i), pl.mutable,
                                                     desc=f"{pl.desc}.{i}"))
                if c is not None:
                    conds.append(c)
            if not conds:
                return None
            out = conds[0]
            for c in conds[1:]:
                out = ir.Binary(BOOL, pos, "&&", out, c)
            return out
        if isinstance(p, A.PLit):
            return self.lit_test(p.value, pl.ir, t, "==", pos)
        if isinstance(p, A.PRange):
            lo = self.lit_test(p.lo, pl.ir, t, ">=", pos)
            hi = self.lit_test(p.hi, pl.ir, t, "<=" if p.inclusive else "<", pos)
            return ir.Binary(BOOL, pos, "&&", lo, hi)
        if isinstance(p, A.POr):
            conds2 = [self.pattern_test(a, src) for a in p.alts]
            if any(c is None for c in conds2):
                return None
            out = conds2[0]
            for c in conds2[1:]:
                out = ir.Binary(BOOL, pos, "||", out, c)
            return out
        if isinstance(p, A.PRef):
            return self.pattern_test(p.inner, PlaceInfo(ir.Deref(p.inner.ty, pos, pl.ir), None, False))
        self.fail("unsupported: pattern", pos)

    def lit_test(self, lit: A.Lit, place: ir.Expr, t: Type, op: str, pos: Pos) -> ir.Expr:
        c = ir.Const(t, lit.pos, lit.value)
        if isinstance(t, StringType):
            return ir.Binary(BOOL, pos, op, place, c)
        if isinstance(t, FloatType):
            c = ir.Const(t, lit.pos, float(lit.value))
        return ir.Binary(BOOL, pos, op, place, c)

    def payload(self, opt: PlaceInfo, t: Type, pos: Pos) -> PlaceInfo:
        """The Some payload of an Option place. Moving it moves the whole Option."""
        assert isinstance(t, OptionType)
        inner = t.inner
        ptr = ir.Intrinsic(PtrType(inner, "ref"), pos, "opt_payload_ref", [opt.ir])
        pl = PlaceInfo(ir.Deref(inner, pos, ptr), opt.path, opt.mutable, desc=opt.desc)
        pl.payload_of = opt.path  # type: ignore[attr-defined]
        return pl

    def bind_pattern(self, p: A.Pattern, src: PlaceInfo, scope: Scope) -> None:
        """Declare the pattern's bindings from the matched place (after the test)."""
        if isinstance(p, A.PWild):
            return
        if isinstance(p, A.PIdent):
            b: Binding = p.binding  # type: ignore[attr-defined]
            mode = getattr(p, "mode", "move")
            v = self.var_for(b, b.pos)
            if mode == "move":
                val = self.use_place(src, p.ty, p.pos)
            else:
                if mode == "mut":
                    self.require_mutable(src, p.pos, "borrow")
                self.check_usable(src.path, p.pos, "borrow", src.desc)
                val = ir.AddrOf(b.ty, p.pos, src.ir)
            self.emit(ir.Decl(p.pos, v, val))
            self.declare(v, p.pos, True, scope)
            return
        pl = self.pat_place(p, src)
        t = p.ty
        if isinstance(p, A.PSome):
            self.bind_pattern(p.inner, self.payload(pl, t, p.pos), scope)
            return
        if isinstance(p, A.PTuple):
            for i, sub in enumerate(p.elems):
                et = t.elems[i]  # type: ignore[union-attr]
                self.bind_pattern(sub, PlaceInfo(ir.FieldRef(et, p.pos, pl.ir, i),
                                                 _ext(pl.path, i), pl.mutable,
                                                 desc=f"{pl.desc}.{i}"), scope)
            return
        if isinstance(p, A.PRef):
            self.bind_pattern(p.inner, PlaceInfo(ir.Deref(p.inner.ty, p.pos, pl.ir), None, False,
                                                 desc=f"*{pl.desc}"), scope)
            return
        if isinstance(p, (A.PNone, A.PLit, A.PRange)):
            return
        if isinstance(p, A.POr):
            return
        self.fail("unsupported: pattern", p.pos)

    # ---- places ----------------------------------------------------------------------------

    def place(self, e: A.Expr) -> PlaceInfo:
        if isinstance(e, A.Path):
            b = getattr(e, "binding", None)
            if b is None:
                return self.temp_place(e)
            v = self.var_for(b, e.pos)
            captured = isinstance(self.owner, A.Closure) and b.owner is not self.owner
            path = None if captured else (v, ())
            return PlaceInfo(ir.VarRef(b.ty, e.pos, v), path, b.mutable,
                             "" if b.mutable else "immutable", b.name)
        if isinstance(e, A.Field):
            base = self.auto_deref(self.base_place(e.base), e.base.ty, getattr(e, "derefs", 0), e.pos)
            idx = e.index  # type: ignore[attr-defined]
            return PlaceInfo(ir.FieldRef(e.ty, e.pos, base.ir, idx),
                             _ext(base.path, idx), base.mutable, base.why_not,
                             f"{base.desc}.{e.name}")
        if isinstance(e, A.Index):
            base = self.auto_deref(self.base_place(e.base), e.base.ty, getattr(e, "derefs", 0), e.pos)
            self.check_usable(base.path, e.base.pos, "borrow", base.desc)  # Index::index(&base, i)
            idx = self.value(e.index)
            pl = PlaceInfo(ir.IndexRef(e.ty, e.pos, base.ir, idx), None, base.mutable, base.why_not,
                           f"{base.desc}[..]")
            pl.index_of = base.ir.ty  # type: ignore[attr-defined]
            return pl
        if isinstance(e, A.Unary) and e.op == "*":
            base = self.base_place(e.x) if _is_place_expr(e.x) else None
            pt = e.x.ty
            assert isinstance(pt, PtrType)
            if base is None:
                if is_copy(pt):
                    ptr = self.value(e.x)
                    return PlaceInfo(ir.Deref(e.ty, e.pos, ptr), None, pt.flavor == "mut",
                                     "" if pt.flavor == "mut" else pt.flavor, "*value")
                base = self.temp_place(e.x)
            return self.deref_once(base, pt, e.pos)
        return self.temp_place(e)

    def base_place(self, e: A.Expr) -> PlaceInfo:
        """The place a field access / index / method call starts from. A
        reference-typed rvalue needs no temporary: its pointer is the way in."""
        if _is_place_expr(e):
            return self.place(e)
        return self.temp_place(e)

    def temp_place(self, e: A.Expr) -> PlaceInfo:
        """A value used as a place lives in a temporary until the end of the statement."""
        t = e.ty
        if isinstance(t, (IterT, RangeT)):
            self.fail("unsupported: an iterator or range used as a value", e.pos)
        val = self.value(e)
        if is_copy(t) and not needs_drop(t):
            tmp = self.hidden(e, "temp", t, "<temporary>")
            blk = ir.BlockExpr(PtrType(t, "ref"), e.pos, ir.Block(
                e.pos, [ir.Decl(e.pos, tmp, val)], [], ir.AddrOf(PtrType(t, "ref"), e.pos, ir.VarRef(t, e.pos, tmp))))
            return PlaceInfo(ir.Deref(t, e.pos, blk), None, True, desc="temporary value")
        temps = self.temp_scope()
        tmp = self.hidden(e, "temp", t, "<temporary>")
        # the flag (if any) starts false at the statement, turns true when the value exists
        flags = self.flag_paths(tmp)
        lst, at = temps.start  # type: ignore[attr-defined]
        for key in flags:
            # false from the start of the statement: the temporary may never be created
            lst.insert(at, ir.Decl(e.pos, self.flag_var(key), ir.Const(BOOL, e.pos, False)))
        inner_stmts: list[ir.Stmt] = [ir.Decl(e.pos, tmp, val)]
        for key in flags:
            inner_stmts.append(ir.Assign(e.pos, [ir.VarRef(BOOL, e.pos, self.flag_var(key))],
                                         [ir.Const(BOOL, e.pos, True)]))
        temps.entries.append(Entry(tmp))
        self.state.vars[tmp] = INIT
        blk = ir.BlockExpr(PtrType(t, "ref"), e.pos, ir.Block(
            e.pos, inner_stmts, [], ir.AddrOf(PtrType(t, "ref"), e.pos, ir.VarRef(t, e.pos, tmp))))
        return PlaceInfo(ir.Deref(t, e.pos, blk), (tmp, ()), True, desc="temporary value")

    def temp_scope(self) -> Scope:
        for sc in reversed(self.scopes):
            if sc.kind == "temps":
                return sc
        return self.scopes[-1]

    def deref_once(self, base: PlaceInfo, pt: PtrType, pos: Pos) -> PlaceInfo:
        """`*base` where base holds a pointer of type pt."""
        if pt.flavor == "box":
            return PlaceInfo(ir.Deref(pt.elem, pos, base.ir), _ext(base.path, "*"),
                             base.mutable, base.why_not, f"*{base.desc}")
        self.check_usable(base.path, pos, "use", base.desc)
        if pt.flavor == "mut":
            return PlaceInfo(ir.Deref(pt.elem, pos, base.ir), None, True, "", f"*{base.desc}")
        return PlaceInfo(ir.Deref(pt.elem, pos, base.ir), None, False, pt.flavor, f"*{base.desc}")

    def auto_deref(self, base: PlaceInfo, t: Type, n: int, pos: Pos) -> PlaceInfo:
        for _ in range(n):
            assert isinstance(t, PtrType), t
            base = self.deref_once(base, t, pos)
            t = t.elem
        return base

    def require_mutable(self, pl: PlaceInfo, pos: Pos, what: str) -> None:
        if pl.mutable:
            return
        name = pl.desc
        if pl.why_not == "immutable":
            if what == "assign":
                self.fail(f"cannot assign twice to immutable variable `{name}`", pos)
            self.fail(f"cannot borrow `{name}` as mutable, as it is not declared as mutable", pos)
        if pl.why_not == "rc":
            self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} data in an `Rc`", pos)
        if pl.why_not in ("ref", "shared"):
            self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} `{name}`, which is "
                      f"behind a `&` reference", pos)
        if isinstance(self.owner, A.Closure):
            self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} `{name}`, as it is "
                      f"a captured variable in a `Fn` closure", pos)
        self.fail(f"cannot {'assign to' if what == 'assign' else 'borrow as mutable'} `{name}`", pos)

    def use_place(self, pl: PlaceInfo, t: Type, pos: Pos) -> ir.Expr:
        """Read a place by value: copy it, or move out of it."""
        path = getattr(pl, "payload_of", None) or pl.path
        if is_copy(t):
            self.check_usable(pl.path, pos, "use", pl.desc)
            return pl.ir
        if pl.path is None:
            if pl.why_not in ("ref", "shared", "mut", "rc") or pl.desc.startswith("*"):
                kind = "an `Rc`" if pl.why_not == "rc" else "a shared reference"
                self.fail(f"cannot move out of `{pl.desc}` which is behind {kind}", pos)
            if getattr(pl, "index_of", None) is not None:
                self.fail(f"cannot move out of index of `{pl.index_of}`", pos)
            if isinstance(self.owner, A.Closure):
                self.fail(f"cannot move out of `{pl.desc}`, a captured variable in an `FnMut` closure", pos)
            self.fail(f"cannot move out of `{pl.desc}`", pos)
        self.check_usable(path, pos, "use", pl.desc)
        if pl.path != path:
            self.check_usable(pl.path, pos, "use", pl.desc)
        self.mark_moved(path, pos)
        return pl.ir

    # ---- values ---------------------------------------------------------------------------

    def coerced(self, e: A.Expr, v: ir.Expr) -> ir.Expr:
        steps = getattr(e, "coerce", None)
        if not steps:
            return v
        target = getattr(e, "coerce_to_ty", None)
        cur = v
        pos = e.pos
        for st in steps:
            ct = cur.ty
            if st == "deref":
                assert isinstance(ct, PtrType)
                inner = ct.elem
                assert isinstance(inner, PtrType)
                cur = ir.Deref(inner, pos, cur)
            elif st == "vec_slice":
                et = ct.elem.elem  # type: ignore[union-attr]
                cur = ir.Intrinsic(SliceType(et, "ref"), pos, "vec_as_slice", [ir.Deref(ct.elem, pos, cur)])  # type: ignore[union-attr]
            elif st == "array_slice":
                at = ct.elem  # type: ignore[union-attr]
                cur = ir.Intrinsic(SliceType(at.elem, "ref"), pos, "array_as_slice", [ir.Deref(at, pos, cur)])
            elif st == "string_str":
                cur = ir.Intrinsic(RUST_STR, pos, "string_as_str", [ir.Deref(ct.elem, pos, cur)])  # type: ignore[union-attr]
            elif st == "load":
                cur = ir.Deref(ct.elem, pos, cur)  # type: ignore[union-attr]
            elif st == "reborrow":
                pass
        if target is not None and isinstance(cur, ir.Expr) and isinstance(target, PtrType) and \
                isinstance(cur.ty, PtrType):
            cur = _retype(cur, target)
        return cur

    def value(self, e: A.Expr) -> ir.Expr:
        """Lower `e` used by value (moves out of non-Copy places)."""
        meth = getattr(self, "v_" + e.__class__.__name__, None)
        if meth is None:
            self.fail(f"unsupported: {e.__class__.__name__.lower()}", e.pos)
        return meth(e)

    def v_Lit(self, e: A.Lit) -> ir.Expr:
        t = e.ty
        v = e.value
        if isinstance(t, FloatType):
            v = float(v)
        return ir.Const(t, e.pos, v)

    def v_Path(self, e: A.Path) -> ir.Expr:
        b = getattr(e, "binding", None)
        if b is not None:
            pl = self.place(e)
            return self.use_place(pl, e.ty, e.pos)
        c = getattr(e, "const", None)
        if c is not None:
            return self.value(c.value)
        if hasattr(e, "const_value"):
            return ir.Const(e.ty, e.pos, e.const_value)  # type: ignore[attr-defined]
        if getattr(e, "builtin", None) == "None":
            return ir.Const(e.ty, e.pos, None)
        st = getattr(e, "unit_struct", None)
        if st is not None:
            return ir.CompositeLit(st, e.pos, [])
        self.fail("unsupported: path", e.pos)

    def v_Field(self, e: A.Field) -> ir.Expr:
        pl = self.place(e)
        return self.use_place(pl, e.ty, e.pos)

    def v_Index(self, e: A.Index) -> ir.Expr:
        if getattr(e, "slice", False):
            self.fail("unsupported: slicing without `&`", e.pos)
        pl = self.place(e)
        return self.use_place(pl, e.ty, e.pos)

    def v_Unary(self, e: A.Unary) -> ir.Expr:
        if e.op == "*":
            pl = self.place(e)
            return self.use_place(pl, e.ty, e.pos)
        if e.op == "-" and isinstance(e.x, A.Lit) and e.x.kind in ("int", "float"):
            t = e.ty
            v = -e.x.value
            if isinstance(t, FloatType):
                v = float(v)
            return ir.Const(t, e.pos, v)
        x = self.derefd(self.value(e.x), getattr(e, "derefs", 0), e.pos)
        t = e.ty
        if e.op == "!" and isinstance(t, IntType):
            return ir.Unary(t, e.pos, "^", x)
        return ir.Unary(t, e.pos, e.op, x)

    def derefd(self, v: ir.Expr, n: int, pos: Pos) -> ir.Expr:
        for _ in range(n):
            pt = v.ty
            assert isinstance(pt, PtrType)
            v = ir.Deref(pt.elem, pos, v)
        return v

    def v_Binary(self, e: A.Binary) -> ir.Expr:
        op = e.op
        if op in ("&&", "||"):
            x = self.value(e.left)
            before = self.state.copy()
            stmts, y = self.capture_stmts(lambda: self.value(e.right))
            self.state = merge_states(before, self.state) or self.state
            return ir.Binary(BOOL, e.pos, op, x, self.seq(stmts, y, e.right.pos))
        if getattr(e, "string_add", False):
            x = self.value(e.left)
            y = self.coerced(e.right, self.value(e.right))
            site = self.cl.site(e, "push_str", reasons.expr_reason("push_str"))
            return ir.Intrinsic(STRING, e.pos, "string_add", [x, y], site=site)
        none = getattr(e, "none_test", None)
        if none is not None:
            other = e.left if none is e.right else e.right
            x = self.derefd(self.operand_ref(other), getattr(e, "lderefs" if other is e.left else "rderefs", 0),
                            e.pos)
            pl = x if _is_ir_place(x) else self.seq_temp(x, e.pos)
            test = ir.Intrinsic(BOOL, e.pos, "opt_is_some", [pl])
            return test if op == "!=" else ir.Unary(BOOL, e.pos, "!", test)
        if op in ("==", "!=", "<", "<=", ">", ">="):
            # PartialEq / PartialOrd take both operands by reference: no move
            x = self.derefd(self.operand_ref(e.left), getattr(e, "lderefs", 0), e.pos)
            y = self.derefd(self.operand_ref(e.right), getattr(e, "rderefs", 0), e.pos)
        else:
            x = self.derefd(self.value(e.left), getattr(e, "lderefs", 0), e.pos)
            y = self.derefd(self.value(e.right), getattr(e, "rderefs", 0), e.pos)
        if isinstance(x.ty, SliceType) or isinstance(y.ty, SliceType):
            # String comparisons: compare texts
            if isinstance(x.ty, SliceType):
                x = self.string_view(x, e.pos)
            if isinstance(y.ty, SliceType):
                y = self.string_view(y, e.pos)
        checked = isinstance(e.ty, IntType)
        return ir.Binary(e.ty, e.pos, op, x, y, checked=checked)

    def seq_temp(self, v: ir.Expr, pos: Pos) -> ir.Expr:
        """A Copy value as a place (a frame temporary)."""
        t = v.ty
        tmp = self.cl.hidden_var((id(v), "cmp"), "<temporary>", t, pos)
        pt = PtrType(t, "ref")
        return ir.Deref(t, pos, ir.BlockExpr(pt, pos, ir.Block(
            pos, [ir.Decl(pos, tmp, v)], [], ir.AddrOf(pt, pos, ir.VarRef(t, pos, tmp)))))

    def operand_ref(self, x: A.Expr) -> ir.Expr:
        """An operand read through a reference: a place is not moved, an
        owning temporary lives to the end of the statement."""
        if is_copy(x.ty):
            return self.value(x)
        if _is_place_expr(x):
            pl = self.place(x)
            self.check_usable(pl.path, x.pos, "borrow", pl.desc)
            return pl.ir
        return self.temp_place(x).ir

    def string_view(self, v: ir.Expr, pos: Pos) -> ir.Expr:
        return ir.Intrinsic(RUST_STR, pos, "string_value_as_str", [v])

    def v_Ref(self, e: A.Ref) -> ir.Expr:
        if getattr(e.x, "slice", False):
            return self.slice_range(e.x, e)
        if isinstance(e.x, A.Lit) and e.x.kind == "str":
            pl = self.temp_place(e.x)
            return ir.AddrOf(e.ty, e.pos, pl.ir)
        pl = self.place(e.x) if _is_place_expr(e.x) else self.temp_place(e.x)
        self.check_usable(pl.path, e.pos, "borrow", pl.desc)
        if e.mutable:
            self.require_mutable(pl, e.pos, "borrow")
        return ir.AddrOf(e.ty, e.pos, pl.ir)

    def slice_range(self, ix: A.Index, e: A.Ref) -> ir.Expr:
        base = self.auto_deref(self.base_place(ix.base), ix.base.ty, getattr(ix, "derefs", 0), ix.pos)
        r = ix.index
        assert isinstance(r, A.Range)
        lo = self.value(r.lo) if r.lo is not None else ir.Const(USIZE, ix.pos, 0)
        hi = self.value(r.hi) if r.hi is not None else None
        args = [base.ir, lo] + ([hi] if hi is not None else [])
        if e.mutable:
            self.require_mutable(base, e.pos, "borrow")
        return ir.Intrinsic(e.ty, e.pos, "slice_range", args, extra=r.inclusive)

    def v_Cast(self, e: A.Cast) -> ir.Expr:
        x = self.value(e.x)
        if x.ty == e.ty:
            return x
        return ir.Convert(e.ty, e.pos, x)

    def v_Tuple(self, e: A.Tuple) -> ir.Expr:
        if not e.elems:
            return ir.CompositeLit(UNIT, e.pos, [])
        return ir.CompositeLit(e.ty, e.pos, [self.coerced(x, self.value(x)) for x in e.elems])

    def v_Array(self, e: A.Array) -> ir.Expr:
        return ir.CompositeLit(e.ty, e.pos, [self.value(x) for x in e.elems])

    def v_ArrayRepeat(self, e: A.ArrayRepeat) -> ir.Expr:
        n = e.n  # type: ignore[attr-defined]
        et = e.elem.ty
        if n > 1 and not is_copy(et) and not (isinstance(e.elem, A.Path) and getattr(e.elem, "const", None)):
            self.fail(f"the trait bound `{et}: Copy` is not satisfied (array repeat of a non-Copy value)", e.pos)
        x = self.value(e.elem)
        if n == 0 and needs_drop(et):
            pass
        return ir.Intrinsic(e.ty, e.pos, "array_repeat", [x], extra=n)

    def v_StructLit(self, e: A.StructLit) -> ir.Expr:
        st: StructType = e.struct  # type: ignore[attr-defined]
        vals: dict[str, ir.Expr] = {}
        order = [name for name, _, _ in e.fields]
        decl_order = [n for n, _ in st.fields]
        for name, x, _ in e.fields:
            vals[name] = self.coerced(x, self.value(x))
        if order != decl_order and any(not isinstance(v, (ir.Const, ir.VarRef)) for v in vals.values()):
            # evaluate in source order, then assemble in declaration order
            stmts: list[ir.Stmt] = []
            for name in order:
                v = vals[name]
                if isinstance(v, (ir.Const, ir.VarRef)):
                    continue
                tmp = self.hidden(e, "field " + name, v.ty, f"<field {name}>")
                stmts.append(ir.Decl(e.pos, tmp, v))
                vals[name] = ir.VarRef(v.ty, e.pos, tmp)
            return self.seq(stmts, ir.CompositeLit(st, e.pos, [vals[n] for n in decl_order]), e.pos)
        return ir.CompositeLit(st, e.pos, [vals[n] for n in decl_order])

    def v_Block(self, e: A.Block) -> ir.Expr:
        return self.block_value(e)

    def block_value(self, b: A.Block) -> ir.Expr:
        """A block used for its value: locals dropped after the tail is computed."""
        sc = self.push_scope("block")
        saved = self.cur
        self.cur = []
        t = b.ty
        for s in b.stmts:
            self.lower_stmt(s)
        tail: ir.Expr | None = None
        if b.tail is not None and self.reachable:
            tail = self.coerced(b.tail, self.value(b.tail))
        if not self.reachable:
            stmts = self.cur
            self.cur = saved
            self.scopes.pop()
            for en in sc.entries:
                self.state.forget(en.var)
            # a diverging tail (`loop {}`, `panic!()`) is still evaluated
            value = tail if tail is not None else _never(b.pos)
            return ir.BlockExpr(t, b.pos, ir.Block(b.pos, stmts, [], value))
        drops = self.scope_drops(sc, b.end_pos)
        if tail is None:
            tail = ir.CompositeLit(UNIT, b.pos, [])
        if drops and not isinstance(t, UnitType):
            tv = self.hidden(b, "value", tail.ty, "<block value>")
            self.emit(ir.Decl(b.end_pos, tv, tail))
            tail = ir.VarRef(tail.ty, b.end_pos, tv)
        elif drops:
            self.emit(ir.ExprStmt(b.end_pos, tail))
            tail = ir.CompositeLit(UNIT, b.pos, [])
        self.cur.extend(drops)
        stmts = self.cur
        self.cur = saved
        self.scopes.pop()
        for en in sc.entries:
            self.state.forget(en.var)
        scope_vars = [en.var for en in sc.entries if not getattr(en.var, "hidden", False)]
        return ir.BlockExpr(tail.ty if not isinstance(t, NeverT) else t, b.pos,
                            ir.Block(b.pos, stmts, scope_vars, tail, b.end_pos))

    # ---- calls -----------------------------------------------------------------------------

    def args(self, args: list[A.Expr]) -> list[ir.Expr]:
        return [self.coerced(a, self.value(a)) for a in args]

    def v_Call(self, e: A.Call) -> ir.Expr:
        callee = getattr(e, "callee", None)
        if callee is None:
            self.fail("unsupported: call", e.pos)
        kind = callee[0]
        if kind == "fn":
            info: FnInfo = callee[1]
            f_ir = self.cl.info_func[id(info)]
            return ir.Call(info.ret, e.pos, f_ir, self.args(e.args))
        if kind == "tuple_struct":
            st = callee[1]
            return ir.CompositeLit(st, e.pos, self.args(e.args))
        if kind == "closure":
            f = self.value(e.func)
            return ir.CallValue(e.ty, e.pos, f, self.args(e.args))
        name = callee[1]
        return self.builtin_call(e, name)

    def builtin_call(self, e: A.Call, name: str) -> ir.Expr:
        t = e.ty
        pos = e.pos
        if name == "Some":
            v = self.coerced(e.args[0], self.value(e.args[0]))
            return ir.Intrinsic(t, pos, "opt_some", [v])
        if name == "drop":
            self.lower_drop_call(e)
            return ir.CompositeLit(UNIT, pos, [])
        if name == "Box::new":
            inner = t.elem  # type: ignore[union-attr]
            v = self.coerced(e.args[0], self.value(e.args[0]))
            if inner.size == 0:
                site = ir.AllocSite(pos, "box", getattr(e, "src", "Box::new"), "heap",
                                    "a zero-sized value: Box::new allocates nothing")
                return ir.Alloc(t, pos, site, v)
            site = self.cl.site(e, "box", reasons.expr_reason("box", inner))
            return ir.Alloc(t, pos, site, v)
        if name == "Rc::new":
            inner = t.elem  # type: ignore[union-attr]
            v = self.coerced(e.args[0], self.value(e.args[0]))
            site = self.cl.site(e, "rc", reasons.expr_reason("rc", inner))
            return ir.Intrinsic(t, pos, "rc_new", [v], site=site)
        if name == "Rc::clone":
            p = self.coerced(e.args[0], self.value(e.args[0]))
            return ir.Intrinsic(t, pos, "rc_clone", [ir.Deref(p.ty.elem, pos, p)])  # type: ignore[union-attr]
        if name == "Rc::strong_count":
            p = self.coerced(e.args[0], self.value(e.args[0]))
            return ir.Intrinsic(USIZE, pos, "rc_strong_count", [ir.Deref(p.ty.elem, pos, p)])  # type: ignore[union-attr]
        if name == "Vec::new":
            return ir.Intrinsic(t, pos, "vec_new", [])
        if name == "Vec::with_capacity":
            n = self.value(e.args[0])
            et = t.elem  # type: ignore[union-attr]
            site = None
            if et.size and not (isinstance(n, ir.Const) and n.value == 0):
                site = self.cl.site(e, "vec", reasons.expr_reason("with_capacity"))
            return ir.Intrinsic(t, pos, "vec_with_capacity", [n], site=site or _quiet_site(e, "vec"))
        if name == "String::new":
            return ir.Intrinsic(t, pos, "vec_new", [])
        if name == "String::with_capacity":
            n = self.value(e.args[0])
            site = None
            if not (isinstance(n, ir.Const) and n.value == 0):
                site = self.cl.site(e, "string", reasons.expr_reason("with_capacity"))
            return ir.Intrinsic(t, pos, "vec_with_capacity", [n], site=site or _quiet_site(e, "string"))
        if name in ("String::from", "String::from_string"):
            a = e.args[0]
            v = self.coerced(a, self.value(a))
            if name == "String::from_string":
                return v  # From<String> for String is the identity
            site = self.string_site(e, a)
            return ir.Intrinsic(t, pos, "string_from", [v], site=site)
        self.fail(f"unsupported: `{name}`", pos)

    def string_site(self, e: A.Expr, a: A.Expr) -> ir.AllocSite:
        if isinstance(a, A.Lit) and a.kind == "str" and a.value == "":
            return _quiet_site(e, "string")
        return self.cl.site(e, "string", reasons.expr_reason("string_from"))

    def lower_drop_call(self, e: A.Call) -> None:
        a = e.args[0]
        t = a.ty
        if _is_place_expr(a):
            pl = self.place(a)
            if is_copy(t):
                self.check_usable(pl.path, a.pos, "use", pl.desc)
                return
            self.use_place(pl, t, a.pos)  # checks and marks the move
            if needs_drop(t):
                self.emit(ir.Drop(e.pos, pl.ir))
            return
        v = self.value(a)
        if needs_drop(t):
            tmp = self.hidden(e, "drop", t, "<dropped>")
            self.emit(ir.Decl(e.pos, tmp, v))
            self.emit(ir.Drop(e.pos, ir.VarRef(t, e.pos, tmp)))
        else:
            self.emit(ir.ExprStmt(e.pos, v))

    def v_MethodCall(self, e: A.MethodCall) -> ir.Expr:
        mi = getattr(e, "method_info", None)
        if mi is None:
            self.fail("unsupported: method call", e.pos)
        kind, what = mi
        if kind == "iter":
            if not getattr(e, "iter_terminal", False):
                self.fail("unsupported: an iterator used as a value (end the chain with sum, count or "
                          "collect)", e.pos)
            return self.iter_chain(e)
        if kind == "fn":
            info: FnInfo = what
            recv = self.receiver(e)
            f_ir = self.cl.info_func[id(info)]
            return ir.Call(info.ret, e.pos, f_ir, [recv] + self.args(e.args))
        return self.builtin_method(e, what)

    def receiver(self, e: A.MethodCall) -> ir.Expr:
        """The receiver after auto-deref, auto-referenced as the method takes self."""
        mode = e.recv_mode  # type: ignore[attr-defined]
        k = e.recv_derefs  # type: ignore[attr-defined]
        rt = e.recv_ty  # type: ignore[attr-defined]
        r = e.receiver
        if mode == "value":
            if k == 0:
                return self.value(r)
            pl = self.auto_deref(self.base_place(r), r.ty, k, r.pos)
            return self.use_place(pl, rt, r.pos)
        pl = self.recv_place(e)
        return ir.AddrOf(PtrType(rt, "mut" if mode == "mut" else "ref"), r.pos, pl.ir)

    def recv_place(self, e: A.MethodCall) -> PlaceInfo:
        mode = e.recv_mode  # type: ignore[attr-defined]
        k = e.recv_derefs  # type: ignore[attr-defined]
        r = e.receiver
        if k > 0 and not _is_place_expr(r) and is_copy(r.ty):
            v = self.value(r)
            pt = r.ty
            assert isinstance(pt, PtrType)
            pl = PlaceInfo(ir.Deref(pt.elem, r.pos, v), None, pt.flavor == "mut", pt.flavor, "value")
            pl = self.auto_deref(pl, pt.elem, k - 1, r.pos)
        else:
            pl = self.auto_deref(self.base_place(r), r.ty, k, r.pos)
        self.check_usable(pl.path, r.pos, "borrow", pl.desc)
        rt = e.recv_ty  # type: ignore[attr-defined]
        if mode == "mut" and not (isinstance(rt, SliceType) and rt.flavor == "ref"):
            # (a `&mut [T]` is held by value: its elements are reachable through it)
            self.require_mutable(pl, r.pos, "borrow")
        return pl

    def builtin_method(self, e: A.MethodCall, key: str) -> ir.Expr:
        t = e.ty
        pos = e.pos
        rt = e.recv_ty  # type: ignore[attr-defined]

        def recv_pl() -> ir.Expr:
            return self.recv_place(e).ir

        if key.startswith("num_"):
            recv = self.receiver(e)
            return ir.Intrinsic(t, pos, key, [recv] + self.args(e.args))
        if key in ("vec_iter", "vec_iter_mut", "vec_into_iter", "slice_iter", "slice_iter_mut",
                   "slice_into_iter"):
            self.fail("unsupported: an iterator used as a value (end the chain with sum, count or collect)",
                      e.pos)
        if key == "clone" or key in ("vec_clone", "string_clone", "opt_clone", "string_to_string",
                                     "string_to_owned"):
            pl = recv_pl()
            site = self.clone_site(e, rt)
            return ir.Intrinsic(t, pos, "clone", [pl], site=site)
        if key == "clone_ref":
            return self.receiver(e)
        if key == "slice_to_vec":
            pl = recv_pl()
            site = self.cl.site(e, "clone", reasons.expr_reason("to_vec"))
            return ir.Intrinsic(t, pos, "slice_to_vec", [pl], site=site)
        if key == "rc_clone":
            return ir.Intrinsic(t, pos, "rc_clone", [recv_pl()])
        if key == "vec_push":
            pl = recv_pl()
            v = self.args(e.args)[0]
            elem = rt.elem
            site = self.cl.site(e, "push", reasons.expr_reason("push")) if elem.size else _quiet_site(e, "push")
            return ir.Intrinsic(UNIT, pos, "vec_push", [pl, v], site=site)
        if key in ("string_push_str", "string_push"):
            pl = recv_pl()
            v = self.args(e.args)[0]
            site = self.cl.site(e, "push_str", reasons.expr_reason("push_str"))
            return ir.Intrinsic(UNIT, pos, key, [pl, v], site=site)
        if key in ("vec_pop", "vec_len", "vec_capacity", "vec_is_empty", "vec_clear", "vec_truncate",
                   "vec_as_slice", "vec_first", "vec_last", "vec_reserve", "vec_shrink_to_fit",
                   "string_len", "string_capacity", "string_is_empty", "string_as_str", "string_clear",
                   "string_reserve"):
            pl = recv_pl()
            name = key
            if key.startswith("string_") and key not in ("string_as_str",):
                name = "vec_" + key[len("string_"):]
            site = None
            if key in ("vec_reserve", "string_reserve"):
                site = self.cl.site(e, "reserve", "reserve grows the heap buffer to fit the extra elements")
            return ir.Intrinsic(t, pos, name, [pl] + self.args(e.args), site=site)
        if key in ("slice_len", "slice_is_empty", "slice_first", "slice_last"):
            pl = recv_pl()
            return ir.Intrinsic(t, pos, key, [pl])
        if key in ("str_len", "str_is_empty"):
            return ir.Intrinsic(t, pos, key, [self.receiver(e)])
        if key in ("str_to_string", "str_to_owned"):
            recv = self.receiver(e)
            site = self.string_site(e, e.receiver)
            return ir.Intrinsic(t, pos, "string_from", [recv], site=site)
        if key == "str_clone":
            return self.receiver(e)
        if key in ("opt_is_some", "opt_is_none"):
            pl = recv_pl()
            test = ir.Intrinsic(BOOL, pos, "opt_is_some", [pl])
            return test if key == "opt_is_some" else ir.Unary(BOOL, pos, "!", test)
        if key == "opt_take":
            return ir.Intrinsic(t, pos, "opt_take", [recv_pl()])
        if key in ("opt_unwrap", "opt_expect", "opt_unwrap_or"):
            recv = self.receiver(e)
            return ir.Intrinsic(t, pos, key, [recv] + self.args(e.args))
        self.fail(f"unsupported: method `{e.method}`", e.method_pos)

    def clone_site(self, e: A.MethodCall, t: Type) -> ir.AllocSite:
        if isinstance(t, SliceType) and t.flavor == "vec":
            return self.cl.site(e, "clone", reasons.expr_reason("clone_vec"))
        if isinstance(t, SliceType) and t.flavor == "string":
            return self.cl.site(e, "clone", reasons.expr_reason("clone_string"))
        if isinstance(t, PtrType) and t.flavor == "box":
            return self.cl.site(e, "clone", reasons.expr_reason("clone_box"))
        if needs_drop(t):
            return self.cl.site(e, "clone", reasons.expr_reason("clone"))
        return _quiet_site(e, "clone")

    # ---- iterator chains -----------------------------------------------------------------

    def iter_chain(self, e: A.MethodCall) -> ir.Expr:
        """`source.adapter(f)...consumer()` as one runtime intrinsic."""
        terminal = e.method
        adapters: list[A.MethodCall] = []
        cur: A.Expr = e.receiver
        while isinstance(cur, A.MethodCall) and getattr(cur, "method_info", (None,))[0] == "iter":
            adapters.append(cur)
            cur = cur.receiver
        adapters.reverse()
        pos = e.pos
        args: list[ir.Expr] = []
        items: list[Type] = []
        if isinstance(cur, A.Range) or isinstance(cur.ty, RangeT):
            if not isinstance(cur, A.Range):
                self.fail("unsupported: a range that is not written in place", cur.pos)
            rt = cur.ty
            assert isinstance(rt, RangeT)
            args = [self.value(cur.lo), self.value(cur.hi)]
            source = "range_incl" if cur.inclusive else "range"
            src_elem = rt.elem
            items.append(rt.elem)
            array_len = 0
            bkind = "vec"
        elif isinstance(cur, A.MethodCall) and getattr(cur, "iter_src", None):
            key = cur.iter_src  # type: ignore[attr-defined]
            rty = cur.recv_ty  # type: ignore[attr-defined]
            it = cur.ty
            assert isinstance(it, IterT)
            items.append(it.item)
            array_len = rty.length if isinstance(rty, ArrayType) else 0
            bkind = "array" if isinstance(rty, ArrayType) else ("vec" if isinstance(rty, SliceType) and
                                                                 rty.flavor == "vec" else "slice")
            src_elem = rty.elem  # type: ignore[union-attr]
            if key in ("vec_into_iter",) or (key == "slice_into_iter" and isinstance(rty, ArrayType)):
                source = "into_iter" if key == "vec_into_iter" else "array_into_iter"
                args = [self.receiver(cur)]
            else:
                source = "borrow"
                pl = self.recv_place(cur)
                args = [pl.ir]
        else:
            self.fail("unsupported: iterator source", cur.pos)
        kinds: list[str] = []
        for a in adapters:
            kinds.append(a.method)
            items.append(a.ty.item)  # type: ignore[union-attr]
            args.append(self.value(a.args[0]))
        result = e.ty
        spec = ChainSpec(source, src_elem, items, kinds, terminal, result, array_len, bkind)
        spec.trusted_len = "filter" not in kinds
        site = None
        if terminal == "collect":
            dst = result.elem  # type: ignore[union-attr]
            if source == "into_iter":
                src = src_elem
                spec.in_place = (src.size > 0 and dst.size > 0 and src.align == dst.align and
                                 src.size >= dst.size)
            if spec.in_place:
                why = "the source Vec's buffer is reused in place (no new allocation)"
            elif spec.trusted_len:
                why = "the length is known up front (TrustedLen), so it allocates once, exactly"
            else:
                why = (f"after filter the length is unknown: room for {min_non_zero_cap(dst)} at the "
                       f"first element, then doubling by realloc")
            if dst.size == 0:
                site = _quiet_site(e, "collect")
            else:
                site = self.cl.site(e, "collect", reasons.expr_reason("collect", extra=why))
        if terminal == "sum":
            st = getattr(e, "sum_ty", None) or result
            spec.result = st
        return ir.Intrinsic(result, pos, "iter_chain", args, site=site, extra=spec)

    # ---- closures ------------------------------------------------------------------------

    def v_Closure(self, e: A.Closure) -> ir.Expr:
        fty: FuncType = e.fty  # type: ignore[attr-defined]
        ret = fty.results[0] if fty.results else UNIT
        flags: set[tuple] = set()
        for attempt in range(3):
            sub = FnLower(self.cl, e, ret, flags)
            sub.parent = self  # type: ignore[attr-defined]
            func = sub.lower_closure(e, fty)
            if sub.need_flags <= flags:
                break
            flags = flags | sub.need_flags
        caps = list(sub.captures.values())
        for c in caps:
            b = next(b for b, cc in sub.captures.items() if cc is c)
            if b.owner is self.owner or not isinstance(self.owner, A.Closure):
                v = self.cl.var(b)
                if v in self.state.vars:
                    self.check_usable((v, ()), e.pos, "borrow", b.name)
        site = ir.AllocSite(e.pos, "func_lit", "closure", "stack",
                            "a closure's captures live in the caller's stack frame")
        func.captures = caps
        return ir.FuncLit(fty, e.pos, site, func, caps)

    def lower_closure(self, e: A.Closure, fty: FuncType) -> ir.Func:
        params: list[ir.Var] = []
        func = ir.Func("{closure}", e.pos, [], list(fty.results), ir.Block(e.pos, []),
                       outer=getattr(self, "parent").func)
        self.func = func
        fn_scope = self.push_scope("fn")
        self.cur = []
        pattern_params: list[tuple[A.ClosureParam, ir.Var]] = []
        for k, p in enumerate(e.params):
            pt = fty.params[k]
            if isinstance(p.pattern, A.PIdent):
                v = self.cl.var(p.pattern.binding)  # type: ignore[attr-defined]
            else:
                v = self.cl.hidden_var(("cparam", id(p)), f"<arg {k}>", pt, p.pos)
                if not isinstance(p.pattern, A.PWild):
                    pattern_params.append((p, v))
            params.append(v)
            fn_scope.entries.append(Entry(v))
            self.state.vars[v] = INIT
        func.params = params
        for v in params:
            self.set_flags(v, (), True, e.pos, decl=True)

        def pre(block_scope: Scope) -> None:
            for p, v in pattern_params:
                self.bind_pattern(p.pattern, PlaceInfo(ir.VarRef(v.ty, p.pos, v), (v, ()), True, desc=v.name),
                                  block_scope)
        body = e.body
        ret = fty.results[0] if fty.results else UNIT
        if isinstance(body, A.Block):
            blk = body
        else:
            blk = A.Block(body.pos, [], body, body.pos)
            blk.ty = body.ty
        self.lower_body(blk, ret, blk.end_pos, pre)
        func.body = ir.Block(e.pos, self.cur, [], None)
        func.locals = _locals_in(func.body, params, [c.inner for c in self.captures.values()])
        return func

    # ---- macros -------------------------------------------------------------------------------

    def v_VecMacro(self, e: A.VecMacro) -> ir.Expr:
        t = e.ty
        et = t.elem  # type: ignore[union-attr]
        if e.repeat is not None:
            x, n = e.repeat
            xv = self.value(x)
            nv = self.value(n)
            quiet = et.size == 0 or (isinstance(nv, ir.Const) and nv.value == 0)
            site = _quiet_site(e, "vec") if quiet else self.cl.site(e, "vec", reasons.expr_reason("vec_repeat"))
            return ir.Intrinsic(t, e.pos, "vec_repeat", [xv, nv], site=site)
        if not e.elems:
            return ir.Intrinsic(t, e.pos, "vec_new", [])
        vals = [self.coerced(x, self.value(x)) for x in e.elems]
        quiet = et.size == 0
        site = _quiet_site(e, "vec") if quiet else self.cl.site(
            e, "vec", reasons.expr_reason("vec_lit", et, len(e.elems)))
        return ir.Intrinsic(t, e.pos, "vec_lit", vals, site=site)

    def lower_print(self, e: A.PrintMacro) -> None:
        args = []
        for piece, a in zip([p for p in e.pieces if p in ("{}", "{:?}")], e.args):
            t = a.ty
            if piece == "{}" and not is_display(t):
                self.fail(f"`{t}` doesn't implement `std::fmt::Display`", a.pos)
            if piece == "{:?}" and not is_debug(t):
                self.fail(f"`{t}` doesn't implement `Debug`", a.pos)
            if _is_place_expr(a):
                pl = self.place(a)
                self.check_usable(pl.path, a.pos, "borrow", pl.desc)
                args.append(pl.ir)
            else:
                args.append(self.value(a) if is_copy(t) else self.temp_value_for_print(a))
        pieces = list(e.pieces)
        if not e.newline:
            pieces.append("\0nonl")
        self.emit(ir.Print(e.pos, args, pieces if e.newline else pieces))

    def temp_value_for_print(self, a: A.Expr) -> ir.Expr:
        pl = self.temp_place(a)
        return pl.ir

    def panic(self, e: A.PanicMacro) -> ir.Expr:
        return ir.Intrinsic(NEVER, e.pos, "panic", [], extra=e.message)

    def v_PanicMacro(self, e: A.PanicMacro) -> ir.Expr:
        return self.panic(e)

    def v_PrintMacro(self, e: A.PrintMacro) -> ir.Expr:
        self.lower_print(e)
        return ir.CompositeLit(UNIT, e.pos, [])

    # ---- assignment -----------------------------------------------------------------------

    def lower_assign(self, e: A.Assign) -> None:
        if getattr(e, "discard", False):
            self.lower_expr_stmt(e.value, e.pos)
            return
        target = e.target
        t = target.ty
        value = self.coerced(e.value, self.value(e.value))
        if not self.reachable:
            self.run_diverged(value, e.value.pos)
            return
        pl = self.place(target)
        if pl.path is not None and pl.path[1] == () and not pl.mutable and pl.why_not == "immutable":
            var = pl.path[0]
            if self.state.get(var) != UNINIT:
                self.fail(f"cannot assign twice to immutable variable `{pl.desc}`", e.pos)
        elif not pl.mutable:
            if pl.path is not None and pl.why_not == "immutable":
                var, proj = pl.path
                self.fail(f"cannot assign to `{pl.desc}`, as `{var.name}` is not declared as mutable", e.pos)
            self.require_mutable(pl, e.pos, "assign")
        if pl.path is not None:
            # assigning into a field of a moved-out local is not allowed
            var, proj = pl.path
            if proj:
                parent_state = self.state.get(var, ())
                if parent_state in (UNINIT, MOVED, MAYBE):
                    self.fail(f"assign to part of moved value: `{var.name}`", e.pos)
        if needs_drop(t):
            old = self.state.get(pl.path[0], pl.path[1]) if pl.path is not None else INIT
            if old in (UNINIT, MOVED):
                self.emit(ir.Assign(e.pos, [pl.ir], [value]))
            else:
                tmp = self.hidden(e, "new value", t, "<new value>")
                self.emit(ir.Decl(e.pos, tmp, value))
                drops: list[ir.Stmt] = []
                if pl.path is not None:
                    self.drop_path(pl.path, pl.ir, t, old, e.pos, drops)
                else:
                    drops.append(ir.Drop(e.pos, pl.ir))
                self.cur.extend(drops)
                self.emit(ir.Assign(e.pos, [pl.ir], [ir.VarRef(t, e.pos, tmp)]))
        else:
            self.emit(ir.Assign(e.pos, [pl.ir], [value]))
        if pl.path is not None:
            self.mark_init(pl.path, e.pos)

    def lower_compound(self, e: A.CompoundAssign) -> None:
        if getattr(e, "string_push", False):
            pl = self.place(e.target)
            self.require_mutable(pl, e.pos, "borrow")
            self.check_usable(pl.path, e.pos, "borrow", pl.desc)
            v = self.coerced(e.value, self.value(e.value))
            site = self.cl.site(e, "push_str", reasons.expr_reason("push_str"))
            self.emit(ir.ExprStmt(e.pos, ir.Intrinsic(UNIT, e.pos, "string_push_str", [pl.ir, v], site=site)))
            return
        v = self.derefd(self.value(e.value), getattr(e, "vderefs", 0), e.pos)
        pl = self.place(e.target)
        self.check_usable(pl.path, e.pos, "use", pl.desc)
        if not pl.mutable:
            if pl.why_not == "immutable" and pl.path is not None and not pl.path[1]:
                self.fail(f"cannot assign twice to immutable variable `{pl.desc}`", e.pos)
            self.require_mutable(pl, e.pos, "assign")
        t = e.target.ty
        self.emit(ir.OpAssign(e.pos, pl.ir, e.op, v, checked=isinstance(t, IntType)))

    def v_Assign(self, e: A.Assign) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_assign(e), e.pos)

    def v_CompoundAssign(self, e: A.CompoundAssign) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_compound(e), e.pos)

    # ---- control flow -----------------------------------------------------------------------

    def lower_jump(self, e: A.Expr) -> None:
        if isinstance(e, A.Return):
            self.lower_return(e)
        elif isinstance(e, A.Break):
            self.lower_break(e)
        elif isinstance(e, A.Continue):
            self.lower_continue(e)

    def v_Return(self, e: A.Return) -> ir.Expr:
        stmts, _ = self.capture_stmts(lambda: self.lower_return(e))
        return self.seq(stmts, _never(e.pos), e.pos)

    def v_Break(self, e: A.Break) -> ir.Expr:
        stmts, _ = self.capture_stmts(lambda: self.lower_break(e))
        return self.seq(stmts, _never(e.pos), e.pos)

    def v_Continue(self, e: A.Continue) -> ir.Expr:
        stmts, _ = self.capture_stmts(lambda: self.lower_continue(e))
        return self.seq(stmts, _never(e.pos), e.pos)

    def lower_return(self, e: A.Return) -> None:
        value = None
        if e.value is not None:
            value = self.coerced(e.value, self.value(e.value))
            if not self.reachable:
                self.run_diverged(value, e.value.pos)
                return
        drops = self.exit_drops(0, e.pos)
        if value is not None and not isinstance(self.ret, UnitType):
            if drops:
                rv = self.hidden(e, "ret", self.ret, "<return value>")
                self.emit(ir.Decl(e.pos, rv, value))
                self.cur.extend(drops)
                self.emit(ir.Return(e.pos, [ir.VarRef(self.ret, e.pos, rv)]))
            else:
                self.emit(ir.Return(e.pos, [value]))
        else:
            if value is not None:
                self.emit(ir.ExprStmt(e.pos, value))
            self.cur.extend(drops)
            self.emit(ir.Return(e.pos, []))
        self.unreachable()

    def find_loop(self, label: str | None, pos: Pos) -> LoopFrame:
        for lf in reversed(self.loops):
            if label is None or lf.label == label:
                return lf
        self.fail("`break` outside of a loop", pos)

    def lower_break(self, e: A.Break) -> None:
        lf = self.find_loop(e.label, e.pos)
        value = None
        if e.value is not None:
            value = self.coerced(e.value, self.value(e.value))
            if not self.reachable:
                self.run_diverged(value, e.value.pos)
                return
        drops = self.exit_drops(lf.depth, e.pos)
        label = lf.label
        if value is not None and lf.value_var is not None and not isinstance(value.ty, UnitType):
            if drops:
                self.emit(ir.Decl(e.pos, lf.value_var, value))
                self.cur.extend(drops)
                value = ir.VarRef(value.ty, e.pos, lf.value_var)
            self.emit(ir.Break(e.pos, label, value))
        else:
            if value is not None:
                self.emit(ir.ExprStmt(e.pos, value))
            self.cur.extend(drops)
            self.emit(ir.Break(e.pos, label, None))
        st = self.state.copy()
        for sc in self.scopes[lf.depth:]:
            for en in sc.entries:
                st.forget(en.var)
        lf.breaks.append(st)
        self.unreachable()

    def lower_continue(self, e: A.Continue) -> None:
        lf = self.find_loop(e.label, e.pos)
        drops = self.exit_drops(lf.depth, e.pos)
        self.cur.extend(drops)
        self.emit(ir.Continue(e.pos, lf.label))
        st = self.state.copy()
        for sc in self.scopes[lf.depth:]:
            for en in sc.entries:
                st.forget(en.var)
        lf.continues.append(st)
        self.unreachable()

    def branch(self, fn: Callable[[], Any]) -> tuple[Any, MoveState | None, list[ir.Stmt]]:
        """Lower one arm of a branch from the current state; returns its
        result, its end state (None if it never ends) and its statements."""
        saved_state = self.state
        saved_reach = self.reachable
        self.state = saved_state.copy()
        self.reachable = True
        stmts, r = self.capture_stmts(fn)
        end = self.state if self.reachable else None
        self.state = saved_state
        self.reachable = saved_reach
        return r, end, stmts

    def join(self, ends: list[MoveState | None]) -> None:
        out: MoveState | None = None
        for s in ends:
            out = merge_states(out, s)
        if out is None:
            self.unreachable()
            return
        # keep variables that are in scope here (branch-local ones were forgotten)
        self.state = out

    def cond_value(self, e: A.Expr) -> ir.Expr:
        """An `if`/`while` condition: its temporaries are dropped before the branch."""
        temps = self.push_scope("temps")
        c = self.value(e)
        if temps.entries and self.reachable:
            drops = self.scope_drops(temps, e.pos)
            if drops:
                cv = self.hidden(e, "cond", BOOL, "<condition>")
                self.emit(ir.Decl(e.pos, cv, c))
                self.cur.extend(drops)
                c = ir.VarRef(BOOL, e.pos, cv)
        self.scopes.pop()
        for en in temps.entries:
            self.state.forget(en.var)
        return c

    def lower_if_stmt(self, e: A.If) -> None:
        if isinstance(e.cond, A.LetCond):
            self.lower_if_let(e, None)
            return
        c = self.cond_value(e.cond)
        if not self.reachable:
            self.run_diverged(c, e.cond.pos)
            return
        _, s1, then = self.branch(lambda: self.lower_block_stmt(e.then))
        if e.else_ is not None:
            _, s2, els = self.branch(lambda: self.lower_else_stmt(e.else_))
        else:
            s2, els = self.state.copy(), []
        self.emit(ir.If(e.pos, c, _as_block(then, e.then.pos), _as_block(els, e.pos) if e.else_ is not None else None))
        self.join([s1, s2])

    def lower_else_stmt(self, x: A.Expr) -> None:
        if isinstance(x, A.Block):
            self.lower_block_stmt(x)
        elif isinstance(x, A.If):
            self.lower_if_stmt(x)
        else:
            self.lower_expr_stmt(x, x.pos)

    def v_If(self, e: A.If) -> ir.Expr:
        if isinstance(e.cond, A.LetCond):
            return self.lower_if_let(e, e.ty)
        t = e.ty
        if isinstance(t, UnitType) or e.else_ is None:
            return self.unit_expr(lambda: self.lower_if_stmt(e), e.pos)
        c = self.cond_value(e.cond)
        v1, s1, st1 = self.branch(lambda: self.block_value(e.then))
        v2, s2, st2 = self.branch(lambda: self.else_value(e.else_))
        self.join([s1, s2])
        then_b = ir.Block(e.then.pos, st1, [], v1)
        else_b = ir.Block(e.else_.pos, st2, [], v2)
        return ir.IfExpr(t, e.pos, c, then_b, else_b)

    def else_value(self, x: A.Expr) -> ir.Expr:
        if isinstance(x, A.Block):
            return self.block_value(x)
        return self.value(x)

    def lower_if_let(self, e: A.If, t: Type | None) -> ir.Expr | None:
        """`if let PAT = EXPR { .. } else { .. }`: the scrutinee lives to the end."""
        lc = e.cond
        assert isinstance(lc, A.LetCond)
        as_value = t is not None and not isinstance(t, UnitType)
        outer = self.push_scope("temps")
        saved = self.cur
        self.cur = []
        src = self.scrutinee(lc.value, lc.pos, outer, [lc.pattern])
        test = self.pattern_test(lc.pattern, src)
        cond = test if test is not None else ir.Const(BOOL, lc.pos, True)

        def then() -> Any:
            sc = self.push_scope("block")
            self.bind_pattern(lc.pattern, src, sc)
            if as_value:
                v = self.block_value(e.then)
                if self.reachable:
                    drops = self.scope_drops(sc, e.then.end_pos)
                    if drops:
                        tv = self.hidden(e, "arm", v.ty, "<if let value>")
                        self.emit(ir.Decl(e.pos, tv, v))
                        self.cur.extend(drops)
                        v = ir.VarRef(v.ty, e.pos, tv)
                self.scopes.pop()
                for en in sc.entries:
                    self.state.forget(en.var)
                return v
            self.lower_block_stmt(e.then)
            self.pop_scope(sc, e.then.end_pos)
            return None

        def other() -> Any:
            if e.else_ is None:
                return ir.CompositeLit(UNIT, e.pos, []) if as_value else None
            if as_value:
                return self.else_value(e.else_)
            self.lower_else_stmt(e.else_)
            return None
        v1, s1, st1 = self.branch(then)
        v2, s2, st2 = self.branch(other)
        self.join([s1, s2])
        if as_value:
            node: Any = ir.IfExpr(t, e.pos, cond, ir.Block(e.pos, st1, [], v1), ir.Block(e.pos, st2, [], v2))
            tv = self.hidden(e, "value", t, "<if let value>")
            if self.reachable:
                self.emit(ir.Decl(e.pos, tv, node))
        else:
            self.emit(ir.If(e.pos, cond, ir.Block(e.pos, st1), ir.Block(e.pos, st2) if st2 else None))
        if self.reachable:
            self.pop_scope(outer, e.pos)
        else:
            self.scopes.pop()
        stmts = self.cur
        self.cur = saved
        if as_value:
            return self.seq(stmts, ir.VarRef(t, e.pos, tv), e.pos)
        self.cur.extend(stmts)
        return None

    def v_Match(self, e: A.Match) -> ir.Expr:
        t = e.ty
        if isinstance(t, (UnitType,)):
            return self.unit_expr(lambda: self.lower_match(e, None), e.pos)
        stmts, v = self.capture_stmts(lambda: self.lower_match(e, t))
        return self.seq(stmts, v, e.pos)

    def lower_match(self, e: A.Match, t: Type | None) -> ir.Expr | None:
        """A chain of tests; arm bindings are dropped at the end of their arm,
        the scrutinee temporary at the end of the match."""
        as_value = t is not None and not isinstance(t, (UnitType, NeverT))
        outer = self.push_scope("temps")
        src = self.scrutinee(e.scrutinee, e.pos, outer, [a.pattern for a in e.arms])
        result = self.hidden(e, "value", t, "<match value>") if as_value else None
        ends: list[MoveState | None] = []
        chain: list[tuple[ir.Expr | None, list[ir.Stmt]]] = []
        for arm in e.arms:
            test = self.pattern_test(arm.pattern, src)

            def body(arm: A.Arm = arm) -> Any:
                sc = self.push_scope("block")
                self.bind_pattern(arm.pattern, src, sc)
                if as_value:
                    v = self.value(arm.body) if not isinstance(arm.body, A.Block) else self.block_value(arm.body)
                    if self.reachable:
                        v = self.coerced(arm.body, v)
                        self.emit(ir.Decl(arm.pos, result, v))
                else:
                    self.lower_expr_stmt(arm.body, arm.body.pos)
                if self.reachable:
                    self.pop_scope(sc, arm.body.pos)
                else:
                    self.scopes.pop()
                return None
            if arm is e.arms[-1] and arm.guard is None:
                test = None  # the match is exhaustive: the last arm needs no test
            if arm.guard is not None:
                # the guard sees the bindings; bind them (as copies/borrows) inside the test
                g, _, gstmts = self.branch(lambda arm=arm: self.guard_value(arm, src))
                test2 = self.seq(gstmts, g, arm.guard.pos)
                test = test2 if test is None else ir.Binary(BOOL, arm.pos, "&&", test, test2)
            _, end, stmts = self.branch(body)
            ends.append(end)
            chain.append((test, stmts))
            if test is None:
                break
        # build the if-else chain from the bottom
        tail: ir.Block | None = None
        for test, stmts in reversed(chain):
            blk = ir.Block(e.pos, stmts)
            if test is None:
                tail = blk
                continue
            tail = ir.Block(e.pos, [ir.If(e.pos, test, blk, tail)])
        if tail is not None:
            self.cur.extend(tail.stmts)
        last_test = chain[-1][0] if chain else None
        if last_test is not None:
            # exhaustive by type: the last arm's test cannot fail at run time
            pass
        self.join(ends)
        if self.reachable:
            self.pop_scope(outer, e.pos)
        else:
            self.scopes.pop()
        if as_value:
            return ir.VarRef(t, e.pos, result)
        return None

    def guard_value(self, arm: A.Arm, src: PlaceInfo) -> ir.Expr:
        sc = self.push_scope("block")
        # a guard only borrows: bind by reference semantics without moving
        saved = self.state.copy()
        self.bind_pattern(arm.pattern, src, sc)
        g = self.value(arm.guard)
        self.state = saved
        self.scopes.pop()
        return g

    # loops

    def loop_body(self, lf: LoopFrame, fn: Callable[[], Any]) -> tuple[Any, list[ir.Stmt], MoveState]:
        """Lower a loop body to a fixed point of the move states at its head;
        returns (result, statements, entry state)."""
        entry = self.state.copy()
        for attempt in range(6):
            self.state = entry.copy()
            self.reachable = True
            lf.breaks = []
            lf.continues = []
            self.loops.append(lf)
            try:
                stmts, r = self.capture_stmts(fn)
            finally:
                self.loops.pop()
            back = self.state if self.reachable else None
            for c in lf.continues:
                back = merge_states(back, c)
            new_entry = merge_states(entry, back) if back is not None else entry
            if new_entry == entry:
                break
            entry = new_entry
        self.state = entry
        self.reachable = True
        return r, stmts, entry

    def lower_while(self, e: A.While) -> None:
        lf = LoopFrame(e.label, e, len(self.scopes))
        if isinstance(e.cond, A.LetCond):
            lc = e.cond

            def body() -> None:
                sc = self.push_scope("temps")
                src = self.scrutinee(lc.value, lc.pos, sc, [lc.pattern])
                test = self.pattern_test(lc.pattern, src)
                if test is not None:
                    # no match: leave the loop (dropping the scrutinee temporary)
                    _, end, stmts = self.branch(lambda: self.lower_break(A.Break(e.pos, e.label, None)))
                    self.emit(ir.If(lc.pos, ir.Unary(BOOL, lc.pos, "!", test), ir.Block(lc.pos, stmts), None))
                inner = self.push_scope("block")
                self.bind_pattern(lc.pattern, src, inner)
                self.lower_block_stmt(e.body)
                if self.reachable:
                    self.pop_scope(inner, e.body.end_pos)
                    self.pop_scope(sc, e.body.end_pos)
                else:
                    self.scopes.pop()
                    self.scopes.pop()
            _, stmts, entry = self.loop_body(lf, body)
            self.emit(ir.Loop(e.pos, None, ir.Block(e.pos, stmts), label=e.label, cond_pos=lc.pos))
            exit_state = None
            for b in lf.breaks:
                exit_state = merge_states(exit_state, b)
            if exit_state is None:
                self.unreachable()
            else:
                self.state = exit_state
            return

        def body2() -> ir.Expr:
            c = self.cond_value(e.cond)
            self.lower_block_stmt(e.body)
            return c
        # the condition is evaluated at the head of every iteration
        c0, stmts, entry = self.loop_body(lf, body2)
        # split: statements emitted by cond_value come first
        cond = c0
        body_stmts = stmts
        if body_stmts and isinstance(body_stmts[-1], ir.Block):
            blk = body_stmts[-1]
            pre = body_stmts[:-1]
            if pre:
                # the condition needed statements (temporaries): loop forever, test inside
                test = ir.If(e.pos, ir.Unary(BOOL, e.pos, "!", cond), ir.Block(e.pos, [ir.Break(e.pos, e.label)]), None)
                self.emit(ir.Loop(e.pos, None, ir.Block(e.pos, pre + [test, blk]), label=e.label, cond_pos=e.cond.pos))
            else:
                self.emit(ir.Loop(e.pos, cond, blk, label=e.label, cond_pos=e.cond.pos))
        else:
            self.emit(ir.Loop(e.pos, cond, ir.Block(e.pos, body_stmts), label=e.label, cond_pos=e.cond.pos))
        exit_state = entry.copy()
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        self.state = exit_state

    def lower_loop_stmt(self, e: A.Loop) -> None:
        lf = LoopFrame(e.label, e, len(self.scopes))
        _, stmts, entry = self.loop_body(lf, lambda: self.lower_block_stmt(e.body))
        self.emit(ir.Loop(e.pos, None, ir.Block(e.pos, stmts), label=e.label))
        exit_state = None
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        if exit_state is None:
            self.unreachable()
        else:
            self.state = exit_state

    def v_Loop(self, e: A.Loop) -> ir.Expr:
        if isinstance(e.ty, (UnitType, NeverT)):
            stmts, _ = self.capture_stmts(lambda: self.lower_loop_stmt(e))
            v: ir.Expr = ir.CompositeLit(UNIT, e.pos, []) if isinstance(e.ty, UnitType) else _never(e.pos)
            return self.seq(stmts, v, e.pos)
        return self.lower_loop_expr(e)

    def lower_loop_expr(self, e: A.Loop) -> ir.Expr:
        lf = LoopFrame(e.label, e, len(self.scopes))
        lf.value_var = self.hidden(e, "break value", e.ty, "<break value>")
        _, stmts, entry = self.loop_body(lf, lambda: self.lower_block_stmt(e.body))
        exit_state = None
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        if exit_state is None:
            self.unreachable()
        else:
            self.state = exit_state
        return ir.LoopExpr(e.ty, e.pos, ir.Block(e.pos, stmts), label=e.label)

    def v_While(self, e: A.While) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_while(e), e.pos)

    def v_For(self, e: A.For) -> ir.Expr:
        return self.unit_expr(lambda: self.lower_for(e), e.pos)

    def lower_for(self, e: A.For) -> None:
        """`for PAT in SOURCE { body }`: the source's `next()` is one
        intrinsic per iteration (it reads the iterator state, writes the item
        and advances), then the body binds the item."""
        source = e.source  # type: ignore[attr-defined]
        it = e.iter
        pos = e.pos
        outer = self.push_scope("temps")
        saved = self.cur
        self.cur = []
        pat = e.pattern
        direct = isinstance(pat, A.PIdent) and getattr(pat, "mode", "move") == "move"
        if source == "range":
            r = it
            assert isinstance(r, A.Range)
            rt = r.ty
            assert isinstance(rt, RangeT)
            et = rt.elem
            i = self.hidden(e, "next", et, "<range next>")
            end = self.hidden(e, "end", et, "<range end>")
            self.emit(ir.Decl(pos, i, self.value(r.lo)))
            self.emit(ir.Decl(pos, end, self.value(r.hi)))
            state = [ir.VarRef(et, pos, i), ir.VarRef(et, pos, end)]
            if rt.inclusive:
                done = self.hidden(e, "done", BOOL, "<range exhausted>")
                self.emit(ir.Decl(pos, done, ir.Const(BOOL, pos, False)))
                state.append(ir.VarRef(BOOL, pos, done))
            next_name = "for_range_next"
            item_ty: Type = et
        else:
            if source == "iter":
                key = it.iter_src  # type: ignore[attr-defined]
                rty = it.recv_ty  # type: ignore[attr-defined]
                if key == "vec_into_iter" or (key == "slice_into_iter" and isinstance(rty, ArrayType)):
                    kind = "into_iter"
                    coll = self.receiver(it)  # type: ignore[arg-type]
                else:
                    kind = "borrow"
                    coll = self.recv_place(it).ir  # type: ignore[arg-type]
                coll_t = rty
                mut = key.endswith("_mut")
            elif source == "borrow":
                kind = "borrow"
                pt = it.ty
                assert isinstance(pt, PtrType)
                if isinstance(it, A.Ref) and _is_place_expr(it.x):
                    pl = self.place(it.x)
                    self.check_usable(pl.path, it.pos, "borrow", pl.desc)
                    if it.mutable:
                        self.require_mutable(pl, it.pos, "borrow")
                    coll = pl.ir
                else:
                    coll = ir.Deref(pt.elem, it.pos, self.value(it))
                coll_t = pt.elem
                mut = pt.flavor == "mut"
            elif source == "slice":
                kind = "borrow"
                coll = self.value(it)
                coll_t = it.ty
                mut = False
            elif source in ("vec", "array"):
                kind = "into_iter"
                coll = self.value(it)
                coll_t = it.ty
                mut = False
            else:
                self.fail("unsupported: for loop source", pos)
            elem_t = coll_t.elem  # type: ignore[union-attr]
            idx = self.hidden(e, "index", USIZE, "<index>")
            if kind == "borrow":
                # slice::Iter: the (pointer, length) pair taken once
                sl_t = SliceType(elem_t, "ref")
                sv = self.hidden(e, "slice", sl_t, "<slice iter>")
                if isinstance(coll_t, ArrayType):
                    coll = ir.Intrinsic(sl_t, pos, "array_as_slice", [coll])
                elif isinstance(coll_t, SliceType) and coll_t.flavor == "vec":
                    coll = ir.Intrinsic(sl_t, pos, "vec_as_slice", [coll])
                self.emit(ir.Decl(pos, sv, coll))
                self.emit(ir.Decl(pos, idx, ir.Const(USIZE, pos, 0)))
                state = [ir.VarRef(sl_t, pos, sv), ir.VarRef(USIZE, pos, idx)]
                next_name = "for_slice_next"
                item_ty = PtrType(elem_t, "mut" if mut else "ref")
            else:
                held = self.hidden(e, "into_iter", coll_t, "<into_iter>")
                self.emit(ir.Decl(pos, held, coll))
                self.emit(ir.Decl(pos, idx, ir.Const(USIZE, pos, 0)))
                state = [ir.VarRef(coll_t, pos, held), ir.VarRef(USIZE, pos, idx)]
                next_name = "for_into_iter_next"
                item_ty = elem_t
                if not isinstance(coll_t, ArrayType) or needs_drop(coll_t):
                    self.declare(held, pos, True, outer, "into_iter", idx)
        lf = LoopFrame(e.label, e, len(self.scopes))
        if direct:
            item_var = self.var_for(pat.binding, pat.pos)  # type: ignore[attr-defined]
        else:
            item_var = self.hidden(e, "item", item_ty, "<item>")
        cond = ir.Intrinsic(BOOL, it.pos, next_name, state + [ir.VarRef(item_var.ty, pos, item_var)])

        def body() -> None:
            sc = self.push_scope("block")
            if direct:
                self.declare(item_var, pat.pos, True, sc)
            else:
                self.state.vars[item_var] = INIT
                sc.entries.append(Entry(item_var))
                src = PlaceInfo(ir.VarRef(item_ty, pos, item_var), (item_var, ()), True, desc="item")
                self.bind_pattern(pat, src, sc)
            self.lower_block_stmt(e.body)
            if self.reachable:
                self.pop_scope(sc, e.body.end_pos)
            else:
                self.scopes.pop()
        _, stmts, entry = self.loop_body(lf, body)
        self.emit(ir.Loop(pos, cond, ir.Block(pos, stmts), label=e.label, cond_pos=it.pos))
        exit_state = entry.copy()
        for b in lf.breaks:
            exit_state = merge_states(exit_state, b)
        self.state = exit_state
        self.reachable = True
        self.pop_scope(outer, e.body.end_pos)
        stmts2 = self.cur
        self.cur = saved
        self.emit(ir.Block(pos, stmts2, [], None))


def _as_block(stmts: list[ir.Stmt], pos: Pos) -> ir.Block:
    if len(stmts) == 1 and isinstance(stmts[0], ir.Block):
        return stmts[0]
    return ir.Block(pos, stmts)


def _is_ir_place(e: ir.Expr) -> bool:
    return isinstance(e, (ir.VarRef, ir.FieldRef, ir.IndexRef, ir.Deref))


def _ext(path: tuple | None, proj: Any) -> tuple | None:
    """The move path one projection (a field index or "*") below `path`."""
    if path is None:
        return None
    return (path[0], path[1] + (proj,))


def _never(pos: Pos) -> ir.Expr:
    """The value of an expression that never completes (after a return/break)."""
    return ir.CompositeLit(NEVER, pos, [])


def _quiet_site(node: Any, kind: str) -> ir.AllocSite:
    """A site for an operation that allocates nothing here (zero-sized, empty)."""
    return ir.AllocSite(node.pos, kind, getattr(node, "src", kind), "heap", "")


def _retype(e: ir.Expr, t: Type) -> ir.Expr:
    """The same pointer value, typed as `t` (`&mut T` used as `&T`)."""
    if isinstance(e, ir.AddrOf):
        return ir.AddrOf(t, e.pos, e.place)
    if e.ty == t:
        return e
    e2 = ir.Convert(t, e.pos, e)
    return e2


def lower_crate(ck: Checker) -> ir.Program:
    return CrateLower(ck).run()
