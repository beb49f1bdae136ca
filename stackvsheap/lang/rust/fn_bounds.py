"""`fn apply<F: Fn(i32) -> i32>(f: F)` (or `where F: Fn(..)`): a type parameter
whose one bound is a closure trait is the closure's function type, as for
`impl Fn(i32) -> i32` (typeck_iter.py): monomorphising over the closure's
unique type changes no placement or allocation, so F is replaced by that
type in the signature and leaves the generics."""

from __future__ import annotations

from typing import Any

from . import ast as A


def substitute(ps: Any, fn: A.FnDecl) -> None:
    gens = getattr(fn, "generics", None) or []
    subs: dict[str, A.TPath] = {}
    keep = []
    for name, bounds in gens:
        fns = [b for b in bounds if isinstance(b, A.TPath)]
        if not fns:
            keep.append((name, bounds))
            continue
        if len(bounds) != 1:
            ps.fail(f"unsupported: `{name}` bound by a closure trait and other traits", fns[0].pos)
        subs[name] = fns[0]
    if not subs:
        return
    fn.generics = keep  # type: ignore[attr-defined]

    def walk(t: Any) -> Any:
        if isinstance(t, A.TPath):
            if t.name in subs and not t.args:
                return subs[t.name]
            t.args = [walk(a) for a in t.args]
        elif isinstance(t, A.TRef):
            t.inner = walk(t.inner)
        elif isinstance(t, (A.TSlice, A.TArray)):
            t.elem = walk(t.elem)
        elif isinstance(t, A.TTuple):
            t.elems = [walk(e) for e in t.elems]
        return t
    for p in fn.params:
        p.type = walk(p.type)
    if fn.ret is not None:
        fn.ret = walk(fn.ret)
