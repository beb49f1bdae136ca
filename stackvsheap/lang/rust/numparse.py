"""`str::parse::<T>()` for the integer types: `Result<T, ParseIntError>`.

`ParseIntError` is std's `struct ParseIntError { kind: IntErrorKind }` with
`enum IntErrorKind { Empty, InvalidDigit, PosOverflow, NegOverflow, Zero }`
(library/core/src/num/error.rs), both `#[derive(Debug)]`, so `{:?}` prints
`ParseIntError { kind: InvalidDigit }` as Rust does. One byte, no heap.
The rules are `from_str_radix`'s (sim/rust/numparse.py).
"""

from __future__ import annotations

from ..types import FloatType, IntType, SliceType, StringType, StructType, Type
from . import ast as A
from .enums import EnumType, Variant
from .result import result_of, result_type
from .rtypes import find, resolve

KINDS = ("Empty", "InvalidDigit", "PosOverflow", "NegOverflow", "Zero")


def _make() -> StructType:
    kind = EnumType("IntErrorKind")
    kind.set_variants([Variant(k, "unit", [], i) for i, k in enumerate(KINDS)])
    kind.derives = {"Debug", "Clone", "Copy", "PartialEq"}  # type: ignore[attr-defined]
    st = StructType("ParseIntError", rust=True)
    st.fields = [("kind", kind)]
    st.derives = {"Debug", "Clone", "PartialEq"}  # type: ignore[attr-defined]
    return st


PARSE_INT_ERROR = _make()


class NumParseCheck:
    def parse_int_error_type(self, name: str) -> Type | None:
        return PARSE_INT_ERROR if name == "ParseIntError" else None

    def parse_target_through(self, e: A.MethodCall, expected: Type | None) -> Type | None:
        """`let n: i32 = s.parse().unwrap();`: the integer type the unwrap must give is
        what the parse parses into (rustc infers it so); None for anything else."""
        if e.method in ("unwrap", "expect", "unwrap_or"):
            return self.parse_target_of_match(e.receiver, expected)
        return None

    def parse_target_of_match(self, scrutinee: A.Expr, expected: Type | None) -> Type | None:
        """`let n: u32 = match s.trim().parse() { Ok(num) => num, Err(_) => continue };`
        (the Rust Book's guessing game): an integer expected of the whole is the parse's
        target; None for anything else."""
        r = scrutinee
        if isinstance(r, A.MethodCall) and r.method == "parse" and not r.turbofish and \
                expected is not None and isinstance(find(expected), IntType):
            return result_type(find(expected), PARSE_INT_ERROR)
        return None

    def str_parse(self, e: A.MethodCall, t: Type, k: int, expected: Type | None) -> Type:
        """`s.parse::<i32>()`, or `s.parse()` where `Result<i32, ParseIntError>` is expected."""
        self.nargs(e, 0)
        target: Type | None = None
        if e.turbofish:
            target = self.type_of(e.turbofish[0])
        else:
            et = result_of(expected)
            if et is not None:
                target = et.variants[0].fields[0][1]
        target = find(target) if target is not None else None
        if not isinstance(target, IntType):
            name = ("f64" if target.size == 8 else "f32") if isinstance(target, FloatType) else \
                (str(resolve(target, False)) if target is not None else "")
            what = f"`{name}`" if target is not None else "a type not written"
            self.unsupported(f"`parse` into {what} (integers, written as `parse::<i32>()`)", e.method_pos)
        self.recv(e, k, "ref" if isinstance(find(t), SliceType) else "value", t)
        e.method_info = ("builtin", "str_parse")  # type: ignore[attr-defined]
        return result_type(target, PARSE_INT_ERROR)


def is_str_like(t: Type) -> bool:
    t = find(t)
    return isinstance(t, StringType) or (isinstance(t, SliceType) and t.flavor == "string")
