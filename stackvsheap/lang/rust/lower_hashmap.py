"""Lowering of HashMap and HashSet: constructors, methods, the entry API
and `for` loops over a map (runtime: sim/rust/hashmap.py)."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..types import PtrType, Type
from . import ast as A
from .hashmap import HashMapType
from .lower_common import _is_place_expr, _quiet_site
from .rtypes import USIZE, IterT, find
from .typeck_hashmap import has_default

_TABLE_REASON = ("the table (slots for the keys and values, then one control byte per bucket "
                 "and 16 more) is one heap block")
_GROW_REASON = ("a full table (7/8 of its buckets) moves to a new block with twice the buckets; "
                "the old block is freed")


class MapLower:
    def map_builtin_call(self, e: A.Call, name: str) -> ir.Expr | None:
        t = e.ty
        pos = e.pos
        if name == "HashMap::new":
            return ir.Intrinsic(t, pos, "map_new", [])
        if name == "HashMap::with_capacity":
            n = self.value(e.args[0])  # type: ignore[attr-defined]
            if isinstance(n, ir.Const) and n.value == 0:
                site = _quiet_site(e, "hashmap")
            else:
                site = self.cl.site(e, "hashmap", "with_capacity allocates the whole table up front: "  # type: ignore[attr-defined]
                                    + _TABLE_REASON)
            return ir.Intrinsic(t, pos, "map_with_capacity", [n], site=site)
        return None

    def map_method(self, e: A.MethodCall, key: str) -> ir.Expr | None:
        t = e.ty
        pos = e.pos
        if not (key.startswith("map_") or key.startswith("entry_")):
            return None
        if key == "map_iter":
            self.fail("unsupported: a HashMap iterator used as a value (loop over it with `for`)",  # type: ignore[attr-defined]
                      e.pos)
        if key == "map_entry":
            self.fail("unsupported: an `Entry` used as a value (call `or_insert` on `map.entry(key)`)",  # type: ignore[attr-defined]
                      e.pos)
        if key == "entry_and_modify":
            self.fail("unsupported: an `Entry` used as a value (end `and_modify` with `or_insert`)",  # type: ignore[attr-defined]
                      e.pos)
        if key.startswith("entry_"):
            return self.entry_lower(e, key)
        pl = self.recv_place(e).ir  # type: ignore[attr-defined]
        if key in ("map_len", "map_is_empty", "map_capacity"):
            return ir.Intrinsic(t, pos, "map_len", [pl], extra=key[4:])
        if key == "map_clear":
            return ir.Intrinsic(t, pos, "map_clear", [pl])
        if key == "map_insert":
            vals = self.args(e.args)  # type: ignore[attr-defined]
            if len(vals) == 1:  # a set: the value is ()
                vals.append(ir.CompositeLit(find(e.recv_ty).val, pos, []))  # type: ignore[attr-defined]
            site = self.cl.site(e, "hashmap", "the first insert allocates the table; " + _GROW_REASON)  # type: ignore[attr-defined]
            return ir.Intrinsic(t, pos, "map_insert", [pl] + vals, site=site)
        if key in ("map_get", "map_remove"):
            k = self.value(e.args[0])  # type: ignore[attr-defined]
            extra = {"key": getattr(e, "key_kind", "ref"), "want": getattr(e, "map_want", "value")}
            return ir.Intrinsic(t, pos, key, [pl, k], extra=extra)
        self.fail(f"unsupported: method `{e.method}`", e.method_pos)  # type: ignore[attr-defined]

    def entry_lower(self, e: A.MethodCall, key: str) -> ir.Expr:
        ent = e.receiver
        assert isinstance(ent, A.MethodCall)
        modify = None
        if ent.method == "and_modify":
            modify = ent
            ent = ent.receiver
            assert isinstance(ent, A.MethodCall)
        pl = self.recv_place(ent).ir  # type: ignore[attr-defined]
        k = self.args(ent.args)[0]  # type: ignore[attr-defined]
        mode = {"entry_or_insert": "value", "entry_or_insert_with": "with", "entry_or_default": "default"}[key]
        V = find(e.ty).elem  # type: ignore[attr-defined]
        if mode == "default" and not has_default(V):
            self.fail(f"unsupported: `or_default` for values of type `{V}` (integers, floats, bool, "  # type: ignore[attr-defined]
                      "String and Vec)", e.method_pos)
        rest = self.args(e.args) if mode != "default" else []  # type: ignore[attr-defined]
        if modify is not None:
            rest.append(self.value(modify.args[0]))  # type: ignore[attr-defined]
        site = self.cl.site(ent, "hashmap", "a vacant entry reserves a slot first: the first one "  # type: ignore[attr-defined]
                            "allocates the table; " + _GROW_REASON)
        return ir.Intrinsic(e.ty, ent.pos, "map_entry", [pl, k] + rest, site=site,
                            extra={"mode": mode, "value_ty": V, "modify": modify is not None})

    def map_chain(self, e: A.MethodCall) -> ir.Expr | None:
        """`map.keys().count()`, `map.values().sum()`, `map.iter().collect()`."""
        src = e.receiver
        inner = src
        while isinstance(inner, A.MethodCall) and getattr(inner, "method_info", (None,))[0] == "iter":
            inner = inner.receiver
        if getattr(inner, "iter_src", None) != "map_iter":
            return None
        if inner is not src or e.method not in ("count", "sum", "collect") or getattr(e, "collect_string", False):
            return None  # adapters or other consumers: the iterator pipeline (lower_iter.py)
        pl = self.recv_place(src).ir  # type: ignore[attr-defined]
        extra = {"what": src.map_iter, "terminal": e.method,  # type: ignore[attr-defined]
                 "sum_ty": getattr(e, "sum_ty", None), "item": find(src.ty).item}  # type: ignore[union-attr]
        site = None
        if e.method == "collect":
            site = self.cl.site(e, "collect", "a HashMap iterator is not TrustedLen: at the first item "  # type: ignore[attr-defined]
                                "the Vec gets room for max(MIN_NON_ZERO_CAP, len) (the exact size hint), "
                                "then never grows")
        return ir.Intrinsic(e.ty, e.pos, "map_iter_chain", [pl], site=site, extra=extra)

    def map_index_place(self, e: A.Index) -> Any:
        """`map[k]`: `*map.get(k).expect("no entry found for key")`, not assignable (no IndexMut)."""
        from .lower_common import PlaceInfo

        base = self.auto_deref(self.base_place(e.base), e.base.ty,  # type: ignore[attr-defined]
                               getattr(e, "derefs", 0), e.pos)
        self.check_usable(base.path, e.base.pos, "borrow", base.desc)  # type: ignore[attr-defined]
        k = self.value(e.index)  # type: ignore[attr-defined]
        pt = PtrType(e.ty, "ref")
        ptr = ir.Intrinsic(pt, e.pos, "map_index", [base.ir, k],
                           extra={"key": getattr(e, "key_kind", "ref"), "want": "value"})
        mt = find(base.ir.ty)
        return PlaceInfo(ir.Deref(e.ty, e.pos, ptr), None, False, f"index of `{mt}`", f"{base.desc}[..]")

    def map_for_state(self, e: A.For) -> tuple[list[ir.Expr], str, Type]:
        """The state of `for PAT in &map` (or `map.iter()`, `keys()`, `values()`,
        `values_mut()`, `iter_mut()`): the map's place and a slot counter."""
        it = e.iter
        pos = e.pos
        if getattr(it, "iter_src", None) == "map_iter":
            coll = self.recv_place(it).ir  # type: ignore[attr-defined]
            what = it.map_iter  # type: ignore[attr-defined]
            item_ty = find(it.ty).item  # type: ignore[union-attr]
        else:
            pt = find(it.ty)
            assert isinstance(pt, PtrType)
            if isinstance(it, A.Ref) and _is_place_expr(it.x):
                pl = self.place(it.x)  # type: ignore[attr-defined]
                self.check_usable(pl.path, it.pos, "borrow", pl.desc)  # type: ignore[attr-defined]
                if it.mutable:
                    self.require_mutable(pl, it.pos, "borrow")  # type: ignore[attr-defined]
                coll = pl.ir
            else:
                coll = ir.Deref(pt.elem, it.pos, self.value(it))  # type: ignore[attr-defined]
            what = e.map_iter  # type: ignore[attr-defined]
            mt = find(pt.elem)
            assert isinstance(mt, HashMapType)
            item_ty = self._map_item(mt, what, pt.flavor)
        idx = self.hidden(e, "index", USIZE, "<index>")  # type: ignore[attr-defined]
        self.emit(ir.Decl(pos, idx, ir.Const(USIZE, pos, 0)))  # type: ignore[attr-defined]
        return [coll, ir.VarRef(USIZE, pos, idx)], f"map_for_next_{what}", item_ty

    @staticmethod
    def _map_item(mt: HashMapType, what: str, flavor: str) -> Any:
        from ..types import TupleType
        if what == "keys":
            return PtrType(mt.key, "ref")
        return TupleType((PtrType(mt.key, "ref"), PtrType(mt.val, flavor)))


__all__ = ["MapLower", "IterT"]
