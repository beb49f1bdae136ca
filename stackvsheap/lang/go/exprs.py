"""Type-check and lower Go expressions (and type expressions) to the IR."""

from __future__ import annotations

import re
from typing import Any, NoReturn

from tree_sitter import Node

from .. import ir
from ..types import (
    BOOL,
    GO_STRING,
    UNIT,
    IfaceType,
    ArrayType,
    BoolType,
    FloatType,
    FuncType,
    IntType,
    MapType,
    PtrType,
    SliceType,
    StringType,
    StructType,
    Type,
)
from . import constant as C
from .exprfmt import ExprPrinter
from .gotypes import defined_basic, is_defined_basic
from .iface import IfaceMethod, define_interface, iface_call, iface_sigs, to_iface, type_assertion
from .builder import BuilderMethod, builder_call, is_builder, qualified_type
from .imports import PkgObj
from .methodvalue import method_value
from .maps import make_map, map_delete, map_index, map_len, map_literal, map_type
from .variadic import ParamList, is_variadic, variadic_args
from .stdlib import math_const, package_of, std_call
from .gotypes import (
    BYTE,
    INT,
    RUNE,
    UINT,
    UNTYPED_BOOL,
    UNTYPED_FLOAT,
    UNTYPED_INT,
    UNTYPED_NIL,
    UNTYPED_RUNE,
    UNTYPED_STRING,
    UntypedType,
    comparable,
    default_type,
    go_tuple,
    identical,
    is_boolean,
    is_byte_slice,
    is_float,
    is_integer,
    is_named,
    is_numeric,
    is_string,
    is_untyped,
    nilable,
    ordered,
)
from .scope import (
    BuiltinObj,
    CascadeError,
    PoisonObj,
    ConstObj,
    ConstValueObj,
    FuncCtx,
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
    syn_pos,
    text_of,
    token,
)

# Predeclared names outside the subset: a clear "unsupported" instead of "undefined".
UNSUPPORTED_NAMES = {
    "comparable": "generics",
    "complex64": "type complex64",
    "complex128": "type complex128",
    "float32": "type float32",
}

TYPE_NODES = {
    "type_identifier", "pointer_type", "slice_type", "array_type", "implicit_length_array_type",
    "struct_type", "function_type", "map_type", "channel_type", "interface_type",
    "parenthesized_type", "qualified_type", "generic_type", "negated_type",
}

_ARITH_OPS = {"+", "-", "*", "/", "%", "&", "|", "^", "&^"}
_CMP_OPS = {"==", "!=", "<", "<=", ">", ">="}


def _basic(t: Type) -> bool:
    return isinstance(t, (IntType, FloatType, StringType, BoolType))


