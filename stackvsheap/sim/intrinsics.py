"""What the language runtimes give the compiler, registered by them.

The compiler (sim/compile/) knows the machine and the shared IR; each
language's library lives in its own package (sim/go/, sim/rust/) that
depends on the compiler, never the other way round. A runtime registers its
builders here when it is imported (sim/languages.py imports them all), and
the compiler looks them up by name or node type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from ..lang import ir
    from .compile import Compiler, Exec

Builder = Callable[["Compiler", "ir.Intrinsic", list["Exec"]], "Exec"]

# name -> builder(compiler, node, arg_closures) -> closure(frame) -> value
INTRINSICS: dict[str, Builder] = {}
# Statement hooks (Rust: "drop" for ir.Drop).
STMT_HOOKS: dict[str, Callable[["Compiler", Any], "Exec"]] = {}
# IR node type -> builder(compiler, node): the nodes a language's runtime
# implements (Go's slices and strings: make, append, copy, len, ...).
NODE_FORMS: dict[type, Callable[["Compiler", Any], "Exec"]] = {}
# Intrinsic name -> the frame space (autotmp) a non-escaping one needs, or
# None (Go: a map's header and first group, walkMakeMap's stackTempAddr).
STACK_TEMPS: dict[str, Callable[["ir.Intrinsic"], Any]] = {}
# Named compile-time rewrites a runtime offers, which return None when they
# do not apply (Go: "append_in_place" for `s = append(s, ...)`).
REWRITES: dict[str, Callable[..., "Exec | None"]] = {}


def intrinsic(name: str) -> Callable[[Builder], Builder]:
    def deco(fn: Builder) -> Builder:
        INTRINSICS[name] = fn
        return fn
    return deco
