"""Type checking and inference for the Rust subset.

Bidirectional checking with unification, in source order, as rustc does it
closely enough for the subset: integer literals are `{integer}` variables
that later uses pin down (defaulting to i32), `Vec::new()` gets its element
type from the first `push`, closure parameters get theirs from the adapter
they are passed to, method receivers are auto-referenced and auto-derefed,
and `&Vec<T>` / `&String` / `&Box<T>` coerce to `&[T]` / `&str` / `&T` where
a reference of that type is expected.

Every expression gets `ty`; the adjustments rustc inserts are recorded on the
nodes for the lowering (`derefs`, `recv_mode`, `coerce`, `binding`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

from ..ir import UnsupportedError
from ..types import (
    ArrayType, BoolType, CharType, FloatType, FuncType, IntType, OptionType, PtrType, SliceType,
    StringType, StructType, TupleType, Type, UnitType,
)
from . import ast as A
from .rtypes import (
    BOOL, CHAR, FLOAT64, I32, NEVER, RUST_INTS, RUST_STR, STRING, UNIT, USIZE, IterT, NeverT,
    RangeT, TVar, TypeMismatch, Unresolved, find, is_clone, is_copy, is_float, is_int, is_numeric,
    contains_tvar, resolve, strip_refs, unify,
)

Pos = tuple[int, int]

_ALLOWED_USES = {
    "std::rc::Rc": "Rc", "std::mem": None, "std::mem::drop": None, "std::vec::Vec": None,
    "std::string::String": None, "std::boxed::Box": None, "std::fmt": None,
    "std::option::Option": None,
}


@dataclass(eq=False)
class Binding:
    """A local variable (let, pattern, for, parameter, closure parameter)."""

    name: str
    ty: Type
    mutable: bool
    pos: Pos
    owner: Any          # the FnDecl or Closure it belongs to
    kind: str = "let"   # "let", "param", "self", "pattern", "for", "closure_param"
    decl: Any = None    # the node that introduces it


@dataclass(eq=False)
class FnInfo:
    decl: A.FnDecl
    key: str
    params: list[Type]          # including self first, for methods
    ret: Type
    self_kind: str | None
    impl: StructType | None
    bindings: list[Binding] = field(default_factory=list)   # params, in order
    locals: list[Binding] = field(default_factory=list)     # every binding in the body


@dataclass(eq=False)
class LoopCtx:
    label: str | None
    break_ty: Type | None  # None: `while`/`for` (break carries no value)
    node: Any


@dataclass(eq=False)
class FnCtx:
    ret: Type
    owner: Any
    loops: list[LoopCtx] = field(default_factory=list)
    locals: list[Binding] = field(default_factory=list)


def _fmt(t: Type) -> str:
    return str(t)


class Checker:
    def __init__(self, crate: A.Crate) -> None:
        self.crate = crate
        self.file = crate.file
        self.structs: dict[str, StructType] = {}
        self.struct_decls: dict[str, A.StructDecl] = {}
        self.consts: dict[str, A.ConstDecl] = {}
        self.fns: dict[str, FnInfo] = {}
        self.methods: dict[tuple[str, str], FnInfo] = {}
        self.imported: set[str] = set()
        self.fn: FnCtx | None = None
        self.scopes: list[dict[str, Binding]] = []
        self.self_type: StructType | None = None
        self.all_nodes: list[A.Node] = []   # typed nodes of the current function, for resolution
        self.deferred_clone: list[tuple[Type, Pos]] = []
        self.closures: list[A.Closure] = []

    # ---- errors ----------------------------------------------------------------------------

    def fail(self, msg: str, pos: Pos) -> NoReturn:
        raise UnsupportedError(msg, pos, self.file)

    def unsupported(self, what: str, pos: Pos) -> NoReturn:
        self.fail(f"unsupported: {what}", pos)

    def mismatch(self, expected: Type, found: Type, pos: Pos) -> NoReturn:
        self.fail(f"mismatched types: expected `{_fmt(expected)}`, found `{_fmt(found)}`", pos)

    def unify(self, expected: Type, found: Type, pos: Pos) -> None:
        try:
            unify(expected, found)
        except TypeMismatch:
            self.mismatch(resolve(expected, False), resolve(found, False), pos)

    # ---- the crate -------------------------------------------------------------------------

    def check_crate(self) -> None:
        for path, pos in self.crate.uses:
            norm = path.replace(" ", "")
            if norm not in _ALLOWED_USES:
                if norm.startswith("std::") and norm.endswith("::*"):
                    self.unsupported(f"glob import `{norm}`", pos)
                self.unsupported(f"use of `{norm}`", pos)
            alias = _ALLOWED_USES[norm]
            if alias:
                self.imported.add(alias)
        for s in self.crate.structs:
            if s.name in self.struct_decls or s.name in ("Vec", "String", "Box", "Rc", "Option"):
                self.fail(f"the name `{s.name}` is defined multiple times", s.pos)
            st = StructType(s.name, rust=True, tuple_struct=s.kind == "tuple")
            st.derives = set(s.derives)  # type: ignore[attr-defined]
            st.unit = s.kind == "unit"  # type: ignore[attr-defined]
            self.structs[s.name] = st
            self.struct_decls[s.name] = s
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
        ret = self.type_of(f.ret, allow_infer=False) if f.ret is not None else UNIT
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
        if isinstance(t, A.TRef):
            inner = self.type_of(t.inner, allow_infer)
            if isinstance(find(inner), StringType):
                return inner  # `&str`
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
        if name == "Self":
            if self.self_type is None:
                self.fail("cannot find type `Self` in this scope", t.pos)
            return self.self_type
        if name in self.structs:
            nargs(0)
            return self.structs[name]
        if name in ("HashMap", "HashSet", "BTreeMap", "VecDeque", "RefCell", "Cell", "Arc", "Mutex",
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

    def finish_nodes(self, pos: Pos) -> None:
        """Resolve every type in the function now that inference is done."""
        for n in self.all_nodes:
            if n.ty is None:
                continue
            try:
                n.ty = resolve(n.ty)
            except Unresolved:
                self.fail("type annotations needed", n.pos)
            except TypeMismatch:
                self.fail("type annotations needed", n.pos)
            if isinstance(n, A.Lit) and n.kind == "int":
                t = n.ty
                if isinstance(t, IntType) and not t.in_range(n.value):
                    neg = getattr(n, "negated", False)
                    if not (neg and t.signed and t.in_range(-n.value)):
                        self.fail(f"literal out of range for `{t}`", n.pos)
            if isinstance(n.ty, (ArrayType, StructType, TupleType)):
                self.check_stack_size(n.ty, n.pos)
            for attr in ("coerce_to_ty", "item_ty", "sum_ty", "recv_ty", "elem_ty"):
                v = getattr(n, attr, None)
                if isinstance(v, Type):
                    try:
                        setattr(n, attr, resolve(v))
                    except Unresolved:
                        self.fail("type annotations needed", n.pos)
        for n in self.all_nodes:
            b = getattr(n, "binding", None)
            if isinstance(b, Binding) and not getattr(b, "_resolved", False):
                try:
                    b.ty = resolve(b.ty)
                except Unresolved:
                    self.fail(f"type annotations needed for `{b.name}`", b.pos)
                b._resolved = True  # type: ignore[attr-defined]
        for b in self.fn.locals if self.fn else []:
            if not getattr(b, "_resolved", False):
                try:
                    b.ty = resolve(b.ty)
                except Unresolved:
                    self.fail(f"type annotations needed for `{b.name}`", b.pos)
                b._resolved = True  # type: ignore[attr-defined]
        for c in self.closures:
            c.fty = resolve(c.fty)
        self.closures = []
        for t, p in self.deferred_clone:
            rt = resolve(t)
            if not is_clone(rt):
                self.fail(f"the trait bound `{rt}: Clone` is not satisfied", p)
        self.deferred_clone = []

    def check_stack_size(self, t: Type, pos: Pos) -> None:
        """Values live in stack frames: the main thread's stack is 8 MiB, and
        the simulator keeps one cell per scalar."""
        if t.size > 8 << 20:
            self.fail(f"unsupported: a {t.size:,}-byte value on the stack (the main thread's "
                      f"stack is 8 MiB: it would overflow)", pos)
        n = _leaf_count(t)
        if n > 1 << 17:
            self.unsupported(f"a value of {n:,} scalars on the stack (too large for the simulator)", pos)

    def typed(self, n: A.Node, t: Type) -> Type:
        n.ty = t
        self.all_nodes.append(n)
        return t

    # ---- scopes and bindings ----------------------------------------------------------------

    def lookup(self, name: str) -> Binding | None:
        for s in reversed(self.scopes):
            b = s.get(name)
            if b is not None:
                return b
        return None

    def new_binding(self, p: A.PIdent, t: Type, kind: str, mutable: bool) -> Binding:
        b = Binding(p.name, t, mutable, p.pos, self.fn.owner if self.fn else None, kind, p)
        self.scopes[-1][p.name] = b
        p.binding = b  # type: ignore[attr-defined]
        if self.fn is not None:
            self.fn.locals.append(b)
        return b

    def bind_pattern(self, p: A.Pattern, t: Type, kind: str, irrefutable: bool,
                     mode: str = "move") -> list[Binding]:
        """Check `p` against a value of type `t` and bind its names (with
        match ergonomics: a non-reference pattern on a reference switches
        the default binding mode to `ref`)."""
        out: list[Binding] = []
        self._pattern(p, t, kind, irrefutable, mode, out)
        names = [b.name for b in out]
        if len(set(names)) != len(names):
            dup = next(n for n in names if names.count(n) > 1)
            self.fail(f"identifier `{dup}` is bound more than once in the same pattern", p.pos)
        return out

    def _pattern(self, p: A.Pattern, t: Type, kind: str, irrefutable: bool, mode: str,
                 out: list[Binding]) -> None:
        p.derefs = 0  # type: ignore[attr-defined]
        if not isinstance(p, (A.PIdent, A.PWild, A.PRef)):
            # default binding modes: peel references off the scrutinee
            while True:
                ft = find(t)
                if isinstance(ft, PtrType) and ft.flavor in ("ref", "mut"):
                    p.derefs += 1  # type: ignore[attr-defined]
                    mode = "ref" if (ft.flavor == "ref" or mode == "ref") else "mut"
                    t = ft.elem
                    continue
                if isinstance(ft, StringType) and isinstance(p, A.PLit) and p.value.kind == "str":
                    break
                break
        p.mode = mode  # type: ignore[attr-defined]
        self.typed(p, t)
        if isinstance(p, A.PIdent):
            if p.by_ref:
                self.unsupported("ref binding", p.pos)
            bt = t if mode == "move" else PtrType(t, "ref" if mode == "ref" else "mut")
            if p.mutable and mode != "move":
                self.fail("binding cannot be both mutable and by-reference", p.pos)
            out.append(self.new_binding(p, bt, kind, p.mutable))
            return
        if isinstance(p, A.PWild):
            return
        if isinstance(p, A.PTuple):
            ft = find(t)
            if isinstance(ft, TVar) and ft.kind == "any":
                ft = TupleType(tuple(TVar() for _ in p.elems))
                self.unify(t, ft, p.pos)
            if not isinstance(ft, TupleType) or len(ft.elems) != len(p.elems):
                self.fail(f"mismatched types: expected `{resolve(t, False)}`, found a tuple with "
                          f"{len(p.elems)} elements", p.pos)
            for sub, et in zip(p.elems, ft.elems):
                self._pattern(sub, et, kind, irrefutable, mode, out)
            return
        if isinstance(p, A.PSome):
            inner = TVar()
            self.unify(t, OptionType(inner), p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding: `None` not covered", p.pos)
            self._pattern(p.inner, inner, kind, irrefutable, mode, out)
            return
        if isinstance(p, A.PNone):
            self.unify(t, OptionType(TVar()), p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding: `Some(_)` not covered", p.pos)
            return
        if isinstance(p, A.PLit):
            lt = self.check(p.value, t)
            self.unify(t, lt, p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding", p.pos)
            return
        if isinstance(p, A.PRange):
            self.unify(t, self.check(p.lo, t), p.pos)
            self.unify(t, self.check(p.hi, t), p.pos)
            if not (is_int(t) or isinstance(find(t), CharType)):
                self.fail("only `char` and numeric types are allowed in range patterns", p.pos)
            if irrefutable:
                self.fail("refutable pattern in local binding", p.pos)
            return
        if isinstance(p, A.POr):
            before = len(out)
            for alt in p.alts:
                self._pattern(alt, t, kind, irrefutable, mode, out)
            if len(out) != before:
                self.unsupported("bindings inside | patterns", p.pos)
            return
        if isinstance(p, A.PRef):
            ft = find(t)
            if not (isinstance(ft, PtrType) and ft.flavor in ("ref", "mut")):
                if isinstance(ft, TVar) and ft.kind == "any":
                    inner = TVar()
                    self.unify(t, PtrType(inner, "ref"), p.pos)
                    ft = find(t)
                else:
                    self.mismatch(resolve(t, False), PtrType(TVar(), "ref"), p.pos)
            if mode != "move":
                self.fail("reference patterns are not allowed under a reference binding mode", p.pos)
            self._pattern(p.inner, ft.elem, kind, irrefutable, "move", out)  # type: ignore[union-attr]
            return
        self.unsupported("pattern", p.pos)

    # ---- statements and blocks ---------------------------------------------------------------

    def check_block(self, b: A.Block, expected: Type | None) -> Type:
        self.scopes.append({})
        diverges = False
        try:
            for s in b.stmts:
                if self.check_stmt(s):
                    diverges = True
            if b.tail is not None:
                t = self.check(b.tail, expected)
                if diverges:
                    t = NEVER if isinstance(find(t), NeverT) else t
            else:
                t = NEVER if diverges else UNIT
        finally:
            self.scopes.pop()
        return self.typed(b, t)

    def check_stmt(self, s: A.Stmt) -> bool:
        """Check a statement; True when it never completes (return, break...)."""
        if isinstance(s, A.Let):
            declared = self.type_of(s.type) if s.type is not None else None
            if s.init is not None:
                if declared is not None:
                    t = self.expect(s.init, declared)
                else:
                    t = self.check(s.init, None)
                    if isinstance(find(t), (IterT, RangeT)):
                        self.unsupported("an iterator or range stored in a variable", s.init.pos)
            else:
                t = declared if declared is not None else TVar()
            bt = declared if declared is not None else t
            if isinstance(find(bt), NeverT):
                bt = TVar()
            self.bind_pattern(s.pattern, bt, "let", irrefutable=True)
            s.ty = bt
            return s.init is not None and isinstance(find(t), NeverT)
        if isinstance(s, A.ExprStmt):
            e = s.expr
            if not s.semi and isinstance(e, (A.If, A.Match, A.Block, A.While, A.Loop, A.For)):
                t = self.check(e, UNIT)
                if not isinstance(find(t), NeverT):
                    self.unify(UNIT, t, e.pos)
            else:
                t = self.check(e, None)
            return isinstance(find(t), NeverT)
        self.unsupported("statement", s.pos)

    # ---- expressions -----------------------------------------------------------------------

    def expect(self, e: A.Expr, expected: Type) -> Type:
        """Check `e` where a value of type `expected` is required (a coercion site)."""
        t = self.check(e, expected)
        return self.coerce_to(e, t, expected)

    def coerce_to(self, e: A.Expr, t: Type, expected: Type) -> Type:
        ft = find(t)
        et = find(expected)
        if isinstance(ft, NeverT):
            return expected
        steps = self._coercion(ft, et)
        if steps:
            e.coerce = steps  # type: ignore[attr-defined]
            e.coerce_to_ty = expected  # type: ignore[attr-defined]
            return expected
        self.unify(expected, t, e.pos)
        return expected

    def _coercion(self, t: Type, expected: Type) -> list[str] | None:
        """Deref coercion from a reference `t` to the reference `expected`:
        the steps (for the lowering) or None."""
        if not isinstance(t, PtrType) or t.flavor not in ("ref", "mut"):
            return None
        want_mut = False
        if isinstance(expected, PtrType) and expected.flavor in ("ref", "mut"):
            target: Any = find(expected.elem)
            want_mut = expected.flavor == "mut"
            kind = "ptr"
        elif isinstance(expected, SliceType) and expected.flavor == "ref":
            target = expected
            kind = "slice"
        elif isinstance(expected, StringType):
            target = expected
            kind = "str"
        else:
            return None
        if want_mut and t.flavor != "mut":
            return None
        steps: list[str] = []
        cur = find(t.elem)
        for _ in range(8):
            if kind == "ptr":
                if isinstance(target, TVar):
                    return None
                if self._same(cur, target):
                    return steps or (["reborrow"] if t.flavor != expected.flavor else None)  # type: ignore[union-attr]
            if kind == "slice" and isinstance(cur, SliceType) and cur.flavor == "vec":
                try:
                    unify(target.elem, cur.elem)
                except TypeMismatch:
                    return None
                return steps + ["vec_slice"]
            if kind == "slice" and isinstance(cur, ArrayType):
                try:
                    unify(target.elem, cur.elem)
                except TypeMismatch:
                    return None
                return steps + ["array_slice"]
            if kind == "str" and isinstance(cur, SliceType) and cur.flavor == "string":
                return steps + ["string_str"]
            if kind in ("slice", "str") and self._same(PtrType(cur, "ref"), target):
                return steps + ["load"] if steps else None
            if isinstance(cur, PtrType):
                steps.append("deref")
                cur = find(cur.elem)
                continue
            return None
        return None

    @staticmethod
    def _same(a: Type, b: Type) -> bool:
        a = resolve(a, False)
        b = resolve(b, False)
        if isinstance(a, TVar) or isinstance(b, TVar):
            return False
        try:
            return a == b and not isinstance(a, TVar)
        except Exception:
            return False

    def check(self, e: A.Expr, expected: Type | None) -> Type:
        meth = getattr(self, "c_" + e.__class__.__name__, None)
        if meth is None:
            self.unsupported(e.__class__.__name__.lower(), e.pos)
        t = meth(e, expected)
        return self.typed(e, t)

    # literals and paths

    def c_Lit(self, e: A.Lit, expected: Type | None) -> Type:
        if e.kind == "int":
            if e.suffix:
                if e.suffix == "f64":
                    e.kind = "float"
                    return FLOAT64
                t = RUST_INTS[e.suffix]
                if t.bytes == 16:
                    self.unsupported(f"type {e.suffix}", e.pos)
                return t
            if expected is not None:
                et = find(expected)
                if isinstance(et, IntType) or (isinstance(et, TVar) and et.kind == "int"):
                    return expected
            return TVar("int")
        if e.kind == "float":
            if expected is not None and is_float(expected):
                return expected
            return TVar("float") if e.suffix is None else FLOAT64
        if e.kind == "bool":
            return BOOL
        if e.kind == "char":
            return CHAR
        if e.kind == "str":
            return RUST_STR
        self.unsupported("literal", e.pos)

    def c_Path(self, e: A.Path, expected: Type | None) -> Type:
        segs = self.norm_path(e.segments, e.pos)
        if len(segs) == 1:
            name = segs[0]
            b = self.lookup(name)
            if b is not None:
                e.binding = b  # type: ignore[attr-defined]
                self.note_capture(b, e)
                return b.ty
            if name in self.consts:
                c = self.consts[name]
                e.const = c  # type: ignore[attr-defined]
                return c.ty
            if name == "None":
                e.builtin = "None"  # type: ignore[attr-defined]
                return OptionType(TVar())
            if name in self.structs:
                st = self.structs[name]
                if getattr(st, "unit", False):
                    e.unit_struct = st  # type: ignore[attr-defined]
                    return st
                if st.tuple_struct:
                    self.unsupported("a tuple struct constructor as a value", e.pos)
                self.fail(f"expected value, found struct `{name}`", e.pos)
            if name == "Self" and self.self_type is not None and getattr(self.self_type, "unit", False):
                e.unit_struct = self.self_type  # type: ignore[attr-defined]
                return self.self_type
            if name in self.fns:
                self.unsupported("a function used as a value", e.pos)
            if name == "self":
                self.fail("`self` value is a keyword only available in methods with a `self` parameter", e.pos)
            self.fail(f"cannot find value `{name}` in this scope", e.pos)
        if len(segs) == 2 and segs[0] in RUST_INTS and segs[1] in ("MAX", "MIN", "BITS"):
            it = RUST_INTS[segs[0]]
            if segs[1] == "BITS":
                e.const_value = it.bits  # type: ignore[attr-defined]
                return RUST_INTS["u32"]
            lo = -(1 << (it.bits - 1)) if it.signed else 0
            hi = (1 << (it.bits - 1)) - 1 if it.signed else (1 << it.bits) - 1
            e.const_value = hi if segs[1] == "MAX" else lo  # type: ignore[attr-defined]
            return it
        if len(segs) == 2 and segs[0] == "f64" and segs[1] in ("MAX", "MIN", "INFINITY", "NEG_INFINITY",
                                                               "EPSILON", "NAN"):
            import math
            e.const_value = {"MAX": 1.7976931348623157e308, "MIN": -1.7976931348623157e308,
                             "INFINITY": math.inf, "NEG_INFINITY": -math.inf,
                             "EPSILON": 2.220446049250313e-16, "NAN": math.nan}[segs[1]]  # type: ignore[attr-defined]
            return FLOAT64
        if len(segs) == 2 and segs == ["Option", "None"]:
            e.builtin = "None"  # type: ignore[attr-defined]
            return OptionType(TVar())
        self.unsupported(f"path `{'::'.join(e.segments)}` as a value", e.pos)

    def norm_path(self, segs: list[str], pos: Pos) -> list[str]:
        if segs and segs[0] in ("std", "core", "alloc"):
            rest = segs[1:]
            mods = {"rc", "mem", "vec", "string", "boxed", "option"}
            while rest and rest[0] in mods and len(rest) > 1:
                rest = rest[1:]
            if not rest:
                self.unsupported(f"path `{'::'.join(segs)}`", pos)
            return rest
        if segs and segs[0] == "mem" and len(segs) == 2:
            return segs[1:]
        return segs

    def note_capture(self, b: Binding, e: A.Node) -> None:
        """A closure using a variable of an enclosing function captures it."""
        if self.fn is not None and b.owner is not self.fn.owner:
            owner = self.fn.owner
            if isinstance(owner, A.Closure):
                caps = owner.captured
                if b not in caps:
                    caps.append(b)

    # operators

    def _num_operand(self, e: A.Expr) -> tuple[Type, int]:
        t = self.check(e, None)
        base, n = strip_refs(t)
        return base, n

    def c_Binary(self, e: A.Binary, expected: Type | None) -> Type:
        op = e.op
        if op in ("&&", "||"):
            self.unify(BOOL, self.check(e.left, BOOL), e.left.pos)
            self.unify(BOOL, self.check(e.right, BOOL), e.right.pos)
            e.lderefs = e.rderefs = 0  # type: ignore[attr-defined]
            return BOOL
        exp = expected if (expected is not None and op not in ("==", "!=", "<", "<=", ">", ">=")
                           and is_numeric(expected)) else None
        lt = self.check(e.left, exp)
        lb, ln = strip_refs(lt)
        rt = self.check(e.right, lb if op not in ("<<", ">>") else None)
        rb, rn = strip_refs(rt)
        e.lderefs = ln  # type: ignore[attr-defined]
        e.rderefs = rn  # type: ignore[attr-defined]
        if op in ("==", "!=", "<", "<=", ">", ">="):
            if isinstance(find(lb), StringType) or isinstance(find(rb), StringType) or \
                    (isinstance(find(lb), SliceType) and find(lb).flavor == "string"):  # type: ignore[union-attr]
                okl = isinstance(find(lb), StringType) or (isinstance(find(lb), SliceType) and find(lb).flavor == "string")  # type: ignore[union-attr]
                okr = isinstance(find(rb), StringType) or (isinstance(find(rb), SliceType) and find(rb).flavor == "string")  # type: ignore[union-attr]
                if not (okl and okr):
                    self.fail(f"can't compare `{resolve(lt, False)}` with `{resolve(rt, False)}`", e.pos)
                return BOOL
            self.unify(lb, rb, e.right.pos)
            fb = find(lb)
            if not (is_numeric(fb) or isinstance(fb, (BoolType, CharType, UnitType)) or
                    isinstance(fb, TVar)):
                if isinstance(fb, (OptionType, TupleType)) and op in ("==", "!="):
                    if isinstance(fb, OptionType) and any(
                            isinstance(x, A.Path) and getattr(x, "builtin", None) == "None"
                            for x in (e.left, e.right)):
                        e.none_test = e.right if isinstance(e.right, A.Path) and \
                            getattr(e.right, "builtin", None) == "None" else e.left  # type: ignore[attr-defined]
                        return BOOL
                    if _plain_eq(fb):
                        return BOOL  # compared leaf by leaf
                    self.unsupported(f"comparing values of type `{resolve(lb, False)}`", e.pos)
                self.fail(f"binary operation `{op}` cannot be applied to type `{resolve(lb, False)}`", e.pos)
            return BOOL
        if op in ("<<", ">>"):
            if not is_int(lb) or not is_int(rb):
                self.fail(f"no implementation for `{resolve(lt, False)} {op} {resolve(rt, False)}`", e.pos)
            return lb
        if isinstance(find(lb), BoolType) and op in ("&", "|", "^"):
            self.unify(BOOL, rb, e.right.pos)
            return BOOL
        if op == "+" and (isinstance(find(lb), SliceType) and find(lb).flavor == "string"):  # type: ignore[union-attr]
            # impl Add<&str> for String: push_str onto the moved left operand
            if ln:
                self.fail(f"cannot add `{resolve(rt, False)}` to `{resolve(lt, False)}`", e.pos)
            self.coerce_to(e.right, rt, RUST_STR)
            e.string_add = True  # type: ignore[attr-defined]
            return STRING
        if not is_numeric(lb) and not (isinstance(find(lb), TVar)):
            self.fail(f"binary operation `{op}` cannot be applied to type `{resolve(lt, False)}`", e.op_pos)
        try:
            unify(lb, rb)
        except TypeMismatch:
            if op == "+":
                self.fail(f"cannot add `{resolve(rt, False)}` to `{resolve(lt, False)}`", e.op_pos)
            if op == "-":
                self.fail(f"cannot subtract `{resolve(rt, False)}` from `{resolve(lt, False)}`", e.op_pos)
            if op == "*":
                self.fail(f"cannot multiply `{resolve(lt, False)}` by `{resolve(rt, False)}`", e.op_pos)
            if op == "/":
                self.fail(f"cannot divide `{resolve(lt, False)}` by `{resolve(rt, False)}`", e.op_pos)
            self.fail(f"mismatched types: expected `{resolve(lb, False)}`, found `{resolve(rb, False)}`",
                      e.right.pos)
        if op in ("&", "|", "^") and is_float(lb):
            self.fail(f"no implementation for `f64 {op} f64`", e.pos)
        return lb

    def c_Unary(self, e: A.Unary, expected: Type | None) -> Type:
        if e.op == "*":
            t = self.check(e.x, None)
            ft = find(t)
            if isinstance(ft, PtrType):
                return ft.elem
            if isinstance(ft, StringType):
                self.unsupported("dereferencing a &str", e.pos)
            if isinstance(ft, SliceType) and ft.flavor == "ref":
                self.unsupported("dereferencing a slice", e.pos)
            self.fail(f"type `{resolve(t, False)}` cannot be dereferenced", e.pos)
        if e.op == "-":
            if isinstance(e.x, A.Lit) and e.x.kind in ("int", "float"):
                e.x.negated = True  # type: ignore[attr-defined]
            t = self.check(e.x, expected)
            base, n = strip_refs(t)
            e.derefs = n  # type: ignore[attr-defined]
            fb = find(base)
            if isinstance(fb, IntType) and not fb.signed:
                self.fail(f"cannot apply unary operator `-` to type `{fb}`", e.pos)
            if not is_numeric(fb):
                self.fail(f"cannot apply unary operator `-` to type `{resolve(t, False)}`", e.pos)
            return base
        if e.op == "!":
            t = self.check(e.x, expected)
            base, n = strip_refs(t)
            e.derefs = n  # type: ignore[attr-defined]
            if not (isinstance(find(base), BoolType) or is_int(base)):
                self.fail(f"cannot apply unary operator `!` to type `{resolve(t, False)}`", e.pos)
            return base
        self.unsupported(f"operator {e.op}", e.pos)

    def c_Ref(self, e: A.Ref, expected: Type | None) -> Type:
        inner_exp = None
        if expected is not None:
            et = find(expected)
            if isinstance(et, PtrType) and et.flavor in ("ref", "mut"):
                inner_exp = et.elem
        if isinstance(e.x, A.Index) and isinstance(e.x.index, A.Range):
            # `&v[a..b]`: a slice of a Vec, array or slice
            t = self.check_slice_index(e.x)
            return t
        t = self.check(e.x, inner_exp)
        return PtrType(t, "mut" if e.mutable else "ref")

    def check_slice_index(self, ix: A.Index) -> Type:
        bt = self.check(ix.base, None)
        elem, derefs = self._indexable(bt, ix.pos)
        ix.derefs = derefs  # type: ignore[attr-defined]
        r = ix.index
        assert isinstance(r, A.Range)
        for b in (r.lo, r.hi):
            if b is not None:
                self.unify(USIZE, self.check(b, USIZE), b.pos)
        self.typed(r, RangeT(USIZE, r.inclusive))
        ix.slice = True  # type: ignore[attr-defined]
        self.typed(ix, SliceType(elem, "ref"))
        if isinstance(find(elem), StringType):
            self.unsupported("slicing a string", ix.pos)
        return SliceType(elem, "ref")

    def c_Cast(self, e: A.Cast, expected: Type | None) -> Type:
        to = self.type_of(e.to)
        ft = self.check(e.x, None)
        src = find(ft)
        dst = find(to)
        ok = False
        if is_numeric(dst):
            if is_numeric(src) or isinstance(src, TVar) and src.kind != "any":
                ok = True
            elif isinstance(src, (BoolType, CharType)) and is_int(dst):
                ok = True
        elif isinstance(dst, CharType):
            ok = isinstance(src, CharType) or (isinstance(src, IntType) and src.name == "u8") or \
                (isinstance(src, TVar) and src.kind == "int")
            if isinstance(src, TVar) and src.kind == "int":
                unify(src, RUST_INTS["u8"])
            if not ok:
                self.fail(f"only `u8` can be cast as `char`, not `{resolve(ft, False)}`", e.pos)
        elif isinstance(dst, BoolType):
            ok = isinstance(src, BoolType)
        if not ok:
            self.fail(f"non-primitive cast: `{resolve(ft, False)}` as `{resolve(to, False)}`", e.pos)
        return to

    # places

    def autoderef(self, t: Type) -> list[Type]:
        """t, *t, **t, ... through references, Box and Rc."""
        out = [find(t)]
        while len(out) < 10:
            cur = out[-1]
            if isinstance(cur, PtrType):
                out.append(find(cur.elem))
            else:
                break
        return out

    def c_Field(self, e: A.Field, expected: Type | None) -> Type:
        bt = self.check(e.base, None)
        for k, t in enumerate(self.autoderef(bt)):
            if isinstance(t, StructType):
                for i, (n, ft) in enumerate(t.fields):
                    if n == e.name:
                        e.derefs = k  # type: ignore[attr-defined]
                        e.index = i  # type: ignore[attr-defined]
                        return ft
                self.fail(f"no field `{e.name}` on type `{t}`", e.pos)
            if isinstance(t, TupleType):
                if e.name.isdigit() and int(e.name) < len(t.elems):
                    e.derefs = k  # type: ignore[attr-defined]
                    e.index = int(e.name)  # type: ignore[attr-defined]
                    return t.elems[int(e.name)]
                self.fail(f"no field `{e.name}` on type `{t}`", e.pos)
            if isinstance(t, TVar):
                self.fail("type annotations needed", e.base.pos)
        self.fail(f"no field `{e.name}` on type `{resolve(bt, False)}`", e.pos)

    def _indexable(self, bt: Type, pos: Pos) -> tuple[Type, int]:
        for k, t in enumerate(self.autoderef(bt)):
            if isinstance(t, SliceType) and t.flavor in ("vec", "ref"):
                return t.elem, k
            if isinstance(t, ArrayType):
                return t.elem, k
            if isinstance(t, (StringType,)) or (isinstance(t, SliceType) and t.flavor == "string"):
                self.fail("the type `str` cannot be indexed by `{integer}`", pos)
            if isinstance(t, TVar):
                self.fail("type annotations needed", pos)
        self.fail(f"cannot index into a value of type `{resolve(bt, False)}`", pos)

    def c_Index(self, e: A.Index, expected: Type | None) -> Type:
        if isinstance(e.index, A.Range):
            self.unsupported("slicing without `&`", e.pos)
        bt = self.check(e.base, None)
        elem, k = self._indexable(bt, e.pos)
        e.derefs = k  # type: ignore[attr-defined]
        it = self.check(e.index, USIZE)
        if not isinstance(find(it), IntType) or find(it) != USIZE:
            try:
                unify(USIZE, it)
            except TypeMismatch:
                self.fail(f"the type `[{resolve(elem, False)}]` cannot be indexed by `{resolve(it, False)}`",
                          e.index.pos)
        return elem

    # assignment

    def c_Assign(self, e: A.Assign, expected: Type | None) -> Type:
        if isinstance(e.target, A.Path) and e.target.segments == ["_"]:
            self.check(e.value, None)
            e.discard = True  # type: ignore[attr-defined]
            return UNIT
        if isinstance(e.target, A.Tuple):
            self.unsupported("destructuring assignment", e.pos)
        tt = self.check(e.target, None)
        self.expect(e.value, tt)
        return UNIT

    def c_CompoundAssign(self, e: A.CompoundAssign, expected: Type | None) -> Type:
        tt = self.check(e.target, None)
        ft = find(tt)
        if isinstance(ft, SliceType) and ft.flavor == "string" and e.op == "+":
            vt = self.expect(e.value, RUST_STR)
            e.string_push = True  # type: ignore[attr-defined]
            e.vderefs = 0  # type: ignore[attr-defined]
            return UNIT
        vt = self.check(e.value, tt if is_numeric(tt) else None)
        vb, vn = strip_refs(vt)
        e.vderefs = vn  # type: ignore[attr-defined]
        if isinstance(ft, BoolType) and e.op in ("&", "|", "^"):
            self.unify(BOOL, vb, e.value.pos)
            return UNIT
        if not is_numeric(ft):
            self.fail(f"binary assignment operation `{e.op}=` cannot be applied to type "
                      f"`{resolve(tt, False)}`", e.pos)
        if e.op in ("<<", ">>"):
            if not is_int(vb):
                self.fail(f"no implementation for `{resolve(tt, False)} {e.op}= {resolve(vt, False)}`", e.pos)
            return UNIT
        try:
            unify(tt, vb)
        except TypeMismatch:
            self.fail(f"cannot {_VERB.get(e.op, 'apply ' + e.op + ' to')}-assign `{resolve(vt, False)}` to "
                      f"`{resolve(tt, False)}`" if e.op in ("+", "-") else
                      f"mismatched types: expected `{resolve(tt, False)}`, found `{resolve(vt, False)}`",
                      e.value.pos)
        return UNIT

    # compound expressions

    def c_Tuple(self, e: A.Tuple, expected: Type | None) -> Type:
        if not e.elems:
            return UNIT
        exp: list[Type | None] = [None] * len(e.elems)
        if expected is not None:
            et = find(expected)
            if isinstance(et, TupleType) and len(et.elems) == len(e.elems):
                exp = list(et.elems)
        ts = []
        for x, xt in zip(e.elems, exp):
            t = self.expect(x, xt) if xt is not None else self.check(x, None)
            if isinstance(find(t), (IterT, RangeT)):
                self.unsupported("an iterator or range inside a tuple", x.pos)
            ts.append(t)
        return TupleType(tuple(ts))

    def c_Array(self, e: A.Array, expected: Type | None) -> Type:
        elem: Type = TVar()
        if expected is not None:
            et = find(expected)
            if isinstance(et, ArrayType):
                elem = et.elem
        for x in e.elems:
            t = self.check(x, elem)
            self.unify(elem, t, x.pos)
        return ArrayType(elem, len(e.elems), True)

    def c_ArrayRepeat(self, e: A.ArrayRepeat, expected: Type | None) -> Type:
        elem: Type | None = None
        if expected is not None:
            et = find(expected)
            if isinstance(et, ArrayType):
                elem = et.elem
        t = self.check(e.elem, elem)
        if elem is not None:
            self.unify(elem, t, e.elem.pos)
        n = self.const_eval(e.count)
        self.check(e.count, USIZE)
        e.n = n  # type: ignore[attr-defined]
        e.elem_ty = t  # type: ignore[attr-defined]
        if n > 1 << 23:
            self.unsupported(f"an array of {n:,} elements", e.pos)
        return ArrayType(t, n, True)

    def c_StructLit(self, e: A.StructLit, expected: Type | None) -> Type:
        name = e.name
        st = self.self_type if name == "Self" else self.structs.get(name)
        if st is None:
            self.fail(f"cannot find struct, variant or union type `{name}` in this scope", e.pos)
        if st.tuple_struct:
            self.fail(f"expected struct, found tuple struct `{name}`", e.pos)
        seen: set[str] = set()
        for fname, fx, fpos in e.fields:
            idx = next((i for i, (n, _) in enumerate(st.fields) if n == fname), None)
            if idx is None:
                self.fail(f"struct `{st.name}` has no field named `{fname}`", fpos)
            if fname in seen:
                self.fail(f"field `{fname}` specified more than once", fpos)
            seen.add(fname)
            self.expect(fx, st.fields[idx][1])
        missing = [n for n, _ in st.fields if n not in seen]
        if missing:
            self.fail(f"missing field{'s' if len(missing) > 1 else ''} "
                      f"{', '.join('`' + m + '`' for m in missing)} in initializer of `{st.name}`", e.pos)
        e.struct = st  # type: ignore[attr-defined]
        return st

    def c_Range(self, e: A.Range, expected: Type | None) -> Type:
        if e.lo is None or e.hi is None:
            self.unsupported("open range", e.pos)
        elem: Type = TVar("int")
        lt = self.check(e.lo, None)
        self.unify(elem, lt, e.lo.pos) if is_int(lt) or isinstance(find(lt), TVar) else \
            self.unsupported(f"range of `{resolve(lt, False)}`", e.pos)
        ht = self.check(e.hi, lt)
        self.unify(lt, ht, e.hi.pos)
        return RangeT(lt, e.inclusive)

    def c_Block(self, e: A.Block, expected: Type | None) -> Type:
        if e.unsafe:
            self.unsupported("unsafe", e.pos)
        t = self.check_block(e, expected)
        if e.tail is not None and expected is not None and not isinstance(find(t), NeverT):
            self.coerce_to(e.tail, t, expected)
            return expected
        return t

    def _cond(self, c: A.Expr | A.LetCond) -> None:
        if isinstance(c, A.LetCond):
            t = self.check(c.value, None)
            if isinstance(find(t), (IterT, RangeT)):
                self.unsupported("matching on an iterator", c.value.pos)
            self.scopes.append({})
            self.bind_pattern(c.pattern, t, "pattern", irrefutable=False)
            c.ty = t
        else:
            self.unify(BOOL, self.check(c, BOOL), c.pos)

    def join(self, a: Type, b: Type, pos: Pos) -> Type:
        fa = find(a)
        fb = find(b)
        if isinstance(fa, NeverT):
            return b
        if isinstance(fb, NeverT):
            return a
        self.unify(a, b, pos)
        return a

    def c_If(self, e: A.If, expected: Type | None) -> Type:
        is_let = isinstance(e.cond, A.LetCond)
        self._cond(e.cond)
        try:
            tt = self.check(e.then, expected if e.else_ is not None else UNIT)
        finally:
            if is_let:
                self.scopes.pop()
        if e.else_ is None:
            if not isinstance(find(tt), NeverT):
                self.unify_block_unit(e.then, tt, UNIT) if not e.then.tail else \
                    self.unify(UNIT, tt, e.then.tail.pos)
            return UNIT
        et = self.check(e.else_, expected)
        fa, fb = find(tt), find(et)
        if isinstance(fa, NeverT):
            return et
        if isinstance(fb, NeverT):
            return tt
        try:
            unify(tt, et)
        except TypeMismatch:
            pos = e.else_.tail.pos if isinstance(e.else_, A.Block) and e.else_.tail else e.else_.pos
            self.fail(f"`if` and `else` have incompatible types: expected `{resolve(tt, False)}`, "
                      f"found `{resolve(et, False)}`", pos)
        return tt

    def c_While(self, e: A.While, expected: Type | None) -> Type:
        is_let = isinstance(e.cond, A.LetCond)
        self._cond(e.cond)
        self.fn.loops.append(LoopCtx(e.label, None, e))
        try:
            bt = self.check(e.body, UNIT)
            if not isinstance(find(bt), NeverT):
                self.unify_block_unit(e.body, bt, UNIT)
        finally:
            self.fn.loops.pop()
            if is_let:
                self.scopes.pop()
        return UNIT

    def c_Loop(self, e: A.Loop, expected: Type | None) -> Type:
        ctx = LoopCtx(e.label, expected if expected is not None else TVar(), e)
        ctx.has_break = False  # type: ignore[attr-defined]
        self.fn.loops.append(ctx)
        try:
            bt = self.check(e.body, UNIT)
            if not isinstance(find(bt), NeverT):
                self.unify_block_unit(e.body, bt, UNIT)
        finally:
            self.fn.loops.pop()
        if not ctx.has_break:  # type: ignore[attr-defined]
            return NEVER
        return ctx.break_ty  # type: ignore[return-value]

    def c_For(self, e: A.For, expected: Type | None) -> Type:
        it = self.check(e.iter, None)
        item = self.for_item(e, it)
        self.scopes.append({})
        try:
            self.bind_pattern(e.pattern, item, "for", irrefutable=True)
            self.fn.loops.append(LoopCtx(e.label, None, e))
            try:
                bt = self.check(e.body, UNIT)
                if not isinstance(find(bt), NeverT):
                    self.unify_block_unit(e.body, bt, UNIT)
            finally:
                self.fn.loops.pop()
        finally:
            self.scopes.pop()
        return UNIT

    def for_item(self, e: A.For, it: Type) -> Type:
        """What `for` iterates over, and the item type it yields."""
        t = find(it)
        if isinstance(t, RangeT):
            e.source = "range"  # type: ignore[attr-defined]
            return t.elem
        if isinstance(t, IterT):
            src = getattr(e.iter, "iter_src", None)
            if src is None or getattr(e.iter, "iter_adapters", None):
                self.unsupported("a `for` loop over an iterator adapter chain (collect it or use "
                                 "sum/count)", e.iter.pos)
            e.source = "iter"  # type: ignore[attr-defined]
            return t.item
        if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
            inner = find(t.elem)
            if isinstance(inner, (SliceType, ArrayType)) and getattr(inner, "flavor", "vec") != "string":
                e.source = "borrow"  # type: ignore[attr-defined]
                return PtrType(inner.elem, t.flavor)
        if isinstance(t, SliceType) and t.flavor == "ref":
            e.source = "slice"  # type: ignore[attr-defined]
            return PtrType(t.elem, "ref")
        if isinstance(t, SliceType) and t.flavor == "vec":
            e.source = "vec"  # type: ignore[attr-defined]
            return t.elem
        if isinstance(t, ArrayType):
            e.source = "array"  # type: ignore[attr-defined]
            return t.elem
        if isinstance(t, TVar):
            self.fail("type annotations needed", e.iter.pos)
        self.fail(f"`{resolve(it, False)}` is not an iterator", e.iter.pos)

    def c_Match(self, e: A.Match, expected: Type | None) -> Type:
        st = self.check(e.scrutinee, None)
        if isinstance(find(st), (IterT, RangeT)):
            self.unsupported("matching on an iterator", e.scrutinee.pos)
        result: Type = NEVER
        for arm in e.arms:
            self.scopes.append({})
            try:
                self.bind_pattern(arm.pattern, st, "pattern", irrefutable=False)
                if arm.guard is not None:
                    self.unify(BOOL, self.check(arm.guard, BOOL), arm.guard.pos)
                at = self.check(arm.body, expected)
                if isinstance(find(result), NeverT):
                    result = at
                elif not isinstance(find(at), NeverT):
                    try:
                        unify(result, at)
                    except TypeMismatch:
                        self.fail(f"`match` arms have incompatible types: expected "
                                  f"`{resolve(result, False)}`, found `{resolve(at, False)}`", arm.body.pos)
            finally:
                self.scopes.pop()
        self._exhaustive(e, st)
        if not e.arms:
            return NEVER
        return result

    def _exhaustive(self, e: A.Match, st: Type) -> None:
        t, _ = strip_refs(st)
        t = find(t)
        some = none = False
        any_all = False
        for arm in e.arms:
            p = arm.pattern
            if arm.guard is not None:
                continue
            alts = p.alts if isinstance(p, A.POr) else [p]
            for a in alts:
                if isinstance(a, (A.PWild, A.PIdent)):
                    any_all = True
                elif isinstance(a, A.PNone):
                    none = True
                elif isinstance(a, A.PSome) and isinstance(a.inner, (A.PWild, A.PIdent)):
                    some = True
                elif isinstance(a, A.PTuple) and all(isinstance(x, (A.PWild, A.PIdent)) for x in a.elems):
                    any_all = True
                elif isinstance(a, A.PLit) and isinstance(t, BoolType):
                    if a.value.value:
                        some = True
                    else:
                        none = True
        if any_all or (some and none):
            return
        if isinstance(t, OptionType):
            missing = "`None`" if not none else "`Some(_)`"
        elif isinstance(t, BoolType):
            missing = "`false`" if not none else "`true`"
        else:
            missing = "`_`"
        self.fail(f"non-exhaustive patterns: {missing} not covered", e.scrutinee.pos)

    def c_Break(self, e: A.Break, expected: Type | None) -> Type:
        ctx = self.find_loop(e.label, e.pos, "break")
        if e.value is not None:
            if ctx.break_ty is None:
                self.fail("`break` with value from a `while` or `for` loop", e.pos)
            self.expect(e.value, ctx.break_ty)
        elif ctx.break_ty is not None:
            self.unify(ctx.break_ty, UNIT, e.pos)
        ctx.has_break = True  # type: ignore[attr-defined]
        e.loop = ctx.node  # type: ignore[attr-defined]
        return NEVER

    def c_Continue(self, e: A.Continue, expected: Type | None) -> Type:
        ctx = self.find_loop(e.label, e.pos, "continue")
        e.loop = ctx.node  # type: ignore[attr-defined]
        return NEVER

    def find_loop(self, label: str | None, pos: Pos, what: str) -> LoopCtx:
        loops = self.fn.loops if self.fn else []
        for ctx in reversed(loops):
            if label is None or ctx.label == label:
                return ctx
        if label is not None:
            self.fail(f"use of undeclared label `{label}`", pos)
        self.fail(f"`{what}` outside of a loop", pos)

    def c_Return(self, e: A.Return, expected: Type | None) -> Type:
        if isinstance(self.fn.owner, A.ConstDecl):
            self.fail("return statement outside of function body", e.pos)
        if e.value is not None:
            self.expect(e.value, self.fn.ret)
        else:
            self.unify(self.fn.ret, UNIT, e.pos)
        return NEVER

    def c_PanicMacro(self, e: A.PanicMacro, expected: Type | None) -> Type:
        return NEVER

    def c_PrintMacro(self, e: A.PrintMacro, expected: Type | None) -> Type:
        for a in e.args:
            t = self.check(a, None)
            if isinstance(find(t), (IterT, RangeT)):
                self.unsupported("printing an iterator or range", a.pos)
        return UNIT

    def c_VecMacro(self, e: A.VecMacro, expected: Type | None) -> Type:
        elem: Type = TVar()
        if expected is not None:
            et = find(expected)
            if isinstance(et, SliceType) and et.flavor == "vec":
                elem = et.elem
        if e.repeat is not None:
            x, n = e.repeat
            t = self.check(x, elem)
            self.unify(elem, t, x.pos)
            self.unify(USIZE, self.check(n, USIZE), n.pos)
            e.elem_ty = elem  # type: ignore[attr-defined]
            return SliceType(elem, "vec")
        for x in e.elems:
            t = self.check(x, elem)
            self.unify(elem, t, x.pos)
        e.elem_ty = elem  # type: ignore[attr-defined]
        return SliceType(elem, "vec")

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
            for b in e.captured:  # type: ignore[attr-defined]
                if not is_copy(b.ty):
                    self.unsupported("a `move` closure that captures an owned value", e.pos)
        return fty

    def c_Call(self, e: A.Call, expected: Type | None) -> Type:
        f = e.func
        if not isinstance(f, A.Path):
            ft = self.check(f, None)
            return self.call_value(e, ft)
        segs = self.norm_path(f.segments, f.pos)
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
                self.unsupported("Result", e.pos)
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

    # ---- method calls ------------------------------------------------------------------------

    def c_MethodCall(self, e: A.MethodCall, expected: Type | None) -> Type:
        rt = self.check(e.receiver, None)
        name = e.method
        chain = self.autoderef(rt)
        # clone on a reference clones what it points to (Clone for T, found by autoref)
        for k, t in enumerate(chain):
            if isinstance(t, TVar):
                if t.kind in ("int", "float") and name in _NUM_METHODS:
                    return self.num_method(e, t, k, expected)
                if t.kind in ("int", "float") and name == "clone":
                    return self.builtin_method(e, t, k, "ref", "clone", [], t)
                self.fail("type annotations needed", e.receiver.pos)
            if isinstance(t, PtrType) and t.flavor in ("ref", "mut"):
                if name == "clone":
                    inner = find(t.elem)
                    if not is_clone(inner) and not isinstance(inner, PtrType):
                        return self.method_on(e, t, k, name, expected)
                continue
            r = self.method_on(e, t, k, name, expected)
            if r is not None:
                return r
        self.fail(f"no method named `{name}` found for `{resolve(rt, False)}` in the current scope",
                  e.method_pos)

    def recv(self, e: A.MethodCall, k: int, mode: str, t: Type) -> None:
        e.recv_derefs = k  # type: ignore[attr-defined]
        e.recv_mode = mode  # type: ignore[attr-defined]
        e.recv_ty = t  # type: ignore[attr-defined]

    def method_on(self, e: A.MethodCall, t: Type, k: int, name: str, expected: Type | None) -> Type | None:
        """The method `name` with receiver type `t` (after k auto-derefs), or None."""
        if isinstance(t, StructType):
            info = self.methods.get((t.name, name))
            if info is not None:
                if info.self_kind is None:
                    self.fail(f"no method named `{name}` found for struct `{t.name}`: `{t.name}::{name}` "
                              f"is an associated function, not a method", e.method_pos)
                mode = {"self": "value", "&self": "ref", "&mut self": "mut"}[info.self_kind]
                self.recv(e, k, mode, t)
                if len(e.args) != len(info.params) - 1:
                    self.nargs(e, len(info.params) - 1)
                for a, pt in zip(e.args, info.params[1:]):
                    self.expect(a, pt)
                e.method_info = ("fn", info)  # type: ignore[attr-defined]
                return info.ret
            if name == "clone" and "Clone" in getattr(t, "derives", set()):
                return self.builtin_method(e, t, k, "ref", "clone", [], t)
            return None
        if isinstance(t, (IterT, RangeT)):
            return self.iter_method(e, t, k, name, expected)
        if isinstance(t, SliceType) and t.flavor == "vec":
            T = t.elem
            table: dict[str, tuple[str, list[Type], Type]] = {
                "len": ("ref", [], USIZE), "capacity": ("ref", [], USIZE), "is_empty": ("ref", [], BOOL),
                "push": ("mut", [T], UNIT), "pop": ("mut", [], OptionType(T)),
                "clone": ("ref", [], t), "clear": ("mut", [], UNIT),
                "iter": ("ref", [], IterT(PtrType(T, "ref"))),
                "iter_mut": ("mut", [], IterT(PtrType(T, "mut"))),
                "into_iter": ("value", [], IterT(T)),
                "as_slice": ("ref", [], SliceType(T, "ref")),
                "last": ("ref", [], OptionType(PtrType(T, "ref"))),
                "first": ("ref", [], OptionType(PtrType(T, "ref"))),
                "truncate": ("mut", [USIZE], UNIT),
                "reserve": ("mut", [USIZE], UNIT),
                "shrink_to_fit": ("mut", [], UNIT),
            }
            if name == "clone" and not is_clone(T):
                if contains_tvar(T):
                    self.deferred_clone.append((T, e.method_pos))  # decided once T is known
                else:
                    self.fail(f"the method `clone` exists for `Vec<{T}>`, but its trait bounds were not "
                              f"satisfied", e.method_pos)
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "vec_" + name, ps, r)
            return self.slice_method(e, t, k, name, T, True)
        if isinstance(t, SliceType) and t.flavor == "ref":
            return self.slice_method(e, t, k, name, t.elem, False)
        if isinstance(t, ArrayType):
            return self.slice_method(e, t, k, name, t.elem, False)
        if isinstance(t, SliceType) and t.flavor == "string":
            table = {
                "len": ("ref", [], USIZE), "capacity": ("ref", [], USIZE), "is_empty": ("ref", [], BOOL),
                "push_str": ("mut", [RUST_STR], UNIT), "push": ("mut", [CHAR], UNIT),
                "clone": ("ref", [], t), "as_str": ("ref", [], RUST_STR), "clear": ("mut", [], UNIT),
                "to_string": ("ref", [], t), "to_owned": ("ref", [], t),
                "reserve": ("mut", [USIZE], UNIT),
            }
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "string_" + name, ps, r)
            return None
        if isinstance(t, StringType):
            table = {
                "len": ("value", [], USIZE), "is_empty": ("value", [], BOOL),
                "to_string": ("value", [], STRING), "to_owned": ("value", [], STRING),
                "clone": ("value", [], RUST_STR),
            }
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "str_" + name, ps, r)
            return None
        if isinstance(t, OptionType):
            T = t.inner
            table = {
                "unwrap": ("value", [], T), "expect": ("value", [RUST_STR], T),
                "is_some": ("ref", [], BOOL), "is_none": ("ref", [], BOOL),
                "take": ("mut", [], t), "unwrap_or": ("value", [T], T),
                "clone": ("ref", [], t),
            }
            if name == "clone" and not is_clone(T):
                if not contains_tvar(T):
                    return None
                self.deferred_clone.append((T, e.method_pos))
            if name in table:
                mode, ps, r = table[name]
                return self.builtin_method(e, t, k, mode, "opt_" + name, ps, r)
            return None
        if isinstance(t, PtrType) and t.flavor == "rc":
            if name == "clone":
                return self.builtin_method(e, t, k, "ref", "rc_clone", [], t)
            return None
        if isinstance(t, PtrType) and t.flavor == "box":
            if name == "clone":
                if not is_clone(t.elem):
                    if not contains_tvar(t.elem):
                        self.fail("the trait bound `Clone` is not satisfied", e.method_pos)
                    self.deferred_clone.append((t.elem, e.method_pos))
                return self.builtin_method(e, t, k, "ref", "clone", [], t)
            return None
        if isinstance(t, (IntType, FloatType)) and name in _NUM_METHODS:
            return self.num_method(e, t, k, expected)
        if isinstance(t, (IntType, FloatType, BoolType, CharType)) and name == "clone":
            return self.builtin_method(e, t, k, "ref", "clone", [], t)
        if isinstance(t, TupleType) and name == "clone":
            if is_clone(t):
                return self.builtin_method(e, t, k, "ref", "clone", [], t)
            return None
        if isinstance(t, PtrType) and name == "clone":
            return self.builtin_method(e, t, k, "value", "clone_ref", [], t)
        return None

    def slice_method(self, e: A.MethodCall, t: Type, k: int, name: str, T: Type, is_vec: bool) -> Type | None:
        is_array = isinstance(t, ArrayType)
        table: dict[str, tuple[str, list[Type], Type]] = {
            "len": ("ref", [], USIZE), "is_empty": ("ref", [], BOOL),
            "iter": ("ref", [], IterT(PtrType(T, "ref"))),
            "iter_mut": ("mut", [], IterT(PtrType(T, "mut"))),
            "into_iter": ("value", [], IterT(T if is_array else PtrType(T, "ref"))),
            "first": ("ref", [], OptionType(PtrType(T, "ref"))),
            "last": ("ref", [], OptionType(PtrType(T, "ref"))),
        }
        if is_array and name == "clone" and is_clone(t):
            return self.builtin_method(e, t, k, "ref", "clone", [], t)
        if name == "to_vec":
            return self.builtin_method(e, t, k, "ref", "slice_to_vec", [], SliceType(T, "vec"))
        if name in table:
            mode, ps, r = table[name]
            if is_array and name == "iter_mut":
                mode = "mut"
            return self.builtin_method(e, t, k, mode, "slice_" + name, ps, r)
        return None

    def builtin_method(self, e: A.MethodCall, t: Type, k: int, mode: str, key: str, params: list[Type],
                       ret: Type) -> Type:
        self.recv(e, k, mode, t)
        if len(e.args) != len(params):
            self.nargs(e, len(params))
        for a, pt in zip(e.args, params):
            self.expect(a, pt)
        if e.turbofish:
            self.fail(f"method `{e.method}` takes 0 generic arguments", e.method_pos)
        e.method_info = ("builtin", key)  # type: ignore[attr-defined]
        if key in ("vec_iter", "vec_iter_mut", "vec_into_iter", "slice_iter", "slice_iter_mut",
                   "slice_into_iter"):
            e.iter_src = key  # type: ignore[attr-defined]
            e.iter_adapters = []  # type: ignore[attr-defined]
        return ret

    def num_method(self, e: A.MethodCall, t: Type, k: int, expected: Type | None) -> Type:
        name = e.method
        if name in ("abs", "min", "max", "pow", "signum", "wrapping_add", "wrapping_sub", "wrapping_mul"):
            if name in ("min", "max", "wrapping_add", "wrapping_sub", "wrapping_mul"):
                return self.builtin_method(e, t, k, "value", "num_" + name, [t], t)
            if name == "pow":
                if is_float(t):
                    self.fail("no method named `pow` found for type `f64`", e.method_pos)
                return self.builtin_method(e, t, k, "value", "num_pow", [RUST_INTS["u32"]], t)
            return self.builtin_method(e, t, k, "value", "num_" + name, [], t)
        if name in ("sqrt", "floor", "ceil", "round", "trunc"):
            if not is_float(t):
                self.fail(f"no method named `{name}` found for type `{resolve(t, False)}`", e.method_pos)
            return self.builtin_method(e, t, k, "value", "num_" + name, [], t)
        if name == "powi":
            if not is_float(t):
                self.fail(f"no method named `powi` found for type `{resolve(t, False)}`", e.method_pos)
            return self.builtin_method(e, t, k, "value", "num_powi", [I32], t)
        self.fail(f"no method named `{name}` found", e.method_pos)

    def iter_method(self, e: A.MethodCall, t: Type, k: int, name: str, expected: Type | None) -> Type:
        """Iterator adapters and consumers on a chain."""
        item = t.item if isinstance(t, IterT) else t.elem  # type: ignore[union-attr]
        recv = e.receiver
        self.recv(e, k, "value", t)
        e.method_info = ("iter", name)  # type: ignore[attr-defined]
        if isinstance(t, RangeT):
            src = "range"
            adapters: list[A.MethodCall] = []
        else:
            src = getattr(recv, "iter_src", None)
            adapters = list(getattr(recv, "iter_adapters", []))
            if src is None:
                self.unsupported("an iterator that is not a direct chain", recv.pos)
        e.item_ty = item  # type: ignore[attr-defined]
        if name in ("map", "filter"):
            if len(e.args) != 1:
                self.nargs(e, 1)
            arg = e.args[0]
            if name == "map":
                ret = TVar()
                self.check_fn_arg(arg, FuncType((item,), (ret,)))
                new_item = ret
            else:
                self.check_fn_arg(arg, FuncType((PtrType(item, "ref"),), (BOOL,)))
                new_item = item
            e.iter_src = src  # type: ignore[attr-defined]
            e.iter_adapters = adapters + [e]  # type: ignore[attr-defined]
            return IterT(new_item)
        if name == "sum":
            self.nargs(e, 0)
            base, _ = strip_refs(item)
            r = base
            if e.turbofish:
                r = self.type_of(e.turbofish[0])
                self.unify(r, base, e.method_pos)
            elif expected is not None:
                self.unify(expected, base, e.method_pos)
            if not is_numeric(base) and not isinstance(find(base), TVar):
                self.fail(f"a value of type `{resolve(base, False)}` cannot be made by summing an iterator",
                          e.method_pos)
            e.sum_ty = r  # type: ignore[attr-defined]
            e.iter_terminal = True  # type: ignore[attr-defined]
            return r
        if name == "count":
            self.nargs(e, 0)
            e.iter_terminal = True  # type: ignore[attr-defined]
            return USIZE
        if name == "collect":
            self.nargs(e, 0)
            target: Type = SliceType(item, "vec")
            if e.turbofish:
                tt = self.type_of(e.turbofish[0])
                ft = find(tt)
                if not (isinstance(ft, SliceType) and ft.flavor == "vec"):
                    self.unsupported(f"collect into `{resolve(tt, False)}`", e.method_pos)
                self.unify(tt, target, e.method_pos)
            elif expected is not None:
                ft = find(expected)
                if isinstance(ft, TVar):
                    pass
                elif not (isinstance(ft, SliceType) and ft.flavor == "vec"):
                    self.unsupported(f"collect into `{resolve(expected, False)}`", e.method_pos)
                else:
                    self.unify(expected, target, e.method_pos)
            e.iter_terminal = True  # type: ignore[attr-defined]
            return target
        if name in ("rev", "enumerate", "zip", "take", "skip", "chain", "cloned", "copied", "fold",
                    "for_each", "any", "all", "find", "position", "max", "min", "last", "nth",
                    "step_by", "flat_map", "filter_map", "take_while", "skip_while", "product",
                    "peekable", "next", "len", "contains"):
            self.unsupported(f"iterator method `{name}`", e.method_pos)
        self.fail(f"no method named `{name}` found for `{resolve(t, False)}`", e.method_pos)

    def check_fn_arg(self, arg: A.Expr, fty: FuncType) -> None:
        if not isinstance(arg, A.Closure):
            self.unsupported("passing something other than a closure to an iterator adapter", arg.pos)
        t = self.check(arg, fty)
        self.unify(fty, t, arg.pos)


def _plain_eq(t: Type) -> bool:
    """Options and tuples of plain scalars: `==` is equality of every leaf."""
    t = find(t)
    if isinstance(t, OptionType):
        return _plain_eq(t.inner)
    if isinstance(t, TupleType):
        return all(_plain_eq(x) for x in t.elems)
    return isinstance(t, (IntType, BoolType, CharType, UnitType)) or (isinstance(t, TVar) and t.kind == "int")


def _leaf_count(t: Type) -> int:
    """How many cells a value of type t takes, without building its layout."""
    if isinstance(t, ArrayType):
        return t.length * _leaf_count(t.elem) if t.length else 0
    if isinstance(t, StructType):
        return sum(_leaf_count(ft) for _, ft in t.fields)
    if isinstance(t, TupleType):
        return sum(_leaf_count(e) for e in t.elems)
    if isinstance(t, OptionType):
        return _leaf_count(t.inner) + (0 if t.niche else 1)
    if isinstance(t, UnitType):
        return 0
    return 1


_VERB = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "calculate the remainder of"}
_NUM_METHODS = {"abs", "min", "max", "pow", "signum", "sqrt", "floor", "ceil", "round", "trunc", "powi",
                "wrapping_add", "wrapping_sub", "wrapping_mul"}


def check_crate(crate: A.Crate) -> Checker:
    c = Checker(crate)
    c.check_crate()
    return c
