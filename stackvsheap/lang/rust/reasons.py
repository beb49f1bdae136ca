"""Plain-words reasons for the trace's Rust sites: where a binding's bytes
live, and why an expression goes to the heap."""

from __future__ import annotations

from ..types import (
    ArrayType, FuncType, OptionType, PtrType, SliceType, StringType, StructType, TupleType, Type,
    UnitType,
)
from .rtypes import needs_drop


def _bytes(n: int) -> str:
    return f"{n} byte" + ("" if n == 1 else "s")


def _a(word: str) -> str:
    """The article for a word or number as it is read aloud."""
    w = word.lstrip("&")
    if word.startswith("&") or w[:1] in ("a", "e", "i", "o", "A", "E", "I", "O", "8") or \
            w.startswith(("11", "18")) and (len(w) == 2 or not w[2:3].isdigit()):
        return "an"
    return "a"


def _sized(n: int, t: object) -> str:
    """'an 8-byte i64'."""
    return f"{_a(str(n))} {n}-byte {t}"


def _owned_heap(t: Type) -> str:
    """What heap memory a value of type t owns, in a few words."""
    if isinstance(t, PtrType) and t.flavor == "box":
        return f"the {t.elem} it points to" if t.elem.size else ""
    if isinstance(t, PtrType) and t.flavor == "rc":
        return f"the shared {t.elem} and its counts"
    if isinstance(t, SliceType) and t.flavor == "vec":
        return "its elements" if t.elem.size else ""
    if isinstance(t, SliceType) and t.flavor == "string":
        return "its bytes"
    return ""


def var_reason(t: Type, count: int | None = None) -> str:
    """Where a local of type t keeps its bytes. `count`: the Vec's known
    length (0: created empty, nothing allocated yet)."""
    size = t.size
    trait = getattr(t, "trait", None)
    if trait is not None and getattr(t, "flavor", None) in ("box", "ref", "mut"):  # a fat pointer (dyn.py)
        owns = ("the value it owns is in its own heap block (none for a zero-sized type)" if t.flavor == "box"
                else "the value it borrows stays where its owner keeps it")
        return (f"a 16-byte fat pointer on the stack: the data pointer and a pointer to the static "
                f"`vtable for <type> as {trait}` (drop, size, align, methods); {owns}")
    if isinstance(t, UnitType) or (size == 0 and not isinstance(t, (PtrType, SliceType))):
        return "zero-sized: it takes no space in the stack frame"
    if isinstance(t, SliceType) and t.flavor == "vec":
        if t.elem.size == 0:
            return (f"the Vec header (pointer, capacity, length: 24 bytes) is on the stack; its "
                    f"zero-sized {t.elem} elements need no heap buffer at all")
        if count == 0:
            return ("the Vec header (pointer, capacity, length: 24 bytes) is on the stack; it starts "
                    "empty with no heap buffer: the first push allocates one")
        what = f"its {count} elements" if count else "its elements"
        return (f"the Vec header (pointer, capacity, length: 24 bytes) is on the stack; {what} "
                f"({t.elem}, {_bytes(t.elem.size)} each) are in one heap buffer")
    if isinstance(t, SliceType) and t.flavor == "string":
        if count == 0:
            return ("the String header (pointer, capacity, length: 24 bytes) is on the stack; it "
                    "starts empty with no heap buffer")
        return "the String header (pointer, capacity, length: 24 bytes) is on the stack; its bytes are on the heap"
    if isinstance(t, SliceType):
        return ("a 16-byte slice reference (pointer, length) on the stack; the elements it borrows "
                "live wherever their owner put them")
    if isinstance(t, StringType):
        return ("a 16-byte &str (pointer, length) on the stack; a literal's text is in the program's "
                "read-only data, never on the heap")
    if isinstance(t, PtrType):
        if t.flavor == "box":
            if t.elem.size == 0:
                return (f"an 8-byte Box pointer on the stack; {t.elem} is zero-sized, so nothing was "
                        f"allocated (the pointer is dangling but aligned)")
            return (f"the 8-byte Box pointer is on the stack; the {t.elem} it owns "
                    f"({_bytes(t.elem.size)}) is on the heap")
        if t.flavor == "rc":
            return (f"the 8-byte Rc pointer is on the stack; the strong and weak counts and the "
                    f"{t.elem} share one heap block of {_bytes(16 + t.elem.size)}")
        return (f"an 8-byte reference on the stack; it borrows {_a(str(t.elem))} {t.elem} that stays "
                f"where its owner keeps it")
    if isinstance(t, OptionType):
        inner = t.inner
        if isinstance(inner, PtrType) and inner.flavor == "box":
            return (f"8 bytes on the stack (None is a null pointer, no tag needed); a Some's "
                    f"{inner.elem} is on the heap")
        heap = _owned_heap(inner)
        base = f"{_sized(size, t)} in the stack frame"
        return base + (f"; when Some, {heap} are on the heap" if heap else "")
    if isinstance(t, ArrayType):
        base = f"{_sized(size, t)} directly in the stack frame (no heap)"
        heap = _owned_heap(t.elem)
        if heap:
            base = f"{_sized(size, t)} in the stack frame; each element's {heap.replace('its ', '')} are on the heap"
        return base
    if isinstance(t, FuncType):
        return "a closure in the stack frame"
    if isinstance(t, (StructType, TupleType)):
        base = f"{_sized(size, t)} in the stack frame"
        if needs_drop(t):
            base += "; the fields that own heap memory point to it"
        return base
    return f"{_sized(size, t)} in the stack frame"


def param_reason(t: Type) -> str:
    return "a parameter: " + var_reason(t)


def expr_reason(kind: str, t: Type | None = None, n: int | None = None, extra: str = "") -> str:
    """Why an allocating expression puts something on the heap."""
    if kind == "box":
        return f"Box::new moves the {t} ({_bytes(t.size)}) into its own heap allocation" if t else ""
    if kind == "rc":
        return (f"Rc::new allocates one heap block for the strong and weak counts (16 bytes) and the "
                f"{t} ({_bytes(t.size)})" if t else "")
    if kind == "vec_lit":
        return (f"vec! allocates a heap buffer for exactly {n} element{'s' if n != 1 else ''} "
                f"({_bytes(n * t.size)}) before it evaluates them" if t is not None and n is not None else "")
    if kind == "vec_repeat":
        return ("vec![x; n] allocates n elements on the heap (zeroed memory straight from the allocator "
                "when x is zero) and clones x into all but the last")
    if kind == "with_capacity":
        return "with_capacity allocates the whole buffer up front, so pushes up to that capacity never reallocate"
    if kind == "collect":
        return "collect builds a Vec whose buffer is on the heap" + (f": {extra}" if extra else "")
    if kind == "string_from":
        return "copies the text into a new heap buffer of exactly its length"
    if kind == "clone_vec":
        return "clone allocates a new heap buffer of exactly len elements and clones each one"
    if kind == "clone_string":
        return "clone copies the bytes into a new heap buffer of exactly len bytes"
    if kind == "clone_box":
        return "cloning a Box allocates a new heap block and clones the value into it"
    if kind == "clone":
        return "clone duplicates every heap allocation the value owns"
    if kind == "push":
        return ("push writes into the heap buffer; when it is full the buffer grows to the larger of "
                "twice the capacity and what is needed (at least 4 elements, 8 for bytes) by realloc")
    if kind == "push_str":
        return ("push_str copies into the String's heap buffer; when it is full it grows to the larger "
                "of twice the capacity and what is needed (at least 8 bytes) by realloc")
    if kind == "to_vec":
        return "to_vec allocates a new heap buffer of exactly len elements"
    return extra
