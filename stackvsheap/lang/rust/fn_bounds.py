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

    def closure_param(t: A.TypeExpr) -> A.TypeExpr | None:
        return subs[t.name] if isinstance(t, A.TPath) and t.name in subs and not t.args else None
    for p in fn.params:
        p.type = A.rewrite_type(p.type, closure_param)
    if fn.ret is not None:
        fn.ret = A.rewrite_type(fn.ret, closure_param)
