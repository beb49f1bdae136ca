"""Turning solved escape graphs into verdicts a player can read.

* `finish_batch`: parameter tags (escape.go `paramTag`), the compiler's leak
  messages, and every site's and variable's placement and reason.
* `analyze_global_inits`: package-level initialisers (the compiler's package
  `init`, minus what `staticinit` lays out as static data).
* `finish_program`: `program.sites` in source order and `program.escape_leaks`.

Reasons follow the path the solver recorded when a location started to
escape (the compiler's `explainPath`, shown with `-m=2`), reduced to one
sentence: what the address was stored in, and where that ends up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import ir
from ..types import PtrType, SliceType, StringType
from .escape_graph import ATTR_ESCAPES, ATTR_MUTATES, Leaks, Location, Note, heap_leaks
from .escape_static import static_callee

if TYPE_CHECKING:
    from .escape import Analysis, Batch

STACK_BUFFER_BYTES = 32
#: walkRuneToString: string(rune) uses a 4-byte stack buffer.
RUNE_BUFFER_BYTES = 4


# ---- printing places for reasons --------------------------------------------


def describe(e: Any) -> str:
    """A short Go spelling of a place or expression for a sentence."""
    if isinstance(e, ir.Var):
        return e.name
    if isinstance(e, ir.VarRef):
        return e.var.name
    if isinstance(e, ir.FieldRef):
        base = e.base.ptr if isinstance(e.base, ir.Deref) else e.base
        bt = e.base.ty if not isinstance(e.base, ir.Deref) else e.base.ptr.ty
        if isinstance(bt, PtrType):
            bt = bt.elem
        fields = getattr(bt, "fields", None)
        name = fields[e.index][0] if fields and e.index < len(fields) else str(e.index)
        return f"{describe(base)}.{name}"
    if isinstance(e, ir.IndexRef):
        return f"{describe(e.base)}[{describe(e.index)}]"
    if isinstance(e, ir.Deref):
        return f"*{describe(e.ptr)}"
    if isinstance(e, ir.Const):
        return repr(e.value) if isinstance(e.value, str) else str(e.value)
    if isinstance(e, ir.Call):
        return f"{e.func.name}(...)"
    if isinstance(e, ir.AllocSite):
        return e.text
    if hasattr(e, "site") and isinstance(getattr(e, "site"), ir.AllocSite):
        return e.site.text
    if isinstance(e, ir.Binary):
        return f"{describe(e.x)} {e.op} {describe(e.y)}"
    return "a value"


def _notes(n: Note | None) -> list[Note]:
    out = []
    while n is not None:
        out.append(n)
        n = n.next
    return out


def _kib(n: int) -> str:
    return f"{n // 1024} KiB"


def sink_phrase(b: "Batch", root: Location, edge_notes: Note | None) -> str:
    """Where the flow ends, as a past-participle phrase ("returned to the caller")."""
    notes = _notes(edge_notes)
    if root.kind == "heap":
        # The note nearest to the heap says why the heap was the destination.
        for nt in reversed(notes):
            why, where = nt.why, nt.where
            if why == "global":
                return f"stored in the global {describe(where)}"
            if why in ("store through pointer", "store into slice element"):
                return (f"stored through {describe(where)}, and the compiler treats a store "
                        "through a pointer or slice as a store to the heap")
            if why == "leaking param":
                fn, i = where
                p = fn.params[i].name if i < len(fn.params) else f"#{i}"
                return f"passed to {fn.display_name}, whose parameter {p} escapes"
            if why == "indirect call":
                return "passed to a function value, and the compiler assumes such arguments escape"
            if why == "appended value":
                return "appended to a slice, whose new backing array may be on the heap"
            if why in ("appendee slice", "appended slice..."):
                return "kept in a slice passed to append, whose new backing array may be on the heap"
            if why == "copied slice":
                return "copied by copy into a slice that may be on the heap"
            if why.startswith("too large") or why.startswith("its elements"):
                return why
        return "stored where the compiler cannot follow it (the heap)"
    if root.param_out:
        if root.curfn is not None and root.curfn.outer is not None:
            return "returned by a closure the compiler cannot follow"
        return "returned to the caller"
    if root.has(ATTR_ESCAPES):
        return f"stored in {root.label}, which escapes to the heap"
    if root.kind == "var":
        if b.contains_closure(root.curfn, _first_curfn(root, b)):
            return f"stored in {root.label}, which belongs to the enclosing function"
        return f"stored in {root.label}, which lives outside the loop"
    if root.kind == "site":
        return f"stored in {root.label}, which lives outside the loop"
    return "stored in a location that outlives it"


def _first_curfn(root: Location, b: "Batch") -> Any:
    return None


def reason_for(b: "Batch", loc: Location, subject_var: bool) -> str:
    if loc.heap_reason:
        return loc.heap_reason
    root = loc.escape_root
    path = loc.escape_path
    if root is None:
        return "escapes to the heap"
    last_notes = path[-1][1].notes if path and path[-1][1] is not None else None
    sink = sink_phrase(b, root, last_notes)
    if root.kind == "var" and not root.has(ATTR_ESCAPES):
        # outlives by loop depth or closure nesting
        if b.contains_closure(root.curfn, loc.curfn):
            sink = f"stored in {root.label}, a variable of the enclosing function"
    # The first named place the address went through, if not the root itself.
    via = None
    for dst, _edge in path[:-1]:
        if dst.kind == "site" and isinstance(dst.n, ir.AllocSite) and dst.n.kind == "func_lit":
            return _closure_reason(sink, subject_var)
        if dst.kind == "var":
            via = dst
            break
    if path and path[0][0].kind == "site" and isinstance(path[0][0].n, ir.AllocSite) \
            and path[0][0].n.kind == "func_lit":
        return _closure_reason(sink, subject_var)
    lead = "address " if subject_var else ""
    if via is not None:
        verb = sink[0].lower() + sink[1:]
        return f"{lead}stored in {via.label}, which is {verb}".replace("which is stored", "which is stored")
    return f"{lead}{sink}"


def _closure_reason(sink: str, subject_var: bool) -> str:
    if sink == "returned to the caller":
        return "captured by a closure that is returned to the caller"
    return f"captured by a closure that is {sink}"


def stack_reason(b: "Batch", loc: Location, site: ir.AllocSite | None) -> str:
    if site is None:
        v = loc.n
        if loc.captured and not loc.addrtaken:
            return "captured by a closure that does not outlive it"
        return "its address never outlives the call"
    if site.kind == "func_lit":
        return "the closure is only used while the function runs"
    if site.stack_buffer_bytes:
        return (f"does not escape; its size is only known at run time, so it uses a "
                f"{site.stack_buffer_bytes}-byte stack buffer when it fits, else the heap")
    if site.kind == "append":
        return "the appended-to slice does not escape"
    return "does not escape the function"


# ---- parameter tags (escape.go paramTag / reportLeaks) ----------------------


def param_tag(an: "Analysis", b: "Batch", fn: ir.Func, i: int) -> Leaks:
    p = fn.params[i]
    if not _has_pointers(p.ty):
        return heap_leaks()  # "don't bother tagging for scalars"
    if p.name in ("", "_"):
        return Leaks()  # unnamed parameters are unused: do not escape
    loc = b.var_locs.get(id(an.canon(p)))
    if loc is None:
        return heap_leaks()
    esc = loc.param_esc.copy()
    esc.optimize()
    if not loc.has(ATTR_ESCAPES):
        _report_leaks(an, p, esc, fn)
    return esc


def _report_leaks(an: "Analysis", p: ir.Var, esc: Leaks, fn: ir.Func) -> None:
    msgs = []
    x = esc.heap()
    if x >= 0:
        msgs.append(f"leaking param: {p.name}" if x == 0 else f"leaking param content: {p.name}")
    from .escape import named_results

    named = named_results(fn)
    for i in range(5):
        x = esc.result(i)
        if x >= 0:
            res = named[i].name if named is not None else f"~r{i}"
            msgs.append(f"leaking param: {p.name} to result {res} level={x}")
    if not msgs:
        msgs.append(f"{p.name} does not escape")
    for m in msgs:
        an.leak_messages.append((p.pos, m))


def _has_pointers(t: Any) -> bool:
    try:
        return bool(t.has_pointers)
    except Exception:
        return False


# ---- make sizes (escape.go rewriteWithLiterals) -------------------------------


def make_static_size(b: "Batch", node: ir.MakeSlice) -> int | None:
    """The constant cap (else len) of a make, after rewriteWithLiterals."""
    r = node.cap if node.cap is not None else node.length
    v = _const_int(r)
    if v is not None:
        return v
    fn = b.site_fn.get(id(node))
    ro = b.an.oracle_for(fn) if fn is not None else None
    if ro is None:
        return None
    s = ro.static_value(r)
    v = _const_int(s)
    if v is not None and v >= 0:
        return v
    if isinstance(s, ir.Len):
        x = ro.static_value(s.x)
        if isinstance(x, ir.SliceLit):
            return len(x.elems)
    return None


def _const_int(e: Any) -> int | None:
    if isinstance(e, ir.Const) and isinstance(e.value, int) and not isinstance(e.value, bool):
        return e.value
    return None


def _split_top(s: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return out


def rewrite_make_text(text: str, node: ir.MakeSlice, size: int) -> str:
    """`make([]T, n)` -> `make([]T, 10)` when n's static value is 10."""
    if not text.startswith("make(") or not text.endswith(")"):
        return text
    parts = [p.strip() for p in _split_top(text[5:-1])]
    r_index = 2 if node.cap is not None else 1
    if r_index >= len(parts):
        return text
    if _const_int(node.cap if node.cap is not None else node.length) is not None:
        return text
    parts[r_index] = str(size)
    return "make(" + ", ".join(parts) + ")"


