"""Expression switches (`switch x := f(); x { case a, b: ... }`, tagless
`switch { case c: }`, `fallthrough`) and the labels and `break`s they take.

A switch lowers to a loop that runs once (`ir.Loop(once=True)`, labelled
`.swN`): its body evaluates the tag once into a hidden `.tag` and tests the
cases top to bottom, left to right, as the compiler's walkSwitch does, then
breaks out. `break` inside a case is `Break(".swN")`; an unlabelled
`continue` inside a switch continues the enclosing `for`, which gets a hidden
label for it. A once-loop adds no loop depth for escape analysis (a switch is
not a loop to the compiler).

Without `fallthrough` the cases are an if/else chain with `default` as the
final else. With it, the chain only selects the clause index into a hidden
`.case`, and the clauses run as a sequence of `if .case == i` blocks in source
order, a falling-through clause setting `.case = i+1`.
"""

from __future__ import annotations

from tree_sitter import Node

from .. import ir
from ..types import BOOL, Type
from .gotypes import INT, default_type, is_boolean, is_untyped
from .scope import Operand, Scope, kids, pos_of, text_of


class SwitchTarget:
    """An entry of FuncCtx.loops for a switch: `break` may target it, `continue` never."""

    def __init__(self, label: str | None, hidden: str) -> None:
        self.label = label
        self.hidden = hidden

    def __eq__(self, other: object) -> bool:  # `name in ctx.loops` finds a labelled switch
        return isinstance(other, str) and other == self.label

    __hash__ = object.__hash__


