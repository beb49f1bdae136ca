"""Go's view of the shared types: identity, assignability, defaults.

The shared `types` module lays values out; this module answers the type
checker's questions the way `cmd/compile/internal/types2` does for the subset:
untyped constant kinds, type identity (`byte` is `uint8`, `rune` is `int32`),
assignability and comparability, and the compiler's spelling of types in
messages (`[]byte`, `*T`, `func(int) int`, `untyped int`).
"""

from __future__ import annotations

from ..types import (
    BOOL,
    FLOAT64,
    GO_INTS,
    GO_STRING,
    ArrayType,
    BoolType,
    FloatType,
    FuncType,
    IfaceType,
    IntType,
    MapType,
    PtrType,
    SliceType,
    StringType,
    StructType,
    TupleType,
    Type,
    UnitType,
)


class UntypedType(Type):
    """The type of an untyped constant (or of a non-constant shift of one).
    Never reaches the IR: every untyped operand is converted to a real type
    (its context's, or its kind's default) before it is lowered."""

    # Ordered as Go orders kinds when mixing untyped operands: int < rune < float.
    RANK = {"int": 0, "rune": 1, "float": 2}

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "int", "rune", "float", "string", "bool", "nil"
        self.name = "untyped nil" if kind == "nil" else f"untyped {kind}"

    def __repr__(self) -> str:
        return f"UntypedType({self.kind})"

    @property
    def size(self) -> int:  # pragma: no cover - never laid out
        raise TypeError("untyped constants have no layout")

    @property
    def align(self) -> int:  # pragma: no cover
        raise TypeError("untyped constants have no layout")


UNTYPED_INT = UntypedType("int")
UNTYPED_RUNE = UntypedType("rune")
UNTYPED_FLOAT = UntypedType("float")
UNTYPED_STRING = UntypedType("string")
UNTYPED_BOOL = UntypedType("bool")
UNTYPED_NIL = UntypedType("nil")

INT = GO_INTS["int"]
UINT = GO_INTS["uint"]
BYTE = GO_INTS["byte"]
RUNE = GO_INTS["rune"]

# The predeclared type names of the subset (complex types are not in it).
#: the predeclared interfaces (lang/go/iface.py converts values to them)
ANY = IfaceType("any")
ERROR = IfaceType("error", ("Error",))
UNIVERSE_TYPES: dict[str, Type] = {
    **GO_INTS, "float64": FLOAT64, "bool": BOOL, "string": GO_STRING, "any": ANY, "error": ERROR,
}

# Tuple types of Go multiple results (Go keeps declaration order, no reordering).
def go_tuple(elems: list[Type] | tuple[Type, ...]) -> TupleType:
    return TupleType(tuple(elems), rust=False)


def default_type(t: Type) -> Type:
    """The type an untyped constant takes when nothing else decides."""
    if isinstance(t, UntypedType):
        return {
            "int": INT,
            "rune": RUNE,
            "float": FLOAT64,
            "string": GO_STRING,
            "bool": BOOL,
        }.get(t.kind, t)
    return t


def is_untyped(t: Type) -> bool:
    return isinstance(t, UntypedType)


def is_integer(t: Type) -> bool:
    return isinstance(t, IntType) or (isinstance(t, UntypedType) and t.kind in ("int", "rune"))


def is_unsigned(t: Type) -> bool:
    return isinstance(t, IntType) and not t.signed


def is_float(t: Type) -> bool:
    return isinstance(t, FloatType) or (isinstance(t, UntypedType) and t.kind == "float")


def is_numeric(t: Type) -> bool:
    return is_integer(t) or is_float(t)


def is_string(t: Type) -> bool:
    return isinstance(t, StringType) or (isinstance(t, UntypedType) and t.kind == "string")


def is_boolean(t: Type) -> bool:
    return isinstance(t, BoolType) or (isinstance(t, UntypedType) and t.kind == "bool")


