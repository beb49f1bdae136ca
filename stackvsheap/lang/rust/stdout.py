"""std's stdout buffer: the allocation behind the first `println!`/`print!`.

`std::io::stdout()` is a `ReentrantLock<RefCell<LineWriter<StdoutRaw>>>` in a
static `OnceLock`; the `LineWriter`'s `BufWriter` gets
`Vec::with_capacity(STDOUT_BUF_SIZE)` (1,024 bytes, library/std/src/io/stdio.rs)
the first time anything prints, and the static is never dropped. `eprintln!`
goes to unbuffered stderr and allocates nothing.
"""

from __future__ import annotations

from typing import Any

from .. import ir

STDOUT_BUF_SIZE = 1024
STDOUT_REASON = ("std's stdout is a LineWriter: its 1 KiB buffer is allocated at the first print "
                 "of the process and lives in a static, never freed")


def stdout_site(node: Any) -> ir.AllocSite:
    """The (unlisted) site of the buffer, at the print that may allocate it."""
    return ir.AllocSite(node.pos, "stdout", getattr(node, "src", "") or "println!", "heap",
                        STDOUT_REASON)
