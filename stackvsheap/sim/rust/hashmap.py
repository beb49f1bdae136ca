"""HashMap and HashSet on the simulated machine, allocating as std's
hashbrown (1.95) does (see lang/rust/hashmap.py for the layout).

Sources: hashbrown src/raw/mod.rs: `capacity_to_buckets` (below 15 items:
at least 14 / 7 / 3 items for 1-byte / 2..3-byte / larger slots, then 4, 8
or 16 buckets; else the next power of two of cap * 8 / 7),
`bucket_mask_to_capacity` (buckets - 1 up to 8 buckets, else 7/8 of them),
`reserve_rehash` (a new table for max(items + 1, capacity + 1) items: alloc
the new block, move the slots, free the old one), `insert` reserves one slot
BEFORE looking the key up (a full table grows even when the key is already
there), `rustc_entry` reserves only when the key is vacant; `erase` gives
the slot back (EMPTY: always so in tables of up to 16 buckets; a bigger table
may leave a tombstone, DELETED, depending on the random hash: the simulator
always gives it back). `HashMap::new()` and `with_capacity(0)` allocate
nothing; drop drops the slots in table order, then frees the table.

Where a key lands depends on SipHash with random keys, so real Rust
iterates in a different order on every run; the simulator fills slots in
insertion order (the lowest free slot) and iterates in slot order, which is
one of the orders Rust could give.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.rust.hashmap import HashMapType, HashTableType
from ...lang.types import BoolType, FloatType, IntType, SliceType, Type
from ..intrinsics import intrinsic
from ..machine import RunError
from ..memory import Block, Ptr, SliceV, StrV
from ..shapes import ZERO_HOOKS
from .glue import glue_for, opt_none, opt_some
from .iters import declare_loop_var
from .vec import empty_vec

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


class MapV:
    """The 48-byte header of a HashMap: the table block (None until the first
    insert), its bucket count, items, growth left, and the simulator's index
    of the slots (Python key -> slot; free slots, lowest first)."""

    __slots__ = ("table", "buckets", "items", "growth_left", "index", "free")

    def __init__(self, table: Block | None, buckets: int, items: int, growth_left: int,
                 index: dict[Any, int] | None, free: list[int] | None) -> None:
        self.table = table
        self.buckets = buckets
        self.items = items
        self.growth_left = growth_left
        self.index = index
        self.free = free

    def with_(self, items: int, growth_left: int) -> "MapV":
        return MapV(self.table, self.buckets, items, growth_left, self.index, self.free)

    def __repr__(self) -> str:
        return f"HashMap(len={self.items}, buckets={self.buckets})"


EMPTY_MAP = MapV(None, 0, 0, 0, None, None)
ZERO_HOOKS[HashMapType] = lambda t: (EMPTY_MAP,)


def min_items(kv_size: int) -> int:
    if kv_size <= 1:
        return 14
    if kv_size <= 3:
        return 7
    return 3


def capacity_to_buckets(cap: int, kv_size: int) -> int:
    if cap < 15:
        cap = max(min_items(kv_size), cap)
        return 4 if cap < 4 else 8 if cap < 8 else 16
    adjusted = cap * 8 // 7
    return 1 << (adjusted - 1).bit_length()


def bucket_capacity(buckets: int) -> int:
    if buckets == 0:
        return 0
    return buckets - 1 if buckets <= 8 else buckets // 8 * 7


def capacity(mv: MapV) -> int:
    return mv.items + mv.growth_left


# ---- Python keys --------------------------------------------------------------------------


def py_key(t: Type, v: Any) -> Any:
    """A hashable Python value equal for equal Rust keys."""
    if isinstance(v, StrV):
        return v.text
    if isinstance(v, SliceV):  # String
        if v.block is None:
            return ""
        return bytes(v.block.cells[v.start:v.start + v.length]).decode("utf-8", "replace")
    if isinstance(v, tuple):
        return tuple(py_key(t, x) for x in v)
    if isinstance(v, Ptr):  # &K inside a key
        return ("&", py_key(t, v.block.cells[v.index]))
    return v


class Table:
    """The operations on one HashMap type."""

    def __init__(self, comp: "Compiler", t: HashMapType) -> None:
        self.comp = comp
        self.m = comp.m
        self.t = t
        self.kv = t.inner
        self.K = t.key
        self.V = t.val
        self.kn = self.K.nleaves
        self.nl = self.kv.nleaves
        self.load_k = comp.load_fn(self.K)
        self.load_v = comp.load_fn(self.V)
        self.store_k = comp.store_fn(self.K)
        self.store_v = comp.store_fn(self.V)
        self.load_kv = comp.load_fn(self.kv)
        self.store_kv = comp.store_fn(self.kv)
        self.table_types: dict[int, HashTableType] = {}

    # header
    def read(self, b: Block, i: int) -> MapV:
        self.m.access(b.cell_addr(i), 32)
        return b.cells[i]

    def write(self, b: Block, i: int, mv: MapV) -> None:
        m = self.m
        if m.rec is not None:
            m.rec.write(b, i, b.cells[i], mv)
        b.cells[i] = mv
        m.access_w(b.cell_addr(i), 32)

    def new_table(self, buckets: int, site: Any, pos: Any) -> Block:
        tt = self.table_types.get(buckets)
        if tt is None:
            tt = self.table_types[buckets] = HashTableType(self.kv, buckets)
        return self.m.rust_alloc(tt, 1, f"HashMap table ({buckets} buckets)", site, pos)

    def with_capacity(self, n: int, site: Any, pos: Any) -> MapV:
        if n == 0 or self.kv.size == 0:
            return MapV(None, 0, 0, 0, {}, [])
        buckets = capacity_to_buckets(n, self.kv.size)
        blk = self.new_table(buckets, site, pos)
        return MapV(blk, buckets, 0, bucket_capacity(buckets), {}, list(range(buckets - 1, -1, -1)))

    def slots(self, mv: MapV) -> list[int]:
        """The full slots in table order."""
        return sorted(mv.index.values()) if mv.index else []

    def reserve_one(self, b: Block, i: int, mv: MapV, site: Any, pos: Any) -> MapV:
        if mv.growth_left > 0:
            return mv
        if self.kv.size == 0:  # zero-sized slots never allocate
            return MapV(None, 0, mv.items, 1 << 62, mv.index if mv.index is not None else {}, [])
        want = max(mv.items + 1, bucket_capacity(mv.buckets) + 1)
        buckets = capacity_to_buckets(want, self.kv.size)
        old = mv.table
        nb = self.new_table(buckets, site, pos)
        index: dict[Any, int] = {}
        k = 0
        if old is not None and mv.index:
            nl = self.nl
            for key, slot in sorted(mv.index.items(), key=lambda kv: kv[1]):
                self.store_kv(nb, k * nl, self.load_kv(old, slot * nl))
                index[key] = k
                k += 1
        if old is not None:
            self.m.rust_free(old)
        nmv = MapV(nb, buckets, mv.items, bucket_capacity(buckets) - mv.items, index,
                   list(range(buckets - 1, k - 1, -1)))
        self.write(b, i, nmv)
        return nmv

    def put(self, b: Block, i: int, mv: MapV, key: Any, k: Any, v: Any) -> tuple[MapV, int]:
        """Store (k, v) in the lowest free slot (room reserved)."""
        assert mv.free is not None and mv.index is not None and mv.table is not None
        slot = mv.free.pop()
        mv.index[key] = slot
        self.store_k(mv.table, slot * self.nl, k)
        self.store_v(mv.table, slot * self.nl + self.kn, v)
        nmv = mv.with_(mv.items + 1, mv.growth_left - 1)
        self.write(b, i, nmv)
        return nmv, slot

    def take(self, b: Block, i: int, mv: MapV, key: Any) -> tuple[Any, Any]:
        """Remove `key`'s slot: (k, v)."""
        assert mv.index is not None and mv.free is not None and mv.table is not None
        slot = mv.index.pop(key)
        k = self.load_k(mv.table, slot * self.nl)
        v = self.load_v(mv.table, slot * self.nl + self.kn)
        mv.free.append(slot)
        mv.free.sort(reverse=True)
        self.write(b, i, mv.with_(mv.items - 1, mv.growth_left + 1))
        return k, v

    def find(self, mv: MapV, key: Any) -> int | None:
        if not mv.index:
            return None
        slot = mv.index.get(key)
        if slot is not None and mv.table is not None:
            self.m.access(mv.table.cell_addr(slot * self.nl), self.K.size or 1)
        return slot


