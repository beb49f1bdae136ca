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


def _is_func_lit(loc: Location | None) -> bool:
    return (loc is not None and loc.kind == "site" and isinstance(loc.n, ir.AllocSite)
            and loc.n.kind == "func_lit")


def heap_sink(edge_notes: Note | None) -> str:
    """Why a flow into the heap pseudo-location exists, as a past participle
    phrase: the note nearest to the heap names the store or call."""
    for nt in reversed(_notes(edge_notes)):
        why, where = nt.why, nt.where
        if why == "global":
            return f"stored in the global {describe(where)}"
        if why in ("store through pointer", "store into slice element"):
            what = "slice" if why == "store into slice element" else "pointer"
            return (f"stored through {describe(where)}: the compiler treats a store "
                    f"through a {what} as a store to the heap")
        if why == "leaking param":
            fn, i = where
            p = fn.params[i].name if i < len(fn.params) else f"#{i}"
            return f"passed to {fn.display_name}, which lets its parameter {p} escape"
        if why == "leaking param content" and isinstance(where, ir.Intrinsic) and where.name == "fmt_call":
            return (f"passed to fmt.{where.extra}, whose ...any arguments escape "
                    f"(the value is copied into the interface's heap object)")
        if why == "call to unknown function" and isinstance(where, ir.Intrinsic):
            return (f"held by an interface whose method {where.extra} is called dynamically: "
                    f"the compiler cannot see the method, so it assumes the value escapes")
        if why == "leaking param" and isinstance(where, ir.Intrinsic):
            return "passed to errors.New, which keeps it in the error"
        if why == "indirect call":
            return "passed to a function value, whose arguments the compiler assumes escape"
        if why == "appended value":
            return "appended to a slice (append may copy its values into a heap array)"
        if why in ("appendee slice", "appended slice..."):
            return "held by a slice passed to append (append may copy it into a heap array)"
        if why == "copied slice":
            return "held by a slice passed to copy, which copies it into memory it cannot see"
        if why.startswith("too large") or why.startswith("its elements"):
            return why
    return "stored where the compiler cannot follow it"


def _sink(b: "Batch", loc: Location, root: Location, path: list, depth: int) -> str:
    if root.kind == "heap":
        last = path[-1][1].notes if path and path[-1][1] is not None else None
        return heap_sink(last)
    if root.param_out:
        if root.curfn is not None and root.curfn.outer is not None:
            return "returned by a closure whose callers the compiler cannot see"
        return "returned to the caller"
    if root.has(ATTR_ESCAPES):
        if _is_func_lit(root):
            return "captured by a closure that is " + _strip_subject(reason_for(b, root, False, depth + 1))
        if root.kind == "var":
            return f"stored in {root.label}, which is moved to the heap"
        return f"stored in {root.label}, which is " + _strip_subject(reason_for(b, root, False, depth + 1))
    if b.contains_closure(root.curfn, loc.curfn):
        return f"stored in {root.label}, which belongs to the enclosing function and outlives the closure"
    return f"stored in {root.label}, which is declared outside the loop and outlives the iteration"


def _strip_subject(r: str) -> str:
    return r[len("address "):] if r.startswith("address ") else r


def reason_for(b: "Batch", loc: Location, subject_var: bool, depth: int = 0) -> str:
    """One sentence: why loc must be heap allocated."""
    if loc.heap_reason:
        return loc.heap_reason
    root = loc.escape_root
    path = loc.escape_path
    if root is None or depth > 6:
        return "escapes to the heap"
    sink = _sink(b, loc, root, path, depth)
    # The first place the address is stored in on its way to the root.
    first = path[0][0] if path else None
    if _is_func_lit(first) and first is not root:
        fate = _strip_subject(reason_for(b, first, False, depth + 1)) if first.has(ATTR_ESCAPES) else sink
        return f"captured by reference by a closure that is {fate}"
    if _is_func_lit(root) and sink.startswith("captured by a closure"):
        return sink.replace("captured by a closure", "captured by reference by a closure", 1)
    via = next((d for d, _ in path[:-1] if d.kind == "var" and not d.label.startswith(".")), None)
    lead = "address " if subject_var else ""
    if via is not None:
        return f"{lead}stored in {via.label}, which is {sink}"
    return f"{lead}{sink}"


