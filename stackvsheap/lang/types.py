"""Types shared by the Go and Rust front ends, with their memory layout.

A value in simulated memory is a row of *leaves*: scalars (ints, floats,
bools, chars), pointers, and the few multi-word headers the runtime treats as
one unit (a Go slice or string header, a Rust `Vec`/`String`/`&[T]`/`&str`).
Each leaf occupies one cell of a `Block` and has a byte offset and size, so
every load and store has a real address for the cache.

Sizes follow the amd64 ABI of both toolchains: Go's `types.Sizes` for gc/amd64
(int = 8, string = 16, slice = 24) and rustc's x86_64 layouts (Rust reorders
struct fields by decreasing alignment; `Option<Box<T>>` uses the null niche).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True, slots=True)
class Leaf:
    """One cell of a laid-out type."""

    offset: int
    size: int
    pointerful: bool  # the GC must scan it (a pointer, or a header holding one)


class Type:
    """Base of all types. Subclasses define size, align and leaves."""

    name: str

    @property
    def size(self) -> int:
        raise NotImplementedError

    @property
    def align(self) -> int:
        raise NotImplementedError

    def leaves(self) -> tuple[Leaf, ...]:
        return (Leaf(0, self.size, self.has_pointers),)

    @property
    def nleaves(self) -> int:
        return len(self.leaves())

    @property
    def has_pointers(self) -> bool:
        return False

    @property
    def is_aggregate(self) -> bool:
        """Aggregates (structs, arrays, tuples) evaluate to a tuple of leaf values."""
        return False

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, eq=True)
class IntType(Type):
    name: str
    bytes: int
    signed: bool

    @property
    def size(self) -> int:
        return self.bytes

    @property
    def align(self) -> int:
        return self.bytes

    @property
    def bits(self) -> int:
        return self.bytes * 8

    def wrap(self, v: int) -> int:
        """Two's-complement wrap, Go's (and Rust release's) overflow rule."""
        m = 1 << self.bits
        v &= m - 1
        if self.signed and v >= m >> 1:
            v -= m
        return v

    def in_range(self, v: int) -> bool:
        if self.signed:
            return -(1 << (self.bits - 1)) <= v < (1 << (self.bits - 1))
        return 0 <= v < (1 << self.bits)


class _FixedSize(Type):
    """A scalar whose size and alignment are fixed by its kind."""

    SIZE: int = 0
    ALIGN: int = 1

    @property
    def size(self) -> int:
        return self.SIZE

    @property
    def align(self) -> int:
        return self.ALIGN


@dataclass(frozen=True, eq=True)
class FloatType(_FixedSize):
    name: str = "float64"
    SIZE = ALIGN = 8


@dataclass(frozen=True, eq=True)
class BoolType(_FixedSize):
    name: str = "bool"
    SIZE = ALIGN = 1


@dataclass(frozen=True, eq=True)
class CharType(_FixedSize):
    """Rust `char`: a 4-byte Unicode scalar value."""

    name: str = "char"
    SIZE = ALIGN = 4


@dataclass(frozen=True, eq=True)
class ZeroSized(Type):
    """A type that takes no memory and holds no leaves."""

    @property
    def size(self) -> int:
        return 0

    @property
    def align(self) -> int:
        return 1

    def leaves(self) -> tuple[Leaf, ...]:
        return ()


class UnitType(ZeroSized):
    """Rust `()` and Go's empty struct: zero-sized."""

    name: str = "()"

    @property
    def is_aggregate(self) -> bool:
        return True


class _Pointerful(_FixedSize):
    """One leaf the GC must scan: a pointer or a header holding one."""

    ALIGN = 8

    @property
    def has_pointers(self) -> bool:
        return True


@dataclass(frozen=True, eq=True)
class StringType(_Pointerful):
    """Go `string` or Rust `&str`: a (data pointer, length) pair, one leaf."""

    name: str = "string"
    SIZE = 16


@dataclass(frozen=True, eq=True)
class PtrType(_Pointerful):
    """Any one-word pointer: Go `*T`, Rust `&T`, `&mut T`, `Box<T>`, `Rc<T>`.

    `flavor` is one of "go", "ref", "mut", "box", "rc".
    """

    elem: Type
    flavor: str = "go"

    @property
    def name(self) -> str:  # type: ignore[override]
        return {
            "go": f"*{self.elem}",
            "ref": f"&{self.elem}",
            "mut": f"&mut {self.elem}",
            "box": f"Box<{self.elem}>",
            "rc": f"Rc<{self.elem}>",
        }[self.flavor]

    SIZE = 8


@dataclass(frozen=True, eq=True)
class SliceType(_Pointerful):
    """A slice header, one leaf.

    flavor "go": Go `[]T` (ptr, len, cap: 24 bytes); "ref": Rust `&[T]` /
    `&mut [T]` (ptr, len: 16 bytes); "vec": Rust `Vec<T>` (24 bytes);
    "string": Rust `String` (a `Vec<u8>`, 24 bytes).
    """

    elem: Type
    flavor: str = "go"

    @property
    def name(self) -> str:  # type: ignore[override]
        return {
            "go": f"[]{self.elem}",
            "ref": f"&[{self.elem}]",
            "vec": f"Vec<{self.elem}>",
            "string": "String",
        }[self.flavor]

    @property
    def size(self) -> int:
        return 16 if self.flavor == "ref" else 24


@dataclass(frozen=True, eq=True)
class FuncType(_Pointerful):
    """A function value: one word pointing at a closure (Go) or code."""

    params: tuple[Type, ...]
    results: tuple[Type, ...]
    variadic: bool = False  # Go: the last parameter is `...T` (a []T)

    @property
    def name(self) -> str:  # type: ignore[override]
        names = [str(p) for p in self.params]
        if self.variadic and names:
            names[-1] = "..." + names[-1][2:]
        ps = ", ".join(names)
        if not self.results:
            return f"func({ps})"
        if len(self.results) == 1:
            return f"func({ps}) {self.results[0]}"
        return f"func({ps}) ({', '.join(map(str, self.results))})"

    SIZE = 8


@dataclass(frozen=True, eq=True)
class IfaceType(_Pointerful):
    """A Go interface value (`any`, `error`): a (type word, data word) pair,
    one leaf. The data word points at a copy of the value (or is the value,
    for pointer-shaped types); see sim/go/iface.py."""

    name: str = "any"
    methods: tuple[str, ...] = ()

    SIZE = 16


@dataclass(frozen=True, eq=True)
class MapType(_Pointerful):
    """A Go map value: one word, a pointer to the runtime's `maps.Map`
    header (sim/go/maps.py lays out the header, groups, tables and directory)."""

    key: Type
    elem: Type
    tname: str = ""  # a defined map type's name (`type Set map[string]bool`)

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.tname or f"map[{self.key}]{self.elem}"

    SIZE = 8


def _align_up(n: int, a: int) -> int:
    return (n + a - 1) // a * a if a > 1 else n


class _Composite(Type):
    """Shared layout code for arrays, structs and tuples."""

    @property
    def is_aggregate(self) -> bool:
        return True

    def _members(self) -> list[tuple[int, Type]]:
        """(offset, type) of each member, in declaration order."""
        raise NotImplementedError

    @property
    def size(self) -> int:
        return self._layout[0]

    @property
    def align(self) -> int:
        return self._layout[1]

    def leaves(self) -> tuple[Leaf, ...]:
        return self._leaves

    @cached_property
    def has_pointers(self) -> bool:
        return any(leaf.pointerful for leaf in self._leaves)


@dataclass(frozen=True, eq=True)
class ArrayType(_Composite):
    elem: Type
    length: int
    rust: bool = False

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"[{self.elem}; {self.length}]" if self.rust else f"[{self.length}]{self.elem}"

    @cached_property
    def _layout(self) -> tuple[int, int]:
        return (self.elem.size * self.length, self.elem.align)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        inner = self.elem.leaves()
        step = self.elem.size
        return tuple(
            Leaf(i * step + leaf.offset, leaf.size, leaf.pointerful)
            for i in range(self.length)
            for leaf in inner
        )


class StructType(_Composite):
    """A named struct. Identity is by object, so recursive types work:
    the front end creates the struct, then sets its fields."""

    def __init__(self, name: str, rust: bool = False, tuple_struct: bool = False) -> None:
        self.name = name
        self.rust = rust
        self.tuple_struct = tuple_struct
        self.fields: list[tuple[str, Type]] = []

    def __repr__(self) -> str:
        return f"StructType({self.name})"

    def field_index(self, name: str) -> int:
        for i, (fname, _) in enumerate(self.fields):
            if fname == name:
                return i
        raise KeyError(name)

    @cached_property
    def _offsets(self) -> list[int]:
        """Byte offset of each field. Rust (repr(Rust)) places fields by
        decreasing alignment, as rustc does to minimise padding; Go keeps
        declaration order."""
        order = list(range(len(self.fields)))
        if self.rust:
            order.sort(key=lambda i: -self.fields[i][1].align)
        offsets = [0] * len(self.fields)
        off = 0
        for i in order:
            t = self.fields[i][1]
            off = _align_up(off, t.align)
            offsets[i] = off
            off += t.size
        return offsets

    @cached_property
    def _layout(self) -> tuple[int, int]:
        align = max((t.align for _, t in self.fields), default=1)
        end = max((o + t.size for o, (_, t) in zip(self._offsets, self.fields)), default=0)
        return (_align_up(end, align), align)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        out: list[Leaf] = []
        for off, (_, t) in zip(self._offsets, self.fields):
            out.extend(Leaf(off + leaf.offset, leaf.size, leaf.pointerful) for leaf in t.leaves())
        return tuple(out)

    def field_leaf_range(self, index: int) -> tuple[int, int]:
        """(first leaf, leaf count) of field `index` within this struct's leaves."""
        start = sum(t.nleaves for _, t in self.fields[:index])
        return start, self.fields[index][1].nleaves


@dataclass(frozen=True, eq=True)
class TupleType(_Composite):
    """Rust tuples and Go multiple results. Rust reorders like a struct."""

    elems: tuple[Type, ...]
    rust: bool = True

    @property
    def name(self) -> str:  # type: ignore[override]
        return "(" + ", ".join(map(str, self.elems)) + ("," if len(self.elems) == 1 else "") + ")"

    @cached_property
    def _as_struct(self) -> StructType:
        s = StructType(self.name, rust=self.rust, tuple_struct=True)
        s.fields = [(str(i), t) for i, t in enumerate(self.elems)]
        return s

    @cached_property
    def _layout(self) -> tuple[int, int]:
        return self._as_struct._layout

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        return self._as_struct._leaves

    def field_leaf_range(self, index: int) -> tuple[int, int]:
        return self._as_struct.field_leaf_range(index)


@dataclass(frozen=True, eq=True)
class OptionType(_Composite):
    """Rust `Option<T>`. A pointer-like payload uses the null niche (one
    leaf, None = null); anything else gets a tag leaf before the payload."""

    inner: Type

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"Option<{self.inner}>"

    @property
    def niche(self) -> bool:
        return isinstance(self.inner, PtrType) or (
            isinstance(self.inner, SliceType) and self.inner.flavor != "go"
        ) or isinstance(self.inner, (StringType, FuncType)) or self.niche_enum

    @property
    def niche_enum(self) -> bool:
        """A Rust enum payload with invalid tag values: None is the enum's
        leaves with its tag leaf (leaf 0) set to None."""
        return getattr(self.inner, "option_niche", False)

    @cached_property
    def _layout(self) -> tuple[int, int]:
        if self.niche:
            return (self.inner.size, self.inner.align)
        a = max(self.inner.align, 1)
        return (_align_up(a + self.inner.size, a), a)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        if self.niche:
            return self.inner.leaves()
        a = max(self.inner.align, 1)
        return (Leaf(0, 1, False),) + tuple(
            Leaf(a + leaf.offset, leaf.size, leaf.pointerful) for leaf in self.inner.leaves()
        )


# ---- the predeclared types -------------------------------------------------

GO_INTS: dict[str, IntType] = {
    "int": IntType("int", 8, True),
    "int8": IntType("int8", 1, True),
    "int16": IntType("int16", 2, True),
    "int32": IntType("int32", 4, True),
    "rune": IntType("rune", 4, True),
    "int64": IntType("int64", 8, True),
    "uint": IntType("uint", 8, False),
    "uint8": IntType("uint8", 1, False),
    "byte": IntType("byte", 1, False),
    "uint16": IntType("uint16", 2, False),
    "uint32": IntType("uint32", 4, False),
    "uint64": IntType("uint64", 8, False),
    "uintptr": IntType("uintptr", 8, False),
}

RUST_INTS: dict[str, IntType] = {
    name: IntType(name, bits // 8, name[0] == "i")
    for name, bits in [
        ("i8", 8), ("i16", 16), ("i32", 32), ("i64", 64), ("i128", 128), ("isize", 64),
        ("u8", 8), ("u16", 16), ("u32", 32), ("u64", 64), ("u128", 128), ("usize", 64),
    ]
}

BOOL = BoolType()
FLOAT64 = FloatType()
CHAR = CharType()
UNIT = UnitType()
GO_STRING = StringType("string")
RUST_STR = StringType("&str")