_tables: dict[tuple[int, HashMapType], Table] = {}


def table_for(comp: "Compiler", t: HashMapType) -> Table:
    key = (id(comp), t)
    tb = _tables.get(key)
    if tb is None or tb.comp is not comp:
        tb = _tables[key] = Table(comp, t)
    return tb


def map_type(e: ir.Expr) -> HashMapType:
    t = e.ty
    while not isinstance(t, HashMapType):
        t = t.elem  # type: ignore[attr-defined]
    return t


def _key_reader(node: ir.Intrinsic, ev_exec: "Exec", tb: Table) -> Callable[[Any], Any]:
    """The Python key of a lookup argument: `&K` (a pointer to read) or a `&str` for String keys."""
    kind = node.extra.get("key", "ref")
    K = tb.K
    if kind == "str":
        return lambda fr: ev_exec(fr).text
    if kind == "value":
        return lambda fr: py_key(K, ev_exec(fr))

    def read(fr: Any) -> Any:
        p = ev_exec(fr)
        return py_key(K, tb.load_k(p.block, p.index))
    return read


# ---- intrinsics ---------------------------------------------------------------------------


@intrinsic("map_new")
def map_new(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    return lambda fr: MapV(None, 0, 0, 0, {}, [])


@intrinsic("map_with_capacity")
def map_with_capacity(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    tb = table_for(comp, node.ty)  # type: ignore[arg-type]
    ev = args[0]
    site, pos = node.site, node.pos
    return lambda fr: tb.with_capacity(ev(fr), site, pos)


def _loc(comp: "Compiler", node: ir.Intrinsic) -> tuple[Any, Table]:
    return comp.place(node.args[0]), table_for(comp, map_type(node.args[0]))


@intrinsic("map_len")
def map_len(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc, tb = _loc(comp, node)
    what = node.extra

    def length(fr: Any) -> Any:
        mv = tb.read(*loc(fr))
        if what == "capacity":
            return capacity(mv)
        return mv.items == 0 if what == "is_empty" else mv.items
    return length


@intrinsic("map_insert")
def map_insert(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`insert(k, v)`: reserve, then replace the value of an equal key (the
    new key is dropped, the old value returned) or fill a free slot."""
    loc, tb = _loc(comp, node)
    ek, evv = args[1], args[2]
    site, pos = node.site, node.pos
    glue = glue_for(comp)
    ot = node.ty
    is_set = tb.t.is_set

    def insert(fr: Any) -> Any:
        k = ek(fr)
        v = evv(fr) if not is_set else ()
        b, i = loc(fr)
        mv = tb.reserve_one(b, i, tb.read(b, i), site, pos)
        key = py_key(tb.K, k)
        slot = tb.find(mv, key)
        if slot is not None:
            glue.drop(tb.K, k)
            if is_set:
                return False
            vi = slot * tb.nl + tb.kn
            old = tb.load_v(mv.table, vi)  # type: ignore[arg-type]
            tb.store_v(mv.table, vi, v)  # type: ignore[arg-type]
            return opt_some(ot, old)  # type: ignore[arg-type]
        tb.put(b, i, mv, key, k, v)
        return True if is_set else opt_none(ot)  # type: ignore[arg-type]
    return insert


@intrinsic("map_get")
def map_get(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`get`, `get_mut` (Option<&V>), `contains_key` / `contains` (bool)."""
    loc, tb = _loc(comp, node)
    key_of = _key_reader(node, args[1], tb)
    ot = node.ty
    want = node.extra.get("want", "value")

    def get(fr: Any) -> Any:
        key = key_of(fr)
        mv = tb.read(*loc(fr))
        slot = tb.find(mv, key)
        if want == "bool":
            return slot is not None
        if slot is None:
            return opt_none(ot)  # type: ignore[arg-type]
        return opt_some(ot, Ptr(mv.table, slot * tb.nl + tb.kn))  # type: ignore[arg-type]
    return get


@intrinsic("map_index")
def map_index(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`Index for HashMap`: `self.get(key).expect("no entry found for key")`."""
    loc, tb = _loc(comp, node)
    key_of = _key_reader(node, args[1], tb)
    pos = node.pos

    def index(fr: Any) -> Ptr:
        key = key_of(fr)
        mv = tb.read(*loc(fr))
        slot = tb.find(mv, key)
        if slot is None:
            raise RunError("thread 'main' panicked: no entry found for key", pos)
        return Ptr(mv.table, slot * tb.nl + tb.kn)
    return index


@intrinsic("map_remove")
def map_remove(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`remove(&k)`: the stored key is dropped, the value returned (a set: whether it was there)."""
    loc, tb = _loc(comp, node)
    key_of = _key_reader(node, args[1], tb)
    ot = node.ty
    glue = glue_for(comp)
    is_set = tb.t.is_set

    def remove(fr: Any) -> Any:
        key = key_of(fr)
        b, i = loc(fr)
        mv = tb.read(b, i)
        slot = tb.find(mv, key)
        if slot is None:
            return False if is_set else opt_none(ot)  # type: ignore[arg-type]
        k, v = tb.take(b, i, mv, key)
        glue.drop(tb.K, k)
        return True if is_set else opt_some(ot, v)  # type: ignore[arg-type]
    return remove


def _default_of(t: Type) -> Callable[[], Any]:
    """`V::default()` for the types `or_default` takes (lang/rust/typeck_hashmap.has_default)."""
    if isinstance(t, SliceType):
        return lambda: empty_vec(t.elem)
    if isinstance(t, FloatType):
        return lambda: 0.0
    if isinstance(t, BoolType):
        return lambda: False
    return lambda: 0


@intrinsic("map_entry")
def map_entry(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`entry(k).or_insert(v)` / `or_insert_with(f)` / `or_default()`: look
    the key up; vacant: reserve one slot, then make the value and insert;
    occupied: drop the key (and an `or_insert` argument, made anyway)."""
    loc, tb = _loc(comp, node)
    ek = args[1]
    mode = node.extra["mode"]
    make = args[2] if mode != "default" else None
    modify = args[-1] if node.extra.get("modify") else None
    site, pos = node.site, node.pos
    glue = glue_for(comp)
    call = comp.call_funcv
    default = _default_of(node.extra["value_ty"])

    def value(fr: Any) -> Any:
        if mode == "with":
            return call(make(fr), [])  # type: ignore[misc]
        if mode == "default":
            return default()
        return make(fr)  # type: ignore[misc]

    def entry(fr: Any) -> Ptr:
        k = ek(fr)
        b, i = loc(fr)
        mv = tb.read(b, i)
        key = py_key(tb.K, k)
        slot = tb.find(mv, key)
        if slot is not None:
            if modify is not None:  # and_modify: the closure gets `&mut V` in the table
                call(modify(fr), [Ptr(mv.table, slot * tb.nl + tb.kn)])
            v = make(fr) if mode == "value" else None
            glue.drop(tb.K, k)
            if mode == "value":
                glue.drop(tb.V, v)
            return Ptr(mv.table, slot * tb.nl + tb.kn)
        mv = tb.reserve_one(b, i, mv, site, pos)
        v = value(fr)
        mv = tb.read(b, i)
        _, slot = tb.put(b, i, mv, key, k, v)
        return Ptr(mv.table, slot * tb.nl + tb.kn)
    return entry


@intrinsic("map_clear")
def map_clear(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    loc, tb = _loc(comp, node)
    glue = glue_for(comp)

    def clear(fr: Any) -> None:
        b, i = loc(fr)
        mv = tb.read(b, i)
        for slot in tb.slots(mv):
            kv = tb.load_kv(mv.table, slot * tb.nl)  # type: ignore[arg-type]
            glue.drop(tb.kv, kv)
        tb.write(b, i, MapV(mv.table, mv.buckets, 0, bucket_capacity(mv.buckets), {},
                            list(range(mv.buckets - 1, -1, -1))))
    return clear


def map_for_next(comp: "Compiler", node: ir.Intrinsic, what: str) -> "Exec":
    """hash_map::Iter::next (and Keys, Values, ValuesMut, IterMut): the next
    full slot in table order; the item is `(&K, &V)`, `&K` or `&V`."""
    loc, tb = _loc(comp, node)
    i_loc = comp.place(node.args[1])
    i_load, i_store = comp.load_fn(node.args[1].ty), comp.store_fn(node.args[1].ty)
    item_loc = comp.place(node.args[2])
    item_store = comp.store_fn(node.args[2].ty)
    m = comp.m
    decl = declare_loop_var(comp, node.args[2])

    def next_item(fr: Any) -> bool:
        mv = tb.read(*loc(fr))
        b, k = i_loc(fr)
        n = i_load(b, k)
        slots = tb.slots(mv)
        if n >= len(slots):
            return False
        slot = slots[n]
        if len(slots) > 1 and m.unordered_from is None:
            m.unordered_from = len(m.out)
        base = slot * tb.nl
        kp, vp = Ptr(mv.table, base), Ptr(mv.table, base + tb.kn)
        item = (kp, vp) if what == "pairs" else kp if what == "keys" else vp
        if decl is not None:
            decl(fr)
        item_store(*item_loc(fr), item)
        i_store(b, k, n + 1)
        return True
    return next_item


def map_items(comp: "Compiler", mp: Ptr, t: HashMapType, what: str) -> list[Any]:
    """The items of a HashMap iterator in slot order (the map behind the pointer `mp`);
    iterating 2+ entries marks later output as order-dependent."""
    mv = mp.block.cells[mp.index]
    m = comp.m
    if not mv.index:
        return []
    slots = sorted(mv.index.values())
    if len(slots) > 1 and m.unordered_from is None:
        m.unordered_from = len(m.out)
    nl, kn = t.inner.nleaves, t.key.nleaves
    out = []
    for s in slots:
        kp, vp = Ptr(mv.table, s * nl), Ptr(mv.table, s * nl + kn)
        out.append((kp, vp) if what == "pairs" else kp if what == "keys" else vp)
    return out


class MapIntoSrc:
    """hash_map::IntoIter (a `for` over a map by value): moves the entries out
    in slot order; dropping it drops what is left, then frees the table."""

    trusted = False
    tra = False
    drop_item = None

    def __init__(self, comp: "Compiler", t: HashMapType, mv: MapV, end: Any) -> None:
        self.END = end  # pipeline.py's exhausted-iterator marker (it imports this module)
        self.comp, self.t, self.mv = comp, t, mv
        self.slots = sorted(mv.index.values()) if mv.index else []
        self.i = 0
        self.done = False
        self.item_t = t.key if t.is_set else t.inner
        self.ld = comp.load_fn(self.item_t)
        self.nl = t.inner.nleaves
        if len(self.slots) > 1 and comp.m.unordered_from is None:
            comp.m.unordered_from = len(comp.m.out)

    def next(self) -> Any:
        if self.i >= len(self.slots):
            return self.END
        s = self.slots[self.i]
        self.i += 1
        return self.ld(self.mv.table, s * self.nl)

    def nth(self, n: int) -> Any:
        for _ in range(n):
            x = self.next()
            if x is self.END:
                return x
            glue_for(self.comp).drop(self.item_t, x)
        return self.next()

    def hint(self) -> tuple[int, int | None]:
        n = len(self.slots) - self.i
        return n, n

    def finish(self) -> None:
        if self.done:
            return
        self.done = True
        g = glue_for(self.comp)
        for s in self.slots[self.i:]:
            g.drop(self.t.inner, self.comp.load_fn(self.t.inner)(self.mv.table, s * self.nl))
        self.i = len(self.slots)
        if self.mv.table is not None:
            self.comp.m.rust_free(self.mv.table)


@intrinsic("map_iter_chain")
def map_iter_chain(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """`count()`, `sum()` or `collect()` right after `iter()`/`keys()`/`values()`:
    the items in slot order; `collect` (not TrustedLen, exact size hint) allocates
    max(MIN_NON_ZERO_CAP, len) elements at the first item."""
    from .vec import min_non_zero_cap

    loc, tb = _loc(comp, node)
    what, terminal = node.extra["what"], node.extra["terminal"]
    item_t = node.extra["item"]
    m = comp.m
    site, pos = node.site, node.pos
    store = comp.store_fn(item_t)
    nl = item_t.nleaves
    sum_t = node.extra["sum_ty"]
    load_v = comp.load_fn(item_t.elem) if terminal == "sum" else None

    def items(mv: MapV) -> list[Any]:
        out = []
        for slot in tb.slots(mv):
            base = slot * tb.nl
            kp, vp = Ptr(mv.table, base), Ptr(mv.table, base + tb.kn)
            out.append((kp, vp) if what == "pairs" else kp if what == "keys" else vp)
        return out

    def run(fr: Any) -> Any:
        mv = tb.read(*loc(fr))
        xs = items(mv)
        if len(xs) > 1 and m.unordered_from is None and terminal == "collect":
            m.unordered_from = len(m.out)
        if terminal == "count":
            return len(xs)
        if terminal == "sum":
            total: Any = 0.0 if not isinstance(sum_t, IntType) else 0
            for p in xs:
                total += load_v(p.block, p.index)  # type: ignore[misc]
            if isinstance(sum_t, IntType) and not sum_t.in_range(total):
                raise RunError("thread 'main' panicked: attempt to add with overflow", pos)
            return total
        if not xs:
            return SliceV(None, 0, 0, 0)
        cap = max(min_non_zero_cap(item_t), len(xs))
        blk = m.rust_alloc(item_t, cap, "Vec buffer", site, pos)
        for k, x in enumerate(xs):
            store(blk, k * nl, x)
        return SliceV(blk, 0, len(xs), cap)
    return run


for _what in ("pairs", "keys", "values"):
    intrinsic(f"map_for_next_{_what}")(
        lambda comp, node, args, what=_what: map_for_next(comp, node, what))
