"""The failure of `assert!`/`assert_eq!`/`assert_ne!`: Rust 1.95's panic message,
the operands shown with `{:?}` (see lang/rust/asserts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...lang import ir
from ...lang.rust.asserts import failure_message
from ..intrinsics import intrinsic
from ..machine import RunError
from ..ops import rust_format

if TYPE_CHECKING:
    from ..compile import Compiler, Exec


@intrinsic("assert_failed")
def assert_failed(comp: "Compiler", node: ir.Intrinsic, args: list["Exec"]) -> "Exec":
    kind, message, text = node.extra
    types = [a.ty for a in node.args]
    pos = node.pos

    def fail(fr: Any) -> Any:
        shown = [rust_format(ev(fr), t, True) for ev, t in zip(args, types)]
        raise RunError("thread 'main' panicked: " + failure_message(kind, message, text, shown), pos)
    return fail
