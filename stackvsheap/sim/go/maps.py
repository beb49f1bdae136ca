"""Go maps as internal/runtime/maps (Go 1.24+ swiss tables) allocates them.

A map value is a pointer to a `maps.Map` header. Its entries live in
groups of 8 slots (a control word, then key/elem pairs):

* a small map (at most 8 entries) has one group, allocated on the first
  insert (`growToSmall`), or none at all when the compiler put the header
  and a group in the frame (cmd/compile walkMakeMap: a map that does not
  escape, with a hint of at most 8);
* a 9th entry turns it into a table of 16 slots (`growToTable`: the table,
  its groups array and a one-entry directory, 3 objects);
* a table grows when its `growthLeft` (7/8 of its capacity) runs out: a new
  table with twice the capacity (2 objects), up to 1024 slots; beyond that
  it splits in two 1024-slot tables (4 objects), doubling the directory
  (1 more) when the table was at the directory's depth;
* `make(map[K]V, n)` with n > 8 sizes the tables at once (map.go NewMap:
  capacity n*8/7, split over a directory of ceil(capacity/1024) tables).

Which table and slot a key lands in depends on the random hash seed; the
simulator places keys with its own hash (crc32), which changes neither the
number of objects nor their sizes. Where the real count would depend on the
seed (a table's tombstones after deletes, a second split), the run stops
with a message naming it. Iteration follows the simulator's slot order,
which is one of the orders Go could give: programs must not depend on it.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.types import BOOL, ArrayType, IntType, PtrType, StructType, Type
from ..intrinsics import STACK_TEMPS, intrinsic
from ..machine import RunError
from ..memory import Block, Ptr, StrV
from ..shapes import zero_cells

if TYPE_CHECKING:
    from ..compile import Compiler, Exec

SLOTS = 8                # abi.MapGroupSlots
MAX_TABLE = 1024         # maxTableCapacity
MAX_AVG_LOAD = 7         # maxAvgGroupLoad (of 8)

_U8 = IntType("uint8", 1, False)
_U16 = IntType("uint16", 2, False)
_U64 = IntType("uint64", 8, False)
_UPTR = IntType("uintptr", 8, False)
_INT = IntType("int", 8, True)
_UNSAFE = PtrType(_U8)

HEADER = StructType("map header")
HEADER.fields = [("used", _U64), ("seed", _UPTR), ("dirPtr", _UNSAFE), ("dirLen", _INT),
                 ("globalDepth", _U8), ("globalShift", _U8), ("writing", _U8),
                 ("tombstonePossible", BOOL), ("clearSeq", _U64)]
TABLE = StructType("map table")
TABLE.fields = [("used", _U16), ("capacity", _U16), ("growthLeft", _U16), ("localDepth", _U8),
                ("index", _INT), ("groups", _UNSAFE), ("lengthMask", _U64)]
#: one directory entry: a pointer to a table (the type names the object in the heap pane)
_DIR_ENTRY = StructType("map directory")
_DIR_ENTRY.fields = [("table", PtrType(TABLE))]
_H_USED, _H_DIR, _H_DIRLEN = 0, 2, 3
_T_USED, _T_CAP, _T_GROUPS = 0, 1, 5

LABEL_HEADER = "map header"
LABEL_GROUP = "map group (8 slots)"
LABEL_GROUPS = "map groups {} slots"
LABEL_TABLE = "map table"
LABEL_DIR = "map directory"

_GROUPS: dict[tuple[int, int], StructType] = {}


def group_type(key: Type, elem: Type) -> StructType:
    """reflectdata.MapGroupType: {ctrl uint64; slots [8]struct{key K; elem V}}."""
    g = _GROUPS.get((id(key), id(elem)))
    if g is None:
        slot = StructType(f"map slot[{key}]{elem}")
        slot.fields = [("key", key), ("elem", elem)]
        g = StructType("map group (8 slots)")
        g.fields = [("ctrl", _U64), ("slots", ArrayType(slot, SLOTS))]
        _GROUPS[(id(key), id(elem))] = g
        g._svh_pair = (key, elem)  # type: ignore[attr-defined]  (keeps ids alive)
    return g


def _hkey(v: Any) -> Any:
    """A dict key with Go's == on map keys."""
    if isinstance(v, tuple):
        return tuple(_hkey(x) for x in v)
    return v


