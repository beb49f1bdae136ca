"""`std::collections::HashMap` and `HashSet`: the types and their checking.

Layouts (x86_64, SSE2): `HashMap<K, V, RandomState>` is 48 bytes on the
stack: hashbrown's `RawTable` (control pointer, bucket mask, growth left,
items) and the two SipHash keys of `RandomState` (no heap: the keys come
from a thread-local). The table is ONE heap block, allocated lazily by the
first insert: `buckets` slots of `(K, V)` below the control bytes (one per
bucket, plus `Group::WIDTH` = 16 mirrored ones), laid out as hashbrown's
`TableLayout::calculate_layout_for` computes (the slots rounded up to the
control alignment, max(align_of::<(K, V)>(), 16)). A `HashSet<T>` is a
`HashMap<T, ()>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..types import (
    BoolType, CharType, IntType, Leaf, PtrType, SliceType, StringType, TupleType, Type, _align_up,
    _Composite, _Pointerful,
)

GROUP_WIDTH = 16


@dataclass(frozen=True, eq=True)
class HashMapType(_Pointerful):
    """`HashMap<K, V>` (inner = `(K, V)`) or, with `is_set`, `HashSet<K>` (inner = `(K, ())`)."""

    inner: Type
    is_set: bool = False

    @property
    def key(self) -> Type:
        return self.inner.elems[0]  # type: ignore[attr-defined]

    @property
    def val(self) -> Type:
        return self.inner.elems[1]  # type: ignore[attr-defined]

    @property
    def name(self) -> str:  # type: ignore[override]
        if self.is_set:
            return f"HashSet<{self.key}>"
        return f"HashMap<{self.key}, {self.val}>"

    # one leaf (the simulator's MapV: table block, buckets, items, growth left)
    SIZE = 48


def table_layout(kv: Type, buckets: int) -> tuple[int, int, int]:
    """(size, align, ctrl offset) of a table of `buckets` slots of `kv`."""
    ctrl_align = max(kv.align, GROUP_WIDTH)
    ctrl_offset = _align_up(kv.size * buckets, ctrl_align)
    return (ctrl_offset + buckets + GROUP_WIDTH, ctrl_align, ctrl_offset)


@dataclass(frozen=True, eq=True)
class HashTableType(_Composite):
    """The heap block of a table: slot i sits i + 1 slots below the control
    bytes (hashbrown's data grows downwards from `ctrl`); the control bytes
    are one leaf after them."""

    kv: Type
    buckets: int

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"HashMap table ({self.buckets} buckets)"

    @cached_property
    def _layout(self) -> tuple[int, int]:
        size, align, _ = table_layout(self.kv, self.buckets)
        return (size, align)

    @cached_property
    def _leaves(self) -> tuple[Leaf, ...]:
        _, _, ctrl = table_layout(self.kv, self.buckets)
        n = self.kv.size
        out = [Leaf(ctrl - (i + 1) * n + leaf.offset, leaf.size, leaf.pointerful)
               for i in range(self.buckets) for leaf in self.kv.leaves()]
        out.append(Leaf(ctrl, self.buckets + GROUP_WIDTH, False))
        return tuple(out)

    def zero_leaves(self, zero_cells: Any) -> tuple[Any, ...]:
        return tuple(zero_cells(self.kv)) * self.buckets + (None,)


class EntryT(Type):
    """`hash_map::Entry<'_, K, V>`: only as the receiver of `or_insert`,
    `or_insert_with` and `or_default` written right after `entry(key)`."""

    def __init__(self, map_t: HashMapType) -> None:
        self.map_t = map_t

    @property
    def name(self) -> str:  # type: ignore[override]
        return f"Entry<'_, {self.map_t.key}, {self.map_t.val}>"

    size = 40  # type: ignore[assignment]
    align = 8  # type: ignore[assignment]

    def leaves(self) -> tuple[Leaf, ...]:
        return (Leaf(0, 40, True),)


def hashable_key(t: Type) -> bool:
    """Key types the simulator hashes: integers, char, bool, &str, String and tuples of them."""
    from .rtypes import find

    t = find(t)
    if isinstance(t, (IntType, CharType, BoolType, StringType)):
        return True
    if isinstance(t, SliceType):
        return t.flavor == "string"
    if isinstance(t, TupleType):
        return all(hashable_key(e) for e in t.elems)
    if isinstance(t, PtrType) and t.flavor == "ref":
        return hashable_key(t.elem)
    return False
