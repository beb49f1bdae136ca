"""Type switches: `switch v := x.(type) { case T: ... case A, B: ... case nil: }`.

Lowered onto the expression switch's machinery (switch.py): a once-loop
whose body evaluates x once into a hidden `.ts`, then an if/else chain of
`type_assert` tests (extra `(T, "is")`, a bool; `case nil` is `.ts == nil`).
A clause with one type declares its own `v := .ts.(T)`, the others
`v := .ts`, as the compiler gives every clause its own variable; escape
analysis then sees the flow escape/stmt.go models (x into each clause's
variable through dotType).
"""

from __future__ import annotations

from typing import Any

from tree_sitter import Node

from .. import ir
from ..types import BOOL, IfaceType, Type
from .iface import ASSERT, missing_method
from .scope import Scope, TypeObj, VarObj, kids, pos_of, text_of
from .switch import SwitchTarget


def type_switch(ck: Any, n: Node, label: str | None) -> list[ir.Stmt]:
    ctx = ck.ctx
    ctx.temp_count += 1
    hidden = label or f".sw{ctx.temp_count}"
    pos = pos_of(n)
    sc = Scope(ck.scope)
    with ck.push(sc):
        pre = ck.simple(n.child_by_field_name("initializer"))
        alias = n.child_by_field_name("alias")
        names = kids(alias) if alias is not None else []
        xn = n.child_by_field_name("value")
        assert xn is not None
        x = ck.single(ck.expr(xn))
        if not isinstance(x.ty, IfaceType):
            ck.err(xn, f"{ck.src(xn)} (variable of type {x.ty}) is not an interface")
        ts = ck.temp(f"ts{ctx.temp_count}", x.ty, pos_of(xn))
        pre.append(ir.Decl(pos_of(xn), ts, ck.rvalue(x)))
        clauses = [c for c in kids(n) if c.type in ("type_case", "default_case")]
        if sum(c.type == "default_case" for c in clauses) > 1:
            ck.err([c for c in clauses if c.type == "default_case"][1], "multiple defaults in switch")
        target = SwitchTarget(label, hidden)
        ctx.loops.append(target)
        used = False
        conds: list[ir.Expr | None] = []
        bodies: list[ir.Block] = []
        try:
            for c in clauses:
                types = _case_types(ck, c, x.ty, xn)
                conds.append(_cond(ts, types, pos_of(c)) if c.type == "type_case" else None)
                body, u = _body(ck, c, names, ts, types, hidden)
                used = used or u
                bodies.append(body)
        finally:
            ctx.loops.pop()
        if names and not used:
            ck.err(names[0], f"declared and not used: {text_of(names[0])}")
        chain = ck.if_chain(pos, clauses, conds, bodies)
    body = ir.Block(pos, pre + chain + [ir.Break(pos, hidden)], scope=sc.vars)
    return [ir.Loop(pos, None, body, None, [], hidden, pos, once=True)]


def _case_types(ck: Any, c: Node, src: IfaceType, xn: Node) -> list[Type | None]:
    out: list[Type | None] = []
    for tn in [t for t in c.children_by_field_name("type") if t.is_named]:
        if text_of(tn) == "nil" and not isinstance(ck.scope.lookup("nil"), TypeObj):
            out.append(None)
            continue
        t = ck.resolve_type(tn)
        if not isinstance(t, IfaceType):
            why = missing_method(ck, t, src)
            if why is not None:
                ck.err(tn, f"impossible type switch case: {ck.src(xn)} (variable of type {src}) "
                           f"cannot have dynamic type {t} ({why})")
        out.append(t)
    return out


def _cond(ts: ir.Var, types: list[Type | None], at: ir.Pos) -> ir.Expr:
    out: ir.Expr | None = None
    ref = ir.VarRef(ts.ty, at, ts)
    for t in types:
        if t is None:
            e: ir.Expr = ir.Binary(BOOL, at, "==", ref, ir.Const(ts.ty, at, None))
        else:
            e = ir.Intrinsic(BOOL, at, ASSERT, [ref], None, (t, "is"))
        out = e if out is None else ir.Binary(BOOL, at, "||", out, e)
    assert out is not None
    return out


def _body(ck: Any, c: Node, names: list[Node], ts: ir.Var, types: list[Type | None],
          hidden: str) -> tuple[ir.Block, bool]:
    sc = Scope(ck.scope)
    out: list[ir.Stmt] = []
    used = False
    with ck.push(sc):
        obj = None
        if names:
            one = types[0] if len(types) == 1 else None
            t = one if one is not None else ts.ty
            at = pos_of(names[0])
            v = ir.Var(text_of(names[0]), t, at)
            ck.ctx.func.locals.append(v)
            sc.vars.append(v)
            obj = VarObj(v, ck.ctx, names[0], check_unused=False)
            ck.declare(sc, v.name, obj, names[0])
            ref = ir.VarRef(ts.ty, at, ts)
            init: ir.Expr = ir.Intrinsic(t, at, ASSERT, [ref], None, (t, False)) if one is not None else ref
            out.append(ir.Decl(at, v, init))
        stmts_n = [x for x in kids(c) if x.type == "statement_list"]
        for x in [x for x in kids(stmts_n[0]) if x.type != "comment"] if stmts_n else []:
            if x.type == "fallthrough_statement":
                ck.err(x, "cannot fallthrough in type switch")
            out.extend(ck.stmt(x))
        if obj is not None:
            used = bool(getattr(obj, "used", False))
    return ir.Block(pos_of(c), out, scope=sc.vars), used