# ---- finishing a batch ------------------------------------------------------


def finish_batch(an: "Analysis", b: "Batch") -> None:
    # Parameter tags, for callers in later batches (escape.go finish/paramTag).
    for fn in b.fns:
        an.tags[id(fn)] = [param_tag(an, b, fn, i) for i in range(len(fn.params))]
    for fn in b.fns:
        an.tagged.add(id(fn))

    for site, loc, node in b.sites:
        _finish_site(an, b, site, loc, node)
        an.all_sites.append(site)

    for loc in b.var_locs.values():
        v = loc.n
        if not isinstance(v, ir.Var) or v.is_global:
            continue
        escapes = loc.has(ATTR_ESCAPES)
        if loc.captured:
            v.captured = True
        if loc.addrtaken and not loc.param:
            v.addr_taken = v.addr_taken or not loc.captured or _syntactic_addr(an, v)
        if escapes:
            v.placement = "heap"
            v.reason = reason_for(b, loc, True)
        else:
            v.placement = "stack"
            v.reason = stack_reason(b, loc, None) if (v.addr_taken or v.captured) else ""
        if (v.addr_taken or v.captured or escapes) and not v.name.startswith("."):
            an.reported_vars.append(v)


def _syntactic_addr(an: "Analysis", v: ir.Var) -> bool:
    for facts in an.facts.values():
        if id(v) in facts.addrtaken:
            return True
    return False


