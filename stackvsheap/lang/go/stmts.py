"""Type-check and lower Go statements and function bodies to the IR.

Lowering shapes the simulator relies on (see also frontend.py):

* three-clause loop: `Block([init...], Loop(cond, body, post, per_iter=[vars
  declared by init]))`;
* `range` loop: a `Block` holding hidden temporaries (names starting with
  "."), then `Loop(.i < .len, body, post)` whose body starts with a `Decl`
  of each iteration variable (fresh per iteration, Go 1.22);
* `if` with an init statement: `Block([init..., If(...)])`.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from tree_sitter import Node

from .. import ir
from .variadic import is_variadic
from ..types import BOOL, ArrayType, FloatType, FuncType, IntType, MapType, PtrType, SliceType, StringType, Type
from . import constant as C
from .exprs import ExprLowerer
from .gotypes import INT, RUNE, UINT, UNTYPED_INT, default_type, go_tuple, identical, is_boolean, is_integer, is_numeric, is_string, is_untyped
from .defer import apply_defers, defer_statement
from .maps import is_map_place, map_range, map_store, map_update
from .returns import rewrite_returns
from .typeswitch import type_switch
from .switch import SwitchLowerer, SwitchTarget, label_loop
from .scope import CascadeError, ConstObj, FuncCtx, Operand, Scope, TypeObj, VarObj, kids, pos_of, text_of, token


class StmtLowerer(SwitchLowerer, ExprLowerer):
    pkg_scope: Scope

    # ---- scopes and variables ---------------------------------------------------------

    @contextmanager
    def push(self, scope: Scope) -> Iterator[Scope]:
        saved = self.scope
        self.scope = scope
        try:
            yield scope
        finally:
            self.scope = saved

    def new_var(self, name: str, t: Type, node: Node, scope: Scope | None = None) -> ir.Var:
        """A user-declared local variable (declared in `scope`, default current)."""
        scope = scope or self.scope
        assert self.ctx is not None
        if is_untyped(t):
            t = default_type(t)
        v = ir.Var(name, t, pos_of(node))
        self.ctx.func.locals.append(v)
        scope.vars.append(v)
        obj = VarObj(v, self.ctx, node, check_unused=name != "_")
        self.declare(scope, name, obj, node)
        self.ctx.var_objs.append(obj)
        return v

    def temp(self, name: str, t: Type, pos: tuple[int, int], scope: Scope | None = None) -> ir.Var:
        """A hidden temporary (name starts with "."): never a site, never reported."""
        scope = scope or self.scope
        assert self.ctx is not None
        v = ir.Var("." + name, t, pos)
        self.ctx.func.locals.append(v)
        scope.vars.append(v)
        return v

    @staticmethod
    def ref(v: ir.Var, pos: tuple[int, int]) -> ir.VarRef:
        return ir.VarRef(v.ty, pos, v)

    # ---- blocks -----------------------------------------------------------------------

    @staticmethod
    def block_stmts(n: Node) -> list[Node]:
        out: list[Node] = []
        for c in n.named_children:
            if c.type == "statement_list":
                out.extend(x for x in c.named_children if x.type != "comment")
            elif c.type != "comment":
                out.append(c)
        return out

    def block(self, n: Node, prefix: list[ir.Stmt] | None = None, scope: Scope | None = None) -> ir.Block:
        sc = scope or Scope(self.scope)
        stmts: list[ir.Stmt] = list(prefix or [])
        with self.push(sc):
            for c in self.block_stmts(n):
                stmts.extend(self.stmt(c))
        close = token(n, "}")
        return ir.Block(pos_of(n), stmts, scope=sc.vars, end_pos=pos_of(close) if close is not None else None)

    def stmt(self, n: Node) -> list[ir.Stmt]:
        self.cur_node = n
        m = getattr(self, "s_" + n.type, None)
        if m is None:
            what = {
                "go_statement": "go statement (goroutines)",
                "select_statement": "select statement",
                "goto_statement": "goto statement",
                "fallthrough_statement": "fallthrough statement out of place",
                "send_statement": "channel send",
                "receive_statement": "channel receive",
            }.get(n.type)
            if what is None:
                if n.type.endswith("expression") or n.type in ("identifier", "int_literal"):
                    return self.s_expression_statement_node(n, n)
                what = n.type.replace("_", " ")
            self.unsupported(n, what)
        return m(n)

    def s_defer_statement(self, n: Node) -> list[ir.Stmt]:
        return defer_statement(self, n)

    def s_type_switch_statement(self, n: Node, label: str | None = None) -> list[ir.Stmt]:
        return type_switch(self, n, label)

    def s_block(self, n: Node) -> list[ir.Stmt]:
        return [self.block(n)]

    def s_empty_statement(self, n: Node) -> list[ir.Stmt]:
        return []

    # ---- simple statements -------------------------------------------------------------

    def s_expression_statement(self, n: Node) -> list[ir.Stmt]:
        k = kids(n)
        if not k:
            return []
        return self.s_expression_statement_node(n, k[0])

    def s_expression_statement_node(self, n: Node, e: Node) -> list[ir.Stmt]:
        inner = e
        while inner.type == "parenthesized_expression" and len(kids(inner)) == 1:
            inner = kids(inner)[0]
        if inner.type == "unary_expression":
            opn = inner.child_by_field_name("operator")
            if opn is not None and opn.type == "<-":
                self.unsupported(inner, "channel receive")
        op = self.expr(e)
        if op.stmt is not None:
            return [op.stmt]
        if inner.type == "call_expression" and isinstance(op.expr, (ir.Call, ir.CallValue, ir.CopySlice)):
            return [ir.ExprStmt(pos_of(n), op.expr)]
        if op.mode == "type":
            self.err(e, f"{self.src(e)} (type) is not an expression")
        if op.mode == "builtin":
            self.err(e, f"{self.src(e)} (built-in function {op.name}) must be called")
        if op.mode == "tuple":
            self.err(e, f"{self.src(e)} (value of type {op.ty}) is not used")
        self.err(e, f"{self.describe(op)} is not used")

    def lhs(self, n: Node) -> tuple[ir.Expr | None, Type | None]:
        """An assignment target: (place, type), or (None, None) for `_`."""
        inner = n
        while inner.type == "parenthesized_expression" and len(kids(inner)) == 1:
            inner = kids(inner)[0]
        if inner.type in ("identifier", "blank_identifier") and text_of(inner) == "_":
            return None, None
        if inner.type == "identifier":
            self.lhs_ident = True
            try:
                op = self.expr(inner)
            finally:
                self.lhs_ident = False
        else:
            op = self.expr(inner)
        op = self.single(op)
        if getattr(op, "map_place", None) is not None:
            return op.expr, op.ty
        if op.mode != "var":
            if op.mode == "const":
                self.err(n, f"cannot assign to {self.src(n)} (neither addressable nor a map index expression)")
            self.err(n, f"cannot assign to {self.src(n)} (neither addressable nor a map index expression)")
        assert op.expr is not None
        return op.expr, op.ty

    def s_assignment_statement(self, n: Node) -> list[ir.Stmt]:
        opn = n.child_by_field_name("operator")
        ln = n.child_by_field_name("left")
        rn = n.child_by_field_name("right")
        if opn is None or ln is None or rn is None:
            self.err(n, "syntax error: bad assignment")
        left = kids(ln)
        right = kids(rn)
        pos = pos_of(n)
        tok = opn.type
        if tok == "=":
            if len(right) == 1 and len(left) > 1:
                targets = [self.lhs(x) for x in left]
                if any(is_map_place(t) for t, _ in targets):
                    self.unsupported(n, "a map index in a multiple assignment (assign it on its own)")
                op = self.multi_expr(right[0], len(left))
                if op.mode != "tuple" or len(op.ty.elems) != len(left):  # type: ignore[union-attr]
                    self.assign_mismatch(right, len(left), len(op.ty.elems) if op.mode == "tuple" else 1)  # type: ignore[union-attr]
                for (tgt, tt), et, xn in zip(targets, op.ty.elems, left):  # type: ignore[union-attr]
                    if tgt is not None and not identical(et, tt):  # type: ignore[arg-type]
                        self.err(xn, f"cannot use {et} value as {tt} value in assignment")
                assert op.expr is not None
                return [ir.AssignTuple(pos, [t for t, _ in targets], op.expr)]
            if len(left) != len(right):
                self.assign_mismatch(right, len(left), len(right))
            targets = [self.lhs(x) for x in left]
            values: list[ir.Expr] = []
            for (tgt, tt), r in zip(targets, right):
                o = self.assign_value(r, right, len(left))
                if tgt is None:
                    values.append(self.rvalue(o))
                else:
                    assert tt is not None
                    values.append(self.assignable(o, tt, "assignment"))
            if any(is_map_place(t) for t, _ in targets):
                if len(targets) != 1:
                    self.unsupported(n, "a map index in a multiple assignment (assign it on its own)")
                return [map_store(self, n, targets[0][0], values[0])]
            return [ir.Assign(pos, [t for t, _ in targets], values)]
        # op=
        binop = tok[:-1]
        if len(left) != 1 or len(right) != 1:
            self.err(opn, f"assignment operation {tok} requires single-valued expressions")
        x = self.single(self.expr(left[0]))
        is_map = getattr(x, "map_place", None) is not None
        if x.mode != "var" and not is_map:
            self.err(left[0], f"cannot assign to {self.src(left[0])} (neither addressable nor a map index expression)")
        t = x.ty
        assert t is not None and x.expr is not None
        if binop in ("<<", ">>") and is_map:
            self.unsupported(opn, f"{tok} on a map element")
        if binop in ("<<", ">>"):
            if not is_integer(t):
                self.err(left[0], f"invalid operation: shifted operand {self.describe(x)} must be integer")
            y = self.value(right[0])
            if y.mode == "const":
                try:
                    cnt = C.representable(y.val, UNTYPED_INT) if is_untyped(y.ty) else y.val  # type: ignore[arg-type]
                except C.ConstError:
                    if is_numeric(y.ty):  # type: ignore[arg-type]
                        self.err(right[0], f"{self.describe(y)} truncated to uint")
                    self.err(right[0], f"invalid operation: shift count {self.describe(y)} must be integer")
                if cnt < 0:
                    self.err(right[0], f"invalid shift count {self.describe(y)}")
                ye: ir.Expr = self.const_expr(UINT if is_untyped(y.ty) else y.ty, cnt, pos_of(right[0]))  # type: ignore[arg-type]
            else:
                if not is_integer(y.ty):  # type: ignore[arg-type]
                    self.err(right[0], f"invalid operation: shift count {self.describe(y)} must be integer")
                ye = y.delayed(UINT) if y.delayed is not None else y.expr  # type: ignore[assignment]
            return [ir.OpAssign(pos, x.expr, binop, ye)]
        y = self.value(right[0])
        if is_untyped(y.ty) or y.mode == "nil":  # type: ignore[arg-type]
            ye = self.implicit_conv(n, y, t, x)
        else:
            if not identical(y.ty, t):  # type: ignore[arg-type]
                self.err(n, f"invalid operation: {self.src(n)} (mismatched types {t} and {y.ty})")
            ye = self.lower_typed(y)
        self.check_op(n, binop, x, t)
        if binop in ("/", "%") and isinstance(ye, ir.Const) and is_integer(t) and ye.value == 0:
            self.err(right[0], "invalid operation: division by zero")
        if is_map:
            return [map_update(self, n, x.expr, binop, ye, t)]
        if binop == "+" and isinstance(t, StringType):
            # `s += t` is rewritten by walk (after escape analysis) into s = s + t:
            # the compiler gives the concatenation no verdict and it always heap-allocates.
            c = ir.Concat(t, pos, self.site(pos_of(opn), "concat", ""), [x.expr, ye])
            c.site.text = self.text(c)
            c.site.silent = True
            c.site.placement = "heap"
            c.site.reason = "s += t is concatenated after escape analysis, into a new heap string"
            return [ir.Assign(pos, [x.expr], [c])]
        return [ir.OpAssign(pos, x.expr, binop, ye)]

    def s_inc_statement(self, n: Node) -> list[ir.Stmt]:
        return self.incdec(n, "+")

    def s_dec_statement(self, n: Node) -> list[ir.Stmt]:
        return self.incdec(n, "-")

    def incdec(self, n: Node, op: str) -> list[ir.Stmt]:
        k = kids(n)
        if not k:
            self.err(n, "syntax error: missing operand")
        x = self.single(self.expr(k[0]))
        is_map = getattr(x, "map_place", None) is not None
        if x.mode != "var" and not is_map:
            self.err(k[0], f"cannot assign to {self.src(k[0])} (neither addressable nor a map index expression)")
        t = x.ty
        assert t is not None and x.expr is not None
        if not is_numeric(t):
            self.err(n, f"invalid operation: {self.src(n)} (non-numeric type {t})")
        one = ir.Const(t, pos_of(n), 1.0 if isinstance(t, FloatType) else 1)
        if is_map:
            return [map_update(self, n, x.expr, op, one, t)]
        return [ir.OpAssign(pos_of(n), x.expr, op, one)]

    # ---- declarations -----------------------------------------------------------------

    def s_short_var_declaration(self, n: Node) -> list[ir.Stmt]:
        # the new names are numbered before the right side is checked (see
        # stdlib._spread_results): count them for the temporaries there
        ln = n.child_by_field_name("left")
        old = getattr(self, "decl_ahead", (None, 0))
        self.decl_ahead = (self.ctx.func if self.ctx else None, sum(
            1 for x in (kids(ln) if ln is not None else [])
            if text_of(x) != "_" and not isinstance(self.scope.lookup_local(text_of(x)), VarObj)))
        try:
            return self.short_var_declaration(n)
        finally:
            self.decl_ahead = old

    def short_var_declaration(self, n: Node) -> list[ir.Stmt]:
        ln = n.child_by_field_name("left")
        rn = n.child_by_field_name("right")
        if ln is None or rn is None:
            self.err(n, "syntax error: bad := statement")
        left = kids(ln)
        right = kids(rn)
        pos = pos_of(n)
        for x in left:
            if x.type not in ("identifier", "blank_identifier"):
                self.err(x, f"non-name {self.src(x)} on left side of :=")
        names = [text_of(x) for x in left]
        seen: set[str] = set()
        for x, nm in zip(left, names):
            if nm != "_" and nm in seen:
                self.err(x, f"{nm} repeated on left side of :=")
            seen.add(nm)
        existing: list[VarObj | None] = []
        any_new = False
        for nm in names:
            # a name already declared in this very block is assigned, not redeclared
            o = self.scope.lookup_local(nm) if nm != "_" else None
            existing.append(o if isinstance(o, VarObj) else None)
            if nm != "_" and not isinstance(o, VarObj):
                any_new = True
        if not any_new:
            self.err(token(n, ":=") or n, "no new variables on left side of :=")
        if len(right) == 1 and len(left) > 1:
            op = self.multi_expr(right[0], len(left))
            if op.mode != "tuple" or len(op.ty.elems) != len(left):  # type: ignore[union-attr]
                self.assign_mismatch(right, len(left), len(op.ty.elems) if op.mode == "tuple" else 1)  # type: ignore[union-attr]
            assert op.expr is not None
            dvars: list[ir.Var | None] = []
            post: list[ir.Stmt] = []
            for x, nm, ex, et in zip(left, names, existing, op.ty.elems):  # type: ignore[union-attr]
                if nm == "_":
                    dvars.append(None)
                elif ex is not None:
                    if not identical(ex.var.ty, et):
                        self.err(x, f"cannot use {et} value as {ex.var.ty} value in assignment")
                    tmp = self.temp("t", et, pos_of(x))
                    dvars.append(tmp)
                    self.lhs_ident = True
                    try:
                        tgt = self.var_ref(ex, x)
                    finally:
                        self.lhs_ident = False
                    post.append(ir.Assign(pos, [tgt], [self.ref(tmp, pos)]))
                else:
                    dvars.append(self.new_var(nm, et, x))
            return [ir.DeclTuple(pos, dvars, op.expr)] + post
        if len(left) != len(right):
            self.assign_mismatch(right, len(left), len(right))
        ops = [self.assign_value(r, right, len(left)) for r in right]
        vals: list[ir.Expr] = []
        for x, nm, ex, o in zip(left, names, existing, ops):
            if ex is not None:
                vals.append(self.assignable(o, ex.var.ty, "assignment"))
            else:
                if o.mode == "nil":
                    self.err(o.node, "use of untyped nil in assignment")
                if o.mode == "novalue":
                    self.err(o.node, f"{self.src(o.node)} (no value) used as value")
                vals.append(self.rvalue(o))
        out: list[ir.Stmt] = []
        mixed = any(ex is not None for ex in existing) and len(left) > 1
        if mixed:
            # a, b := x, y with `a` redeclared: every value is evaluated before any store.
            tmps = []
            for x, v in zip(left, vals):
                t = self.temp("t", v.ty, pos_of(x))
                out.append(ir.Decl(pos, t, v))
                tmps.append(t)
            vals = [self.ref(t, pos) for t in tmps]
        for x, nm, ex, v in zip(left, names, existing, vals):
            if nm == "_":
                if not isinstance(v, (ir.Const, ir.VarRef)):
                    out.append(ir.ExprStmt(pos, v))
            elif ex is not None:
                self.lhs_ident = True
                try:
                    tgt = self.var_ref(ex, x)
                finally:
                    self.lhs_ident = False
                out.append(ir.Assign(pos, [tgt], [v]))
            else:
                out.append(ir.Decl(pos, self.new_var(nm, v.ty, x), v))
        return out

    def s_var_declaration(self, n: Node) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for spec in self.var_specs(n):
            out.extend(self.var_spec(spec))
        return out

    @staticmethod
    def var_specs(n: Node) -> list[Node]:
        specs: list[Node] = []
        for c in kids(n):
            if c.type == "var_spec":
                specs.append(c)
            elif c.type == "var_spec_list":
                specs.extend(x for x in kids(c) if x.type == "var_spec")
        return specs

    def var_spec(self, spec: Node) -> list[ir.Stmt]:
        old = getattr(self, "decl_ahead", (None, 0))
        self.decl_ahead = (self.ctx.func if self.ctx else None,
                           sum(1 for x in spec.children_by_field_name("name") if text_of(x) != "_"))
        try:
            return self.var_spec_inner(spec)
        finally:
            self.decl_ahead = old

    def var_spec_inner(self, spec: Node) -> list[ir.Stmt]:
        names = spec.children_by_field_name("name")
        tn = spec.child_by_field_name("type")
        vn = spec.child_by_field_name("value")
        pos = pos_of(spec)
        t = self.resolve_type(tn) if tn is not None else None
        values = kids(vn) if vn is not None else []
        if not values:
            if t is None:
                self.err(spec, "syntax error: missing variable type or initialization")
            return [ir.Decl(pos, self.new_var(text_of(x), t, x), None) for x in names]
        if len(values) == 1 and len(names) > 1:
            op = self.multi_expr(values[0], len(names))
            if op.mode != "tuple" or len(op.ty.elems) != len(names):  # type: ignore[union-attr]
                self.assign_mismatch(values, len(names), len(op.ty.elems) if op.mode == "tuple" else 1)  # type: ignore[union-attr]
            dvars: list[ir.Var | None] = []
            for x, et in zip(names, op.ty.elems):  # type: ignore[union-attr]
                if t is not None and not identical(et, t):
                    self.err(values[0], f"cannot use {et} value as {t} value in assignment")
                nm = text_of(x)
                dvars.append(None if nm == "_" else self.new_var(nm, et, x))
            assert op.expr is not None
            return [ir.DeclTuple(pos, dvars, op.expr)]
        if len(values) != len(names):
            self.assign_mismatch(values, len(names), len(values))
        ops = [self.assign_value(v, values, len(names)) for v in values]
        exprs: list[ir.Expr] = []
        for o in ops:
            if t is not None:
                exprs.append(self.assignable(o, t, "variable declaration"))
            else:
                if o.mode == "nil":
                    self.err(o.node, "use of untyped nil in variable declaration")
                exprs.append(self.rvalue(o))
        out: list[ir.Stmt] = []
        for x, e in zip(names, exprs):
            nm = text_of(x)
            if nm == "_":
                if not isinstance(e, (ir.Const, ir.VarRef)):
                    out.append(ir.ExprStmt(pos, e))
                continue
            out.append(ir.Decl(pos, self.new_var(nm, e.ty, x), e))
        return out

    def s_const_declaration(self, n: Node) -> list[ir.Stmt]:
        self.const_decl(n, self.scope, lazy=False)
        return []

    def const_decl(self, n: Node, scope: Scope, lazy: bool) -> list[ConstObj]:
        specs = [c for c in kids(n) if c.type == "const_spec"]
        prev_values: list[Node] | None = None
        prev_type: Node | None = None
        objs: list[ConstObj] = []
        for iota, spec in enumerate(specs):
            names = spec.children_by_field_name("name")
            tn = spec.child_by_field_name("type")
            vn = spec.child_by_field_name("value")
            if vn is None:
                if tn is not None:
                    self.err(spec, "missing init expr for const declaration")
                if prev_values is None:
                    self.err(spec, "missing init expr for const declaration")
                values, tn = prev_values, prev_type
            else:
                values = kids(vn)
                prev_values, prev_type = values, tn
            if len(values) < len(names):
                self.err(names[len(values)], "missing init expr for const declaration")
            if len(values) > len(names):
                self.err(values[len(names)], "extra init expr")
            spec_objs = []
            for x, v in zip(names, values):
                obj = ConstObj(text_of(x), x, v, tn, iota, scope)
                spec_objs.append(obj)
                if not lazy:
                    self.resolve_const(obj)
            for x, obj in zip(names, spec_objs):
                self.declare(scope, obj.name, obj, x)
            objs.extend(spec_objs)
        return objs

    def resolve_const(self, obj: ConstObj) -> None:
        if obj.state == 2:
            return
        if obj.state == 3:
            raise CascadeError(f"{obj.name} failed", obj.node and pos_of(obj.node) or (0, 0), self.file)
        try:
            self._resolve_const(obj)
        except ir.UnsupportedError:
            obj.state = 3
            raise

    def _resolve_const(self, obj: ConstObj) -> None:
        if obj.state == 1:
            self.err(obj.node or (0, 0), f"initialization cycle: {obj.name} refers to itself")
        obj.state = 1
        saved = (self.scope, self.iota, self.lhs_ident)
        if obj.scope is not None:
            self.scope = obj.scope
        self.iota = obj.iota
        self.lhs_ident = False
        try:
            assert obj.expr_node is not None
            op = self.value(obj.expr_node)
            if op.mode != "const":
                self.err(obj.expr_node, f"{self.describe(op)} is not constant")
            if obj.type_node is not None:
                t = self.resolve_type(obj.type_node)
                if not isinstance(t, (IntType, FloatType, StringType)) and t is not BOOL and not is_boolean(t):
                    self.err(obj.type_node, f"invalid constant type {t}")
                if not is_untyped(op.ty) and not identical(op.ty, t):  # type: ignore[arg-type]
                    self.err(obj.expr_node, f"cannot use {self.describe(op)} as {t} value in constant declaration")
                ok_kind = (is_numeric(op.ty) and is_numeric(t)) or (is_string(op.ty) and is_string(t)) or (is_boolean(op.ty) and is_boolean(t))  # type: ignore[arg-type]
                if not ok_kind:
                    self.err(obj.expr_node, f"cannot use {self.describe(op)} as {t} value in constant declaration")
                try:
                    val = C.representable(op.val, t)
                except C.ConstError as e:
                    self.err(obj.expr_node, f"cannot use {self.describe(op)} as {t} value in constant declaration ({e})")
                obj.ty, obj.val = t, val
            else:
                obj.ty, obj.val = op.ty, op.val
        finally:
            self.scope, self.iota, self.lhs_ident = saved
        obj.state = 2

    def declare_types(self, n: Node, scope: Scope) -> list[TypeObj]:
        """Declare the types of a `type` declaration in `scope` (resolved later)."""
        out: list[TypeObj] = []
        for spec in kids(n):
            if spec.type == "type_alias":
                self.unsupported(spec, "type alias")
            if spec.type != "type_spec":
                continue
            if spec.child_by_field_name("type_parameters") is not None:
                self.unsupported(spec, "generics")
            nn = spec.child_by_field_name("name")
            tn = spec.child_by_field_name("type")
            if nn is None or tn is None:
                self.err(spec, "syntax error: bad type declaration")
            obj = TypeObj(text_of(nn), nn, tn, scope)
            self.declare(scope, obj.name, obj, nn)
            out.append(obj)
        return out

    def s_type_declaration(self, n: Node) -> list[ir.Stmt]:
        for obj in self.declare_types(n, self.scope):
            self.type_of_obj(obj)
        return []

    # ---- control flow -------------------------------------------------------------------

    def cond(self, n: Node, what: str) -> ir.Expr:
        op = self.value(n)
        if not is_boolean(op.ty):  # type: ignore[arg-type]
            self.err(n, f"non-boolean condition in {what}")
        return self.rvalue(op)

    def simple(self, n: Node | None) -> list[ir.Stmt]:
        if n is None:
            return []
        if n.type in (
            "short_var_declaration", "assignment_statement", "inc_statement", "dec_statement",
            "expression_statement", "send_statement", "empty_statement",
        ):
            return self.stmt(n)
        return self.s_expression_statement_node(n, n)

    def s_if_statement(self, n: Node) -> list[ir.Stmt]:
        init = n.child_by_field_name("initializer")
        cn = n.child_by_field_name("condition")
        then_n = n.child_by_field_name("consequence")
        alt = n.child_by_field_name("alternative")
        if cn is None or then_n is None:
            self.err(n, "syntax error: missing condition in if statement")
        pos = pos_of(n)
        sc = Scope(self.scope)
        with self.push(sc):
            pre = self.simple(init)
            c = self.cond(cn, "if statement")
            then = self.block(then_n)
            els: ir.Block | None = None
            if alt is not None:
                if alt.type == "if_statement":
                    inner = self.s_if_statement(alt)
                    els = ir.Block(pos_of(alt), inner, scope=[])
                else:
                    els = self.block(alt)
        st = ir.If(pos, c, then, els)
        if pre or sc.vars:
            return [ir.Block(pos, pre + [st], scope=sc.vars)]
        return [st]

    def s_labeled_statement(self, n: Node) -> list[ir.Stmt]:
        ln = n.child_by_field_name("label")
        body = [c for c in kids(n) if c.type != "label_name"]
        if ln is None:
            self.err(n, "syntax error: bad label")
        name = text_of(ln)
        assert self.ctx is not None
        if not body or body[0].type not in ("for_statement", "expression_switch_statement"):
            self.unsupported(n, "label on a statement other than a for loop or a switch")
        defined = getattr(self.ctx, "labels_defined", None)
        if defined is None:
            defined = self.ctx.labels_defined = set()  # type: ignore[attr-defined]
        if name in defined:
            self.err(ln, f"label {name} already defined")
        defined.add(name)
        if body[0].type == "for_statement":
            out = self.s_for_statement(body[0], label=name)
        else:
            out = self.s_expression_switch_statement(body[0], label=name)
        if name not in self.ctx.labels_used:
            self.err(ln, f"label {name} defined and not used")
        return out

    def s_break_statement(self, n: Node) -> list[ir.Stmt]:
        return self.branch(n, "break")

    def s_continue_statement(self, n: Node) -> list[ir.Stmt]:
        return self.branch(n, "continue")

    def branch(self, n: Node, kind: str) -> list[ir.Stmt]:
        assert self.ctx is not None
        ln = next((c for c in kids(n) if c.type == "label_name"), None)
        pos = pos_of(n)
        if ln is not None:
            name = text_of(ln)
            if kind == "continue" and any(isinstance(t, SwitchTarget) and t.label == name for t in self.ctx.loops):
                self.err(ln, f"invalid continue label {name}")
            if name not in self.ctx.loops:
                if name not in (getattr(self.ctx, "labels_defined", None) or ()):
                    self.err(ln, f"{kind} label not defined: {name}")
                self.err(ln, f"invalid {kind} label {name}")
            self.ctx.labels_used.add(name)
            return [ir.Break(pos, name) if kind == "break" else ir.Continue(pos, name)]
        inside_switch = self.continue_target(kind, pos)
        if inside_switch is not None:
            return inside_switch
        if not self.ctx.loops or (kind == "continue" and all(isinstance(t, SwitchTarget) for t in self.ctx.loops)):
            self.err(n, "break is not in a loop, switch, or select" if kind == "break" else "continue is not in a loop")
        return [ir.Break(pos) if kind == "break" else ir.Continue(pos)]

    def bind_range_var(
        self, node: Node, vt: Type, vv: ir.Expr, define: bool, rpos: ir.Pos,
        range_vars: list[ir.Var], head: list[ir.Stmt],
        refuse: Callable[[ir.Expr], str | None] | None = None,
    ) -> None:
        """One range variable (`k` or `v` of `for k, v := range x`, or of `=`)
        bound to `vv` at the top of each iteration, into `head`; `refuse`
        names an assignment target the range cannot assign to."""
        if define:
            if node.type != "identifier":
                self.err(node, f"non-name {self.src(node)} on left side of :=")
            v = self.new_var(text_of(node), vt, node)
            range_vars.append(v)
            head.append(ir.Decl(rpos, v, vv))
            return
        tgt, tt = self.lhs(node)
        if tgt is None:
            return
        why = refuse(tgt) if refuse is not None else None
        if why is not None:
            self.unsupported(node, why)
        if not identical(tt, vt):  # type: ignore[arg-type]
            self.err(node, f"cannot assign {vt} to {self.src(node)} (variable of type {tt}) in range")
        head.append(ir.Assign(rpos, [tgt], [vv]))

    def loop_body(self, n: Node, label: str | None, prefix: list[ir.Stmt], scope: Scope | None = None) -> ir.Block:
        assert self.ctx is not None
        self.ctx.loops.append(label)
        try:
            return self.block(n, prefix, scope)
        finally:
            entry = self.ctx.loops.pop()
            if entry is not label:  # a `continue` inside a switch named this loop
                self.relabel = entry

    def s_for_statement(self, n: Node, label: str | None = None) -> list[ir.Stmt]:
        self.relabel: str | None = None
        out = self.for_statement(n, label)
        label_loop(out, self.relabel)
        self.relabel = None
        return out

    def for_statement(self, n: Node, label: str | None = None) -> list[ir.Stmt]:
        body_n = n.child_by_field_name("body")
        if body_n is None:
            self.err(n, "syntax error: missing loop body")
        pos = pos_of(n)
        clause = next((c for c in kids(n) if body_n is None or c.id != body_n.id), None)
        if clause is None:
            body = self.loop_body(body_n, label, [])
            return [ir.Loop(pos, None, body, None, [], label, pos)]
        if clause.type == "range_clause":
            return self.range_loop(n, clause, body_n, label)
        if clause.type != "for_clause":
            c = self.cond(clause, "for loop")
            body = self.loop_body(body_n, label, [])
            return [ir.Loop(pos, c, body, None, [], label, pos_of(clause))]
        sc = Scope(self.scope)
        with self.push(sc):
            init_n = clause.child_by_field_name("initializer")
            cond_n = clause.child_by_field_name("condition")
            post_n = clause.child_by_field_name("update")
            init = self.simple(init_n)
            loop_vars = list(sc.vars)
            c = self.cond(cond_n, "for loop") if cond_n is not None else None
            post: ir.Stmt | None = None
            if post_n is not None:
                if post_n.type == "short_var_declaration":
                    self.err(post_n, "cannot declare in post statement of for loop")
                ps = self.simple(post_n)
                post = ps[0] if len(ps) == 1 else (ir.Block(pos_of(post_n), ps) if ps else None)
            body = self.loop_body(body_n, label, [])
        loop = ir.Loop(pos, c, body, post, loop_vars, label, pos_of(cond_n) if cond_n is not None else pos)
        return [ir.Block(pos, init + [loop], scope=sc.vars)]

    def range_loop(self, n: Node, rc: Node, body_n: Node, label: str | None) -> list[ir.Stmt]:
        assert self.ctx is not None
        left_n = rc.child_by_field_name("left")
        right_n = rc.child_by_field_name("right")
        if right_n is None:
            self.err(rc, "syntax error: missing range expression")
        define = token(rc, ":=") is not None
        lhs_nodes = kids(left_n) if left_n is not None else []
        if len(lhs_nodes) > 2:
            self.err(lhs_nodes[2], "range clause permits at most two iteration variables")
        pos = pos_of(n)
        rpos = pos_of(right_n)
        x = self.value(right_n)
        xt = x.ty
        assert xt is not None
        outer = Scope(self.scope)
        pre: list[ir.Stmt] = []

        def blank(i: int) -> bool:
            return i >= len(lhs_nodes) or text_of(lhs_nodes[i]) == "_"

        need_value = not blank(1)
        key_t: Type = INT
        val_t: Type | None = None
        kind = ""
        arr_t = xt.elem if isinstance(xt, PtrType) and isinstance(xt.elem, ArrayType) else xt
        if is_integer(xt):
            kind = "int"
            if len(lhs_nodes) > 1:
                self.err(lhs_nodes[1], f"range over {self.describe(x)} permits only one iteration variable")
            if is_untyped(xt):
                key_t = INT
                if not define and lhs_nodes and not blank(0):
                    # `for i = range 10`: the constant takes i's type
                    with self.push(outer):
                        _, tt = self.lhs(lhs_nodes[0])
                    if tt is not None:
                        key_t = tt
            else:
                key_t = xt
        elif isinstance(arr_t, ArrayType):
            kind = "array"
            val_t = arr_t.elem
        elif isinstance(xt, SliceType):
            kind = "slice"
            val_t = xt.elem
        elif is_string(xt):
            kind = "string"
            val_t = RUNE
        elif isinstance(xt, MapType):
            return map_range(self, n, rc, body_n, label, x, lhs_nodes, define)
        elif isinstance(xt, FuncType):
            self.unsupported(right_n, "range over function")
        else:
            self.err(right_n, f"cannot range over {self.describe(x)}")

        with self.push(outer):
            idx = self.temp("i", key_t, rpos)
            length: ir.Expr
            rng: ir.Var | None = None
            nxt: ir.Var | None = None
            rch: ir.Var | None = None
            if kind == "int":
                if x.mode == "const":
                    try:
                        lv = C.representable(x.val, key_t)
                    except C.ConstError:
                        self.err(right_n, f"cannot use {self.describe(x)} as {key_t} value in range clause")
                    length = self.const_expr(key_t, lv, rpos)
                else:
                    xe = self.rvalue(x) if x.delayed is None else x.delayed(key_t)
                    if not identical(xe.ty, key_t):
                        self.err(right_n, f"cannot use {self.describe(x)} as {key_t} value in range clause")
                    ln_v = self.temp("len", key_t, rpos)
                    pre.append(ir.Decl(rpos, ln_v, xe))
                    length = self.ref(ln_v, rpos)
            elif kind == "array":
                alen = arr_t.length  # type: ignore[union-attr]
                length = ir.Const(INT, rpos, alen)
                if need_value:
                    # the range expression is evaluated once, and an array is copied
                    xe = self.rvalue(x)
                    rng = self.temp("range", xe.ty, rpos)
                    pre.append(ir.Decl(rpos, rng, xe))
                elif x.expr is not None and self.has_call(x.expr):
                    xe = self.rvalue(x)
                    rng = self.temp("range", xe.ty, rpos)
                    pre.append(ir.Decl(rpos, rng, xe))
            elif kind == "slice":
                xe = self.rvalue(x)
                if need_value:
                    rng = self.temp("range", xt, rpos)
                    pre.append(ir.Decl(rpos, rng, xe))
                    ln_v = self.temp("len", INT, rpos)
                    pre.append(ir.Decl(rpos, ln_v, ir.Len(INT, rpos, self.ref(rng, rpos))))
                else:
                    ln_v = self.temp("len", INT, rpos)
                    pre.append(ir.Decl(rpos, ln_v, ir.Len(INT, rpos, xe)))
                length = self.ref(ln_v, rpos)
            else:  # string
                xe = self.rvalue(x)
                rng = self.temp("range", xe.ty, rpos)
                pre.append(ir.Decl(rpos, rng, xe))
                ln_v = self.temp("len", INT, rpos)
                pre.append(ir.Decl(rpos, ln_v, ir.Len(INT, rpos, self.ref(rng, rpos))))
                length = self.ref(ln_v, rpos)
                nxt = self.temp("next", INT, rpos)
                pre.append(ir.Decl(rpos, nxt, ir.Const(INT, rpos, 0)))
                if need_value:
                    rch = self.temp("r", RUNE, rpos)
                    pre.append(ir.Decl(rpos, rch, ir.Const(RUNE, rpos, 0)))
            pre.append(ir.Decl(rpos, idx, ir.Const(key_t, rpos, 0)))

            # values of the iteration variables, per iteration
            body_scope = Scope(self.scope)
            head: list[ir.Stmt] = []
            if kind == "string":
                head.append(ir.AssignTuple(
                    rpos,
                    [self.ref(rch, rpos) if rch is not None else None, self.ref(nxt, rpos)],  # type: ignore[arg-type]
                    ir.Intrinsic(go_tuple([RUNE, INT]), rpos, "decode_rune", [self.ref(rng, rpos), self.ref(idx, rpos)]),  # type: ignore[arg-type]
                ))
            key_val: ir.Expr = self.ref(idx, rpos)
            val_val: ir.Expr | None = None
            if need_value:
                if kind == "string":
                    val_val = self.ref(rch, rpos)  # type: ignore[arg-type]
                elif kind == "slice":
                    val_val = ir.IndexRef(val_t, rpos, self.ref(rng, rpos), self.ref(idx, rpos))  # type: ignore[arg-type]
                else:
                    base: ir.Expr = self.ref(rng, rpos)  # type: ignore[arg-type]
                    if isinstance(xt, PtrType):
                        base = ir.Deref(arr_t, rpos, base)
                    val_val = ir.IndexRef(val_t, rpos, base, self.ref(idx, rpos))  # type: ignore[arg-type]
            range_vars: list[ir.Var] = []
            with self.push(body_scope):
                for i, (vv, vt) in enumerate(((key_val, key_t), (val_val, val_t))):
                    if i >= len(lhs_nodes) or blank(i):
                        continue
                    assert vv is not None and vt is not None
                    self.bind_range_var(lhs_nodes[i], vt, vv, define, rpos, range_vars, head)
                user = Scope(body_scope)
                body = self.loop_body(body_n, label, head, user)
                # the iteration variables and the body's own locals leave scope together
                body.scope = body_scope.vars + body.scope
            cond = ir.Binary(BOOL, rpos, "<", self.ref(idx, rpos), length)
            if kind == "string":
                post: ir.Stmt = ir.Assign(rpos, [self.ref(idx, rpos)], [self.ref(nxt, rpos)])  # type: ignore[arg-type]
            else:
                post = ir.OpAssign(rpos, self.ref(idx, rpos), "+", ir.Const(key_t, rpos, 1))
            loop = ir.Loop(pos, cond, body, post, [], label, pos_of(rc))
            if range_vars:
                self.range_loop_vars[loop] = range_vars
        return [ir.Block(pos, pre + [loop], scope=outer.vars)]

    def s_return_statement(self, n: Node) -> list[ir.Stmt]:
        assert self.ctx is not None
        el = next((c for c in kids(n) if c.type == "expression_list"), None)
        vals = kids(el) if el is not None else [c for c in kids(n)]
        results = self.ctx.results
        pos = pos_of(n)
        if not vals:
            if results and not self.ctx.named_results:
                self.err(n, "not enough return values")
            return [ir.Return(pos, [self.ref(v, pos) for v in self.ctx.named_results])]
        if len(vals) == 1 and len(results) > 1:
            op = self.expr(vals[0])
            if op.mode == "tuple":
                elems = op.ty.elems  # type: ignore[union-attr]
                if len(elems) != len(results):
                    self.err(vals[0], "too many return values" if len(elems) > len(results) else "not enough return values")
                for et, rt in zip(elems, results):
                    if not identical(et, rt):
                        self.err(vals[0], f"cannot use {self.src(vals[0])} (value of type {op.ty}) as {rt} value in return statement")
                sc = Scope(self.scope)
                tmps = [self.temp("r", t, pos, sc) for t in elems]
                assert op.expr is not None
                blk = ir.Block(pos, [ir.DeclTuple(pos, list(tmps), op.expr), ir.Return(pos, [self.ref(t, pos) for t in tmps])], scope=sc.vars)
                self.return_blocks.add(blk)
                return [blk]
            self.err(vals[0], "not enough return values")
        if len(vals) > len(results):
            self.err(vals[len(results)], "too many return values")
        if len(vals) < len(results):
            self.err(vals[0], "not enough return values")
        return [ir.Return(pos, [self.assignable(self.value(v), t, "return statement") for v, t in zip(vals, results)])]

    # ---- functions ----------------------------------------------------------------------

    def lower_body(
        self,
        func: ir.Func,
        params: list[tuple[Node | None, ir.Var]],
        results: list[tuple[Node | None, Type]],
        body_n: Node,
        outer: FuncCtx | None,
        parent_scope: Scope,
    ) -> None:
        ctx = FuncCtx(func, outer, [t for _, t in results])
        saved = (self.ctx, self.scope, self.iota, self.lhs_ident)
        self.ctx = ctx
        self.iota = None
        self.lhs_ident = False
        fscope = Scope(parent_scope, "func")
        try:
            for pn, v in params:
                if pn is not None and v.name != "_":
                    self.declare(fscope, v.name, VarObj(v, ctx, pn, used=True), pn)
            pre: list[ir.Stmt] = []
            if results and results[0][0] is not None:
                for rn, t in results:
                    assert rn is not None
                    v = ir.Var(text_of(rn), t, pos_of(rn))
                    func.locals.append(v)
                    fscope.vars.append(v)
                    if v.name != "_":
                        self.declare(fscope, v.name, VarObj(v, ctx, rn, used=True), rn)
                    ctx.named_results.append(v)
                    pre.append(ir.Decl(pos_of(rn), v, None))
                self.named_results[func] = ctx.named_results
            self.scope = fscope
            try:
                func.body = self.block(body_n, pre, fscope)
            except ir.UnsupportedError as e:
                self.earlier_unused(ctx, body_n, e)
                raise
            func.end_pos = func.body.end_pos
            if any(v.captured or v.addr_taken for v in ctx.named_results):
                self.store_named_results(func.body, ctx.named_results)
            apply_defers(self, func, ctx)
            if results and not self.terminates(body_n):
                close = token(body_n, "}")
                self.err(close if close is not None else body_n, "missing return")
            unused = [o for o in ctx.var_objs if o.check_unused and not o.used]
            if unused:
                first = min(unused, key=lambda o: o.var.pos)
                self.err(first.var.pos, f"declared and not used: {first.var.name}")
        finally:
            self.ctx, self.scope, self.iota, self.lhs_ident = saved

    def store_named_results(self, body: ir.Block, named: list[ir.Var]) -> None:
        """`return a, b` stores into the named results before returning (as walk
        does), which a closure capturing a result, or a pointer to it, can see."""

        def store(s: ir.Return) -> ir.Stmt | None:
            if not s.values or all(isinstance(v, ir.VarRef) and v.var is r for v, r in zip(s.values, named)):
                return None
            refs = [self.ref(r, s.pos) for r in named]
            blk = ir.Block(s.pos, [ir.Assign(s.pos, refs, s.values), ir.Return(s.pos, [self.ref(r, s.pos) for r in named])])
            self.return_blocks.add(blk)
            return blk

        rewrite_returns(body, store)

    def earlier_unused(self, ctx: FuncCtx, body_n: Node, e: ir.UnsupportedError) -> None:
        """The compiler lists errors by position, so a variable declared before a
        type error and never mentioned again is reported first ("declared and not
        used"). Checking stops at the error, so only variables with no mention
        after it are certain to be unused."""
        if e.message.startswith(("syntax error", "unsupported", "internal error")):
            return
        cands = [o for o in ctx.var_objs if o.check_unused and not o.used and o.var.pos < e.pos]
        if not cands:
            return
        later: set[str] = set()
        stack = [body_n]
        while stack:
            x = stack.pop()
            if x.type == "identifier" and pos_of(x) >= e.pos:
                later.add(text_of(x))
            elif x.end_point[0] + 1 >= e.pos[0]:
                stack.extend(x.named_children)
        cands = [o for o in cands if o.var.name not in later]
        if cands:
            first = min(cands, key=lambda o: o.var.pos)
            raise ir.UnsupportedError(f"declared and not used: {first.var.name}", first.var.pos, self.file)

    def func_literal(self, n: Node) -> Operand:
        pn = n.child_by_field_name("parameters")
        rn = n.child_by_field_name("result")
        body_n = n.child_by_field_name("body")
        if body_n is None:
            self.err(n, "syntax error: function literal without body")
        params, results = self.signature(pn, rn)
        outer = self.ctx
        if outer is not None:
            outer.lit_count += 1
            oname = outer.func.display_name
            name = f"{oname}.{outer.lit_count}" if outer.outer is not None else f"{oname}.func{outer.lit_count}"
        else:
            self.pkg_lit_count += 1
            name = f"glob..func{self.pkg_lit_count}"
        pvars = [(pn_, ir.Var(text_of(pn_) if pn_ is not None else "_", t, pos_of(pn_) if pn_ is not None else pos_of(n), is_param=True)) for pn_, t in params]
        ft = FuncType(tuple(t for _, t in params), tuple(t for _, t in results), is_variadic(params))
        func = ir.Func(name, pos_of(n), [v for _, v in pvars], [t for _, t in results], ir.Block(pos_of(body_n), []), outer=outer.func if outer else None)
        self.all_funcs.append(func)
        self.lower_body(func, pvars, results, body_n, outer, self.scope)
        site = self.site(pos_of(n), "func_lit", "func literal")
        e = ir.FuncLit(ft, pos_of(n), site, func, func.captures)
        if outer is None:
            self.pkg_closures.append(func)
        return Operand("value", ft, n, expr=e)

    @property
    def pkg_closures(self) -> list[ir.Func]:
        s = getattr(self, "_pkg_closures", None)
        if s is None:
            s = self._pkg_closures = []
        return s

    # ---- terminating statements (spec "Terminating statements") -----------------------

    def terminates(self, n: Node) -> bool:
        t = n.type
        if t in ("return_statement", "goto_statement"):
            return True
        if t == "block":
            stmts = [s for s in self.block_stmts(n) if s.type != "empty_statement"]
            return bool(stmts) and self.terminates(stmts[-1])
        if t == "if_statement":
            then_n = n.child_by_field_name("consequence")
            alt = n.child_by_field_name("alternative")
            return alt is not None and then_n is not None and self.terminates(then_n) and self.terminates(alt)
        if t == "labeled_statement":
            ln = n.child_by_field_name("label")
            body = [c for c in kids(n) if c.type != "label_name"]
            if body and body[0].type == "for_statement":
                return self.loop_terminates(body[0], text_of(ln) if ln is not None else None)
            if body and body[0].type == "expression_switch_statement":
                return self.switch_terminates(body[0], text_of(ln) if ln is not None else None)
            return bool(body) and self.terminates(body[0])
        if t == "for_statement":
            return self.loop_terminates(n, None)
        if t in ("expression_switch_statement", "type_switch_statement"):
            return self.switch_terminates(n, None)
        return False

    def switch_terminates(self, n: Node, label: str | None) -> bool:
        """A default, no break out of the switch, every clause ends terminating or in fallthrough."""
        clauses = [c for c in kids(n) if c.type in ("expression_case", "default_case", "type_case")]
        if not any(c.type == "default_case" for c in clauses):
            return False
        for c in clauses:
            if self.has_break(c, label, 0):
                return False
            sl = [x for x in kids(c) if x.type == "statement_list"]
            stmts = [x for x in kids(sl[0]) if x.type not in ("comment", "empty_statement")] if sl else []
            if not stmts or not (stmts[-1].type == "fallthrough_statement" or self.terminates(stmts[-1])):
                return False
        return True

    def loop_terminates(self, n: Node, label: str | None) -> bool:
        body_n = n.child_by_field_name("body")
        clause = next((c for c in kids(n) if body_n is None or c.id != body_n.id), None)
        if clause is not None:
            if clause.type == "range_clause":
                return False
            if clause.type != "for_clause" or clause.child_by_field_name("condition") is not None:
                return False
        return body_n is not None and not self.has_break(body_n, label, 0)

    def has_break(self, n: Node, label: str | None, depth: int) -> bool:
        for c in n.named_children:
            if c.type == "break_statement":
                ln = next((x for x in c.named_children if x.type == "label_name"), None)
                if ln is None and depth == 0:
                    return True
                if ln is not None and label is not None and text_of(ln) == label:
                    return True
            elif c.type == "func_literal":
                continue
            elif c.type in ("for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"):
                if self.has_break(c, label, depth + 1):
                    return True
            elif self.has_break(c, label, depth):
                return True
        return False