class ExprLowerer:
    """Shared state and the expression half of the checker."""

    file: str
    scope: Scope
    ctx: FuncCtx | None
    iota: int | None

    def __init__(self, file: str) -> None:
        self.file = file
        self.implicit: set[ir.Expr] = set()
        self.overrides: dict[ir.Expr, str] = {}
        self.canonical: dict[ir.Var, ir.Var] = {}
        self.methods: dict[StructType, dict[str, FuncObj]] = {}
        self.named_results: dict[ir.Func, list[ir.Var]] = {}
        self.all_funcs: list[ir.Func] = []
        self.iota = None
        self.ctx = None
        self.pkg_lit_count = 0
        self.printer = ExprPrinter(self.implicit, self.overrides)
        self.lhs_ident = False
        self.cur_node: Node | None = None
        self.resolving_structs: set[StructType] = set()
        # for capture.py: the `:=` variables of each lowered range loop, and the
        # blocks that stand for one `return` statement
        self.range_loop_vars: dict[ir.Loop, list[ir.Var]] = {}
        self.return_blocks: set[ir.Block] = set()

    # ---- errors -----------------------------------------------------------------

    def err(self, at: Node | tuple[int, int], msg: str) -> NoReturn:
        pos = at if isinstance(at, tuple) else pos_of(at)
        raise ir.UnsupportedError(msg, pos, self.file)

    def unsupported(self, at: Node | tuple[int, int], what: str) -> NoReturn:
        self.err(at, f"unsupported: {what}")

    @staticmethod
    def src(n: Node) -> str:
        return re.sub(r"\s+", " ", text_of(n)).strip()

    def describe(self, op: Operand) -> str:
        s = self.src(op.node)
        if op.mode == "nil" or op.ty is UNTYPED_NIL:
            return "nil"
        if op.mode == "const":
            vt = C.value_text(op.val)
            if is_untyped(op.ty):
                return f"{s} ({op.ty} constant)" if vt == s else f"{s} ({op.ty} constant {vt})"
            return f"{s} (constant {vt} of type {op.ty})"
        if op.delayed is not None:
            return f"{s} ({op.ty} value)"
        # types2 names the structure of a defined type: "variable of struct type T"
        of = f"struct type {op.ty}" if is_named(op.ty) else f"type {op.ty}"  # type: ignore[arg-type]
        if op.mode == "var":
            return f"{s} (variable of {of})"
        return f"{s} (value of {of})"

    def assign_mismatch(self, rhs: list[Node], l: int, r: int) -> NoReturn:
        """types2 assignError."""
        vars_ = f"{l} variable{'s' if l != 1 else ''}"
        vals = f"{r} value{'s' if r != 1 else ''}"
        r0 = rhs[0]
        inner = r0
        while inner.type == "parenthesized_expression" and len(kids(inner)) == 1:
            inner = kids(inner)[0]
        if len(rhs) == 1 and inner.type == "call_expression":
            fn = inner.child_by_field_name("function")
            self.err(r0, f"assignment mismatch: {vars_} but {self.src(fn) if fn is not None else self.src(inner)} returns {vals}")
        self.err(r0, f"assignment mismatch: {vars_} but {vals}")

    def assign_value(self, n: Node, rhs: list[Node], l: int) -> Operand:
        """The value of one right-hand side of an l:l assignment."""
        op = self.expr(n)
        if op.mode == "tuple" and len(rhs) == 1:
            self.assign_mismatch(rhs, l, len(op.ty.elems))  # type: ignore[union-attr]
        return self.single(op)

    # ---- sites ------------------------------------------------------------------

    def site(self, pos: tuple[int, int], kind: str, text: str) -> ir.AllocSite:
        return ir.AllocSite(pos, kind, text)

    def text(self, e: ir.Expr) -> str:
        return self.printer(e)

    # ---- scopes -----------------------------------------------------------------

    def declare(self, scope: Scope, name: str, obj: Obj, at: Node) -> None:
        if name == "_":
            return
        if name in scope.names:
            self.err(at, f"{name} redeclared in this block")
        scope.names[name] = obj

    # ---- types ------------------------------------------------------------------

    def resolve_type(self, n: Node) -> Type:
        t = n.type
        if t in ("type_identifier", "identifier"):
            name = text_of(n)
            obj = self.scope.lookup(name)
            if obj is None:
                if name in UNSUPPORTED_NAMES:
                    self.unsupported(n, UNSUPPORTED_NAMES[name])
                self.err(n, f"undefined: {name}")
            if isinstance(obj, PoisonObj):
                raise CascadeError(f"{name} failed", pos_of(n), self.file)
            if not isinstance(obj, TypeObj):
                self.err(n, f"{name} is not a type")
            return self.type_of_obj(obj)
        if t in ("pointer_type",):
            return PtrType(self.resolve_type(kids(n)[0]))
        if t == "unary_expression":
            op = n.child_by_field_name("operator")
            if op is not None and op.type == "*":
                return PtrType(self.resolve_type(n.child_by_field_name("operand")))
            self.err(n, f"{self.src(n)} is not a type")
        if t in ("parenthesized_type", "parenthesized_expression"):
            k = kids(n)
            if len(k) != 1:
                self.err(n, f"{self.src(n)} is not a type")
            return self.resolve_type(k[0])
        if t == "slice_type":
            return SliceType(self.resolve_type(n.child_by_field_name("element")))
        if t == "array_type":
            length = self.array_length(n.child_by_field_name("length"))
            return self.checked_array(ArrayType(self.resolve_type(n.child_by_field_name("element")), length), n)
        if t == "implicit_length_array_type":
            self.err(n, "invalid use of [...] array (outside a composite literal)")
        if t == "struct_type":
            return self.anon_struct(n)
        if t == "function_type":
            params, results = self.signature(n.child_by_field_name("parameters"), n.child_by_field_name("result"))
            return FuncType(tuple(p for _, p in params), tuple(r for _, r in results), is_variadic(params))
        if t == "map_type":
            return map_type(self, n)
        if t == "channel_type":
            self.unsupported(n, "channel type")
        if t == "interface_type":
            self.unsupported(n, "interface type")
        if t in ("generic_type", "type_instantiation_expression", "negated_type"):
            self.unsupported(n, "generics")
        if t == "qualified_type" and (qt := qualified_type(self, n)) is not None:
            return qt
        if t in ("qualified_type", "selector_expression"):
            first = kids(n)[0] if kids(n) else n
            self.err(first, f"undefined: {text_of(first)}")
        if t == "index_expression":
            self.unsupported(n, "generics")
        self.err(n, f"{self.src(n)} is not a type")

    # cmd/compile rejects types of 1<<50 bytes or more; the simulator lays
    # every element out, so it stops well before that.
    MAX_ADDRESS_SPACE = 1 << 50
    MAX_SIMULATED_ARRAY = 1 << 28

    def checked_array(self, t: ArrayType, at: Node) -> ArrayType:
        e: Type = t.elem
        while isinstance(e, ArrayType):
            e = e.elem
        if isinstance(e, StructType) and e in self.resolving_structs:
            return t  # a struct still being declared: its layout is not known yet
        size = t.elem.size * t.length
        if size >= self.MAX_ADDRESS_SPACE:
            self.err(at, f"type {t} larger than address space")
        if size > self.MAX_SIMULATED_ARRAY or t.length * max(t.elem.nleaves, 1) > (1 << 24):
            self.unsupported(at, f"array type {t} is too large to simulate")
        return t

    def type_of_obj(self, obj: TypeObj) -> Type:
        if obj.state == 3:
            raise CascadeError("declaration failed", pos_of(obj.node) if obj.node else (0, 0), self.file)
        if obj.state == 2 or obj.ty is not None:
            assert obj.ty is not None
            return obj.ty
        if obj.state == 1 or obj.type_node is None:
            self.err(obj.node or (0, 0), f"invalid recursive type {obj.name}")
        obj.state = 1
        tn = obj.type_node
        saved = self.scope
        if obj.scope is not None:
            self.scope = obj.scope
        try:
            return self._define_struct(obj, tn)
        except ir.UnsupportedError:
            obj.state = 3
            if obj.ty is not None:
                obj.ty.broken = True  # type: ignore[attr-defined]
            raise
        finally:
            self.scope = saved

    def _define_struct(self, obj: TypeObj, tn: Node) -> Type:
        inner = tn
        while inner.type in ("parenthesized_type",) and kids(inner):
            inner = kids(inner)[0]
        if inner.type == "interface_type":
            obj.ty = define_interface(self, obj.name, inner)
            obj.state = 2
            return obj.ty
        if inner.type != "struct_type":
            # `type Celsius float64`: a defined basic type; other underlying types are refused
            u = self.resolve_type(inner)
            dt = MapType(u.key, u.elem, obj.name) if isinstance(u, MapType) else defined_basic(obj.name, u)
            if dt is None:
                self.unsupported(obj.node or tn, f"defined type with underlying type {u} (only structs, interfaces and basic types)")
            obj.ty = dt
            obj.state = 2
            return dt
        st = StructType(obj.name)
        obj.ty = st
        self.resolving_structs.add(st)
        try:
            st.fields = self.struct_fields(inner)
            self.check_value_cycle(st, obj.node or tn)
        finally:
            self.resolving_structs.discard(st)
        obj.state = 2
        return st

    def check_value_cycle(self, st: StructType, at: Node) -> None:
        seen: set[int] = set()

        def contains(t: Type) -> bool:
            if t is st:
                return True
            if isinstance(t, ArrayType):
                return contains(t.elem)
            if isinstance(t, StructType):
                if id(t) in seen:
                    return False
                seen.add(id(t))
                return any(contains(ft) for _, ft in t.fields)
            return False

        def self_or_array_of_self(t: Type) -> bool:
            while isinstance(t, ArrayType):
                t = t.elem
            return t is st

        direct = any(self_or_array_of_self(ft) for _, ft in st.fields)
        if any(contains(ft) for _, ft in st.fields):
            if direct:
                self.err(at, f"invalid recursive type: {st.name} refers to itself")
            self.err(at, f"invalid recursive type {st.name}")

    def struct_fields(self, n: Node) -> list[tuple[str, Type]]:
        fdl = next((c for c in n.named_children if c.type == "field_declaration_list"), None)
        fields: list[tuple[str, Type]] = []
        names: set[str] = set()
        if fdl is None:
            return fields
        for fd in kids(fdl):
            if fd.type != "field_declaration":
                continue
            name_nodes = fd.children_by_field_name("name")
            tnode = fd.child_by_field_name("type")
            if tnode is None:
                self.err(fd, "syntax error: missing field type")
            if not name_nodes:
                self.unsupported(fd, "embedded field")
            ft = self.resolve_type(tnode)
            for nn in name_nodes:
                name = text_of(nn)
                if name != "_" and name in names:
                    self.err(nn, f"{name} redeclared")
                names.add(name)
                fields.append((name, ft))
        return fields

    def anon_struct(self, n: Node) -> StructType:
        fields = self.struct_fields(n)
        # identical anonymous struct types are one type (`map[string]struct{}`
        # and the `struct{}{}` stored in it): one object per field list
        canon = self.__dict__.setdefault("_anon_structs", {})
        key = tuple(fields)
        got = canon.get(key)
        if got is not None:
            return got
        body = "; ".join(f"{name} {t}" for name, t in fields)
        st = StructType(f"struct {{ {body} }}" if fields else "struct {}")
        st.fields = fields
        st.anonymous = True  # type: ignore[attr-defined]
        canon[key] = st
        return st

    def array_length(self, n: Node | None) -> int:
        if n is None:
            self.err((0, 0), "syntax error: missing array length")
        op = self.expr(n)
        if op.mode != "const":
            if op.mode in ("var", "value"):
                self.err(n, f"array length {self.describe(op)} must be constant")
            self.err(n, f"invalid array length {self.src(n)}")
        integral = is_integer(op.ty) or (  # type: ignore[arg-type]
            op.ty is UNTYPED_FLOAT and C.Fraction(op.val).denominator == 1
        )
        if not integral or isinstance(op.val, bool):
            self.err(n, f"array length {self.describe(op)} must be integer")
        v = int(op.val)
        if v < 0:
            self.err(n, f"invalid array length {self.describe(op)}")
        return v

    def signature(
        self, params: Node | None, result: Node | None
    ) -> tuple[list[tuple[Node | None, Type]], list[tuple[Node | None, Type]]]:
        ps = self.param_list(params) if params is not None else []
        rs: list[tuple[Node | None, Type]] = []
        if result is not None:
            if result.type == "parameter_list":
                rs = self.param_list(result)
            else:
                rs = [(None, self.resolve_type(result))]
        return ps, rs

    def param_list(self, n: Node) -> list[tuple[Node | None, Type]]:
        out = ParamList()
        decls = [pd for pd in kids(n) if pd.type in ("parameter_declaration", "variadic_parameter_declaration")]
        for k, pd in enumerate(decls):
            tnode = pd.child_by_field_name("type")
            if tnode is None:
                self.err(pd, "syntax error: missing parameter type")
            t = self.resolve_type(tnode)
            if pd.type == "variadic_parameter_declaration":
                if k != len(decls) - 1:
                    self.err(pd, "can only use ... with final parameter in list")
                t = SliceType(t)
                out.variadic = True
            names = pd.children_by_field_name("name")
            if names:
                out.extend((nn, t) for nn in names)
            else:
                out.append((None, t))
        return out

    # ---- operands -----------------------------------------------------------------

    def expr(self, n: Node) -> Operand:
        self.cur_node = n
        m = getattr(self, "e_" + n.type, None)
        if m is None:
            if n.type in TYPE_NODES:
                return Operand("type", self.resolve_type(n), n)
            self.unsupported_expr(n)
        return m(n)

    def unsupported_expr(self, n: Node) -> NoReturn:
        what = {
            "type_assertion_expression": "type assertion",
            "type_instantiation_expression": "generics",
            "imaginary_literal": "complex numbers",
            "ERROR": "syntax",
        }.get(n.type)
        if what is None:
            what = n.type.replace("_", " ")
        self.unsupported(n, what)

    def value(self, n: Node) -> Operand:
        """A single value (not a type, builtin, void or multi-value call)."""
        op = self.expr(n)
        return self.single(op)

    def single(self, op: Operand) -> Operand:
        n = op.node
        if op.mode == "type":
            self.err(n, f"{self.src(n)} (type) is not an expression")
        if op.mode == "builtin":
            self.err(n, f"{self.src(n)} (built-in function {op.name}) must be called")
        if op.mode == "novalue":
            self.err(n, f"{self.src(n)} (no value) used as value")
        if op.mode == "tuple":
            self.err(n, f"multiple-value {self.src(n)} (value of type {op.ty}) in single-value context")
        return op

    def const_expr(self, t: Type, v: Any, pos: tuple[int, int]) -> ir.Const:
        if isinstance(t, FloatType):
            v = float(v)
        elif isinstance(t, IntType):
            v = int(v)
        return ir.Const(t, pos, v)

    def convert_untyped(self, op: Operand, t: Type, context: str) -> ir.Expr:
        """Give an untyped operand the type t (assignment, operand matching)."""
        pos = pos_of(op.node)
        if op.mode == "nil" or op.ty is UNTYPED_NIL:
            if nilable(t):
                return ir.Const(t, pos, None)
            self.err(op.node, f"cannot use nil as {t} value in {context}")
        if op.delayed is not None:
            # the shift itself reports a non-integer type ("shifted operand ... must be integer")
            return op.delayed(INT if is_untyped(t) else t)
        assert op.mode == "const"
        target = t
        if is_untyped(target):
            target = default_type(target)
        ok_kind = (
            (is_numeric(op.ty) and is_numeric(target))
            or (is_string(op.ty) and isinstance(target, StringType))
            or (is_boolean(op.ty) and isinstance(target, BoolType))
        )
        if not ok_kind:
            self.err(op.node, f"cannot use {self.describe(op)} as {t} value in {context}")
        try:
            v = C.representable(op.val, target)
        except C.ConstError as e:
            reason = str(e)
            if reason == "truncated":
                self.err(op.node, f"cannot use {self.describe(op)} as {t} value in {context} (truncated)")
            self.err(op.node, f"cannot use {self.describe(op)} as {t} value in {context} (overflows)")
        return self.const_expr(target, v, pos)

    def rvalue(self, op: Operand) -> ir.Expr:
        """Lower an operand as a value of its own (or default) type."""
        op = self.single(op)
        if op.mode == "nil" or op.ty is UNTYPED_NIL:
            self.err(op.node, "use of untyped nil in assignment")
        if op.mode == "const":
            t = default_type(op.ty) if is_untyped(op.ty) else op.ty
            if is_untyped(op.ty):
                return self.convert_untyped(op, t, "assignment")
            return self.const_expr(t, op.val, pos_of(op.node))
        if op.delayed is not None:
            return op.delayed(INT)
        assert op.expr is not None
        return op.expr

    def assignable(self, op: Operand, t: Type, context: str) -> ir.Expr:
        """Lower op as a value assignable to t (spec "Assignability")."""
        op = self.single(op)
        if isinstance(t, IfaceType):
            return to_iface(self, op, t, context)
        if op.mode == "nil" or is_untyped(op.ty):
            return self.convert_untyped(op, t, context)
        if op.mode == "const":
            if identical(op.ty, t):
                return self.const_expr(t, op.val, pos_of(op.node))
            self.err(op.node, f"cannot use {self.describe(op)} as {t} value in {context}")
        assert op.ty is not None and op.expr is not None
        if identical(op.ty, t):
            return op.expr
        if (isinstance(t, MapType) and isinstance(op.ty, MapType) and not (t.tname and op.ty.tname)
                and identical(t.key, op.ty.key) and identical(t.elem, op.ty.elem)):
            return op.expr  # identical underlying types, one of them not defined
        self.err(op.node, f"cannot use {self.describe(op)} as {t} value in {context}")

    def operand_type(self, op: Operand) -> Type:
        assert op.ty is not None
        return default_type(op.ty) if is_untyped(op.ty) else op.ty

    # ---- literals and names ---------------------------------------------------------

    def e_int_literal(self, n: Node) -> Operand:
        try:
            v = C.parse_int_lit(text_of(n))
        except ValueError:
            self.err(n, f"invalid integer literal {text_of(n)}")
        return Operand("const", UNTYPED_INT, n, val=v)

    def e_float_literal(self, n: Node) -> Operand:
        try:
            v = C.parse_float_lit(text_of(n))
        except (ValueError, ZeroDivisionError):
            self.err(n, f"invalid floating-point literal {text_of(n)}")
        return Operand("const", UNTYPED_FLOAT, n, val=v)

    def e_rune_literal(self, n: Node) -> Operand:
        try:
            v = C.parse_rune_lit(text_of(n))
        except (C.ConstError, UnicodeDecodeError) as e:
            self.err(n, str(e) if isinstance(e, C.ConstError) else "invalid rune literal")
        return Operand("const", UNTYPED_RUNE, n, val=v)

    def e_interpreted_string_literal(self, n: Node) -> Operand:
        try:
            v = C.parse_string_lit(text_of(n))
        except C.ConstError as e:
            self.err(n, str(e))
        return Operand("const", UNTYPED_STRING, n, val=v)

    e_raw_string_literal = e_interpreted_string_literal

    def e_true(self, n: Node) -> Operand:
        return self.e_identifier(n)

    e_false = e_true
    e_nil = e_true
    e_iota = e_true

    def e_blank_identifier(self, n: Node) -> Operand:
        self.err(n, "cannot use _ as value")

    def e_identifier(self, n: Node) -> Operand:
        name = text_of(n)
        if name == "_":
            self.err(n, "cannot use _ as value")
        obj = self.scope.lookup(name)
        if obj is None:
            if name in UNSUPPORTED_NAMES:
                self.unsupported(n, UNSUPPORTED_NAMES[name])
            self.err(n, f"undefined: {name}")
        if isinstance(obj, PoisonObj):
            raise CascadeError(f"{name} failed", pos_of(n), self.file)
        if isinstance(obj, VarObj):
            if not self.lhs_ident:
                obj.used = True
            return Operand("var", obj.var.ty, n, expr=self.var_ref(obj, n))
        if isinstance(obj, ConstObj):
            self.resolve_const(obj)
            return Operand("const", obj.ty, n, val=obj.val)
        if isinstance(obj, ConstValueObj):
            return Operand("const", obj.ty, n, val=obj.val)
        if isinstance(obj, TypeObj):
            return Operand("type", self.type_of_obj(obj), n)
        if isinstance(obj, FuncObj):
            return Operand("value", obj.sig, n, expr=ir.FuncRef(obj.sig, pos_of(n), obj.func), func=obj.func)
        if isinstance(obj, BuiltinObj):
            return Operand("builtin", None, n, name=obj.name)
        if isinstance(obj, NilObj):
            return Operand("nil", UNTYPED_NIL, n)
        if isinstance(obj, PkgObj):
            self.err(n, f"use of package {name} without selector")
        if isinstance(obj, IotaObj):
            if self.iota is None:
                self.err(n, "cannot use iota outside constant declaration")
            return Operand("const", UNTYPED_INT, n, val=self.iota)
        self.err(n, f"undefined: {name}")

    e_type_identifier = e_identifier
    e_field_identifier = e_identifier

    def resolve_const(self, obj: ConstObj) -> None:
        raise NotImplementedError  # provided by the package checker

    def var_ref(self, obj: VarObj, n: Node) -> ir.VarRef:
        v = obj.var
        if not v.is_global and obj.ctx is not None and self.ctx is not None and obj.ctx is not self.ctx:
            v = self.capture(obj, self.ctx)
        return ir.VarRef(v.ty, pos_of(n), v)

    def capture(self, obj: VarObj, ctx: FuncCtx | None) -> ir.Var:
        if ctx is None or ctx is obj.ctx:
            return obj.var
        outer_v = self.capture(obj, ctx.outer)
        cap = ctx.capmap.get(outer_v)
        if cap is None:
            inner = ir.Var(outer_v.name, outer_v.ty, outer_v.pos)
            cap = ir.Capture(outer_v, inner, True)
            ctx.capmap[outer_v] = cap
            ctx.func.captures.append(cap)
            self.canonical[inner] = obj.var
            obj.var.captured = True
        return cap.inner

    def root_var(self, e: ir.Expr) -> ir.Var | None:
        while True:
            if isinstance(e, ir.VarRef):
                return self.canonical.get(e.var, e.var)
            if isinstance(e, ir.FieldRef):
                e = e.base
            elif isinstance(e, ir.IndexRef) and isinstance(e.base.ty, ArrayType):
                e = e.base
            else:
                return None

    def mark_addr_taken(self, place: ir.Expr) -> None:
        v = self.root_var(place)
        if v is not None and not v.is_global:
            v.addr_taken = True

    # ---- parentheses, unary ---------------------------------------------------------

    def e_parenthesized_expression(self, n: Node) -> Operand:
        k = kids(n)
        if len(k) != 1:
            self.err(n, "syntax error: unexpected parenthesized list")
        op = self.expr(k[0])
        op.node = n
        return op

    def e_unary_expression(self, n: Node) -> Operand:
        opn = n.child_by_field_name("operator")
        xn = n.child_by_field_name("operand")
        if opn is None or xn is None:
            self.err(n, "syntax error: bad unary expression")
        op = opn.type
        pos = pos_of(n)
        if op == "<-":
            self.unsupported(n, "channel receive")
        if op == "&":
            inner = xn
            while inner.type == "parenthesized_expression" and len(kids(inner)) == 1:
                inner = kids(inner)[0]
            if inner.type == "composite_literal":
                lit = self.composite_literal(inner)
                assert lit.expr is not None and lit.ty is not None
                site = self.site(pos, "addr_lit", "&" + self.overrides.get(lit.expr, f"{lit.ty}{{...}}"))
                e = ir.Alloc(PtrType(lit.ty), pos, site, lit.expr)
                return Operand("value", e.ty, n, expr=e)
            x = self.expr(xn)
            if x.mode == "type":
                self.err(xn, f"{self.src(xn)} (type) is not an expression")
            x = self.single(x)
            if x.mode != "var":
                self.err(xn, f"invalid operation: cannot take address of {self.describe(x)}")
            assert x.expr is not None and x.ty is not None
            self.mark_addr_taken(x.expr)
            e = ir.AddrOf(PtrType(x.ty), pos, x.expr)
            return Operand("value", e.ty, n, expr=e)
        x = self.expr(xn)
        if op == "*":
            if x.mode == "type":
                assert x.ty is not None
                return Operand("type", PtrType(x.ty), n)
            x = self.single(x)
            if x.mode == "nil":
                self.err(n, "invalid operation: cannot indirect nil")
            if not isinstance(x.ty, PtrType):
                self.err(xn, f"invalid operation: cannot indirect {self.describe(x)}")
            assert x.expr is not None
            e = ir.Deref(x.ty.elem, pos, x.expr)
            return Operand("var", x.ty.elem, n, expr=e)
        x = self.single(x)
        if x.mode == "nil":
            self.err(n, f"invalid operation: operator {op} not defined on nil")
        t = x.ty
        assert t is not None
        ok = {"-": is_numeric, "+": is_numeric, "!": is_boolean, "^": is_integer}[op](t)
        if not ok:
            self.err(xn, f"invalid operation: operator {op} not defined on {self.describe(x)}")
        if x.mode == "const":
            try:
                v = C.unary(op, x.val, t)
            except C.ConstError:
                self.err(xn, f"invalid operation: operator {op} not defined on {self.describe(x)}")
            if not is_untyped(t):
                try:
                    v = C.representable(v, t)
                except C.ConstError:
                    self.err(n, f"constant {C.value_text(v)} overflows {t}")
            return Operand("const", t, n, val=v)
        if x.delayed is not None:
            d = x.delayed
            return Operand("value", t, n, delayed=lambda tt: ir.Unary(tt, pos, op, d(tt)))
        assert x.expr is not None
        return Operand("value", t, n, expr=ir.Unary(t, pos, op, x.expr))

    # ---- binary ---------------------------------------------------------------------

    def e_binary_expression(self, n: Node) -> Operand:
        opn = n.child_by_field_name("operator")
        ln = n.child_by_field_name("left")
        rn = n.child_by_field_name("right")
        if opn is None or ln is None or rn is None:
            self.err(n, "syntax error: bad binary expression")
        op = opn.type
        if op in ("<<", ">>"):
            return self.shift(n, op, ln, rn)
        x = self.value(ln)
        y = self.value(rn)
        pos = pos_of(n)
        if op in ("&&", "||"):
            for o in (x, y):
                if not is_boolean(o.ty):  # type: ignore[arg-type]
                    self.err(o.node, f"invalid operation: operator {op} not defined on {self.describe(o)}")
            if x.mode == "const" and y.mode == "const":
                t = x.ty if not is_untyped(x.ty) else y.ty  # type: ignore[assignment]
                return Operand("const", t, n, val=C.binary(op, x.val, y.val, t))  # type: ignore[arg-type]
            xe, ye = self.match(n, op, x, y)
            return Operand("value", BOOL, n, expr=ir.Binary(BOOL, pos, op, xe, ye))

        # Operand matching (types2 matchTypes): untyped operands take the other's type.
        xt, yt = x.ty, y.ty
        assert xt is not None and yt is not None
        if op in _CMP_OPS:
            return self.comparison(n, op, x, y)
        if is_untyped(xt) and is_untyped(yt):
            if x.mode == "nil" or y.mode == "nil":
                self.err(n, f"invalid operation: operator {op} not defined on nil")
            rt = self.untyped_result(n, op, x, y)
            if x.mode == "const" and y.mode == "const":
                self.check_op(n, op, x, rt)
                return Operand("const", rt, n, val=self.fold(n, op, x.val, y.val, rt))
            # untyped non-constant (a shift of an untyped constant): lower once typed
            def delayed(t: Type, x: Operand = x, y: Operand = y) -> ir.Expr:
                return self.arith(n, op, self.convert_untyped(x, t, "expression"), self.convert_untyped(y, t, "expression"), t)
            return Operand("value", rt, n, delayed=delayed)
        t = yt if is_untyped(xt) else xt
        xe, ye = self.match(n, op, x, y)
        self.check_op(n, op, x if not is_untyped(xt) else y, t)
        if x.mode == "const" and y.mode == "const":
            v = self.fold(n, op, x.val, y.val, t)
            try:
                v = C.representable(v, t)
            except C.ConstError:
                self.err(n, f"{self.src(n)} (constant {C.value_text(v)} of type {t}) overflows {t}")
            return Operand("const", t, n, val=v)
        if op in ("/", "%") and y.mode == "const" and is_integer(t) and y.val == 0:
            self.err(rn, "invalid operation: division by zero")
        return Operand("value", t, n, expr=self.arith(n, op, xe, ye, t))

    def untyped_result(self, n: Node, op: str, x: Operand, y: Operand) -> Type:
        xt, yt = x.ty, y.ty
        assert isinstance(xt, UntypedType) and isinstance(yt, UntypedType)
        if xt.kind in UntypedType.RANK and yt.kind in UntypedType.RANK:
            return xt if UntypedType.RANK[xt.kind] >= UntypedType.RANK[yt.kind] else yt
        if xt.kind != yt.kind:
            self.err(n, f"invalid operation: {self.src(n)} (mismatched types {xt} and {yt})")
        return xt

    def check_op(self, n: Node, op: str, x: Operand, t: Type) -> None:
        if op == "+":
            ok = is_numeric(t) or is_string(t)
        elif op in ("-", "*", "/"):
            ok = is_numeric(t)
        elif op in ("%", "&", "|", "^", "&^"):
            ok = is_integer(t)
        else:
            ok = True
        if not ok:
            self.err(n, f"invalid operation: operator {op} not defined on {self.describe(x)}")

    def fold(self, n: Node, op: str, a: Any, b: Any, t: Type) -> Any:
        try:
            return C.binary(op, a, b, t)
        except C.ConstError as e:
            if str(e) == "division by zero":
                self.err(n.child_by_field_name("right") or n, "invalid operation: division by zero")
            self.err(n, f"invalid operation: operator {op} not defined on {self.src(n)}")

    def match(self, n: Node, op: str, x: Operand, y: Operand) -> tuple[ir.Expr, ir.Expr]:
        """Lower both operands of a binary operation to one common type."""
        xt, yt = x.ty, y.ty
        assert xt is not None and yt is not None
        if is_untyped(xt) and not is_untyped(yt):
            xe = self.implicit_conv(n, x, yt, y)
            ye = self.lower_typed(y)
        elif is_untyped(yt) and not is_untyped(xt):
            xe = self.lower_typed(x)
            ye = self.implicit_conv(n, y, xt, x)
        elif is_untyped(xt) and is_untyped(yt):
            t = default_type(self.untyped_result(n, op, x, y))
            xe = self.convert_untyped(x, t, "expression")
            ye = self.convert_untyped(y, t, "expression")
        else:
            if not identical(xt, yt):
                self.err(n, f"invalid operation: {self.src(n)} (mismatched types {xt} and {yt})")
            xe, ye = self.lower_typed(x), self.lower_typed(y)
        return xe, ye

    def lower_typed(self, op: Operand) -> ir.Expr:
        if op.mode == "const":
            assert op.ty is not None
            return self.const_expr(op.ty, op.val, pos_of(op.node))
        assert op.expr is not None
        return op.expr

    def implicit_conv(self, n: Node, u: Operand, t: Type, other: Operand) -> ir.Expr:
        """types2 implicitTypeAndValue: an untyped operand meets a typed one."""
        ut = u.ty
        assert ut is not None
        if u.mode == "nil" or ut is UNTYPED_NIL:
            if nilable(t):
                return ir.Const(t, pos_of(u.node), None)
            self.err(n, f"invalid operation: {self.src(n)} (mismatched types {other.ty} and untyped nil)")
        compatible = (
            (is_numeric(ut) and is_numeric(t))
            or (is_string(ut) and isinstance(t, StringType))
            or (is_boolean(ut) and isinstance(t, BoolType))
        )
        if not compatible:
            a, b = (t, ut) if other.node.start_byte < u.node.start_byte else (ut, t)
            self.err(n, f"invalid operation: {self.src(n)} (mismatched types {a} and {b})")
        if u.delayed is not None:
            if not isinstance(t, IntType):
                self.err(u.node, f"invalid operation: shifted operand {self.src(u.node)} (type {t}) must be integer")
            return u.delayed(t)
        try:
            v = C.representable(u.val, t)
        except C.ConstError as e:
            if str(e) == "truncated":
                self.err(u.node, f"{self.describe(u)} truncated to {t}")
            self.err(u.node, f"{self.describe(u)} overflows {t}")
        return self.const_expr(t, v, pos_of(u.node))

    def arith(self, n: Node, op: str, xe: ir.Expr, ye: ir.Expr, t: Type) -> ir.Expr:
        pos = pos_of(n)
        if op == "+" and isinstance(t, StringType):
            parts: list[ir.Expr] = []
            for e in (xe, ye):
                if isinstance(e, ir.Concat):
                    # typecheck builds one OADDSTR for x + y + (z + w): nested `+` flatten
                    parts.extend(e.parts)
                else:
                    parts.append(e)
            c = ir.Concat(t, pos, self.site(syn_pos(n), "concat", ""), parts)
            c.site.text = self.text(c)
            return c
        return ir.Binary(t, pos, op, xe, ye)

    def comparison(self, n: Node, op: str, x: Operand, y: Operand) -> Operand:
        xt, yt = x.ty, y.ty
        assert xt is not None and yt is not None
        pos = pos_of(n)
        if x.mode == "nil" and y.mode == "nil":
            self.err(n, f"invalid operation: {self.src(n)} (operator {op} not defined on nil)")
        if x.mode == "const" and y.mode == "const" and is_untyped(xt) and is_untyped(yt):
            t = self.untyped_result(n, op, x, y)
            if op not in ("==", "!=") and not (is_numeric(t) or is_string(t)):
                self.err(n, f"invalid operation: {self.src(n)} (operator {op} not defined on {self.describe(x)})")
            return Operand("const", UNTYPED_BOOL, n, val=self.cmp_fold(x.val, y.val, op))
        xe, ye = self.match(n, op, x, y)
        t = xe.ty
        nil_cmp = x.mode == "nil" or y.mode == "nil"
        if op in ("==", "!="):
            if not nil_cmp and not comparable(t):
                what = "slice" if isinstance(t, SliceType) else "func" if isinstance(t, FuncType) else None
                if what:
                    self.err(n, f"invalid operation: {self.src(n)} ({what} can only be compared to nil)")
                self.err(n, f"invalid operation: {self.src(n)} ({t} cannot be compared)")
        elif not ordered(t):
            self.err(n, f"invalid operation: {self.src(n)} (operator {op} not defined on {self.describe(x)})")
        if x.mode == "const" and y.mode == "const":
            return Operand("const", UNTYPED_BOOL, n, val=self.cmp_fold(x.val, y.val, op))
        return Operand("value", BOOL, n, expr=ir.Binary(BOOL, pos, op, xe, ye))

    @staticmethod
    def cmp_fold(a: Any, b: Any, op: str) -> bool:
        return bool(C.binary(op, a, b, INT))

    def shift(self, n: Node, op: str, ln: Node, rn: Node) -> Operand:
        x = self.value(ln)
        y = self.value(rn)
        pos = pos_of(n)
        xt, yt = x.ty, y.ty
        assert xt is not None and yt is not None
        # the count
        if y.mode == "const":
            cnt = self.const_integer(
                rn, y, "uint", f"invalid operation: shift count {self.describe(y)} must be integer"
            )
            if cnt < 0:
                self.err(rn, f"invalid shift count {self.describe(y)}")
            # an untyped constant count becomes uint (the compiler prints `n >> uint(1)`)
            ye: ir.Expr = self.const_expr(UINT if is_untyped(yt) else yt, cnt, pos_of(rn))
        else:
            if not is_integer(yt):
                self.err(rn, f"invalid operation: shift count {self.describe(y)} must be integer")
            if y.delayed is not None:
                ye = y.delayed(UINT)
            else:
                assert y.expr is not None
                ye = y.expr
            cnt = None
        if x.mode == "const":
            xv = x.val
            if is_untyped(xt):
                try:
                    xv = C.representable(xv, UNTYPED_INT)
                except C.ConstError:
                    self.err(ln, f"invalid operation: shifted operand {self.describe(x)} must be integer")
                rt: Type = UNTYPED_INT if xt is UNTYPED_FLOAT else xt
            else:
                if not is_integer(xt):
                    self.err(ln, f"invalid operation: shifted operand {self.describe(x)} must be integer")
                rt = xt
            if y.mode == "const":
                try:
                    v = C.shift(op, int(xv), int(cnt))  # type: ignore[arg-type]
                except C.ConstError as e:
                    self.err(rn, f"invalid shift count {self.describe(y)}" if "count" in str(e) else str(e))
                if not is_untyped(rt):
                    try:
                        v = C.representable(v, rt)
                    except C.ConstError:
                        self.err(n, f"{self.src(n)} (constant {v} of type {rt}) overflows {rt}")
                return Operand("const", rt, n, val=v)
            if is_untyped(rt):
                xv_int = int(xv)

                def delayed(t: Type) -> ir.Expr:
                    if not isinstance(t, IntType):
                        self.err(ln, f"invalid operation: shifted operand {self.src(ln)} (type {t}) must be integer")
                    try:
                        cv = C.representable(xv_int, t)
                    except C.ConstError:
                        self.err(ln, f"cannot use {self.src(ln)} (untyped int constant) as {t} value in shift (overflows)")
                    return ir.Binary(t, pos, op, self.const_expr(t, cv, pos_of(ln)), ye)

                return Operand("value", UNTYPED_INT, n, delayed=delayed)
            return Operand("value", rt, n, expr=ir.Binary(rt, pos, op, self.const_expr(rt, xv, pos_of(ln)), ye))
        if x.delayed is not None:
            d = x.delayed
            return Operand("value", xt, n, delayed=lambda t: ir.Binary(t, pos, op, d(t), ye))
        if not isinstance(xt, IntType):
            self.err(ln, f"invalid operation: shifted operand {self.describe(x)} must be integer")
        assert x.expr is not None
        return Operand("value", xt, n, expr=ir.Binary(xt, pos, op, x.expr, ye))

    # ---- selectors, index, slice ----------------------------------------------------

    def selector(self, n: Node) -> Operand | tuple[Operand, FuncObj]:
        xn = n.child_by_field_name("operand")
        fn = n.child_by_field_name("field")
        if xn is None or fn is None:
            self.err(n, "syntax error: bad selector")
        name = text_of(fn)
        if xn.type == "identifier" and self.scope.lookup(text_of(xn)) is None:
            self.err(xn, f"undefined: {text_of(xn)}")
        x = self.expr(xn)
        if x.mode == "type":
            self.unsupported(n, "method expression")
        if x.mode == "builtin":
            self.err(token(n, ".") or n, f"invalid use of {x.name} (built-in) in selector expression")
        x = self.single(x)
        t = x.ty
        if is_builder(t):
            return (x, BuilderMethod(name))  # type: ignore[return-value]
        if isinstance(t, IfaceType) and x.mode != "nil":
            sig = iface_sigs(self).get(t, {}).get(name)
            if sig is not None:
                return (x, IfaceMethod(name, sig))  # type: ignore[return-value]
        base = t.elem if isinstance(t, PtrType) and isinstance(t.elem, StructType) else t
        if getattr(base, "broken", False):
            raise CascadeError(f"{base} failed", pos_of(fn), self.file)
        if isinstance(base, StructType) and x.mode != "nil":
            for i, (fname, ftype) in enumerate(base.fields):
                if fname == name and name != "_":
                    pos = pos_of(n)
                    assert x.expr is not None
                    if base is not t:
                        d = ir.Deref(base, pos_of(xn), x.expr)
                        self.implicit.add(d)
                        return Operand("var", ftype, n, expr=ir.FieldRef(ftype, pos, d, i))
                    if x.mode == "const":
                        break
                    return Operand(x.mode if x.mode == "var" else "value", ftype, n, expr=ir.FieldRef(ftype, pos, x.expr, i))
            m = self.methods.get(base, {}).get(name)
            if isinstance(m, PoisonObj):
                raise CascadeError(f"{name} failed", pos_of(fn), self.file)
            if m is not None:
                return (x, m)
        if is_defined_basic(base) and x.mode != "nil":
            m = self.methods.get(base, {}).get(name)
            if isinstance(m, PoisonObj):
                raise CascadeError(f"{name} failed", pos_of(fn), self.file)
            if m is not None:
                return (x, m)
        self.err(fn, f"{self.src(n)} undefined (type {t} has no field or method {name})")

    def e_type_assertion_expression(self, n: Node) -> Operand:
        return type_assertion(self, n)

    def multi_expr(self, n: Node, count: int) -> Operand:
        """The right side of `a, b := x`: the comma-ok form of `x.(T)`."""
        op = self.expr(n)
        ok = getattr(op, "comma_ok", None)
        return ok if ok is not None and count == 2 else op

    def e_selector_expression(self, n: Node) -> Operand:
        if (pkg := package_of(self, n)) is not None:
            c = math_const(self, n, pkg)
            if c is not None:
                return c
            self.unsupported(n, f"{self.src(n)} used as a value (call it)")
        r = self.selector(n)
        if isinstance(r, tuple):
            if isinstance(r[1], FuncObj):
                return method_value(self, n, r[0], r[1])
            self.unsupported(n, "method value of an interface or library method (call it)")
        return r

    def const_integer(self, n: Node, op: Operand, target: str, not_integer: str) -> int:
        """A constant used as an integer (shift count, index), with the
        compiler's errors: `truncated to <target>` for a non-integral number,
        `not_integer` for anything else that isn't an integer."""
        t = op.ty
        try:
            v = C.representable(op.val, UNTYPED_INT) if is_untyped(t) else op.val
        except C.ConstError:
            if is_numeric(t):
                self.err(n, f"{self.describe(op)} truncated to {target}")
            self.err(n, not_integer)
        if not is_integer(t) and not is_untyped(t):
            self.err(n, not_integer)
        return v

    def index_value(self, n: Node, length: int | None) -> tuple[ir.Expr, int | None]:
        i = self.value(n)
        it = i.ty
        assert it is not None
        if i.mode == "const":
            v = self.const_integer(
                n, i, "int", f"invalid argument: index {self.describe(i)} must be integer"
            )
            if v < 0:
                self.err(n, f"invalid argument: index {self.describe(i)} must not be negative")
            if length is not None and v >= length:
                self.err(n, f"invalid argument: index {self.src(n)} out of bounds [0:{length}]")
            t = INT if is_untyped(it) else it
            return self.const_expr(t, v, pos_of(n)), v
        if not is_integer(it):
            self.err(n, f"invalid argument: index {self.describe(i)} must be integer")
        if i.delayed is not None:
            return i.delayed(INT), None
        assert i.expr is not None
        return i.expr, None

    def e_index_expression(self, n: Node) -> Operand:
        xn = n.child_by_field_name("operand")
        ixn = n.child_by_field_name("index")
        if xn is None or ixn is None:
            self.err(n, "syntax error: bad index expression")
        x = self.expr(xn)
        if x.mode == "type" or (x.mode == "value" and x.func is not None):
            self.unsupported(n, "generics")
        bracket = token(n, "[") or n
        if x.mode == "builtin":
            self.err(bracket, f"cannot index {x.name} (built-in)")
        x = self.single(x)
        t = x.ty
        pos = pos_of(n)
        if x.mode == "const" and isinstance(x.val, str):
            s = C.str_to_bytes(x.val)
            ie, iv = self.index_value(ixn, len(s))
            if iv is not None:
                # indexing a constant string yields a (non-constant) byte value
                return Operand("value", BYTE, n, expr=self.const_expr(BYTE, s[iv], pos))
            xe = self.rvalue(x)
            return Operand("value", BYTE, n, expr=ir.IndexRef(BYTE, pos, xe, ie))
        if isinstance(t, PtrType) and isinstance(t.elem, ArrayType):
            assert x.expr is not None
            d = ir.Deref(t.elem, pos_of(xn), x.expr)
            self.implicit.add(d)
            ie, _ = self.index_value(ixn, t.elem.length)
            return Operand("var", t.elem.elem, n, expr=ir.IndexRef(t.elem.elem, pos, d, ie))
        if isinstance(t, ArrayType):
            assert x.expr is not None
            ie, _ = self.index_value(ixn, t.length)
            mode = "var" if x.mode == "var" else "value"
            return Operand(mode, t.elem, n, expr=ir.IndexRef(t.elem, pos, x.expr, ie))
        if isinstance(t, SliceType):
            assert x.expr is not None
            ie, _ = self.index_value(ixn, None)
            return Operand("var", t.elem, n, expr=ir.IndexRef(t.elem, pos, x.expr, ie))
        if isinstance(t, StringType):
            assert x.expr is not None
            ie, _ = self.index_value(ixn, None)
            return Operand("value", BYTE, n, expr=ir.IndexRef(BYTE, pos, x.expr, ie))
        if isinstance(t, MapType):
            return map_index(self, n, x, ixn)
        self.err(bracket, f"cannot index {self.describe(x)}")

    def e_slice_expression(self, n: Node) -> Operand:
        xn = n.child_by_field_name("operand")
        if xn is None:
            self.err(n, "syntax error: bad slice expression")
        x = self.single(self.expr(xn))
        t = x.ty
        pos = pos_of(n)
        length: int | None = None
        if x.mode == "const" and isinstance(x.val, str):
            length = len(C.str_to_bytes(x.val))
            base = self.rvalue(x)
            rt: Type = GO_STRING if is_untyped(t) else t  # type: ignore[assignment]
        elif isinstance(t, PtrType) and isinstance(t.elem, ArrayType):
            assert x.expr is not None
            base = ir.Deref(t.elem, pos_of(xn), x.expr)
            self.implicit.add(base)
            length = t.elem.length
            rt = SliceType(t.elem.elem)
        elif isinstance(t, ArrayType):
            if x.mode != "var":
                self.err(n, f"invalid operation: {self.src(xn)} (slice of unaddressable value)")
            assert x.expr is not None
            base = x.expr
            self.mark_addr_taken(base)
            length = t.length
            rt = SliceType(t.elem)
        elif isinstance(t, SliceType):
            assert x.expr is not None
            base, rt = x.expr, t
        elif isinstance(t, StringType):
            assert x.expr is not None
            base, rt = x.expr, t
        else:
            self.err(n, f"cannot slice {self.describe(x)}")
        lo = hi = None
        lov = hiv = None
        cap_bound = length + 1 if length is not None else None
        if (ln := n.child_by_field_name("start")) is not None:
            lo, lov = self.index_value(ln, cap_bound)
        if (hn := n.child_by_field_name("end")) is not None:
            hi, hiv = self.index_value(hn, cap_bound)
        if lov is not None and hiv is not None and lov > hiv:
            self.err(hn, f"invalid slice indices: {hiv} < {lov}")
        mx = None
        if (cn := n.child_by_field_name("capacity")) is not None:
            if isinstance(t, StringType) or (x.mode == "const" and isinstance(x.val, str)):
                self.err(n, f"invalid operation: 3-index slice of string")
            if hn is None:
                self.err(n, "middle index required in 3-index slice")
            mx, mxv = self.index_value(cn, cap_bound)
            if mxv is not None and hiv is not None and hiv > mxv:
                self.err(cn, f"invalid slice indices: {mxv} < {hiv}")
        return Operand("value", rt, n, expr=ir.SliceExpr(rt, pos, base, lo, hi, mx))

    # ---- calls ------------------------------------------------------------------------

    def e_call_expression(self, n: Node) -> Operand:
        fn = n.child_by_field_name("function")
        an = n.child_by_field_name("arguments")
        if fn is None or an is None:
            self.err(n, "syntax error: bad call")
        if n.child_by_field_name("type_arguments") is not None:
            self.unsupported(n, "generics")
        if fn.type == "selector_expression" and (pkg := package_of(self, fn)) is not None:
            return std_call(self, n, pkg, fn, an)
        if fn.type == "selector_expression":
            r = self.selector(fn)
            if isinstance(r, tuple) and isinstance(r[1], BuilderMethod):
                return builder_call(self, n, fn, r[0], r[1], an)
            if isinstance(r, tuple) and isinstance(r[1], IfaceMethod):
                return iface_call(self, n, fn, r[0], r[1], an)
            if isinstance(r, tuple):
                return self.method_call(n, fn, r[0], r[1], an)
            f = r
        else:
            f = self.expr(fn)
        if f.mode == "type":
            assert f.ty is not None
            return self.conversion(n, f.ty, an)
        if f.mode == "builtin":
            return self.builtin(n, f.name, an)
        f = self.single(f)
        if not isinstance(f.ty, FuncType):
            self.err(n, f"invalid operation: cannot call {self.describe(f)}: {f.ty} is not a function")
        sig = f.ty
        args = self.call_args(n, an, list(sig.params), self.src(fn), sig.variadic)
        rt, mode = self.result_type(sig.results)
        pos = pos_of(n)
        if f.func is not None:
            e: ir.Expr = ir.Call(rt, pos, f.func, args)
        else:
            assert f.expr is not None
            e = ir.CallValue(rt, pos, f.expr, args)
        return Operand(mode, rt, n, expr=e)

    @staticmethod
    def result_type(results: tuple[Type, ...] | list[Type]) -> tuple[Type, str]:
        if not results:
            return UNIT, "novalue"
        if len(results) == 1:
            return results[0], "value"
        return go_tuple(list(results)), "tuple"

    def arg_nodes(self, an: Node) -> list[Node]:
        return kids(an)

    def call_args(self, call: Node, an: Node, params: list[Type], fname: str,
                  variadic: bool = False) -> list[ir.Expr]:
        nodes = self.arg_nodes(an)
        if variadic:
            return variadic_args(self, call, an, nodes, params, fname)
        for a in nodes:
            if a.type == "variadic_argument":
                self.err(a, f"have (...) but function is not variadic: cannot use ... in call to non-variadic {fname}")
        ops = [self.expr(a) for a in nodes]
        if len(ops) == 1 and ops[0].mode == "tuple":
            if len(params) > 1:
                self.unsupported(nodes[0], "multi-value call used as arguments")
        ops = [self.single(o) for o in ops]
        if len(ops) < len(params):
            at = nodes[-1] if nodes else (token(an, ")") or an)
            self.err(at, f"not enough arguments in call to {fname}")
        if len(ops) > len(params):
            self.err(nodes[len(params)], f"too many arguments in call to {fname}")
        return [self.assignable(o, p, f"argument to {fname}") for o, p in zip(ops, params)]

    def method_call(self, n: Node, sel: Node, x: Operand, m: FuncObj, an: Node) -> Operand:
        f = m.func
        recv_t = f.params[0].ty
        xpos = pos_of(x.node)
        assert x.expr is not None and x.ty is not None
        if isinstance(recv_t, PtrType):
            if isinstance(x.ty, PtrType):
                recv: ir.Expr = x.expr
            else:
                if x.mode != "var":
                    fnode = sel.child_by_field_name("field")
                    assert fnode is not None
                    self.err(fnode, f"cannot call pointer method {text_of(fnode)} on {x.ty}")
                recv = ir.AddrOf(recv_t, xpos, x.expr)
                self.implicit.add(recv)
                self.mark_addr_taken(x.expr)
        else:
            if isinstance(x.ty, PtrType):
                recv = ir.Deref(recv_t, xpos, x.expr)
                self.implicit.add(recv)
            else:
                recv = x.expr
        assert isinstance(m.sig, FuncType)
        args = self.call_args(n, an, list(m.sig.params), self.src(sel), m.sig.variadic)
        rt, mode = self.result_type(m.sig.results)
        return Operand(mode, rt, n, expr=ir.Call(rt, pos_of(n), f, [recv] + args))

    def e_type_conversion_expression(self, n: Node) -> Operand:
        tn = n.child_by_field_name("type")
        xn = n.child_by_field_name("operand")
        if tn is None or xn is None:
            self.err(n, "syntax error: bad conversion")
        if token(n, "...") is not None or token(n, ",") is not None:
            self.err(n, f"too many arguments in conversion to {self.src(tn)}")
        t = self.resolve_type(tn)
        return self.convert(n, t, xn)

    def conversion(self, n: Node, t: Type, an: Node) -> Operand:
        nodes = self.arg_nodes(an)
        if len(nodes) != 1 or nodes[0].type == "variadic_argument":
            if not nodes:
                self.err(n, f"missing argument in conversion to {t}")
            self.err(nodes[-1], f"too many arguments in conversion to {t}")
        return self.convert(n, t, nodes[0])

    def convert(self, n: Node, t: Type, xn: Node) -> Operand:
        x = self.value(xn)
        pos = pos_of(n)
        xt = x.ty
        assert xt is not None
        if x.mode == "nil":
            if nilable(t):
                return Operand("value", t, n, expr=ir.Const(t, pos, None))
            self.err(xn, f"cannot convert nil to type {t}")
        if x.mode == "const" and _basic(t):
            v = x.val
            if isinstance(t, StringType) and is_integer(xt):
                r = int(v)
                ok = 0 <= r <= 0x10FFFF and not 0xD800 <= r < 0xE000
                return Operand("const", t, n, val=chr(r) if ok else "\ufffd")
            try:
                if isinstance(t, (IntType, FloatType)) and not is_numeric(xt):
                    raise C.ConstError("mismatched")
                if isinstance(t, IntType) and is_float(xt):
                    v = C.representable(v, t)  # must be exact
                else:
                    v = C.representable(v, t)
            except C.ConstError as e:
                if str(e) == "overflows":
                    self.err(xn, f"constant {C.value_text(x.val)} overflows {t}")
                self.err(xn, f"cannot convert {self.describe(x)} to type {t}")
            return Operand("const", t, n, val=v)
        if x.delayed is not None:
            xe = x.delayed(t if isinstance(t, IntType) else INT)
            xt = xe.ty
        else:
            xe = self.rvalue(x)
            xt = xe.ty
        if identical(xt, t):
            if isinstance(t, (IntType, FloatType, BoolType, StringType, PtrType)):
                c = ir.Convert(t, pos, xe)
                return Operand("value", t, n, expr=c)
            return Operand("value", t, n, expr=xe)
        if is_numeric(xt) and is_numeric(t):
            return Operand("value", t, n, expr=ir.Convert(t, pos, xe))
        if isinstance(t, StringType) and (is_integer(xt) or is_byte_slice(xt)):
            sc = ir.StrConvert(t, pos, self.site(syn_pos(xn), "convert", ""), xe)
            sc.site.text = self.text(sc)
            return Operand("value", t, n, expr=sc)
        if is_byte_slice(t) and isinstance(xt, StringType):
            sc = ir.StrConvert(t, pos, self.site(syn_pos(xn), "convert", ""), xe)
            sc.site.text = self.text(sc)
            return Operand("value", t, n, expr=sc)
        if (isinstance(t, SliceType) and isinstance(xt, StringType) and identical(t.elem, RUNE)) or (
            isinstance(t, StringType) and isinstance(xt, SliceType) and identical(xt.elem, RUNE)
        ):
            self.unsupported(n, f"conversion from {xt} to {t}")
        self.err(xn, f"cannot convert {self.describe(x)} to type {t}")

    # ---- builtins -----------------------------------------------------------------------

    def builtin(self, n: Node, name: str, an: Node) -> Operand:
        nodes = self.arg_nodes(an)
        pos = pos_of(n)
        call_pos = syn_pos(n)
        spread = bool(nodes) and nodes[-1].type == "variadic_argument"
        if spread and name != "append":
            self.err(nodes[-1], f"invalid operation: invalid use of ... with built-in {name}")

        def nargs(lo: int, hi: int) -> None:
            if len(nodes) < lo:
                self.err(n, f"invalid operation: not enough arguments for {self.src(n)} (expected {lo}, found {len(nodes)})")
            if len(nodes) > hi:
                self.err(n, f"invalid operation: too many arguments for {self.src(n)} (expected {hi}, found {len(nodes)})")

        if name in ("len", "cap"):
            nargs(1, 1)
            x = self.value(nodes[0])
            t = x.ty
            if name == "len" and x.mode == "const" and isinstance(x.val, str):
                return Operand("const", INT, n, val=len(C.str_to_bytes(x.val)))
            arr = t.elem if isinstance(t, PtrType) and isinstance(t.elem, ArrayType) else t
            if isinstance(arr, ArrayType):
                assert x.expr is not None
                if not self.has_call(x.expr):
                    return Operand("const", INT, n, val=arr.length)
            if name == "len" and isinstance(t, MapType):
                return map_len(n, self.rvalue(x))
            ok = isinstance(t, SliceType) or isinstance(arr, ArrayType) or (name == "len" and isinstance(t, StringType))
            if not ok:
                self.err(nodes[0], f"invalid argument: {self.describe(x)} for built-in {name}")
            xe = self.rvalue(x)
            e = ir.Len(INT, pos, xe) if name == "len" else ir.Cap(INT, pos, xe)
            return Operand("value", INT, n, expr=e)
        if name == "append":
            if not nodes:
                self.err(token(an, ")") or an, "not enough arguments for append() (expected 1, found 0)")
            s = self.value(nodes[0])
            if s.mode == "nil":
                self.err(nodes[0], "invalid argument: nil (untyped nil) is not a slice")
            st = s.ty
            if not isinstance(st, SliceType):
                self.err(nodes[0], f"invalid argument: {self.describe(s)} is not a slice")
            assert s.expr is not None
            site = self.site(call_pos, "append", "append")
            if spread:
                if len(nodes) != 2:
                    self.err(nodes[-1], "can only use ... with final argument in list")
                inner = kids(nodes[1])
                an2 = self.value(inner[0]) if inner else self.err(nodes[1], "syntax error")
                at = an2.ty
                if an2.mode == "nil":
                    arg = ir.Const(st, pos_of(an2.node), None)
                elif is_byte_slice(st) and is_string(at):
                    arg = self.rvalue(an2)
                elif isinstance(at, SliceType) and identical(at, st):
                    assert an2.expr is not None
                    arg = an2.expr
                else:
                    self.err(inner[0], f"cannot use {self.describe(an2)} as {st} value in argument to append")
                e = ir.Append(st, pos, site, s.expr, [arg], spread=True)
                return Operand("value", st, n, expr=e)
            args = [self.assignable(self.value(a), st.elem, "argument to append") for a in nodes[1:]]
            e = ir.Append(st, pos, site, s.expr, args)
            return Operand("value", st, n, expr=e)
        if name == "copy":
            nargs(2, 2)
            d = self.value(nodes[0])
            s2 = self.value(nodes[1])
            if not isinstance(d.ty, SliceType):
                self.err(nodes[0], f"invalid copy: argument must be a slice; have {self.describe(d)}")
            if is_byte_slice(d.ty) and is_string(s2.ty):
                se = self.rvalue(s2)
            elif isinstance(s2.ty, SliceType) and identical(s2.ty, d.ty):
                assert s2.expr is not None
                se = s2.expr
            else:
                se_t = s2.ty.elem if isinstance(s2.ty, SliceType) else (BYTE if is_string(s2.ty) else s2.ty)
                self.err(nodes[0], f"invalid copy: arguments {self.describe(d)} and {self.describe(s2)} have different element types {d.ty.elem} and {se_t}")
            assert d.expr is not None
            return Operand("value", INT, n, expr=ir.CopySlice(INT, pos, d.expr, se))
        if name == "make":
            if not nodes:
                self.err(token(an, ")") or an, "not enough arguments for make() (expected 1, found 0)")
            t = self.resolve_type(nodes[0])
            if isinstance(t, MapType):
                return make_map(self, n, t, nodes)
            if not isinstance(t, SliceType):
                self.err(nodes[0], f"invalid argument: cannot make {self.src(nodes[0])}; type must be slice, map, or channel")
            if len(nodes) < 2:
                self.err(n, f"invalid operation: {self.src(n)} expects 2 or 3 arguments; found {len(nodes)}")
            if len(nodes) > 3:
                self.err(n, f"invalid operation: {self.src(n)} expects 2 or 3 arguments; found {len(nodes)}")
            length, lv = self.size_arg(nodes[1])
            cap = cv = None
            if len(nodes) == 3:
                cap, cv = self.size_arg(nodes[2])
                if lv is not None and cv is not None and lv > cv:
                    self.err(nodes[1], f"invalid argument: length and capacity swapped")
            ms = ir.MakeSlice(t, pos, self.site(call_pos, "make", ""), length, cap)
            ms.site.text = self.text(ms)
            return Operand("value", t, n, expr=ms)
        if name == "delete":
            return map_delete(self, n, nodes)
        if name == "new":
            nargs(1, 1)
            t = self.resolve_type(nodes[0])
            a = ir.Alloc(PtrType(t), pos, self.site(call_pos, "new", f"new({t})"), None)
            return Operand("value", a.ty, n, expr=a)
        if name == "println":
            args = []
            for a in nodes:
                o = self.expr(a)
                if o.mode == "tuple" and len(nodes) == 1:
                    self.unsupported(a, "multi-value call used as arguments")
                o = self.single(o)
                if o.mode == "nil":
                    self.err(a, "use of untyped nil in argument to built-in println")
                if isinstance(o.ty, (StructType, ArrayType)):
                    # the runtime's print has no code for aggregates (walk/builtin.go)
                    self.err(call_pos, "illegal types for operand: println")
                args.append(self.rvalue(o))
            return Operand("novalue", UNIT, n, stmt=ir.Print(pos, args))
        self.unsupported(n, f"built-in {name}")

    def size_arg(self, n: Node) -> tuple[ir.Expr, int | None]:
        o = self.value(n)
        t = o.ty
        assert t is not None
        if o.mode == "const":
            try:
                v = C.representable(o.val, INT)
            except C.ConstError:
                if is_numeric(t):
                    self.err(n, f"{self.describe(o)} truncated to int")
                self.err(n, f"cannot convert {self.describe(o)} to type int")
            if v < 0:
                self.err(n, f"invalid argument: index {self.describe(o)} must not be negative")
            ct = INT if is_untyped(t) else t
            if not isinstance(ct, IntType):
                self.err(n, f"cannot convert {self.describe(o)} to type int")
            return self.const_expr(ct, v, pos_of(n)), v
        if not is_integer(t):
            self.err(n, f"cannot convert {self.describe(o)} to type int")
        if o.delayed is not None:
            return o.delayed(INT), None
        assert o.expr is not None
        return o.expr, None

    @staticmethod
    def has_call(e: ir.Expr) -> bool:
        stack: list[Any] = [e]
        while stack:
            x = stack.pop()
            if isinstance(x, (ir.Call, ir.CallValue)):
                return True
            if isinstance(x, ir.Expr):
                for k, v in vars(x).items():
                    if k in ("ty", "pos", "site", "func", "var"):
                        continue
                    if isinstance(v, ir.Expr):
                        stack.append(v)
                    elif isinstance(v, list):
                        stack.extend(i for i in v if isinstance(i, ir.Expr))
        return False

    # ---- composite literals ------------------------------------------------------------

    def e_composite_literal(self, n: Node) -> Operand:
        return self.composite_literal(n)

    def composite_literal(self, n: Node) -> Operand:
        tn = n.child_by_field_name("type")
        body = n.child_by_field_name("body")
        if tn is None or body is None:
            self.err(n, "syntax error: bad composite literal")
        if tn.type == "implicit_length_array_type":
            elem = self.resolve_type(tn.child_by_field_name("element"))  # type: ignore[arg-type]
            length = self.implicit_length(body)
            t: Type = ArrayType(elem, length)
        else:
            if tn.type == "generic_type":
                self.unsupported(tn, "generics")
            t = self.resolve_type(tn)
        return self.literal_body(body, t, n)

    def implicit_length(self, body: Node) -> int:
        idx = 0
        mx = 0
        for el in kids(body):
            if el.type == "keyed_element":
                kn = el.child_by_field_name("key")
                k = self.const_index(kids(kn)[0] if kn is not None and kids(kn) else el)
                idx = k
            idx += 1
            mx = max(mx, idx)
        return mx

    def const_index(self, n: Node) -> int:
        o = self.value(n)
        if o.mode != "const":
            self.err(n, f"index {self.src(n)} must be integer constant")
        try:
            v = C.representable(o.val, UNTYPED_INT)
        except C.ConstError:
            self.err(n, f"index {self.src(n)} must be integer constant")
        if v < 0:
            self.err(n, f"index {self.describe(o)} must not be negative")
        return int(v)

    def element(self, el: Node, t: Type) -> ir.Expr:
        """An element of a composite literal (a literal_element node) of type t."""
        k = kids(el)
        if not k:
            self.err(el, "syntax error: missing element")
        inner = k[0]
        if inner.type == "literal_value":
            # elided type: T{...} or, for *T elements, &T{...}
            if isinstance(t, PtrType):
                lit = self.literal_body(inner, t.elem, inner)
                assert lit.expr is not None
                text = "&" + self.overrides.get(lit.expr, f"{t.elem}{{...}}")
                site = self.site(pos_of(inner), "addr_lit", text)
                return ir.Alloc(t, pos_of(inner), site, lit.expr)
            lit = self.literal_body(inner, t, inner)
            assert lit.expr is not None
            return lit.expr
        return self.assignable(self.value(inner), t, "array or slice literal")

    def literal_body(self, body: Node, t: Type, n: Node) -> Operand:
        pos = pos_of(n)
        elements = [e for e in kids(body) if e.type in ("literal_element", "keyed_element")]
        for e in kids(body):
            if e.type not in ("literal_element", "keyed_element"):
                self.err(e, f"syntax error: unexpected {e.type} in composite literal")
        lit_text = f"{t}{{{'...' if elements else ''}}}"
        if getattr(t, "broken", False):
            raise CascadeError(f"{t} failed", pos, self.file)
        if isinstance(t, StructType):
            vals: list[ir.Expr | None] = [None] * len(t.fields)
            keyed = [e.type == "keyed_element" for e in elements]
            if any(keyed) and not all(keyed):
                self.err(body, "mixture of field:value and value elements in struct literal")
            if elements and all(keyed):
                for e in elements:
                    kn = e.child_by_field_name("key")
                    vn = e.child_by_field_name("value")
                    kk = kids(kn) if kn is not None else []
                    if not kk or kk[0].type not in ("identifier", "field_identifier") or vn is None:
                        self.err(e, f"invalid field name {self.src(kn) if kn is not None else ''} in struct literal")
                    fname = text_of(kk[0])
                    try:
                        i = t.field_index(fname)
                    except KeyError:
                        self.err(kk[0], f"unknown field {fname} in struct literal of type {t}")
                    if vals[i] is not None:
                        self.err(kk[0], f"duplicate field name {fname} in struct literal")
                    vals[i] = self.element_ctx(vn, t.fields[i][1], "struct literal")
            elif elements:
                for i, e in enumerate(elements):
                    if i >= len(t.fields):
                        self.err(e, f"too many values in struct literal of type {t}")
                    vals[i] = self.element_ctx(e, t.fields[i][1], "struct literal")
                if len(elements) < len(t.fields):
                    self.err(body.children[-1] if body.children else body, f"too few values in struct literal of type {t}")
            elems = [v if v is not None else ir.Zero(ft, pos) for v, (_, ft) in zip(vals, t.fields)]
            lit = ir.CompositeLit(t, pos, elems)
            self.overrides[lit] = lit_text
            return Operand("value", t, n, expr=lit)
        if isinstance(t, (ArrayType, SliceType)):
            length = t.length if isinstance(t, ArrayType) else None
            items: dict[int, ir.Expr] = {}
            idx = 0
            for e in elements:
                if e.type == "keyed_element":
                    kn = e.child_by_field_name("key")
                    vn = e.child_by_field_name("value")
                    kk = kids(kn) if kn is not None else []
                    if not kk or vn is None:
                        self.err(e, "syntax error: bad keyed element")
                    idx = self.const_index(kk[0])
                    at: Node = kk[0]
                    vnode = vn
                else:
                    at = e
                    vnode = e
                if length is not None and idx >= length:
                    self.err(at, f"index {idx} is out of bounds (>= {length})")
                if idx in items:
                    self.err(at, f"duplicate index {idx} in array or slice literal")
                items[idx] = self.element_ctx(vnode, t.elem, "array or slice literal")
                idx += 1
            n_elems = length if length is not None else (max(items) + 1 if items else 0)
            if n_elems > 10_000_000:
                self.unsupported(body, "composite literal too large")
            if isinstance(t, ArrayType) and not items:
                z = ir.Zero(t, pos)
                self.overrides[z] = lit_text
                return Operand("value", t, n, expr=z)
            elems2 = [items.get(i) or ir.Zero(t.elem, pos) for i in range(n_elems)]
            if isinstance(t, ArrayType):
                lit = ir.CompositeLit(t, pos, elems2)
                self.overrides[lit] = lit_text
                return Operand("value", t, n, expr=lit)
            site = self.site(pos_of(body), "slice_lit", lit_text)
            sl = ir.SliceLit(t, pos, site, elems2)
            return Operand("value", t, n, expr=sl)
        if isinstance(t, MapType):
            return map_literal(self, body, t, n, elements, lit_text)
        if isinstance(t, PtrType):
            self.err(n, f"invalid composite literal type {t}")
        self.err(n, f"invalid composite literal type {t}")

    def element_ctx(self, el: Node, t: Type, context: str) -> ir.Expr:
        k = kids(el) if el.type == "literal_element" else [el]
        if not k:
            self.err(el, "syntax error: missing element")
        inner = k[0]
        if inner.type == "literal_value":
            return self.element(el, t)
        return self.assignable(self.value(inner), t, context)

    # ---- function literals ---------------------------------------------------------------

    def e_func_literal(self, n: Node) -> Operand:
        return self.func_literal(n)

    def func_literal(self, n: Node) -> Operand:
        raise NotImplementedError  # statements module
