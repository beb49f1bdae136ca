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

from typing import NoReturn
from ..ir import UnsupportedError
from ..types import ArrayType, IntType, StructType, TupleType, Type
from . import ast as A
from .rtypes import TypeMismatch, Unresolved, is_clone, resolve, unify
from .typeck_items import ItemCheck
from .typeck_pattern import PatternCheck
from .typeck_stmt import StmtCheck
from .typeck_expr import ExprCheck
from .typeck_control import ControlCheck
from .typeck_call import CallCheck
from .typeck_method import MethodCheck
from .typeck_std import StdMethodCheck
from .typeck_enums import EnumCheck
from .typeck_traits import TraitCheck
from .typeck_iter import IterCheck
from .result import ResultCheck
from .numparse import NumParseCheck
from .asserts import AssertCheck
from .refcell import RefCellCheck
from .typeck_hashmap import HashMapCheck
from .typeck_retain import RetainCheck
from .weak import WeakCheck
from .typeck_fmt import FmtCheck
from .display import DisplayCheck
from .dyn import DynCheck
from .generics import GenericCheck
from .generic_structs import GenericStructCheck
from .deref import DerefCheck
from .ops_impl import OpImplCheck
from .typeck_common import Pos, Binding, FnInfo, FnCtx, _fmt, _leaf_count


class Checker(GenericCheck, GenericStructCheck, ItemCheck, EnumCheck, TraitCheck, DisplayCheck, DynCheck, DerefCheck,
              OpImplCheck, AssertCheck, RefCellCheck, HashMapCheck, RetainCheck, WeakCheck, FmtCheck, PatternCheck,
              StmtCheck, ExprCheck, ControlCheck, CallCheck, MethodCheck, StdMethodCheck, IterCheck, ResultCheck,
              NumParseCheck):
    def __init__(self, crate: A.Crate) -> None:
        self.crate = crate
        self.file = crate.file
        self.structs: dict[str, StructType] = {}
        self.struct_decls: dict[str, A.StructDecl] = {}
        # imported enum variants: name -> (enum, variant, use position)
        self.variant_uses: dict[str, tuple[str, str, Pos]] = {}
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
        self.instantiate_pending()

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


def check_crate(crate: A.Crate) -> Checker:
    c = Checker(crate)
    c.check_crate()
    return c
