"""Expressions: literals, paths, operators, references, casts, fields, indexing, aggregates."""

from __future__ import annotations

from ..types import (
    ArrayType, BoolType, CharType, IntType, OptionType, PtrType, SliceType, StringType,
    StructType, TupleType, Type, UnitType,
)
from . import ast as A
from .typeck_std import seq_eq_ok
from .rtypes import (
    BOOL, CHAR, FLOAT64, RUST_INTS, RUST_STR, STRING, UNIT, USIZE, IterT, NeverT, RangeT, TVar,
    TypeMismatch, find, is_float, is_int, is_numeric, resolve, strip_refs, unify,
)
from .typeck_common import Binding, Pos, _VERB, _plain_eq


class ExprCheck:
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
        if len(segs) != 1 or self.lookup(segs[0]) is None:
            vt = self.variant_value(e, segs)
            if vt is not None:
                return vt
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
        ut = self.user_binary(e, lt)  # `impl Add`/`impl PartialEq` (ops_impl.py)
        if ut is not None:
            return ut
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
            if op in ("==", "!=") and seq_eq_ok(fb):
                e.seq_eq = True  # type: ignore[attr-defined]  (Vec/slice PartialEq: lower_expr.py)
                return BOOL
            if not (is_numeric(fb) or isinstance(fb, (BoolType, CharType, UnitType)) or
                    isinstance(fb, TVar)):
                derived_eq = isinstance(fb, StructType) and "PartialEq" in getattr(fb, "derives", ())
                if (isinstance(fb, (OptionType, TupleType)) or derived_eq) and op in ("==", "!="):
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
            ut = self.user_deref_type(e, ft)  # `impl Deref` (deref.py)
            if ut is not None:
                return ut
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
        for k, t in enumerate(self.autoderef(bt)):
            if isinstance(t, StringType) or (isinstance(t, SliceType) and t.flavor == "string"):
                # `&s[a..b]` on a String or &str: a &str (checked at char boundaries)
                ix.derefs = k  # type: ignore[attr-defined]
                ix.str_slice = "string" if isinstance(t, SliceType) else "str"  # type: ignore[attr-defined]
                ix.slice = True  # type: ignore[attr-defined]
                r = ix.index
                assert isinstance(r, A.Range)
                for b in (r.lo, r.hi):
                    if b is not None:
                        self.unify(USIZE, self.check(b, USIZE), b.pos)
                self.typed(r, RangeT(USIZE, r.inclusive))
                self.typed(ix, RUST_STR)
                return RUST_STR
            if not (isinstance(t, PtrType) and t.flavor in ("ref", "mut", "box")):
                break
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
            if isinstance(cur, PtrType) and cur.flavor != "weak":
                out.append(find(cur.elem))
            elif getattr(cur, "deref_impl", False):  # through the user's `impl Deref` (deref.py)
                out.append(find(cur.deref_target))  # type: ignore[attr-defined]
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
        mt = self.map_index(e, bt)
        if mt is not None:
            return mt
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
        inst = self.template_lit(e, expected)  # `Point { x: 1, y: 2 }` of `struct Point<T>`
        if inst is not None:
            return inst
        name = e.name
        vt = self.variant_lit(e)
        if vt is not None:
            return vt
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
        if e.base is not None:
            self.expect(e.base, st)
            missing = []
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
