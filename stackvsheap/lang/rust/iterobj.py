"""An iterator as a runtime value (a chain kept in a variable, the hidden
iterator of a `for` loop over an adapter chain, the argument of
`zip`/`chain`): the specs the runtime (sim/rust/pipeline.py) builds the
pipeline from and consumes it with. The value itself is one opaque cell of
type `IterT` (rtypes.py); dropping it drops what a `vec::IntoIter` source
still owns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..types import Type


@dataclass(eq=False)
class Stage:
    """One step of a pipeline: a source or an adapter, with its operands.

    kind: "range", "range_incl", "slice", "vec_into", "array_into", "object"
    (a pipeline value), or an adapter: "map", "filter", "enumerate", "zip",
    "chain", "rev", "take", "skip", "step_by". `item` is the item type after
    the step; `nargs` how many of the intrinsic's operands it takes (a
    closure, a count, or a sub-pipeline for zip/chain).
    """

    kind: str
    item: Type
    nargs: int
    elem: Type | None = None        # source element type
    length: int = 0                 # array sources: the element count
    borrow_kind: str = "vec"        # slice sources: "vec", "slice" or "array" operand
    what: str = ""                  # text sources: the str method and its pattern kind ("split:char")


@dataclass(eq=False)
class PipeSpec:
    stages: list[Stage] = field(default_factory=list)


@dataclass(eq=False)
class ConsumeSpec:
    """A consumer: "sum", "count", "collect", "fold", "any", "all", "max",
    "min", "position", "find", "last", "collect_string", "for_each"."""

    terminal: str
    item: Type
    result: Type
    in_place: bool = False
    maybe_in_place: bool = False    # an iterator value: in place if it is an owning chain
