"""The package level: declarations, signatures, methods, globals and their
initialization order, and assembly of the `ir.Program`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node

from .. import ir
from .variadic import is_variadic
from ..types import FuncType, PtrType, StructType, Type
from .capture import decide_captures
from .gotypes import UNIVERSE_TYPES, UNTYPED_BOOL, is_defined_basic
from .scope import (
    BuiltinObj,
    CascadeError,
    PoisonObj,
    ConstObj,
    ConstValueObj,
    FuncObj,
    IotaObj,
    NilObj,
    Obj,
    Operand,
    Scope,
    TypeObj,
    VarObj,
    kids,
    pos_of,
    text_of,
)
from .imports import PkgObj, check_used, declare_imports
from .stmts import StmtLowerer
from ..ir import children

BUILTINS = (
    "append", "cap", "copy", "len", "make", "new", "println",
    # predeclared but outside the subset: calling them reports "unsupported"
    "print", "panic", "recover", "delete", "close", "clear", "complex", "real", "imag", "min", "max",
)


@dataclass(eq=False)
class PendingGlobal(Obj):
    """A package-level var spec whose type is not known until its initializer
    is checked (Go allows using a variable declared further down)."""

    spec: Node
    state: int = 0
    kind = "pending"


@dataclass(eq=False)
class GlobalUnit:
    """One initialization unit: a var of a spec (or all of them for `a, b = f()`)."""

    order: int
    vars: list[ir.Var]
    stmts: list[ir.Stmt]
    node: Node
    deps: set[ir.Var] = field(default_factory=set)


def universe() -> Scope:
    u = Scope(None, "universe")
    for name, t in UNIVERSE_TYPES.items():
        obj = TypeObj(name, None)
        obj.ty = t
        obj.state = 2
        u.names[name] = obj
    for b in BUILTINS:
        u.names[b] = BuiltinObj(b)
    u.names["true"] = ConstValueObj(UNTYPED_BOOL, True)
    u.names["false"] = ConstValueObj(UNTYPED_BOOL, False)
    u.names["nil"] = NilObj()
    u.names["iota"] = IotaObj()
    return u


class PackageChecker(StmtLowerer):
    def __init__(self, root: Node, source: str, file: str) -> None:
        super().__init__(file)
        self.root = root
        self.source = source
        self.universe = universe()
        self.pkg_scope = Scope(self.universe, "package")
        self.scope = self.pkg_scope
        self.funcs: dict[str, ir.Func] = {}
        self.declared: list[ir.Func] = []
        self.units: list[GlobalUnit] = []
        self.global_vars: list[ir.Var] = []
        self.pending: dict[int, PendingGlobal] = {}
        self.spec_order: dict[int, int] = {}

    # ---- phases -----------------------------------------------------------------------

    def check(self) -> ir.Program:
        type_objs: list[TypeObj] = []
        const_objs: list[ConstObj] = []
        fdecls: list[Node] = []
        mdecls: list[Node] = []
        var_specs: list[Node] = []
        saw_package = False
        imports: list[PkgObj] = []
        for n in kids(self.root):
            t = n.type
            if t == "package_clause":
                saw_package = True
                name = next((c for c in kids(n) if c.type == "package_identifier"), None)
                if name is not None and text_of(name) != "main":
                    self.unsupported(name, f"package {text_of(name)} (only package main)")
            elif t == "import_declaration":
                imports.extend(declare_imports(self, n))
            elif t == "function_declaration":
                fdecls.append(n)
            elif t == "method_declaration":
                mdecls.append(n)
            elif t == "type_declaration":
                type_objs.extend(self.declare_types(n, self.pkg_scope))
            elif t == "const_declaration":
                const_objs.extend(self.const_decl(n, self.pkg_scope, lazy=True))
            elif t == "var_declaration":
                for spec in self.var_specs(n):
                    self.spec_order[spec.id] = len(var_specs)
                    var_specs.append(spec)
                    pending = PendingGlobal(spec)
                    self.pending[spec.id] = pending
                    for nn in spec.children_by_field_name("name"):
                        self.declare(self.pkg_scope, text_of(nn), pending, nn)
            elif t in ("comment",):
                continue
            else:
                prev = n.prev_named_sibling
                while prev is not None and prev.type == "comment":
                    prev = prev.prev_named_sibling
                if (t == "block" and prev is not None and prev.type in ("function_declaration", "method_declaration")
                        and prev.child_by_field_name("body") is None):
                    self.err(n, "syntax error: unexpected semicolon or newline before {")
                self.err(n, "syntax error: non-declaration statement outside function body")
        if not saw_package:
            self.err((1, 1), "syntax error: package statement must be first")

        # Like the compiler, check every declaration even after an error and
        # report the first error by position; uses of a declaration that
        # failed are not reported again (CascadeError).
        errors: list[ir.UnsupportedError] = []

        def attempt(fn: Any, *args: Any) -> Any:
            try:
                return fn(*args)
            except CascadeError:
                return None
            except ir.UnsupportedError as e:
                errors.append(e)
                return None

        for obj in type_objs:
            attempt(self.type_of_obj, obj)
        for cobj in const_objs:
            attempt(self.resolve_const, cobj)
        fobjs = [attempt(self.func_signature, n) for n in fdecls]
        mobjs = [attempt(self.method_signature, n) for n in mdecls]
        for spec in var_specs:
            attempt(self.resolve_global_spec, spec)

        def body_of(n: Node, fobj: FuncObj, pvars: Any, results: Any) -> None:
            body = n.child_by_field_name("body")
            if body is None:
                self.err(n, "missing function body")
            self.lower_body(fobj.func, pvars, results, body, None, self.pkg_scope)
            decide_captures(fobj.func, self.canonical, self.named_results, self.range_loop_vars, self.return_blocks)

        # bodies, in source order
        pending = sorted(
            [(n, o) for n, o in zip(fdecls, fobjs) if o is not None]
            + [(n, o) for n, o in zip(mdecls, mobjs) if o is not None],
            key=lambda p: p[0].start_byte,
        )
        for n, (fobj, pvars, results) in pending:
            attempt(body_of, n, fobj, pvars, results)
        if not errors:  # (a body that failed may have used an import past its error)
            attempt(check_used, self, imports)
        if errors:
            raise min(errors, key=lambda e: e.pos)
        for f in self.pkg_closures:
            decide_captures(f, self.canonical, self.named_results, self.range_loop_vars, self.return_blocks)

        inits = self.init_order()
        all_funcs = list(self.declared) + [f for f in self.all_funcs if f not in set(self.declared)]
        return ir.Program(
            language="go",
            file=self.file,
            source=self.source,
            funcs=self.funcs,
            globals=self.global_vars,
            global_inits=inits,
            sites=[],
            all_funcs=all_funcs,
        )

    # ---- functions and methods ------------------------------------------------------------

    def make_params(self, params: list[tuple[Node | None, Type]], at: Node) -> list[tuple[Node | None, ir.Var]]:
        out = []
        for pn, t in params:
            name = text_of(pn) if pn is not None else "_"
            out.append((pn, ir.Var(name, t, pos_of(pn) if pn is not None else pos_of(at), is_param=True)))
        return out

    def func_signature(self, n: Node) -> Any:
        try:
            return self._func_signature(n)
        except ir.UnsupportedError:
            nn = n.child_by_field_name("name")
            if nn is not None and text_of(nn) not in self.pkg_scope.names:
                self.pkg_scope.names[text_of(nn)] = PoisonObj()
            raise

    def _func_signature(self, n: Node) -> Any:
        nn = n.child_by_field_name("name")
        if nn is None:
            self.err(n, "syntax error: missing function name")
        tp = n.child_by_field_name("type_parameters")
        if tp is not None:
            self.unsupported(tp, "generics")
        name = text_of(nn)
        params, results = self.signature(n.child_by_field_name("parameters"), n.child_by_field_name("result"))
        if name == "init":
            self.unsupported(nn, "func init")
        if name == "main" and (params or results):
            self.err(nn, "func main must have no arguments and no return values")
        pvars = self.make_params(params, nn)
        ft = FuncType(tuple(t for _, t in params), tuple(t for _, t in results), is_variadic(params))
        func = ir.Func(name, pos_of(nn), [v for _, v in pvars], [t for _, t in results], ir.Block(pos_of(n), []))
        if name == "_":
            return None
        if name in self.pkg_scope.names:
            self.err(nn, f"{name} redeclared in this block")
        fobj = FuncObj(func, ft, n)
        self.pkg_scope.names[name] = fobj
        self.funcs[name] = func
        self.declared.append(func)
        return fobj, pvars, results

    def method_signature(self, n: Node) -> Any:
        rn = n.child_by_field_name("receiver")
        nn = n.child_by_field_name("name")
        if rn is None or nn is None:
            self.err(n, "syntax error: bad method declaration")
        recv = [c for c in kids(rn) if c.type in ("parameter_declaration", "variadic_parameter_declaration")]
        if len(recv) != 1:
            self.err(rn, "method has multiple receivers" if recv else "method has no receiver")
        rd = recv[0]
        tn = rd.child_by_field_name("type")
        if tn is None:
            self.err(rd, "syntax error: missing receiver type")
        base_n = tn
        is_ptr = False
        if base_n.type == "pointer_type":
            is_ptr = True
            base_n = kids(base_n)[0]
        if base_n.type in ("generic_type",):
            self.unsupported(base_n, "generics")
        if base_n.type != "type_identifier":
            self.err(base_n, f"invalid receiver type {self.src(tn)}")
        bname = text_of(base_n)
        obj = self.pkg_scope.lookup_local(bname)
        if obj is None:
            if self.universe.lookup_local(bname) is not None:
                self.err(base_n, f"cannot define new methods on non-local type {bname}")
            self.err(base_n, f"undefined: {bname}")
        if not isinstance(obj, TypeObj):
            self.err(base_n, f"{bname} is not a type")
        st = self.type_of_obj(obj)
        if not isinstance(st, StructType) and not is_defined_basic(st):
            self.err(base_n, f"invalid receiver type {bname}")
        rt: Type = PtrType(st) if is_ptr else st
        rnames = rd.children_by_field_name("name")
        rvar_node = rnames[0] if rnames else None
        name = text_of(nn)
        try:
            params, results = self.signature(n.child_by_field_name("parameters"), n.child_by_field_name("result"))
        except ir.UnsupportedError:
            self.methods.setdefault(st, {}).setdefault(name, PoisonObj())  # type: ignore[arg-type]
            raise
        pvars = [(rvar_node, ir.Var(text_of(rvar_node) if rvar_node is not None else "_", rt,
                                    pos_of(rvar_node) if rvar_node is not None else pos_of(tn), is_param=True))]
        pvars += self.make_params(params, nn)
        ft = FuncType(tuple(t for _, t in params), tuple(t for _, t in results), is_variadic(params))
        func = ir.Func(name, pos_of(nn), [v for _, v in pvars], [t for _, t in results], ir.Block(pos_of(n), []),
                       receiver=st.name)
        if name == "_":
            return None
        ms = self.methods.setdefault(st, {})
        if name in ms:
            prev = ms[name].func.pos
            self.err(nn, f"method {st.name}.{name} already declared at {self.file}:{prev[0]}:{prev[1]}")
        if any(fname == name for fname, _ in getattr(st, "fields", [])):
            self.err(nn, f"field and method with the same name {name}")
        fobj = FuncObj(func, ft, n)
        ms[name] = fobj
        self.funcs[f"{st.name}.{name}"] = func
        self.declared.append(func)
        return fobj, pvars, results

    # ---- package-level variables ------------------------------------------------------

    def e_identifier(self, n: Node) -> Operand:
        name = text_of(n)
        obj = self.scope.lookup(name)
        if isinstance(obj, PendingGlobal):
            self.resolve_global_spec(obj.spec)
        return super().e_identifier(n)

    e_type_identifier = e_identifier
    e_field_identifier = e_identifier
    e_true = e_identifier
    e_false = e_identifier
    e_nil = e_identifier
    e_iota = e_identifier

    def resolve_global_spec(self, spec: Node) -> None:
        pend = self.pending[spec.id]
        if pend.state == 2:
            return
        if pend.state == 3:
            raise CascadeError("declaration failed", pos_of(spec), self.file)
        names = spec.children_by_field_name("name")
        if pend.state == 1:
            self.err(names[0] if names else spec, f"initialization cycle for {text_of(names[0]) if names else '_'}")
        pend.state = 1
        saved = (self.ctx, self.scope, self.iota, self.lhs_ident)
        self.ctx, self.scope, self.iota, self.lhs_ident = None, self.pkg_scope, None, False
        try:
            self.global_spec(spec)
        except ir.UnsupportedError:
            pend.state = 3
            for nn in names:
                if self.pkg_scope.names.get(text_of(nn)) is pend:
                    self.pkg_scope.names[text_of(nn)] = PoisonObj()
            raise
        finally:
            self.ctx, self.scope, self.iota, self.lhs_ident = saved
        pend.state = 2

    def global_spec(self, spec: Node) -> list[GlobalUnit]:
        names = spec.children_by_field_name("name")
        tn = spec.child_by_field_name("type")
        vn = spec.child_by_field_name("value")
        pos = pos_of(spec)
        order = self.spec_order.get(spec.id, 0)
        t = self.resolve_type(tn) if tn is not None else None
        values = kids(vn) if vn is not None else []

        def new_global(x: Node, ty: Type) -> ir.Var | None:
            name = text_of(x)
            v = ir.Var(name, ty, pos_of(x), is_global=True)
            if name == "_":
                return v
            self.pkg_scope.names[name] = VarObj(v, None, x, used=True)
            self.global_vars.append(v)
            return v

        units: list[GlobalUnit] = []
        if not values:
            if t is None:
                self.err(spec, "syntax error: missing variable type or initialization")
            for x in names:
                v = new_global(x, t)
                assert v is not None
                if v.name != "_":
                    units.append(GlobalUnit(order, [v], [ir.Decl(pos, v, None)], x))
            self.units.extend(units)
            return units
        if len(values) == 1 and len(names) > 1:
            op = self.expr(values[0])
            if op.mode != "tuple" or len(op.ty.elems) != len(names):  # type: ignore[union-attr]
                self.assign_mismatch(values, len(names), len(op.ty.elems) if op.mode == "tuple" else 1)  # type: ignore[union-attr]
            vs = [new_global(x, et) for x, et in zip(names, op.ty.elems)]  # type: ignore[union-attr]
            assert op.expr is not None
            dvars = [v if v is not None and v.name != "_" else None for v in vs]
            u = GlobalUnit(order, [v for v in dvars if v is not None], [ir.DeclTuple(pos, dvars, op.expr)], spec)
            self.units.append(u)
            return [u]
        if len(values) != len(names):
            self.assign_mismatch(values, len(names), len(values))
        for x, vnode in zip(names, values):
            o = self.assign_value(vnode, values, len(names))
            if t is not None:
                e = self.assignable(o, t, "variable declaration")
            else:
                if o.mode == "nil":
                    self.err(vnode, "use of untyped nil in variable declaration")
                e = self.rvalue(o)
            v = new_global(x, e.ty)
            assert v is not None
            if v.name == "_":
                u = GlobalUnit(order, [], [ir.ExprStmt(pos, e)], x)
            else:
                u = GlobalUnit(order, [v], [ir.Decl(pos, v, e)], x)
            units.append(u)
        self.units.extend(units)
        return units

    # ---- initialization order (spec "Package initialization") -----------------------------

    def refs_of(self, node: Any, globals_out: set[ir.Var], funcs_out: set[ir.Func]) -> None:
        stack = [node]
        while stack:
            x = stack.pop()
            if isinstance(x, ir.VarRef) and x.var.is_global:
                globals_out.add(x.var)
            elif isinstance(x, (ir.Call,)):
                funcs_out.add(x.func)
            elif isinstance(x, ir.FuncRef):
                funcs_out.add(x.func)
            elif isinstance(x, ir.FuncLit):
                funcs_out.add(x.func)
            stack.extend(children(x))

    def init_order(self) -> list[ir.Stmt]:
        func_refs: dict[ir.Func, tuple[set[ir.Var], set[ir.Func]]] = {}

        def direct(f: ir.Func) -> tuple[set[ir.Var], set[ir.Func]]:
            r = func_refs.get(f)
            if r is None:
                g: set[ir.Var] = set()
                fs: set[ir.Func] = set()
                self.refs_of(f.body, g, fs)
                r = func_refs[f] = (g, fs)
            return r

        for u in self.units:
            g: set[ir.Var] = set()
            fs: set[ir.Func] = set()
            for s in u.stmts:
                self.refs_of(s, g, fs)
            seen: set[ir.Func] = set()
            stack = list(fs)
            while stack:
                f = stack.pop()
                if f in seen:
                    continue
                seen.add(f)
                fg, ff = direct(f)
                g |= fg
                stack.extend(ff)
            u.deps = g
        units = sorted(self.units, key=lambda u: (u.order, u.node.start_byte))
        for u in units:
            if set(u.vars) & u.deps:
                v = next(iter(set(u.vars) & u.deps))
                self.err(v.pos, f"initialization cycle for {v.name}")
        done: set[ir.Var] = set()
        out: list[ir.Stmt] = []
        remaining = list(units)
        while remaining:
            for i, u in enumerate(remaining):
                if all(d in done for d in u.deps):
                    out.extend(u.stmts)
                    done.update(u.vars)
                    del remaining[i]
                    break
            else:
                u = remaining[0]
                name = u.vars[0].name if u.vars else "_"
                self.err(u.node, f"initialization cycle for {name}")
        return out
