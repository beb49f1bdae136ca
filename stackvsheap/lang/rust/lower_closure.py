"""`move` closures that capture owned values (a String, a Vec, a Box).

The closure's struct owns them: the captured variables are moved at the
closure's creation (a later use is E0382) and dropped when the closure is,
at the end of the `let` binding's scope, in capture order. The simulator
keeps their values where they were (the closure reads them through its
environment, as it does for borrowed captures), so only the drop moves.
Only a closure bound by `let` to a name is supported: as a temporary (an
argument) it would drop with whatever it was passed to.
"""

from __future__ import annotations

from typing import Any

from . import ast as A


class ClosureLower:
    def move_into_closure(self, e: A.Closure, owned: list[Any]) -> None:
        if not getattr(e, "let_bound", False):
            self.fail("unsupported: a `move` closure that captures an owned value, other than one "
                      "bound with `let`", e.pos)
        moved = []
        for b in owned:
            if b.owner is not self.owner:
                self.fail("unsupported: a `move` closure capturing an owned value of an enclosing closure",
                          e.pos)
            v = self.cl.var(b)
            self.check_usable((v, ()), e.pos, "use", b.name)
            self.mark_moved((v, ()), e.pos)
            moved.append(v)
        e.moved_in = moved  # type: ignore[attr-defined]
