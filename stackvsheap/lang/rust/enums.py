"""User enums: the type, and its layout as rustc computes it.

An `EnumType` is a `StructType` whose fields are the tag, then every
variant's fields one after the other ("Cons.0", "Cons.1", ...). Each field
gets the byte offset rustc gives it, so the variants overlap as in a union;
the simulator keeps the fields of the variants that are not active at their
zero value, which makes struct drop glue, clone and `==` work unchanged.

Layout (rustc_abi `layout_of_enum`, `univariant`, x86_64):

* tagged: each variant is laid out after a tag of the smallest integer that
  holds the discriminants (`StructKind::Prefixed`: fields in ascending
  alignment); the tag then grows to the alignment of the first field of the
  variants (the smallest such alignment), the size is the largest variant's;
* niche-filling: the largest variant (the last one on a tie) is laid out as
  a struct (fields by decreasing alignment, the largest niche first) and the
  other variants are encoded in invalid values of its largest niche (a
  pointer's null, a `Vec`/`String` capacity above `isize::MAX`, a bool's
  2..=255, a char above U+10FFFF, another enum's unused tag values); every
  other variant must fit before the niche or after it;
* the smaller layout wins; on a tie, the one with the larger remaining
  niche, else the tagged one.

In the simulator the tag is always one cell holding the variant index; in a
niche layout its bytes are the niche field's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable

from ..types import (
    ArrayType, BoolType, CharType, Leaf, OptionType, PtrType, SliceType, StringType, StructType,
    TupleType, Type, _align_up,
)
from .rtypes import RUST_INTS

ISIZE_MAX = (1 << 63) - 1


@dataclass(frozen=True)
class Niche:
    """Invalid values of one scalar inside a type: where, how wide, how many."""

    offset: int
    size: int
    available: int

    def at(self, off: int) -> "Niche":
        return Niche(self.offset + off, self.size, self.available)


@dataclass(eq=False)
class Variant:
    name: str
    kind: str                                   # "unit", "tuple", "struct"
    fields: list[tuple[str, Type]] = field(default_factory=list)
    discr: int = 0
    first: int = 0                              # index of its first field in EnumType.fields


@dataclass(frozen=True)
class _VLayout:
    offsets: tuple[int, ...]                    # per field of the variant
    size: int
    align: int
    niche: Niche | None


def niche_of(t: Type) -> Niche | None:
    """The largest niche of a type as the simulator lays it out."""
    if isinstance(t, PtrType):
        return Niche(0, 8, 1) if t.flavor in ("ref", "mut", "box", "rc") else None
    if isinstance(t, SliceType):
        if t.flavor in ("vec", "string"):
            return Niche(0, 8, ISIZE_MAX + 1)       # RawVec's capacity, first in memory
        return Niche(0, 8, 1) if t.flavor == "ref" else None
    if isinstance(t, StringType):                   # &str: (ptr, len)
        return Niche(0, 8, 1)
    if isinstance(t, BoolType):
        return Niche(0, 1, 254)
    if isinstance(t, CharType):
        return Niche(0, 4, (1 << 32) - 0x110000)
    if isinstance(t, EnumType):
        return t.niche
    if isinstance(t, OptionType):
        if t.niche:
            inner = niche_of(t.inner)
            return Niche(inner.offset, inner.size, inner.available - 1) \
                if inner and inner.available > 1 else None
        return Niche(0, 1, 254)
    if isinstance(t, StructType):
        return _largest(list(zip(t._offsets, (ft for _, ft in t.fields))))
    if isinstance(t, TupleType):
        return niche_of(t._as_struct)
    if isinstance(t, ArrayType):
        return niche_of(t.elem) if t.length else None
    return None


def _largest(members: list[tuple[int, Type]]) -> Niche | None:
    """rustc keeps the first (in memory order) of the largest niches."""
    best: Niche | None = None
    for off, ft in sorted(members, key=lambda m: m[0]):
        n = niche_of(ft)
        if n is not None and n.available > 0 and (best is None or n.available > best.available):
            best = n.at(off)
    return best


def _trailing_zeros(n: int) -> int:
    return (n & -n).bit_length() - 1 if n else 64


def _univariant(types: list[Type], prefix: int, prefix_align: int) -> _VLayout:
    """One variant as a struct; `prefix` > 0: after a tag (StructKind::Prefixed)."""
    order = list(range(len(types)))
    if len(types) > 1:
        niches = [niche_of(t) for t in types]
        avail = [n.available if n else 0 for n in niches]
        max_align = max(t.align for t in types)
        has_niche = max(avail) > 0

        def group(i: int) -> int:
            t = types[i]
            size_as_align = _trailing_zeros(max(t.align, t.size))
            if has_niche:
                return min(_trailing_zeros(max_align), size_as_align)
            return size_as_align
        if prefix:
            order.sort(key=lambda i: (group(i), avail[i]))
        else:
            order.sort(key=lambda i: (-group(i), -avail[i], niches[i].offset if niches[i] else 0))
    offsets = [0] * len(types)
    off = prefix
    align = prefix_align
    for i in order:
        t = types[i]
        off = _align_up(off, max(t.align, 1))
        offsets[i] = off
        off += t.size
        align = max(align, t.align)
    size = _align_up(off, align)
    niche = _largest(list(zip(offsets, types))) if not prefix else None
    return _VLayout(tuple(offsets), size, align, niche)


def _int_for(lo: int, hi: int) -> int:
    """Bytes of the smallest integer holding lo..=hi (rustc `repr_discr`)."""
    for n in (1, 2, 4, 8):
        if (lo >= 0 and hi < (1 << (8 * n))) or (lo >= -(1 << (8 * n - 1)) and hi < (1 << (8 * n - 1))):
            return n
    return 16


class EnumLayoutError(Exception):
    """A layout rustc computes with a rule the simulator does not model."""


@dataclass(frozen=True)
class EnumLayout:
    size: int
    align: int
    tag_offset: int
    tag_size: int
    niche_variant: int | None        # the untagged variant of a niche layout
    field_offsets: tuple[tuple[int, ...], ...]
    niche: Niche | None


def enum_layout(variants: list[Variant]) -> EnumLayout:
    n = len(variants)
    discrs = [v.discr for v in variants]
    tag_bytes = _int_for(min(discrs), max(discrs)) if n else 1
    field_types = [[t for _, t in v.fields] for v in variants]
    if n == 0:
        return EnumLayout(0, 1, 0, 0, None, (), None)
    if n == 1:  # a single variant is laid out as its struct, without a tag
        lay = _univariant(field_types[0], 0, 1)
        return EnumLayout(lay.size, lay.align, 0, 0, 0, (lay.offsets,), lay.niche)
    # ---- tagged
    tvars = [_univariant(ts, tag_bytes, tag_bytes) for ts in field_types]
    start_align = 256
    for ts, lay in zip(field_types, tvars):
        firsts = sorted((off, t) for off, t in zip(lay.offsets, ts) if not (t.size == 0 and t.align == 1))
        if firsts:
            start_align = min(start_align, firsts[0][1].align)
    tag_final = max(tag_bytes, start_align) if start_align in (1, 2, 4, 8) else tag_bytes
    align = max([tag_bytes] + [v.align for v in tvars])
    size = _align_up(max(v.size for v in tvars), align)
    span = max(discrs) - min(discrs) + 1
    tag_niche = Niche(0, tag_final, (1 << (8 * tag_final)) - span) if tag_final < 16 else None
    tagged = EnumLayout(size, align, 0, tag_final, None, tuple(v.offsets for v in tvars), tag_niche)
    niche = _niche_filling(field_types, variants)
    if niche is None:
        return tagged
    tn = tagged.niche.available if tagged.niche else 0
    nn = niche.niche.available if niche.niche else 0
    if tagged.size > niche.size or (tagged.size == niche.size and tn < nn):
        return niche
    return tagged


def _niche_filling(field_types: list[list[Type]], variants: list[Variant]) -> EnumLayout | None:
    lays = [_univariant(ts, 0, 1) for ts in field_types]
    largest = 0
    for i, lay in enumerate(lays):
        if lay.size >= lays[largest].size:
            largest = i
    big = lays[largest]
    if big.niche is None:
        return None
    others = [i for i in range(len(lays)) if i != largest]
    count = others[-1] - others[0] + 1 if others else 0
    if count == 0 or big.niche.available < count:
        return None
    ts = field_types[largest]
    if len(ts) > 1:
        head = big.niche.offset
        tail = big.size - head - big.niche.size
        if head != 0 and tail > 0:
            raise EnumLayoutError("enum layout with its niche moved to the end (rustc NicheBias::End)")
    align = max(l.align for l in lays)
    size = _align_up(big.size, align)
    nz = big.niche
    offsets: list[tuple[int, ...]] = []
    for i, lay in enumerate(lays):
        if i == largest or lay.size <= nz.offset:
            offsets.append(lay.offsets)
            continue
        shift = _align_up(nz.offset + nz.size, lay.align)
        if shift + lay.size > size:
            return None
        offsets.append(tuple(o + shift for o in lay.offsets))
    remaining = Niche(nz.offset, nz.size, nz.available - count)
    return EnumLayout(size, align, nz.offset, nz.size, largest, tuple(offsets), remaining)


class EnumType(StructType):
    """A user enum. `fields[0]` is the tag; variant v's fields follow at v.first."""

    def __init__(self, name: str) -> None:
        super().__init__(name, rust=True)
        self.variants: list[Variant] = []

    def __repr__(self) -> str:
        return f"EnumType({self.name})"

    def set_variants(self, variants: list[Variant]) -> None:
        self.variants = variants
        self.fields = [("$tag", RUST_INTS["u8"])]
        for v in variants:
            v.first = len(self.fields)
            self.fields.extend((f"{v.name}.{fn}", ft) for fn, ft in v.fields)

    def variant(self, name: str) -> Variant | None:
        return next((v for v in self.variants if v.name == name), None)

    def index_of(self, name: str) -> int:
        return next(i for i, v in enumerate(self.variants) if v.name == name)

    @cached_property
    def layout(self) -> EnumLayout:
        return enum_layout(self.variants)

    @property
    def niche(self) -> Niche | None:
        return self.layout.niche

    @property
    def option_niche(self) -> bool:
        """`Option<Self>` stores None in an invalid value of this enum's niche."""
        n = self.layout.niche
        return n is not None and n.available >= 1

    @property
    def tag_size(self) -> int:
        return self.layout.tag_size

    @cached_property
    def _offsets(self) -> list[int]:
        lay = self.layout
        out = [lay.tag_offset]
        for offs in lay.field_offsets:
            out.extend(offs)
        return out

    @cached_property
    def _layout(self) -> tuple[int, int]:
        return (self.layout.size, self.layout.align)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        lay = self.layout
        out = [Leaf(lay.tag_offset, lay.tag_size, False)]
        for off, (_, t) in zip(self._offsets[1:], self.fields[1:]):
            out.extend(Leaf(off + leaf.offset, leaf.size, leaf.pointerful) for leaf in t.leaves())
        return tuple(out)

    def active(self, v: tuple) -> tuple[Variant, list[tuple[str, Type, object]]]:
        """The active variant of a value (its flat cells) and its fields' values."""
        var = self.variants[v[0]]
        out = []
        k = self.field_leaf_range(var.first)[0] if var.fields else 0
        for fname, ft in var.fields:
            n = ft.nleaves
            out.append((fname, ft, v[k] if (n == 1 and not ft.is_aggregate) else tuple(v[k:k + n])))
            k += n
        return var, out

    def describe_layout(self) -> str:
        """`16 bytes, tag u32 at 0` / `24 bytes, niche in `Write.0``."""
        lay = self.layout
        if lay.niche_variant is not None:
            v = self.variants[lay.niche_variant]
            return (f"{lay.size} bytes, no tag: the other variants are invalid values of "
                    f"`{v.name}`'s niche at offset {lay.tag_offset}")
        return f"{lay.size} bytes, tag u{lay.tag_size * 8} at offset 0"


