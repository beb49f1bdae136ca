"""`impl fmt::Display for T`, `write!`/`writeln!` into the Formatter, `?` on
`fmt::Result`, `f.write_str`, and `to_string()` through Display.

A user `fmt` is a real function the simulator runs: `{}` of a value whose
type implements Display calls it with `&value` and a Formatter, and every
`write!` in it sends its pieces to that Formatter one `write_str` at a time
(sim/rust/display.py), which is what `format!`'s String grows by. The
Formatter is a sink (the formatter's `buf`): `&mut fmt::Formatter` holds it.
`to_string()` is std's blanket `ToString`: `String::new()`, then the same
writes (library/alloc/src/string.rs, `SpecToString` for `T: Display`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ir
from ..types import BoolType, FuncType, OptionType, PtrType, StructType, Type, ZeroSized
from . import ast as A
from .fmtspec import Hole
from .rtypes import RUST_STR, STRING, UNIT, find, strip_refs
from .lower_common import _is_place_expr
from .result import result_of

#: the traits `impl X for T` names that are Display
DISPLAY_NAMES = {"Display", "fmt::Display", "std::fmt::Display"}

TO_STRING_REASON = ("to_string through Display starts from String::new() and grows the String "
                    "as each piece is written (amortized doubling from 8 bytes)")


@dataclass(frozen=True, eq=True)
class FormatterType(ZeroSized):
    """`fmt::Formatter<'_>`, only ever seen behind `&mut`: that pointer's cell
    holds the sink the writes go to."""

    name: str = "Formatter<'_>"


@dataclass(frozen=True, eq=True)
class FmtResultType(BoolType):
    """`fmt::Result` (`Result<(), fmt::Error>`, one byte): always Ok here
    (writes into a String or stdout's buffer do not fail)."""

    name: str = "fmt::Result"


FORMATTER = FormatterType()
FMT_RESULT = FmtResultType()


def display_impl(t: Type) -> bool:
    return isinstance(t, StructType) and getattr(t, "display_impl", False)


def is_formatter(t: Type) -> bool:
    t = find(t)
    return isinstance(t, PtrType) and isinstance(find(t.elem), FormatterType)


class DisplayCheck:
    def display_type(self, name: str, args: list[A.TypeExpr]) -> Type | None:
        """`fmt::Formatter` and `fmt::Result` as written in a signature."""
        if name == "Formatter" and not args:
            return FORMATTER
        if name == "Result" and not args:
            return FMT_RESULT
        return None

    def check_display_impl(self, imp: A.ImplDecl) -> None:
        st = self.structs[imp.type_name]  # type: ignore[attr-defined]
        for m in imp.methods:
            if m.name != "fmt":
                self.fail(f"method `{m.name}` is not a member of trait `Display`", m.name_pos)  # type: ignore
        if not imp.methods:
            self.fail("not all trait items implemented, missing: `fmt`", imp.pos)  # type: ignore
        m = imp.methods[0]
        if m.self_kind != "&self" or len(m.params) != 1:
            self.fail("method `fmt` has an incompatible type for trait: expected "  # type: ignore
                      "`fn(&T, &mut Formatter<'_>) -> Result<(), std::fmt::Error>`", m.pos)
        st.display_impl = True

    def c_WriteMacro(self, e: A.WriteMacro, expected: Type | None) -> Type:
        dt = self.check(e.dest, None)  # type: ignore[attr-defined]
        if not is_formatter(dt):
            self.unsupported(f"write! into a `{dt}` (only into a `&mut fmt::Formatter`)",  # type: ignore
                             e.dest.pos)
        for a in e.args:
            self.check(a, None)  # type: ignore[attr-defined]
        return FMT_RESULT

    def c_Try(self, e: A.Try, expected: Type | None) -> Type:
        if result_of(self.fn.ret) is not None:  # type: ignore[attr-defined]
            return self.try_result(e, expected)  # type: ignore[attr-defined]  # (result.py)
        if isinstance(find(self.fn.ret), OptionType):  # type: ignore[attr-defined]
            return self.try_option(e, expected)  # type: ignore[attr-defined]  # (result.py)
        t = self.check(e.x, None)  # type: ignore[attr-defined]
        if not isinstance(find(t), FmtResultType):
            self.unsupported("the ? operator", e.pos)  # type: ignore[attr-defined]
        if not isinstance(find(self.fn.ret), FmtResultType):  # type: ignore[attr-defined]
            self.fail("the `?` operator can only be used in a function that returns `Result`",  # type: ignore
                      e.pos)
        return UNIT

    def fmt_ok(self, e: A.Call, expected: Type | None) -> Type | None:
        """`Ok(())` where a `fmt::Result` is expected."""
        f = e.func
        if not (isinstance(f, A.Path) and f.segments == ["Ok"] and expected is not None
                and isinstance(find(expected), FmtResultType) and len(e.args) == 1):
            return None
        self.expect(e.args[0], UNIT)  # type: ignore[attr-defined]
        e.callee = ("builtin", "fmt_ok")  # type: ignore[attr-defined]
        return FMT_RESULT

    def display_method(self, e: A.MethodCall, t: Type, k: int, name: str) -> Type | None:
        if isinstance(t, FormatterType) and name == "write_str":
            return self.builtin_method(e, t, k, "value", "fmt_write_str", [RUST_STR], FMT_RESULT)  # type: ignore
        if display_impl(t) and name == "to_string" and (t.name, name) not in self.methods:  # type: ignore
            return self.builtin_method(e, t, k, "ref", "display_to_string", [], STRING)  # type: ignore
        return None


class DisplayLower:
    def v_WriteMacro(self, e: A.WriteMacro) -> ir.Expr:
        dest = self.value(e.dest)  # type: ignore[attr-defined]
        args = self.fmt_args(e.pieces, e.args, True)  # type: ignore[attr-defined]
        return ir.Intrinsic(FMT_RESULT, e.pos, "fmt_write", [dest] + args, extra=list(e.pieces))

    def v_Try(self, e: A.Try) -> ir.Expr:
        d = self.desugared(e)  # type: ignore[attr-defined]  # (result.py)
        if d is not None:
            return d
        return ir.Intrinsic(UNIT, e.pos, "fmt_try", [self.value(e.x)])  # type: ignore[attr-defined]

    def user_display_arg(self, piece: str, a: A.Expr) -> ir.Expr | None:
        """`{}` of a user Display type: the value's text, written by its `fmt`."""
        base, n = strip_refs(a.ty)
        if not display_impl(base) or getattr(piece, "kind", "") != "":
            return None
        if not getattr(piece, "plain", True):
            self.fail(f"unsupported: a format spec on `{{}}` of `{a.ty}` (a user Display)", a.pos)  # type: ignore
        if n == 0:
            pl = self.place(a) if _is_place_expr(a) else self.temp_place(a)  # type: ignore[attr-defined]
            if _is_place_expr(a):
                self.check_usable(pl.path, a.pos, "borrow", pl.desc)  # type: ignore[attr-defined]
            ptr: ir.Expr = ir.AddrOf(PtrType(base, "ref"), a.pos, pl.ir)
        else:
            ptr = self.value(a)  # type: ignore[attr-defined]
            t = find(a.ty)
            for _ in range(n - 1):
                assert isinstance(t, PtrType)
                t = find(t.elem)
                ptr = ir.Deref(t, a.pos, ptr)
        return self.display_text(base, ptr, a.pos)

    def display_text(self, st: StructType, ptr: ir.Expr, pos: A.Pos) -> ir.Expr:
        info = self.cl.ck.methods[(st.name, "fmt")]  # type: ignore[attr-defined]
        f_ir = self.cl.info_func[id(info)]  # type: ignore[attr-defined]
        fref = ir.FuncRef(FuncType((), ()), pos, f_ir)
        return ir.Intrinsic(RUST_STR, pos, "user_display", [ptr, fref])

    def display_builtin(self, e: A.MethodCall, key: str) -> ir.Expr:
        if key == "fmt_write_str":
            sink = self.value(e.receiver)  # type: ignore[attr-defined]
            return ir.Intrinsic(FMT_RESULT, e.pos, "fmt_write_str", [sink] + self.args(e.args))  # type: ignore
        # display_to_string
        ptr = self.receiver(e)  # type: ignore[attr-defined]
        st = find(e.recv_ty)  # type: ignore[attr-defined]
        text = self.display_text(st, ptr, e.pos)
        site = self.cl.site(e, "string", TO_STRING_REASON)  # type: ignore[attr-defined]
        return ir.Intrinsic(STRING, e.pos, "display_to_string", [text], site=site)

    def fmt_ok_value(self, e: A.Call) -> ir.Expr:
        return ir.Const(FMT_RESULT, e.pos, False)