def _hash(k: Any) -> int:
    return zlib.crc32(repr(_text(k)).encode("utf-8", "surrogateescape"))


def _text(k: Any) -> Any:
    if isinstance(k, tuple):
        return tuple(_text(x) for x in k)
    if isinstance(k, StrV):
        return ("s", k.text)
    if isinstance(k, Ptr):
        return ("p", k.addr)
    return k


class Table:
    """One swiss table: its header object, its groups array and the slots in use."""

    __slots__ = ("block", "groups", "capacity", "used", "growth_left", "deletes", "local_depth", "slots")

    def __init__(self, block: Block, groups: Block, capacity: int, local_depth: int) -> None:
        self.block = block
        self.groups = groups
        self.capacity = capacity
        self.used = 0
        self.growth_left = capacity - 1 if capacity <= SLOTS else capacity * MAX_AVG_LOAD // SLOTS
        self.deletes = 0  # deletes since the table was made: each may have left a tombstone
        self.local_depth = local_depth
        self.slots: set[int] = set()


class MapState:
    """The runtime's view of one map: where each key's slot is."""

    __slots__ = ("hb", "hbase", "group", "gbase", "tables", "directory", "dir_len", "global_depth",
                 "where")

    def __init__(self, hb: Block, hbase: int) -> None:
        self.hb, self.hbase = hb, hbase        # the header: a heap object, or in a frame
        self.group: Block | None = None        # the small map's group (and its first leaf)
        self.gbase = 0
        self.tables: list[Table] = []          # directory order, each table once
        self.directory: Block | None = None
        self.dir_len = 0
        self.global_depth = 0
        # key -> (block, first leaf of the slot, table or None)
        self.where: dict[Any, tuple[Block, int, Table | None]] = {}

    def __str__(self) -> str:
        return f"map ({len(self.where)} entries)"


class MapIter:
    """A range loop's iterator (the frame's maps.Iter): the keys present when
    the loop started, in slot order; deleted ones are skipped when reached."""

    __slots__ = ("state", "keys", "i", "cur")

    def __init__(self, state: MapState | None) -> None:
        self.state = state
        self.keys = list(state.where) if state is not None else []
        self.i = 0
        self.cur: tuple[Block, int, Any] | None = None

    def __str__(self) -> str:
        return "map iterator"


