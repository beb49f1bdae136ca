"""std's stdout buffer on the simulated machine (see lang/rust/stdout.py).

The first print of the run allocates the `LineWriter`'s 1,024-byte buffer
through the global allocator, after the arguments are formatted (rustc's
`_print` runs `Stdout::lock` then `write_fmt`; the `OnceLock` initialises the
`BufWriter` on that first use); the static keeps it, so it is never freed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ...lang import ir
from ...lang.rust.rtypes import U8
from ...lang.rust.stdout import STDOUT_BUF_SIZE
from ..intrinsics import STMT_HOOKS

if TYPE_CHECKING:
    from ..compile import Compiler

_KEY = "stdout"


def stdout_buffer(comp: "Compiler", s: ir.Print) -> Callable[[Any], None]:
    m = comp.m
    site = s.site
    pos = s.pos

    def ensure(fr: Any) -> None:
        if _KEY not in m.statics:
            m.statics[_KEY] = m.rust_alloc(U8, STDOUT_BUF_SIZE, "stdout buffer", site, pos)
    return ensure


STMT_HOOKS["stdout_buffer"] = stdout_buffer
