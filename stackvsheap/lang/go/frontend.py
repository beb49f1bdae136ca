"""The Go front end: source text -> typed, lowered `ir.Program`.

`parse_go(source, file)` parses with tree-sitter-go, type-checks the subset
(SUBSET.md), lowers it to the shared IR and runs the escape analysis
(`escape.analyze`) when that module is present, then the slice pass
(`slicepass.run`: cmd/compile/internal/slice and ssagen's choice of append
backing stores). Every problem is reported as `ir.UnsupportedError` with the
`line:col` the Go compiler would print.

Modules:
  scope.py     objects, scopes, operands, tree-sitter position helpers
  gotypes.py   Go type identity/assignability/defaults over the shared types
  constant.py  exact constant arithmetic, literal parsing, -m style printing
  exprs.py     expressions, conversions, builtins, composite literals
  stmts.py     statements, loops, function bodies, closures
  package.py   package-level declarations, methods, globals and init order
  capture.py   by-value / by-reference closure captures (escape.go's rule)
  exprfmt.py   expression text as cmd/compile's -m messages print it
  walk.py      generic IR traversal
  slicepass.py append backing stores: move2heap, stack stores, growsliceBuf

Conventions the simulator and the escape analysis rely on:

* Hidden temporaries are `Var`s whose name starts with "." (`.range`,
  `.len`, `.i`, `.next`, `.r`, `.t`): locals of the function, declared with
  `Decl` like any other, never sites.
* `for k, v := range x {body}` lowers to
  `Block([Decl(.range, x)?, Decl(.len, ...)?, ..., Decl(.i, 0),
  Loop(cond=.i < len, body=Block([Decl(k, .i), Decl(v, x[.i]), *body]),
  post=OpAssign(.i, "+", 1))])`. The range expression is evaluated once (an
  array with a value variable is copied into `.range`; an array or integer
  with a constant length is not evaluated at all). Strings iterate runes:
  the body starts with `AssignTuple([.r, .next], Intrinsic("decode_rune",
  [.range, .i]))` (type `(rune, int)`, runtime.decoderune: the rune at byte
  .i and the index after it; invalid UTF-8 gives (0xFFFD, .i+1)) and the
  post statement is `Assign([.i], [.next])`.
* Methods are `Func`s named by the method (`Scale`) with
  `receiver="Vec"`, the receiver as first parameter; `Program.funcs` keys
  them `"Vec.Scale"`. Closures are named like the compiler's
  (`f.func1`, nested `f.func1.1`; package level `glob..func1`).
* Named results are locals declared by `Decl(r, None)` at the top of the
  body; a bare `return` returns `VarRef`s to them. When a closure captures a
  named result or its address is taken, `return a, b` becomes
  `Block([Assign([r1, r2], [a, b]), Return([r1, r2])])` (visible through the
  pointer). `return f()` with several results lowers to
  `Block([DeclTuple([.r, .r], f()), Return([.r, .r])])`.
* A three-clause loop's `per_iter` lists every variable its init declares;
  range loops have none (their variables are `Decl`s in the body).
  `capture.py` and the escape analysis apply loopvar's rule (a variable is
  per-iteration only if captured or address-taken outside a `return`).
* Void calls have type `UNIT`; multi-value calls a `TupleType(rust=False)`.
* `s += t` on strings is `Assign([s], [Concat(site, [s, t])])` whose site
  is `silent` and "heap" (the compiler gives it no verdict: walk rewrites it
  after escape analysis, and it always uses the heap).
* Array and struct literals are `CompositeLit` with one element per member
  (missing ones `Zero`); an array literal with no elements is `Zero(T)`.
  `[]*T{{...}}` elements are `Alloc` sites (`&T{...}` at the `{`).
* Go string constants are Python `str`; bytes that are not UTF-8 are lone
  surrogates (`s.encode("utf-8", "surrogateescape")` gives the bytes).
* `Var.addr_taken` / `Var.captured` are set on the variable as declared
  (for a variable used inside closures, the closure's `Capture.inner` vars
  map back to it); never on globals.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

from tree_sitter import Language, Node, Parser

from .. import ir
from .scope import pos_of, text_of

_PARSER: Parser | None = None


def _parser() -> Parser:
    global _PARSER
    if _PARSER is None:
        import tree_sitter_go

        _PARSER = Parser(Language(tree_sitter_go.language()))
    return _PARSER


_KEYWORDS = {
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
    "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
    "struct", "switch", "type", "var",
}


def _describe_token(n: Node) -> str:
    t = text_of(n)
    if n.type in ("identifier", "field_identifier", "type_identifier", "package_identifier", "label_name"):
        return f"name {t}"
    if n.type.endswith("literal"):
        return f"literal {t}"
    if t in _KEYWORDS:
        return f"keyword {t}"
    if t == "\n" or not t.strip():
        return "newline"
    return t


def _first_leaf(n: Node) -> Node | None:
    while n.child_count:
        n = n.children[0]
    return n


def _find_syntax_error(root: Node) -> tuple[str, tuple[int, int]] | None:
    if not root.has_error:
        return None
    stack = [root]
    while stack:
        n = stack.pop()
        if n.is_missing:
            what = n.type if n.type.strip() else "token"
            return f"syntax error: missing {what}", pos_of(n)
        if n.type == "ERROR":
            leaf = _first_leaf(n)
            if leaf is not None and text_of(leaf) == "else":
                # `}` then `else` on the next line: Go ends the if statement at the newline
                return "syntax error: unexpected keyword else, expected }", pos_of(leaf)
            if leaf is not None and leaf is not n:
                return f"syntax error: unexpected {_describe_token(leaf)}", pos_of(leaf)
            return f"syntax error: unexpected {_describe_token(n) if text_of(n) else 'token'}", pos_of(n)
        if n.has_error:
            stack.extend(reversed(n.children))
    return "syntax error", (1, 1)


# Go's lexer ends a line with a semicolon after these tokens (spec "Semicolons");
# tree-sitter-go does not, so it accepts code the compiler rejects, like a `{`
# alone on the line after `for ...` or a missing comma before `)`.
_ASI_WORDS = {"break", "continue", "fallthrough", "return", "++", "--", ")", "]", "}",
              "true", "false", "nil", "iota"}
_ASI_KINDS = {"identifier", "field_identifier", "type_identifier", "package_identifier", "label_name",
              "blank_identifier", "int_literal", "float_literal", "imaginary_literal", "rune_literal",
              "interpreted_string_literal", "raw_string_literal", "true", "false", "nil", "iota"}
# Where a statement (or spec, or field) may end with that semicolon.
_LIST_PARENTS = {"statement_list", "block", "source_file", "var_spec_list", "const_declaration",
                 "type_declaration", "import_spec_list", "field_declaration_list", "interface_type",
                 "expression_case", "default_case", "type_case", "communication_case", "var_declaration",
                 "import_declaration"}


def _leaves(root: Node) -> list[Node]:
    """Tokens in source order (string and rune literals as one token), no comments."""
    out: list[Node] = []
    stack = [root]
    while stack:
        n = stack.pop()
        if n.type == "comment":
            continue
        if n.child_count == 0 or n.type in ("interpreted_string_literal", "raw_string_literal", "rune_literal"):
            out.append(n)
        else:
            stack.extend(reversed(n.children))
    return out


def _ends_statement(t: Node) -> bool:
    a: Node | None = t
    while a is not None and a.end_byte == t.end_byte:
        p = a.parent
        if p is None or p.type in _LIST_PARENTS:
            return True
        a = p
    return False


def _asi_error(root: Node, data: bytes) -> tuple[str, tuple[int, int]] | None:
    leaves = _leaves(root)
    lines = data.split(b"\n")
    for t1, t2 in zip(leaves, leaves[1:]):
        if t2.start_point[0] <= t1.end_point[0]:
            continue
        triggers = t1.type in _ASI_KINDS or (t1.child_count == 0 and text_of(t1) in _ASI_WORDS)
        if not triggers or _ends_statement(t1):
            continue
        row = t1.end_point[0]
        line = lines[row] if row < len(lines) else b""
        nl = (row + 1, len(line.rstrip(b"\r")) + 1)
        parent = t2.parent
        ptype = parent.type if parent is not None else ""
        if text_of(t2) == "{" and parent is not None and parent.type == "block":
            owner = parent.parent.type if parent.parent is not None else ""
            if owner in ("function_declaration", "method_declaration", "func_literal"):
                return "syntax error: unexpected semicolon or newline before {", pos_of(t2)
            if owner == "for_statement":
                return "syntax error: unexpected newline, expected { after for clause", nl
            if owner == "if_statement":
                return "syntax error: unexpected newline, expected { after if clause", nl
        if ptype == "argument_list":
            return "syntax error: unexpected newline in argument list; possibly missing comma or )", nl
        if ptype == "parameter_list":
            return "syntax error: unexpected newline in parameter list; possibly missing comma or )", nl
        if ptype == "literal_value":
            return "syntax error: unexpected newline in composite literal; possibly missing comma or }", nl
        if text_of(t2) == "else":
            return "syntax error: unexpected keyword else, expected }", pos_of(t2)
        return "syntax error: unexpected newline", nl
    return None


def _run_escape(program: ir.Program) -> Any:
    try:
        spec = importlib.util.find_spec("stackvsheap.lang.go.escape")
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return
    try:
        escape = importlib.import_module("stackvsheap.lang.go.escape")
    except ImportError:
        return
    analyze = getattr(escape, "analyze", None)
    if analyze is not None:
        return analyze(program)
    return None


def _run_slicepass(program: ir.Program, analysis: Any) -> None:
    """cmd/compile/internal/slice (slicepass.py), after escape analysis. An
    internal error there only loses the optimisation: never fail parsing."""
    try:
        from .slicepass import run as run_slicepass
    except ImportError:
        return
    try:
        run_slicepass(program, analysis)
    except Exception:  # noqa: BLE001 - the program is still valid without it
        pass


# Checking recurses once per nesting level of the source (`a + b + c + ...` is
# nested too); Python's default limit of 1000 frames stops at ~300 levels.
_RECURSION_LIMIT = 12000


def parse_go(source: str, file: str = "<input>") -> ir.Program:
    """Parse, type-check and lower a Go file of the subset; run escape analysis."""
    old_limit = sys.getrecursionlimit()
    if old_limit < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        return _parse_go(source, file)
    finally:
        sys.setrecursionlimit(old_limit)


def _parse_go(source: str, file: str) -> ir.Program:
    checker: Any = None
    try:
        data = source.encode("utf-8", "surrogateescape")
        if b"\x00" in data:
            line = data[: data.index(b"\x00")].count(b"\n") + 1
            col = data.index(b"\x00") - (data.rfind(b"\n", 0, data.index(b"\x00")) + 1) + 1
            raise ir.UnsupportedError("invalid NUL character", (line, col), file)
        tree = _parser().parse(data)
        root = tree.root_node
        syn = _find_syntax_error(root)
        if syn is None:
            syn = _asi_error(root, data)
        if syn is not None:
            raise ir.UnsupportedError(syn[0], syn[1], file)
        from .package import PackageChecker

        checker = PackageChecker(root, source, file)
        program = checker.check()
        checker = None
        analysis = _run_escape(program)
        _run_slicepass(program, analysis)
        return program
    except ir.UnsupportedError as e:
        if not e.file:
            e.file = file
        raise
    except RecursionError:
        raise ir.UnsupportedError("unsupported: program nested too deeply", _where(checker), file) from None
    except Exception as e:  # never let anything but UnsupportedError out
        raise ir.UnsupportedError(f"internal error: {type(e).__name__}: {e}", _where(checker), file) from e


def _where(checker: Any) -> tuple[int, int]:
    n = getattr(checker, "cur_node", None) if checker is not None else None
    return pos_of(n) if n is not None else (1, 1)
