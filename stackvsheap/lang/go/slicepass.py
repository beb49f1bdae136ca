"""Where append's backing stores come from: Go 1.26+'s slice pass and ssagen.

`run(program, analysis)` runs after escape analysis (frontend.py) and records
its decisions on the IR; the simulator (sim/go/slices.py) carries them out.

1. The slice pass, a port of `cmd/compile/internal/slice/slice.go`: a local
   slice variable `s` (element size <= 32 bytes) whose every use keeps it
   "exclusive" (the only reference to a stack backing store: `s = nil`,
   `s = append(s, ...)`, `s = s[i:j]`, `s = []T{...}`, `s[i]`, `len(s)`,
   `cap(s)`, passing it to a parameter that leaks nowhere), except for a
   single exclusive->non-exclusive transition (`return s`, `x = s`,
   `range s`) outside any loop deeper than its declaration, and appended to
   with weight >= 2 (an append in a loop counts more), gets
   `s = move2heap(s)` inserted right before the transition (an `Intrinsic`,
   see ir.py) and its appends treated as not escaping
   (`AllocSite.placement = "stack"`, `.move2heap`). When the capacity is
   observed (`cap(s)`, reslicing, a call, a slice literal) the appends use
   growsliceBuf (`.use_buf`) and move2heap keeps the capacity (moveSlice);
   otherwise move2heap may shrink it to a size class (moveSliceNoCap).
   `-m` output is unaffected: the compiler prints escape analysis' verdicts
   before this pass runs.

2. ssagen `(*state).append` / `getBackingStoreInfoForAppend`: which appends
   may take the function's K-element stack store (K = 32 / sizeof(T)) when
   growing from length 0 (`.stack_store`): non-escaping ones, not `s...`
   (walk rewrites those to growslice), not appends written back in place to
   a slice that is not SSA-able (a global, a heap or address-taken variable,
   a field reached through a pointer), and only the first such append of
   each slice operand in the function (`backingStoreInfo.usedStatic`).
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import ArrayType, SliceType, StructType, Type
from ..ir import children

#: base.Debug.VariableMakeThreshold: the stack store's size in bytes.
MAX_STACK_SIZE = 32


def run(program: ir.Program, analysis: Any = None) -> None:
    """Decide everything first, then change the IR (nothing half-applied)."""
    funcs = _all_funcs(program)
    actions: list[_Commit] = []
    for fn in funcs:
        actions.extend(_SliceAnalysis(fn, analysis).run())
    for a in actions:
        a.apply()
    for fn in funcs:
        for site, flag in _stack_stores(fn):
            site.stack_store = flag


def _all_funcs(program: ir.Program) -> list[ir.Func]:
    funcs = list(program.all_funcs or program.funcs.values())
    for f in program.funcs.values():
        if f not in funcs:
            funcs.append(f)
    return funcs


# ---- 1. the slice pass (cmd/compile/internal/slice) ---------------------------


class _Info:
    """slice.go `sliceInfo`."""

    __slots__ = ("s", "ok_uses", "all_uses", "transition", "transition_kind", "appends",
                 "append_weight", "decl_depth", "cap_used", "dropped")

    def __init__(self, s: ir.Var) -> None:
        self.s = s
        self.ok_uses = 0
        self.all_uses = 0
        self.transition: ir.Stmt | None = None
        self.transition_kind = ""
        self.appends: list[ir.Append] = []
        self.append_weight = 0
        self.decl_depth = 0
        self.cap_used = False
        self.dropped = False  # s.Opt = nil


class _Commit:
    """The rewrite for one variable: `s = move2heap(s)` before the transition,
    and its appends made non-escaping."""

    def __init__(self, info: _Info, stmts: list[ir.Stmt]) -> None:
        self.info = info
        self.stmts = stmts

    def apply(self) -> None:
        i = self.info
        s = i.s
        t = i.transition
        assert t is not None
        pos = t.pos
        site = ir.AllocSite(pos, "move2heap", f"move2heap({s.name})", "heap",
                            _move_reason(s.name, i.transition_kind), silent=True)
        move = ir.Intrinsic(s.ty, pos, "move2heap", [ir.VarRef(s.ty, pos, s)], site, i.cap_used)
        assign = ir.Assign(pos, [ir.VarRef(s.ty, pos, s)], [move])
        k = next(k for k, x in enumerate(self.stmts) if x is t)
        self.stmts.insert(k, assign)
        for a in i.appends:
            a.site.placement = "stack"
            a.site.move2heap = True
            a.site.use_buf = i.cap_used
            a.site.reason = _append_reason(s.name, i.transition_kind, i.cap_used)


def _move_reason(name: str, kind: str) -> str:
    return (f"{name}'s backing array is still in the stack frame when {name} is {kind}, "
            f"so it is copied to the heap first (the compiler's move2heap)")


def _append_reason(name: str, kind: str, cap_used: bool) -> str:
    how = ("grows inside a 32-byte stack buffer one size class at a time"
           if cap_used else "starts in a 32-byte stack buffer")
    return (f"{name} only escapes when it is {kind}, and the compiler copies it to the heap "
            f"just before that (move2heap), so append {how}; growth beyond it uses the heap")


class _SliceAnalysis:
    """slice.go `analyze` for one function (closures are functions of their own)."""

    def __init__(self, fn: ir.Func, analysis: Any) -> None:
        self.fn = fn
        self.an = analysis
        self.loop_depth = 0
        self.infos: dict[int, _Info] = {}
        # statement id -> the statement list holding it (for the insertion)
        self.parent: dict[int, list[ir.Stmt]] = {}
        inner = {id(c.inner) for c in fn.captures}
        for v in list(fn.params) + list(fn.locals):
            if id(v) in inner or v.is_global or v.name.startswith("."):
                continue  # closure variables and the front end's temporaries
            if not isinstance(v.ty, SliceType) or v.ty.elem.size > MAX_STACK_SIZE:
                continue
            self.infos[id(v)] = _Info(v)

    def tracking(self, e: Any) -> _Info | None:
        if not isinstance(e, ir.VarRef):
            return None
        i = self.infos.get(id(e.var))
        if i is None or i.dropped:
            return None
        return i

    def add_transition(self, i: _Info, loc: ir.Stmt, kind: str) -> None:
        if i.transition is not None:
            i.dropped = True  # more than one transition: give up
            return
        if self.loop_depth > i.decl_depth:
            i.dropped = True  # inside a loop: give up
            return
        i.transition = loc
        i.transition_kind = kind

    def assign(self, x: ir.Expr | None, y: ir.Expr | None, stmt: ir.Stmt) -> None:
        i = self.tracking(x)
        if i is not None:
            if y is None or _is_nil(y):
                i.ok_uses += 1
            elif isinstance(y, ir.SliceLit):
                i.ok_uses += 1
                i.cap_used = True
            elif isinstance(y, ir.SliceExpr):
                if isinstance(y.base, ir.VarRef) and y.base.var is i.s:
                    i.ok_uses += 2
                    i.cap_used = True
            elif isinstance(y, ir.Append):
                if isinstance(y.slice, ir.VarRef) and y.slice.var is i.s:
                    i.ok_uses += 2
                    i.appends.append(y)
                    i.append_weight += 1 + (self.loop_depth - i.decl_depth)
        j = self.tracking(y)
        if j is not None:
            j.ok_uses += 1
            kind = "ranged over" if isinstance(x, ir.VarRef) and x.var.name == ".range" else "copied"
            self.add_transition(j, stmt, kind)

    def arg_leaks(self, callee: ir.Func | None, idx: int) -> bool:
        """slice.go argLeak: the parameter's escape tag says it flows anywhere
        (heap, mutator, callee, a result); unknown callees leak."""
        if callee is None or self.an is None:
            return True
        tags = self.an.tags.get(id(callee))
        if tags is None or idx >= len(tags):
            return True
        return bool(tags[idx].any())

    def static_callee(self, e: ir.Expr) -> ir.Func | None:
        """ir.StaticCalleeName(ir.StaticValue(fun))."""
        from .escape_static import static_callee

        f = static_callee(e)
        if f is not None or self.an is None:
            return f
        try:
            return static_callee(self.an.oracle_for(self.fn).static_value(e))
        except Exception:  # noqa: BLE001 - unknown callee: it leaks
            return None

    # ---- the walk (slice.go `do`) -----------------------------------------------

    def stmts(self, lst: list[ir.Stmt]) -> None:
        for s in lst:
            self.parent[id(s)] = lst
            self.node(s)

    def node(self, n: Any) -> None:
        if n is None:
            return
        if isinstance(n, ir.VarRef):
            i = self.tracking(n)
            if i is not None:
                i.all_uses += 1
        elif isinstance(n, ir.Decl):
            i = self.tracking(ir.VarRef(n.var.ty, n.pos, n.var))
            if i is not None:
                # ODCL: a use the pass understands; `x := y` also mentions x.
                i.ok_uses += 1
                i.all_uses += 1
                i.decl_depth = self.loop_depth
                if n.init is not None:
                    i.all_uses += 1
            if n.init is not None:
                if n.var.name == ".len" and isinstance(n.init, ir.Len):
                    # `for i := range s`: the range statement keeps a pointer
                    # to the backing store (ORANGE, #79909)
                    j = self.tracking(n.init.x)
                    if j is not None:
                        self.add_transition(j, n, "ranged over")
                self.assign(ir.VarRef(n.var.ty, n.pos, n.var), n.init, n)
        elif isinstance(n, ir.DeclTuple):
            for v in n.vars:
                if v is None:
                    continue
                i = self.tracking(ir.VarRef(v.ty, n.pos, v))
                if i is not None:
                    i.ok_uses += 1          # ODCL
                    i.all_uses += 2         # ... and the OAS2FUNC mention
                    i.decl_depth = self.loop_depth
        elif isinstance(n, ir.IndexRef):
            i = self.tracking(n.base)
            if i is not None:
                i.ok_uses += 1
        elif isinstance(n, ir.Len):
            i = self.tracking(n.x)
            if i is not None:
                i.ok_uses += 1
        elif isinstance(n, ir.Cap):
            i = self.tracking(n.x)
            if i is not None:
                i.ok_uses += 1
                i.cap_used = True
        elif isinstance(n, ir.AddrOf):
            x: Any = n.place
            while x is not None:
                if isinstance(x, ir.FieldRef):
                    x = x.base
                    continue
                if isinstance(x, ir.IndexRef):
                    if isinstance(x.base.ty, ArrayType):
                        x = x.base
                        continue
                    i = self.tracking(x.base)
                    if i is not None:
                        i.dropped = True  # &s[i]: definitely non-exclusive
                break
        elif isinstance(n, ir.Return):
            for x in n.values:
                i = self.tracking(x)
                if i is not None:
                    i.ok_uses += 1
                    self.add_transition(i, n, "returned")
        elif isinstance(n, ir.Call):
            for idx, arg in enumerate(n.args):
                i = self.tracking(arg)
                if i is not None and not self.arg_leaks(n.func, idx):
                    i.ok_uses += 1
                    i.cap_used = True
        elif isinstance(n, ir.CallValue):
            callee = None
            for idx, arg in enumerate(n.args):
                i = self.tracking(arg)
                if i is None:
                    continue
                if callee is None:
                    callee = self.static_callee(n.callee)
                if not self.arg_leaks(callee, idx):
                    i.ok_uses += 1
                    i.cap_used = True
        elif isinstance(n, ir.Assign):
            if len(n.targets) == len(n.values):
                for x, y in zip(n.targets, n.values):
                    self.assign(x, y, n)
        elif isinstance(n, ir.FuncLit):
            for c in n.captures:
                self.node(ir.VarRef(c.var.ty, n.pos, c.var))

        if isinstance(n, ir.Loop):
            depth = 0 if n.once else 1  # a switch is no loop
            self.loop_depth += depth
            try:
                self.node(n.cond)
                self.block_or_stmt(n.body)
                self.block_or_stmt(n.post)
            finally:
                self.loop_depth -= depth
            return
        if isinstance(n, ir.Block):
            self.stmts(n.stmts)
            self.node(n.tail)
            return
        for c in children(n):
            if isinstance(c, ir.Block):
                self.block_or_stmt(c)
            else:
                self.node(c)

    def block_or_stmt(self, s: ir.Stmt | None) -> None:
        if s is not None:
            self.node(s)

    def run(self) -> list[_Commit]:
        if not self.infos:
            return []
        self.stmts(self.fn.body.stmts)
        out: list[_Commit] = []
        for i in self.infos.values():
            if i.dropped or i.ok_uses != i.all_uses:
                continue  # a use the pass does not understand
            if i.transition is None:
                continue  # never escapes: nothing to do
            if i.append_weight < 2:
                continue  # the optimisation only helps with several appends
            lst = self.parent.get(id(i.transition))
            if lst is None or not i.appends:
                continue
            out.append(_Commit(i, lst))
        return out


def _is_nil(e: ir.Expr) -> bool:
    return (isinstance(e, ir.Const) and e.value is None) or isinstance(e, ir.Zero)


# ---- 2. ssagen: which appends take the stack store ----------------------------


def _stack_stores(fn: ir.Func) -> list[tuple[ir.AllocSite, bool]]:
    """(site, stack_store) for every append of `fn`, in SSA order."""
    out: list[tuple[ir.AllocSite, bool]] = []
    claimed: set[Any] = set()
    inplace: set[int] = set()
    by_ref = _by_ref_vars(fn)

    def visit(n: Any) -> None:
        if isinstance(n, ir.Assign) and len(n.targets) == 1 and len(n.values) == 1:
            t, v = n.targets[0], n.values[0]
            if isinstance(v, ir.Append) and t is not None and _same_safe_expr(t, v.slice) \
                    and not _can_ssa(t, by_ref):
                inplace.add(id(v))
        if isinstance(n, ir.Append):
            site = n.site
            elem = n.ty.elem  # type: ignore[union-attr]
            key = ("var", id(n.slice.var)) if isinstance(n.slice, ir.VarRef) else ("node", id(n))
            flag = False
            if site.placement == "stack" and 0 < elem.size <= MAX_STACK_SIZE \
                    and not n.spread and n.args and id(n) not in inplace:
                if site.use_buf:
                    if elem.has_pointers:
                        claimed.add(key)  # the store is zeroed at entry instead
                elif key not in claimed:
                    claimed.add(key)
                    flag = True
            out.append((site, flag))
        for c in children(n):
            visit(c)

    visit(fn.body)
    return out


def _by_ref_vars(fn: ir.Func) -> set[int]:
    """Variables of fn (or, inside a closure, its captured variables) that
    live behind a pointer because a closure captures them by reference."""
    out = {id(c.inner) for c in fn.captures if c.by_ref}

    def visit(n: Any) -> None:
        if isinstance(n, ir.FuncLit):
            for c in n.captures:
                if c.by_ref:
                    out.add(id(c.var))
        for c in children(n):
            visit(c)

    visit(fn.body)
    return out


def _same_safe_expr(a: Any, b: Any) -> bool:
    """ir.SameSafeExpr."""
    if type(a) is not type(b):
        return False
    if isinstance(a, ir.VarRef):
        return a.var is b.var
    if isinstance(a, ir.FieldRef):
        return a.index == b.index and _same_safe_expr(a.base, b.base)
    if isinstance(a, ir.Deref):
        return _same_safe_expr(a.ptr, b.ptr)
    if isinstance(a, ir.IndexRef):
        return _same_safe_expr(a.base, b.base) and _same_safe_expr(a.index, b.index)
    if isinstance(a, ir.Const):
        return a.value == b.value
    return False


def _can_ssa(e: Any, by_ref: set[int]) -> bool:
    """ssagen canSSA: a field / array element path down to a local variable
    that stays in registers (not address-taken, not on the heap)."""
    while True:
        if isinstance(e, ir.FieldRef):
            e = e.base
            continue
        if isinstance(e, ir.IndexRef) and isinstance(e.base.ty, ArrayType):
            e = e.base
            continue
        break
    if not isinstance(e, ir.VarRef):
        return False
    v = e.var
    if v.is_global or v.addr_taken or v.placement == "heap" or id(v) in by_ref:
        return False
    return _can_ssa_type(v.ty)


def _can_ssa_type(t: Type) -> bool:
    """ssa.CanSSA: at most 4 words; structs of at most 4 SSA-able fields,
    arrays of at most one SSA-able element."""
    if t.size > 4 * 8:
        return False
    if isinstance(t, ArrayType):
        return t.length <= 1 and _can_ssa_type(t.elem)
    if isinstance(t, StructType):
        if len(t.fields) > 4:
            return False
        return all(_can_ssa_type(ft) for _, ft in t.fields)
    return True
