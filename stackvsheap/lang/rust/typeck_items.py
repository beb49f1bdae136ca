"""Items: the crate's structs, impls and fns, type expressions, constants and fn bodies."""

from __future__ import annotations

from ..types import (
    ArrayType, OptionType, PtrType, SliceType, StringType, StructType, TupleType, Type,
)
from . import ast as A
from .rtypes import (
    BOOL, CHAR, FLOAT64, NEVER, RUST_INTS, RUST_STR, STRING, UNIT, NeverT, TVar, TypeMismatch,
    find, is_copy, resolve, unify,
)
from .refcell import CellType, RefCellType
from .weak import weak_of
from .typeck_common import Binding, FnCtx, FnInfo, Pos, _ALLOWED_USES

_THREADS = "threads (`thread::spawn`): the simulator runs one thread"


class ItemCheck:
    # ---- the crate -------------------------------------------------------------------------

    def check_crate(self) -> None:
        for path, pos in self.crate.uses:
            norm = path.replace(" ", "")
            if self.enum_use(norm, pos):
                continue
            if norm == "std::thread" or norm.startswith("std::thread::"):
                self.unsupported(_THREADS, pos)
            if norm.startswith("std::rc::{") and norm.endswith("}"):
                for name in norm[len("std::rc::{"):-1].split(","):
                    if name not in ("Rc", "Weak"):
                        self.unsupported(f"use of `std::rc::{name}`", pos)
                    self.imported.add(name)
                continue
            if norm.startswith("std::ops::{") and norm.endswith("}"):
                for name in norm[len("std::ops::{"):-1].split(","):
                    if name not in ("Add", "Sub", "Mul", "Deref"):
                        self.unsupported(f"use of `std::ops::{name}`", pos)
                continue
            if norm.startswith("std::fmt::{") and norm.endswith("}"):
                for name in norm[len("std::fmt::{"):-1].split(","):
                    if name not in ("self", "Display", "Formatter", "Result"):
                        self.unsupported(f"use of `std::fmt::{name}`", pos)
                continue
            if norm.startswith("std::collections::"):
                rest = norm[len("std::collections::"):]
                names = rest[1:-1].split(",") if rest.startswith("{") and rest.endswith("}") else [rest]
                for name in names:
                    if name not in ("HashMap", "HashSet"):
                        self.unsupported(f"use of `std::collections::{name}`", pos)
                    self.imported.add(name)
                continue
            if norm.startswith("std::cell::{") and norm.endswith("}"):
                for name in norm[len("std::cell::{"):-1].split(","):
                    if name not in ("RefCell", "Cell"):
                        self.unsupported(f"use of `std::cell::{name}`", pos)
                    self.imported.add(name)
                continue
            if norm not in _ALLOWED_USES:
                if norm.startswith("std::") and norm.endswith("::*"):
                    self.unsupported(f"glob import `{norm}`", pos)
                self.unsupported(f"use of `{norm}`", pos)
            alias = _ALLOWED_USES[norm]
            if alias:
                self.imported.add(alias)
        self.split_struct_templates()
        for s in self.crate.structs:
            if s.name in self.struct_decls or s.name in ("Vec", "String", "Box", "Rc", "Option"):
                self.fail(f"the name `{s.name}` is defined multiple times", s.pos)
            st = StructType(s.name, rust=True, tuple_struct=s.kind == "tuple")
            st.derives = set(s.derives)  # type: ignore[attr-defined]
            st.unit = s.kind == "unit"  # type: ignore[attr-defined]
            self.structs[s.name] = st
            self.struct_decls[s.name] = s
        self.declare_enums()
        for c in self.crate.consts:
            if c.name in self.consts:
                self.fail(f"the name `{c.name}` is defined multiple times", c.pos)
            self.consts[c.name] = c
        for s in self.crate.structs:
            st = self.structs[s.name]
            seen_fields: set[str] = set()
            for n, t in s.fields:
                if n in seen_fields:
                    self.fail(f"field `{n}` is already declared", t.pos)
                seen_fields.add(n)
            st.fields = [(n, self.type_of(t, allow_infer=False)) for n, t in s.fields]
            for d in s.derives:
                if d not in ("Clone", "Copy", "Debug", "PartialEq", "Eq", "Default", "PartialOrd",
                             "Ord", "Hash"):
                    self.unsupported(f"derive({d})", s.pos)
            if "Copy" in s.derives:
                if "Clone" not in s.derives:
                    self.fail("the trait bound `Clone` is not satisfied (Copy needs Clone)", s.pos)
        self.define_enums()
        for s in self.crate.structs:
            st = self.structs[s.name]
            if "Copy" in st.derives:  # type: ignore[attr-defined]
                for n, ft in st.fields:
                    if not is_copy(ft):
                        self.fail(f"the trait `Copy` cannot be implemented for this type: field `{n}` "
                                  f"does not implement `Copy`", s.pos)
            self._check_recursive(st, s.pos)
        for c in self.crate.consts:
            ct = self.type_of(c.type, allow_infer=False)
            c.ty = ct
            self.all_nodes = []
            self.fn = FnCtx(ct, c)
            self.scopes = [{}]
            self.expect(c.value, ct)
            self.finish_nodes(c.pos)
            self.fn = None
        self.check_traits()
        self.rewrite_unit_variant_idents(self.crate.fns)
        self.split_generic_fns()
        for f in self.crate.fns:
            self.declare_fn(f)
        for f in self.crate.fns:
            info = self.methods[(f.impl_type, f.name)] if f.impl_type else self.fns[f.name]
            self.check_fn(info)

    def _check_recursive(self, st: StructType, pos: Pos) -> None:
        """A struct containing itself without a Box has infinite size."""
        seen: set[int] = set()

        def walk(t: Type) -> None:
            t = find(t)
            if isinstance(t, StructType):
                if t is st and seen:
                    self.fail(f"recursive type `{st.name}` has infinite size", pos)
                if id(t) in seen:
                    return
                seen.add(id(t))
                for _, ft in t.fields:
                    walk(ft)
            elif isinstance(t, (TupleType,)):
                for e in t.elems:
                    walk(e)
            elif isinstance(t, ArrayType):
                if t.length:
                    walk(t.elem)
            elif isinstance(t, OptionType):
                walk(t.inner)
        walk(st)

    def declare_fn(self, f: A.FnDecl) -> None:
        impl = None
        if f.impl_type is not None:
            impl = self.structs.get(f.impl_type)
            if impl is None:
                self.fail(f"cannot find type `{f.impl_type}` in this scope", f.pos)
        self.self_type = impl
        params: list[Type] = []
        if f.self_kind is not None:
            params.append({"self": impl, "&self": PtrType(impl, "ref"),
                           "&mut self": PtrType(impl, "mut")}[f.self_kind])
        for p in f.params:
            params.append(self.type_of(p.type, allow_infer=False))
        self.in_return_type = True  # (impl Fn there is refused: typeck_iter.py)
        try:
            ret = self.type_of(f.ret, allow_infer=False) if f.ret is not None else UNIT
        finally:
            self.in_return_type = False
        self.self_type = None
        key = f"{f.impl_type}::{f.name}" if f.impl_type else f.name
        info = FnInfo(f, key, params, ret, f.self_kind, impl)
        if f.impl_type:
            if (f.impl_type, f.name) in self.methods:
                self.fail(f"duplicate definitions with name `{f.name}`", f.name_pos)
            st = self.structs[f.impl_type]
            if any(n == f.name for n, _ in st.fields) and False:
                pass
            self.methods[(f.impl_type, f.name)] = info
        else:
            if f.name in self.fns:
                self.fail(f"the name `{f.name}` is defined multiple times", f.name_pos)
            self.fns[f.name] = info

    # ---- types as written ---------------------------------------------------------------

    def type_of(self, t: A.TypeExpr | None, allow_infer: bool = True) -> Type:
        if t is None:
            return TVar()
        dt = self.dyn_type_of(t)
        if dt is not None:
            return dt
        if isinstance(t, A.TPath) and not t.args:
            gt = self.generic_param(t.name)
            if gt is not None:
                return gt
        if isinstance(t, A.TPath):
            gt = self.template_type(t)
            if gt is not None:
                return gt
        if isinstance(t, A.TRef):
            inner = self.type_of(t.inner, allow_infer)
            if isinstance(find(inner), StringType) and isinstance(t.inner, A.TPath) and t.inner.name == "str":
                return inner  # `&str` (a `&&str` stays a reference to it)
            if isinstance(t.inner, A.TSlice):
                return inner  # `&[T]` / `&mut [T]`
            return PtrType(inner, "mut" if t.mutable else "ref")
        if isinstance(t, A.TTuple):
            if not t.elems:
                return UNIT
            return TupleType(tuple(self.type_of(e, allow_infer) for e in t.elems))
        if isinstance(t, A.TArray):
            n = self.const_eval(t.length)
            return ArrayType(self.type_of(t.elem, allow_infer), n, True)
        if isinstance(t, A.TSlice):
            return SliceType(self.type_of(t.elem, allow_infer), "ref")
        assert isinstance(t, A.TPath)
        name = t.name
        args = t.args

        def nargs(k: int) -> None:
            if len(args) != k:
                self.fail(f"wrong number of generic arguments for `{name}`: expected {k}, found {len(args)}",
                          t.pos)
        if name == "_":
            if not allow_infer:
                self.fail("the placeholder `_` is not allowed within types on item signatures", t.pos)
            return TVar()
        if name in RUST_INTS:
            nargs(0)
            if RUST_INTS[name].bytes == 16:
                self.unsupported(f"type {name}", t.pos)
            return RUST_INTS[name]
        if name == "f64":
            return FLOAT64
        if name == "f32":
            self.unsupported("f32", t.pos)
        if name == "bool":
            return BOOL
        if name == "char":
            return CHAR
        if name == "str":
            return RUST_STR
        if name == "!":
            return NEVER
        if name == "String":
            nargs(0)
            return STRING
        if name == "Vec":
            nargs(1)
            return SliceType(self.type_of(args[0], allow_infer), "vec")
        if name == "Box":
            nargs(1)
            return PtrType(self.type_of(args[0], allow_infer), "box")
        if name == "Rc":
            nargs(1)
            if "Rc" not in self.imported:
                self.fail("failed to resolve: use of undeclared type `Rc` (add `use std::rc::Rc;`)", t.pos)
            return PtrType(self.type_of(args[0], allow_infer), "rc")
        if name == "Option":
            nargs(1)
            return OptionType(self.type_of(args[0], allow_infer))
        if name == "Weak":
            nargs(1)
            if "Weak" not in self.imported:
                self.fail("cannot find type `Weak` in this scope (add `use std::rc::Weak;`)", t.pos)
            return weak_of(self.type_of(args[0], allow_infer))
        if name in ("RefCell", "Cell"):
            nargs(1)
            if name not in self.imported:
                self.fail(f"cannot find type `{name}` in this scope (add `use std::cell::{name};`)", t.pos)
            inner = self.type_of(args[0], allow_infer)
            return RefCellType(inner) if name == "RefCell" else CellType(inner)
        if name == "Self":
            if self.self_type is None:
                self.fail("cannot find type `Self` in this scope", t.pos)
            return self.self_type
        if name in self.structs:
            nargs(0)
            return self.structs[name]
        dt = self.display_type(name, args)
        if dt is not None:
            return dt
        if name in ("HashMap", "HashSet"):
            return self.map_type_expr(name, args, allow_infer, t.pos)
        if name == "Result":
            return self.result_type_expr(args, allow_infer, t.pos)  # (result.py)
        if name in ("impl Fn", "impl FnMut", "impl FnOnce"):
            return self.impl_fn_type(t, args, allow_infer)  # (typeck_iter.py)
        if name == "Item" and self.iter_item_expr() is not None:
            return self.type_of(self.iter_item_expr(), allow_infer)  # `Self::Item` (typeck_iter.py)
        if name == "ParseIntError" and "ParseIntError" in self.imported:
            nargs(0)
            return self.parse_int_error_type(name)  # (numparse.py)
        if name in ("BTreeMap", "VecDeque", "RefCell", "Cell", "Arc", "Mutex",
                    "Result", "BTreeSet", "LinkedList", "BinaryHeap"):
            self.unsupported(f"type {name}", t.pos)
        self.fail(f"cannot find type `{name}` in this scope", t.pos)

    def const_eval(self, e: A.Expr) -> int:
        """An array length or repeat count: an integer constant expression."""
        if isinstance(e, A.Lit) and e.kind == "int":
            return e.value
        if isinstance(e, A.Path) and len(e.segments) == 1 and e.segments[0] in self.consts:
            c = self.consts[e.segments[0]]
            return self.const_eval(c.value)
        if isinstance(e, A.Binary) and e.op in ("+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^"):
            x = self.const_eval(e.left)
            y = self.const_eval(e.right)
            if e.op in ("/", "%") and y == 0:
                self.fail("this operation will panic at runtime: attempt to divide by zero", e.pos)
            if e.op in ("<<", ">>") and not 0 <= y < 64:
                self.fail("this arithmetic operation will overflow", e.pos)
            r = {"+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y,
                 "/": lambda: abs(x) // abs(y) * (1 if (x >= 0) == (y >= 0) else -1),
                 "%": lambda: x - abs(x) // abs(y) * (1 if (x >= 0) == (y >= 0) else -1) * y,
                 "<<": lambda: x << y, ">>": lambda: x >> y, "&": lambda: x & y, "|": lambda: x | y,
                 "^": lambda: x ^ y}[e.op]()
            if not -(1 << 64) < r < (1 << 64):
                self.fail("this arithmetic operation will overflow", e.pos)
            return r
        if isinstance(e, A.Unary) and e.op == "-":
            return -self.const_eval(e.x)
        if isinstance(e, A.Cast):
            return self.const_eval(e.x)
        if isinstance(e, A.Block) and not e.stmts and e.tail is not None:
            return self.const_eval(e.tail)
        self.unsupported("non-constant array length", e.pos)

    # ---- functions ---------------------------------------------------------------------------

    def check_fn(self, info: FnInfo) -> None:
        f = info.decl
        self.self_type = info.impl
        self.all_nodes = []
        self.fn = FnCtx(info.ret, f)
        self.scopes = [{}]
        if f.self_kind is not None:
            b = Binding("self", info.params[0], f.self_mut, f.self_pos, f, "self", f)
            self.scopes[-1]["self"] = b
            info.bindings.append(b)
        ps = info.params[1:] if f.self_kind is not None else info.params
        for p, t in zip(f.params, ps):
            info.bindings.extend(self.bind_pattern(p.pattern, t, "param", irrefutable=True))
        body_t = self.check_block(f.body, info.ret)
        if not isinstance(find(body_t), NeverT):
            if f.body.tail is not None:
                self.coerce_to(f.body.tail, body_t, info.ret)
            else:
                self.unify_block_unit(f.body, body_t, info.ret)
        info.locals = self.fn.locals
        self.finish_nodes(f.pos)
        self.fn = None
        self.self_type = None

    def unify_block_unit(self, b: A.Block, t: Type, expected: Type) -> None:
        try:
            unify(expected, t)
        except TypeMismatch:
            pos = b.end_pos
            if b.stmts and isinstance(b.stmts[-1], A.ExprStmt) and b.stmts[-1].semi:
                pos = b.stmts[-1].pos
            self.mismatch(resolve(expected, False), resolve(t, False), pos)