def _finish_site(an: "Analysis", b: "Batch", site: ir.AllocSite, loc: Location, node: Any) -> None:
    escapes = loc.has(ATTR_ESCAPES)
    site.placement = "heap" if escapes else "stack"
    site.stack_buffer_bytes = None
    site.zero_copy = False
    if isinstance(node, ir.MakeSlice):
        size = make_static_size(b, node)
        if size is not None:
            site.text = rewrite_make_text(site.text, node, size)
        if not escapes and size is None:
            # walkMakeSlice: a run-time-sized make that does not escape gets a
            # stack array of K = 32/sizeof(T) elements, used when cap <= K
            # (base.Debug.VariableMakeThreshold); K = 0 means always makeslice.
            elem = node.ty.elem if isinstance(node.ty, SliceType) else None
            esize = elem.size if elem is not None else 0
            k = STACK_BUFFER_BYTES // esize if esize else 0
            site.stack_buffer_bytes = k * esize
    elif isinstance(node, ir.Concat) and not escapes:
        # walkAddString: the 32-byte buffer only if the constant parts leave room.
        lit = sum(len(p.value.encode("utf-8", "surrogateescape")) for p in node.parts
                  if isinstance(p, ir.Const) and isinstance(p.value, str))
        site.stack_buffer_bytes = STACK_BUFFER_BYTES if lit < STACK_BUFFER_BYTES else 0
    elif isinstance(node, ir.StrConvert) and not escapes:
        if isinstance(node.ty, SliceType) and isinstance(node.x.ty, StringType):
            if not loc.has(ATTR_MUTATES):
                # Never written through: it aliases the string (OSTR2BYTESTMP).
                site.zero_copy = True
            elif isinstance(node.x, ir.Const):
                pass  # walkStringToBytes: an exact-size stack array
            else:
                site.stack_buffer_bytes = STACK_BUFFER_BYTES
        elif isinstance(node.ty, StringType) and not isinstance(node.x.ty, SliceType):
            site.stack_buffer_bytes = RUNE_BUFFER_BYTES  # string(rune): intstring
        else:
            site.stack_buffer_bytes = STACK_BUFFER_BYTES  # slicebytetostring
    if escapes:
        site.reason = reason_for(b, loc, False)
    else:
        site.reason = stack_reason(b, loc, site)


