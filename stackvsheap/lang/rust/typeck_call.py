"""Closures and calls: fn items, closures and the library's associated functions."""

from __future__ import annotations

from ..types import FuncType, OptionType, PtrType, SliceType, Type
from . import ast as A
from .rtypes import (
    RUST_INTS, RUST_STR, STRING, UNIT, USIZE, IterT, RangeT, TVar, find, is_copy, resolve,
)
from .typeck_common import Binding, FnCtx, FnInfo


class CallCheck:
    def c_Closure(self, e: A.Closure, expected: Type | None) -> Type:
        exp_params: list[Type] | None = None
        exp_ret: Type | None = None
        if expected is not None:
            et = find(expected)
            if isinstance(et, FuncType) and len(et.params) == len(e.params):
                exp_params = list(et.params)
                exp_ret = et.results[0] if et.results else UNIT
        e.captured = []  # type: ignore[attr-defined]
        outer = self.fn
        ret = self.type_of(e.ret) if e.ret is not None else (exp_ret if exp_ret is not None else TVar())
        self.fn = FnCtx(ret, e)
        self.scopes.append({})
        params: list[Type] = []
        binds: list[Binding] = []
        try:
            for k, p in enumerate(e.params):
                pt = self.type_of(p.type) if p.type is not None else TVar()
                if exp_params is not None:
                    self.unify(exp_params[k], pt, p.pos)
                params.append(pt)
                binds.extend(self.bind_pattern(p.pattern, pt, "closure_param", irrefutable=True))
            bt = self.check(e.body, ret)
            self.coerce_to(e.body, bt, ret)
            e.locals = self.fn.locals  # type: ignore[attr-defined]
        finally:
            self.scopes.pop()
            self.fn = outer
        if outer is not None:
            outer.locals.extend([])
        e.param_bindings = binds  # type: ignore[attr-defined]
        fty = FuncType(tuple(params), (ret,))
        e.fty = fty  # type: ignore[attr-defined]
        self.closures.append(e)
        # variables captured by this closure are also used by the enclosing closure (if any)
        if outer is not None and isinstance(outer.owner, A.Closure):
            for b in e.captured:  # type: ignore[attr-defined]
                if b.owner is not outer.owner and b not in outer.owner.captured:
                    outer.owner.captured.append(b)
        if e.is_move:
            # owned captures move into the closure and drop with it (lower_method.v_Closure)
            e.owned_captures = [b for b in e.captured if not is_copy(b.ty)]  # type: ignore[attr-defined]
        return fty

    def c_Call(self, e: A.Call, expected: Type | None) -> Type:
        f = e.func
        if isinstance(f, A.Path) and self.is_template(f.segments[0]):
            r = self.template_call(e, f.segments[0], expected)  # `MyBox(x)`, `Stack::new()`
            if r is not None:
                return r
        if not isinstance(f, A.Path):
            ft = self.check(f, None)
            return self.call_value(e, ft)
        if f.segments[-2:] == ["thread", "spawn"]:
            self.unsupported("threads (`thread::spawn`): the simulator runs one thread", e.pos)
        segs = self.norm_path(f.segments, f.pos)
        if len(segs) != 1 or self.lookup(segs[0]) is None:
            vt = self.variant_call(e, segs)
            if vt is not None:
                return vt
        if len(segs) == 1:
            name = segs[0]
            b = self.lookup(name)
            if b is not None:
                f.binding = b  # type: ignore[attr-defined]
                self.note_capture(b, f)
                self.typed(f, b.ty)
                return self.call_value(e, b.ty)
            if name == "Some":
                if len(e.args) != 1:
                    self.fail(f"this enum variant takes 1 argument but {len(e.args)} arguments were supplied",
                              e.pos)
                inner_exp = None
                if expected is not None:
                    et = find(expected)
                    if isinstance(et, OptionType):
                        inner_exp = et.inner
                t = self.expect(e.args[0], inner_exp) if inner_exp is not None else self.check(e.args[0], None)
                self.no_iter(t, e.args[0])
                e.callee = ("builtin", "Some")  # type: ignore[attr-defined]
                return OptionType(t)
            if name == "drop":
                self.nargs(e, 1)
                t = self.check(e.args[0], None)
                self.no_iter(t, e.args[0])
                e.callee = ("builtin", "drop")  # type: ignore[attr-defined]
                return UNIT
            if name in getattr(self, "generic_fns", ()):
                return self.call_generic(e, self.generic_fns[name])
            if name in self.fns:
                info = self.fns[name]
                return self.call_fn(e, info, e.args, None)
            if name in self.structs or (name == "Self" and self.self_type is not None):
                st = self.self_type if name == "Self" else self.structs[name]
                if not st.tuple_struct:
                    self.fail(f"expected function, found struct `{name}`", f.pos)
                if len(e.args) != len(st.fields):
                    self.fail(f"this struct takes {len(st.fields)} arguments but {len(e.args)} "
                              f"{'argument was' if len(e.args) == 1 else 'arguments were'} supplied", e.pos)
                for a, (_, ft) in zip(e.args, st.fields):
                    self.expect(a, ft)
                e.callee = ("tuple_struct", st)  # type: ignore[attr-defined]
                return st
            if name in ("Ok", "Err"):
                ok = self.fmt_ok(e, expected) or self.result_ctor(e, name, expected)
                if ok is not None:
                    return ok
                self.unsupported(f"`{name}(..)` where no `Result` type is written", e.pos)
            self.fail(f"cannot find function `{name}` in this scope", f.pos)
        if len(segs) == 2:
            tname, fname = segs
            if tname == "Self":
                if self.self_type is None:
                    self.fail("cannot find type `Self` in this scope", f.pos)
                tname = self.self_type.name
            if tname in self.structs:
                info = self.methods.get((tname, fname))
                if info is None:
                    self.fail(f"no function or associated item named `{fname}` found for struct `{tname}`",
                              f.pos)
                return self.call_fn(e, info, e.args, None)
            return self.call_builtin_path(e, tname, fname, f.generics, expected)
        self.unsupported(f"path `{'::'.join(f.segments)}`", f.pos)

    def nargs(self, e: A.Call | A.MethodCall, n: int) -> None:
        if len(e.args) != n:
            what = "function" if isinstance(e, A.Call) else "method"
            self.fail(f"this {what} takes {n} argument{'s' if n != 1 else ''} but {len(e.args)} "
                      f"argument{'s were' if len(e.args) != 1 else ' was'} supplied", e.pos)

    def no_iter(self, t: Type, e: A.Expr) -> None:
        if isinstance(find(t), (IterT, RangeT)):
            self.unsupported("an iterator or range used as a value", e.pos)

    def call_value(self, e: A.Call, ft: Type) -> Type:
        t = find(ft)
        if not isinstance(t, FuncType):
            self.fail(f"expected function, found `{resolve(ft, False)}`", e.func.pos)
        if len(t.params) != len(e.args):
            self.fail(f"this function takes {len(t.params)} arguments but {len(e.args)} were supplied", e.pos)
        for a, pt in zip(e.args, t.params):
            self.expect(a, pt)
        e.callee = ("closure",)  # type: ignore[attr-defined]
        return t.results[0] if t.results else UNIT

    def call_fn(self, e: A.Call, info: FnInfo, args: list[A.Expr], recv: A.Expr | None) -> Type:
        params = info.params
        if recv is None and info.self_kind is not None:
            pass  # UFCS call: self is the first argument
        if len(args) != len(params):
            self.fail(f"this function takes {len(params)} argument{'s' if len(params) != 1 else ''} but "
                      f"{len(args)} argument{'s were' if len(args) != 1 else ' was'} supplied", e.pos)
        for a, pt in zip(args, params):
            self.expect(a, pt)
        e.callee = ("fn", info)  # type: ignore[attr-defined]
        return info.ret

    def call_builtin_path(self, e: A.Call, tname: str, fname: str, gens: list[A.TypeExpr],
                          expected: Type | None) -> Type:
        key = f"{tname}::{fname}"
        e.callee = ("builtin", key)  # type: ignore[attr-defined]
        garg = [self.type_of(g) for g in gens]
        ct = (self.cell_path_call(e, tname, fname, expected) or self.weak_path_call(e, tname, fname, expected)
              or self.map_path_call(e, tname, fname, garg, expected))
        if ct is not None:
            return ct
        if tname == "Rc" and "Rc" not in self.imported:
            self.fail("failed to resolve: use of undeclared type `Rc` (add `use std::rc::Rc;`)", e.func.pos)
        if key in ("Box::new", "Rc::new"):
            self.nargs(e, 1)
            inner_exp = None
            if expected is not None:
                et = find(expected)
                if isinstance(et, PtrType) and et.flavor == ("box" if tname == "Box" else "rc"):
                    inner_exp = et.elem
            if garg:
                inner_exp = garg[0]
            t = self.expect(e.args[0], inner_exp) if inner_exp is not None else self.check(e.args[0], None)
            self.no_iter(t, e.args[0])
            return PtrType(t, "box" if tname == "Box" else "rc")
        if key in ("Rc::clone", "Rc::strong_count"):
            self.nargs(e, 1)
            inner = TVar()
            self.expect(e.args[0], PtrType(PtrType(inner, "rc"), "ref"))
            return PtrType(inner, "rc") if fname == "clone" else USIZE
        if tname == "Vec" and fname in ("new", "with_capacity"):
            elem: Type = garg[0] if garg else TVar()
            if fname == "with_capacity":
                self.nargs(e, 1)
                self.expect(e.args[0], USIZE)
            else:
                self.nargs(e, 0)
            return SliceType(elem, "vec")
        if tname == "String" and fname in ("new", "with_capacity", "from"):
            if fname == "new":
                self.nargs(e, 0)
            elif fname == "with_capacity":
                self.nargs(e, 1)
                self.expect(e.args[0], USIZE)
            else:
                self.nargs(e, 1)
                at = self.check(e.args[0], RUST_STR)
                fa = find(at)
                if isinstance(fa, SliceType) and fa.flavor == "string":
                    e.callee = ("builtin", "String::from_string")  # type: ignore[attr-defined]
                    return STRING
                self.coerce_to(e.args[0], at, RUST_STR)
            return STRING
        if key in ("Option::Some",):
            self.nargs(e, 1)
            e.callee = ("builtin", "Some")  # type: ignore[attr-defined]
            return OptionType(self.check(e.args[0], None))
        if tname in ("Vec", "String", "Box", "Rc", "Option") or tname in RUST_INTS:
            self.unsupported(f"`{key}`", e.func.pos)
        self.fail(f"failed to resolve: use of undeclared type `{tname}`", e.func.pos)

    def check_fn_arg(self, arg: A.Expr, fty: FuncType) -> None:
        if not isinstance(arg, A.Closure):
            self.unsupported("passing something other than a closure to an iterator adapter", arg.pos)
        t = self.check(arg, fty)
        self.unify(fty, t, arg.pos)