class SwitchLowerer:
    """Mixed into StmtLowerer (uses its scopes, temps, blocks and operands)."""

    def s_expression_switch_statement(self, n: Node, label: str | None = None) -> list[ir.Stmt]:
        ctx = self.ctx
        assert ctx is not None
        ctx.temp_count += 1
        hidden = label or f".sw{ctx.temp_count}"
        pos = pos_of(n)
        sc = Scope(self.scope)
        pre: list[ir.Stmt] = []
        with self.push(sc):
            pre = self.simple(n.child_by_field_name("initializer"))
            tag_n = n.child_by_field_name("value")
            tag: Operand | None = None
            if tag_n is not None:
                op = self.value(tag_n)
                t: Type = self.operand_type(op)
                tv = self.temp(f"tag{ctx.temp_count}", t, pos_of(tag_n))
                pre.append(ir.Decl(pos_of(tag_n), tv, self.rvalue(op) if not is_untyped(op.ty) else self.convert_untyped(op, default_type(op.ty), "switch expression")))
                tag = Operand("value", t, tag_n, expr=self.ref(tv, pos_of(tag_n)))
            clauses = [c for c in kids(n) if c.type in ("expression_case", "default_case")]
            if sum(c.type == "default_case" for c in clauses) > 1:
                second = [c for c in clauses if c.type == "default_case"][1]
                self.err(second, "multiple defaults in switch")
            target = SwitchTarget(label, hidden)
            ctx.loops.append(target)  # type: ignore[arg-type]
            try:
                conds = [self.case_cond(c, tag) for c in clauses]
                bodies = [self.case_body(c, i == len(clauses) - 1, hidden) for i, c in enumerate(clauses)]
            finally:
                ctx.loops.pop()
            falls = [ft for _, ft in bodies]
            if any(falls):
                chain = self.indexed_clauses(pos, clauses, conds, [b for b, _ in bodies], falls, hidden)
            else:
                chain = self.if_chain(pos, clauses, conds, [b for b, _ in bodies])
        body = ir.Block(pos, pre + chain + [ir.Break(pos, hidden)], scope=sc.vars)
        return [ir.Loop(pos, None, body, None, [], hidden, pos, once=True)]

    def case_cond(self, c: Node, tag: Operand | None) -> ir.Expr | None:
        """`tag == a || tag == b` (or the tagless case's condition); None for default."""
        if c.type == "default_case":
            return None
        vl = c.child_by_field_name("value")
        out: ir.Expr | None = None
        for en in kids(vl) if vl is not None else []:
            x = self.value(en)
            if tag is None:
                if not is_boolean(x.ty):  # type: ignore[arg-type]
                    if x.mode == "const":
                        self.err(en, f"cannot convert {self.describe(x)} to type bool")
                    self.err(en, f"invalid case {self.src(en)} in switch (mismatched types {x.ty} and bool)")
                e = self.rvalue(x)
            else:
                cmp = self.comparison(en, "==", tag, x)
                e = self.rvalue(cmp) if cmp.mode != "const" else ir.Const(BOOL, pos_of(en), cmp.val)
            out = e if out is None else ir.Binary(BOOL, pos_of(en), "||", out, e)
        return out

    def case_body(self, c: Node, last: bool, hidden: str) -> tuple[ir.Block, bool]:
        """The clause's statements in their own scope, and whether it ends in fallthrough."""
        stmts_n = [x for x in kids(c) if x.type == "statement_list"]
        nodes = [x for x in kids(stmts_n[0]) if x.type != "comment"] if stmts_n else []
        falls = False
        if nodes and nodes[-1].type == "fallthrough_statement":
            if last:
                self.err(nodes[-1], "cannot fallthrough final case in switch")
            falls = True
            nodes = nodes[:-1]
        for x in nodes:
            if x.type == "fallthrough_statement":
                self.err(x, "fallthrough statement out of place")
        sc = Scope(self.scope)
        out: list[ir.Stmt] = []
        with self.push(sc):
            for x in nodes:
                out.extend(self.stmt(x))
        return ir.Block(pos_of(c), out, scope=sc.vars), falls

    def if_chain(self, pos: ir.Pos, clauses: list[Node], conds: list[ir.Expr | None],
                 bodies: list[ir.Block]) -> list[ir.Stmt]:
        default: ir.Block | None = None
        cases: list[tuple[ir.Expr, ir.Block, ir.Pos]] = []
        for c, cond, body in zip(clauses, conds, bodies):
            if cond is None:
                default = body
            else:
                cases.append((cond, body, pos_of(c)))
        els = default
        for cond, body, at in reversed(cases):
            els = ir.Block(at, [ir.If(at, cond, body, els)], scope=[])
        return [els] if els is not None else []

    def indexed_clauses(self, pos: ir.Pos, clauses: list[Node], conds: list[ir.Expr | None],
                        bodies: list[ir.Block], falls: list[bool], hidden: str) -> list[ir.Stmt]:
        ctx = self.ctx
        assert ctx is not None
        ctx.temp_count += 1
        k = self.temp(f"case{ctx.temp_count}", INT, pos)
        ref = lambda: self.ref(k, pos)  # noqa: E731
        choose = [ir.Assign(pos_of(c), [ref()], [ir.Const(INT, pos, i)]) for i, c in enumerate(clauses)]
        picks = [ir.Block(pos, [s], scope=[]) for s in choose]
        default_i = next((i for i, c in enumerate(conds) if c is None), None)
        els: ir.Block | None = picks[default_i] if default_i is not None else None
        for i in reversed([i for i, c in enumerate(conds) if c is not None]):
            at = pos_of(clauses[i])
            els = ir.Block(at, [ir.If(at, conds[i], picks[i], els)], scope=[])  # type: ignore[arg-type]
        out: list[ir.Stmt] = [ir.Decl(pos, k, ir.Const(INT, pos, -1))]
        if els is not None:
            out.append(els)
        for i, (c, body) in enumerate(zip(clauses, bodies)):
            at = pos_of(c)
            tail: ir.Stmt = (ir.Assign(at, [ref()], [ir.Const(INT, at, i + 1)]) if falls[i]
                             else ir.Break(at, hidden))
            body.stmts.append(tail)
            test = ir.Binary(BOOL, at, "==", ref(), ir.Const(INT, at, i))
            out.append(ir.If(at, test, body, None))
        return out

    def continue_target(self, kind: str, pos: ir.Pos) -> list[ir.Stmt] | None:
        """An unlabelled break/continue inside a switch, or None when the innermost target is a loop."""
        ctx = self.ctx
        assert ctx is not None
        if not ctx.loops or not any(isinstance(t, SwitchTarget) for t in ctx.loops):
            return None
        if kind == "break":
            t = ctx.loops[-1]
            if isinstance(t, SwitchTarget):
                return [ir.Break(pos, t.hidden)]
            return None
        for i in range(len(ctx.loops) - 1, -1, -1):
            t = ctx.loops[i]
            if isinstance(t, SwitchTarget):
                continue
            if i == len(ctx.loops) - 1:
                return None
            if t is None:
                ctx.temp_count += 1
                t = ctx.loops[i] = f".loop{ctx.temp_count}"
            return [ir.Continue(pos, t)]
        return None  # no loop: the caller reports "continue is not in a loop"


def label_loop(stmts: list[ir.Stmt], label: str | None) -> None:
    """Give the loop a `for` statement lowered to (possibly inside its init block) its hidden label."""
    if label is None:
        return
    for s in stmts:
        if isinstance(s, ir.Loop):
            s.label = label
            return
        if isinstance(s, ir.Block):
            for x in s.stmts:
                if isinstance(x, ir.Loop):
                    x.label = label
                    return


def labelled_switch_name(t: object) -> str | None:
    return t.label if isinstance(t, SwitchTarget) else None


__all__ = ["SwitchLowerer", "SwitchTarget", "label_loop", "labelled_switch_name", "text_of"]
