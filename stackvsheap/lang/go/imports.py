"""`import` declarations: the standard-library packages the subset knows.

Only the parts the issue "Real code" names are modelled (fmt, errors,
strconv; see lang/go/stdlib.py for the functions); any other path is refused
by name. Imports are file-scoped in Go; with one file per program the
package scope serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from .scope import Obj, kids, pos_of, text_of

if TYPE_CHECKING:
    from .package import PackageChecker

#: import path -> the functions lang/go/stdlib.py lowers
KNOWN_PACKAGES: dict[str, tuple[str, ...]] = {
    "fmt": ("Println", "Print", "Printf", "Sprintf", "Sprint", "Sprintln", "Errorf"),
    "errors": ("New",),
    "strconv": ("Itoa",),
    "strings": (),  # the Builder type (builder.py)
    # math: the functions whose float64 results are exactly specified (correctly
    # rounded, or plain products for Pow with an integer exponent: gomath.py)
    "math": ("Sqrt", "Abs", "Floor", "Ceil", "Trunc", "Round", "Max", "Min", "Pow", "Inf", "IsNaN",
             "IsInf", "Signbit", "Copysign"),
}


@dataclass(eq=False)
class PkgObj(Obj):
    """An imported package name."""

    name: str
    path: str
    node: Node
    used: bool = False
    kind = "package"


def declare_imports(checker: "PackageChecker", decl: Node) -> list[PkgObj]:
    specs: list[Node] = []
    for c in kids(decl):
        if c.type == "import_spec":
            specs.append(c)
        elif c.type == "import_spec_list":
            specs.extend(s for s in kids(c) if s.type == "import_spec")
    out: list[PkgObj] = []
    for spec in specs:
        pn = spec.child_by_field_name("path")
        nn = spec.child_by_field_name("name")
        if pn is None:
            checker.err(spec, "syntax error: missing import path")
        path = text_of(pn).strip('"`')
        if path not in KNOWN_PACKAGES:
            checker.unsupported(pn, f"import of package {path} (only fmt, errors, strconv, strings and math)")
        if nn is not None and nn.type != "package_identifier":
            checker.unsupported(nn, f"import {text_of(nn)} (dot and blank imports)")
        name = text_of(nn) if nn is not None else path
        obj = PkgObj(name, path, nn or pn)
        checker.declare(checker.pkg_scope, name, obj, nn or pn)
        out.append(obj)
    return out


def check_used(checker: "PackageChecker", pkgs: list[PkgObj]) -> None:
    """Go refuses an unused import: `"strconv" imported and not used`."""
    for p in pkgs:
        if not p.used:
            at = p.node if p.name == p.path else p.node.parent or p.node
            msg = f'"{p.path}" imported and not used' if p.name == p.path else f'"{p.path}" imported as {p.name} and not used'
            checker.err(pos_of(at), msg)
