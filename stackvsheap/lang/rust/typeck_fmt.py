"""Type checking of `format!`: its arguments are checked like a print's."""

from __future__ import annotations

from ..types import Type
from . import ast as A
from .rtypes import STRING, IterT, RangeT, find


class FmtCheck:
    def c_FormatMacro(self, e: A.FormatMacro, expected: Type | None) -> Type:
        for a in e.args:
            t = self.check(a, None)  # type: ignore[attr-defined]
            if isinstance(find(t), (IterT, RangeT)):
                self.unsupported("formatting an iterator or range", a.pos)  # type: ignore[attr-defined]
        return STRING
