"""The Rust front end's syntax tree: the subset of SUBSET.md, nothing more.

`parse.py` builds it from tree-sitter's concrete tree (re-parsing the token
trees of `vec!` and `println!`), `typeck.py` annotates it (`ty` on every
expression, plus the adjustments rustc would insert: auto-deref, auto-ref,
deref coercions) and `lower.py` turns it into the shared IR with ownership
and drops made explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Pos = tuple[int, int]


@dataclass(eq=False)
class Node:
    pos: Pos
    # Filled by the type checker.
    ty: Any = field(default=None, init=False, repr=False)


# ---- types as written ---------------------------------------------------------


@dataclass(eq=False)
class TypeExpr(Node):
    pass


@dataclass(eq=False)
class TPath(TypeExpr):
    """`i64`, `Vec<T>`, `Box<T>`, `Self`, `Node`, `_`."""

    name: str
    args: list[TypeExpr]


@dataclass(eq=False)
class TRef(TypeExpr):
    mutable: bool
    inner: TypeExpr


@dataclass(eq=False)
class TTuple(TypeExpr):
    elems: list[TypeExpr]


@dataclass(eq=False)
class TArray(TypeExpr):
    elem: TypeExpr
    length: "Expr"


@dataclass(eq=False)
class TSlice(TypeExpr):
    elem: TypeExpr


def rewrite_type(t: TypeExpr, sub: Any) -> TypeExpr:
    """`t` with every type expression for which `sub` returns a replacement
    replaced, the others walked into (changed in place)."""
    r = sub(t)
    if r is not None:
        return r
    if isinstance(t, TPath):
        t.args = [rewrite_type(a, sub) for a in t.args]
    elif isinstance(t, TRef):
        t.inner = rewrite_type(t.inner, sub)
    elif isinstance(t, (TSlice, TArray)):
        t.elem = rewrite_type(t.elem, sub)
    elif isinstance(t, TTuple):
        t.elems = [rewrite_type(e, sub) for e in t.elems]
    return t


# ---- patterns -------------------------------------------------------------------


@dataclass(eq=False)
class Pattern(Node):
    pass


@dataclass(eq=False)
class PIdent(Pattern):
    name: str
    mutable: bool = False
    by_ref: bool = False


@dataclass(eq=False)
class PWild(Pattern):
    pass


@dataclass(eq=False)
class PTuple(Pattern):
    elems: list[Pattern]


@dataclass(eq=False)
class PSome(Pattern):
    inner: Pattern


@dataclass(eq=False)
class PNone(Pattern):
    pass


@dataclass(eq=False)
class PLit(Pattern):
    value: "Lit"


@dataclass(eq=False)
class PRef(Pattern):
    """`&x` in a closure parameter or `for` pattern."""

    inner: Pattern


@dataclass(eq=False)
class POr(Pattern):
    alts: list[Pattern]


@dataclass(eq=False)
class PVariant(Pattern):
    """An enum variant: `List::Nil`, `Cons(x, rest)`, `Message::Move { x, y: 0, .. }`.
    A bare `Nil` parses as a PIdent; the type checker turns it into this."""

    path: list[str]
    kind: str                                   # "unit", "tuple", "struct"
    elems: list[Pattern] = field(default_factory=list)
    fields: list[tuple[str, Pattern]] = field(default_factory=list)
    rest: bool = False                          # `..`


@dataclass(eq=False)
class PRange(Pattern):
    lo: "Lit"
    hi: "Lit"
    inclusive: bool


# ---- expressions ----------------------------------------------------------------


@dataclass(eq=False)
class Expr(Node):
    pass


@dataclass(eq=False)
class Lit(Expr):
    kind: str  # "int", "float", "bool", "char", "str"
    value: Any
    suffix: str | None = None


@dataclass(eq=False)
class Path(Expr):
    """`x`, `Vec::new`, `Self::new`, `None`, `ROWS`, `Vec::<i64>::new`."""

    segments: list[str]
    generics: list[TypeExpr] = field(default_factory=list)


@dataclass(eq=False)
class Call(Expr):
    func: Expr
    args: list[Expr]


@dataclass(eq=False)
class MethodCall(Expr):
    receiver: Expr
    method: str
    args: list[Expr]
    turbofish: list[TypeExpr] = field(default_factory=list)
    method_pos: Pos = (0, 0)


@dataclass(eq=False)
class Field(Expr):
    base: Expr
    name: str  # a field name or a tuple index ("0")


@dataclass(eq=False)
class Index(Expr):
    base: Expr
    index: Expr


@dataclass(eq=False)
class Unary(Expr):
    op: str  # "-", "!", "*"
    x: Expr


@dataclass(eq=False)
class Ref(Expr):
    mutable: bool
    x: Expr


@dataclass(eq=False)
class Binary(Expr):
    op: str
    left: Expr
    right: Expr
    op_pos: Pos = (0, 0)


@dataclass(eq=False)
class Assign(Expr):
    target: Expr
    value: Expr


@dataclass(eq=False)
class CompoundAssign(Expr):
    op: str  # "+", "-", ...
    target: Expr
    value: Expr


@dataclass(eq=False)
class Cast(Expr):
    x: Expr
    to: TypeExpr


@dataclass(eq=False)
class Block(Expr):
    stmts: list["Stmt"]
    tail: Expr | None
    end_pos: Pos = (0, 0)
    unsafe: bool = False


@dataclass(eq=False)
class LetCond(Node):
    """`let PAT = EXPR` in `if let` / `while let`."""

    pattern: Pattern
    value: Expr


@dataclass(eq=False)
class If(Expr):
    cond: "Expr | LetCond"
    then: Block
    else_: "Expr | None"  # a Block or another If


@dataclass(eq=False)
class While(Expr):
    cond: "Expr | LetCond"
    body: Block
    label: str | None = None


@dataclass(eq=False)
class Loop(Expr):
    body: Block
    label: str | None = None


@dataclass(eq=False)
class For(Expr):
    pattern: Pattern
    iter: Expr
    body: Block
    label: str | None = None


@dataclass(eq=False)
class Arm(Node):
    pattern: Pattern
    guard: Expr | None
    body: Expr


@dataclass(eq=False)
class Match(Expr):
    scrutinee: Expr
    arms: list[Arm]


@dataclass(eq=False)
class Break(Expr):
    label: str | None
    value: Expr | None


@dataclass(eq=False)
class Continue(Expr):
    label: str | None


@dataclass(eq=False)
class Return(Expr):
    value: Expr | None


@dataclass(eq=False)
class Tuple(Expr):
    elems: list[Expr]


@dataclass(eq=False)
class Array(Expr):
    elems: list[Expr]


@dataclass(eq=False)
class ArrayRepeat(Expr):
    elem: Expr
    count: Expr


@dataclass(eq=False)
class StructLit(Expr):
    name: str
    fields: list[tuple[str, Expr, Pos]]
    base: "Expr | None" = None      # `..other`: the fields not given come from it


@dataclass(eq=False)
class ClosureParam(Node):
    pattern: Pattern
    type: TypeExpr | None


@dataclass(eq=False)
class Closure(Expr):
    params: list[ClosureParam]
    ret: TypeExpr | None
    body: Expr
    is_move: bool = False


@dataclass(eq=False)
class Range(Expr):
    lo: Expr | None
    hi: Expr | None
    inclusive: bool


@dataclass(eq=False)
class VecMacro(Expr):
    """`vec![a, b]` (`elems`) or `vec![x; n]` (`repeat`)."""

    elems: list[Expr]
    repeat: tuple[Expr, Expr] | None = None
    text: str = ""


@dataclass(eq=False)
class PrintMacro(Expr):
    """`println!` / `print!`: format pieces ("{}", "{:?}" or literal text)."""

    pieces: list[str]
    args: list[Expr]
    newline: bool = True
    stderr: bool = False   # eprintln!/eprint!: unbuffered stderr, no stdout buffer


@dataclass(eq=False)
class FormatMacro(Expr):
    """`format!`: the pieces of a print (holes are fmtspec.Hole), into a new String."""

    pieces: list[str]
    args: list[Expr]


@dataclass(eq=False)
class WriteMacro(Expr):
    """`write!(f, ...)` / `writeln!(f, ...)` into a `&mut fmt::Formatter` (display.py)."""

    dest: Expr
    pieces: list[str]
    args: list[Expr]


@dataclass(eq=False)
class Try(Expr):
    """`x?` (display.py: on the `fmt::Result` of a write)."""

    x: Expr


@dataclass(eq=False)
class AssertFail(Expr):
    """The failing branch of `assert!`/`assert_eq!`/`assert_ne!` (asserts.py)."""

    kind: str                   # "assert", "eq", "ne"
    args: list[Expr]            # eq/ne: `left_val`, `right_val` (references)
    message: str | None
    text: str                   # assert!: the condition as written


@dataclass(eq=False)
class PanicMacro(Expr):
    message: str


# ---- statements and items ------------------------------------------------------


@dataclass(eq=False)
class Stmt(Node):
    pass


@dataclass(eq=False)
class Let(Stmt):
    pattern: Pattern
    type: TypeExpr | None
    init: Expr | None


@dataclass(eq=False)
class ExprStmt(Stmt):
    expr: Expr
    semi: bool


@dataclass(eq=False)
class Param(Node):
    pattern: Pattern
    type: TypeExpr


@dataclass(eq=False)
class FnDecl(Node):
    name: str
    params: list[Param]
    ret: TypeExpr | None
    body: Block
    self_kind: str | None = None  # "self", "&self", "&mut self"
    self_mut: bool = False        # `mut self`
    self_pos: Pos = (0, 0)
    impl_type: str | None = None
    name_pos: Pos = (0, 0)
    end_pos: Pos = (0, 0)
    trait: str | None = None      # `impl Trait for T`: the trait, as written (`fmt::Display`)
    generics: list[tuple[str, list[str]]] = field(default_factory=list)  # generics.py
    impl_args: list[str] = field(default_factory=list)  # `impl<T> Point<T>`: the type's arguments


@dataclass(eq=False)
class StructDecl(Node):
    name: str
    fields: list[tuple[str, TypeExpr]]
    kind: str  # "named", "tuple", "unit"
    derives: set[str] = field(default_factory=set)
    generics: list[str] = field(default_factory=list)  # `struct Point<T>` (generic_structs.py)


@dataclass(eq=False)
class TraitDecl(Node):
    """`trait Summary { fn summarize(&self) -> String; fn hi(&self) { ... } }`:
    a required method has `body` None."""

    name: str
    methods: list["FnDecl"]


@dataclass(eq=False)
class ImplDecl(Node):
    """`impl Trait for Type { ... }` (its methods are also in `Crate.fns`)."""

    trait: str
    type_name: str
    methods: list["FnDecl"]
    assoc: dict[str, TypeExpr] = field(default_factory=dict)   # `type Target = T;` (Deref)


@dataclass(eq=False)
class VariantDecl(Node):
    name: str
    kind: str                                   # "unit", "tuple", "struct"
    fields: list[tuple[str, TypeExpr]]
    discr: "Expr | None" = None


@dataclass(eq=False)
class EnumDecl(Node):
    name: str
    variants: list[VariantDecl]
    derives: set[str] = field(default_factory=set)


@dataclass(eq=False)
class ConstDecl(Node):
    name: str
    type: TypeExpr
    value: Expr


@dataclass(eq=False)
class Crate:
    file: str
    source: str
    fns: list[FnDecl]
    structs: list[StructDecl]
    consts: list[ConstDecl]
    uses: list[tuple[str, Pos]]
    enums: list[EnumDecl] = field(default_factory=list)
    traits: list[TraitDecl] = field(default_factory=list)
    impls: list[ImplDecl] = field(default_factory=list)