def analyze_global_inits(an: "Analysis") -> None:
    """Package-level `var x = e`: static data when staticinit can lay it out,
    else code in the package init function, where every store is to a global."""
    from .escape import Batch
    from .escape_range import LoopInfo
    from .escape_static import collect_facts

    prog = an.program
    stmts: list[ir.Stmt] = []
    for s in prog.global_inits:
        value = _global_init_value(s)
        if value is not None and is_static(value):
            _mark_static(value)
            continue
        stmts.append(s)
    if not stmts:
        return
    pos = stmts[0].pos
    init = ir.Func("init", pos, [], [], ir.Block(pos, stmts))
    an.root_of[id(init)] = init
    an.facts[id(init)] = collect_facts(init, an.canonical, {})
    an.loops[id(init)] = LoopInfo()
    b = Batch(an, [init])
    b.run()
    finish_batch(an, b)


def _global_init_value(s: ir.Stmt) -> ir.Expr | None:
    if isinstance(s, ir.Assign) and len(s.values) == 1:
        return s.values[0]
    if isinstance(s, ir.Decl):
        return s.init
    return None


def is_static(e: ir.Expr | None) -> bool:
    """What cmd/compile/internal/staticinit lays out as data (no init code)."""
    if e is None:
        return True
    if isinstance(e, (ir.Const, ir.Zero, ir.FuncRef)):
        return True
    if isinstance(e, ir.Convert):
        return is_static(e.x)
    if isinstance(e, ir.AddrOf):
        return isinstance(e.place, ir.VarRef) and e.place.var.is_global
    if isinstance(e, ir.CompositeLit):
        return all(is_static(x) for x in e.elems)
    if isinstance(e, ir.SliceLit):
        return all(is_static(x) for x in e.elems)
    if isinstance(e, ir.Alloc):
        return e.site.kind != "new" and e.init is not None and is_static(e.init)
    if isinstance(e, ir.FuncLit):
        return not e.captures
    if isinstance(e, ir.StrConvert):
        return isinstance(e.x, ir.Const) and isinstance(e.ty, SliceType)
    return False


def _mark_static(e: ir.Expr) -> None:
    from .escape_static import child_exprs

    site = getattr(e, "site", None)
    if isinstance(site, ir.AllocSite):
        site.silent = True
        site.placement = "heap"
        site.reason = "laid out as static data by the compiler"
    for c in child_exprs(e):
        if c is not None:
            _mark_static(c)


# ---- the program's sites ----------------------------------------------------


def finish_program(an: "Analysis") -> None:
    prog = an.program
    sites: list[ir.Site] = []
    seen: set[int] = set()
    for site in an.all_sites:
        if id(site) in seen or site.silent:
            continue
        seen.add(id(site))
        sites.append(ir.Site(site.pos[0], site.pos[1], "expr", site.placement, site.reason,
                             expr=site.text))
    seen_vars: set[int] = set()
    for v in an.reported_vars:
        if id(v) in seen_vars:
            continue
        seen_vars.add(id(v))
        sites.append(ir.Site(v.pos[0], v.pos[1], "var", v.placement, v.reason, name=v.name))
    sites.sort(key=lambda s: (s.line, s.col, s.kind))
    prog.sites = sites
    leaks = sorted(an.leak_messages, key=lambda x: (x[0][0], x[0][1]))
    prog.escape_leaks = [f"{pos[0]}:{pos[1]}: {m}" for pos, m in leaks]  # type: ignore[attr-defined]