class MapRuntime:
    """The map operations of one compiled program, against its machine."""

    def __init__(self, comp: "Compiler") -> None:
        self.m = comp.m
        self.states: dict[tuple[int, int], MapState] = {}

    # ---- objects ------------------------------------------------------------

    def state(self, p: Any) -> MapState | None:
        if p is None:
            return None
        return self.states[(id(p.block), p.index)]

    def new_map(self, t: Any, hint: int, site: ir.AllocSite, pos: Any, fr: Any,
                slot: Any = None) -> Ptr:
        """makemap; `slot` is the frame autotmp of a map that does not escape
        (its header, then room for one group when the hint may be <= 8)."""
        m = self.m
        if hint < 0:
            raise RunError("panic: runtime error: makemap: size out of range", pos)
        if slot is not None:
            hb, hbase = fr.block, slot.base
            m.put(hb, hbase, list(zero_cells(HEADER)))
            m.access_w(hb.cell_addr(hbase), HEADER.size)
        else:
            hb, hbase = m.go_alloc(HEADER, 1, LABEL_HEADER, site, pos), 0
            m.access_w(hb.addr, HEADER.size)
        st = MapState(hb, hbase)
        self.states[(id(hb), hbase)] = st
        if hint <= SLOTS:
            if slot is not None and slot.nleaves > HEADER.nleaves:
                # walkMakeMap: `var gv group; gv.ctrl = empty; m.dirPtr = &gv`
                gt = group_type(t.key, t.elem)
                gbase = hbase + HEADER.nleaves
                m.put(hb, gbase, list(zero_cells(gt)))
                m.access_w(hb.cell_addr(gbase), 8)
                self._set_group(st, hb, gbase)
            return Ptr(hb, hbase)
        target = hint * SLOTS // MAX_AVG_LOAD
        dir_size = 1
        while dir_size < (target + MAX_TABLE - 1) // MAX_TABLE:
            dir_size *= 2
        if dir_size * MAX_TABLE * group_type(t.key, t.elem).size // SLOTS > m.limits.max_heap_bytes:
            raise RunError("make(map) hint too large for the simulated heap", pos)
        depth = dir_size.bit_length() - 1
        d = m.go_alloc(_DIR_ENTRY, dir_size, LABEL_DIR, site, pos)
        st.global_depth = depth
        for _ in range(dir_size):
            st.tables.append(self._new_table(t, target // dir_size, depth, site, pos))
        self._install(st, d)
        return Ptr(hb, hbase)

    def _set_group(self, st: MapState, g: Block, gbase: int = 0) -> None:
        st.group, st.gbase = g, gbase
        self._header(st, _H_DIR, [Ptr(g, gbase)])

    def _header(self, st: MapState, field: int, cells: list[Any]) -> None:
        self.m.put(st.hb, st.hbase + field, cells)
        self.m.access_w(st.hb.cell_addr(st.hbase + field), 8 * len(cells))

    def _new_table(self, t: Any, capacity: int, depth: int, site: Any, pos: Any) -> Table:
        m = self.m
        cap = max(capacity, SLOTS)
        p2 = 1
        while p2 < cap:
            p2 *= 2
        gt = group_type(t.key, t.elem)
        tb = m.go_alloc(TABLE, 1, LABEL_TABLE, site, pos)
        groups = m.go_alloc(gt, p2 // SLOTS, LABEL_GROUPS.format(p2), site, pos)
        m.put(tb, _T_USED, [0, p2])
        m.put(tb, _T_GROUPS, [Ptr(groups, 0), p2 // SLOTS - 1])
        m.access_w(tb.addr, TABLE.size)
        return Table(tb, groups, p2, depth)

    def _install(self, st: MapState, d: Block) -> None:
        """Point the directory's entries at the tables (a table at a smaller
        depth than the directory fills 2^(global-local) entries)."""
        m = self.m
        st.directory = d
        st.dir_len = d.count
        cells: list[Any] = []
        for tb in st.tables:
            cells.extend([Ptr(tb.block, 0)] * (1 << (st.global_depth - tb.local_depth)))
        m.put(d, 0, cells)
        m.access_w(d.addr, 8 * d.count)
        self._header(st, _H_DIR, [Ptr(d, 0), d.count])

    # ---- slots --------------------------------------------------------------

    def _slot_leaf(self, gt: StructType, slot: int) -> int:
        per = (gt.nleaves - 1) // SLOTS
        g, s = divmod(slot, SLOTS)
        return g * gt.nleaves + 1 + s * per

    def _table_of(self, st: MapState, hk: Any) -> Table:
        if len(st.tables) == 1:
            return st.tables[0]
        idx = _hash(hk) >> (32 - st.global_depth) if st.global_depth else 0
        for tb in st.tables:
            if idx < (1 << (st.global_depth - tb.local_depth)):
                return tb
            idx -= 1 << (st.global_depth - tb.local_depth)
        return st.tables[-1]

    def _place(self, tb: Table, hk: Any) -> int:
        groups = tb.capacity // SLOTS
        g = _hash(hk) % groups
        for step in range(groups):
            gi = (g + step) % groups
            for s in range(SLOTS):
                slot = gi * SLOTS + s
                if slot not in tb.slots:
                    tb.slots.add(slot)
                    return slot
        raise AssertionError("full table")

    def _store(self, b: Block, leaf: int, cells: list[Any]) -> None:
        self.m.put(b, leaf, cells)
        self.m.access_w(b.cell_addr(leaf), 8)

    # ---- operations -----------------------------------------------------------

    def lookup(self, p: Any, key: Any) -> tuple[Block, int] | None:
        st = self.state(p)
        if st is None:
            return None
        got = st.where.get(_hkey(key))
        m = self.m
        m.access(st.hb.cell_addr(st.hbase), 8)
        if got is None:
            return None
        b, leaf, _ = got
        m.access(b.cell_addr(leaf), 8)
        return b, leaf

    def assign(self, t: Any, p: Any, key: Any, kcells: list[Any], vcells: list[Any],
               site: Any, pos: Any) -> None:
        st = self.state(p)
        if st is None:
            raise RunError("panic: assignment to entry in nil map", pos)
        hk = _hkey(key)
        got = st.where.get(hk)
        nk = t.key.nleaves
        if got is not None:
            b, leaf, _ = got
            self._store(b, leaf + nk, vcells)
            return
        self._insert(t, st, hk, kcells + vcells, site, pos)
        self._header(st, _H_USED, [len(st.where)])

    def _insert(self, t: Any, st: MapState, hk: Any, cells: list[Any], site: Any, pos: Any) -> None:
        m = self.m
        gt = group_type(t.key, t.elem)
        if not st.tables:
            if st.group is None:  # growToSmall
                g = m.go_alloc(gt, 1, LABEL_GROUP, site, pos)
                self._set_group(st, g)
            used = {leaf for b, leaf, _ in st.where.values()}
            for s in range(SLOTS):
                leaf = st.gbase + self._slot_leaf(gt, s)
                if leaf not in used:
                    assert st.group is not None
                    self._store(st.group, leaf, cells)
                    st.where[hk] = (st.group, leaf, None)
                    return
            self._grow_to_table(t, st, site, pos)
        tb = self._table_of(st, hk)
        if tb.growth_left == 0:
            if tb.deletes:
                raise RunError(
                    "unsupported: a map table full again after deletes (whether it grows depends "
                    "on the tombstones the hash seed left)", pos)
            tb = self._rehash(t, st, tb, hk, site, pos)
        slot = self._place(tb, hk)
        leaf = self._slot_leaf(gt, slot)
        self._store(tb.groups, leaf, cells)
        tb.used += 1
        tb.growth_left -= 1
        m.put(tb.block, _T_USED, [tb.used])
        st.where[hk] = (tb.groups, leaf, tb)

    def _grow_to_table(self, t: Any, st: MapState, site: Any, pos: Any) -> None:
        tb = self._new_table(t, 2 * SLOTS, 0, site, pos)
        st.tables = [tb]
        self._move(t, st, list(st.where), tb)
        d = self.m.go_alloc(_DIR_ENTRY, 1, LABEL_DIR, site, pos)
        st.global_depth = 0
        st.group = None
        self._install(st, d)

    def _move(self, t: Any, st: MapState, keys: list[Any], tb: Table) -> None:
        gt = group_type(t.key, t.elem)
        n = t.key.nleaves + t.elem.nleaves
        for k in keys:
            b, leaf, _ = st.where[k]
            cells = b.cells[leaf:leaf + n]
            self.m.access(b.cell_addr(leaf), 8)
            slot = self._place(tb, k)
            nl = self._slot_leaf(gt, slot)
            self._store(tb.groups, nl, cells)
            tb.used += 1
            tb.growth_left -= 1
            st.where[k] = (tb.groups, nl, tb)

    def _rehash(self, t: Any, st: MapState, old: Table, hk: Any, site: Any, pos: Any) -> Table:
        keys = [k for k, (_, _, tb) in st.where.items() if tb is old]
        i = st.tables.index(old)
        if 2 * old.capacity <= MAX_TABLE:  # grow
            nt = self._new_table(t, 2 * old.capacity, old.local_depth, site, pos)
            self._move(t, st, keys, nt)
            st.tables[i] = nt
            assert st.directory is not None
            self._install(st, st.directory)
            return nt
        if len(st.tables) > 1:
            raise RunError(
                "unsupported: a map table splitting a second time (when depends on the hash seed)", pos)
        depth = old.local_depth + 1
        left = self._new_table(t, MAX_TABLE, depth, site, pos)
        right = self._new_table(t, MAX_TABLE, depth, site, pos)
        d = st.directory
        if old.local_depth == st.global_depth:
            d = self.m.go_alloc(_DIR_ENTRY, 2 * st.dir_len, LABEL_DIR, site, pos)
            st.global_depth += 1
        st.tables[i:i + 1] = [left, right]
        for k in keys:
            self._move(t, st, [k], self._table_of(st, k))
        assert d is not None
        self._install(st, d)
        return self._table_of(st, hk)

    def delete(self, t: Any, p: Any, key: Any) -> None:
        st = self.state(p)
        if st is None:
            return
        got = st.where.pop(_hkey(key), None)
        if got is None:
            return
        b, leaf, tb = got
        self._store(b, leaf, list(zero_cells(t.key)) + list(zero_cells(t.elem)))
        if tb is not None:
            tb.used -= 1
            tb.deletes += 1
            tb.slots.discard(self._slot_of(t, leaf))
        self._header(st, _H_USED, [len(st.where)])

    def _slot_of(self, t: Any, leaf: int) -> int:
        gt = group_type(t.key, t.elem)
        per = (gt.nleaves - 1) // SLOTS
        g, r = divmod(leaf, gt.nleaves)
        return g * SLOTS + (r - 1) // per


def runtime(comp: "Compiler") -> MapRuntime:
    """The machine's maps (kept on the machine: a recording run compiles the
    program again after the global initialisers made their maps)."""
    m = comp.m
    rt = getattr(m, "_svh_maps", None)
    if rt is None:
        rt = MapRuntime(comp)
        m._svh_maps = rt  # type: ignore[attr-defined]
    return rt


def _frame_temp(n: ir.Intrinsic) -> StructType:
    """The autotmp of a map that does not escape: its header, and a group
    unless the hint is a constant over 8 (walkMakeMap)."""
    t = n.ty
    if n.name == "gomap_lit":
        small = len(n.args) // 2 <= SLOTS
    else:
        h = n.args[0] if n.args else None
        small = h is None or not isinstance(h, ir.Const) or h.value <= SLOTS
    st = StructType(f"map in the frame ({t})")
    st.fields = [("hdr", HEADER)] + ([("group", group_type(t.key, t.elem))] if small else [])
    return st


STACK_TEMPS["gomap_make"] = STACK_TEMPS["gomap_lit"] = _frame_temp


def map_entries(comp: "Compiler", t: Any, p: Any) -> list[tuple[Any, Any]]:
    """(key, elem) of every entry, for fmt."""
    st = runtime(comp).state(p)
    if st is None:
        return []
    nk, ne = t.key.nleaves, t.elem.nleaves
    return [(_value(t.key, b.cells[leaf:leaf + nk]), _value(t.elem, b.cells[leaf + nk:leaf + nk + ne]))
            for b, leaf, _ in st.where.values()]


def _cells(t: Type, v: Any) -> list[Any]:
    return list(v) if (t.nleaves != 1 or t.is_aggregate) else [v]


def _value(t: Type, cells: list[Any]) -> Any:
    return cells[0] if (t.nleaves == 1 and not t.is_aggregate) else tuple(cells)


# ---- intrinsics -------------------------------------------------------------------


@intrinsic("gomap_make")
def map_make(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = runtime(comp)
    t, site, pos = node.ty, node.site, node.pos
    hv = args[0] if args else None

    slot = comp.temp_slot(node) if site.placement == "stack" else None

    def make(fr: Any) -> Ptr:
        return rt.new_map(t, hv(fr) if hv is not None else 0, site, pos, fr, slot)
    return make


@intrinsic("gomap_lit")
def map_lit(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    """A map literal: make(map[K]V, len) then one assignment per entry (walk/complit.go)."""
    rt = runtime(comp)
    t, site, pos = node.ty, node.site, node.pos
    n = len(args) // 2
    keys, vals = args[:n], args[n:]
    slot = comp.temp_slot(node) if site.placement == "stack" else None

    def lit(fr: Any) -> Ptr:
        p = rt.new_map(t, n, site, pos, fr, slot)
        for kv, vv in zip(keys, vals):
            k = kv(fr)
            rt.assign(t, p, k, _cells(t.key, k), _cells(t.elem, vv(fr)), site, pos)
        return p
    return lit


@intrinsic("gomap_get")
def map_get(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = runtime(comp)
    mv, kv = args
    t = node.args[0].ty
    et, nk, ne = t.elem, t.key.nleaves, t.elem.nleaves
    zero = _value(et, list(zero_cells(et)))
    comma_ok = node.extra == "ok"

    def get(fr: Any) -> Any:
        got = rt.lookup(mv(fr), kv(fr))
        if got is None:
            if comma_ok:
                return (*zero, False) if isinstance(zero, tuple) else (zero, False)
            return zero
        b, leaf = got
        v = _value(et, b.cells[leaf + nk:leaf + nk + ne])
        if comma_ok:
            return (*v, True) if isinstance(v, tuple) else (v, True)
        return v
    return get


@intrinsic("gomap_set")
def map_set(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = runtime(comp)
    mv, kv, vv = args
    t = node.args[0].ty
    site, pos = node.site, node.pos

    def put(fr: Any) -> None:
        p = mv(fr)
        k = kv(fr)
        v = vv(fr)
        rt.assign(t, p, k, _cells(t.key, k), _cells(t.elem, v), site, pos)
    return put


@intrinsic("gomap_delete")
def map_delete(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = runtime(comp)
    mv, kv = args
    t = node.args[0].ty

    def delete(fr: Any) -> None:
        rt.delete(t, mv(fr), kv(fr))
    return delete


@intrinsic("gomap_len")
def map_len(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = runtime(comp)
    (mv,) = args

    def length(fr: Any) -> int:
        st = rt.state(mv(fr))
        if st is None:
            return 0
        comp.m.access(st.hb.cell_addr(st.hbase), 8)
        return len(st.where)
    return length


@intrinsic("gomap_iter")
def map_iter(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    rt = runtime(comp)
    (mv,) = args
    return lambda fr: MapIter(rt.state(mv(fr)))


@intrinsic("gomap_next")
def map_next(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    (iv,) = args
    m = comp.m

    def nxt(fr: Any) -> bool:
        it: MapIter = iv(fr)
        st = it.state
        while st is not None and it.i < len(it.keys):
            k = it.keys[it.i]
            it.i += 1
            got = st.where.get(k)
            if got is not None:
                b, leaf, _ = got
                m.access(b.cell_addr(leaf), 8)
                it.cur = (b, leaf, k)
                return True
        return False
    return nxt


@intrinsic("gomap_key")
def map_key(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    iv = args[0]
    t = node.extra
    nk = t.key.nleaves

    def key(fr: Any) -> Any:
        b, leaf, _ = iv(fr).cur
        return _value(t.key, b.cells[leaf:leaf + nk])
    return key


@intrinsic("gomap_elem")
def map_elem(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    iv = args[0]  # (args[1], the map, is there for escape analysis)
    t = node.extra
    nk, ne = t.key.nleaves, t.elem.nleaves

    def elem(fr: Any) -> Any:
        b, leaf, _ = iv(fr).cur
        return _value(t.elem, b.cells[leaf + nk:leaf + nk + ne])
    return elem

