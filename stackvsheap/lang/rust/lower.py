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

Library calls become `ir.Intrinsic`s implemented in `sim/rust/`.
"""

from __future__ import annotations

from typing import Any, Callable, NoReturn
from .. import ir
from ..ir import UnsupportedError
from ..types import OptionType, PtrType, StructType, TupleType, Type, UnitType
from . import ast as A
from . import reasons
from .moves import INIT, MAYBE, MOVED, UNINIT, MoveState, Partial
from .rtypes import BOOL, UNIT, USIZE, NeverT, needs_drop
from .typeck import Checker
from .typeck_common import Binding, FnInfo
from .lower_stmt import StmtLower
from .lower_pattern import PatternLower
from .lower_place import PlaceLower
from .lower_expr import ExprLower
from .lower_method import MethodLower
from .lower_std import StdMethodLower
from .lower_control import ControlLower
from .lower_enum import EnumLower
from .lower_drop import DropLower
from .asserts import AssertLower
from .lower_update import UpdateLower
from .lower_fmt import FmtLower
from .display import DisplayLower
from .dyn import DynLower
from .lower_iter import IterLower
from .lower_closure import ClosureLower
from .result import ResultLower
from .deref import DerefLower
from .ops_impl import OpImplLower
from .lower_common import Pos, Entry, Scope, LoopFrame, _closures_in, _alloc_sites_in, _locals_in
from .lower_hashmap import MapLower
from .lower_retain import RetainLower


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
        for st in ck.structs.values():
            if getattr(st, "drop_impl", False):
                # the user's Drop::drop, which the type's drop glue calls first
                st.drop_func = self.info_func[id(ck.methods[(st.name, "drop")])]  # type: ignore[attr-defined]
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


class FnLower(StmtLower, PatternLower, PlaceLower, ExprLower, MethodLower, StdMethodLower, ControlLower, EnumLower,
              DropLower, AssertLower, UpdateLower, FmtLower, MapLower, DisplayLower, DynLower, RetainLower,
              IterLower, ClosureLower, ResultLower, DerefLower, OpImplLower):
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
        # sorted: `flagged` is a set, whose order follows the string hash seed
        return sorted((k for k in self.flagged if k[0] is var and k[1][:n] == proj),
                      key=lambda k: (len(k[1]), repr(k[1])))

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
            free = ir.ExprStmt(pos, ir.Intrinsic(UNIT, pos, "box_free", [place]))
            if state.rest == MOVED:
                return  # the content moved out on one path, the whole Box on every other
            if state.rest == MAYBE:
                # the whole Box moved on some paths only: its own drop flag decides
                self.need_flags.add(path)
                if path in self.flagged:
                    out.append(ir.If(pos, ir.VarRef(BOOL, pos, self.flag_var(path)), ir.Block(pos, [free]), None))
                    return
            out.append(free)
            return
        if isinstance(t, OptionType):
            # moved out of the Some payload (which shares the Option's move path):
            # drop what is left of the payload
            ptr = ir.Intrinsic(PtrType(t.inner, "ref"), pos, "opt_payload_ref", [place])
            self.drop_path(path, ir.Deref(t.inner, pos, ptr), t.inner, state, pos, out)
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
        if e.kind == "move_closure":
            if st == INIT:
                for cv in e.extra:  # the captures, in the closure's field order
                    self.drop_path((cv, ()), ir.VarRef(cv.ty, pos, cv), cv.ty, INIT, pos, out)
            elif st not in (None, UNINIT, MOVED):
                self.fail("unsupported: a `move` closure that is moved on some paths only", pos)
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


def lower_crate(ck: Checker) -> ir.Program:
    return CrateLower(ck).run()
