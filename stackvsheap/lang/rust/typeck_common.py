"""Shared records of the Rust type checker: bindings, fn signatures, loop and fn contexts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from ..types import (
    ArrayType, BoolType, CharType, FloatType, IntType, OptionType, StructType, TupleType, Type,
    UnitType,
)
from . import ast as A
from .rtypes import TVar, find


Pos = tuple[int, int]


_ALLOWED_USES = {
    "std::rc::Rc": "Rc", "std::mem": None, "std::mem::drop": None, "std::vec::Vec": None,
    "std::string::String": None, "std::boxed::Box": None, "std::fmt": None,
    "std::option::Option": None, "std::cell::RefCell": "RefCell", "std::cell::Cell": "Cell",
    "std::rc::Weak": "Weak", "std::fmt::Display": None, "std::fmt::Formatter": None,
    "std::fmt::Result": None, "std::num::ParseIntError": "ParseIntError", "std::ops::Deref": None,
    "std::ops::Add": None, "std::ops::Sub": None, "std::ops::Mul": None,
}


@dataclass(eq=False)
class Binding:
    """A local variable (let, pattern, for, parameter, closure parameter)."""

    name: str
    ty: Type
    mutable: bool
    pos: Pos
    owner: Any          # the FnDecl or Closure it belongs to
    kind: str = "let"   # "let", "param", "self", "pattern", "for", "closure_param"
    decl: Any = None    # the node that introduces it


@dataclass(eq=False)
class FnInfo:
    decl: A.FnDecl
    key: str
    params: list[Type]          # including self first, for methods
    ret: Type
    self_kind: str | None
    impl: StructType | None
    bindings: list[Binding] = field(default_factory=list)   # params, in order
    locals: list[Binding] = field(default_factory=list)     # every binding in the body


@dataclass(eq=False)
class LoopCtx:
    label: str | None
    break_ty: Type | None  # None: `while`/`for` (break carries no value)
    node: Any


@dataclass(eq=False)
class FnCtx:
    ret: Type
    owner: Any
    loops: list[LoopCtx] = field(default_factory=list)
    locals: list[Binding] = field(default_factory=list)


def _fmt(t: Type) -> str:
    return str(t)


def _plain_eq(t: Type) -> bool:
    """Options, tuples and `#[derive(PartialEq)]` structs and enums of plain
    scalars: `==` is equality of every leaf (an enum's inactive fields are zero)."""
    t = find(t)
    if isinstance(t, OptionType):
        return _plain_eq(t.inner)
    if isinstance(t, TupleType):
        return all(_plain_eq(x) for x in t.elems)
    if isinstance(t, StructType) and t.rust:
        return "PartialEq" in getattr(t, "derives", ()) and all(_plain_eq(ft) for _, ft in t.fields)
    return isinstance(t, (IntType, BoolType, CharType, UnitType, FloatType)) or \
        (isinstance(t, TVar) and t.kind in ("int", "float"))


def _leaf_count(t: Type) -> int:
    """How many cells a value of type t takes, without building its layout."""
    if isinstance(t, ArrayType):
        return t.length * _leaf_count(t.elem) if t.length else 0
    if isinstance(t, StructType):
        return sum(_leaf_count(ft) for _, ft in t.fields)
    if isinstance(t, TupleType):
        return sum(_leaf_count(e) for e in t.elems)
    if isinstance(t, OptionType):
        return _leaf_count(t.inner) + (0 if t.niche else 1)
    if isinstance(t, UnitType):
        return 0
    return 1


_VERB = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "calculate the remainder of"}


_NUM_METHODS = {"abs", "min", "max", "pow", "signum", "sqrt", "floor", "ceil", "round", "trunc", "powi",
                "wrapping_add", "wrapping_sub", "wrapping_mul"}