def is_byte_slice(t: Type) -> bool:
    return isinstance(t, SliceType) and isinstance(t.elem, IntType) and _canon_int(t.elem) == "uint8"


def _canon_int(t: IntType) -> str:
    # byte and rune are aliases: identical to uint8 and int32.
    return {"byte": "uint8", "rune": "int32"}.get(t.name, t.name)


def identical(a: Type, b: Type) -> bool:
    if a is b:
        return True
    if isinstance(a, IntType) and isinstance(b, IntType):
        return _canon_int(a) == _canon_int(b)
    if isinstance(a, UntypedType) or isinstance(b, UntypedType):
        return False
    if type(a) is not type(b):
        return False
    if isinstance(a, (FloatType, BoolType, StringType)):
        return a.name == b.name  # type: ignore[attr-defined]  (defined types: `type Celsius float64`)
    if isinstance(a, UnitType):
        return True
    if isinstance(a, IfaceType):
        return a.methods == b.methods  # type: ignore[attr-defined]
    if isinstance(a, PtrType):
        return identical(a.elem, b.elem)  # type: ignore[attr-defined]
    if isinstance(a, SliceType):
        return identical(a.elem, b.elem)  # type: ignore[attr-defined]
    if isinstance(a, MapType):
        return (a.tname == b.tname and identical(a.key, b.key)  # type: ignore[attr-defined]
                and identical(a.elem, b.elem))  # type: ignore[attr-defined]
    if isinstance(a, ArrayType):
        return a.length == b.length and identical(a.elem, b.elem)  # type: ignore[attr-defined]
    if isinstance(a, FuncType):
        assert isinstance(b, FuncType)
        return (
            a.variadic == b.variadic
            and len(a.params) == len(b.params)
            and len(a.results) == len(b.results)
            and all(identical(x, y) for x, y in zip(a.params, b.params))
            and all(identical(x, y) for x, y in zip(a.results, b.results))
        )
    if isinstance(a, TupleType):
        assert isinstance(b, TupleType)
        return len(a.elems) == len(b.elems) and all(identical(x, y) for x, y in zip(a.elems, b.elems))
    # Named structs are identical only to themselves; anonymous struct types are
    # canonicalised by the checker, so object identity covers them too.
    return False


def is_named(t: Type) -> bool:
    return isinstance(t, StructType) and not getattr(t, "anonymous", False)


def comparable(t: Type) -> bool:
    """Go spec "Comparison operators": may be compared with == to its own type."""
    if isinstance(t, (IntType, FloatType, BoolType, StringType, PtrType)):
        return True
    if isinstance(t, StructType):
        return all(comparable(ft) for _, ft in t.fields)
    if isinstance(t, ArrayType):
        return comparable(t.elem)
    return False


def ordered(t: Type) -> bool:
    return is_numeric(t) or is_string(t)


def nilable(t: Type) -> bool:
    return isinstance(t, (PtrType, SliceType, FuncType, IfaceType, MapType))


def type_str(t: Type) -> str:
    """The compiler's spelling of a type (types2 and cmd/compile agree for the subset)."""
    return str(t)


def describe_value_type(t: Type) -> str:
    return type_str(t)


_BASIC_NAMES = frozenset(UNIVERSE_TYPES) | {"byte", "rune", "uintptr"}


def defined_basic(name: str, u: Type) -> Type | None:
    """`type Celsius float64`: a new named type with u's representation, or
    None when u is not a basic type (defined slices, arrays, funcs, ...)."""
    if isinstance(u, IntType):
        return IntType(name, u.bytes, u.signed)
    if isinstance(u, FloatType):
        return FloatType(name)
    if isinstance(u, BoolType):
        return BoolType(name)
    if isinstance(u, StringType):
        return StringType(name)
    return None


def is_defined_basic(t: Type) -> bool:
    """A defined type over a basic type, or over a map (both can have methods)."""
    if isinstance(t, MapType):
        return bool(t.tname)
    return isinstance(t, (IntType, FloatType, BoolType, StringType)) and t.name not in _BASIC_NAMES