def enum_pieces(cells: list[Any], et: EnumType, show: Callable[[list[Any], Type], tuple[Any, ...]]
                ) -> tuple[Any, ...]:
    """An enum value for the stack pane: `Cons(1, ●b) [tag 0, 16 B]`, fields
    shown by `show`; `[niche, 24 B]` when the variant is encoded in a niche."""
    lay = et.layout
    tag = cells[0] if cells else None
    if not isinstance(tag, int) or not 0 <= tag < len(et.variants):
        return (f"? [{lay.size} B]",)
    v = et.variants[tag]
    out: list[Any] = [v.name]
    if v.fields:
        out.append("(" if v.kind == "tuple" else " { ")
        k = et.field_leaf_range(v.first)[0]
        for n, (fname, ft) in enumerate(v.fields):
            if n:
                out.append(", ")
            if n >= 3:
                out.append("…")
                break
            if v.kind == "struct":
                out.append(f"{fname}: ")
            out.extend(show(cells[k:k + ft.nleaves], ft))
            k += ft.nleaves
        out.append(")" if v.kind == "tuple" else " }")
    if lay.niche_variant is not None:
        out.append(f" [niche, {lay.size} B]")
    elif lay.tag_size:
        out.append(f" [tag {v.discr}, {lay.size} B]")
    return tuple(out)
