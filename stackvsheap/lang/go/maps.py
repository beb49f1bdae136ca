"""Maps: `map[K]V` types, `make(map[K]V[, n])`, literals, `m[k]`, `v, ok :=
m[k]`, `m[k] = v` (and `op=`, `++`), `delete`, `len` and `range`, lowered to
`map_*` intrinsics that sim/go/maps.py runs.

Escape analysis follows cmd/compile/internal/escape: `make(map)` and map
literals are allocations (`spill`), reported as `make(map[K]V) escapes to
heap` / `does not escape` at the call's `(` or the literal's `{`; keys and
values stored into a map flow to the heap (assign.go "key of map put",
expr.go "map literal key/value"), keys used to look up or delete do not;
`range` over a map reads its contents through a dereference (stmt.go
"range-deref").
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import BOOL, UNIT, IfaceType, IntType, MapType, Type
from .gotypes import INT, comparable, go_tuple
from .scope import Operand, Scope, pos_of, syn_pos, text_of

MAP_MAKE, MAP_LIT, MAP_GET, MAP_SET, MAP_DELETE, MAP_LEN = (
    "gomap_make", "gomap_lit", "gomap_get", "gomap_set", "gomap_delete", "gomap_len")
MAP_ITER, MAP_NEXT, MAP_KEY, MAP_ELEM = "gomap_iter", "gomap_next", "gomap_key", "gomap_elem"
MAP_INTRINSICS = frozenset({MAP_MAKE, MAP_LIT, MAP_GET, MAP_SET, MAP_DELETE, MAP_LEN,
                            MAP_ITER, MAP_NEXT, MAP_KEY, MAP_ELEM})
#: internal/runtime/maps stores keys and elems over 128 bytes behind a pointer
MAX_INLINE = 128
#: the range loop's iterator (maps.Iter, in the frame); one opaque cell
ITER = IntType("maps.Iter", 8, False)


def map_type(ck: Any, n: Any) -> MapType:
    kn = n.child_by_field_name("key")
    vn = n.child_by_field_name("value")
    if kn is None or vn is None:
        ck.err(n, "syntax error: bad map type")
    k = ck.resolve_type(kn)
    v = ck.resolve_type(vn)
    if isinstance(k, IfaceType):
        ck.unsupported(kn, "map with interface keys")
    if not comparable(k):
        ck.err(kn, f"invalid map key type {k}")
    for part, t in ((kn, k), (vn, v)):
        if t.size > MAX_INLINE:
            ck.unsupported(part, f"map key or value of {t.size} bytes (over 128: stored behind a pointer)")
    return MapType(k, v)


def make_map(ck: Any, n: Any, t: MapType, nodes: list[Any]) -> Operand:
    if len(nodes) > 2:
        ck.err(n, f"invalid operation: {ck.src(n)} expects 1 or 2 arguments; found {len(nodes)}")
    args: list[ir.Expr] = []
    text = f"make({t})"
    if len(nodes) == 2:
        hint, _ = ck.size_arg(nodes[1])
        args.append(hint)
        text = f"make({t}, {ck.text(hint)})"
    site = ck.site(syn_pos(n), "make_map", text)
    site.reason = ""
    return Operand("value", t, n, expr=ir.Intrinsic(t, pos_of(n), MAP_MAKE, args, site))


def map_literal(ck: Any, body: Any, t: MapType, n: Any, elements: list[Any], lit_text: str) -> Operand:
    keys: list[ir.Expr] = []
    vals: list[ir.Expr] = []
    for e in elements:
        if e.type != "keyed_element":
            ck.err(e, "missing key in map literal")
        kn = e.child_by_field_name("key")
        vn = e.child_by_field_name("value")
        if kn is None or vn is None:
            ck.err(e, "syntax error: bad keyed element")
        keys.append(ck.element_ctx(kn, t.key, "map literal"))
        vals.append(ck.element_ctx(vn, t.elem, "map literal"))
    site = ck.site(pos_of(body), "gomap_lit", lit_text)
    return Operand("value", t, n, expr=ir.Intrinsic(t, pos_of(n), MAP_LIT, keys + vals, site))


def map_index(ck: Any, n: Any, x: Operand, ixn: Any) -> Operand:
    t = x.ty
    assert isinstance(t, MapType) and x.expr is not None
    k = ck.assignable(ck.value(ixn), t.key, "map index")
    pos = pos_of(n)
    op = Operand("value", t.elem, n, expr=ir.Intrinsic(t.elem, pos, MAP_GET, [x.expr, k]))
    pair = go_tuple([t.elem, BOOL])
    op.comma_ok = Operand("tuple", pair, n, expr=ir.Intrinsic(pair, pos, MAP_GET, [x.expr, k], None, "ok"))
    op.map_place = (x.expr, k)
    return op


def is_map_place(e: Any) -> bool:
    return isinstance(e, ir.Intrinsic) and e.name == MAP_GET and e.extra is None


def _refuse_map_place(tgt: ir.Expr) -> str | None:
    return "a map index as a range variable" if is_map_place(tgt) else None


def map_store(ck: Any, n: Any, place: ir.Intrinsic, value: ir.Expr) -> ir.Stmt:
    m, k = place.args
    site = ck.site(syn_pos(n), "map_grow", "map insert")
    site.silent = True
    site.reason = "a map grows on the heap: a group, then tables of groups and a directory"
    return ir.ExprStmt(pos_of(n), ir.Intrinsic(UNIT, pos_of(n), MAP_SET, [m, k, value], site))


def map_update(ck: Any, n: Any, place: ir.Intrinsic, op: str, y: ir.Expr, t: Type) -> ir.Stmt:
    """`m[k] op= y`: order.go rewrites it to `m[k] = m[k] op y` (k evaluated once)."""
    m, k = place.args
    if ck.has_call(m) or ck.has_call(k):
        ck.unsupported(n, "a call inside the map index of an op-assignment")
    v = ck.arith(n, op, place, y, t)
    if isinstance(v, ir.Concat):  # built by walk, after escape analysis: no verdict
        v.site.silent = True
        v.site.placement = "heap"
        v.site.reason = "m[k] += s is concatenated after escape analysis, into a new heap string"
    return map_store(ck, n, place, v)


def map_delete(ck: Any, n: Any, nodes: list[Any]) -> Operand:
    if len(nodes) != 2:
        ck.err(n, f"invalid operation: {'not enough' if len(nodes) < 2 else 'too many'} arguments for {ck.src(n)} (expected 2, found {len(nodes)})")
    m = ck.single(ck.value(nodes[0]))
    if not isinstance(m.ty, MapType):
        ck.err(nodes[0], f"invalid argument: {ck.describe(m)} is not a map")
    k = ck.assignable(ck.value(nodes[1]), m.ty.key, "argument to delete")
    e = ir.Intrinsic(UNIT, pos_of(n), MAP_DELETE, [ck.rvalue(m), k])
    return Operand("novalue", UNIT, n, expr=e, stmt=ir.ExprStmt(pos_of(n), e))


def map_len(n: Any, m: ir.Expr) -> Operand:
    return Operand("value", INT, n, expr=ir.Intrinsic(INT, pos_of(n), MAP_LEN, [m]))


def map_range(sl: Any, n: Any, rc: Any, body_n: Any, label: str | None, x: Operand,
              lhs_nodes: list[Any], define: bool) -> list[ir.Stmt]:
    """`for k, v := range m`: mapiterinit, then mapiternext until the key is nil."""
    t = x.ty
    assert isinstance(t, MapType)
    pos = pos_of(n)
    rn = rc.child_by_field_name("right")
    rpos = pos_of(rn)
    outer = Scope(sl.scope)
    pre: list[ir.Stmt] = []
    with sl.push(outer):
        rng = sl.temp("range", t, rpos)
        pre.append(ir.Decl(rpos, rng, sl.rvalue(x)))
        it = sl.temp("it", ITER, rpos)
        pre.append(ir.Decl(rpos, it, ir.Intrinsic(ITER, rpos, MAP_ITER, [sl.ref(rng, rpos)])))
        body_scope = Scope(sl.scope)
        head: list[ir.Stmt] = []
        range_vars: list[ir.Var] = []
        with sl.push(body_scope):
            for i, vt, name in ((0, t.key, MAP_KEY), (1, t.elem, MAP_ELEM)):
                if i >= len(lhs_nodes) or text_of(lhs_nodes[i]) == "_":
                    continue
                # the elem also names the map, which escape analysis reads it through
                vv = ir.Intrinsic(vt, rpos, name, [sl.ref(it, rpos), sl.ref(rng, rpos)], None, t)
                sl.bind_range_var(lhs_nodes[i], vt, vv, define, rpos, range_vars, head, _refuse_map_place)
            user = Scope(body_scope)
            body = sl.loop_body(body_n, label, head, user)
            body.scope = body_scope.vars + body.scope
        cond = ir.Intrinsic(BOOL, rpos, MAP_NEXT, [sl.ref(it, rpos)])
        loop = ir.Loop(pos, cond, body, None, [], label, pos_of(rc))
        if range_vars:
            sl.range_loop_vars[loop] = range_vars
    return [ir.Block(pos, pre + [loop], scope=outer.vars)]


# ---- escape analysis --------------------------------------------------------------


def map_escape(w: Any, k: Any, n: ir.Intrinsic) -> None:
    g = w.g
    name = n.name
    if name == MAP_MAKE:
        w.spill(k, n.site, n)
        for a in n.args:
            w.discard(a)
    elif name == MAP_LIT:
        w.spill(k, n.site, n)
        half = len(n.args) // 2
        for i, a in enumerate(n.args):
            why = "map literal key" if i < half else "map literal value"
            w.expr(g.heap_hole().note(n, why), a)
    elif name == MAP_SET:
        m, key, v = n.args
        w.discard(m)
        w.expr(g.heap_hole().note(n, "key of map put"), key)
        w.expr(g.heap_hole().note(n, "map put"), v)
    elif name == MAP_ELEM:
        # stmt.go ORANGE: the value flows from the map through a dereference
        # ("range-deref"); the key is not flowed at all
        w.discard(n.args[0])
        w.expr(k.deref(n, "range-deref"), n.args[1])
    else:  # lookups, delete, len, the iterator
        for a in n.args:
            w.discard(a)