def stack_reason(b: "Batch", loc: Location, site: ir.AllocSite | None) -> str:
    if site is None:
        if loc.captured:
            return "captured by closures that do not outlive it"
        return "its address never outlives the call"
    if site.kind == "func_lit":
        return "the closure is only used while the function runs"
    if site.zero_copy:
        return "does not escape and is never written: it shares the string's bytes"
    if site.stack_buffer_bytes is not None:
        if site.stack_buffer_bytes == 0:
            return "does not escape, but its size is only known at run time and no stack buffer fits it"
        return (f"does not escape; its size is only known at run time, so it uses a "
                f"{site.stack_buffer_bytes}-byte stack buffer when it fits, else the heap")
    if site.kind == "append":
        return "the slice it grows does not escape"
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
            # rewriteWithLiterals replaces the argument itself, so walk lays
            # a non-escaping make out as a constant-size frame array.
            r = node.cap if node.cap is not None else node.length
            if not isinstance(r, ir.Const):
                if node.cap is not None:
                    node.cap = ir.Const(r.ty, r.pos, size)
                else:
                    node.length = ir.Const(r.ty, r.pos, size)
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
    """Package-level `var x = e`. cmd/compile/internal/staticinit lays out as
    static data what it can (constants, composite literals, `&T{...}`, slice
    literals, closures without captures, addresses of globals); the rest
    becomes code in the package init function, where it is stored into
    global (that is, heap) memory."""
    from .escape import Batch
    from .escape_range import LoopInfo
    from .escape_static import collect_facts

    prog = an.program
    stmts: list[ir.Stmt] = []
    for s in prog.global_inits:
        target, value = _global_init(s)
        if target is None or value is None:
            continue
        dynamic: list[ir.Expr] = []
        _static_split(value, dynamic)
        for e in dynamic:
            stmts.append(ir.Assign(s.pos, [ir.VarRef(target.ty, s.pos, target)], [e]))
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


def _global_init(s: ir.Stmt) -> tuple[ir.Var | None, ir.Expr | None]:
    if isinstance(s, ir.Decl):
        return s.var, s.init
    if isinstance(s, ir.Assign) and len(s.values) == 1 and isinstance(s.targets[0], ir.VarRef):
        return s.targets[0].var, s.values[0]
    return None, None


def _static_split(e: ir.Expr | None, dynamic: list[ir.Expr]) -> None:
    """staticinit.StaticAssign: lay out e statically where it can; collect the
    parts that need init code."""
    if e is None or isinstance(e, (ir.Const, ir.Zero, ir.FuncRef)):
        return
    if isinstance(e, ir.AddrOf) and isinstance(e.place, ir.VarRef) and e.place.var.is_global:
        return
    if isinstance(e, ir.FuncLit) and not e.captures:
        _static_site(e.site)
        return
    if isinstance(e, ir.StrConvert) and isinstance(e.x, ir.Const) and isinstance(e.ty, SliceType):
        _static_site(e.site)
        return
    if isinstance(e, ir.Alloc) and e.site.kind != "new" and isinstance(e.init, (ir.CompositeLit, ir.Zero)):
        _static_site(e.site)
        _static_split(e.init, dynamic)
        return
    if isinstance(e, ir.SliceLit):
        _static_site(e.site)
        for x in e.elems:
            _static_split(x, dynamic)
        return
    if isinstance(e, ir.CompositeLit):
        for x in e.elems:
            _static_split(x, dynamic)
        return
    dynamic.append(e)


def _static_site(site: ir.AllocSite) -> None:
    site.silent = True
    site.placement = "heap"
    site.reason = "laid out as static data by the compiler: no allocation at run time"


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
